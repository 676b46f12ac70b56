"""The PDF printout, drawn with fpdf2: pure Python, maintained, and able to embed a Unicode font.

Boxes are drawn as vector shapes, so they print crisply and need no special glyphs. The bundled
DejaVu Sans font covers accents, curly quotes and most scripts; a character it lacks is printed
as a visible stand-in, never dropped. Each step is measured before it is drawn and moved whole
to the next page when it would not fit; only a step longer than a page is split, and continues
on the next one. With a center card, a QR code of the center's phone (a ``tel:`` link, made with
segno) stands beside the header, the number printed under it for a reader without a camera.

Speed: fpdf2's ``multi_cell`` adds up the width of the whole line again for every character it
places, so a long printout spent most of its time there, twice (once to measure a step, once to
draw it). ``_Document.layout`` finds the same lines in one pass, with the same arithmetic, and
``draw`` prints them with ``cell``: the same lines at the same places on the same pages (only
the order in which the font subset numbers its glyphs may differ, as nothing is drawn to measure
now). Text it does not handle exactly (unusual spaces, a soft hyphen, no text) goes to
``multi_cell`` as before; ``tests/test_printouts.py`` checks the two agree.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import NamedTuple

from fpdf import FPDF
from fpdf.enums import CharVPos, XPos, YPos
from fpdf.fonts import TTFFont

from infuseprep.i18n import _, current
from infuseprep.printout import GLOSSARY_TITLE, TITLE, Fact, Row, Sheet, due_label
from infuseprep.progress import DONE, SKIPPED
from infuseprep.untrusted import clean

FONT_FOLDER = Path(__file__).resolve().parents[1] / "fonts"
FAMILY = "DejaVu"
MARGIN = 16.0
BOX_GAP = 3.0
PAPERS = {"a4": "A4", "letter": "Letter"}
STAND_IN = "\ufffd"
QR_SIDE = 30.0
QR_GAP = 6.0
# Characters whose line breaking ``layout`` leaves to fpdf2: the spaces it breaks at other than
# the plain one (tab, en space, ...), the no-break space (drawn as a space), the soft hyphen.
_FPDF_HANDLES = frozenset(
    "\t\u00a0\u00ad\u200b\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a"
    "\u205f\u3000\x0c\r"
)
# fpdf2 breaks a line when it is wider than the room by more than this (its FloatTolerance).
_TOLERANCE = 1e-9


class Block(NamedTuple):
    """A text laid out in a column: its lines (``None``: fpdf2's multi_cell lays it out when it
    is drawn) and its height."""

    text: str
    size: float
    bold: bool
    indent: float
    width: float
    lines: tuple[str, ...] | None
    height: float


class _Document(FPDF):
    def __init__(self, paper: str, footer_text: str, size: float) -> None:
        super().__init__(format=PAPERS[paper], unit="mm")
        self.footer_text = footer_text
        self.size = size
        self.set_margins(MARGIN, MARGIN, MARGIN)
        # Breaks come from ensure_room; the automatic one only splits a step longer than a page.
        self.set_auto_page_break(auto=True, margin=MARGIN + 10)
        self.add_font(FAMILY, "", str(FONT_FOLDER / "DejaVuSans.ttf"))
        self.add_font(FAMILY, "B", str(FONT_FOLDER / "DejaVuSans-Bold.ttf"))
        self.set_title(_(TITLE))
        self.set_lang(current())
        self.set_creator("infuseprep")

    def normalize_text(self, text: str) -> str:
        """Every text drawn passes here: control characters are neutralised first, and a
        character the font lacks becomes a visible stand-in (U+FFFD, or "?"), where fpdf2 would
        drop it with a warning."""
        cmap: dict[int, int] = getattr(self.current_font, "cmap", {})
        stand_in = STAND_IN if ord(STAND_IN) in cmap else "?"
        shown = "".join(c if c == "\n" or ord(c) in cmap else stand_in for c in clean(text))
        return super().normalize_text(shown)

    def footer(self) -> None:
        self.set_y(-MARGIN - 4)
        # "{nb}" is where fpdf2 writes the number of pages, once it knows it.
        page = _("Page {page} of {pages}").format(page=self.page_no(), pages="{nb}")
        self.draw(self.layout(self.footer_text + "  " + page, self.size * 0.75))

    @property
    def bottom(self) -> float:
        return float(self.h - self.b_margin)

    def line_height(self, size: float) -> float:
        return size * 0.5

    def text_block(self, text: str, size: float, *, bold: bool = False, indent: float = 0) -> None:
        self.draw(self.layout(text, size, bold=bold, indent=indent))

    def layout(self, text: str, size: float, *, bold: bool = False, indent: float = 0) -> Block:
        """``text`` broken into lines as multi_cell(align="L") would, at the left margin plus
        ``indent``, and its height."""
        self.set_font(FAMILY, "B" if bold else "", size)
        width = self.epw - indent
        line_height = self.line_height(size)
        lines = self._break_lines(text, width)
        if lines is None:
            height = self.multi_cell(
                width, line_height, text, align="L", dry_run=True, output="HEIGHT"
            )
            assert isinstance(height, float)
        else:
            height = 0.0
            for _line in lines:  # added up one by one, as multi_cell does
                height += line_height
        return Block(text, size, bold, indent, width, lines, height)

    def draw(self, block: Block) -> None:
        """Print a block where the cursor is, then move to the left margin under it; a page
        break comes between two lines when the next one does not fit."""
        self.set_font(FAMILY, "B" if block.bold else "", block.size)
        self.set_x(self.l_margin + block.indent)
        line_height = self.line_height(block.size)
        if block.lines is None:
            self.multi_cell(
                block.width,
                line_height,
                block.text,
                align="L",
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
            )
            return
        for number, line in enumerate(block.lines, start=1):
            last = number == len(block.lines)
            self.cell(
                block.width,
                line_height,
                line,
                new_x=XPos.LMARGIN if last else XPos.LEFT,
                new_y=YPos.NEXT,
            )

    def ensure_room(self, height: float) -> bool:
        """Start a new page when ``height`` does not fit; ``True`` when it did."""
        if self.get_y() + height > self.bottom:
            self.add_page()
            return True
        return False

    def _break_lines(self, text: str, width: float) -> tuple[str, ...] | None:
        """The lines fpdf2's multi_cell breaks ``text`` into in a column ``width`` wide, found in
        one pass; ``None`` when the text is one ``layout`` leaves to fpdf2.

        fpdf2's rule, with its arithmetic, so that the same sums round the same way: a line is
        made of runs, plain text and the page count placeholder ("{nb}", as wide as its stand-in
        digits); a plain run's width is its characters' widths in font units, times the size in
        points, times 0.001, over the points in a unit. A character that would pass the room
        (the width less the cell margin on each side) by more than the tolerance ends the line:
        a space there is dropped; otherwise the line ends at its last space, which is dropped;
        a word with no space before it is cut. A new line character ends a line. A last line of
        no width is dropped.

        ``cell`` normalises each line again: a text with a line that would change (a joiner at
        its edge, parted from the letter it joined) is left to fpdf2 too.
        """
        font = self.current_font
        if not (
            isinstance(font, TTFFont)
            and not font.is_symbol
            and not self.text_shaping
            and not self.char_spacing
            and self.font_stretching == 100
            and self.char_vpos == CharVPos.LINE
        ):
            return None
        text = self.normalize_text(text).replace("\r", "")
        if not text or text.endswith("\n") or not _FPDF_HANDLES.isdisjoint(text):
            return None
        alias = self.str_alias_nb_pages
        count = text.count(alias) if alias else 0
        if count > 1:
            return None
        # Where the placeholder is, if anywhere: text[opens:closes].
        opens = text.index(alias) if count else -1
        closes = opens + len(alias) if count else -1
        placeholder = self.get_string_width(alias, normalized=True) if count else 0.0
        widths = font.cw
        scale, k = self.font_size_pt, self.k
        room = width - self.c_margin - self.c_margin

        lines: list[str] = []
        start = index = 0
        # The line so far: the width of its finished runs, the current run (placeholder or not,
        # its characters, their units) and the last space.
        before, in_placeholder, run, space = 0.0, False, 0, -1
        units: float = 0
        while index < len(text):
            character = text[index]
            if character == "\n":
                lines.append(text[start:index])
                index += 1
                start, before, run, units, space = index, 0.0, 0, 0, -1
                continue
            placed = opens <= index < closes
            if run and placed != in_placeholder:
                before += placeholder if in_placeholder else units * scale * 0.001 / k
                run, units = 0, 0
            in_placeholder = placed
            if not run:
                current = before
            elif in_placeholder:
                current = before + placeholder
            else:
                current = before + units * scale * 0.001 / k
            if current + widths[ord(character)] * scale * 0.001 / k - room > _TOLERANCE:
                if character == " ":
                    end, index = index, index + 1
                elif space >= 0:
                    if space in (start, closes):
                        return None  # fpdf2 would keep an empty run there
                    end, index = space, space + 1
                elif index > start:
                    end = index
                else:
                    return None  # not one character fits: fpdf2 raises an error
                if opens < end < closes or opens < start < closes:
                    return None  # the placeholder would be cut in two
                lines.append(text[start:end])
                start, before, run, units, space = index, 0.0, 0, 0, -1
                continue
            if character == " ":
                space = index
            run += 1
            units += widths[ord(character)]
            index += 1
        if run:
            last = before + (placeholder if in_placeholder else units * scale * 0.001 / k)
            if opens < start < closes:
                return None
            if last:
                lines.append(text[start:])
        if not lines or any(self.normalize_text(line) != line for line in lines):
            return None
        return tuple(lines)


def continued(title: str) -> str:
    """A heading again at the top of the next page."""
    # TRANSLATORS: a heading repeated at the top of a new page of the printout.
    return _("{title} (continued)").format(title=title)


def _row_parts(row: Row) -> list[tuple[str, float, bool]]:
    """The lines of a step: its text, then its due date, note and source in smaller sizes."""
    text = row.text
    if row.state == SKIPPED:
        text += " " + _("(does not apply)")
    parts = [(text, 1.0, False)]
    label = due_label(row)
    if label:
        parts.append((label, 0.8, False))
    if row.note:
        parts.append((_("Note: {note}").format(note=row.note), 0.8, False))
    if row.source:
        parts.append((_("Source: {source}").format(source=row.source), 0.7, False))
    return parts


def _draw_box(pdf: _Document, state: str, top: float, side: float) -> None:
    left = pdf.l_margin
    pdf.set_line_width(0.4)
    pdf.rect(left, top, side, side)
    if state == DONE:
        pdf.set_line_width(0.7)
        pdf.line(left + side * 0.2, top + side * 0.55, left + side * 0.42, top + side * 0.8)
        pdf.line(left + side * 0.42, top + side * 0.8, left + side * 0.82, top + side * 0.2)
    elif state == SKIPPED:
        pdf.set_line_width(0.7)
        pdf.line(left + side * 0.2, top + side * 0.5, left + side * 0.8, top + side * 0.5)


def _draw_row(pdf: _Document, row: Row, section: str) -> None:
    size = pdf.size
    side = pdf.line_height(size) * 0.85
    indent = side + BOX_GAP
    blocks = [
        pdf.layout(text, size * scale, bold=bold, indent=indent)
        for text, scale, bold in _row_parts(row)
    ]
    height = sum(block.height for block in blocks) + 1.5
    if pdf.ensure_room(height):
        pdf.text_block(continued(section), size, bold=True)
        pdf.ln(1)
    _draw_box(pdf, row.state, pdf.get_y() + 0.4, side)
    for block in blocks:
        pdf.draw(block)
    pdf.set_y(pdf.get_y() + 1.5)


def _header_line(pdf: _Document, fact: Fact, width: float) -> None:
    """A bold label, then the value, or a line to write on when the value is not known."""
    size = pdf.size
    pdf.set_font(FAMILY, "B", size)
    height = pdf.line_height(size) * (1.2 if fact.value else 1.6)
    label_width = pdf.get_string_width(fact.label + ": ") + 1
    pdf.cell(label_width, height, f"{fact.label}:")
    if fact.value:
        pdf.set_font(FAMILY, "", size)
        pdf.multi_cell(
            width - label_width,
            height,
            fact.value,
            align="L",
            link=fact.link,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        return
    pdf.set_line_width(0.3)
    baseline = pdf.get_y() + height * 0.8
    pdf.line(pdf.get_x(), baseline, pdf.l_margin + width * 0.75, baseline)
    pdf.ln(height)


def _draw_call(pdf: _Document, call: Fact, top: float) -> tuple[float, float]:
    """The QR code of the center's phone at the top right, "Scan to call" and the number under
    it; the column's width and bottom."""
    import segno

    link, number = call.link or "", call.value or ""
    size = pdf.size * 0.8
    pdf.set_font(FAMILY, "", size)
    width = min(max(QR_SIDE, pdf.get_string_width(number) + 2), pdf.epw / 3)
    left = pdf.l_margin + pdf.epw - width
    image = BytesIO()
    segno.make(link, error="m").save(image, kind="png", scale=8, border=4)
    pdf.image(
        image,
        x=left + (width - QR_SIDE) / 2,
        y=top,
        w=QR_SIDE,
        h=QR_SIDE,
        link=link,
        alt_text=_("QR code to call {number}").format(number=number),
    )
    pdf.set_xy(left, top + QR_SIDE)
    caption = _("Scan to call") + "\n" + number
    pdf.multi_cell(width, pdf.line_height(size), caption, align="C", link=link)
    return width, pdf.get_y()


def render_pdf(sheet: Sheet, *, paper: str, large_print: bool = False) -> bytes:
    size = 18.0 if large_print else 11.0
    pdf = _Document(paper, sheet.footer, size)
    pdf.add_page()
    pdf.text_block(sheet.title, size * 1.6, bold=True)
    pdf.ln(2)
    top, column, bottom = pdf.get_y(), 0.0, 0.0
    if sheet.call is not None:
        column, bottom = _draw_call(pdf, sheet.call, top)
        pdf.set_xy(pdf.l_margin, top)
    for fact in sheet.header:
        # Lines beside the QR code make room for it; the ones below it use the full width.
        beside = pdf.get_y() < bottom
        _header_line(pdf, fact, pdf.epw - (column + QR_GAP if beside else 0))
    pdf.set_y(max(pdf.get_y(), bottom))
    pdf.ln(2)
    pdf.text_block(_("Boxes: ticked = done, empty = to do, dash = does not apply."), size * 0.85)
    for section in sheet.sections:
        first = section.rows[0] if section.rows else None
        heading = pdf.layout(section.title, size * 1.25, bold=True)
        follow = 0.0
        if first is not None:
            follow = sum(pdf.layout(t, size * s, indent=8).height for t, s, _ in _row_parts(first))
        pdf.ensure_room(heading.height + 4 + follow)
        pdf.ln(3)
        pdf.draw(heading)
        pdf.set_line_width(0.5)
        pdf.line(pdf.l_margin, pdf.get_y() + 0.5, pdf.l_margin + pdf.epw, pdf.get_y() + 0.5)
        pdf.ln(2)
        for row in section.rows:
            _draw_row(pdf, row, section.title)
    if sheet.words:
        _draw_words(pdf, sheet.words)
    return bytes(pdf.output())


def _draw_words(pdf: _Document, words: tuple[tuple[str, str], ...]) -> None:
    """The glossary: a heading kept with its first term, then each term whole on its page."""
    size = pdf.size
    first = pdf.layout(f"{words[0][0]}: {words[0][1]}", size * 0.9).height
    title = _(GLOSSARY_TITLE)
    heading = pdf.layout(title, size * 1.25, bold=True)
    pdf.ensure_room(heading.height + 4 + first)
    pdf.ln(3)
    pdf.draw(heading)
    pdf.ln(2)
    for term, means in words:
        block = pdf.layout(f"{term}: {means}", size * 0.9)
        if pdf.ensure_room(block.height + 1):
            pdf.text_block(continued(title), size, bold=True)
            pdf.ln(1)
        pdf.draw(block)
        pdf.set_y(pdf.get_y() + 1)
