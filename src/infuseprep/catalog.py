"""Where checklists come from: bundled with infuseprep, the user's folder, and ``--checklists``."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from infuseprep import __version__
from infuseprep.cache import cached, content_key
from infuseprep.checklist import (
    DOCUMENT_FORMAT,
    Checklist,
    Item,
    checklist_document,
    checklist_from,
)
from infuseprep.errors import (
    ChecklistInvalid,
    Problem,
    UnknownChecklist,
    UnknownItem,
    UsageProblem,
)
from infuseprep.glossary import GLOSSARY_FILE_NAMES, Glossary, glossary_document, glossary_from
from infuseprep.medications import PROFILES_FILE
from infuseprep.paths import user_checklists_dir

CHECKLIST_SUFFIXES = (".yaml", ".yml")
BUNDLED = "bundled"
USER = "your folder"


def bundled_dir() -> Path:
    """The checklists inside the installed package, or the repository's own in a checkout."""
    packaged = Path(__file__).with_name("checklists")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "checklists"


def schema_path() -> Path:
    return bundled_dir() / "schema.json"


class Entry(NamedTuple):
    checklist: Checklist
    source: str
    replaces: str | None = None


@dataclass(frozen=True)
class Catalog:
    """Every usable checklist in walk order, each once, the last source to name an id winning.

    The glossary holds the bundled terms, then each folder's own, a later term replacing one of
    the same name.
    """

    entries: tuple[Entry, ...]
    glossary: Glossary

    @property
    def checklists(self) -> tuple[Checklist, ...]:
        return tuple(entry.checklist for entry in self.entries)

    def get(self, checklist_id: str) -> Checklist:
        for entry in self.entries:
            if entry.checklist.id == checklist_id:
                return entry.checklist
        known = [entry.checklist.id for entry in self.entries]
        raise UnknownChecklist(
            checklist_id, known, difflib.get_close_matches(checklist_id, known, n=2)
        )

    def find_step(self, ref: str) -> tuple[Checklist, Item]:
        """A step by ``checklist-id/item-id``, or by an item id that only one checklist uses."""
        full = {
            f"{checklist.id}/{item.id}": (checklist, item)
            for checklist in self.checklists
            for item in checklist.items
        }
        if ref in full:
            return full[ref]
        matches = [step for name, step in full.items() if name.split("/", 1)[1] == ref]
        if len(matches) == 1:
            return matches[0]
        if matches:
            names = " or ".join(f'"{checklist.id}/{item.id}"' for checklist, item in matches)
            raise UnknownItem(f'More than one checklist has a step "{ref}". Say which: {names}.')
        close = difflib.get_close_matches(ref, list(full), n=3, cutoff=0.8)
        short_names = {name.split("/", 1)[1]: name for name in full}
        close += [
            short_names[name]
            for name in difflib.get_close_matches(ref, list(short_names), n=3, cutoff=0.6)
            if short_names[name] not in close
        ]
        message = f'There is no step "{ref}".'
        if close:
            message += " Did you mean " + " or ".join(f'"{name}"' for name in close[:3]) + "?"
        message += ' Run "infuseprep show ID" to see the steps of a checklist.'
        raise UnknownItem(message)

    def select(self, checklist_ids: Sequence[str]) -> tuple[Checklist, ...]:
        """The named checklists in walk order; all of them when none are named."""
        if not checklist_ids:
            return self.checklists
        wanted = {self.get(checklist_id).id for checklist_id in checklist_ids}
        return tuple(checklist for checklist in self.checklists if checklist.id in wanted)


def checklist_files(paths: Iterable[Path]) -> list[Path]:
    """Files as given, and the ``*.yaml``/``*.yml`` files directly inside each folder given.

    A glossary file is not a checklist, whether given or found in a folder.
    """
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(child for child in path.iterdir() if child.suffix in CHECKLIST_SUFFIXES)
            )
        else:
            files.append(path)
    return [file for file in files if file.name not in GLOSSARY_FILE_NAMES]


def glossary_files(paths: Iterable[Path]) -> list[Path]:
    """The glossary files among ``paths`` and directly inside each folder given."""
    found: list[Path] = []
    for path in paths:
        candidates = [path / name for name in GLOSSARY_FILE_NAMES] if path.is_dir() else [path]
        found.extend(file for file in candidates if file.name in GLOSSARY_FILE_NAMES)
    return [file for file in found if file.is_file()]


def check_glossaries(files: Sequence[Path]) -> tuple[Glossary, list[Problem]]:
    """Load glossary files in order, a later term replacing an earlier one of the same name."""
    from infuseprep.validation import load_glossary_file

    glossary = Glossary()
    problems: list[Problem] = []
    for file in files:
        loaded, file_problems = load_glossary_file(file)
        problems.extend(file_problems)
        if loaded is not None:
            glossary = glossary.merged(loaded)
    return glossary, problems


def check_files(files: Sequence[Path]) -> tuple[list[Checklist], list[Problem]]:
    """Load files that belong together, where one checklist id may appear only once."""
    from infuseprep.validation import load_checklist_file

    checklists: list[Checklist] = []
    problems: list[Problem] = []
    first: dict[str, Checklist] = {}
    for file in files:
        checklist, file_problems = load_checklist_file(file)
        problems.extend(file_problems)
        if checklist is None:
            continue
        earlier = first.get(checklist.id)
        if earlier is not None:
            problems.append(
                Problem(
                    str(file),
                    checklist.id_line,
                    1,
                    f'the checklist id "{checklist.id}" is also used by '
                    f"{earlier.path}:{earlier.id_line}",
                )
            )
            continue
        first[checklist.id] = checklist
        checklists.append(checklist)
    return checklists, problems


def load_catalog(extra_dirs: Sequence[Path] = ()) -> Catalog:
    """Bundled, then the user's folder, then each ``--checklists`` folder; none may be invalid.

    Checklists that parsed cleanly are cached, keyed by the exact bytes of every file, so most
    commands neither import YAML nor parse anything; invalid files are never cached, and
    ``validate`` always reads the files.
    """
    for folder in extra_dirs:
        if not folder.is_dir():
            raise UsageProblem(f'The checklist folder "{folder}" does not exist.')
    sources: list[tuple[str, Path]] = [(BUNDLED, bundled_dir()), (USER, user_checklists_dir())]
    sources.extend((str(folder), folder) for folder in extra_dirs)
    listed = [
        (source, checklist_files([folder]) if folder.is_dir() else []) for source, folder in sources
    ]
    glossaries = glossary_files(folder for _, folder in sources if folder.is_dir())
    key = _fingerprint([*listed, ("glossaries", glossaries)])
    document = cached("catalog", key, lambda: _parse_catalog(listed, glossaries))
    return Catalog(
        tuple(
            Entry(checklist_from(entry["checklist"]), entry["source"], entry["replaces"])
            for entry in document["entries"]
        ),
        glossary_from(document["glossary"]),
    )


def _parse_catalog(
    listed: Sequence[tuple[str, Sequence[Path]]], glossaries: Sequence[Path]
) -> dict[str, Any]:
    """Parse and check every file; the later of two checklists with one id replaces the other."""
    by_id: dict[str, Entry] = {}
    glossary, problems = check_glossaries(glossaries)
    for source, files in listed:
        checklists, folder_problems = check_files(files)
        problems.extend(folder_problems)
        for checklist in checklists:
            earlier = by_id.get(checklist.id)
            by_id[checklist.id] = Entry(checklist, source, earlier.source if earlier else None)
    if problems:
        raise ChecklistInvalid(problems)
    ordered = sorted(by_id.values(), key=lambda entry: (entry.checklist.order, entry.checklist.id))
    return {
        "entries": [
            {
                "checklist": checklist_document(entry.checklist),
                "source": entry.source,
                "replaces": entry.replaces,
            }
            for entry in ordered
        ],
        "glossary": glossary_document(glossary),
    }


def _fingerprint(listed: Sequence[tuple[str, Sequence[Path]]]) -> str:
    """A digest of what the catalog depends on: version, cache format, sources and every byte."""
    parts = [f"{__version__} {DOCUMENT_FORMAT}".encode(), PROFILES_FILE.read_bytes()]
    for source, files in listed:
        parts.append(f"source {source}".encode())
        for file in files:
            parts += [f"file {file}".encode(), file.read_bytes()]
    return content_key(*parts)
