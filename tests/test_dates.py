"""Dates and times typed as people write them, and the refusals, with the clock pinned."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date, datetime, time, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from infuseprep import i18n
from infuseprep.dates import (
    DATE_FORMS,
    SPANISH_MONTHS,
    date_forms,
    parse_date,
    parse_time,
    time_forms,
)
from infuseprep.errors import UsageProblem
from infuseprep.i18n import _

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


# Spanish: the run speaks Spanish, so the words are read in Spanish and numbers day first.


@pytest.fixture
def spanish(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("LANGUAGE", "en")  # so that the variable use() sets is put back
    i18n.use("es")
    yield
    i18n.use("en")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-03", date(2026, 12, 3)),
        ("hoy", TODAY),
        ("Mañana", date(2026, 11, 24)),
        ("manana", date(2026, 11, 24)),
        ("MAÑANA", date(2026, 11, 24)),
        ("pasado mañana", date(2026, 11, 25)),
        ("en 10 días", date(2026, 12, 3)),
        ("en 10 dias", date(2026, 12, 3)),
        ("en 2 semanas", date(2026, 12, 7)),
        ("en una semana", date(2026, 11, 30)),
        ("dentro de 3 días", date(2026, 11, 26)),
        ("viernes", date(2026, 11, 27)),
        ("el viernes", date(2026, 11, 27)),
        ("el próximo viernes", date(2026, 11, 27)),
        ("proximo viernes", date(2026, 11, 27)),
        ("el viernes que viene", date(2026, 11, 27)),
        ("Mié", date(2026, 11, 25)),
        ("sabado", date(2026, 11, 28)),
        # The coming Monday, not today.
        ("lunes", date(2026, 11, 30)),
        ("3 de diciembre", date(2026, 12, 3)),
        ("el 3 de diciembre", date(2026, 12, 3)),
        ("3 de dic", date(2026, 12, 3)),
        ("3 dic", date(2026, 12, 3)),
        ("3 DIC.", date(2026, 12, 3)),
        ("3 de diciembre de 2026", date(2026, 12, 3)),
        ("3 de diciembre del 2026", date(2026, 12, 3)),
        ("1ro de enero", date(2027, 1, 1)),
        ("3 de setiembre", date(2027, 9, 3)),
        ("diciembre 3", date(2026, 12, 3)),
        ("3/12/2026", date(2026, 12, 3)),
        ("3-12-2026", date(2026, 12, 3)),
        ("03/12/26", date(2026, 12, 3)),
        ("3/12", date(2026, 12, 3)),
        ("1/5", date(2027, 5, 1)),
        ("13/1/2027", date(2027, 1, 13)),
        # Day first only: the English reading, 3 December, is not made.
        ("12/3/2026", date(2026, 3, 12)),
        ("29 de febrero", date(2028, 2, 29)),
        # English words mean the same in a Spanish run.
        ("tomorrow", date(2026, 11, 24)),
        ("in 10 days", date(2026, 12, 3)),
        ("next friday", date(2026, 11, 27)),
        ("Dec 3", date(2026, 12, 3)),
        ("3rd December 2026", date(2026, 12, 3)),
    ],
)
@pytest.mark.usefixtures("spanish")
def test_dates_typed_in_spanish(text: str, expected: date) -> None:
    assert parse_date(text, TODAY) == expected


def date_refusal(text: str, message: str, **values: object) -> str:
    """The refusal as the catalog in use writes it, with the Spanish example."""
    return _(message).format(text=text, example="3 de diciembre", **values)


NOT_A_DAY = '"{text}" is not a date infuseprep can use: {month} {year} has {days} days. '
NOT_A_DAY += "For example: {example}."


@pytest.mark.parametrize(
    ("text", "message", "values"),
    [
        ("31 de febrero de 2027", NOT_A_DAY, {"month": "febrero", "year": 2027, "days": 28}),
        ("31/4/2027", NOT_A_DAY, {"month": "abril", "year": 2027, "days": 30}),
        (
            "31 de febrero",
            '"{text}" is not a date infuseprep can use: {month} has {days} days. '
            "For example: {example}.",
            {"month": "febrero", "days": 29},
        ),
        (
            "3/13/2026",
            '"{text}" is not a date infuseprep can use: there is no month {month}; '
            "the day comes first, as in 3/12. For example: {example}.",
            {"month": 13},
        ),
        (
            "2026-13-01",
            '"{text}" is not a date infuseprep can use: there is no month {month}; '
            "the date is year-month-day, as in 2026-12-03. For example: {example}.",
            {"month": 13},
        ),
        (
            "3 de diciembre de 2029",
            '"{text}" is not a date infuseprep can use: it is more than 2 years away; '
            "check the year. For example: {example}.",
            {},
        ),
        (
            "3/12/1850",
            '"{text}" is not a date infuseprep can use: the year must be from 1900 to 2100. '
            "For example: {example}.",
            {},
        ),
    ],
)
@pytest.mark.usefixtures("spanish")
def test_impossible_dates_are_refused_in_spanish_with_a_spanish_example(
    text: str, message: str, values: dict[str, object]
) -> None:
    with pytest.raises(UsageProblem) as caught:
        parse_date(text, TODAY)
    assert str(caught.value) == date_refusal(text, message, **values)
    assert caught.value.exit_code == 2


@pytest.mark.parametrize("text", ["pronto", "", "el viernes 3", "3 de foo", "en diez días"])
@pytest.mark.usefixtures("spanish")
def test_unknown_dates_in_spanish_show_the_spanish_forms(text: str) -> None:
    with pytest.raises(UsageProblem) as caught:
        parse_date(text, TODAY)
    message = '"{text}" is not a date infuseprep can use: write it like one of these: {forms}.'
    assert str(caught.value) == _(message).format(text=text, forms=date_forms())
    assert "3/12/2026 o 3/12 (el día primero)" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9:30", time(9, 30)),
        ("09:30", time(9, 30)),
        ("9:30 a. m.", time(9, 30)),
        ("9:30 a.m.", time(9, 30)),
        ("9:30 am", time(9, 30)),
        ("9:30 AM", time(9, 30)),
        ("2:00 p. m.", time(14, 0)),
        ("2 p. m.", time(14, 0)),
        ("2pm", time(14, 0)),
        ("14:00", time(14, 0)),
        ("14:00 h", time(14, 0)),
        ("9 de la mañana", time(9, 0)),
        ("9:30 de la manana", time(9, 30)),
        ("2 de la tarde", time(14, 0)),
        ("a las 2 de la tarde", time(14, 0)),
        ("a la 1 de la tarde", time(13, 0)),
        ("8 de la noche", time(20, 0)),
        ("12 de la tarde", time(12, 0)),
        ("12 de la mañana", time(12, 0)),
        ("12 de la noche", time(0, 0)),
        ("5 de la madrugada", time(5, 0)),
    ],
)
@pytest.mark.usefixtures("spanish")
def test_times_typed_in_spanish(text: str, expected: time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("25:00", '"{text}" is not a time: a day has hours 0 to 23 and minutes 0 to 59.'),
        ("9:75", '"{text}" is not a time: a day has hours 0 to 23 and minutes 0 to 59.'),
        ("13 p. m.", '"{text}" is not a time: with AM or PM the hour is 1 to 12.'),
        (
            "14 de la tarde",
            '"{text}" is not a time: with "de la mañana", "de la tarde" or "de la noche" '
            "the hour is 1 to 12.",
        ),
        ("9", '"{text}" is not a time infuseprep understands.'),
        ("a las 9", '"{text}" is not a time infuseprep understands.'),
        ("mediodía", '"{text}" is not a time infuseprep understands.'),
    ],
)
@pytest.mark.usefixtures("spanish")
def test_impossible_times_are_refused_in_spanish(text: str, message: str) -> None:
    with pytest.raises(UsageProblem) as caught:
        parse_time(text)
    expected = _(message + " Write it like {forms}.").format(text=text, forms=time_forms())
    assert str(caught.value) == expected
    assert "9:30 a. m., 2 p. m., 14:00 o 2 de la tarde" in expected


def test_the_language_can_be_given_instead_of_the_one_in_use(spanish: None) -> None:
    assert parse_date("3/12", TODAY, language="en") == date(2027, 3, 12)
    assert parse_time("2 de la tarde", language="es") == time(14, 0)
    i18n.use("en")
    assert parse_date("3/12", TODAY, language="es") == date(2026, 12, 3)
    assert parse_date("pasado mañana", TODAY, language="es") == date(2026, 11, 25)


@pytest.mark.parametrize("text", ["mañana", "3 de diciembre", "viernes", "en 10 días"])
def test_english_runs_do_not_read_spanish(text: str) -> None:
    with pytest.raises(UsageProblem, match="write it like one of these"):
        parse_date(text, TODAY)
    assert parse_date("3/12", TODAY) == date(2027, 3, 12)


def shown_forms(forms: str) -> list[str]:
    """ "a, b, c or d (note)" as the forms a, b, c, d."""
    return re.split(r", | or | o ", re.sub(r" \(.*?\)", "", forms))


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_form_shown_is_read(language: str) -> None:
    assert len(shown_forms(date_forms(language))) >= 9
    for form in shown_forms(date_forms(language)):
        parse_date(form, TODAY, language=language)
    for form in shown_forms(time_forms(language)):
        parse_time(form, language=language)


@settings(derandomize=True, database=None, deadline=None, max_examples=200)
@given(st.dates(min_value=date(2025, 1, 1), max_value=date(2028, 11, 20)))
def test_spanish_dates_with_the_year_read_back(day: date) -> None:
    month = SPANISH_MONTHS[day.month - 1]
    for written in (
        f"{day.day} de {month} de {day.year}",
        f"{day.day} {month[:3]} {day.year}",
        f"{day.day}/{day.month}/{day.year}",
        f"{day.day:02d}-{day.month:02d}-{day.year}",
    ):
        assert parse_date(written, TODAY, language="es") == day, written


@pytest.mark.usefixtures("spanish")
def test_a_visit_set_in_spanish_through_the_command_line(
    run, monkeypatch: pytest.MonkeyPatch
) -> None:
    morning = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
    monkeypatch.setattr("infuseprep.clock.now", lambda: morning)
    result = run("--lang", "es", "appointment", "set", "3/12", "--time", "2 de la tarde")
    assert result.exit_code == 0, result.output
    shown = json.loads(run("status", "--json").stdout)["appointment"]
    assert (shown["date"], shown["time"]) == ("2026-12-03", "14:00")
    refused = run("--lang", "es", "appointment", "set", "3/13/2026")
    assert refused.exit_code == 2
    assert '"3/13/2026"' in refused.output
    assert "3 de diciembre" in refused.output
