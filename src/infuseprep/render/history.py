"""The ``history`` and ``profiles`` views."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from infuseprep.errors import ProgressUnreadable
from infuseprep.i18n import ngettext
from infuseprep.medications import medications
from infuseprep.person import Person
from infuseprep.progress import Visit
from infuseprep.render.plain import PlainWriter
from infuseprep.store import ProgressStore
from infuseprep.words import countdown, hint, long_date


def print_history(out: PlainWriter, visits: Sequence[Visit]) -> None:
    if not visits:
        out.line(f"No past visits yet. After a visit, run: {hint('appointment done')}")
        return
    names = {profile.id: profile.name for profile in medications().values()}
    for visit in reversed(visits):
        medicine = names.get(visit.medication or "", visit.medication or "")
        dose = f", dose {visit.dose}" if visit.dose else ""
        about = f" {medicine}{dose}." if medicine else ""
        out.line(long_date(visit.date), bold=True)
        out.line(
            f"{visit.done} of {visit.total} steps done, {visit.skipped} did not apply.{about}",
            indent=2,
        )
    out.line()
    past = len(visits)
    out.line(ngettext("{count} past visit.", "{count} past visits.", past).format(count=past))


def print_profiles(out: PlainWriter, people: Sequence[Person], today: date) -> None:
    for person in people:
        try:
            appointment = ProgressStore(person.progress_file).read().appointment
            if appointment is None:
                about = "no appointment set"
            else:
                visit = appointment.date
                about = f"next visit {long_date(visit)}, {countdown(visit, today)}"
        except ProgressUnreadable:
            about = "its progress file cannot be read"
        try:
            shown_name = person.settings().name
        except ProgressUnreadable:
            shown_name = None
        named = f" ({shown_name})" if shown_name else ""
        out.line(f"{person.profile}{named}: {about}")
        if not person.is_default:
            out.line(f"Use it with: {person.command('COMMAND')}", indent=2)
