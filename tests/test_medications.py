"""Medication courses: gaps, fixed counts, days in a row, the minimum interval, pens, the file."""

from __future__ import annotations

from datetime import date, datetime, timezone
from itertools import pairwise
from pathlib import Path

import pytest

from infuseprep import i18n
from infuseprep.medication_file import load_medication_file
from infuseprep.medications import (
    PROFILES_FILE,
    Gap,
    _profiles,
    medication,
    medications,
    parse_gap,
)
from infuseprep.progress import Appointment
from infuseprep.visits import next_visit

FIRST = date(2026, 1, 5)
TODAY = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def pinned_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("infuseprep.clock.now", lambda: TODAY)


def gaps_in_days(profile_id: str, doses: int) -> list[int]:
    dates = medication(profile_id).dose_dates(FIRST, doses)
    return [(later - earlier).days for earlier, later in pairwise(dates)]


def test_belimumab_first_doses_are_two_weeks_apart_then_four() -> None:
    assert gaps_in_days("belimumab-iv", 6) == [14, 14, 28, 28, 28]


def test_anifrolumab_is_every_four_weeks_with_a_fourteen_day_minimum() -> None:
    assert gaps_in_days("anifrolumab-iv", 4) == [28, 28, 28]
    assert medication("anifrolumab-iv").min_gap_days == 14


def test_obinutuzumab_day_one_week_two_24_26_then_every_six_months() -> None:
    dates = medication("obinutuzumab-iv").dose_dates(FIRST, 7)
    weeks = [(day - FIRST).days / 7 for day in dates[:4]]
    assert weeks == [0, 2, 24, 26]
    assert dates[4:] == [date(2027, 1, 6), date(2027, 7, 6), date(2028, 1, 6)]


def test_a_fixed_count_course_ends_after_its_last_dose() -> None:
    cyclophosphamide = medication("cyclophosphamide-iv")
    dates = cyclophosphamide.dose_dates(FIRST)
    assert len(dates) == 6
    assert [(b - a).days for a, b in pairwise(dates)] == [14] * 5
    assert cyclophosphamide.next_visit(dates[-1], 6) is None
    assert len(medication("rituximab-iv").dose_dates(FIRST)) == 2
    following, reason = next_visit(Appointment(dates[-1], medication="cyclophosphamide-iv", dose=6))
    assert following is None
    assert reason.startswith("Dose 6 was the last of this course of Cyclophosphamide, IV (6 doses")


def test_a_dose_on_days_in_a_row_ends_on_its_last_day() -> None:
    pulse = medication("methylprednisolone-iv")
    assert pulse.days_in_a_row == 3
    assert pulse.last_day(FIRST) == date(2026, 1, 7)
    assert pulse.dose_dates(FIRST) == [FIRST]


@pytest.mark.parametrize(
    ("words", "gap"),
    [("14 days", Gap(14, "day")), ("1 week", Gap(1, "week")), ("6 months", Gap(6, "month"))],
)
def test_gaps_read_as_written(words: str, gap: Gap) -> None:
    assert parse_gap(words) == gap
    assert str(gap) == words


def test_months_keep_the_day_or_the_last_day_of_a_short_month() -> None:
    assert Gap(6, "month").after(date(2026, 8, 31)) == date(2027, 2, 28)
    assert Gap(1, "month").after(date(2026, 12, 15)) == date(2027, 1, 15)


def test_the_bundled_profile_file_is_valid_and_cites_every_schedule() -> None:
    profiles, problems = load_medication_file(PROFILES_FILE)
    assert problems == []
    assert [profile.id for profile in profiles] == list(medications())
    for profile in profiles:
        assert profile.schedule_source
        if profile.infusion:
            assert profile.infusion_source


def test_an_impossible_course_is_reported_where_it_is(run, tmp_path: Path) -> None:
    path = tmp_path / "medications.yaml"
    path.write_text(
        "medications:\n"
        "  - id: test-iv\n"
        "    name: Test\n"
        "    gaps: [0 days, -2 weeks, 3 fortnights]\n"
        "    doses: 0\n"
        "    days_in_a_row: 9\n"
        "    schedule: Every so often.\n"
        "    schedule_source: A label.\n"
        "  - id: fast-iv\n"
        "    name: Fast\n"
        "    gaps: [5 days, 4 weeks]\n"
        "    min_gap_days: 14\n"
        "    schedule: Every so often.\n"
        "    schedule_source: A label.\n",
        encoding="utf-8",
    )
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert result.stdout == (
        f'{path}:4:12: a gap must be at least 1 day, not "0 days"\n'
        f'{path}:4:20: a gap must be at least 1 week, not "-2 weeks"\n'
        f'{path}:4:30: "3 fortnights" is not a gap; write it as "14 days", "2 weeks" or '
        '"6 months"\n'
        f'{path}:5:12: "doses" must be a whole number from 1 to 100\n'
        f'{path}:6:20: "days_in_a_row" must be a whole number from 1 to 7\n'
        f'{path}:11:12: the gap "5 days" is shorter than "min_gap_days" (14 days between doses)\n'
    )
    assert result.stderr == "1 file checked: 6 problems found.\n"


def test_a_next_date_inside_the_minimum_interval_needs_yes(run, home: Path) -> None:
    saphnelo = ("appointment", "set", "2026-11-20", "--medication", "Saphnelo", "--yes")
    assert run(*saphnelo).exit_code == 0
    before = (home / "progress.json").read_bytes()
    refused = run("appointment", "done", "--next", "2026-11-25")
    assert refused.exit_code == 2
    assert refused.stderr == (
        "Wednesday, November 25, 2026 is 5 days after the dose on Friday, November 20, 2026, and "
        "Anifrolumab (Saphnelo), IV needs at least 14 days between doses (Source: SAPHNELO US "
        'prescribing information, section 2 (dosage): "300 mg, administered as an intravenous '
        'infusion over a 30-minute period, every 4 weeks"; "Missed dose ... Maintain a minimum '
        'interval of 14 days between infusions".). Nothing was changed. If your care team chose '
        "this date, run the same command again with --yes.\n"
    )
    assert (home / "progress.json").read_bytes() == before
    assert run("appointment", "done", "--next", "2026-11-25", "--yes").exit_code == 0
    # The same rule holds when the next visit is set by hand after the visit was closed.
    assert run("appointment", "set", "2026-11-30").exit_code == 2
    assert run("appointment", "set", "2026-12-04").exit_code == 0


def test_stopping_infusions_keeps_the_history(run, home: Path) -> None:
    run("appointment", "set", "2026-11-20", "--medication", "benlysta", "--yes")
    run("appointment", "done")
    result = run("appointment", "set", "2026-12-01", "--medication", "Benlysta pen")
    assert result.exit_code == 0
    assert result.stdout == (
        "Infusion visits are stopped. Your 1 past visit is kept in the history.\n"
        "Belimumab (Benlysta) pen or syringe, at home: infuseprep prepares for infusion\n"
        "visits, not for shots at home. How to use the pen or syringe is taught by your\n"
        "care team; ask them for the training.\n"
        "If you go back to infusions, run: infuseprep appointment set DATE\n"
    )
    assert "No appointment is set." in run("appointment", "show").stdout
    assert "November 20, 2026" in run("history").stdout
    stopped = run("appointment", "stop")
    assert stopped.exit_code == 0
    assert stopped.stdout.startswith("Infusion visits are stopped.")


@pytest.mark.parametrize(
    "damage",
    [
        lambda profiles: {"not": "a list"},
        lambda profiles: [{**profiles[0], "gaps": [14]}],
        lambda profiles: [{**profiles[0], "doses": "six"}],
        lambda profiles: [{key: value for key, value in profiles[0].items() if key != "names"}],
    ],
)
def test_a_cached_profile_of_the_wrong_shape_is_read_again(home: Path, damage) -> None:
    import json

    _profiles.cache_clear()
    medications()
    entry = home / "cache" / "medications-3.json"
    document = json.loads(entry.read_text(encoding="utf-8"))
    document["value"] = damage(document["value"])
    entry.write_text(json.dumps(document), encoding="utf-8")
    _profiles.cache_clear()
    assert medications()["anifrolumab-iv"].min_gap_days == 14
    _profiles.cache_clear()


def test_every_bundled_profile_has_its_words_in_spanish_and_keeps_its_course() -> None:
    english = medications()
    i18n.use("es")
    try:
        spanish = medications()
    finally:
        i18n.use("en")
    for profile_id, profile in english.items():
        translated = spanish[profile_id]
        assert translated.name != profile.name
        assert translated.schedule != profile.schedule
        assert (translated.infusion is None) == (profile.infusion is None)
        assert translated.infusion != profile.infusion or profile.infusion is None
        assert translated._replace(name="", schedule="", infusion=None) == profile._replace(
            name="", schedule="", infusion=None
        )
    assert spanish["belimumab-iv"].schedule == (
        "Cada 2 semanas para las primeras 3 dosis. Después, cada 4 semanas."
    )


def test_a_profile_translates_only_its_words(run, tmp_path: Path) -> None:
    path = tmp_path / "medications.yaml"
    path.write_text(
        "medications:\n"
        "  - id: test-iv\n"
        "    name: Test\n"
        "    schedule: Every so often.\n"
        "    schedule_source: A label.\n"
        "    es:\n"
        "      schedule: De vez en cuando.\n"
        "      infusion: Una hora.\n"
        "      gaps: [2 weeks]\n",
        encoding="utf-8",
    )
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert result.stdout == (
        f'{path}:8:17: "infusion" in "es" has no English "infusion" to translate\n'
        f'{path}:9:7: unknown key "gaps" in es; known keys are "name", "schedule", "infusion"\n'
    )
