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
