"""A light writer for the views people run most (status, today, history, profiles).

It wraps lines with hanging indents and makes headings bold only on a terminal that wants
colour, so these commands start without loading Rich: startup is the speed users feel.
Like Rich, it honours ``NO_COLOR``, ``TERM=dumb`` and ``COLUMNS``, and writes no control
codes when output goes to a file or a pipe. Every line passes through ``untrusted.clean``, so a
note or a checklist edited by hand cannot send control codes of its own.
"""

from __future__ import annotations

import os
import sys
import textwrap
from typing import IO

from infuseprep.untrusted import clean

MAX_WIDTH = 100
BOLD, RESET = "\x1b[1m", "\x1b[0m"
BAR_FULL, BAR_EMPTY = "\u2588", "\u2591"


def columns(stream: IO[str]) -> int:
    """The width to write for: ``COLUMNS``, else the terminal's, else 80."""
    try:
        return int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (OSError, ValueError, AttributeError):
        return 80


class PlainWriter:
    def __init__(self, stream: IO[str] | None = None) -> None:
        self.stream = stream if stream is not None else sys.stdout
        self.width = max(20, min(columns(self.stream), MAX_WIDTH))
        self.emphasis = (
            self.stream.isatty()
            and not os.environ.get("NO_COLOR")
            and os.environ.get("TERM", "") not in ("dumb", "unknown")
        )
        encoding = getattr(self.stream, "encoding", None) or "ascii"
        try:
            (BAR_FULL + BAR_EMPTY).encode(encoding)
            self.ascii_only = False
        except (UnicodeEncodeError, LookupError):
            self.ascii_only = True

    def line(self, text: str = "", indent: int = 0, hang: int = 0, bold: bool = False) -> None:
        """One paragraph, wrapped; continuation lines sit ``hang`` further in."""
        if not text:
            self.stream.write("\n")
            return
        text = clean(text)
        lines = wrap(text, self.width, " " * indent, " " * (indent + hang))
        wrapped = "\n".join(lines)
        if bold and self.emphasis:
            wrapped = f"{BOLD}{wrapped}{RESET}"
        self.stream.write(wrapped + "\n")

    def bullet(self, text: str, indent: int, marker: str = "-") -> None:
        self.line(f"{marker} {text}", indent=indent, hang=len(marker) + 1)

    def bar(self, finished: int, total: int, width: int) -> str:
        return progress_bar(finished, total, width, self.ascii_only)


def wrap(text: str, width: int, first: str, rest: str) -> list[str]:
    """``textwrap.wrap(text, width, initial_indent=first, subsequent_indent=rest,
    break_on_hyphens=False)``, cut at spaces here where that gives the same lines: words
    between single spaces, none longer than a line. A status of thousands of steps is mostly
    such lines, and textwrap costs ten times more. tests/test_properties.py holds the two equal.
    """
    if text and text[0] != " " != text[-1] and "  " not in text and text.isprintable():
        lines = []
        left, indent = text, first
        while len(indent) + len(left) > width:
            # After the last word that fits; none fits when a word is longer than the line.
            cut = left.rfind(" ", 0, width - len(indent) + 1)
            if cut < 1:
                break
            lines.append(indent + left[:cut])
            left, indent = left[cut + 1 :], rest
        else:
            lines.append(indent + left)
            return lines
    return textwrap.wrap(
        text, width, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False
    )


def progress_bar(finished: int, total: int, width: int, ascii_only: bool) -> str:
    """A bar of full and light blocks (``#`` and ``-`` where only ASCII prints), colour-free."""
    filled = round(width * finished / total) if total else width
    full, empty = ("#", "-") if ascii_only else (BAR_FULL, BAR_EMPTY)
    return f"[{full * filled}{empty * (width - filled)}]"
