"""Checklist files: list, show, validate and the JSON Schema."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from infuseprep.cli.common import ChecklistDirs, command
from infuseprep.errors import InfuseprepError


@command("list")
def list_checklists(checklists: ChecklistDirs = None) -> None:
    """List the checklists and where each is from.

    Shows each checklist's id, title and number of steps, and whether it is bundled, from your
    own folder or from --checklists.
    """
    from infuseprep.catalog import bundled_dir, load_catalog
    from infuseprep.paths import user_checklists_dir
    from infuseprep.render.checklists import print_catalog
    from infuseprep.render.console import make_console

    catalog = load_catalog(checklists or ())
    print_catalog(make_console(), catalog, user_checklists_dir(), bundled_dir())


@command("show")
def show_checklist(
    checklist_id: Annotated[
        str, typer.Argument(metavar="ID", help="The checklist id, as in 'list'.")
    ],
    checklists: ChecklistDirs = None,
) -> None:
    """Show one checklist, every step and why."""
    from infuseprep.catalog import load_catalog
    from infuseprep.render.checklists import print_checklist
    from infuseprep.render.console import make_console

    print_checklist(make_console(), load_catalog(checklists or ()).get(checklist_id))


@command("validate")
def validate(
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="PATH...",
            help="Checklist or glossary files, or folders of *.yaml files.",
            exists=True,
        ),
    ],
) -> None:
    """Check checklist and glossary files for mistakes.

    Prints one line per problem as FILE:LINE:COLUMN: message, and exits with 1 if there is any.
    A file named glossary.yaml is checked as a glossary.
    """
    from infuseprep.catalog import check_files, check_glossaries, checklist_files, glossary_files

    checklist_paths = checklist_files(paths)
    glossary_paths = glossary_files(paths)
    files = [*checklist_paths, *glossary_paths]
    if not files:
        places = ", ".join(str(path) for path in paths)
        raise InfuseprepError(f"No checklist files (*.yaml or *.yml) were found in {places}.")
    _, problems = check_files(checklist_paths)
    problems += check_glossaries(glossary_paths)[1]
    for problem in problems:
        sys.stdout.write(f"{problem}\n")
    noun = "file" if len(files) == 1 else "files"
    if problems:
        count = len(problems)
        plural = "s" if count != 1 else ""
        raise InfuseprepError(f"{len(files)} {noun} checked: {count} problem{plural} found.")
    sys.stdout.write(f"{len(files)} {noun} checked: no problems found.\n")


@command("schema")
def schema() -> None:
    """Print the JSON Schema for checklist files.

    Editors that check YAML as you type can use it: infuseprep schema > schema.json
    """
    from infuseprep.catalog import schema_path

    sys.stdout.write(schema_path().read_text(encoding="utf-8"))
