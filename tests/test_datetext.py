"""Dates and times shown from one place, held to Babel's own formatting for each locale."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from babel.dates import format_date, format_skeleton, format_time

from infuseprep.datetext import clock_time, long_date, short_date

DAYS = [date(2026, 1, 1) + timedelta(days=n * 37) for n in range(12)]
TIMES = [time(0, 0), time(9, 5), time(9, 30), time(12, 0), time(14, 0), time(23, 59)]


def test_dates_and_times_read_as_people_read_them() -> None:
    assert long_date(date(2026, 12, 3)) == "Thursday, December 3, 2026"
    assert short_date(date(2026, 12, 3), date(2026, 11, 23)) == "Thu, Dec 3"
    assert short_date(date(2027, 1, 7), date(2026, 11, 23)) == "Thu, Jan 7, 2027"
    assert clock_time(time(9, 30)) == "9:30 AM"
    assert clock_time(time(14, 0)) == "2:00 PM"


def test_spanish_as_spanish_readers_write_it() -> None:
    assert long_date(date(2026, 12, 3), "es_US") == "jueves, 3 de diciembre de 2026"


@pytest.mark.parametrize("locale", ["en_US", "es_US", "es", "en_GB"])
def test_the_small_formatter_agrees_with_babel(locale: str) -> None:
    for day in DAYS:
        assert long_date(day, locale) == format_date(day, "full", locale=locale)
        assert short_date(day, day, locale) == format_skeleton("MMMEd", day, locale=locale)
        assert short_date(day, None, locale) == format_skeleton("MMMEd", day, locale=locale)
        later = day.replace(year=day.year + 1)
        assert short_date(later, day, locale) == format_skeleton("yMMMEd", later, locale=locale)
    for at in TIMES:
        expected = format_time(at, "short", locale=locale).replace("\u202f", " ")
        assert clock_time(at, locale) == expected


def test_a_cached_locale_of_the_wrong_shape_is_read_again(home) -> None:  # type: ignore[no-untyped-def]
    import json

    from infuseprep import datetext

    datetext._patterns.cache_clear()
    long_date(date(2026, 12, 3))
    entry = next((home / "cache").glob("datetext-en_US.json"))
    document = json.loads(entry.read_text(encoding="utf-8"))
    document["value"]["months"] = ["only one"]
    entry.write_text(json.dumps(document), encoding="utf-8")
    datetext._patterns.cache_clear()
    assert long_date(date(2026, 12, 3)) == "Thursday, December 3, 2026"
