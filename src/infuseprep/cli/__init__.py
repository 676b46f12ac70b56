"""The command line: parse, call the core, hand the result to a renderer, exit in one place.

Each command group lives in a module of its own; importing them registers their commands, in
the order ``--help`` lists them.
"""

import os
import signal


def _stop_while_loading(signum: int, frame: object) -> None:
    """Ctrl-C while the command line loads: nothing has started, so stop at once, in words."""
    os.write(2, b"Stopped.\n")
    os._exit(130)


# Loading Typer and the commands, then parsing the command line, takes a moment in which a
# Ctrl-C would end in a traceback. Nothing has started yet, so it simply stops; once a command
# starts, Ctrl-C is KeyboardInterrupt again and the command answers it (``common.command``).
_default = signal.signal(signal.SIGINT, _stop_while_loading)

from infuseprep.cli import appointment, checklists, output, profile, steps  # noqa: E402
from infuseprep.cli.common import app, global_options_first  # noqa: E402

signal.signal(signal.SIGINT, _default)

__all__ = ["app", "appointment", "checklists", "main", "output", "profile", "steps"]


def main() -> None:
    import sys

    signal.signal(signal.SIGINT, _stop_while_loading)
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
