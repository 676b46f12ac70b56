"""The ``history`` and ``profiles`` views."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from infuseprep.errors import ProgressUnreadable
from infuseprep.i18n import _, ngettext
from infuseprep.medications import medications
from infuseprep.person import Person
from infuseprep.progress import Visit
from infuseprep.render.plain import PlainWriter
from infuseprep.store import ProgressStore
from infuseprep.words import countdown, hint, long_date


def print_history(out: PlainWriter, visits: Sequence[Visit]) -> None:
    if not visits:
        out.line(
            _("No past visits yet. After a visit, run: {command}").format(
                command=hint("appointment done")
            )
        )
        return
    names = {profile.id: profile.name for profile in medications().values()}
    for visit in reversed(visits):
        medicine = names.get(visit.medication or "", visit.medication or "")
        line = ngettext(
            "{done} of {total} step done, {skipped} did not apply.",
            "{done} of {total} steps done, {skipped} did not apply.",
            visit.total,
        ).format(done=visit.done, total=visit.total, skipped=visit.skipped)
        if medicine and visit.dose:
            line += " " + _("{medicine}, dose {dose}.").format(medicine=medicine, dose=visit.dose)
        elif medicine:
            line += f" {medicine}."
        out.line(long_date(visit.date), bold=True)
        out.line(line, indent=2)
    out.line()
    past = len(visits)
    out.line(ngettext("{count} past visit.", "{count} past visits.", past).format(count=past))


def print_profiles(out: PlainWriter, people: Sequence[Person], today: date) -> None:
    for person in people:
        try:
            appointment = ProgressStore(person.progress_file).read().appointment
            if appointment is None:
                about = _("no appointment set")
            else:
                visit = appointment.date
                about = _("next visit {date}, {countdown}").format(
                    date=long_date(visit), countdown=countdown(visit, today)
                )
        except ProgressUnreadable:
            about = _("its progress file cannot be read")
        try:
            shown_name = person.settings().name
        except ProgressUnreadable:
            shown_name = None
        named = f" ({shown_name})" if shown_name else ""
        out.line(f"{person.profile}{named}: {about}")
        if not person.is_default:
            # TRANSLATORS: COMMAND stands for any infuseprep command; keep it as it is.
            out.line(
                _("Use it with: {command}").format(command=person.command(_("COMMAND"))), indent=2
            )
