"""The one error family. Each error carries its exit code; ``cli`` catches the base class once."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath
from typing import NamedTuple

from infuseprep.i18n import _, ngettext

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class InfuseprepError(Exception):
    """An expected failure with a message written for the person at the keyboard."""

    exit_code = EXIT_FAILURE


class Problem(NamedTuple):
    """One thing wrong in a file, at a 1-based line and column, as editors and linters report it."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class ChecklistInvalid(InfuseprepError):
    """One or more checklist files cannot be used; nothing runs on a guess."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        lines = [str(problem) for problem in self.problems]
        import shlex

        folders = sorted({str(PurePath(problem.path).parent) for problem in self.problems})
        lines.append(
            ngettext(
                "Found {count} problem in the checklists. Fix them, then check again with: "
                "infuseprep validate {folders}",
                "Found {count} problems in the checklists. Fix them, then check again with: "
                "infuseprep validate {folders}",
                count,
            ).format(count=count, folders=" ".join(shlex.quote(folder) for folder in folders))
        )
        super().__init__("\n".join(lines))


class UnknownChecklist(InfuseprepError):
    """A checklist id was asked for that no loaded file has."""

    def __init__(self, wanted: str, known: Sequence[str], suggestions: Sequence[str]) -> None:
        from infuseprep.words import either

        sentences = [_('There is no checklist with the id "{wanted}".').format(wanted=wanted)]
        if suggestions:
            sentences.append(
                _("Did you mean {choices}?").format(choices=either(f'"{s}"' for s in suggestions))
            )
        elif known:
            sentences.append(_("Known ids: {ids}.").format(ids=", ".join(known)))
        sentences.append(_('Run "infuseprep list" to see them all.'))
        super().__init__(" ".join(sentences))


class UsageProblem(InfuseprepError):
    """The command line asked for something that cannot be done as written."""

    exit_code = EXIT_USAGE


class TooSoon(UsageProblem):
    """A next dose closer to the last one than the medication's label allows."""


class ProgressUnreadable(InfuseprepError):
    """The progress file exists but cannot be trusted; it is left exactly as it is."""

    def __init__(self, name: str, problem: str, *, reset_hint: bool = True) -> None:
        """``problem`` is the rest of a sentence whose subject is the file, already translated:
        ``_("is not text")`` makes "progress.json is not text."."""
        # TRANSLATORS: {name} is a file name; {problem} the rest of the sentence about it, as
        # translated elsewhere ("is not valid JSON (line 3)").
        message = _("{name} {problem}. Your answers in it are untouched.").format(
            name=name, problem=problem
        )
        if reset_hint:
            from infuseprep.words import hint

            message += " " + _("To start over, run: {command} (a backup will be kept).").format(
                command=hint("reset")
            )
        super().__init__(message)


class UnknownItem(UsageProblem):
    """A step id was given that matches no step, or more than one: a usage error, exit 2."""


class ProgressBusy(InfuseprepError):
    """Another infuseprep held the progress file for too long."""


def describe_os_error(error: OSError) -> str:
    """One line for a failed file operation: which path, what went wrong, what to do."""
    import errno

    # TRANSLATORS: stands for a path in the messages below when the system did not name one.
    path = error.filename if error.filename is not None else _("a file")
    if isinstance(error, PermissionError):
        return _(
            "infuseprep is not allowed to use {path} (permission denied). Check who owns it "
            "and its permissions, or choose another place."
        ).format(path=path)
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return _(
            "The disk is full, so {path} could not be saved. Free some space and try again."
        ).format(path=path)
    if error.errno == errno.EROFS:
        return _("{path} is on a read-only disk. Choose a place you can write to.").format(
            path=path
        )
    if isinstance(error, FileNotFoundError):
        return _("{path} does not exist. Check the name, or create the folder first.").format(
            path=path
        )
    reason = error.strerror or _("it could not be used")
    return _("{path} could not be used ({reason}). Check the path and try again.").format(
        path=path, reason=reason
    )
