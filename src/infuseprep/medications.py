"""Medication profiles: the repeat schedule and infusion length of each, with their sources."""

from __future__ import annotations

import difflib
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from infuseprep.cache import cached, content_key
from infuseprep.errors import UsageProblem

CONFIRM = "Confirm your schedule with your care team."
PROFILES_FILE = Path(__file__).with_name("medications.yaml")


class Medication(NamedTuple):
    id: str
    name: str
    schedule: str
    schedule_source: str
    gaps_days: tuple[int, ...] = ()
    min_gap_days: int | None = None
    infusion_minutes: int | None = None
    infusion: str | None = None
    infusion_source: str | None = None

    def gap_after(self, dose: int) -> int | None:
        """Days from dose ``dose`` (1 = the first) to the next; ``None`` without a schedule."""
        if not self.gaps_days:
            return None
        return self.gaps_days[min(dose, len(self.gaps_days)) - 1]

    def next_visit(self, visit: date, dose: int) -> date | None:
        gap = self.gap_after(dose)
        return None if gap is None else visit + timedelta(days=gap)


@cache
def medications() -> dict[str, Medication]:
    """The bundled profiles by id, read once."""
    key = content_key(PROFILES_FILE.read_bytes())
    document = cached("medications", key, _parse_profiles)
    assert isinstance(document, dict)
    profiles: dict[str, Medication] = {}
    for raw in document["medications"]:
        fields: dict[str, Any] = {
            key: " ".join(value.split()) if isinstance(value, str) else value
            for key, value in raw.items()
        }
        fields["gaps_days"] = tuple(fields.get("gaps_days", ()))
        profile = Medication(**fields)
        profiles[profile.id] = profile
    return profiles


def _parse_profiles() -> object:
    from infuseprep.yamlsafe import parse, read_text, to_python

    return to_python(parse(read_text(PROFILES_FILE)))


def _name_words(name: str) -> list[str]:
    """The medicine's names in its profile name: "Belimumab (Benlysta), IV" gives both."""
    words = "".join(ch if ch.isalpha() else " " for ch in name.lower()).split()
    return [word for word in words if len(word) > 4]


def medication(medication_id: str) -> Medication:
    """A profile by id; an unknown id is a usage error naming the known ones."""
    known = medications()
    if medication_id in known:
        return known[medication_id]
    wanted = medication_id.lower()
    named = [
        profile.id
        for profile in known.values()
        if any(word in wanted for word in _name_words(profile.name))
    ]
    close = named or difflib.get_close_matches(medication_id, list(known), n=1)
    hint = f' Did you mean "{close[0]}"?' if close else ""
    raise UsageProblem(
        f'There is no medication "{medication_id}".{hint} Known: {", ".join(known)}.'
    )
