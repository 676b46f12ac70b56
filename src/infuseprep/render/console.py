"""The Rich console every terminal renderer writes to, and the bars and margins they share.

Rich already drops colour for ``NO_COLOR``, ``TERM=dumb`` and output that is not a terminal, and
reads ``COLUMNS``; markup and automatic highlighting are off so checklist text prints as written.
Rich does not remove control characters, so text from outside is shown through ``safe_text``, which
neutralises them (``untrusted.clean``).
"""

from __future__ import annotations

import sys
import textwrap
from typing import IO

from rich.console import Console, RenderableType
from rich.padding import Padding
from rich.text import Text

from infuseprep.render.plain import MAX_WIDTH, columns
from infuseprep.untrusted import clean


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


class _Console(Console):
    def on_broken_pipe(self) -> None:
        """Leave a reader that went away to the command line's one exit (Rich exits with 1)."""
        raise BrokenPipeError


def make_console(*, stderr: bool = False) -> Console:
    """A console no wider than 100 columns: longer lines are hard to read and follow.

    The width is set here, as the plain writer sets it, because Rich takes a dumb terminal to
    be 80 columns whatever ``COLUMNS`` says.
    """
    target = sys.stderr if stderr else sys.stdout
    width = max(20, min(columns(target), MAX_WIDTH))
    return _Console(
        file=_TrimmedLines(target),  # type: ignore[arg-type]
        width=width,
        highlight=False,
        markup=False,
        emoji=False,
    )


def safe_text(value: str, style: str = "") -> Text:
    """Text as written, never read as markup, with control characters neutralised."""
    return Text(clean(value), style=style)


def indented(value: str, spaces: int, style: str = "") -> RenderableType:
    """Text whose wrapped lines keep the same left margin as the first."""
    return Padding(safe_text(value, style), (0, 0, 0, spaces), expand=False)


def print_bullet(
    console: Console, value: str, spaces: int, marker: str = "-", style: str = ""
) -> None:
    """A list line whose wrapped lines hang under the text, not under the dash or number.

    Wrapped here with textwrap rather than laid out by Rich: a status of thousands of steps
    prints in milliseconds.
    """
    first = " " * spaces + marker + " "
    lines = textwrap.wrap(
        value,
        max(20, console.width),
        initial_indent=first,
        subsequent_indent=" " * len(first),
        break_on_hyphens=False,
    )
    console.print(safe_text("\n".join(lines), style), no_wrap=True, overflow="ignore", crop=False)
