"""The command line: parse, call the core, hand the result to a renderer, exit in one place."""

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer

from infuseprep import __version__
from infuseprep.errors import EXIT_FAILURE, EXIT_INTERRUPTED, InfuseprepError, UsageProblem
from infuseprep.paths import use_profile
from infuseprep.words import hint

if TYPE_CHECKING:
    from datetime import date

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


def _fail(message: str, code: int) -> NoReturn:
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
                _fail(str(error), error.exit_code)
            except KeyboardInterrupt:
                if _settings["debug"]:
                    raise
                _fail("Stopped.", EXIT_INTERRUPTED)
            except BrokenPipeError:
                _quiet_stdout()
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

        group.command(name)(run)
        return function

    return register


def _quiet_stdout() -> None:
    """The reader went away (as with "| head"): send what is left nowhere, without a warning."""
    import contextlib

    with contextlib.suppress(OSError, ValueError):
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
    str | None, typer.Option("--note", metavar="TEXT", help="Save this note with the step.")
]
DateArgument = Annotated[
    str,
    typer.Argument(metavar="DATE", help='The date as YYYY-MM-DD, or "tomorrow", or "in 10 days".'),
]


def _store() -> "ProgressStore":
    """The progress file of the profile chosen with --profile (or INFUSEPREP_PROFILE)."""
    from infuseprep.paths import progress_file
    from infuseprep.store import ProgressStore

    return ProgressStore(progress_file())


@command("start")
def start(
    checklist: ChecklistIds = None,
    restart: Annotated[
        bool, typer.Option("--restart", help="Go over every step from the top, showing answers.")
    ] = False,
    checklists: ChecklistDirs = None,
) -> None:
    """Go through the steps, one at a time.

    Keys: y done, n not yet, s does not apply, b back, ? why, e note, q save and quit. Every
    answer is saved at once; run start again to go on where you stopped.
    """
    from infuseprep import clock
    from infuseprep.catalog import load_catalog
    from infuseprep.progress import Appointment
    from infuseprep.render.console import make_console
    from infuseprep.terminal import (
        EndOfInput,
        LineKeys,
        TerminalKeys,
        WalkScreen,
        ask_visit_date,
        saved_message,
    )
    from infuseprep.visits import for_visit
    from infuseprep.walk import Walk

    console = make_console()
    selected = load_catalog(checklists or ()).select(checklist or ())
    store = _store()
    progress = store.read()
    interactive = sys.stdin.isatty()
    keys = TerminalKeys(console) if interactive else LineKeys(console)
    try:
        if progress.appointment is None and interactive:
            visit = ask_visit_date(console, keys, clock.today())
            if visit is not None:
                progress = store.change(lambda p: _set_appointment(p, Appointment(visit)))
        walk = Walk(for_visit(selected, progress.appointment), progress, restart=restart)
        WalkScreen(console, keys, walk, store, clock.timestamp, clock.today()).run()
    except EndOfInput:
        console.print()
        console.print(saved_message())
    except KeyboardInterrupt:
        console.print()
        console.print(saved_message())
        raise typer.Exit(EXIT_INTERRUPTED) from None


@command("status")
def status(
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON object, for scripts.")
    ] = False,
    checklists: ChecklistDirs = None,
) -> None:
    """Show the visit and what is still open.

    Shows each checklist's progress, then the open steps: overdue, due today, coming up.
    """
    from infuseprep import clock
    from infuseprep.catalog import load_catalog
    from infuseprep.summary import summarize

    store = _store()
    summary = summarize(load_catalog(checklists or ()).checklists, store.read())
    if as_json:
        import json

        from infuseprep.summary import status_document

        document = status_document(summary, store.path, clock.today())
        sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
        return
    from infuseprep.render.plain import PlainWriter
    from infuseprep.render.status import print_status

    print_status(PlainWriter(), summary, store.path, clock.today())


@command("today")
def today(checklists: ChecklistDirs = None) -> None:
    """Show what to do today and what is overdue."""
    from infuseprep import clock
    from infuseprep.catalog import load_catalog
    from infuseprep.render.plain import PlainWriter
    from infuseprep.render.status import print_today
    from infuseprep.summary import summarize

    summary = summarize(load_catalog(checklists or ()).checklists, _store().read())
    print_today(PlainWriter(), summary, clock.today())


def _answer_step(ref: str, state: str, note: str | None, checklists: list[Path] | None) -> None:
    """Save one answer from the command line and say what was saved."""
    from infuseprep import clock
    from infuseprep.catalog import load_catalog
    from infuseprep.progress import saveable
    from infuseprep.words import STATE_WORDS

    checklist, item = load_catalog(checklists or ()).find_step(ref)
    if note is not None:
        saveable(note, "note")

    def apply(progress: "Progress") -> None:
        progress.record(checklist.id, item.id, state, clock.timestamp())
        if note is not None:
            progress.annotate(checklist.id, item.id, note)

    _store().change(apply)
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


appointment_app = typer.Typer(
    help="Set, show and close the next infusion visit.", no_args_is_help=True
)
app.add_typer(appointment_app, name="appointment")


def _set_appointment(progress: "Progress", appointment: "Appointment") -> None:
    progress.appointment = appointment


@command("set", group=appointment_app)
def appointment_set(
    when: DateArgument,
    at: Annotated[
        str | None, typer.Option("--time", metavar="HH:MM", help="The time, 24-hour clock.")
    ] = None,
    medication_id: Annotated[
        str | None,
        typer.Option(
            "--medication",
            metavar="ID",
            help="belimumab-iv, anifrolumab-iv or other: hides steps for other medicines.",
        ),
    ] = None,
    center: Annotated[
        str | None, typer.Option("--center", metavar="TEXT", help="Where: the infusion center.")
    ] = None,
    dose: Annotated[
        int | None,
        typer.Option(
            "--dose", min=1, metavar="N", help="Which dose this visit is (1 = the first)."
        ),
    ] = None,
) -> None:
    """Set the date of the next infusion.

    What you leave out (time, medication, center, dose) stays as it was.
    """
    from infuseprep import clock
    from infuseprep.medications import medication
    from infuseprep.progress import Appointment, saveable
    from infuseprep.visits import parse_date, parse_time

    today = clock.today()
    visit = parse_date(when, today)
    visit_time = parse_time(at) if at is not None else None
    if medication_id is not None:
        medication(medication_id)
    if center is not None:
        saveable(center, "center")

    def apply(progress: "Progress") -> None:
        current = progress.appointment or Appointment(visit)
        progress.appointment = current._replace(
            date=visit,
            time=visit_time if at is not None else current.time,
            medication=medication_id if medication_id is not None else current.medication,
            center=center if center is not None else current.center,
            dose=dose if dose is not None else current.dose,
        )

    progress = _store().change(apply)
    assert progress.appointment is not None
    _print_appointment(progress.appointment, today)
    if visit < today:
        sys.stderr.write(
            "Note: that date is in the past. If that is a mistake, set it again with the right "
            "date.\n"
        )


def _say(*paragraphs: str) -> None:
    """Plain paragraphs on stdout, wrapped to the terminal."""
    from infuseprep.render.plain import PlainWriter

    out = PlainWriter()
    for paragraph in paragraphs:
        out.line(paragraph)


def _print_appointment(appointment: "Appointment", today: "date") -> None:
    from infuseprep.medications import medications
    from infuseprep.words import appointment_line

    profile = medications().get(appointment.medication or "")
    _say(appointment_line(appointment, today, profile.name if profile else None))


@command("show", group=appointment_app)
def appointment_show() -> None:
    """Show the next visit and the schedule.

    The medication's schedule and infusion length are shown with their sources.
    """
    from infuseprep import clock
    from infuseprep.medications import CONFIRM, medications

    appointment = _store().read().appointment
    if appointment is None:
        _say(f"No appointment is set. Set one with: {hint('appointment set YYYY-MM-DD')}")
        return
    _print_appointment(appointment, clock.today())
    profile = medications().get(appointment.medication or "")
    if profile is not None:
        _say(f"Schedule: {profile.schedule} (Source: {profile.schedule_source})")
        if profile.infusion:
            _say(f"Length: {profile.infusion} (Source: {profile.infusion_source})")
        _say(CONFIRM)


@command("done", group=appointment_app)
def appointment_done(
    next_date: Annotated[
        str | None,
        typer.Option(
            "--next",
            metavar="DATE",
            help="The next visit's date, if not the one the medication's schedule gives.",
        ),
    ] = None,
    early: Annotated[
        bool,
        typer.Option("--early", help="Close a visit whose date has not come yet (it was moved)."),
    ] = False,
    checklists: ChecklistDirs = None,
) -> None:
    """Close this visit and move to the next.

    The visit goes into the history. Steps done once stay done; steps for every visit start
    fresh; yearly steps start fresh a year after they were done. The next date comes from the
    medication's schedule, or from --next.
    """
    from infuseprep import clock
    from infuseprep.catalog import load_catalog
    from infuseprep.medications import CONFIRM
    from infuseprep.visits import close_visit, next_visit, parse_date
    from infuseprep.words import long_date

    today = clock.today()
    catalog = load_catalog(checklists or ())
    store = _store()
    current = store.read().appointment
    if current is None:
        raise UsageProblem(f"No appointment is set. Set one with: {hint('appointment set DATE')}")
    if current.date > today and not early:
        raise UsageProblem(
            f"The visit on {long_date(current.date)} has not come yet, so nothing was closed. "
            f"If it already happened, run: {hint('appointment done --early')}"
        )
    following: date | None
    if next_date is not None:
        following, reason = parse_date(next_date, today), "the date you gave"
    else:
        following, reason = next_visit(current)

    def apply(progress: "Progress") -> None:
        close_visit(progress, catalog.checklists, following, clock.timestamp())

    progress = store.change(apply)
    visit = progress.history[-1]
    _say(
        f"Visit of {long_date(visit.date)} closed: {visit.done} of {visit.total} steps done, "
        f"{visit.skipped} did not apply. Steps for every visit start fresh."
    )
    if progress.appointment is None:
        _say(reason, f"Set the next date with: {hint('appointment set YYYY-MM-DD')}")
        return
    _print_appointment(progress.appointment, today)
    if next_date is None:
        _say(reason, f"{CONFIRM} If it differs, run: {hint('appointment set DATE')}")


@command("history")
def history() -> None:
    """List past visits and the steps done."""
    from infuseprep.render.history import print_history
    from infuseprep.render.plain import PlainWriter

    print_history(PlainWriter(), _store().read().history)


@command("profiles")
def profiles() -> None:
    """List the people whose progress is kept."""
    from infuseprep import clock
    from infuseprep.paths import saved_profiles
    from infuseprep.render.history import print_profiles
    from infuseprep.render.plain import PlainWriter
    from infuseprep.store import ProgressStore

    found = [(name, ProgressStore(path)) for name, path in saved_profiles()]
    print_profiles(PlainWriter(), found, clock.today())


def _write_output(output: Path | None, data: bytes) -> None:
    """To a file, written atomically and privately (a printout is health information), or stdout."""
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    from infuseprep.files import write_atomically

    if not output.parent.is_dir():
        raise UsageProblem(f'The folder "{output.parent}" does not exist.')
    write_atomically(output, data)
    sys.stderr.write(f"Wrote {output}\n")


@command("print")
def print_checklists(
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="text (the default), markdown, html or pdf; -o FILE.pdf picks pdf by itself.",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write to this file.", dir_okay=False),
    ] = None,
    blank: Annotated[
        bool, typer.Option("--blank", help="An empty copy to fill in by hand.")
    ] = False,
    checklist: ChecklistIds = None,
    large_print: Annotated[
        bool, typer.Option("--large-print", help="Bigger letters, for html and pdf.")
    ] = False,
    paper: Annotated[
        str | None,
        typer.Option(
            "--paper", metavar="SIZE", help="a4 or letter (pdf). The default follows your locale."
        ),
    ] = None,
    checklists: ChecklistDirs = None,
) -> None:
    """Print the checklists on paper or to a file.

    For the fridge or the visit: a header with the visit, lines to write on (center phone,
    driver), then every step with a box (ticked, empty, or a dash when it does not apply), its
    due date and its note.
    """
    from infuseprep import clock
    from infuseprep.catalog import load_catalog
    from infuseprep.paths import profile_in_use
    from infuseprep.printout import build_sheet, choose_format, choose_paper
    from infuseprep.progress import Progress
    from infuseprep.summary import summarize

    chosen = choose_format(output_format, output)
    size = choose_paper(paper, os.environ)
    if chosen == "pdf" and output is None and sys.stdout.isatty():
        raise UsageProblem("A PDF cannot be shown here. Save it with: -o checklist.pdf")
    selected = load_catalog(checklists or ()).select(checklist or ())
    # A blank copy is for any visit and any medicine: it lists every step, unanswered.
    summary = summarize(selected, Progress() if blank else _store().read())
    sheet = build_sheet(summary, profile_in_use(), clock.today(), blank=blank)
    if chosen == "pdf":
        from infuseprep.render.pdf import render_pdf

        _write_output(output, render_pdf(sheet, paper=size, large_print=large_print))
        return
    if chosen == "html":
        from infuseprep.render.html import render_html

        text = render_html(sheet, large_print=large_print)
    elif chosen == "markdown":
        from infuseprep.render.markdown import render_markdown

        text = render_markdown(sheet)
    else:
        from infuseprep.render.text import render_text

        text = render_text(sheet)
    _write_output(output, text.encode("utf-8"))


@command("calendar")
def calendar(
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", metavar="FILE.ics", help="The calendar file to write.", dir_okay=False
        ),
    ],
    todos: Annotated[
        bool, typer.Option("--todos", help="Also add each step as a to-do (VTODO).")
    ] = False,
    include_finished: Annotated[
        bool, typer.Option("--all", help="Also add steps that are done or do not apply.")
    ] = False,
    checklists: ChecklistDirs = None,
) -> None:
    """Export the visit and steps to your calendar.

    The visit comes with reminders the day before and 2 hours before; each step is an all-day
    entry on its due date with a reminder at 8:00. Import the file again after changes: entries
    are updated, not doubled.
    """
    from infuseprep import clock
    from infuseprep.catalog import load_catalog
    from infuseprep.medications import medications
    from infuseprep.paths import DEFAULT_PROFILE, profile_in_use
    from infuseprep.render.ics import render_calendar
    from infuseprep.summary import summarize

    progress = _store().read()
    if progress.appointment is None:
        raise UsageProblem(
            f"A calendar needs the visit date. Set it first: {hint('appointment set YYYY-MM-DD')}"
        )
    summary = summarize(load_catalog(checklists or ()).checklists, progress)
    data = render_calendar(
        summary,
        medications().get(progress.appointment.medication or ""),
        profile=profile_in_use() or DEFAULT_PROFILE,
        visit_number=len(progress.history) + 1,
        stamp=clock.now(),
        include_finished=include_finished,
        todos=todos,
    )
    _write_output(output, data)


@command("reset")
def reset(
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    everything: Annotated[
        bool,
        typer.Option("--all", help="Also forget the appointment and the history of past visits."),
    ] = False,
) -> None:
    """Start over, keeping a backup of your answers.

    Your answers are moved to a dated backup file, not deleted. The appointment and the past
    visits (which the next dates depend on) stay, unless you add --all.
    """
    from infuseprep import clock

    store = _store()
    if not store.path.exists():
        sys.stdout.write("Nothing to reset: no answers are saved yet.\n")
        return
    what = "answers, appointment and visit history" if everything else "answers"
    if not yes and not _confirm(
        f"This moves your saved {what} in {store.path} to a backup file and starts over. Continue?"
    ):
        sys.stdout.write("Nothing changed.\n")
        return
    backup = store.reset(clock.now(), keep_visits=not everything)
    kept = "" if everything else " Your appointment and past visits are kept."
    sys.stdout.write(f"Started over.{kept} Your old {what} are in {backup}\n")


def _confirm(question: str) -> bool:
    """Ask yes or no; anything but yes, and the end of input, mean no."""
    sys.stdout.write(f"{question} [y/N] ")
    sys.stdout.flush()
    answer = sys.stdin.readline()
    return answer.strip().lower() in ("y", "yes")


@command("list")
def list_checklists(checklists: ChecklistDirs = None) -> None:
    """List the checklists and where each is from.

    Shows each checklist's id, title and number of steps, and whether it is bundled, from your
    own folder or from --checklists.
    """
    from infuseprep.catalog import bundled_dir, load_catalog
    from infuseprep.paths import user_checklists_dir
    from infuseprep.render.checklists import print_catalog
    from infuseprep.render.console import make_console

    catalog = load_catalog(checklists or ())
    print_catalog(make_console(), catalog, user_checklists_dir(), bundled_dir())


@command("show")
def show_checklist(
    checklist_id: Annotated[
        str, typer.Argument(metavar="ID", help="The checklist id, as in 'list'.")
    ],
    checklists: ChecklistDirs = None,
) -> None:
    """Show one checklist, every step and why."""
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
    """Check checklist files for mistakes.

    Prints one line per problem as FILE:LINE:COLUMN: message, and exits with 1 if there is any.
    """
    from infuseprep.catalog import check_files, checklist_files

    files = checklist_files(paths)
    if not files:
        places = ", ".join(str(path) for path in paths)
        raise InfuseprepError(f"No checklist files (*.yaml or *.yml) were found in {places}.")
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
    """Print the JSON Schema for checklist files.

    Editors that check YAML as you type can use it: infuseprep schema > schema.json
    """
    from infuseprep.catalog import schema_path

    sys.stdout.write(schema_path().read_text(encoding="utf-8"))


def main() -> None:
    app(prog_name="infuseprep")
