"""Where things stand: per checklist counts and open steps, shared by status, JSON and the walk."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from infuseprep.checklist import Checklist, Item
from infuseprep.progress import DONE, OPEN, SKIPPED, Answer, Progress


@dataclass(frozen=True)
class StepStatus:
    item: Item
    answer: Answer | None

    @property
    def state(self) -> str:
        return OPEN if self.answer is None else self.answer.state

    @property
    def note(self) -> str | None:
        return None if self.answer is None else self.answer.note


@dataclass(frozen=True)
class ChecklistStatus:
    checklist: Checklist
    steps: tuple[StepStatus, ...]

    def count(self, state: str) -> int:
        return sum(step.state == state for step in self.steps)

    @property
    def open_steps(self) -> tuple[StepStatus, ...]:
        return tuple(step for step in self.steps if step.state == OPEN)

    @property
    def finished(self) -> int:
        """Steps that need nothing more: done, or not applying."""
        return self.count(DONE) + self.count(SKIPPED)


@dataclass(frozen=True)
class Summary:
    checklists: tuple[ChecklistStatus, ...]
    orphans: tuple[str, ...]

    @property
    def total(self) -> int:
        return sum(len(status.steps) for status in self.checklists)

    @property
    def finished(self) -> int:
        return sum(status.finished for status in self.checklists)

    def count(self, state: str) -> int:
        return sum(status.count(state) for status in self.checklists)


def summarize(checklists: Sequence[Checklist], progress: Progress) -> Summary:
    """Every step's state; answers for steps no longer in any checklist are listed, not dropped."""
    statuses = tuple(
        ChecklistStatus(
            checklist,
            tuple(
                StepStatus(item, progress.get(checklist.id, item.id)) for item in checklist.items
            ),
        )
        for checklist in checklists
    )
    known = {(checklist.id, item.id) for checklist in checklists for item in checklist.items}
    orphans = tuple(f"{c}/{i}" for c, i in sorted(progress.saved_steps()) if (c, i) not in known)
    return Summary(statuses, orphans)


def status_document(summary: Summary, progress_file: Path) -> dict[str, Any]:
    """The stable machine-readable form of ``status --json``."""
    return {
        "progress_file": str(progress_file),
        "totals": {
            "steps": summary.total,
            DONE: summary.count(DONE),
            SKIPPED: summary.count(SKIPPED),
            OPEN: summary.count(OPEN),
        },
        "checklists": [
            {
                "id": status.checklist.id,
                "title": status.checklist.title,
                "items": [
                    {
                        "id": step.item.id,
                        "text": step.item.text,
                        "state": step.state,
                        "note": step.note,
                        "answered_at": step.answer.answered_at if step.answer else None,
                    }
                    for step in status.steps
                ],
            }
            for status in summary.checklists
        ],
        "orphaned_answers": list(summary.orphans),
    }
