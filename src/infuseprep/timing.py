"""When a step is due, in the words a checklist author writes: "7 days before", "morning of"."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import NamedTuple

_NAMED = {
    "day before": (1, "day"),
    "evening before": (1, "evening"),
    "morning of": (0, "morning"),
    "at the visit": (0, "visit"),
    "day after": (-1, "day"),
}
_COUNTED = re.compile(r"(?P<count>[1-9]\d{0,2}) (?P<unit>day|days|week|weeks) before")
_LIMITS = {"day": 365, "week": 52}

ACCEPTED_FORMS = (
    "N days before (1 to 365)",
    "N weeks before (1 to 52)",
    *_NAMED,
)


class Timing(NamedTuple):
    """A step's place relative to the visit: days before it (negative after) and part of the day."""

    days_before: int
    part_of_day: str
    words: str

    def due(self, visit: date) -> date:
        return visit - timedelta(days=self.days_before)


def parse_timing(words: str) -> Timing:
    """Read a timing phrase, written exactly as documented (as the JSON Schema checks it too).

    ``ValueError`` says which forms are accepted.
    """
    normal = words
    if normal in _NAMED:
        days, part = _NAMED[normal]
        return Timing(days, part, normal)
    match = _COUNTED.fullmatch(normal)
    if match:
        count = int(match["count"])
        unit = match["unit"].rstrip("s")
        if 1 <= count <= _LIMITS[unit]:
            days = count * 7 if unit == "week" else count
            plural = "" if count == 1 else "s"
            return Timing(days, "day", f"{count} {unit}{plural} before")
        raise ValueError(f"{unit}s before must be from 1 to {_LIMITS[unit]}, not {count}")
    raise ValueError(
        f'"{words}" is not a timing infuseprep knows; use one of: ' + ", ".join(ACCEPTED_FORMS)
    )
