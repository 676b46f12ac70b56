"""Tab completion in bash, zsh and fish, through the real entry point, as a shell calls it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ENTRY = [sys.executable, "-c", "from infuseprep.cli import main; main()"]


def complete(
    home: Path, shell: str, words: str, entry: list[str] = ENTRY, **env: str
) -> subprocess.CompletedProcess[str]:
    variables = {
        **os.environ,
        "INFUSEPREP_HOME": str(home),
        "_INFUSEPREP_COMPLETE": f"complete_{shell}",
    }
    if shell == "bash":
        variables |= {
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
        }
    else:
        variables |= {"_TYPER_COMPLETE_ARGS": words}
        if shell == "fish":
            variables["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    variables |= env
    return subprocess.run(entry, capture_output=True, text=True, env=variables, timeout=10)


def offered(home: Path, shell: str, words: str, **env: str) -> list[str]:
    result = complete(home, shell, words, **env)
    assert result.stderr == ""
    assert result.returncode == 0
    return result.stdout.split()


def run_cli(home: Path, *args: str) -> None:
    env = {**os.environ, "INFUSEPREP_HOME": str(home)}
    subprocess.run([*ENTRY, *args], env=env, capture_output=True, check=True)


def test_check_offers_the_open_steps_by_unique_item_id(home: Path) -> None:
    run_cli(home, "check", "light-meal/pack-snack")
    assert set(offered(home, "bash", "infuseprep check pack")) == {
        "pack-water",
        "pack-id-card",
        "pack-med-list",
        "pack-blanket",
        "pack-something-to-do",
    }
    # When no open step matches, the others are offered.
    assert offered(home, "bash", "infuseprep skip pack-sn") == ["pack-snack"]


def test_uncheck_offers_the_answered_steps(home: Path) -> None:
    run_cli(home, "check", "light-meal/pack-snack")
    assert offered(home, "bash", "infuseprep uncheck light-meal/") == ["light-meal/pack-snack"]
    assert "light-meal/eat-light-meal" in offered(home, "bash", "infuseprep uncheck light-meal/e")


def test_steps_for_another_medicine_are_not_offered(home: Path) -> None:
    """status leaves out steps for other medicines; Tab does too."""
    everything = offered(home, "bash", "infuseprep check ")
    assert "getting-there/plan-dates-anifrolumab" in everything
    run_cli(home, "appointment", "set", "2026-12-03", "--medication", "belimumab-iv", "--yes")
    for_belimumab = offered(home, "bash", "infuseprep check ")
    assert "getting-there/plan-dates-anifrolumab" not in for_belimumab
    assert "getting-there/plan-dates-belimumab" in for_belimumab


def test_the_language_and_person_typed_on_the_line_are_used(home: Path) -> None:
    english = complete(home, "fish", "infuseprep check pack-w").stdout
    spanish = complete(home, "fish", "infuseprep --lang es check pack-w").stdout
    assert english.startswith("pack-water\tPack a water bottle")
    assert spanish.startswith("pack-water\t") and spanish != english
    assert complete(home, "fish", "infuseprep check --lang es pack-w").stdout == spanish


def test_values_of_the_global_options_anywhere_on_the_line(home: Path) -> None:
    run_cli(home, "profile", "add", "mum")
    assert offered(home, "bash", "infuseprep status --profile m") == ["mum"]
    assert offered(home, "bash", "infuseprep check --lang ") == ["en", "es"]
    # bash splits "--profile=mum" at "="; the person is still mum.
    run_cli(home, "--profile", "mum", "check", "pack-water")
    result = complete(home, "bash", "infuseprep --profile = mum uncheck ")
    assert [step.rpartition("/")[2] for step in result.stdout.split()] == ["pack-water"]


def test_menu_help_is_one_line_with_typographic_quotes(home: Path) -> None:
    result = complete(home, "zsh", "infuseprep check insurance/ask-app")
    assert "doctor\u2019s office" in result.stdout
    assert "'" not in result.stdout.removeprefix("_arguments '").removesuffix("'\n")


def test_zsh_shows_each_step_with_its_text(home: Path) -> None:
    result = complete(home, "zsh", "infuseprep skip light-meal/eat")
    assert '"light-meal/eat-light-meal":"Eat a light meal before you go."' in result.stdout


def test_fish_offers_medicines_by_brand_and_generic_name(home: Path) -> None:
    result = complete(home, "fish", "infuseprep appointment set friday --medication gaz")
    assert result.stdout == "gazyva\tObinutuzumab (Gazyva), IV\n"
    assert "belimumab" in offered(
        home, "bash", "infuseprep appointment set friday --medication bel"
    )


def test_checklist_ids_profiles_and_formats(home: Path) -> None:
    assert offered(home, "bash", "infuseprep show light") == ["light-meal"]
    assert offered(home, "bash", "infuseprep print --format p") == ["pdf"]
    run_cli(home, "profile", "add", "mum")
    assert offered(home, "bash", "infuseprep --profile m") == ["mum"]


def test_an_unknown_profile_offers_nothing(home: Path) -> None:
    assert offered(home, "bash", "infuseprep --profile nobody check pa") == []


def test_a_damaged_progress_file_offers_nothing_and_prints_nothing(home: Path) -> None:
    (home / "progress.json").write_text("{not json", encoding="utf-8")
    assert offered(home, "bash", "infuseprep check pa") == []
    # "_files" is the word Typer's zsh script prints when it has nothing to offer.
    assert offered(home, "zsh", "infuseprep check pa") == ["_files"]


def test_a_broken_custom_checklist_offers_nothing(home: Path) -> None:
    folder = home / "checklists"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    assert offered(home, "bash", "infuseprep check pa") == []
    assert offered(home, "bash", "infuseprep show l") == []


# Typer's own way, for comparison: main without the quick answer (cli.offers).
TYPER_ENTRY = [
    sys.executable,
    "-c",
    "import sys\n"
    "from infuseprep import i18n\n"
    "from infuseprep.cli import _run\n"
    "from infuseprep.cli.argv import spoken_language\n"
    "i18n.use(spoken_language([]))\n"
    "sys.exit(_run([]))",
]
SHELLS = [("bash", ""), ("zsh", ""), ("fish", "get-args"), ("fish", "is-args")]
TAB_LINES = [
    "infuseprep check ",
    "infuseprep check pack",
    "infuseprep skip light-meal/",
    "infuseprep uncheck ",
    "infuseprep check zzz",
    "infuseprep check long",
    "infuseprep --profile mum check pa",
    "infuseprep check --profile=mum pa",
    "infuseprep --debug --lang es skip ",
    "infuseprep --lang ",
    "infuseprep --profile ",
]
ODD_TEXT = (
    'Bring the "blue" [big] folder: $5 in `cash`, it\'s for parking, and a long explanation '
    "that runs well past one line of a completion menu."
)


def _both_ways(home: Path, shell: str, action: str, words: str) -> list[tuple[str, int]]:
    env = {"_TYPER_COMPLETE_FISH_ACTION": action} if action else {}
    quick = complete(home, shell, words, **env)
    typer_way = complete(home, shell, words, TYPER_ENTRY, **env)
    return [(result.stdout, result.returncode) for result in (quick, typer_way)]


@pytest.fixture
def odd_home(home: Path) -> Path:
    run_cli(home, "check", "light-meal/pack-snack")
    folder = home / "checklists"
    folder.mkdir()
    (folder / "odd.yaml").write_text(
        "id: odd\ntitle: Odd\nitems:\n  - id: long-step\n    text: " + json.dumps(ODD_TEXT) + "\n",
        encoding="utf-8",
    )
    run_cli(home, "profile", "add", "mum")
    return home


@pytest.mark.parametrize("words", TAB_LINES)
def test_tab_after_a_step_command_answers_as_typer_does(odd_home: Path, words: str) -> None:
    """The quick answer (cli.offers) and Typer's, for each shell: the same words, the same code."""
    for shell, action in SHELLS:
        quick, typer_way = _both_ways(odd_home, shell, action, words)
        assert quick == typer_way, (shell, action)
