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
    str | None, typer.Option("--note", metavar="TEXT", help="Save this note with the step.")
]


@command("start")
def start(
    checklist: ChecklistIds = None,
    restart: Annotated[
        bool, typer.Option("--restart", help="Go over every step from the top, showing answers.")
    ] = False,
    checklists: ChecklistDirs = None,
) -> None:
    """Go through the steps one at a time; every answer is saved at once."""
    from infuseprep import clock
    from infuseprep.catalog import load_catalog
    from infuseprep.paths import progress_file
    from infuseprep.render.console import make_console
    from infuseprep.store import ProgressStore
    from infuseprep.terminal import EndOfInput, LineKeys, TerminalKeys, WalkScreen
    from infuseprep.walk import Walk

    console = make_console()
    selected = load_catalog(checklists or ()).select(checklist or ())
    store = ProgressStore(progress_file())
    walk = Walk(selected, store.read(), restart=restart)
    keys = TerminalKeys(console) if sys.stdin.isatty() else LineKeys(console)
    screen = WalkScreen(console, keys, walk, store, clock.timestamp)
    saved = 'Progress saved. Run "infuseprep start" to go on from here.'
    try:
        screen.run()
    except EndOfInput:
        console.print()
        console.print(saved)
    except KeyboardInterrupt:
        console.print()
        console.print(saved)
        raise typer.Exit(EXIT_INTERRUPTED) from None


@command("status")
def status(
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON object, for scripts.")
    ] = False,
    checklists: ChecklistDirs = None,
) -> None:
    """Show where things stand: each checklist's progress, then the steps still open."""
    from infuseprep.catalog import load_catalog
    from infuseprep.paths import progress_file
    from infuseprep.store import ProgressStore
    from infuseprep.summary import summarize

    path = progress_file()
    summary = summarize(load_catalog(checklists or ()).checklists, ProgressStore(path).read())
    if as_json:
        import json

        from infuseprep.summary import status_document

        sys.stdout.write(json.dumps(status_document(summary, path), indent=2) + "\n")
        return
    from infuseprep.render.console import make_console
    from infuseprep.render.status import print_status

    print_status(make_console(), summary, path)


def _answer_step(ref: str, state: str, note: str | None, checklists: list[Path] | None) -> None:
    """Save one answer from the command line and say what was saved."""
    from infuseprep import clock
    from infuseprep.catalog import load_catalog
    from infuseprep.paths import progress_file
    from infuseprep.progress import Progress
    from infuseprep.render.console import STATE_WORDS

    checklist, item = load_catalog(checklists or ()).find_step(ref)

    def apply(progress: Progress) -> None:
        progress.record(checklist.id, item.id, state, clock.timestamp())
        if note is not None:
            progress.annotate(checklist.id, item.id, note)

    from infuseprep.store import ProgressStore

    ProgressStore(progress_file()).change(apply)
    sys.stdout.write(f"Saved as {STATE_WORDS[state]}: {item.text} ({checklist.id}/{item.id})\n")


@command("check")
def check(step: StepRef, note: NoteOption = None, checklists: ChecklistDirs = None) -> None:
    """Mark a step as done."""
    _answer_step(step, "done", note, checklists)


@command("uncheck")
def uncheck(step: StepRef, checklists: ChecklistDirs = None) -> None:
    """Mark a step as not done yet."""
    _answer_step(step, "open", None, checklists)


@command("skip")
def skip(step: StepRef, note: NoteOption = None, checklists: ChecklistDirs = None) -> None:
    """Mark a step as not applying to you."""
    _answer_step(step, "skipped", note, checklists)


@command("reset")
def reset(
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Start over: your saved answers are moved to a dated backup file, not deleted."""
    from infuseprep import clock
    from infuseprep.paths import progress_file
    from infuseprep.store import ProgressStore

    path = progress_file()
    if not path.exists():
        sys.stdout.write("Nothing to reset: no answers are saved yet.\n")
        return
    if not yes and not _confirm(
        f"This moves your saved answers in {path} to a backup file and starts over. Continue?"
    ):
        sys.stdout.write("Nothing changed.\n")
        return
    backup = ProgressStore(path).reset(clock.now())
    sys.stdout.write(f"Started over. Your old answers are kept in {backup}\n")


def _confirm(question: str) -> bool:
    """Ask yes or no; anything but yes, and the end of input, mean no."""
    sys.stdout.write(f"{question} [y/N] ")
    sys.stdout.flush()
    answer = sys.stdin.readline()
    return answer.strip().lower() in ("y", "yes")


@command("schema")
def schema() -> None:
    """Print the JSON Schema for checklist files, for editors that check YAML as you type."""
    from infuseprep.catalog import schema_path

    sys.stdout.write(schema_path().read_text(encoding="utf-8"))


def main() -> None:
    app(prog_name="infuseprep")
