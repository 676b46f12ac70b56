"""The Rich console every terminal renderer writes to, and the bars and margins they share.

Rich already drops colour for ``NO_COLOR``, ``TERM=dumb`` and output that is not a terminal, and
reads ``COLUMNS``; markup and automatic highlighting are off so checklist text prints as written.
"""

from __future__ import annotations

import sys
from typing import IO

from rich.console import Console, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text


class _TrimmedLines:
    """A text stream that drops the spaces Rich pads lines with, so saved output stays clean."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.pending = ""

    def write(self, text: str) -> int:
        *lines, self.pending = (self.pending + text).split("\n")
        for line in lines:
            self.stream.write(line.rstrip(" ") + "\n")
        return len(text)

    def flush(self) -> None:
        if self.pending:
            self.stream.write(self.pending)
            self.pending = ""
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()

    @property
    def encoding(self) -> str:
        return getattr(self.stream, "encoding", None) or "utf-8"


MAX_WIDTH = 100


def make_console(*, stderr: bool = False) -> Console:
    """A console no wider than 100 columns: longer lines are hard to read and follow."""
    stream = _TrimmedLines(sys.stderr if stderr else sys.stdout)
    console = Console(file=stream, highlight=False, markup=False, emoji=False)  # type: ignore[arg-type]
    console.width = min(console.width, MAX_WIDTH)
    return console


def progress_bar(finished: int, total: int, width: int, ascii_only: bool) -> str:
    """A bar of full and light blocks (``#`` and ``-`` where only ASCII prints), colour-free."""
    filled = round(width * finished / total) if total else width
    full, empty = ("#", "-") if ascii_only else ("\u2588", "\u2591")
    return f"[{full * filled}{empty * (width - filled)}]"


def indented(text: str, spaces: int, style: str = "") -> RenderableType:
    """Text whose wrapped lines keep the same left margin as the first."""
    return Padding(Text(text, style=style), (0, 0, 0, spaces), expand=False)


def bullet(text: str, spaces: int, marker: str = "-", style: str = "") -> RenderableType:
    """A list line whose wrapped lines hang under the text, not under the dash or number."""
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(Text(marker, style=style), Text(text, style=style))
    return Padding(grid, (0, 0, 0, spaces), expand=False)
