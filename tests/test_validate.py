"""`infuseprep validate`: every kind of problem, reported as FILE:LINE:COLUMN: message."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

GOOD = """
id: ride
title: Get a ride
items:
  - id: ask-friend
    text: Ask a friend to drive you home.
"""


def test_valid_file_passes(run, write: Callable[[str, str], Path]) -> None:
    path = write("ride.yaml", GOOD)
    result = run("validate", str(path))
    assert result.exit_code == 0
    assert result.stdout == "1 file checked: no problems found.\n"


def test_folder_is_checked_file_by_file(run, write: Callable[[str, str], Path]) -> None:
    write("lists/ride.yaml", GOOD)
    write("lists/meal.yml", GOOD.replace("ride", "meal"))
    write("lists/notes.txt", "not a checklist")
    result = run("validate", str(write("lists/ride.yaml", GOOD).parent))
    assert result.exit_code == 0
    assert result.stdout == "2 files checked: no problems found.\n"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        pytest.param(
            "id: ride\ntitle: [unclosed\nitems: []\n",
            "3:6: YAML syntax error: did not find expected ',' or ']' "
            "(while parsing a flow sequence that starts at line 2, column 8)",
            id="yaml-syntax",
        ),
        pytest.param(
            "id: ride\ntitle: Get a ride\n  items: x\n",
            "3:8: YAML syntax error: mapping values are not allowed in this context. A text "
            'with ": " in it must be in quotes or a ">-" block; otherwise check this line\'s '
            "indentation",
            id="bad-indent",
        ),
        pytest.param(
            "", "1:1: the file is empty; a checklist needs id, title and items", id="empty"
        ),
        pytest.param(
            "# only a comment\n",
            "1:1: the file is empty; a checklist needs id, title and items",
            id="comment-only",
        ),
        pytest.param(
            "- id: ride\n",
            "1:1: a checklist file must be made of key: value lines (id:, title:, items:), "
            "not a list",
            id="top-level-list",
        ),
        pytest.param(
            "just some words\n",
            "1:1: a checklist file must be made of key: value lines (id:, title:, items:), "
            "not text",
            id="top-level-text",
        ),
        pytest.param(
            "id: ride\nitems:\n  - id: a\n    text: Go.\n",
            '1:1: checklist is missing the required key "title"',
            id="missing-title",
        ),
        pytest.param(
            "id: ride\ntitle: 2024\nitems:\n  - id: a\n    text: Go.\n",
            '2:8: "title" must be text, not a number; put it in quotes',
            id="title-number",
        ),
        pytest.param(
            "id: ride\ntitle: Ride\nitems: soon\n",
            '3:8: "items" must be a list of steps, not text',
            id="items-not-list",
        ),
        pytest.param(
            "id: ride\ntitle: Ride\nitems: []\n",
            '3:8: "items" is empty; a checklist needs at least one step',
            id="items-empty",
        ),
        pytest.param(
            "id: ride\ntitel: Ride\nitems:\n  - id: a\n    text: Go.\n",
            '2:1: unknown key "titel" in checklist; did you mean "title"?',
            id="typo-top",
        ),
        pytest.param(
            "id: ride\ntitle: Ride\nitems:\n  - id: a\n    txet: Go.\n",
            '5:5: unknown key "txet" in item; did you mean "text"?',
            id="typo-item",
        ),
        pytest.param(
            "id: ride\ntitle: Ride\ncolour: red\nitems:\n  - id: a\n    text: Go.\n",
            '3:1: unknown key "colour" in checklist; known keys are "id", "title", '
            '"description", "source", "order", "scope", "items"',
            id="unknown-key",
        ),
        pytest.param(
            "id: ride\ntitle: Ride\nitems:\n  - id: a\n    text: Go.\n"
            "  - id: a\n    text: Again.\n",
            '6:9: the item id "a" is used twice in this file (first on line 4)',
            id="duplicate-item",
        ),
        pytest.param(
            "id: Ride Home\ntitle: Ride\nitems:\n  - id: a\n    text: Go.\n",
            '1:5: "id" must be lowercase letters, digits and hyphens (like "lab-work"), '
            'not "Ride Home"',
            id="bad-id",
        ),
        pytest.param(
            "id: ride\ntitle: Ride\nitems:\n  - text: Go.\n",
            '4:5: item is missing the required key "id"',
            id="item-missing-id",
        ),
        pytest.param(
            "id: ride\ntitle: Ride\nitems:\n  - Go.\n",
            "4:5: each step must be key: value lines (id:, text:), not text",
            id="item-not-mapping",
        ),
        pytest.param(
            "id: ride\ntitle: Ride\ntitle: Again\nitems:\n  - id: a\n    text: Go.\n",
            '3:1: the key "title" appears twice in the same place (first on line 2)',
            id="duplicate-key",
        ),
        pytest.param(
            "id: ride\ntitle: Ride\nitems:\n  - id: a\n    text: Go.\n    when: soonish\n",
            '6:11: "soonish" is not a timing infuseprep knows; use one of: N days before '
            "(1 to 365), N weeks before (1 to 52), N days after (1 to 14), day before, evening "
            "before, morning of, "
            "at the visit, day after",
            id="bad-timing",
        ),
        pytest.param(
            "id: ride\ntitle: Ride\nitems:\n  - id: a\n    text: Go.\n    when: 400 days before\n",
            "6:11: days before must be from 1 to 365, not 400",
            id="timing-range",
        ),
        pytest.param(
            "id: ride\ntitle: Ride\nitems:\n  - id: a\n    text: Go.\n    when: 15 days after\n",
            "6:11: days after must be from 1 to 14, not 15",
            id="timing-after-range",
        ),
        pytest.param(
            "id: ride\ntitle: Ride\nitems:\n  - id: a\n    text: Go.\n    when: 2 weeks after\n",
            '6:11: "2 weeks after" is not a timing infuseprep knows; after a visit, count days, '
            'as in "7 days after" (1 to 14)',
            id="timing-weeks-after",
        ),
        pytest.param(
            "id: ride\ntitle: Ride\nitems:\n  - id: a\n    text: Go.\n    scope: weekly\n",
            '6:12: "scope" must be one of "once", "every visit", "yearly", not "weekly"',
            id="bad-scope",
        ),
        pytest.param(
            "id: ride\ntitle: Ride\norder: first\nitems:\n  - id: a\n    text: Go.\n",
            '3:8: "order" must be a whole number, not text',
            id="order-text",
        ),
        pytest.param(
            "id: ride\ntitle: Ride\nitems:\n  - id: a\n    text: Go.\n    medications: belimumab\n",
            '6:18: "medications" must be a list of medication ids, not text',
            id="medications-text",
        ),
        pytest.param(
            "id: ride\ntitle: Ride\nitems:\n  - id: a\n    text: Go.\n"
            "    medications: [belimumab-iv, belimumab]\n",
            '6:33: unknown medication "belimumab"; did you mean "belimumab-iv"?',
            id="unknown-medication",
        ),
        pytest.param(
            "id: ride\ntitle: '   '\nitems:\n  - id: a\n    text: Go.\n",
            '2:8: "title" must not be blank',
            id="blank-title",
        ),
        pytest.param(
            "id: ride\ntitle: !!python/object/apply:os.system ['echo hi']\nitems: []\n",
            '2:8: the tag "tag:yaml.org,2002:python/object/apply:os.system" is not allowed; '
            "use plain values",
            id="python-tag",
        ),
        pytest.param(
            "id: ride\ntitle: !!python/name:os.system\nitems: []\n",
            '2:8: the tag "tag:yaml.org,2002:python/name:os.system" is not allowed; '
            "use plain values",
            id="python-scalar-tag",
        ),
        pytest.param(
            "id: ride\ntitle: Ride\nitems:\n  - id: a\n    text: Go.\n---\nid: more\n",
            "6:1: a file holds one checklist; found a second YAML document",
            id="two-documents",
        ),
        pytest.param(
            "id: ride\ntitle: *missing\nitems: []\n",
            '2:8: the alias "*missing" has no matching anchor "&missing"',
            id="undefined-alias",
        ),
        pytest.param(
            "id: ride\ntitle:\n  text: Ride\nitems:\n  - id: a\n    text: Go.\n",
            '3:3: "title" must be text, not a group of key: value lines',
            id="title-mapping",
        ),
        pytest.param(
            "id: ride\ntitle: Ride\nitems:\n  - id: a\n    text: Go.\n    ? [x]\n    : y\n",
            "6:7: a key must be a plain word, not a list or mapping",
            id="complex-key",
        ),
    ],
)
def test_each_problem_has_its_line_and_column(
    run, write: Callable[[str, str], Path], content: str, expected: str
) -> None:
    path = write("broken.yaml", content)
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert result.stdout == f"{path}:{expected}\n"
    assert result.stderr == "1 file checked: 1 problem found.\n"


def test_all_problems_in_a_file_are_reported_together(run, write) -> None:
    path = write(
        "two.yaml",
        "id: ride\ntitel: Ride\nitems:\n  - id: a\n    txet: Go.\n  - text: Two\n    id: B\n",
    )
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f'{path}:2:1: unknown key "titel" in checklist; did you mean "title"?',
        f'{path}:5:5: unknown key "txet" in item; did you mean "text"?',
        f'{path}:7:9: "id" must be lowercase letters, digits and hyphens (like "lab-work"), '
        'not "B"',
    ]
    assert result.stderr == "1 file checked: 3 problems found.\n"


def test_non_utf8_byte_is_located(run, tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("id: ride\ntitle: Caf\u00e9 stop\n".encode("latin-1"))
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert result.stdout == f"{path}:2:11: byte 0xe9 is not valid UTF-8; save the file as UTF-8\n"


def test_utf8_with_byte_order_mark_and_accents_is_fine(run, tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(("\ufeff" + GOOD.replace("Get a ride", "Caf\u00e9 \u201cstop\u201d")).encode())
    result = run("validate", str(path))
    assert result.exit_code == 0, result.stdout


def test_duplicate_checklist_ids_across_files(run, write) -> None:
    first = write("lists/a.yaml", GOOD)
    second = write("lists/b.yaml", "# same id\n" + GOOD.lstrip("\n"))
    result = run("validate", str(first.parent))
    assert result.exit_code == 1
    assert result.stdout == f'{second}:2:1: the checklist id "ride" is also used by {first}:1\n'


def test_missing_path_is_a_usage_error(run, tmp_path: Path) -> None:
    result = run("validate", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_folder_without_checklists(run, tmp_path: Path) -> None:
    result = run("validate", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == f"No checklist files (*.yaml or *.yml) were found in {tmp_path}.\n"
