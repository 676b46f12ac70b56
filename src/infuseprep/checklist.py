"""The checklist model: what a checklist and its steps are, whichever file they came from.

Reading a file and reporting its problems is ``validation``'s job, so commands that use the
cached catalog never load the YAML machinery.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from infuseprep.timing import Timing, parse_timing

ID_PATTERN = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?")
SCOPES = ("once", "every visit", "yearly")
DEFAULT_SCOPE = "every visit"
DEFAULT_ORDER = 100

CHECKLIST_KEYS = ("id", "title", "description", "source", "order", "scope", "items")
CHECKLIST_REQUIRED = ("id", "title", "items")
ITEM_KEYS = ("id", "text", "details", "source", "when", "scope", "medications")
ITEM_REQUIRED = ("id", "text")
FREE_TEXT_KEYS = ("title", "description", "text", "details", "source")
# The shape of the cached catalog (``checklist_document``, the glossary): part of the catalog
# cache key, so that a change rebuilds it.
DOCUMENT_FORMAT = 3


class Item(NamedTuple):
    id: str
    text: str
    details: str | None = None
    when: Timing | None = None
    scope: str = DEFAULT_SCOPE
    medications: tuple[str, ...] = ()
    source: str | None = None


@dataclass(frozen=True)
class Checklist:
    id: str
    title: str
    items: tuple[Item, ...]
    description: str | None = None
    source: str | None = None
    order: int = DEFAULT_ORDER
    scope: str = DEFAULT_SCOPE
    path: Path = field(default=Path(), compare=False)
    id_line: int = field(default=1, compare=False)


def checklist_document(checklist: Checklist) -> dict[str, Any]:
    """A checklist as plain JSON values, for the catalog cache; ``checklist_from`` reverses it."""
    return {
        "id": checklist.id,
        "title": checklist.title,
        "description": checklist.description,
        "source": checklist.source,
        "order": checklist.order,
        "scope": checklist.scope,
        "path": str(checklist.path),
        "id_line": checklist.id_line,
        "items": [
            {
                "id": item.id,
                "text": item.text,
                "details": item.details,
                "source": item.source,
                "when": None if item.when is None else item.when.words,
                "scope": item.scope,
                "medications": list(item.medications),
            }
            for item in checklist.items
        ],
    }


def checklist_from(document: dict[str, Any]) -> Checklist:
    return Checklist(
        id=document["id"],
        title=document["title"],
        description=document["description"],
        source=document["source"],
        order=document["order"],
        scope=document["scope"],
        path=Path(document["path"]),
        id_line=document["id_line"],
        items=tuple(
            Item(
                id=item["id"],
                text=item["text"],
                details=item["details"],
                when=None if item["when"] is None else parse_timing(item["when"]),
                scope=item["scope"],
                medications=tuple(item["medications"]),
                source=item["source"],
            )
            for item in document["items"]
        ),
    )
