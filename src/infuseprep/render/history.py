"""The ``history`` and ``profiles`` views."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.console import Console
from rich.text import Text

from infuseprep.errors import ProgressUnreadable
from infuseprep.medications import medications
from infuseprep.progress import Visit
from infuseprep.render.console import indented
from infuseprep.store import ProgressStore
from infuseprep.words import countdown, long_date


def print_history(console: Console, visits: Sequence[Visit]) -> None:
    if not visits:
        console.print(Text('No past visits yet. After a visit, run "infuseprep appointment done".'))
        return
    names = {profile.id: profile.name for profile in medications().values()}
    for visit in reversed(visits):
        medicine = names.get(visit.medication or "", visit.medication or "")
        dose = f", dose {visit.dose}" if visit.dose else ""
        about = f" {medicine}{dose}." if medicine else ""
        console.print(Text(long_date(visit.date), style="bold"))
        console.print(
            indented(
                f"{visit.done} of {visit.total} steps done, {visit.skipped} did not apply.{about}",
                2,
            )
        )
    console.print()
    console.print(Text(f"{len(visits)} past visits."))


def print_profiles(
    console: Console, profiles: Sequence[tuple[str, ProgressStore]], today: date
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
        console.print(Text(f"{name}: {about}"), overflow="fold")
        if name != "default":
            console.print(indented(f"Use it with: infuseprep --profile {name} COMMAND", 2))
