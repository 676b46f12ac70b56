"""The benchmark's table: one row per measurement, its ratios, its budget and the verdict.

Part of ``benchmarks/run.py``; printed as plain text, or written as JSON for CI to keep.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

# Start-up budgets: each command at most this many times the bare two-command Typer app on the
# same Typer version, and at most this many times `python -I -c pass`.
BARE_APP_BUDGET = 1.25
FLOOR_BUDGET = 7.0
SCALE_STATUS_BUDGET = 1.5  # scale status over bundled status
SCALE_SAVE_BUDGET = 3.0  # scale save over bundled save
PDF_BUDGET_SECONDS = 5.0
KEYPRESS_BUDGET_SECONDS = 0.020


@dataclass(frozen=True)
class Row:
    """One measurement. ``passed`` is ``None`` for a figure kept for the record only."""

    command: str
    median_ms: float
    vs_bare_app: float | None = None
    vs_floor: float | None = None
    budget: str = "-"
    passed: bool | None = None
    note: str = ""


def startup_row(command: str, median: float, bare_app: float, floor: float) -> Row:
    """A command people run many times a day, held to both start-up budgets."""
    vs_bare, vs_floor = median / bare_app, median / floor
    return Row(
        command,
        median * 1000,
        vs_bare,
        vs_floor,
        f"<= {BARE_APP_BUDGET:.2f}x app, <= {FLOOR_BUDGET:.0f}x floor",
        vs_bare <= BARE_APP_BUDGET and vs_floor <= FLOOR_BUDGET,
    )


def relative_row(
    command: str,
    median: float,
    against: float,
    against_name: str,
    budget: float | None,
    startup: tuple[float, float] | None = None,
) -> Row:
    """A figure held to a ratio over another (``budget``), or kept for the record (``None``)."""
    ratio = median / against
    bare, floor = startup if startup is not None else (None, None)
    return Row(
        command,
        median * 1000,
        None if bare is None else median / bare,
        None if floor is None else median / floor,
        f"{ratio:.2f}x {against_name}" + ("" if budget is None else f" <= {budget:.2f}x"),
        None if budget is None else ratio <= budget,
    )


def absolute_row(command: str, median: float, limit: float, note: str = "") -> Row:
    shown = f"< {limit:g} s" if limit >= 1 else f"< {limit * 1000:g} ms"
    return Row(command, median * 1000, budget=shown, passed=median < limit, note=note)


def _ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}x"


def _verdict(passed: bool | None) -> str:
    return "-" if passed is None else ("pass" if passed else "FAIL")


def format_table(rows: Sequence[Row]) -> str:
    header = ("command", "median", "vs bare app", "vs floor", "budget", "result")
    cells = [header] + [
        (
            row.command + (f" ({row.note})" if row.note else ""),
            f"{row.median_ms:.1f} ms",
            _ratio(row.vs_bare_app),
            _ratio(row.vs_floor),
            row.budget,
            _verdict(row.passed),
        )
        for row in rows
    ]
    widths = [max(len(cell[column]) for cell in cells) for column in range(len(header))]
    lines = []
    for number, cell in enumerate(cells):
        first = cell[0].ljust(widths[0])
        middle = [cell[column].rjust(widths[column]) for column in (1, 2, 3)]
        last = [cell[4].ljust(widths[4]), cell[5]]
        lines.append("  ".join([first, *middle, *last]).rstrip())
        if number == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


def write_json(path: Path, rows: Sequence[Row], about: Mapping[str, object]) -> None:
    document = {
        "about": dict(about),
        "rows": [asdict(row) for row in rows],
        "failing": [row.command for row in rows if row.passed is False],
    }
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
