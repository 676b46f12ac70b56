"""The daily commands run without Typer (cli.daily) exactly as Typer runs them (cli.steps):
same output, same exit code, same answers saved; anything else is left to Typer."""

from __future__ import annotations

import json
import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest

from conftest import RIVERSIDE_VISIT
from infuseprep.cli.argv import global_options_first
from infuseprep.cli.daily import run_daily

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
FOLDER = "{folder}"

PLAIN_FORMS = [
    ["status"],
    ["status", "--json"],
    ["today"],
    ["check", "pack-snack"],
    ["check", "light-meal/pack-snack", "--note", "In the blue bag"],
    ["check", "--note=Ask for a warm blanket", "pack-blanket"],
    ["check", "pack-snack", "--note", "-"],
    ["skip", "pack-blanket"],
    ["uncheck", "ask-about-eating"],
    ["check", "nosuch"],
    ["check", "pack-snack", "--profile", "nobody"],
    ["--lang", "es", "today"],
    ["status", "--lang=es", "--json"],
    ["status", "--checklists", FOLDER],
    ["check", "clinic-step", "--checklists", FOLDER],
    ["--debug", "today"],
]
# What the plain forms do not cover: Typer reads these, and says what is wrong.
OTHER_FORMS = [
    ["status", "extra"],
    ["check"],
    ["check", "one", "two"],
    ["status", "-h"],
    ["today", "--help"],
    ["status", "--json=yes"],
    ["check", "pack-snack", "--note"],
    ["check", "pack-snack", "--note", "a", "--note", "b"],
    ["uncheck", "pack-snack", "--note", "x"],
    ["today", "--json"],
    ["status", "--checklists", "{file}"],
    ["status", "--", "x"],
    ["history"],
    ["--version"],
    [],
]


@pytest.fixture
def homes(tmp_path: Path, home: Path, run, monkeypatch: pytest.MonkeyPatch) -> list[Path]:  # type: ignore[no-untyped-def]
    """Two homes with the same visit and answers: one for each way of running a command."""
    monkeypatch.setattr("infuseprep.clock.now", lambda: NOW)
    assert run(*RIVERSIDE_VISIT).exit_code == 0
    assert run("check", "ask-about-eating", "--note", "Yes, a light meal").exit_code == 0
    # Paths of the same length, so that lines quoting them wrap alike.
    copies = [tmp_path / "one", tmp_path / "two"]
    for copy in copies:
        shutil.copytree(home, copy)
    return copies


def _forms(forms: list[list[str]], tmp_path: Path) -> list[list[str]]:
    folder = tmp_path / "clinic"
    folder.mkdir(exist_ok=True)
    (folder / "clinic.yaml").write_text(
        "id: clinic\ntitle: Clinic\nitems:\n  - id: clinic-step\n    text: Bring the card.\n",
        encoding="utf-8",
    )
    file = tmp_path / "a-file"
    file.write_text("", encoding="utf-8")
    return [[word.format(folder=folder, file=file) for word in form] for form in forms]


def _answers(home: Path) -> object:
    document = json.loads((home / "progress.json").read_text(encoding="utf-8"))
    journal = home / "progress.json.journal"
    return document["answers"], journal.read_text(encoding="utf-8") if journal.exists() else ""


@pytest.mark.parametrize("index", range(len(PLAIN_FORMS)))
def test_a_plain_form_runs_without_typer_as_typer_runs_it(
    index: int,
    homes: list[Path],
    run,
    tmp_path: Path,
    capsys,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    arguments = _forms(PLAIN_FORMS, tmp_path)[index]
    stdin = "Typed on stdin\n"
    monkeypatch.setenv("INFUSEPREP_HOME", str(homes[1]))
    by_typer = run(*arguments, input=stdin)
    monkeypatch.setenv("INFUSEPREP_HOME", str(homes[0]))
    monkeypatch.setattr(
        "sys.stdin", __import__("io").TextIOWrapper(__import__("io").BytesIO(stdin.encode()))
    )
    capsys.readouterr()
    code = run_daily(global_options_first(arguments))
    daily = capsys.readouterr()
    shown = (
        code,
        daily.out.replace(str(homes[0]), "HOME"),
        daily.err.replace(str(homes[0]), "HOME"),
    )
    expected = (
        by_typer.exit_code,
        by_typer.stdout.replace(str(homes[1]), "HOME"),
        by_typer.stderr.replace(str(homes[1]), "HOME"),
    )
    assert shown == expected
    assert _answers(homes[0]) == _answers(homes[1])


@pytest.mark.parametrize("index", range(len(OTHER_FORMS)))
def test_any_other_form_is_left_to_typer(index: int, home: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    arguments = _forms(OTHER_FORMS, tmp_path)[index]
    assert run_daily(global_options_first(arguments)) is None
    assert capsys.readouterr() == ("", "")
    assert not (home / "progress.json").exists()
