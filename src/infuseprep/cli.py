"""The command line: parse, call the core, hand the result to a renderer, exit in one place."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from infuseprep import __version__
from infuseprep.errors import EXIT_FAILURE, EXIT_INTERRUPTED, InfuseprepError

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


def _fail(message: str, code: int) -> None:
    sys.stderr.write(message.rstrip("\n") + "\n")
    raise typer.Exit(code)


def command(name: str | None = None) -> Callable[[Command], Command]:
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
                _fail(str(error), error.exit_code)
            except KeyboardInterrupt:
                if _settings["debug"]:
                    raise
                _fail("Stopped.", EXIT_INTERRUPTED)
            except BrokenPipeError:
                sys.stderr.close()
                raise typer.Exit(EXIT_FAILURE) from None
            except Exception as error:
                if _settings["debug"]:
                    raise
                _fail(
                    f"infuseprep hit an unexpected problem ({type(error).__name__}). Your files "
                    "are untouched. Run the same command with --debug for details, and please "
                    "report it.",
                    EXIT_FAILURE,
                )
            return None

        app.command(name)(run)
        return function

    return register


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
) -> None:
    """Get ready for an IV infusion visit, one step at a time."""
    _settings["debug"] = debug


@command("list")
def list_checklists(checklists: ChecklistDirs = None) -> None:
    """List the checklists: id, title, number of steps and where each comes from."""
    from infuseprep.catalog import load_catalog
    from infuseprep.paths import user_checklists_dir
    from infuseprep.render.checklists import print_catalog
    from infuseprep.render.console import make_console

    print_catalog(make_console(), load_catalog(checklists or ()), user_checklists_dir())


@command("show")
def show_checklist(
    checklist_id: Annotated[
        str, typer.Argument(metavar="ID", help="The checklist id, as in 'list'.")
    ],
    checklists: ChecklistDirs = None,
) -> None:
    """Show one checklist with every step and its details."""
    from infuseprep.catalog import load_catalog
    from infuseprep.render.checklists import print_checklist
    from infuseprep.render.console import make_console

    print_checklist(make_console(), load_catalog(checklists or ()).get(checklist_id))


@command("validate")
def validate(
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="PATH...",
            help="Checklist files, or folders of *.yaml files.",
            exists=True,
        ),
    ],
) -> None:
    """Check checklist files and print each problem as FILE:LINE:COLUMN: message."""
    from infuseprep.catalog import check_files, checklist_files

    files = checklist_files(paths)
    if not files:
        raise InfuseprepError("No checklist files (*.yaml or *.yml) were found there.")
    _, problems = check_files(files)
    for problem in problems:
        sys.stdout.write(f"{problem}\n")
    noun = "file" if len(files) == 1 else "files"
    if problems:
        count = len(problems)
        plural = "s" if count != 1 else ""
        raise InfuseprepError(f"{len(files)} {noun} checked: {count} problem{plural} found.")
    sys.stdout.write(f"{len(files)} {noun} checked: no problems found.\n")


@command("schema")
def schema() -> None:
    """Print the JSON Schema for checklist files, for editors that check YAML as you type."""
    from infuseprep.catalog import schema_path

    sys.stdout.write(schema_path().read_text(encoding="utf-8"))


def main() -> None:
    app(prog_name="infuseprep")
