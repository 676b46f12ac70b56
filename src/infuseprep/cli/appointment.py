"""The visit: appointment set, show and done, and the history of past visits."""

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from infuseprep.cli.common import (
    ChecklistDirs,
    DateArgument,
    app,
    command,
    load_checklists,
    open_store,
    say,
)
from infuseprep.errors import UsageProblem
from infuseprep.progress import MAX_DOSE
from infuseprep.words import hint

if TYPE_CHECKING:
    from datetime import date

    from infuseprep.progress import Appointment, Progress


appointment_app = typer.Typer(
    help="Set, show and close the next infusion visit.", no_args_is_help=True
)
app.add_typer(appointment_app, name="appointment")


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
            "--dose",
            min=1,
            max=MAX_DOSE,
            metavar="N",
            help="Which dose this visit is (1 = the first).",
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

    progress = open_store().change(apply)
    assert progress.appointment is not None
    _print_appointment(progress.appointment, today)
    if visit < today:
        sys.stderr.write(
            "Note: that date is in the past. If that is a mistake, set it again with the right "
            "date.\n"
        )


def _print_appointment(appointment: "Appointment", today: "date") -> None:
    from infuseprep.medications import medications
    from infuseprep.words import appointment_line

    profile = medications().get(appointment.medication or "")
    say(appointment_line(appointment, today, profile.name if profile else None))


@command("show", group=appointment_app)
def appointment_show() -> None:
    """Show the next visit and the schedule.

    The medication's schedule and infusion length are shown with their sources.
    """
    from infuseprep import clock
    from infuseprep.medications import CONFIRM, medications

    appointment = open_store().read().appointment
    if appointment is None:
        say(f"No appointment is set. Set one with: {hint('appointment set YYYY-MM-DD')}")
        return
    _print_appointment(appointment, clock.today())
    profile = medications().get(appointment.medication or "")
    if profile is not None:
        say(f"Schedule: {profile.schedule} (Source: {profile.schedule_source})")
        if profile.infusion:
            say(f"Length: {profile.infusion} (Source: {profile.infusion_source})")
        say(CONFIRM)


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
    from infuseprep.medications import CONFIRM
    from infuseprep.visits import close_visit, next_visit, parse_date
    from infuseprep.words import long_date

    today = clock.today()
    catalog = load_checklists(checklists)
    store = open_store()
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
    say(
        f"Visit of {long_date(visit.date)} closed: {visit.done} of {visit.total} steps done, "
        f"{visit.skipped} did not apply. Steps for every visit start fresh."
    )
    if progress.appointment is None:
        say(reason, f"Set the next date with: {hint('appointment set YYYY-MM-DD')}")
        return
    _print_appointment(progress.appointment, today)
    if next_date is None:
        say(reason, f"{CONFIRM} If it differs, run: {hint('appointment set DATE')}")


@command("history")
def history() -> None:
    """List past visits and the steps done."""
    from infuseprep.render.history import print_history
    from infuseprep.render.plain import PlainWriter

    print_history(PlainWriter(), open_store().read().history)
