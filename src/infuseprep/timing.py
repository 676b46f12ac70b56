"""When a step is due, in the words a checklist author writes: "7 days before", "morning of"."""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from infuseprep.i18n import N_, _, ngettext

_NAMED = {
    "day before": (1, "day"),
    "evening before": (1, "evening"),
    "morning of": (0, "morning"),
    "at the visit": (0, "visit"),
    "day after": (-1, "day"),
}
# The named timings as people read them, in the language of the run.
_NAMED_SHOWN = {
    "day before": N_("day before"),
    "evening before": N_("evening before"),
    "morning of": N_("morning of"),
    "at the visit": N_("at the visit"),
    "day after": N_("day after"),
}
_COUNTED = re.compile(
    r"(?P<count>[1-9]\d{0,2}) (?P<unit>day|days|week|weeks) (?P<side>before|after)"
)
_LIMITS = {("day", "before"): 365, ("week", "before"): 52, ("day", "after"): 14}

ACCEPTED_FORMS = (
    "N days before (1 to 365)",
    "N weeks before (1 to 52)",
    "N days after (1 to 14)",
    *_NAMED,
)


class Timing(NamedTuple):
    """A step's place relative to the visit: days before it (negative after) and part of the day."""

    days_before: int
    part_of_day: str
    words: str

    def due(self, visit: date) -> date:
        return visit - timedelta(days=self.days_before)

    def shown(self) -> str:
        """The timing as people read it, in the language of the run ("8 semanas antes");
        ``words`` keeps the file's own English form."""
        if self.words in _NAMED_SHOWN:
            return _(_NAMED_SHOWN[self.words])
        count = abs(self.days_before)
        if self.days_before < 0:
            return ngettext("{count} day after", "{count} days after", count).format(count=count)
        if self.words.endswith("weeks before") or self.words.endswith("week before"):
            weeks = count // 7
            return ngettext("{count} week before", "{count} weeks before", weeks).format(
                count=weeks
            )
        return ngettext("{count} day before", "{count} days before", count).format(count=count)


@lru_cache(maxsize=512)
def parse_timing(words: str) -> Timing:
    """Read a timing phrase, written exactly as documented (as the JSON Schema checks it too).

    ``ValueError`` says which forms are accepted. A few phrases serve thousands of steps, so
    each is read once.
    """
    normal = words
    if normal in _NAMED:
        days, part = _NAMED[normal]
        return Timing(days, part, normal)
    match = _COUNTED.fullmatch(normal)
    if match:
        count = int(match["count"])
        unit = match["unit"].rstrip("s")
        side = match["side"]
        limit = _LIMITS.get((unit, side))
        if limit is None:
            raise ValueError(
                _(
                    '"{words}" is not a timing infuseprep knows; after a visit, count days, '
                    'as in "7 days after" (1 to 14)'
                ).format(words=words)
            )
        if count > limit:
            raise ValueError(
                # TRANSLATORS: {timing} is a file word kept in English: "days before".
                _("{timing} must be from 1 to {limit}, not {count}").format(
                    timing=f"{unit}s {side}", limit=limit, count=count
                )
            )
        days = count * 7 if unit == "week" else count
        plural = "" if count == 1 else "s"
        return Timing(days if side == "before" else -days, "day", f"{count} {unit}{plural} {side}")
    raise ValueError(
        # TRANSLATORS: {forms} are the timings as a file writes them; they stay in English.
        _('"{words}" is not a timing infuseprep knows; use one of: {forms}').format(
            words=words, forms=", ".join(ACCEPTED_FORMS)
        )
    )
