"""HL7 FHIR R4 Questionnaire and QuestionnaireResponse documents, for a clinic's own systems.

FHIR R4 (4.0.1) is what Epic and Cerner take; the documents use only elements that R4 and R4B
share, and the tests check them with fhir.resources' R4B models. A checklist is a Questionnaire:
a date item for the visit, then one ``choice`` item per step with the three answers, its
details as help text (a ``display`` child with the SDC item-control "help") and a ``string``
child for the note. A person's answers are a QuestionnaireResponse per checklist. Nothing
identifies the person beyond what they typed in their notes.

Texts (questions, answer displays, help) and the resource's ``language`` follow the language of
the run; codes, ids and linkIds stay the same in every language, so answers read back alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from infuseprep import __version__
from infuseprep.checklist import Checklist, Item
from infuseprep.i18n import N_, _, current
from infuseprep.progress import DONE, OPEN, SKIPPED
from infuseprep.summary import ChecklistStatus

ANSWER_SYSTEM = "urn:infuseprep:answer"
# Each answer's code stays as it is; its display follows the language in use.
ANSWERS = {DONE: N_("Done"), OPEN: N_("Not yet"), SKIPPED: N_("Does not apply")}
ITEM_CONTROL = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl"
ITEM_CONTROL_SYSTEM = "http://hl7.org/fhir/questionnaire-item-control"
VISIT_DATE = "visit-date"


def questionnaire_url(checklist: Checklist) -> str:
    return f"urn:infuseprep:checklist:{checklist.id}"


def questionnaire(checklist: Checklist) -> dict[str, Any]:
    document: dict[str, Any] = {
        "resourceType": "Questionnaire",
        "id": checklist.id,
        "language": current(),
        "url": questionnaire_url(checklist),
        "version": __version__,
        "name": "".join(part.capitalize() for part in checklist.id.split("-")),
        "title": checklist.title,
        "status": "active",
        "subjectType": ["Patient"],
        "item": [
            {
                "linkId": VISIT_DATE,
                "text": _("Date of the infusion visit"),
                "type": "date",
            },
            *(_question(item) for item in checklist.items),
        ],
    }
    if checklist.description:
        document["description"] = checklist.description
    return document


def _question(item: Item) -> dict[str, Any]:
    children: list[dict[str, Any]] = []
    help_text = " ".join(
        part
        for part in (
            item.details,
            _("When: {when}.").format(when=item.when.shown()) if item.when else None,
        )
        if part
    )
    if help_text:
        children.append(
            {
                "linkId": f"{item.id}.help",
                "text": help_text,
                "type": "display",
                "extension": [
                    {
                        "url": ITEM_CONTROL,
                        "valueCodeableConcept": {
                            "coding": [
                                {"system": ITEM_CONTROL_SYSTEM, "code": "help", "display": "Help"}
                            ]
                        },
                    }
                ],
            }
        )
    children.append({"linkId": f"{item.id}.note", "text": _("Note"), "type": "string"})
    return {
        "linkId": item.id,
        "text": item.text,
        "type": "choice",
        "answerOption": [
            {"valueCoding": {"system": ANSWER_SYSTEM, "code": code, "display": _(words)}}
            for code, words in ANSWERS.items()
        ],
        "item": children,
    }


def bundle(resources: Sequence[dict[str, Any]], stamp: datetime) -> dict[str, Any]:
    """Several documents as one JSON file: a Bundle of type "collection"."""
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": stamp.isoformat(timespec="seconds"),
        "entry": [{"resource": resource} for resource in resources],
    }


def response(status: ChecklistStatus, visit: date | None, now: datetime) -> dict[str, Any]:
    """The person's answers to one checklist: "completed" once no step is left open.

    Steps never answered are left out; "authored" is when an answer last changed.
    """
    items: list[dict[str, Any]] = []
    if visit is not None:
        items.append(
            {
                "linkId": VISIT_DATE,
                "text": _("Date of the infusion visit"),
                "answer": [{"valueDate": visit.isoformat()}],
            }
        )
    for step in status.steps:
        if step.answer is None:
            continue
        answer: dict[str, Any] = {
            "valueCoding": {
                "system": ANSWER_SYSTEM,
                "code": step.state,
                "display": _(ANSWERS[step.state]),
            }
        }
        if step.note:
            answer["item"] = [
                {
                    "linkId": f"{step.item.id}.note",
                    "text": _("Note"),
                    "answer": [{"valueString": step.note}],
                }
            ]
        items.append({"linkId": step.item.id, "text": step.item.text, "answer": [answer]})
    finished = all(step.state != OPEN for step in status.steps)
    return {
        "resourceType": "QuestionnaireResponse",
        "id": status.checklist.id,
        "language": current(),
        "questionnaire": questionnaire_url(status.checklist),
        "status": "completed" if finished else "in-progress",
        "authored": _last_change(status, now).isoformat(timespec="seconds"),
        "item": items,
    }


def _last_change(status: ChecklistStatus, now: datetime) -> datetime:
    times = [
        datetime.fromisoformat(step.answer.answered_at)
        for step in status.steps
        if step.answer is not None and step.answer.answered_at is not None
    ]
    return max(times, default=now)
