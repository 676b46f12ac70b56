"""Terminal views of checklists: the ``list`` table and the ``show`` page."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table

from infuseprep.catalog import Catalog, Entry
from infuseprep.checklist import Checklist, Item
from infuseprep.i18n import N_, _, ngettext
from infuseprep.render.console import indented, print_bullet, safe_text

NARROW = 60
# The words of a step's repeat (checklist.SCOPES) and of the catalog's named sources, shown in
# the language in use; a folder's path is shown as it is.
SHOWN_WORDS = {
    "once": N_("once"),
    "every visit": N_("every visit"),
    "yearly": N_("yearly"),
    "bundled": N_("bundled"),
    "installed for everyone": N_("installed for everyone"),
    "installed for this person": N_("installed for this person"),
}


def _words(value: str) -> str:
    return _(SHOWN_WORDS[value]) if value in SHOWN_WORDS else value


def _source(entry: Entry) -> str:
    if entry.replaces is None:
        return _words(entry.source)
    return _("{source}, replaces {replaced}").format(
        source=_words(entry.source), replaced=_words(entry.replaces)
    )


def print_catalog(
    console: Console, catalog: Catalog, user_folder: Path, bundled_folder: Path
) -> None:
    """A table where there is room for one; one short block per checklist where there is not."""
    if console.width >= NARROW:
        table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
        table.add_column(_("ID"), no_wrap=True)
        table.add_column(_("Title"), ratio=1)
        table.add_column(_("Steps"), justify="right")
        # TRANSLATORS: the column saying where a checklist comes from (bundled, a folder).
        table.add_column(_("From"), overflow="fold")
        for entry in catalog.entries:
            checklist = entry.checklist
            table.add_row(
                safe_text(checklist.id),
                safe_text(checklist.title),
                str(len(checklist.items)),
                safe_text(_source(entry)),
            )
        console.print(table)
    else:
        for entry in catalog.entries:
            checklist = entry.checklist
            console.print(safe_text(checklist.id, style="bold"), overflow="fold")
            steps = ngettext(
                "{title}. {count} step, from {source}.",
                "{title}. {count} steps, from {source}.",
                len(checklist.items),
            ).format(title=checklist.title, count=len(checklist.items), source=_source(entry))
            console.print(indented(steps, 2))
    console.print()
    lists = len(catalog.entries)
    console.print(
        safe_text(
            ngettext(
                "{count} checklist. To see one: infuseprep show ID",
                "{count} checklists. To see one: infuseprep show ID",
                lists,
            ).format(count=lists)
        )
    )
    console.print(
        safe_text(_("Bundled checklists: {folder}").format(folder=bundled_folder)), overflow="fold"
    )
    if user_folder.is_dir():
        yours = _("Your own checklists go in {folder}")
    else:
        yours = _("Your own checklists go in {folder} (create this folder to add your own)")
    console.print(safe_text(yours.format(folder=user_folder)), overflow="fold")


def _item_facts(item: Item) -> str:
    facts = []
    if item.when is not None:
        facts.append(_("When: {when}").format(when=item.when.shown()))
    facts.append(_("Repeat: {scope}").format(scope=_words(item.scope)))
    if item.medications:
        facts.append(_("Only for: {medicines}").format(medicines=", ".join(item.medications)))
    return ". ".join(facts) + "."


def print_checklist(console: Console, checklist: Checklist) -> None:
    parts: list[RenderableType] = [safe_text(checklist.title, style="bold")]
    if checklist.description:
        parts.append(safe_text(checklist.description))
    if checklist.source:
        parts.append(safe_text(_("Source: {source}").format(source=checklist.source), style="dim"))
    steps = len(checklist.items)
    parts.append(
        safe_text(
            ngettext("{count} step, id {id}", "{count} steps, id {id}", steps).format(
                count=steps, id=checklist.id
            )
        )
    )
    console.print(Group(*parts))
    for number, item in enumerate(checklist.items, start=1):
        console.print()
        print_bullet(console, item.text, 0, marker=f"{number}.", style="bold")
        body = [safe_text(item.details)] if item.details else []
        if item.source:
            body.append(safe_text(_("Source: {source}").format(source=item.source), style="dim"))
        ref = _("Id: {id}").format(id=f"{checklist.id}/{item.id}")
        body.append(safe_text(f"{_item_facts(item)} {ref}", style="dim"))
        console.print(Padding(Group(*body), (0, 0, 0, 3), expand=False))
