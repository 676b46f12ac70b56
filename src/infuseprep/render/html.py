"""The HTML printout: one self-contained file, made for paper.

No scripts, no web fonts, no background colours; each checklist starts a new page and no step is
split across pages. Every box also says its state in words for screen readers. Every text goes
through ``escape``, so nothing in a checklist or a note can add markup or control characters.
With a center card, the center's phone is a ``tel:`` link and an inline SVG QR code of it, made
with segno and labelled with the number. The page's ``lang`` is the language of the run, so a
screen reader reads it with the right voice.
"""

from __future__ import annotations

import html

from infuseprep.i18n import _, current
from infuseprep.printout import BOX_WORDS, GLOSSARY_TITLE, Fact, Row, Sheet, due_label
from infuseprep.progress import DONE, OPEN, SKIPPED
from infuseprep.untrusted import clean

MARKS = {DONE: "\u2713", SKIPPED: "\u2013"}


def escape(text: str) -> str:
    """Text shown as written: HTML's own characters escaped, control characters neutralised."""
    return html.escape(clean(text))


STYLE = """
body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; font-size: FONTpt;
  line-height: 1.45; color: #000; background: #fff; max-width: 44em; margin: 1.5em auto;
  padding: 0 1em; }
h1 { font-size: 1.6em; margin: 0 0 .5em; }
h2 { font-size: 1.25em; margin: 1.2em 0 .4em; border-bottom: 2px solid #000;
  break-after: avoid; page-break-after: avoid; }
a { color: #000; }
div.card { display: flex; gap: 1.5em; align-items: flex-start; }
div.card dl.facts { flex: 1; }
figure.qr { flex: none; width: 7em; margin: 0; text-align: center; break-inside: avoid; }
figure.qr svg { display: block; width: 7em; height: 7em; }
figure.qr figcaption { font-size: .85em; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .3em 1em; margin: 0; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; }
dd.write-in { border-bottom: 1px solid #000; min-height: 1.4em; }
p.legend { margin: 1em 0 0; }
ul.steps { list-style: none; margin: 0; padding: 0; }
li.step { display: flex; gap: .7em; margin: .45em 0; break-inside: avoid;
  page-break-inside: avoid; }
span.box { flex: none; display: inline-block; width: 1.1em; height: 1.1em;
  border: 2px solid #000; text-align: center; line-height: 1.1em; font-weight: bold; }
.due, .note { display: block; }
.note { font-style: italic; }
.source { display: block; font-size: .8em; color: #444; }
.skipped .text { text-decoration: line-through; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
section.checklist { break-inside: avoid; page-break-inside: avoid; }
dl.words dt { font-weight: bold; break-after: avoid; page-break-after: avoid; }
dl.words dd { margin: 0 0 .4em 1.5em; }
footer { margin-top: 2em; font-size: .85em; }
@media print { body { margin: 0; max-width: none; } }
"""


def _row(row: Row) -> str:
    mark = MARKS.get(row.state, "")
    parts = [
        f'<li class="step {row.state}">',
        f'<span class="box" aria-hidden="true">{mark}</span>',
        f'<span><span class="visually-hidden">{escape(_(BOX_WORDS[row.state]))}: </span>',
        f'<span class="text">{escape(row.text)}</span>',
    ]
    if row.state == SKIPPED:
        # TRANSLATORS: after a step's text, on a printout, when the step does not apply.
        parts.append(escape(" " + _("(does not apply)")))
    label = due_label(row)
    if label:
        parts.append(f'<span class="due">{escape(label)}</span>')
    if row.note:
        note = escape(_("Note: {note}").format(note=row.note))
        parts.append(f'<span class="note">{note}</span>')
    if row.source:
        source = escape(_("Source: {source}").format(source=row.source))
        parts.append(f'<span class="source">{source}</span>')
    parts.append("</span></li>")
    return "".join(parts)


def _fact(fact: Fact) -> str:
    label = f"<dt>{escape(fact.label)}</dt>"
    if not fact.value:
        hidden = escape(_("to fill in"))
        return f'{label}<dd class="write-in"><span class="visually-hidden">{hidden}</span></dd>'
    if fact.link:
        return f'{label}<dd><a href="{escape(fact.link)}">{escape(fact.value)}</a></dd>'
    return f"{label}<dd>{escape(fact.value)}</dd>"


def _qr(call: Fact) -> str:
    """A QR code of the phone's ``tel:`` link, named for screen readers, the number below it."""
    import segno

    link, number = escape(call.link or ""), escape(call.value or "")
    svg = segno.make(call.link or "", error="m").svg_inline(omitsize=True, svgclass=None)
    named = escape(_("QR code to call {number}").format(number=call.value or ""))
    label = f'role="img" aria-label="{named}"'
    return (
        '<figure class="qr">'
        + svg.replace("<svg ", f"<svg {label} ", 1)
        + f'<figcaption>{escape(_("Scan to call"))}<br><a href="{link}">{number}</a></figcaption>'
        + "</figure>"
    )


def render_html(sheet: Sheet, *, large_print: bool = False) -> str:
    style = STYLE.replace("FONT", "18" if large_print else "12")
    facts = '<dl class="facts">' + "".join(_fact(fact) for fact in sheet.header) + "</dl>"
    if sheet.call is not None:
        facts = f'<div class="card">{facts}{_qr(sheet.call)}</div>'
    sections = [
        '<section class="checklist">'
        f"<h2>{escape(section.title)}</h2>"
        '<ul class="steps">' + "".join(_row(row) for row in section.rows) + "</ul></section>"
        for section in sheet.sections
    ]
    if sheet.words:
        sections.append(
            f'<section class="words"><h2>{escape(_(GLOSSARY_TITLE))}</h2><dl class="words">'
            + "".join(
                f"<dt>{escape(term)}</dt><dd>{escape(means)}</dd>" for term, means in sheet.words
            )
            + "</dl></section>"
        )
    legend = (
        '<p class="legend"><span class="box" aria-hidden="true">\u2713</span> '
        f"{escape(_(BOX_WORDS[DONE]))} &nbsp; "
        f'<span class="box" aria-hidden="true"></span> {escape(_(BOX_WORDS[OPEN]))} &nbsp; '
        '<span class="box" aria-hidden="true">\u2013</span> '
        f"{escape(_(BOX_WORDS[SKIPPED]))}</p>"
    )
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{current()}">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(sheet.title)}</title>",
            f"<style>{style}</style>",
            "</head>",
            "<body>",
            "<header>",
            f"<h1>{escape(sheet.title)}</h1>",
            facts,
            legend,
            "</header>",
            "<main>",
            *sections,
            "</main>",
            f"<footer><p>{escape(sheet.footer)}</p></footer>",
            "</body>",
            "</html>",
            "",
        ]
    )
