"""Hostile files, folders and paths: every command that reads them answers in words, fast.

Each case sets up one bad thing (a damaged progress file, a FIFO where a checklist should be, an
output path that is a device, ...) and runs every command that reads it. For each run: no
traceback, the exact exit code, the expected message, no file changed but the output asked for
(infuseprep's own cache and lock files aside), and an answer within 5 seconds.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from infuseprep.errors import ProgressUnreadable

TIME_LIMIT_SECONDS = 5.0
OTHER_USER = 54321
STEP = "lab-work/book-lab"
AT = "2026-11-23T09:00:00+01:00"
GOOD = {
    "format": "infuseprep-progress",
    "version": 2,
    "appointment": {
        "date": "2026-12-03",
        "time": "09:30",
        "medication": "belimumab-iv",
        "center": "Riverside",
        "dose": 2,
    },
    "history": [
        {
            "date": "2026-11-05",
            "medication": "belimumab-iv",
            "dose": 1,
            "done": 3,
            "skipped": 1,
            "total": 5,
            "closed_at": "2026-11-05T12:00:00+01:00",
        }
    ],
    "answers": {"lab-work": {"book-lab": {"state": "done", "time": AT, "note": "ok"}}},
}
PROGRESS_READERS = (
    ("status",),
    ("status", "--json"),
    ("today",),
    ("start",),
    ("print", "-f", "markdown"),
    ("calendar", "-o", "-"),
    ("history",),
    ("appointment", "show"),
    ("check", STEP),
)
CATALOG_READERS = (
    ("list",),
    ("show", "lab-work"),
    ("status",),
    ("today",),
    ("start",),
    ("print",),
    ("calendar", "-o", "-"),
)
CHECKLIST_READERS = (*CATALOG_READERS, ("validate", "{checklists}"))


@dataclass(frozen=True)
class Where:
    """The folders of one case: infuseprep's home and a scratch folder beside it."""

    home: Path
    scratch: Path

    @property
    def progress(self) -> Path:
        return self.home / "progress.json"

    @property
    def checklists(self) -> Path:
        return self.home / "checklists"


@dataclass(frozen=True)
class Case:
    setup: Callable[[Where], None]
    commands: tuple[tuple[str, ...], ...]
    exit_code: int
    message: Callable[[Where], str]
    root_only: bool = False
    visit: bool = False  # a visit is set first, as calendar needs one


def progress_with(change: Callable[[dict[str, object]], object]) -> Callable[[Where], None]:
    def setup(where: Where) -> None:
        document = json.loads(json.dumps(GOOD))
        change(document)
        where.progress.write_text(json.dumps(document), encoding="utf-8")

    return setup


def progress_bytes(raw: bytes) -> Callable[[Where], None]:
    return lambda where: where.progress.write_bytes(raw)


def unreadable(problem: str, reset_hint: bool = True) -> Callable[[Where], str]:
    return lambda where: str(
        ProgressUnreadable(str(where.progress), problem, reset_hint=reset_hint)
    )


def damaged(field: str, why: str) -> Callable[[Where], str]:
    return unreadable(f'has a damaged "{field}": it {why}')


def damaged_answer(field: str, why: str) -> Callable[[Where], str]:
    return unreadable(f'has a damaged answer for "{STEP}": its "{field}" {why}')


def nested(depth: int) -> bytes:
    return b'{"format": "infuseprep-progress", "version": 2, "answers": ' + b"[" * depth


def set_in(path: tuple[object, ...], value: object) -> Callable[[dict[str, object]], None]:
    def change(document: dict[str, object]) -> None:
        target: object = document
        for key in path[:-1]:
            target = target[key]  # type: ignore[index]
        target[path[-1]] = value  # type: ignore[index]

    return change


def checklist_file(name: str, content: str) -> Callable[[Where], None]:
    def setup(where: Where) -> None:
        where.checklists.mkdir()
        (where.checklists / name).write_text(content, encoding="utf-8")

    return setup


def special_checklist(make: Callable[[Path], None]) -> Callable[[Where], None]:
    def setup(where: Where) -> None:
        where.checklists.mkdir()
        make(where.checklists / "extra.yaml")

    return setup


def make_socket(path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()


def side_file(name: str) -> Callable[[Where], None]:
    """Garbage that would break every command, were it read, beside a good checklist."""

    def setup(where: Where) -> None:
        checklist_file("extra.yaml", ordered("5"))(where)
        (where.checklists / name).write_text("id: [unclosed\n\x00", encoding="utf-8")

    return setup


def ordered(order: str) -> str:
    return f"id: extra\ntitle: Extra\norder: {order}\nitems:\n  - id: one\n    text: One thing.\n"


def other_users(path: Path) -> None:
    os.chown(path, OTHER_USER, OTHER_USER)


def with_output(kind: str) -> Callable[[Where], None]:
    def setup(where: Where) -> None:
        where.progress.write_text(json.dumps(GOOD), encoding="utf-8")
        out = where.scratch / "out"
        if kind == "fifo":
            os.mkfifo(out)
        elif kind == "folder":
            out.mkdir()
        elif kind == "socket":
            make_socket(out)
        elif kind == "link-to-fifo":
            os.mkfifo(where.scratch / "fifo")
            out.symlink_to(where.scratch / "fifo")
        elif kind == "link-to-device":
            out.symlink_to(os.devnull)

    return setup


def output_commands(path: str) -> tuple[tuple[str, ...], ...]:
    return (
        ("print", "-f", "text", "-o", path),
        ("print", "-f", "pdf", "-o", path),
        ("calendar", "-o", path),
    )


def refused_output(kind: str) -> Callable[[Where], str]:
    return lambda where: (
        f'"{where.scratch / "out"}" is {kind}, not a file, so nothing was written. '
        'Give the name of a file to write, or "-" to print it here.'
    )


def cache_entry(value: object) -> Callable[[Where], None]:
    """A catalog cache entry with the right key and a value of the wrong shape."""

    def setup(where: Where) -> None:
        from infuseprep.catalog import load_catalog

        load_catalog()
        entry = where.home / "cache" / "catalog-3.json"
        document = json.loads(entry.read_text(encoding="utf-8"))
        entries = document["value"]["entries"]
        document["value"]["entries"] = value(entries) if callable(value) else value
        entry.write_text(json.dumps(document), encoding="utf-8")

    return setup


def first_checklist(change: Callable[[dict[str, object]], None]) -> Callable[[object], object]:
    def apply(entries: object) -> object:
        assert isinstance(entries, list)
        change(entries[0]["checklist"])
        return entries

    return apply


def cache_special(make: Callable[[Path], None]) -> Callable[[Where], None]:
    def setup(where: Where) -> None:
        (where.home / "cache").mkdir(mode=0o700)
        make(where.home / "cache" / "catalog-3.json")

    return setup


def loosen(path: Path, mode: int) -> None:
    path.mkdir(exist_ok=True)
    path.chmod(mode)


def quiet(_: Where) -> str:
    return ""


CASES: dict[str, Case] = {
    # A hand-edited progress file: one message naming the file and the field.
    "progress-bom": Case(
        progress_bytes(b"\xef\xbb\xbf" + json.dumps(GOOD).encode()),
        PROGRESS_READERS,
        1,
        unreadable("starts with a byte order mark, which JSON does not allow"),
    ),
    "progress-bad-utf8": Case(
        progress_bytes(json.dumps(GOOD).encode().replace(b'"ok"', b'"\xc3\x28"')),
        PROGRESS_READERS,
        1,
        unreadable("is not text"),
    ),
    # In a note a lone surrogate is cleaned as it is read (test_hostile_text); in an id it is
    # damage, since the id could not be written back.
    "progress-lone-surrogate": Case(
        progress_bytes(json.dumps(GOOD).encode().replace(b'"lab-work": {', b'"\\ud800": {')),
        PROGRESS_READERS,
        1,
        unreadable('has a damaged entry for "\\ud800"'),
    ),
    "progress-bad-answer-time": Case(
        progress_with(set_in(("answers", "lab-work", "book-lab", "time"), "yesterday")),
        PROGRESS_READERS,
        1,
        damaged_answer("time", "must be a date and time as YYYY-MM-DDTHH:MM:SS"),
    ),
    "progress-answer-year-9999": Case(
        progress_with(set_in(("answers", "lab-work", "book-lab", "time"), "9999-12-31T23:59:59")),
        PROGRESS_READERS,
        1,
        damaged_answer("time", "must be a date and time as YYYY-MM-DDTHH:MM:SS"),
    ),
    "progress-bad-state": Case(
        progress_with(set_in(("answers", "lab-work", "book-lab", "state"), 5)),
        PROGRESS_READERS,
        1,
        damaged_answer("state", "must be one of open, done, skipped"),
    ),
    "progress-bad-visit-time": Case(
        progress_with(set_in(("appointment", "time"), "25:99")),
        PROGRESS_READERS,
        1,
        damaged("appointment.time", "must be a time as HH:MM"),
    ),
    "progress-dose-zero": Case(
        progress_with(set_in(("appointment", "dose"), 0)),
        PROGRESS_READERS,
        1,
        damaged("appointment.dose", "must be a whole number from 1 to 1000"),
    ),
    "progress-dose-negative": Case(
        progress_with(set_in(("appointment", "dose"), -3)),
        PROGRESS_READERS,
        1,
        damaged("appointment.dose", "must be a whole number from 1 to 1000"),
    ),
    "progress-dose-huge": Case(
        progress_with(set_in(("appointment", "dose"), 10**30)),
        PROGRESS_READERS,
        1,
        damaged("appointment.dose", "must be a whole number from 1 to 1000"),
    ),
    "progress-dose-fraction": Case(
        progress_with(set_in(("appointment", "dose"), 1.5)),
        PROGRESS_READERS,
        1,
        damaged("appointment.dose", "must be a whole number from 1 to 1000"),
    ),
    "progress-number-too-long": Case(
        progress_bytes(json.dumps(GOOD).encode().replace(b'"dose": 2', b'"dose": ' + b"9" * 5000)),
        PROGRESS_READERS,
        1,
        unreadable("holds a number too long to be real"),
    ),
    "progress-year-9999": Case(
        progress_with(set_in(("appointment", "date"), "9999-12-31")),
        PROGRESS_READERS,
        1,
        damaged("appointment.date", "must be a date as YYYY-MM-DD from 1900 to 2100"),
    ),
    "progress-year-1": Case(
        progress_with(set_in(("appointment", "date"), "0001-01-01")),
        PROGRESS_READERS,
        1,
        damaged("appointment.date", "must be a date as YYYY-MM-DD from 1900 to 2100"),
    ),
    "progress-visit-year-9999": Case(
        progress_with(set_in(("history", 0, "date"), "9999-01-01")),
        PROGRESS_READERS,
        1,
        damaged("history[0].date", "must be a date as YYYY-MM-DD from 1900 to 2100"),
    ),
    "progress-visit-count-negative": Case(
        progress_with(set_in(("history", 0, "done"), -1)),
        PROGRESS_READERS,
        1,
        damaged("history[0].done", "must be a whole number from 0 to 100000"),
    ),
    "progress-visit-closed-garbage": Case(
        progress_with(set_in(("history", 0, "closed_at"), "\u202eyesterday")),
        PROGRESS_READERS,
        1,
        damaged("history[0].closed_at", "must be a date and time as YYYY-MM-DDTHH:MM:SS"),
    ),
    "progress-deep-nesting": Case(
        progress_bytes(nested(100_000) + b"]" * 100_000 + b"}"),
        PROGRESS_READERS,
        1,
        unreadable("is nested too deeply to be a progress file"),
    ),
    "progress-nested-note": Case(
        progress_with(set_in(("answers", "lab-work", "book-lab", "note"), [[[[[[["deep"]]]]]]])),
        PROGRESS_READERS,
        1,
        damaged_answer("note", "must be text"),
    ),
    "progress-list-for-answers": Case(
        progress_with(set_in(("answers",), [[["x"]]])),
        PROGRESS_READERS,
        1,
        unreadable('has no "answers" section'),
    ),
    "progress-list-for-appointment": Case(
        progress_with(set_in(("appointment",), ["2026-12-03"])),
        PROGRESS_READERS,
        1,
        damaged("appointment", "must be a group of date, time, medication, center, dose"),
    ),
    "progress-list-for-answer": Case(
        progress_with(set_in(("answers", "lab-work", "book-lab"), ["done"])),
        PROGRESS_READERS,
        1,
        unreadable(
            f'has a damaged answer for "{STEP}": it must be a group of state, time and note'
        ),
    ),
    "progress-is-a-folder": Case(
        lambda where: where.progress.mkdir(),
        PROGRESS_READERS,
        1,
        unreadable("cannot be used: it is a folder, not a regular file", reset_hint=False),
    ),
    "progress-is-a-fifo": Case(
        lambda where: os.mkfifo(where.progress),
        PROGRESS_READERS,
        1,
        unreadable("cannot be used: it is a pipe (FIFO), not a regular file", reset_hint=False),
    ),
    "progress-links-to-a-device": Case(
        lambda where: where.progress.symlink_to("/dev/zero"),
        PROGRESS_READERS,
        1,
        unreadable("cannot be used: it is a device, not a regular file", reset_hint=False),
    ),
    "progress-writable-by-others": Case(
        lambda where: (
            progress_with(lambda _: None)(where),
            where.progress.chmod(0o666),
        ),
        PROGRESS_READERS,
        1,
        lambda where: (
            f"{where.progress} can be changed by other users, so infuseprep will not use it. "
            f'If it is yours, make it private with: chmod go-w "{where.progress}"'
        ),
    ),
    "progress-of-another-user": Case(
        lambda where: (progress_with(lambda _: None)(where), other_users(where.progress)),
        PROGRESS_READERS,
        1,
        lambda where: (
            f"{where.progress} belongs to another user, so infuseprep will not use it. Move it "
            "away, or set INFUSEPREP_HOME to a folder of your own."
        ),
        root_only=True,
    ),
    # Checklist folders: numbers in range, only regular files read, side-files passed over.
    "lock-file-is-a-link": Case(
        lambda where: (
            progress_with(lambda _: None)(where),
            (where.home / "progress.json.lock").symlink_to(where.scratch / "elsewhere"),
        ),
        (("check", STEP), ("appointment", "set", "2026-12-10"), ("reset", "--yes")),
        1,
        lambda where: (
            f"{where.home / 'progress.json.lock'} could not be used (Too many levels of symbolic "
            "links). Check the path and try again."
        ),
    ),
    "order-5000-digits": Case(
        checklist_file("extra.yaml", ordered("1" + "0" * 5000)),
        CHECKLIST_READERS,
        1,
        lambda where: f"{where.checklists / 'extra.yaml'}:3:8: this number has too many digits",
        visit=True,
    ),
    "order-huge": Case(
        checklist_file("extra.yaml", ordered("1" + "0" * 100)),
        CHECKLIST_READERS,
        1,
        lambda where: (
            f'{where.checklists / "extra.yaml"}:3:8: "order" must be a whole number from -1000 '
            "to 1000"
        ),
        visit=True,
    ),
    "order-below-range": Case(
        checklist_file("extra.yaml", ordered("-1001")),
        CHECKLIST_READERS,
        1,
        lambda where: (
            f'{where.checklists / "extra.yaml"}:3:8: "order" must be a whole number from -1000 '
            "to 1000"
        ),
        visit=True,
    ),
    "checklist-is-a-fifo": Case(
        special_checklist(os.mkfifo),
        CHECKLIST_READERS,
        1,
        lambda where: (
            f"{where.checklists / 'extra.yaml'}:1:1: cannot be read: it is a pipe (FIFO), not a "
            "regular file"
        ),
        visit=True,
    ),
    "checklist-links-to-a-device": Case(
        special_checklist(lambda path: path.symlink_to("/dev/zero")),
        CHECKLIST_READERS,
        1,
        lambda where: (
            f"{where.checklists / 'extra.yaml'}:1:1: cannot be read: it is a device, not a "
            "regular file"
        ),
        visit=True,
    ),
    "checklist-is-a-folder": Case(
        special_checklist(lambda path: path.mkdir()),
        CHECKLIST_READERS,
        1,
        lambda where: (
            f"{where.checklists / 'extra.yaml'}:1:1: cannot be read: it is a folder, not a "
            "regular file"
        ),
        visit=True,
    ),
    "checklist-is-a-socket": Case(
        special_checklist(make_socket),
        CHECKLIST_READERS,
        1,
        lambda where: f"{where.checklists / 'extra.yaml'}:1:1: cannot be read: ",
        visit=True,
    ),
    "emacs-lock-file": Case(side_file(".#lab.yaml"), CHECKLIST_READERS, 0, quiet, visit=True),
    "mac-resource-file": Case(side_file("._lab.yaml"), CHECKLIST_READERS, 0, quiet, visit=True),
    "backup-file": Case(side_file("lab.yaml~"), CHECKLIST_READERS, 0, quiet, visit=True),
    "vim-swap-file": Case(side_file(".lab.yaml.swp"), CHECKLIST_READERS, 0, quiet, visit=True),
    "hidden-yaml": Case(side_file(".hidden.yml"), CHECKLIST_READERS, 0, quiet, visit=True),
    "checklists-writable-by-others": Case(
        lambda where: loosen(where.checklists, 0o777),
        CATALOG_READERS,
        1,
        lambda where: (
            f"{where.checklists} can be changed by other users, so infuseprep will not use it. "
            f'If it is yours, make it private with: chmod go-w "{where.checklists}"'
        ),
        visit=True,
    ),
    "checklist-of-another-user": Case(
        lambda where: (
            checklist_file("extra.yaml", ordered("5"))(where),
            other_users(where.checklists / "extra.yaml"),
        ),
        CATALOG_READERS,
        1,
        lambda where: f"{where.checklists / 'extra.yaml'} belongs to another user",
        root_only=True,
        visit=True,
    ),
    # The cache: any doubt means building it again, never a crash.
    "cache-value-not-a-list": Case(cache_entry({"a": 1}), CATALOG_READERS, 0, quiet, visit=True),
    "cache-entry-strings": Case(cache_entry(["x", "y"]), CATALOG_READERS, 0, quiet, visit=True),
    "cache-order-text": Case(
        cache_entry(first_checklist(set_in(("order",), "first"))),
        CATALOG_READERS,
        0,
        quiet,
        visit=True,
    ),
    "cache-order-huge": Case(
        cache_entry(first_checklist(set_in(("order",), 10**20))),
        CATALOG_READERS,
        0,
        quiet,
        visit=True,
    ),
    "cache-items-a-group": Case(
        cache_entry(first_checklist(set_in(("items",), {"id": "x"}))),
        CATALOG_READERS,
        0,
        quiet,
        visit=True,
    ),
    "cache-bad-timing": Case(
        cache_entry(first_checklist(set_in(("items", "when", 0), "whenever"))),
        CATALOG_READERS,
        0,
        quiet,
        visit=True,
    ),
    "cache-columns-of-two-lengths": Case(
        cache_entry(first_checklist(set_in(("items", "text"), ["only one"]))),
        CATALOG_READERS,
        0,
        quiet,
        visit=True,
    ),
    "cache-medication-a-number": Case(
        cache_entry(first_checklist(set_in(("items", "medications", 0), [5]))),
        CATALOG_READERS,
        0,
        quiet,
        visit=True,
    ),
    "cache-is-a-fifo": Case(cache_special(os.mkfifo), CATALOG_READERS, 0, quiet, visit=True),
    "cache-links-to-a-device": Case(
        cache_special(lambda path: path.symlink_to("/dev/zero")),
        CATALOG_READERS,
        0,
        quiet,
        visit=True,
    ),
    "cache-writable-by-others": Case(
        lambda where: loosen(where.home / "cache", 0o777), CATALOG_READERS, 0, quiet, visit=True
    ),
    # Output paths: a link is followed; anything but a regular file is refused, never replaced.
    "output-is-a-fifo": Case(
        with_output("fifo"), output_commands("{scratch}/out"), 2, refused_output("a pipe (FIFO)")
    ),
    "output-is-a-folder": Case(
        with_output("folder"), output_commands("{scratch}/out"), 2, refused_output("a folder")
    ),
    "output-is-a-socket": Case(
        with_output("socket"), output_commands("{scratch}/out"), 2, refused_output("a socket")
    ),
    "output-links-to-a-fifo": Case(
        with_output("link-to-fifo"),
        output_commands("{scratch}/out"),
        2,
        refused_output("a pipe (FIFO)"),
    ),
    "output-links-to-a-device": Case(
        with_output("link-to-device"),
        output_commands("{scratch}/out"),
        2,
        refused_output("a device"),
    ),
    "output-is-a-device": Case(
        with_output("none"),
        output_commands("/dev/null"),
        2,
        lambda _: '"/dev/null" is a device, not a file, so nothing was written.',
    ),
    "output-folder-missing": Case(
        with_output("none"),
        output_commands("{scratch}/missing/out"),
        2,
        lambda where: f'The folder "{where.scratch / "missing"}" does not exist',
    ),
    # Dates typed on the command line stay within 1900 to 2100.
    "date-year-9999": Case(
        progress_with(lambda _: None),
        (
            ("appointment", "set", "9999-12-31"),
            ("appointment", "done", "--early", "--next", "9999-12-31"),
        ),
        2,
        lambda _: '"9999-12-31" is not a date infuseprep can use: it is more than 2 years away',
    ),
    "dose-too-big": Case(
        progress_with(lambda _: None),
        (("appointment", "set", "2026-12-03", "--dose", "1001"),),
        2,
        lambda _: "Invalid value for '--dose': 1001 is not in the range 1<=x<=1000.",
    ),
    "profile-folder-writable-by-others": Case(
        lambda where: (
            (where.home / "profiles" / "mum").mkdir(parents=True),
            (where.home / "profiles" / "mum" / "progress.json").write_text(json.dumps(GOOD)),
            (where.home / "profiles" / "mum").chmod(0o777),
        ),
        tuple(("--profile", "mum", *command) for command in PROGRESS_READERS),
        1,
        lambda where: (
            f"{where.home / 'profiles' / 'mum'} can be changed by other users, so infuseprep "
            "will not use it."
        ),
    ),
    "date-year-1000": Case(
        progress_with(lambda _: None),
        (("appointment", "set", "1000-01-01"),),
        2,
        lambda _: '"1000-01-01" is not a date infuseprep can use: it is more than 2 years away',
    ),
}
RUNS = [(name, command) for name, case in CASES.items() for command in case.commands]


def snapshot(*folders: Path) -> dict[str, tuple[int, bytes | str | None]]:
    """Every path under ``folders``: its kind and content (a link's target), without following."""
    found: dict[str, tuple[int, bytes | str | None]] = {}
    for folder in folders:
        for path in [folder, *folder.rglob("*")]:
            info = path.lstat()
            kind = stat.S_IFMT(info.st_mode)
            content: bytes | str | None = None
            if stat.S_ISREG(info.st_mode):
                content = path.read_bytes()
            elif stat.S_ISLNK(info.st_mode):
                content = str(path.readlink())
            found[str(path)] = (kind, content)
    return found


def changes(
    before: dict[str, tuple[int, bytes | str | None]],
    after: dict[str, tuple[int, bytes | str | None]],
    home: Path,
) -> list[str]:
    """Paths changed or removed, and new ones other than infuseprep's own cache and lock files."""
    changed = [path for path, seen in before.items() if after.get(path) != seen]
    own = (str(home / "cache"), str(home / "progress.json.lock"), str(home / "profile.json"))
    added = [path for path in after if path not in before and not path.startswith(own)]
    return changed + added


@pytest.fixture
def deadline() -> Iterator[None]:
    """A hang fails the test (SIGALRM) instead of stopping the whole run."""

    def stop(*_: object) -> None:
        raise TimeoutError("the command hung")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(int(TIME_LIMIT_SECONDS * 3))
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize(("name", "command"), RUNS, ids=[f"{n}:{' '.join(c)}" for n, c in RUNS])
def test_hostile_input_is_answered_in_words(
    run, home: Path, tmp_path: Path, deadline: None, name: str, command: tuple[str, ...]
) -> None:
    case = CASES[name]
    if case.root_only and os.getuid() != 0:
        pytest.skip("giving a file to another user needs root")
    where = Where(home, tmp_path / "scratch")
    where.scratch.mkdir()
    if case.visit:
        where.progress.write_text(json.dumps(GOOD), encoding="utf-8")
    case.setup(where)
    before = snapshot(home, where.scratch)
    progress_before = where.progress.read_bytes() if where.progress.is_file() else None
    args = [
        part.replace("{scratch}", str(where.scratch)).replace("{checklists}", str(where.checklists))
        for part in command
    ]
    started = time.perf_counter()
    result = run(*args, input="")
    elapsed = time.perf_counter() - started
    assert "Traceback" not in result.output
    expected = case.message(where)
    if case.commands is CHECKLIST_READERS and case.exit_code and command[0] != "validate":
        # A broken checklist file of the user's is left out with one warning; only validate
        # (and checklists add) refuse it.
        assert result.exit_code == 0, result.output
        assert result.stderr.startswith(expected)
        assert result.stderr.endswith("; skipped, run infuseprep validate\n")
        assert result.stderr.count("\n") == 1
        assert changes(before, snapshot(home, where.scratch), home) == []
        return
    assert result.exit_code == case.exit_code, result.output
    if not case.exit_code:
        assert result.stderr == ""
    else:
        assert expected in result.output
        assert changes(before, snapshot(home, where.scratch), home) == []
        if progress_before is not None:
            assert where.progress.read_bytes() == progress_before
    assert elapsed < TIME_LIMIT_SECONDS


def test_a_schedule_past_2100_sets_no_date(run, home: Path) -> None:
    # Typed dates stay within two years of today; a file edited by hand can hold any.
    document = json.loads(json.dumps(GOOD))
    document["appointment"] |= {"date": "2100-12-20", "dose": 1000}
    (home / "progress.json").write_text(json.dumps(document), encoding="utf-8")
    result = run("appointment", "done", "--early")
    assert result.exit_code == 0
    assert "The next date would be after 2100, so infuseprep did not set it." in result.stdout
    assert run("status").exit_code == 0


def test_validate_refuses_special_files_and_passes_over_side_files(
    run, tmp_path: Path, deadline: None
) -> None:
    folder = tmp_path / "lists"
    folder.mkdir()
    os.mkfifo(folder / "fifo.yaml")
    (folder / "device.yaml").symlink_to("/dev/zero")
    (folder / "huge.yaml").write_text(ordered("10" * 30), encoding="utf-8")
    for name in (".#a.yaml", "._a.yaml", "a.yaml~", ".a.yaml.swp"):
        (folder / name).write_text("[unclosed\n", encoding="utf-8")
    result = run("validate", str(folder))
    assert result.exit_code == 1
    assert result.stdout == (
        f"{folder / 'device.yaml'}:1:1: cannot be read: it is a device, not a regular file\n"
        f"{folder / 'fifo.yaml'}:1:1: cannot be read: it is a pipe (FIFO), not a regular file\n"
        f'{folder / "huge.yaml"}:3:8: "order" must be a whole number from -1000 to 1000\n'
    )
    noted = run("--debug", "validate", str(folder))
    assert noted.stderr.splitlines()[:4] == [
        f"Skipped {folder / name}: a hidden or editor file, not a checklist."
        for name in sorted((".#a.yaml", "._a.yaml", ".a.yaml.swp", "a.yaml~"))
    ]


def test_output_through_a_link_replaces_the_target_and_keeps_the_link(
    run, home: Path, tmp_path: Path
) -> None:
    run("appointment", "set", "2026-12-03")
    target = tmp_path / "kept" / "checklist.txt"
    target.parent.mkdir()
    target.write_text("old copy\n", encoding="utf-8")
    link = tmp_path / "checklist.txt"
    link.symlink_to(target)
    result = run("print", "-o", str(link))
    assert result.exit_code == 0
    assert result.stderr == f"Wrote {link} (the file the link points to: {target})\n"
    assert link.is_symlink()
    assert link.readlink() == target
    assert target.read_text(encoding="utf-8").startswith("GETTING READY FOR YOUR INFUSION")
    assert sorted(p.name for p in target.parent.iterdir()) == ["checklist.txt"]


def test_dash_writes_to_stdout(run, home: Path, tmp_path: Path) -> None:
    run("appointment", "set", "2026-12-03")
    printed = run("print", "-o", "-")
    assert (printed.exit_code, printed.stderr) == (0, "")
    assert printed.stdout.startswith("GETTING READY FOR YOUR INFUSION")
    calendar = run("calendar", "-o", "-")
    assert calendar.stdout.startswith("BEGIN:VCALENDAR")
    assert not (Path.cwd() / "-").exists()


def test_a_linked_progress_file_stays_a_link(run, home: Path, tmp_path: Path) -> None:
    target = tmp_path / "synced" / "progress.json"
    target.parent.mkdir()
    target.write_text(json.dumps(GOOD), encoding="utf-8")
    (home / "progress.json").symlink_to(target)
    assert run("check", "lab-work/ask-which-tests").exit_code == 0
    assert (home / "progress.json").is_symlink()
    assert '"ask-which-tests"' in target.read_text(encoding="utf-8")
    # GOOD is in format 2: the first save in format 3 keeps it as it was, beside the file.
    assert sorted(p.name for p in target.parent.iterdir()) == [
        "progress-format-2-backup.json",
        "progress.json",
    ]
    reset = run("reset", "--yes")
    assert reset.exit_code == 0
    assert (home / "progress.json").is_symlink()
    assert len(list(target.parent.glob("progress-backup-*.json"))) == 1


def test_an_existing_home_is_not_chmod_ed_and_new_folders_are_private(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    monkeypatch.setenv("INFUSEPREP_HOME", str(shared))
    assert run("profile", "add", "mum").exit_code == 0
    assert run("--profile", "mum", "check", "lab-work/ask-which-tests").exit_code == 0
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    for folder in (shared / "profiles", shared / "profiles" / "mum", shared / "cache"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for file in (shared / "profiles" / "mum").iterdir():
        assert stat.S_IMODE(file.stat().st_mode) == 0o600


OS_ERRORS = {
    "permission": (
        PermissionError(13, "Permission denied"),
        "infuseprep is not allowed to use {path} (permission denied). Check who owns it and "
        "its permissions, or choose another place.",
    ),
    "disk-full": (
        OSError(28, "No space left on device"),
        "The disk is full, so {path} could not be saved. Free some space and try again.",
    ),
    "read-only": (
        OSError(30, "Read-only file system"),
        "{path} is on a read-only disk. Choose a place you can write to.",
    ),
}


@pytest.mark.parametrize("name", sorted(OS_ERRORS))
def test_os_errors_are_one_line_naming_the_path(
    run, home: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    error, message = OS_ERRORS[name]

    def fail(*_: object) -> None:
        raise error

    monkeypatch.setattr(os, "fsync", fail)
    result = run("check", "lab-work/ask-which-tests")
    assert result.exit_code == 1
    assert result.stderr == message.format(path=home / "progress.json") + "\n"
    assert not (home / "progress.json").exists()


@pytest.mark.parametrize(
    "args", [("print", "-f", "html"), ("list",), ("show", "lab-work"), ("status",), ("today",)]
)
def test_a_reader_that_went_away_ends_the_command_quietly(
    home: Path, args: tuple[str, ...]
) -> None:
    """The pipe's reading end is closed before infuseprep writes: every write fails (EPIPE)."""
    reading, writing = os.pipe()
    os.close(reading)
    try:
        completed = subprocess.run(
            [sys.executable, "-m", "infuseprep", *args],
            stdout=writing,
            stderr=subprocess.PIPE,
            env={**os.environ, "INFUSEPREP_HOME": str(home)},
            check=False,
            timeout=30,
        )
    finally:
        os.close(writing)
    assert (completed.returncode, completed.stderr) == (0, b"")


@pytest.mark.parametrize("args", [("--version",), ("status",), ("list",)])
def test_a_closed_stdout_ends_quietly(home: Path, args: tuple[str, ...]) -> None:
    shell = subprocess.run(
        ["sh", "-c", f'"{sys.executable}" -m infuseprep {" ".join(args)} >&-'],
        capture_output=True,
        env={**os.environ, "INFUSEPREP_HOME": str(home)},
        check=False,
        timeout=30,
    )
    assert (shell.returncode, shell.stderr) == (0, b"")


def test_head_gets_the_first_line_and_no_one_sees_an_error(home: Path) -> None:
    shell = subprocess.run(
        ["sh", "-c", f'"{sys.executable}" -m infuseprep print -f markdown | head -1'],
        capture_output=True,
        env={**os.environ, "INFUSEPREP_HOME": str(home)},
        check=False,
        timeout=30,
    )
    assert shell.stdout == b"# Getting ready for your infusion\n"
    assert shell.stderr == b""


def test_a_note_from_a_closed_stdin_is_refused_in_words(home: Path) -> None:
    shell = subprocess.run(
        ["sh", "-c", f'"{sys.executable}" -m infuseprep check {STEP} --note - <&-'],
        capture_output=True,
        env={**os.environ, "INFUSEPREP_HOME": str(home)},
        check=False,
        timeout=30,
    )
    assert (shell.returncode, shell.stderr) == (
        2,
        b'There is no input to read the note from. Type it after --note "...".\n',
    )
    assert not (home / "progress.json").exists()


def test_side_files_in_your_folder_are_named_only_under_debug(run, home: Path) -> None:
    where = Where(home, home)
    side_file(".#extra.yaml")(where)
    assert run("list").stderr == ""
    noted = run("--debug", "list")
    assert noted.exit_code == 0
    assert noted.stderr == (
        f"Skipped {where.checklists / '.#extra.yaml'}: a hidden or editor file, not a checklist.\n"
    )
