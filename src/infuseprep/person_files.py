"""Every file kept for one person, so that ``profile delete`` can list them, then remove them
and nothing else."""

from __future__ import annotations

from pathlib import Path

from infuseprep.files import sync_folder, temporary_prefix
from infuseprep.person import Person
from infuseprep.store import JOURNAL_SUFFIX, journal_of


def person_files(person: Person) -> list[Path]:
    """Every file kept for one person: the checklists installed for them alone, their
    progress, its journal, its lock, backups and leftovers, and their details."""
    own = person.own_checklists
    found = sorted(own.iterdir()) if own is not None and own.is_dir() else []
    path = person.progress_file
    folder = path.parent
    if not folder.is_dir():
        return found
    exact = [
        folder / path.name,
        journal_of(folder / path.name),
        folder / f"{path.name}.lock",
        person.settings_file,
    ]
    found += [file for file in exact if file.exists() or file.is_symlink()]
    for pattern in (
        f"{path.stem}-backup-*.json",
        f"{path.stem}-backup-*.json{JOURNAL_SUFFIX}",
        f"{path.stem}-format-*-backup.json",
        f"{temporary_prefix(path)}*.tmp",
    ):
        found += sorted(folder.glob(pattern))
    return found


def remove_person(person: Person) -> list[Path]:
    """Delete ``person_files(person)`` (a link itself, not the file it points to), then a
    named person's folders when nothing else is in them; what was removed comes back."""
    removed = []
    for file in person_files(person):
        if file.is_file() or file.is_symlink():
            file.unlink(missing_ok=True)
            removed.append(file)
    folder = person.folder
    emptied = [] if person.is_default else [person.own_checklists, folder]
    for empty in emptied:
        if empty is not None and empty.is_dir() and not any(empty.iterdir()):
            empty.rmdir()
            removed.append(empty)
    if removed:
        sync_folder(folder.parent if folder in removed else folder)
    return removed
