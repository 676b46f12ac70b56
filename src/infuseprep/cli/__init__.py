"""The command line: parse, call the core, hand the result to a renderer, exit in one place.

Each command group lives in a module of its own; importing them registers their commands, in
the order ``--help`` lists them.
"""

import os
import sys
from pathlib import Path

from infuseprep.cli import appointment, checklists, output, profile, steps
from infuseprep.cli.common import app, quiet_stdout

__all__ = ["app", "appointment", "checklists", "main", "output", "profile", "steps"]


def main() -> None:
    if sys.stdout is None:  # started with stdout closed (">&-"): write nowhere, quietly
        sys.stdout = Path(os.devnull).open("w")  # noqa: SIM115 - it lives as long as the process
    try:
        app(prog_name="infuseprep")
    finally:
        # What is still buffered goes out now, not at shutdown, where a reader that went away
        # (as with "| head -1") would print a warning and change the exit code.
        try:
            sys.stdout.flush()
        except (OSError, ValueError):
            quiet_stdout()
