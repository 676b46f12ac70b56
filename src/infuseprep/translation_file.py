"""Reading one translation of a checklist (``es/<file>.yaml``): its words only, checked
against the English checklist it translates, every problem with its file, line and column."""

from __future__ import annotations

import difflib
from pathlib import Path

from infuseprep.checklist import (
    CHECKLIST_KEYS,
    ITEM_KEYS,
    TRANSLATED_ITEM_KEYS,
    TRANSLATED_ITEM_REQUIRED,
    TRANSLATION_KEYS,
    TRANSLATION_REQUIRED,
    Checklist,
    Item,
    ItemWords,
    Translation,
)
from infuseprep.errors import Problem
from infuseprep.i18n import _
from infuseprep.validation import Reader, describe_value, quoted_list, read_yaml
from infuseprep.yamlsafe import Mapping, Node, Scalar


def load_translation_file(
    path: Path, english: dict[str, Checklist], shown_as: str | None = None
) -> tuple[Translation | None, list[Problem]]:
    """Read and check one translation against the English checklists of its folder (by id);
    a translation comes back only when there are no problems."""
    name = shown_as if shown_as is not None else str(path)
    read = read_yaml(path, name)
    if isinstance(read, Problem):
        return None, [read]
    source, root = read
    reader = Reader(name, source)
    if root is None:
        reader.problem(
            Scalar(None, 1, 1), _("the file is empty; a translation needs id, title and items")
        )
        return None, reader.problems
    translation = TranslationReader(reader, english).translation(root, path)
    return (translation if not reader.problems else None), sorted(reader.problems)


class TranslationReader:
    """Checks a translation's words against the English checklist it translates."""

    def __init__(self, reader: Reader, english: dict[str, Checklist]) -> None:
        self.reader = reader
        self.english = english

    def fields(
        self, mapping: Mapping, known: tuple[str, ...], required: tuple[str, ...], what: str
    ) -> dict[str, Node]:
        """Like ``Reader.fields``, but a key the English file holds (``when``, ``order``...)
        is named as one that only the English file may set."""
        english_keys = CHECKLIST_KEYS if what == "checklist" else ITEM_KEYS
        kept = []
        for key, value in mapping.entries:
            name = key.value
            if isinstance(name, str) and name in english_keys and name not in known:
                self.reader.problem(
                    key,
                    _(
                        '"{key}" comes from the English file; remove it (a translation holds '
                        "only {words})"
                    ).format(key=name, words=quoted_list(known)),
                )
                continue
            kept.append((key, value))
        return self.reader.fields(
            Mapping(tuple(kept), mapping.line, mapping.column), known, required, what
        )

    def translation(self, root: Node, path: Path) -> Translation | None:
        reader = self.reader
        if not isinstance(root, Mapping):
            reader.problem(
                root,
                _(
                    "a translation file must be made of key: value lines (id:, title:, items:), "
                    "not {found}"
                ).format(found=describe_value(root)),
            )
            return None
        fields = self.fields(root, TRANSLATION_KEYS, TRANSLATION_REQUIRED, "checklist")
        checklist_id = reader.identifier(fields.get("id"), "id")
        english = self.english.get(checklist_id) if checklist_id is not None else None
        if checklist_id is not None and english is None:
            self.unknown_checklist(fields["id"], checklist_id)
        title = reader.text(fields.get("title"), "title")
        description = reader.text(fields.get("description"), "description")
        source = reader.text(fields.get("source"), "source")
        if english is not None:
            self.same_placeholders(fields.get("title"), "title", english.title, title)
            self.same_placeholders(
                fields.get("description"), "description", english.description, description
            )
            if english.description is not None and "description" not in fields:
                reader.problem(
                    root,
                    _(
                        'checklist is missing "description"; the English checklist has one, '
                        "so translate it too"
                    ),
                )
        items = self.items(fields.get("items"), english, root)
        if reader.problems or checklist_id is None or title is None or items is None:
            return None
        return Translation(checklist_id, title, items, description, source, path)

    def unknown_checklist(self, node: Node, checklist_id: str) -> None:
        known = sorted(self.english)
        close = difflib.get_close_matches(checklist_id, known, n=1)
        if close:
            message = _(
                'there is no English checklist "{id}" beside this folder to translate; '
                'did you mean "{close}"?'
            ).format(id=checklist_id, close=close[0])
        else:
            message = _(
                'there is no English checklist "{id}" beside this folder to translate; '
                "a translation's id must be the id of a checklist in the folder above it"
            ).format(id=checklist_id)
        self.reader.problem(node, message)

    def same_placeholders(
        self, node: Node | None, key: str, english: str | None, text: str | None
    ) -> None:
        """``{center.phone}`` and friends must be the English text's, no more and no fewer."""
        from infuseprep.center import PLACEHOLDER

        if node is None or english is None or text is None:
            return
        wanted = sorted({found[0] for found in PLACEHOLDER.finditer(english)})
        found = sorted({found[0] for found in PLACEHOLDER.finditer(text)})
        if wanted != found:
            self.reader.problem(
                node,
                _(
                    '"{key}" must use the same placeholders as the English text ({wanted}), '
                    "not {found}"
                ).format(
                    key=key,
                    wanted=", ".join(wanted) or _("none"),
                    found=", ".join(found) or _("none"),
                ),
            )

    def items(
        self, node: Node | None, english: Checklist | None, root: Mapping
    ) -> tuple[ItemWords, ...] | None:
        reader = self.reader
        if node is None or not reader.is_list_of_steps(node):
            return None
        english_items = {item.id: item for item in english.items} if english else {}
        items: list[ItemWords] = []
        first_use: dict[str, int] = {}
        mentioned: set[object] = set()
        for entry in node.items:
            id_node = entry.get("id") if isinstance(entry, Mapping) else None
            if isinstance(id_node, Scalar):
                mentioned.add(id_node.value)
            words = self.item(entry, english, english_items)
            if words is None:
                continue
            if words.id in first_use and id_node is not None:
                reader.problem(
                    id_node,
                    _(
                        'the item id "{id}" is used twice in this file (first on line {line})'
                    ).format(id=words.id, line=first_use[words.id]),
                )
                continue
            if id_node is not None:
                first_use[words.id] = id_node.line
            items.append(words)
        if english is not None:
            for item in english.items:
                if item.id not in mentioned:
                    reader.problem(
                        node,
                        _(
                            'the step "{id}" of the English checklist is missing; '
                            "translate every step"
                        ).format(id=item.id),
                    )
        return tuple(items)

    def item(
        self, node: Node, english: Checklist | None, english_items: dict[str, Item]
    ) -> ItemWords | None:
        reader = self.reader
        if not reader.is_step(node):
            return None
        fields = self.fields(node, TRANSLATED_ITEM_KEYS, TRANSLATED_ITEM_REQUIRED, "item")
        item_id = reader.identifier(fields.get("id"), "id")
        text = reader.text(fields.get("text"), "text")
        details = reader.text(fields.get("details"), "details")
        source = reader.text(fields.get("source"), "source")
        if item_id is None:
            return None
        original = english_items.get(item_id)
        if english is not None and original is None:
            reader.problem(
                fields["id"],
                _('the English checklist "{checklist}" has no step "{id}"').format(
                    checklist=english.id, id=item_id
                ),
            )
            return None
        if original is not None:
            self.same_placeholders(fields.get("text"), "text", original.text, text)
            self.same_placeholders(fields.get("details"), "details", original.details, details)
            if original.details is not None and "details" not in fields:
                reader.problem(
                    node,
                    _(
                        'step "{id}" is missing "details"; the English step has details, '
                        "so translate them too"
                    ).format(id=item_id),
                )
        if text is None:
            return None
        return ItemWords(item_id, text, details, source)
