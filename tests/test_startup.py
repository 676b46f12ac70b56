"""What a command loads at start: the commands run many times a day stay light."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# Modules that a cache hit of status, today or check must never load.
HEAVY = ("pydantic", "yaml", "fpdf", "icalendar", "dateparser", "rich", "fhir", "babel.numbers")
PROBE = """
import json, sys
sys.argv = ["infuseprep", *json.loads(sys.argv[1])]
from infuseprep.cli import main
try:
    main()
except SystemExit:
    pass
sys.stderr.write("LOADED " + json.dumps(sorted(
    name for name in sys.modules if name.split(".")[0] in {h.split(".")[0] for h in HEAVY}
)) + "\\n")
""".replace("HEAVY", repr(HEAVY))


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
    assert loaded_by(arguments, home) == []
