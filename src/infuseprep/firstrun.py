"""The first run: a few questions, one at a time, each skippable with Enter.

The person's name, their medicine, the visit's date and time, and their infusion center. Each
answer is saved the moment it is given, so "q" or Ctrl-C at any question keeps what was said,
and the next ``start`` goes on with the questions not yet asked. Once every question has been
answered or skipped, later runs ask nothing; ``appointment set`` and ``profile set`` change it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time

from rich.console import Console

from infuseprep.center import Center, phone_problem
from infuseprep.dates import parse_date, parse_time
from infuseprep.errors import UsageProblem
from infuseprep.i18n import N_, _
from infuseprep.keys import Keys
from infuseprep.medications import medications
from infuseprep.person import Person
from infuseprep.progress import Appointment, Progress
from infuseprep.render.console import safe_text
from infuseprep.store import ProgressStore
from infuseprep.words import clock_time, long_date

QUESTIONS = ("name", "medicine", "date", "center")
SKIP = N_("Press Enter alone to skip a question, or type q to stop and go on later.")
# What stops the questions: "q", and the word for it in each language.
STOP_WORDS = ("q", "quit", "salir")


class Stopped(Exception):
    """The person typed q: what was answered is saved; the walk does not start."""


class FirstRun:
    def __init__(
        self, console: Console, keys: Keys, person: Person, store: ProgressStore, today: date
    ) -> None:
        self.console = console
        self.keys = keys
        self.person = person
        self.store = store
        self.today = today

    def needed(self, progress: Progress) -> bool:
        asked = self.person.settings().asked
        return progress.appointment is None and any(q not in asked for q in QUESTIONS)

    def run(self) -> None:
        asked = self.person.settings().asked
        self.say(_("A few questions first, so the steps fit you.") + " " + _(SKIP))
        steps: dict[str, Callable[[], None]] = {
            "name": self.ask_name,
            "medicine": self.ask_medicine,
            "date": self.ask_date,
            "center": self.ask_center,
        }
        for question in QUESTIONS:
            if question not in asked:
                steps[question]()
                self.mark(question)
        self.say(_("Thank you. Here are your steps."))

    def say(self, text: str) -> None:
        self.console.print(safe_text(text))

    def answer(self, prompt: str) -> str:
        typed = self.keys.line(prompt).strip()
        if typed.lower() in STOP_WORDS:
            raise Stopped
        return typed

    def mark(self, question: str) -> None:
        settings = self.person.settings()
        if question not in settings.asked:
            self.person.save_settings(settings._replace(asked=(*settings.asked, question)))

    def ask_name(self) -> None:
        self.say(_("Your first name, for the screen and the printouts?"))
        name = " ".join(self.answer(_("Name: ")).split())[:100]
        if name:
            self.person.save_settings(self.person.settings()._replace(name=name))

    def ask_medicine(self) -> None:
        choices = [profile for profile in medications().values() if not profile.at_home]
        self.say(_("Which medicine do you get by infusion? Type its number."))
        for number, profile in enumerate(choices, start=1):
            shown = _("Not sure, or another medicine") if profile.id == "other" else profile.name
            self.say(f"  {number}. {shown}")
        while True:
            typed = self.answer(_("Number: "))
            if not typed:
                return
            if typed.isdigit() and 1 <= int(typed) <= len(choices):
                chosen = choices[int(typed) - 1]
                settings = self.person.settings()
                self.person.save_settings(settings._replace(medicine=chosen.id))
                self.say(_("Saved: {answer}.").format(answer=chosen.name))
                return
            self.say(
                _("Type a number from 1 to {last}, or press Enter to skip.").format(
                    last=len(choices)
                )
            )

    def ask_date(self) -> None:
        # TRANSLATORS: the examples must be dates infuseprep reads in your language.
        self.say(
            _(
                "When is your infusion? For example: 2026-12-03, friday, Dec 3, 12/3/2026, in 10 "
                "days."
            )
        )
        while True:
            typed = self.answer(_("Date: "))
            if not typed:
                return
            try:
                visit = parse_date(typed, self.today)
            except UsageProblem as problem:
                self.say(str(problem))
                continue
            if visit < self.today:
                self.say(
                    _("{date} has passed. Type the date of your next infusion.").format(
                        date=long_date(visit)
                    )
                )
                continue
            self.start_visit(visit)
            self.say(_("Saved: your infusion is on {date}.").format(date=long_date(visit)))
            break
        while True:
            typed = self.answer(_("Time (for example 9:30 AM): "))
            if not typed:
                return
            try:
                at = parse_time(typed)
            except UsageProblem as problem:
                self.say(str(problem))
                continue
            self.change(at=at)
            self.say(_("Saved: at {time}.").format(time=clock_time(at)))
            return

    def ask_center(self) -> None:
        self.say(_("The name of your infusion center?"))
        name = " ".join(self.answer(_("Center: ")).split())[:100]
        if not name:
            return
        # Kept at once with the visit, so that stopping at the phone loses nothing.
        self.change(center=name)
        while True:
            phone = self.answer(_("Its phone number: "))
            if not phone:
                self.say(_("Saved: {answer}.").format(answer=name))
                return
            problem = phone_problem(phone)
            if problem is None:
                break
            self.say(problem[0].upper() + problem[1:] + ".")
        settings = self.person.settings()
        self.person.save_settings(settings._replace(center=Center(name=name, phone=phone)))
        self.say(_("Saved: {center}, {phone}.").format(center=name, phone=phone))

    def start_visit(self, visit: date) -> None:
        """The visit, with the medicine chosen a moment ago."""
        appointment = Appointment(
            visit, medication=self.person.settings().medicine, planned_on=self.today
        )

        def apply(progress: Progress) -> None:
            progress.appointment = appointment

        self.store.change(apply)

    def change(self, *, at: time | None = None, center: str | None = None) -> None:
        """Add a time or a center to the visit just set; without a date there is no visit."""

        def apply(progress: Progress) -> None:
            current = progress.appointment
            if current is not None:
                progress.appointment = current._replace(
                    time=at or current.time, center=center or current.center
                )

        self.store.change(apply)
