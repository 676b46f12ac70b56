"""The progress file: round trip, format versions, damage, privacy, backups."""

from __future__ import annotations

import json
import stat
from datetime import datetime, timezone
from pathlib import Path

import pytest

from infuseprep.errors import ProgressUnreadable
from infuseprep.progress import DONE, FORMAT_VERSION, OPEN, SKIPPED, Answer, Progress
from infuseprep.store import ProgressStore

AT = "2026-11-23T09:00:00+01:00"
NOW = datetime(2026, 11, 23, 9, 30, tzinfo=timezone.utc)


@pytest.fixture
def store(tmp_path: Path) -> ProgressStore:
    return ProgressStore(tmp_path / "home" / "progress.json")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_nothing_saved_reads_as_empty(store: ProgressStore) -> None:
    assert store.read() == Progress()
    assert not store.path.exists()


def test_round_trip_keeps_state_time_and_note(store: ProgressStore) -> None:
    def apply(progress: Progress) -> None:
        progress.record("lab-work", "book-labs", DONE, AT)
        progress.record("lab-work", "fast", SKIPPED, AT)
        progress.annotate("lab-work", "fast", "Caf\u00e9 \u201cnote\u201d")
        progress.annotate("light-meal", "eat", "only a note")

    store.change(apply)
    again = store.read()
    assert again.get("lab-work", "book-labs") == Answer(DONE, AT, None)
    assert again.get("lab-work", "fast") == Answer(SKIPPED, AT, "Caf\u00e9 \u201cnote\u201d")
    assert again.get("light-meal", "eat") == Answer(OPEN, None, "only a note")
    document = json.loads(store.path.read_text(encoding="utf-8"))
    assert document["format"] == "infuseprep-progress"
    assert document["version"] == FORMAT_VERSION
    assert document["answers"]["lab-work"]["book-labs"] == {"state": DONE, "time": AT, "note": None}


def test_a_folder_that_exists_is_used_as_it_is(store: ProgressStore) -> None:
    store.path.parent.mkdir(mode=0o1777)
    store.path.parent.chmod(0o1777)
    store.change(lambda p: p.record("a", "b", DONE, AT))
    assert mode(store.path.parent) == 0o1777
    assert mode(store.path) == 0o600


def test_removing_the_only_note_of_an_unanswered_step_forgets_it(store: ProgressStore) -> None:
    store.change(lambda p: p.annotate("a", "b", "note"))
    store.change(lambda p: p.annotate("a", "b", None))
    assert store.read() == Progress()


def test_file_is_private_and_a_new_folder_is_closed(store: ProgressStore) -> None:
    store.change(lambda p: p.record("a", "b", DONE, AT))
    assert mode(store.path) == 0o600
    assert mode(store.path.parent) == 0o700
    assert mode(store.lock_path) == 0o600
    leftovers = [p.name for p in store.path.parent.iterdir()]
    assert sorted(leftovers) == ["progress.json", "progress.json.lock"]


def test_a_loose_file_mode_is_tightened_on_the_next_save(store: ProgressStore) -> None:
    store.change(lambda p: p.record("a", "b", DONE, AT))
    store.path.chmod(0o644)
    store.change(lambda p: p.record("a", "c", DONE, AT))
    assert mode(store.path) == 0o600


HEADER = '{"format": "infuseprep-progress", "version": 1, '
DAMAGED = {
    "bad-json": (
        '{"format": "infuseprep-progress",\n"version": 1,\n"answers": {,}}',
        "is not valid JSON (line 3)",
    ),
    "not-text": (b"\xff\xfe\x00garbage", "is not text"),
    "other-json": ("[1, 2, 3]", "is not an infuseprep progress file"),
    "no-version": ('{"format": "infuseprep-progress", "answers": {}}', "has no format version"),
    "zero-version": (
        '{"format": "infuseprep-progress", "version": 0, "answers": {}}',
        "has an unknown format version (0)",
    ),
    "no-answers": ('{"format": "infuseprep-progress", "version": 1}', 'has no "answers" section'),
    "bad-state": (
        HEADER + '"answers": {"a": {"b": {"state": "maybe"}}}}',
        'has a damaged answer for "a/b": its "state" must be one of open, done, skipped',
    ),
    "bad-list": (
        HEADER + '"answers": {"a": []}}',
        'has a damaged entry for "a"',
    ),
    "bad-note": (
        HEADER + '"answers": {"a": {"b": {"state": "done", "note": 5}}}}',
        'has a damaged answer for "a/b": its "note" must be text',
    ),
}


@pytest.mark.parametrize("name", sorted(DAMAGED))
def test_a_damaged_file_is_reported_and_never_overwritten(store: ProgressStore, name: str) -> None:
    content, problem = DAMAGED[name]
    store.path.parent.mkdir(parents=True)
    raw = content if isinstance(content, bytes) else content.encode()
    store.path.write_bytes(raw)
    with pytest.raises(ProgressUnreadable) as caught:
        store.read()
    assert str(caught.value) == (
        f"{store.path} {problem}. Your answers in it are untouched. "
        "To start over, run: infuseprep reset (a backup will be kept)."
    )
    with pytest.raises(ProgressUnreadable):
        store.change(lambda p: p.record("a", "b", DONE, AT))
    assert store.path.read_bytes() == raw


def test_a_newer_format_asks_for_an_update_not_a_reset(store: ProgressStore) -> None:
    store.path.parent.mkdir(parents=True)
    store.path.write_text('{"format": "infuseprep-progress", "version": 99, "answers": {}}')
    with pytest.raises(ProgressUnreadable) as caught:
        store.read()
    assert str(caught.value) == (
        f"{store.path} was saved by a newer infuseprep (format 99; this one reads up to "
        f"{FORMAT_VERSION}). Update infuseprep to use it. Your answers in it are untouched."
    )


def test_reset_keeps_a_dated_private_backup(store: ProgressStore) -> None:
    store.change(lambda p: p.record("a", "b", DONE, AT))
    saved = store.path.read_bytes()
    backup = store.reset(NOW)
    assert backup == store.path.with_name("progress-backup-20261123-093000.json")
    assert backup.read_bytes() == saved
    assert mode(backup) == 0o600
    assert not store.path.exists()
    store.change(lambda p: p.record("a", "b", DONE, AT))
    second = store.reset(NOW)
    assert second == store.path.with_name("progress-backup-20261123-093000-2.json")
    assert store.reset(NOW) is None


def test_reset_works_on_a_damaged_file(store: ProgressStore) -> None:
    store.path.parent.mkdir(parents=True)
    store.path.write_text("{oops")
    backup = store.reset(NOW)
    assert backup is not None
    assert backup.read_text() == "{oops"
    assert store.read() == Progress()
