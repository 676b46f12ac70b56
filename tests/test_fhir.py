"""FHIR export: documents that fhir.resources' R4B models accept, and answers that read back."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def pinned_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("infuseprep.clock.now", lambda: NOW)


def export(run, *args: str) -> dict:  # type: ignore[no-untyped-def,type-arg]
    result = run("export", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_one_checklist_is_a_valid_questionnaire(run) -> None:
    document = export(run, "--fhir", "questionnaire", "light-meal")
    parsed = Questionnaire.model_validate(document)
    assert parsed.url == "urn:infuseprep:checklist:light-meal"
    assert parsed.status == "active"
    link_ids = [item.linkId for item in parsed.item]
    assert link_ids[0] == "visit-date"
    assert "pack-snack" in link_ids
    snack = parsed.item[link_ids.index("pack-snack")]
    assert snack.type == "choice"
    assert [option.valueCoding.code for option in snack.answerOption] == [
        "done",
        "open",
        "skipped",
    ]
    help_item = snack.item[0]
    assert help_item.type == "display"
    assert help_item.extension[0].valueCodeableConcept.coding[0].code == "help"
    assert "When: evening before." in help_item.text


def test_every_checklist_is_a_bundle_of_questionnaires(run) -> None:
    parsed = Bundle.model_validate(export(run, "--fhir", "questionnaire"))
    assert parsed.type == "collection"
    ids = [entry.resource.id for entry in parsed.entry]
    assert "consultation" in ids and "light-meal" in ids
    for entry in parsed.entry:
        Questionnaire.model_validate(entry.resource.model_dump())


def test_a_response_round_trips_the_answers_and_notes(run, tmp_path: Path) -> None:
    run("appointment", "set", "2026-12-03", "--medication", "belimumab-iv")
    run("check", "light-meal/pack-snack", "--note", "center said yes — café ok")
    run("skip", "light-meal/have-food-ready")
    run("uncheck", "light-meal/eat-light-meal")
    out = tmp_path / "answers.json"
    assert run("export", "--fhir", "response", "light-meal", "-o", str(out)).exit_code == 0
    parsed = QuestionnaireResponse.model_validate_json(out.read_text(encoding="utf-8"))
    assert parsed.status == "in-progress"
    assert parsed.questionnaire == "urn:infuseprep:checklist:light-meal"
    read_back = {}
    for item in parsed.item:
        answer = item.answer[0]
        if item.linkId == "visit-date":
            read_back[item.linkId] = answer.valueDate.isoformat()
            continue
        note = answer.item[0].answer[0].valueString if answer.item else None
        read_back[item.linkId] = (answer.valueCoding.code, note)
    assert read_back == {
        "visit-date": "2026-12-03",
        "pack-snack": ("done", "center said yes — café ok"),
        "have-food-ready": ("skipped", None),
        "eat-light-meal": ("open", None),
    }


def test_a_finished_checklist_is_completed(run) -> None:
    for step in ("ask-about-eating", "have-food-ready", "pack-snack", "eat-light-meal"):
        run("check", f"light-meal/{step}")
    parsed = QuestionnaireResponse.model_validate(export(run, "--fhir", "response", "light-meal"))
    assert parsed.status == "completed"
    assert parsed.subject is None and parsed.author is None


def test_an_unknown_kind_is_a_usage_error(run) -> None:
    result = run("export", "--fhir", "patient")
    assert result.exit_code == 2
    assert result.stderr == (
        '"patient" is not something infuseprep exports; use --fhir questionnaire or '
        "--fhir response.\n"
    )
