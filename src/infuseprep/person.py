"""Who a run is for: one person's profile name, folders and settings, built once per run.

The command line builds a ``Person`` in its callback and passes it down. Messages that suggest a
command ("run: infuseprep --profile mum start") need it too, deep inside the core; rather than
threading it through every error, the run's person is kept in a ``ContextVar``, set once by the
command line, the standard way to hold per-run context in Python.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from contextvars import ContextVar
from pathlib import Path
from typing import Any, NamedTuple

from infuseprep import i18n
from infuseprep.center import Center, center_document, center_from
from infuseprep.errors import ProgressUnreadable, UsageProblem
from infuseprep.i18n import _

DEFAULT = "default"
PROGRESS_FILE = "progress.json"
SETTINGS_FILE = "profile.json"
SETTINGS_FORMAT = "infuseprep-profile"
SETTINGS_VERSION = 1
NAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")
MAX_TEXT = 200


class Settings(NamedTuple):
    """What a person told infuseprep about themselves; all of it optional."""

    name: str | None = None
    language: str | None = None
    center: Center | None = None
    calendar_id: str | None = None
    # The medicine chosen before any visit date was known: the next visit set takes it.
    medicine: str | None = None
    # The first-run questions already answered or skipped, so they are asked only once.
    asked: tuple[str, ...] = ()


class Person(NamedTuple):
    profile: str
    home: Path
    # The language the run speaks to them: see ``i18n.choose`` for where it comes from.
    language: str = i18n.DEFAULT

    @property
    def is_default(self) -> bool:
        return self.profile == DEFAULT

    @property
    def folder(self) -> Path:
        """The default person's files sit in the home folder; each other person has a folder."""
        return self.home if self.is_default else self.home / "profiles" / self.profile

    @property
    def progress_file(self) -> Path:
        return self.folder / PROGRESS_FILE

    @property
    def settings_file(self) -> Path:
        return self.folder / SETTINGS_FILE

    @property
    def own_checklists(self) -> Path | None:
        """Checklists installed for this person only; everyone's are in the home folder."""
        return None if self.is_default else self.folder / "checklists"

    @property
    def exists(self) -> bool:
        return self.is_default or self.folder.is_dir()

    def command(self, arguments: str) -> str:
        """A command to suggest, as this person must type it."""
        if self.is_default:
            return f"infuseprep {arguments}"
        return f"infuseprep --profile {self.profile} {arguments}"

    def kept_language(self) -> str | None:
        """The language saved with their settings; damaged settings are reported where used."""
        try:
            return self.settings().language
        except ProgressUnreadable:
            return None

    def settings(self) -> Settings:
        """The saved settings; none saved yet is the empty set."""
        try:
            raw = self.settings_file.read_bytes()
        except FileNotFoundError:
            return Settings()
        except OSError as error:
            raise ProgressUnreadable(
                str(self.settings_file),
                # TRANSLATORS: the rest of a sentence whose subject is a file's name.
                _("cannot be read ({reason})").format(reason=error.strerror),
                reset_hint=False,
            ) from None
        try:
            return settings_from(json.loads(raw.decode("utf-8")))
        except (UnicodeDecodeError, ValueError, TypeError, KeyError):
            raise ProgressUnreadable(
                str(self.settings_file),
                # TRANSLATORS: the rest of a sentence whose subject is a file's name.
                _("is damaged; fix it in a text editor, or delete it to enter your details again"),
                reset_hint=False,
            ) from None

    def save_settings(self, settings: Settings) -> None:
        from infuseprep.files import make_private_folder, write_atomically

        make_private_folder(self.folder)
        document = settings_document(settings)
        write_atomically(
            self.settings_file,
            (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8"),
        )

    def calendar_id(self) -> str:
        """A random id for this person's calendar entries, made once and kept."""
        import secrets  # loads hashlib: only the calendar needs it

        settings = self.settings()
        if settings.calendar_id is None:
            settings = settings._replace(calendar_id=secrets.token_hex(8))
            self.save_settings(settings)
        assert settings.calendar_id is not None
        return settings.calendar_id


def settings_document(settings: Settings) -> dict[str, Any]:
    return {
        "format": SETTINGS_FORMAT,
        "version": SETTINGS_VERSION,
        "name": settings.name,
        "language": settings.language,
        "center": None if settings.center is None else center_document(settings.center),
        "calendar_id": settings.calendar_id,
        "medicine": settings.medicine,
        "asked": list(settings.asked),
    }


def settings_from(document: object) -> Settings:
    """Check the shape of a settings file; any surprise is a ``ValueError``."""
    if not isinstance(document, dict) or document.get("format") != SETTINGS_FORMAT:
        raise ValueError("format")
    if document.get("version") != SETTINGS_VERSION:
        raise ValueError("version")
    texts = {key: document.get(key) for key in ("name", "language", "calendar_id", "medicine")}
    for value in texts.values():
        if value is not None and (not isinstance(value, str) or len(value) > MAX_TEXT):
            raise ValueError("text")
    center = document.get("center")
    if center is not None:
        if not isinstance(center, dict) or not all(
            isinstance(value, str) and len(value) <= MAX_TEXT for value in center.values()
        ):
            raise ValueError("center")
        if not isinstance(center.get("name"), str) or not isinstance(center.get("phone"), str):
            raise ValueError("center")
    asked = document.get("asked", [])
    if not isinstance(asked, list) or not all(isinstance(q, str) and len(q) < 20 for q in asked):
        raise ValueError("asked")
    return Settings(
        name=texts["name"],
        language=texts["language"],
        center=None if center is None else center_from(center),
        calendar_id=texts["calendar_id"],
        medicine=texts["medicine"],
        asked=tuple(asked),
    )


def profile_name(typed: str) -> str:
    """A profile name as it is kept: lowercase; anything else is a usage error with an example."""
    name = typed.strip().lower()
    if not NAME_PATTERN.fullmatch(name):
        raise UsageProblem(
            _(
                '"{typed}" cannot be a profile name. Use letters, digits, - and _ (up to 40), for '
                "example: mum, alex-2."
            ).format(typed=typed)
        )
    return name


def find_person(
    home: Path,
    typed: str | None,
    language: str | None = None,
    environ: Mapping[str, str] = os.environ,
) -> Person:
    """The person a --profile name means (any case finds an existing folder; none is the
    default person), speaking the language ``--lang``, their settings or the locale choose."""
    person = Person(_profile_folder_name(home, typed), home)
    try:
        spoken = i18n.choose(language, person.kept_language(), environ)
    except ValueError:
        raise UsageProblem(i18n.not_spoken(str(language))) from None
    return person._replace(language=spoken)


def _profile_folder_name(home: Path, typed: str | None) -> str:
    if not typed or typed.strip().lower() == DEFAULT:
        return DEFAULT
    name = profile_name(typed)
    folder = home / "profiles"
    if folder.is_dir():
        for child in folder.iterdir():
            if child.name.lower() == name and child.is_dir():
                return child.name
    return name


def unknown_profile(person: Person) -> UsageProblem:
    """The message for a profile that was never made: the known ones, and how to make it."""
    known = ", ".join(known_profiles(person.home))
    return UsageProblem(
        _(
            'There is no profile "{profile}". Profiles kept here: {known}. To make a new one, '
            "run: infuseprep profile add {profile}"
        ).format(profile=person.profile, known=known)
    )


def known_profiles(home: Path) -> list[str]:
    """Every person kept here, the default first."""
    folder = home / "profiles"
    names = (
        sorted(child.name for child in folder.iterdir() if child.is_dir())
        if folder.is_dir()
        else []
    )
    return [DEFAULT, *(name for name in names if NAME_PATTERN.fullmatch(name.lower()))]


_current: ContextVar[Person | None] = ContextVar("infuseprep_person", default=None)


def use(person: Person) -> None:
    """Say who this run is for, and speak their language; the command line calls it once."""
    _current.set(person)
    i18n.use(person.language)


def current() -> Person | None:
    return _current.get()
