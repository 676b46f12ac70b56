"""Files built to hurt the loader are refused fast, with a message and no traceback."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from infuseprep.yamlsafe import MAX_ALIASES, MAX_DEPTH, MAX_FILE_BYTES, MAX_VALUES

TIME_LIMIT_SECONDS = 2.0


def billion_laughs() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [" + ",".join([f"*{previous}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def wide_aliases() -> str:
    return "base: &x [1, 2]\nuse: [" + ", ".join(["*x"] * (MAX_ALIASES + 50)) + "]\n"


HOSTILE = {
    "billion-laughs": (
        billion_laughs(),
        f"5:23: the file expands to more than {MAX_VALUES:,} values; it is refused",
    ),
    "many-aliases": (
        wide_aliases(),
        f"2:{7 + 4 * MAX_ALIASES}: the file uses more than {MAX_ALIASES} aliases (*name); "
        "it is refused",
    ),
    "deep-flow-nesting": (
        "[" * 100_000,
        # libyaml from PyYAML 6.0.4 stops at its own limit, which it reaches while looking ahead.
        f"1:({MAX_DEPTH + 1}|1001): values are nested more than {MAX_DEPTH} levels deep; "
        "it is refused",
    ),
    "deep-block-nesting": (
        "".join(f"{'  ' * depth}k{depth}:\n" for depth in range(200)),
        f"{MAX_DEPTH + 1}:{2 * MAX_DEPTH + 1}: values are nested more than {MAX_DEPTH} levels "
        "deep; it is refused",
    ),
    "many-values": (
        "items:\n" + "  - x\n" * (MAX_VALUES + 10),
        f"{MAX_VALUES - 1}:5: the file expands to more than {MAX_VALUES:,} values; it is refused",
    ),
    "python-object": (
        "!!python/object/apply:os.system ['touch /tmp/infuseprep-owned']\n",
        '1:1: the tag "tag:yaml.org,2002:python/object/apply:os.system" is not allowed; '
        "use plain values",
    ),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_yaml_is_refused_quickly(run, tmp_path: Path, name: str) -> None:
    content, expected = HOSTILE[name]
    path = tmp_path / f"{name}.yaml"
    path.write_text(content, encoding="utf-8")
    started = time.perf_counter()
    result = run("validate", str(path))
    elapsed = time.perf_counter() - started
    assert result.exit_code == 1
    pattern = expected if name == "deep-flow-nesting" else re.escape(expected)
    assert re.fullmatch(re.escape(f"{path}:") + pattern + "\n", result.stdout)
    assert "Traceback" not in result.output
    assert elapsed < TIME_LIMIT_SECONDS
    assert not Path("/tmp/infuseprep-owned").exists()


def test_huge_file_is_refused_unread(run, tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as stream:
        stream.write(b"items:\n")
        line = b"  - id: padding\n"
        stream.write(line * (40 * 1024 * 1024 // len(line)))
    started = time.perf_counter()
    result = run("validate", str(path))
    elapsed = time.perf_counter() - started
    assert result.exit_code == 1
    assert result.stdout == (
        f"{path}:1:1: file is larger than {MAX_FILE_BYTES // 1024} KiB; checklist files are small,"
        " so it is refused unread\n"
    )
    assert elapsed < TIME_LIMIT_SECONDS


def test_binary_garbage_is_refused(run, tmp_path: Path) -> None:
    path = tmp_path / "garbage.yaml"
    path.write_bytes(bytes(range(256)) * 64)
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{path}:")
    assert "Traceback" not in result.output
