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


def completion_request() -> tuple[list[str], str] | None:
    """While the shell asks for completions: the words typed before the one being completed
    (the program's name left out), and that word, as Typer's scripts pass them (bash in
    COMP_WORDS and COMP_CWORD, zsh and fish in _TYPER_COMPLETE_ARGS). ``None`` when there is
    no such request, or its words cannot be read (an open quote)."""
    import shlex

    shell = os.environ.get(COMPLETING, "").rpartition("_")[2]
    line = os.environ.get("COMP_WORDS" if shell == "bash" else "_TYPER_COMPLETE_ARGS")
    if line is None:
        return None
    try:
        words = shlex.split(line)
    except ValueError:
        return None
    if shell == "bash":
        try:
            position = int(os.environ.get("COMP_CWORD", ""))
        except ValueError:
            return None
        if not 0 < position <= len(words):
            return None
        typed, incomplete = words[1:position], words[position] if position < len(words) else ""
        return _joined_at_equals(typed), incomplete
    words = words[1:]
    if words and not line.endswith(" "):
        return words[:-1], words[-1]
    return words, ""


def _joined_at_equals(words: list[str]) -> list[str]:
    """bash splits "--profile=mum" into three words at "=": they are one again."""
    joined: list[str] = []
    for word in words:
        if joined and (word == "=" or joined[-1].endswith("=")) and joined[-1][:2] == "--":
            joined[-1] += word
        else:
            joined.append(word)
    return joined


def completed_command() -> str | None:
    """While the shell asks for completions, the command already typed in full, if any."""
    request = completion_request()
    return command_word(global_options_first(request[0])) if request else None


def spoken_language(arguments: list[str]) -> str:
    """The language of this run, found before Typer reads the command line, so that help texts
    are read in it; what cannot be decided yet (an unknown --lang) is English here and an
    error, in words, once the callback runs. While the shell asks for completions, the words
    typed so far say it (--lang, --profile)."""
    from infuseprep import i18n, person
    from infuseprep.paths import home

    request = completion_request() if COMPLETING in os.environ else None
    if request is not None:
        arguments = global_options_first(request[0])
    options = global_options(arguments)
    try:
        return person.find_person(home(), options.profile, options.language).language
    except InfuseprepError:
        return i18n.choose(None, None, os.environ)
