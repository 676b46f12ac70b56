"""A clinic's checklists: checked, then installed; a file with a mistake changes nothing."""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path

import pytest

PARKING = """\
id: parking
title: Park at Riverside
items:
  - id: lot-c
    text: Park in lot C. It is free for patients.
"""
LIGHT_MEAL = """\
id: light-meal
title: Eat a light meal (Riverside)
items:
  - id: cafe
    text: The cafe on floor 1 is open from 7.
"""
CENTER = "name: Riverside Infusion Center\nphone: 555-123-4567\n"


@pytest.fixture
def clinic(tmp_path: Path) -> Path:
    folder = tmp_path / "riverside"
    folder.mkdir()
    (folder / "parking.yaml").write_text(PARKING, encoding="utf-8")
    (folder / "light-meal.yaml").write_text(LIGHT_MEAL, encoding="utf-8")
    (folder / "center.yaml").write_text(CENTER, encoding="utf-8")
    return folder


def ids(run, *options: str) -> list[str]:  # type: ignore[no-untyped-def]
    result = run("status", "--json", *options)
    assert result.exit_code == 0, result.output
    import json

    return [checklist["id"] for checklist in json.loads(result.stdout)["checklists"]]


def test_add_says_what_it_adds_and_replaces(run, clinic: Path, home: Path) -> None:
    result = run("checklists", "add", str(clinic))
    assert result.exit_code == 0
    assert result.stdout == (
        "Checked, no problems. To install for everyone on this computer:\n"
        "  light-meal: replaces the bundled light-meal\n"
        "  parking: new\n"
        "  center.yaml: the clinic's center card\n"
        f"Installed in {home / 'checklists'}.\n"
    )
    installed = home / "checklists" / "parking.yaml"
    assert installed.read_text(encoding="utf-8") == PARKING
    assert stat.S_IMODE(installed.stat().st_mode) == 0o600
    assert "parking" in ids(run)


def test_add_asks_before_replacing_an_installed_checklist(run, clinic: Path, home: Path) -> None:
    run("checklists", "add", str(clinic))
    (clinic / "parking.yaml").write_text(PARKING.replace("lot C", "lot D"), encoding="utf-8")
    refused = run("checklists", "add", str(clinic), input="n\n")
    assert refused.stdout.endswith(
        "Replace the checklists installed before? [y/N] Nothing changed.\n"
    )
    assert "lot C" in (home / "checklists" / "parking.yaml").read_text(encoding="utf-8")
    assert run("checklists", "add", str(clinic), "--yes").exit_code == 0
    assert "lot D" in (home / "checklists" / "parking.yaml").read_text(encoding="utf-8")


def test_a_file_with_a_mistake_changes_nothing_and_names_every_problem(
    run, clinic: Path, home: Path
) -> None:
    (clinic / "broken.yaml").write_text("id: broken\ntitel: x\n", encoding="utf-8")
    result = run("checklists", "add", str(clinic))
    assert result.exit_code == 1
    assert f"{clinic / 'broken.yaml'}:2:1: unknown key" in result.stderr
    assert "is missing the required key" in result.stderr
    assert not (home / "checklists").exists()


def test_for_one_person_only(run, clinic: Path) -> None:
    run("profile", "add", "mum")
    assert run("checklists", "add", str(clinic), "--profile", "mum").exit_code == 0
    assert "parking" in ids(run, "--profile", "mum")
    assert "parking" not in ids(run)


def test_remove_takes_out_an_installed_one_and_keeps_answers(run, clinic: Path, home: Path) -> None:
    run("checklists", "add", str(clinic))
    run("check", "parking/lot-c")
    result = run("checklists", "remove", "parking")
    assert result.exit_code == 0
    assert result.stdout == (
        f'Removed "parking" ({home / "checklists" / "parking.yaml"}). Answers you gave to it '
        "are kept.\n"
    )
    assert "parking" in (home / "progress.json").read_text(encoding="utf-8")


def test_a_bundled_checklist_cannot_be_removed_only_hidden(run) -> None:
    refused = run("checklists", "remove", "consultation")
    assert refused.exit_code == 2
    assert refused.stderr == (
        '"consultation" comes with infuseprep and cannot be removed. To stop seeing it, run: '
        "infuseprep checklists hide consultation\n"
    )
    assert run("checklists", "hide", "consultation").exit_code == 0
    assert "consultation" not in ids(run)
    assert run("checklists", "unhide", "consultation").exit_code == 0
    assert "consultation" in ids(run)


def test_a_zip_with_the_same_layout_installs(run, clinic: Path, tmp_path: Path) -> None:
    archive = tmp_path / "riverside.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        for file in clinic.iterdir():
            bundle.write(file, f"riverside/{file.name}")
    assert run("checklists", "add", str(archive)).exit_code == 0
    assert "parking" in ids(run)


@pytest.mark.parametrize(
    ("member", "why"),
    [("../escape.yaml", "points outside it"), ("/etc/escape.yaml", "points outside it")],
)
def test_a_zip_that_points_outside_is_refused(run, tmp_path: Path, home: Path, member, why) -> None:
    archive = tmp_path / "bad.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("parking.yaml", PARKING)
        bundle.writestr(member, PARKING)
    result = run("checklists", "add", str(archive))
    assert result.exit_code == 2
    assert why in result.stderr
    assert not (home / "checklists").exists()
    assert not (tmp_path / "escape.yaml").exists()


def test_a_zip_with_a_link_is_refused(run, tmp_path: Path, home: Path) -> None:
    archive = tmp_path / "link.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        link = zipfile.ZipInfo("parking.yaml")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        bundle.writestr(link, "/etc/passwd")
    result = run("checklists", "add", str(archive))
    assert (result.exit_code, result.stderr) == (
        2,
        f'"{archive}" has a link (parking.yaml); refused.\n',
    )


def test_the_example_clinic_folder_installs_and_prints(run) -> None:
    example = Path(__file__).resolve().parents[1] / "examples" / "riverside"
    assert run("validate", "--readability", str(example)).exit_code == 0
    assert run("checklists", "add", str(example)).exit_code == 0
    printed = run("print", "--checklist", "riverside-visit-day")
    assert printed.exit_code == 0
    assert "Center phone: 555-010-4000" in printed.stdout
    assert "Call 555-010-4000 if you will be late." in printed.stdout
