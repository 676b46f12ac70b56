"""The ``history`` and ``profiles`` views."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from infuseprep.errors import ProgressUnreadable
from infuseprep.medications import medications
from infuseprep.paths import DEFAULT_PROFILE
from infuseprep.progress import Visit
from infuseprep.render.plain import PlainWriter
from infuseprep.store import ProgressStore
from infuseprep.words import count, countdown, hint, long_date


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
    out.line(f"{count(len(visits), 'past visit')}.")


def print_profiles(
    out: PlainWriter, profiles: Sequence[tuple[str, ProgressStore]], today: date
) -> None:
    for name, store in profiles:
        try:
            appointment = store.read().appointment
            if appointment is None:
                about = "no appointment set"
            else:
                visit = appointment.date
                about = f"next visit {long_date(visit)}, {countdown(visit, today)}"
        except ProgressUnreadable:
            about = "its progress file cannot be read"
        out.line(f"{name}: {about}")
        if name != DEFAULT_PROFILE:
            out.line(f"Use it with: infuseprep --profile {name} COMMAND", indent=2)
