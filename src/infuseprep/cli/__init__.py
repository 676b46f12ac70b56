"""The command line: parse, call the core, hand the result to a renderer, exit in one place.

Each command group lives in a module of its own; importing them registers their commands, in
the order ``--help`` lists them.
"""

from infuseprep.cli import appointment, checklists, output, profile, steps
from infuseprep.cli.common import app, global_options_first

__all__ = ["app", "appointment", "checklists", "main", "output", "profile", "steps"]


def main() -> None:
    import sys

    _tolerant_streams()
    app(args=global_options_first(sys.argv[1:]), prog_name="infuseprep")


def _tolerant_streams() -> None:
    """A character the locale cannot show comes out as "?" instead of stopping the command;
    bytes typed that are not text in it reach the checks as such, which refuse them."""
    import io
    import sys

    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")
    if isinstance(sys.stdin, io.TextIOWrapper):
        sys.stdin.reconfigure(errors="surrogateescape")
