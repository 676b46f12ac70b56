"""The checklist model: what a checklist and its steps are, whichever file they came from.

Reading a file and reporting its problems is ``validation``'s job, so commands that use the
cached catalog never load the YAML machinery.
"""

from __future__ import annotations

import re
from itertools import chain
from pathlib import Path
from typing import Any, NamedTuple

from infuseprep.i18n import DEFAULT, LANGUAGES
from infuseprep.timing import Timing, parse_timing

ID_PATTERN = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?")
SCOPES = ("once", "every visit", "yearly")
DEFAULT_SCOPE = "every visit"
DEFAULT_ORDER = 100
MIN_ORDER, MAX_ORDER = -1000, 1000

CHECKLIST_KEYS = ("id", "title", "description", "source", "order", "scope", "items")
CHECKLIST_REQUIRED = ("id", "title", "items")
ITEM_KEYS = ("id", "text", "details", "source", "when", "scope", "medications")
ITEM_REQUIRED = ("id", "text")
FREE_TEXT_KEYS = ("title", "description", "text", "details", "source")
# A translation carries only words; everything else comes from the English checklist.
TRANSLATION_KEYS = ("id", "title", "description", "source", "items")
TRANSLATION_REQUIRED = ("id", "title", "items")
TRANSLATED_ITEM_KEYS = ("id", "text", "details", "source")
TRANSLATED_ITEM_REQUIRED = ("id", "text")
# The folder beside the checklists that holds each language's translations ("es/").
TRANSLATION_FOLDERS = tuple(code for code in LANGUAGES if code != DEFAULT)
# The shape of the cached catalog (``checklist_document``, the glossary): part of the catalog
# cache key, so that a change rebuilds it.
DOCUMENT_FORMAT = 6


class Item(NamedTuple):
    id: str
    text: str
    details: str | None = None
    when: Timing | None = None
    scope: str = DEFAULT_SCOPE
    medications: tuple[str, ...] = ()
    source: str | None = None


class Checklist(NamedTuple):
    id: str
    title: str
    items: tuple[Item, ...]
    description: str | None = None
    source: str | None = None
    order: int = DEFAULT_ORDER
    scope: str = DEFAULT_SCOPE
    # Where it was read, for messages.
    path: Path = Path()
    id_line: int = 1


class ItemWords(NamedTuple):
    """A step's words in another language; ``None`` details or source mean the English ones."""

    id: str
    text: str
    details: str | None = None
    source: str | None = None


class Translation(NamedTuple):
    """A checklist's words in another language, read from ``es/<file>.yaml`` beside it."""

    id: str
    title: str
    items: tuple[ItemWords, ...]
    description: str | None = None
    source: str | None = None
    path: Path = Path()


def translated(checklist: Checklist, translation: Translation) -> Checklist:
    """``checklist`` with the translation's words: ids, order, scope, timing and medications
    stay the English file's. A source the translation leaves out is the English one."""
    words = {item.id: item for item in translation.items}
    items = []
    for item in checklist.items:
        found = words.get(item.id)
        if found is None:
            items.append(item)
            continue
        details = found.details if found.details is not None else item.details
        source = found.source if found.source is not None else item.source
        items.append(item._replace(text=found.text, details=details, source=source))
    return Checklist(
        id=checklist.id,
        title=translation.title,
        items=tuple(items),
        description=(
            translation.description
            if translation.description is not None
            else checklist.description
        ),
        source=translation.source if translation.source is not None else checklist.source,
        order=checklist.order,
        scope=checklist.scope,
        path=checklist.path,
        id_line=checklist.id_line,
    )


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
        # The steps by column, one list per field of Item: a catalog of thousands of steps is
        # read back and checked a column at a time, several times faster than step by step.
        "items": {
            "id": [item.id for item in checklist.items],
            "text": [item.text for item in checklist.items],
            "details": [item.details for item in checklist.items],
            "when": [None if item.when is None else item.when.words for item in checklist.items],
            "scope": [item.scope for item in checklist.items],
            "medications": [list(item.medications) for item in checklist.items],
            "source": [item.source for item in checklist.items],
        },
    }


def checklist_from(document: object) -> Checklist:
    """Rebuild a cached checklist, checking every field's type: ``TypeError`` when one is wrong."""
    fields = _group(document)
    order = _whole(fields["order"])
    if not MIN_ORDER <= order <= MAX_ORDER:
        raise TypeError("order")
    return Checklist(
        id=_text(fields["id"]),
        title=_text(fields["title"]),
        description=_optional_text(fields["description"]),
        source=_optional_text(fields["source"]),
        order=order,
        scope=_text(fields["scope"]),
        path=Path(_text(fields["path"])),
        id_line=_whole(fields["id_line"]),
        items=_items_from(_group(fields["items"])),
    )


_TEXT: frozenset[type] = frozenset({str})
_OPTIONAL_TEXT: frozenset[type] = frozenset({str, type(None)})


def _column(columns: dict[str, Any], name: str, types: frozenset[type], length: int) -> list[Any]:
    """One field of every step: a list of ``length`` values, each of one of ``types``."""
    column = columns[name]
    if type(column) is not list or len(column) != length or not set(map(type, column)) <= types:
        raise TypeError(name)
    return column


def _items_from(columns: dict[str, Any]) -> tuple[Item, ...]:
    first = columns["id"]
    count = len(first) if type(first) is list else -1
    ids = _column(columns, "id", _TEXT, count)
    texts = _column(columns, "text", _TEXT, count)
    details = _column(columns, "details", _OPTIONAL_TEXT, count)
    whens = _column(columns, "when", _OPTIONAL_TEXT, count)
    scopes = _column(columns, "scope", _TEXT, count)
    sources = _column(columns, "source", _OPTIONAL_TEXT, count)
    medications = _column(columns, "medications", frozenset({list}), count)
    if not set(map(type, chain.from_iterable(medications))) <= _TEXT:
        raise TypeError("medications")
    timings = [None if when is None else parse_timing(when) for when in whens]
    rows = zip(ids, texts, details, timings, scopes, map(tuple, medications), sources, strict=True)
    return tuple(map(Item._make, rows))


def _group(value: object) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise TypeError("group")
    return value


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("text")
    return value


def _optional_text(value: object) -> str | None:
    return None if value is None else _text(value)


def _whole(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError("number")
    return value
