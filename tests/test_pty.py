"""The installed infuseprep in a real pseudo-terminal: single keys, back, notes, Ctrl-C, resume,
keys as terminals send them (typed ahead, arrows, Esc), Ctrl-Z and fg, SIGTERM and SIGHUP."""

from __future__ import annotations

import io
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import termios
import time
from collections.abc import Iterator
from pathlib import Path

import pexpect
import pytest

from infuseprep.firstrun import QUESTIONS
from infuseprep.store import ProgressStore

EXECUTABLE = str(Path(sys.executable).with_name("infuseprep"))
PROMPT = re.escape("Press y, n, s, b, ?, e or q.")
SAVED = re.escape("Progress saved. To go on from here, run: infuseprep start")
LATENCIES: list[float] = []


def past_first_run(home: Path) -> None:
    """As if the first-run questions had been skipped, so the walk starts at once."""
    settings = home / "profile.json"
    if not settings.exists():
        document = {"format": "infuseprep-profile", "version": 1, "asked": list(QUESTIONS)}
        settings.write_text(json.dumps(document), encoding="utf-8")


@pytest.fixture
def spawn(home: Path) -> Iterator[object]:
    children: list[pexpect.spawn] = []

    def start(*args: str, skip_date: bool = True, **env: str) -> pexpect.spawn:
        if skip_date:
            past_first_run(home)
        environment = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(home),
            "INFUSEPREP_HOME": str(home),
            "TERM": "xterm-256color",
            "NO_COLOR": "1",
            "LANG": "C.UTF-8",
            # The code under test, when the tests are pointed at a checkout of their own.
            **{name: os.environ[name] for name in ("PYTHONPATH",) if name in os.environ},
            **env,
        }
        child = pexpect.spawn(
            EXECUTABLE,
            ["start", *args],
            env=environment,
            encoding="utf-8",
            dimensions=(40, 80),
            timeout=15,
        )
        child.logfile_read = io.StringIO()
        child.delaybeforesend = None  # pexpect waits 50 ms before each send unless told not to
        children.append(child)
        return child

    yield start
    for child in children:
        child.close(force=True)


def press(child: pexpect.spawn, key: str, expected: str) -> None:
    """Send one key without Enter and wait for what it leads to, timing the answer."""
    started = time.perf_counter()
    child.send(key)
    child.expect(expected)
    LATENCIES.append(time.perf_counter() - started)


def finish(child: pexpect.spawn) -> int:
    child.expect(pexpect.EOF)
    child.close()
    assert "Traceback" not in (child.before or "")
    return int(child.exitstatus if child.exitstatus is not None else 128 + child.signalstatus)


def test_single_keys_back_details_and_note(spawn, home: Path) -> None:
    child = spawn("--checklist", "light-meal")
    child.expect("Eat a light meal: step 1 of 4")
    child.expect(PROMPT)
    press(child, "y", "Saved: done.")
    child.expect("step 2 of 4")
    child.expect(PROMPT)
    press(child, "b", "step 1 of 4")
    child.expect("Your answer so far: done.")
    child.expect(PROMPT)
    press(child, "?", re.escape("When: 1 week before. This step is done once."))
    press(child, "e", "Note: ")
    child.sendline("Ask about crackers")
    child.expect("Note saved.")
    press(child, "s", "Saved: does not apply.")
    child.expect("step 2 of 4")
    child.expect(PROMPT)
    press(child, "z", "Keys: y done, n not yet")
    press(child, "q", SAVED)
    assert finish(child) == 0
    answer = ProgressStore(home / "progress.json").read().get("light-meal", "ask-about-eating")
    assert answer is not None
    assert (answer.state, answer.note) == ("skipped", "Ask about crackers")


def test_ctrl_c_keeps_answers_and_start_resumes(spawn, home: Path) -> None:
    child = spawn("--checklist", "hydration")
    child.expect("step 1 of 5")
    child.expect(PROMPT)
    press(child, "y", "step 2 of 5")
    child.expect(PROMPT)
    press(child, "n", "step 3 of 5")
    child.expect(PROMPT)
    child.sendintr()
    child.expect(SAVED)
    output = child.before or ""
    assert finish(child) == 130
    assert "Aborted" not in output
    again = spawn("--checklist", "hydration")
    again.expect("Drink enough water: step 3 of 5")
    again.expect(PROMPT)
    press(again, "y", "step 4 of 5")
    again.expect(PROMPT)
    again.sendeof()
    again.expect(SAVED)
    assert finish(again) == 0
    progress = ProgressStore(home / "progress.json").read()
    states = [
        progress.state("hydration", item)
        for item in ("ask-fluid-limit", "drink-day-before", "pack-water")
    ]
    assert states == ["done", "open", "done"]


def test_the_first_run_asks_saves_as_it_goes_and_resumes(spawn, home: Path) -> None:
    """Answers given, one skipped, quit in the middle, then resumed where it stopped."""
    child = spawn("--checklist", "hydration", skip_date=False)
    child.expect(re.escape("A few questions first"))
    child.expect("Name: ")
    child.sendline("Rosa")
    child.expect("Number: ")
    child.sendline("2")
    child.expect(re.escape("Saved: Anifrolumab (Saphnelo), IV."))
    child.expect("Date: ")
    child.sendline("q")
    child.expect(SAVED)
    assert finish(child) == 0
    settings = json.loads((home / "profile.json").read_text(encoding="utf-8"))
    assert (settings["name"], settings["medicine"], settings["asked"]) == (
        "Rosa",
        "anifrolumab-iv",
        ["name", "medicine"],
    )
    again = spawn("--checklist", "hydration", skip_date=False)
    again.expect("Date: ")
    assert "Name: " not in transcript(again)
    again.sendline("someday")
    again.expect(re.escape('"someday" is not a date infuseprep can use: write it like one of'))
    again.expect("Date: ")
    again.sendline("in 10 days")
    again.expect("Saved: your infusion is on ")
    again.expect(re.escape("Time (for example 9:30 AM): "))
    again.sendline("")  # skipped
    again.expect("Center: ")
    again.sendline("Riverside Infusion Center")
    again.expect("Its phone number: ")
    again.sendline("555-010-4000")
    again.expect("Here are your steps.")
    again.expect("Drink enough water: step 1 of 5")
    again.expect(PROMPT)
    again.send("q")
    again.expect(SAVED)
    assert finish(again) == 0
    appointment = ProgressStore(home / "progress.json").read().appointment
    assert appointment is not None
    assert (appointment.medication, appointment.time) == ("anifrolumab-iv", None)
    third = spawn("--checklist", "hydration", skip_date=False)
    third.expect("step 1 of 5")
    assert "Name: " not in transcript(third) and "Date: " not in transcript(third)
    third.send("q")
    third.expect(SAVED)
    assert finish(third) == 0
    assert (
        "Rosa's infusion: "
        in subprocess.run(
            [EXECUTABLE, "status"],
            env={"INFUSEPREP_HOME": str(home), "PATH": os.environ.get("PATH", "")},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )


def test_review_and_summary_on_a_terminal(spawn) -> None:
    child = spawn("--checklist", "light-meal")
    for key in "ynyy":
        child.expect(PROMPT)
        child.send(key)
    child.expect(re.escape('You said "not yet" to 1 step. Go over it again now? Press y or n.'))
    child.send("y")
    child.expect("Going over the steps you left for later.")
    child.expect("Eat a light meal: step 2 of 4")
    child.expect(PROMPT)
    child.send("y")
    child.expect(re.escape("That is every step: 4 done, 0 do not apply, 0 still open."))
    assert finish(child) == 0


def transcript(child: pexpect.spawn) -> str:
    return child.logfile_read.getvalue()  # type: ignore[no-any-return]


def test_colour_terminal_still_says_everything_in_words(spawn) -> None:
    child = spawn("--checklist", "light-meal", NO_COLOR="")
    child.expect("step 1 of 4")
    child.expect(PROMPT)
    child.send("q")
    child.expect(SAVED)
    assert finish(child) == 0
    assert "\x1b[" in transcript(child)


def test_dumb_terminal_gets_no_control_codes(spawn) -> None:
    child = spawn("--checklist", "light-meal", TERM="dumb", NO_COLOR="")
    child.expect(PROMPT)
    child.send("q")
    child.expect(SAVED)
    assert finish(child) == 0
    assert "\x1b[" not in transcript(child)
    assert "Eat a light meal: step 1 of 4" in transcript(child)


def read_answer(home: Path, item: str) -> tuple[str, str | None] | None:
    answer = ProgressStore(home / "progress.json").read().get("light-meal", item)
    return None if answer is None else (answer.state, answer.note)


def test_keys_typed_ahead_all_count_in_order(spawn, home: Path) -> None:
    child = spawn("--checklist", "light-meal")
    child.expect("step 1 of 4")
    child.expect(PROMPT)
    press(child, "yns", "step 4 of 4")  # one write, as a paste or fast typing sends it
    child.expect(PROMPT)
    child.send("q")
    child.expect(SAVED)
    assert finish(child) == 0
    said = transcript(child)
    assert said.index("Saved: done.") < said.index("Saved: not yet.")
    assert said.index("Saved: not yet.") < said.index("Saved: does not apply.")
    items = ("ask-about-eating", "have-food-ready", "pack-snack")
    assert [read_answer(home, item) for item in items] == [
        ("done", None),
        ("open", None),
        ("skipped", None),
    ]


def test_arrows_backspace_and_other_keys_as_terminals_send_them(spawn) -> None:
    child = spawn("--checklist", "light-meal")
    child.expect(PROMPT)
    press(child, "y", "step 2 of 4")
    child.expect(PROMPT)
    press(child, "\x1b[D", "step 1 of 4")  # left arrow
    child.expect(PROMPT)
    child.send("\x1bOC\x1b[15~\x1b[1;5A\x1bOP\x1bx")  # right arrow, F5, Ctrl-up, F1, Alt-x
    press(child, "y", "step 2 of 4")
    child.expect(PROMPT)
    press(child, "\x7f", "step 1 of 4")  # Backspace
    child.expect(PROMPT)
    press(child, "\x1b", SAVED)  # a bare Esc
    assert finish(child) == 0
    said = transcript(child)
    assert "does nothing here" not in said
    assert "[15~" not in said and "OC" not in said and "\x1b[D" not in said


def test_an_arrow_key_in_a_note_is_not_stored(spawn, home: Path) -> None:
    child = spawn("--checklist", "light-meal")
    child.expect(PROMPT)
    press(child, "e", "Note: ")
    child.send("Ask\x1b[D\x1b[Cabout \x1b[Acrackers\r")
    child.expect("Note saved.")
    child.expect(PROMPT)
    press(child, "q", SAVED)
    assert finish(child) == 0
    assert read_answer(home, "ask-about-eating") == ("open", "Askabout crackers")


def test_ctrl_z_and_fg_redraw_the_step_and_lose_no_key(home: Path) -> None:
    """Under a real shell with job control, as a person would do it."""
    shell = pexpect.spawn(
        "bash",
        ["--norc", "--noprofile", "-i"],
        env={
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(home),
            "INFUSEPREP_HOME": str(home),
            "TERM": "dumb",
            "PS1": "ready> ",
            "LANG": "C.UTF-8",
        },
        encoding="utf-8",
        dimensions=(40, 80),
        timeout=15,
    )
    shell.delaybeforesend = None
    try:
        shell.expect("ready> ")
        past_first_run(home)
        shell.sendline(f"{EXECUTABLE} start --checklist light-meal")
        shell.expect("Eat a light meal: step 1 of 4")
        shell.expect(PROMPT)
        shell.send("\x1a")  # Ctrl-Z
        shell.expect("Stopped")
        shell.expect("ready> ")
        shell.sendline("stty -a | grep -o -- ' -\\?icanon'")
        shell.expect(" icanon")  # the shell got its terminal back as it was
        shell.expect("ready> ")
        shell.sendline("fg")
        shell.expect("Eat a light meal: step 1 of 4")  # shown again
        shell.expect(PROMPT)
        press(shell, "y", "Saved: done.")  # the first key after fg counts, without Enter
        shell.expect("step 2 of 4")
        shell.expect(PROMPT)
        shell.send("q")
        shell.expect(SAVED)
        shell.expect("ready> ")
        shell.sendline("echo status=$?")
        shell.expect("status=0")
        assert "Traceback" not in shell.before
    finally:
        shell.close(force=True)
    assert read_answer(home, "ask-about-eating") == ("done", None)


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_sigterm_and_sighup_restore_the_terminal_and_keep_answers(
    spawn, home: Path, signum: int, code: int
) -> None:
    child = spawn("--checklist", "light-meal")
    child.expect(PROMPT)
    press(child, "y", "step 2 of 4")
    child.expect(PROMPT)
    assert not termios.tcgetattr(child.child_fd)[3] & termios.ICANON  # single keys, no Enter
    child.kill(signum)
    if signum == signal.SIGTERM:
        child.expect(SAVED)
    child.expect(pexpect.EOF)
    assert termios.tcgetattr(child.child_fd)[3] & termios.ICANON  # the line mode is back
    assert finish(child) == code
    assert "Traceback" not in transcript(child)
    assert read_answer(home, "ask-about-eating") == ("done", None)


def test_a_walk_in_spanish_with_its_own_keys_then_resume(spawn, home: Path) -> None:
    prompt = re.escape("Pulse s, n, x, a, ?, e o q.")
    saved = re.escape("Su progreso está guardado. Para seguir desde aquí, escriba:")
    child = spawn("--lang", "es", "--checklist", "light-meal")
    child.expect("Teclas: s sí, hecho; n todavía no; x no me aplica; a atrás;")
    child.expect(re.escape("Coma algo ligero: paso 1 de 4"))
    child.expect(prompt)
    press(child, "s", "Guardado: hecho.")  # s is "sí" in Spanish, not "skip"
    child.expect("paso 2 de 4")
    child.expect(prompt)
    press(child, "n", "Guardado: todavía no.")
    child.expect("paso 3 de 4")
    child.expect(prompt)
    press(child, "a", "paso 2 de 4")
    child.expect("Su respuesta hasta ahora: todavía no.")
    child.expect(prompt)
    press(child, "e", "Nota: ")
    child.sendline("Llevar galletas, ¿sí?")
    child.expect("Nota guardada.")
    child.expect(prompt)
    press(child, "?", "Cuándo: ")
    child.expect(prompt)
    press(child, "z", 'La tecla "z" no hace nada aquí.')
    press(child, "x", "Guardado: no me aplica.")
    child.expect("paso 3 de 4")
    child.expect(prompt)
    press(child, "q", saved)
    assert finish(child) == 0
    again = spawn("--lang", "es", "--checklist", "light-meal")
    again.expect("paso 3 de 4")
    again.expect(prompt)
    press(again, "s", "paso 4 de 4")
    again.expect(prompt)
    press(again, "\x1b", saved)  # Esc also saves and quits
    assert finish(again) == 0
    progress = ProgressStore(home / "progress.json").read()
    answers = [
        progress.get("light-meal", item)
        for item in ("ask-about-eating", "have-food-ready", "pack-snack", "eat-light-meal")
    ]
    assert [(a.state, a.note) if a else None for a in answers] == [
        ("done", None),
        ("skipped", "Llevar galletas, ¿sí?"),
        ("done", None),
        None,
    ]


def test_keypress_latency_is_reported() -> None:
    """Runs last in this file: the median time from a keypress to the next screen."""
    assert LATENCIES, "the pty tests above recorded no keypress"
    median = statistics.median(LATENCIES)
    print(f"\nkeypress to next screen: median {median * 1000:.1f} ms over {len(LATENCIES)} keys")
    assert median < 0.5
