"""The PDF printout, drawn with fpdf2: pure Python, maintained, and able to embed a Unicode font.

Boxes are drawn as vector shapes, so they print crisply and need no special glyphs. The bundled
DejaVu Sans font covers accents, curly quotes and most scripts; a character it lacks is printed
as a visible stand-in, never dropped. Each step is measured before it is drawn and moved whole
to the next page when it would not fit; only a step longer than a page is split, and continues
on the next one. With a center card, a QR code of the center's phone (a ``tel:`` link, made with
segno) stands beside the header, the number printed under it for a reader without a camera.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

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
        size = self.size * 0.75
        self.set_font(FAMILY, "", size)
        self.multi_cell(
            0,
            self.line_height(size),
            # "{nb}" is where fpdf2 writes the number of pages, once it knows it.
            self.footer_text
            + "  "
            + _("Page {page} of {pages}").format(page=self.page_no(), pages="{nb}"),
            align="L",
        )

    @property
    def bottom(self) -> float:
        return float(self.h - self.b_margin)

    def line_height(self, size: float) -> float:
        return size * 0.5

    def text_block(self, text: str, size: float, *, bold: bool = False, indent: float = 0) -> None:
        self.set_font(FAMILY, "B" if bold else "", size)
        self.set_x(self.l_margin + indent)
        self.multi_cell(
            self.epw - indent,
            self.line_height(size),
            text,
            align="L",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )

    def measure(self, text: str, size: float, indent: float, bold: bool = False) -> float:
        self.set_font(FAMILY, "B" if bold else "", size)
        height = self.multi_cell(
            self.epw - indent,
            self.line_height(size),
            text,
            align="L",
            dry_run=True,
            output="HEIGHT",
        )
        assert isinstance(height, float)
        return height

    def ensure_room(self, height: float) -> bool:
        """Start a new page when ``height`` does not fit; ``True`` when it did."""
        if self.get_y() + height > self.bottom:
            self.add_page()
            return True
        return False


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
    parts = _row_parts(row)
    height = sum(pdf.measure(text, size * scale, indent) for text, scale, _ in parts) + 1.5
    if pdf.ensure_room(height):
        pdf.text_block(continued(section), size, bold=True)
        pdf.ln(1)
    _draw_box(pdf, row.state, pdf.get_y() + 0.4, side)
    for text, scale, bold in parts:
        pdf.text_block(text, size * scale, bold=bold, indent=indent)
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
        heading = pdf.measure(section.title, size * 1.25, 0, bold=True) + 4
        follow = 0.0
        if first is not None:
            follow = sum(pdf.measure(t, size * s, 8) for t, s, _ in _row_parts(first))
        pdf.ensure_room(heading + follow)
        pdf.ln(3)
        pdf.text_block(section.title, size * 1.25, bold=True)
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
    first = pdf.measure(f"{words[0][0]}: {words[0][1]}", size * 0.9, 0)
    title = _(GLOSSARY_TITLE)
    pdf.ensure_room(pdf.measure(title, size * 1.25, 0, bold=True) + 4 + first)
    pdf.ln(3)
    pdf.text_block(title, size * 1.25, bold=True)
    pdf.ln(2)
    for term, means in words:
        line = f"{term}: {means}"
        if pdf.ensure_room(pdf.measure(line, size * 0.9, 0) + 1):
            pdf.text_block(continued(title), size, bold=True)
            pdf.ln(1)
        pdf.text_block(line, size * 0.9)
        pdf.set_y(pdf.get_y() + 1)
