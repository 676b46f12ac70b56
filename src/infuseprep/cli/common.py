"""What every command shares: the app, the global options, the one error exit, common options."""

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer

from infuseprep import __version__
from infuseprep.cli import complete
from infuseprep.errors import (
    EXIT_FAILURE,
    EXIT_INTERRUPTED,
    EXIT_OK,
    InfuseprepError,
    UsageProblem,
    describe_os_error,
)
from infuseprep.i18n import _

if TYPE_CHECKING:
    from collections.abc import Sequence

    from infuseprep.catalog import Catalog
    from infuseprep.center import Center
    from infuseprep.person import Person
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
    """The one way out with an error: messages can quote a file or a note, so they are cleaned."""
    from infuseprep.untrusted import clean

    sys.stderr.write(clean(message.rstrip("\n")) + "\n")
    raise typer.Exit(code)


def command(name: str | None = None, group: typer.Typer = app) -> Callable[[Command], Command]:
    """Register a command whose errors become a message and an exit code, never a traceback."""

    def register(function: Command) -> Command:
        @functools.wraps(function)
        def run(*args: Any, **kwargs: Any) -> Any:
            _interruptible()
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


def _interruptible() -> None:
    """From here on Ctrl-C is KeyboardInterrupt, which the command answers in words."""
    import contextlib
    import signal

    with contextlib.suppress(ValueError):  # not the main thread, as in some test runners
        signal.signal(signal.SIGINT, signal.default_int_handler)


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
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the full error report when something fails.")
    ] = False,
    language: Annotated[
        str | None,
        typer.Option(
            "--lang",
            metavar="LANGUAGE",
            autocompletion=complete.languages,
            help=_(
                "The language to use: en (English) or es (español). Without it: the "
                "profile's language, then INFUSEPREP_LANG, then the computer's language. "
                "Works before or after the command."
            ),
        ),
    ] = None,
    profile: Annotated[
        str | None,
        typer.Option(
            "--profile",
            metavar="NAME",
            envvar="INFUSEPREP_PROFILE",
            autocompletion=complete.profile_names,
            help="Whose preparation: a caregiver keeps one profile per person (see 'profile "
            "add'). Works before or after the command.",
        ),
    ] = None,
) -> None:
    """Get ready for an IV infusion visit, one step at a time."""
    from infuseprep import person
    from infuseprep.paths import home

    _settings["debug"] = debug
    try:
        chosen = person.find_person(home(), profile, language)
        if not chosen.exists and ctx.invoked_subcommand not in MAKES_PROFILES:
            raise person.unknown_profile(chosen)
    except InfuseprepError as error:
        fail(str(error), error.exit_code)
    person.use(chosen)
    ctx.obj = chosen


# Commands that may name a profile that does not exist yet: they make it.
MAKES_PROFILES = ("start", "profile")


# The global options that take a value; they work before or after the command.
GLOBAL_OPTIONS = ("--profile", "--lang")


def global_options_first(arguments: list[str]) -> list[str]:
    """Move --profile NAME, --lang CODE and --debug to the front, so they work after the
    command too."""
    front: list[str] = []
    rest: list[str] = []
    words = iter(arguments)
    for word in words:
        if word == "--":
            rest += [word, *words]
            break
        if word == "--debug":
            front.append(word)
        elif word in GLOBAL_OPTIONS:
            front += [word, next(words, "")]
        elif word.startswith(tuple(f"{option}=" for option in GLOBAL_OPTIONS)):
            front.append(word)
        else:
            rest.append(word)
    return front + rest


def spoken_language(arguments: list[str]) -> str:
    """The language of this run, found before Typer reads the command line, so that help texts
    are read in it; what cannot be decided yet (an unknown --lang) is English here and an
    error, in words, once the callback runs."""
    from infuseprep import i18n, person
    from infuseprep.paths import home

    given = {"--profile": os.environ.get("INFUSEPREP_PROFILE"), "--lang": None}
    words = iter(arguments)
    for word in words:
        if word in GLOBAL_OPTIONS:
            given[word] = next(words, "")
        elif "=" in word and word.split("=", 1)[0] in GLOBAL_OPTIONS:
            option, value = word.split("=", 1)
            given[option] = value
        elif not word.startswith("--"):
            break
    try:
        return person.find_person(home(), given["--profile"], given["--lang"]).language
    except InfuseprepError:
        return i18n.choose(None, None, os.environ)


ChecklistIds = Annotated[
    list[str] | None,
    typer.Option(
        "--checklist",
        metavar="ID",
        autocompletion=complete.checklist_ids,
        help="Only this checklist (can be given more than once).",
    ),
]
STEP_HELP = "The step as checklist-id/item-id, or an item id that only one checklist has."
StepRef = Annotated[
    str, typer.Argument(metavar="STEP", autocompletion=complete.open_steps, help=STEP_HELP)
]
AnsweredStepRef = Annotated[
    str, typer.Argument(metavar="STEP", autocompletion=complete.answered_steps, help=STEP_HELP)
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
    typer.Argument(
        metavar="DATE",
        help="2026-12-03, tomorrow, in 10 days, friday, Dec 3, or 12/3/2026 (month first).",
    ),
]


def this_person() -> "Person":
    """Who this run is for, as the callback found it from --profile or INFUSEPREP_PROFILE."""
    from infuseprep.person import current

    chosen = current()
    assert chosen is not None, "the callback sets the person before any command runs"
    return chosen


def load_checklists(folders: "list[Path] | None" = None) -> "Catalog":
    """This person's checklists; a broken file of theirs is left out with one warning line."""
    from infuseprep.catalog import load_catalog

    catalog = load_catalog(folders or (), this_person().own_checklists)
    note_skipped(catalog.side_files)
    first_of_each_file = {problem.path: problem for problem in reversed(catalog.skipped)}
    for problem in sorted(first_of_each_file.values()):
        sys.stderr.write(f"{problem}; skipped, run infuseprep validate\n")
    return catalog


def person_name() -> str | None:
    """The name the person gave, for "Rosa's infusion"; ``None`` when they gave none."""
    return this_person().settings().name


def center_card() -> "Center | None":
    """The person's infusion center: their own card, or one a clinic installed."""
    from infuseprep.center import center_for
    from infuseprep.paths import user_checklists_dir

    person = this_person()
    folders = [folder for folder in (person.own_checklists, user_checklists_dir()) if folder]
    return center_for(person.settings().center, folders)


def note_skipped(paths: "Sequence[Path]") -> None:
    if _settings["debug"]:
        for path in paths:
            sys.stderr.write(f"Skipped {path}: a hidden or editor file, not a checklist.\n")


def open_store() -> "ProgressStore":
    """The progress file of the person this run is for."""
    from infuseprep.store import ProgressStore

    return ProgressStore(this_person().progress_file)


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
