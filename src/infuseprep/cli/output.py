"""Copies to keep: the printout in four formats and the calendar file."""

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from infuseprep.cli.common import ChecklistDirs, ChecklistIds, command, open_store
from infuseprep.errors import UsageProblem
from infuseprep.words import hint


def _write_output(output: Path | None, data: bytes) -> None:
    """To a file, written atomically and privately (a printout is health information), or stdout."""
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    from infuseprep.files import write_atomically

    if not output.parent.is_dir():
        raise UsageProblem(f'The folder "{output.parent}" does not exist.')
    write_atomically(output, data)
    sys.stderr.write(f"Wrote {output}\n")


@command("print")
def print_checklists(
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="text (the default), markdown, html or pdf; -o FILE.pdf picks pdf by itself.",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write to this file.", dir_okay=False),
    ] = None,
    blank: Annotated[
        bool, typer.Option("--blank", help="An empty copy to fill in by hand.")
    ] = False,
    checklist: ChecklistIds = None,
    large_print: Annotated[
        bool, typer.Option("--large-print", help="Bigger letters, for html and pdf.")
    ] = False,
    paper: Annotated[
        str | None,
        typer.Option(
            "--paper", metavar="SIZE", help="a4 or letter (pdf). The default follows your locale."
        ),
    ] = None,
    checklists: ChecklistDirs = None,
) -> None:
    """Print the checklists on paper or to a file.

    For the fridge or the visit: a header with the visit, lines to write on (center phone,
    driver), then every step with a box (ticked, empty, or a dash when it does not apply), its
    due date and its note.
    """
    from infuseprep import clock
    from infuseprep.catalog import load_catalog
    from infuseprep.paths import profile_in_use
    from infuseprep.printout import build_sheet, choose_format, choose_paper
    from infuseprep.progress import Progress
    from infuseprep.summary import summarize

    chosen = choose_format(output_format, output)
    size = choose_paper(paper, os.environ)
    if chosen == "pdf" and output is None and sys.stdout.isatty():
        raise UsageProblem("A PDF cannot be shown here. Save it with: -o checklist.pdf")
    catalog = load_catalog(checklists or ())
    selected = catalog.select(checklist or ())
    # A blank copy is for any visit and any medicine: it lists every step, unanswered.
    summary = summarize(selected, Progress() if blank else open_store().read())
    sheet = build_sheet(
        summary, profile_in_use(), clock.today(), blank=blank, glossary=catalog.glossary
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


@command("calendar")
def calendar(
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", metavar="FILE.ics", help="The calendar file to write.", dir_okay=False
        ),
    ],
    todos: Annotated[
        bool, typer.Option("--todos", help="Also add each step as a to-do (VTODO).")
    ] = False,
    include_finished: Annotated[
        bool, typer.Option("--all", help="Also add steps that are done or do not apply.")
    ] = False,
    checklists: ChecklistDirs = None,
) -> None:
    """Export the visit and steps to your calendar.

    The visit comes with reminders the day before and 2 hours before; each step is an all-day
    entry on its due date with a reminder at 8:00. Import the file again after changes: entries
    are updated, not doubled.
    """
    from infuseprep import clock
    from infuseprep.catalog import load_catalog
    from infuseprep.medications import medications
    from infuseprep.paths import DEFAULT_PROFILE, profile_in_use
    from infuseprep.render.ics import render_calendar
    from infuseprep.summary import summarize

    progress = open_store().read()
    if progress.appointment is None:
        raise UsageProblem(
            f"A calendar needs the visit date. Set it first: {hint('appointment set YYYY-MM-DD')}"
        )
    summary = summarize(load_catalog(checklists or ()).checklists, progress)
    data = render_calendar(
        summary,
        medications().get(progress.appointment.medication or ""),
        profile=profile_in_use() or DEFAULT_PROFILE,
        visit_number=len(progress.history) + 1,
        stamp=clock.now(),
        include_finished=include_finished,
        todos=todos,
    )
    _write_output(output, data)
