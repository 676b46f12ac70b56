"""start (scripted), status, check, uncheck, skip and reset through the command line."""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

from infuseprep.catalog import load_catalog

PINNED = datetime(2026, 11, 23, 9, 15, tzinfo=timezone.utc)
STAMP = "2026-11-23T09:15:00+00:00"
SAVED = "Progress saved. To go on from here, run: infuseprep start"
ESCAPE = re.compile(r"\x1b\[")


@pytest.fixture(autouse=True)
def pinned_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("infuseprep.clock.now", lambda: PINNED)


def status_json(run) -> dict:  # type: ignore[no-untyped-def,type-arg]
    result = run("status", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def states(document: dict) -> dict[str, str]:  # type: ignore[type-arg]
    return {
        f"{checklist['id']}/{item['id']}": item["state"]
        for checklist in document["checklists"]
        for item in checklist["items"]
    }


def test_scripted_walk_saves_each_answer(run, home: Path) -> None:
    result = run("start", "--checklist", "light-meal", input="y\nn\ns\n")
    assert result.exit_code == 0
    assert result.stdout.count("Saved:") == 3
    assert result.stdout.rstrip().endswith(SAVED)
    document = status_json(run)
    meal = next(c for c in document["checklists"] if c["id"] == "light-meal")
    assert [(i["state"], i["answered_at"]) for i in meal["items"]] == [
        ("done", STAMP),
        ("open", STAMP),
        ("skipped", STAMP),
        ("open", None),
    ]
    assert document["progress_file"] == str(home / "progress.json")


def test_start_resumes_at_the_first_unanswered_step(run) -> None:
    run("start", "--checklist", "light-meal", input="y\ny\n")
    result = run("start", "--checklist", "light-meal", input="q\n")
    assert "Eat a light meal: step 3 of 4\n" in result.stdout
    assert "step 1 of 4" not in result.stdout


def test_full_walk_offers_review_then_summary(run) -> None:
    result = run("start", "--checklist", "light-meal", input="y\nn\ny\ny\ny\ny\n")
    assert result.exit_code == 0
    assert 'You said "not yet" to 1 step. Go over it again now? Press y or n.' in result.stdout
    review = "Going over the steps you left for later.\nEat a light meal: step 2 of 4"
    assert review in result.stdout
    assert "That is every step: 4 done, 0 do not apply, 0 still open." in result.stdout


def test_summary_lists_what_is_still_open(run) -> None:
    result = run("start", "--checklist", "light-meal", input="y\nn\ny\ny\nn\n")
    assert (
        "That is every step: 3 done, 0 do not apply, 1 still open.\nStill open:\n" in result.stdout
    )
    assert "  Eat a light meal\n    - Have food at home for a light meal.\n" in result.stdout


def test_note_and_details_in_a_scripted_walk(run) -> None:
    result = run("start", "--checklist", "light-meal", input="?\ne\nAsk about crackers\ny\nq\n")
    assert "When: 1 week before. This step is done once." in result.stdout
    assert "Note saved." in result.stdout
    meal = next(c for c in status_json(run)["checklists"] if c["id"] == "light-meal")
    first = meal["items"][0]
    assert (first["state"], first["note"]) == ("done", "Ask about crackers")


def test_unknown_key_shows_the_key_list_again(run) -> None:
    result = run("start", "--checklist", "light-meal", input="x\nq\n")
    assert result.stdout.count("Keys: y done, n not yet, s does not apply to me") == 2


def test_back_at_the_first_step_says_so(run) -> None:
    result = run("start", "--checklist", "light-meal", input="b\nq\n")
    assert "This is the first step; there is nothing before it." in result.stdout


def test_check_uncheck_skip_by_full_or_short_id(run) -> None:
    assert run("check", "light-meal/eat-light-meal", "--note", "toast").stdout == (
        "Saved as done: Eat a light meal before you go. (light-meal/eat-light-meal)\n"
    )
    assert run("skip", "pack-snack").exit_code == 0
    assert run("uncheck", "eat-light-meal").exit_code == 0
    document = status_json(run)
    found = states(document)
    assert found["light-meal/eat-light-meal"] == "open"
    assert found["light-meal/pack-snack"] == "skipped"
    meal = next(c for c in document["checklists"] if c["id"] == "light-meal")
    assert meal["items"][3]["note"] == "toast"


def test_unknown_step_suggests_close_ids(run) -> None:
    result = run("check", "light-meal/eat-light-mel")
    assert result.exit_code == 2
    assert result.stderr == (
        'There is no step "light-meal/eat-light-mel". Did you mean "light-meal/eat-light-meal"? '
        'Run "infuseprep show ID" to see the steps of a checklist.\n'
    )


def test_a_step_typed_in_part_suggests_the_ids_it_begins(run) -> None:
    result = run("check", "pack-s")
    assert result.exit_code == 2
    assert result.stderr == (
        'There is no step "pack-s". Did you mean "comfort-items/pack-something-to-do" or '
        '"light-meal/pack-snack"? Run "infuseprep show ID" to see the steps of a checklist.\n'
    )
    assert 'Did you mean "light-meal/pack-snack"?' in run("skip", "light-meal/pack").stderr


def test_ambiguous_short_id_asks_which(run, home: Path) -> None:
    folder = home / "checklists"
    folder.mkdir()
    (folder / "extra.yaml").write_text(
        "id: extra\ntitle: Extra\nitems:\n  - id: pack-snack\n    text: Pack a snack.\n"
    )
    result = run("check", "pack-snack")
    assert result.exit_code == 2
    assert result.stderr == (
        'More than one checklist has a step "pack-snack". Say which: "light-meal/pack-snack" or '
        '"extra/pack-snack".\n'
    )


def test_status_text_shows_bars_counts_and_open_steps(run) -> None:
    run("check", "light-meal/eat-light-meal")
    run("skip", "light-meal/pack-snack", "--note", "center says no food")
    result = run("status")
    assert result.exit_code == 0
    out = result.stdout
    bar = "\u2588" * 10 + "\u2591" * 10
    assert f"Eat a light meal\n  [{bar}] 2 of 4 finished: 1 done, 1 do not apply, 2 open\n" in out
    assert "Overall: 2 of 65 steps finished.\n" in out
    assert "    - Have food at home for a light meal. (light-meal/have-food-ready)\n" in out
    assert out.rstrip().endswith(f"Saved in {Path(status_json(run)['progress_file'])}")


def test_status_json_lists_every_checklist_in_walk_order(run) -> None:
    document = status_json(run)
    assert [c["id"] for c in document["checklists"]] == [c.id for c in load_catalog().checklists]
    item = document["checklists"][0]["items"][0]
    assert set(item) == {"id", "text", "state", "note", "answered_at", "due", "scope"}
    assert document["totals"] == {"steps": 65, "done": 0, "skipped": 0, "open": 65}
    assert document["orphaned_answers"] == []


def test_answers_for_removed_steps_are_kept_and_mentioned(run, home: Path) -> None:
    (home / "progress.json").write_text(
        json.dumps(
            {
                "format": "infuseprep-progress",
                "version": 1,
                "answers": {"old-list": {"gone": {"state": "done", "time": STAMP, "note": None}}},
            }
        )
    )
    result = run("status")
    assert (
        "1 saved answer is for steps no longer in the checklists; kept in case they come back: "
        "old-list/gone." in result.stdout.replace("\n", " ")
    )
    run("check", "light-meal/eat-light-meal")
    assert "old-list" in json.loads((home / "progress.json").read_text())["answers"]


def test_damaged_progress_file_stops_every_command_with_advice(run, home: Path) -> None:
    path = home / "progress.json"
    path.write_text("{not json")
    expected = (
        f"{path} is not valid JSON (line 1). Your answers in it are untouched. "
        "To start over, run: infuseprep reset (a backup will be kept).\n"
    )
    for args in (("status",), ("start",), ("check", "light-meal/pack-snack")):
        result = run(*args, input="y\n")
        assert result.exit_code == 1
        assert result.stderr == expected
        assert "Traceback" not in result.output
    assert path.read_text() == "{not json"


def test_reset_asks_first_and_keeps_a_backup(run, home: Path) -> None:
    run("check", "light-meal/pack-snack")
    declined = run("reset", input="n\n")
    assert declined.exit_code == 0
    assert declined.stdout.endswith("Continue? [y/N] Nothing changed.\n")
    assert (home / "progress.json").exists()
    accepted = run("reset", input="y\n")
    backup = home / "progress-backup-20261123-091500.json"
    assert accepted.stdout.endswith(
        "Started over. Your appointment and past visits are kept. "
        f"Your old answers are in {backup}\n"
    )
    assert "pack-snack" in backup.read_text()
    assert status_json(run)["totals"]["done"] == 0
    assert run("reset", "--yes").stdout == "Nothing to reset: no answers are saved yet.\n"


def test_reset_without_an_answer_changes_nothing(run, home: Path) -> None:
    run("check", "light-meal/pack-snack")
    result = run("reset", input="")
    assert result.stdout.endswith("Nothing changed.\n")
    assert (home / "progress.json").exists()


@pytest.mark.parametrize("command", [("status",), ("list",), ("show", "hydration")])
@pytest.mark.parametrize("columns", ["40", "200"])
def test_plain_output_at_any_width(run, command: tuple[str, ...], columns: str) -> None:
    result = run.runner.invoke(
        __import__("infuseprep.cli", fromlist=["app"]).app,
        list(command),
        env={"COLUMNS": columns, "NO_COLOR": "1", "TERM": "dumb"},
    )
    assert result.exit_code == 0
    assert not ESCAPE.search(result.stdout)
    for line in result.stdout.splitlines():
        assert len(line) <= int(columns), line
        assert line == line.rstrip(), line


def test_bytes_that_are_not_text_are_refused_not_saved(run, home: Path) -> None:
    result = run("check", "light-meal/pack-snack", "--note", "caf\udcff")
    assert result.exit_code == 2
    assert result.stderr == (
        "The note has characters that are not valid text. Nothing was saved; type it again.\n"
    )
    assert not (home / "progress.json").exists()


def test_reset_keeps_the_visit_unless_told_to_forget_it(run, home: Path) -> None:
    run("appointment", "set", "2026-11-23", "--medication", "belimumab-iv", "--dose", "4")
    run("check", "light-meal/pack-snack")
    run("appointment", "done")
    run("check", "light-meal/pack-snack")
    assert run("reset", "--yes").exit_code == 0
    kept = status_json(run)
    assert kept["totals"]["done"] == 0
    assert kept["appointment"]["date"] == "2026-12-21"
    assert "1 past visit." in run("history").stdout
    everything = run("reset", "--yes", "--all")
    assert "Your old answers, appointment and visit history are in" in everything.stdout
    assert status_json(run)["appointment"] is None
    assert not (home / "progress.json").exists()


def test_advice_names_the_profile_in_use(run, home: Path) -> None:
    folder = home / "profiles" / "mum"
    folder.mkdir(parents=True)
    (folder / "progress.json").write_text("{not json")
    result = run("--profile", "mum", "status")
    assert result.stderr.endswith(
        "To start over, run: infuseprep --profile mum reset (a backup will be kept).\n"
    )
    walk = run("--profile", "dad", "start", "--checklist", "light-meal", input="q\n")
    assert walk.stdout.rstrip().endswith("To go on from here, run: infuseprep --profile dad start")
    assert "--profile" not in run("start", "--checklist", "light-meal", input="q\n").stdout


def test_a_note_from_stdin_stays_out_of_the_command_line(run, home: Path) -> None:
    result = run("check", "light-meal/pack-snack", "--note", "-", input="Ask about the rash\n")
    assert result.exit_code == 0
    saved = json.loads((home / "progress.json").read_text(encoding="utf-8"))
    assert saved["answers"]["light-meal"]["pack-snack"]["note"] == "Ask about the rash"
    skipped = run("skip", "light-meal/pack-snack", "--note", "-", input="")
    assert (skipped.exit_code, skipped.stderr) == (2, "The note is empty. Nothing was saved.\n")


def test_profile_delete_removes_every_file_of_that_person_only(run, home: Path) -> None:
    run("profile", "add", "mum")
    run("--profile", "mum", "check", "light-meal/pack-snack")
    run("--profile", "mum", "reset", "--yes")
    run("--profile", "mum", "check", "light-meal/pack-snack")
    run("check", "light-meal/pack-snack")
    folder = home / "profiles" / "mum"
    files = sorted(folder.iterdir())
    assert len(files) == 3  # progress, its backup, the lock file
    refused = run("profile", "delete", "mum", input="")
    assert refused.exit_code == 0
    assert refused.stdout.endswith("Delete them? [y/N] Nothing was deleted.\n")
    assert sorted(folder.iterdir()) == files
    result = run("profile", "delete", "mum", input="y\n")
    assert result.exit_code == 0
    assert result.stdout.endswith(
        "Deleted for mum:\n"
        + "".join(f"  {file}\n" for file in [files[1], files[2], files[0]])
        + f"  {folder}\n"
    )
    assert not folder.exists()
    assert (home / "progress.json").exists()
    assert (home / "cache").is_dir()
    again = run("profile", "delete", "mum", "--yes")
    assert (again.exit_code, again.stderr) == (
        1,
        'Nothing is saved for "mum", so nothing was deleted. Run "infuseprep profiles" to see '
        "who has saved progress.\n",
    )


def test_profile_delete_of_default_keeps_shared_files(run, home: Path) -> None:
    run("check", "light-meal/pack-snack")
    run("profile", "add", "mum")
    run("--profile", "mum", "check", "light-meal/pack-snack")
    result = run("profile", "delete", "default", "--yes")
    assert result.exit_code == 0
    assert result.stdout == (
        f"Deleted for default:\n  {home / 'progress.json'}\n  {home / 'progress.json.lock'}\n"
    )
    assert sorted(p.name for p in home.iterdir()) == ["cache", "profiles"]
    assert (home / "profiles" / "mum" / "progress.json").exists()
    assert "mum" in run("profiles").stdout
