"""The visit through the command line: appointment, today, status, history, profiles, migration."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from conftest import RIVERSIDE_VISIT

TODAY = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def pinned_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("infuseprep.clock.now", lambda: TODAY)


def status(run, *options: str) -> dict:  # type: ignore[no-untyped-def,type-arg]
    result = run(*options, "status", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def item(document: dict, ref: str) -> dict:  # type: ignore[type-arg]
    checklist_id, item_id = ref.split("/")
    checklist = next(c for c in document["checklists"] if c["id"] == checklist_id)
    return next(i for i in checklist["items"] if i["id"] == item_id)  # type: ignore[no-any-return]


def test_set_and_show_an_appointment(run) -> None:
    result = run(*RIVERSIDE_VISIT)
    assert result.exit_code == 0
    assert result.stdout == (
        "Your infusion: Thursday, December 3, 2026 at 9:30 AM, in 10 days. Belimumab\n"
        "(Benlysta), IV. At Riverside Infusion Center.\n"
    )
    shown = run("appointment", "show").stdout
    assert all(len(line) <= 80 for line in shown.splitlines())
    assert shown.startswith(result.stdout)
    flowing = " ".join(shown.split())
    assert (
        "Schedule: Every 2 weeks for the first 3 doses, then every 4 weeks. (Source: BENLYSTA US"
        in flowing
    )
    assert "Length: The infusion itself takes about 1 hour." in flowing
    assert shown.endswith("\nConfirm your schedule with your care team.\n")


def test_setting_again_keeps_what_is_not_given(run) -> None:
    run("appointment", "set", "2026-12-03", "--time", "09:30", "--medication", "anifrolumab-iv")
    run("appointment", "set", "2026-12-04")
    assert status(run)["appointment"] == {
        "date": "2026-12-04",
        "time": "09:30",
        "medication": "anifrolumab-iv",
        "center": None,
        "dose": None,
        "planned_on": "2026-11-23",
        "previous": None,
        "days_until": 11,
    }


def test_nonsense_date_time_and_medication_are_usage_errors(run, home: Path) -> None:
    bad_date = run("appointment", "set", "31/12/2026")
    assert bad_date.exit_code == 2
    assert bad_date.stderr == (
        '"31/12/2026" is not a date infuseprep can use: there is no month 31; the month comes '
        "first, as in 12/3. For example: Dec 3.\n"
    )
    bad_time = run("appointment", "set", "2026-12-03", "--time", "half nine")
    assert bad_time.exit_code == 2
    assert bad_time.stderr == (
        '"half nine" is not a time infuseprep understands. Write it like 9:30, 9:30 AM, 2pm or '
        "14:00.\n"
    )
    bad_medication = run("appointment", "set", "2026-12-03", "--medication", "benlysat")
    assert bad_medication.exit_code == 2
    assert bad_medication.stderr.startswith(
        'There is no medication "benlysat". Did you mean "belimumab-iv" or "belimumab-pen"?'
    )
    assert not (home / "progress.json").exists()


def test_a_past_date_needs_yes(run, home: Path) -> None:
    refused = run("appointment", "set", "2026-11-20")
    assert refused.exit_code == 2
    assert refused.stderr == (
        '"2026-11-20" is Friday, November 20, 2026, 3 days ago. A visit to prepare for is usually '
        "ahead; nothing was changed. If you meant this date, run the same command again with "
        "--yes.\n"
    )
    assert not (home / "progress.json").exists()
    result = run("appointment", "set", "2026-11-20", "--yes")
    assert result.exit_code == 0
    assert "Friday, November 20, 2026, 3 days ago." in result.stdout


def test_ten_days_out_today_and_status_show_the_right_steps(run) -> None:
    run("appointment", "set", "in 10 days", "--medication", "belimumab-iv")
    today = run("today")
    assert today.exit_code == 0
    lines = today.stdout.splitlines()
    assert lines[0] == "Today is Monday, November 23, 2026."
    assert (
        lines[1]
        == "Your infusion: Thursday, December 3, 2026, in 10 days. Belimumab (Benlysta), IV."
    )
    assert "Overdue:" not in lines
    assert "Do soon (their day passed before this visit was set):" in lines
    # today lists the first 5 steps to do soon and counts the rest; status lists them all.
    first = lines.index("Do soon (their day passed before this visit was set):") + 1
    more = next(line for line in lines[first:] if line.startswith("  And "))
    listed = [line for line in lines[first : lines.index(more)] if line.startswith("  - ")]
    every = run("status").stdout.split("Do soon (their day passed before this visit was set):\n")
    soon = every[1].split("\n\n")[0].count("\n  - ") + 1
    assert (len(listed), soon > 5) == (5, True)
    assert more == f"  And {soon - 5} more; to see every step: infuseprep status"
    assert "Coming up in the next 7 days:" in lines
    coming = lines[lines.index("Coming up in the next 7 days:") + 1 :]
    assert coming[0].startswith("  - Thu, Nov 26: ")
    assert not any(
        "Dec" in line and "Wed, Dec 2" not in line for line in coming if line.startswith("  - ")
    )
    document = status(run)
    assert item(document, "light-meal/eat-light-meal")["due"] == "2026-12-03"
    assert item(document, "hydration/drink-day-before")["due"] == "2026-12-02"
    assert item(document, "lab-work/book-lab")["due"] == "2026-11-19"
    text = run("status").stdout
    assert (
        "Do soon (their day passed before this visit was set):\n"
        "  - Thu, Oct 8: Book a health check visit with your doctor.\n"
    ) in text
    assert "Coming up:\n" in text


def test_today_without_an_appointment_says_how_to_set_one(run) -> None:
    result = run("today")
    assert result.stdout == (
        "Today is Monday, November 23, 2026.\n"
        "No appointment is set. To set one: infuseprep appointment set YYYY-MM-DD\n"
    )


def test_steps_for_another_medication_are_not_shown(run) -> None:
    run("appointment", "set", "2026-12-03", "--medication", "anifrolumab-iv")
    document = status(run)
    ids = {f"{c['id']}/{i['id']}" for c in document["checklists"] for i in c["items"]}
    assert "cost-help/call-benlysta-gateway" not in ids
    assert "getting-there/plan-dates-belimumab" not in ids
    assert "getting-there/plan-dates-anifrolumab" in ids
    assert "consultation/ask-vaccines" in ids


def test_start_walks_in_due_order_and_marks_overdue(run) -> None:
    run("appointment", "set", "2026-11-25")
    result = run("start", "--checklist", "lab-work", input="q\n")
    assert "Get your blood tests: step 1 of 7\n" in result.stdout
    first = result.stdout.split("step 1 of 7\n", 1)[1].splitlines()
    assert first[1] == "Ask your care team which blood tests you need."
    assert f"{first[2]} {first[3]}" == (
        "Do this soon: its day, Wednesday, October 14, 2026, passed before this visit was set."
    )


def test_appointment_done_moves_to_the_schedules_next_date(run) -> None:
    run("appointment", "set", "2026-11-23", "--medication", "belimumab-iv", "--dose", "3")
    run("check", "consultation/book-consult")
    run("check", "light-meal/eat-light-meal", "--note", "toast")
    run("check", "insurance/renew-approval")
    result = run("appointment", "done")
    assert result.exit_code == 0
    flowing = " ".join(result.stdout.split())
    assert flowing.startswith(
        "Visit of Monday, November 23, 2026 closed: 3 of 60 steps done, 0 did not apply. "
        "Steps for every visit start fresh. "
        "Your infusion: Monday, December 21, 2026, in 28 days. Belimumab (Benlysta), IV, dose 4. "
        "Belimumab (Benlysta), IV is given 4 weeks after dose 3. Source:"
    )
    assert flowing.endswith(
        "Confirm your schedule with your care team. If it differs, run: infuseprep appointment "
        "set DATE"
    )
    document = status(run)
    assert item(document, "consultation/book-consult")["state"] == "done"
    assert item(document, "insurance/renew-approval")["state"] == "done"
    meal = item(document, "light-meal/eat-light-meal")
    assert (meal["state"], meal["answered_at"], meal["note"]) == ("open", None, "toast")
    history = run("history").stdout
    assert history == (
        "Monday, November 23, 2026\n"
        "  3 of 60 steps done, 0 did not apply. Belimumab (Benlysta), IV, dose 3.\n"
        "\n"
        "1 past visit.\n"
    )


def test_appointment_done_with_next_and_without_schedule(run) -> None:
    run("appointment", "set", "2026-11-23", "--medication", "other")
    result = run("appointment", "done")
    assert "Steps for every visit start fresh.\nAnother infusion medicine:" in result.stdout
    assert result.stdout.endswith("Set the next date with: infuseprep appointment set YYYY-MM-DD\n")
    assert status(run)["appointment"] is None
    run("appointment", "set", "2026-11-23")
    chosen = run("appointment", "done", "--next", "2026-12-20")
    assert "Sunday, December 20, 2026, in 27 days" in chosen.stdout


def test_appointment_done_without_an_appointment(run) -> None:
    result = run("appointment", "done")
    assert result.exit_code == 2
    assert result.stderr == "No appointment is set. Set one with: infuseprep appointment set DATE\n"


def test_history_when_empty(run) -> None:
    assert run("history").stdout == (
        "No past visits yet. After a visit, run: infuseprep appointment done\n"
    )


def test_profiles_keep_separate_progress(run, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run("check", "light-meal/pack-snack")
    refused = run("--profile", "mum", "appointment", "set", "2026-12-01")
    assert refused.exit_code == 2
    assert refused.stderr == (
        'There is no profile "mum". Profiles kept here: default. To make a new one, run: '
        "infuseprep profile add mum\n"
    )
    assert run("profile", "add", "mum", "--name", "Rosa").exit_code == 0
    run("--profile", "mum", "appointment", "set", "2026-12-01")
    # Options for the person work after the command too, and names in any case.
    run("skip", "light-meal/pack-snack", "--profile", "MUM")
    assert (home / "profiles" / "mum" / "progress.json").exists()
    assert item(status(run), "light-meal/pack-snack")["state"] == "done"
    assert item(status(run, "--profile", "mum"), "light-meal/pack-snack")["state"] == "skipped"
    monkeypatch.setenv("INFUSEPREP_PROFILE", "mum")
    assert (
        run.runner.invoke(  # the variable reaches the app like any environment setting
            __import__("infuseprep.cli", fromlist=["app"]).app,
            ["status", "--json"],
            env={"INFUSEPREP_PROFILE": "mum"},
        ).stdout.count('"state": "skipped"')
        == 1
    )
    listed = run("profiles").stdout
    assert listed == (
        "default: no appointment set\n"
        "mum (Rosa): next visit Tuesday, December 1, 2026, in 8 days\n"
        "  Use it with: infuseprep --profile mum COMMAND\n"
    )


def test_bad_profile_name(run) -> None:
    result = run("--profile", "../etc", "status")
    assert result.exit_code == 2
    assert result.stderr == (
        '"../etc" cannot be a profile name. Use letters, digits, - and _ (up to 40), for example: '
        "mum, alex-2.\n"
    )


def test_a_version_1_file_is_migrated_and_the_original_kept(run, home: Path) -> None:
    original = json.dumps(
        {
            "format": "infuseprep-progress",
            "version": 1,
            "answers": {
                "light-meal": {
                    "pack-snack": {
                        "state": "done",
                        "time": "2026-11-01T10:00:00+00:00",
                        "note": "ok",
                    }
                }
            },
        }
    )
    (home / "progress.json").write_text(original)
    assert item(status(run), "light-meal/pack-snack")["note"] == "ok"
    assert json.loads((home / "progress.json").read_text())["version"] == 1, "reading never writes"
    run("appointment", "set", "2026-12-03")
    saved = json.loads((home / "progress.json").read_text())
    assert saved["version"] == 3
    assert saved["appointment"]["date"] == "2026-12-03"
    assert saved["history"] == []
    assert saved["answers"]["light-meal"]["pack-snack"]["note"] == "ok"
    assert (home / "progress-format-1-backup.json").read_text() == original


def test_a_visit_that_has_not_come_yet_is_not_closed_by_mistake(run) -> None:
    run("appointment", "set", "2026-12-03", "--medication", "belimumab-iv")
    refused = run("appointment", "done")
    assert refused.exit_code == 2
    assert refused.stderr == (
        "The visit on Thursday, December 3, 2026 has not come yet, so nothing was closed. "
        "If it already happened, run: infuseprep appointment done --early\n"
    )
    assert "No past visits yet" in run("history").stdout
    assert run("appointment", "done", "--early").exit_code == 0
    assert "1 past visit." in run("history").stdout


def test_nine_days_before_a_first_visit_nothing_is_called_overdue(run) -> None:
    run("appointment", "set", "in 9 days", "--medication", "Benlysta")
    today = run("today").stdout
    assert "Overdue" not in today
    assert "Do soon (their day passed before this visit was set):" in today
    assert "Your plan: " in today
    status = run("status").stdout
    assert "Overdue" not in status
    walk = run("start", input="q\n").stdout
    assert "Overdue" not in walk
    assert "Do this soon: its day, " in walk
    # A day that passes after the visit was set is overdue as before.
    later = datetime(2026, 11, 30, 9, 0, tzinfo=timezone.utc)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("infuseprep.clock.now", lambda: later)
        assert "Overdue:" in run("today").stdout


def test_closing_a_visit_on_its_day_keeps_the_week_of_watching_after_it(run) -> None:
    on_the_day = datetime(2026, 12, 3, 15, 0, tzinfo=timezone.utc)
    run("appointment", "set", "2026-12-03", "--medication", "belimumab-iv", "--dose", "1")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("infuseprep.clock.now", lambda: on_the_day)
        assert run("appointment", "done").exit_code == 0
        document = status(run)
    assert document["appointment"]["date"] == "2026-12-17"
    # The days after the visit just closed, not after the next one.
    assert item(document, "before-you-leave/note-how-you-feel")["due"] == "2026-12-04"
    assert item(document, "before-you-leave/check-after-a-week")["due"] == "2026-12-10"
    # Steps before the next visit count from it as always.
    assert item(document, "light-meal/eat-light-meal")["due"] == "2026-12-17"
