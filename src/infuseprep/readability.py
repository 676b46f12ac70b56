"""How hard a step is to read: the Flesch-Kincaid grade of its text and details together.

Health-literacy guidance asks for patient material at a 6th to 8th grade reading level. The
grade is 0.39 x words per sentence + 11.8 x syllables per word - 15.59, with syllables counted
from pyphen's US English hyphenation dictionary, which works offline.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from infuseprep.errors import Problem
from infuseprep.i18n import _

if TYPE_CHECKING:
    import pyphen

    from infuseprep.checklist import Checklist, Item

MAX_ITEM_GRADE = 8.0
_WORD = re.compile(r"[A-Za-z']+")
_SENTENCE_END = re.compile(r"[.!?]+")


@cache
def _dictionary() -> pyphen.Pyphen:
    import pyphen

    return pyphen.Pyphen(lang="en_US")


def syllables(word: str) -> int:
    return max(1, len(_dictionary().positions(word)) + 1)


def grade(texts: Sequence[str]) -> float:
    """The Flesch-Kincaid grade of these texts read together; 0 for no words at all."""
    words = [word for text in texts for word in _WORD.findall(text)]
    if not words:
        return 0.0
    sentences = sum(max(1, len(_SENTENCE_END.findall(text))) for text in texts)
    syllable_count = sum(syllables(word) for word in words)
    return 0.39 * len(words) / sentences + 11.8 * syllable_count / len(words) - 15.59


def item_texts(item: Item) -> list[str]:
    """What a person reads for one step: its text and its details (not the source)."""
    return [item.text, *([item.details] if item.details else [])]


def item_grades(path: Path, checklist: Checklist) -> list[tuple[Problem, float]]:
    """Every step's grade, located at its id; a step above grade 8 is worded as a warning."""
    positions = _item_positions(path)
    found = []
    for item in checklist.items:
        level = grade(item_texts(item))
        line, column = positions.get(item.id, (1, 1))
        if level > MAX_ITEM_GRADE:
            message = _(
                'warning: step "{id}" reads at grade {grade}, above grade {limit}; use shorter '
                "sentences and shorter words"
            ).format(id=item.id, grade=f"{level:.1f}", limit=f"{MAX_ITEM_GRADE:.0f}")
        else:
            message = _('step "{id}" reads at grade {grade}').format(
                id=item.id, grade=f"{level:.1f}"
            )
        found.append((Problem(str(path), line, column, message), level))
    return found


def _item_positions(path: Path) -> dict[str, tuple[int, int]]:
    from infuseprep.yamlsafe import Mapping, Scalar, Sequence, parse, read_text

    root = parse(read_text(path))
    items = root.get("items") if isinstance(root, Mapping) else None
    positions: dict[str, tuple[int, int]] = {}
    if isinstance(items, Sequence):
        for entry in items.items:
            node = entry.get("id") if isinstance(entry, Mapping) else None
            if isinstance(node, Scalar) and isinstance(node.value, str):
                positions[node.value] = (node.line, node.column)
    return positions
