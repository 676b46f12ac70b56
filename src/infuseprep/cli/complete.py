"""Typer's autocompletion functions: step ids, checklist ids, profile names, medicines and
fixed choices.

These run on every Tab press, so they read only the caches (like ``status``), and they never
fail: a broken checklist, a damaged progress file or an unknown profile offers nothing. The
finders are ``cli.offers``', which also answers Tab after a step command without Typer. Typer
reads these functions' annotations to decide what to pass, so ``typer`` is imported for real.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import typer

from infuseprep.cli import offers
from infuseprep.cli.argv import completion_request, global_options, global_options_first
from infuseprep.cli.offers import Completion
from infuseprep.i18n import N_, _

# The choices offered and what each means; the meaning is translated when it is offered.
FORMATS = (
    ("text", N_("plain text")),
    ("markdown", "Markdown"),
    ("html", N_("a web page")),
    ("pdf", N_("a PDF to print")),
)
PAPERS = (("a4", N_("A4 paper")), ("letter", N_("US Letter paper")))
FHIR_KINDS = (("questionnaire", N_("the checklists")), ("response", N_("your answers")))


def _for_typer(offered: list[Completion]) -> list[Completion]:
    """Typer passes help through Rich markup in zsh and fish: a "[" is escaped to stay one."""
    return [(value, help.replace("[", "\\[")) for value, help in offered]


def _profile(ctx: typer.Context) -> str | None:
    """The person whose steps are offered: --profile wherever it was typed, as in every
    command (Typer reads it only before the command)."""
    request = completion_request()
    if request is not None:
        return global_options(global_options_first(request[0])).profile
    chosen = ctx.find_root().params.get("profile") or os.environ.get("INFUSEPREP_PROFILE")
    return str(chosen) if chosen else None


def _folders(ctx: typer.Context) -> list[str]:
    return [str(folder) for folder in ctx.params.get("checklists") or ()]


def open_steps(ctx: typer.Context, incomplete: str) -> list[Completion]:
    """For check and skip: the steps still open (all, when none of those match)."""
    return _for_typer(offers.steps(_profile(ctx), _folders(ctx), incomplete, want_open=True))


def answered_steps(ctx: typer.Context, incomplete: str) -> list[Completion]:
    """For uncheck: the steps answered (all, when none of those match)."""
    return _for_typer(offers.steps(_profile(ctx), _folders(ctx), incomplete, want_open=False))


def checklist_ids(ctx: typer.Context, incomplete: str) -> list[Completion]:
    return _for_typer(offers.checklist_ids(_profile(ctx), _folders(ctx), incomplete))


profile_names = offers.profile_names
languages = offers.languages


def medication_names(incomplete: str) -> list[Completion]:
    def find() -> Iterator[Completion]:
        from infuseprep.medications import medications

        wanted = incomplete.casefold()
        for profile in medications().values():
            for name in dict.fromkeys(name.casefold() for name in (profile.id, *profile.names)):
                if " " not in name and name.startswith(wanted):
                    yield name, profile.name

    return offers.quietly(find)


def choices(options: tuple[Completion, ...]) -> Callable[[str], list[Completion]]:
    def complete(incomplete: str) -> list[Completion]:
        wanted = incomplete.lower()
        return [(name, _(meaning)) for name, meaning in options if name.startswith(wanted)]

    return complete
