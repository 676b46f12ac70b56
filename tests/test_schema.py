"""checklists/schema.json and the loader agree on what a valid checklist is."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from infuseprep.catalog import bundled_dir, schema_path
from infuseprep.catalog_files import checklist_files
from infuseprep.checklist import (
    CHECKLIST_KEYS,
    CHECKLIST_REQUIRED,
    ITEM_KEYS,
    ITEM_REQUIRED,
    SCOPES,
)
from infuseprep.medications import medications
from infuseprep.timing import parse_timing
from infuseprep.validation import load_checklist_file

SCHEMA = json.loads(schema_path().read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft7Validator(SCHEMA)
ITEM_SCHEMA = SCHEMA["definitions"]["item"]


def loader_accepts(document: object, tmp_path: Path) -> bool:
    path = tmp_path / "sample.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    checklist, _ = load_checklist_file(path)
    return checklist is not None


def sample(**changes: object) -> dict[str, object]:
    document: dict[str, object] = {
        "id": "ride",
        "title": "Get a ride",
        "items": [{"id": "ask", "text": "Ask a friend to drive you."}],
    }
    document.update(changes)
    return document


def with_item(**changes: object) -> dict[str, object]:
    item: dict[str, object] = {"id": "ask", "text": "Ask a friend to drive you."}
    item.update(changes)
    return sample(items=[item])


def test_schema_is_valid_draft_07() -> None:
    jsonschema.Draft7Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "http://json-schema.org/draft-07/schema#"


def test_schema_names_the_same_keys_as_the_loader() -> None:
    assert tuple(SCHEMA["properties"]) == CHECKLIST_KEYS
    assert tuple(SCHEMA["required"]) == CHECKLIST_REQUIRED
    assert tuple(ITEM_SCHEMA["properties"]) == ITEM_KEYS
    assert tuple(ITEM_SCHEMA["required"]) == ITEM_REQUIRED
    assert tuple(SCHEMA["definitions"]["scope"]["enum"]) == SCOPES
    medication_ids = ITEM_SCHEMA["properties"]["medications"]["items"]["enum"]
    assert medication_ids == list(medications())


def test_every_key_is_described_for_editors() -> None:
    for properties in (SCHEMA["properties"], ITEM_SCHEMA["properties"]):
        for name, rule in properties.items():
            target = (
                SCHEMA["definitions"][rule["$ref"].rsplit("/", 1)[-1]] if "$ref" in rule else rule
            )
            assert rule.get("description") or target.get("description"), name
            assert "type" in target, name


@pytest.mark.parametrize("path", checklist_files([bundled_dir()]), ids=lambda path: path.name)
def test_bundled_files_match_the_schema(path: Path) -> None:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert list(VALIDATOR.iter_errors(document)) == []


AGREEMENT = {
    "valid": (True, sample()),
    "valid-all-keys": (
        True,
        sample(
            description="Why.",
            order=5,
            scope="once",
            items=[
                {
                    "id": "a-1",
                    "text": "Go.",
                    "details": "More.",
                    "when": "3 days before",
                    "scope": "yearly",
                    "medications": ["belimumab-iv"],
                }
            ],
        ),
    ),
    "missing-title": (False, {"id": "ride", "items": sample()["items"]}),
    "missing-items": (False, {"id": "ride", "title": "Ride"}),
    "empty-items": (False, sample(items=[])),
    "unknown-key": (False, sample(titel="Ride")),
    "title-number": (False, sample(title=7)),
    "blank-title": (False, sample(title="  ")),
    "bad-id": (False, sample(id="Ride Home")),
    "id-trailing-hyphen": (False, sample(id="ride-")),
    "order-text": (False, sample(order="first")),
    "order-float": (False, sample(order=1.5)),
    "bad-scope": (False, sample(scope="weekly")),
    "item-unknown-key": (False, with_item(txet="Go.")),
    "item-missing-text": (False, sample(items=[{"id": "a"}])),
    "item-not-mapping": (False, sample(items=["Go."])),
    "bad-when": (False, with_item(when="soonish")),
    "medications-text": (False, with_item(medications="belimumab-iv")),
    "medications-empty": (False, with_item(medications=[])),
    "medication-bad-id": (False, with_item(medications=["Belimumab IV"])),
    "medication-unknown": (False, with_item(medications=["tocilizumab-iv"])),
}


@pytest.mark.parametrize("name", sorted(AGREEMENT))
def test_schema_and_loader_agree(name: str, tmp_path: Path) -> None:
    expected, document = AGREEMENT[name]
    assert VALIDATOR.is_valid(document) is expected
    assert loader_accepts(document, tmp_path) is expected


@pytest.mark.parametrize(
    "words",
    [f"{n} day{'s' if n > 1 else ''} before" for n in (1, 2, 9, 10, 99, 100, 299, 365)]
    + [f"{n} week{'s' if n > 1 else ''} before" for n in (1, 4, 10, 49, 52)]
    + [f"{n} day{'s' if n > 1 else ''} after" for n in (1, 2, 7, 9, 10, 14)]
    + ["day before", "evening before", "morning of", "at the visit", "day after"],
)
def test_every_timing_form_is_accepted_by_both(words: str) -> None:
    assert parse_timing(words).words == words
    assert VALIDATOR.is_valid(with_item(when=words))


@pytest.mark.parametrize(
    "words",
    [
        "0 days before",
        "366 days before",
        "53 weeks before",
        "0 days after",
        "15 days after",
        "100 days after",
        "1 week after",
        "tomorrow",
        "Morning Of",
        "2  days before",
        "07 days before",
        " day before",
    ],
)
def test_out_of_range_timing_is_refused_by_both(words: str, tmp_path: Path) -> None:
    assert not VALIDATOR.is_valid(with_item(when=words))
    assert not loader_accepts(with_item(when=words), tmp_path)


GLOSSARY_SCHEMA = json.loads((bundled_dir() / "glossary.schema.json").read_text(encoding="utf-8"))


def test_the_glossary_schema_names_the_loaders_keys_and_fits_the_bundled_glossary() -> None:
    from infuseprep.glossary import MAX_MEANING, TERM_KEYS, TERM_REQUIRED

    jsonschema.Draft7Validator.check_schema(GLOSSARY_SCHEMA)
    term = GLOSSARY_SCHEMA["items"]
    assert tuple(term["properties"]) == TERM_KEYS
    assert tuple(term["required"]) == TERM_REQUIRED
    assert term["properties"]["means"]["maxLength"] == MAX_MEANING
    path = bundled_dir() / "glossary.yaml"
    assert path.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=glossary.schema.json\n"
    )
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert list(jsonschema.Draft7Validator(GLOSSARY_SCHEMA).iter_errors(document)) == []
