"""Text built to take over a terminal or a printout: refused where it enters, harmless where shown.

Each control case is tried twice. In a checklist file, ``validate`` refuses it with the file,
line and column of the character. Then as if the files had been edited by hand after they were
checked (the gates switched off, so the text reaches the renderers as written): every command
that shows the text runs, and no raw control character may come out on stdout, on stderr or in
a written file. The markup cases are valid text that must stay text in every format.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import pytest
from pypdf import PdfReader

from infuseprep.untrusted import clean, escape_json, find

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
TIME_LIMIT_SECONDS = 5.0
# Anything a terminal could act on or that hides or reorders text: C0 but tab and newline, DEL,
# C1, the bidirectional controls, zero-width and other invisible characters, lone surrogates.
RAW = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f"
    "\ufeff\ufff9-\ufffb\ud800-\udfff]"
)

CONTROL = {
    "clear-screen": "\x1b[2J\x1b[H",
    "osc-0-title": "\x1b]0;owned\x07",
    "osc-8-link": "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\",
    "osc-52-clipboard": "\x1b]52;c;cm0gLXJmIH4K\x07",
    "colour": "\x1b[31mred\x1b[0m",
    "alternate-screen": "\x1b[?1049h",
    "reset-terminal": "\x1bc",
    "dcs-query": "\x1bP$q m\x1b\\",
    "c1-csi": "\x9b2J",
    "c1-osc": "\x9d0;owned\x9c",
    "next-line-c1": "a\x85b",
    "bell": "ring\x07",
    "backspace": "safe\x08\x08\x08\x08evil",
    "carriage-return": "shown\rhidden",
    "nul": "a\x00b",
    "delete": "a\x7fb",
    "vertical-tab": "a\x0bb",
    "form-feed": "a\x0cb",
    "right-to-left-override": "\u202etxt.exe",
    "left-to-right-embedding": "\u202aabc\u202c",
    "isolates": "\u2066abc\u2069",
    "first-strong-isolate": "\u2068abc\u2069",
    "right-to-left-mark": "abc\u200f",
    "arabic-letter-mark": "abc\u061c",
    "zero-width-space": "pass\u200bword",
    "byte-order-mark-mid-text": "in\ufeffside",
    "soft-hyphen": "in\u00advisible",
    "word-joiner": "a\u2060b",
    "joiner-not-between-letters": "\u200d!",
    "line-separator": "a\u2028b",
    "invisible-times": "a\u2062b",
    "interlinear-annotation": "a\ufff9b\ufffbc",
}
# Only a hand-edited progress file can hold these: YAML and the command line refuse them first.
PROGRESS_ONLY = {"lone-surrogate": "half \ud800 of a pair", "low-surrogate": "\udfff"}
MARKUP = {
    "rich-markup": "[bold red]ALARM[/bold red]",
    "rich-link": "[link=https://evil.example]click[/link]",
    "html-script": "<script>alert(1)</script>",
    "html-image": '<img src=x onerror="alert(1)">',
    "html-entity": "&#x202e;&lt;b&gt;",
    "markdown-link": "[x](javascript:alert(1))",
    "markdown-link-half": "](javascript:alert(1))",
    "markdown-image": "![x](https://evil.example/pixel.png)",
    "backticks": "``code`` and `more`",
    "markdown-autolink": "<https://evil.example>",
}
ICS_INJECTION = "ok\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:evil\r\nUID:evil"


def yaml_quoted(text: str) -> str:
    """A YAML double-quoted scalar that writes every unusual character as an escape."""
    escaped = "".join(
        char if " " <= char <= "~" and char not in '"\\' else f"\\u{ord(char):04x}" for char in text
    )
    return f'"{escaped}"'


def checklist(text: str) -> str:
    return (
        "id: hostile\n"
        f"title: {yaml_quoted('Title ' + text)}\n"
        f"description: {yaml_quoted('About ' + text)}\n"
        "items:\n"
        "  - id: first\n"
        f"    text: {yaml_quoted('Step ' + text)}\n"
        f"    details: {yaml_quoted('Why ' + text)}\n"
        "    when: 1 week before\n"
        "  - id: second\n"
        "    text: Plain step.\n"
    )


def progress(text: str) -> str:
    """A progress file as an editor leaves it: the text in the note and the center."""
    document = {
        "format": "infuseprep-progress",
        "version": 2,
        "appointment": {
            "date": "2026-12-03",
            "time": "09:30",
            "medication": "belimumab-iv",
            "center": "Center " + text,
            "dose": None,
        },
        "history": [],
        "answers": {
            "hostile": {"first": {"state": "open", "time": "2026-11-20T10:00:00", "note": text}}
        },
    }
    return json.dumps(document)


def commands(folder: Path, out: Path) -> list[tuple[str, ...]]:
    """Every command that shows checklist text, a note or the center, but the PDF printout:
    it takes most of a second, so ``test_every_case_at_once_in_a_pdf`` makes one for all."""
    extra = ("--checklists", str(folder))
    return [
        ("show", "hostile", *extra),
        ("list", *extra),
        ("status", *extra),
        ("status", "--json", *extra),
        ("today", *extra),
        ("start", "--checklist", "hostile", *extra),
        ("appointment", "show"),
        ("print", *extra),
        ("print", "--format", "markdown", *extra),
        ("print", "--format", "html", *extra),
        ("calendar", "-o", str(out / "visit.ics"), *extra),
    ]


def written(out: Path) -> str:
    """The calendar file the commands wrote, its line ends (CR LF, as the format wants) as LF."""
    return (out / "visit.ics").read_bytes().decode("utf-8").replace("\r\n", "\n")


@pytest.fixture
def scene(tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Path]:
    monkeypatch.setattr("infuseprep.clock.now", lambda: NOW)

    def make(text: str, *, gates: bool, in_checklist: bool = True) -> Path:
        if not gates:  # as if both files were edited by hand after they were checked
            monkeypatch.setattr("infuseprep.validation.find", lambda text, multiline=True: None)
            monkeypatch.setattr("infuseprep.progress_document.clean", lambda text: text)
        folder = tmp_path / "lists"
        folder.mkdir()
        listed = checklist(text if in_checklist else "plain")
        (folder / "hostile.yaml").write_text(listed, encoding="utf-8")
        (home / "progress.json").write_text(progress(text), encoding="ascii")
        return folder

    return make


def run_everything(run, folder: Path, out: Path, start_input: str = "?\ne\n\x1b[D\n") -> str:  # type: ignore[no-untyped-def]
    """Runs every command, checks each, and returns all they printed and wrote."""
    shown = []
    for command in commands(folder, out):
        started = time.perf_counter()
        result = run(*command, input=start_input if command[0] == "start" else None)
        elapsed = time.perf_counter() - started
        assert result.exit_code == 0, (command, result.output)
        assert "Traceback" not in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert elapsed < TIME_LIMIT_SECONDS, command
        for stream in (result.stdout, result.stderr):
            assert not RAW.search(stream), (command, RAW.findall(stream))
        shown.append(result.stdout)
    files = written(out)
    assert not RAW.search(files), RAW.findall(files)
    return "\n".join(shown) + files


@pytest.mark.parametrize("name", sorted(CONTROL))
def test_validate_refuses_the_character_where_it_is(run, tmp_path: Path, name: str) -> None:
    text = CONTROL[name]
    path = tmp_path / "hostile.yaml"
    path.write_text(checklist(text), encoding="utf-8")
    source = path.read_text(encoding="utf-8").splitlines()
    found = find(text)
    assert found is not None
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert result.stderr == "1 file checked: 4 problems found.\n"
    pattern = re.compile(
        re.escape(str(path)) + r":(\d+):(\d+): "
        r'"(title|description|text|details)" contains '
        + re.escape(found.description)
        + "; remove it"
    )
    keys = []
    for line in result.stdout.splitlines():
        match = pattern.fullmatch(line)
        assert match, line
        number, column, key = int(match[1]), int(match[2]), match[3]
        assert source[number - 1][column - 1 :].startswith(f"\\u{ord(found.character):04x}")
        keys.append(key)
    assert keys == ["title", "description", "text", "details"]
    assert not RAW.search(result.output)


def test_the_message_names_the_escape_exactly(run, write) -> None:  # type: ignore[no-untyped-def]
    path = write(
        "checklist.yaml",
        """
        id: ride
        title: Get a ride
        items:
          - id: ask-friend
            text: Ask a friend.
            details: "Call them \\e[2J today"
        """,
    )
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert result.stdout == (
        f'{path}:6:25: "details" contains a control character (U+001B ESCAPE); remove it\n'
    )


def test_a_raw_control_character_is_located(run, tmp_path: Path) -> None:
    path = tmp_path / "raw.yaml"
    path.write_bytes(b"id: ride\ntitle: Get a \xc3\xa9 ride\x1b[2J\n")
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert result.stdout == (
        f"{path}:2:20: the file contains a control character (U+001B ESCAPE); remove it\n"
    )


def test_joiners_inside_words_and_emoji_are_text(run, write) -> None:  # type: ignore[no-untyped-def]
    path = write(
        "ok.yaml",
        """
        id: ride
        title: "Bring your laptop \U0001f469\u200d\U0001f4bb and \u0915\u094d\u200d\u0937"
        items:
          - id: ask-friend
            text: "Ask a friend (\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645)."
        """,
    )
    result = run("validate", str(path))
    assert result.exit_code == 0, result.stdout
    assert clean("\U0001f469\u200d\U0001f4bb") == "\U0001f469\u200d\U0001f4bb"


@pytest.mark.parametrize("name", sorted(CONTROL | PROGRESS_ONLY))
def test_hand_edited_files_reach_no_terminal_or_file(run, scene, tmp_path: Path, name) -> None:  # type: ignore[no-untyped-def]
    text = (CONTROL | PROGRESS_ONLY)[name]
    folder = scene(text, gates=False, in_checklist=name not in PROGRESS_ONLY)
    shown = run_everything(run, folder, tmp_path)
    assert "\ufffd" in shown or name == "joiner-not-between-letters"


@pytest.mark.parametrize("name", ["clear-screen", "right-to-left-override", "lone-surrogate"])
def test_a_hand_edited_progress_file_is_cleaned_as_it_is_read(run, scene, tmp_path, name) -> None:  # type: ignore[no-untyped-def]
    text = (CONTROL | PROGRESS_ONLY)[name]
    folder = scene("plain", gates=True)
    progress_file = Path(os.environ["INFUSEPREP_HOME"]) / "progress.json"
    progress_file.write_text(progress(text), encoding="ascii")
    shown = run_everything(run, folder, tmp_path)
    assert "Note: " + clean(text) in " ".join(shown.split())
    result = run("check", "hostile/first", "--checklists", str(folder))
    assert result.exit_code == 0
    saved = json.loads(progress_file.read_text(encoding="utf-8"))
    assert saved["answers"]["hostile"]["first"]["note"] == clean(text)


@pytest.mark.parametrize("name", sorted(MARKUP))
def test_markup_stays_text_in_every_format(run, scene, tmp_path: Path, name: str) -> None:
    text = MARKUP[name]
    folder = scene(text, gates=True)
    assert run("validate", str(folder)).exit_code == 0
    run_everything(run, folder, tmp_path)
    extra = ("--checklists", str(folder))
    for command in ("show", "status"):
        shown = run(command, "hostile", *extra) if command == "show" else run(command, *extra)
        assert " ".join(text.split()) in " ".join(shown.stdout.split())  # as written, markup too
    html = run("print", "--format", "html", *extra).stdout
    for tag in ("<script", "<img", "<b>", "&#x202e;", 'href="'):
        assert tag not in html
    markdown = run("print", "--format", "markdown", *extra).stdout
    for active in ("](", "<", "&", "``", "[x]("):
        assert not re.search(r"(?<!\\)" + re.escape(active), markdown.replace("- [", "")), active


def test_every_case_at_once_in_a_pdf(
    run, scene, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every text the PDF draws passes the font layer clean, and none comes out in the file."""
    import fpdf

    drawn: list[str] = []
    original = fpdf.FPDF.normalize_text

    def spy(pdf: fpdf.FPDF, text: str) -> str:
        drawn.append(text)
        return str(original(pdf, text))

    monkeypatch.setattr(fpdf.FPDF, "normalize_text", spy)
    everything = " ".join(CONTROL.values())
    folder = scene(everything, gates=False)
    progress_file = Path(os.environ["INFUSEPREP_HOME"]) / "progress.json"
    progress_file.write_text(progress(everything + " ".join(PROGRESS_ONLY.values())), "ascii")
    started = time.perf_counter()
    result = run("print", "-o", str(tmp_path / "copy.pdf"), "--checklists", str(folder))
    assert time.perf_counter() - started < TIME_LIMIT_SECONDS
    assert result.exit_code == 0, result.output
    assert result.stderr == f"Wrote {tmp_path / 'copy.pdf'}\n"
    assert any("Note: " in text for text in drawn)
    assert not [text for text in drawn if RAW.search(text)]
    extracted = "".join(page.extract_text() for page in PdfReader(tmp_path / "copy.pdf").pages)
    assert "\ufffd" in extracted
    assert not RAW.search(extracted)


def test_a_note_cannot_add_calendar_entries(run, scene, tmp_path: Path) -> None:
    folder = scene("plain", gates=True, in_checklist=False)
    calendar = tmp_path / "visit.ics"
    assert run("calendar", "-o", str(calendar), "--checklists", str(folder)).exit_code == 0
    events = calendar.read_bytes().decode("utf-8").split("\r\n").count("BEGIN:VEVENT")
    progress_file = Path(os.environ["INFUSEPREP_HOME"]) / "progress.json"
    progress_file.write_text(progress(ICS_INJECTION), encoding="ascii")
    run_everything(run, folder, tmp_path)
    lines = calendar.read_bytes().decode("utf-8").split("\r\n")
    assert lines.count("BEGIN:VEVENT") == events
    assert "SUMMARY:evil" not in lines
    assert not any(line.startswith("UID:evil") for line in lines)


@pytest.mark.parametrize(
    ("option", "what"),
    [
        (("check", "hostile/first", "--note"), "note"),
        (("appointment", "set", "2026-12-03", "--center"), "center"),
    ],
)
@pytest.mark.parametrize("name", ["clear-screen", "right-to-left-override", "zero-width-space"])
def test_command_line_text_is_refused(run, scene, home: Path, option, what, name) -> None:  # type: ignore[no-untyped-def]
    folder = scene("plain", gates=True)
    before = (home / "progress.json").read_bytes()
    text = CONTROL[name]
    found = find(text)
    assert found is not None
    extra = ("--checklists", str(folder)) if option[0] == "check" else ()
    result = run(*option, text, *extra)
    assert result.exit_code == 2
    assert result.stderr == (
        f"The {what} contains {found.description}. Nothing was saved; type it again without it.\n"
    )
    assert (home / "progress.json").read_bytes() == before


def test_a_center_is_one_line(run) -> None:
    result = run("appointment", "set", "2026-12-03", "--center", "Riverside\nEND:VEVENT")
    assert result.exit_code == 2
    assert result.stderr == (
        "The center contains a control character (U+000A LINE FEED). Nothing was saved; type it "
        "again without it.\n"
    )


def test_json_keeps_the_text_and_shows_none_of_it(run, scene, tmp_path: Path) -> None:
    text = CONTROL["osc-8-link"] + CONTROL["right-to-left-override"] + "\ud800"
    folder = scene(text, gates=False, in_checklist=False)
    result = run("status", "--json", "--checklists", str(folder))
    assert result.exit_code == 0
    assert not RAW.search(result.stdout)
    document = json.loads(result.stdout)
    assert document["checklists"][-1]["items"][0]["note"] == text
    assert escape_json(json.dumps(text, ensure_ascii=False)) == json.dumps(text).lower()


def test_a_locale_that_cannot_show_a_character_replaces_it(home: Path) -> None:
    """With ASCII output, "café" and an em dash come out as question marks, not as a crash."""
    note = "Caf\u00e9 \u2014 ask about crackers"
    environment = {
        **os.environ,
        "INFUSEPREP_HOME": str(home),
        "PYTHONIOENCODING": "ascii",
        "LC_ALL": "C",
        "COLUMNS": "80",
    }
    environment.pop("PYTHONUTF8", None)
    infuseprep = [sys.executable, "-m", "infuseprep"]
    saved = subprocess.run(
        [*infuseprep, "check", "light-meal/pack-snack", "--note", note],
        env={**environment, "PYTHONIOENCODING": "utf-8"},
        capture_output=True,
        timeout=TIME_LIMIT_SECONDS,
        check=False,
    )
    assert saved.returncode == 0, saved.stderr
    outputs = []
    for command in (["uncheck", "light-meal/pack-snack"], ["status"], ["today"]):
        result = subprocess.run(
            [*infuseprep, *command],
            env=environment,
            capture_output=True,
            timeout=TIME_LIMIT_SECONDS,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert result.stderr == b""
        outputs.append(result.stdout.decode("ascii"))
    assert "Note: Caf? ? ask about crackers" in outputs[1]


def test_start_from_a_file_as_a_real_process(tmp_path: Path, home: Path) -> None:
    """The installed command, its stdin a file, a note edited in by hand: bytes checked."""
    folder = tmp_path / "lists"
    folder.mkdir()
    (folder / "hostile.yaml").write_text(checklist("plain"), encoding="utf-8")
    text = " ".join(CONTROL.values())
    (home / "progress.json").write_text(progress(text), encoding="ascii")
    environment = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "INFUSEPREP_HOME": str(home),
        "COLUMNS": "80",
        "LANG": "C.UTF-8",
    }
    answers = tmp_path / "answers.txt"
    answers.write_text("q\n", encoding="ascii")
    with answers.open("rb") as nothing:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "infuseprep",
                "start",
                "--restart",
                "--checklist",
                "hostile",
                "--checklists",
                str(folder),
            ],
            stdin=nothing,
            env=environment,
            capture_output=True,
            timeout=TIME_LIMIT_SECONDS,
            check=False,
        )
    assert result.returncode == 0
    assert result.stderr == b""
    shown = result.stdout.decode("utf-8")
    assert "Your note: " in shown
    assert not RAW.search(shown), RAW.findall(shown)
