"""The Spanish catalog keeps up with the code: every message translated, nothing fuzzy or
stale, and the compiled .mo built from the .po (scripts/translations.py check)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from infuseprep import i18n

PROJECT = Path(__file__).resolve().parents[1]
SCRIPT = PROJECT / "scripts" / "translations.py"


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("translations", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_message_in_the_code_has_a_spanish_translation() -> None:
    problems = _tool().problems()
    assert problems == [], "run: python scripts/translations.py update, translate, compile\n" + (
        "\n".join(problems)
    )


def test_english_reads_no_catalog_and_spanish_reads_its_own() -> None:
    """Only the language in use is loaded: English costs nothing at start-up."""
    import gettext

    assert type(i18n._catalog("en")) is gettext.NullTranslations
    assert isinstance(i18n._catalog("es"), gettext.GNUTranslations)


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("es", "es"),
        ("ES", "es"),
        ("es_MX", "es"),
        ("es-US.UTF-8", "es"),
        ("Spanish", "es"),
        ("español", "es"),
        ("en_GB", "en"),
        ("xx", None),
        ("", None),
    ],
)
def test_language_names_people_type(typed: str, code: str | None) -> None:
    assert i18n.language_code(typed) == code


@pytest.mark.parametrize(
    ("environ", "language"),
    [
        ({}, "en"),
        ({"LANG": "es_US.UTF-8"}, "es"),
        ({"LANG": "es_MX"}, "es"),
        ({"LANG": "es"}, "es"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "en"),
        ({"LC_ALL": "en_US.UTF-8", "LANG": "es_US.UTF-8"}, "en"),
        ({"LC_MESSAGES": "es_ES.UTF-8", "LANG": "en_US.UTF-8"}, "es"),
        ({"INFUSEPREP_LANG": "es", "LANG": "en_US.UTF-8"}, "es"),
        ({"INFUSEPREP_LANG": "xx", "LANG": "es_US.UTF-8"}, "es"),
    ],
)
def test_where_the_language_comes_from(environ: dict[str, str], language: str) -> None:
    assert i18n.choose(None, None, environ) == language


def test_the_flag_wins_then_the_profile_then_the_environment() -> None:
    environ = {"INFUSEPREP_LANG": "en", "LANG": "en_US.UTF-8"}
    assert i18n.choose("es", "en", environ) == "es"
    assert i18n.choose(None, "es", environ) == "es"
    assert i18n.choose(None, None, environ) == "en"
    with pytest.raises(ValueError):
        i18n.choose("xx", None, environ)


# The calls that put words in front of a person: output, prompts, errors.
SHOWN_BY = {
    "say",
    "report",
    "write",
    "echo",
    "confirm",
    "line",
    "bullet",
    "print",
    "UsageProblem",
    "UnknownItem",
    "InfuseprepError",
    "ProgressUnreadable",
    "Problem",
}


def _unmarked_words(source: str) -> list[tuple[int, str]]:
    """Sentences written straight into a call that shows them, not through ``_()``: a plain
    string with two words or more, or an f-string whose own text has two words or more."""
    import ast

    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        called = node.func.attr if isinstance(node.func, ast.Attribute) else None
        called = called or (node.func.id if isinstance(node.func, ast.Name) else None)
        if called not in SHOWN_BY:
            continue
        for argument in node.args:
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                text = argument.value
            elif isinstance(argument, ast.JoinedStr):
                text = "".join(
                    part.value
                    for part in argument.values
                    if isinstance(part, ast.Constant) and isinstance(part.value, str)
                )
            else:
                continue
            if sum(word.isalpha() for word in text.split()) >= 2:
                found.append((node.lineno, text))
    return found


def test_a_sentence_shown_to_people_is_marked_for_translation() -> None:
    unmarked = [
        f"{path.relative_to(PROJECT)}:{line}: {text!r}"
        for path in sorted((PROJECT / "src" / "infuseprep").rglob("*.py"))
        for line, text in _unmarked_words(path.read_text(encoding="utf-8"))
    ]
    assert unmarked == [], "mark these with _() (then: scripts/translations.py update)"


def test_the_unmarked_sentence_check_finds_one() -> None:
    source = 'say("Your visit is set.")\nsay(_("Your visit is set."))\nreport(f"{x} is not here")\n'
    assert _unmarked_words(source) == [(1, "Your visit is set."), (3, " is not here")]
