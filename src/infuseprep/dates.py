"""Dates and times as people type them: "friday", "Dec 3", "12/3/2026", "9:30am", "2pm".

In Spanish: "viernes", "el próximo viernes", "3 de diciembre", "3/12/2026" (day first), "en 10
días", "9:30 a. m.", "2 de la tarde"; accents optional. English words ("tomorrow", "Dec 3") are
read in Spanish too, since they cannot mean anything else, but numbers are read day first only.

The forms are few and each is read one way only, so a misreading cannot hide: a general
date-guessing library would fill a missing part from today or skip words it does not know. Every
refusal names what was typed, why, and a form that works, in the language being read. Commands
say back the date they understood, weekday included.

The Spanish names are a small table here rather than Babel's CLDR data: importing Babel costs
more start-up time than all of this module.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date, time, timedelta

from infuseprep import i18n
from infuseprep.errors import UsageProblem
from infuseprep.i18n import _

FARTHEST = timedelta(days=2 * 366)
MONTHS = {
    name: number
    for number in range(1, 13)
    for name in (calendar.month_name[number].lower(), calendar.month_abbr[number].lower())
}
MONTHS["sept"] = 9
WEEKDAYS = {
    name: number
    for number in range(7)
    for name in (calendar.day_name[number].lower(), calendar.day_abbr[number].lower())
}
DATE_FORMS = (
    "2026-12-03, tomorrow, in 10 days, in 2 weeks, friday, next friday, Dec 3, 3 December, "
    "12/3/2026 or 12/03 (month first)"
)
TIME_FORMS = "9:30, 9:30 AM, 2pm or 14:00"

# Spanish, as shown to people; typed text is read without its accents.
SPANISH_MONTHS = (
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
)
SPANISH_WEEKDAYS = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")
SPANISH_DATE_FORMS = (
    "2026-12-03, mañana, en 10 días, en 2 semanas, viernes, el próximo viernes, 3 de diciembre, "
    "3 dic, 3/12/2026 o 3/12 (el día primero)"
)
SPANISH_TIME_FORMS = "9:30, 9:30 a. m., 2 p. m., 14:00 o 2 de la tarde"


def _plain(text: str) -> str:
    """Without accents: "mañana" is "manana", "miércoles" is "miercoles"."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


# Spanish names and their usual short forms ("dic", "mié"), then the English ones: no English
# name or abbreviation is also a Spanish one with another meaning ("mar" is March in both).
MESES = {
    **{_plain(name): number for number, name in enumerate(SPANISH_MONTHS, 1)},
    **{_plain(name)[:3]: number for number, name in enumerate(SPANISH_MONTHS, 1)},
    "sept": 9,
    "setiembre": 9,
    "set": 9,
    **MONTHS,
}
DIAS = {
    **{_plain(name): number for number, name in enumerate(SPANISH_WEEKDAYS)},
    **{_plain(name)[:3]: number for number, name in enumerate(SPANISH_WEEKDAYS)},
    **WEEKDAYS,
}

_RELATIVE = re.compile(r"in (?P<count>\d{1,4}|an?) (?P<unit>day|days|week|weeks)")
_WEEKDAY = re.compile(r"(?:(?:next|this|on) )?(?P<day>[a-z]+)")
_MONTH_FIRST = re.compile(
    r"(?P<month>[a-z]+)\.? (?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,? (?P<year>\d{4}))?"
)
_DAY_FIRST = re.compile(
    r"(?P<day>\d{1,2})(?:st|nd|rd|th)? (?:of )?(?P<month>[a-z]+)\.?(?:,? (?P<year>\d{4}))?"
)
_NUMERIC = re.compile(r"(?P<month>\d{1,2})/(?P<day>\d{1,2})(?:/(?P<year>\d{2}|\d{4}))?")
_TIME = re.compile(r"(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s*(?:(?P<half>[ap])\.?\s*m\.?)?")

# The same, in Spanish, on text without accents.
_ES_RELATIVE = re.compile(
    r"(?:en|dentro de) (?P<count>\d{1,4}|una?) (?P<unit>dia|dias|semana|semanas)"
)
_ES_WEEKDAY = re.compile(
    r"(?:(?:el|este|esta) )?(?:(?:proximo|proxima) )?(?P<day>[a-z]+)\.?"
    r"(?: (?:proximo|proxima|que viene))?"
)
_ES_DAY_FIRST = re.compile(
    r"(?:el )?(?P<day>\d{1,2})(?:ro|o|°)? (?:de )?(?P<month>[a-z]+)\.?"
    r"(?:,? (?:(?:de|del) )?(?P<year>\d{4}))?"
)
_ES_MONTH_FIRST = re.compile(
    r"(?P<month>[a-z]+)\.? (?P<day>\d{1,2})(?:,? (?:(?:de|del) )?(?P<year>\d{4}))?"
)
_ES_NUMERIC = re.compile(
    r"(?:el )?(?P<day>\d{1,2})(?P<mark>[/-])(?P<month>\d{1,2})(?:(?P=mark)(?P<year>\d{2}|\d{4}))?"
)
_ES_TIME = re.compile(
    r"(?:a las? )?(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s*"
    r"(?:(?P<half>[ap])\.?\s*m\.?"
    r"|de la (?P<part>manana|madrugada|tarde|noche)"
    r"|(?P<clock>h|hs|hrs?)\.?)?"
)
# For each part of the day: the hours to add to 1 to 11, and what 12 is. "De la mañana" and "de
# la madrugada" are before noon, "de la tarde" and "de la noche" after; "12 de la mañana" is noon
# and "12 de la noche" midnight, as people say them.
_PARTS = {"manana": (0, 12), "madrugada": (0, 0), "tarde": (12, 12), "noche": (12, 0)}


class _Refused(Exception):
    """Why a date that looks like a date cannot be one (31 February, month 13): a whole message,
    its placeholders ``{text}`` and ``{example}`` still to fill, and the values of the others."""

    def __init__(self, message: str, **values: object) -> None:
        super().__init__(message)
        self.message = message
        self.values = values


def date_forms(language: str | None = None) -> str:
    """The forms ``parse_date`` reads in this language (by default the one in use), to show."""
    return SPANISH_DATE_FORMS if _spanish(language) else DATE_FORMS


def time_forms(language: str | None = None) -> str:
    """The forms ``parse_time`` reads in this language, to show."""
    return SPANISH_TIME_FORMS if _spanish(language) else TIME_FORMS


def _spanish(language: str | None) -> bool:
    return (language or i18n.current()) == "es"


def parse_date(text: str, today: date, language: str | None = None) -> date:
    """A date in any of ``date_forms(language)``, at most about two years from today either way.

    ``language`` chooses the forms read ("es": Spanish words, numbers day first) and the examples
    given; it is the language in use unless given. Messages are in the language in use."""
    spanish = _spanish(language)
    words = " ".join(text.lower().replace(",", ", ").split()).replace(" ,", ",")
    soon = today + timedelta(days=10)
    if spanish:
        example = f"{soon.day} de {SPANISH_MONTHS[soon.month - 1]}"
    else:
        example = f"{calendar.month_abbr[soon.month]} {soon.day}"
    try:
        day = _read_spanish(_plain(words), today) if spanish else _read_date(words, today)
    except _Refused as why:
        raise UsageProblem(why.message.format(text=text, example=example, **why.values)) from None
    if day is None:
        raise UsageProblem(
            # TRANSLATORS: {forms} lists, in the language being read, the forms infuseprep reads.
            _(
                '"{text}" is not a date infuseprep can use: write it like one of these: {forms}.'
            ).format(text=text, forms=date_forms(language))
        )
    if abs(day - today) > FARTHEST:
        raise UsageProblem(
            # TRANSLATORS: {example} is a date written as people type it in the language being read.
            _(
                '"{text}" is not a date infuseprep can use: it is more than 2 years away; '
                "check the year. For example: {example}."
            ).format(text=text, example=example)
        )
    return day


def _read_date(words: str, today: date, month_first: bool = True) -> date | None:
    if words in ("today", "now"):
        return today
    if words == "tomorrow":
        return today + timedelta(days=1)
    iso = _read_iso(words, month_first)
    if iso is not None:
        return iso
    relative = _RELATIVE.fullmatch(words)
    if relative:
        number = 1 if relative["count"] in ("a", "an") else int(relative["count"])
        return today + timedelta(days=number * (7 if relative["unit"].startswith("week") else 1))
    weekday = _WEEKDAY.fullmatch(words)
    if weekday and weekday["day"] in WEEKDAYS:
        return _coming_weekday(WEEKDAYS[weekday["day"]], today)
    for pattern in (_MONTH_FIRST, _DAY_FIRST, _NUMERIC)[: 3 if month_first else 2]:
        found = pattern.fullmatch(words)
        if found is None:
            continue
        month_word: str = found["month"]
        month_number = int(month_word) if month_word.isdigit() else MONTHS.get(month_word)
        if month_number is None:
            return None
        return _month_day(found, month_number, today, month_first)
    return None


def _read_spanish(words: str, today: date) -> date | None:
    """A date in Spanish (text without accents), or one of the English forms without numbers."""
    if words == "hoy":
        return today
    if words == "manana":
        return today + timedelta(days=1)
    if words == "pasado manana":
        return today + timedelta(days=2)
    relative = _ES_RELATIVE.fullmatch(words)
    if relative:
        number = 1 if relative["count"] in ("un", "una") else int(relative["count"])
        return today + timedelta(days=number * (7 if relative["unit"].startswith("semana") else 1))
    weekday = _ES_WEEKDAY.fullmatch(words)
    if weekday and weekday["day"] in DIAS:
        return _coming_weekday(DIAS[weekday["day"]], today)
    for pattern in (_ES_DAY_FIRST, _ES_MONTH_FIRST, _ES_NUMERIC):
        found = pattern.fullmatch(words)
        if found is None:
            continue
        month_word: str = found["month"]
        month_number = int(month_word) if month_word.isdigit() else MESES.get(month_word)
        if month_number is not None:
            return _month_day(found, month_number, today, month_first=False)
    return _read_date(words, today, month_first=False)


def _read_iso(words: str, month_first: bool) -> date | None:
    try:
        return date.fromisoformat(words)
    except ValueError:
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", words):
            year, month, day = (int(part) for part in words.split("-"))
            if not month_first and not 1 <= month <= 12:
                raise _Refused(
                    # TRANSLATORS: a date typed year-month-day (ISO) whose month is not 1 to 12.
                    _(
                        '"{text}" is not a date infuseprep can use: there is no month {month}; '
                        "the date is year-month-day, as in 2026-12-03. For example: {example}."
                    ),
                    month=month,
                ) from None
            return _calendar_date(year, month, day, month_first)
    return None


def _month_day(found: re.Match[str], month: int, today: date, month_first: bool) -> date:
    year_word: str | None = found["year"]
    if year_word is not None:
        full_year = int(year_word) + (2000 if len(year_word) == 2 else 0)
        return _calendar_date(full_year, month, int(found["day"]), month_first)
    return _coming(month, int(found["day"]), today, month_first)


def _coming_weekday(weekday: int, today: date) -> date:
    """The next such weekday after today: on a Monday, "monday" is in a week."""
    return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


def _coming(month: int, day: int, today: date, month_first: bool) -> date:
    """A month and day without a year: the first one from today on (29 February included)."""
    _check_month(month, month_first)
    longest = 29 if month == 2 else calendar.monthrange(2001, month)[1]
    if not 1 <= day <= longest:
        raise _Refused(
            _(
                '"{text}" is not a date infuseprep can use: {month} has {days} days. '
                "For example: {example}."
            ),
            month=_month_name(month),
            days=longest,
        )
    year = today.year
    while day > calendar.monthrange(year, month)[1] or date(year, month, day) < today:
        year += 1
    return date(year, month, day)


def _calendar_date(year: int, month: int, day: int, month_first: bool) -> date:
    _check_month(month, month_first)
    if not 1900 <= year <= 2100:
        raise _Refused(
            _(
                '"{text}" is not a date infuseprep can use: the year must be from 1900 to 2100. '
                "For example: {example}."
            )
        )
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        # TRANSLATORS: {month} is the month's name and {year} its year: "February 2027".
        message = _(
            '"{text}" is not a date infuseprep can use: {month} {year} has {days} days. '
            "For example: {example}."
        )
        raise _Refused(message, month=_month_name(month), year=year, days=last)
    return date(year, month, day)


def _check_month(month: int, month_first: bool) -> None:
    if 1 <= month <= 12:
        return
    if month_first:
        # TRANSLATORS: shown when numbers are read month first (English): 12/3 is December 3.
        message = _(
            '"{text}" is not a date infuseprep can use: there is no month {month}; '
            "the month comes first, as in 12/3. For example: {example}."
        )
    else:
        # TRANSLATORS: shown when numbers are read day first (Spanish): 3/12 is 3 December.
        message = _(
            '"{text}" is not a date infuseprep can use: there is no month {month}; '
            "the day comes first, as in 3/12. For example: {example}."
        )
    raise _Refused(message, month=month)


def _month_name(month: int) -> str:
    """The month's name in the language of the messages."""
    return SPANISH_MONTHS[month - 1] if i18n.current() == "es" else calendar.month_name[month]


def parse_time(text: str, language: str | None = None) -> time:
    """A time of day: 9:30, 09:30, 9:30am, 9:30 AM, 2pm, 14:00; in Spanish also 9:30 a. m.,
    2 p. m., 14:00 h, "9 de la mañana", "2 de la tarde", "a las 3 de la tarde"."""
    spanish = _spanish(language)
    words = " ".join(text.lower().split())
    forms = time_forms(language)
    found = _ES_TIME.fullmatch(_plain(words)) if spanish else _TIME.fullmatch(words)
    part = found.groupdict().get("part") if found else None
    clock = found.groupdict().get("clock") if found else None
    if found is None or (
        found["minute"] is None and found["half"] is None and not part and not clock
    ):
        raise UsageProblem(
            # TRANSLATORS: {forms} lists, in the language being read, the times infuseprep reads.
            _('"{text}" is not a time infuseprep understands. Write it like {forms}.').format(
                text=text, forms=forms
            )
        )
    hour, minute = int(found["hour"]), int(found["minute"] or 0)
    if found["half"] is not None:
        if not 1 <= hour <= 12:
            raise UsageProblem(
                _(
                    '"{text}" is not a time: with AM or PM the hour is 1 to 12. '
                    "Write it like {forms}."
                ).format(text=text, forms=forms)
            )
        hour = hour % 12 + (12 if found["half"] == "p" else 0)
    elif part:
        if not 1 <= hour <= 12:
            raise UsageProblem(
                # TRANSLATORS: only for times typed in Spanish; keep the Spanish words.
                _(
                    '"{text}" is not a time: with "de la mañana", "de la tarde" or "de la noche" '
                    "the hour is 1 to 12. Write it like {forms}."
                ).format(text=text, forms=forms)
            )
        added, twelve = _PARTS[part]
        hour = twelve if hour == 12 else hour + added
    if hour > 23 or minute > 59:
        raise UsageProblem(
            _(
                '"{text}" is not a time: a day has hours 0 to 23 and minutes 0 to 59. '
                "Write it like {forms}."
            ).format(text=text, forms=forms)
        )
    return time(hour, minute)
