"""Reading one checklist file: every problem with its file, line and column, or a checklist."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TypeGuard

from infuseprep.checklist import (
    CHECKLIST_KEYS,
    CHECKLIST_REQUIRED,
    DEFAULT_ORDER,
    DEFAULT_SCOPE,
    FREE_TEXT_KEYS,
    ID_PATTERN,
    ITEM_KEYS,
    ITEM_REQUIRED,
    MAX_ORDER,
    MIN_ORDER,
    SCOPES,
    Checklist,
    Item,
)
from infuseprep.errors import Problem
from infuseprep.glossary import MAX_MEANING, TERM_KEYS, TERM_REQUIRED, Glossary, Term
from infuseprep.i18n import N_, _
from infuseprep.medications import medications
from infuseprep.timing import Timing, parse_timing
from infuseprep.untrusted import find
from infuseprep.yamlsafe import Mapping, Node, Scalar, Sequence, YamlProblem, parse, read_text


def read_yaml(path: Path, name: str) -> tuple[str, Node | None] | Problem:
    """A file's text and its parsed nodes, or the one problem that stopped the reading."""
    try:
        source = read_text(path)
        return source, parse(source)
    except YamlProblem as error:
        return Problem(name, error.line, error.column, error.message)
    except OSError as error:
        reason = error.strerror or str(error)
        return Problem(name, 1, 1, _("cannot be read: {reason}").format(reason=reason))


def load_checklist_file(
    path: Path, shown_as: str | None = None
) -> tuple[Checklist | None, list[Problem]]:
    """Read and check one file; a checklist comes back only when there are no problems."""
    name = shown_as if shown_as is not None else str(path)
    read = read_yaml(path, name)
    if isinstance(read, Problem):
        return None, [read]
    source, root = read
    if root is None:
        return None, [
            Problem(name, 1, 1, _("the file is empty; a checklist needs id, title and items"))
        ]
    reader = Reader(name, source)
    checklist = reader.checklist(root, path)
    return (checklist if not reader.problems else None), sorted(reader.problems)


# TRANSLATORS: what a key belongs to, shown in "unknown key "x" in {what}" and
# "{what} is missing the required key "x"".
KEY_OWNERS = (
    N_("checklist"),
    N_("item"),
    N_("term"),
    N_("center card"),
    N_("medication file"),
    N_("medication"),
)


def describe_value(node: Node) -> str:
    if isinstance(node, Mapping):
        return _("a group of key: value lines")
    if isinstance(node, Sequence):
        return _("a list")
    value = node.value
    if value is None:
        return _("empty")
    if isinstance(value, bool):
        return _("true/false")
    if isinstance(value, (int, float)):
        return _("a number")
    if isinstance(value, date):
        return _("a date")
    return _("text")


class Reader:
    """Walks the nodes of one file, collecting every problem rather than stopping at the first."""

    def __init__(self, name: str, source: str) -> None:
        self.name = name
        self.lines = source.splitlines(keepends=True)
        self.problems: list[Problem] = []

    def problem(self, node: Node | Scalar, message: str) -> None:
        self.problems.append(Problem(self.name, node.line, node.column, message))

    def checklist(self, root: Node, path: Path) -> Checklist | None:
        if not isinstance(root, Mapping):
            self.problem(
                root,
                _(
                    "a checklist file must be made of key: value lines (id:, title:, items:), "
                    "not {found}"
                ).format(found=describe_value(root)),
            )
            return None
        fields = self.fields(root, CHECKLIST_KEYS, CHECKLIST_REQUIRED, "checklist")
        checklist_id = self.identifier(fields.get("id"), "id")
        title = self.text(fields.get("title"), "title")
        description = self.text(fields.get("description"), "description")
        source = self.text(fields.get("source"), "source")
        order = self.whole_number(fields.get("order"), "order", MIN_ORDER, MAX_ORDER)
        scope = self.scope(fields.get("scope"))
        items = self.items(fields.get("items"), scope or DEFAULT_SCOPE)
        if self.problems or checklist_id is None or title is None or items is None:
            return None
        id_node = fields["id"]
        return Checklist(
            id=checklist_id,
            title=title,
            items=items,
            description=description,
            source=source,
            order=DEFAULT_ORDER if order is None else order,
            scope=scope or DEFAULT_SCOPE,
            path=path,
            id_line=id_node.line,
        )

    def is_list_of_steps(self, node: Node) -> TypeGuard[Sequence]:
        """A checklist's or a translation's "items": a list, else the problem is said."""
        if isinstance(node, Sequence):
            return True
        self.problem(
            node,
            _('"items" must be a list of steps, not {found}').format(found=describe_value(node)),
        )
        return False

    def is_step(self, node: Node) -> TypeGuard[Mapping]:
        """One step: key: value lines, else the problem is said."""
        if isinstance(node, Mapping):
            return True
        self.problem(
            node,
            _("each step must be key: value lines (id:, text:), not {found}").format(
                found=describe_value(node)
            ),
        )
        return False

    def fields(
        self, mapping: Mapping, known: tuple[str, ...], required: tuple[str, ...], what: str
    ) -> dict[str, Node]:
        found: dict[str, Node] = {}
        suggested: set[str] = set()
        for key, value in mapping.entries:
            name = key.value
            if isinstance(name, str) and name in known:
                found[name] = value
                continue
            close = difflib.get_close_matches(str(name), known, n=1, cutoff=0.6)
            if close:
                suggested.add(close[0])
                self.problem(
                    key,
                    _('unknown key "{key}" in {what}; did you mean "{close}"?').format(
                        key=name, what=_(what), close=close[0]
                    ),
                )
            else:
                self.problem(
                    key,
                    _('unknown key "{key}" in {what}; known keys are {known}').format(
                        key=name, what=_(what), known=quoted_list(known)
                    ),
                )
        for name in required:
            if name not in found and name not in suggested:
                self.problem(
                    mapping,
                    _('{what} is missing the required key "{key}"').format(what=_(what), key=name),
                )
        return found

    def text(self, node: Node | None, key: str) -> str | None:
        if node is None:
            return None
        if not isinstance(node, Scalar) or not isinstance(node.value, str):
            quotable = key in FREE_TEXT_KEYS and isinstance(node, Scalar) and node.value is not None
            message = (
                _('"{key}" must be text, not {found}; put it in quotes')
                if quotable
                else _('"{key}" must be text, not {found}')
            )
            self.problem(node, message.format(key=key, found=describe_value(node)))
            return None
        found = find(node.value)
        if found is not None:
            line, column = self.locate(node, found.character)
            self.problems.append(
                Problem(
                    self.name,
                    line,
                    column,
                    _('"{key}" contains {character}; remove it').format(
                        key=key, character=found.description
                    ),
                )
            )
            return None
        text = " ".join(node.value.split())
        if not text:
            self.problem(node, _('"{key}" must not be blank').format(key=key))
            return None
        if key in FREE_TEXT_KEYS:
            self.placeholders(node, key, text)
        return text

    def placeholders(self, node: Scalar, key: str, text: str) -> None:
        """``{center.phone}`` and friends are filled in; anything else in braces is a typo."""
        from infuseprep.center import CENTER_KEYS, unknown_placeholders

        for name in unknown_placeholders(text):
            known = ", ".join(f"{{center.{field}}}" for field in CENTER_KEYS)
            self.problem(
                node,
                _('"{key}" has the placeholder {placeholder}, which is not one of {known}').format(
                    key=key, placeholder=f"{{{name}}}", known=known
                ),
            )

    def locate(self, node: Scalar, character: str) -> tuple[int, int]:
        """Where ``character`` is written: as itself or as a YAML escape such as ``\\e`` or
        ``\\u202E``, at or after the start of ``node``; else the start of ``node``."""
        code = ord(character)
        hex_forms = [f"\\u{code:04x}", f"\\U{code:08x}"] + ([f"\\x{code:02x}"] * (code < 0x100))
        short = [f"\\{letter}" for letter, value in _SHORT_ESCAPES.items() if value == character]
        column = node.column - 1
        last = min(len(self.lines), node.line + _SEARCH_LINES)
        for number in range(node.line - 1, last):
            line = self.lines[number]
            places = [line.find(form, column) for form in (character, *short)]
            places += [line.lower().find(form.lower(), column) for form in hex_forms]
            found = [place for place in places if place >= 0]
            if found:
                return number + 1, min(found) + 1
            column = 0
        return node.line, node.column

    def identifier(self, node: Node | None, key: str) -> str | None:
        value = self.text(node, key)
        if value is None or node is None:
            return None
        if not ID_PATTERN.fullmatch(value):
            self.problem(
                node,
                _(
                    '"{key}" must be lowercase letters, digits and hyphens (like "lab-work"), '
                    'not "{value}"'
                ).format(key=key, value=value),
            )
            return None
        return value

    def whole_number(self, node: Node | None, key: str, low: int, high: int) -> int | None:
        if node is None:
            return None
        if (
            isinstance(node, Scalar)
            and isinstance(node.value, int)
            and not isinstance(node.value, bool)
        ):
            if low <= node.value <= high:
                return node.value
            self.problem(
                node,
                _('"{key}" must be a whole number from {low} to {high}').format(
                    key=key, low=low, high=high
                ),
            )
            return None
        self.problem(
            node,
            _('"{key}" must be a whole number, not {found}').format(
                key=key, found=describe_value(node)
            ),
        )
        return None

    def scope(self, node: Node | None) -> str | None:
        value = self.text(node, "scope")
        if value is None or node is None:
            return None
        if value not in SCOPES:
            self.problem(
                node,
                _('"scope" must be one of {choices}, not "{value}"').format(
                    choices=quoted_list(SCOPES), value=value
                ),
            )
            return None
        return value

    def timing(self, node: Node | None) -> Timing | None:
        if self.text(node, "when") is None or not isinstance(node, Scalar):
            return None
        try:
            return parse_timing(str(node.value))
        except ValueError as error:
            self.problem(node, str(error))
            return None

    def medications(self, node: Node | None) -> tuple[str, ...]:
        if node is None:
            return ()
        if not isinstance(node, Sequence) or not node.items:
            self.problem(
                node,
                _('"medications" must be a list of medication ids, not {found}').format(
                    found=describe_value(node)
                ),
            )
            return ()
        known = medications()
        found = []
        for entry in node.items:
            medication = self.identifier(entry, "medications")
            if medication is None:
                continue
            if medication not in known:
                close = difflib.get_close_matches(medication, list(known), n=1)
                message = (
                    _('unknown medication "{id}"; did you mean "{close}"?')
                    if close
                    else _('unknown medication "{id}"; known are {known}')
                )
                self.problem(
                    entry,
                    message.format(
                        id=medication, close=close[0] if close else "", known=quoted_list(known)
                    ),
                )
                continue
            found.append(medication)
        return tuple(found)

    def items(self, node: Node | None, default_scope: str) -> tuple[Item, ...] | None:
        if node is None or not self.is_list_of_steps(node):
            return None
        if not node.items:
            self.problem(node, _('"items" is empty; a checklist needs at least one step'))
            return None
        items: list[Item] = []
        first_use: dict[str, int] = {}
        for entry in node.items:
            item = self.item(entry, default_scope)
            if item is None:
                continue
            id_node = entry.get("id") if isinstance(entry, Mapping) else None
            if item.id in first_use and id_node is not None:
                self.problem(
                    id_node,
                    _(
                        'the item id "{id}" is used twice in this file (first on line {line})'
                    ).format(id=item.id, line=first_use[item.id]),
                )
                continue
            if id_node is not None:
                first_use[item.id] = id_node.line
            items.append(item)
        return tuple(items)

    def item(self, node: Node, default_scope: str) -> Item | None:
        if not self.is_step(node):
            return None
        fields = self.fields(node, ITEM_KEYS, ITEM_REQUIRED, "item")
        item_id = self.identifier(fields.get("id"), "id")
        text = self.text(fields.get("text"), "text")
        details = self.text(fields.get("details"), "details")
        source = self.text(fields.get("source"), "source")
        when = self.timing(fields.get("when"))
        scope = self.scope(fields.get("scope"))
        medications = self.medications(fields.get("medications"))
        if item_id is None or text is None:
            return None
        return Item(item_id, text, details, when, scope or default_scope, medications, source)


_SEARCH_LINES = 200  # a text field is seldom longer; past this, the start is shown
_SHORT_ESCAPES = {
    "0": "\x00",
    "a": "\x07",
    "b": "\x08",
    "v": "\x0b",
    "f": "\x0c",
    "r": "\r",
    "e": "\x1b",
    "N": "\x85",
    "L": "\u2028",
    "P": "\u2029",
}


def quoted_list(words: Iterable[str]) -> str:
    return ", ".join(f'"{word}"' for word in words)


def load_glossary_file(path: Path) -> tuple[Glossary | None, list[Problem]]:
    """Read and check one glossary file; a glossary comes back only when there are no problems."""
    name = str(path)
    read = read_yaml(path, name)
    if isinstance(read, Problem):
        return None, [read]
    source, root = read
    reader = Reader(name, source)
    if not isinstance(root, Sequence) or not root.items:
        found = _("empty") if root is None else describe_value(root)
        reader.problem(
            root or Scalar(None, 1, 1),
            _(
                "a glossary file must be a list of terms (- term: ..., means: ...), not {found}"
            ).format(found=found),
        )
        return None, reader.problems
    terms: list[Term] = []
    first_use: dict[str, int] = {}
    for entry in root.items:
        term = _glossary_term(reader, entry)
        if term is None:
            continue
        for spelling in term.spellings:
            key = spelling.casefold()
            if key in first_use:
                reader.problem(
                    entry,
                    _('"{term}" is already in this glossary (line {line})').format(
                        term=spelling, line=first_use[key]
                    ),
                )
            first_use.setdefault(key, entry.line)
        terms.append(term)
    if reader.problems:
        return None, sorted(reader.problems)
    return Glossary(tuple(sorted(terms, key=lambda term: term.term.casefold()))), []


def _glossary_term(reader: Reader, node: Node) -> Term | None:
    if not isinstance(node, Mapping):
        reader.problem(
            node,
            _("each term must be key: value lines (term:, means:), not {found}").format(
                found=describe_value(node)
            ),
        )
        return None
    fields = reader.fields(node, TERM_KEYS, TERM_REQUIRED, "term")
    term = reader.text(fields.get("term"), "term")
    means = reader.text(fields.get("means"), "means")
    source = reader.text(fields.get("source"), "source")
    also: list[str] = []
    also_node = fields.get("also")
    if also_node is not None:
        if not isinstance(also_node, Sequence) or not also_node.items:
            reader.problem(
                also_node,
                _('"also" must be a list of other spellings, not {found}').format(
                    found=describe_value(also_node)
                ),
            )
        else:
            also = [word for item in also_node.items if (word := reader.text(item, "also"))]
    if means is not None and len(means) > MAX_MEANING:
        reader.problem(
            fields["means"],
            _('"means" must be one plain line of at most {limit} characters, not {count}').format(
                limit=MAX_MEANING, count=len(means)
            ),
        )
        return None
    if term is None or means is None:
        return None
    return Term(term, means, tuple(also), source)
