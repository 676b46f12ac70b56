"""Saved progress: answers with their time and note, the next appointment, and past visits.

The file format is a JSON object ``{"format": "infuseprep-progress", "version": N, ...}``,
written and read (every field checked, older versions migrated) by ``progress_document``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time
from typing import NamedTuple

from infuseprep.errors import UsageProblem
from infuseprep.i18n import N_, _
from infuseprep.untrusted import find

FORMAT_NAME = "infuseprep-progress"
# 3: the file names the generation of its journal (see store.py); older infuseprep, which knows
# nothing of the journal, must refuse it rather than read it without its latest answers.
FORMAT_VERSION = 3
OPEN, DONE, SKIPPED = "open", "done", "skipped"
STATES = (OPEN, DONE, SKIPPED)
# What ``saveable`` may be asked to check, translated where the message is made.
WHAT_WORDS = (N_("note"), N_("center"), N_("name"))


def saveable(text: str, what: str, *, multiline: bool = True) -> str:
    """Typed text that can be saved: stray bytes from a terminal and characters that could take
    over a terminal (see ``untrusted``) are refused, not saved. Tab and newline only when
    ``multiline``."""
    found = find(text, multiline=multiline)
    if found is None:
        return text
    what = _(what)  # one of WHAT_WORDS
    if not 0xD800 <= ord(found.character) <= 0xDFFF:
        raise UsageProblem(
            # TRANSLATORS: {what} is "note" or another word for what was typed, already
            # translated; {found} describes a character ("a control character (U+001B)").
            _("The {what} contains {found}. Nothing was saved; type it again without it.").format(
                what=what, found=found.description
            )
        )
    raise UsageProblem(
        _(
            "The {what} has characters that are not valid text. Nothing was saved; type it again."
        ).format(what=what)
    )


class Answer(NamedTuple):
    """One step's answer. ``answered_at`` is ``None`` while the step only has a note."""

    state: str = OPEN
    answered_at: str | None = None
    note: str | None = None

    @property
    def answered(self) -> bool:
        return self.answered_at is not None


_NOTHING = Answer()

# The field "date" below hides the type inside the class, so annotations there use this name.
Day = date


class Appointment(NamedTuple):
    """The next infusion visit. ``dose`` says which dose it is, when known (1 = the first)."""

    date: date
    time: time | None = None
    medication: str | None = None
    center: str | None = None
    dose: int | None = None
    # The day the visit was set: a step due before it is "do soon", not "overdue".
    planned_on: Day | None = None
    # The visit closed before this one: the days after it are watched before this one comes.
    previous: Day | None = None


class Visit(NamedTuple):
    """A past visit, closed with ``appointment done``, and how far the preparation got."""

    date: date
    medication: str | None
    dose: int | None
    done: int
    skipped: int
    total: int
    closed_at: str


class Progress:
    """Everything a person answered, their visit and the past visits. A plain class rather
    than a dataclass: the dataclasses module alone costs the daily commands 15-20 ms."""

    __slots__ = ("answers", "appointment", "history", "loaded_version")

    def __init__(
        self,
        answers: dict[str, dict[str, Answer]] | None = None,
        appointment: Appointment | None = None,
        history: list[Visit] | None = None,
        loaded_version: int = FORMAT_VERSION,
    ) -> None:
        self.answers = {} if answers is None else answers
        self.appointment = appointment
        self.history = [] if history is None else history
        # The format the file had when read: a save of an older one keeps a backup first.
        self.loaded_version = loaded_version

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Progress):
            return NotImplemented
        return (self.answers, self.appointment, self.history) == (
            other.answers,
            other.appointment,
            other.history,
        )

    __hash__ = None  # type: ignore[assignment]  # it changes: never a key

    def __repr__(self) -> str:
        return (
            f"Progress(answers={self.answers!r}, appointment={self.appointment!r}, "
            f"history={self.history!r})"
        )

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
        if answer != _NOTHING:
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

    def copy(self) -> Progress:
        """A copy that can be changed without changing this one (answers are immutable)."""
        return Progress(
            answers={checklist_id: dict(items) for checklist_id, items in self.answers.items()},
            appointment=self.appointment,
            history=list(self.history),
            loaded_version=self.loaded_version,
        )

    def forget(self, checklist_id: str, item_id: str) -> None:
        """Start a step fresh for a new visit; a note is kept, as it often still helps."""
        current = self.get(checklist_id, item_id)
        if current is not None:
            self._put(checklist_id, item_id, Answer(note=current.note))


FIRST_YEAR, LAST_YEAR = 1900, 2100
MAX_DOSE = 1000
MAX_COUNT = 100_000


def in_range(day: date) -> bool:
    """Dates infuseprep works with: years 1900 to 2100, so date arithmetic never overflows."""
    return FIRST_YEAR <= day.year <= LAST_YEAR
