"""Saving survives SIGKILL at any moment, and concurrent writers never lose each other's answers."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from infuseprep.progress import DONE
from infuseprep.store import ProgressStore

KILLS = 60
WRITERS = 8
WRITES_EACH = 25

# A writer that saves answer after answer, each with a counter in its note, as fast as it can.
# The journal is folded into the file every few saves here, so kills land in both kinds of save.
COUNTING_WRITER = """
import sys
from pathlib import Path
import infuseprep.store
from infuseprep.store import ProgressStore
infuseprep.store.JOURNAL_MIN_BYTES = 1024
store = ProgressStore(Path(sys.argv[1]))
start = int(sys.argv[2])
print("ready", flush=True)
for n in range(start, start + 100_000):
    def apply(progress, n=n):
        progress.record("c", f"step-{n % 40}", "done", "2026-11-23T09:00:00+00:00")
        progress.annotate("counter", "value", str(n))
    store.change(apply)
"""

DISTINCT_WRITER = """
import sys
from pathlib import Path
from infuseprep.store import ProgressStore
store = ProgressStore(Path(sys.argv[1]))
writer, count = sys.argv[2], int(sys.argv[3])
at = "2026-11-23T09:00:00+01:00"
for n in range(count):
    store.change(lambda p, n=n: p.record(f"writer-{writer}", f"step-{n}", "done", at))
"""


def counter(path: Path) -> int:
    note = ProgressStore(path).read().get("counter", "value")
    return -1 if note is None or note.note is None else int(note.note)


@pytest.mark.slow
def test_sigkill_while_saving_never_corrupts_the_file(tmp_path: Path) -> None:
    path = tmp_path / "home" / "progress.json"
    rng = random.Random(20261123)
    last = -1
    killed_mid_write = 0
    journals_seen = 0
    for _ in range(KILLS):
        writer = subprocess.Popen(
            [sys.executable, "-c", COUNTING_WRITER, str(path), str(last + 1)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert writer.stdout is not None
        assert writer.stdout.readline() == "ready\n"
        time.sleep(rng.uniform(0.0, 0.05))
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        killed_mid_write += any(path.parent.glob(".progress.json.*.tmp"))
        journals_seen += path.with_name("progress.json.journal").exists()
        if path.exists():
            json.loads(path.read_text(encoding="utf-8"))
        now = counter(path)
        assert now >= last, "an older answer replaced a newer one"
        last = now
    assert last > KILLS, "the writers hardly saved anything; the test proved little"
    assert killed_mid_write > 0, "no kill landed inside a write; the test proved little"
    assert journals_seen > 0, "no kill left a journal; the test proved little"
    ProgressStore(path).change(lambda p: p.record("c", "after", DONE, "2026-11-23T09:30:00+01:00"))
    left = {f.name for f in path.parent.iterdir()}
    assert {"progress.json", "progress.json.lock"} <= left
    assert left <= {"progress.json", "progress.json.journal", "progress.json.lock"}


@pytest.mark.slow
def test_concurrent_writers_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "home" / "progress.json"
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", DISTINCT_WRITER, str(path), str(w), str(WRITES_EACH)]
        )
        for w in range(WRITERS)
    ]
    assert [writer.wait() for writer in writers] == [0] * WRITERS
    progress = ProgressStore(path).read()
    assert len(list(progress.saved_steps())) == WRITERS * WRITES_EACH


@pytest.mark.slow
def test_concurrent_check_commands_lose_nothing(tmp_path: Path) -> None:
    steps = [
        "light-meal/ask-about-eating",
        "light-meal/have-food-ready",
        "light-meal/pack-snack",
        "light-meal/eat-light-meal",
        "hydration/drink-day-before",
        "comfort-items/pack-blanket",
    ]
    exe = Path(sys.executable).with_name("infuseprep")
    env = {**os.environ, "INFUSEPREP_HOME": str(tmp_path)}
    processes = [
        subprocess.Popen([exe, "check", step], env=env, stdout=subprocess.DEVNULL) for step in steps
    ]
    assert [process.wait() for process in processes] == [0] * len(steps)
    progress = ProgressStore(tmp_path / "progress.json").read()
    assert sorted(f"{c}/{i}" for c, i in progress.saved_steps()) == sorted(steps)
