"""Due dates, medication schedules, closing a visit and the yearly rollover, clock pinned."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest

from infuseprep.checklist import Checklist, Item
from infuseprep.errors import UsageProblem
from infuseprep.medications import CONFIRM, medication, medications
from infuseprep.progress import DONE, OPEN, SKIPPED, Appointment, Progress
from infuseprep.timing import parse_timing
from infuseprep.visits import close_visit, due_date, for_visit, next_visit
from infuseprep.words import countdown, due_words

VISIT = date(2026, 12, 3)
TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("words", "due"),
    [
        ("1 day before", date(2026, 12, 2)),
        ("7 days before", date(2026, 11, 26)),
        ("365 days before", date(2025, 12, 3)),
        ("1 week before", date(2026, 11, 26)),
        ("6 weeks before", date(2026, 10, 22)),
        ("52 weeks before", date(2025, 12, 4)),
        ("day before", date(2026, 12, 2)),
        ("evening before", date(2026, 12, 2)),
        ("morning of", VISIT),
        ("at the visit", VISIT),
        ("day after", date(2026, 12, 4)),
        ("7 days after", date(2026, 12, 10)),
        ("14 days after", date(2026, 12, 17)),
    ],
)
def test_every_timing_form_gives_its_due_date(words: str, due: date) -> None:
    item = Item("a", "Do it.", when=parse_timing(words))
    assert due_date(item, Appointment(VISIT)) == due
    assert due_date(item, None) is None


def belimumab_visits(first: date, count: int) -> list[date]:
    visits, appointment = [first], Appointment(first, medication="belimumab-iv", dose=1)
    while len(visits) < count:
        following, _ = next_visit(appointment)
        assert following is not None
        visits.append(following)
        appointment = Appointment(following, medication="belimumab-iv", dose=len(visits))
    return visits


def test_belimumab_is_every_two_weeks_three_times_then_every_four() -> None:
    visits = belimumab_visits(date(2026, 1, 5), 15)
    gaps = [(b - a).days for a, b in pairwise(visits)]
    assert gaps == [14, 14] + [28] * 12
    assert visits[:4] == [date(2026, 1, 5), date(2026, 1, 19), date(2026, 2, 2), date(2026, 3, 2)]
    within_a_year = [visit for visit in visits if visit < date(2027, 1, 5)]
    assert len(within_a_year) == 15
    assert visits[-1] == date(2027, 1, 4)


def test_anifrolumab_is_every_four_weeks_with_a_14_day_minimum() -> None:
    profile = medication("anifrolumab-iv")
    visit, visits = date(2026, 1, 7), []
    for dose in range(1, 14):
        visits.append(visit)
        following = profile.next_visit(visit, dose)
        assert following is not None
        visit = following
    assert {(b - a).days for a, b in pairwise(visits)} == {28}
    assert visits[-1] == date(2026, 12, 9)
    assert profile.min_gap_days == 14


def test_other_medication_has_no_schedule_and_says_so() -> None:
    following, reason = next_visit(Appointment(VISIT, medication="other"))
    assert following is None
    assert "set by your doctor" in reason


def test_next_visit_explains_itself_with_its_source() -> None:
    following, reason = next_visit(Appointment(VISIT, medication="belimumab-iv"))
    assert following == VISIT + timedelta(days=14)
    assert reason.startswith(
        "Belimumab (Benlysta), IV is given 2 weeks after dose 1 (taken as dose 1; use --dose to "
        "say otherwise). Source: BENLYSTA US prescribing information"
    )
    _, later = next_visit(Appointment(VISIT, medication="belimumab-iv", dose=3))
    assert later.startswith("Belimumab (Benlysta), IV is given 4 weeks after dose 3. Source:")


def test_every_profile_cites_its_sources() -> None:
    for profile in medications().values():
        assert profile.schedule_source
        if profile.infusion_minutes is not None:
            assert profile.infusion_source
    assert medication("belimumab-iv").infusion_minutes == 60
    assert medication("anifrolumab-iv").infusion_minutes == 30
    assert CONFIRM == "Confirm your schedule with your care team."


@pytest.mark.parametrize(
    ("name", "profile_id"),
    [
        ("Benlysta", "belimumab-iv"),
        ("BELIMUMAB-IV", "belimumab-iv"),
        ("belimumab", "belimumab-iv"),
        ("benlysta iv", "belimumab-iv"),
        ("saphnelo", "anifrolumab-iv"),
        ("Anifrolumab", "anifrolumab-iv"),
        ("GAZYVA", "obinutuzumab-iv"),
        ("obinutuzumab", "obinutuzumab-iv"),
        ("Rituxan", "rituximab-iv"),
        ("truxima", "rituximab-iv"),
        ("Cytoxan", "cyclophosphamide-iv"),
        ("solu-medrol", "methylprednisolone-iv"),
        ("Benlysta pen", "belimumab-pen"),
        ("saphnelo_pen", "anifrolumab-pen"),
    ],
)
def test_brand_and_generic_names_in_any_case_select_the_same_profile(
    name: str, profile_id: str
) -> None:
    assert medication(name).id == profile_id


def test_unknown_medication_suggests_the_closest() -> None:
    with pytest.raises(UsageProblem) as caught:
        medication("saphnello")
    assert str(caught.value) == (
        'There is no medication "saphnello". Did you mean "anifrolumab-iv" or '
        '"anifrolumab-pen"? Known: belimumab-iv, anifrolumab-iv, obinutuzumab-iv, rituximab-iv, '
        "cyclophosphamide-iv, methylprednisolone-iv, belimumab-pen, anifrolumab-pen, other. "
        "A generic or brand name also works, for example Benlysta or saphnelo."
    )
    assert caught.value.exit_code == 2


ONCE = Item("consult", "See the doctor.", when=parse_timing("6 weeks before"), scope="once")
EVERY = Item("meal", "Eat.", when=parse_timing("morning of"))
YEARLY = Item("renew", "Renew approval.", when=parse_timing("4 weeks before"), scope="yearly")
BELIMUMAB_ONLY = Item("gateway", "Call Gateway.", medications=("belimumab-iv",))
LISTS = [Checklist("prep", "Prep", (EVERY, ONCE, YEARLY, BELIMUMAB_ONLY))]


def test_steps_for_another_medication_are_hidden_and_the_rest_sorted_by_due() -> None:
    anifrolumab = Appointment(VISIT, medication="anifrolumab-iv")
    (planned,) = for_visit(LISTS, anifrolumab)
    assert [item.id for item in planned.items] == ["consult", "renew", "meal"]
    (unknown,) = for_visit(LISTS, Appointment(VISIT))
    assert [item.id for item in unknown.items] == ["consult", "renew", "meal", "gateway"]
    (no_visit,) = for_visit(LISTS, None)
    assert [item.id for item in no_visit.items] == ["meal", "consult", "renew", "gateway"]


def test_closing_a_visit_keeps_once_steps_and_resets_every_visit_steps() -> None:
    progress = Progress(appointment=Appointment(VISIT, medication="belimumab-iv", dose=2))
    progress.record("prep", "consult", DONE, "2026-10-20T10:00:00+00:00")
    progress.record("prep", "meal", DONE, "2026-12-03T07:00:00+00:00")
    progress.annotate("prep", "meal", "toast")
    progress.record("prep", "gateway", SKIPPED, "2026-11-01T10:00:00+00:00")
    progress.record("prep", "renew", DONE, "2026-11-05T10:00:00+00:00")
    visit = close_visit(progress, LISTS, date(2026, 12, 31), "2026-12-03T12:00:00+00:00")
    assert (visit.date, visit.dose, visit.done, visit.skipped, visit.total) == (VISIT, 2, 3, 1, 4)
    assert progress.history == [visit]
    assert progress.state("prep", "consult") == DONE
    assert progress.get("prep", "meal") is not None
    assert progress.state("prep", "meal") == OPEN
    assert progress.get("prep", "meal").note == "toast"  # type: ignore[union-attr]
    assert not progress.get("prep", "meal").answered  # type: ignore[union-attr]
    assert progress.get("prep", "gateway") is None
    assert progress.state("prep", "renew") == DONE
    assert progress.appointment == Appointment(
        date(2026, 12, 31), medication="belimumab-iv", dose=3, planned_on=VISIT, previous=VISIT
    )


def test_yearly_steps_start_fresh_once_a_year_old() -> None:
    progress = Progress(appointment=Appointment(date(2027, 10, 1)))
    progress.record("prep", "renew", DONE, "2026-11-05T10:00:00+00:00")
    close_visit(progress, LISTS, date(2027, 11, 4), "2026-12-03T12:00:00+00:00")
    assert progress.state("prep", "renew") == DONE, "364 days old at the next visit: kept"
    close_visit(progress, LISTS, date(2027, 11, 5), "2026-12-03T12:00:00+00:00")
    assert progress.state("prep", "renew") == OPEN, "365 days old at the next visit: fresh"


def test_closing_without_a_next_date_leaves_no_appointment() -> None:
    progress = Progress(appointment=Appointment(VISIT, medication="other"))
    close_visit(progress, LISTS, None, "2026-12-03T12:00:00+00:00")
    assert progress.appointment is None
    with pytest.raises(UsageProblem):
        close_visit(progress, LISTS, None, "2026-12-03T12:00:00+00:00")


def test_countdown_and_due_words_across_a_daylight_saving_change() -> None:
    new_york = ZoneInfo("America/New_York")
    # Clocks go forward at 02:00 on Sunday, March 8, 2026: that day has 23 hours.
    late_saturday = datetime(2026, 3, 7, 23, 30, tzinfo=new_york)
    visit = date(2026, 3, 9)
    assert (datetime(2026, 3, 9, 9, 0, tzinfo=new_york) - late_saturday) < timedelta(
        days=1, hours=10
    )
    today = late_saturday.date()
    assert countdown(visit, today) == "in 2 days"
    day_before = Item("water", "Drink water.", when=parse_timing("day before"))
    assert due_date(day_before, Appointment(visit)) == date(2026, 3, 8)
    assert due_words(date(2026, 3, 8), today) == "Due on Sunday, March 8, 2026, tomorrow."
    # Clocks go back on Sunday, November 1, 2026: that day has 25 hours.
    assert countdown(date(2026, 11, 2), date(2026, 10, 31)) == "in 2 days"


def test_an_unknown_dose_is_taken_as_the_first_when_moving_on() -> None:
    progress = Progress(appointment=Appointment(VISIT, medication="belimumab-iv"))
    close_visit(progress, LISTS, date(2026, 12, 17), "2026-12-03T12:00:00+00:00")
    assert progress.appointment == Appointment(
        date(2026, 12, 17), medication="belimumab-iv", dose=2, planned_on=VISIT, previous=VISIT
    )
    untracked = Progress(appointment=Appointment(VISIT))
    close_visit(untracked, LISTS, date(2026, 12, 31), "2026-12-03T12:00:00+00:00")
    assert untracked.appointment == Appointment(
        date(2026, 12, 31), planned_on=VISIT, previous=VISIT
    )
