"""The calendar export (RFC 5545), for reminders in the calendar people already use.

Events with alarms rather than to-dos, since several popular calendar apps ignore VTODO. Every
UID is made of the person's random calendar id, the visit's number and the step, so importing a
newer export updates the same entries instead of adding copies, and two people's exports never
share an entry; SEQUENCE grows with each export so calendars take the newer one. Times carry the
computer's time zone, with its VTIMEZONE; when the zone cannot be found they are floating (09:30
wherever the calendar is, as the clinic's appointment card means). Text from a
checklist, a note or the center is neutralised (``untrusted.clean``) before it goes in; the
calendar library escapes line breaks, so a note cannot start an entry of its own.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path

from icalendar import Alarm, Calendar, Component, Event, Todo

from infuseprep.center import Center
from infuseprep.i18n import N_, _
from infuseprep.medications import CONFIRM, Medication
from infuseprep.progress import DONE, OPEN, Appointment
from infuseprep.summary import StepStatus, Summary
from infuseprep.untrusted import clean
from infuseprep.words import state_word

PRODUCT = "-//infuseprep//infuseprep//EN"
DAY_BEFORE = timedelta(days=-1)
TWO_HOURS_BEFORE = timedelta(hours=-2)
EVENING_BEFORE = timedelta(hours=-6)  # 18:00 the day before an all-day entry
MORNING = timedelta(hours=8)  # 08:00 on the day of an all-day entry
CENTER_ADVICE = N_(
    "Plan for more time than the infusion itself: getting ready first, such as checking your "
    "vital signs, and being watched afterwards. Ask the center how long to plan for.\n"
    "Source: benlysta.com Benlysta infusion page"
)
VISIT_LENGTH = timedelta(hours=3)
# SEQUENCE counts minutes since this moment, so every later export is a newer revision.
SEQUENCE_EPOCH = datetime(2026, 1, 1).astimezone()


def local_zone() -> tzinfo | None:
    """The computer's time zone as a named zone (for a VTIMEZONE), or ``None`` if unknown."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    name = os.environ.get("TZ", "").lstrip(":")
    if not name:
        try:
            target = str(Path("/etc/localtime").resolve())
        except OSError:
            return None
        name = target.split("zoneinfo/", 1)[1] if "zoneinfo/" in target else ""
    try:
        return ZoneInfo(name) if name else None
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _alarm(trigger: timedelta, description: str) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", description)
    alarm.add("trigger", trigger)
    return alarm


def _visit_event(
    appointment: Appointment,
    medication: Medication | None,
    uid: str,
    stamp: datetime,
    length: timedelta,
    zone: tzinfo | None,
    center: Center | None,
) -> Event:
    event = Event()
    _identify(event, uid, stamp)
    summary = _("Infusion visit")
    if medication is not None and medication.id != "other":
        summary = _("Infusion visit: {medicine}").format(medicine=medication.name)
    event.add("summary", summary)
    lines = [_(CENTER_ADVICE)]
    if medication is not None and medication.infusion:
        lines.insert(
            0,
            _("{text} (Source: {source})").format(
                text=medication.infusion, source=medication.infusion_source
            ),
        )
    lines.append(_(CONFIRM))
    if center is not None:
        lines.append(clean(f"{center.name}: {center.phone}."))
        lines += [clean(f"{_(label)}: {text}") for label, text in _center_notes(center) if text]
    event.add("description", "\n".join(lines))
    place = center.name if center is not None else appointment.center
    if center is not None and center.address:
        place = f"{center.name}, {center.address}"
    if place:
        event.add("location", clean(place))
    # TRANSLATORS: calendar reminders; {visit} is "Infusion visit" or "Infusion visit: Benlysta".
    reminder = _("{visit} tomorrow").format(visit=summary)
    if appointment.time is None:
        event.add("dtstart", appointment.date)
        event.add("dtend", appointment.date + timedelta(days=1))
        event.add_component(_alarm(EVENING_BEFORE, reminder))
        event.add_component(_alarm(MORNING, _("{visit} today").format(visit=summary)))
    else:
        start = datetime.combine(appointment.date, appointment.time, tzinfo=zone)
        event.add("dtstart", start)
        event.add("dtend", start + length)
        event.add_component(_alarm(DAY_BEFORE, reminder))
        event.add_component(_alarm(TWO_HOURS_BEFORE, _("{visit} in 2 hours").format(visit=summary)))
    if medication is not None and medication.days_in_a_row > 1:
        event.add("rrule", {"freq": "daily", "count": medication.days_in_a_row})
    return event


def _center_notes(center: Center) -> list[tuple[str, str | None]]:
    return [
        (N_("After hours"), center.after_hours),
        (N_("Parking"), center.parking),
        (N_("Check-in"), center.check_in),
        (N_("Web"), center.web),
    ]


def _identify(entry: Component, uid: str, stamp: datetime) -> None:
    entry.add("uid", uid)
    entry.add("dtstamp", stamp)
    entry.add("sequence", max(0, int((stamp - SEQUENCE_EPOCH).total_seconds() // 60)))


def _describe_step(entry: Component, step: StepStatus, uid: str, stamp: datetime) -> str:
    """Give an event or a to-do the step's identity and words; returns its summary."""
    summary = clean(step.item.text)
    if step.state != OPEN:
        # TRANSLATORS: a step's calendar entry once answered: "Pack a snack (done)".
        summary = _("{step} ({answer})").format(step=summary, answer=state_word(step.state))
    lines = [clean(step.item.details)] if step.item.details else []
    if step.item.source:
        lines.append(clean(_("Source: {source}").format(source=step.item.source)))
    if step.note:
        lines.append(_("Note: {note}").format(note=clean(step.note)))
    lines.append(_("When it is done, tick it off in infuseprep."))
    _identify(entry, uid, stamp)
    entry.add("summary", summary)
    entry.add("description", "\n".join(lines))
    return summary


def _step_event(step: StepStatus, due: date, uid: str, stamp: datetime) -> Event:
    event = Event()
    summary = _describe_step(event, step, uid, stamp)
    event.add("dtstart", due)
    event.add("dtend", due + timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    event.add("categories", [clean(step.checklist.title)])
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
    person_id: str,
    visit_number: int,
    stamp: datetime,
    include_finished: bool = False,
    include_past: bool = False,
    todos: bool = False,
    length: timedelta = VISIT_LENGTH,
    zone: tzinfo | None = None,
) -> bytes:
    """The visit and the dated steps still to do, from today on unless ``include_past``."""
    appointment = summary.appointment
    if appointment is None:
        raise ValueError("a calendar needs an appointment")
    prefix = f"{person_id}.visit-{visit_number}"
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _("Infusion preparation"))
    calendar.add_component(
        _visit_event(
            appointment, medication, f"{prefix}@infuseprep", stamp, length, zone, summary.center
        )
    )
    today = stamp.date()
    for step in summary.steps:
        if step.due is None or (step.state != OPEN and not include_finished):
            continue
        if step.due < today and not include_past:
            continue
        uid = f"{prefix}.{step.checklist.id}.{step.item.id}@infuseprep"
        calendar.add_component(_step_event(step, step.due, uid, stamp))
        if todos:
            calendar.add_component(_step_todo(step, step.due, f"todo.{uid}", stamp))
    if zone is not None:
        calendar.add_missing_timezones()
    return bytes(calendar.to_ical())
