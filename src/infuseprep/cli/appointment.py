"""The visit: appointment set, show and done, and the history of past visits."""

from typing import TYPE_CHECKING, Annotated

import typer

from infuseprep.cli import complete
from infuseprep.cli.common import ChecklistDirs, DateArgument, app, command, group
from infuseprep.cli.context import load_checklists, open_store, person_name, say, this_person
from infuseprep.errors import UsageProblem
from infuseprep.i18n import _, ngettext
from infuseprep.progress import MAX_DOSE
from infuseprep.words import hint

if TYPE_CHECKING:
    from datetime import date

    from infuseprep.progress import Appointment, Progress


appointment_app = group(
    _("Set, show and close the next infusion visit."),
    "infuseprep appointment set 2026-12-03 --time 9:30",
    "infuseprep appointment show",
    "infuseprep appointment done",
    no_args_is_help=True,
)
app.add_typer(appointment_app, name="appointment")


YesOption = Annotated[
    bool,
    typer.Option(
        "--yes",
        "-y",
        help=_("Keep a date in the past, or one closer to the last dose than the label allows."),
    ),
]


@command(
    "set",
    _(
        "Set the date of the next infusion.\n\n"
        "DATE can be 2026-12-03, tomorrow, in 10 days, friday, Dec 3 or 12/3/2026 (month "
        "first); the date understood is said back with its weekday. What you leave out (time, "
        "medication, center, dose) stays as it was. A date in the past, or closer to the last "
        "dose than the medication's label allows, is refused unless you add --yes."
    ),
    "infuseprep appointment set 2026-12-03 --time 9:30 --medication Benlysta",
    _('infuseprep appointment set "in 10 days" --time 2pm'),
    _("infuseprep appointment set friday"),
    group=appointment_app,
)
def appointment_set(
    when: DateArgument,
    at: Annotated[
        str | None,
        typer.Option("--time", metavar=_("TIME"), help=_("The time: 9:30, 9:30 AM, 2pm or 14:00.")),
    ] = None,
    medication_name: Annotated[
        str | None,
        typer.Option(
            "--medication",
            metavar=_("NAME"),
            autocompletion=complete.medication_names,
            help=_(
                "The medicine, by generic or brand name (Benlysta, anifrolumab, Gazyva) or "
                "id: hides steps for other medicines."
            ),
        ),
    ] = None,
    center: Annotated[
        str | None,
        typer.Option("--center", metavar=_("NAME"), help=_("Where: the infusion center.")),
    ] = None,
    dose: Annotated[
        int | None,
        typer.Option(
            "--dose",
            min=1,
            max=MAX_DOSE,
            metavar=_("NUMBER"),
            help=_("Which dose this visit is (1 = the first)."),
        ),
    ] = None,
    yes: YesOption = False,
) -> None:
    from infuseprep import clock
    from infuseprep.dates import parse_date, parse_time
    from infuseprep.medications import medication
    from infuseprep.progress import Appointment, saveable
    from infuseprep.visits import check_interval, last_dose
    from infuseprep.words import countdown, long_date

    today = clock.today()
    visit = parse_date(when, today)
    visit_time = parse_time(at) if at is not None else None
    if visit < today and not yes:
        raise UsageProblem(
            _(
                '"{typed}" is {date}, {countdown}. A visit to prepare for is usually ahead; '
                "nothing was changed. If you meant this date, run the same command again with "
                "--yes."
            ).format(typed=when, date=long_date(visit), countdown=countdown(visit, today))
        )
    profile = medication(medication_name) if medication_name is not None else None
    if profile is not None and profile.at_home:
        _stop_infusions(profile.name)
        return
    if center is not None:
        saveable(center, "center", multiline=False)

    remembered = this_person().settings().medicine

    def apply(progress: "Progress") -> None:
        current = progress.appointment or Appointment(visit, medication=remembered)
        medication_id = profile.id if profile is not None else current.medication
        if not yes:
            check_interval(medication_id, last_dose(progress, medication_id), visit)
        moved = progress.appointment is None or current.date != visit
        progress.appointment = current._replace(
            planned_on=today if moved else current.planned_on,
            date=visit,
            time=visit_time if at is not None else current.time,
            medication=medication_id,
            center=center if center is not None else current.center,
            dose=dose if dose is not None else current.dose,
        )

    progress = open_store().change(apply)
    assert progress.appointment is not None
    _print_appointment(progress.appointment, today)


@command(
    "stop",
    _(
        "Stop planning infusion visits, for example after a move to a pen at home.\n\n"
        "The next visit is taken off; the history of past visits and your answers are kept."
    ),
    "infuseprep appointment stop",
    group=appointment_app,
)
def appointment_stop() -> None:
    _stop_infusions(None)


def _stop_infusions(pen: str | None) -> None:
    from infuseprep.progress import Progress

    def apply(progress: Progress) -> None:
        progress.appointment = None

    progress = open_store().change(apply)
    kept = len(progress.history)
    said = [
        ngettext(
            "Infusion visits are stopped. Your {count} past visit is kept in the history.",
            "Infusion visits are stopped. Your {count} past visits are kept in the history.",
            kept,
        ).format(count=kept)
    ]
    if pen is not None:
        said.append(
            _(
                "{medicine}: infuseprep prepares for infusion visits, not for shots at home. "
                "How to use the pen or syringe is taught by your care team; ask them for the "
                "training."
            ).format(medicine=pen)
        )
    said.append(
        _("If you go back to infusions, run: {command}").format(
            command=hint("appointment set " + _("DATE"))
        )
    )
    say(*said)


def _print_appointment(appointment: "Appointment", today: "date") -> None:
    from infuseprep.medications import medications
    from infuseprep.words import appointment_line

    profile = medications().get(appointment.medication or "")
    say(appointment_line(appointment, today, profile.name if profile else None, person_name()))


@command(
    "show",
    _(
        "Show the next visit and the schedule.\n\n"
        "The medication's schedule and infusion length are shown with their sources."
    ),
    "infuseprep appointment show",
    group=appointment_app,
)
def appointment_show() -> None:
    from infuseprep import clock
    from infuseprep.medications import CONFIRM, medications
    from infuseprep.words import long_date

    appointment = open_store().read().appointment
    if appointment is None:
        say(
            _("No appointment is set. Set one with: {command}").format(
                command=hint("appointment set YYYY-MM-DD")
            )
        )
        return
    _print_appointment(appointment, clock.today())
    profile = medications().get(appointment.medication or "")
    if profile is not None:
        say(
            _("Schedule: {schedule} (Source: {source})").format(
                schedule=profile.schedule, source=profile.schedule_source
            )
        )
        if profile.days_in_a_row > 1:
            say(
                _("Each dose is given on {count} days in a row: from {first} to {last}.").format(
                    count=profile.days_in_a_row,
                    first=long_date(appointment.date),
                    last=long_date(profile.last_day(appointment.date)),
                )
            )
        coming = profile.dose_dates(appointment.date, 4, appointment.dose or 1)[1:]
        if coming and appointment.dose:
            dates = ", ".join(long_date(day) for day in coming)
            say(_("The next doses, if the schedule holds: {dates}.").format(dates=dates))
        if profile.infusion:
            say(
                _("Length: {length} (Source: {source})").format(
                    length=profile.infusion, source=profile.infusion_source
                )
            )
        say(_(CONFIRM))


@command(
    "done",
    _(
        "Close this visit and move to the next.\n\n"
        "The visit goes into the history. Steps done once stay done; steps for every visit "
        "start fresh; yearly steps start fresh a year after they were done. The next date comes "
        "from the medication's schedule, or from --next; a --next date closer to this dose than "
        "the label allows is refused unless you add --yes."
    ),
    "infuseprep appointment done",
    "infuseprep appointment done --next 2027-01-14",
    group=appointment_app,
)
def appointment_done(
    next_date: Annotated[
        str | None,
        typer.Option(
            "--next",
            metavar=_("DATE"),
            help=_("The next visit's date, if not the one the medication's schedule gives."),
        ),
    ] = None,
    early: Annotated[
        bool,
        typer.Option(
            "--early", help=_("Close a visit whose date has not come yet (it was moved).")
        ),
    ] = False,
    yes: YesOption = False,
    checklists: ChecklistDirs = None,
) -> None:
    from infuseprep import clock
    from infuseprep.dates import parse_date
    from infuseprep.medications import CONFIRM
    from infuseprep.visits import check_interval, close_visit, next_visit
    from infuseprep.words import long_date

    today = clock.today()
    catalog = load_checklists(checklists)
    store = open_store()
    current = store.read().appointment
    if current is None:
        raise UsageProblem(
            _("No appointment is set. Set one with: {command}").format(
                command=hint("appointment set " + _("DATE"))
            )
        )
    if current.date > today and not early:
        raise UsageProblem(
            _(
                "The visit on {date} has not come yet, so nothing was closed. If it already "
                "happened, run: {command}"
            ).format(date=long_date(current.date), command=hint("appointment done --early"))
        )
    following: date | None
    if next_date is not None:
        following, reason = parse_date(next_date, today), _("the date you gave")
    else:
        following, reason = next_visit(current)
    if following is not None and not yes:
        check_interval(current.medication, current.date, following)

    def apply(progress: "Progress") -> None:
        close_visit(progress, catalog.checklists, following, clock.timestamp())

    progress = store.change(apply)
    visit = progress.history[-1]
    say(
        ngettext(
            "Visit of {date} closed: {done} of {total} step done, {skipped} did not apply. "
            "Steps for every visit start fresh.",
            "Visit of {date} closed: {done} of {total} steps done, {skipped} did not apply. "
            "Steps for every visit start fresh.",
            visit.total,
        ).format(
            date=long_date(visit.date), done=visit.done, total=visit.total, skipped=visit.skipped
        )
    )
    if progress.appointment is None:
        say(
            reason,
            _("Set the next date with: {command}").format(
                command=hint("appointment set YYYY-MM-DD")
            ),
        )
        return
    _print_appointment(progress.appointment, today)
    if next_date is None:
        say(
            reason,
            _("{confirm} If it differs, run: {command}").format(
                confirm=_(CONFIRM), command=hint("appointment set " + _("DATE"))
            ),
        )


@command("history", _("List past visits and the steps done."), "infuseprep history")
def history() -> None:
    from infuseprep.render.history import print_history
    from infuseprep.render.plain import PlainWriter

    print_history(PlainWriter(), open_store().read().history)
