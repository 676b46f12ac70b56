"""The plain-text printout: the default of ``print``, readable anywhere, even on a typewriter.

The whole text goes through ``untrusted.clean``: nothing in it can control a terminal."""

from __future__ import annotations

import textwrap

from infuseprep.i18n import _
from infuseprep.printout import GLOSSARY_TITLE, Row, Sheet, due_label
from infuseprep.progress import DONE, SKIPPED
from infuseprep.untrusted import clean

WIDTH = 72
BOXES = {DONE: "[x]", SKIPPED: "[-]"}
WRITE_IN = "_" * 30


def _wrapped(text: str, first: str, rest: str) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=first, subsequent_indent=rest) or [first]


def _row(row: Row) -> list[str]:
    box = BOXES.get(row.state, "[ ]")
    text = row.text
    if row.state == SKIPPED:
        text += " " + _("(does not apply)")
    lines = _wrapped(text, f"{box} ", "    ")
    label = due_label(row)
    if label:
        lines += _wrapped(label, "    ", "    ")
    if row.note:
        lines += _wrapped(_("Note: {note}").format(note=row.note), "    ", "    ")
    if row.source:
        lines += _wrapped(_("Source: {source}").format(source=row.source), "    ", "    ")
    return lines


def render_text(sheet: Sheet) -> str:
    lines = [sheet.title.upper(), "=" * len(sheet.title), ""]
    for label, value, link in sheet.header:
        shown = value or WRITE_IN
        if link and link != value:
            shown += f" ({link})"
        lines += _wrapped(f"{label}: {shown}", "", "    ")
    # TRANSLATORS: the legend of the boxes in the plain-text printout; keep the boxes as they are.
    lines += ["", _("[x] done   [ ] to do   [-] does not apply")]
    for section in sheet.sections:
        lines += ["", section.title, "-" * len(section.title)]
        for row in section.rows:
            lines += _row(row)
    if sheet.words:
        title = _(GLOSSARY_TITLE)
        lines += ["", title, "-" * len(title)]
        for term, means in sheet.words:
            lines += _wrapped(f"{term}: {means}", "", "    ")
    lines += ["", *_wrapped(sheet.footer, "", "")]
    return clean("\n".join(lines) + "\n")
