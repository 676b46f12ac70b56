"""Copies to keep: the printout in four formats and the calendar file."""

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from infuseprep.cli import complete
from infuseprep.cli.common import ChecklistDirs, ChecklistIds, command
from infuseprep.cli.context import (
    center_card,
    load_checklists,
    open_store,
    person_name,
    this_person,
)
from infuseprep.errors import UsageProblem
from infuseprep.i18n import _
from infuseprep.words import hint

STDOUT = Path("-")
OUTPUT_HELP = _(
    'Write to this file ("-" for the screen). A link is followed and the file it points to '
    "replaced; a folder, pipe or device is refused."
)


def _file_named(output: Path | None) -> Path | None:
    """The file to write, or ``None`` for stdout ("-" or no -o)."""
    return None if output == STDOUT else output


def _write_output(output: Path | None, data: bytes) -> None:
    """To a file, written atomically and privately (a printout is health information), or stdout."""
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    from infuseprep.files import output_target, write_atomically

    target = output_target(output)
    write_atomically(target, data)
    if output.is_symlink():
        wrote = _("Wrote {file} (the file the link points to: {target})")
    else:
        wrote = _("Wrote {file}")
    sys.stderr.write(wrote.format(file=output, target=target) + "\n")


@command(
    "print",
    _(
        "Print the checklists on paper or to a file.\n\n"
        "For the fridge or the visit: a header with the visit, lines to write on (center "
        "phone, driver), then every step with a box (ticked, empty, or a dash when it does not "
        "apply), its due date and its note."
    ),
    "infuseprep print",
    "infuseprep print -o checklist.pdf --large-print",
    "infuseprep print --blank --format html -o blank.html",
)
def print_checklists(
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar=_("FORMAT"),
            autocompletion=complete.choices(complete.FORMATS),
            help=_("text (the default), markdown, html or pdf; -o FILE.pdf picks pdf by itself."),
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar=_("FILE"), help=OUTPUT_HELP)
    ] = None,
    blank: Annotated[
        bool, typer.Option("--blank", help=_("An empty copy to fill in by hand."))
    ] = False,
    checklist: ChecklistIds = None,
    large_print: Annotated[
        bool, typer.Option("--large-print", help=_("Bigger letters, for html and pdf."))
    ] = False,
    paper: Annotated[
        str | None,
        typer.Option(
            "--paper",
            metavar=_("SIZE"),
            autocompletion=complete.choices(complete.PAPERS),
            help=_("a4 or letter (pdf). The default follows your locale."),
        ),
    ] = None,
    checklists: ChecklistDirs = None,
) -> None:
    from infuseprep import clock
    from infuseprep.printout import build_sheet, choose_format, choose_paper
    from infuseprep.progress import Progress
    from infuseprep.summary import summarize

    output = _file_named(output)
    chosen = choose_format(output_format, output)
    size = choose_paper(paper, os.environ)
    if chosen == "pdf" and output is None and sys.stdout.isatty():
        raise UsageProblem(_("A PDF cannot be shown here. Save it with: -o checklist.pdf"))
    catalog = load_checklists(checklists)
    selected = catalog.select(checklist or ())
    # A blank copy is for any visit and any medicine: it lists every step, unanswered.
    progress = Progress() if blank else open_store().read()
    summary = summarize(selected, progress, center_card(), person_name())
    sheet = build_sheet(
        summary, this_person().settings(), clock.today(), blank=blank, glossary=catalog.glossary
    )
    if chosen == "pdf":
        from infuseprep.render.pdf import render_pdf

        _write_output(output, render_pdf(sheet, paper=size, large_print=large_print))
        return
    if chosen == "html":
        from infuseprep.render.html import render_html

        text = render_html(sheet, large_print=large_print)
    elif chosen == "markdown":
        from infuseprep.render.markdown import render_markdown

        text = render_markdown(sheet)
    else:
        from infuseprep.render.text import render_text

        text = render_text(sheet)
    _write_output(output, text.encode("utf-8"))


@command(
    "calendar",
    _(
        "Export the visit and steps to your calendar.\n\n"
        "The visit (3 hours unless --length says otherwise) comes with reminders the day "
        "before and 2 hours before; each step still to do from today on is an all-day entry on "
        "its due date with a reminder at 8:00. Import the file again after changes: entries are "
        "updated, not doubled."
    ),
    "infuseprep calendar -o infusion.ics",
    "infuseprep calendar -o infusion.ics --todos --length 4",
)
def calendar(
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar=_("FILE") + ".ics",
            help=OUTPUT_HELP,
        ),
    ],
    todos: Annotated[
        bool, typer.Option("--todos", help=_("Also add each step as a to-do (VTODO)."))
    ] = False,
    include_finished: Annotated[
        bool, typer.Option("--all", help=_("Also add steps that are done or do not apply."))
    ] = False,
    include_past: Annotated[
        bool, typer.Option("--include-past", help=_("Also add steps whose day has passed."))
    ] = False,
    length: Annotated[
        float,
        typer.Option(
            "--length",
            metavar=_("HOURS"),
            min=0.5,
            max=12,
            help=_("How long the visit lasts in the calendar, in hours (3 by default)."),
        ),
    ] = 3,
    checklists: ChecklistDirs = None,
) -> None:
    from datetime import timedelta

    from infuseprep import clock
    from infuseprep.medications import medications
    from infuseprep.render.ics import local_zone, render_calendar
    from infuseprep.summary import summarize

    progress = open_store().read()
    if progress.appointment is None:
        raise UsageProblem(
            _("A calendar needs the visit date. Set it first: {command}").format(
                command=hint(
                    # TRANSLATORS: a command to type: keep "appointment set"; YYYY-MM-DD
                    # stands for the date.
                    _("appointment set YYYY-MM-DD")
                )
            )
        )
    target = _file_named(output)
    if target is not None:
        from infuseprep.files import output_target

        output_target(target)  # refuse a device or a folder before anything is saved
    summary = summarize(
        load_checklists(checklists).checklists, progress, center_card(), person_name()
    )
    data = render_calendar(
        summary,
        medications().get(progress.appointment.medication or ""),
        person_id=this_person().calendar_id(),
        visit_number=len(progress.history) + 1,
        stamp=clock.now(),
        include_finished=include_finished,
        include_past=include_past,
        todos=todos,
        length=timedelta(hours=length),
        zone=local_zone(),
    )
    _write_output(target, data)


@command(
    "export",
    _(
        "Export checklists or answers as HL7 FHIR R4 JSON, for a clinic's own systems.\n\n"
        "One checklist gives one Questionnaire (or QuestionnaireResponse); several give a "
        'Bundle of type "collection". A response holds the visit date, each answer and note, '
        "and nothing else about you."
    ),
    "infuseprep export --fhir questionnaire light-meal",
    "infuseprep export --fhir response -o answers.json",
)
def export(
    fhir: Annotated[
        str,
        typer.Option(
            "--fhir",
            metavar=_("KIND"),
            autocompletion=complete.choices(complete.FHIR_KINDS),
            help=_("questionnaire (the checklists) or response (your answers for this visit)."),
        ),
    ],
    checklist_ids: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[" + _("ID") + "]...",
            autocompletion=complete.checklist_ids,
            help=_("Only these checklists (all by default)."),
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar=_("FILE"),
            help=_("Write to this file."),
            dir_okay=False,
        ),
    ] = None,
    checklists: ChecklistDirs = None,
) -> None:
    import json

    from infuseprep import clock
    from infuseprep.render.fhir import bundle, questionnaire, response
    from infuseprep.summary import summarize

    kind = fhir.strip().lower()
    if kind not in ("questionnaire", "response"):
        raise UsageProblem(
            _(
                '"{kind}" is not something infuseprep exports; use --fhir questionnaire or '
                "--fhir response."
            ).format(kind=fhir)
        )
    selected = load_checklists(checklists).select(checklist_ids or ())
    now = clock.now()
    if kind == "questionnaire":
        resources = [questionnaire(checklist) for checklist in selected]
    else:
        summary = summarize(selected, open_store().read(), center_card())
        visit = summary.appointment.date if summary.appointment else None
        resources = [response(status, visit, now) for status in summary.checklists]
    document = resources[0] if len(resources) == 1 else bundle(resources, now)
    _write_output(
        _file_named(output), (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode()
    )
