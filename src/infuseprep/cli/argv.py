"""What is read from the command line before Typer reads it: the global options, wherever they
are typed, and the language of the run, so that help texts are read in it.

This module stays light: it is imported before Typer and the commands are loaded.
"""

import os
from typing import NamedTuple

from infuseprep.errors import InfuseprepError

# Set by the shell's completion script while it asks for completions.
COMPLETING = "_INFUSEPREP_COMPLETE"
# The global options that take a value; they work before or after the command.
GLOBAL_OPTIONS = ("--profile", "--lang")
# After these commands --lang is the language to keep for the person, an option of theirs.
KEEPS_LANGUAGE = (["profile", "add"], ["profile", "set"])


def global_options_first(arguments: list[str]) -> list[str]:
    """Move --profile NAME, --lang CODE and --debug to the front, so they work after the
    command too; after "profile add" and "profile set", --lang stays theirs."""
    front: list[str] = []
    rest: list[str] = []
    command: list[str] = []
    words = iter(arguments)
    for word in words:
        if word == "--":
            rest += [word, *words]
            break
        options: tuple[str, ...] = GLOBAL_OPTIONS
        if command[:2] in KEEPS_LANGUAGE:
            options = tuple(option for option in GLOBAL_OPTIONS if option != "--lang")
        if word == "--debug":
            front.append(word)
        elif word in options:
            front += [word, next(words, "")]
        elif word.startswith(tuple(f"{option}=" for option in options)):
            front.append(word)
        else:
            if not word.startswith("-"):
                command.append(word)
            rest.append(word)
    return front + rest


class GlobalOptions(NamedTuple):
    """The global options of a command line, and the words after them (the command first)."""

    profile: str | None
    language: str | None
    debug: bool
    rest: list[str]


def global_options(arguments: list[str]) -> GlobalOptions:
    """Read the global options in front of a command line (``global_options_first`` puts them
    there); --profile falls back to INFUSEPREP_PROFILE, as Typer's option does. A value left
    out reads as ""."""
    given: dict[str, str | None] = {
        "--profile": os.environ.get("INFUSEPREP_PROFILE") or None,
        "--lang": None,
    }
    debug = False
    position = 0
    while position < len(arguments):
        word = arguments[position]
        option, equals, value = word.partition("=")
        if word == "--debug":
            debug = True
        elif word in GLOBAL_OPTIONS:
            position += 1
            given[word] = arguments[position] if position < len(arguments) else ""
        elif equals and option in GLOBAL_OPTIONS:
            given[option] = value
        else:
            break
        position += 1
    return GlobalOptions(given["--profile"], given["--lang"], debug, arguments[position:])


def command_word(arguments: list[str]) -> str | None:
    """The command of a command line whose global options are in front ("status" in
    "--profile mum status --json"); ``None`` when an option comes first (--help, --version)."""
    rest = global_options(arguments).rest
    return rest[0] if rest and not rest[0].startswith("-") else None


def completed_command() -> str | None:
    """While the shell asks for completions, the command already typed in full, if any: Typer
    passes the words in COMP_WORDS (bash) or _TYPER_COMPLETE_ARGS (zsh, fish)."""
    import shlex

    typed = os.environ.get("COMP_WORDS") or os.environ.get("_TYPER_COMPLETE_ARGS") or ""
    try:
        words = shlex.split(typed)
    except ValueError:
        words = typed.split()
    if typed[-1:].isspace():
        words.append("")
    # The program's name, then the command line; the last word is the one being completed.
    return command_word(global_options_first(words[1:-1])) if len(words) > 2 else None


def spoken_language(arguments: list[str]) -> str:
    """The language of this run, found before Typer reads the command line, so that help texts
    are read in it; what cannot be decided yet (an unknown --lang) is English here and an
    error, in words, once the callback runs."""
    from infuseprep import i18n, person
    from infuseprep.paths import home

    options = global_options(arguments)
    try:
        return person.find_person(home(), options.profile, options.language).language
    except InfuseprepError:
        return i18n.choose(None, None, os.environ)
