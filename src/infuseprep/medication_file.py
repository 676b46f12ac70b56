"""Reading a medication profile file: every problem with its file, line and column, or profiles.

The bundled ``medications.yaml`` is read this way, and ``infuseprep validate`` checks any file
named ``medications.yaml`` with the same rules: a course that cannot happen (no doses, a gap
of nothing, more than a week of days in a row, a gap below the label's minimum interval) is a
mistake in the file, reported where it is.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from infuseprep.errors import Problem
from infuseprep.i18n import DEFAULT, LANGUAGES, _
from infuseprep.medications import TRANSLATED_KEYS, Gap, Medication, parse_gap
from infuseprep.validation import Reader, read_yaml
from infuseprep.yamlsafe import Mapping, Node, Scalar, Sequence

FILE_NAME = "medications.yaml"
# A profile may give its words in another language: "es:" with these keys. Schedules, counts
# and sources stay in the profile itself, so they cannot differ between languages.
TRANSLATED_TO = tuple(code for code in LANGUAGES if code != DEFAULT)
PROFILE_KEYS = (
    "id",
    "name",
    "names",
    "gaps",
    "doses",
    "days_in_a_row",
    "min_gap_days",
    "schedule",
    "schedule_source",
    "infusion_minutes",
    "infusion",
    "infusion_source",
    "at_home",
    *TRANSLATED_TO,
)
PROFILE_REQUIRED = ("id", "name", "schedule", "schedule_source")
MAX_DAYS_IN_A_ROW = 7
# Gaps in months are measured from the start of February, the shortest month.
_SHORTEST_MONTH = date(2001, 2, 1)


def load_medication_file(
    path: Path, shown_as: str | None = None
) -> tuple[list[Medication], list[Problem]]:
    """Read and check one profile file; profiles come back only when there are no problems."""
    name = shown_as if shown_as is not None else str(path)
    read = read_yaml(path, name)
    if isinstance(read, Problem):
        return [], [read]
    source, root = read
    reader = _ProfileReader(name, source)
    profiles = reader.profiles(root)
    return (profiles if not reader.problems else []), sorted(reader.problems)


class _ProfileReader(Reader):
    def profiles(self, root: Node | None) -> list[Medication]:
        listed = root.get("medications") if isinstance(root, Mapping) else None
        if not isinstance(root, Mapping) or not isinstance(listed, Sequence) or not listed.items:
            where = root if root is not None else Scalar(None, 1, 1)
            self.problem(where, _('a medication file needs "medications:", a list of profiles'))
            return []
        self.fields(root, ("medications",), ("medications",), "medication file")
        profiles: list[Medication] = []
        seen: dict[str, int] = {}
        for entry in listed.items:
            profile = self.profile(entry)
            if profile is None:
                continue
            if profile.id in seen:
                id_node = entry.get("id") if isinstance(entry, Mapping) else entry
                assert id_node is not None
                self.problem(
                    id_node,
                    _('the medication id "{id}" is used twice (first on line {line})').format(
                        id=profile.id, line=seen[profile.id]
                    ),
                )
                continue
            seen[profile.id] = entry.line
            profiles.append(profile)
        return profiles

    def profile(self, node: Node) -> Medication | None:
        if not isinstance(node, Mapping):
            self.problem(node, _("each medication must be key: value lines (id:, name:, ...)"))
            return None
        fields = self.fields(node, PROFILE_KEYS, PROFILE_REQUIRED, "medication")
        before = len(self.problems)
        medication_id = self.identifier(fields.get("id"), "id")
        name = self.text(fields.get("name"), "name")
        schedule = self.text(fields.get("schedule"), "schedule")
        schedule_source = self.text(fields.get("schedule_source"), "schedule_source")
        names = self.names(fields.get("names"))
        gaps = self.gaps(fields.get("gaps"))
        doses = self.whole_number(fields.get("doses"), "doses", 1, 100)
        days_in_a_row = self.whole_number(
            fields.get("days_in_a_row"), "days_in_a_row", 1, MAX_DAYS_IN_A_ROW
        )
        min_gap_days = self.whole_number(fields.get("min_gap_days"), "min_gap_days", 1, 365)
        minutes = self.whole_number(fields.get("infusion_minutes"), "infusion_minutes", 1, 24 * 60)
        infusion = self.text(fields.get("infusion"), "infusion")
        infusion_source = self.text(fields.get("infusion_source"), "infusion_source")
        at_home = self.yes_no(fields.get("at_home"), "at_home")
        translations = tuple(
            (language, key, text)
            for language in TRANSLATED_TO
            for key, text in self.words(fields.get(language), language, fields)
        )
        if infusion is not None and infusion_source is None:
            self.problem(fields["infusion"], _('"infusion" needs its "infusion_source"'))
        if min_gap_days is not None and gaps:
            self.check_minimum(fields["gaps"], gaps, min_gap_days)
        if len(self.problems) > before or None in (medication_id, name, schedule):
            return None
        assert medication_id and name and schedule and schedule_source
        return Medication(
            id=medication_id,
            name=name,
            schedule=schedule,
            schedule_source=schedule_source,
            names=names,
            gaps=gaps,
            doses=doses,
            days_in_a_row=days_in_a_row or 1,
            min_gap_days=min_gap_days,
            infusion_minutes=minutes,
            infusion=infusion,
            infusion_source=infusion_source,
            at_home=bool(at_home),
            translations=translations,
        )

    def words(
        self, node: Node | None, language: str, fields: dict[str, Node]
    ) -> list[tuple[str, str]]:
        """A profile's words in ``language``: only those the profile has in English."""
        if node is None:
            return []
        if not isinstance(node, Mapping):
            self.problem(
                node,
                _('"{language}" must be key: value lines ({keys})').format(
                    language=language, keys=", ".join(TRANSLATED_KEYS)
                ),
            )
            return []
        given = self.fields(node, TRANSLATED_KEYS, (), language)
        found = []
        for key, value in given.items():
            text = self.text(value, key)
            if text is None:
                continue
            if key not in fields:
                self.problem(
                    value,
                    _('"{key}" in "{language}" has no English "{key}" to translate').format(
                        key=key, language=language
                    ),
                )
                continue
            found.append((key, text))
        return found

    def names(self, node: Node | None) -> tuple[str, ...]:
        if node is None:
            return ()
        if not isinstance(node, Sequence):
            self.problem(node, _('"names" must be a list of generic and brand names'))
            return ()
        return tuple(name for name in (self.text(entry, "names") for entry in node.items) if name)

    def gaps(self, node: Node | None) -> tuple[Gap, ...]:
        if node is None:
            return ()
        if not isinstance(node, Sequence) or not node.items:
            self.problem(node, _('"gaps" must be a list such as [2 weeks, 2 weeks, 4 weeks]'))
            return ()
        found = []
        for entry in node.items:
            words = self.text(entry, "gaps")
            if words is None:
                continue
            try:
                found.append(parse_gap(words))
            except ValueError as error:
                self.problem(entry, str(error))
        return tuple(found)

    def yes_no(self, node: Node | None, key: str) -> bool | None:
        if node is None:
            return None
        if isinstance(node, Scalar) and isinstance(node.value, bool):
            return node.value
        self.problem(node, _('"{key}" must be true or false').format(key=key))
        return None

    def check_minimum(self, node: Node, gaps: tuple[Gap, ...], minimum: int) -> None:
        """A course whose own gaps break the label's minimum interval cannot be right."""
        entries = node.items if isinstance(node, Sequence) else ()
        for entry, gap in zip(entries, gaps, strict=False):
            if (gap.after(_SHORTEST_MONTH) - _SHORTEST_MONTH).days < minimum:
                self.problem(
                    entry,
                    _(
                        'the gap "{gap}" is shorter than "min_gap_days" ({minimum} days '
                        "between doses)"
                    ).format(gap=gap, minimum=minimum),
                )
