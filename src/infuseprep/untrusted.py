"""One gate for text from outside: checklist files, notes, names and the progress file.

Some characters can take over a terminal (control characters start escape sequences that clear
the screen, set the title, write the clipboard or hide a link), reorder what is shown (the
bidirectional controls) or hide text (the zero-width characters). ``find`` locates the first one
so text can be refused where it enters; ``clean`` neutralises every one where text is shown, so a
file edited by hand after it was checked is still harmless.

``clean`` replaces each such character with U+FFFD (the replacement character, shown as a
question mark in a box): the reader sees that something was there, and nothing is hidden.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from infuseprep.i18n import _

REPLACEMENT = "\ufffd"
JOINERS = "\u200c\u200d"  # zero-width non-joiner and joiner: scripts and emoji need them

_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f"
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_INVISIBLE = "\u00ad\u180e\u200b\u2028\u2029\u2060-\u2064\u206a-\u206f\ufeff\ufff9-\ufffb"
_SURROGATE = "\ud800-\udfff"
_PATTERN = re.compile(f"[{_CONTROL}{_BIDI}{_INVISIBLE}{_SURROGATE}{JOINERS}]")

_C0_NAMES = (
    "NULL",
    "START OF HEADING",
    "START OF TEXT",
    "END OF TEXT",
    "END OF TRANSMISSION",
    "ENQUIRY",
    "ACKNOWLEDGE",
    "BELL",
    "BACKSPACE",
    "CHARACTER TABULATION",
    "LINE FEED",
    "LINE TABULATION",
    "FORM FEED",
    "CARRIAGE RETURN",
    "SHIFT OUT",
    "SHIFT IN",
    "DATA LINK ESCAPE",
    "DEVICE CONTROL ONE",
    "DEVICE CONTROL TWO",
    "DEVICE CONTROL THREE",
    "DEVICE CONTROL FOUR",
    "NEGATIVE ACKNOWLEDGE",
    "SYNCHRONOUS IDLE",
    "END OF TRANSMISSION BLOCK",
    "CANCEL",
    "END OF MEDIUM",
    "SUBSTITUTE",
    "ESCAPE",
    "INFORMATION SEPARATOR FOUR",
    "INFORMATION SEPARATOR THREE",
    "INFORMATION SEPARATOR TWO",
    "INFORMATION SEPARATOR ONE",
)


class Found(NamedTuple):
    """A character that is not allowed, at index ``at`` in the text."""

    at: int
    character: str

    @property
    def description(self) -> str:
        """ "a control character (U+001B ESCAPE)", as a message shows it."""
        code = ord(self.character)
        if code < 0x20:
            name: str | None = _C0_NAMES[code]
        elif code == 0x7F:
            name = "DELETE"
        else:
            name = unicodedata.name(self.character, None)
        label = f"U+{code:04X}" + (f" {name}" if name else "")
        if code < 0xA0:
            # TRANSLATORS: {label} is a character's code and English Unicode name:
            # "U+001B ESCAPE".
            words = _("a control character ({label})")
        elif self.character in _BIDI_SET:
            words = _("a bidirectional control ({label})")
        elif 0xD800 <= code <= 0xDFFF:
            words = _("a lone surrogate (half of a character) ({label})")
        else:
            words = _("an invisible character ({label})")
        return words.format(label=label)


_BIDI_SET = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _joins(text: str, index: int) -> bool:
    """A joiner between two letters, marks or symbols (as in an emoji sequence) is kept."""
    if index == 0 or index + 1 >= len(text):
        return False
    return all(
        unicodedata.category(text[neighbour])[0] in "LMS" for neighbour in (index - 1, index + 1)
    )


def _disallowed(text: str) -> list[Found]:
    return [
        Found(match.start(), match.group())
        for match in _PATTERN.finditer(text)
        if not (match.group() in JOINERS and _joins(text, match.start()))
    ]


def find(text: str, *, multiline: bool = True) -> Found | None:
    """The first character not allowed in ``text``; tab and newline only when ``multiline``."""
    found = _disallowed(text) if _PATTERN.search(text) else []
    if not multiline:
        breaks = [Found(at, char) for at, char in enumerate(text) if char in "\t\n"][:1]
        found = sorted(found + breaks)
    return found[0] if found else None


def clean(text: str) -> str:
    """``text`` with every character that is not allowed replaced by U+FFFD; tab and newline stay.

    Cheap when there is nothing to replace, which is nearly always.
    """
    if not _PATTERN.search(text):
        return text
    characters = list(text)
    for found in _disallowed(text):
        characters[found.at] = REPLACEMENT
    return "".join(characters)


def escape_json(dumped: str) -> str:
    """JSON text with each such character written as a ``\\uXXXX`` escape: the same value, safe
    to show. Only strings can hold them, and there the escape means the same character."""
    return _PATTERN.sub(lambda match: f"\\u{ord(match.group()):04x}", dumped)
