"""Checklist files: list, show, validate, the JSON Schema, and installing a clinic's own."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from infuseprep.cli import complete
from infuseprep.cli.common import ChecklistDirs, app, command, group, guarded
from infuseprep.cli.context import center_card, confirm, load_checklists, note_skipped, this_person
from infuseprep.errors import InfuseprepError, UsageProblem
from infuseprep.i18n import _, ngettext
from infuseprep.words import hint

if TYPE_CHECKING:
    from infuseprep.checklist import Checklist


@command(
    "list",
    _(
        "List the checklists and where each is from.\n\n"
        "Shows each checklist's id, title and number of steps, and whether it is bundled, from "
        "your own folder or from --checklists."
    ),
    "infuseprep list",
    _("infuseprep list --checklists my-clinic"),
)
def list_checklists(checklists: ChecklistDirs = None) -> None:
    from infuseprep.catalog import bundled_dir
    from infuseprep.paths import user_checklists_dir
    from infuseprep.render.checklists import print_catalog
    from infuseprep.render.console import make_console

    catalog = load_checklists(checklists)
    print_catalog(make_console(), catalog, user_checklists_dir(), bundled_dir())


@command("show", _("Show one checklist, every step and why."), "infuseprep show light-meal")
def show_checklist(
    checklist_id: Annotated[
        str,
        typer.Argument(
            metavar=_("ID"),
            autocompletion=complete.checklist_ids,
            help=_("The checklist id, as in 'list'."),
        ),
    ],
    checklists: ChecklistDirs = None,
) -> None:
    from infuseprep.render.checklists import print_checklist
    from infuseprep.render.console import make_console
    from infuseprep.visits import with_center

    checklist = load_checklists(checklists).get(checklist_id)
    print_checklist(make_console(), with_center(checklist, center_card()))


@command(
    "validate",
    _(
        "Check checklist and glossary files for mistakes.\n\n"
        "Prints one line per problem as FILE:LINE:COLUMN: message, and exits with 1 if there is "
        "any. With --readability, each step's reading grade too; a step above grade 8 is a "
        "warning, which alone does not fail. A file named glossary.yaml is checked as a "
        "glossary."
    ),
    _("infuseprep validate my-clinic/"),
    _("infuseprep validate --readability my-clinic/pump-visit.yaml"),
)
def validate(
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar=_("FILE") + "...",
            help=_("Checklist or glossary files, or folders of *.yaml files."),
            exists=True,
        ),
    ],
    readability: Annotated[
        bool,
        typer.Option(
            "--readability",
            help=_("Also give each step's reading grade (Flesch-Kincaid) and warn above grade 8."),
        ),
    ] = False,
) -> None:
    from infuseprep.catalog import check_files, check_glossaries
    from infuseprep.catalog_files import checklist_files, glossary_files, side_files
    from infuseprep.untrusted import clean

    checklist_paths = checklist_files(paths, translations=True)
    glossary_paths = glossary_files(paths)
    files = [*checklist_paths, *glossary_paths]
    note_skipped(side_files(paths))
    if not files:
        places = ", ".join(str(path) for path in paths)
        raise InfuseprepError(
            _("No checklist files (*.yaml or *.yml) were found in {places}.").format(places=places)
        )
    checked, problems = check_files(checklist_paths)
    problems += check_glossaries(glossary_paths)[1]
    for problem in problems:
        sys.stdout.write(f"{clean(str(problem))}\n")
    if readability:
        _report_readability(checked)
    checked_files = ngettext("{count} file checked", "{count} files checked", len(files)).format(
        count=len(files)
    )
    if problems:
        count = len(problems)
        found = ngettext("{count} problem found.", "{count} problems found.", count).format(
            count=count
        )
        # TRANSLATORS: "3 files checked: 2 problems found."
        raise InfuseprepError(_("{checked}: {found}").format(checked=checked_files, found=found))
    sys.stdout.write(_("{checked}: no problems found.").format(checked=checked_files) + "\n")


def _report_readability(checked: "list[Checklist]") -> None:
    from infuseprep.readability import MAX_ITEM_GRADE, item_grades

    grades = [found for checklist in checked for found in item_grades(checklist.path, checklist)]
    for located, _grade in grades:
        sys.stdout.write(f"{located}\n")
    if grades:
        levels = [level for _located, level in grades]
        above = sum(level > MAX_ITEM_GRADE for level in levels)
        sys.stdout.write(
            _(
                "Reading grade: {average} on average over {count} steps; {above} above grade "
                "{limit}."
            ).format(
                average=f"{sum(levels) / len(levels):.1f}",
                count=len(levels),
                above=above,
                limit=f"{MAX_ITEM_GRADE:.0f}",
            )
            + "\n"
        )


@command(
    "schema",
    _(
        "Print the JSON Schema for checklist files.\n\n"
        "Editors that check YAML as you type can use it."
    ),
    "infuseprep schema > schema.json",
)
def schema() -> None:
    from infuseprep.catalog import schema_path

    sys.stdout.write(schema_path().read_text(encoding="utf-8"))


checklists_app = group(
    _(
        "Install, remove and hide checklists, for everyone here or one person (--profile). "
        "Alone, it lists them as 'list' does."
    ),
    _("infuseprep checklists add my-clinic.zip"),
    "infuseprep checklists hide consultation",
    invoke_without_command=True,
)
app.add_typer(checklists_app, name="checklists")
YesOption = Annotated[bool, typer.Option("--yes", "-y", help=_("Do not ask for confirmation."))]


@checklists_app.callback()
def checklists_group(ctx: typer.Context) -> None:
    if ctx.invoked_subcommand is None:  # alone, it lists them, with the commands' one exit
        guarded(list_checklists)(None)


def _target() -> tuple[Path, str]:
    """Where installs go: the person's own folder with --profile, else the one for everyone."""
    from infuseprep.paths import user_checklists_dir

    person = this_person()
    if person.own_checklists is not None:
        return person.own_checklists, _("for {profile} only").format(profile=person.profile)
    return user_checklists_dir(), _("for everyone on this computer")


@command(
    "add",
    _(
        "Check a clinic's checklists, then install them; a file with a mistake changes "
        "nothing.\n\n"
        "Says what each file adds or replaces. Replacing a checklist that was installed before "
        "asks first, unless you add --yes. With --profile, the checklists are for that person "
        "only."
    ),
    _("infuseprep checklists add my-clinic.zip"),
    _("infuseprep --profile mum checklists add my-clinic/pump-visit.yaml"),
    group=checklists_app,
)
def checklists_add(
    source: Annotated[
        Path,
        typer.Argument(
            metavar=_("FILE"),
            exists=True,
            help=_("A checklist file, a folder of them, or a zip with the same layout."),
        ),
    ],
    yes: YesOption = False,
) -> None:
    from infuseprep.install import apply, plan, unpacked

    target, for_whom = _target()
    current = {entry.checklist.id: entry.source for entry in load_checklists().entries}
    with unpacked(source) as folder:
        changes = plan(folder, target, current)
        lines = []
        for change in changes:
            if change.language is not None:
                from infuseprep.i18n import LANGUAGES

                # TRANSLATORS: a translation of a checklist, as in "riverside-visit-day (español)".
                said = _("its words in {language}").format(language=LANGUAGES[change.language])
                lines.append(f"  {change.checklist_id} ({change.language}): {said}")
            elif change.checklist_id is None:
                said = _("the clinic's {kind} card").format(kind=change.target.stem)
                lines.append(f"  {change.target.name}: {said}")
            elif change.replaces is None:
                # TRANSLATORS: a checklist that was not installed before.
                new = _("new")
                lines.append(f"  {change.checklist_id}: {new}")
            else:
                lines.append(
                    f"  {change.checklist_id}: {_replacing(change.checklist_id, change.replaces)}"
                )
        sys.stdout.write(
            _("Checked, no problems. To install {for_whom}:").format(for_whom=for_whom)
            + "\n"
            + "\n".join(lines)
            + "\n"
        )
        replacing = [c for c in changes if c.replaces is not None and c.replaces != "bundled"]
        if replacing and not yes and not confirm(_("Replace the checklists installed before?")):
            sys.stdout.write(_("Nothing changed.") + "\n")
            return
        apply(changes)
    sys.stdout.write(_("Installed in {folder}.").format(folder=target) + "\n")


def _replacing(checklist_id: str, source: str) -> str:
    if source == "bundled":
        return _("replaces the bundled {id}").format(id=checklist_id)
    # TRANSLATORS: {source} says where the replaced checklist was installed, as in
    # "replaces the lab-work installed for everyone".
    return _("replaces the {id} {source}").format(id=checklist_id, source=source)


@command(
    "remove",
    _("Take out an installed checklist; answers already given to it are kept."),
    "infuseprep checklists remove pump-visit",
    group=checklists_app,
)
def checklists_remove(
    checklist_id: Annotated[
        str,
        typer.Argument(
            metavar=_("ID"),
            autocompletion=complete.checklist_ids,
            help=_("The checklist to take out."),
        ),
    ],
) -> None:
    from infuseprep.catalog import bundled_dir
    from infuseprep.install import installed_file, installed_files

    target, for_whom = _target()
    found = installed_file(target, checklist_id)
    if found is None:
        bundled = installed_file(bundled_dir(), checklist_id) is not None
        if bundled:
            raise UsageProblem(
                _(
                    '"{id}" comes with infuseprep and cannot be removed. To stop seeing it, '
                    "run: {command}"
                ).format(id=checklist_id, command=hint("checklists hide " + checklist_id))
            )
        raise UsageProblem(
            _('No checklist "{id}" is installed {for_whom}. See what is: {command}').format(
                id=checklist_id, for_whom=for_whom, command=hint("checklists")
            )
        )
    for path in installed_files(target, checklist_id):  # the checklist and its translations
        path.unlink()
    sys.stdout.write(
        _('Removed "{id}" ({file}). Answers you gave to it are kept.').format(
            id=checklist_id, file=found
        )
        + "\n"
    )


@command(
    "hide",
    _("Hide a checklist, bundled ones too; 'checklists unhide ID' brings it back."),
    "infuseprep checklists hide consultation",
    group=checklists_app,
)
def checklists_hide(
    checklist_id: Annotated[
        str,
        typer.Argument(
            metavar=_("ID"),
            autocompletion=complete.checklist_ids,
            help=_("The checklist to hide."),
        ),
    ],
) -> None:
    _set_hidden(checklist_id, hidden=True)


@command(
    "unhide",
    _("Show a hidden checklist again."),
    "infuseprep checklists unhide consultation",
    group=checklists_app,
)
def checklists_unhide(
    checklist_id: Annotated[
        str, typer.Argument(metavar=_("ID"), help=_("The checklist to show again."))
    ],
) -> None:
    _set_hidden(checklist_id, hidden=False)


def _set_hidden(checklist_id: str, *, hidden: bool) -> None:
    from infuseprep.catalog_files import set_hidden

    target, for_whom = _target()
    if hidden:
        load_checklists().get(checklist_id)
    if not set_hidden(target, checklist_id, hidden=hidden):
        raise UsageProblem(
            _('"{id}" is not hidden {for_whom}.').format(id=checklist_id, for_whom=for_whom)
        )
    said = _('"{id}" is hidden {for_whom}.') if hidden else _('"{id}" is shown again {for_whom}.')
    sys.stdout.write(said.format(id=checklist_id, for_whom=for_whom) + "\n")
