"""What every command shares: the app, the global options, the one error exit, common options.

Help texts are read with ``_()`` when this module is imported: ``cli.main`` chooses the
language of the run before it imports the commands.
"""

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from typer.core import TyperCommand, TyperGroup

from infuseprep import __version__
from infuseprep.cli import complete
from infuseprep.cli.argv import global_options_first as global_options_first
from infuseprep.cli.context import outcome, report, start_run
from infuseprep.errors import EXIT_OK, InfuseprepError
from infuseprep.i18n import N_, _

if TYPE_CHECKING:
    pass


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


class _SpokenHelp:
    """Help that reads in words and in the language of the run, for commands and groups alike
    (put first among the bases, so that ``super()`` reaches Typer's class)."""

    epilog: str | None

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return _usage_pieces(super().collect_usage_pieces(ctx))  # type: ignore[misc]

    def get_params(self, ctx: Any) -> list[Any]:
        return _spoken_params(super().get_params(ctx))  # type: ignore[misc]

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        _write_usage(ctx, formatter, self.collect_usage_pieces(ctx))

    def format_epilog(self, ctx: Any, formatter: Any) -> None:
        _write_epilog(self.epilog, formatter)


class Command(_SpokenHelp, TyperCommand):
    """A command whose help reads in words and in the language of the run."""


class Group(_SpokenHelp, TyperGroup):
    """A group of commands whose help reads in words and in the language of the run."""


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


def guarded(function: Function) -> Function:
    """The function, with its errors turned into a message and an exit code, never a
    traceback (``context.outcome``)."""

    @functools.wraps(function)
    def run(*args: Any, **kwargs: Any) -> None:
        code = outcome(lambda: function(*args, **kwargs), passes=(typer.Exit,))
        if code != EXIT_OK:
            raise typer.Exit(code)

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
    from infuseprep.person import current

    try:
        start_run(profile, language, debug, ctx.invoked_subcommand)
    except InfuseprepError as error:
        report(str(error))
        raise typer.Exit(error.exit_code) from None
    ctx.obj = current()


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
# The numeric order of a date like 12/3/2026 follows the language: month first in US English,
# day first in Spanish; the examples are words the date reader understands in that language.
DATE_HELP = _(
    "2026-12-03, tomorrow, in 10 days, friday, Dec 3, or 12/3/2026 (month first: December 3)."
)
DateArgument = Annotated[str, typer.Argument(metavar=_("DATE"), help=DATE_HELP)]
