"""The benchmark's data: the bundled case, the scale case, and saving one answer in each.

Part of ``benchmarks/run.py``. The scale case is 50 generated checklists of 40 steps (2,000
steps) in ``$INFUSEPREP_HOME/checklists`` and a progress file with 500 past visits and answers
for 3 steps in 4.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

from infuseprep.catalog import bundled_dir, check_files
from infuseprep.catalog_files import checklist_files
from infuseprep.checklist import Checklist
from infuseprep.progress import DONE, OPEN, SKIPPED, Answer, Appointment, Progress, Visit
from infuseprep.store import ProgressStore

SCALE_CHECKLISTS = 50
SCALE_ITEMS = 40
SCALE_VISITS = 500
MEDICATION = "belimumab-iv"

WHENS = (
    "3 weeks before",
    "10 days before",
    "2 days before",
    "day before",
    "evening before",
    "morning of",
    "at the visit",
    "day after",
    None,
)
SCOPES = ("once", "every visit", "yearly")


def bundled_checklists() -> list[Checklist]:
    checklists, problems = check_files(checklist_files([bundled_dir()]))
    if problems:
        raise SystemExit(
            "benchmark stopped: the bundled checklists have problems:\n"
            + "\n".join(str(problem) for problem in problems)
        )
    return checklists


def stamp(day: date) -> str:
    return datetime.combine(day, clock_time(9, 0)).astimezone().isoformat(timespec="seconds")


def answer_for(index: int, day: date) -> Answer | None:
    """Three steps in four answered (done, done, skipped), one in ten with a note."""
    kind = index % 4
    if kind == 3:
        return None
    note = f"Note {index}: asked the nurse, “all good”." if index % 10 == 0 else None
    return Answer(SKIPPED if kind == 2 else DONE, stamp(day), note)


def fill_answers(progress: Progress, steps: Sequence[tuple[str, str]], today: date) -> None:
    for index, (checklist_id, item_id) in enumerate(steps):
        answer = answer_for(index, today - timedelta(days=index % 7))
        if answer is not None:
            progress.answers.setdefault(checklist_id, {})[item_id] = answer


def steps_of(checklists: Sequence[Checklist]) -> list[tuple[str, str]]:
    return [(checklist.id, item.id) for checklist in checklists for item in checklist.items]


def quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def write_scale_checklists(folder: Path) -> list[tuple[str, str]]:
    """50 checklists of 40 steps, with details, timings, scopes and some medications."""
    folder.mkdir(parents=True, exist_ok=True)
    steps: list[tuple[str, str]] = []
    for number in range(SCALE_CHECKLISTS):
        checklist_id = f"bench-{number:02d}"
        lines = [
            f"id: {checklist_id}",
            f"title: {quoted(f'Préparation n° {number}: the “long” list')}",
            "description: >-",
            f"  Generated for the infuseprep benchmark, checklist {number} of",
            f"  {SCALE_CHECKLISTS}. Café, crème brûlée and other accents on purpose.",
            f"order: {200 + number}",
            "items:",
        ]
        for index in range(SCALE_ITEMS):
            item_id = f"step-{index:02d}"
            text = f"Step {index} of list {number}: bring the “blue” folder and a bottle of water."
            details = (
                "Plenty of words so each step is the size of a real one: why it matters, what "
                "to ask the care team, and where the fact comes from. (Source: benchmark.)"
            )
            lines += [
                f"  - id: {item_id}",
                f"    text: {quoted(text)}",
                f"    details: {quoted(details)}",
                f"    scope: {SCOPES[index % len(SCOPES)]}",
            ]
            when = WHENS[(number + index) % len(WHENS)]
            if when is not None:
                lines.append(f"    when: {when}")
            if index % 10 == 9:
                lines.append(f"    medications: [{MEDICATION}, anifrolumab-iv]")
            steps.append((checklist_id, item_id))
        (folder / f"{checklist_id}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    checked, problems = check_files(checklist_files([folder]))
    if problems or len(checked) != SCALE_CHECKLISTS:
        raise SystemExit(
            "benchmark stopped: the generated checklists have problems:\n"
            + "\n".join(str(problem) for problem in problems[:10])
        )
    return steps


def history(today: date) -> list[Visit]:
    first = today - timedelta(days=14 * SCALE_VISITS)
    visits = []
    for number in range(SCALE_VISITS):
        day = first + timedelta(days=14 * number)
        visits.append(
            Visit(
                date=day,
                medication=MEDICATION,
                dose=number + 1,
                done=30 + number % 7,
                skipped=number % 5,
                total=44,
                closed_at=stamp(day + timedelta(days=1)),
            )
        )
    return visits


def save_progress(home: Path, build: Callable[[Progress], None]) -> ProgressStore:
    store = ProgressStore(home / "progress.json")
    store.change(build)
    return store


def make_bundled_home(home: Path, bundled: Sequence[Checklist], today: date) -> ProgressStore:
    def build(progress: Progress) -> None:
        progress.appointment = Appointment(
            today + timedelta(days=10), clock_time(9, 30), MEDICATION, "Riverside", 4
        )
        fill_answers(progress, steps_of(bundled), today)

    return save_progress(home, build)


def make_scale_home(home: Path, bundled: Sequence[Checklist], today: date) -> ProgressStore:
    generated = write_scale_checklists(home / "checklists")

    def build(progress: Progress) -> None:
        progress.appointment = Appointment(
            today + timedelta(days=10), clock_time(9, 30), MEDICATION, "Riverside", 501
        )
        progress.history = history(today)
        fill_answers(progress, steps_of(bundled) + generated, today)

    return save_progress(home, build)


def recorder(checklist_id: str, item_id: str, state: str, at: str) -> Callable[[Progress], None]:
    def record(progress: Progress) -> None:
        progress.record(checklist_id, item_id, state, at)

    return record


def time_saves(
    stores: Sequence[tuple[ProgressStore, Sequence[tuple[str, str]]]],
    saves: int,
    *,
    fresh: bool = False,
) -> list[list[float]]:
    """Save one answer per store in turn, ``saves`` times; seconds per save for each store.

    As the walk saves: one store saving answer after answer. With ``fresh``, a new store for
    each save, as ``infuseprep check`` does (it reads the whole file and journal first)."""
    timings: list[list[float]] = [[] for _ in stores]
    states = (DONE, SKIPPED, OPEN)
    for number in range(saves + 1):
        for position, (store, steps) in enumerate(stores):
            checklist_id, item_id = steps[(number * 7) % len(steps)]
            state = states[number % len(states)]
            at = datetime.now().astimezone().isoformat(timespec="seconds")

            record = recorder(checklist_id, item_id, state, at)
            started = time.perf_counter()
            (ProgressStore(store.path) if fresh else store).change(record)
            elapsed = time.perf_counter() - started
            if number > 0:  # the first save of each store is a warm-up
                timings[position].append(elapsed)
    return timings


def percentile_95(values: Sequence[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def saved_steps(store: ProgressStore) -> list[tuple[str, str]]:
    return list(store.read().saved_steps())
