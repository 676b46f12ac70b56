"""The progress file's document: written from a ``Progress``, read back with every field
checked, older formats migrated step by step, and one change as a journal entry
(``change_between``, read back with ``apply_change``).

Reading checks the shape completely, so a damaged file is reported rather than half-trusted,
and neutralises the text in it (``untrusted.clean``): a note edited by hand cannot take over
the terminal, and a lone surrogate cannot stop a save.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, time
from typing import Any

from infuseprep.errors import ProgressUnreadable
from infuseprep.i18n import N_, _
from infuseprep.progress import (
    FIRST_YEAR,
    FORMAT_NAME,
    FORMAT_VERSION,
    LAST_YEAR,
    MAX_COUNT,
    MAX_DOSE,
    STATES,
    Answer,
    Appointment,
    Progress,
    Visit,
    in_range,
)
from infuseprep.untrusted import clean


def progress_document(progress: Progress) -> dict[str, Any]:
    """The progress as the file's JSON document."""
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "appointment": appointment_document(progress.appointment),
        "history": [_visit_document(visit) for visit in progress.history],
        "answers": {
            checklist_id: {
                item_id: _answer_document(answer) for item_id, answer in sorted(items.items())
            }
            for checklist_id, items in sorted(progress.answers.items())
            if items
        },
    }


def format_version(document: dict[str, Any], name: str, newest: int) -> int:
    """The format version a file or journal says it has: one newer than ``newest`` is refused
    with a word to update infuseprep, as is one that is missing or below 1."""
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ProgressUnreadable(name, _("has no format version"))
    if version > newest:
        raise ProgressUnreadable(
            name,
            _(
                "was saved by a newer infuseprep (format {version}; this one reads up to "
                "{newest}). Update infuseprep to use it"
            ).format(version=version, newest=newest),
            reset_hint=False,
        )
    if version < 1:
        raise ProgressUnreadable(
            name, _("has an unknown format version ({version})").format(version=version)
        )
    return version


def progress_from(document: object, name: str) -> Progress:
    """Check the shape, migrate, then build; a mismatch names the file and what to do."""
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        # TRANSLATORS: this and the messages like it follow a file name: "progress.json is
        # not an infuseprep progress file."
        raise ProgressUnreadable(name, _("is not an infuseprep progress file"))
    version = format_version(document, name, FORMAT_VERSION)
    current = dict(document)
    for step in range(version, FORMAT_VERSION):
        current = _MIGRATIONS[step](current)
    progress = _read_current(current, name)
    progress.loaded_version = version
    return progress


def _read_current(document: dict[str, Any], name: str) -> Progress:
    answers = document.get("answers")
    if not isinstance(answers, dict):
        raise ProgressUnreadable(name, _('has no "answers" section'))
    history = document.get("history")
    if not isinstance(history, list):
        raise ProgressUnreadable(name, _('has no "history" section'))
    try:
        progress = Progress(
            appointment=_read_appointment(document.get("appointment")),
            history=[_read_visit(raw, f"history[{number}]") for number, raw in enumerate(history)],
        )
    except _Damaged as damage:
        raise _damaged_field(name, damage) from None
    for checklist_id, item_id, answer in _read_answers(answers, name, removals=False):
        progress._put(checklist_id, item_id, answer)
    return progress


def _read_answers(
    answers: dict[object, object], name: str, removals: bool
) -> Iterator[tuple[str, str, Answer]]:
    """The answers of a file or journal entry, each checked; with ``removals``, ``null`` is an
    answer removed (a journal entry says so)."""
    for checklist_id, items in answers.items():
        if not isinstance(items, dict) or not _is_text(checklist_id):
            raise ProgressUnreadable(
                name,
                _('has a damaged entry for "{checklist}"').format(checklist=_shown(checklist_id)),
            )
        for item_id, raw in items.items():
            try:
                if removals and raw is None and _is_text(item_id):
                    answer = Answer()
                else:
                    answer = _answer(item_id, raw)
            except _Damaged as damage:
                raise _damaged_answer(name, checklist_id, item_id, damage) from None
            yield str(checklist_id), str(item_id), answer


def _damaged_field(name: str, damage: _Damaged) -> ProgressUnreadable:
    return ProgressUnreadable(
        name,
        # TRANSLATORS: follows a file name. {field} is a key of the file ("appointment.date");
        # {why} what it must be ("must be a date as YYYY-MM-DD from 1900 to 2100").
        _('has a damaged "{field}": it {why}').format(field=damage.field, why=damage.why),
    )


def _from_version_1(document: dict[str, Any]) -> dict[str, Any]:
    """Version 2 added the appointment and the visit history."""
    return {**document, "version": 2, "appointment": None, "history": []}


def _from_version_2(document: dict[str, Any]) -> dict[str, Any]:
    """Version 3 added the journal's generation, which a version 2 file never has."""
    return {**document, "version": 3}


_MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    1: _from_version_1,
    2: _from_version_2,
}


# ----------------------------------------------------------------------------- journal entries


def change_between(before: Progress, after: Progress) -> dict[str, Any] | None:
    """One change as a journal entry: the answers that differ (``None`` for one removed), the
    appointment if it changed, and visits added at the end of the history. ``None`` when the
    change is not of that kind (the history was rewritten), so the whole file must be saved.

    ``{}`` means nothing changed."""
    entry: dict[str, Any] = {}
    if after.history != before.history:
        kept = len(before.history)
        if after.history[:kept] != before.history:
            return None
        entry["visits"] = [_visit_document(visit) for visit in after.history[kept:]]
    if after.appointment != before.appointment:
        entry["appointment"] = appointment_document(after.appointment)
    if after.answers != before.answers:
        answers: dict[str, dict[str, Any]] = {}
        for checklist_id in before.answers.keys() | after.answers.keys():
            old = before.answers.get(checklist_id, {})
            new = after.answers.get(checklist_id, {})
            if old == new:
                continue
            answers[checklist_id] = {
                item_id: (None if item_id not in new else _answer_document(new[item_id]))
                for item_id in old.keys() | new.keys()
                if old.get(item_id) != new.get(item_id)
            }
        entry["answers"] = answers
    return entry


def apply_change(progress: Progress, entry: object, name: str) -> None:
    """Replay one journal entry on ``progress``, checking it as the file itself is checked."""
    if not isinstance(entry, dict) or not entry.keys() <= {"answers", "appointment", "visits"}:
        raise ProgressUnreadable(name, _("is not an infuseprep journal entry"))
    try:
        visits = entry.get("visits", [])
        if not isinstance(visits, list):
            raise _Damaged("visits", _("must be a list of visits"))
        added = [_read_visit(raw, f"visits[{number}]") for number, raw in enumerate(visits)]
        appointment = (
            _read_appointment(entry["appointment"])
            if "appointment" in entry
            else progress.appointment
        )
    except _Damaged as damage:
        raise _damaged_field(name, damage) from None
    answers = entry.get("answers", {})
    if not isinstance(answers, dict):
        raise ProgressUnreadable(name, _('has no "answers" section'))
    changed = list(_read_answers(answers, name, removals=True))
    # Only a wholly valid entry is applied.
    progress.history.extend(added)
    progress.appointment = appointment
    for checklist_id, item_id, answer in changed:
        progress._put(checklist_id, item_id, answer)


def _answer_document(answer: Answer) -> dict[str, Any]:
    return {"state": answer.state, "time": answer.answered_at, "note": answer.note}


def _damaged_answer(
    name: str, checklist_id: object, item_id: object, damage: _Damaged
) -> Exception:
    where = f"{_shown(checklist_id)}/{_shown(item_id)}"
    if damage.field:
        # TRANSLATORS: follows a file name. {where} is checklist/step, {field} a key of the file
        # ("state", "time", "note"), {why} what it must be ("must be text").
        problem = _('has a damaged answer for "{where}": its "{field}" {why}')
    else:
        # TRANSLATORS: follows a file name. {where} is checklist/step; {why} what it must be.
        problem = _('has a damaged answer for "{where}": it {why}')
    return ProgressUnreadable(name, problem.format(where=where, field=damage.field, why=damage.why))


MOMENT_FORM = N_("must be a date and time as YYYY-MM-DDTHH:MM:SS")


class _Damaged(Exception):
    """One value in the file that cannot be right: which field, and what it must be."""

    def __init__(self, field: str, why: str) -> None:
        super().__init__(field, why)
        self.field = field
        self.why = why


def _is_text(value: object) -> bool:
    """A string that can be written back as UTF-8 (JSON escapes can make lone surrogates)."""
    if type(value) is not str:
        return False
    if value.isascii():  # the common case, and quick: ASCII holds no surrogate
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _shown(value: object) -> str:
    """A key from the file as it may be shown in a message, whatever it holds."""
    return str(value).encode("utf-8", "backslashreplace").decode("utf-8")[:80]


def _text(raw: dict[str, Any], key: str, where: str) -> str | None:
    """Free text such as a note: neutralised as it is read (a lone surrogate included)."""
    value = raw.get(key)
    if value is not None and not isinstance(value, str):
        raise _Damaged(where + key, _("must be text"))
    return None if value is None else clean(value)


def _whole(raw: dict[str, Any], key: str, where: str, low: int, high: int) -> int | None:
    value = raw.get(key)
    if value is None:
        return None
    if type(value) is not int or not low <= value <= high:  # a bool is not an int here
        raise _Damaged(
            where + key, _("must be a whole number from {low} to {high}").format(low=low, high=high)
        )
    return value


def _date(raw: dict[str, Any], key: str, where: str) -> date:
    value = raw.get(key)
    try:
        day = date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        day = None
    if day is None or not in_range(day):
        raise _Damaged(
            where + key,
            _("must be a date as YYYY-MM-DD from {first} to {last}").format(
                first=FIRST_YEAR, last=LAST_YEAR
            ),
        )
    return day


def _moment(raw: dict[str, Any], key: str, where: str) -> str | None:
    """A saved date and time such as 2026-11-23T09:30:00+01:00, kept as the text it was."""
    value = raw.get(key)
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value) if _is_text(value) else None
    except ValueError:
        moment = None
    if moment is None or not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise _Damaged(where + key, _(MOMENT_FORM))
    return value  # type: ignore[no-any-return]


def _answer(item_id: object, raw: object) -> Answer:
    if type(raw) is not dict or not _is_text(item_id):
        raise _Damaged("", _("must be a group of state, time and note"))
    state = raw.get("state")
    if state not in STATES:
        raise _Damaged("state", _("must be one of {states}").format(states=", ".join(STATES)))
    # Most answers have no note: its reader is skipped, not its check.
    note = None if raw.get("note") is None else _text(raw, "note", "")
    return Answer(str(state), _moment(raw, "time", ""), note)


def _read_appointment(raw: object) -> Appointment | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise _Damaged("appointment", _("must be a group of date, time, medication, center, dose"))
    at = _text(raw, "time", "appointment.")
    try:
        visit_time = None if at is None else time.fromisoformat(at)
    except ValueError:
        visit_time = None
    if at is not None and visit_time is None:
        raise _Damaged("appointment.time", _("must be a time as HH:MM"))
    return Appointment(
        date=_date(raw, "date", "appointment."),
        time=visit_time,
        medication=_text(raw, "medication", "appointment."),
        center=_text(raw, "center", "appointment."),
        dose=_whole(raw, "dose", "appointment.", 1, MAX_DOSE),
        planned_on=_optional_date(raw, "planned_on", "appointment."),
        previous=_optional_date(raw, "previous", "appointment."),
    )


def _optional_date(raw: dict[str, Any], key: str, where: str) -> date | None:
    return None if raw.get(key) is None else _date(raw, key, where)


def _read_visit(raw: object, where: str) -> Visit:
    if not isinstance(raw, dict):
        raise _Damaged(where, _("must be a group of date, counts and closing time"))
    where += "."
    closed_at = _moment(raw, "closed_at", where)
    if closed_at is None:
        raise _Damaged(where + "closed_at", _(MOMENT_FORM))
    return Visit(
        date=_date(raw, "date", where),
        medication=_text(raw, "medication", where),
        dose=_whole(raw, "dose", where, 1, MAX_DOSE),
        done=_count(raw, "done", where),
        skipped=_count(raw, "skipped", where),
        total=_count(raw, "total", where),
        closed_at=closed_at,
    )


def _count(raw: dict[str, Any], key: str, where: str) -> int:
    value = _whole(raw, key, where, 0, MAX_COUNT)
    if value is None:
        raise _Damaged(
            where + key,
            _("must be a whole number from {low} to {high}").format(low=0, high=MAX_COUNT),
        )
    return value


def appointment_document(appointment: Appointment | None) -> dict[str, Any] | None:
    if appointment is None:
        return None
    return {
        "date": appointment.date.isoformat(),
        "time": None if appointment.time is None else appointment.time.strftime("%H:%M"),
        "medication": appointment.medication,
        "center": appointment.center,
        "dose": appointment.dose,
        "planned_on": _iso(appointment.planned_on),
        "previous": _iso(appointment.previous),
    }


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _visit_document(visit: Visit) -> dict[str, Any]:
    return {
        "date": visit.date.isoformat(),
        "medication": visit.medication,
        "dose": visit.dose,
        "done": visit.done,
        "skipped": visit.skipped,
        "total": visit.total,
        "closed_at": visit.closed_at,
    }
