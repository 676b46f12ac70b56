"""Words every renderer shares: answer states, the countdown, the visit in one sentence.

Dates and times are shown through ``datetext`` (re-exported here for the renderers).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from infuseprep.datetext import clock_time, long_date, short_date

if TYPE_CHECKING:
    from infuseprep.progress import Appointment


__all__ = [
    "STATE_WORDS",
    "appointment_line",
    "clock_time",
    "count",
    "countdown",
    "due_words",
    "hint",
    "long_date",
    "short_date",
]

# Keyed by the answer states of progress.py, spelled out so that importing these words is cheap.
STATE_WORDS = {"done": "done", "open": "not yet", "skipped": "does not apply"}


def hint(arguments: str) -> str:
    """A command to suggest, as the person must type it: "infuseprep --profile mum reset"."""
    from infuseprep.person import current

    person = current()
    return person.command(arguments) if person else f"infuseprep {arguments}"


def count(number: int, noun: str) -> str:
    """ "1 step", "2 steps"."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def countdown(visit: date, today: date) -> str:
    days = (visit - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days > 1:
        return f"in {days} days"
    if days == -1:
        return "yesterday"
    return f"{-days} days ago"


def appointment_line(
    appointment: Appointment, today: date, medication_name: str | None, who: str | None = None
) -> str:
    """One sentence with everything known about the visit, naming the person when known."""
    when = long_date(appointment.date)
    if appointment.time is not None:
        when += f" at {clock_time(appointment.time)}"
    whose = f"{who}'s infusion" if who else "Your infusion"
    parts = [f"{whose}: {when}, {countdown(appointment.date, today)}."]
    if medication_name:
        dose = f", dose {appointment.dose}" if appointment.dose else ""
        parts.append(f"{medication_name}{dose}.")
    if appointment.center:
        parts.append(f"At {appointment.center}.")
    return " ".join(parts)


def due_words(due: date, today: date, planned_on: date | None = None) -> str:
    """When a step is due, in words; a day that passed before the visit was set is not blamed."""
    if due < today and planned_on is not None and due < planned_on:
        return f"Do this soon: its day, {long_date(due)}, passed before this visit was set."
    if due < today:
        return f"Overdue: this was due on {long_date(due)}."
    if due == today:
        return "Due today."
    return f"Due on {long_date(due)}, {countdown(due, today)}."
