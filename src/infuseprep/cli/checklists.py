"""Checklist files: list, show, validate, the JSON Schema, and installing a clinic's own."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from infuseprep.cli import complete
from infuseprep.cli.common import (
    ChecklistDirs,
    app,
    command,
    confirm,
    load_checklists,
    note_skipped,
    this_person,
)
from infuseprep.errors import InfuseprepError, UsageProblem
from infuseprep.words import hint

if TYPE_CHECKING:
    from infuseprep.checklist import Checklist


@command("list")
def list_checklists(checklists: ChecklistDirs = None) -> None:
    """List the checklists and where each is from.

    Shows each checklist's id, title and number of steps, and whether it is bundled, from your
    own folder or from --checklists.
    """
    from infuseprep.catalog import bundled_dir
    from infuseprep.paths import user_checklists_dir
    from infuseprep.render.checklists import print_catalog
    from infuseprep.render.console import make_console

    catalog = load_checklists(checklists)
    print_catalog(make_console(), catalog, user_checklists_dir(), bundled_dir())


@command("show")
def show_checklist(
    checklist_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            autocompletion=complete.checklist_ids,
            help="The checklist id, as in 'list'.",
        ),
    ],
    checklists: ChecklistDirs = None,
) -> None:
    """Show one checklist, every step and why."""
    from infuseprep.render.checklists import print_checklist
    from infuseprep.render.console import make_console

    print_checklist(make_console(), load_checklists(checklists).get(checklist_id))


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
    readability: Annotated[
        bool,
        typer.Option(
            "--readability",
            help="Also give each step's reading grade (Flesch-Kincaid) and warn above grade 8.",
        ),
    ] = False,
) -> None:
    """Check checklist and glossary files for mistakes.

    Prints one line per problem as FILE:LINE:COLUMN: message, and exits with 1 if there is any.
    With --readability, each step's reading grade too; a step above grade 8 is a warning, which
    alone does not fail. A file named glossary.yaml is checked as a glossary.
    """
    from infuseprep.catalog import (
        check_files,
        check_glossaries,
        checklist_files,
        glossary_files,
        side_files,
    )
    from infuseprep.untrusted import clean

    checklist_paths = checklist_files(paths, translations=True)
    glossary_paths = glossary_files(paths)
    files = [*checklist_paths, *glossary_paths]
    note_skipped(side_files(paths))
    if not files:
        places = ", ".join(str(path) for path in paths)
        raise InfuseprepError(f"No checklist files (*.yaml or *.yml) were found in {places}.")
    checked, problems = check_files(checklist_paths)
    problems += check_glossaries(glossary_paths)[1]
    for problem in problems:
        sys.stdout.write(f"{clean(str(problem))}\n")
    if readability:
        _report_readability(checked)
    noun = "file" if len(files) == 1 else "files"
    if problems:
        count = len(problems)
        plural = "s" if count != 1 else ""
        raise InfuseprepError(f"{len(files)} {noun} checked: {count} problem{plural} found.")
    sys.stdout.write(f"{len(files)} {noun} checked: no problems found.\n")


def _report_readability(checked: "list[Checklist]") -> None:
    from infuseprep.readability import MAX_ITEM_GRADE, item_grades

    grades = [found for checklist in checked for found in item_grades(checklist.path, checklist)]
    for located, _ in grades:
        sys.stdout.write(f"{located}\n")
    if grades:
        levels = [level for _, level in grades]
        above = sum(level > MAX_ITEM_GRADE for level in levels)
        sys.stdout.write(
            f"Reading grade: {sum(levels) / len(levels):.1f} on average over {len(levels)} "
            f"steps; {above} above grade {MAX_ITEM_GRADE:.0f}.\n"
        )


@command("schema")
def schema() -> None:
    """Print the JSON Schema for checklist files.

    Editors that check YAML as you type can use it: infuseprep schema > schema.json
    """
    from infuseprep.catalog import schema_path

    sys.stdout.write(schema_path().read_text(encoding="utf-8"))


checklists_app = typer.Typer(
    help="Install, remove and hide checklists, for everyone here or one person (--profile).",
    invoke_without_command=True,
)
app.add_typer(checklists_app, name="checklists")
YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]


@checklists_app.callback()
def checklists_group(ctx: typer.Context) -> None:
    """Install, remove and hide checklists; alone, it lists them as 'list' does."""
    if ctx.invoked_subcommand is None:
        list_checklists(None)


def _target() -> tuple[Path, str]:
    """Where installs go: the person's own folder with --profile, else the one for everyone."""
    from infuseprep.paths import user_checklists_dir

    person = this_person()
    if person.own_checklists is not None:
        return person.own_checklists, f"for {person.profile} only"
    return user_checklists_dir(), "for everyone on this computer"


@command("add", group=checklists_app)
def checklists_add(
    source: Annotated[
        Path,
        typer.Argument(
            metavar="PATH",
            exists=True,
            help="A checklist file, a folder of them, or a zip with the same layout.",
        ),
    ],
    yes: YesOption = False,
) -> None:
    """Check a clinic's checklists, then install them; a file with a mistake changes nothing.

    Says what each file adds or replaces. Replacing a checklist that was installed before asks
    first, unless you add --yes. With --profile, the checklists are for that person only.
    """
    from infuseprep.install import apply, plan, unpacked

    target, for_whom = _target()
    current = {entry.checklist.id: entry.source for entry in load_checklists().entries}
    with unpacked(source) as folder:
        changes = plan(folder, target, current)
        lines = []
        for change in changes:
            if change.checklist_id is None:
                lines.append(f"  {change.target.name}: the clinic's {change.target.stem} card")
            elif change.replaces is None:
                lines.append(f"  {change.checklist_id}: new")
            else:
                lines.append(
                    f"  {change.checklist_id}: {_replacing(change.checklist_id, change.replaces)}"
                )
        sys.stdout.write(
            f"Checked, no problems. To install {for_whom}:\n" + "\n".join(lines) + "\n"
        )
        replacing = [c for c in changes if c.replaces is not None and c.replaces != "bundled"]
        if replacing and not yes and not confirm("Replace the checklists installed before?"):
            sys.stdout.write("Nothing changed.\n")
            return
        apply(changes)
    sys.stdout.write(f"Installed in {target}.\n")


def _replacing(checklist_id: str, source: str) -> str:
    if source == "bundled":
        return f"replaces the bundled {checklist_id}"
    return f"replaces the {checklist_id} {source}"


@command("remove", group=checklists_app)
def checklists_remove(
    checklist_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", autocompletion=complete.checklist_ids, help="The checklist to take out."
        ),
    ],
) -> None:
    """Take out an installed checklist; answers already given to it are kept."""
    from infuseprep.catalog import bundled_dir
    from infuseprep.install import installed_file

    target, for_whom = _target()
    found = installed_file(target, checklist_id)
    if found is None:
        bundled = installed_file(bundled_dir(), checklist_id) is not None
        if bundled:
            raise UsageProblem(
                f'"{checklist_id}" comes with infuseprep and cannot be removed. To stop seeing '
                f"it, run: {hint('checklists hide ' + checklist_id)}"
            )
        raise UsageProblem(
            f'No checklist "{checklist_id}" is installed {for_whom}. See what is: '
            f"{hint('checklists')}"
        )
    found.unlink()
    sys.stdout.write(f'Removed "{checklist_id}" ({found}). Answers you gave to it are kept.\n')


@command("hide", group=checklists_app)
def checklists_hide(
    checklist_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", autocompletion=complete.checklist_ids, help="The checklist to hide."
        ),
    ],
) -> None:
    """Hide a checklist, bundled ones too; 'checklists unhide ID' brings it back."""
    _set_hidden(checklist_id, hidden=True)


@command("unhide", group=checklists_app)
def checklists_unhide(
    checklist_id: Annotated[str, typer.Argument(metavar="ID", help="The checklist to show again.")],
) -> None:
    """Show a hidden checklist again."""
    _set_hidden(checklist_id, hidden=False)


def _set_hidden(checklist_id: str, *, hidden: bool) -> None:
    from infuseprep.catalog import set_hidden

    target, for_whom = _target()
    if hidden:
        load_checklists().get(checklist_id)
    if not set_hidden(target, checklist_id, hidden=hidden):
        raise UsageProblem(f'"{checklist_id}" is not hidden {for_whom}.')
    state = "hidden" if hidden else "shown again"
    sys.stdout.write(f'"{checklist_id}" is {state} {for_whom}.\n')
