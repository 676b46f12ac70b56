"""What a printed copy holds, in one model that every printout format renders the same way."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import NamedTuple

from infuseprep.errors import UsageProblem
from infuseprep.glossary import Glossary
from infuseprep.i18n import N_, _
from infuseprep.medications import medications
from infuseprep.person import Settings
from infuseprep.progress import DONE, OPEN, SKIPPED
from infuseprep.summary import Summary
from infuseprep.words import clock_time, long_date, short_date

# Words kept here are marked with N_ and shown through _() (or the functions below), so they
# follow the language of the run.
TITLE = N_("Getting ready for your infusion")
GLOSSARY_TITLE = N_("Words used in this list")
DISCLAIMER = N_(
    "This list gives no medical advice. Your care team decides about your treatment: "
    "ask them when you are not sure."
)
FORMATS = ("text", "markdown", "html", "pdf")
SUFFIX_FORMATS = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
}
PAPERS = ("a4", "letter")
LETTER_TERRITORIES = {"US", "CA", "MX", "PH", "CL", "CO", "VE", "PR", "GT", "CR", "PA", "DO", "SV"}
HEADER_LABELS = (
    N_("Name"),
    N_("Visit"),
    N_("Medication"),
    N_("Center"),
    N_("Center phone"),
    # TRANSLATORS: the person who drives the patient home after the infusion.
    N_("Driver"),
    N_("Driver's phone"),
)
# The rest of a center card, shown after "Center phone" only when the card has it.
CARD_LABELS = (
    ("after_hours", N_("After hours")),
    ("address", N_("Address")),
    ("parking", N_("Parking")),
    ("check_in", N_("Check-in")),
    ("web", N_("Web page")),
)
_EXTENSION = re.compile(r"\s*(?:x|ext\.?|extension)\s*(\d+)\s*$", re.IGNORECASE)
BOX_WORDS = {DONE: N_("done"), OPEN: N_("to do"), SKIPPED: N_("does not apply")}


class Fact(NamedTuple):
    """A header line: a label, its value (``None``: a line to write on) and what it links to."""

    label: str
    value: str | None
    link: str | None = None


@dataclass(frozen=True)
class Row:
    state: str
    text: str
    when: str | None
    due: date | None
    note: str | None
    source: str | None = None


@dataclass(frozen=True)
class Section:
    title: str
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Sheet:
    title: str
    header: tuple[Fact, ...]
    sections: tuple[Section, ...]
    footer: str
    blank: bool
    words: tuple[tuple[str, str], ...] = ()
    # The center's main phone, shown as a QR code where the format can show an image.
    call: Fact | None = None

    @property
    def rows(self) -> tuple[Row, ...]:
        return tuple(row for section in self.sections for row in section.rows)


def build_sheet(
    summary: Summary, settings: Settings, today: date, *, blank: bool, glossary: Glossary
) -> Sheet:
    """A filled copy shows answers, due dates and notes; a blank one only the steps and timing.

    The header lists what is known and leaves a line to write on (``None``) for the rest; a
    blank copy leaves the name to be written by hand. The center card's other lines follow its
    phone when the card has them; its phones link to ``tel:``. The glossary's terms that the
    printed steps use (their text or details) come at the end.
    """
    appointment = None if blank else summary.appointment
    known: dict[str, str] = {}
    card: list[Fact] = []
    call = None
    if settings.name and not blank:
        known["Name"] = settings.name
    if summary.center is not None:
        center = summary.center
        known["Center"] = center.name
        call = Fact(_("Center phone"), center.phone, tel_link(center.phone))
        for key, label in CARD_LABELS:
            value = getattr(center, key)
            if value:
                link = tel_link(value) if key == "after_hours" else value if key == "web" else None
                card.append(Fact(_(label), value, link))
    if appointment is not None:
        when = long_date(appointment.date)
        if appointment.time is not None:
            # TRANSLATORS: the visit's date and time, as "Thursday, December 3, 2026 at 9:30 AM".
            when = _("{date} at {time}").format(date=when, time=clock_time(appointment.time))
        known["Visit"] = when
        medication = medications().get(appointment.medication or "")
        if medication is not None:
            known["Medication"] = medication.name
        if appointment.center:
            known.setdefault("Center", appointment.center)
    header: list[Fact] = []
    for label in HEADER_LABELS:
        if label == "Center phone" and call is not None:
            header += [call, *card]
        else:
            header.append(Fact(_(label), known.get(label)))
    sections = tuple(
        Section(
            status.checklist.title,
            tuple(
                Row(
                    state=OPEN if blank else step.state,
                    text=step.item.text,
                    when=step.item.when.shown() if step.item.when else None,
                    due=None if blank else step.due,
                    note=None if blank else step.note,
                    source=step.item.source,
                )
                for step in status.steps
            ),
        )
        for status in summary.checklists
    )
    footer = (
        _("Printed by infuseprep on {date}.").format(date=long_date(today)) + " " + _(DISCLAIMER)
    )
    used = glossary.used_in(
        f"{step.item.text}\n{step.item.details or ''}"
        for status in summary.checklists
        for step in status.steps
    )
    words = tuple((term.term, term.means) for term in used)
    return Sheet(_(TITLE), tuple(header), sections, footer, blank, words, call)


def tel_link(phone: str) -> str:
    """A ``tel:`` link (RFC 3966) that dials ``phone``: its digits, a leading ``+`` and
    ``;ext=`` for an extension.

    A number written with ``+`` keeps its country code. Without one, a number that looks North
    American (10 digits with an area code starting 2 to 9, or 11 starting with 1) gets ``+1``, as
    infuseprep is made for US labels and clinics; any other number is dialled as written. A
    center elsewhere writes its number with its ``+`` country code.
    """
    extension = _EXTENSION.search(phone)
    number = phone[: extension.start()] if extension else phone
    digits = _digits(number)
    if number.lstrip().startswith("+"):
        digits = f"+{digits}"
    elif re.fullmatch(r"1?[2-9]\d{9}", digits):
        digits = f"+1{digits[-10:]}"
    return f"tel:{digits}" + (f";ext={_digits(extension[1])}" if extension else "")


def _digits(text: str) -> str:
    """The digits of ``text`` as ASCII, whatever script they were written in."""
    return "".join(str(unicodedata.decimal(c)) for c in text if c.isdecimal())


def choose_format(requested: str | None, output: Path | None) -> str:
    """The format asked for, or the one the file name says; a clash or a guess is refused."""
    if requested is not None and requested not in FORMATS:
        raise UsageProblem(
            _('"{requested}" is not a format. Use one of: {formats}.').format(
                requested=requested, formats=", ".join(FORMATS)
            )
        )
    if output is None:
        return requested or "text"
    implied = SUFFIX_FORMATS.get(output.suffix.lower())
    if requested is None and implied is None:
        raise UsageProblem(
            _(
                'infuseprep cannot tell the format from "{name}". Name the file .txt, .md, '
                ".html or .pdf, or add --format."
            ).format(name=output.name)
        )
    if requested is not None and implied not in (None, requested):
        raise UsageProblem(
            _(
                '"{name}" looks like {implied}, but --format says {requested}. Change one of them.'
            ).format(name=output.name, implied=implied, requested=requested)
        )
    return requested or implied or "text"


def choose_paper(requested: str | None, environ: Mapping[str, str]) -> str:
    """The paper asked for, else Letter where the locale's country uses it, else A4."""
    if requested is not None:
        if requested.lower() not in PAPERS:
            raise UsageProblem(
                _('"{requested}" is not a paper size. Use a4 or letter.').format(
                    requested=requested
                )
            )
        return requested.lower()
    for variable in ("LC_ALL", "LC_PAPER", "LANG"):
        value = environ.get(variable, "")
        if value:
            territory = value.split(".")[0].partition("_")[2].upper()
            return "letter" if territory in LETTER_TERRITORIES else "a4"
    return "a4"


def due_label(row: Row) -> str | None:
    """ "Due Thu 26 Nov (1 week before)", or just the timing words on a blank copy."""
    if row.due is not None:
        due = short_date(row.due)
        if row.when:
            return _("Due {date} ({when})").format(date=due, when=row.when)
        return _("Due {date}").format(date=due)
    return row.when
