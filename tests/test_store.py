"""The progress file: round trip, format versions, damage, privacy, backups."""

from __future__ import annotations

import json
import stat
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from infuseprep.errors import ProgressUnreadable
from infuseprep.progress import DONE, FORMAT_VERSION, OPEN, SKIPPED, Answer, Progress, Visit
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


# ----------------------------------------------------------------------------- the journal


VISIT = Visit(date(2026, 11, 20), "belimumab-iv", 3, 10, 2, 14, AT)


def journal_lines(store: ProgressStore) -> list[str]:
    return store.journal_path.read_text(encoding="utf-8").splitlines()


def saved_twice(store: ProgressStore) -> bytes:
    """A file saved whole, then one answer more: that one goes to the journal."""
    store.change(lambda p: p.record("a", "b", DONE, AT))
    whole = store.path.read_bytes()
    store.change(lambda p: p.record("a", "c", SKIPPED, AT))
    return whole


def test_one_answer_more_is_appended_to_the_journal_not_the_file(store: ProgressStore) -> None:
    whole = saved_twice(store)
    assert store.path.read_bytes() == whole
    header, line = journal_lines(store)
    generation = json.loads(whole)["generation"]
    assert json.loads(header) == {
        "format": "infuseprep-journal",
        "version": 1,
        "generation": generation,
    }
    assert json.loads(line) == {
        "answers": {"a": {"c": {"state": SKIPPED, "time": AT, "note": None}}}
    }
    assert mode(store.journal_path) == 0o600
    # Another store (another infuseprep) reads both.
    again = ProgressStore(store.path).read()
    assert again.get("a", "b") == Answer(DONE, AT, None)
    assert again.get("a", "c") == Answer(SKIPPED, AT, None)


def test_a_removed_answer_and_an_appointment_are_journaled(store: ProgressStore) -> None:
    saved_twice(store)
    store.change(lambda p: p.annotate("a", "c", "a note"))
    store.change(lambda p: p.forget("a", "b"))
    assert len(journal_lines(store)) == 4
    fresh = ProgressStore(store.path).read()
    assert fresh.get("a", "b") is None
    assert fresh.get("a", "c") == Answer(SKIPPED, AT, "a note")


def test_the_journal_is_folded_into_the_file_when_it_grows(store: ProgressStore) -> None:
    store.change(lambda p: p.record("a", "first", DONE, AT))
    for number in range(200):
        store.change(lambda p, n=number: p.record("a", f"step-{n}", DONE, AT))
    assert store.journal_path.stat().st_size < 8 * 1024 + 200
    progress = ProgressStore(store.path).read()
    assert len(list(progress.saved_steps())) == 201
    document = json.loads(store.path.read_text(encoding="utf-8"))
    assert len(document["answers"]["a"]) > 100  # folded in at least once


def test_a_torn_last_line_is_left_out_and_the_next_save_writes_the_file(
    store: ProgressStore,
) -> None:
    saved_twice(store)
    with store.journal_path.open("ab") as journal:
        journal.write(b'{"answers":{"a":{"torn":{"state":"do')
    before = ProgressStore(store.path).read()
    assert before.get("a", "torn") is None
    assert before.get("a", "c") == Answer(SKIPPED, AT, None)
    store.change(lambda p: p.record("a", "d", DONE, AT))
    assert not store.journal_path.exists()
    after = ProgressStore(store.path).read()
    assert after.get("a", "torn") is None
    assert after.get("a", "c") == Answer(SKIPPED, AT, None)
    assert after.get("a", "d") == Answer(DONE, AT, None)


JOURNAL_DAMAGE = {
    "not-json": (b"{oops\n", "(line 3) is not valid JSON"),
    "not-an-entry": (b"[1]\n", "(line 3) is not an infuseprep journal entry"),
    "bad-state": (
        b'{"answers":{"a":{"x":{"state":"maybe"}}}}\n',
        '(line 3) has a damaged answer for "a/x": its "state" must be one of open, done, skipped',
    ),
    "bad-visit": (
        b'{"visits":[{"date":"2026-13-01"}]}\n',
        '(line 3) has a damaged "visits[0].closed_at": it must be a date and time as '
        "YYYY-MM-DDTHH:MM:SS",
    ),
}


@pytest.mark.parametrize("name", sorted(JOURNAL_DAMAGE))
def test_a_damaged_journal_line_is_reported_and_nothing_is_written(
    store: ProgressStore, name: str
) -> None:
    line, problem = JOURNAL_DAMAGE[name]
    saved_twice(store)
    with store.journal_path.open("ab") as journal:
        journal.write(line)
    journal_before, file_before = store.journal_path.read_bytes(), store.path.read_bytes()
    with pytest.raises(ProgressUnreadable) as caught:
        ProgressStore(store.path).read()
    assert str(caught.value) == (
        f"{store.journal_path} {problem}. Your answers in it are untouched. "
        "To start over, run: infuseprep reset (a backup will be kept)."
    )
    with pytest.raises(ProgressUnreadable):
        store.change(lambda p: p.record("a", "e", DONE, AT))
    assert store.journal_path.read_bytes() == journal_before
    assert store.path.read_bytes() == file_before


def test_a_damaged_line_before_the_last_is_reported_too(store: ProgressStore) -> None:
    saved_twice(store)
    lines = store.journal_path.read_bytes().split(b"\n")
    lines.insert(1, b'{"answers": 5}')
    store.journal_path.write_bytes(b"\n".join(lines))
    with pytest.raises(ProgressUnreadable, match=r'\(line 2\) has no "answers" section'):
        store.read()


def test_a_journal_of_a_newer_format_asks_for_an_update(store: ProgressStore) -> None:
    saved_twice(store)
    lines = journal_lines(store)
    header = json.loads(lines[0])
    header["version"] = 7
    store.journal_path.write_text("\n".join([json.dumps(header), *lines[1:]]) + "\n")
    with pytest.raises(ProgressUnreadable) as caught:
        store.read()
    assert str(caught.value) == (
        f"{store.journal_path} was saved by a newer infuseprep (format 7; this one reads up to "
        "1). Update infuseprep to use it. Your answers in it are untouched."
    )


def test_a_journal_of_another_generation_is_ignored_and_removed(store: ProgressStore) -> None:
    """What a crash leaves between writing the file whole and removing the journal."""
    saved_twice(store)
    stale = store.journal_path.read_bytes()
    store.change(lambda p: p.forget("a", "c"))
    # A rewritten history cannot be journaled: the file is written whole, the journal removed.
    store.change(lambda p: p.history.append(VISIT))
    store.change(lambda p: p.history.clear())
    assert not store.journal_path.exists()
    store.journal_path.write_bytes(stale)
    store.journal_path.chmod(0o600)
    progress = ProgressStore(store.path).read()
    assert progress.get("a", "c") is None  # the stale journal's answer was not replayed
    assert progress.get("a", "b") == Answer(DONE, AT, None)
    store.change(lambda p: p.record("a", "next", DONE, AT))
    assert not store.journal_path.exists()
    again = ProgressStore(store.path).read()
    assert again.get("a", "c") is None
    assert again.get("a", "next") == Answer(DONE, AT, None)


def test_a_link_in_place_of_the_journal_is_refused(store: ProgressStore, tmp_path: Path) -> None:
    saved_twice(store)
    elsewhere = tmp_path / "elsewhere.journal"
    store.journal_path.rename(elsewhere)
    store.journal_path.symlink_to(elsewhere)
    with pytest.raises(ProgressUnreadable, match="cannot be read"):
        store.read()


def test_two_stores_saving_in_turn_lose_nothing(store: ProgressStore) -> None:
    """A store trusts what it saved last only while nobody else has saved since."""
    other = ProgressStore(store.path)
    store.change(lambda p: p.record("a", "1", DONE, AT))
    for number in range(2, 40):
        (store if number % 2 else other).change(lambda p, n=number: p.record("a", str(n), DONE, AT))
    assert len(list(ProgressStore(store.path).read().saved_steps())) == 39


def test_a_closed_visit_is_journaled_and_a_rewritten_history_writes_the_file(
    store: ProgressStore,
) -> None:
    visit = VISIT
    store.change(lambda p: p.record("a", "b", DONE, AT))
    whole = store.path.read_bytes()
    store.change(lambda p: p.history.append(visit))
    assert store.path.read_bytes() == whole
    assert json.loads(journal_lines(store)[1])["visits"][0]["date"] == "2026-11-20"
    assert ProgressStore(store.path).read().history == [visit]
    store.change(lambda p: p.history.clear())
    assert not store.journal_path.exists()
    assert ProgressStore(store.path).read().history == []


def test_a_version_2_file_is_kept_and_written_whole_in_version_3(store: ProgressStore) -> None:
    old = (
        '{"format": "infuseprep-progress", "version": 2, "appointment": null, "history": [], '
        '"answers": {"a": {"b": {"state": "done", "time": "' + AT + '", "note": null}}}}'
    )
    store.path.parent.mkdir(parents=True)
    store.path.write_text(old)
    store.path.chmod(0o600)
    store.change(lambda p: p.record("a", "c", DONE, AT))
    assert store.path.with_name("progress-format-2-backup.json").read_text() == old
    assert not store.journal_path.exists()
    document = json.loads(store.path.read_text())
    assert document["version"] == 3 and set(document["answers"]["a"]) == {"b", "c"}


def test_a_version_3_file_without_its_generation_is_reported(store: ProgressStore) -> None:
    store.change(lambda p: p.record("a", "b", DONE, AT))
    document = json.loads(store.path.read_text())
    del document["generation"]
    store.path.write_text(json.dumps(document))
    with pytest.raises(ProgressUnreadable, match='has no "generation" for its journal'):
        store.read()


def test_reset_folds_the_journal_into_the_backup(store: ProgressStore) -> None:
    saved_twice(store)
    backup = store.reset(NOW, keep_visits=False)
    assert backup is not None
    assert not store.journal_path.exists()
    answers = json.loads(backup.read_text())["answers"]["a"]
    assert set(answers) == {"b", "c"}
    assert sorted(p.name for p in store.path.parent.iterdir()) == [
        "progress-backup-20261123-093000.json",
        "progress.json.lock",
    ]


def test_reset_moves_a_damaged_journal_aside_with_the_file(store: ProgressStore) -> None:
    saved_twice(store)
    with store.journal_path.open("ab") as journal:
        journal.write(b"{oops\n")
    damaged = store.journal_path.read_bytes()
    backup = store.reset(NOW)
    assert backup == store.path.with_name("progress-backup-20261123-093000.json")
    assert backup.with_name(backup.name + ".journal").read_bytes() == damaged
    assert store.read() == Progress()


def test_person_files_lists_the_journal(tmp_path: Path) -> None:
    from infuseprep.person import DEFAULT, Person
    from infuseprep.person_files import person_files

    person = Person(DEFAULT, tmp_path / "someone")
    store = ProgressStore(person.progress_file)
    saved_twice(store)
    names = {path.name for path in person_files(person)}
    assert {"progress.json", "progress.json.journal", "progress.json.lock"} <= names


def test_a_reader_reads_again_when_the_file_is_replaced_meanwhile(
    store: ProgressStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A journal is never replayed on a file it does not belong to, nor left out because the
    file written whole meanwhile has folded it in."""
    saved_twice(store)
    store.change(lambda p: p.history.append(VISIT))
    replay = ProgressStore._replay_journal
    reader = ProgressStore(store.path)
    calls = []

    def replay_while_another_saves(self: ProgressStore, loaded: object) -> None:
        if self is reader:
            calls.append(1)
            if len(calls) == 1:  # between reading the file and its journal, another save:
                ProgressStore(store.path).change(lambda p: p.history.clear())  # written whole
                ProgressStore(store.path).change(lambda p: p.record("a", "late", DONE, AT))
        replay(self, loaded)  # type: ignore[arg-type]

    monkeypatch.setattr(ProgressStore, "_replay_journal", replay_while_another_saves)
    progress = reader.read()
    assert len(calls) == 2
    assert progress.history == []
    assert progress.get("a", "c") == Answer(SKIPPED, AT, None)
    assert progress.get("a", "late") == Answer(DONE, AT, None)


@pytest.mark.parametrize("name", [".progress.json.k1ll3d.tmp", ".progress.json.journal.k1ll3d.tmp"])
def test_a_temporary_file_left_by_a_killed_save_goes_at_the_next_save(
    store: ProgressStore, name: str
) -> None:
    """A process killed while writing the file or the journal leaves its temporary file."""
    store.change(lambda progress: progress.record("c", "first", DONE, "2026-11-23T09:30:00+01:00"))
    store.change(lambda progress: progress.record("c", "second", DONE, "2026-11-23T09:31:00+01:00"))
    assert store.journal_path.exists(), "the next save appends: the case of a killed creation"
    left = store.path.with_name(name)
    left.write_bytes(b"half a file")
    store.change(lambda progress: progress.record("c", "third", DONE, "2026-11-23T09:32:00+01:00"))
    assert not left.exists()
    assert store.read().state("c", "third") == DONE
