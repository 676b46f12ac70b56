"""Dates and times as people type them: "friday", "Dec 3", "12/3/2026", "9:30am", "2pm".

The forms are few and each is read one way only, so a misreading cannot hide: a general
date-guessing library would fill a missing part from today or skip words it does not know. Every
refusal names what was typed, why, and a form that works. Commands say back the date they
understood, weekday included.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, time, timedelta

from infuseprep.errors import UsageProblem

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


class _Refused(Exception):
    """Why a date that looks like a date cannot be one (31 February, month 13)."""


def parse_date(text: str, today: date) -> date:
    """A date in any of ``DATE_FORMS``, at most about two years from today either way."""
    words = " ".join(text.lower().replace(",", ", ").split()).replace(" ,", ",")
    soon = today + timedelta(days=10)
    example = f"{calendar.month_abbr[soon.month]} {soon.day}"
    try:
        day = _read_date(words, today)
    except _Refused as why:
        raise _not_a_date(text, f"{why}. For example: {example}") from None
    if day is None:
        raise _not_a_date(text, f"write it like one of these: {DATE_FORMS}")
    if abs(day - today) > FARTHEST:
        raise _not_a_date(
            text, f"it is more than 2 years away; check the year. For example: {example}"
        )
    return day


def _read_date(words: str, today: date) -> date | None:
    if words in ("today", "now"):
        return today
    if words == "tomorrow":
        return today + timedelta(days=1)
    try:
        return date.fromisoformat(words)
    except ValueError:
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", words):
            year, month, day = (int(part) for part in words.split("-"))
            return _calendar_date(year, month, day)
    relative = _RELATIVE.fullmatch(words)
    if relative:
        number = 1 if relative["count"] in ("a", "an") else int(relative["count"])
        return today + timedelta(days=number * (7 if relative["unit"].startswith("week") else 1))
    weekday = _WEEKDAY.fullmatch(words)
    if weekday and weekday["day"] in WEEKDAYS:
        ahead = (WEEKDAYS[weekday["day"]] - today.weekday() - 1) % 7 + 1
        return today + timedelta(days=ahead)
    for pattern in (_MONTH_FIRST, _DAY_FIRST, _NUMERIC):
        found = pattern.fullmatch(words)
        if found is None:
            continue
        month_word: str = found["month"]
        month_number = int(month_word) if month_word.isdigit() else MONTHS.get(month_word)
        if month_number is None:
            return None
        year_word: str | None = found["year"]
        if year_word is not None:
            full_year = int(year_word) + (2000 if len(year_word) == 2 else 0)
            return _calendar_date(full_year, month_number, int(found["day"]))
        return _coming(month_number, int(found["day"]), today)
    return None


def _coming(month: int, day: int, today: date) -> date:
    """A month and day without a year: the first one from today on (29 February included)."""
    _check_month(month)
    longest = 29 if month == 2 else calendar.monthrange(2001, month)[1]
    if not 1 <= day <= longest:
        raise _Refused(f"{calendar.month_name[month]} has {longest} days")
    year = today.year
    while day > calendar.monthrange(year, month)[1] or date(year, month, day) < today:
        year += 1
    return date(year, month, day)


def _calendar_date(year: int, month: int, day: int) -> date:
    _check_month(month)
    if not 1900 <= year <= 2100:
        raise _Refused("the year must be from 1900 to 2100")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise _Refused(f"{calendar.month_name[month]} {year} has {last} days")
    return date(year, month, day)


def _check_month(month: int) -> None:
    if not 1 <= month <= 12:
        raise _Refused(f"there is no month {month}; the month comes first, as in 12/3")


def _not_a_date(text: str, why: str) -> UsageProblem:
    return UsageProblem(f'"{text}" is not a date infuseprep can use: {why}.')


def parse_time(text: str) -> time:
    """A time of day: 9:30, 09:30, 9:30am, 9:30 AM, 2pm, 14:00."""
    words = text.strip().lower()
    found = _TIME.fullmatch(words)
    example = "Write it like 9:30, 9:30 AM, 2pm or 14:00."
    if found is None or (found["minute"] is None and found["half"] is None):
        raise UsageProblem(f'"{text}" is not a time infuseprep understands. {example}')
    hour, minute = int(found["hour"]), int(found["minute"] or 0)
    if found["half"] is not None:
        if not 1 <= hour <= 12:
            raise UsageProblem(
                f'"{text}" is not a time: with AM or PM the hour is 1 to 12. {example}'
            )
        hour = hour % 12 + (12 if found["half"] == "p" else 0)
    if hour > 23 or minute > 59:
        raise UsageProblem(
            f'"{text}" is not a time: a day has hours 0 to 23 and minutes 0 to 59. {example}'
        )
    return time(hour, minute)
