"""What every command shares: the app, the global options, the one error exit, common options."""

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer

from infuseprep import __version__
from infuseprep.errors import (
    EXIT_FAILURE,
    EXIT_INTERRUPTED,
    EXIT_OK,
    InfuseprepError,
    UsageProblem,
    describe_os_error,
)
from infuseprep.paths import use_profile

if TYPE_CHECKING:
    from collections.abc import Sequence

    from infuseprep.catalog import Catalog
    from infuseprep.progress import Appointment, Progress
    from infuseprep.store import ProgressStore

app = typer.Typer(
    name="infuseprep",
    help="Get ready for an IV infusion visit, one step at a time.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

_settings = {"debug": False}

Command = TypeVar("Command", bound=Callable[..., Any])

ChecklistDirs = Annotated[
    list[Path] | None,
    typer.Option(
        "--checklists",
        metavar="DIR",
        help="Also load the checklists in this folder (can be given more than once).",
        file_okay=False,
    ),
]


def fail(message: str, code: int) -> NoReturn:
    sys.stderr.write(message.rstrip("\n") + "\n")
    raise typer.Exit(code)


def command(name: str | None = None, group: typer.Typer = app) -> Callable[[Command], Command]:
    """Register a command whose errors become a message and an exit code, never a traceback."""

    def register(function: Command) -> Command:
        @functools.wraps(function)
        def run(*args: Any, **kwargs: Any) -> Any:
            try:
                return function(*args, **kwargs)
            except typer.Exit:
                raise
            except InfuseprepError as error:
                if _settings["debug"]:
                    raise
                fail(str(error), error.exit_code)
            except KeyboardInterrupt:
                if _settings["debug"]:
                    raise
                fail("Stopped.", EXIT_INTERRUPTED)
            except BrokenPipeError:
                quiet_stdout()
                raise typer.Exit(EXIT_OK) from None
            except OSError as error:
                if _settings["debug"]:
                    raise
                fail(describe_os_error(error), EXIT_FAILURE)
            except Exception as error:
                if _settings["debug"]:
                    raise
                fail(
                    f"infuseprep hit an unexpected problem ({type(error).__name__}). Your files "
                    "are untouched. Run the same command with --debug for details, and please "
                    "report it.",
                    EXIT_FAILURE,
                )

        group.command(name)(run)
        return function

    return register


def quiet_stdout() -> None:
    """The reader went away (as with "| head"): send what is left nowhere, without a warning."""
    import contextlib

    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _show_version(value: bool) -> None:
    if value:
        sys.stdout.write(f"infuseprep {__version__}\n")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the full error report when something fails.")
    ] = False,
    profile: Annotated[
        str | None,
        typer.Option(
            "--profile",
            metavar="NAME",
            envvar="INFUSEPREP_PROFILE",
            help="Keep separate progress for another person (a caregiver preparing for two).",
        ),
    ] = None,
) -> None:
    """Get ready for an IV infusion visit, one step at a time."""
    _settings["debug"] = debug
    use_profile(profile)


ChecklistIds = Annotated[
    list[str] | None,
    typer.Option(
        "--checklist",
        metavar="ID",
        help="Only this checklist (can be given more than once).",
    ),
]
StepRef = Annotated[
    str,
    typer.Argument(
        metavar="STEP",
        help="The step as checklist-id/item-id, or an item id that only one checklist has.",
    ),
]
NoteOption = Annotated[
    str | None,
    typer.Option(
        "--note",
        metavar="TEXT",
        help='Save this note with the step. "-" reads it from the input, so it stays out of '
        "your shell history.",
    ),
]
MAX_NOTE_CHARACTERS = 2000


def read_note() -> str:
    """A note typed or piped on stdin, for ``--note -``; what cannot be read is refused."""
    if sys.stdin is None:  # started with stdin closed ("<&-")
        raise UsageProblem('There is no input to read the note from. Type it after --note "...".')
    if sys.stdin.isatty():
        sys.stderr.write("Type the note, then press Enter and Ctrl-D.\n")
    data = sys.stdin.buffer.read(MAX_NOTE_CHARACTERS * 4 + 1)
    try:
        note = data.decode("utf-8").strip()
    except UnicodeDecodeError:
        raise UsageProblem("The note is not valid text (UTF-8). Nothing was saved.") from None
    if len(note) > MAX_NOTE_CHARACTERS:
        raise UsageProblem(
            f"The note is longer than {MAX_NOTE_CHARACTERS} characters. Nothing was saved."
        )
    if not note:
        raise UsageProblem("The note is empty. Nothing was saved.")
    return note


DateArgument = Annotated[
    str,
    typer.Argument(metavar="DATE", help='The date as YYYY-MM-DD, or "tomorrow", or "in 10 days".'),
]


def load_checklists(extra_dirs: list[Path] | None) -> "Catalog":
    """Every checklist; with --debug, a note on stderr for each hidden or editor file skipped."""
    from infuseprep.catalog import load_catalog

    catalog = load_catalog(extra_dirs or ())
    note_skipped(catalog.skipped)
    return catalog


def note_skipped(paths: "Sequence[Path]") -> None:
    if _settings["debug"]:
        for path in paths:
            sys.stderr.write(f"Skipped {path}: a hidden or editor file, not a checklist.\n")


def open_store() -> "ProgressStore":
    """The progress file of the profile chosen with --profile (or INFUSEPREP_PROFILE)."""
    from infuseprep.paths import progress_file
    from infuseprep.store import ProgressStore

    return ProgressStore(progress_file())


def set_appointment(progress: "Progress", appointment: "Appointment") -> None:
    progress.appointment = appointment


def say(*paragraphs: str) -> None:
    """Plain paragraphs on stdout, wrapped to the terminal."""
    from infuseprep.render.plain import PlainWriter

    out = PlainWriter()
    for paragraph in paragraphs:
        out.line(paragraph)


def confirm(question: str) -> bool:
    """Ask yes or no; anything but yes, and the end of input, mean no."""
    sys.stdout.write(f"{question} [y/N] ")
    sys.stdout.flush()
    answer = sys.stdin.readline()
    return answer.strip().lower() in ("y", "yes")
