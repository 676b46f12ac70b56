"""The walkthrough as a state machine: which step is shown, and where each answer leads.

It knows nothing of terminals or files. The caller saves each answer first, then hands the walk
the saved progress, so what the walk shows next is always what is on disk.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from infuseprep.checklist import Checklist, Item
from infuseprep.progress import DONE, OPEN, SKIPPED, Appointment, Progress
from infuseprep.visits import walk_order


class Action(enum.Enum):
    DONE = "done"
    NOT_YET = "not yet"
    SKIP = "skip"
    BACK = "back"
    DETAILS = "details"
    NOTE = "note"
    QUIT = "quit"


# The letter for each action, in each language the interface speaks: the first letter of the
# answer where it can be, so "s" is "sí" (done) in Spanish and "skip" in English. The screen shows
# the letters of the language in use, and scripted answers use the same ones.
KEY_LETTERS = {
    "en": {
        Action.DONE: "y",
        Action.NOT_YET: "n",
        Action.SKIP: "s",
        Action.BACK: "b",
        Action.DETAILS: "?",
        Action.NOTE: "e",
        Action.QUIT: "q",
    },
    "es": {
        Action.DONE: "s",
        Action.NOT_YET: "n",
        Action.SKIP: "x",
        Action.BACK: "a",
        Action.DETAILS: "?",
        Action.NOTE: "e",
        Action.QUIT: "q",
    },
}
# Keys a language also takes without showing them: a Spanish keyboard's opening question mark.
EXTRA_KEYS: dict[str, dict[str, Action]] = {"es": {"\u00bf": Action.DETAILS}}


def key_letters(language: str) -> dict[Action, str]:
    """The letter of each action in ``language`` (English for one without its own)."""
    return KEY_LETTERS.get(language, KEY_LETTERS["en"])


def keys_for(language: str) -> dict[str, Action]:
    """What each typed letter does in ``language``."""
    found = {letter: action for action, letter in key_letters(language).items()}
    return {**EXTRA_KEYS.get(language, {}), **found}


ANSWERS = {Action.DONE: DONE, Action.NOT_YET: OPEN, Action.SKIP: SKIPPED}


class Phase(enum.Enum):
    ASKING = "asking"
    OFFER_REVIEW = "offer review"
    FINISHED = "finished"


@dataclass(frozen=True)
class Step:
    checklist: Checklist
    item: Item
    number: int
    of: int

    @property
    def key(self) -> tuple[str, str]:
        return self.checklist.id, self.item.id

    @property
    def ref(self) -> str:
        return f"{self.checklist.id}/{self.item.id}"


def steps_of(checklists: Sequence[Checklist], appointment: Appointment | None = None) -> list[Step]:
    """Every step; with a visit set, soonest due first across all the checklists."""
    steps = [
        Step(checklist, item, number, len(checklist.items))
        for checklist in checklists
        for number, item in enumerate(checklist.items, start=1)
    ]
    if appointment is not None:
        steps.sort(key=lambda step: walk_order(step.item, appointment))
    return steps


class Walk:
    """One pass over the steps, then an optional pass over the ones answered "not yet"."""

    def __init__(
        self, checklists: Sequence[Checklist], progress: Progress, *, restart: bool = False
    ) -> None:
        self.steps = steps_of(checklists, progress.appointment)
        self.progress = progress
        self.restart = restart
        self.reviewing = False
        self.queue = list(range(len(self.steps)))
        self.position = -1
        self.phase = Phase.ASKING
        self._move_forward()

    @property
    def current(self) -> Step | None:
        if self.phase is not Phase.ASKING:
            return None
        return self.steps[self.queue[self.position]]

    @property
    def answered_count(self) -> int:
        return sum(self._answered(step) for step in self.steps)

    @property
    def finished_count(self) -> int:
        """Steps that need nothing more, as ``status`` counts them: done or not applying."""
        return sum(self._state(step) != OPEN for step in self.steps)

    def not_yet(self) -> list[Step]:
        """Steps the person has seen and answered "not yet"."""
        return [step for step in self.steps if self._answered(step) and self._state(step) == OPEN]

    def still_open(self) -> list[Step]:
        """Steps neither done nor marked as not applying, answered or not."""
        return [step for step in self.steps if self._state(step) == OPEN]

    def answered(self, progress: Progress) -> None:
        """The current step's answer is saved; ``progress`` is what the file now holds."""
        self.progress = progress
        self._move_forward()

    def noted(self, progress: Progress) -> None:
        self.progress = progress

    def back(self) -> bool:
        """Go to the previous step of this pass; ``False`` at the first one."""
        if self.phase is Phase.ASKING and self.position > 0:
            self.position -= 1
            return True
        return False

    def review(self, accept: bool) -> None:
        """Answer the offer to go over the "not yet" steps again."""
        if self.phase is not Phase.OFFER_REVIEW:
            raise RuntimeError("no review was offered")
        if not accept:
            self.phase = Phase.FINISHED
            return
        self.reviewing = True
        self.queue = [self.steps.index(step) for step in self.not_yet()]
        self.position = -1
        self.phase = Phase.ASKING
        self._move_forward()

    def _state(self, step: Step) -> str:
        return self.progress.state(*step.key)

    def _answered(self, step: Step) -> bool:
        answer = self.progress.get(*step.key)
        return answer is not None and answer.answered

    def _move_forward(self) -> None:
        following = self.position + 1
        if not (self.restart or self.reviewing):
            while following < len(self.queue) and self._answered(self.steps[self.queue[following]]):
                following += 1
        if following < len(self.queue):
            self.position = following
            self.phase = Phase.ASKING
        elif not self.reviewing and self.not_yet():
            self.phase = Phase.OFFER_REVIEW
        else:
            self.phase = Phase.FINISHED
