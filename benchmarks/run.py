"""Start-up, scale, save, PDF and keypress benchmarks for infuseprep, in one table.

Run it from a checkout, with the Python that has infuseprep installed (``pip install -e .``)::

    python benchmarks/run.py                     # 15 rounds: a few minutes on 2 cores
    python benchmarks/run.py --runs 31           # more rounds on a noisy machine
    python benchmarks/run.py --json bench.json   # also write the table for CI to keep
    python benchmarks/run.py --strict            # exit 1 when a budget is not met

It prints one plain-text table: command, median, ratio to the bare Typer app, ratio to the
floor (``python -I -c pass``), budget, pass or FAIL. It exits 0 unless ``--strict`` is given and
a budget is not met (then it also lists the biggest imports the failing command makes that the
bare Typer app does not). Standard library and infuseprep only; POSIX (``os.posix_spawn``,
``os.wait4``, ``pty``). The parts: ``bench_children`` (running commands), ``bench_data`` (the
bundled and scale cases, saving), ``bench_table`` (budgets and the table).

How it measures. Every command runs as a fresh process of this same interpreter, in the same
environment, with its output sent to ``/dev/null`` (so Rich sees no terminal and no colour).
All the commands run once per round, one after the other (A, B, C, A, B, C, ...), after two
warm-up rounds that are not counted, so a slow moment of the machine hits every command alike.
A figure is the median wall time over the rounds; a ratio is the median of one command over the
median of the command it is compared with, both from the same rounds.

The figures:

- ``--help``, ``status``, ``status --json``, ``today``, ``check STEP`` and a completion request
  (Tab after ``check ``, as bash asks for it) run as ``python -m infuseprep ...`` with the
  bundled checklists and a progress file with an appointment and answers for most steps.
  ``check`` saves into a copy of that home, so every round saves one answer again (through the
  journal, folded into the file when it grows, as in real use). Each is compared with a bare
  Typer app with two commands on the same Typer version (``--help`` with its ``--help``, the
  others with its ``hello``) and with ``python -I -c pass``. Budget: at most 1.25x the app and
  at most 7x the floor, for each. ``--help`` is printed from the copy the first ``--help``
  leaves in the cache (``cli.saved_help``), as people see it after the first time; that first
  time is measured too, in a home where the copy cannot be kept, for the record.
- Scale: 50 generated checklists of 40 steps (2,000 steps), 500 past visits, answers for 3
  steps in 4. ``status`` there against ``status`` with the bundled checklists: at most 1.5x.
- Saving one answer: ``ProgressStore.change`` recording one answer (the locked, fsynced save a
  person waits for after each key), timed in this process, bundled and scale alternating, one
  store saving answer after answer as the walk does: scale at most 3x bundled. The same with a
  new store for each save, as one ``infuseprep check`` process does (reading everything
  first), for the record. The saves go to ``--tmp``, so the fsync cost is that disk's.
- A PDF of the 2,000 steps (``print -f pdf``): under 5 s (median of ``--pdf-runs``).
- Keypress: ``infuseprep start --restart`` in a pseudo-terminal, "y" pressed step after step;
  the time from the key to the next step's prompt, the fsynced save included: median under
  20 ms, in the bundled and the scale case.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import date, datetime, timezone
from pathlib import Path

from bench_children import (
    WARM_UP_ROUNDS,
    Command,
    import_report,
    keypress_latencies,
    measure,
    run_child,
)
from bench_data import (
    SCALE_CHECKLISTS,
    SCALE_ITEMS,
    SCALE_VISITS,
    bundled_checklists,
    make_bundled_home,
    make_scale_home,
    percentile_95,
    saved_steps,
    steps_of,
    time_saves,
)
from bench_table import (
    KEYPRESS_BUDGET_SECONDS,
    PDF_BUDGET_SECONDS,
    SCALE_SAVE_BUDGET,
    SCALE_STATUS_BUDGET,
    Row,
    absolute_row,
    format_table,
    relative_row,
    startup_row,
    write_json,
)

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

CHECKED_STEP = "light-meal/pack-snack"
PROMPT = b"Press y, n, s, b, ?, e or q."
# The commands held to the start-up budgets, and the bare app's command each is compared with.
STARTUP = (
    ("--help", "app --help"),
    ("status", "app hello"),
    ("status --json", "app hello"),
    ("today", "app hello"),
    (f"check {CHECKED_STEP}", "app hello"),
    ("complete: check <Tab>", "app hello"),
)


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Benchmark infuseprep's start-up, scale, saves, PDF and keypresses.",
        epilog="Exit status: 0, or with --strict 1 when a budget is not met.",
    )
    parser.add_argument("--runs", type=int, default=15, metavar="N", help="counted rounds (15)")
    parser.add_argument("--saves", type=int, default=50, metavar="N", help="saves per case (50)")
    parser.add_argument("--keys", type=int, default=30, metavar="N", help="keypresses per case")
    parser.add_argument("--pdf-runs", type=int, default=3, metavar="N", help="PDFs made (3)")
    parser.add_argument(
        "--tmp",
        type=Path,
        default=None,
        metavar="DIR",
        help="where the temporary homes go (default: the system's temporary folder)",
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the table as JSON")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a budget is not met")
    parser.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    arguments = parser.parse_args(argv)
    if arguments.runs < 3 or arguments.saves < 20 or arguments.keys < 5 or arguments.pdf_runs < 1:
        parser.error("use at least --runs 3, --saves 20, --keys 5 and --pdf-runs 1")
    return arguments


def typer_version() -> str:
    from importlib.metadata import version

    return version("typer")


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
        check_home = scratch / "check"
        bare_home.mkdir()
        # Help is printed from a copy kept in the cache after the first time: in this home the
        # cache cannot be kept (a file stands where its folder would be), so every run is a
        # first time.
        first_help_home = scratch / "no-saved-help"
        first_help_home.mkdir()
        (first_help_home / "cache").write_text("", encoding="utf-8")
        small_store = make_bundled_home(small_home, bundled, today)
        big_store = make_scale_home(big_home, bundled, today)
        shutil.copytree(small_home, check_home)
        app_file = scratch / "typer_app.py"
        app_file.write_text(BASELINE_APP, encoding="utf-8")
        # -m puts the working folder first on sys.path: work from the scratch folder, so it is
        # the installed infuseprep that runs.
        os.chdir(scratch)

        infuseprep = (python, "-m", "infuseprep")
        tab = {
            "_INFUSEPREP_COMPLETE": "complete_bash",
            "COMP_WORDS": "infuseprep check ",
            "COMP_CWORD": "2",
        }
        commands = [
            Command("python -I -c pass", (python, "-I", "-c", "pass"), bare_home),
            Command("app --help", (python, str(app_file), "--help"), bare_home),
            Command("app hello", (python, str(app_file), "hello"), bare_home),
            Command("--help", (*infuseprep, "--help"), small_home),
            Command("--help, first time", (*infuseprep, "--help"), first_help_home),
            Command("status", (*infuseprep, "status"), small_home),
            Command("status --json", (*infuseprep, "status", "--json"), small_home),
            Command("today", (*infuseprep, "today"), small_home),
            Command(f"check {CHECKED_STEP}", (*infuseprep, "check", CHECKED_STEP), check_home),
            Command("complete: check <Tab>", infuseprep, small_home, tab),
            Command("scale status", (*infuseprep, "status"), big_home),
        ]
        by_name = {command.name: command for command in commands}
        report(f"running {len(commands)} commands for {WARM_UP_ROUNDS}+{arguments.runs} rounds")
        samples = measure(commands, arguments.runs, scratch, report)
        median = {name: found.median for name, found in samples.items()}
        floor, bare_hello = median["python -I -c pass"], median["app hello"]

        report(f"saving one answer {arguments.saves} times per case, twice")
        small_steps, big_steps = steps_of(bundled), saved_steps(big_store)
        pairs = [(small_store, small_steps), (big_store, big_steps)]
        small_saves, big_saves = time_saves(pairs, arguments.saves)
        small_fresh, big_fresh = time_saves(pairs, arguments.saves, fresh=True)

        report(f"making a PDF of {SCALE_CHECKLISTS * SCALE_ITEMS:,} steps {arguments.pdf_runs}x")
        pdf_times = []
        for number in range(arguments.pdf_runs):
            pdf = scratch / f"scale-{number}.pdf"
            command = Command("pdf", (*infuseprep, "print", "-f", "pdf", "-o", str(pdf)), big_home)
            pdf_times.append(run_child(command, scratch)[0])

        report(f"pressing y {arguments.keys} times in the walk, per case")
        walk = (*infuseprep, "start", "--restart")
        keys_small = keypress_latencies(walk, small_home, PROMPT, arguments.keys)
        keys_big = keypress_latencies(walk, big_home, PROMPT, arguments.keys)

        rows: list[Row] = []
        for name, app in STARTUP:
            rows.append(startup_row(name, median[name], median[app], floor))
        rows.append(
            relative_row(
                "--help, first time (builds the saved copy)",
                median["--help, first time"],
                median["app --help"],
                "app --help",
                None,
                (median["app --help"], floor),
            )
        )
        steps_total = SCALE_CHECKLISTS * SCALE_ITEMS
        rows.append(
            relative_row(
                f"scale status ({steps_total:,} steps, {SCALE_VISITS} visits)",
                median["scale status"],
                median["status"],
                "status",
                SCALE_STATUS_BUDGET,
                (bare_hello, floor),
            )
        )
        small_save = statistics.median(small_saves)
        for label, timings, against, budget in (
            ("save one answer, bundled", small_saves, small_save, None),
            ("save one answer, scale", big_saves, small_save, SCALE_SAVE_BUDGET),
        ):
            row = relative_row(label, statistics.median(timings), against, "bundled", budget)
            rows.append(_with_note(row, f"p95 {percentile_95(timings) * 1000:.1f} ms"))
        small_fresh_median = statistics.median(small_fresh)
        for label, timings in (
            ("save, new store (as check), bundled", small_fresh),
            ("save, new store (as check), scale", big_fresh),
        ):
            rows.append(
                relative_row(label, statistics.median(timings), small_fresh_median, "bundled", None)
            )
        rows.append(
            absolute_row(
                f"PDF of {steps_total:,} steps", statistics.median(pdf_times), PDF_BUDGET_SECONDS
            )
        )
        for label, latencies in (("bundled", keys_small), ("scale", keys_big)):
            rows.append(
                absolute_row(
                    f"keypress to next step, {label}",
                    statistics.median(latencies),
                    KEYPRESS_BUDGET_SECONDS,
                    note=f"p95 {percentile_95(latencies) * 1000:.1f} ms",
                )
            )
        rows.append(
            Row("app --help", median["app --help"] * 1000, 1.0, median["app --help"] / floor)
        )
        rows.append(Row("app hello", bare_hello * 1000, 1.0, bare_hello / floor))
        rows.append(Row("python -I -c pass (floor)", floor * 1000, None, 1.0))

        about = {
            "measured_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "python": sys.version.split()[0],
            "platform": sys.platform,
            "cpus": os.cpu_count(),
            "typer": typer_version(),
            "runs": arguments.runs,
            "saves": arguments.saves,
            "keys": arguments.keys,
            "progress_bytes": {
                "bundled": small_store.path.stat().st_size,
                "scale": big_store.path.stat().st_size,
            },
        }
        print(
            f"infuseprep benchmark: {arguments.runs} rounds, {arguments.saves} saves per case, "
            f"Python {about['python']} on {sys.platform}, {about['cpus']} CPUs, "
            f"Typer {about['typer']}"
        )
        print(
            "Medians; ratios are medians over medians from the same rounds. progress.json: "
            f"bundled {small_store.path.stat().st_size / 1024:.0f} KiB, "
            f"scale {big_store.path.stat().st_size / 1024:.0f} KiB."
        )
        print()
        print(format_table(rows))
        if arguments.json is not None:
            write_json(started_in / arguments.json, rows, about)
        failing = [row.command for row in rows if row.passed is False]
        print()
        if not failing:
            print("Every budget is met.")
            return 0
        print(f"Over budget: {', '.join(failing)}.")
        if not arguments.strict:
            return 0
        for name in failing:
            if name in by_name and by_name[name].argv[1:3] == ("-m", "infuseprep"):
                baseline = by_name["app --help" if name == "--help" else "app hello"]
                print()
                print("\n".join(import_report(by_name[name], baseline)))
        return 1
    finally:
        os.chdir(started_in)
        shutil.rmtree(scratch, ignore_errors=True)


def _with_note(row: Row, note: str) -> Row:
    from dataclasses import replace

    return replace(row, note=note)


if __name__ == "__main__":
    started = time.perf_counter()
    code = main()
    sys.stderr.write(f"  done in {time.perf_counter() - started:.0f} s\n")
    sys.exit(code)
