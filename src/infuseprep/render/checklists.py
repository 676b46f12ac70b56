"""Terminal views of checklists: the ``list`` table and the ``show`` page."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table

from infuseprep.catalog import Catalog, Entry
from infuseprep.checklist import Checklist, Item
from infuseprep.i18n import ngettext
from infuseprep.render.console import indented, print_bullet, safe_text

NARROW = 60


def _source(entry: Entry) -> str:
    return entry.source if entry.replaces is None else f"{entry.source}, replaces {entry.replaces}"


def print_catalog(
    console: Console, catalog: Catalog, user_folder: Path, bundled_folder: Path
) -> None:
    """A table where there is room for one; one short block per checklist where there is not."""
    if console.width >= NARROW:
        table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
        table.add_column("ID", no_wrap=True)
        table.add_column("Title", ratio=1)
        table.add_column("Steps", justify="right")
        table.add_column("From", overflow="fold")
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
            steps = f"{_steps(len(checklist.items))}, from {_source(entry)}"
            console.print(indented(f"{checklist.title}. {steps}.", 2))
    console.print()
    found = len(catalog.entries)
    checklists = ngettext("{count} checklist", "{count} checklists", found).format(count=found)
    console.print(safe_text(f"{checklists}. To see one: infuseprep show ID"))
    console.print(safe_text(f"Bundled checklists: {bundled_folder}"), overflow="fold")
    missing = "" if user_folder.is_dir() else " (create this folder to add your own)"
    console.print(safe_text(f"Your own checklists go in {user_folder}{missing}"), overflow="fold")


def _steps(number: int) -> str:
    return ngettext("{count} step", "{count} steps", number).format(count=number)


def _item_facts(item: Item) -> str:
    facts = []
    if item.when is not None:
        facts.append(f"When: {item.when.words}")
    facts.append(f"Repeat: {item.scope}")
    if item.medications:
        facts.append("Only for: " + ", ".join(item.medications))
    return ". ".join(facts) + "."


def print_checklist(console: Console, checklist: Checklist) -> None:
    parts: list[RenderableType] = [safe_text(checklist.title, style="bold")]
    if checklist.description:
        parts.append(safe_text(checklist.description))
    if checklist.source:
        parts.append(safe_text(f"Source: {checklist.source}", style="dim"))
    parts.append(safe_text(f"{_steps(len(checklist.items))}, id {checklist.id}"))
    console.print(Group(*parts))
    for number, item in enumerate(checklist.items, start=1):
        console.print()
        print_bullet(console, item.text, 0, marker=f"{number}.", style="bold")
        body = [safe_text(item.details)] if item.details else []
        if item.source:
            body.append(safe_text(f"Source: {item.source}", style="dim"))
        body.append(safe_text(_item_facts(item) + f" Id: {checklist.id}/{item.id}", style="dim"))
        console.print(Padding(Group(*body), (0, 0, 0, 3), expand=False))
