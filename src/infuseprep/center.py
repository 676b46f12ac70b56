"""The infusion center's card: name, phones, address, parking, check-in and web page.

A clinic folder may hold ``center.yaml``; a person can also type their center's details. The card
is shown where a patient looks when something goes wrong (status, printouts, the calendar), and
checklist text can use its phones through placeholders such as ``{center.phone}``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping as MappingType
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from infuseprep.i18n import N_, _

FILE_NAME = "center.yaml"
CENTER_KEYS = ("name", "phone", "after_hours", "address", "parking", "check_in", "web")
CENTER_REQUIRED = ("name", "phone")
PHONE_KEYS = ("phone", "after_hours")
PLACEHOLDER = re.compile(r"\{(?P<name>[^{}]*)\}")
_PHONE = re.compile(r"\+?[\d\s().-]+?(?:\s*(?:x|ext\.?|extension)\s*\d{1,6})?", re.IGNORECASE)
_WEB = re.compile(r"https://[^\s/$.?#][^\s]*", re.IGNORECASE)


class Center(NamedTuple):
    name: str
    phone: str
    after_hours: str | None = None
    address: str | None = None
    parking: str | None = None
    check_in: str | None = None
    web: str | None = None

    def placeholders(self) -> dict[str, str]:
        """What ``{center.KEY}`` in checklist text becomes."""
        values = {f"center.{key}": value for key, value in self._asdict().items() if value}
        values.setdefault("center.after_hours", self.phone)
        return values


# Placeholders a checklist may use; without a center card, or a line of it, each reads as
# plain words.
FALLBACK = {
    # TRANSLATORS: these words stand in a sentence for a phone number or place when no center
    # card gives one: "Call {center.phone}" becomes "Call the number they gave you". Spanish
    # steps write "llame al {center.phone}", so the Spanish words follow "al" ("número ...").
    "center.name": N_("your infusion center"),
    "center.phone": N_("the number they gave you"),
    "center.after_hours": N_("your care team's after-hours number"),
    "center.address": N_("the address they gave you"),
    "center.parking": N_("where your center asks you to park"),
    "center.check_in": N_("the desk your center names"),
    "center.web": N_("your center's web page"),
}


def phone_problem(text: str) -> str | None:
    """Why ``text`` is not a phone number a person can dial, or ``None`` when it is one."""
    digits = re.sub(r"(?i)(x|ext\.?|extension)\s*\d+$", "", text)
    count = sum(character.isdigit() for character in digits)
    if not _PHONE.fullmatch(text.strip()) or not 10 <= count <= 15:
        return _(
            '"{text}" is not a phone number; write it like 555-123-4567 or +1 555 123 4567'
        ).format(text=text)
    return None


def web_problem(text: str) -> str | None:
    if not _WEB.fullmatch(text.strip()):
        return _('"{text}" is not a web address; write it in full, starting with https://').format(
            text=text
        )
    return None


def fill(text: str, center: Center | None) -> str:
    """Checklist text with ``{center.phone}`` and friends filled in."""
    if "{" not in text:  # most steps have none: the long lists of a clinic stay quick
        return text
    fallback = {name: _(words) for name, words in FALLBACK.items()}
    values = {**fallback, **(center.placeholders() if center else {})}
    return PLACEHOLDER.sub(lambda found: values.get(found["name"], found[0]), text)


def unknown_placeholders(text: str) -> list[str]:
    """Placeholders in ``text`` that no center card can fill, for ``validate``."""
    known = {f"center.{key}" for key in CENTER_KEYS}
    return [found["name"] for found in PLACEHOLDER.finditer(text) if found["name"] not in known]


def center_document(center: Center) -> dict[str, Any]:
    return {key: value for key, value in center._asdict().items() if value is not None}


def center_from(document: MappingType[str, Any]) -> Center:
    return Center(**{key: document.get(key) for key in CENTER_KEYS})  # type: ignore[arg-type]


def center_for(chosen: Center | None, folders: Sequence[Path]) -> Center | None:
    """The person's own card if they set one, else the first valid ``center.yaml`` installed."""
    if chosen is not None:
        return chosen
    from functools import partial

    from infuseprep.cache import cached, content_key

    for folder in folders:
        path = folder / FILE_NAME
        try:
            data = path.read_bytes()
        except OSError:
            continue
        name = f"center-{content_key(str(path).encode())}"
        card: Center | None = cached(name, content_key(data), partial(_parsed, path), _card_from)
        if card is not None:
            return card
    return None


def _card_from(document: object) -> Center | None:
    """A cached card, checked (``TypeError`` rebuilds it); an empty one is an invalid file."""
    if not isinstance(document, dict):
        raise TypeError("card")
    if not document:
        return None
    if set(document) - set(CENTER_KEYS) or not all(isinstance(v, str) for v in document.values()):
        raise TypeError("card")
    if "name" not in document or "phone" not in document:
        raise TypeError("card")
    return center_from(document)


def _parsed(path: Path) -> dict[str, Any]:
    """A card as JSON for the cache; an invalid one caches as nothing (validate reports it)."""
    card, _ = load_center_file(path)
    return {} if card is None else center_document(card)


def load_center_file(path: Path, shown_as: str | None = None) -> tuple[Center | None, list[Any]]:
    """Read and check ``center.yaml``; a card comes back only when there are no problems."""
    from infuseprep.errors import Problem
    from infuseprep.validation import Reader, read_yaml
    from infuseprep.yamlsafe import Mapping, Scalar

    name = shown_as if shown_as is not None else str(path)
    read = read_yaml(path, name)
    if isinstance(read, Problem):
        return None, [read]
    source, root = read
    reader = Reader(name, source)
    if not isinstance(root, Mapping):
        reader.problem(
            root or Scalar(None, 1, 1),
            _("a center card is key: value lines (name:, phone:, ...)"),
        )
        return None, reader.problems
    fields = reader.fields(root, CENTER_KEYS, CENTER_REQUIRED, "center card")
    values: dict[str, str | None] = {}
    for key in CENTER_KEYS:
        node = fields.get(key)
        value = reader.text(node, key)
        check = phone_problem if key in PHONE_KEYS else web_problem if key == "web" else None
        if value is not None and node is not None and check is not None:
            problem = check(value)
            if problem is not None:
                reader.problem(node, problem)
                value = None
        values[key] = value
    if reader.problems or not values["name"] or not values["phone"]:
        return None, sorted(reader.problems)
    return center_from(values), []
