"""Where checklists come from: bundled with infuseprep, the user's folder, and ``--checklists``."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from infuseprep import __version__, i18n
from infuseprep.cache import cached, content_key
from infuseprep.catalog_files import (
    HIDDEN_FILE,
    checklist_files,
    glossary_files,
    hidden_ids,
    is_translation,
    side_files,
    translation_files,
)
from infuseprep.checklist import (
    DOCUMENT_FORMAT,
    TRANSLATION_FOLDERS,
    Checklist,
    Item,
    Translation,
    checklist_document,
    checklist_from,
    translated,
)
from infuseprep.errors import (
    ChecklistInvalid,
    Problem,
    UnknownChecklist,
    UnknownItem,
    UsageProblem,
)
from infuseprep.files import MAX_FILE_BYTES, check_private, read_regular
from infuseprep.glossary import Glossary, glossary_document, glossary_from
from infuseprep.i18n import N_, _
from infuseprep.medications import PROFILES_FILE
from infuseprep.paths import user_checklists_dir
from infuseprep.words import either

# Where a checklist comes from, shown in "list" (translated there with ``_``); a folder given
# with --checklists is named by its path.
BUNDLED = N_("bundled")
USER = N_("installed for everyone")
OWN = N_("installed for this person")
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


class Catalog(NamedTuple):
    """Every usable checklist in walk order, each once, the last source to name an id winning.

    The glossary holds the bundled terms, then each folder's own, a later term replacing one of
    the same name. In another language than English, each checklist has the words of its
    translation (``es/`` beside its file) and the glossary is that language's; ``untranslated``
    names the checklists shown in English because they have no translation.
    """

    entries: tuple[Entry, ...]
    skipped: tuple[Problem, ...] = ()
    side_files: tuple[Path, ...] = ()
    glossary: Glossary = EMPTY_GLOSSARY
    language: str = i18n.DEFAULT
    untranslated: tuple[str, ...] = ()

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
            names = either(f'"{checklist.id}/{item.id}"' for checklist, item in matches)
            raise UnknownItem(
                _('More than one checklist has a step "{ref}". Say which: {names}.').format(
                    ref=ref, names=names
                )
            )
        # The steps whose id the typed word begins (typed in part), else the ids close to it.
        close = [
            name
            for name in full
            if ref and (name.startswith(ref) or name.split("/", 1)[1].startswith(ref))
        ]
        if not close:
            close = difflib.get_close_matches(ref, list(full), n=3, cutoff=0.8)
            short_names = {name.split("/", 1)[1]: name for name in full}
            close += [
                short_names[name]
                for name in difflib.get_close_matches(ref, list(short_names), n=3, cutoff=0.6)
                if short_names[name] not in close
            ]
        if close:
            message = _(
                'There is no step "{ref}". Did you mean {names}? Run "infuseprep show ID" to see '
                "the steps of a checklist."
            ).format(ref=ref, names=either(f'"{name}"' for name in close[:3]))
        else:
            message = _(
                'There is no step "{ref}". Run "infuseprep show ID" to see the steps of a '
                "checklist."
            ).format(ref=ref)
        raise UnknownItem(message)

    def select(self, checklist_ids: Sequence[str]) -> tuple[Checklist, ...]:
        """The named checklists in walk order; all of them when none are named."""
        if not checklist_ids:
            return self.checklists
        wanted = {self.get(checklist_id).id for checklist_id in checklist_ids}
        return tuple(checklist for checklist in self.checklists if checklist.id in wanted)


def untranslated_message(checklist_ids: Sequence[str]) -> str | None:
    """The one line that says which checklists are shown in English; ``None`` when none are."""
    if not checklist_ids:
        return None
    return i18n.ngettext(
        "One list is not in Spanish yet and is shown in English: {ids}.",
        "Some lists are not in Spanish yet and are shown in English: {ids}.",
        len(checklist_ids),
    ).format(ids=", ".join(checklist_ids))


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
        if is_translation(file):
            continue
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
                    _('the checklist id "{id}" is also used by {place}').format(
                        id=checklist.id, place=f"{earlier.path}:{earlier.id_line}"
                    ),
                )
            )
            continue
        first[checklist.id] = checklist
        checklists.append(checklist)
    translations = [file for file in files if is_translation(file)]
    problems += check_translations(translations, checklists)[1]
    return checklists, problems


def check_translations(
    files: Sequence[Path], checklists: Sequence[Checklist] = ()
) -> tuple[list[Translation], list[Problem]]:
    """Load translation files, each checked against the English checklists of the folder above
    its language folder: those among ``checklists``, else read from that folder.

    A translation of an English file that is itself broken is not checked: that file's own
    problems say what to fix first.
    """
    from infuseprep.translation_file import load_translation_file
    from infuseprep.validation import load_checklist_file

    english: dict[Path, dict[str, Checklist]] = {}
    for checklist in checklists:
        english.setdefault(checklist.path.parent.absolute(), {})[checklist.id] = checklist
    translations: list[Translation] = []
    problems: list[Problem] = []
    first: dict[tuple[Path, str], Translation] = {}
    for file in files:
        folder = file.parent.parent
        known = english.get(folder.absolute())
        if known is None:
            loaded = (
                load_checklist_file(path)[0]
                for path in checklist_files([folder], translations=False)
            )
            known = {checklist.id: checklist for checklist in loaded if checklist is not None}
            english[folder.absolute()] = known
        twin = folder / file.name
        if twin.is_file() and all(checklist.path.name != file.name for checklist in known.values()):
            continue
        translation, file_problems = load_translation_file(file, known)
        problems.extend(file_problems)
        if translation is None:
            continue
        key = (file.parent.absolute(), translation.id)
        earlier = first.get(key)
        if earlier is not None:
            problems.append(
                Problem(
                    str(file),
                    1,
                    1,
                    _('the checklist "{id}" is also translated by {path}').format(
                        id=translation.id, path=earlier.path
                    ),
                )
            )
            continue
        first[key] = translation
        translations.append(translation)
    return translations, problems


def load_catalog(
    extra_dirs: Sequence[Path] = (), own_dir: Path | None = None, language: str | None = None
) -> Catalog:
    """Bundled, then the folder for everyone, the person's own, then each ``--checklists``.

    Checklists that parsed cleanly are cached, keyed by the language and the exact bytes of
    every file, so most commands neither import YAML nor parse anything. A broken file outside
    the bundled folder never locks a person out: it is left out, and the catalog says why
    (``skipped``), while ``validate`` and ``checklists add`` still refuse it. A checklist id
    listed in a folder's ``hidden.txt`` is left out too.

    In ``language`` (the run's, by default) other than English, each checklist takes the words
    of its translation in the language folder beside its file (``es/``); one without is shown
    in English and named in ``untranslated``. A broken translation is skipped like a broken
    checklist, its checklist shown in English.
    """
    language = language or i18n.current()
    for folder in extra_dirs:
        if not folder.is_dir():
            raise UsageProblem(
                _('The checklist folder "{folder}" does not exist.').format(folder=folder)
            )
    everyone = user_checklists_dir()
    sources: list[tuple[str, Path]] = [(BUNDLED, bundled_dir()), (USER, everyone)]
    if own_dir is not None:
        sources.append((OWN, own_dir))
    sources.extend((str(folder), folder) for folder in extra_dirs)
    listed = [
        (source, checklist_files([folder], translations=False) if folder.is_dir() else [])
        for source, folder in sources
    ]
    translations = [translation_files(folder, language) for _source, folder in sources]
    for _source, folder in sources[1:]:
        if folder.exists():
            check_private(folder)
    for files in [*(files for _source, files in listed[1:]), *translations[1:]]:
        for file in files:
            check_private(file)
    hidden_files = [folder / HIDDEN_FILE for _source, folder in sources[1:]]
    folders = [folder for _source, folder in sources if folder.is_dir()]
    if language == i18n.DEFAULT:
        glossaries = glossary_files(folders, translations=False)
    else:
        glossaries = glossary_files([folder / language for folder in folders], translations=False)
    fingerprinted = [
        *listed,
        *(
            (f"{source} {language}", files)
            for (source, _files), files in zip(listed, translations, strict=True)
        ),
        ("glossaries", glossaries),
    ]
    name = "catalog-3" if language == i18n.DEFAULT else f"catalog-3-{language}"
    entries, skipped, glossary, untranslated = cached(
        name,
        _fingerprint(fingerprinted, hidden_files, language),
        lambda: _parse_catalog(listed, hidden_files, glossaries, language, translations),
        _catalog_from,
    )
    translation_folders = [
        folder / language for folder in folders if language in TRANSLATION_FOLDERS
    ]
    return Catalog(
        entries,
        skipped,
        tuple(side_files([*(folder for _source, folder in sources), *translation_folders])),
        glossary,
        language,
        untranslated,
    )


def _catalog_from(
    value: object,
) -> tuple[tuple[Entry, ...], tuple[Problem, ...], Glossary, tuple[str, ...]]:
    """The cached catalog, every field checked: ``TypeError`` on the least doubt."""
    if not isinstance(value, dict):
        raise TypeError("catalog")
    cached_entries, skipped, untranslated = (
        value["entries"],
        value["skipped"],
        value["untranslated"],
    )
    if not all(isinstance(field, list) for field in (cached_entries, skipped, untranslated)):
        raise TypeError("catalog")
    if not all(isinstance(checklist_id, str) for checklist_id in untranslated):
        raise TypeError("untranslated")
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
    return (
        tuple(entries),
        tuple(problems),
        glossary_from(value["glossary"]),
        tuple(untranslated),
    )


def _parse_catalog(
    listed: Sequence[tuple[str, Sequence[Path]]],
    hidden_files: Sequence[Path],
    glossaries: Sequence[Path],
    language: str = i18n.DEFAULT,
    translations: Sequence[Sequence[Path]] = (),
) -> dict[str, Any]:
    """Parse and check every file; the later of two checklists with one id replaces the other.

    A checklist takes the words of a translation from its own folder only, so a folder that
    replaces a checklist never gets another folder's words for it. A broken glossary or
    translation outside the bundled folder is left out like a broken checklist.
    """
    by_id: dict[str, Entry] = {}
    in_language: dict[str, bool] = {}
    glossary, skipped = check_glossaries(glossaries)
    bundled = str(bundled_dir())
    if any(problem.path.startswith(bundled) for problem in skipped):
        raise ChecklistInvalid(skipped)
    for index, (source, files) in enumerate(listed):
        checklists, folder_problems = check_files(files)
        words: dict[str, Translation] = {}
        if language != i18n.DEFAULT and index < len(translations):
            found, translation_problems = check_translations(translations[index], checklists)
            folder_problems += translation_problems
            words = {translation.id: translation for translation in found}
        if folder_problems and source == BUNDLED:
            raise ChecklistInvalid(folder_problems)
        skipped.extend(folder_problems)
        for checklist in checklists:
            earlier = by_id.get(checklist.id)
            translation = words.get(checklist.id)
            shown = checklist if translation is None else translated(checklist, translation)
            by_id[checklist.id] = Entry(shown, source, earlier.source if earlier else None)
            in_language[checklist.id] = translation is not None
    hidden = set().union(*(hidden_ids(path) for path in hidden_files))
    ordered = sorted(
        (entry for entry in by_id.values() if entry.checklist.id not in hidden),
        key=lambda entry: (entry.checklist.order, entry.checklist.id),
    )
    untranslated = (
        [entry.checklist.id for entry in ordered if not in_language[entry.checklist.id]]
        if language != i18n.DEFAULT
        else []
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
        "untranslated": untranslated,
    }


def _fingerprint(
    listed: Sequence[tuple[str, Sequence[Path]]],
    hidden_files: Sequence[Path],
    language: str = i18n.DEFAULT,
) -> str:
    """A digest of what the catalog depends on: version, cache format, language, sources and
    every byte."""
    parts = [f"{__version__} {DOCUMENT_FORMAT} {language}".encode(), PROFILES_FILE.read_bytes()]
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
