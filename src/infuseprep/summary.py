"""Where things stand: counts per checklist, open steps and due dates, for every view."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from infuseprep.center import Center
from infuseprep.checklist import Checklist, Item
from infuseprep.progress import (
    DONE,
    OPEN,
    SKIPPED,
    Answer,
    Appointment,
    Progress,
)
from infuseprep.progress_document import appointment_document
from infuseprep.visits import day_order, due_dates, for_visit


class StepStatus(NamedTuple):
    checklist: Checklist
    item: Item
    answer: Answer | None
    due: date | None

    @property
    def state(self) -> str:
        return OPEN if self.answer is None else self.answer.state

    @property
    def note(self) -> str | None:
        return None if self.answer is None else self.answer.note

    @property
    def ref(self) -> str:
        return f"{self.checklist.id}/{self.item.id}"


class ChecklistStatus(NamedTuple):
    checklist: Checklist
    steps: tuple[StepStatus, ...]
    # Steps per state, counted once: a status shows several counts for each checklist.
    counts: Mapping[str, int]

    def tally(self, state: str) -> int:
        return self.counts.get(state, 0)

    @property
    def open_steps(self) -> tuple[StepStatus, ...]:
        return tuple(step for step in self.steps if step.state == OPEN)

    @property
    def finished(self) -> int:
        """Steps that need nothing more: done, or not applying."""
        return self.tally(DONE) + self.tally(SKIPPED)


class Summary(NamedTuple):
    checklists: tuple[ChecklistStatus, ...]
    orphans: tuple[str, ...]
    appointment: Appointment | None
    center: Center | None = None
    who: str | None = None  # the person's name, shown first on every screen that has one

    @property
    def steps(self) -> tuple[StepStatus, ...]:
        return tuple(step for status in self.checklists for step in status.steps)

    @property
    def finished(self) -> int:
        return sum(status.finished for status in self.checklists)

    def tally(self, state: str) -> int:
        return sum(status.tally(state) for status in self.checklists)

    @property
    def total(self) -> int:
        return sum(len(status.steps) for status in self.checklists)

    def open_by_due(self, today: date) -> dict[str, list[StepStatus]]:
        """Open steps as "do soon", "overdue", "today", "coming up" (soonest first), "no date".

        A step whose date had passed before the visit was set is "do soon": the person never had
        the chance to do it in time, so it is not called overdue.
        """
        planned_on = self.appointment.planned_on if self.appointment else None
        groups: dict[str, list[StepStatus]] = {
            "do soon": [],
            "overdue": [],
            "today": [],
            "coming up": [],
            "no date": [],
        }
        for step in self.steps:
            if step.answer is not None and step.answer.state != OPEN:
                continue
            if step.due is None:
                groups["no date"].append(step)
            elif step.due < today and planned_on is not None and step.due < planned_on:
                groups["do soon"].append(step)
            elif step.due < today:
                groups["overdue"].append(step)
            elif step.due == today:
                groups["today"].append(step)
            else:
                groups["coming up"].append(step)
        for group in ("do soon", "overdue", "today", "coming up"):
            groups[group].sort(key=lambda step: day_order(step.due, step.item))
        return groups


def summarize(
    checklists: Sequence[Checklist],
    progress: Progress,
    center: Center | None = None,
    who: str | None = None,
) -> Summary:
    """Every step that applies to the next visit, with its state and due date.

    Answers for steps that are in no checklist any more are listed as orphans, never dropped.
    """
    appointment = progress.appointment
    due = due_dates(appointment)
    statuses = []
    for checklist in for_visit(checklists, appointment, center):
        answers = progress.answers.get(checklist.id, {})
        steps = tuple(
            StepStatus(checklist, item, answers.get(item.id), due(item)) for item in checklist.items
        )
        counts = Counter(step.answer.state for step in steps if step.answer is not None)
        counts[OPEN] += len(steps) - counts.total()
        statuses.append(ChecklistStatus(checklist, steps, counts))
    known = {checklist.id: {item.id for item in checklist.items} for checklist in checklists}
    orphans = tuple(
        f"{checklist_id}/{item_id}"
        for checklist_id, answered in sorted(progress.answers.items())
        for item_id in sorted(answered)
        if item_id not in known.get(checklist_id, ())
    )
    return Summary(tuple(statuses), orphans, appointment, center, who)


def status_document(summary: Summary, progress_file: Path, today: date) -> dict[str, Any]:
    """The stable machine-readable form of ``status --json``."""
    appointment = summary.appointment
    return {
        "progress_file": str(progress_file),
        "today": today.isoformat(),
        "appointment": None
        if appointment is None
        else {
            **(appointment_document(appointment) or {}),
            "days_until": (appointment.date - today).days,
        },
        "totals": {
            "steps": summary.total,
            DONE: summary.tally(DONE),
            SKIPPED: summary.tally(SKIPPED),
            OPEN: summary.tally(OPEN),
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
                        "due": None if step.due is None else step.due.isoformat(),
                        "scope": step.item.scope,
                    }
                    for step in status.steps
                ],
            }
            for status in summary.checklists
        ],
        "orphaned_answers": list(summary.orphans),
    }
