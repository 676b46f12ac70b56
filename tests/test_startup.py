"""What a command loads at start: the commands run many times a day stay light."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# Libraries that a cache hit of status, today or check must never load: they serve other
# commands (PDF, calendar, validation) or are read once into the cache (Babel's CLDR data).
HEAVY = (
    "pydantic",
    "yaml",
    "fpdf",
    "icalendar",
    "dateparser",
    "rich",
    "fhir",
    "babel",
    "segno",
    "pyphen",
    "textstat",
    # Typer: the daily commands' plain forms run without it (cli.daily).
    "typer",
    "dataclasses",
)
# infuseprep's own modules that those commands do not use: the YAML reader (the cache answers)
# and the other command groups.
UNUSED = (
    "infuseprep.yamlsafe",
    "infuseprep.validation",
    "infuseprep.cli.appointment",
    "infuseprep.cli.output",
    "infuseprep.cli.profile",
    "infuseprep.cli.checklists",
    "infuseprep.cli.steps",
)
PROBE = """
import json, sys
sys.argv = ["infuseprep", *json.loads(sys.argv[1])]
from infuseprep.cli import main
try:
    main()
except SystemExit:
    pass
sys.stderr.write("LOADED " + json.dumps(sorted(
    name for name in sys.modules
    if name.split(".")[0] in HEAVY or name in UNUSED
)) + "\\n")
""".replace("HEAVY", repr(HEAVY)).replace("UNUSED", repr(UNUSED))


def loaded_by(arguments: list[str], home: Path) -> list[str]:
    env = {**os.environ, "INFUSEPREP_HOME": str(home), "COLUMNS": "80"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(arguments)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    line = next(line for line in result.stderr.splitlines() if line.startswith("LOADED "))
    return json.loads(line.removeprefix("LOADED "))  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    "arguments",
    [["status"], ["status", "--json"], ["today"], ["check", "pack-snack"], ["--help"]],
)
def test_a_cache_hit_loads_no_heavy_library(arguments: list[str], home: Path) -> None:
    loaded_by(["status"], home)  # fills the caches
    loaded_by(arguments, home)
    loaded = loaded_by(arguments, home)
    if arguments == ["--help"]:  # the list of commands: Typer and every command group
        loaded = [name for name in loaded if name.split(".")[0] != "typer"]
        loaded = [name for name in loaded if not name.startswith("infuseprep.cli.")]
    assert loaded == []


def test_each_command_is_registered_by_the_module_the_table_names() -> None:
    """A run loads only its command's module (cli.COMMAND_MODULES): the table must be right."""
    import importlib

    from infuseprep.cli import COMMAND_MODULES, HELP_ORDER
    from infuseprep.cli.common import app

    registered: dict[str, str] = {}
    for module in sorted(set(COMMAND_MODULES.values())):
        importlib.import_module(f"infuseprep.cli.{module}")
    for info in app.registered_commands:
        registered[str(info.name)] = info.callback.__module__.rsplit(".", 1)[-1]  # type: ignore[union-attr]
    for group in app.registered_groups:
        assert group.typer_instance is not None
        first = group.typer_instance.registered_commands[0].callback
        registered[str(group.name)] = first.__module__.rsplit(".", 1)[-1]  # type: ignore[union-attr]
    assert registered == COMMAND_MODULES
    assert sorted(HELP_ORDER) == sorted(info.name for info in app.registered_commands)


def _modules_while_completing(typed: str, home: Path) -> set[str]:
    """The modules a completion request for ``typed`` (bash) imports."""
    env = {
        **os.environ,
        "INFUSEPREP_HOME": str(home),
        "_INFUSEPREP_COMPLETE": "complete_bash",
        "COMP_WORDS": typed,
        # The word being completed: after the last space, or the last one typed.
        "COMP_CWORD": str(len(typed.split()) - (0 if typed.endswith(" ") else 1)),
    }
    probe = (
        "import sys\n"
        "from infuseprep.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write(' '.join(sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True
    )
    return set(result.stderr.split())


@pytest.mark.parametrize(
    ("typed", "module"),
    [
        ("infuseprep check pack-snack --note ", "steps"),
        ("infuseprep --profile mum show ", "checklists"),
    ],
)
def test_completion_loads_only_the_command_typed(typed: str, module: str, home: Path) -> None:
    loaded = {
        name.removeprefix("infuseprep.cli.")
        for name in _modules_while_completing(typed, home)
        if name.startswith("infuseprep.cli.")
    }
    assert loaded & {"steps", "appointment", "output", "profile", "checklists"} == {module}


@pytest.mark.parametrize("typed", ["infuseprep check ", "infuseprep --profile mum uncheck pa"])
def test_tab_after_a_step_command_loads_no_typer(typed: str, home: Path) -> None:
    """It runs on every Tab press: like status, it imports neither Typer nor a command group
    (nor YAML, once the checklists are cached by the first press)."""
    _modules_while_completing(typed, home)
    loaded = _modules_while_completing(typed, home)
    from infuseprep.cli import COMMAND_MODULES

    groups = {f"infuseprep.cli.{module}" for module in COMMAND_MODULES.values()}
    assert {"typer", "yaml", "rich", *groups} & loaded == set()
