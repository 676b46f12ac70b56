"""Keys as terminals send them, for the walkthrough.

A terminal sends what is typed as bytes, several keys at a time when they are typed ahead or
pasted, and special keys as escape sequences (left arrow is ``ESC [ D``). ``split_keys`` cuts
text into whole keys; ``TerminalKeys`` reads every byte available and hands out one key at a
time, in order. Left arrow and Backspace mean back, a bare Esc means quit (in every language:
``BACK`` and ``QUIT`` are no letter), and any other sequence is one key that does nothing: it is
never printed, never stored in a note.

While a walk runs, the terminal is in cbreak mode (keys arrive without Enter, Ctrl-C still
interrupts). Ctrl-Z gives the terminal back as it was; ``fg`` takes it again and asks for the
step to be shown again. SIGTERM and SIGHUP end the walk through ``Ended``, so the terminal is
restored on the way out.
"""

from __future__ import annotations

import contextlib
import os
import sys
import unicodedata
from collections.abc import Callable
from types import FrameType, TracebackType
from typing import Any, Protocol

from rich.console import Console

from infuseprep.render.console import safe_text

ESC, CSI = "\x1b", "\x9b"
# What a special key means, never a key someone types (all are longer than one character), so
# that left arrow is back and Esc is quit whichever letters the language gives those actions.
BACK, QUIT = "back", "quit"
IGNORED, REDRAW, END = "ignored", "redraw", "end"
BACK_KEYS = frozenset({"\x7f", "\x08", f"{ESC}[D", f"{ESC}OD", f"{CSI}D"})
STRING_STARTS = "]PX^_"  # OSC, DCS, SOS, PM and APC run until a string terminator
LONGEST_SEQUENCE = 256
SEQUENCE_WAIT_SECONDS = 0.05  # the rest of an escape sequence comes at once; Esc alone does not


class EndOfInput(Exception):
    """Standard input closed (Ctrl-D, or the end of a script)."""


class Ended(Exception):
    """SIGTERM or SIGHUP arrived: the walk stops, everything answered is already saved."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class Keys(Protocol):
    def key(self) -> str:
        """One key: a typed character, ``BACK``, ``QUIT``, ``IGNORED`` or ``REDRAW`` (show the
        screen again); raises ``EndOfInput`` when input has ended."""

    def line(self, prompt: str) -> str:
        """A line of text, such as a note; raises ``EndOfInput`` when input has ended."""


def _sequence_end(text: str, start: int) -> int | None:
    """Where the key starting at ``start`` ends; ``None`` while its sequence is incomplete."""
    first = text[start]
    if first == CSI:
        return _control_sequence_end(text, start + 1)
    if first != ESC:
        return start + 1
    if start + 1 == len(text):
        return None
    second = text[start + 1]
    if second == "[":
        return _control_sequence_end(text, start + 2)
    if second == "O":
        return start + 3 if start + 2 < len(text) else None
    if second in STRING_STARTS:
        for end in range(start + 2, len(text)):
            if text[end] in "\x07\x9c" or text.startswith(ESC + "\\", end):
                return end + (2 if text[end] == ESC else 1)
        return None if len(text) - start < LONGEST_SEQUENCE else len(text)
    if second == ESC:
        return start + 1  # Esc pressed, then another key
    return start + 2  # Alt and a key


def _control_sequence_end(text: str, start: int) -> int | None:
    """A CSI sequence: parameter and intermediate bytes, then one final byte."""
    for end in range(start, len(text)):
        if "\x40" <= text[end] <= "\x7e":
            return end + 1
        if not "\x20" <= text[end] <= "\x3f":
            return end  # cut short by something else: the sequence ends before it
    return None


def split_keys(text: str) -> tuple[list[str], str]:
    """The whole keys in ``text``, in order, and the start of a sequence still arriving."""
    keys: list[str] = []
    position = 0
    while position < len(text):
        end = _sequence_end(text, position)
        if end is None:
            return keys, text[position:]
        keys.append(text[position:end])
        position = end
    return keys, ""


def meaning(key: str) -> str:
    """What a key does in the walk: arrows and Esc as said above, controls do nothing."""
    if key in BACK_KEYS:
        return BACK
    if key == ESC:
        return QUIT
    if key == "\x04":
        return END
    if len(key) > 1 or (key not in "\n\r\t" and unicodedata.category(key) == "Cc"):
        return IGNORED
    return key


def typed_text(text: str) -> str:
    """What a person typed, without escape sequences (arrow keys) and control characters."""
    keys, _ = split_keys(text)
    return "".join(
        key for key in keys if len(key) == 1 and (key == "\t" or unicodedata.category(key) != "Cc")
    )


class LineKeys:
    """One answer per line, for scripts and tests: the first letter of each line counts."""

    def __init__(self, console: Console) -> None:
        self.console = console

    def key(self) -> str:
        line = sys.stdin.readline()
        if not line:
            raise EndOfInput
        return line.strip()[:1]

    def line(self, prompt: str) -> str:
        self.console.print(safe_text(prompt), end="")
        line = sys.stdin.readline()
        if not line:
            raise EndOfInput
        typed = typed_text(line.rstrip("\r\n"))
        self.console.print(safe_text(typed))
        return typed


class TerminalKeys:
    """Single keypresses, no Enter needed, for a terminal; use it as a context manager."""

    def __init__(self, console: Console) -> None:
        import codecs

        self.console = console
        self.descriptor = sys.stdin.fileno()
        self.decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self.pending: list[str] = []
        self.partial = ""
        self.cooked: list[Any] | None = None
        self.reading_line = False
        self.wake_read, self.wake_write = -1, -1
        self.handlers: dict[int, Callable[[int, FrameType | None], Any] | int | None] = {}

    def __enter__(self) -> TerminalKeys:
        if sys.platform == "win32":
            return self
        import signal
        import termios

        self.cooked = termios.tcgetattr(self.descriptor)
        self.wake_read, self.wake_write = os.pipe()
        os.set_blocking(self.wake_read, False)
        os.set_blocking(self.wake_write, False)
        for signum, handler in (
            (signal.SIGTSTP, self._suspend),
            (signal.SIGCONT, self._resumed),
            (signal.SIGTERM, self._end),
            (signal.SIGHUP, self._end),
        ):
            self.handlers[signum] = signal.signal(signum, handler)
        self._cbreak()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if sys.platform == "win32":
            return
        import signal

        self._restore()
        for signum, handler in self.handlers.items():
            signal.signal(signum, handler)
        os.close(self.wake_read)
        os.close(self.wake_write)

    def _cbreak(self) -> None:
        import termios
        import tty

        # TCSANOW, not the default TCSAFLUSH: a key typed ahead must not be thrown away. After a
        # hang-up there is no terminal left to set.
        with contextlib.suppress(termios.error, OSError):
            tty.setcbreak(self.descriptor, termios.TCSANOW)

    def _restore(self) -> None:
        import termios

        if self.cooked is None:
            return
        with contextlib.suppress(termios.error, OSError):
            termios.tcsetattr(self.descriptor, termios.TCSANOW, self.cooked)

    def _suspend(self, signum: int, frame: FrameType | None) -> None:
        """Ctrl-Z: give the terminal back as it was, then stop as a program normally does."""
        import signal

        self._restore()
        self.console.file.flush()
        signal.signal(signal.SIGTSTP, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGTSTP)
        signal.signal(signal.SIGTSTP, self._suspend)  # running again, after fg

    def _resumed(self, signum: int, frame: FrameType | None) -> None:
        """After fg: take the terminal again and have the screen shown again."""
        if not self.reading_line:
            self._cbreak()
        with contextlib.suppress(BlockingIOError):  # already woken
            os.write(self.wake_write, b".")

    def _end(self, signum: int, frame: FrameType | None) -> None:
        raise Ended(signum)

    def _drain_wake(self) -> bool:
        try:
            return bool(os.read(self.wake_read, 64))
        except BlockingIOError:
            return False

    def key(self) -> str:
        self.console.file.flush()
        if sys.platform == "win32":
            import msvcrt

            pressed = msvcrt.getwch()
            if pressed in ("\x00", "\xe0"):  # a special key: its code follows
                return BACK if msvcrt.getwch() == "K" else IGNORED
            found = meaning(pressed)
        else:
            while not self.pending:
                self._read()
            raw = self.pending.pop(0)
            found = raw if raw == REDRAW else meaning(raw)
        if found == END:
            raise EndOfInput
        return found

    def _read(self) -> None:
        """Wait for keys and take every byte available; a wake-up after fg asks for a redraw."""
        import select

        waiting = SEQUENCE_WAIT_SECONDS if self.partial else None
        ready, _, _ = select.select([self.descriptor, self.wake_read], [], [], waiting)
        if self.wake_read in ready and self._drain_wake():
            self.pending.append(REDRAW)
            return
        if not ready:  # the rest never came: a bare Esc, or a sequence cut short
            self.pending.append(self.partial)
            self.partial = ""
            return
        try:
            data = os.read(self.descriptor, 4096)
        except OSError:
            data = b""  # the terminal hung up
        if not data:
            self.pending.append("\x04")
            return
        keys, self.partial = split_keys(self.partial + self.decoder.decode(data))
        self.pending += keys

    def line(self, prompt: str) -> str:
        """A line typed with the terminal's own editing; keys typed ahead start it."""
        ahead = "".join(key for key in self.pending if key != REDRAW) + self.partial
        self.pending, self.partial = [], ""
        if "\n" in ahead or "\r" in ahead:
            typed, _, rest = ahead.replace("\r", "\n").partition("\n")
            self.pending = split_keys(rest)[0]
            self.console.print(safe_text(prompt + typed))
            return typed_text(typed)
        self.reading_line = True
        self._restore()
        try:
            self.console.print(safe_text(prompt + ahead), end="")
            return typed_text(ahead + self.console.input())
        except EOFError:
            raise EndOfInput from None
        finally:
            self.reading_line = False
            if sys.platform != "win32":
                self._cbreak()
                self._drain_wake()
