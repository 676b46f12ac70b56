"""The calendar export (RFC 5545), for reminders in the calendar people already use.

Events with alarms rather than to-dos, since several popular calendar apps ignore VTODO. Every
UID is derived from the profile, the visit's number and the step, so importing a newer export
updates the same entries instead of adding copies. Times are floating (no time zone): 09:30
means 09:30 wherever the calendar is, as the clinic's appointment card does.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from icalendar import Alarm, Calendar, Component, Event, Todo

from infuseprep.medications import CONFIRM, Medication
from infuseprep.progress import DONE, OPEN, Appointment
from infuseprep.summary import StepStatus, Summary
from infuseprep.words import STATE_WORDS, hint

PRODUCT = "-//infuseprep//infuseprep//EN"
DAY_BEFORE = timedelta(days=-1)
TWO_HOURS_BEFORE = timedelta(hours=-2)
EVENING_BEFORE = timedelta(hours=-6)  # 18:00 the day before an all-day entry
MORNING = timedelta(hours=8)  # 08:00 on the day of an all-day entry
CENTER_ADVICE = (
    "Plan for more time than the infusion itself: getting ready first, such as checking your "
    "vital signs, and being watched afterwards. Ask the center how long to plan for.\n"
    "Source: benlysta.com Benlysta infusion page"
)


def _alarm(trigger: timedelta, description: str) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", description)
    alarm.add("trigger", trigger)
    return alarm


def _visit_event(
    appointment: Appointment, medication: Medication | None, uid: str, stamp: datetime
) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    summary = "Infusion visit"
    if medication is not None and medication.id != "other":
        summary += f": {medication.name}"
    event.add("summary", summary)
    lines = [CENTER_ADVICE]
    if medication is not None and medication.infusion:
        lines.insert(0, f"{medication.infusion} (Source: {medication.infusion_source})")
    lines.append(CONFIRM)
    event.add("description", "\n".join(lines))
    if appointment.center:
        event.add("location", appointment.center)
    reminder = f"{summary} tomorrow"
    if appointment.time is None:
        event.add("dtstart", appointment.date)
        event.add("dtend", appointment.date + timedelta(days=1))
        event.add_component(_alarm(EVENING_BEFORE, reminder))
        event.add_component(_alarm(MORNING, f"{summary} today"))
    else:
        start = datetime.combine(appointment.date, appointment.time)
        minutes = medication.infusion_minutes if medication and medication.infusion_minutes else 60
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(minutes=minutes))
        event.add_component(_alarm(DAY_BEFORE, reminder))
        event.add_component(_alarm(TWO_HOURS_BEFORE, f"{summary} in 2 hours"))
    return event


def _describe_step(entry: Component, step: StepStatus, uid: str, stamp: datetime) -> str:
    """Give an event or a to-do the step's identity and words; returns its summary."""
    summary = step.item.text
    if step.state != OPEN:
        summary += f" ({STATE_WORDS[step.state]})"
    lines = [step.item.details] if step.item.details else []
    if step.item.source:
        lines.append(f"Source: {step.item.source}")
    if step.note:
        lines.append(f"Note: {step.note}")
    lines.append(f"When it is done, run: {hint('check ' + step.ref)}")
    entry.add("uid", uid)
    entry.add("dtstamp", stamp)
    entry.add("summary", summary)
    entry.add("description", "\n".join(lines))
    return summary


def _step_event(step: StepStatus, due: date, uid: str, stamp: datetime) -> Event:
    event = Event()
    summary = _describe_step(event, step, uid, stamp)
    event.add("dtstart", due)
    event.add("dtend", due + timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    event.add("categories", [step.checklist.title])
    event.add_component(_alarm(MORNING, summary))
    return event


def _step_todo(step: StepStatus, due: date, uid: str, stamp: datetime) -> Todo:
    todo = Todo()
    _describe_step(todo, step, uid, stamp)
    todo.add("due", due)
    todo.add("status", "COMPLETED" if step.state == DONE else "NEEDS-ACTION")
    return todo


def render_calendar(
    summary: Summary,
    medication: Medication | None,
    *,
    profile: str,
    visit_number: int,
    stamp: datetime,
    include_finished: bool = False,
    todos: bool = False,
) -> bytes:
    appointment = summary.appointment
    if appointment is None:
        raise ValueError("a calendar needs an appointment")
    prefix = f"{profile}.visit-{visit_number}"
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Infusion preparation")
    calendar.add_component(_visit_event(appointment, medication, f"{prefix}@infuseprep", stamp))
    for step in summary.steps:
        if step.due is None or (step.state != OPEN and not include_finished):
            continue
        uid = f"{prefix}.{step.checklist.id}.{step.item.id}@infuseprep"
        calendar.add_component(_step_event(step, step.due, uid, stamp))
        if todos:
            calendar.add_component(_step_todo(step, step.due, f"todo.{uid}", stamp))
    return bytes(calendar.to_ical())
