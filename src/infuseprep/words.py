"""Words every renderer shares: answer states, the countdown, the visit in one sentence.

Dates and times are shown through ``datetext`` (re-exported here for the renderers).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from infuseprep.datetext import clock_time, long_date, short_date
from infuseprep.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from infuseprep.progress import Appointment


__all__ = [
    "STATE_WORDS",
    "appointment_line",
    "clock_time",
    "countdown",
    "due_words",
    "either",
    "hint",
    "long_date",
    "short_date",
    "state_word",
]

# Keyed by the answer states of progress.py, spelled out so that importing these words is cheap.
# The values are English; ``state_word`` gives them in the language in use.
STATE_WORDS = {
    # TRANSLATORS: the answer "done" to a step of a checklist.
    "done": N_("done"),
    # TRANSLATORS: the answer "not yet" to a step of a checklist.
    "open": N_("not yet"),
    # TRANSLATORS: the answer "does not apply" to a step of a checklist (it does not apply to me).
    "skipped": N_("does not apply"),
}


def state_word(state: str) -> str:
    """The words for an answer state ("done", "not yet", "does not apply"), translated."""
    return _(STATE_WORDS[state])


def hint(arguments: str) -> str:
    """A command to suggest, as the person must type it: "infuseprep --profile mum reset"."""
    from infuseprep.person import current

    person = current()
    return person.command(arguments) if person else f"infuseprep {arguments}"


def either(choices: Iterable[str]) -> str:
    """ "a", "a or b", "a or b or c": choices offered, in the language in use."""
    joined = ""
    for choice in choices:
        # TRANSLATORS: two or more choices offered ('"mum" or "alex"'); {choices} may itself
        # be a list joined the same way.
        joined = (
            _("{choices} or {choice}").format(choices=joined, choice=choice) if joined else choice
        )
    return joined


def countdown(visit: date, today: date) -> str:
    """How far a day is from today: "today", "in 10 days", "3 days ago"."""
    days = (visit - today).days
    if days == 0:
        return _("today")
    if days == 1:
        return _("tomorrow")
    if days > 1:
        return ngettext("in {count} day", "in {count} days", days).format(count=days)
    if days == -1:
        return _("yesterday")
    return ngettext("{count} day ago", "{count} days ago", -days).format(count=-days)


def appointment_line(
    appointment: Appointment, today: date, medication_name: str | None, who: str | None = None
) -> str:
    """One sentence with everything known about the visit, naming the person when known."""
    day = long_date(appointment.date)
    until = countdown(appointment.date, today)
    if appointment.time is None:
        if who:
            first = _("{name}'s infusion: {date}, {countdown}.")
        else:
            first = _("Your infusion: {date}, {countdown}.")
        sentences = [first.format(name=who, date=day, countdown=until)]
    else:
        # The hour on a 12-hour clock chooses the form: Spanish says "a la 1:30" but "a las 9:30".
        hour = appointment.time.hour % 12 or 12
        if who:
            # TRANSLATORS: the number choosing the form is the hour (1 to 12) of {time}, so that
            # Spanish can say "a la 1:30 p. m." but "a las 9:30 a. m.". English uses one form.
            first = ngettext(
                "{name}'s infusion: {date} at {time}, {countdown}.",
                "{name}'s infusion: {date} at {time}, {countdown}.",
                hour,
            )
        else:
            # TRANSLATORS: the number choosing the form is the hour (1 to 12) of {time}, so that
            # Spanish can say "a la 1:30 p. m." but "a las 9:30 a. m.". English uses one form.
            first = ngettext(
                "Your infusion: {date} at {time}, {countdown}.",
                "Your infusion: {date} at {time}, {countdown}.",
                hour,
            )
        sentences = [
            first.format(name=who, date=day, time=clock_time(appointment.time), countdown=until)
        ]
    if medication_name:
        if appointment.dose:
            sentences.append(
                _("{medication}, dose {dose}.").format(
                    medication=medication_name, dose=appointment.dose
                )
            )
        else:
            sentences.append(f"{medication_name}.")
    if appointment.center:
        # TRANSLATORS: where the visit is: {center} is the name of the infusion center.
        sentences.append(_("At {center}.").format(center=appointment.center))
    return " ".join(sentences)


def due_words(due: date, today: date, planned_on: date | None = None) -> str:
    """When a step is due, in words; a day that passed before the visit was set is not blamed."""
    if due < today and planned_on is not None and due < planned_on:
        return _("Do this soon: its day, {date}, passed before this visit was set.").format(
            date=long_date(due)
        )
    if due < today:
        return _("Overdue: this was due on {date}.").format(date=long_date(due))
    if due == today:
        return _("Due today.")
    return _("Due on {date}, {countdown}.").format(
        date=long_date(due), countdown=countdown(due, today)
    )
