"""The walk as a state machine, with no terminal and no files."""

from __future__ import annotations

import pytest

from infuseprep.checklist import Checklist, Item
from infuseprep.keys import BACK, IGNORED, QUIT, meaning, split_keys, typed_text
from infuseprep.progress import DONE, OPEN, SKIPPED, Progress
from infuseprep.walk import Phase, Walk

AT = "2026-11-23T09:00:00+00:00"


def checklist(checklist_id: str, *item_ids: str) -> Checklist:
    return Checklist(
        checklist_id, checklist_id.title(), tuple(Item(i, f"Do {i}.") for i in item_ids)
    )


LISTS = [checklist("one", "a", "b", "c"), checklist("two", "d", "e")]


def answer(walk: Walk, state: str) -> None:
    """What the terminal does: save first, then hand the walk the saved progress."""
    step = walk.current
    assert step is not None
    walk.progress.record(*step.key, state, AT)
    walk.answered(walk.progress)


def refs(walk: Walk) -> str:
    step = walk.current
    return "" if step is None else step.ref


def test_walks_every_step_in_order_then_finishes() -> None:
    walk = Walk(LISTS, Progress())
    seen = []
    while walk.phase is Phase.ASKING:
        seen.append((refs(walk), walk.current.number, walk.current.of))  # type: ignore[union-attr]
        answer(walk, DONE)
    assert seen == [
        ("one/a", 1, 3),
        ("one/b", 2, 3),
        ("one/c", 3, 3),
        ("two/d", 1, 2),
        ("two/e", 2, 2),
    ]
    assert walk.phase is Phase.FINISHED
    assert walk.answered_count == 5
    assert walk.still_open() == []


def test_starts_at_the_first_unanswered_step_and_skips_answered_ones() -> None:
    progress = Progress()
    progress.record("one", "a", DONE, AT)
    progress.record("one", "c", SKIPPED, AT)
    walk = Walk(LISTS, progress)
    assert refs(walk) == "one/b"
    answer(walk, DONE)
    assert refs(walk) == "two/d"


def test_a_note_alone_does_not_count_as_an_answer() -> None:
    progress = Progress()
    progress.annotate("one", "a", "ask about parking")
    walk = Walk(LISTS, progress)
    assert refs(walk) == "one/a"
    assert walk.answered_count == 0


def test_restart_shows_every_step_from_the_top() -> None:
    progress = Progress()
    for item in "abc":
        progress.record("one", item, DONE, AT)
    walk = Walk(LISTS, progress, restart=True)
    assert refs(walk) == "one/a"
    answer(walk, DONE)
    assert refs(walk) == "one/b"


def test_back_goes_to_the_previous_step_and_stops_at_the_first() -> None:
    walk = Walk(LISTS, Progress())
    assert walk.back() is False
    answer(walk, DONE)
    answer(walk, SKIPPED)
    assert refs(walk) == "one/c"
    assert walk.back() is True
    assert refs(walk) == "one/b"
    answer(walk, DONE)
    assert refs(walk) == "one/c"
    assert walk.progress.state("one", "b") == DONE


def test_not_yet_steps_are_offered_again_at_the_end() -> None:
    walk = Walk(LISTS, Progress())
    for state in (DONE, OPEN, DONE, OPEN, SKIPPED):
        answer(walk, state)
    assert walk.phase is Phase.OFFER_REVIEW
    assert [step.ref for step in walk.not_yet()] == ["one/b", "two/d"]
    walk.review(accept=True)
    assert walk.reviewing
    assert refs(walk) == "one/b"
    answer(walk, DONE)
    assert refs(walk) == "two/d"
    answer(walk, OPEN)
    assert walk.phase is Phase.FINISHED
    assert [step.ref for step in walk.still_open()] == ["two/d"]


def test_declining_the_review_finishes() -> None:
    walk = Walk(LISTS, Progress())
    for state in (OPEN, DONE, DONE, DONE, DONE):
        answer(walk, state)
    walk.review(accept=False)
    assert walk.phase is Phase.FINISHED
    assert walk.current is None


def test_review_cannot_be_answered_when_not_offered() -> None:
    with pytest.raises(RuntimeError):
        Walk(LISTS, Progress()).review(accept=True)


def test_everything_answered_goes_straight_to_the_end() -> None:
    progress = Progress()
    for c in LISTS:
        for item in c.items:
            progress.record(c.id, item.id, DONE, AT)
    assert Walk(LISTS, progress).phase is Phase.FINISHED


def test_the_walk_follows_the_saved_progress_it_is_given() -> None:
    walk = Walk(LISTS, Progress())
    saved = Progress()
    saved.record("one", "a", DONE, AT)
    saved.record("one", "b", DONE, AT)  # answered meanwhile by "infuseprep check"
    walk.answered(saved)
    assert refs(walk) == "one/c"


@pytest.mark.parametrize(
    ("typed", "keys", "rest"),
    [
        ("yyn", ["y", "y", "n"], ""),
        ("y\x1b[Dn", ["y", "\x1b[D", "n"], ""),
        ("\x1b[15~\x1bOPq", ["\x1b[15~", "\x1bOP", "q"], ""),
        ("\x1b]0;title\x07y", ["\x1b]0;title\x07", "y"], ""),
        ("y\x1b", ["y"], "\x1b"),
        ("\x1b[1;5", [], "\x1b[1;5"),
        ("\x1b\x1bq", ["\x1b", "\x1bq"], ""),  # Esc, then Alt-q
        ("\u00e9\U0001f600", ["\u00e9", "\U0001f600"], ""),
    ],
)
def test_keys_are_split_as_terminals_send_them(typed: str, keys: list[str], rest: str) -> None:
    assert split_keys(typed) == (keys, rest)


@pytest.mark.parametrize(
    ("key", "meant"),
    [
        ("\x1b[D", BACK),
        ("\x1bOD", BACK),
        ("\x7f", BACK),
        ("\x08", BACK),
        ("\x1b", QUIT),
        ("\x1b[C", IGNORED),
        ("\x1b[15~", IGNORED),
        ("\x01", IGNORED),
        ("y", "y"),
        ("\n", "\n"),
    ],
)
def test_what_each_key_means(key: str, meant: str) -> None:
    assert meaning(key) == meant


def test_typed_text_drops_sequences_and_controls() -> None:
    assert typed_text("Ask\x1b[D about\x1b]0;x\x07 it\x07\tnow\u00e9") == "Ask about it\tnow\u00e9"
