"""Saved answers: what the person has done, skipped or left for later, with the time and a note.

The file format is a JSON object ``{"format": "infuseprep-progress", "version": N, ...}``. Reading
checks its shape completely, so a damaged file is reported rather than half-trusted.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from infuseprep.errors import ProgressUnreadable

FORMAT_NAME = "infuseprep-progress"
FORMAT_VERSION = 1
OPEN, DONE, SKIPPED = "open", "done", "skipped"
STATES = (OPEN, DONE, SKIPPED)


@dataclass(frozen=True)
class Answer:
    """One step's answer. ``answered_at`` is ``None`` while the step only has a note."""

    state: str = OPEN
    answered_at: str | None = None
    note: str | None = None

    @property
    def answered(self) -> bool:
        return self.answered_at is not None


@dataclass
class Progress:
    answers: dict[str, dict[str, Answer]] = field(default_factory=dict)

    def get(self, checklist_id: str, item_id: str) -> Answer | None:
        return self.answers.get(checklist_id, {}).get(item_id)

    def state(self, checklist_id: str, item_id: str) -> str:
        answer = self.get(checklist_id, item_id)
        return OPEN if answer is None else answer.state

    def record(self, checklist_id: str, item_id: str, state: str, at: str) -> None:
        """Save an answer, keeping the step's note."""
        current = self.get(checklist_id, item_id) or Answer()
        self._put(checklist_id, item_id, replace(current, state=state, answered_at=at))

    def annotate(self, checklist_id: str, item_id: str, note: str | None) -> None:
        current = self.get(checklist_id, item_id) or Answer()
        updated = replace(current, note=note or None)
        if updated == Answer():
            self.answers.get(checklist_id, {}).pop(item_id, None)
        else:
            self._put(checklist_id, item_id, updated)

    def _put(self, checklist_id: str, item_id: str, answer: Answer) -> None:
        self.answers.setdefault(checklist_id, {})[item_id] = answer

    def saved_steps(self) -> Iterator[tuple[str, str]]:
        for checklist_id, items in self.answers.items():
            for item_id in items:
                yield checklist_id, item_id

    def to_document(self) -> dict[str, Any]:
        return {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "answers": {
                checklist_id: {
                    item_id: {"state": a.state, "time": a.answered_at, "note": a.note}
                    for item_id, a in sorted(items.items())
                }
                for checklist_id, items in sorted(self.answers.items())
                if items
            },
        }

    @classmethod
    def from_document(cls, document: object, name: str) -> Progress:
        """Check the whole shape, then build; any mismatch names the file and what to do."""
        if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
            raise ProgressUnreadable(name, "is not an infuseprep progress file")
        version = document.get("version")
        if not isinstance(version, int) or isinstance(version, bool):
            raise ProgressUnreadable(name, "has no format version")
        if version > FORMAT_VERSION:
            raise ProgressUnreadable(
                name,
                f"was saved by a newer infuseprep (format {version}; this one reads up to "
                f"{FORMAT_VERSION}). Update infuseprep to use it",
                reset_hint=False,
            )
        if version < 1:
            raise ProgressUnreadable(name, f"has an unknown format version ({version})")
        answers = document.get("answers")
        if not isinstance(answers, dict):
            raise ProgressUnreadable(name, 'has no "answers" section')
        progress = cls()
        for checklist_id, items in answers.items():
            if not isinstance(items, dict):
                raise ProgressUnreadable(name, f'has a damaged entry for "{checklist_id}"')
            for item_id, raw in items.items():
                progress._put(
                    checklist_id, item_id, _answer(raw, name, f"{checklist_id}/{item_id}")
                )
        return progress


def _answer(raw: object, name: str, where: str) -> Answer:
    if not isinstance(raw, dict):
        raise ProgressUnreadable(name, f'has a damaged answer for "{where}"')
    state, answered_at, note = raw.get("state"), raw.get("time"), raw.get("note")
    if (
        state not in STATES
        or not (answered_at is None or isinstance(answered_at, str))
        or not (note is None or isinstance(note, str))
    ):
        raise ProgressUnreadable(name, f'has a damaged answer for "{where}"')
    return Answer(str(state), answered_at, note)
