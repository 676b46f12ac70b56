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
from infuseprep.files import check_private, read_regular
from infuseprep.glossary import GLOSSARY_FILE_NAMES, Glossary, glossary_document, glossary_from
from infuseprep.medications import PROFILES_FILE
from infuseprep.paths import user_checklists_dir
from infuseprep.yamlsafe import MAX_FILE_BYTES

CHECKLIST_SUFFIXES = (".yaml", ".yml")
BUNDLED = "bundled"
USER = "installed for everyone"
OWN = "installed for this person"
HIDDEN_FILE = "hidden.txt"
EMPTY_GLOSSARY = Glossary()


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
    skipped: tuple[Problem, ...] = ()
    side_files: tuple[Path, ...] = ()
    glossary: Glossary = EMPTY_GLOSSARY

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


def is_side_file(path: Path) -> bool:
    """A hidden file, or one an editor or a Mac leaves beside the real one (``.#x.yaml``,
    ``._x.yaml``, ``x.yaml~``, ``.x.yaml.swp``): never a checklist."""
    return path.name.startswith(".") or path.name.endswith(("~", "#"))


def checklist_files(paths: Iterable[Path]) -> list[Path]:
    """Files as given, and the ``*.yaml``/``*.yml`` files directly inside each folder given.

    A glossary file is not a checklist, whether given or found in a folder.
    """
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(
                    child
                    for child in path.iterdir()
                    if child.suffix in CHECKLIST_SUFFIXES and not is_side_file(child)
                )
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


def side_files(folders: Iterable[Path]) -> list[Path]:
    """The hidden and editor files in ``folders`` that ``checklist_files`` passes over."""
    return [
        child
        for folder in folders
        if folder.is_dir()
        for child in sorted(folder.iterdir())
        if is_side_file(child)
    ]


def check_files(files: Sequence[Path]) -> tuple[list[Checklist], list[Problem]]:
    """Load files that belong together, where one checklist id may appear only once.

    A ``medications.yaml`` among them is a medication profile file, and a ``center.yaml`` a
    center card; each is checked as what it is.
    """
    from infuseprep import center
    from infuseprep.medication_file import FILE_NAME, load_medication_file
    from infuseprep.validation import load_checklist_file

    checklists: list[Checklist] = []
    problems: list[Problem] = []
    first: dict[str, Checklist] = {}
    for file in files:
        if file.name == FILE_NAME:
            problems.extend(load_medication_file(file)[1])
            continue
        if file.name == center.FILE_NAME:
            problems.extend(center.load_center_file(file)[1])
            continue
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


def load_catalog(extra_dirs: Sequence[Path] = (), own_dir: Path | None = None) -> Catalog:
    """Bundled, then the folder for everyone, the person's own, then each ``--checklists``.

    Checklists that parsed cleanly are cached, keyed by the exact bytes of every file, so most
    commands neither import YAML nor parse anything. A broken file outside the bundled folder
    never locks a person out: it is left out, and the catalog says why (``skipped``), while
    ``validate`` and ``checklists add`` still refuse it. A checklist id listed in a folder's
    ``hidden.txt`` is left out too.
    """
    for folder in extra_dirs:
        if not folder.is_dir():
            raise UsageProblem(f'The checklist folder "{folder}" does not exist.')
    everyone = user_checklists_dir()
    sources: list[tuple[str, Path]] = [(BUNDLED, bundled_dir()), (USER, everyone)]
    if own_dir is not None:
        sources.append((OWN, own_dir))
    sources.extend((str(folder), folder) for folder in extra_dirs)
    listed = [
        (source, checklist_files([folder]) if folder.is_dir() else []) for source, folder in sources
    ]
    for _, folder in sources[1:]:
        if folder.exists():
            check_private(folder)
    for _, files in listed[1:]:
        for file in files:
            check_private(file)
    hidden_files = [folder / HIDDEN_FILE for _, folder in sources[1:]]
    glossaries = glossary_files(folder for _, folder in sources if folder.is_dir())
    entries, skipped, glossary = cached(
        "catalog-3",
        _fingerprint([*listed, ("glossaries", glossaries)], hidden_files),
        lambda: _parse_catalog(listed, hidden_files, glossaries),
        _catalog_from,
    )
    return Catalog(entries, skipped, tuple(side_files(folder for _, folder in sources)), glossary)


def _catalog_from(
    value: object,
) -> tuple[tuple[Entry, ...], tuple[Problem, ...], Glossary]:
    """The cached catalog, every field checked: ``TypeError`` on the least doubt."""
    if not isinstance(value, dict):
        raise TypeError("catalog")
    cached_entries, skipped = value["entries"], value["skipped"]
    if not isinstance(cached_entries, list) or not isinstance(skipped, list):
        raise TypeError("catalog")
    entries = []
    for entry in cached_entries:
        source, replaces = entry["source"], entry["replaces"]
        if not isinstance(source, str) or not (replaces is None or isinstance(replaces, str)):
            raise TypeError("source")
        entries.append(Entry(checklist_from(entry["checklist"]), source, replaces))
    problems = []
    for path, line, column, message in skipped:
        if not (isinstance(path, str) and isinstance(message, str)):
            raise TypeError("skipped")
        if not (isinstance(line, int) and isinstance(column, int)):
            raise TypeError("skipped")
        problems.append(Problem(path, line, column, message))
    return tuple(entries), tuple(problems), glossary_from(value["glossary"])


def set_hidden(folder: Path, checklist_id: str, *, hidden: bool) -> bool:
    """Add an id to ``folder``'s ``hidden.txt``, or take it out; ``False`` when it was not
    there to take out (nothing is written then)."""
    from infuseprep.files import make_private_folder, write_atomically

    listed = hidden_ids(folder / HIDDEN_FILE)
    if not hidden and checklist_id not in listed:
        return False
    if hidden:
        listed.add(checklist_id)
    else:
        listed.discard(checklist_id)
    make_private_folder(folder)
    text = "".join(f"{listed_id}\n" for listed_id in sorted(listed))
    write_atomically(folder / HIDDEN_FILE, text.encode())
    return True


def hidden_ids(path: Path) -> set[str]:
    """The checklist ids a ``hidden.txt`` lists, one a line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return set()
    return {line.strip() for line in text.splitlines() if line.strip()}


def _parse_catalog(
    listed: Sequence[tuple[str, Sequence[Path]]],
    hidden_files: Sequence[Path],
    glossaries: Sequence[Path],
) -> dict[str, Any]:
    """Parse and check every file; the later of two checklists with one id replaces the other.

    A broken glossary outside the bundled folder is left out like a broken checklist.
    """
    by_id: dict[str, Entry] = {}
    glossary, skipped = check_glossaries(glossaries)
    bundled = str(bundled_dir())
    if any(problem.path.startswith(bundled) for problem in skipped):
        raise ChecklistInvalid(skipped)
    for source, files in listed:
        checklists, folder_problems = check_files(files)
        if folder_problems and source == BUNDLED:
            raise ChecklistInvalid(folder_problems)
        skipped.extend(folder_problems)
        for checklist in checklists:
            earlier = by_id.get(checklist.id)
            by_id[checklist.id] = Entry(checklist, source, earlier.source if earlier else None)
    hidden = set().union(*(hidden_ids(path) for path in hidden_files))
    ordered = sorted(
        (entry for entry in by_id.values() if entry.checklist.id not in hidden),
        key=lambda entry: (entry.checklist.order, entry.checklist.id),
    )
    return {
        "entries": [
            {
                "checklist": checklist_document(entry.checklist),
                "source": entry.source,
                "replaces": entry.replaces,
            }
            for entry in ordered
        ],
        "skipped": [list(problem) for problem in skipped],
        "glossary": glossary_document(glossary),
    }


def _fingerprint(listed: Sequence[tuple[str, Sequence[Path]]], hidden_files: Sequence[Path]) -> str:
    """A digest of what the catalog depends on: version, cache format, sources and every byte."""
    parts = [f"{__version__} {DOCUMENT_FORMAT}".encode(), PROFILES_FILE.read_bytes()]
    parts += [hidden.read_bytes() if hidden.is_file() else b"-" for hidden in hidden_files]
    for source, files in listed:
        parts.append(f"source {source}".encode())
        for file in files:
            try:
                content = read_regular(file, MAX_FILE_BYTES)
            except OSError as error:
                # Parsing reports the problem; a catalog with one is never cached.
                content = f"unreadable {error}".encode()
            parts += [f"file {file}".encode(), content]
    return content_key(*parts)
