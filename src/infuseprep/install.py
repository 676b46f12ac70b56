"""Installing a clinic's checklists: check everything first, then copy, or change nothing.

A clinic hands out a folder or a zip with the same layout: checklist files, and optionally a
``center.yaml`` card and a ``glossary.yaml``. Nothing is copied unless every file is valid. A zip
is read with care: no member may point outside its root or be a link, and sizes are capped.
"""

from __future__ import annotations

import stat
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from infuseprep.catalog import check_files, check_glossaries, check_translations
from infuseprep.catalog_files import (
    CHECKLIST_SUFFIXES,
    checklist_files,
    glossary_files,
    is_translation,
)
from infuseprep.errors import ChecklistInvalid, UsageProblem
from infuseprep.files import MAX_FILE_BYTES
from infuseprep.i18n import _

MAX_ZIP_MEMBERS = 200
# Files that are not checklists but travel with them.
COMPANIONS = ("center.yaml", "glossary.yaml")


class Change(NamedTuple):
    """One file to write: where it goes, its bytes, and what it does in words."""

    target: Path
    data: bytes
    checklist_id: str | None
    replaces: str | None
    # For a translation (``es/<id>.yaml``): its language; ``checklist_id`` is the id it translates.
    language: str | None = None


@contextmanager
def unpacked(source: Path) -> Iterator[Path]:
    """A folder holding what ``source`` holds: the folder itself, a file's folder, or a zip."""
    if source.is_dir():
        yield source
        return
    if source.suffix.lower() != ".zip":
        yield source
        return
    with tempfile.TemporaryDirectory(prefix="infuseprep-add-") as folder:
        _extract(source, Path(folder))
        entries = list(Path(folder).iterdir())
        # A zip of a folder holds that one folder: use what is inside it.
        yield entries[0] if len(entries) == 1 and entries[0].is_dir() else Path(folder)


def _extract(archive: Path, folder: Path) -> None:
    try:
        bundle = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError) as error:
        raise UsageProblem(
            _('"{archive}" cannot be read as a zip file ({error}).').format(
                archive=archive, error=error
            )
        ) from None
    with bundle:
        members = bundle.infolist()
        if len(members) > MAX_ZIP_MEMBERS:
            raise UsageProblem(
                _('"{archive}" holds more than {limit} files; refused.').format(
                    archive=archive, limit=MAX_ZIP_MEMBERS
                )
            )
        for member in members:
            name = PurePosixPath(member.filename)
            if name.is_absolute() or ".." in name.parts or "\\" in member.filename:
                raise UsageProblem(
                    _('"{archive}" has a file that points outside it ({name}); refused.').format(
                        archive=archive, name=member.filename
                    )
                )
            if stat.S_ISLNK(member.external_attr >> 16):
                raise UsageProblem(
                    _('"{archive}" has a link ({name}); refused.').format(
                        archive=archive, name=member.filename
                    )
                )
            if member.is_dir():
                continue
            if member.file_size > MAX_FILE_BYTES:
                raise UsageProblem(
                    _('"{archive}" has a file larger than {size} KiB ({name}); refused.').format(
                        archive=archive, size=MAX_FILE_BYTES // 1024, name=member.filename
                    )
                )
            target = folder.joinpath(*name.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(bundle.read(member)[: MAX_FILE_BYTES + 1])


def plan(source: Path, target: Path, replaced_from: dict[str, str]) -> list[Change]:
    """What adding ``source`` to ``target`` would write; any invalid file refuses it all.

    ``replaced_from`` maps checklist ids already in use to where they come from ("bundled").
    """
    files = checklist_files([source])
    wanted = [
        file
        for file in files
        if file.suffix in CHECKLIST_SUFFIXES and file.name not in ("medications.yaml",)
    ]
    if not wanted:
        raise UsageProblem(
            _('No checklist files (*.yaml or *.yml) were found in "{source}".').format(
                source=source
            )
        )
    glossaries = glossary_files([source])
    checklists, problems = check_files(wanted)
    problems += check_glossaries(glossaries)[1]
    found = [file for file in checklist_files([source], translations=True) if is_translation(file)]
    translations, translation_problems = check_translations(found, checklists)
    problems += translation_problems
    if problems:
        raise ChecklistInvalid(problems)
    changes = [
        Change(
            target / f"{checklist.id}.yaml",
            checklist.path.read_bytes(),
            checklist.id,
            replaced_from.get(checklist.id),
        )
        for checklist in checklists
    ]
    changes += [
        Change(
            target / translation.path.parent.name / f"{translation.id}.yaml",
            translation.path.read_bytes(),
            translation.id,
            None,
            translation.path.parent.name,
        )
        for translation in translations
    ]
    changes += [
        Change(target / file.relative_to(source), file.read_bytes(), None, None)
        for file in [*wanted, *glossaries]
        if file.name in COMPANIONS
    ]
    return changes


def apply(changes: list[Change]) -> None:
    """Write every file atomically, private to the user, into a folder made private."""
    from infuseprep.files import make_private_folder, write_atomically

    for change in changes:
        make_private_folder(change.target.parent)
        write_atomically(change.target, change.data)


def installed_files(folder: Path, checklist_id: str) -> list[Path]:
    """The file in ``folder`` that holds the checklist ``checklist_id`` and its translations
    (``es/<id>.yaml``): what ``checklists remove`` takes out, so no translation is left behind
    without its checklist. Empty when the checklist is not installed there."""
    from infuseprep.checklist import TRANSLATION_FOLDERS

    found = installed_file(folder, checklist_id)
    if found is None:
        return []
    translations = [installed_file(folder / code, checklist_id) for code in TRANSLATION_FOLDERS]
    return [found, *(path for path in translations if path is not None)]


def installed_file(folder: Path, checklist_id: str) -> Path | None:
    """The file in ``folder`` that holds the checklist ``checklist_id``, if any."""
    for suffix in CHECKLIST_SUFFIXES:
        candidate = folder / f"{checklist_id}{suffix}"
        if candidate.is_file():
            return candidate
    return None
