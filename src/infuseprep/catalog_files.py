"""Which files in a checklist folder are checklists, translations and glossaries, which are
left aside (hidden and editor files), and the folder's list of hidden checklists."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from infuseprep.checklist import TRANSLATION_FOLDERS
from infuseprep.glossary import GLOSSARY_FILE_NAMES

CHECKLIST_SUFFIXES = (".yaml", ".yml")
HIDDEN_FILE = "hidden.txt"


def is_side_file(path: Path) -> bool:
    """A hidden file, or one an editor or a Mac leaves beside the real one (``.#x.yaml``,
    ``._x.yaml``, ``x.yaml~``, ``.x.yaml.swp``): never a checklist."""
    return path.name.startswith(".") or path.name.endswith(("~", "#"))


def checklist_files(paths: Iterable[Path], *, translations: bool = False) -> list[Path]:
    """Files as given, and the ``*.yaml``/``*.yml`` files directly inside each folder given,
    with ``translations`` also those in its language folders (``es/``), as ``validate`` checks.

    A glossary file is not a checklist, whether given or found in a folder.
    """
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            folders = [path]
            if translations:
                folders += [path / code for code in TRANSLATION_FOLDERS if (path / code).is_dir()]
            for folder in folders:
                files.extend(
                    sorted(
                        (
                            child
                            for child in folder.iterdir()
                            if child.suffix in CHECKLIST_SUFFIXES and not is_side_file(child)
                        ),
                        key=lambda child: child.name,  # one folder: Path's order, but quicker
                    )
                )
        else:
            files.append(path)
    return [file for file in files if file.name not in GLOSSARY_FILE_NAMES]


def translation_files(folder: Path, language: str) -> list[Path]:
    """The translations into ``language`` of the checklists in ``folder``: ``folder/es/*.yaml``."""
    if language not in TRANSLATION_FOLDERS or not (folder / language).is_dir():
        return []
    return checklist_files([folder / language], translations=False)


def is_translation(file: Path) -> bool:
    """A file in a language folder (``es/``) translates a checklist of the folder above it."""
    return file.parent.name in TRANSLATION_FOLDERS


def glossary_files(paths: Iterable[Path], *, translations: bool = True) -> list[Path]:
    """The glossary files among ``paths`` and directly inside each folder given, then (unless
    ``translations`` is false) inside its language folders (``es/glossary.yaml``)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            folders = [path]
            if translations:
                folders += [path / code for code in TRANSLATION_FOLDERS]
            candidates = [folder / name for folder in folders for name in GLOSSARY_FILE_NAMES]
        else:
            candidates = [path]
        found.extend(file for file in candidates if file.name in GLOSSARY_FILE_NAMES)
    return [file for file in found if file.is_file()]


def side_files(folders: Iterable[Path]) -> list[Path]:
    """The hidden and editor files in ``folders`` that ``checklist_files`` passes over."""
    return [
        child
        for folder in folders
        if folder.is_dir()
        for child in sorted(folder.iterdir())
        if is_side_file(child)
    ]


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
