"""The command line in Spanish: messages, yes-or-no answers, help in words with examples, a
profile's own language, and Typer's usage errors.

Help texts are read when the commands are imported, so help in Spanish is tested through the
real entry point in a subprocess; runtime messages are tested in-process with ``--lang es``.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import Result

from conftest import RIVERSIDE_VISIT, TEST_ENV
from infuseprep.cli import app
from infuseprep.cli.argv import global_options_first
from infuseprep.i18n import not_spoken

# What Typer prints when a parameter has no words of ours: "{STEP}", "<str>", "PATH...".
RAW_LABELS = re.compile(
    r"[{}]|<[a-z]+>|\b(?:TEXT|INTEGER|FLOAT|BOOLEAN|PATH|FILENAME|DIRECTORY)\b|INTEGER RANGE"
)


def leaf_commands() -> list[list[str]]:
    """Every command line that reaches a command or a group, as words after "infuseprep"."""
    found: list[list[str]] = [[]]
    pending: list[tuple[list[str], object]] = [([], typer.main.get_command(app))]
    while pending:
        words, command = pending.pop()
        for name, child in getattr(command, "commands", {}).items():
            found.append([*words, name])
            pending.append(([*words, name], child))
    return sorted(found)


def entry(
    home: Path, *args: str, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    variables = {
        **os.environ,
        "INFUSEPREP_HOME": str(home),
        "COLUMNS": "80",
        "PYTHONIOENCODING": "utf-8",
    }
    for name in ("INFUSEPREP_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        variables.pop(name, None)
    variables.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "infuseprep", *args],
        capture_output=True,
        text=True,
        env=variables,
        input=stdin,
        timeout=30,
        check=False,
    )


# Every command's help in one process: the entry point called once per command line.
SWEEP = """
import json, sys
from infuseprep.cli import main
shown = {}
for words in json.loads(sys.argv[1]):
    sys.argv = ["infuseprep", "--lang", sys.argv[2], *words, "-h"]
    import io, contextlib
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            main()
        except SystemExit:
            pass
    shown[" ".join(words)] = out.getvalue()
sys.__stdout__.write(json.dumps(shown))
"""


def every_help(home: Path, language: str) -> dict[str, str]:
    env = {**os.environ, "INFUSEPREP_HOME": str(home), "COLUMNS": "80"}
    result = subprocess.run(
        [sys.executable, "-c", SWEEP, json.dumps(leaf_commands()), language],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    )
    shown: dict[str, str] = json.loads(result.stdout)
    return shown


@pytest.mark.parametrize("language", ["en", "es"])
def test_no_help_shows_a_raw_type_label(home: Path, language: str) -> None:
    shown = every_help(home, language)
    assert len(shown) == len(leaf_commands()) > 25
    for command, text in shown.items():
        assert text.startswith(("Usage: infuseprep", "Uso: infuseprep")), command
        assert not RAW_LABELS.search(text), (command, RAW_LABELS.search(text))


@pytest.mark.parametrize(("language", "heading"), [("en", "Examples:"), ("es", "Ejemplos:")])
def test_every_command_shows_examples_one_a_line(home: Path, language: str, heading: str) -> None:
    for command, text in every_help(home, language).items():
        assert f"\n  {heading}\n\n    infuseprep " in text, command
        examples = text.split(heading)[1].strip("\n").splitlines()
        assert all(line.startswith("    infuseprep ") for line in examples), (command, examples)


def test_help_in_english_reads_in_words(run) -> None:
    text = run("check", "-h").stdout
    assert text.startswith("Usage: infuseprep check [OPTIONS] STEP\n")
    assert "  --checklists FOLDER  Also load the checklists in this folder" in text
    assert text.endswith(
        "  Examples:\n\n"
        "    infuseprep check pack-snack\n"
        '    infuseprep check light-meal/pack-snack --note "In the blue bag"\n'
    )


def test_help_in_spanish(home: Path) -> None:
    result = entry(home, "--lang", "es", "check", "-h")
    assert result.returncode == 0
    assert result.stdout == (
        "Uso: infuseprep check [OPCIONES] PASO\n"
        "\n"
        "  Marcar un paso como hecho.\n"
        "\n"
        "Argumentos:\n"
        "  PASO  El paso, como id-de-lista/id-de-paso, o un id de paso que solo tiene\n"
        "        una lista.  [obligatorio]\n"
        "\n"
        "Opciones:\n"
        '  --note NOTA           Guardar esta nota con el paso. "-" la lee de la\n'
        "                        entrada, así no queda en el historial del shell.\n"
        "  --checklists CARPETA  Cargar también las listas de esta carpeta (se puede\n"
        "                        dar más de una vez).\n"
        "  -h, --help            Mostrar esta ayuda y salir.\n"
        "\n"
        "  Ejemplos:\n"
        "\n"
        "    infuseprep check pack-snack\n"
        '    infuseprep check light-meal/pack-snack --note "En la bolsa azul"\n'
    )


def test_the_date_help_says_which_number_comes_first(home: Path) -> None:
    english = " ".join(entry(home, "appointment", "set", "-h").stdout.split())
    assert "or 12/3/2026 (month first: December 3)." in english
    spanish = " ".join(entry(home, "--lang", "es", "appointment", "set", "-h").stdout.split())
    assert "Uso: infuseprep appointment set [OPCIONES] FECHA" in spanish
    assert (
        "FECHA 2026-12-03, mañana, en 10 días, viernes, 3 de diciembre o 3/12/2026 (primero el "
        "día: 3 de diciembre)." in spanish
    )


@pytest.mark.parametrize(
    ("args", "english", "spanish"),
    [
        (
            ["check"],
            "Usage: infuseprep check [OPTIONS] STEP\nTry 'infuseprep check -h' for help.\n\n"
            "Error: Missing argument 'STEP'.\n",
            "Uso: infuseprep check [OPCIONES] PASO\n"
            "Para ver la ayuda, escriba: infuseprep check -h\n\n"
            "Error: Falta el argumento 'PASO'.\n",
        ),
        (
            ["check", "pack-snack", "--nope"],
            "Usage: infuseprep check [OPTIONS] STEP\nTry 'infuseprep check -h' for help.\n\n"
            "Error: No such option: --nope (Possible options: --note)\n",
            "Uso: infuseprep check [OPCIONES] PASO\n"
            "Para ver la ayuda, escriba: infuseprep check -h\n\n"
            "Error: No existe la opción: --nope (Opciones posibles: --note)\n",
        ),
        (
            ["chek"],
            "Usage: infuseprep [OPTIONS] COMMAND [ARGS]...\nTry 'infuseprep -h' for help.\n\n"
            "Error: No such command 'chek'. Did you mean 'check', 'uncheck', 'schema'?\n",
            "Uso: infuseprep [OPCIONES] COMANDO [ARGUMENTOS]...\n"
            "Para ver la ayuda, escriba: infuseprep -h\n\n"
            "Error: No existe el comando 'chek'. ¿Quiso decir 'check' o 'uncheck' o 'schema'?\n",
        ),
        (
            ["appointment", "set", "2026-12-03", "--dose", "x"],
            "Usage: infuseprep appointment set [OPTIONS] DATE\n"
            "Try 'infuseprep appointment set -h' for help.\n\n"
            "Error: Invalid value for '--dose': 'x' is not a valid int range.\n",
            "Uso: infuseprep appointment set [OPCIONES] FECHA\n"
            "Para ver la ayuda, escriba: infuseprep appointment set -h\n\n"
            "Error: Valor no válido para '--dose': 'x' no es un número entero.\n",
        ),
    ],
)
def test_usage_errors_speak_the_language_of_the_run(
    home: Path, args: list[str], english: str, spanish: str
) -> None:
    in_english = entry(home, *args)
    assert (in_english.returncode, in_english.stderr) == (2, english)
    in_spanish = entry(home, *args, "--lang", "es")
    assert (in_spanish.returncode, in_spanish.stderr) == (2, spanish)


def test_messages_in_spanish(run) -> None:
    result = run("--lang", "es", "reset")
    assert (result.exit_code, result.stdout) == (
        0,
        "No hay nada que reiniciar: todavía no hay respuestas guardadas.\n",
    )
    result = run("profile", "add", "mum", "--name", "Rosa", "--lang", "es")
    assert (result.exit_code, result.stdout) == (
        0,
        'Perfil "mum" añadido. Para usarlo, añada --profile mum a cualquier comando, por\n'
        "ejemplo: infuseprep --profile mum start\n",
    )
    result = run("--lang", "es", "export", "--fhir", "answers")
    assert (result.exit_code, result.stderr) == (
        2,
        'infuseprep no exporta "answers"; use --fhir questionnaire o --fhir response.\n',
    )


@pytest.mark.parametrize(
    ("language", "answer", "kept"),
    [
        ("es", "s", False),
        ("es", "sí", False),
        ("es", "y", False),
        ("es", "n", True),
        ("en", "y", False),
        ("en", "s", True),
        ("en", "sí", True),
    ],
)
def test_yes_is_asked_in_the_language_of_the_run(
    run, home: Path, language: str, answer: str, kept: bool
) -> None:
    assert run("check", "pack-snack").exit_code == 0
    result = run("--lang", language, "reset", input=f"{answer}\n")
    assert result.exit_code == 0
    letters = "[s/N]" if language == "es" else "[y/N]"
    assert f"Continue? {letters} " in result.stdout or f"¿Seguir? {letters} " in result.stdout
    assert (home / "progress.json").exists() is kept
    if language == "es" and kept:
        assert result.stdout.endswith("No se cambió nada.\n")


def test_a_profile_keeps_its_language_and_the_default_stays_english(run, home: Path) -> None:
    assert run("profile", "add", "mum", "--name", "Rosa", "--lang", "Spanish").exit_code == 0
    settings = json.loads((home / "profiles" / "mum" / "profile.json").read_text("utf-8"))
    assert settings["language"] == "es"

    assert run("--profile", "mum", "reset").stdout == (
        "No hay nada que reiniciar: todavía no hay respuestas guardadas.\n"
    )
    assert run("reset").stdout == "Nothing to reset: no answers are saved yet.\n"
    shown = run("profile", "show", "--profile", "mum").stdout
    assert shown == "Perfil: mum\nNombre: Rosa\nIdioma: español (es)\nCentro: sin datos\n"
    # --lang before the command is for this run only: the kept language stays.
    once = run("--lang", "en", "--profile", "mum", "profile", "set", "--name", "Rosa M")
    assert once.stdout.startswith("Profile: mum\nName: Rosa M\nLanguage: español (es)\n")

    back = run("profile", "set", "--profile", "mum", "--lang", "auto")
    assert back.stdout.startswith("Profile: mum\n")
    assert "Language: not set (the computer's language)\n" in back.stdout
    assert run("--profile", "mum", "reset").stdout.startswith("Nothing to reset")

    again = run("--profile", "mum", "profile", "set", "--lang", "es_MX")
    assert again.stdout.startswith("Perfil: mum\n")
    assert "Idioma: español (es)\n" in again.stdout


def test_a_language_infuseprep_does_not_speak_is_refused(run, home: Path) -> None:
    result = run("profile", "add", "mum", "--lang", "klingon")
    assert (result.exit_code, result.stderr) == (2, not_spoken("klingon") + "\n")
    assert not (home / "profiles" / "mum").exists()
    result = run("profile", "set", "--lang", "fr")
    assert (result.exit_code, result.stderr) == (2, not_spoken("fr") + "\n")


def test_lang_after_profile_add_or_set_is_the_one_to_keep() -> None:
    assert global_options_first(["profile", "set", "--lang", "es", "--profile", "mum"]) == [
        "--profile",
        "mum",
        "profile",
        "set",
        "--lang",
        "es",
    ]
    assert global_options_first(["profile", "add", "mum", "--lang=es"]) == [
        "profile",
        "add",
        "mum",
        "--lang=es",
    ]
    assert global_options_first(["profile", "show", "--lang", "es"]) == [
        "--lang",
        "es",
        "profile",
        "show",
    ]
    assert global_options_first(["status", "--lang", "es"]) == ["--lang", "es", "status"]


def test_completion_describes_choices_in_the_language_of_the_run(home: Path) -> None:
    env = {
        **os.environ,
        "INFUSEPREP_HOME": str(home),
        "INFUSEPREP_LANG": "es",
        "_INFUSEPREP_COMPLETE": "complete_zsh",
        "_TYPER_COMPLETE_ARGS": "infuseprep print --format ",
    }
    result = subprocess.run(
        [sys.executable, "-c", "from infuseprep.cli import main; main()"],
        capture_output=True,
        text=True,
        env=env,
        timeout=30,
        check=False,
    )
    assert '"text":"texto simple"' in result.stdout
    assert '"pdf":"un PDF para imprimir"' in result.stdout


# English words of the interface that Spanish text never needs (none is also a Spanish word).
ENGLISH_WORDS = re.compile(
    r"\b(?:the|and|your|you|to|of|is|are|for|with|done|open|step|steps|visit|visits|today|"
    r"tomorrow|due|overdue|not|yet|apply|does|from|on|at|days|weeks|left|this|what|run|set|"
    r"soon|week|finished|appointment|infusion|center|phone|plan|checklist|none|nothing)\b",
    re.IGNORECASE,
)
# What stays as it is in any language: step ids "(hydration/drink-morning-of)", commands, file
# paths, and the center's name as the person typed it.
UNTRANSLATED = re.compile(
    r"\([a-z0-9-]+/[a-z0-9-]+\)|infuseprep [^.\n]*|/\S+|Riverside Infusion Center"
)
# Wide enough that no line is wrapped inside an id or a path.
UNWRAPPED = {**TEST_ENV, "COLUMNS": "500"}


def english_words(text: str) -> list[str]:
    return ENGLISH_WORDS.findall(UNTRANSLATED.sub("", text))


@pytest.fixture
def answered_visit(run) -> None:  # type: ignore[no-untyped-def]
    """A visit with a center and a few answers, so status shows every part it has."""
    assert run(*RIVERSIDE_VISIT).exit_code == 0
    center = ("--center", "Riverside Infusion Center", "--phone", "555-123-4567")
    assert run("profile", "set", *center, "--after-hours", "555-123-4599").exit_code == 0
    for step in ("light-meal/ask-about-eating", "consultation/book-consult"):
        assert run("check", step).exit_code == 0
    assert run("skip", "light-meal/pack-snack").exit_code == 0


@pytest.mark.usefixtures("answered_visit")
def test_status_and_today_in_spanish_hold_no_english_interface_words(run, home: Path) -> None:
    def wide(*args: str) -> Result:
        return run.runner.invoke(app, list(args), env=UNWRAPPED)

    english = wide("status").stdout + wide("today").stdout
    assert len(english_words(english)) > 20, "the check finds English where there is English"
    for command in ("status", "today"):
        shown = wide("--lang", "es", command)
        assert shown.exit_code == 0
        assert english_words(shown.stdout + shown.stderr) == [], command
    by_locale = entry(home, "status", env={"LANG": "es_US.UTF-8", "COLUMNS": "500"})
    assert by_locale.returncode == 0
    assert "Su infusión: jueves, 3 de diciembre de 2026" in by_locale.stdout
    assert english_words(by_locale.stdout + by_locale.stderr) == []
