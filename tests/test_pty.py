"""The installed infuseprep in a real pseudo-terminal: single keys, back, notes, Ctrl-C, resume."""

from __future__ import annotations

import io
import os
import re
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pexpect
import pytest

from infuseprep.store import ProgressStore

EXECUTABLE = str(Path(sys.executable).with_name("infuseprep"))
PROMPT = re.escape("Press y, n, s, b, ?, e or q.")
SAVED = re.escape("Progress saved. To go on from here, run: infuseprep start")
LATENCIES: list[float] = []


@pytest.fixture
def spawn(home: Path) -> Iterator[object]:
    children: list[pexpect.spawn] = []

    def start(*args: str, skip_date: bool = True, **env: str) -> pexpect.spawn:
        environment = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(home),
            "INFUSEPREP_HOME": str(home),
            "TERM": "xterm-256color",
            "NO_COLOR": "1",
            "LANG": "C.UTF-8",
            **env,
        }
        child = pexpect.spawn(
            EXECUTABLE,
            ["start", *args],
            env=environment,
            encoding="utf-8",
            dimensions=(40, 80),
            timeout=15,
        )
        child.logfile_read = io.StringIO()
        child.delaybeforesend = None  # pexpect waits 50 ms before each send unless told not to
        children.append(child)
        if skip_date:
            child.expect("Date: ")
            child.sendline("")
            child.expect("Skipped.")
        return child

    yield start
    for child in children:
        child.close(force=True)


def press(child: pexpect.spawn, key: str, expected: str) -> None:
    """Send one key without Enter and wait for what it leads to, timing the answer."""
    started = time.perf_counter()
    child.send(key)
    child.expect(expected)
    LATENCIES.append(time.perf_counter() - started)


def finish(child: pexpect.spawn) -> int:
    child.expect(pexpect.EOF)
    child.close()
    assert "Traceback" not in (child.before or "")
    return int(child.exitstatus if child.exitstatus is not None else 128 + child.signalstatus)


def test_single_keys_back_details_and_note(spawn, home: Path) -> None:
    child = spawn("--checklist", "light-meal")
    child.expect("Eat a light meal: step 1 of 4")
    child.expect(PROMPT)
    press(child, "y", "Saved: done.")
    child.expect("step 2 of 4")
    child.expect(PROMPT)
    press(child, "b", "step 1 of 4")
    child.expect("Your answer so far: done.")
    child.expect(PROMPT)
    press(child, "?", re.escape("When: 1 week before. This step is done once."))
    press(child, "e", "Note: ")
    child.sendline("Ask about crackers")
    child.expect("Note saved.")
    press(child, "s", "Saved: does not apply.")
    child.expect("step 2 of 4")
    child.expect(PROMPT)
    press(child, "z", "Keys: y done, n not yet")
    press(child, "q", SAVED)
    assert finish(child) == 0
    answer = ProgressStore(home / "progress.json").read().get("light-meal", "ask-about-eating")
    assert answer is not None
    assert (answer.state, answer.note) == ("skipped", "Ask about crackers")


def test_ctrl_c_keeps_answers_and_start_resumes(spawn, home: Path) -> None:
    child = spawn("--checklist", "hydration")
    child.expect("step 1 of 5")
    child.expect(PROMPT)
    press(child, "y", "step 2 of 5")
    child.expect(PROMPT)
    press(child, "n", "step 3 of 5")
    child.expect(PROMPT)
    child.sendintr()
    child.expect(SAVED)
    output = child.before or ""
    assert finish(child) == 130
    assert "Aborted" not in output
    again = spawn("--checklist", "hydration")
    again.expect("Drink enough water: step 3 of 5")
    again.expect(PROMPT)
    press(again, "y", "step 4 of 5")
    again.expect(PROMPT)
    again.sendeof()
    again.expect(SAVED)
    assert finish(again) == 0
    progress = ProgressStore(home / "progress.json").read()
    states = [
        progress.state("hydration", item)
        for item in ("ask-fluid-limit", "drink-day-before", "pack-water")
    ]
    assert states == ["done", "open", "done"]


def test_start_asks_for_the_visit_date_once_and_orders_by_it(spawn, home: Path) -> None:
    child = spawn("--checklist", "hydration", skip_date=False)
    child.expect(re.escape("When is your infusion?"))
    child.expect("Date: ")
    child.sendline("someday")
    child.expect(re.escape('"someday" is not a date infuseprep can use: write it like one of'))
    child.expect("Date: ")
    child.sendline("in 10 days")
    child.expect("Saved: your infusion is on ")
    child.expect("Drink enough water: step 1 of 5")
    child.expect(re.escape("Due on "))
    child.expect(PROMPT)
    child.send("q")
    child.expect(SAVED)
    assert finish(child) == 0
    assert ProgressStore(home / "progress.json").read().appointment is not None
    again = spawn("--checklist", "hydration", skip_date=False)
    again.expect("step 1 of 5")
    assert "When is your infusion?" not in transcript(again)
    again.send("q")
    again.expect(SAVED)
    assert finish(again) == 0


def test_review_and_summary_on_a_terminal(spawn) -> None:
    child = spawn("--checklist", "light-meal")
    for key in "ynyy":
        child.expect(PROMPT)
        child.send(key)
    child.expect(re.escape('You said "not yet" to 1 step. Go over it again now? Press y or n.'))
    child.send("y")
    child.expect("Going over the steps you left for later.")
    child.expect("Eat a light meal: step 2 of 4")
    child.expect(PROMPT)
    child.send("y")
    child.expect(re.escape("That is every step: 4 done, 0 do not apply, 0 still open."))
    assert finish(child) == 0


def transcript(child: pexpect.spawn) -> str:
    return child.logfile_read.getvalue()  # type: ignore[no-any-return]


def test_colour_terminal_still_says_everything_in_words(spawn) -> None:
    child = spawn("--checklist", "light-meal", NO_COLOR="")
    child.expect("step 1 of 4")
    child.expect(PROMPT)
    child.send("q")
    child.expect(SAVED)
    assert finish(child) == 0
    assert "\x1b[" in transcript(child)


def test_dumb_terminal_gets_no_control_codes(spawn) -> None:
    child = spawn("--checklist", "light-meal", TERM="dumb", NO_COLOR="")
    child.expect(PROMPT)
    child.send("q")
    child.expect(SAVED)
    assert finish(child) == 0
    assert "\x1b[" not in transcript(child)
    assert "Eat a light meal: step 1 of 4" in transcript(child)


def test_keypress_latency_is_reported() -> None:
    """Runs last in this file: the median time from a keypress to the next screen."""
    assert LATENCIES, "the pty tests above recorded no keypress"
    median = statistics.median(LATENCIES)
    print(f"\nkeypress to next screen: median {median * 1000:.1f} ms over {len(LATENCIES)} keys")
    assert median < 0.5
