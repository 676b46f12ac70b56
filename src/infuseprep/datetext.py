"""Dates and times as people read them, from one place: "Thursday, December 3, 2026", "9:30 AM".

The words and patterns come from the Unicode CLDR through Babel, for the person's locale
("jueves, 3 de diciembre de 2026" in Spanish). Importing Babel and loading a locale costs more
than everything else ``status`` does, so the few patterns and names needed are read from Babel
once per locale and Babel version, kept in infuseprep's cache as JSON, and applied here by a
small reader of CLDR date patterns. A test holds this reader to Babel's own output.
"""

from __future__ import annotations

import re
from datetime import date, time
from functools import cache, lru_cache
from typing import Any

from infuseprep.i18n import date_locale

# CLDR pattern letters, or a quoted literal ('de'), or any other single character.
_TOKEN = re.compile(r"'(?:[^']|'')*'|([A-Za-z])\1*|.", re.S)


def long_date(day: date, locale: str | None = None) -> str:
    """ "Thursday, December 3, 2026": the weekday and month in words, never numbers only.

    ``locale`` is a CLDR locale such as ``es_US``; by default, that of the language in use."""
    locale = locale or date_locale()
    return _format(day, _patterns(locale)["long"], locale)


def short_date(day: date, today: date | None = None, locale: str | None = None) -> str:
    """ "Thu, Dec 3", with the year when it is not this year's: "Thu, Jan 7, 2027"."""
    locale = locale or date_locale()
    same_year = today is None or day.year == today.year
    return _format(day, _patterns(locale)["short" if same_year else "short_year"], locale)


def clock_time(at: time, locale: str | None = None) -> str:
    """ "9:30 AM", or as the locale writes a time of day: "9:30 a. m."."""
    locale = locale or date_locale()
    return _format(at, _patterns(locale)["time"], locale)


@cache
def _patterns(locale: str) -> dict[str, Any]:
    from infuseprep import __version__
    from infuseprep.cache import cached, content_key

    key = content_key(f"{__version__} {locale}".encode())
    patterns: dict[str, Any] = cached(
        f"datetext-{locale}", key, lambda: _read(locale), _checked_patterns
    )
    return patterns


# What a cached locale must hold, and the length of each list of names.
_NAME_LISTS = {"days": 7, "days_short": 7, "months": 12, "months_short": 12, "am_pm": 2}
_PATTERNS = ("long", "short", "short_year", "time")


def _checked_patterns(value: object) -> dict[str, Any]:
    """A cached locale, checked: ``TypeError`` on the least doubt, so it is read again."""
    if not isinstance(value, dict) or not all(isinstance(value[key], str) for key in _PATTERNS):
        raise TypeError("patterns")
    for key, length in _NAME_LISTS.items():
        names = value[key]
        if not isinstance(names, list) or len(names) != length:
            raise TypeError(key)
        if not all(isinstance(name, str) for name in names):
            raise TypeError(key)
    return dict(value)


def _read(locale: str) -> dict[str, Any]:
    """What the formatter needs of a locale, read from Babel (the slow part, done once)."""
    import babel
    from babel import Locale
    from babel.dates import get_date_format, get_time_format

    where = Locale.parse(locale)
    return {
        "babel": babel.__version__,
        "long": get_date_format("full", where).pattern,
        "short": where.datetime_skeletons["MMMEd"].pattern,
        "short_year": where.datetime_skeletons["yMMMEd"].pattern,
        "time": get_time_format("short", where).pattern,
        "days": [where.days["format"]["wide"][day] for day in range(7)],
        "days_short": [where.days["format"]["abbreviated"][day] for day in range(7)],
        "months": [where.months["format"]["wide"][month] for month in range(1, 13)],
        "months_short": [where.months["format"]["abbreviated"][month] for month in range(1, 13)],
        "am_pm": [where.day_periods["format"]["abbreviated"][part] for part in ("am", "pm")],
    }


@lru_cache(maxsize=1024)
def _format(value: date | time, pattern: str, locale: str) -> str:
    """``value`` written by a CLDR pattern; kept, since a long status shows few distinct dates
    hundreds of times."""
    names = _patterns(locale)
    out = []
    for token in _TOKEN.finditer(pattern):
        text = token.group(0)
        if text.startswith("'"):
            out.append(text[1:-1].replace("''", "'") if len(text) > 2 else "'")
        elif token.group(1):
            out.append(_field(value, text[0], len(text), names))
        else:
            out.append(text)
    # CLDR puts a narrow no-break space before AM/PM; a plain space reads the same everywhere
    # (old terminals, fonts and calendar apps) and matches what people type.
    return "".join(out).replace("\u202f", " ")


def _field(value: date | time, letter: str, width: int, names: dict[str, Any]) -> str:
    if isinstance(value, date):
        if letter in "Ec":
            return str(names["days" if width >= 4 else "days_short"][value.weekday()])
        if letter in "ML":
            if width >= 3:
                return str(names["months" if width >= 4 else "months_short"][value.month - 1])
            return f"{value.month:0{width}d}"
        if letter == "d":
            return f"{value.day:0{width}d}"
        if letter == "y":
            return f"{value.year % 100:02d}" if width == 2 else f"{value.year:0{width}d}"
    else:
        if letter == "h":
            return f"{value.hour % 12 or 12:0{width}d}"
        if letter == "H":
            return f"{value.hour:0{width}d}"
        if letter == "m":
            return f"{value.minute:0{width}d}"
        if letter == "a":
            return str(names["am_pm"][value.hour >= 12])
    raise ValueError(f"the date pattern letter {letter!r} is not supported")
