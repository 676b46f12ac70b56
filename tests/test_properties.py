"""Properties, checked with hypothesis on many generated inputs.

1. The progress store behaves like the plain in-memory model: any sequence of answers, notes,
   appointments and resets, saved through ``ProgressStore`` and read back, equals the same
   sequence applied to a ``Progress`` in memory.
2. Any valid checklist, dumped to YAML, loads back to exactly the checklist it describes.
3. ``infuseprep validate`` on any text or bytes answers with exit code 0 or 1 and a message:
   never a traceback, never "an unexpected problem".

The settings are derandomized and use no example database, so every run (and CI) checks the
same examples.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date, datetime, time, timezone
from pathlib import Path
from typing import Any

import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from infuseprep.checklist import (
    DEFAULT_ORDER,
    DEFAULT_SCOPE,
    ID_PATTERN,
    MAX_ORDER,
    MIN_ORDER,
    SCOPES,
    Checklist,
    Item,
)
from infuseprep.cli import app
from infuseprep.progress import DONE, MAX_DOSE, OPEN, SKIPPED, Appointment, Progress
from infuseprep.store import ProgressStore
from infuseprep.timing import Timing
from infuseprep.untrusted import clean

MEDICATION_IDS = ("belimumab-iv", "anifrolumab-iv", "other")
NOW = datetime(2026, 11, 23, 9, 30, tzinfo=timezone.utc)


def repeatable(max_examples: int) -> settings:
    """The same examples on every run: no randomness, no example database, no deadline."""
    return settings(derandomize=True, database=None, deadline=None, max_examples=max_examples)


# ----------------------------------------------------------------------------- 1. the store


@dataclass(frozen=True)
class Record:
    checklist_id: str
    item_id: str
    state: str
    at: str

    def apply(self, progress: Progress) -> None:
        progress.record(self.checklist_id, self.item_id, self.state, self.at)


@dataclass(frozen=True)
class Annotate:
    checklist_id: str
    item_id: str
    note: str | None

    def apply(self, progress: Progress) -> None:
        progress.annotate(self.checklist_id, self.item_id, self.note)


@dataclass(frozen=True)
class SetAppointment:
    appointment: Appointment | None

    def apply(self, progress: Progress) -> None:
        progress.appointment = self.appointment


@dataclass(frozen=True)
class Reset:
    """``infuseprep reset``: answers start over; ``--all`` also forgets the visit."""

    everything: bool


Operation = Record | Annotate | SetAppointment | Reset

# A small alphabet of ids, so operations land on the same steps again and again.
checklist_ids = st.sampled_from(["lab-work", "ride"])
item_ids = st.sampled_from(["book", "fast", "x"])
timestamps = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(timezone.utc)
).map(lambda moment: moment.isoformat(timespec="seconds"))
# Text as the store can hold it: reading a file neutralises control characters (untrusted.clean).
saved_text = st.text(max_size=20).map(clean)
notes = st.one_of(st.none(), st.just(""), saved_text)
appointments = st.builds(
    Appointment,
    date=st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
    # Times are saved as HH:MM, the only form the command line accepts.
    time=st.one_of(st.none(), st.builds(time, st.integers(0, 23), st.integers(0, 59))),
    medication=st.one_of(st.none(), st.sampled_from(MEDICATION_IDS)),
    center=st.one_of(st.none(), saved_text),
    dose=st.one_of(st.none(), st.integers(1, MAX_DOSE)),
    planned_on=st.one_of(
        st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
    ),
    previous=st.one_of(
        st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
    ),
)
operations: st.SearchStrategy[Operation] = st.one_of(
    st.builds(Record, checklist_ids, item_ids, st.sampled_from([DONE, OPEN, SKIPPED]), timestamps),
    st.builds(Annotate, checklist_ids, item_ids, notes),
    st.builds(SetAppointment, st.one_of(st.none(), appointments)),
    st.builds(Reset, st.booleans()),
)


@repeatable(max_examples=150)
@given(st.lists(operations, max_size=15))
# Found by this property: removing the only note of an unanswered step leaves an empty entry
# for its checklist in memory ({"ride": {}}), which the saved file drops.
@example([Annotate("ride", "fast", "a note"), Annotate("ride", "fast", None)])
def test_store_behaves_like_the_model(sequence: list[Operation]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = ProgressStore(Path(folder) / "home" / "progress.json")
        model = Progress()
        for operation in sequence:
            if isinstance(operation, Reset):
                store.reset(NOW, keep_visits=not operation.everything)
                kept = Progress(appointment=model.appointment, history=model.history)
                model = Progress() if operation.everything else kept
            else:
                store.change(operation.apply)
                operation.apply(model)
            assert store.read() == model, operation


# ----------------------------------------------------------------------------- 2. checklists

NAMED_TIMINGS = {
    "day before": (1, "day"),
    "evening before": (1, "evening"),
    "morning of": (0, "morning"),
    "at the visit": (0, "visit"),
    "day after": (-1, "day"),
}


@st.composite
def timings(draw: st.DrawFn) -> tuple[str, Timing]:
    """A ``when`` as written in a file, and the timing it means."""
    if draw(st.booleans()):
        words = draw(st.sampled_from(sorted(NAMED_TIMINGS)))
        days, part = NAMED_TIMINGS[words]
        return words, Timing(days, part, words)
    if draw(st.booleans()):
        count = draw(st.integers(1, 14))
        written = draw(st.sampled_from(["day", "days"]))
        plural = "" if count == 1 else "s"
        return f"{count} {written} after", Timing(-count, "day", f"{count} day{plural} after")
    unit = draw(st.sampled_from(["day", "week"]))
    count = draw(st.integers(1, 365 if unit == "day" else 52))
    plural = "" if count == 1 else "s"
    # "1 days before" and "3 week before" are accepted too, and read as the right words.
    written = draw(st.sampled_from([unit, unit + "s"]))
    days = count * (7 if unit == "week" else 1)
    return f"{count} {written} before", Timing(days, "day", f"{count} {unit}{plural} before")


identifiers = st.from_regex(ID_PATTERN, fullmatch=True)
# Printable text in any script, with accents, quotes, symbols and some spacing that the loader
# folds into single spaces; braces only make placeholders ({center.phone}), tested elsewhere.
free_text = st.text(
    alphabet=st.one_of(
        st.characters(categories=["L", "M", "N", "P", "S", "Zs"], exclude_characters="{}"),
        st.sampled_from("éèçñüÅø'\"\u201c\u201d\u2018\u2019«»:#-&*!|>%@`\t\n "),
    ),
    min_size=1,
    max_size=40,
).filter(lambda text: text.split())


def folded(text: str) -> str:
    """What the loader keeps of a text: runs of whitespace as one space, no space at the ends."""
    return " ".join(text.split())


@st.composite
def items(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    """An item as written in YAML, and the keyword arguments of the ``Item`` it means."""
    written: dict[str, Any] = {"id": draw(identifiers), "text": draw(free_text)}
    meant: dict[str, Any] = {"id": written["id"], "text": folded(written["text"])}
    if draw(st.booleans()):
        written["details"] = draw(free_text)
        meant["details"] = folded(written["details"])
    if draw(st.booleans()):
        written["source"] = draw(free_text)
        meant["source"] = folded(written["source"])
    if draw(st.booleans()):
        written["when"], meant["when"] = draw(timings())
    if draw(st.booleans()):
        written["scope"] = meant["scope"] = draw(st.sampled_from(SCOPES))
    if draw(st.booleans()):
        chosen = draw(st.lists(st.sampled_from(MEDICATION_IDS), min_size=1, max_size=3))
        written["medications"], meant["medications"] = chosen, tuple(chosen)
    return written, meant


@st.composite
def checklists(draw: st.DrawFn) -> tuple[dict[str, Any], Checklist]:
    """A checklist file's content, and the ``Checklist`` it must load as."""
    written: dict[str, Any] = {"id": draw(identifiers), "title": draw(free_text)}
    description = draw(st.one_of(st.none(), free_text))
    source = draw(st.one_of(st.none(), free_text))
    order = draw(st.one_of(st.none(), st.integers(MIN_ORDER, MAX_ORDER)))
    scope = draw(st.one_of(st.none(), st.sampled_from(SCOPES)))
    for key, value in (
        ("description", description),
        ("source", source),
        ("order", order),
        ("scope", scope),
    ):
        if value is not None:
            written[key] = value
    pairs = draw(st.lists(items(), min_size=1, max_size=6, unique_by=lambda pair: pair[0]["id"]))
    written["items"] = [item for item, _ in pairs]
    expected = Checklist(
        id=written["id"],
        title=folded(written["title"]),
        items=tuple(Item(**{"scope": scope or DEFAULT_SCOPE, **meant}) for _, meant in pairs),
        description=None if description is None else folded(description),
        source=None if source is None else folded(source),
        order=DEFAULT_ORDER if order is None else order,
        scope=scope or DEFAULT_SCOPE,
    )
    return written, expected


@repeatable(max_examples=150)
@given(checklists())
def test_any_valid_checklist_loads_as_written(case: tuple[dict[str, Any], Checklist]) -> None:
    from infuseprep.validation import load_checklist_file

    written, expected = case
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "generated.yaml"
        text = yaml.safe_dump(written, allow_unicode=True, sort_keys=False)
        path.write_text(text, encoding="utf-8")
        checklist, problems = load_checklist_file(path)
    assert [str(problem) for problem in problems] == []
    assert checklist is not None
    assert checklist.path == path
    # Where it was read aside, the checklist is the one written.
    assert checklist._replace(path=Path(), id_line=1) == expected


# ----------------------------------------------------------------------------- 3. validate

# Pieces of YAML, so that generated text reaches past the parser into the checklist checks.
YAML_PIECES = (
    "id: ",
    "title: ",
    "items:",
    "text: ",
    "when: ",
    "scope: ",
    "medications: ",
    "details: ",
    "order: ",
    "description: ",
    "- ",
    "  ",
    "\n",
    "\t",
    ": ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&a ",
    "*a",
    "<<: ",
    "!!python/object:os.system ",
    "!!binary ",
    "!x ",
    "? ",
    "|",
    ">-",
    "'",
    '"',
    "#",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "lab-work",
    "ride",
    "3 days before",
    "morning of",
    "once",
    "belimumab-iv",
    "2026-11-23",
    "12",
    "1e400",
    "null",
    "yes",
    "~",
    "é",
    "\ufeff",
    "\x00",
    "\x85",
    "\u2028",
)
values: st.SearchStrategy[object] = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=True),
        st.dates(),
        st.text(max_size=10),
        identifiers,
        st.sampled_from(["3 days before", "day after", "once", "yearly", *MEDICATION_IDS]),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.one_of(
                st.sampled_from(["id", "title", "items", "text", "when", "scope"]), st.text()
            ),
            children,
            max_size=4,
        ),
    ),
    max_leaves=20,
)
texts = st.one_of(
    st.text(),
    st.lists(st.sampled_from(YAML_PIECES), max_size=40).map("".join),
    values.map(lambda value: yaml.safe_dump(value, allow_unicode=True)),
    checklists().map(lambda case: yaml.safe_dump(case[0], allow_unicode=True, sort_keys=False)),
)


def assert_validate_answers(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "any.yaml"
        path.write_bytes(content)
        result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code in {0, 1}, result.output
    assert "Traceback" not in result.output
    assert "unexpected problem" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception


@repeatable(max_examples=250)
@given(texts)
def test_validate_answers_any_text(text: str) -> None:
    assert_validate_answers(text.encode("utf-8", errors="surrogatepass"))


@repeatable(max_examples=100)
@given(st.binary(max_size=200))
def test_validate_answers_any_bytes(content: bytes) -> None:
    assert_validate_answers(content)


# Words of 1 to 30 letters between single spaces, as most checklist lines are; now and then
# two spaces, a tab or a word longer than a line, which the writer leaves to textwrap.
wordy_text = st.lists(
    st.text(alphabet="abcdefghij\u00e9\u201c-", min_size=1, max_size=30), min_size=1
).flatmap(
    lambda words: st.sampled_from([" ", " ", " ", "  ", "\t"]).map(lambda gap: gap.join(words))
)


@repeatable(max_examples=400)
@example(text="a word with a space after ", width=20, indent=0, hang=0)
@example(text=" a word with a space before it", width=20, indent=0, hang=0)
@example(text="two spaces  between words in this line", width=20, indent=0, hang=0)
@given(
    text=st.one_of(st.text(max_size=120), wordy_text),
    width=st.integers(20, 100),
    indent=st.integers(0, 6),
    hang=st.integers(0, 4),
)
def test_the_plain_writer_wraps_as_textwrap_does(
    text: str, width: int, indent: int, hang: int
) -> None:
    """The writer fills plain lines itself (for speed at scale): the output must not change."""
    import io
    import textwrap

    from infuseprep.render.plain import PlainWriter, wrap
    from infuseprep.untrusted import clean

    first, rest = " " * indent, " " * (indent + hang)
    expected = textwrap.wrap(
        text, width, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False
    )
    assert wrap(text, width, first, rest) == expected
    stream = io.StringIO()
    writer = PlainWriter(stream)
    writer.width = width
    writer.line(text, indent=indent, hang=hang)
    if not text:
        assert stream.getvalue() == "\n"
        return
    lines = textwrap.wrap(
        clean(text),
        width,
        initial_indent=" " * indent,
        subsequent_indent=" " * (indent + hang),
        break_on_hyphens=False,
    )
    assert stream.getvalue() == "\n".join(lines) + "\n"
