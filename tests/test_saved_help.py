"""Help is shown again from the cache (cli.saved_help) exactly as Typer printed it, and only
where the same words would be printed again."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from infuseprep.cli import app, main
from infuseprep.cli.saved_help import help_screen

ENTRY = [sys.executable, "-c", "from infuseprep.cli import main; main()"]


def _screens() -> list[tuple[str, ...]]:
    """Every help screen: the main one, each command's, each group's and its commands'."""
    screens: list[tuple[str, ...]] = [()]
    screens += [(str(info.name),) for info in app.registered_commands]
    for group in app.registered_groups:
        assert group.typer_instance is not None
        screens.append((str(group.name),))
        screens += [
            (str(group.name), str(info.name)) for info in group.typer_instance.registered_commands
        ]
    return screens


def _main(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[str, int]:
    sys.argv = ["infuseprep", *arguments]
    with pytest.raises(SystemExit) as stopped:
        main()
    return capsys.readouterr().out, int(stopped.value.code or 0)


def _cached_help(home: Path) -> list[str]:
    return sorted(path.name for path in (home / "cache").glob("help-*.json"))


@pytest.mark.parametrize("screen", _screens(), ids=lambda screen: " ".join(screen) or "main")
def test_saved_help_is_what_typer_printed(
    screen: tuple[str, ...], home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = _main(capsys, *screen, "--help")
    assert first[1] == 0 and first[0].startswith("Usage: infuseprep")
    assert _cached_help(home) == ["-".join(("help", "en", *screen)) + ".json"]
    assert _main(capsys, *screen, "--help") == first
    assert _main(capsys, "--profile", "mum", *screen, "-h") == first


def test_help_is_kept_per_width_and_language(home: Path) -> None:
    env = {**os.environ, "INFUSEPREP_HOME": str(home)}

    def shown(*arguments: str, **extra: str) -> str:
        result = subprocess.run(
            [*ENTRY, *arguments], capture_output=True, text=True, env={**env, **extra}, check=True
        )
        return result.stdout

    wide, narrow = shown("print", "--help"), shown("print", "--help", COLUMNS="60")
    spanish = shown("--lang", "es", "print", "--help")
    assert spanish.startswith("Uso: infuseprep print") and wide.startswith("Usage:")
    assert max(map(len, narrow.splitlines())) <= 60 < max(map(len, wide.splitlines()))
    assert shown("print", "--help", COLUMNS="60") == narrow
    assert shown("print", "-h", "--lang", "es") == spanish
    assert shown("print", "--help") == wide


def test_a_kept_help_loads_no_typer(home: Path) -> None:
    env = {**os.environ, "INFUSEPREP_HOME": str(home)}
    probe = (
        "import sys\n"
        "from infuseprep.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write(' '.join(sys.modules))"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", probe, "--help"],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        for _ in range(2)
    ]
    assert runs[0].stdout == runs[1].stdout
    assert "typer" in runs[0].stderr.split()
    assert "typer" not in runs[1].stderr.split()


def test_a_damaged_copy_is_built_again(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = _main(capsys, "status", "--help")
    (home / "cache" / "help-en-status.json").write_text('{"key": 1', encoding="utf-8")
    assert _main(capsys, "status", "--help") == first
    assert _main(capsys, "status", "--help") == first


def test_a_changed_file_of_the_command_line_builds_the_help_again(home: Path) -> None:
    from infuseprep.cli import saved_help

    before = saved_help._key(())
    module = Path(saved_help.__file__)
    stamp = module.stat()
    os.utime(module, ns=(stamp.st_atime_ns, stamp.st_mtime_ns + 1_000_000_000))
    try:
        assert saved_help._key(()) != before
    finally:
        os.utime(module, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert saved_help._key(()) == before


@pytest.mark.parametrize(
    ("arguments", "screen"),
    [
        (["--help"], ()),
        (["--lang", "es", "-h"], ()),
        (["status", "--help"], ("status",)),
        (["appointment", "set", "-h"], ("appointment", "set")),
        (["check", "pack-snack", "--help"], None),
        (["appointment", "../../x", "--help"], None),
        (["nosuch", "--help"], None),
        (["status", "--json", "--help"], None),
        (["status"], None),
        (["--help", "status"], None),
    ],
)
def test_which_command_lines_have_a_saved_help(
    arguments: list[str], screen: tuple[str, ...] | None
) -> None:
    assert help_screen(arguments) == screen


def test_an_error_is_not_kept(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _main(capsys, "appointment", "nosuch", "--help") == ("", 2)
    assert _cached_help(home) == []


def test_help_is_shown_where_no_copy_can_be_kept(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (home / "cache").write_text("", encoding="utf-8")  # a file where the cache folder would be
    first = _main(capsys, "--help")
    assert first[1] == 0 and first[0].startswith("Usage: infuseprep")
    assert _main(capsys, "--help") == first


def test_help_is_the_same_for_a_profile_that_does_not_exist(home: Path) -> None:
    """Help is for everyone: an unknown --profile does not stop it, the first time or after."""
    env = {**os.environ, "INFUSEPREP_HOME": str(home)}

    def shown(*arguments: str, **extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*ENTRY, *arguments], capture_output=True, text=True, env={**env, **extra}
        )

    first = shown("print", "--help", INFUSEPREP_PROFILE="nobody")
    assert (first.returncode, first.stderr) == (0, "")
    assert first.stdout.startswith("Usage: infuseprep print")
    assert shown("print", "--help").stdout == first.stdout
    assert shown("--profile", "nobody", "print", "-h").stdout == first.stdout
