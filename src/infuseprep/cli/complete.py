"""Tab completion for step ids, checklist ids, profile names, medicines and fixed choices.

These run on every Tab press, so they read only the caches (like ``status``), and they never
fail: a broken checklist, a damaged progress file or an unknown profile offers nothing. Typer
reads these functions' annotations to decide what to pass, so ``typer`` is imported for real.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import typer

from infuseprep.i18n import N_, _

if TYPE_CHECKING:
    from infuseprep.catalog import Catalog
    from infuseprep.progress import Progress

Completion = tuple[str, str]

# The choices offered and what each means; the meaning is translated when it is offered.
FORMATS = (
    ("text", N_("plain text")),
    ("markdown", "Markdown"),
    ("html", N_("a web page")),
    ("pdf", N_("a PDF to print")),
)
PAPERS = (("a4", N_("A4 paper")), ("letter", N_("US Letter paper")))
FHIR_KINDS = (("questionnaire", N_("the checklists")), ("response", N_("your answers")))


def _quietly(find: Callable[[], Iterator[Completion]]) -> list[Completion]:
    """Whatever goes wrong while completing, the shell gets no traceback, only nothing."""
    try:
        return list(find())
    except Exception:
        return []


def _profile(ctx: typer.Context) -> str | None:
    root = ctx.find_root()
    chosen = root.params.get("profile") or os.environ.get("INFUSEPREP_PROFILE")
    return str(chosen) if chosen else None


def _catalog(ctx: typer.Context) -> Catalog:
    from pathlib import Path

    from infuseprep.catalog import load_catalog
    from infuseprep.paths import home
    from infuseprep.person import find_person

    folders = ctx.params.get("checklists") or ()
    person = find_person(home(), _profile(ctx))
    catalog = load_catalog(tuple(Path(folder) for folder in folders), person.own_checklists)
    if catalog.skipped:
        raise LookupError("a checklist file is broken")
    return catalog


def _progress(ctx: typer.Context) -> Progress:
    from infuseprep.paths import home
    from infuseprep.person import find_person
    from infuseprep.store import ProgressStore

    person = find_person(home(), _profile(ctx))
    if not person.exists:
        raise LookupError(person.profile)
    return ProgressStore(person.progress_file).read()


def _steps(ctx: typer.Context, incomplete: str, open_first: bool) -> Iterator[Completion]:
    from infuseprep.progress import OPEN

    catalog = _catalog(ctx)
    progress = _progress(ctx)
    steps = [
        (checklist.id, item.id, item.text, progress.state(checklist.id, item.id) == OPEN)
        for checklist in catalog.checklists
        for item in checklist.items
    ]
    steps.sort(key=lambda step: step[3] != open_first)
    item_ids = Counter(step[1] for step in steps)
    for checklist_id, item_id, text, _is_open in steps:
        ref = f"{checklist_id}/{item_id}"
        if ref.startswith(incomplete):
            yield ref, text
        elif item_ids[item_id] == 1 and item_id.startswith(incomplete):
            # The shell keeps only what starts with the typed text; a unique item id is enough.
            yield item_id, text


def open_steps(ctx: typer.Context, incomplete: str) -> list[Completion]:
    """For check and skip: steps still open first."""
    return _quietly(lambda: _steps(ctx, incomplete, open_first=True))


def answered_steps(ctx: typer.Context, incomplete: str) -> list[Completion]:
    """For uncheck: steps already answered first."""
    return _quietly(lambda: _steps(ctx, incomplete, open_first=False))


def checklist_ids(ctx: typer.Context, incomplete: str) -> list[Completion]:
    def find() -> Iterator[Completion]:
        for checklist in _catalog(ctx).checklists:
            if checklist.id.startswith(incomplete):
                yield checklist.id, checklist.title

    return _quietly(find)


def profile_names(incomplete: str) -> list[Completion]:
    def find() -> Iterator[Completion]:
        from infuseprep.paths import home
        from infuseprep.person import known_profiles

        for name in known_profiles(home()):
            if name.startswith(incomplete):
                yield name, _("a person whose progress is kept here")

    return _quietly(find)


def languages(incomplete: str) -> list[Completion]:
    from infuseprep.i18n import LANGUAGES

    return [(code, name) for code, name in LANGUAGES.items() if code.startswith(incomplete)]


def medication_names(incomplete: str) -> list[Completion]:
    def find() -> Iterator[Completion]:
        from infuseprep.medications import medications

        wanted = incomplete.casefold()
        for profile in medications().values():
            for name in dict.fromkeys(name.casefold() for name in (profile.id, *profile.names)):
                if " " not in name and name.startswith(wanted):
                    yield name, profile.name

    return _quietly(find)


def choices(options: tuple[Completion, ...]) -> Callable[[str], list[Completion]]:
    def complete(incomplete: str) -> list[Completion]:
        wanted = incomplete.lower()
        return [(name, _(meaning)) for name, meaning in options if name.startswith(wanted)]

    return complete
