"""What every command shares: the app, the global options, the one error exit, common options.

Help texts are read with ``_()`` when this module is imported: ``cli.main`` chooses the
language of the run before it imports the commands.
"""

import functools
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer
from typer.core import TyperCommand, TyperGroup

from infuseprep import __version__, i18n
from infuseprep.cli import complete
from infuseprep.cli.argv import global_options_first as global_options_first
from infuseprep.errors import (
    EXIT_FAILURE,
    EXIT_INTERRUPTED,
    EXIT_OK,
    InfuseprepError,
    UsageProblem,
    describe_os_error,
)
from infuseprep.i18n import N_, _

if TYPE_CHECKING:
    from infuseprep.catalog import Catalog
    from infuseprep.center import Center
    from infuseprep.person import Person
    from infuseprep.store import ProgressStore


def _usage_pieces(pieces: list[str]) -> list[str]:
    """The usage line in words: "STEP", not Typer's "{STEP}" for a required argument; and
    "[OPTIONS]" in the language of the run."""
    words = {"[OPTIONS]": _("[OPTIONS]"), "COMMAND [ARGS]...": _("COMMAND [ARGS]...")}
    plain = [piece[1:-1] if piece[:1] + piece[-1:] == "{}" else piece for piece in pieces]
    return [words.get(piece, piece) for piece in plain]


# Help texts Typer and its Click write in English for options they add: shown translated.
TYPER_HELP = (
    N_("Show this message and exit."),
    N_("Install completion for the current shell."),
    N_("Show completion for the current shell, to copy it or customize the installation."),
)


def _spoken_params(params: list[Any]) -> list[Any]:
    """Typer's own options (-h, --install-completion) with their help in the run's language;
    the English is kept on the option, so the next run may speak another language."""
    for param in params:
        english = param.__dict__.setdefault("english_help", getattr(param, "help", None))
        if english in TYPER_HELP:
            param.help = _(english)
    return params


def _write_usage(ctx: Any, formatter: Any, pieces: list[str]) -> None:
    formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=_("Usage: "))


def _write_epilog(epilog: str | None, formatter: Any) -> None:
    """The examples after the help, each on its line: an indented paragraph is kept as it is
    written (a Markdown code block in docs/cli.md), not rewrapped into one line."""
    if not epilog:
        return
    paragraphs = []
    for paragraph in epilog.split("\n\n"):
        lines = paragraph.splitlines()
        if all(line.startswith("    ") for line in lines):
            paragraph = "\b\n" + "\n".join(line[2:] for line in lines)
        paragraphs.append(paragraph)
    formatter.write_paragraph()
    with formatter.indentation():
        formatter.write_text("\n\n".join(paragraphs))


class Command(TyperCommand):
    """A command whose help reads in words and in the language of the run."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return _usage_pieces(super().collect_usage_pieces(ctx))

    def get_params(self, ctx: Any) -> list[Any]:
        return _spoken_params(super().get_params(ctx))

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        _write_usage(ctx, formatter, self.collect_usage_pieces(ctx))

    def format_epilog(self, ctx: Any, formatter: Any) -> None:
        _write_epilog(self.epilog, formatter)


class Group(TyperGroup):
    """A group of commands whose help reads in words and in the language of the run."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return _usage_pieces(super().collect_usage_pieces(ctx))

    def get_params(self, ctx: Any) -> list[Any]:
        return _spoken_params(super().get_params(ctx))

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        _write_usage(ctx, formatter, self.collect_usage_pieces(ctx))

    def format_epilog(self, ctx: Any, formatter: Any) -> None:
        _write_epilog(self.epilog, formatter)


def examples(*lines: str) -> str:
    """Help's last paragraph: commands to copy, one a line."""
    return _("Examples:") + "\n\n" + "\n".join(f"    {line}" for line in lines)


def group(help_text: str, *lines: str, **settings: Any) -> typer.Typer:
    """A group of commands (``infuseprep appointment ...``), with its help and examples."""
    return typer.Typer(
        cls=Group,
        help=help_text,
        epilog=examples(*lines) if lines else None,
        rich_markup_mode=None,
        **settings,
    )


app = group(
    _("Get ready for an IV infusion visit, one step at a time."),
    "infuseprep start",
    "infuseprep status",
    "infuseprep check pack-snack",
    name="infuseprep",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

_settings = {"debug": False}

Function = TypeVar("Function", bound=Callable[..., Any])

ChecklistDirs = Annotated[
    list[Path] | None,
    typer.Option(
        "--checklists",
        metavar=_("FOLDER"),
        help=_("Also load the checklists in this folder (can be given more than once)."),
        file_okay=False,
    ),
]


def fail(message: str, code: int) -> NoReturn:
    """The one way out with an error: messages can quote a file or a note, so they are cleaned."""
    from infuseprep.untrusted import clean

    sys.stderr.write(clean(message.rstrip("\n")) + "\n")
    raise typer.Exit(code)


def guarded(function: Function) -> Function:
    """The function, with its errors turned into a message and an exit code, never a
    traceback."""

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
            fail(_("Stopped."), EXIT_INTERRUPTED)
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
                _(
                    "infuseprep hit an unexpected problem ({problem}). Your files are "
                    "untouched. Run the same command with --debug for details, and please "
                    "report it."
                ).format(problem=type(error).__name__),
                EXIT_FAILURE,
            )

    return run  # type: ignore[return-value]


def command(
    name: str, help_text: str, *example_lines: str, group: typer.Typer = app
) -> Callable[[Function], Function]:
    """Register a command, with its help and examples, whose errors become a message and an
    exit code, never a traceback."""

    def register(function: Function) -> Function:
        group.command(
            name,
            cls=Command,
            help=help_text,
            epilog=examples(*example_lines) if example_lines else None,
        )(guarded(function))
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
            "--version",
            callback=_show_version,
            is_eager=True,
            help=_("Show the version and exit."),
        ),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help=_("Show the full error report when something fails."))
    ] = False,
    language: Annotated[
        str | None,
        typer.Option(
            "--lang",
            metavar=_("LANGUAGE"),
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
            metavar=_("PROFILE"),
            envvar="INFUSEPREP_PROFILE",
            autocompletion=complete.profile_names,
            help=_(
                "Whose preparation: a caregiver keeps one profile per person (see 'profile "
                "add'). Works before or after the command."
            ),
        ),
    ] = None,
) -> None:
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


ChecklistIds = Annotated[
    list[str] | None,
    typer.Option(
        "--checklist",
        metavar=_("ID"),
        autocompletion=complete.checklist_ids,
        help=_("Only this checklist (can be given more than once)."),
    ),
]
STEP_HELP = _("The step as checklist-id/item-id, or an item id that only one checklist has.")
StepRef = Annotated[
    str, typer.Argument(metavar=_("STEP"), autocompletion=complete.open_steps, help=STEP_HELP)
]
AnsweredStepRef = Annotated[
    str,
    typer.Argument(metavar=_("STEP"), autocompletion=complete.answered_steps, help=STEP_HELP),
]
NoteOption = Annotated[
    str | None,
    typer.Option(
        "--note",
        metavar=_("NOTE"),
        help=_(
            'Save this note with the step. "-" reads it from the input, so it stays out of '
            "your shell history."
        ),
    ),
]
MAX_NOTE_CHARACTERS = 2000


def read_note() -> str:
    """A note typed or piped on stdin, for ``--note -``; what cannot be read is refused."""
    if sys.stdin is None:  # started with stdin closed ("<&-")
        raise UsageProblem(
            _('There is no input to read the note from. Type it after --note "...".')
        )
    if sys.stdin.isatty():
        sys.stderr.write(_("Type the note, then press Enter and Ctrl-D.") + "\n")
    data = sys.stdin.buffer.read(MAX_NOTE_CHARACTERS * 4 + 1)
    try:
        note = data.decode("utf-8").strip()
    except UnicodeDecodeError:
        raise UsageProblem(_("The note is not valid text (UTF-8). Nothing was saved.")) from None
    if len(note) > MAX_NOTE_CHARACTERS:
        raise UsageProblem(
            _("The note is longer than {limit} characters. Nothing was saved.").format(
                limit=MAX_NOTE_CHARACTERS
            )
        )
    if not note:
        raise UsageProblem(_("The note is empty. Nothing was saved."))
    return note


# The numeric order of a date like 12/3/2026 follows the language: month first in US English,
# day first in Spanish; the examples are words the date reader understands in that language.
DATE_HELP = _(
    "2026-12-03, tomorrow, in 10 days, friday, Dec 3, or 12/3/2026 (month first: December 3)."
)
DateArgument = Annotated[str, typer.Argument(metavar=_("DATE"), help=DATE_HELP)]


def this_person() -> "Person":
    """Who this run is for, as the callback found it from --profile or INFUSEPREP_PROFILE."""
    from infuseprep.person import current

    chosen = current()
    assert chosen is not None, "the callback sets the person before any command runs"
    return chosen


def load_checklists(folders: "list[Path] | None" = None) -> "Catalog":
    """This person's checklists; a broken file of theirs is left out with one warning line, and
    one line says which are shown in English for want of a translation."""
    from infuseprep.catalog import load_catalog, untranslated_message

    catalog = load_catalog(folders or (), this_person().own_checklists)
    note_skipped(catalog.side_files)
    first_of_each_file = {problem.path: problem for problem in reversed(catalog.skipped)}
    for problem in sorted(first_of_each_file.values()):
        # TRANSLATORS: {problem} is "file:line:column: what is wrong" in the file's words.
        sys.stderr.write(
            _("{problem}; skipped, run infuseprep validate").format(problem=problem) + "\n"
        )
    fallback = untranslated_message(catalog.untranslated)
    if fallback:
        sys.stderr.write(fallback + "\n")
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
            sys.stderr.write(
                _("Skipped {path}: a hidden or editor file, not a checklist.").format(path=path)
                + "\n"
            )


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


# The answers that mean yes, after "[y/N]"; in Spanish "s" and "sí", and the English too.
YES_WORDS = {"en": ("y", "yes"), "es": ("s", "sí", "si", "y", "yes")}


def confirm(question: str) -> bool:
    """Ask yes or no; anything but yes, and the end of input, mean no."""
    # TRANSLATORS: the letters of the answers to a yes-or-no question; no (N) is the default.
    letters = _("[y/N]")
    sys.stdout.write(f"{question} {letters} ")
    sys.stdout.flush()
    answer = sys.stdin.readline()
    return answer.strip().lower() in YES_WORDS.get(i18n.current(), YES_WORDS["en"])
