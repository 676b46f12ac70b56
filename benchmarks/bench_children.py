"""Running commands as children of this interpreter: wall time, peak memory, imports, keys.

Part of ``benchmarks/run.py``; standard library only, POSIX (``os.posix_spawn``, ``os.wait4``,
``pty``).
"""

from __future__ import annotations

import contextlib
import os
import select
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

WARM_UP_ROUNDS = 2
FIRST_PARTY = "infuseprep"
CHILD_ENV = {
    "COLUMNS": "100",
    "NO_COLOR": "1",
    "TERM": "dumb",
    "PYTHONIOENCODING": "utf-8",
    # The figures are for the English interface, whatever this machine's locale.
    "INFUSEPREP_LANG": "en",
}


@dataclass(frozen=True)
class Command:
    """One command line, run as a child of this interpreter, with extra environment."""

    name: str
    argv: tuple[str, ...]
    home: Path
    env: Mapping[str, str] = field(default_factory=dict)


@dataclass
class Samples:
    seconds: list[float] = field(default_factory=list)
    peak_bytes: list[int] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def median_peak(self) -> float:
        return statistics.median(self.peak_bytes)


def child_env(home: Path, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("INFUSEPREP_")}
    # As on a user's machine, where pip compiled the bytecode at install time and Python
    # keeps what it compiles: without this, every run would compile every module again.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(CHILD_ENV)
    env["INFUSEPREP_HOME"] = str(home)
    env.update(extra or {})
    return env


def run_child(command: Command, scratch: Path) -> tuple[float, int]:
    """Run one command to the end; its wall time in seconds and its peak memory in bytes."""
    errors = scratch / "stderr.txt"
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
        (os.POSIX_SPAWN_OPEN, 2, str(errors), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600),
    ]
    env = child_env(command.home, command.env)
    started = time.perf_counter()
    pid = os.posix_spawn(command.argv[0], command.argv, env, file_actions=actions)
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        message = errors.read_text(encoding="utf-8", errors="replace")
        raise SystemExit(
            f"benchmark stopped: {command.name} ({' '.join(command.argv[1:])}) exited with "
            f"{code}:\n{message}"
        )
    # ru_maxrss is in kilobytes on Linux and in bytes on macOS.
    peak = usage.ru_maxrss if sys.platform == "darwin" else usage.ru_maxrss * 1024
    return elapsed, peak


def measure(
    commands: Sequence[Command], rounds: int, scratch: Path, report: Callable[[str], None]
) -> dict[str, Samples]:
    """Run every command once per round, in turn; the warm-up rounds are not kept."""
    samples = {command.name: Samples() for command in commands}
    total = WARM_UP_ROUNDS + rounds
    for round_number in range(total):
        report(f"round {round_number + 1}/{total}")
        for command in commands:
            seconds, peak = run_child(command, scratch)
            if round_number >= WARM_UP_ROUNDS:
                samples[command.name].seconds.append(seconds)
                samples[command.name].peak_bytes.append(peak)
    return samples


# ----------------------------------------------------------------------------- keypresses


def keypress_latencies(argv: Sequence[str], home: Path, prompt: bytes, keys: int) -> list[float]:
    """Start the walk in a pseudo-terminal and answer ``keys`` steps with "y": for each, the
    seconds from the key to the next step's prompt (the fsynced save included)."""
    import pty

    pid, fd = pty.fork()
    if pid == 0:  # the child: the walk, in a pty of 50 rows and 200 columns
        import fcntl
        import struct
        import termios

        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 200, 0, 0))
        env = child_env(home, {"TERM": "xterm-256color", "LANG": "C.UTF-8", "HOME": str(home)})
        env.pop("COLUMNS", None)
        os.execve(argv[0], list(argv), env)
    buffer = b""

    def wait_for_prompt(timeout: float = 20.0) -> None:
        nonlocal buffer
        deadline = time.perf_counter() + timeout
        while prompt not in buffer:
            left = deadline - time.perf_counter()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise SystemExit(
                    f"benchmark stopped: the walk showed no prompt:\n{buffer[-500:]!r}"
                )
            try:
                chunk = os.read(fd, 65_536)
            except OSError:
                chunk = b""
            if not chunk:
                raise SystemExit(f"benchmark stopped: the walk ended early:\n{buffer[-500:]!r}")
            buffer += chunk
        buffer = buffer[buffer.index(prompt) + len(prompt) :]

    latencies = []
    try:
        wait_for_prompt()
        for _ in range(keys):
            started = time.perf_counter()
            os.write(fd, b"y")
            wait_for_prompt()
            latencies.append(time.perf_counter() - started)
        os.write(fd, b"q")
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, 9)
        os.waitpid(pid, 0)
        os.close(fd)
    return latencies


# ----------------------------------------------------------------------------- import report


def import_times(argv: Sequence[str], home: Path, env: Mapping[str, str]) -> dict[str, int]:
    """Self import time in microseconds per package (per module for infuseprep's own)."""
    command = [argv[0], "-X", "importtime", *argv[1:]]
    done = subprocess.run(
        command, env=child_env(home, env), capture_output=True, text=True, check=False
    )
    totals: dict[str, int] = {}
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        parts = [part.strip() for part in line.removeprefix("import time:").split("|")]
        if not parts[0].isdigit():
            continue
        module = parts[2]
        # infuseprep's own modules one by one, anything else by its top-level package.
        name = module if module.startswith(f"{FIRST_PARTY}.") else module.split(".")[0]
        totals[name] = totals.get(name, 0) + int(parts[0])
    return totals


def import_report(failing: Command, baseline: Command, runs: int = 5) -> list[str]:
    """What the failing command imports and the baseline app does not, slowest first."""
    seen: dict[str, list[int]] = {}
    for _ in range(runs):
        for package, micros in import_times(failing.argv, failing.home, failing.env).items():
            seen.setdefault(package, []).append(micros)
    base = set(import_times(baseline.argv, baseline.home, baseline.env))
    extra = {
        package: statistics.median(values)
        for package, values in seen.items()
        if package not in base
    }
    top = sorted(extra.items(), key=lambda pair: pair[1], reverse=True)[:15]
    total = sum(extra.values())
    lines = [
        f"Imports in `{failing.name}` that the Typer app does not make "
        f"(self time, median of {runs} runs of -X importtime; {total / 1000:.1f} ms in all):"
    ]
    lines += [f"  {package:<32} {micros / 1000:7.1f} ms" for package, micros in top]
    return lines
