"""Preparation around a visit: which steps apply, when each is due, and closing a visit.

Dates here are calendar dates in the person's local time. Counting in dates rather than hours
keeps "in 3 days" right across a daylight-saving change.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, time, timedelta

from infuseprep.checklist import Checklist, Item
from infuseprep.errors import UsageProblem
from infuseprep.medications import medication
from infuseprep.progress import (
    FIRST_YEAR,
    LAST_YEAR,
    MAX_DOSE,
    Appointment,
    Progress,
    Visit,
    in_range,
)
from infuseprep.words import hint

YEAR = timedelta(days=365)
_RELATIVE = re.compile(r"in (?P<count>\d{1,3}) (?P<unit>day|days|week|weeks)")


def parse_date(text: str, today: date) -> date:
    """A date as YYYY-MM-DD, or "today", "tomorrow", "in 10 days", "in 2 weeks"."""
    words = " ".join(text.lower().split())
    if words == "today":
        return today
    if words == "tomorrow":
        return today + timedelta(days=1)
    relative = _RELATIVE.fullmatch(words)
    if relative:
        count = int(relative["count"])
        return today + timedelta(days=count * (7 if relative["unit"].startswith("week") else 1))
    try:
        day = date.fromisoformat(words)
    except ValueError:
        raise UsageProblem(
            f'"{text}" is not a date infuseprep understands. Write it as YYYY-MM-DD (for example '
            f'{(today + timedelta(days=10)).isoformat()}), or as "tomorrow" or "in 10 days".'
        ) from None
    if not in_range(day):
        raise UsageProblem(
            f'"{text}" is too far away. Give a date from {FIRST_YEAR} to {LAST_YEAR}.'
        )
    return day


def parse_time(text: str) -> time:
    """A time of day on the 24-hour clock, as HH:MM."""
    try:
        parsed = time.fromisoformat(text.strip())
    except ValueError:
        parsed = None
    if parsed is None or parsed.second or parsed.microsecond or parsed.tzinfo:
        raise UsageProblem(
            f'"{text}" is not a time infuseprep understands. '
            "Write it as HH:MM, for example 09:30 or 14:00."
        )
    return parsed


def applies(item: Item, appointment: Appointment | None) -> bool:
    """A step for some medications only is hidden once the medication is known to be another."""
    if not item.medications or appointment is None or appointment.medication is None:
        return True
    return appointment.medication in item.medications


def due_date(item: Item, appointment: Appointment | None) -> date | None:
    if appointment is None or item.when is None:
        return None
    return item.when.due(appointment.date)


def for_visit(checklists: Sequence[Checklist], appointment: Appointment | None) -> list[Checklist]:
    """The checklists as this visit needs them: steps that apply, in due order, undated last."""
    planned = []
    for checklist in checklists:
        steps = [item for item in checklist.items if applies(item, appointment)]
        if appointment is not None:
            last = date.max
            steps.sort(key=lambda item: due_date(item, appointment) or last)
        if steps:
            planned.append(replace(checklist, items=tuple(steps)))
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
        raise UsageProblem(f"No appointment is set. Set one with: {hint('appointment set DATE')}")
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
    for checklist in checklists:
        for item in checklist.items:
            answer = progress.get(checklist.id, item.id)
            if answer is None or item.scope == "once":
                continue
            if item.scope == "yearly" and not _year_old(answer.answered_at, horizon):
                continue
            progress.forget(checklist.id, item.id)
    if next_date is None:
        progress.appointment = None
    else:
        # The schedule took an unknown dose as dose 1, so the next one is dose 2.
        dose = min((appointment.dose or 1) + 1, MAX_DOSE) if appointment.medication else None
        progress.appointment = appointment._replace(date=next_date, dose=dose)
    return visit


def _year_old(answered_at: str | None, horizon: date) -> bool:
    if answered_at is None:
        return True
    return date.fromisoformat(answered_at[:10]) + YEAR <= horizon


def next_visit(appointment: Appointment) -> tuple[date | None, str]:
    """The date the medication's schedule gives after this visit, and how it was worked out."""
    if appointment.medication is None:
        return None, "No medication is set, so infuseprep cannot suggest the next date."
    profile = medication(appointment.medication)
    dose = appointment.dose or 1
    following = profile.next_visit(appointment.date, dose)
    if following is None:
        return None, f"{profile.name}: {profile.schedule}"
    if not in_range(following):
        return None, f"The next date would be after {LAST_YEAR}, so infuseprep did not set it."
    gap = profile.gap_after(dose)
    assumed = "" if appointment.dose else " (taken as dose 1; use --dose to say otherwise)"
    weeks = f"{gap // 7} weeks" if gap and gap % 7 == 0 else f"{gap} days"
    return following, (
        f"{profile.name} is given {weeks} after dose {dose}{assumed}. "
        f"Source: {profile.schedule_source}"
    )
