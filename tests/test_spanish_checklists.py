"""The bundled checklists in US Spanish: the same steps as the English files, in plain words.

Each file in ``checklists/es/`` carries only words (title, description, text, details, source);
everything else (when, scope, order, medications) comes from the English file of the same name.
The files are read here with ``infuseprep.yamlsafe`` alone, so these checks do not depend on the
loader that merges a translation into its checklist.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import textstat

from infuseprep import yamlsafe
from infuseprep.catalog import bundled_dir, check_glossaries
from infuseprep.catalog_files import checklist_files
from infuseprep.glossary import GLOSSARY_FILE_NAMES

ENGLISH_FILES = checklist_files([bundled_dir()])
SPANISH_DIR = bundled_dir() / "es"
SCHEMA_LINE = "# yaml-language-server: $schema=../translation.schema.json\n"
CHECKLIST_KEYS = {"id", "title", "description", "source", "items"}
ITEM_KEYS = {"id", "text", "details", "source"}
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
NUMBER = re.compile(r"\d+")

# Reading ease of one step (text and details read as one passage), with textstat's Spanish
# formulas. Fernández-Huerta: 70-80 "fairly easy", 80-90 "easy". Szigriszt-Pazos (INFLESZ):
# 55-65 "normal", above 65 "fairly easy"; it is a second opinion, so its floor is lower.
MIN_ITEM_EASE = 70.0
MIN_AVERAGE_EASE = 80.0
MIN_ITEM_INFLESZ = 55.0
MIN_AVERAGE_INFLESZ = 65.0

# The kinds of source a Spanish step may cite: the English kinds (US labels keep their English
# names) and the Spanish pages that were checked.
SOURCE_KINDS = tuple(
    re.compile(pattern)
    for pattern in (
        r"[A-Z]+ \([a-z]+\) US prescribing information, (?:boxed warning|sections? \d)",
        r"benlysta\.com ",
        r"988lifeline\.org$",
        r"MedlinePlus en español, ",
        r"ACR \(rheumatology\.org\), hoja para pacientes en español ",
        r"Washington State Department of Health, ",
        r"NCI Dictionary of Cancer Terms \(cancer\.gov\)",
    )
)


def read(path: Path) -> Any:
    return yamlsafe.to_python(yamlsafe.parse(yamlsafe.read_text(path)))


def spanish_path(english: Path) -> Path:
    return SPANISH_DIR / english.name


def pairs() -> Iterator[tuple[str, dict[str, Any], dict[str, Any]]]:
    """Each English item with its Spanish item, matched by position, as "checklist/item"."""
    for english_path in ENGLISH_FILES:
        english, spanish = read(english_path), read(spanish_path(english_path))
        for english_item, spanish_item in zip(english["items"], spanish["items"], strict=True):
            yield f"{english['id']}/{english_item['id']}", english_item, spanish_item


def words(item: dict[str, Any]) -> str:
    """What a person reads for one step: its text and its details (not the source)."""
    return " ".join(part for part in (item["text"], item.get("details")) if part)


def source_parts(source: str | None) -> list[str]:
    return [" ".join(part.split()) for part in (source or "").split(";") if part.strip()]


@contextmanager
def spanish_textstat() -> Iterator[None]:
    """textstat's language is global state: Spanish inside, English again afterwards."""
    textstat.set_lang("es")
    try:
        yield
    finally:
        textstat.set_lang("en_US")


def test_every_english_checklist_has_a_spanish_file_and_nothing_else_is_there() -> None:
    assert len(ENGLISH_FILES) >= 9
    expected = {path.name for path in ENGLISH_FILES} | {"glossary.yaml"}
    assert {path.name for path in SPANISH_DIR.iterdir()} == expected


@pytest.mark.parametrize("english_path", ENGLISH_FILES, ids=lambda path: path.name)
def test_spanish_file_has_the_same_steps_in_the_same_order(english_path: Path) -> None:
    path = spanish_path(english_path)
    assert path.read_text(encoding="utf-8").startswith(SCHEMA_LINE)
    english, spanish = read(english_path), read(path)
    assert set(spanish) <= CHECKLIST_KEYS
    assert spanish["id"] == english["id"]
    assert spanish["title"].strip()
    assert ("description" in spanish) == ("description" in english)
    assert [item["id"] for item in spanish["items"]] == [item["id"] for item in english["items"]]
    for english_item, item in zip(english["items"], spanish["items"], strict=True):
        assert set(item) <= ITEM_KEYS, item["id"]
        assert item["text"].strip(), item["id"]
        assert ("details" in item) == ("details" in english_item), item["id"]


def test_placeholders_numbers_and_medicine_names_survive_translation() -> None:
    for ref, english, spanish in pairs():
        assert Counter(PLACEHOLDER.findall(words(spanish))) == Counter(
            PLACEHOLDER.findall(words(english))
        ), ref
        # Phone numbers, 911 and 988, days, weeks and doses are facts: none may be lost.
        assert not Counter(NUMBER.findall(words(english))) - Counter(
            NUMBER.findall(words(spanish))
        ), ref
        # Medicines go by their US label names: brand first, then the generic name.
        for generic, brand in (("belimumab", "Benlysta"), ("anifrolumab", "Saphnelo")):
            if generic in words(english):
                assert f"{brand} ({generic})" in words(spanish), ref
    for english_path in ENGLISH_FILES:
        english, spanish = read(english_path), read(spanish_path(english_path))
        for key in ("title", "description"):
            assert PLACEHOLDER.findall(spanish.get(key) or "") == PLACEHOLDER.findall(
                english.get(key) or ""
            ), f"{english['id']} {key}"


def test_a_spanish_source_is_checkable_and_keeps_every_english_one() -> None:
    """A Spanish source is shown instead of the English one, so it must not drop a label."""
    cited = 0
    for ref, english, spanish in pairs():
        if "source" not in spanish:
            continue
        cited += 1
        parts = source_parts(spanish["source"])
        assert [part for part in parts if not any(kind.match(part) for kind in SOURCE_KINDS)] == []
        # ... and adds what a Spanish reader can check: a page in Spanish, or the Spanish line.
        assert set(source_parts(english.get("source"))) < set(parts), ref
    assert cited >= 5


def test_timings_in_the_details_carry_a_source_or_say_they_are_a_suggestion() -> None:
    timing = re.compile(r"\b\d+ (?:minutos?|horas?|semanas?|días?)\b")
    for ref, english, spanish in pairs():
        if timing.search(spanish.get("details") or ""):
            sourced = "source" in spanish or "source" in english
            assert sourced or "buen momento" in spanish["details"].lower(), ref


def test_each_step_reads_easily_in_spanish() -> None:
    with spanish_textstat():
        ease = {ref: textstat.fernandez_huerta(words(item)) for ref, _, item in pairs()}
        inflesz = {ref: textstat.szigriszt_pazos(words(item)) for ref, _, item in pairs()}
    assert {ref: score for ref, score in ease.items() if score < MIN_ITEM_EASE} == {}
    assert sum(ease.values()) / len(ease) >= MIN_AVERAGE_EASE
    assert {ref: score for ref, score in inflesz.items() if score < MIN_ITEM_INFLESZ} == {}
    assert sum(inflesz.values()) / len(inflesz) >= MIN_AVERAGE_INFLESZ


SPANISH_GLOSSARY = SPANISH_DIR / GLOSSARY_FILE_NAMES[0]


def test_the_spanish_glossary_is_valid_and_has_every_english_term() -> None:
    assert SPANISH_GLOSSARY.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../glossary.schema.json\n"
    )
    spanish, problems = check_glossaries([SPANISH_GLOSSARY])
    assert problems == []
    english, _ = check_glossaries([bundled_dir() / GLOSSARY_FILE_NAMES[0]])
    assert len(spanish.terms) == len(english.terms)


def test_each_spanish_glossary_term_is_used_by_a_spanish_step() -> None:
    glossary, _ = check_glossaries([SPANISH_GLOSSARY])
    texts = [words(item) for _, _, item in pairs()]
    used = {term.term for term in glossary.used_in(texts)}
    assert [term.term for term in glossary.terms if term.term not in used] == []
    with spanish_textstat():
        hard = {
            term.term: textstat.fernandez_huerta(term.means)
            for term in glossary.terms
            if textstat.fernandez_huerta(term.means) < MIN_ITEM_EASE - 10
        }
    assert hard == {}
