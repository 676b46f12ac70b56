"""What Tab offers, without Typer: step ids and checklist ids, and the shell's question after
``check``, ``uncheck`` and ``skip`` answered at once.

The shell runs infuseprep on every Tab press, and loading Typer costs more than finding the
steps. So ``main`` first offers a completion request to ``answer_quickly``: when the words
typed are a step command (global options allowed) and a step being typed, it writes the steps
in the form Typer's completion scripts read (bash: one value a line; zsh: an ``_arguments``
list; fish: value, tab, help). Anything else, and powershell, goes to Typer, whose
autocompletion functions (``cli.complete``) use the same finders. tests/test_completion.py
holds both ways to the same output, except where Typer cannot follow: --profile and --lang
after the command, and "--profile=mum" split at "=" by bash, are read here as every command
reads them.

Completion never fails: a broken checklist, a damaged progress file or an unknown profile
offers nothing.
"""

from __future__ import annotations

import os
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from infuseprep.cli.argv import (
    COMPLETING,
    GLOBAL_OPTIONS,
    completion_request,
    global_options,
    global_options_first,
)

if TYPE_CHECKING:
    from infuseprep.catalog import Catalog
    from infuseprep.person import Person

Completion = tuple[str, str]

# The step commands, and whether they want open steps offered (uncheck wants answered ones).
STEP_COMMANDS = {"check": True, "skip": True, "uncheck": False}
# A completion menu shows a line per choice: longer help is cut at a word, with "…".
BRIEF = 60


def quietly(find: Callable[[], Iterator[Completion]]) -> list[Completion]:
    """Whatever goes wrong while completing, the shell gets no traceback, only nothing."""
    try:
        return list(find())
    except Exception:
        return []


def brief(text: str) -> str:
    """Help short enough for one line of a completion menu. Quotes are the typographic ones:
    zsh's menu drops straight quotes from a description ("doctors" for "doctor's")."""
    text = text.replace("'", "\u2019").replace('"', "\u201d")
    if len(text) <= BRIEF:
        return text
    cut = text.rfind(" ", 0, BRIEF)
    return (text[:cut] if cut > 0 else text[: BRIEF - 1]).rstrip(",;:") + "\u2026"


def _person(profile: str | None) -> Person:
    from infuseprep.paths import home
    from infuseprep.person import find_person

    return find_person(home(), profile)


def _catalog(person: Person, folders: Sequence[str]) -> Catalog:
    """The person's checklists; ``LookupError`` when one is broken (nothing is offered then)."""
    from infuseprep.catalog import load_catalog

    catalog = load_catalog(tuple(Path(folder) for folder in folders), person.own_checklists)
    if catalog.skipped:
        raise LookupError("a checklist file is broken")
    return catalog


def steps(
    profile: str | None, folders: Sequence[str], incomplete: str, want_open: bool
) -> list[Completion]:
    """Step refs (``light-meal/pack-snack``), or the item id alone where it is unique, that
    start with ``incomplete``, among the steps for the person's medicine. Only the open ones
    (or, with ``want_open`` false, the answered ones) while any of those match: shells sort
    what they are offered, so an order could not say which come first."""

    def find() -> Iterator[Completion]:
        from infuseprep.progress import OPEN
        from infuseprep.store import ProgressStore
        from infuseprep.visits import applies

        person = _person(profile)
        if not person.exists:
            raise LookupError(person.profile)
        catalog = _catalog(person, folders)
        progress = ProgressStore(person.progress_file).read()
        found = [
            (checklist.id, item.id, item.text, progress.state(checklist.id, item.id) == OPEN)
            for checklist in catalog.checklists
            for item in checklist.items
            if applies(item, progress.appointment)
        ]
        item_ids = Counter(step[1] for step in found)
        matching = []
        for checklist_id, item_id, text, is_open in found:
            ref = f"{checklist_id}/{item_id}"
            if ref.startswith(incomplete):
                matching.append((ref, brief(text), is_open == want_open))
            elif item_ids[item_id] == 1 and item_id.startswith(incomplete):
                # The shell keeps only what starts with the typed text; a unique id is enough.
                matching.append((item_id, brief(text), is_open == want_open))
        wanted = [step for step in matching if step[2]] or matching
        for value, help, _wanted in wanted:
            yield value, help

    return quietly(find)


def profile_names(incomplete: str) -> list[Completion]:
    def find() -> Iterator[Completion]:
        from infuseprep.i18n import _
        from infuseprep.paths import home
        from infuseprep.person import known_profiles

        for name in known_profiles(home()):
            if name.startswith(incomplete):
                yield name, _("a person whose progress is kept here")

    return quietly(find)


def languages(incomplete: str) -> list[Completion]:
    from infuseprep.i18n import LANGUAGES

    return [(code, name) for code, name in LANGUAGES.items() if code.startswith(incomplete)]


def checklist_ids(profile: str | None, folders: Sequence[str], incomplete: str) -> list[Completion]:
    def find() -> Iterator[Completion]:
        for checklist in _catalog(_person(profile), folders).checklists:
            if checklist.id.startswith(incomplete):
                yield checklist.id, brief(checklist.title)

    return quietly(find)


# ------------------------------------------------------------- the shell's question, answered


_ONE_SPACE = re.compile(r"\s")


def _zsh_escaped(text: str) -> str:
    for plain, escaped in (('"', '""'), ("'", "''"), ("$", "\\$"), ("`", "\\`"), (":", r"\\:")):
        text = text.replace(plain, escaped)
    return text


def _written(shell: str, offered: list[Completion]) -> tuple[str | None, int]:
    """What the shell's script reads, and the exit code."""
    if shell == "bash":
        return "\n".join(value for value, _help in offered), 0
    if shell == "zsh":
        if not offered:
            return "_files", 0
        listed = "\n".join(
            ":".join(f'"{_zsh_escaped(part)}"' for part in (value, help) if part)
            for value, help in offered
        )
        return f"_arguments '*: :(({listed}))'", 0
    lines = [
        "\t".join(part for part in (value, _ONE_SPACE.sub(" ", help)) if part)
        for value, help in offered
    ]
    action = os.environ.get("_TYPER_COMPLETE_FISH_ACTION", "")
    if action == "is-args":  # "are there arguments to offer?", answered by the exit code
        return None, 0 if lines else 1
    return ("\n".join(lines) if action == "get-args" else ""), 0


def answer_quickly() -> int | None:
    """Answer Tab after a step command, or after --profile or --lang, in bash, zsh or fish;
    ``None`` for anything else."""
    instruction, _, shell = os.environ.get(COMPLETING, "").partition("_")
    if instruction != "complete" or shell not in ("bash", "zsh", "fish"):
        return None
    request = completion_request()
    if request is None:
        return None
    words, incomplete = request
    if words and words[-1] in GLOBAL_OPTIONS:
        find = profile_names if words[-1] == "--profile" else languages
        offered = find(incomplete)
    else:
        options = global_options(global_options_first(words))
        if len(options.rest) != 1 or options.rest[0] not in STEP_COMMANDS:
            return None
        if incomplete.startswith("-") or "" in (options.profile, options.language):
            return None
        command = options.rest[0]
        offered = steps(options.profile, (), incomplete, want_open=STEP_COMMANDS[command])
    text, code = _written(shell, offered)
    if text is not None:
        sys.stdout.write(text + "\n")
    return code
