"""The ``status`` and ``today`` views for a caregiver: progress per checklist, then what is open."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from infuseprep.center import Center
from infuseprep.i18n import N_, _, ngettext
from infuseprep.medications import medications
from infuseprep.progress import DONE, OPEN, SKIPPED
from infuseprep.render.plain import PlainWriter
from infuseprep.summary import StepStatus, Summary
from infuseprep.words import appointment_line, hint, long_date, short_date

WEEK = 7
GROUP_TITLES = {
    "do soon": N_("Do soon (their day passed before this visit was set)"),
    "overdue": N_("Overdue"),
    "today": N_("Due today"),
    "coming up": N_("Coming up"),
    "no date": N_("No date"),
}


def print_appointment(out: PlainWriter, summary: Summary, today: date) -> None:
    appointment = summary.appointment
    if appointment is None:
        if summary.who:
            out.line(_("For {name}.").format(name=summary.who), bold=True)
        out.line(
            _("No appointment is set. To set one: {command}").format(
                command=hint(
                    # TRANSLATORS: a command to type: keep "appointment set"; YYYY-MM-DD
                    # stands for the date.
                    _("appointment set YYYY-MM-DD")
                )
            )
        )
        return
    profile = medications().get(appointment.medication or "")
    name = profile.name if profile else None
    out.line(appointment_line(appointment, today, name, summary.who), bold=True)


def _step_line(step: StepStatus, today: date | None, with_due: bool) -> str:
    line = f"{step.item.text} ({step.ref})"
    if with_due and step.due is not None:
        line = f"{short_date(step.due, today)}: {step.item.text} ({step.ref})"
    if step.answer is not None and step.answer.answered:
        line += " " + _("You said: not yet.")
    if step.note:
        line += " " + _("Note: {note}").format(note=step.note)
    return line


def print_open_steps(
    out: PlainWriter,
    summary: Summary,
    today: date,
    groups: tuple[str, ...],
    do_soon_at_most: int | None = None,
) -> int:
    """Open steps under a heading per group; returns how many were shown. With
    ``do_soon_at_most``, the "do soon" group shows its first steps and says how many more."""
    shown = 0
    for name, steps in summary.open_by_due(today).items():
        if name not in groups or not steps:
            continue
        out.line()
        out.line(_(GROUP_TITLES[name]) + ":", bold=True)
        limit = do_soon_at_most if name == "do soon" else None
        for step in steps[:limit]:
            out.bullet(_step_line(step, today, with_due=name != "today"), 2)
        if limit is not None and len(steps) > limit:
            more = len(steps) - limit  # at least 1: one form fits every number here
            out.line(
                _("And {count} more; to see every step: {command}").format(
                    count=more, command=hint("status")
                ),
                indent=2,
            )
        shown += len(steps)
    return shown


def print_center(out: PlainWriter, center: Center | None) -> None:
    """Who to call, at the top, where a worried person looks first."""
    if center is None:
        return
    line = _("Your center: {center}, phone {phone}.").format(center=center.name, phone=center.phone)
    if center.after_hours:
        line += " " + _("After hours: {phone}.").format(phone=center.after_hours)
    out.line(line)


def print_status(out: PlainWriter, summary: Summary, progress_file: Path, today: date) -> None:
    print_center(out, summary.center)
    print_appointment(out, summary, today)
    out.line()
    width = max(10, min(20, out.width - 40))
    for status in summary.checklists:
        total = len(status.steps)
        out.line(status.checklist.title, bold=True)
        out.line(
            _(
                "{bar} {finished} of {total} finished: {done} done, {skipped} do not apply, "
                "{open} open"
            ).format(
                bar=out.bar(status.finished, total, width),
                finished=status.finished,
                total=total,
                done=status.tally(DONE),
                skipped=status.tally(SKIPPED),
                open=status.tally(OPEN),
            ),
            indent=2,
        )
    out.line()
    out.line(
        ngettext(
            "Overall: {finished} of {total} step finished.",
            "Overall: {finished} of {total} steps finished.",
            summary.total,
        ).format(finished=summary.finished, total=summary.total),
        bold=True,
    )
    print_plan(out, summary, today)
    if summary.appointment is not None:
        print_open_steps(out, summary, today, tuple(GROUP_TITLES))
    else:
        _print_open_by_checklist(out, summary)
    if summary.orphans:
        orphans = len(summary.orphans)
        out.line()
        out.line(
            ngettext(
                "{count} saved answer is for steps no longer in the checklists; kept in case "
                "they come back: {steps}.",
                "{count} saved answers are for steps no longer in the checklists; kept in case "
                "they come back: {steps}.",
                orphans,
            ).format(count=orphans, steps=", ".join(summary.orphans))
        )
    out.line()
    if progress_file.exists():
        out.line(_("Saved in {path}").format(path=progress_file))
    else:
        out.line(_("Nothing saved yet; answers will be saved in {path}").format(path=progress_file))


def _print_open_by_checklist(out: PlainWriter, summary: Summary) -> None:
    open_lists = [status for status in summary.checklists if status.open_steps]
    if open_lists:
        out.line()
        out.line(_("Still open:"), bold=True)
    for status in open_lists:
        out.line(status.checklist.title, indent=2)
        for step in status.open_steps:
            out.bullet(_step_line(step, None, with_due=False), 4)


def print_plan(out: PlainWriter, summary: Summary, today: date) -> None:
    """Before anything is answered, a short plan by week rather than a count of what is late."""
    if summary.appointment is None or any(step.answer for step in summary.steps):
        return
    weeks: dict[str, int] = {}
    for step in summary.steps:
        if step.due is None:
            continue
        ahead = (step.due - today).days
        when = (
            "late"
            if ahead < 0
            else "now"
            if ahead < WEEK
            else "next week"
            if ahead < 2 * WEEK
            else "later"
        )
        weeks[when] = weeks.get(when, 0) + 1
    parts = [
        _plan_part(key, number)
        for key in ("late", "now", "next week", "later")
        if (number := weeks.get(key))
    ]
    if parts:
        out.line()
        out.line(
            # TRANSLATORS: {parts} is a list such as "2 steps this week, 5 steps next week".
            _("Your plan: {parts}. One step at a time is enough.").format(parts=", ".join(parts))
        )


def _plan_part(key: str, number: int) -> str:
    """ "2 steps this week": one part of the plan."""
    if key == "late":
        text = ngettext("{count} step to do soon", "{count} steps to do soon", number)
    elif key == "now":
        text = ngettext("{count} step this week", "{count} steps this week", number)
    elif key == "next week":
        text = ngettext("{count} step next week", "{count} steps next week", number)
    else:
        text = ngettext("{count} step later", "{count} steps later", number)
    return text.format(count=number)


# How many "do soon" steps today lists before it says how many more there are.
TODAY_DO_SOON = 5


def print_today(out: PlainWriter, summary: Summary, today: date) -> None:
    out.line(_("Today is {date}.").format(date=long_date(today)))
    print_appointment(out, summary, today)
    if summary.appointment is None:
        return
    print_plan(out, summary, today)
    # A day-one list of late steps can run to dozens: today shows the first few, status all.
    if not print_open_steps(
        out, summary, today, ("do soon", "overdue", "today"), do_soon_at_most=TODAY_DO_SOON
    ):
        out.line()
        out.line(_("Nothing is due today."))
    week = today + timedelta(days=WEEK)
    coming = [
        step for step in summary.open_by_due(today)["coming up"] if step.due and step.due <= week
    ]
    if coming:
        out.line()
        out.line(_("Coming up in the next 7 days:"), bold=True)
        for step in coming:
            out.bullet(_step_line(step, today, with_due=True), 2)
