"""The Markdown printout: GitHub task lists, so the boxes tick in any Markdown viewer."""

from __future__ import annotations

import re

from infuseprep.i18n import _
from infuseprep.printout import GLOSSARY_TITLE, Row, Sheet, due_label
from infuseprep.progress import DONE, SKIPPED
from infuseprep.untrusted import clean

WRITE_IN = "\\_" * 20
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~&])")


def escape(text: str) -> str:
    """Text shown as written, on one line, so it cannot start a block or make a link, an image,
    raw HTML or an entity: Markdown's own characters are backslash-escaped, line breaks become
    spaces and control characters are neutralised."""
    return _SPECIAL.sub(r"\\\1", " ".join(clean(text).split()))


def _row(row: Row) -> list[str]:
    text = escape(row.text)
    if row.state == SKIPPED:
        not_applying = escape(_("(does not apply)"))
        line = f"- [x] ~~{text}~~ {not_applying}"
    else:
        line = f"- [{'x' if row.state == DONE else ' '}] {text}"
    label = due_label(row)
    if label:
        line += f" *{escape(label)}*"
    lines = [line]
    if row.note:
        lines.append("  - " + _("Note: {note}").format(note=escape(row.note)))
    if row.source:
        lines.append("  - *" + _("Source: {source}").format(source=escape(row.source)) + "*")
    return lines


def render_markdown(sheet: Sheet) -> str:
    lines = [f"# {escape(sheet.title)}", ""]
    for label, value, link in sheet.header:
        shown = escape(value) if value else WRITE_IN
        if link and link != value:
            shown += f" ({escape(link)})"
        lines.append(f"- **{escape(label)}:** {shown}")
    for section in sheet.sections:
        lines += ["", f"## {escape(section.title)}", ""]
        for row in section.rows:
            lines += _row(row)
    if sheet.words:
        lines += ["", f"## {escape(_(GLOSSARY_TITLE))}", ""]
        lines += [f"- **{escape(term)}:** {escape(means)}" for term, means in sheet.words]
    lines += ["", "---", "", escape(sheet.footer)]
    return "\n".join(lines) + "\n"
