"""validate --readability: each step's grade, a warning above grade 8, errors still fail."""

from __future__ import annotations

import pytest

from infuseprep.readability import grade

HARD = (
    "Notwithstanding considerable interindividual variability, administration necessitates "
    "comprehensive premedication evaluation."
)


def test_grade_formula_on_known_sentences() -> None:
    assert grade(["The cat sat on the mat."]) == pytest.approx(-1.45, abs=0.01)
    assert grade([HARD]) > 12
    assert grade([]) == 0.0


def test_a_hard_step_is_a_warning_that_does_not_fail(run, write) -> None:
    path = write(
        "mine.yaml",
        f"""
        id: mine
        title: Mine
        items:
          - id: easy
            text: Pack a snack.
          - id: hard
            text: {HARD}
        """,
    )
    result = run("validate", "--readability", str(path))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f'{path}:4:9: step "easy" reads at grade -2.6'
    assert lines[1].startswith(f'{path}:6:9: warning: step "hard" reads at grade ')
    assert lines[1].endswith("above grade 8; use shorter sentences and shorter words")
    assert lines[2].startswith("Reading grade: ")
    assert lines[2].endswith("on average over 2 steps; 1 above grade 8.")
    assert lines[3] == "1 file checked: no problems found."


def test_errors_still_fail_with_readability(run, write) -> None:
    path = write(
        "bad.yaml", "id: bad\ntitle: Bad\nitems:\n  - id: x\n    text: Go.\n    colour: red\n"
    )
    result = run("validate", "--readability", str(path))
    assert result.exit_code == 1
    assert 'unknown key "colour"' in result.stdout
