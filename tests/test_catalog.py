"""Where checklists come from, and which one wins when two share an id."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from infuseprep.catalog import load_catalog
from infuseprep.checklist import DOCUMENT_FORMAT, Item

MINE = "id: {id}\ntitle: {title}\norder: {order}\nitems:\n  - id: one\n    text: Do one thing.\n"


def write_checklist(folder: Path, checklist_id: str, title: str, order: int = 100) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{checklist_id}.yaml"
    path.write_text(MINE.format(id=checklist_id, title=title, order=order), encoding="utf-8")
    return path


def test_user_folder_adds_and_replaces(home: Path) -> None:
    write_checklist(home / "checklists", "light-meal", "Our clinic's meal advice", order=80)
    write_checklist(home / "checklists", "parking", "Parking at our clinic", order=55)
    catalog = load_catalog()
    sources = {entry.checklist.id: entry.source for entry in catalog.entries}
    assert sources["light-meal"] == "installed for everyone"
    assert sources["parking"] == "installed for everyone"
    assert sources["hydration"] == "bundled"
    assert catalog.get("light-meal").title == "Our clinic's meal advice"
    ids = [checklist.id for checklist in catalog.checklists]
    assert ids.index("getting-there") < ids.index("parking") < ids.index("hydration")


def test_command_line_folder_wins_over_user_folder(home: Path, tmp_path: Path) -> None:
    write_checklist(home / "checklists", "parking", "From home")
    write_checklist(tmp_path / "clinic", "parking", "From the clinic")
    catalog = load_catalog([tmp_path / "clinic"])
    assert catalog.get("parking").title == "From the clinic"
    assert [e.source for e in catalog.entries if e.checklist.id == "parking"] == [
        str(tmp_path / "clinic")
    ]


def test_list_names_the_source(run, tmp_path: Path, home: Path, monkeypatch) -> None:
    write_checklist(tmp_path / "clinic", "parking", "Parking", order=1)
    monkeypatch.chdir(tmp_path)
    result = run("list", "--checklists", "clinic")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[1].split() == ["parking", "Parking", "1", "clinic"]
    flowing = " ".join(lines)
    assert f"Your own checklists go in {home / 'checklists'} (create this folder" in flowing


def test_duplicate_ids_in_one_folder_keep_the_first_with_a_warning(run, home: Path) -> None:
    second = write_checklist(home / "checklists", "parking", "One")
    first = home / "checklists" / "parking-copy.yaml"
    first.write_text(second.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("list")
    assert result.exit_code == 0
    assert result.stderr == (
        f'{second}:1:1: the checklist id "parking" is also used by {first}:1; skipped, run '
        "infuseprep validate\n"
    )
    assert run("validate", str(home / "checklists")).exit_code == 1


def test_select_keeps_walk_order() -> None:
    catalog = load_catalog()
    selected = catalog.select(["light-meal", "consultation"])
    assert [checklist.id for checklist in selected] == ["consultation", "light-meal"]


def test_parsed_checklists_are_cached_and_any_change_is_seen(home: Path) -> None:
    first = load_catalog()
    cache = home / "cache" / "catalog-3.json"
    assert cache.exists()
    assert load_catalog() == first
    write_checklist(home / "checklists", "parking", "Parking")
    assert load_catalog().get("parking").title == "Parking"
    (home / "checklists" / "parking.yaml").write_text(
        MINE.format(id="parking", title="Parkinf", order=100), encoding="utf-8"
    )
    assert load_catalog().get("parking").title == "Parkinf", "same size, new bytes: reparsed"


def test_a_cache_of_an_older_format_is_rebuilt(home: Path, monkeypatch) -> None:
    """A cache written before a field existed has the same file bytes, so the format is keyed."""
    load_catalog()
    cache = home / "cache" / "catalog-3.json"
    document = json.loads(cache.read_text(encoding="utf-8"))
    for entry in document["value"]["entries"]:
        del entry["checklist"]["items"]["source"]
    cache.write_text(json.dumps(document), encoding="utf-8")
    monkeypatch.setattr("infuseprep.catalog.DOCUMENT_FORMAT", DOCUMENT_FORMAT + 1)
    load_catalog()
    rebuilt = json.loads(cache.read_text(encoding="utf-8"))["value"]["entries"]
    assert all(set(entry["checklist"]["items"]) == set(Item._fields) for entry in rebuilt)


def test_a_damaged_cache_is_ignored(home: Path) -> None:
    load_catalog()
    (home / "cache" / "catalog-3.json").write_text("{not json", encoding="utf-8")
    assert load_catalog().get("light-meal").title == "Eat a light meal"


def test_a_skipped_file_is_reported_on_every_run(run, home: Path) -> None:
    folder = home / "checklists"
    folder.mkdir()
    (folder / "bad.yaml").write_text("id: bad\n", encoding="utf-8")
    first, second = run("list"), run("list")
    assert first.stderr == second.stderr != "", "a cached run must still say what it skipped"
    assert (first.exit_code, second.exit_code) == (0, 0)


def test_a_cached_run_needs_no_yaml() -> None:
    load_catalog()
    code = (
        "import sys; from infuseprep.catalog import load_catalog; load_catalog(); "
        "print('yaml' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


COLUMN_DAMAGE = {
    "a column one step short": lambda items: items["text"].pop(),
    "a number for a medication": lambda items: items["medications"].__setitem__(0, [5]),
    "ids that are not a list": lambda items: items.__setitem__("id", {"a": 1}),
    "details that are a number": lambda items: items["details"].__setitem__(0, 7),
    "a timing no one wrote": lambda items: items["when"].__setitem__(0, "whenever"),
    "a column missing": lambda items: items.pop("scope"),
}


@pytest.mark.parametrize("damage", COLUMN_DAMAGE.values(), ids=COLUMN_DAMAGE.keys())
def test_cached_steps_of_the_wrong_shape_are_read_again(home: Path, damage) -> None:  # type: ignore[no-untyped-def]
    first = load_catalog()
    cache = home / "cache" / "catalog-3.json"
    document = json.loads(cache.read_text(encoding="utf-8"))
    damage(document["value"]["entries"][0]["checklist"]["items"])
    cache.write_text(json.dumps(document), encoding="utf-8")
    assert load_catalog() == first
