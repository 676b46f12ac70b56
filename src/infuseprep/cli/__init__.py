"""The command line: parse, call the core, hand the result to a renderer, exit in one place.

Each command group lives in a module of its own; importing them registers their commands, in
the order ``--help`` lists them.
"""

import os
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import typer


def _stop_while_loading(signum: int, frame: object) -> None:
    """Ctrl-C while the command line loads: nothing has started, so stop at once, in words."""
    from infuseprep.i18n import _

    os.write(2, (_("Stopped.") + "\n").encode("utf-8", "replace"))
    os._exit(130)


# Loading Typer and the commands, then parsing the command line, takes a moment in which a
# Ctrl-C would end in a traceback. Nothing has started yet, so it simply stops; once a command
# starts, Ctrl-C is KeyboardInterrupt again and the command answers it (``common.command``).
_default = signal.signal(signal.SIGINT, _stop_while_loading)

from infuseprep.cli.argv import (  # noqa: E402
    COMPLETING,
    command_word,
    completed_command,
    global_options_first,
    spoken_language,
)

signal.signal(signal.SIGINT, _default)

# The order --help lists the commands in: the daily ones first, the clinic's last.
HELP_ORDER = (
    "start",
    "status",
    "today",
    "check",
    "uncheck",
    "skip",
    "reset",
    "history",
    "print",
    "calendar",
    "export",
    "profiles",
    "list",
    "show",
    "validate",
    "schema",
)

# The module that registers each command and command group. A run loads only the module of its
# command (Typer then builds only those commands): loading them all would cost every command
# the start-up time of all. tests/test_startup.py holds this table to what the modules register.
COMMAND_MODULES = {
    "start": "steps",
    "status": "steps",
    "today": "steps",
    "check": "steps",
    "uncheck": "steps",
    "skip": "steps",
    "reset": "steps",
    "appointment": "appointment",
    "history": "appointment",
    "print": "output",
    "calendar": "output",
    "export": "output",
    "profiles": "profile",
    "profile": "profile",
    "list": "checklists",
    "show": "checklists",
    "validate": "checklists",
    "schema": "checklists",
    "checklists": "checklists",
}

__all__ = ["COMMAND_MODULES", "app", "load_app", "main"]


def load_app(command: str | None = None) -> "typer.Typer":
    """The app with ``command`` registered, or every command when it is ``None`` or unknown
    (for --help, or to suggest a name). Help texts are read in the language in use when the
    command modules are imported, so ``main`` chooses the language first."""
    import importlib

    from infuseprep.cli.common import app

    wanted = COMMAND_MODULES.get(command or "")
    for module in sorted(set(COMMAND_MODULES.values())):
        if wanted in (None, module):
            importlib.import_module(f"infuseprep.cli.{module}")
    app.registered_commands.sort(key=lambda info: HELP_ORDER.index(str(info.name)))
    return app


def __getattr__(name: str) -> "typer.Typer":
    """``infuseprep.cli.app``, with every command, for tests and ``typer ... utils docs``."""
    if name == "app":
        return load_app()
    raise AttributeError(name)


def __dir__() -> list[str]:
    return sorted([*globals(), "app"])


def main() -> None:
    signal.signal(signal.SIGINT, _stop_while_loading)
    _tolerant_streams()
    if sys.stdout is None:  # started with stdout closed (">&-"): write nowhere, quietly
        sys.stdout = Path(os.devnull).open("w")  # noqa: SIM115 - it lives as long as the process
    arguments = global_options_first(sys.argv[1:])
    from infuseprep import i18n

    i18n.use(spoken_language(arguments))
    try:
        code = _daily(arguments)
        if code is None:
            from infuseprep.cli.saved_help import show_saved_help

            code = show_saved_help(arguments)
        if code is None:
            code = _run(arguments)
    finally:
        # What is still buffered goes out now, not at shutdown, where a reader that went away
        # (as with "| head -1") would print a warning and change the exit code.
        try:
            sys.stdout.flush()
        except (OSError, ValueError):
            from infuseprep.cli.context import quiet_stdout

            quiet_stdout()
    sys.exit(code)


def _daily(arguments: list[str]) -> int | None:
    """A daily command in its plain form, or Tab after a step command, answered without Typer
    (``cli.daily``, ``cli.offers``); ``None`` for anything else."""
    if COMPLETING in os.environ:
        from infuseprep.cli.offers import answer_quickly

        return answer_quickly()
    from infuseprep.cli.daily import run_daily

    return run_daily(arguments)


def _run(arguments: list[str]) -> int:
    """Run the command; a usage error Typer finds is written here, in the run's language."""
    import typer

    from infuseprep.cli.saved_help import help_screen
    from infuseprep.i18n import _

    try:
        command = completed_command() if COMPLETING in os.environ else command_word(arguments)
        app = load_app(command)
        screen = help_screen(arguments)
        if screen is not None and COMPLETING not in os.environ:
            return _help_kept(app, screen)
        result = app(args=arguments, prog_name="infuseprep", standalone_mode=False)
    except typer.Abort:
        sys.stderr.write(_("Aborted!") + "\n")
        return 1
    except typer.TyperException as error:
        from infuseprep.cli.usage import show_usage_error

        return show_usage_error(error)
    return result if isinstance(result, int) else 0


def _help_kept(app: "typer.Typer", screen: tuple[str, ...]) -> int:
    """Typer's help for ``screen``, printed and kept for the next time (``cli.saved_help``).

    It is asked for in the language of the run and for no one in particular: help is the same
    for everyone, so an unknown --profile does not stop it, the first time or any other."""
    import contextlib
    import io

    from infuseprep import i18n, person
    from infuseprep.cli.saved_help import keep_help

    asked = ["--lang", i18n.current(), "--profile", person.DEFAULT, *screen, "--help"]
    printed = io.StringIO()
    try:
        with contextlib.redirect_stdout(printed):
            result = app(args=asked, prog_name="infuseprep", standalone_mode=False)
    finally:
        sys.stdout.write(printed.getvalue())
    code = result if isinstance(result, int) else 0
    if code == 0:
        keep_help(screen, printed.getvalue())
    return code


def _tolerant_streams() -> None:
    """A character the locale cannot show comes out as "?" instead of stopping the command;
    bytes typed that are not text in it reach the checks as such, which refuse them."""
    import io

    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")
    if isinstance(sys.stdin, io.TextIOWrapper):
        sys.stdin.reconfigure(errors="surrogateescape")
