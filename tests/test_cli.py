"""The front door: version, help, list, show, and errors that never turn into tracebacks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from infuseprep import __version__
from infuseprep.catalog import bundled_dir
from infuseprep.catalog_files import checklist_files
from infuseprep.cli import app


def test_version(run) -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"infuseprep {__version__}\n"


def test_no_arguments_shows_help(run) -> None:
    result = run()
    assert result.exit_code == 2
    assert "Usage: infuseprep [OPTIONS] COMMAND [ARGS]..." in result.output


def test_every_command_and_option_has_help() -> None:
    """Groups too: the subcommands of "appointment" are checked like the others."""
    pending = [("infuseprep", typer.main.get_command(app))]
    checked = []
    while pending:
        name, command = pending.pop()
        assert command.help, f"{name} has no help"
        for parameter in command.params:
            assert getattr(parameter, "help", None), f"{name} {parameter.name} has no help"
        checked.append(name)
        subcommands = getattr(command, "commands", {})
        pending += [(f"{name} {sub}", child) for sub, child in subcommands.items()]
    assert {"infuseprep appointment set", "infuseprep appointment done", "infuseprep print"} <= (
        set(checked)
    )


def test_list_shows_every_bundled_checklist_with_its_source(run) -> None:
    result = run("list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "Title", "Steps", "From"]
    assert lines[1].split()[0] == "consultation"
    assert lines[1].split()[-2:] == ["11", "bundled"]
    count = len(checklist_files([bundled_dir()]))
    assert f"{count} checklists. To see one: infuseprep show ID" in lines
    assert f"Bundled checklists: {bundled_dir()}" in " ".join(lines)


def test_show_prints_steps_with_details(run) -> None:
    result = run("show", "light-meal")
    assert result.exit_code == 0
    assert result.stdout.startswith("Eat a light meal\n")
    assert "4. Eat a light meal before you go.\n" in result.stdout
    assert "When: morning of. Repeat: every visit. Id: light-meal/eat-light-meal" in result.stdout


def test_show_unknown_id_suggests_the_closest(run) -> None:
    result = run("show", "lab-wrok")
    assert result.exit_code == 1
    assert result.stderr == (
        'There is no checklist with the id "lab-wrok". Did you mean "lab-work"? '
        'Run "infuseprep list" to see them all.\n'
    )


@pytest.mark.parametrize(
    "command", [["list"], ["status"], ["today"], ["print"], ["start", "--checklist", "light-meal"]]
)
def test_a_broken_custom_file_is_skipped_with_one_warning(run, home: Path, command) -> None:
    folder = home / "checklists"
    folder.mkdir()
    (folder / "mine.yaml").write_text("id: mine\ntitel: Mine\nitems: []\n", encoding="utf-8")
    result = run(*command, input="q\n")
    assert result.exit_code == 0
    assert result.stderr == (
        f'{folder / "mine.yaml"}:2:1: unknown key "titel" in checklist; did you mean "title"?; '
        "skipped, run infuseprep validate\n"
    )
    if command[0] != "today":
        assert "light meal" in result.stdout.lower()
    validated = run("validate", str(folder))
    assert validated.exit_code == 1


def test_missing_checklist_folder_is_a_usage_error(run, tmp_path: Path) -> None:
    result = run("list", "--checklists", str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert result.stderr == f'The checklist folder "{tmp_path / "nowhere"}" does not exist.\n'


def test_schema_command_prints_the_published_schema(run) -> None:
    result = run("schema")
    assert result.exit_code == 0
    assert '"$schema": "http://json-schema.org/draft-07/schema#"' in result.stdout


def test_unexpected_errors_hide_the_traceback_unless_debug(
    run, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*_: object) -> None:
        raise RuntimeError("secret note: feeling awful")

    monkeypatch.setattr("infuseprep.catalog.load_catalog", explode)
    result = run("list")
    assert result.exit_code == 1
    assert result.stderr == (
        "infuseprep hit an unexpected problem (RuntimeError). Your files are untouched. Run the "
        "same command with --debug for details, and please report it.\n"
    )
    assert "secret" not in result.output
    debug = run("--debug", "list")
    assert isinstance(debug.exception, RuntimeError)


def test_module_entry_point_runs_as_a_real_process(tmp_path: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "infuseprep", "validate", str(tmp_path / "missing.yaml")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "INFUSEPREP_HOME": str(tmp_path), "NO_COLOR": "1"},
        check=False,
    )
    assert completed.returncode == 2
    assert "Traceback" not in completed.stderr
    assert "does not exist" in completed.stderr


SOURCED = """\
id: parking
title: Find parking
description: The garage fills up early.
source: Riverside parking page.
items:
  - id: garage
    text: Park in the garage.
    details: Level 2 is closest to the center.
    source: Riverside map, level 2.
    when: 7 days after
"""


def test_show_and_the_walk_give_each_source_on_a_line_of_its_own(run, tmp_path: Path) -> None:
    (tmp_path / "parking.yaml").write_text(SOURCED, encoding="utf-8")
    shown = run("show", "parking", "--checklists", str(tmp_path))
    assert shown.exit_code == 0
    assert "The garage fills up early.\nSource: Riverside parking page.\n" in shown.stdout
    assert (
        "   Level 2 is closest to the center.\n"
        "   Source: Riverside map, level 2.\n"
        "   When: 7 days after. Repeat: every visit. Id: parking/garage\n"
    ) in shown.stdout
    walked = run("start", "--checklists", str(tmp_path), "--checklist", "parking", input="?\nq\n")
    assert (
        "Level 2 is closest to the center.\nSource: Riverside map, level 2.\nWhen: 7 days after.\n"
    ) in walked.stdout


LOADING = (
    "import builtins, os, signal\n"
    "real = builtins.__import__\n"
    "def hooked(name, *args, **kwargs):\n"
    "    if name == MODULE:\n"
    "        os.kill(os.getpid(), signal.SIGINT)\n"
    "    return real(name, *args, **kwargs)\n"
    "builtins.__import__ = hooked\n"
    "from infuseprep.cli import main\n"
    "main()\n"
)
INTERRUPT_WHILE = {
    # Ctrl-C while Typer loads, before any command exists ("history" is read by Typer).
    "loading": (LOADING.replace("MODULE", "'typer'"), "history"),
    # Ctrl-C while a daily command, which runs without Typer, loads.
    "loading a daily command": (LOADING.replace("MODULE", "'infuseprep.cli.daily'"), "status"),
    # Ctrl-C while the command line is parsed and the global options are applied.
    "parsing": (
        "import os, signal\n"
        "from infuseprep import person\n"
        "from infuseprep.cli import main\n"
        "person.use = lambda chosen: os.kill(os.getpid(), signal.SIGINT)\n"
        "main()\n",
        "status",
    ),
}


@pytest.mark.parametrize("moment", sorted(INTERRUPT_WHILE))
def test_ctrl_c_before_a_command_starts_stops_in_words(tmp_path: Path, moment: str) -> None:
    code, command = INTERRUPT_WHILE[moment]
    completed = subprocess.run(
        [sys.executable, "-c", code, command],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "INFUSEPREP_HOME": str(tmp_path)},
        timeout=10,
        check=False,
    )
    assert (completed.returncode, completed.stdout, completed.stderr) == (130, "", "Stopped.\n")


def test_start_with_nothing_to_read_says_so_and_changes_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    completed = subprocess.run(
        [sys.executable, "-c", "from infuseprep.cli import main; main()", "start"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env={**os.environ, "INFUSEPREP_HOME": str(home), "COLUMNS": "80"},
        timeout=20,
        check=False,
    )
    assert (completed.returncode, completed.stderr) == (0, "")
    assert completed.stdout == (
        "Nothing was read from standard input, so no step was answered. Run infuseprep start "
        "in a terminal, or give one answer per line, for example: printf 'y\\nn\\nq\\n' | "
        "infuseprep start\n"
    )
    assert not (home / "progress.json").exists()
