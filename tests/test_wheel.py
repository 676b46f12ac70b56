"""The bundled checklists ship inside the wheel and are found from any directory."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from infuseprep.catalog import bundled_dir
from infuseprep.catalog_files import checklist_files

PROJECT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(PROJECT),
        ],
        check=True,
    )
    (built,) = out.glob("infuseprep-*.whl")
    return built


@pytest.mark.slow
def test_wheel_holds_every_bundled_checklist_and_the_schema(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in bundled_dir().rglob("*"):
        if path.is_file():
            assert f"infuseprep/checklists/{path.relative_to(bundled_dir()).as_posix()}" in names
    entry_points = next(name for name in names if name.endswith("entry_points.txt"))
    assert "infuseprep = infuseprep.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


@pytest.mark.slow
def test_installed_wheel_lists_checklists_from_the_root_folder(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
    )
    env = {**os.environ, "PYTHONPATH": str(target), "INFUSEPREP_HOME": str(tmp_path / "home")}
    code = "import infuseprep.catalog as c; print(c.bundled_dir())"
    located = subprocess.run(
        [sys.executable, "-c", code], cwd="/", env=env, capture_output=True, text=True, check=True
    )
    assert located.stdout.strip() == str(target / "infuseprep" / "checklists")
    listed = subprocess.run(
        [sys.executable, "-m", "infuseprep", "list"],
        cwd="/",
        env={**env, "COLUMNS": "100"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert listed.returncode == 0, listed.stderr
    assert f"{len(checklist_files([bundled_dir()]))} checklists." in listed.stdout
