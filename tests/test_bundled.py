"""The checklists that ship with infuseprep: valid, editor-ready, and written in plain words."""

from __future__ import annotations

import re
from pathlib import Path

import pyphen
import pytest

from infuseprep.catalog import bundled_dir, check_files, checklist_files
from infuseprep.checklist import Checklist

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
_DICTIONARY = pyphen.Pyphen(lang="en_US")


def syllables(word: str) -> int:
    return max(1, len(_DICTIONARY.positions(word)) + 1)


def flesch_kincaid_grade(texts: list[str]) -> float:
    """Flesch-Kincaid grade level: 0.39 words/sentence + 11.8 syllables/word - 15.59."""
    words = [word for text in texts for word in re.findall(r"[A-Za-z']+", text)]
    sentences = sum(max(1, len(re.findall(r"[.!?]+", text))) for text in texts)
    syllable_count = sum(syllables(word) for word in words)
    return 0.39 * len(words) / sentences + 11.8 * syllable_count / len(words) - 15.59


@pytest.fixture(scope="module")
def bundled() -> list[Checklist]:
    checklists, problems = check_files(BUNDLED_FILES)
    assert problems == []
    return checklists


def test_every_bundled_file_validates(run) -> None:
    result = run("validate", str(bundled_dir()))
    assert result.exit_code == 0
    assert result.stdout == f"{len(BUNDLED_FILES)} files checked: no problems found.\n"


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


def test_grade_formula_on_known_sentences() -> None:
    assert flesch_kincaid_grade(["The cat sat on the mat."]) == pytest.approx(-1.45, abs=0.01)
    assert flesch_kincaid_grade(["Ensure adequate hydration prior to administration."]) > 12


def test_facts_carry_a_source_and_decisions_go_to_the_care_team(bundled: list[Checklist]) -> None:
    details = [item.details or "" for checklist in bundled for item in checklist.items]
    for text in details:
        if re.search(r"\b\d+ (?:minutes?|hours?|weeks?|days?)\b", text):
            assert "(Source:" in text, text
    mentions = sum(
        "care team" in (item.text + (item.details or "")) for c in bundled for item in c.items
    )
    assert mentions >= 5
    doses = re.compile(r"\b\d+\s*(?:mg|ml|mL)\b")
    assert not any(doses.search(text) for text in details)
