"""The core's words in Spanish: countdowns, the visit in one sentence, due dates, errors."""

from __future__ import annotations

import errno
from collections.abc import Iterator
from datetime import date, datetime, time, timezone
from pathlib import Path

import pytest

from conftest import RIVERSIDE_VISIT
from infuseprep import i18n
from infuseprep.errors import (
    ChecklistInvalid,
    Problem,
    ProgressUnreadable,
    TooSoon,
    UnknownChecklist,
    UsageProblem,
    describe_os_error,
)
from infuseprep.i18n import ngettext
from infuseprep.medications import CONFIRM, Gap, medication
from infuseprep.person import Person, profile_name, unknown_profile
from infuseprep.progress import Appointment
from infuseprep.visits import check_interval, next_visit
from infuseprep.words import appointment_line, countdown, due_words, either, state_word

TODAY = date(2026, 11, 23)
VISIT = date(2026, 12, 3)


@pytest.fixture
def spanish() -> Iterator[None]:
    """Speak Spanish for one test, then English again."""
    i18n.use("es")
    try:
        yield
    finally:
        i18n.use("en")


@pytest.mark.usefixtures("spanish")
@pytest.mark.parametrize(
    ("day", "words"),
    [
        (TODAY, "hoy"),
        (date(2026, 11, 24), "mañana"),
        (date(2026, 11, 25), "en 2 días"),
        (VISIT, "en 10 días"),
        (date(2026, 11, 22), "ayer"),
        (date(2026, 11, 20), "hace 3 días"),
    ],
)
def test_countdown_in_spanish(day: date, words: str) -> None:
    assert countdown(day, TODAY) == words


@pytest.mark.usefixtures("spanish")
def test_the_visit_in_one_spanish_sentence() -> None:
    appointment = Appointment(VISIT, time(9, 30), center="Riverside Infusion Center", dose=2)
    assert appointment_line(appointment, TODAY, "Belimumab (Benlysta), IV") == (
        "Su infusión: jueves, 3 de diciembre de 2026 a las 9:30 a.m., en 10 días. "
        "Belimumab (Benlysta), IV, dosis 2. En Riverside Infusion Center."
    )
    at_one = Appointment(VISIT, time(13, 0))
    assert appointment_line(at_one, TODAY, None, "Rosa") == (
        "La infusión de Rosa: jueves, 3 de diciembre de 2026 a la 1:00 p.m., en 10 días."
    )
    undated = Appointment(TODAY)
    assert appointment_line(undated, TODAY, None, "Rosa") == (
        "La infusión de Rosa: lunes, 23 de noviembre de 2026, hoy."
    )


@pytest.mark.usefixtures("spanish")
def test_due_words_in_spanish() -> None:
    assert due_words(TODAY, TODAY) == "Para hoy."
    assert due_words(VISIT, TODAY) == "Para el jueves, 3 de diciembre de 2026, en 10 días."
    assert due_words(date(2026, 11, 20), TODAY) == (
        "Atrasado: era para el viernes, 20 de noviembre de 2026."
    )
    assert due_words(date(2026, 11, 20), TODAY, planned_on=date(2026, 11, 21)) == (
        "Hágalo pronto: la fecha sugerida (el viernes, 20 de noviembre de 2026) ya había pasado "
        "cuando se fijó la cita."
    )


@pytest.mark.usefixtures("spanish")
def test_numbers_answers_and_choices_in_spanish() -> None:
    assert [ngettext("{count} day", "{count} days", n).format(count=n) for n in (1, 2)] == [
        "1 día",
        "2 días",
    ]
    assert [str(Gap(2, "week")), Gap(2, "week").words(), Gap(1, "month").words()] == [
        "2 weeks",  # as the file and the cache keep it
        "2 semanas",
        "1 mes",
    ]
    assert [state_word(state) for state in ("done", "open", "skipped")] == [
        "hecho",
        "todavía no",
        "no me aplica",
    ]
    assert either(['"a"', '"b"', '"c"']) == '"a" o "b" o "c"'


def test_numbers_answers_and_choices_stay_english() -> None:
    assert [state_word(state) for state in ("done", "open", "skipped")] == [
        "done",
        "not yet",
        "does not apply",
    ]
    assert either(['"a"', '"b"']) == '"a" or "b"'
    assert either(['"a"']) == '"a"'
    assert Gap(1, "day").words() == "1 day"


@pytest.mark.usefixtures("spanish")
def test_os_errors_in_spanish_words() -> None:
    assert describe_os_error(PermissionError(errno.EACCES, "Permission denied", "/x/p.json")) == (
        "infuseprep no tiene permiso para usar /x/p.json (permiso denegado). Revise quién es el "
        "dueño y qué permisos tiene, o elija otro lugar."
    )
    assert describe_os_error(OSError(errno.ENOSPC, "No space left on device", "/x/p.json")) == (
        "El disco está lleno, así que no se pudo guardar /x/p.json. Libere espacio e inténtelo "
        "de nuevo."
    )
    assert describe_os_error(FileNotFoundError(errno.ENOENT, "No such file")) == (
        "No existe un archivo. Revise el nombre o cree primero la carpeta."
    )


@pytest.mark.usefixtures("spanish")
def test_errors_in_spanish() -> None:
    unknown = UnknownChecklist("infusion", ["infusion-day"], ["infusion-day", "insurance"])
    assert str(unknown) == (
        'No hay ninguna lista de pasos con el id "infusion". ¿Quiso decir "infusion-day" o '
        '"insurance"? Para verlas todas, ejecute "infuseprep list".'
    )
    invalid = ChecklistInvalid([Problem("lists/a.yaml", 3, 1, "x")])
    assert str(invalid).splitlines()[-1] == (
        "Hay 1 problema en las listas de pasos. Corríjalo y vuelva a revisarlas con: "
        "infuseprep validate lists"
    )
    damaged = ProgressUnreadable("progress.json", "is not text", reset_hint=False)
    assert str(damaged).endswith(". Sus respuestas guardadas ahí siguen intactas.")
    with pytest.raises(UsageProblem) as refused:
        profile_name("mamá")
    assert str(refused.value).startswith('"mamá" no puede ser el nombre de un perfil.')
    missing = unknown_profile(Person("rosa", Path("/nowhere")))
    assert str(missing) == (
        'No hay ningún perfil "rosa". Perfiles guardados aquí: default. Para crear uno nuevo, '
        "ejecute: infuseprep profile add rosa"
    )
    with pytest.raises(UsageProblem, match=r'^No se encontró el medicamento "benlysa"\. '):
        medication("benlysa")


@pytest.mark.usefixtures("spanish")
def test_medication_messages_in_spanish() -> None:
    with pytest.raises(TooSoon) as refused:
        check_interval("anifrolumab-iv", date(2026, 11, 20), date(2026, 11, 23))
    message = str(refused.value)
    assert message.startswith(
        "El lunes, 23 de noviembre de 2026 es solo 3 días después de la dosis del viernes, 20 de "
        "noviembre de 2026, y Anifrolumab (Saphnelo), por vía intravenosa necesita al menos "
        "14 días entre dosis (Fuente: SAPHNELO"
    )
    assert message.endswith(
        "No se cambió nada. Si su equipo de atención médica eligió esta fecha, ejecute el mismo "
        "comando otra vez con --yes."
    )
    _, reason = next_visit(Appointment(VISIT, medication="belimumab-iv"))
    assert reason.startswith(
        "Belimumab (Benlysta), por vía intravenosa se da 2 semanas después de la dosis 1 (se "
        "tomó como dosis 1; si es otra, use --dose). Fuente: BENLYSTA"
    )
    assert i18n._(CONFIRM) == ("Confirme las fechas de sus dosis con su equipo de atención médica.")


@pytest.mark.usefixtures("spanish")
def test_the_command_line_sets_a_visit_in_spanish(  # type: ignore[no-untyped-def]
    run, monkeypatch: pytest.MonkeyPatch
) -> None:
    pinned = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
    monkeypatch.setattr("infuseprep.clock.now", lambda: pinned)
    result = run("--lang", "es", *RIVERSIDE_VISIT)
    assert result.exit_code == 0, result.output
    assert " ".join(result.stdout.split()).startswith(
        "Su infusión: jueves, 3 de diciembre de 2026 a las 9:30 a.m., en 10 días."
    )
