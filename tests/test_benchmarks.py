"""The benchmark's table and budgets (the benchmark itself is run by hand or in CI)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))

import bench_table
import run as bench_run


def test_a_start_up_command_must_meet_both_budgets() -> None:
    assert bench_table.startup_row("status", 0.100, 0.090, 0.020).passed is True
    # Within the app's budget but over seven times the floor.
    assert bench_table.startup_row("status", 0.150, 0.140, 0.020).passed is False
    # Within the floor's budget but over 1.25x the app.
    assert bench_table.startup_row("status", 0.100, 0.070, 0.020).passed is False


def test_a_figure_for_the_record_has_no_verdict() -> None:
    row = bench_table.relative_row("save, new store", 0.030, 0.003, "bundled", None)
    assert row.passed is None
    assert row.budget == "10.00x bundled"


def test_the_table_and_its_json(tmp_path: Path) -> None:
    rows = [
        bench_table.startup_row("status", 0.100, 0.090, 0.020),
        bench_table.absolute_row("PDF of 2,000 steps", 6.0, bench_table.PDF_BUDGET_SECONDS),
        bench_table.absolute_row("keypress", 0.008, bench_table.KEYPRESS_BUDGET_SECONDS),
    ]
    table = bench_table.format_table(rows).splitlines()
    assert table[0].split() == [
        "command",
        "median",
        "vs",
        "bare",
        "app",
        "vs",
        "floor",
        "budget",
        "result",
    ]
    assert table[2].startswith("status") and table[2].endswith("pass")
    assert table[3].endswith("FAIL") and "< 5 s" in table[3]
    assert "< 20 ms" in table[4]
    bench_table.write_json(tmp_path / "bench.json", rows, {"cpus": 2})
    document = json.loads((tmp_path / "bench.json").read_text())
    assert document["about"] == {"cpus": 2}
    assert document["failing"] == ["PDF of 2,000 steps"]
    assert document["rows"][0]["vs_bare_app"] == pytest.approx(0.100 / 0.090)


def test_too_few_rounds_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        bench_run.parse_arguments(["--runs", "2"])
    assert stopped.value.code == 2
    assert "--strict" not in capsys.readouterr().out
