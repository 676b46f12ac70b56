"""Keys and screens for the walkthrough: the terminal side of ``walk.Walk``.

Output only ever appends (no screen clearing), so it reads well in a screen reader and in the
scrollback, and it needs no colour: every state is also said in words.

Words and key letters follow the language of the run: in Spanish "s" (sí) is done, "x" does not
apply and "a" (atrás) goes back (``walk.KEY_LETTERS``); arrows, Backspace and Esc work in any.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from rich.console import Console

from infuseprep import i18n
from infuseprep.errors import UsageProblem
from infuseprep.glossary import Glossary
from infuseprep.i18n import _, ngettext
from infuseprep.keys import BACK, IGNORED, QUIT, REDRAW, Keys
from infuseprep.progress import DONE, OPEN, SKIPPED, Progress, saveable
from infuseprep.render.console import indented, print_bullet, safe_text
from infuseprep.render.plain import progress_bar
from infuseprep.store import ProgressStore
from infuseprep.visits import due_date
from infuseprep.walk import ANSWERS, Action, Phase, Step, Walk, key_letters, keys_for
from infuseprep.words import due_words, hint, state_word

# Left arrow, Backspace and Esc, whatever the language.
SPECIAL_KEYS = {BACK: Action.BACK, QUIT: Action.QUIT}


def _letters(language: str) -> dict[str, str]:
    """The key letters by name, for the placeholders of the key legend and prompts."""
    return {action.name.lower(): letter for action, letter in key_letters(language).items()}


def key_line(language: str | None = None) -> str:
    """The key legend, with the letters of the language: "Keys: y done, n not yet, ..."."""
    # TRANSLATORS: the key legend of the walk. Each {placeholder} is the letter of that key in
    # your language (Spanish: done "s", not yet "n", does not apply "x", back "a"); keep them
    # before their words.
    return _(
        "Keys: {done} done, {not_yet} not yet, {skip} does not apply to me, {back} back, "
        "{details} why / details, {note} add or edit a note, {quit} save and quit"
    ).format(**_letters(language or i18n.current()))


def prompt(language: str | None = None) -> str:
    """ "Press y, n, s, b, ?, e or q.", with the letters of the language."""
    return _("Press {done}, {not_yet}, {skip}, {back}, {details}, {note} or {quit}.").format(
        **_letters(language or i18n.current())
    )


def note_prompt() -> str:
    return (
        _(
            "Type your note and press Enter. Enter alone keeps the note as it is; a single - "
            "removes it."
        )
        + "\n"
        + _("Note: ")
    )


def saved_message() -> str:
    return _("Progress saved. To go on from here, run: {command}").format(command=hint("start"))


class WalkScreen:
    """Runs a walk to its end, saving every answer before showing the next step.

    Its words and key letters are those of ``language``, by default the run's (``i18n``)."""

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
        language: str | None = None,
    ) -> None:
        self.console = console
        self.who = who
        self.keys = keys
        self.walk = walk
        self.store = store
        self.now = now
        self.today = today
        self.glossary = glossary
        self.language = language or i18n.current()
        self.key_map = keys_for(self.language)
        self.letters = key_letters(self.language)
        self.key_line = key_line(self.language)
        self.prompt = prompt(self.language)

    def say(self, text: str, style: str = "") -> None:
        self.console.print(safe_text(text, style=style))

    def run(self) -> None:
        total = len(self.walk.steps)
        if self.who:
            self.say(_("{name}'s steps.").format(name=self.who), "bold")
        self.say(
            ngettext(
                "There is {total} step; {left} not answered yet. infuseprep shows them one at a "
                "time and saves each answer at once, so you can stop whenever you like.",
                "There are {total} steps; {left} not answered yet. infuseprep shows them one at "
                "a time and saves each answer at once, so you can stop whenever you like.",
                total,
            ).format(total=total, left=total - self.walk.answered_count)
        )
        self.say(self.key_line)
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

    def action(self, key: str) -> Action | None:
        """What a key does, in the language of this walk."""
        return SPECIAL_KEYS.get(key) or self.key_map.get(key.lower())

    def handle(self, step: Step, key: str) -> bool:
        """Act on one key; ``False`` when the person chose to stop."""
        if key == REDRAW:
            self.show_step(step)
            return True
        if key == IGNORED:
            return True
        action = self.action(key)
        if action in ANSWERS:
            state = ANSWERS[action]
            progress = self.store.change(lambda p: p.record(*step.key, state, self.now()))
            self.say(_("Saved: {answer}.").format(answer=state_word(state)))
            self.walk.answered(progress)
        elif action is Action.BACK:
            if not self.walk.back():
                self.say(_("This is the first step; there is nothing before it."))
        elif action is Action.DETAILS:
            self.show_details(step)
            self.say(self.prompt, "dim")
        elif action is Action.NOTE:
            self.edit_note(step)
            self.say(self.prompt, "dim")
        elif action is Action.QUIT:
            self.say(saved_message())
            return False
        elif key.strip():
            self.say(
                _('The key "{key}" does nothing here. {keys}').format(key=key, keys=self.key_line)
            )
        else:
            self.say(self.key_line)
        return True

    def show_step(self, step: Step) -> None:
        done = self.walk.finished_count
        total = len(self.walk.steps)
        width = max(10, min(30, self.console.width - 30))
        bar = progress_bar(done, total, width, self.console.options.ascii_only)
        self.console.print()
        if self.walk.reviewing:
            self.say(_("Going over the steps you left for later."))
        self.say(
            _("{checklist}: step {number} of {of}").format(
                checklist=step.checklist.title, number=step.number, of=step.of
            ),
            "bold",
        )
        self.say(
            _("Overall {bar} {done} of {total} finished").format(bar=bar, done=done, total=total)
        )
        self.say(step.item.text, "bold")
        answer = self.walk.progress.get(*step.key)
        appointment = self.walk.progress.appointment
        due = due_date(step.item, appointment)
        if due is not None and (answer is None or answer.state == OPEN):
            planned_on = appointment.planned_on if appointment else None
            self.say(due_words(due, self.today, planned_on))
        if answer is not None and answer.answered:
            self.say(_("Your answer so far: {answer}.").format(answer=state_word(answer.state)))
        if answer is not None and answer.note:
            self.say(_("Your note: {note}").format(note=answer.note))
        self.say(self.prompt, "dim")

    def show_details(self, step: Step) -> None:
        item = step.item
        self.say(item.details or _("There are no more details for this step."))
        if item.source:
            self.say(_("Source: {source}").format(source=item.source), "dim")
        facts = []
        if item.when is not None:
            facts.append(_("When: {when}.").format(when=item.when.shown()))
        if item.scope == "once":
            facts.append(_("This step is done once."))
        if facts:
            self.say(" ".join(facts))
        terms = self.glossary.used_in([item.text, item.details or ""])
        if terms:
            self.say(_("Words in this step:"))
            for term in terms:
                self.console.print(indented(f"{term.term}: {term.means}", 2))

    def edit_note(self, step: Step) -> None:
        typed = self.keys.line(note_prompt()).strip()
        if not typed:
            self.say(_("The note is unchanged."))
            return
        try:
            note = None if typed == "-" else saveable(typed, "note")
        except UsageProblem as problem:
            self.say(str(problem))
            return
        progress = self.store.change(lambda p: p.annotate(*step.key, note))
        self.walk.noted(progress)
        self.say(_("Note removed.") if note is None else _("Note saved."))

    def offer_review(self) -> None:
        waiting = len(self.walk.not_yet())
        self.console.print()
        yes, no = self.letters[Action.DONE], self.letters[Action.NOT_YET]
        self.say(
            ngettext(
                'You said "not yet" to {count} step. Go over it again now? Press {yes} or {no}.',
                'You said "not yet" to {count} steps. Go over them again now? Press {yes} or {no}.',
                waiting,
            ).format(count=waiting, yes=yes, no=no)
        )
        while True:
            key = self.keys.key().lower()
            if key in (yes, no):
                self.walk.review(key == yes)
                return
            if key != IGNORED:
                self.say(
                    ngettext(
                        "Press {yes} to go over it again, or {no} to finish.",
                        "Press {yes} to go over them again, or {no} to finish.",
                        waiting,
                    ).format(yes=yes, no=no)
                )

    def show_summary(self) -> None:
        walk = self.walk
        still_open = walk.still_open()
        progress: Progress = walk.progress
        done = sum(progress.state(*step.key) == DONE for step in walk.steps)
        skipped = sum(progress.state(*step.key) == SKIPPED for step in walk.steps)
        self.console.print()
        self.say(
            _("That is every step: {done} done, {skipped} do not apply, {open} still open.").format(
                done=done, skipped=skipped, open=len(still_open)
            ),
            "bold",
        )
        if still_open:
            self.say(_("Still open:"))
            title = None
            for step in still_open:
                if step.checklist.title != title:
                    title = step.checklist.title
                    self.console.print(indented(title, 2))
                print_bullet(self.console, step.item.text, 4)
        self.say(
            _("To see this again: {status}. To go on: {start}.").format(
                status=hint("status"), start=hint("start")
            )
        )
