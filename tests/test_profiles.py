"""People kept apart: profiles made on purpose, found in any case, named on screen and paper."""

from __future__ import annotations

from pathlib import Path

import pytest

UNKNOWN = (
    'There is no profile "mun". Profiles kept here: default, mum. To make a new one, run: '
    "infuseprep profile add mun\n"
)


@pytest.fixture
def mum(run) -> None:
    result = run("profile", "add", "mum", "--name", "Rosa")
    assert result.exit_code == 0
    assert result.stdout == (
        'Profile "mum" added. Use it by adding --profile mum to any command, for example:\n'
        "infuseprep --profile mum start\n"
    )


@pytest.mark.parametrize(
    "command",
    [
        ["status"],
        ["today"],
        ["print"],
        ["calendar", "-o", "x.ics"],
        ["history"],
        ["check", "pack-snack"],
    ],
)
def test_a_typo_in_a_profile_name_is_refused_not_made(
    run, mum, home: Path, command: list[str]
) -> None:
    for arguments in (["--profile", "mun", *command], [*command, "--profile", "mun"]):
        result = run(*arguments)
        assert (result.exit_code, result.stderr) == (2, UNKNOWN)
    assert not (home / "profiles" / "mun").exists()


def test_start_makes_a_new_profile(run, home: Path) -> None:
    result = run("start", "--profile", "Alex", "--checklist", "light-meal", input="q\n")
    assert result.exit_code == 0
    assert result.stdout.startswith('New profile "alex" made.\n')
    assert (home / "profiles" / "alex").is_dir()
    assert (home / "profiles" / "alex").stat().st_mode & 0o777 == 0o700


def test_adding_a_profile_twice_is_refused(run, mum) -> None:
    result = run("profile", "add", "MUM")
    assert result.exit_code == 2
    assert result.stderr == (
        'The profile "mum" is already here. To change its details, run: infuseprep --profile mum '
        "profile set --name NAME\n"
    )


def test_set_and_show_the_name_and_center(run, mum, home: Path) -> None:
    result = run(
        "profile",
        "set",
        "--center",
        "Riverside Infusion Center",
        "--phone",
        "555-123-4567",
        "--after-hours",
        "555-123-9999",
        "--profile",
        "mum",
    )
    assert result.exit_code == 0
    assert result.stdout == (
        "Profile: mum\n"
        "Name: Rosa\n"
        "Language: not set (the computer's language)\n"
        "Center: Riverside Infusion Center, phone 555-123-4567\n"
        "After hours: 555-123-9999\n"
    )
    assert run("profile", "show", "--profile", "mum").stdout == result.stdout
    settings = home / "profiles" / "mum" / "profile.json"
    assert settings.stat().st_mode & 0o777 == 0o600
    printed = run("print", "--profile", "mum").stdout
    assert "Name: Rosa\n" in printed
    assert (
        "Center phone: 555-123-4567 (tel:+15551234567)\nAfter hours: 555-123-9999 "
        "(tel:+15551239999)\n"
    ) in printed


def test_a_bad_phone_changes_nothing(run, mum, home: Path) -> None:
    before = (home / "profiles" / "mum" / "profile.json").read_bytes()
    result = run(
        "profile", "set", "--center", "Riverside", "--phone", "call us", "--profile", "mum"
    )
    assert result.exit_code == 2
    assert result.stderr == (
        '"call us" is not a phone number; write it like 555-123-4567 or +1 555 123 4567. '
        "Nothing was changed.\n"
    )
    assert (home / "profiles" / "mum" / "profile.json").read_bytes() == before


def test_a_damaged_settings_file_is_named_and_kept(run, mum, home: Path) -> None:
    settings = home / "profiles" / "mum" / "profile.json"
    settings.write_text(
        '{"format": "infuseprep-profile", "version": 1, "name": 7}', encoding="utf-8"
    )
    result = run("profile", "show", "--profile", "mum")
    assert result.exit_code == 1
    assert result.stderr == (
        f"{settings} is damaged; fix it in a text editor, or delete it to enter your details "
        "again. Your answers in it are untouched.\n"
    )
    assert "Traceback" not in result.output


def test_a_profile_added_but_never_used_can_be_deleted(run, home: Path) -> None:
    run("profile", "add", "mum")
    result = run("profile", "delete", "mum", "--yes")
    assert (result.exit_code, result.stdout) == (
        0,
        f"Deleted for mum:\n  {home / 'profiles' / 'mum'}\n",
    )
    assert not (home / "profiles" / "mum").exists()
    assert run("status", "--profile", "mum").exit_code == 2
