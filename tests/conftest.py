from __future__ import annotations

import subprocess
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from infuseprep import i18n
from infuseprep.cli import app
from infuseprep.cli.common import global_options_first

# A belimumab visit ten days after the pinned "today" of 2026-11-23, as the README shows it.
RIVERSIDE_VISIT = (
    "appointment",
    "set",
    "2026-12-03",
    "--time",
    "09:30",
    "--medication",
    "belimumab-iv",
    "--center",
    "Riverside Infusion Center",
)
TEST_ENV = {"COLUMNS": "80", "NO_COLOR": "1", "TERM": "dumb"}
# The tests speak English unless they choose otherwise, whatever the machine's locale.
LANGUAGE_VARIABLES = ("INFUSEPREP_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture(autouse=True)
def home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Every test gets its own INFUSEPREP_HOME, so no test can touch a real user's files."""
    folder = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("INFUSEPREP_HOME", str(folder))
    for name, value in TEST_ENV.items():
        monkeypatch.setenv(name, value)
    for name in LANGUAGE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    # A command run with --lang es leaves its language in use; the next test starts in English.
    i18n.use(i18n.DEFAULT)
    yield folder


class Run:
    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None):  # type: ignore[no-untyped-def]
        # As the real entry point does: --profile and --debug may come after the command.
        arguments = global_options_first(list(args))
        return self.runner.invoke(app, arguments, input=input, env=TEST_ENV)


@pytest.fixture
def run() -> Run:
    return Run()


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write a dedented file under the test's folder and return its path."""

    def write_file(name: str, content: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
        return path

    return write_file


class Khal:
    """khal, a terminal calendar app, with one calendar ("infusion") in the test's folder."""

    def __init__(self, folder: Path) -> None:
        self.store = folder / "khal-calendar"
        self.store.mkdir()
        self.config = folder / "khal.conf"
        self.config.write_text(
            f"[calendars]\n[[infusion]]\npath = {self.store}\ntype = calendar\n"
            "[locale]\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\ntimeformat = %H:%M\n"
            "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n",
            encoding="utf-8",
        )

    def __call__(self, *args: str) -> str:
        done = subprocess.run(
            ["khal", "-c", str(self.config), *args], capture_output=True, text=True, check=True
        )
        return done.stdout

    def import_file(self, ics: Path) -> None:
        self("import", "--batch", "-a", "infusion", str(ics))


@pytest.fixture
def khal(tmp_path: Path) -> Khal:
    return Khal(tmp_path)
