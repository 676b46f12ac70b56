"""The ``status`` view for a caregiver: a bar and counts per checklist, then what is still open."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.text import Text

from infuseprep.progress import DONE, OPEN, SKIPPED
from infuseprep.render.console import indented, progress_bar
from infuseprep.summary import Summary


def print_status(console: Console, summary: Summary, progress_file: Path) -> None:
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
    open_lists = [status for status in summary.checklists if status.open_steps]
    if open_lists:
        console.print()
        console.print(Text("Still open:"))
    for status in open_lists:
        console.print(indented(status.checklist.title, 2))
        for step in status.open_steps:
            line = f"- {step.item.text} ({status.checklist.id}/{step.item.id})"
            if step.answer is not None and step.answer.answered:
                line += " You said: not yet."
            if step.note:
                line += f". Note: {step.note}"
            console.print(indented(line, 4))
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
    console.print(Text(f"Saved in {progress_file}"), overflow="fold")
