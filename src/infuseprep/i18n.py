"""The interface's language: which one a run speaks, and its words, through gettext.

Messages are written in English and marked where they are written: ``_("...")`` for a
sentence, ``ngettext(...)`` for one with a number, ``N_("...")`` for words kept in a table and
translated where they are shown. ``pybabel extract`` collects them (see docs/translating.md);
the Spanish catalog lives in ``locale/es/LC_MESSAGES``. Only the language in use is loaded,
on first use, so English costs nothing.

The language is part of the person a run is for (``person.Person.language``); the command line
calls ``use`` once with it. Some of Typer's own words ("[required]", "Options") go through the
standard library's global gettext, which chooses a catalog from the ``LANGUAGE`` variable:
``use`` points that at this catalog too. The rest, hard-coded in Typer's copy of Click
("Usage:", "Missing argument"), are said again in the run's language by ``cli.usage`` and the
help classes of ``cli.common``.
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Mapping
from contextvars import ContextVar
from functools import cache
from pathlib import Path

DOMAIN = "infuseprep"
LOCALE_DIR = Path(__file__).parent / "locale"
DEFAULT = "en"
# Each language the interface speaks, its name in itself, and the CLDR locale its dates use.
LANGUAGES = {"en": "English", "es": "español"}
DATE_LOCALES = {"en": "en_US", "es": "es_US"}
# Other ways people write a language, in any case.
_ALIASES = {"english": "en", "spanish": "es", "espanol": "es", "español": "es", "castellano": "es"}
# The locale variables, in the order POSIX reads them: the first one set wins.
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")

_current: ContextVar[str] = ContextVar("infuseprep_language", default=DEFAULT)


def language_code(typed: str) -> str | None:
    """ "es", "ES", "es_MX", "es-US.UTF-8", "Spanish" or "español" all mean ``es``; a language
    infuseprep does not speak is ``None``."""
    word = typed.strip().lower()
    code = _ALIASES.get(word, word.split(".")[0].replace("-", "_").split("_")[0])
    return code if code in LANGUAGES else None


def not_spoken(typed: str) -> str:
    """The message for a language infuseprep does not speak, naming the ones it does."""
    choices = ", ".join(f"{code} ({name})" for code, name in LANGUAGES.items())
    return _('"{typed}" is not a language infuseprep speaks. Choose one of: {choices}.').format(
        typed=typed, choices=choices
    )


def from_locale(environ: Mapping[str, str]) -> str | None:
    """The language the locale asks for (``es_US.UTF-8`` is Spanish), if infuseprep speaks it."""
    for variable in LOCALE_VARIABLES:
        value = environ.get(variable, "")
        if value:
            code = value.split(".")[0].split("_")[0].lower()
            return code if code in LANGUAGES else None
    return None


def choose(flag: str | None, kept: str | None, environ: Mapping[str, str]) -> str:
    """The language of a run: ``--lang``, then the person's kept language, then
    ``INFUSEPREP_LANG``, then the locale, then English. Only a typed ``--lang`` is refused when
    unknown (``ValueError``); a setting from elsewhere that it cannot speak passes to the next."""
    if flag:
        code = language_code(flag)
        if code is None:
            raise ValueError(flag)
        return code
    for candidate in (kept, environ.get("INFUSEPREP_LANG")):
        code = language_code(candidate) if candidate else None
        if code:
            return code
    return from_locale(environ) or DEFAULT


def use(language: str) -> None:
    """Speak this language from now on: infuseprep's words and Typer's."""
    _current.set(language)
    _gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    _gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = language


def current() -> str:
    return _current.get()


def date_locale() -> str:
    """The CLDR locale for the dates and times of the language in use."""
    return DATE_LOCALES[_current.get()]


@cache
def _catalog(language: str) -> _gettext.NullTranslations:
    if language == DEFAULT:
        return _gettext.NullTranslations()
    return _gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)


def _(message: str) -> str:
    """The message in the language in use; English when it has no translation."""
    return _catalog(_current.get()).gettext(message)


def ngettext(singular: str, plural: str, number: int) -> str:
    """The form of a message that fits the number, in the language in use."""
    return _catalog(_current.get()).ngettext(singular, plural, number)


def N_(message: str) -> str:
    """Mark words for translation where they are kept; ``_`` translates them where shown."""
    return message
