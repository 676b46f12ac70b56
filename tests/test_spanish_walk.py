"""The walk, its keys, status and every printout and calendar in Spanish. The
pseudo-terminal walk in Spanish is in test_pty.py.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest
from icalendar import Calendar

from conftest import RIVERSIDE_VISIT
from infuseprep import i18n
from infuseprep.store import ProgressStore

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
# A checklist of Spanish words, with every letter Spanish adds to ASCII.
SPANISH_CHECKLIST = """\
id: antes-de-la-cita
title: Antes de la cita
items:
  - id: preguntas
    text: ¿Tiene preguntas? ¡Anótelas para su cita con el equipo de atención médica!
    details: Lleve la lista al centro de infusión.
    when: 1 week before
  - id: acompanante
    text: Pida a un acompañante que le lleve a casa después de la infusión.
    when: 3 days before
  - id: pinguino
    text: Lleve algo para leer (el pingüino de su niño no cuenta).
"""


@pytest.fixture(autouse=True)
def spanish(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    monkeypatch.setattr("infuseprep.clock.now", lambda: NOW)
    yield
    i18n.use(i18n.DEFAULT)


@pytest.fixture
def visit(run) -> None:  # type: ignore[no-untyped-def]
    assert run(*RIVERSIDE_VISIT).exit_code == 0


@pytest.fixture
def own_checklists(tmp_path: Path) -> Path:
    folder = tmp_path / "listas"
    folder.mkdir()
    (folder / "antes-de-la-cita.yaml").write_text(SPANISH_CHECKLIST, encoding="utf-8")
    return folder


def es(run, *args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    result = run("--lang", "es", *args, input=input)
    assert result.exit_code == 0, result.output
    return result


def test_scripted_walk_takes_the_spanish_letters(run, home: Path) -> None:
    # s is "sí" (done) in Spanish, x does not apply, n not yet, a back, ? why, e a note.
    out = es(
        run, "start", "--checklist", "light-meal", input="s\nx\na\n?\ne\nTraer galletas\nn\nq\n"
    ).stdout
    assert (
        "Teclas: s sí, hecho; n todavía no; x no me aplica; a atrás; ? por qué / detalles; "
        "e escribir o cambiar una nota; q guardar y salir"
    ) in " ".join(out.split())
    assert "Pulse s, n, x, a, ?, e o q." in out
    assert "Guardado: hecho." in out
    assert "Guardado: no me aplica." in out
    assert "Coma algo ligero: paso 1 de 4" in out
    assert "Su respuesta hasta ahora: no me aplica." in out
    assert "Cuándo: 1 week before." not in out  # step 2 has its own timing
    assert "Nota guardada." in out
    assert "Guardado: todavía no." in out
    assert "Su progreso está guardado. Para seguir desde aquí, escriba: infuseprep start" in out
    progress = ProgressStore(home / "progress.json").read()
    states = [
        progress.state("light-meal", item)
        for item in ("ask-about-eating", "have-food-ready", "pack-snack")
    ]
    assert states == ["done", "open", "open"]
    answer = progress.get("light-meal", "have-food-ready")
    assert answer is not None
    assert (answer.answered, answer.note) == (True, "Traer galletas")


def test_english_s_still_means_does_not_apply(run, home: Path) -> None:
    out = run("start", "--checklist", "light-meal", input="s\nq\n").stdout
    assert "Saved: does not apply." in out
    progress = ProgressStore(home / "progress.json").read()
    assert progress.state("light-meal", "ask-about-eating") == "skipped"


def test_a_letter_of_the_other_language_does_nothing(run, home: Path) -> None:
    out = es(run, "start", "--checklist", "light-meal", input="y\nb\nq\n").stdout
    assert 'La tecla "y" no hace nada aquí. Teclas: s sí, hecho;' in out
    assert 'La tecla "b" no hace nada aquí.' in out
    assert (
        not (home / "progress.json").exists()
        or ProgressStore(home / "progress.json").read().get("light-meal", "ask-about-eating")
        is None
    )


def test_the_offer_to_go_over_steps_again_in_spanish(run) -> None:
    # Step 1 not yet, steps 2 to 4 done, "s" (sí) to go over step 1 again, then done.
    answers = "n\ns\ns\ns\ns\ns\n"
    out = " ".join(es(run, "start", "--checklist", "light-meal", input=answers).stdout.split())
    assert 'Usted respondió "todavía no" a 1 paso. ¿Quiere repasarlo ahora? Pulse s o n.' in out
    assert "Repasamos los pasos que dejó para después." in out
    assert "Esos son todos los pasos: 4 hechos, 0 no le aplican, 0 pendientes." in out
    assert "Para verlo otra vez: infuseprep status. Para seguir: infuseprep start." in out


def test_status_and_today_in_spanish(run, visit) -> None:
    status = " ".join(es(run, "status").stdout.split())
    assert "Su plan: " in status
    assert "Basta con un paso a la vez." in status
    assert "de 4 listos (hechos: 0, no aplican: 0, faltan: 4)" in status
    assert "En total: 0 de " in status
    es(run, "check", "light-meal/ask-about-eating")
    status = " ".join(es(run, "status").stdout.split())
    assert "Próximos:" in status
    assert "Guardado en " in status
    today = " ".join(es(run, "today").stdout.split())
    assert today.startswith("Hoy es lunes, 23 de noviembre de 2026.")


def test_history_in_spanish(run, visit) -> None:
    assert "Todavía no hay citas pasadas." in es(run, "history").stdout


def test_text_and_markdown_printouts_in_spanish(run, visit) -> None:
    run("skip", "light-meal/pack-snack")
    text = es(run, "print", "--checklist", "light-meal").stdout
    assert text.splitlines()[:6] == [
        "CÓMO PREPARARSE PARA SU INFUSIÓN",
        "================================",
        "",
        "Nombre: ______________________________",
        "Cita: jueves, 3 de diciembre de 2026 a las 9:30 a.m.",
        "Medicamento: Belimumab (Benlysta), por vía intravenosa",
    ]
    assert "[x] hecho   [ ] pendiente   [-] no me aplica" in text
    assert "Ponga algo pequeño de comer en su bolsa, si el centro dijo que sí. (no me aplica)" in (
        " ".join(text.split())
    )
    assert "Impreso por infuseprep el lunes, 23 de noviembre de 2026." in " ".join(text.split())
    markdown = es(run, "print", "--format", "markdown", "--checklist", "light-meal").stdout
    assert markdown.startswith("# Cómo prepararse para su infusión\n")
    assert "- **Teléfono del centro:** " in markdown
    assert (
        "~~Ponga algo pequeño de comer en su bolsa, si el centro dijo que sí.~~ (no me aplica)"
        in markdown
    )


def test_html_printout_says_its_language(run, visit, tmp_path: Path) -> None:
    es(run, "print", "-o", str(tmp_path / "lista.html"))
    page = (tmp_path / "lista.html").read_text(encoding="utf-8")
    assert '<html lang="es">' in page
    assert "<title>Cómo prepararse para su infusión</title>" in page
    assert '<span class="visually-hidden">pendiente: </span>' in page
    assert '<span class="visually-hidden">para llenar</span>' in page
    run("print", "-o", str(tmp_path / "list.html"))
    assert '<html lang="en">' in (tmp_path / "list.html").read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_spanish_pdf_keeps_every_spanish_letter(
    run, visit, own_checklists: Path, tmp_path: Path
) -> None:
    target = tmp_path / "lista.pdf"
    es(
        run,
        "print",
        "--checklists",
        str(own_checklists),
        "--checklist",
        "antes-de-la-cita",
        "--checklist",
        "light-meal",
        "-o",
        str(target),
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = " ".join(text.split())
    for letter in "áéíóúñü¿¡":
        assert letter in words, letter
    assert "CÓMO" not in words  # the title keeps its case; only plain text shouts
    assert "Cómo prepararse para su infusión" in words
    assert "¿Tiene preguntas? ¡Anótelas para su cita" in words
    assert "acompañante" in words
    assert "pingüino de su niño" in words
    assert "Teléfono del centro:" in words
    assert "Casillas: marcada = hecho, vacía = pendiente, raya = no me aplica." in words
    assert "Página 1 de" in words
    assert "\ufffd" not in text and "?" not in words.replace("¿Tiene preguntas?", "")
    from pypdf import PdfReader

    assert PdfReader(target).trailer["/Root"]["/Lang"] == "es"


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils")
def test_spanish_pdf_page_renders(run, visit, own_checklists: Path, tmp_path: Path) -> None:
    target = tmp_path / "lista.pdf"
    es(run, "print", "--checklists", str(own_checklists), "-o", str(target))
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", str(target), str(tmp_path / "p")],
        check=True,
    )
    (png,) = tmp_path.glob("p*.png")
    assert png.read_bytes().startswith(b"\x89PNG")


def read_calendar(path: Path) -> Calendar:
    return Calendar.from_ical(path.read_bytes())


def test_calendar_in_spanish(run, visit, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("TZ", "America/New_York")
    target = tmp_path / "cita.ics"
    es(run, "calendar", "-o", str(target), "--all")
    calendar = read_calendar(target)
    assert str(calendar["x-wr-calname"]) == "Preparación para la infusión"
    visit_event, *step_events = calendar.walk("VEVENT")
    assert str(visit_event["summary"]) == (
        "Cita de infusión: Belimumab (Benlysta), por vía intravenosa"
    )
    description = str(visit_event["description"])
    assert "Calcule más tiempo que el de la infusión." in description
    assert "\nFuente: benlysta.com, página de la infusión de Benlysta" in description
    alarms = sorted(str(alarm["description"]) for alarm in visit_event.walk("VALARM"))
    assert alarms == [
        "En 2 horas: Cita de infusión: Belimumab (Benlysta), por vía intravenosa",
        "Mañana: Cita de infusión: Belimumab (Benlysta), por vía intravenosa",
    ]
    assert step_events
    for event in step_events:
        assert str(event["description"]).endswith(
            "Cuando lo haga, márquelo como hecho en infuseprep."
        )
    # UIDs do not change with the language: a Spanish export updates the English entries.
    english = tmp_path / "visit.ics"
    run("calendar", "-o", str(english), "--all")
    uids = sorted(str(e["uid"]) for e in read_calendar(english).walk("VEVENT"))
    assert sorted(str(e["uid"]) for e in calendar.walk("VEVENT")) == uids


def test_a_finished_step_in_the_spanish_calendar(run, visit, tmp_path: Path) -> None:
    es(run, "check", "light-meal/eat-light-meal")
    target = tmp_path / "cita.ics"
    es(run, "calendar", "-o", str(target), "--all")
    summaries = [str(e["summary"]) for e in read_calendar(target).walk("VEVENT")]
    assert "Coma algo ligero antes de salir. (hecho)" in summaries


@pytest.mark.skipif(shutil.which("khal") is None, reason="needs khal")
def test_khal_imports_the_spanish_calendar(run, visit, tmp_path: Path, khal) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "cita.ics"
    es(run, "calendar", "-o", str(target))
    khal.import_file(target)
    listed = khal(
        "list", "2026-12-03", "2026-12-04", "--format", "{title}|{description}|{alarm-symbol}"
    )
    assert "Cita de infusión: Belimumab (Benlysta), por vía intravenosa|" in listed
    assert "Pregunte en el centro cuánto tiempo debe calcular." in listed


def test_fhir_texts_follow_the_language_and_codes_stay(run, visit) -> None:
    es(run, "check", "light-meal/ask-about-eating", "--note", "Con galletas")
    document = json.loads(es(run, "export", "--fhir", "response", "light-meal").stdout)
    assert document["language"] == "es"
    assert document["item"][0] == {
        "linkId": "visit-date",
        "text": "Fecha de la cita de infusión",
        "answer": [{"valueDate": "2026-12-03"}],
    }
    answer = document["item"][1]["answer"][0]
    assert answer["valueCoding"] == {
        "system": "urn:infuseprep:answer",
        "code": "done",
        "display": "Hecho",
    }
    assert answer["item"][0]["text"] == "Nota"
    questionnaire = json.loads(es(run, "export", "--fhir", "questionnaire", "light-meal").stdout)
    assert questionnaire["language"] == "es"
    displays = [o["valueCoding"]["display"] for o in questionnaire["item"][1]["answerOption"]]
    assert displays == ["Hecho", "Todavía no", "No me aplica"]
    assert [o["valueCoding"]["code"] for o in questionnaire["item"][1]["answerOption"]] == [
        "done",
        "open",
        "skipped",
    ]


def test_checklists_list_in_spanish(run) -> None:
    out = " ".join(es(run, "list").stdout.split())
    assert "Título" in out
    assert "listas. Para ver una: infuseprep show ID" in out
    assert "Listas incluidas: " in out
    show = " ".join(es(run, "show", "light-meal").stdout.split())
    assert "4 pasos, id light-meal" in show
    assert "Se hace: una sola vez." in show


def test_english_is_unchanged_after_spanish(run, visit) -> None:
    es(run, "status")
    assert "Overall: 0 of " in run("status").stdout


class Typed:
    """Lines typed at the first-run questions, one per prompt, the prompts kept."""

    def __init__(self, *lines: str) -> None:
        self.lines = list(lines)
        self.prompts: list[str] = []

    def key(self) -> str:
        raise AssertionError("the first run reads lines only")

    def line(self, prompt: str) -> str:
        self.prompts.append(prompt)
        return self.lines.pop(0)


def test_first_run_questions_in_spanish(home: Path) -> None:
    import io

    from rich.console import Console

    from infuseprep.firstrun import FirstRun
    from infuseprep.person import find_person

    i18n.use("es")
    person = find_person(home, None, "es")
    home.mkdir(exist_ok=True)
    console = Console(file=io.StringIO(), width=80, highlight=False, markup=False)
    typed = Typed("Rosa", "99", "1", "2026-11-01", "2026-12-03", "14:30", "Centro Norte", "")
    store = ProgressStore(person.progress_file)
    FirstRun(console, typed, person, store, NOW.date()).run()
    said = " ".join(console.file.getvalue().split())  # type: ignore[attr-defined]
    assert typed.prompts == [
        "Nombre: ",
        "Número: ",
        "Número: ",
        "Fecha: ",
        "Fecha: ",
        "Hora (por ejemplo, 9:30 a. m. o 14:30): ",
        "Centro: ",
        "Teléfono del centro de infusión: ",
    ]
    assert said.startswith(
        "Primero, unas preguntas para que los pasos sean para usted. Pulse solo Enter para "
        "saltar una pregunta."
    )
    assert "¿Qué medicamento recibe por infusión? Escriba su número." in said
    assert "No estoy seguro o segura, u otro medicamento" in said
    assert "Escriba un número del 1 al" in said
    assert "El domingo, 1 de noviembre de 2026 ya pasó." in said
    assert "Guardado: su infusión es el jueves, 3 de diciembre de 2026." in said
    assert "Guardado: a las 2:30 p.m. ¿Cómo se llama su centro de infusión?" in said
    assert "Guardado: Centro Norte." in said
    assert said.endswith("Gracias. Aquí están sus pasos.")
    appointment = store.read().appointment
    assert appointment is not None
    assert (appointment.center, str(appointment.time)) == ("Centro Norte", "14:30:00")
    assert person.settings().name == "Rosa"
