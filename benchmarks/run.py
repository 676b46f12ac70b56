"""Start-up, scale and save benchmarks for infuseprep, as ratios measured side by side.

Run it from a checkout, with the Python that has infuseprep installed (``pip install -e .``)::

    python benchmarks/run.py              # 15 rounds, 50 saves per case: about a minute
    python benchmarks/run.py --runs 31    # more rounds on a noisy machine
    python benchmarks/run.py --help

It prints one plain-text table and exits with 0 when every budget is met, 1 when one is not
(and then it also lists the biggest imports the failing command makes that a plain Typer app
does not). It uses only the standard library and infuseprep; it needs a POSIX system
(``os.posix_spawn``, ``os.wait4``).

How it measures. Every command runs as a fresh process of this same interpreter, in the same
environment, with its output sent to ``/dev/null`` (so Rich sees no terminal and no colour).
All the commands are run once per round, one after the other (A, B, A, B, ...), after two warm-up
rounds that are not counted, so a slow moment of the machine hits every command alike. A figure
is the median wall time over the rounds; a ratio is the median of one command over the median of
the command it is compared with, both from the same rounds. Peak memory is the child's maximum
resident set size, read from ``os.wait4``.

The figures:

- ``--help``, ``status``, ``status --json`` against a baseline: ``python -m infuseprep ...``
  against a minimal Typer app with two commands, written to a temporary file and run as
  ``python app.py --help`` and ``python app.py hello``. infuseprep runs with the bundled
  checklists and a progress file with an appointment and answers for most steps. Budget: 1.15x.
  The same commands over a bare ``python -c pass`` are printed for the record.
- Scale: 50 generated checklists of 40 steps (2,000 steps) in ``$INFUSEPREP_HOME/checklists``,
  and a progress file with 500 past visits and answers for 3 steps in 4. ``status`` there against
  ``status`` with the bundled checklists. Budget: 1.5x. Peak memory of both, for the record.
- Saving one answer: ``ProgressStore.change`` recording one answer (the locked, fsynced,
  atomic write a person waits for after each key), timed in this process, bundled and scale
  cases alternating; median and 95th percentile in milliseconds, for the record. The saves
  go to ``--tmp`` (the system's temporary folder by default), so the fsync cost is that disk's.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

from infuseprep.catalog import bundled_dir, check_files, checklist_files
from infuseprep.checklist import Checklist
from infuseprep.progress import DONE, OPEN, SKIPPED, Answer, Appointment, Progress, Visit
from infuseprep.store import ProgressStore

STARTUP_BUDGET = 1.15
SCALE_BUDGET = 1.5
WARM_UP_ROUNDS = 2
SCALE_CHECKLISTS = 50
SCALE_ITEMS = 40
SCALE_VISITS = 500
MEDICATION = "belimumab-iv"
FIRST_PARTY = "infuseprep"
CHILD_ENV = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb", "PYTHONIOENCODING": "utf-8"}

BASELINE_APP = '''\
"""A minimal Typer app with two commands: the yardstick for start-up time."""

import typer

app = typer.Typer()


@app.command()
def hello(name: str = "world") -> None:
    """Say hello."""
    print(f"Hello {name}")


@app.command()
def bye() -> None:
    """Say goodbye."""
    print("Bye")


if __name__ == "__main__":
    app()
'''

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


@dataclass(frozen=True)
class Command:
    """One command line, run as a child of this interpreter."""

    name: str
    argv: tuple[str, ...]
    home: Path


@dataclass
class Samples:
    seconds: list[float] = field(default_factory=list)
    peak_bytes: list[int] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def median_peak(self) -> float:
        return statistics.median(self.peak_bytes)


@dataclass(frozen=True)
class Row:
    measurement: str
    median: str
    ratio: str = "-"
    budget: str = "-"
    result: str = "-"


# ----------------------------------------------------------------------------- running children


def child_env(home: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("INFUSEPREP_")}
    env.update(CHILD_ENV)
    env["INFUSEPREP_HOME"] = str(home)
    return env


def run_child(command: Command, scratch: Path) -> tuple[float, int]:
    """Run one command to the end; its wall time in seconds and its peak memory in bytes."""
    errors = scratch / "stderr.txt"
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
        (os.POSIX_SPAWN_OPEN, 2, str(errors), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600),
    ]
    env = child_env(command.home)
    started = time.perf_counter()
    pid = os.posix_spawn(command.argv[0], command.argv, env, file_actions=actions)
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        message = errors.read_text(encoding="utf-8", errors="replace")
        raise SystemExit(
            f"benchmark stopped: {command.name} ({' '.join(command.argv[1:])}) exited with "
            f"{code}:\n{message}"
        )
    # ru_maxrss is in kilobytes on Linux and in bytes on macOS.
    peak = usage.ru_maxrss if sys.platform == "darwin" else usage.ru_maxrss * 1024
    return elapsed, peak


def measure(
    commands: Sequence[Command], rounds: int, scratch: Path, report: Callable[[str], None]
) -> dict[str, Samples]:
    """Run every command once per round, in turn; the warm-up rounds are not kept."""
    samples = {command.name: Samples() for command in commands}
    total = WARM_UP_ROUNDS + rounds
    for round_number in range(total):
        report(f"round {round_number + 1}/{total}")
        for command in commands:
            seconds, peak = run_child(command, scratch)
            if round_number >= WARM_UP_ROUNDS:
                samples[command.name].seconds.append(seconds)
                samples[command.name].peak_bytes.append(peak)
    return samples


# ----------------------------------------------------------------------------- the data


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


# ----------------------------------------------------------------------------- saving one answer


def recorder(checklist_id: str, item_id: str, state: str, at: str) -> Callable[[Progress], None]:
    def record(progress: Progress) -> None:
        progress.record(checklist_id, item_id, state, at)

    return record


def time_saves(
    stores: Sequence[tuple[ProgressStore, Sequence[tuple[str, str]]]], saves: int
) -> list[list[float]]:
    """Save one answer per store in turn, ``saves`` times; seconds per save for each store."""
    timings: list[list[float]] = [[] for _ in stores]
    states = (DONE, SKIPPED, OPEN)
    for number in range(saves + 1):
        for position, (store, steps) in enumerate(stores):
            checklist_id, item_id = steps[(number * 7) % len(steps)]
            state = states[number % len(states)]
            at = datetime.now().astimezone().isoformat(timespec="seconds")

            record = recorder(checklist_id, item_id, state, at)
            started = time.perf_counter()
            store.change(record)
            elapsed = time.perf_counter() - started
            if number > 0:  # the first save of each store is a warm-up
                timings[position].append(elapsed)
    return timings


def percentile_95(values: Sequence[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


# ----------------------------------------------------------------------------- import report


def import_times(argv: Sequence[str], home: Path) -> dict[str, int]:
    """Self import time in microseconds per package (per module for infuseprep's own)."""
    command = [argv[0], "-X", "importtime", *argv[1:]]
    done = subprocess.run(command, env=child_env(home), capture_output=True, text=True, check=False)
    totals: dict[str, int] = {}
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        parts = [part.strip() for part in line.removeprefix("import time:").split("|")]
        if not parts[0].isdigit():
            continue
        module = parts[2]
        # infuseprep's own modules one by one, anything else by its top-level package.
        name = module if module.startswith(f"{FIRST_PARTY}.") else module.split(".")[0]
        totals[name] = totals.get(name, 0) + int(parts[0])
    return totals


def import_report(failing: Command, baseline: Command, runs: int = 5) -> list[str]:
    """What the failing command imports and the baseline app does not, slowest first."""
    seen: dict[str, list[int]] = {}
    for _ in range(runs):
        for package, micros in import_times(failing.argv, failing.home).items():
            seen.setdefault(package, []).append(micros)
    base = set(import_times(baseline.argv, baseline.home))
    extra = {
        package: statistics.median(values)
        for package, values in seen.items()
        if package not in base
    }
    top = sorted(extra.items(), key=lambda pair: pair[1], reverse=True)[:15]
    total = sum(extra.values())
    lines = [
        f"Imports in `{' '.join(failing.argv[1:])}` that the Typer app does not make "
        f"(self time, median of {runs} runs of -X importtime; {total / 1000:.1f} ms in all):"
    ]
    lines += [f"  {package:<32} {micros / 1000:7.1f} ms" for package, micros in top]
    return lines


# ----------------------------------------------------------------------------- the table


def milliseconds(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def mebibytes(count: float) -> str:
    return f"{count / 1_048_576:.1f} MiB"


def compared(
    label: str, measured: Samples, against: Samples, budget: float | None
) -> tuple[Row, bool]:
    ratio = measured.median / against.median
    met = budget is None or ratio <= budget
    return (
        Row(
            label,
            milliseconds(measured.median),
            f"{ratio:.2f}x",
            "-" if budget is None else f"{budget:.2f}x",
            "-" if budget is None else ("pass" if met else "FAIL"),
        ),
        met,
    )


def format_table(rows: Sequence[Row]) -> str:
    header = Row("measurement", "median", "ratio", "budget", "result")
    cells = [
        (row.measurement, row.median, row.ratio, row.budget, row.result) for row in [header, *rows]
    ]
    widths = [max(len(cell[column]) for cell in cells) for column in range(5)]
    lines = []
    for number, cell in enumerate(cells):
        first = cell[0].ljust(widths[0])
        rest = [cell[column].rjust(widths[column]) for column in range(1, 5)]
        lines.append("  ".join([first, *rest]).rstrip())
        if number == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


# ----------------------------------------------------------------------------- main


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Benchmark infuseprep's start-up, scale and saves as side-by-side ratios.",
        epilog="Exit status: 0 when every budget is met, 1 otherwise.",
    )
    parser.add_argument(
        "--runs", type=int, default=15, metavar="N", help="counted rounds (default 15)"
    )
    parser.add_argument(
        "--saves", type=int, default=50, metavar="N", help="saves per case (default 50)"
    )
    parser.add_argument(
        "--tmp",
        type=Path,
        default=None,
        metavar="DIR",
        help="where the temporary homes go (default: the system's temporary folder)",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    arguments = parser.parse_args(argv)
    if arguments.runs < 3 or arguments.saves < 20:
        parser.error("use at least --runs 3 and --saves 20 (15 and 50 for figures you report)")
    return arguments


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parse_arguments(argv)

    def report(message: str) -> None:
        if not arguments.quiet:
            sys.stderr.write(f"  {message}\n")
            sys.stderr.flush()

    python = sys.executable
    today = date.today()
    bundled = bundled_checklists()
    started_in = Path.cwd()
    scratch = Path(tempfile.mkdtemp(prefix="infuseprep-bench-", dir=arguments.tmp))
    try:
        report(f"preparing {scratch}")
        small_home, big_home, bare_home = scratch / "bundled", scratch / "scale", scratch / "bare"
        bare_home.mkdir()
        small_store = make_bundled_home(small_home, bundled, today)
        big_store = make_scale_home(big_home, bundled, today)
        app_file = scratch / "typer_app.py"
        app_file.write_text(BASELINE_APP, encoding="utf-8")
        # -m puts the working folder first on sys.path: work from the scratch folder, so it is
        # the installed infuseprep that runs.
        os.chdir(scratch)

        infuseprep = (python, "-m", "infuseprep")
        commands = [
            Command("typer --help", (python, str(app_file), "--help"), bare_home),
            Command("infuseprep --help", (*infuseprep, "--help"), small_home),
            Command("typer hello", (python, str(app_file), "hello"), bare_home),
            Command("infuseprep status", (*infuseprep, "status"), small_home),
            Command("infuseprep status --json", (*infuseprep, "status", "--json"), small_home),
            Command("python -c pass", (python, "-c", "pass"), bare_home),
            Command("scale status", (*infuseprep, "status"), big_home),
        ]
        by_name = {command.name: command for command in commands}
        report(f"running {len(commands)} commands for {WARM_UP_ROUNDS}+{arguments.runs} rounds")
        samples = measure(commands, arguments.runs, scratch, report)

        report(f"saving one answer {arguments.saves} times per case")
        small_steps = steps_of(bundled)
        big_steps = [
            step
            for checklist, items in big_store.read().answers.items()
            for step in ((checklist, item) for item in items)
        ]
        small_saves, big_saves = time_saves(
            [(small_store, small_steps), (big_store, big_steps)], arguments.saves
        )

        rows: list[Row] = []
        verdicts: list[tuple[str, bool]] = []
        for label, name, against in (
            ("infuseprep --help / typer app --help", "infuseprep --help", "typer --help"),
            ("infuseprep status / typer app hello", "infuseprep status", "typer hello"),
            (
                "infuseprep status --json / typer app hello",
                "infuseprep status --json",
                "typer hello",
            ),
        ):
            row, met = compared(label, samples[name], samples[against], STARTUP_BUDGET)
            rows.append(row)
            verdicts.append((name, met))
        steps_total = SCALE_CHECKLISTS * SCALE_ITEMS
        scale_label = f"scale status ({steps_total:,} steps, {SCALE_VISITS} visits) / status"
        row, met = compared(
            scale_label, samples["scale status"], samples["infuseprep status"], SCALE_BUDGET
        )
        rows.append(row)
        verdicts.append(("scale status", met))

        bare = samples["python -c pass"]
        for name in ("infuseprep --help", "infuseprep status", "infuseprep status --json"):
            rows.append(compared(f"{name} / python -c pass", samples[name], bare, None)[0])
        for name in ("typer --help", "typer hello"):
            label = name.replace("typer", "typer app")
            rows.append(compared(f"{label} / python -c pass", samples[name], bare, None)[0])
        rows.append(Row("python -c pass", milliseconds(bare.median)))

        small_peak = samples["infuseprep status"].median_peak
        for label, name in (
            ("peak memory: typer app hello", "typer hello"),
            ("peak memory: status (bundled)", "infuseprep status"),
            ("peak memory: scale status", "scale status"),
        ):
            peak = samples[name].median_peak
            rows.append(Row(label, mebibytes(peak), f"{peak / small_peak:.2f}x"))

        small_median = statistics.median(small_saves)
        for label, timings in (("bundled", small_saves), ("scale", big_saves)):
            median = statistics.median(timings)
            rows.append(
                Row(
                    f"save one answer, {label} (p95 {percentile_95(timings) * 1000:.1f} ms)",
                    milliseconds(median),
                    f"{median / small_median:.2f}x",
                )
            )

        sizes = (
            f"progress.json: bundled {small_store.path.stat().st_size / 1024:.0f} KiB, "
            f"scale {big_store.path.stat().st_size / 1024:.0f} KiB"
        )
        print(
            f"infuseprep benchmark: {arguments.runs} rounds, {arguments.saves} saves per case, "
            f"Python {sys.version.split()[0]} on {sys.platform}, {os.cpu_count()} CPUs"
        )
        print(f"Ratios are medians over medians from the same rounds; {sizes}.")
        print()
        print(format_table(rows))
        failing = [name for name, met in verdicts if not met]
        print()
        if not failing:
            print("Every budget is met.")
            return 0
        print(f"Over budget: {', '.join(failing)}.")
        for name in failing:
            if name == "scale status":
                continue
            baseline = by_name["typer --help" if name.endswith("--help") else "typer hello"]
            print()
            print("\n".join(import_report(by_name[name], baseline)))
        return 1
    finally:
        os.chdir(started_in)
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
