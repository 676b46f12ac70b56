"""Translated checklists: es/<file>.yaml beside a checklist gives its words in Spanish."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
import yaml

from infuseprep import i18n
from infuseprep.catalog import bundled_dir, load_catalog, untranslated_message
from infuseprep.checklist import (
    TRANSLATED_ITEM_KEYS,
    TRANSLATED_ITEM_REQUIRED,
    TRANSLATION_KEYS,
    TRANSLATION_REQUIRED,
)
from infuseprep.translation_file import load_translation_file
from infuseprep.validation import load_checklist_file

Write = Callable[[str, str], Path]

ENGLISH = """
id: riverside-visit-day
title: Your day at Riverside
description: What to do on the day of your visit.
order: 50
scope: every visit
items:
  - id: call-ahead
    text: Call {center.phone} the day before.
    details: Ask if the time is still right.
    when: 1 day before
    medications: [belimumab-iv]
  - id: bring-card
    text: Bring your insurance card.
    source: Riverside Infusion Center, patient guide
"""
PARKING = """
id: riverside-parking
title: Parking at Riverside
items:
  - id: lot-b
    text: Park in lot B.
"""
SPANISH = """
# yaml-language-server: $schema=../translation.schema.json
id: riverside-visit-day
title: Su día en Riverside
description: Qué hacer el día de su cita.
items:
  - id: call-ahead
    text: Llame al {center.phone} el día antes.
    details: Pregunte si la hora sigue bien.
  - id: bring-card
    text: Traiga su tarjeta del seguro médico.
"""
TRANSLATION_SCHEMA = json.loads(
    (bundled_dir() / "translation.schema.json").read_text(encoding="utf-8")
)
VALIDATOR = jsonschema.Draft7Validator(TRANSLATION_SCHEMA)


@pytest.fixture
def clinic(write: Write) -> Path:
    """A clinic folder: two checklists, the first translated into Spanish."""
    write("clinic/riverside.yaml", ENGLISH)
    write("clinic/parking.yaml", PARKING)
    return write("clinic/es/riverside.yaml", SPANISH).parent.parent


def validate_spanish(run, write: Write, spanish: str):  # type: ignore[no-untyped-def]
    """Validate a clinic folder whose Spanish riverside file is ``spanish``."""
    write("clinic/riverside.yaml", ENGLISH)
    folder = write("clinic/es/riverside.yaml", spanish).parent.parent
    return run("validate", str(folder)), folder / "es" / "riverside.yaml"


# Loading


def test_spanish_words_over_the_english_schedule(clinic: Path) -> None:
    catalog = load_catalog([clinic], language="es")
    checklist = catalog.get("riverside-visit-day")
    english = load_catalog([clinic], language="en").get("riverside-visit-day")
    assert checklist.title == "Su día en Riverside"
    assert checklist.description == "Qué hacer el día de su cita."
    assert [item.text for item in checklist.items] == [
        "Llame al {center.phone} el día antes.",
        "Traiga su tarjeta del seguro médico.",
    ]
    assert checklist.items[0].details == "Pregunte si la hora sigue bien."
    # Everything but the words is the English file's.
    assert [item.id for item in checklist.items] == [item.id for item in english.items]
    assert [item.when for item in checklist.items] == [item.when for item in english.items]
    assert [item.medications for item in checklist.items] == [
        item.medications for item in english.items
    ]
    assert (checklist.order, checklist.scope) == (english.order, english.scope)
    # A step without a Spanish source shows the English one.
    assert checklist.items[1].source == "Riverside Infusion Center, patient guide"
    assert catalog.skipped == ()


def test_an_untranslated_checklist_is_shown_in_english_and_named(clinic: Path) -> None:
    catalog = load_catalog([clinic], language="es")
    assert catalog.get("riverside-parking").title == "Parking at Riverside"
    assert "riverside-parking" in catalog.untranslated
    assert "riverside-visit-day" not in catalog.untranslated
    assert list(catalog.untranslated) == [
        checklist.id for checklist in catalog.checklists if checklist.id in catalog.untranslated
    ], "in walk order"
    assert load_catalog([clinic], language="en").untranslated == ()


def test_the_fallback_message_is_one_line() -> None:
    assert untranslated_message(()) is None
    assert untranslated_message(["riverside-visit-day"]) == (
        "One list is not in Spanish yet and is shown in English: riverside-visit-day."
    )
    assert untranslated_message(["a-list", "b-list"]) == (
        "Some lists are not in Spanish yet and are shown in English: a-list, b-list."
    )


def test_the_language_defaults_to_the_runs(clinic: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANGUAGE", "en")  # ``use`` sets it; this puts it back after the test
    i18n.use("es")
    try:
        assert load_catalog([clinic]).get("riverside-visit-day").title == "Su día en Riverside"
    finally:
        i18n.use("en")
    assert load_catalog([clinic]).get("riverside-visit-day").title == "Your day at Riverside"


def test_a_folder_that_replaces_a_checklist_never_gets_anothers_words(
    clinic: Path, write: Write
) -> None:
    mine = write("mine/riverside.yaml", ENGLISH.replace("Your day", "My day")).parent
    catalog = load_catalog([clinic, mine], language="es")
    assert catalog.get("riverside-visit-day").title == "My day at Riverside"
    assert "riverside-visit-day" in catalog.untranslated


def test_the_spanish_glossary_is_used_in_spanish(clinic: Path, write: Write) -> None:
    write("clinic/glossary.yaml", "- term: lot\n  means: A place to park.\n")
    write("clinic/es/glossary.yaml", "- term: estacionamiento\n  means: Donde deja el carro.\n")
    spanish = load_catalog([clinic], language="es").glossary
    english = load_catalog([clinic], language="en").glossary
    assert "estacionamiento" in [term.term for term in spanish.terms]
    assert "lot" not in [term.term for term in spanish.terms]
    assert "co-pay" not in [term.term for term in spanish.terms], "no bundled English term"
    assert "lot" in [term.term for term in english.terms]
    assert "estacionamiento" not in [term.term for term in english.terms]


# The cache


def test_the_cache_keeps_each_language_apart(clinic: Path, home: Path) -> None:
    assert load_catalog([clinic], language="es").get("riverside-visit-day").title == (
        "Su día en Riverside"
    )
    assert load_catalog([clinic], language="en").get("riverside-visit-day").title == (
        "Your day at Riverside"
    )
    assert (home / "cache" / "catalog-3.json").exists()
    assert (home / "cache" / "catalog-3-es.json").exists()
    cached = load_catalog([clinic], language="es")
    assert cached.get("riverside-visit-day").title == "Su día en Riverside"
    assert cached.untranslated == load_catalog([clinic], language="es").untranslated


def test_the_cache_sees_a_changed_translation(clinic: Path) -> None:
    load_catalog([clinic], language="es")
    path = clinic / "es" / "riverside.yaml"
    path.write_text(SPANISH.replace("Su día", "Un día"), encoding="utf-8")
    assert load_catalog([clinic], language="es").get("riverside-visit-day").title == (
        "Un día en Riverside"
    )
    path.unlink()
    catalog = load_catalog([clinic], language="es")
    assert catalog.get("riverside-visit-day").title == "Your day at Riverside"
    assert "riverside-visit-day" in catalog.untranslated


def test_a_cached_spanish_run_needs_no_yaml(clinic: Path) -> None:
    load_catalog([clinic], language="es")
    code = (
        "import sys; from pathlib import Path; from infuseprep.catalog import load_catalog; "
        f"catalog = load_catalog([Path({str(clinic)!r})], language='es'); "
        "print(catalog.get('riverside-visit-day').title, 'yaml' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "Su día en Riverside False"


# The command line


def test_list_in_spanish_shows_spanish_titles(run, clinic: Path) -> None:
    result = run("--lang", "es", "list", "--checklists", str(clinic))
    assert result.exit_code == 0
    assert "riverside-visit-day  Su día en Riverside" in result.stdout
    assert "riverside-parking    Parking at Riverside" in result.stdout
    english = run("list", "--checklists", str(clinic))
    assert english.exit_code == 0
    assert "riverside-visit-day  Your day at Riverside" in english.stdout


def test_a_broken_translation_is_skipped_with_a_warning(run, clinic: Path) -> None:
    broken = clinic / "es" / "riverside.yaml"
    broken.write_text("id: riverside-visit-day\ntitle: [sin cerrar\n", encoding="utf-8")
    result = run("--lang", "es", "list", "--checklists", str(clinic))
    assert result.exit_code == 0
    assert result.stderr == (
        f"{broken}:3:1: error de sintaxis YAML: did not find expected ',' or ']' (while "
        "parsing a flow sequence that starts at line 2, column 8); se dejó de lado, escriba "
        "infuseprep validate\n"
        "Algunas listas todavía no están en español y se muestran en inglés: "
        "riverside-visit-day, riverside-parking.\n"
    )
    assert "riverside-visit-day  Your day at Riverside" in result.stdout
    english = run("list", "--checklists", str(clinic))
    assert (english.exit_code, english.stderr) == (0, ""), "English never reads es/"
    checked = run("validate", str(clinic))
    assert checked.exit_code == 1
    assert checked.stdout == (
        f"{broken}:3:1: YAML syntax error: did not find expected ',' or ']' (while parsing a "
        "flow sequence that starts at line 2, column 8)\n"
    )
    assert checked.stderr == "3 files checked: 1 problem found.\n"


def test_validate_checks_the_translations_of_a_folder(run, clinic: Path) -> None:
    result = run("validate", str(clinic))
    assert result.exit_code == 0
    assert result.stdout == "3 files checked: no problems found.\n"
    alone = run("validate", str(clinic / "es" / "riverside.yaml"))
    assert alone.exit_code == 0
    assert alone.stdout == "1 file checked: no problems found.\n"


def test_readability_leaves_spanish_steps_out(run, clinic: Path) -> None:
    result = run("validate", "--readability", str(clinic))
    assert result.exit_code == 0
    assert "Llame" not in result.stdout
    assert "on average over 3 steps" in result.stdout


@pytest.mark.parametrize(
    ("spanish", "expected"),
    [
        pytest.param(
            SPANISH.replace(
                "  - id: bring-card\n    text: Traiga su tarjeta del seguro médico.\n", ""
            ),
            [
                '6:3: the step "bring-card" of the English checklist is missing; '
                "translate every step"
            ],
            id="missing-item",
        ),
        pytest.param(
            SPANISH + "  - id: bring-snack\n    text: Traiga algo de comer.\n",
            ['11:9: the English checklist "riverside-visit-day" has no step "bring-snack"'],
            id="extra-item",
        ),
        pytest.param(
            SPANISH.replace(
                "    details: Pregunte", "    when: 2 days before\n    details: Pregunte"
            ),
            [
                '8:5: "when" comes from the English file; remove it (a translation holds only '
                '"id", "text", "details", "source")'
            ],
            id="when",
        ),
        pytest.param(
            SPANISH.replace("items:", "order: 1\nitems:"),
            [
                '5:1: "order" comes from the English file; remove it (a translation holds only '
                '"id", "title", "description", "source", "items")'
            ],
            id="order",
        ),
        pytest.param(
            SPANISH.replace(
                "  - id: bring-card\n", "  - id: bring-card\n    medications: [belimumab-iv]\n"
            ),
            [
                '10:5: "medications" comes from the English file; remove it (a translation '
                'holds only "id", "text", "details", "source")'
            ],
            id="medications",
        ),
        pytest.param(
            SPANISH.replace("{center.phone}", "{center.web}"),
            [
                '7:11: "text" must use the same placeholders as the English text '
                "({center.phone}), not {center.web}"
            ],
            id="placeholder-changed",
        ),
        pytest.param(
            SPANISH.replace("al {center.phone}", "al centro"),
            [
                '7:11: "text" must use the same placeholders as the English text '
                "({center.phone}), not none"
            ],
            id="placeholder-dropped",
        ),
        pytest.param(
            SPANISH.replace("id: riverside-visit-day", "id: riverside-visit"),
            [
                '2:5: there is no English checklist "riverside-visit" beside this folder to '
                'translate; did you mean "riverside-visit-day"?'
            ],
            id="unknown-checklist",
        ),
        pytest.param(
            SPANISH.replace("id: riverside-visit-day", "id: parking-lot"),
            [
                '2:5: there is no English checklist "parking-lot" beside this folder to '
                "translate; a translation's id must be the id of a checklist in the folder "
                "above it"
            ],
            id="unknown-checklist-no-guess",
        ),
        pytest.param(
            SPANISH.replace("    text: Traiga", "    txt: Traiga"),
            [
                '10:5: unknown key "txt" in item; did you mean "text"?',
            ],
            id="missing-text",
        ),
        pytest.param(
            SPANISH.replace("    details: Pregunte si la hora sigue bien.\n", ""),
            [
                '6:5: step "call-ahead" is missing "details"; the English step has details, '
                "so translate them too"
            ],
            id="missing-details",
        ),
        pytest.param(
            SPANISH.replace("title: Su día en Riverside\n", ""),
            ['2:1: checklist is missing the required key "title"'],
            id="missing-title",
        ),
    ],
)
def test_each_translation_problem_is_located(
    run, write: Write, spanish: str, expected: list[str]
) -> None:
    result, path = validate_spanish(run, write, spanish.lstrip("\n"))
    assert result.exit_code == 1
    assert result.stdout == "".join(f"{path}:{line}\n" for line in expected)
    count = len(expected)
    assert result.stderr == f"2 files checked: {count} problem{'s' * (count != 1)} found.\n"


def test_a_translation_of_a_broken_checklist_waits_for_it(run, write: Write) -> None:
    write("clinic/riverside.yaml", ENGLISH.replace("title: Your", "titel: Your"))
    folder = write("clinic/es/riverside.yaml", SPANISH).parent.parent
    result = run("validate", str(folder))
    assert result.exit_code == 1
    assert result.stdout == (
        f'{folder / "riverside.yaml"}:2:1: unknown key "titel" in checklist; did you mean '
        '"title"?\n'
    )


def test_two_translations_of_one_checklist(run, clinic: Path, write: Write) -> None:
    first = write("clinic/es/riverside-2.yaml", SPANISH)
    result = run("validate", str(clinic))
    assert result.exit_code == 1
    assert result.stdout == (
        f'{clinic / "es" / "riverside.yaml"}:1:1: the checklist "riverside-visit-day" is '
        f"also translated by {first}\n"
    )


# The JSON Schema for editors


def test_translation_schema_names_the_loaders_keys() -> None:
    jsonschema.Draft7Validator.check_schema(TRANSLATION_SCHEMA)
    assert tuple(TRANSLATION_SCHEMA["properties"]) == TRANSLATION_KEYS
    assert tuple(TRANSLATION_SCHEMA["required"]) == TRANSLATION_REQUIRED
    item = TRANSLATION_SCHEMA["definitions"]["item"]
    assert tuple(item["properties"]) == TRANSLATED_ITEM_KEYS
    assert tuple(item["required"]) == TRANSLATED_ITEM_REQUIRED


def spanish_sample(**changes: object) -> dict[str, object]:
    document = yaml.safe_load(SPANISH)
    document.update(changes)
    return document  # type: ignore[no-any-return]


def with_step(**changes: object) -> dict[str, object]:
    document = spanish_sample()
    step = document["items"][1]  # type: ignore[index]
    step.update(changes)
    return document


@pytest.mark.parametrize(
    ("document", "valid"),
    [
        (spanish_sample(), True),
        (spanish_sample(source="Guía del paciente de Riverside"), True),
        (with_step(source="Guía del paciente"), True),
        (with_step(details="Está en su cartera."), True),
        (spanish_sample(order=1), False),
        (spanish_sample(scope="once"), False),
        (with_step(when="day before"), False),
        (with_step(scope="once"), False),
        (with_step(medications=["belimumab-iv"]), False),
        (with_step(text="   "), False),
        (with_step(text=3), False),
        (with_step(id="Bring Card"), False),
        (spanish_sample(title=None), False),
        (spanish_sample(items=[]), False),
        (spanish_sample(id="NOT-AN-ID"), False),
    ],
)
def test_schema_and_loader_agree(tmp_path: Path, document: object, valid: bool) -> None:
    english_path = tmp_path / "riverside.yaml"
    english_path.write_text(ENGLISH, encoding="utf-8")
    english, problems = load_checklist_file(english_path)
    assert english is not None, problems
    path = tmp_path / "es" / "riverside.yaml"
    path.parent.mkdir()
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    translation, _ = load_translation_file(path, {english.id: english})
    assert (translation is not None) == valid
    assert (not list(VALIDATOR.iter_errors(document))) == valid


def test_bundled_translations_match_the_schema_and_name_it() -> None:
    folder = bundled_dir() / "es"
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        text = path.read_text(encoding="utf-8")
        if path.name == "glossary.yaml":
            continue
        assert text.startswith("# yaml-language-server: $schema=../translation.schema.json\n")
        assert list(VALIDATOR.iter_errors(yaml.safe_load(text))) == [], path.name


# Installing a clinic's folder


def test_checklists_add_installs_the_translations(
    run, clinic: Path, home: Path, write: Write
) -> None:
    write("clinic/es/glossary.yaml", "- term: estacionamiento\n  means: Donde deja el carro.\n")
    result = run("checklists", "add", str(clinic))
    assert result.exit_code == 0, result.output
    installed = home / "checklists"
    assert (installed / "es" / "riverside-visit-day.yaml").read_text(encoding="utf-8") == (
        (clinic / "es" / "riverside.yaml").read_text(encoding="utf-8")
    )
    assert (installed / "es" / "glossary.yaml").is_file()
    assert not (installed / "glossary.yaml").exists(), "the Spanish glossary stays in es/"
    listed = run("--lang", "es", "list")
    assert (listed.exit_code, listed.stderr) == (
        0,
        "Una lista todavía no está en español y se muestra en inglés: riverside-parking.\n",
    )
    assert "riverside-visit-day  Su día en Riverside" in listed.stdout
    terms = [term.term for term in load_catalog(language="es").glossary.terms]
    assert "estacionamiento" in terms


def test_checklists_add_refuses_a_broken_translation(run, clinic: Path, home: Path) -> None:
    broken = clinic / "es" / "riverside.yaml"
    broken.write_text(SPANISH.replace("{center.phone}", "{center.web}"), encoding="utf-8")
    result = run("checklists", "add", str(clinic))
    assert result.exit_code == 1
    assert (
        f'{broken}:8:11: "text" must use the same placeholders as the English text '
        "({center.phone}), not {center.web}"
    ) in result.output
    assert not (home / "checklists").exists()


def test_installed_files_names_a_checklist_and_its_translations(clinic: Path) -> None:
    from infuseprep.install import installed_files

    (clinic / "riverside-visit-day.yaml").write_text(ENGLISH, encoding="utf-8")
    (clinic / "es" / "riverside-visit-day.yaml").write_text(SPANISH, encoding="utf-8")
    assert installed_files(clinic, "riverside-visit-day") == [
        clinic / "riverside-visit-day.yaml",
        clinic / "es" / "riverside-visit-day.yaml",
    ]
    assert installed_files(clinic, "nothing") == []


def test_a_cached_spanish_status_loads_no_yaml(home: Path) -> None:
    probe = (
        "import sys\n"
        "sys.argv = ['infuseprep', '--lang', 'es', 'status']\n"
        "from infuseprep.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write('YAML %s\\n' % ('yaml' in sys.modules))\n"
    )
    environment = {**os.environ, "INFUSEPREP_HOME": str(home), "COLUMNS": "80"}

    def loads_yaml() -> str:
        done = subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, env=environment
        )
        return done.stderr.splitlines()[-1]

    loads_yaml()  # fills the caches
    assert loads_yaml() == "YAML False"
