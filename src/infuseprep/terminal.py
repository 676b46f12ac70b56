"""Keys and screens for the walkthrough: the terminal side of ``walk.Walk``.

Output only ever appends (no screen clearing), so it reads well in a screen reader and in the
scrollback, and it needs no colour: every state is also said in words.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from rich.console import Console

from infuseprep.errors import UsageProblem
from infuseprep.glossary import Glossary
from infuseprep.i18n import ngettext
from infuseprep.keys import IGNORED, REDRAW, Keys
from infuseprep.progress import DONE, OPEN, SKIPPED, Progress, saveable
from infuseprep.render.console import indented, print_bullet, safe_text
from infuseprep.render.plain import progress_bar
from infuseprep.store import ProgressStore
from infuseprep.visits import due_date
from infuseprep.walk import ANSWERS, KEY_WORDS, KEYS, Action, Phase, Step, Walk
from infuseprep.words import STATE_WORDS, due_words, hint

KEY_LINE = "Keys: " + ", ".join(f"{action.value} {words}" for action, words in KEY_WORDS.items())
PROMPT = "Press y, n, s, b, ?, e or q."
NOTE_PROMPT = (
    "Type your note and press Enter. Enter alone keeps the note as it is; a single - removes it.\n"
    "Note: "
)


def saved_message() -> str:
    return f"Progress saved. To go on from here, run: {hint('start')}"


class WalkScreen:
    """Runs a walk to its end, saving every answer before showing the next step."""

    def __init__(
        self,
        console: Console,
        keys: Keys,
        walk: Walk,
        store: ProgressStore,
        now: Callable[[], str],
        today: date,
        glossary: Glossary,
        who: str | None = None,
    ) -> None:
        self.console = console
        self.who = who
        self.keys = keys
        self.walk = walk
        self.store = store
        self.now = now
        self.today = today
        self.glossary = glossary

    def say(self, text: str, style: str = "") -> None:
        self.console.print(safe_text(text, style=style))

    def run(self) -> None:
        total = len(self.walk.steps)
        if self.who:
            self.say(f"{self.who}'s steps.", "bold")
        steps = ngettext("{count} step", "{count} steps", total).format(count=total)
        self.say(
            f"There are {steps}; {total - self.walk.answered_count} not answered "
            "yet. infuseprep shows them one at a time and saves each answer at once, so you can "
            "stop whenever you like."
        )
        self.say(KEY_LINE)
        shown: Step | None = None
        while True:
            if self.walk.phase is Phase.FINISHED:
                self.show_summary()
                return
            if self.walk.phase is Phase.OFFER_REVIEW:
                self.offer_review()
                shown = None
                continue
            step = self.walk.current
            assert step is not None
            if step is not shown:
                self.show_step(step)
                shown = step
            if not self.handle(step, self.keys.key()):
                return

    def handle(self, step: Step, key: str) -> bool:
        """Act on one key; ``False`` when the person chose to stop."""
        if key == REDRAW:
            self.show_step(step)
            return True
        if key == IGNORED:
            return True
        action = KEYS.get(key.lower())
        if action in ANSWERS:
            state = ANSWERS[action]
            progress = self.store.change(lambda p: p.record(*step.key, state, self.now()))
            self.say(f"Saved: {STATE_WORDS[state]}.")
            self.walk.answered(progress)
        elif action is Action.BACK:
            if not self.walk.back():
                self.say("This is the first step; there is nothing before it.")
        elif action is Action.DETAILS:
            self.show_details(step)
            self.say(PROMPT, "dim")
        elif action is Action.NOTE:
            self.edit_note(step)
            self.say(PROMPT, "dim")
        elif action is Action.QUIT:
            self.say(saved_message())
            return False
        elif key.strip():
            self.say(f'The key "{key}" does nothing here. {KEY_LINE}')
        else:
            self.say(KEY_LINE)
        return True

    def show_step(self, step: Step) -> None:
        done = self.walk.finished_count
        total = len(self.walk.steps)
        width = max(10, min(30, self.console.width - 30))
        bar = progress_bar(done, total, width, self.console.options.ascii_only)
        self.console.print()
        if self.walk.reviewing:
            self.say("Going over the steps you left for later.")
        self.say(f"{step.checklist.title}: step {step.number} of {step.of}", "bold")
        self.say(f"Overall {bar} {done} of {total} finished")
        self.say(step.item.text, "bold")
        answer = self.walk.progress.get(*step.key)
        appointment = self.walk.progress.appointment
        due = due_date(step.item, appointment)
        if due is not None and (answer is None or answer.state == OPEN):
            planned_on = appointment.planned_on if appointment else None
            self.say(due_words(due, self.today, planned_on))
        if answer is not None and answer.answered:
            self.say(f"Your answer so far: {STATE_WORDS[answer.state]}.")
        if answer is not None and answer.note:
            self.say(f"Your note: {answer.note}")
        self.say(PROMPT, "dim")

    def show_details(self, step: Step) -> None:
        item = step.item
        self.say(item.details or "There are no more details for this step.")
        if item.source:
            self.say(f"Source: {item.source}", "dim")
        facts = []
        if item.when is not None:
            facts.append(f"When: {item.when.words}.")
        if item.scope == "once":
            facts.append("This step is done once.")
        if facts:
            self.say(" ".join(facts))
        terms = self.glossary.used_in([item.text, item.details or ""])
        if terms:
            self.say("Words in this step:")
            for term in terms:
                self.console.print(indented(f"{term.term}: {term.means}", 2))

    def edit_note(self, step: Step) -> None:
        typed = self.keys.line(NOTE_PROMPT).strip()
        if not typed:
            self.say("The note is unchanged.")
            return
        try:
            note = None if typed == "-" else saveable(typed, "note")
        except UsageProblem as problem:
            self.say(str(problem))
            return
        progress = self.store.change(lambda p: p.annotate(*step.key, note))
        self.walk.noted(progress)
        self.say("Note removed." if note is None else "Note saved.")

    def offer_review(self) -> None:
        waiting = len(self.walk.not_yet())
        self.console.print()
        them = "it" if waiting == 1 else "them"
        steps = ngettext("{count} step", "{count} steps", waiting).format(count=waiting)
        self.say(f'You said "not yet" to {steps}. Go over {them} again now? Press y or n.')
        while True:
            key = self.keys.key().lower()
            if key in ("y", "n"):
                self.walk.review(key == "y")
                return
            if key != IGNORED:
                self.say(f"Press y to go over {them} again, or n to finish.")

    def show_summary(self) -> None:
        walk = self.walk
        still_open = walk.still_open()
        progress: Progress = walk.progress
        done = sum(progress.state(*step.key) == DONE for step in walk.steps)
        skipped = sum(progress.state(*step.key) == SKIPPED for step in walk.steps)
        self.console.print()
        self.say(
            f"That is every step: {done} done, {skipped} do not apply, "
            f"{len(still_open)} still open.",
            "bold",
        )
        if still_open:
            self.say("Still open:")
            title = None
            for step in still_open:
                if step.checklist.title != title:
                    title = step.checklist.title
                    self.console.print(indented(title, 2))
                print_bullet(self.console, step.item.text, 4)
        self.say(f"To see this again: {hint('status')}. To go on: {hint('start')}.")
