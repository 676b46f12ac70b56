"""Medication profiles: each medicine's course of doses and infusion length, with sources.

A course is a list of gaps between doses (the last repeats), optionally a fixed number of
doses, optionally several days in a row for each dose, and the label's minimum interval.
Reading and checking the YAML file is ``medication_file``'s job; this module works from the
cached, already checked values, so most commands never import YAML.
"""

from __future__ import annotations

import difflib
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from infuseprep.cache import cached, content_key
from infuseprep.errors import UsageProblem
from infuseprep.i18n import N_, _, current, ngettext

# Shown as ``_(CONFIRM)``: the language is chosen after this module is imported.
CONFIRM = N_("Confirm your schedule with your care team.")
PROFILES_FILE = Path(__file__).with_name("medications.yaml")
GAP_UNITS = ("day", "week", "month")


class Gap(NamedTuple):
    """Time from one dose to the next: "2 weeks" is Gap(2, "week")."""

    number: int
    unit: str

    def after(self, day: date) -> date:
        """The date this gap after ``day``; months keep the day of the month where they can."""
        if self.unit == "day":
            return day + timedelta(days=self.number)
        if self.unit == "week":
            return day + timedelta(weeks=self.number)
        months = day.month - 1 + self.number
        year, month = day.year + months // 12, months % 12 + 1
        return day.replace(year=year, month=month, day=min(day.day, _days_in(year, month)))

    def __str__(self) -> str:
        """The gap as medications.yaml and the cache write it: "2 weeks", always English."""
        return f"{self.number} {self.unit}" + ("" if self.number == 1 else "s")

    def words(self) -> str:
        """The gap for a person to read, in the language in use: "2 weeks", "2 semanas"."""
        if self.unit == "day":
            message = ngettext("{count} day", "{count} days", self.number)
        elif self.unit == "week":
            message = ngettext("{count} week", "{count} weeks", self.number)
        else:
            message = ngettext("{count} month", "{count} months", self.number)
        return message.format(count=self.number)


def _days_in(year: int, month: int) -> int:
    import calendar

    return calendar.monthrange(year, month)[1]


def parse_gap(words: str) -> Gap:
    """ "14 days", "2 weeks", "6 months"; ``ValueError`` says what is accepted."""
    parts = words.split()
    if len(parts) == 2 and parts[0].lstrip("-").isdigit():
        count, unit = int(parts[0]), parts[1].rstrip("s")
        if unit in GAP_UNITS:
            if count < 1:
                raise ValueError(_(_TOO_SHORT[unit]).format(words=words))
            if count > {"day": 730, "week": 104, "month": 24}[unit]:
                raise ValueError(_('a gap of "{words}" is longer than 2 years').format(words=words))
            return Gap(count, unit)
    # TRANSLATORS: "14 days", "2 weeks" and "6 months" are written in English in the file:
    # keep them as they are.
    raise ValueError(
        _('"{words}" is not a gap; write it as "14 days", "2 weeks" or "6 months"').format(
            words=words
        )
    )


_TOO_SHORT = {
    "day": N_('a gap must be at least 1 day, not "{words}"'),
    "week": N_('a gap must be at least 1 week, not "{words}"'),
    "month": N_('a gap must be at least 1 month, not "{words}"'),
}


class Medication(NamedTuple):
    id: str
    name: str
    schedule: str
    schedule_source: str
    names: tuple[str, ...] = ()
    gaps: tuple[Gap, ...] = ()
    doses: int | None = None
    days_in_a_row: int = 1
    min_gap_days: int | None = None
    infusion_minutes: int | None = None
    infusion: str | None = None
    infusion_source: str | None = None
    at_home: bool = False
    # Words in other languages: (language, key, text), the key one of TRANSLATED_KEYS.
    translations: tuple[tuple[str, str, str], ...] = ()

    def in_language(self, language: str) -> Medication:
        """The profile with its words in ``language`` where the file gives them."""
        words = {key: text for code, key, text in self.translations if code == language}
        if not words:
            return self
        return self._replace(
            name=words.get("name", self.name),
            schedule=words.get("schedule", self.schedule),
            infusion=words.get("infusion", self.infusion),
        )

    def gap_after(self, dose: int) -> Gap | None:
        """The gap from dose ``dose`` (1 = the first) to the next; ``None`` when none follows."""
        if not self.gaps or (self.doses is not None and dose >= self.doses):
            return None
        return self.gaps[min(dose, len(self.gaps)) - 1]

    def next_visit(self, visit: date, dose: int) -> date | None:
        gap = self.gap_after(dose)
        return None if gap is None else gap.after(visit)

    def dose_dates(self, first: date, limit: int = 100, dose: int = 1) -> list[date]:
        """The first day of each dose from dose ``dose`` on ``first``, up to ``limit`` doses."""
        dates = [first]
        while len(dates) < limit:
            following = self.next_visit(dates[-1], dose + len(dates) - 1)
            if following is None:
                break
            dates.append(following)
        return dates

    def last_day(self, visit: date) -> date:
        """The last day of a visit whose dose is given on several days in a row."""
        return visit + timedelta(days=self.days_in_a_row - 1)


def medications() -> dict[str, Medication]:
    """The bundled profiles by id, with their words in the language in use."""
    language = current()
    return {key: profile.in_language(language) for key, profile in _profiles().items()}


@cache
def _profiles() -> dict[str, Medication]:
    """The bundled profiles by id, read once (the cached form of a checked file)."""
    key = content_key(PROFILES_FILE.read_bytes())
    profiles: dict[str, Medication] = cached("medications-3", key, _parse_profiles, _profiles_from)
    return profiles


def _profiles_from(documents: object) -> dict[str, Medication]:
    """The cached profiles, every field checked: ``TypeError`` on the least doubt, so the
    cache is built again rather than trusted."""
    if not isinstance(documents, list):
        raise TypeError("profiles")
    found = [medication_from(document) for document in documents]
    return {profile.id: profile for profile in found}


def _parse_profiles() -> list[dict[str, Any]]:
    from infuseprep.errors import ChecklistInvalid
    from infuseprep.medication_file import load_medication_file

    profiles, problems = load_medication_file(PROFILES_FILE)
    if problems:
        raise ChecklistInvalid(problems)
    return [medication_document(profile) for profile in profiles]


def medication_document(profile: Medication) -> dict[str, Any]:
    """A profile as plain JSON values, for the cache; ``medication_from`` reverses it."""
    document = profile._asdict()
    document["names"] = list(profile.names)
    document["gaps"] = [str(gap) for gap in profile.gaps]
    document["translations"] = [list(words) for words in profile.translations]
    return document


_TEXTS = ("id", "name", "schedule", "schedule_source")
# The words a profile may give in another language (its "es:" block).
TRANSLATED_KEYS = ("name", "schedule", "infusion")
_OPTIONAL_TEXTS = ("infusion", "infusion_source")
_NUMBERS = ("doses", "min_gap_days", "infusion_minutes")


def medication_from(document: object) -> Medication:
    """Rebuild a cached profile, checking each field's type: ``TypeError`` when one is wrong."""
    if not isinstance(document, dict) or set(document) != set(Medication._fields):
        raise TypeError("profile")
    texts = [document[key] for key in _TEXTS] + [*document["names"], *document["gaps"]]
    optional = [document[key] for key in _OPTIONAL_TEXTS]
    numbers = [document[key] for key in _NUMBERS] + [document["days_in_a_row"]]
    if not all(isinstance(text, str) for text in texts):
        raise TypeError("text")
    if not all(value is None or isinstance(value, str) for value in optional):
        raise TypeError("optional text")
    if not all(value is None or type(value) is int for value in numbers):
        raise TypeError("number")
    if not isinstance(document["at_home"], bool):
        raise TypeError("at_home")
    translations = document["translations"]
    if not isinstance(translations, list) or not all(
        isinstance(words, list)
        and len(words) == 3
        and all(isinstance(word, str) for word in words)
        and words[1] in TRANSLATED_KEYS
        for words in translations
    ):
        raise TypeError("translations")
    fields = dict(document)
    fields["translations"] = tuple(tuple(words) for words in translations)
    fields["names"] = tuple(fields["names"])
    fields["gaps"] = tuple(parse_gap(words) for words in fields["gaps"])
    return Medication(**fields)


def _spelling(text: str) -> str:
    """How a name is compared: any case, and spaces, hyphens and underscores alike."""
    return " ".join(text.casefold().replace("-", " ").replace("_", " ").split())


def medication(wanted: str) -> Medication:
    """A profile by id, generic or brand name, in any case; a miss names the closest ones."""
    known = medications()
    by_spelling: dict[str, Medication] = {}
    for profile in known.values():
        for name in (profile.id, *profile.names):
            by_spelling.setdefault(_spelling(name), profile)
    found = by_spelling.get(_spelling(wanted))
    if found is not None:
        return found
    close = difflib.get_close_matches(_spelling(wanted), list(by_spelling), n=3, cutoff=0.6)
    suggestions = list(dict.fromkeys(by_spelling[name].id for name in close))
    from infuseprep.words import either

    sentences = [_('There is no medication "{wanted}".').format(wanted=wanted)]
    if suggestions:
        choices = either(f'"{profile_id}"' for profile_id in suggestions)
        sentences.append(_("Did you mean {choices}?").format(choices=choices))
    sentences.append(_("Known: {names}.").format(names=", ".join(known)))
    sentences.append(_("A generic or brand name also works, for example Benlysta or saphnelo."))
    raise UsageProblem(" ".join(sentences))
