"""The ``status`` and ``today`` views for a caregiver: progress per checklist, then what is open."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from rich.console import Console
from rich.text import Text

from infuseprep.medications import medications
from infuseprep.progress import DONE, OPEN, SKIPPED
from infuseprep.render.console import bullet, indented, progress_bar
from infuseprep.summary import StepStatus, Summary
from infuseprep.words import appointment_line, long_date, short_date

NO_APPOINTMENT = "No appointment is set. To set one: infuseprep appointment set YYYY-MM-DD"
WEEK = 7
GROUP_TITLES = {
    "overdue": "Overdue",
    "today": "Due today",
    "coming up": "Coming up",
    "no date": "No date",
}


def print_appointment(console: Console, summary: Summary, today: date) -> None:
    appointment = summary.appointment
    if appointment is None:
        console.print(Text(NO_APPOINTMENT), overflow="fold")
        return
    profile = medications().get(appointment.medication or "")
    line = appointment_line(appointment, today, profile.name if profile else None)
    console.print(Text(line, style="bold"))


def _step_line(step: StepStatus, with_due: bool) -> str:
    line = f"{step.item.text} ({step.ref})"
    if with_due and step.due is not None:
        line = f"{short_date(step.due)}: {step.item.text} ({step.ref})"
    if step.answer is not None and step.answer.answered:
        line += " You said: not yet."
    if step.note:
        line += f" Note: {step.note}"
    return line


def print_open_steps(
    console: Console, summary: Summary, today: date, groups: tuple[str, ...]
) -> int:
    """Open steps under a heading per group; returns how many were shown."""
    shown = 0
    for name, steps in summary.open_by_due(today).items():
        if name not in groups or not steps:
            continue
        console.print()
        console.print(Text(f"{GROUP_TITLES[name]}:", style="bold"))
        for step in steps:
            console.print(bullet(_step_line(step, with_due=name != "today"), 2))
        shown += len(steps)
    return shown


def print_status(console: Console, summary: Summary, progress_file: Path, today: date) -> None:
    print_appointment(console, summary, today)
    console.print()
    width = max(10, min(20, console.width - 40))
    ascii_only = console.options.ascii_only
    for status in summary.checklists:
        total = len(status.steps)
        bar = progress_bar(status.finished, total, width, ascii_only)
        console.print(Text(status.checklist.title, style="bold"))
        console.print(
            indented(
                f"{bar} {status.finished} of {total} finished: {status.count(DONE)} done, "
                f"{status.count(SKIPPED)} do not apply, {status.count(OPEN)} open",
                2,
            )
        )
    console.print()
    console.print(
        Text(f"Overall: {summary.finished} of {summary.total} steps finished.", style="bold")
    )
    if summary.appointment is not None:
        print_open_steps(console, summary, today, tuple(GROUP_TITLES))
    else:
        _print_open_by_checklist(console, summary)
    if summary.orphans:
        count = len(summary.orphans)
        console.print()
        console.print(
            Text(
                f"{count} saved answer{'s are' if count != 1 else ' is'} for steps no longer in "
                f"the checklists; kept in case they come back: {', '.join(summary.orphans)}."
            )
        )
    console.print()
    where = "Saved in" if progress_file.exists() else "Nothing saved yet; answers will be saved in"
    console.print(Text(f"{where} {progress_file}"), overflow="fold")


def _print_open_by_checklist(console: Console, summary: Summary) -> None:
    open_lists = [status for status in summary.checklists if status.open_steps]
    if open_lists:
        console.print()
        console.print(Text("Still open:", style="bold"))
    for status in open_lists:
        console.print(indented(status.checklist.title, 2))
        for step in status.open_steps:
            console.print(bullet(_step_line(step, with_due=False), 4))


def print_today(console: Console, summary: Summary, today: date) -> None:
    console.print(Text(f"Today is {long_date(today)}."))
    print_appointment(console, summary, today)
    if summary.appointment is None:
        return
    if not print_open_steps(console, summary, today, ("overdue", "today")):
        console.print()
        console.print(Text("Nothing is due today."))
    week = today + timedelta(days=WEEK)
    coming = [
        step for step in summary.open_by_due(today)["coming up"] if step.due and step.due <= week
    ]
    if coming:
        console.print()
        console.print(Text("Coming up in the next 7 days:", style="bold"))
        for step in coming:
            console.print(bullet(_step_line(step, with_due=True), 2))
