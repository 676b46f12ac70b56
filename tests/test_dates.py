"""Dates and times typed as people write them, and the refusals, with the clock pinned."""

from __future__ import annotations

from datetime import date, time

import pytest

from infuseprep.dates import DATE_FORMS, parse_date, parse_time
from infuseprep.errors import UsageProblem

TODAY = date(2026, 11, 23)  # a Monday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-03", date(2026, 12, 3)),
        ("today", TODAY),
        ("Tomorrow", date(2026, 11, 24)),
        ("in 10 days", date(2026, 12, 3)),
        ("in 2 weeks", date(2026, 12, 7)),
        ("in a week", date(2026, 11, 30)),
        ("friday", date(2026, 11, 27)),
        ("next friday", date(2026, 11, 27)),
        ("Fri", date(2026, 11, 27)),
        # The coming Monday, not today.
        ("monday", date(2026, 11, 30)),
        ("Dec 3", date(2026, 12, 3)),
        ("December 3", date(2026, 12, 3)),
        ("dec. 3rd", date(2026, 12, 3)),
        ("3 December", date(2026, 12, 3)),
        ("December 3, 2026", date(2026, 12, 3)),
        ("3 Dec 2026", date(2026, 12, 3)),
        ("12/3/2026", date(2026, 12, 3)),
        ("12/03/2026", date(2026, 12, 3)),
        ("12/03", date(2026, 12, 3)),
        ("1/5", date(2027, 1, 5)),
        # A month and day that have passed this year are next year's.
        ("Nov 20", date(2027, 11, 20)),
        ("Feb 29", date(2028, 2, 29)),
    ],
)
def test_dates_people_type(text: str, expected: date) -> None:
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("31 February 2027", "February 2027 has 28 days. For example: Dec 3"),
        ("2027-02-31", "February 2027 has 28 days. For example: Dec 3"),
        ("2/30", "February has 29 days. For example: Dec 3"),
        (
            "13/1/2027",
            "there is no month 13; the month comes first, as in 12/3. For example: Dec 3",
        ),
        ("2029-01-01", "it is more than 2 years away; check the year. For example: Dec 3"),
        ("9999-12-31", "it is more than 2 years away; check the year. For example: Dec 3"),
        ("soon", f"write it like one of these: {DATE_FORMS}"),
        ("", f"write it like one of these: {DATE_FORMS}"),
        ("next thurs day", f"write it like one of these: {DATE_FORMS}"),
    ],
)
def test_impossible_dates_are_refused_with_the_reason_and_an_example(text: str, why: str) -> None:
    with pytest.raises(UsageProblem) as caught:
        parse_date(text, TODAY)
    assert str(caught.value) == f'"{text}" is not a date infuseprep can use: {why}.'
    assert caught.value.exit_code == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9:30", time(9, 30)),
        ("09:30", time(9, 30)),
        ("9:30am", time(9, 30)),
        ("9:30 AM", time(9, 30)),
        ("9:30 a.m.", time(9, 30)),
        ("2pm", time(14, 0)),
        ("2 PM", time(14, 0)),
        ("14:00", time(14, 0)),
        ("12am", time(0, 0)),
        ("12pm", time(12, 0)),
    ],
)
def test_times_people_type(text: str, expected: time) -> None:
    assert parse_time(text) == expected


EXAMPLE = "Write it like 9:30, 9:30 AM, 2pm or 14:00."


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("25:00", '"25:00" is not a time: a day has hours 0 to 23 and minutes 0 to 59.'),
        ("9:75", '"9:75" is not a time: a day has hours 0 to 23 and minutes 0 to 59.'),
        ("13pm", '"13pm" is not a time: with AM or PM the hour is 1 to 12.'),
        ("9", '"9" is not a time infuseprep understands.'),
        ("noon", '"noon" is not a time infuseprep understands.'),
        ("09:30:15", '"09:30:15" is not a time infuseprep understands.'),
    ],
)
def test_impossible_times_are_refused(text: str, message: str) -> None:
    with pytest.raises(UsageProblem) as caught:
        parse_time(text)
    assert str(caught.value) == f"{message} {EXAMPLE}"
