"""What a command runs with, without Typer: the person of the run, their checklists, progress
and center, and the one error exit.

The daily commands (``cli.daily``) run from here without loading Typer at all, so this module
and what it imports stay light; ``cli.common`` builds the Typer app on top of it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from infuseprep import i18n
from infuseprep.errors import (
    EXIT_FAILURE,
    EXIT_INTERRUPTED,
    EXIT_OK,
    InfuseprepError,
    UsageProblem,
    describe_os_error,
)
from infuseprep.i18n import _

if TYPE_CHECKING:
    from infuseprep.catalog import Catalog
    from infuseprep.center import Center
    from infuseprep.person import Person
    from infuseprep.store import ProgressStore

# --debug: errors as full reports rather than a line of words. Set once per run, by
# ``start_run``, before any command runs.
_settings = {"debug": False}
# Commands that may name a profile that does not exist yet: they make it.
MAKES_PROFILES = ("start", "profile")


def start_run(profile: str | None, language: str | None, debug: bool, command: str | None) -> None:
    """Say who the run is for (--profile, or INFUSEPREP_PROFILE) and in which language; a
    profile that was never made is refused, except by the commands that make one."""
    from infuseprep import person
    from infuseprep.paths import home

    _settings["debug"] = debug
    chosen = person.find_person(home(), profile, language)
    if not chosen.exists and command not in MAKES_PROFILES:
        raise person.unknown_profile(chosen)
    person.use(chosen)


def debugging() -> bool:
    return _settings["debug"]


def report(message: str) -> None:
    """An error in words on stderr: messages can quote a file or a note, so they are cleaned."""
    from infuseprep.untrusted import clean

    sys.stderr.write(clean(message.rstrip("\n")) + "\n")


def outcome(call: Callable[[], object], passes: tuple[type[BaseException], ...] = ()) -> int:
    """Run a command; its errors become a message and an exit code, never a traceback (but
    with --debug). Exceptions in ``passes`` go through untouched."""
    _interruptible()
    try:
        call()
    except passes:
        raise
    except InfuseprepError as error:
        if debugging():
            raise
        report(str(error))
        return error.exit_code
    except KeyboardInterrupt:
        if debugging():
            raise
        report(_("Stopped."))
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        quiet_stdout()
    except OSError as error:
        if debugging():
            raise
        report(describe_os_error(error))
        return EXIT_FAILURE
    except Exception as error:
        if debugging():
            raise
        report(
            _(
                "infuseprep hit an unexpected problem ({problem}). Your files are "
                "untouched. Run the same command with --debug for details, and please "
                "report it."
            ).format(problem=type(error).__name__)
        )
        return EXIT_FAILURE
    return EXIT_OK


def _interruptible() -> None:
    """From here on Ctrl-C is KeyboardInterrupt, which the command answers in words."""
    import contextlib
    import signal

    with contextlib.suppress(ValueError):  # not the main thread, as in some test runners
        signal.signal(signal.SIGINT, signal.default_int_handler)


def quiet_stdout() -> None:
    """The reader went away (as with "| head"): send what is left nowhere, without a warning."""
    import contextlib

    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


MAX_NOTE_CHARACTERS = 2000


def read_note() -> str:
    """A note typed or piped on stdin, for ``--note -``; what cannot be read is refused."""
    if sys.stdin is None:  # started with stdin closed ("<&-")
        raise UsageProblem(
            _('There is no input to read the note from. Type it after --note "...".')
        )
    if sys.stdin.isatty():
        sys.stderr.write(_("Type the note, then press Enter and Ctrl-D.") + "\n")
    data = sys.stdin.buffer.read(MAX_NOTE_CHARACTERS * 4 + 1)
    try:
        note = data.decode("utf-8").strip()
    except UnicodeDecodeError:
        raise UsageProblem(_("The note is not valid text (UTF-8). Nothing was saved.")) from None
    if len(note) > MAX_NOTE_CHARACTERS:
        raise UsageProblem(
            _("The note is longer than {limit} characters. Nothing was saved.").format(
                limit=MAX_NOTE_CHARACTERS
            )
        )
    if not note:
        raise UsageProblem(_("The note is empty. Nothing was saved."))
    return note


def this_person() -> Person:
    """Who this run is for, as the callback found it from --profile or INFUSEPREP_PROFILE."""
    from infuseprep.person import current

    chosen = current()
    assert chosen is not None, "the callback sets the person before any command runs"
    return chosen


def load_checklists(folders: list[Path] | None = None) -> Catalog:
    """This person's checklists; a broken file of theirs is left out with one warning line, and
    one line says which are shown in English for want of a translation."""
    from infuseprep.catalog import load_catalog, untranslated_message

    catalog = load_catalog(folders or (), this_person().own_checklists)
    note_skipped(catalog.side_files)
    first_of_each_file = {problem.path: problem for problem in reversed(catalog.skipped)}
    for problem in sorted(first_of_each_file.values()):
        # TRANSLATORS: {problem} is "file:line:column: what is wrong" in the file's words.
        sys.stderr.write(
            _("{problem}; skipped, run infuseprep validate").format(problem=problem) + "\n"
        )
    fallback = untranslated_message(catalog.untranslated)
    if fallback:
        sys.stderr.write(fallback + "\n")
    return catalog


def person_name() -> str | None:
    """The name the person gave, for "Rosa's infusion"; ``None`` when they gave none."""
    return this_person().settings().name


def center_card() -> Center | None:
    """The person's infusion center: their own card, or one a clinic installed."""
    from infuseprep.center import center_for
    from infuseprep.paths import user_checklists_dir

    person = this_person()
    folders = [folder for folder in (person.own_checklists, user_checklists_dir()) if folder]
    return center_for(person.settings().center, folders)


def note_skipped(paths: Sequence[Path]) -> None:
    if debugging():
        for path in paths:
            sys.stderr.write(
                _("Skipped {path}: a hidden or editor file, not a checklist.").format(path=path)
                + "\n"
            )


def open_store() -> ProgressStore:
    """The progress file of the person this run is for."""
    from infuseprep.store import ProgressStore

    return ProgressStore(this_person().progress_file)


def say(*paragraphs: str) -> None:
    """Plain paragraphs on stdout, wrapped to the terminal."""
    from infuseprep.render.plain import PlainWriter

    out = PlainWriter()
    for paragraph in paragraphs:
        out.line(paragraph)


# The answers that mean yes, after "[y/N]"; in Spanish "s" and "sí", and the English too.
YES_WORDS = {"en": ("y", "yes"), "es": ("s", "sí", "si", "y", "yes")}


def confirm(question: str) -> bool:
    """Ask yes or no; anything but yes, and the end of input, mean no."""
    # TRANSLATORS: the letters of the answers to a yes-or-no question; no (N) is the default.
    letters = _("[y/N]")
    sys.stdout.write(f"{question} {letters} ")
    sys.stdout.flush()
    answer = sys.stdin.readline()
    return answer.strip().lower() in YES_WORDS.get(i18n.current(), YES_WORDS["en"])
