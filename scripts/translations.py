"""Keep the interface's translations in step with the code, with Babel.

    python scripts/translations.py update    # extract the messages, merge them into each .po
    python scripts/translations.py compile   # build each .mo from its .po
    python scripts/translations.py check     # what is missing, empty, fuzzy or stale (exit 1)

``update`` does what ``pybabel extract`` then ``pybabel update`` do, over infuseprep's sources
and the parts of Typer (and its Click) whose words a user sees; ``compile`` is
``pybabel compile``. The tests run ``check``. See docs/translating.md.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "src" / "infuseprep"
LOCALE_DIR = SOURCES / "locale"
DOMAIN = "infuseprep"
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
# Typer's and Click's files whose messages reach a user: usage, help headings, errors.
TYPER_FILES = (
    "_click/core.py",
    "_click/exceptions.py",
    "_click/formatting.py",
    "_click/parser.py",
    "_click/types.py",
    "core.py",
    "main.py",
    "rich_utils.py",
)
COMMENT_TAGS = ("TRANSLATORS:",)


def _typer_folder() -> Path:
    import typer

    return Path(typer.__file__).parent


def _sources() -> Iterator[tuple[Path, Path]]:
    """Each file to read messages from, and the name its messages are located by."""
    for path in sorted(SOURCES.rglob("*.py")):
        yield path, path.relative_to(ROOT)
    typer_folder = _typer_folder()
    for name in TYPER_FILES:
        yield typer_folder / name, Path("typer") / name


def template() -> Catalog:
    """Every message the code marks, as ``pybabel extract`` would collect them."""
    catalog = Catalog(project=DOMAIN, charset="utf-8", fuzzy=False)
    for path, located_as in _sources():
        for line, message, comments, context in extract_from_file(
            "python", path, comment_tags=COMMENT_TAGS, strip_comment_tags=True
        ):
            catalog.add(
                message,
                None,
                [(located_as.as_posix(), line)],
                auto_comments=comments,
                context=context,
            )
    return catalog


def translations() -> dict[str, Path]:
    """Each language's .po file."""
    return {
        po.parent.parent.name: po for po in sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    }


def _read(po: Path) -> Catalog:
    with po.open("rb") as stream:
        return read_po(stream, locale=po.parent.parent.name, domain=DOMAIN)


def _write_po(po: Path, catalog: Catalog) -> None:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, ignore_obsolete=True, include_lineno=False)
    po.write_bytes(buffer.getvalue())


def compiled(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def update() -> None:
    new = template()
    _write_po(TEMPLATE, new)
    for po in translations().values():
        catalog = _read(po)
        catalog.update(new, no_fuzzy_matching=True, update_creation_date=False)
        _write_po(po, catalog)


def compile_all() -> None:
    for po in translations().values():
        po.with_suffix(".mo").write_bytes(compiled(_read(po)))


def problems() -> list[str]:
    """Every way the translations fall short of the code, one line each."""
    found: list[str] = []
    wanted = {message.id for message in template() if message.id}
    for language, po in translations().items():
        catalog = _read(po)
        have = {message.id for message in catalog if message.id}
        for missing in sorted(wanted - have, key=str):
            found.append(f"{po.name} ({language}): not in the catalog: {missing!r}")
        for extra in sorted(have - wanted, key=str):
            found.append(f"{po.name} ({language}): no longer in the code: {extra!r}")
        for message in catalog:
            if not message.id:
                continue
            if message.fuzzy:
                found.append(f"{po.name} ({language}): fuzzy: {message.id!r}")
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if not all(strings):
                found.append(f"{po.name} ({language}): not translated: {message.id!r}")
        for error in catalog.check():
            found.append(f"{po.name} ({language}): {error[0].id!r}: {error[1]}")
        mo = po.with_suffix(".mo")
        if not mo.is_file() or mo.read_bytes() != compiled(catalog):
            found.append(f"{mo.name} ({language}): not compiled from {po.name}; run compile")
    return found


def main(arguments: list[str]) -> int:
    if arguments == ["update"]:
        update()
    elif arguments == ["compile"]:
        compile_all()
    elif arguments == ["check"]:
        found = problems()
        sys.stdout.writelines(f"{line}\n" for line in found)
        return 1 if found else 0
    else:
        sys.stderr.write(__doc__ or "")
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
