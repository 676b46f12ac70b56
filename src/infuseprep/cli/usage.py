"""Typer's usage errors ("Missing argument", "No such option") in the language of the run.

Typer writes these in English, in words of its own copy of Click that no catalog reaches. The
command line runs the app with ``standalone_mode=False``, so that a usage error comes here
instead of being printed; in English it is shown exactly as Typer shows it, in another
language it is written again from the error's public attributes (``format_message()``,
``ctx``, ``exit_code``, ``param``, ``option_name``). A message we do not recognise keeps
Typer's English words, inside translated ones, rather than being guessed at.
"""

import re
import sys
from typing import Any

from infuseprep import i18n
from infuseprep.i18n import N_, _

# Click's English for the problem with a value typed, and what it says in other languages. Each
# pattern matches the English message exactly as Typer's Click writes it.
VALUE_PROBLEMS = (
    (
        re.compile(r"(?P<value>'.*') is not a valid (?:integer|int range)\."),
        N_("{value} is not a valid whole number."),
    ),
    (
        re.compile(r"(?P<value>'.*') is not a valid (?:float|float range)\."),
        N_("{value} is not a valid number."),
    ),
    (
        re.compile(r"(?P<value>\S+) is not in the range (?P<range>\S+)\."),
        N_("{value} is not in the range {range}."),
    ),
    (
        re.compile(r"(?:Path|File|Directory) (?P<value>'.*') does not exist\."),
        N_("{value} does not exist."),
    ),
    (
        re.compile(r"(?:Path|File|Directory) (?P<value>'.*') is a file\."),
        N_("{value} is a file, not a folder."),
    ),
    (
        re.compile(r"(?:Path|File|Directory) (?P<value>'.*') is a directory\."),
        N_("{value} is a folder, not a file."),
    ),
)


def show_usage_error(error: Any) -> int:
    """Write a usage error to stderr, in the language of the run; its exit code."""
    code = int(getattr(error, "exit_code", 1))
    if i18n.current() == i18n.DEFAULT:
        error.show()
        return code
    ctx = getattr(error, "ctx", None)
    message = error.format_message()
    if ctx is None:
        sys.stderr.write(_("Error: {message}").format(message=_said(error, message)) + "\n")
        return code
    if message == ctx.get_help():  # no arguments given: the help is the answer
        sys.stderr.write(message + "\n")
        return code
    command = f"{ctx.command_path} {ctx.help_option_names[0]}"
    sys.stderr.write(
        ctx.get_usage()
        + "\n"
        + _("Try '{command}' for help.").format(command=command)
        + "\n\n"
        + _("Error: {message}").format(message=_said(error, message))
        + "\n"
    )
    return code


def _said(error: Any, english: str) -> str:
    """The error's message in the language of the run, when it is one we know."""
    option = getattr(error, "option_name", None)
    if option is not None and hasattr(error, "possibilities"):
        said = _("No such option: {option}").format(option=option)
        if error.possibilities:
            options = ", ".join(sorted(error.possibilities))
            said += " " + _("(Possible options: {options})").format(options=options)
        return said if english.startswith(f"No such option: {option}") else english
    if option is not None:
        if english == f"Option {option!r} requires an argument.":
            return _("Option {option} requires a value.").format(option=repr(option))
        if english == f"Option {option!r} does not take a value.":
            return _("Option {option} does not take a value.").format(option=repr(option))
        return english
    param = getattr(error, "param", None)
    english, _dot, suggested = english.partition(". Did you mean ")
    if suggested:  # Typer's guess at a mistyped command: "chek" may be "check"
        said = _said(error, english + ".")
        from infuseprep.words import either

        names = suggested.removesuffix("?").split(", ")
        guess = _("Did you mean {commands}?").format(commands=either(names))
        return f"{said} {guess}"
    if param is None:
        start, end = "Got unexpected extra argument(s) (", ")"
        if english.startswith(start) and english.endswith(end):
            extra = english.removeprefix(start).removesuffix(end)
            return _("Too many arguments: {extra}").format(extra=extra)
        return english
    name = param.get_error_hint(error.ctx)
    if hasattr(error, "param_type"):
        kind = error.param_type or param.param_type_name
        if english == f"Missing {kind} {name}.":
            if kind == "argument":
                return _("Missing argument {name}.").format(name=name)
            if kind == "option":
                return _("Missing option {name}.").format(name=name)
        return english
    problem = str(error.message)
    if english != f"Invalid value for {name}: {problem}":
        return english
    for pattern, said in VALUE_PROBLEMS:
        found = pattern.fullmatch(problem)
        if found:
            problem = _(said).format(**found.groupdict())
            break
    return _("Invalid value for {name}: {problem}").format(name=name, problem=problem)
