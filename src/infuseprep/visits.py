"""Preparation around a visit: which steps apply, when each is due, and closing a visit.

Dates here are calendar dates in the person's local time. Counting in dates rather than hours
keeps "in 3 days" right across a daylight-saving change.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta

from infuseprep.center import Center, fill
from infuseprep.checklist import Checklist, Item
from infuseprep.errors import TooSoon, UsageProblem
from infuseprep.i18n import _, ngettext
from infuseprep.medications import medication
from infuseprep.progress import LAST_YEAR, MAX_DOSE, Appointment, Progress, Visit, in_range
from infuseprep.timing import Timing
from infuseprep.words import hint, long_date

YEAR = timedelta(days=365)


def applies(item: Item, appointment: Appointment | None) -> bool:
    """A step for some medications only is hidden once the medication is known to be another."""
    if not item.medications or appointment is None or appointment.medication is None:
        return True
    return appointment.medication in item.medications


def due_date(item: Item, appointment: Appointment | None) -> date | None:
    """A step's date. A step for the days after a visit belongs to the visit just closed while
    its day comes before the next visit: the week of watching is not moved a month on."""
    if appointment is None or item.when is None:
        return None
    if item.when.days_before < 0 and appointment.previous is not None:
        after_previous = item.when.due(appointment.previous)
        if after_previous < appointment.date:
            return after_previous
    return item.when.due(appointment.date)


# On one day: the morning first, then the day's steps, the visit itself, then the evening.
PART_ORDER = {"morning": 0, "day": 1, "visit": 2, "evening": 3}


def due_dates(appointment: Appointment | None) -> Callable[[Item], date | None]:
    """``due_date`` for the steps of one visit, worked out once per timing: a few timings serve
    a clinic's thousands of steps."""
    known: dict[Timing | None, date | None] = {}

    def due(item: Item) -> date | None:
        try:
            return known[item.when]
        except KeyError:
            known[item.when] = found = due_date(item, appointment)
            return found

    return due


def walk_order(item: Item, appointment: Appointment | None) -> tuple[date, int]:
    """Soonest due first; on the same day, by part of the day; steps without a date last."""
    return day_order(due_date(item, appointment), item)


def day_order(due: date | None, item: Item) -> tuple[date, int]:
    """``walk_order`` for a step whose due date is known already."""
    return due or date.max, PART_ORDER.get(item.when.part_of_day, 1) if item.when else 1


def with_center(checklist: Checklist, center: Center | None) -> Checklist:
    """The checklist with its placeholders (``{center.phone}``) filled from the center card,
    or with plain words where there is none. Steps without a placeholder are kept as they are:
    a clinic's long lists rarely have one."""
    items = tuple(
        item
        if "{" not in item.text and (item.details is None or "{" not in item.details)
        else item._replace(
            text=fill(item.text, center),
            details=None if item.details is None else fill(item.details, center),
        )
        for item in checklist.items
    )
    return checklist._replace(items=items)


def for_visit(
    checklists: Sequence[Checklist], appointment: Appointment | None, center: Center | None = None
) -> list[Checklist]:
    """The checklists as this visit needs them: steps that apply, in due order, undated last.

    Placeholders such as ``{center.phone}`` are filled from the center card.
    """
    planned = []
    due = due_dates(appointment)
    for checklist in checklists:
        steps = [
            item for item in with_center(checklist, center).items if applies(item, appointment)
        ]
        if appointment is not None:
            steps.sort(key=lambda item: day_order(due(item), item))
        if steps:
            planned.append(checklist._replace(items=tuple(steps)))
    return planned


def close_visit(
    progress: Progress, checklists: Sequence[Checklist], next_date: date | None, closed_at: str
) -> Visit:
    """Record the visit in history and make the progress ready for the next one.

    "once" steps keep their answers; "every visit" steps start fresh; "yearly" steps start fresh
    when their answer would be a year old or more by the next visit. Notes are kept.
    """
    appointment = progress.appointment
    if appointment is None:
        raise UsageProblem(
            _("No appointment is set. Set one with: {command}").format(
                command=hint("appointment set DATE")
            )
        )
    planned = for_visit(checklists, appointment)
    states = [progress.state(c.id, item.id) for c in planned for item in c.items]
    visit = Visit(
        date=appointment.date,
        medication=appointment.medication,
        dose=appointment.dose,
        done=states.count("done"),
        skipped=states.count("skipped"),
        total=len(states),
        closed_at=closed_at,
    )
    progress.history.append(visit)
    horizon = next_date or appointment.date
    closed_on = date.fromisoformat(closed_at[:10])
    for checklist in checklists:
        for item in checklist.items:
            answer = progress.get(checklist.id, item.id)
            if answer is None or item.scope == "once":
                continue
            if item.when and item.when.days_before < 0 and item.when.due(visit.date) <= closed_on:
                continue  # an after-visit step already answered for the visit being closed
            if item.scope == "yearly" and not _year_old(answer.answered_at, horizon):
                continue
            progress.forget(checklist.id, item.id)
    if next_date is None:
        progress.appointment = None
    else:
        # The schedule took an unknown dose as dose 1, so the next one is dose 2.
        dose = min((appointment.dose or 1) + 1, MAX_DOSE) if appointment.medication else None
        progress.appointment = appointment._replace(
            date=next_date, dose=dose, planned_on=closed_on, previous=appointment.date
        )
    return visit


def _year_old(answered_at: str | None, horizon: date) -> bool:
    if answered_at is None:
        return True
    return date.fromisoformat(answered_at[:10]) + YEAR <= horizon


def next_visit(appointment: Appointment) -> tuple[date | None, str]:
    """The date the medication's course gives after this visit, and how it was worked out."""
    if appointment.medication is None:
        return None, _("No medication is set, so infuseprep cannot suggest the next date.")
    profile = medication(appointment.medication)
    dose = appointment.dose or 1
    following = profile.next_visit(appointment.date, dose)
    # TRANSLATORS: where a schedule comes from: {source} quotes a US drug label, in English.
    source = _("Source: {source}").format(source=profile.schedule_source)
    if following is None:
        if profile.doses is not None and dose >= profile.doses:
            last = ngettext(
                "Dose {dose} was the last of this course of {medication} ({count} dose in all).",
                "Dose {dose} was the last of this course of {medication} ({count} doses in all).",
                profile.doses,
            ).format(dose=dose, medication=profile.name, count=profile.doses)
            return None, f"{last} {profile.schedule} {source}"
        return None, f"{profile.name}: {profile.schedule} {source}"
    if not in_range(following):
        return None, _("The next date would be after {year}, so infuseprep did not set it.").format(
            year=LAST_YEAR
        )
    gap = profile.gap_after(dose)
    assert gap is not None  # there is a next date
    if appointment.dose:
        given = _("{medication} is given {gap} after dose {dose}.")
    else:
        given = _(
            "{medication} is given {gap} after dose {dose} (taken as dose 1; use --dose to say "
            "otherwise)."
        )
    return following, (
        given.format(medication=profile.name, gap=gap.words(), dose=dose) + " " + source
    )


def check_interval(medication_id: str | None, last_dose: date | None, following: date) -> None:
    """Refuse a next date closer to the last dose than the label allows; --yes overrides it."""
    if medication_id is None or last_dose is None:
        return
    profile = medication(medication_id)
    if profile.min_gap_days is None:
        return
    days = (following - last_dose).days
    if days >= profile.min_gap_days:
        return
    too_soon = ngettext(
        "{date} is {count} day after the dose on {last_dose}, and {medication} needs at least "
        "{minimum} days between doses (Source: {source}).",
        "{date} is {count} days after the dose on {last_dose}, and {medication} needs at least "
        "{minimum} days between doses (Source: {source}).",
        days,
    ).format(
        date=long_date(following),
        count=days,
        last_dose=long_date(last_dose),
        medication=profile.name,
        minimum=profile.min_gap_days,
        source=profile.schedule_source,
    )
    what_next = _(
        "Nothing was changed. If your care team chose this date, run the same command again "
        "with --yes."
    )
    raise TooSoon(f"{too_soon} {what_next}")


def last_dose(progress: Progress, medication_id: str | None) -> date | None:
    """The date of the last visit in the history with this medication, if any."""
    for visit in reversed(progress.history):
        if visit.medication == medication_id:
            return visit.date
    return None
