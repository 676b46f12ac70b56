"""Help shown again from a copy in the cache, without loading Typer.

``infuseprep --help`` and ``infuseprep COMMAND --help`` are built by Typer from every command's
options, which costs more than the rest of the run. The words do not change between runs of
the same installed code, language and terminal width, so ``cli._run`` keeps what Typer
printed, and ``show_saved_help`` prints it the next time. The copy is keyed by the version,
the size and time of every file of the command line, the message catalog and Typer itself,
the language and the width: an upgrade or an edit builds it again. tests/test_saved_help.py
holds the copy to Typer's output.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from infuseprep.cli.argv import COMPLETING, global_options

HELP_OPTIONS = ("--help", "-h")
# What a command's name looks like; the names become part of a cache file's name.
_COMMAND_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")


def help_screen(arguments: list[str]) -> tuple[str, ...] | None:
    """The commands whose help the command line asks for (``()`` for the main help), or
    ``None`` when it asks for something else. Only a known command, or a group's command, is
    a screen of its own: ``check pack-snack --help`` is left to Typer."""
    from infuseprep.cli import COMMAND_MODULES, HELP_ORDER

    words = global_options(arguments).rest
    if not words or words[-1] not in HELP_OPTIONS:
        return None
    path = tuple(words[:-1])
    groups = set(COMMAND_MODULES) - set(HELP_ORDER)
    if len(path) > 2 or not all(_COMMAND_WORD.fullmatch(word) for word in path):
        return None
    if path and path[0] not in COMMAND_MODULES:
        return None
    if len(path) == 2 and path[0] not in groups:
        return None
    return path


def _files() -> Iterator[Path]:
    """What the help is made of: the command line's modules, the message catalog, Typer."""
    from importlib.util import find_spec

    from infuseprep import i18n

    here = Path(__file__).parent
    yield from sorted(here.glob("*.py"))
    yield from sorted(Path(i18n.__file__).parent.glob("locale/*/LC_MESSAGES/*.mo"))
    typer = find_spec("typer")
    if typer is not None and typer.origin:
        yield Path(typer.origin)


def _key(screen: tuple[str, ...]) -> tuple[str, str]:
    """The cache entry's name and key for a help screen, as it would be printed now."""
    import shutil

    from infuseprep import __version__, i18n
    from infuseprep.cache import content_key

    language = i18n.current()
    # The width Typer's help is laid out for, as its formatter finds it.
    width = min(shutil.get_terminal_size().columns, 80)
    stamps = []
    for file in _files():
        try:
            found = file.stat()
        except OSError:
            continue
        stamps.append(f"{file.name} {found.st_size} {found.st_mtime_ns}")
    name = "-".join(("help", language, *screen))
    fingerprint = "\n".join([__version__, language, str(width), *screen, *stamps])
    return name, content_key(fingerprint.encode("utf-8"))


def show_saved_help(arguments: list[str]) -> int | None:
    """Print the kept copy of the help asked for and return 0; ``None`` when there is none."""
    if COMPLETING in os.environ:
        return None
    screen = help_screen(arguments)
    if screen is None:
        return None
    from infuseprep.cache import kept

    text = kept(*_key(screen))
    if not isinstance(text, str) or not text:
        return None
    sys.stdout.write(text)
    return 0


def keep_help(screen: tuple[str, ...], text: str) -> None:
    """Keep the help Typer printed for ``screen``, for the next time."""
    if not text:
        return
    from infuseprep.cache import keep

    keep(*_key(screen), text)
