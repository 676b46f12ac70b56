"""Saved progress: answers with their time and note, the next appointment, and past visits.

The file format is a JSON object ``{"format": "infuseprep-progress", "version": N, ...}``. Older
versions are migrated step by step when read. Reading checks the shape completely, so a damaged
file is reported rather than half-trusted, and neutralises the text in it (``untrusted.clean``):
a note edited by hand cannot take over the terminal, and a lone surrogate cannot stop a save.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any, NamedTuple

from infuseprep.errors import ProgressUnreadable, UsageProblem
from infuseprep.untrusted import clean, find

FORMAT_NAME = "infuseprep-progress"
FORMAT_VERSION = 2
OPEN, DONE, SKIPPED = "open", "done", "skipped"
STATES = (OPEN, DONE, SKIPPED)


def saveable(text: str, what: str, *, multiline: bool = True) -> str:
    """Typed text that can be saved: stray bytes from a terminal and characters that could take
    over a terminal (see ``untrusted``) are refused, not saved. Tab and newline only when
    ``multiline``."""
    found = find(text, multiline=multiline)
    if found is None:
        return text
    if not 0xD800 <= ord(found.character) <= 0xDFFF:
        raise UsageProblem(
            f"The {what} contains {found.description}. Nothing was saved; type it again without it."
        )
    raise UsageProblem(
        f"The {what} has characters that are not valid text. Nothing was saved; type it again."
    )


class Answer(NamedTuple):
    """One step's answer. ``answered_at`` is ``None`` while the step only has a note."""

    state: str = OPEN
    answered_at: str | None = None
    note: str | None = None

    @property
    def answered(self) -> bool:
        return self.answered_at is not None


class Appointment(NamedTuple):
    """The next infusion visit. ``dose`` says which dose it is, when known (1 = the first)."""

    date: date
    time: time | None = None
    medication: str | None = None
    center: str | None = None
    dose: int | None = None


class Visit(NamedTuple):
    """A past visit, closed with ``appointment done``, and how far the preparation got."""

    date: date
    medication: str | None
    dose: int | None
    done: int
    skipped: int
    total: int
    closed_at: str


@dataclass
class Progress:
    answers: dict[str, dict[str, Answer]] = field(default_factory=dict)
    appointment: Appointment | None = None
    history: list[Visit] = field(default_factory=list)
    loaded_version: int = field(default=FORMAT_VERSION, compare=False)

    def get(self, checklist_id: str, item_id: str) -> Answer | None:
        return self.answers.get(checklist_id, {}).get(item_id)

    def state(self, checklist_id: str, item_id: str) -> str:
        answer = self.get(checklist_id, item_id)
        return OPEN if answer is None else answer.state

    def record(self, checklist_id: str, item_id: str, state: str, at: str) -> None:
        """Save an answer, keeping the step's note."""
        current = self.get(checklist_id, item_id) or Answer()
        self._put(checklist_id, item_id, current._replace(state=state, answered_at=at))

    def annotate(self, checklist_id: str, item_id: str, note: str | None) -> None:
        current = self.get(checklist_id, item_id) or Answer()
        self._put(checklist_id, item_id, current._replace(note=note or None))

    def _put(self, checklist_id: str, item_id: str, answer: Answer) -> None:
        """Store an answer; one that holds nothing is removed, with an emptied checklist entry."""
        if answer != Answer():
            self.answers.setdefault(checklist_id, {})[item_id] = answer
            return
        items = self.answers.get(checklist_id, {})
        items.pop(item_id, None)
        if not items:
            self.answers.pop(checklist_id, None)

    def saved_steps(self) -> Iterator[tuple[str, str]]:
        for checklist_id, items in self.answers.items():
            for item_id in items:
                yield checklist_id, item_id

    def forget(self, checklist_id: str, item_id: str) -> None:
        """Start a step fresh for a new visit; a note is kept, as it often still helps."""
        current = self.get(checklist_id, item_id)
        if current is not None:
            self._put(checklist_id, item_id, Answer(note=current.note))

    def to_document(self) -> dict[str, Any]:
        return {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "appointment": appointment_document(self.appointment),
            "history": [_visit_document(visit) for visit in self.history],
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
        """Check the shape, migrate, then build; a mismatch names the file and what to do."""
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
        current = dict(document)
        for step in range(version, FORMAT_VERSION):
            current = _MIGRATIONS[step](current)
        progress = _read_current(current, name)
        progress.loaded_version = version
        return progress


def _read_current(document: dict[str, Any], name: str) -> Progress:
    answers = document.get("answers")
    if not isinstance(answers, dict):
        raise ProgressUnreadable(name, 'has no "answers" section')
    history = document.get("history")
    if not isinstance(history, list):
        raise ProgressUnreadable(name, 'has no "history" section')
    progress = Progress(
        appointment=_read_appointment(document.get("appointment"), name),
        history=[_read_visit(raw, name) for raw in history],
    )
    for checklist_id, items in answers.items():
        if not isinstance(items, dict):
            raise ProgressUnreadable(name, f'has a damaged entry for "{clean(checklist_id)}"')
        for item_id, raw in items.items():
            where = clean(f"{checklist_id}/{item_id}")
            progress._put(clean(checklist_id), clean(item_id), _answer(raw, name, where))
    return progress


def _from_version_1(document: dict[str, Any]) -> dict[str, Any]:
    """Version 2 added the appointment and the visit history."""
    return {**document, "version": 2, "appointment": None, "history": []}


_MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _from_version_1}


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
    return Answer(
        str(state),
        None if answered_at is None else clean(answered_at),
        None if note is None else clean(note),
    )


def _optional(raw: dict[str, Any], key: str, kind: type) -> Any:
    value = raw.get(key)
    if value is not None and (not isinstance(value, kind) or isinstance(value, bool)):
        raise ValueError(key)
    return clean(value) if isinstance(value, str) else value


def _read_appointment(raw: object, name: str) -> Appointment | None:
    if raw is None:
        return None
    try:
        if not isinstance(raw, dict):
            raise ValueError("appointment")
        at = _optional(raw, "time", str)
        return Appointment(
            date=date.fromisoformat(raw["date"]),
            time=None if at is None else time.fromisoformat(at),
            medication=_optional(raw, "medication", str),
            center=_optional(raw, "center", str),
            dose=_optional(raw, "dose", int),
        )
    except (KeyError, TypeError, ValueError):
        raise ProgressUnreadable(name, "has a damaged appointment") from None


def _read_visit(raw: object, name: str) -> Visit:
    try:
        if not isinstance(raw, dict):
            raise ValueError("visit")
        counts = [raw["done"], raw["skipped"], raw["total"]]
        if not all(isinstance(n, int) and not isinstance(n, bool) for n in counts):
            raise ValueError("counts")
        closed_at = raw["closed_at"]
        if not isinstance(closed_at, str):
            raise ValueError("closed_at")
        return Visit(
            date=date.fromisoformat(raw["date"]),
            medication=_optional(raw, "medication", str),
            dose=_optional(raw, "dose", int),
            done=counts[0],
            skipped=counts[1],
            total=counts[2],
            closed_at=clean(closed_at),
        )
    except (KeyError, TypeError, ValueError):
        raise ProgressUnreadable(name, "has a damaged visit in its history") from None


def appointment_document(appointment: Appointment | None) -> dict[str, Any] | None:
    if appointment is None:
        return None
    return {
        "date": appointment.date.isoformat(),
        "time": None if appointment.time is None else appointment.time.strftime("%H:%M"),
        "medication": appointment.medication,
        "center": appointment.center,
        "dose": appointment.dose,
    }


def _visit_document(visit: Visit) -> dict[str, Any]:
    return {
        "date": visit.date.isoformat(),
        "medication": visit.medication,
        "dose": visit.dose,
        "done": visit.done,
        "skipped": visit.skipped,
        "total": visit.total,
        "closed_at": visit.closed_at,
    }
