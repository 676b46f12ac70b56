"""The generated CLI reference is current, and the README's commands exist."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import typer

from infuseprep.cli import app

PROJECT = Path(__file__).resolve().parents[1]
REFERENCE = PROJECT / "docs" / "cli.md"
REGENERATE = "typer infuseprep.cli utils docs --name infuseprep --output docs/cli.md"


def test_cli_reference_is_up_to_date(tmp_path: Path) -> None:
    fresh = tmp_path / "cli.md"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "typer",
            "infuseprep.cli",
            "utils",
            "docs",
            "--name",
            "infuseprep",
            "--output",
            str(fresh),
        ],
        check=True,
        capture_output=True,
    )
    assert fresh.read_text(encoding="utf-8") == REFERENCE.read_text(encoding="utf-8"), (
        f"docs/cli.md is out of date; regenerate it with: {REGENERATE}"
    )


def test_every_command_in_the_readme_exists() -> None:
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    group = typer.main.get_command(app)
    known = set(group.commands)  # type: ignore[attr-defined]
    used = set(re.findall(r"(?:\.venv/bin/|`)infuseprep (?:--profile \w+ )?([a-z]+)", readme))
    assert len(used) > 10
    assert used <= known, used - known
