"""print and calendar: every output read back by an independent reader."""

from __future__ import annotations

import json
import re
import shutil
import stat
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar
from pypdf import PdfReader

from conftest import RIVERSIDE_VISIT

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
SIX = ("consultation", "lab-work", "insurance", "light-meal", "hydration", "comfort-items")
NOTE = "Crackers are OK \u2014 \u201ccaf\u00e9\u201d snack"


@pytest.fixture(autouse=True)
def pinned_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("infuseprep.clock.now", lambda: NOW)


@pytest.fixture
def prepared(run) -> dict:  # type: ignore[no-untyped-def,type-arg]
    """A visit ten days out with one step done (with a note) and one that does not apply."""
    run(*RIVERSIDE_VISIT)
    run("check", "light-meal/ask-about-eating", "--note", NOTE)
    run("skip", "light-meal/pack-snack")
    return json.loads(run("status", "--json").stdout)  # type: ignore[no-any-return]


def steps(document: dict) -> list[dict]:  # type: ignore[type-arg]
    return [item for checklist in document["checklists"] for item in checklist["items"]]


def test_text_printout(run, prepared) -> None:
    result = run("print", "--checklist", "light-meal")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:12] == [
        "GETTING READY FOR YOUR INFUSION",
        "===============================",
        "",
        "Name: ______________________________",
        "Visit: Thursday, December 3, 2026 at 9:30 AM",
        "Medication: Belimumab (Benlysta), IV",
        "Center: Riverside Infusion Center",
        "Center phone: ______________________________",
        "Driver: ______________________________",
        "Driver's phone: ______________________________",
        "",
        "[x] done   [ ] to do   [-] does not apply",
    ]
    assert (
        "[x] Ask your care team if you should eat before your visit.\n"
        "    Due Thu, Nov 26 (1 week before)\n"
        f"    Note: {NOTE}\n"
        "[ ] Have food at home for a light meal.\n"
        "    Due Wed, Dec 2 (day before)\n"
        "[-] Pack a small snack if the center said yes. (does not apply)\n"
    ) in result.stdout
    assert "\x1b" not in result.stdout


def test_blank_copy_has_no_answers_dates_or_notes(run, prepared) -> None:
    run("profile", "add", "mum", "--name", "Rosa")
    result = run("print", "--blank", "--checklist", "light-meal", "--profile", "mum")
    out = result.stdout
    # A blank copy is for writing on by hand: even a known name is left as a line.
    assert "Name: ______________________________\n" in out
    assert "Name: Rosa\n" in run("print", "--checklist", "light-meal", "--profile", "Mum").stdout
    assert "Visit: ______________________________\n" in out
    assert "[x] Ask" not in out and "[-]" not in out.split("does not apply\n", 1)[1]
    assert "    1 week before\n" in out
    assert "Due " not in out and "Note:" not in out


def test_markdown_boxes_match_the_states(run, prepared) -> None:
    out = run("print", "--format", "markdown").stdout
    boxes = re.findall(
        r"^- \[( |x)\] (~~)?(.+?)(?:~~ \(does not apply\))?(?: \*Due .*\*)?$", out, re.M
    )
    states = {item["text"]: item["state"] for item in steps(prepared)}
    assert len(boxes) == len(states)
    for mark, struck, text in boxes:
        expected = states[text.replace("\\", "")]
        if expected == "skipped":
            assert (mark, struck) == ("x", "~~")
        else:
            assert mark == ("x" if expected == "done" else " ")
    assert f"  - Note: {NOTE}" in out
    assert out.startswith("# Getting ready for your infusion\n")


class StrictHTML(HTMLParser):
    """Collects text and checks that every element closes in order."""

    VOID = frozenset({"meta", "br", "img", "link", "input", "hr"})

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.text: list[str] = []
        self.steps: list[tuple[str, str]] = []
        self.tags: list[str] = []
        self.hidden_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "li":
            self.steps.append((dict(attrs).get("class") or "", ""))
        if tag not in self.VOID:
            self.open.append(tag)
            if dict(attrs).get("aria-hidden") == "true" or self.hidden_depth:
                self.hidden_depth += 1

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, f"</{tag}> closes {self.open[-1:]}"
        self.open.pop()
        self.hidden_depth = max(0, self.hidden_depth - 1)

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self.steps and "li" in self.open and not self.hidden_depth:
            css, text = self.steps[-1]
            self.steps[-1] = (css, text + data)


def test_html_is_self_contained_printable_and_parses(run, prepared, tmp_path: Path) -> None:
    target = tmp_path / "list.html"
    result = run("print", "-o", str(target), "--large-print")
    assert result.exit_code == 0
    assert result.stderr == f"Wrote {target}\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    page = target.read_text(encoding="utf-8")
    parser = StrictHTML()
    parser.feed(page)
    parser.close()
    assert parser.open == []
    assert "script" not in parser.tags and "http" not in page.replace("http-equiv", "")
    assert "section.checklist { break-inside: avoid;" in page
    assert "break-inside: avoid;\n  page-break-inside: avoid; }" in page
    assert "background:" in page and "background: #fff" in page
    assert "font-size: 18pt" in page
    text = "".join(parser.text)
    for item in steps(prepared):
        assert item["text"] in text
    by_text = {item["text"]: item["state"] for item in steps(prepared)}
    for css, content in parser.steps:
        state = css.split()[-1]
        words = {"done": "done: ", "open": "to do: ", "skipped": "does not apply: "}[state]
        assert content.startswith(words)
        assert (
            by_text[content[len(words) :].split(" (does not apply)")[0].split("Due ")[0]] == state
        )


def page_texts(path: Path) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


def test_pdf_holds_every_step_and_splits_none(run, prepared, tmp_path: Path) -> None:
    target = tmp_path / "list.pdf"
    result = run("print", "-o", str(target), "--paper", "a4")
    assert result.exit_code == 0
    pages = page_texts(target)
    reader = PdfReader(target)
    assert [round(float(v)) for v in reader.pages[0].mediabox[2:]] == [595, 842]
    assert "Getting ready for your infusion" in pages[0]
    assert "Visit: Thursday, December 3, 2026 at 9:30 AM" in pages[0]
    assert "Center: Riverside Infusion Center" in pages[0]
    for item in steps(prepared):
        holding = [number for number, text in enumerate(pages) if item["text"] in text]
        assert len(holding) == 1, f"{item['text']!r} is split or missing"
    assert any(NOTE in text for text in pages), "accents and curly quotes must survive"
    assert all(f"Page {n} of {len(pages)}" in text for n, text in enumerate(pages, start=1))


def font_sizes(path: Path) -> dict[str, float]:
    """The font size of each line of text on page 1, as pypdf reads it back."""
    sizes: dict[str, float] = {}

    def seen(text: str, cm: object, tm: object, font: object, size: float) -> None:
        if text.strip():
            sizes.setdefault(text.strip(), size)

    PdfReader(path).pages[0].extract_text(visitor_text=seen)
    return sizes


def test_large_print_is_18_pt_with_larger_headings(run, prepared, tmp_path: Path) -> None:
    run("print", "-o", str(tmp_path / "normal.pdf"), "--checklist", "light-meal")
    run("print", "-o", str(tmp_path / "large.pdf"), "--checklist", "light-meal", "--large-print")
    step = "Have food at home for a light meal."
    shown = ("Eat a light meal", step, "Visit:")
    normal, large = font_sizes(tmp_path / "normal.pdf"), font_sizes(tmp_path / "large.pdf")
    assert [normal[text] for text in shown] == [13.75, 11.0, 11.0]
    assert [large[text] for text in shown] == [22.5, 18.0, 18.0]
    # The title is larger still; in large print on A4 it takes two lines.
    assert normal["Getting ready for your infusion"] == 17.6
    assert (large["Getting ready for your"], large["infusion"]) == (28.8, 28.8)


def test_pdf_page_counts_and_sizes(run, prepared, tmp_path: Path) -> None:
    six = ["--checklist" if i % 2 == 0 else SIX[i // 2] for i in range(12)]
    run("print", "-o", str(tmp_path / "six.pdf"), "--paper", "letter", *six)
    letter = PdfReader(tmp_path / "six.pdf")
    assert [round(float(v)) for v in letter.pages[0].mediabox[2:]] == [612, 792]
    assert len(letter.pages) <= 4, "six checklists, their sources and the glossary"
    run("print", "-o", str(tmp_path / "big.pdf"), "--paper", "letter", "--large-print", *six)
    assert len(PdfReader(tmp_path / "big.pdf").pages) > len(letter.pages)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils (CI installs it)")
def test_pdf_renders_to_an_image(run, prepared, tmp_path: Path) -> None:
    run("print", "-o", str(tmp_path / "list.pdf"))
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "30",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            str(tmp_path / "list.pdf"),
            str(tmp_path / "page"),
        ],
        check=True,
    )
    (png,) = tmp_path.glob("page*.png")
    assert png.read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize(
    ("lang", "paper"), [("en_US.UTF-8", [612, 792]), ("de_DE.UTF-8", [595, 842]), ("C", [595, 842])]
)
def test_paper_follows_the_locale(run, prepared, tmp_path: Path, monkeypatch, lang, paper) -> None:
    for variable in ("LC_ALL", "LC_PAPER"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", lang)
    run("print", "-o", str(tmp_path / "p.pdf"))
    assert [round(float(v)) for v in PdfReader(tmp_path / "p.pdf").pages[0].mediabox[2:]] == paper


def test_print_refuses_what_it_cannot_do(run, tmp_path: Path) -> None:
    bad = run("print", "--format", "docx")
    assert (bad.exit_code, bad.stderr) == (
        2,
        '"docx" is not a format. Use one of: text, markdown, html, pdf.\n',
    )
    paper = run("print", "--paper", "a5", "-o", str(tmp_path / "x.pdf"))
    assert (paper.exit_code, paper.stderr) == (2, '"a5" is not a paper size. Use a4 or letter.\n')
    missing = run("print", "-o", str(tmp_path / "nowhere" / "x.txt"))
    assert missing.exit_code == 2
    assert missing.stderr == (
        f'The folder "{tmp_path / "nowhere"}" does not exist, so nothing was written. '
        "Create it first, or choose another place.\n"
    )


def read_calendar(path: Path) -> Calendar:
    return Calendar.from_ical(path.read_bytes())


def test_calendar_events_alarms_and_stable_uids(run, prepared, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("TZ", "America/New_York")
    first = tmp_path / "one.ics"
    assert run("calendar", "-o", str(first)).exit_code == 0
    calendar = read_calendar(first)
    events = list(calendar.walk("VEVENT"))
    today = NOW.date().isoformat()
    dated_open = [i for i in steps(prepared) if i["due"] and i["state"] == "open"]
    coming = [i for i in dated_open if i["due"] >= today]
    assert len(coming) < len(dated_open)
    # Steps whose day has passed stay out of the calendar unless asked for.
    assert len(events) == 1 + len(coming)
    visit = events[0]
    assert str(visit["summary"]) == "Infusion visit: Belimumab (Benlysta), IV"
    new_york = ZoneInfo("America/New_York")
    assert visit.decoded("dtstart") == datetime(2026, 12, 3, 9, 30, tzinfo=new_york)
    assert visit.decoded("dtend") - visit.decoded("dtstart") == timedelta(hours=3)
    assert [str(zone["tzid"]) for zone in calendar.walk("VTIMEZONE")] == ["America/New_York"]
    assert "infuseprep check" not in first.read_text(encoding="utf-8")
    assert str(visit["location"]) == "Riverside Infusion Center"
    assert "\nSource: benlysta.com Benlysta infusion page\n" in str(visit["description"])
    triggers = sorted(str(alarm["trigger"].to_ical(), "ascii") for alarm in visit.walk("VALARM"))
    assert triggers == ["-P1D", "-PT2H"]
    for event in events:
        for alarm in event.walk("VALARM"):
            assert {"ACTION", "TRIGGER", "DESCRIPTION"} <= set(alarm)
    step = next(e for e in events if str(e["summary"]) == "Have food at home for a light meal.")
    assert str(step.decoded("dtstart")) == "2026-12-02"
    assert [str(a["trigger"].to_ical(), "ascii") for a in step.walk("VALARM")] == ["PT8H"]
    assert not any("Pack a small snack" in str(e["summary"]) for e in events)
    watch = next(e for e in events if str(e["summary"]).startswith("Watch how you feel"))
    assert str(watch.decoded("dtstart")) == "2026-12-04"
    assert "\nSource: BENLYSTA (belimumab) US prescribing information, section 5" in str(
        watch["description"]
    )
    assert not list(calendar.walk("VTODO"))
    monkeypatch.setattr("infuseprep.clock.now", lambda: datetime(2026, 11, 25, tzinfo=timezone.utc))
    run("check", "light-meal/have-food-ready")
    second = tmp_path / "two.ics"
    run("calendar", "-o", str(second))
    uids_one = {str(e["uid"]) for e in events}
    uids_two = {str(e["uid"]) for e in read_calendar(second).walk("VEVENT")}
    changed = {
        uid for uid in uids_one if uid.endswith(".visit-1.light-meal.have-food-ready@infuseprep")
    }
    assert len(changed) == 1
    assert uids_two == uids_one - changed
    assert int(read_calendar(second).walk("VEVENT")[0]["sequence"]) > int(visit["sequence"])


def test_calendars_of_two_people_share_no_entry(run, prepared, tmp_path: Path) -> None:
    run("profile", "add", "mum")
    run(*RIVERSIDE_VISIT, "--profile", "mum")
    mine, hers = tmp_path / "mine.ics", tmp_path / "hers.ics"
    run("calendar", "-o", str(mine))
    run("calendar", "-o", str(hers), "--profile", "mum")
    uids = [{str(e["uid"]) for e in read_calendar(path).walk("VEVENT")} for path in (mine, hers)]
    assert uids[0] and uids[1] and not uids[0] & uids[1]
    past = tmp_path / "past.ics"
    run("calendar", "-o", str(past), "--include-past", "--length", "4.5")
    events = list(read_calendar(past).walk("VEVENT"))
    assert len(events) > len(uids[0])
    assert events[0].decoded("dtend") - events[0].decoded("dtstart") == timedelta(hours=4.5)


def test_calendar_all_and_todos(run, prepared, tmp_path: Path) -> None:
    target = tmp_path / "all.ics"
    run("calendar", "-o", str(target), "--all", "--todos")
    calendar = read_calendar(target)
    summaries = [str(e["summary"]) for e in calendar.walk("VEVENT")]
    assert "Pack a small snack if the center said yes. (does not apply)" in summaries
    todos = list(calendar.walk("VTODO"))
    assert len(todos) == len(summaries) - 1
    done = next(t for t in todos if "Ask your care team if you should eat" in str(t["summary"]))
    assert str(done["status"]) == "COMPLETED"


def test_calendar_without_a_visit(run, tmp_path: Path) -> None:
    result = run("calendar", "-o", str(tmp_path / "x.ics"))
    assert result.exit_code == 2
    assert result.stderr == (
        "A calendar needs the visit date. Set it first: infuseprep appointment set YYYY-MM-DD\n"
    )


@pytest.mark.skipif(shutil.which("khal") is None, reason="needs khal (CI installs it)")
def test_khal_imports_the_calendar_and_an_update_replaces_it(  # type: ignore[no-untyped-def]
    run, prepared, tmp_path: Path, khal
) -> None:
    target = tmp_path / "visit.ics"
    run("calendar", "-o", str(target))
    khal.import_file(target)
    count = len(list(khal.store.iterdir()))
    khal.import_file(target)
    assert len(list(khal.store.iterdir())) == count
    listed = khal("list", "2026-12-03", "2026-12-04", "--format", "{title}|{alarm-symbol}")
    assert "Infusion visit: Belimumab (Benlysta), IV|" in listed


def test_heavy_libraries_load_only_for_their_commands() -> None:
    heavy = ("fpdf", "icalendar", "yaml", "rich", "segno")
    code = f"import infuseprep.cli, sys; print(sorted(m for m in {heavy} if m in sys.modules))"
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert loaded.stdout.strip() == "[]"


def test_print_names_a_format_clash_instead_of_guessing(run, tmp_path: Path) -> None:
    clash = run("print", "--format", "html", "-o", str(tmp_path / "x.pdf"))
    assert (clash.exit_code, clash.stderr) == (
        2,
        '"x.pdf" looks like pdf, but --format says html. Change one of them.\n',
    )
    unknown = run("print", "-o", str(tmp_path / "x.docx"))
    assert unknown.exit_code == 2
    assert unknown.stderr.startswith('infuseprep cannot tell the format from "x.docx".')
    assert run("print", "--format", "markdown", "-o", str(tmp_path / "x.txt")).exit_code == 2
    assert run("print", "--format", "markdown", "-o", str(tmp_path / "notes")).exit_code == 0


def test_a_blank_copy_lists_every_step_for_any_medicine(run, prepared) -> None:
    filled = run("print").stdout
    blank = run("print", "--blank").stdout
    anifrolumab_only = "Plan for a visit every 4 weeks."
    assert anifrolumab_only not in filled, "the visit is for belimumab"
    assert anifrolumab_only in blank
    assert "Plan for visits 2 weeks apart at first, then every 4 weeks." in blank
    assert "[x]" not in blank.split("does not apply\n", 1)[1]


def test_pdf_continues_a_checklist_under_its_heading(run, prepared, tmp_path: Path) -> None:
    run("print", "-o", str(tmp_path / "big.pdf"), "--large-print", "--paper", "a4")
    pages = page_texts(tmp_path / "big.pdf")
    for text in pages[1:]:
        body = text.split("Printed by infuseprep")[0]
        assert "(continued)" in body[:80] or any(
            body.startswith(title)
            for title in (
                "See your",
                "Get your",
                "Ask for",
                "Plan how",
                "Drink enough",
                "Pack your",
                "Eat a",
                "Check yourself",
                "Words used in this list",
            )
        ), body[:80]


def test_every_format_gives_a_step_its_source_in_small_print(run, prepared, tmp_path) -> None:
    watch = "Watch how you feel for a week after the visit."
    source = "Source: BENLYSTA (belimumab) US prescribing information, section 5"
    text = run("print", "--checklist", "before-you-leave").stdout
    after_watch = text.split(watch, 1)[1]
    assert after_watch.startswith(
        "\n    Due Fri, Dec 4 (day after)\n    Source: BENLYSTA (belimumab) US"
    )
    markdown = run("print", "--format", "markdown", "--checklist", "before-you-leave").stdout
    assert f"  - *{source}" in markdown
    page = run("print", "--format", "html", "--checklist", "before-you-leave").stdout
    assert f'<span class="source">{source}' in page
    assert ".source { display: block; font-size: .8em;" in page
    target = tmp_path / "leave.pdf"
    run("print", "-o", str(target), "--checklist", "before-you-leave")
    assert any(source in text for text in page_texts(target))


@pytest.mark.parametrize("size", [[], ["--large-print"]])
def test_pdf_never_loses_text(run, write, tmp_path: Path, size: list[str]) -> None:
    """A step longer than a page goes on over the next; a character DejaVu lacks shows as �."""
    words = " ".join(f"w{number}" for number in range(1800))
    write(
        "lists/long.yaml",
        f"""
        id: long
        title: A long one
        items:
          - id: long-step
            text: "Start {words} 中 \U0001f9ea end."
        """,
    )
    target = tmp_path / "long.pdf"
    result = run("print", "--checklists", str(tmp_path / "lists"), "-o", str(target), *size)
    assert (result.exit_code, result.stderr) == (0, f"Wrote {target}\n")
    pages = page_texts(target)
    bodies = " ".join(page.split("Printed by infuseprep")[0] for page in pages)
    found = re.search(r"Start (.*?) end\.", bodies)
    assert found is not None
    assert found[1].split() == [*words.split(), "\ufffd", "\ufffd"]
    assert len([page for page in pages if "w0 " in page or "w1799" in page]) == 2


# The PDF breaks its lines itself (fpdf2's multi_cell takes seconds on a long printout): these
# check that it breaks every text where multi_cell would, and that the pages come out the same.
LAYOUT_TEXTS = (
    "Bring the “blue” folder and a bottle of water: café, crème brûlée.",
    "Two  spaces,   three spaces and one at the end ",
    " a space first",
    "A" * 300,  # a word longer than a line is cut
    "short\nlines\n\nwith an empty one",
    "cafe\u0301 with combining accents " * 8,
    "Printed by infuseprep on Friday, November 27, 2026. This list gives no medical advice. "
    "Your care team decides about your treatment: ask them when you are not sure.  Page 12 of {nb}",
    "\u4e2d \U0001f9ea stand-ins, a \u202e bidi control and a\u200djoiner",
)
LAYOUT_PIECES = (
    "a",
    "W",
    "i",
    "\u00e9",
    "e\u0301",
    "\u201c",
    ".",
    " ",
    "  ",
    "\n",
    "{nb}",
    "\u200d",
    "\u4e2d",
    "word ",
    "Infusion ",
    "x" * 40,
)


@pytest.fixture(scope="module")
def document():  # type: ignore[no-untyped-def]
    from infuseprep.render.pdf import _Document

    pdf = _Document("a4", "Footer", 11.0)
    pdf.add_page()
    return pdf


def multi_cell_layout(pdf, block) -> tuple[list[str], float]:  # type: ignore[no-untyped-def]
    """The lines and height fpdf2's multi_cell gives the same text in the same column."""
    from fpdf.enums import MethodReturnValue

    pdf.set_font("DejaVu", "B" if block.bold else "", block.size)
    lines, height = pdf.multi_cell(
        block.width,
        pdf.line_height(block.size),
        block.text,
        align="L",
        dry_run=True,
        output=MethodReturnValue.LINES | MethodReturnValue.HEIGHT,
    )
    return lines, height


@pytest.mark.parametrize("text", LAYOUT_TEXTS)
@pytest.mark.parametrize(("size", "bold"), [(8.25, False), (11, False), (13.75, True), (18, False)])
@pytest.mark.parametrize("indent", [0, 7.65, 150])
def test_pdf_breaks_lines_where_fpdf2_would(document, text, size, bold, indent) -> None:  # type: ignore[no-untyped-def]
    block = document.layout(text, size, bold=bold, indent=indent)
    assert block.lines is not None  # laid out here, not left to multi_cell
    assert (list(block.lines), block.height) == multi_cell_layout(document, block)


@given(
    pieces=st.lists(st.sampled_from(LAYOUT_PIECES), max_size=120),
    size=st.sampled_from([6.0, 8.25, 9.9, 11.0, 14.4, 18.0, 28.8]),
    bold=st.booleans(),
    indent=st.floats(min_value=0, max_value=170),
)
@settings(derandomize=True, database=None, deadline=None, max_examples=300)
def test_pdf_line_breaks_match_fpdf2_on_any_text(document, pieces, size, bold, indent) -> None:  # type: ignore[no-untyped-def]
    block = document.layout("".join(pieces), size, bold=bold, indent=indent)
    if block.lines is not None:  # otherwise multi_cell lays it out when it is drawn
        assert (list(block.lines), block.height) == multi_cell_layout(document, block)


def test_pdf_pages_are_the_ones_multi_cell_would_draw(monkeypatch: pytest.MonkeyPatch) -> None:
    """A whole printout, with a step longer than a page, drawn both ways: the same file."""
    from datetime import date

    from infuseprep.printout import Fact, Row, Section, Sheet
    from infuseprep.progress import DONE, SKIPPED
    from infuseprep.render import pdf as module

    class ByMultiCell(module._Document):
        def layout(self, text, size, *, bold=False, indent=0):  # type: ignore[no-untyped-def]
            return super().layout(text, size, bold=bold, indent=indent)._replace(lines=None)

    long = " ".join(f"w{number}" for number in range(1500))
    rows = tuple(
        Row(DONE if n % 3 else SKIPPED, text, "day before", date(2026, 12, 2), note, "Label")
        for n, (text, note) in enumerate(
            [(text, None) for text in LAYOUT_TEXTS] + [(long, "a note\non two lines")] * 2
        )
    )
    sheet = Sheet(
        "Getting ready",
        (Fact("Name", "Ana"), Fact("Driver", None)),
        tuple(Section(f"List {n}", rows) for n in range(3)),
        "Printed by infuseprep on Monday, November 23, 2026. " * 3,
        False,
        (("IV", "a line into a vein"),),
    )

    def without_dates(data: bytes) -> bytes:
        return re.sub(rb"/CreationDate \(D:[^)]*\)|/ID \[<\w+><\w+>\]", b"", data)

    for large_print in (False, True):
        ours = module.render_pdf(sheet, paper="a4", large_print=large_print)
        monkeypatch.setattr(module, "_Document", ByMultiCell)
        theirs = module.render_pdf(sheet, paper="a4", large_print=large_print)
        monkeypatch.undo()
        assert without_dates(ours) == without_dates(theirs)
        assert len(PdfReader(BytesIO(ours)).pages) > 5
