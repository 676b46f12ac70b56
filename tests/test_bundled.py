"""The checklists that ship with infuseprep: valid, editor-ready, and written in plain words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from infuseprep.catalog import bundled_dir, check_files, load_catalog
from infuseprep.catalog_files import checklist_files, glossary_files
from infuseprep.checklist import Checklist
from infuseprep.readability import grade as flesch_kincaid_grade
from infuseprep.readability import item_texts

BUNDLED_FILES = checklist_files([bundled_dir()])
SCHEMA_LINE = "# yaml-language-server: $schema=schema.json\n"
REQUIRED_IDS = {
    "consultation",
    "lab-work",
    "insurance",
    "light-meal",
    "hydration",
    "comfort-items",
    "getting-there",
    "cost-help",
    "before-you-leave",
}
MAX_GRADE = 6.0
MAX_ITEM_GRADE = 8.0
# The kinds of source a reader can look up: a US label with its section, a government page, the
# maker's patient site or its program's terms, or a national patient group. Each part of a
# source (parts are separated by ";") must start like one of these.
ALLOWED_SOURCES = tuple(
    re.compile(pattern)
    for pattern in (
        r"[A-Z]+ \([a-z]+\) US prescribing information, (?:boxed warning|sections? \d)",
        r"benlysta\.com ",
        r"saphnelo\.com ",
        r"azandmeapp\.com, AZ&Me ",
        r"gazyva\.com ",
        r"Genentech .*\((?:gene|gazyva|rituxanhycela)\.com",
        r"988lifeline\.org$",
        r"MedlinePlus ",
        r"NIAMS ",
        r"CDC ",
        r"FDA ",
        r"HHS ",
        r"NCI Dictionary of Cancer Terms \(cancer\.gov\)",
        r"Lupus Foundation of America ",
    )
)


@pytest.fixture(scope="module")
def bundled() -> list[Checklist]:
    checklists, problems = check_files(BUNDLED_FILES)
    assert problems == []
    return checklists


def test_every_bundled_file_validates(run) -> None:
    result = run("validate", str(bundled_dir()))
    assert result.exit_code == 0
    # The checklists, their translations (es/) and the glossaries.
    files = len(checklist_files([bundled_dir()], translations=True))
    files += len(glossary_files([bundled_dir()]))
    assert result.stdout == f"{files} files checked: no problems found.\n"


def test_the_article_steps_and_challenges_are_covered(bundled: list[Checklist]) -> None:
    assert {checklist.id for checklist in bundled} >= REQUIRED_IDS


@pytest.mark.parametrize("path", BUNDLED_FILES, ids=lambda path: path.name)
def test_each_file_points_editors_at_the_schema(path: Path) -> None:
    assert path.read_text(encoding="utf-8").startswith(SCHEMA_LINE)


def test_file_name_matches_checklist_id(bundled: list[Checklist]) -> None:
    assert all(checklist.path.stem == checklist.id for checklist in bundled)


def test_item_texts_read_at_sixth_grade(bundled: list[Checklist]) -> None:
    texts = [item.text for checklist in bundled for item in checklist.items]
    assert flesch_kincaid_grade(texts) <= MAX_GRADE


def test_each_item_with_its_details_reads_at_eighth_grade(bundled: list[Checklist]) -> None:
    """Text and details together, per item; the source is for checking, so it is left out."""
    grades = {
        f"{checklist.id}/{item.id}": flesch_kincaid_grade(item_texts(item))
        for checklist in bundled
        for item in checklist.items
    }
    assert {ref: grade for ref, grade in grades.items() if grade > MAX_ITEM_GRADE} == {}
    assert sum(grades.values()) / len(grades) <= MAX_GRADE


def test_facts_carry_a_source_and_decisions_go_to_the_care_team(bundled: list[Checklist]) -> None:
    items = [item for checklist in bundled for item in checklist.items]
    for item in items:
        details = item.details or ""
        if re.search(r"\b\d+ (?:minutes?|hours?|weeks?|days?)\b", details):
            assert item.source or "a good time is" in details.lower(), item.id
    mentions = sum("care team" in (item.text + (item.details or "")) for item in items)
    assert mentions >= 5
    doses = re.compile(r"\b\d+\s*(?:mg|ml|mL)\b")
    assert not any(doses.search(item.details or "") for item in items)


def test_sources_live_in_their_own_key_and_are_of_an_allowed_kind(bundled: list[Checklist]) -> None:
    sources = [checklist.source for checklist in bundled] + [
        item.source for checklist in bundled for item in checklist.items
    ]
    parts = [part.strip() for source in sources if source for part in source.split(";")]
    assert len(parts) > 20
    assert [part for part in parts if not any(kind.match(part) for kind in ALLOWED_SOURCES)] == []
    texts = [checklist.description or "" for checklist in bundled] + [
        item.details or "" for checklist in bundled for item in checklist.items
    ]
    assert [text for text in texts if "(Source:" in text] == []


def test_after_the_visit_every_step_names_911_and_the_week(bundled: list[Checklist]) -> None:
    after = [
        item
        for item in next(c for c in bundled if c.id == "before-you-leave").items
        if item.when is not None and item.when.days_before < 0
    ]
    assert len(after) >= 2
    for item in after:
        words = f"{item.text} {item.details}"
        assert "911" in words and re.search(r"\bweek\b", words), item.id
        assert item.source and "BENLYSTA" in item.source, item.id
    assert min(item.when.days_before for item in after if item.when) <= -7


RED_FLAGS = {
    "pregnancy": r"pregnant",
    "live vaccine": r"live vaccine.*30 days|30 days.*live vaccine",
    "infection in the days before": r"infection.*antibiotic",
    "mood": r"\b988\b",
    "surgery": r"surgery",
    "hepatitis B": r"hepatitis B",
}


@pytest.mark.parametrize("flag", sorted(RED_FLAGS))
def test_each_red_flag_has_a_sourced_step(bundled: list[Checklist], flag: str) -> None:
    found = [
        item
        for checklist in bundled
        for item in checklist.items
        if re.search(RED_FLAGS[flag], f"{item.text} {item.details}", re.DOTALL) and item.source
    ]
    assert found, flag


def test_red_flags_come_early_enough_to_act_on(bundled: list[Checklist]) -> None:
    items = {f"{c.id}/{item.id}": item for c in bundled for item in c.items}

    def days(ref: str) -> int:
        when = items[ref].when
        assert when is not None
        return when.days_before

    assert (
        days("consultation/ask-vaccines") >= 28
        and days("before-you-leave/tell-vaccine-plans") >= 28
    )
    assert days("before-you-leave/call-if-sick") >= 2
    assert days("before-you-leave/tell-procedure") >= 28
    hepatitis = items["lab-work/ask-hepatitis-b"]
    assert set(hepatitis.medications) == {"obinutuzumab-iv", "rituximab-iv"}
    vaccines = items["consultation/ask-vaccines"]
    assert vaccines.medications == ()
    assert all(name in (vaccines.details or "") for name in ("belimumab", "anifrolumab", "other"))


def test_each_support_program_sits_under_its_own_medicine(bundled: list[Checklist]) -> None:
    items = [item for checklist in bundled for item in checklist.items]
    for item in items:
        if "Gateway" in item.text:
            assert item.medications == ("belimumab-iv",), item.id
        if "AZ&Me" in item.text:
            assert item.medications == ("anifrolumab-iv",), item.id
        if "anifrolumab-iv" in item.medications and "belimumab-iv" not in item.medications:
            assert "benlysta.com" not in (item.source or ""), item.id
    card = next(item for item in items if item.id == "ask-copay-card")
    for program in ("Medicare", "Medicaid", "VA", "TRICARE"):
        assert program in (card.details or "")
    assert "usually" not in (card.details or "")
    assert card.medications == () and "benlysta.com" not in (card.source or "")


def test_premedication_is_something_that_may_happen(bundled: list[Checklist]) -> None:
    for checklist in bundled:
        for item in checklist.items:
            details = item.details or ""
            if "antihistamine" in details:
                assert " may " in details and " will get" not in details, item.id


REQUIRED_TERMS = {
    "IV",
    "infusion",
    "infusion center",
    "vital signs",
    "prior authorization",
    "appeal",
    "in network",
    "co-pay",
    "co-pay card",
    "live vaccine",
    "premedication",
    "antihistamine",
    "hepatitis B",
    "prescribing information",
    "care team",
}


def test_the_bundled_glossary_explains_the_words_the_steps_use(bundled: list[Checklist]) -> None:
    glossary = load_catalog().glossary
    assert {term.term for term in glossary.terms} >= REQUIRED_TERMS
    texts = [f"{item.text}\n{item.details}" for checklist in bundled for item in checklist.items]
    unused = {term.term for term in glossary.terms} - {
        term.term for term in glossary.used_in(texts)
    }
    assert unused <= {"prescribing information"}, "a term no bundled step uses"
    for term in glossary.terms:
        assert flesch_kincaid_grade([term.means]) <= MAX_ITEM_GRADE, term.term
        for part in (term.source or "").split(";"):
            if part.strip():
                assert any(kind.match(part.strip()) for kind in ALLOWED_SOURCES), term.term
