"""Walking and answering the steps: start, status, today, check, uncheck, skip, reset."""

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from infuseprep.cli.common import (
    AnsweredStepRef,
    ChecklistDirs,
    ChecklistIds,
    NoteOption,
    StepRef,
    command,
)
from infuseprep.cli.context import (
    center_card,
    confirm,
    load_checklists,
    open_store,
    this_person,
)
from infuseprep.cli.daily import answer_step, show_status, show_today
from infuseprep.errors import EXIT_INTERRUPTED
from infuseprep.i18n import _
from infuseprep.words import hint

if TYPE_CHECKING:
    pass


@command(
    "start",
    _(
        "Go through the steps, one at a time.\n\n"
        "The first time, it asks your name, medicine, visit date and time, and infusion "
        "center, one at a time (Enter skips one; q stops, and the next start goes on with the "
        "rest).\n\n"
        "Keys: y done, n not yet, s does not apply, b back, ? why, e note, q save and quit. "
        "Left arrow and Backspace also go back; Esc also saves and quits. Every answer is saved "
        "at once; run start again to go on where you stopped."
    ),
    "infuseprep start",
    "infuseprep start --checklist light-meal",
    "infuseprep start --restart",
)
def start(
    checklist: ChecklistIds = None,
    restart: Annotated[
        bool,
        typer.Option("--restart", help=_("Go over every step from the top, showing answers.")),
    ] = False,
    checklists: ChecklistDirs = None,
) -> None:
    import contextlib

    from infuseprep import clock
    from infuseprep.firstrun import FirstRun, Stopped
    from infuseprep.keys import Ended, EndOfInput, Keys, LineKeys, TerminalKeys
    from infuseprep.render.console import make_console
    from infuseprep.terminal import WalkScreen, saved_message
    from infuseprep.visits import for_visit
    from infuseprep.walk import Walk

    console = make_console()
    catalog = load_checklists(checklists)
    selected = catalog.select(checklist or ())
    if _nothing_to_read():
        sys.stdout.write(
            _(
                "Nothing was read from standard input, so no step was answered. Run {command} "
                "in a terminal, or give one answer per line, for example: {example}"
            ).format(command=hint("start"), example=f"printf 'y\\nn\\nq\\n' | {hint('start')}")
            + "\n"
        )
        return
    person = this_person()
    if not person.exists:
        from infuseprep.files import make_private_folder

        make_private_folder(person.folder)
        console.print(
            _('New profile "{profile}" made.').format(profile=person.profile),
            markup=False,
            highlight=False,
        )
    store = open_store()
    progress = store.read()
    interactive = sys.stdin.isatty()
    try:
        with contextlib.ExitStack() as stack:
            keys: Keys = (
                stack.enter_context(TerminalKeys(console)) if interactive else LineKeys(console)
            )
            setup = FirstRun(console, keys, person, store, clock.today())
            if interactive and setup.needed(progress):
                try:
                    setup.run()
                except Stopped:
                    console.print(saved_message())
                    return
                progress = store.read()
            planned = for_visit(selected, progress.appointment, center_card())
            walk = Walk(planned, progress, restart=restart)
            screen = WalkScreen(
                console,
                keys,
                walk,
                store,
                clock.timestamp,
                clock.today(),
                catalog.glossary,
                person.settings().name,
            )
            screen.run()
    except EndOfInput:
        console.print()
        console.print(saved_message())
    except KeyboardInterrupt:
        console.print()
        console.print(saved_message())
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except Ended as ended:
        # The terminal is restored by now; after a hang-up there may be no one to tell.
        with contextlib.suppress(OSError):
            console.print()
            console.print(saved_message())
            console.file.flush()
        raise typer.Exit(128 + ended.signum) from None


def _nothing_to_read() -> bool:
    """Standard input is not a terminal and holds nothing at all (as with "< /dev/null")."""
    if sys.stdin is None:
        return True
    if sys.stdin.isatty():
        return False
    buffer = getattr(sys.stdin, "buffer", None)
    try:
        return buffer is not None and not buffer.peek(1)
    except (OSError, ValueError, AttributeError):
        return False


@command(
    "status",
    _(
        "Show the visit and what is still open.\n\n"
        "Shows each checklist's progress, then the open steps: overdue, due today, coming up."
    ),
    "infuseprep status",
    "infuseprep status --json",
)
def status(
    as_json: Annotated[
        bool, typer.Option("--json", help=_("Print one JSON object, for scripts."))
    ] = False,
    checklists: ChecklistDirs = None,
) -> None:
    show_status(as_json, checklists)


@command(
    "today",
    _("Show what to do today and what is overdue."),
    "infuseprep today",
    "infuseprep --profile mum today",
)
def today(checklists: ChecklistDirs = None) -> None:
    show_today(checklists)


@command(
    "check",
    _("Mark a step as done."),
    "infuseprep check pack-snack",
    _('infuseprep check light-meal/pack-snack --note "In the blue bag"'),
)
def check(step: StepRef, note: NoteOption = None, checklists: ChecklistDirs = None) -> None:
    answer_step(step, "done", note, checklists)


@command(
    "uncheck",
    _("Mark a step as not done yet."),
    "infuseprep uncheck pack-snack",
)
def uncheck(step: AnsweredStepRef, checklists: ChecklistDirs = None) -> None:
    answer_step(step, "open", None, checklists)


@command(
    "skip",
    _("Mark a step as not applying to you."),
    "infuseprep skip pack-blanket",
    _('infuseprep skip pack-blanket --note "The center has blankets"'),
)
def skip(step: StepRef, note: NoteOption = None, checklists: ChecklistDirs = None) -> None:
    answer_step(step, "skipped", note, checklists)


@command(
    "reset",
    _(
        "Start over, keeping a backup of your answers.\n\n"
        "Your answers are moved to a dated backup file, not deleted. The appointment and the "
        "past visits (which the next dates depend on) stay, unless you add --all."
    ),
    "infuseprep reset",
    "infuseprep reset --all --yes",
)
def reset(
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help=_("Do not ask for confirmation."))
    ] = False,
    everything: Annotated[
        bool,
        typer.Option(
            "--all", help=_("Also forget the appointment and the history of past visits.")
        ),
    ] = False,
) -> None:
    from infuseprep import clock

    store = open_store()
    if not store.path.exists():
        sys.stdout.write(_("Nothing to reset: no answers are saved yet.") + "\n")
        return
    if everything:
        question = _(
            "This moves your saved answers, appointment and visit history in {path} to a "
            "backup file and starts over. Continue?"
        )
    else:
        question = _(
            "This moves your saved answers in {path} to a backup file and starts over. Continue?"
        )
    if not yes and not confirm(question.format(path=store.path)):
        sys.stdout.write(_("Nothing changed.") + "\n")
        return
    backup = store.reset(clock.now(), keep_visits=not everything)
    if everything:
        done = _("Started over. Your old answers, appointment and visit history are in {backup}")
    else:
        done = _(
            "Started over. Your appointment and past visits are kept. Your old answers are in "
            "{backup}"
        )
    sys.stdout.write(done.format(backup=backup) + "\n")
