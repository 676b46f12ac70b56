"""The ``status`` and ``today`` views for a caregiver: progress per checklist, then what is open."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from infuseprep.center import Center
from infuseprep.i18n import ngettext
from infuseprep.medications import medications
from infuseprep.progress import DONE, OPEN, SKIPPED
from infuseprep.render.plain import PlainWriter
from infuseprep.summary import StepStatus, Summary
from infuseprep.words import appointment_line, hint, long_date, short_date

WEEK = 7
GROUP_TITLES = {
    "do soon": "Do soon (their day passed before this visit was set)",
    "overdue": "Overdue",
    "today": "Due today",
    "coming up": "Coming up",
    "no date": "No date",
}


def print_appointment(out: PlainWriter, summary: Summary, today: date) -> None:
    appointment = summary.appointment
    if appointment is None:
        if summary.who:
            out.line(f"For {summary.who}.", bold=True)
        out.line(f"No appointment is set. To set one: {hint('appointment set YYYY-MM-DD')}")
        return
    profile = medications().get(appointment.medication or "")
    name = profile.name if profile else None
    out.line(appointment_line(appointment, today, name, summary.who), bold=True)


def _step_line(step: StepStatus, today: date | None, with_due: bool) -> str:
    line = f"{step.item.text} ({step.ref})"
    if with_due and step.due is not None:
        line = f"{short_date(step.due, today)}: {step.item.text} ({step.ref})"
    if step.answer is not None and step.answer.answered:
        line += " You said: not yet."
    if step.note:
        line += f" Note: {step.note}"
    return line


def print_open_steps(
    out: PlainWriter, summary: Summary, today: date, groups: tuple[str, ...]
) -> int:
    """Open steps under a heading per group; returns how many were shown."""
    shown = 0
    for name, steps in summary.open_by_due(today).items():
        if name not in groups or not steps:
            continue
        out.line()
        out.line(f"{GROUP_TITLES[name]}:", bold=True)
        for step in steps:
            out.bullet(_step_line(step, today, with_due=name != "today"), 2)
        shown += len(steps)
    return shown


def print_center(out: PlainWriter, center: Center | None) -> None:
    """Who to call, at the top, where a worried person looks first."""
    if center is None:
        return
    line = f"Your center: {center.name}, phone {center.phone}."
    if center.after_hours:
        line += f" After hours: {center.after_hours}."
    out.line(line)


def print_status(out: PlainWriter, summary: Summary, progress_file: Path, today: date) -> None:
    print_center(out, summary.center)
    print_appointment(out, summary, today)
    out.line()
    width = max(10, min(20, out.width - 40))
    for status in summary.checklists:
        total = len(status.steps)
        out.line(status.checklist.title, bold=True)
        out.line(
            f"{out.bar(status.finished, total, width)} {status.finished} of {total} finished: "
            f"{status.tally(DONE)} done, {status.tally(SKIPPED)} do not apply, "
            f"{status.tally(OPEN)} open",
            indent=2,
        )
    out.line()
    out.line(f"Overall: {summary.finished} of {summary.total} steps finished.", bold=True)
    print_plan(out, summary, today)
    if summary.appointment is not None:
        print_open_steps(out, summary, today, tuple(GROUP_TITLES))
    else:
        _print_open_by_checklist(out, summary)
    if summary.orphans:
        count = len(summary.orphans)
        out.line()
        out.line(
            f"{count} saved answer{'s are' if count != 1 else ' is'} for steps no longer in "
            f"the checklists; kept in case they come back: {', '.join(summary.orphans)}."
        )
    out.line()
    where = "Saved in" if progress_file.exists() else "Nothing saved yet; answers will be saved in"
    out.line(f"{where} {progress_file}")


def _print_open_by_checklist(out: PlainWriter, summary: Summary) -> None:
    open_lists = [status for status in summary.checklists if status.open_steps]
    if open_lists:
        out.line()
        out.line("Still open:", bold=True)
    for status in open_lists:
        out.line(status.checklist.title, indent=2)
        for step in status.open_steps:
            out.bullet(_step_line(step, None, with_due=False), 4)


def print_plan(out: PlainWriter, summary: Summary, today: date) -> None:
    """Before anything is answered, a short plan by week rather than a count of what is late."""
    if summary.appointment is None or any(step.answer for step in summary.steps):
        return
    weeks: dict[str, int] = {}
    for step in summary.steps:
        if step.due is None:
            continue
        ahead = (step.due - today).days
        when = (
            "late"
            if ahead < 0
            else "now"
            if ahead < WEEK
            else "next week"
            if ahead < 2 * WEEK
            else "later"
        )
        weeks[when] = weeks.get(when, 0) + 1
    labels = (
        ("late", "to do soon"),
        ("now", "this week"),
        ("next week", "next week"),
        ("later", "later"),
    )
    parts = [
        ngettext("{count} step", "{count} steps", number).format(count=number) + f" {words}"
        for key, words in labels
        if (number := weeks.get(key))
    ]
    if parts:
        out.line()
        out.line("Your plan: " + ", ".join(parts) + ". One step at a time is enough.")


def print_today(out: PlainWriter, summary: Summary, today: date) -> None:
    out.line(f"Today is {long_date(today)}.")
    print_appointment(out, summary, today)
    if summary.appointment is None:
        return
    print_plan(out, summary, today)
    if not print_open_steps(out, summary, today, ("do soon", "overdue", "today")):
        out.line()
        out.line("Nothing is due today.")
    week = today + timedelta(days=WEEK)
    coming = [
        step for step in summary.open_by_due(today)["coming up"] if step.due and step.due <= week
    ]
    if coming:
        out.line()
        out.line("Coming up in the next 7 days:", bold=True)
        for step in coming:
            out.bullet(_step_line(step, today, with_due=True), 2)
