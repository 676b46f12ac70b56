"""The commands run many times a day (status, today, check, uncheck, skip), without Typer.

Loading Typer and building the command line costs more than everything these commands do, so
``main`` first offers the command line to ``run_daily``: when it is one of their plain forms,
it runs here at once; anything else (help, a mistake, an option these forms do not have) goes
to Typer, which reads it, explains it, and calls the same functions through ``cli.steps``.
tests/test_daily.py holds both ways to the same output.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from infuseprep.cli.argv import global_options
from infuseprep.cli.context import (
    center_card,
    load_checklists,
    open_store,
    outcome,
    person_name,
    read_note,
    report,
    start_run,
)
from infuseprep.errors import InfuseprepError
from infuseprep.i18n import _

if TYPE_CHECKING:
    from infuseprep.progress import Progress

# The answer each command saves.
ANSWERS = {"check": "done", "uncheck": "open", "skip": "skipped"}
DAILY = ("status", "today", *ANSWERS)


def show_status(as_json: bool, folders: list[Path] | None) -> None:
    from infuseprep import clock
    from infuseprep.summary import summarize

    store = open_store()
    summary = summarize(
        load_checklists(folders).checklists, store.read(), center_card(), person_name()
    )
    if as_json:
        import json

        from infuseprep.summary import status_document
        from infuseprep.untrusted import escape_json

        document = status_document(summary, store.path, clock.today())
        sys.stdout.write(escape_json(json.dumps(document, indent=2, ensure_ascii=False)) + "\n")
        return
    from infuseprep.render.plain import PlainWriter
    from infuseprep.render.status import print_status

    print_status(PlainWriter(), summary, store.path, clock.today())


def show_today(folders: list[Path] | None) -> None:
    from infuseprep import clock
    from infuseprep.render.plain import PlainWriter
    from infuseprep.render.status import print_today
    from infuseprep.summary import summarize

    summary = summarize(
        load_checklists(folders).checklists, open_store().read(), center_card(), person_name()
    )
    print_today(PlainWriter(), summary, clock.today())


def answer_step(ref: str, state: str, note: str | None, folders: list[Path] | None) -> None:
    """Save one answer from the command line and say what was saved."""
    from infuseprep import clock
    from infuseprep.progress import saveable
    from infuseprep.untrusted import clean
    from infuseprep.words import state_word

    checklist, item = load_checklists(folders).find_step(ref)
    if note == "-":
        note = read_note()
    if note is not None:
        saveable(note, "note")

    def apply(progress: Progress) -> None:
        progress.record(checklist.id, item.id, state, clock.timestamp())
        if note is not None:
            progress.annotate(checklist.id, item.id, note)

    open_store().change(apply)
    # TRANSLATORS: {state} is the answer: done, not yet or does not apply.
    saved = _("Saved as {state}: {step} ({ref})").format(
        state=state_word(state), step=item.text, ref=f"{checklist.id}/{item.id}"
    )
    sys.stdout.write(clean(saved) + "\n")


class _NotPlain(Exception):
    """The command line is not one of the plain forms: Typer reads it."""


def run_daily(arguments: list[str]) -> int | None:
    """Run a daily command from its plain form, with the global options in front; ``None``
    when the command line is anything else, for Typer to read."""
    options = global_options(arguments)
    command, *words = options.rest or [""]
    try:
        if command not in DAILY:
            raise _NotPlain
        for value in (options.profile, options.language):
            if value is not None:
                _value(value)
        call = _parsed(command, words)
    except _NotPlain:
        return None
    try:
        start_run(options.profile, options.language, options.debug, command)
    except InfuseprepError as error:
        report(str(error))
        return error.exit_code
    # A daily command is one short burst of allocation (thousands of steps and answers at
    # scale) that ends with the process: the cycle collector would only walk the growing heap
    # again and again. Mercurial turns it off while it parses, for the same reason. Reference
    # counting still frees whatever is dropped.
    gc.disable()
    return outcome(call)


def _parsed(command: str, words: list[str]) -> Callable[[], object]:
    """The call a command line asks for; ``_NotPlain`` when it asks for anything else."""
    flags: set[str] = set()
    folders: list[Path] = []
    note: str | None = None
    steps: list[str] = []
    options = {"status": ("--json", "--checklists"), "today": ("--checklists",)}.get(
        command, ("--note", "--checklists") if command != "uncheck" else ("--checklists",)
    )
    remaining = iter(words)
    for word in remaining:
        option, equals, value = word.partition("=")
        if option not in options:
            if word.startswith("-"):
                raise _NotPlain  # -h, --, an option these forms do not have
            steps.append(word)
        elif option == "--json" and not equals:
            flags.add(option)
        elif option == "--checklists":
            folders.append(_folder(value if equals else _value(next(remaining, None))))
        elif option == "--note" and note is None:
            note = value if equals else _value(next(remaining, None), dash=True)
        else:
            raise _NotPlain
    listed = folders or None
    if command == "status" and not steps:
        return lambda: show_status("--json" in flags, listed)
    if command == "today" and not steps:
        return lambda: show_today(listed)
    if command in ANSWERS and len(steps) == 1:
        return lambda: answer_step(steps[0], ANSWERS[command], note, listed)
    raise _NotPlain


def _value(word: str | None, dash: bool = False) -> str:
    """An option's value; a missing one, or one that looks like an option, is Typer's to explain."""
    if word is None or (word.startswith("-") and not (dash and word == "-")):
        raise _NotPlain
    return word


def _folder(typed: str) -> Path:
    """A --checklists folder; one that is a file is Typer's to refuse, in its words."""
    folder = Path(typed)
    if folder.exists() and not folder.is_dir():
        raise _NotPlain
    return folder
