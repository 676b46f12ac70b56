"""The lock file that makes every change to a person's progress one at a time, across
processes: a walk in one terminal and a ``check`` in another never save over each other."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from infuseprep.errors import ProgressBusy
from infuseprep.files import FILE_MODE
from infuseprep.i18n import _

LOCK_TIMEOUT_SECONDS = 10.0


@contextmanager
def locked(lock_path: Path) -> Iterator[None]:
    """Hold the lock on ``lock_path`` (made, private, when missing); waits up to
    ``LOCK_TIMEOUT_SECONDS`` for another process, then says so in words."""
    # The lock file is infuseprep's own: a link in its place is refused, not followed.
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
    descriptor = os.open(lock_path, flags, FILE_MODE)
    with os.fdopen(descriptor, "r+b") as handle:
        _acquire(handle, lock_path)
        try:
            yield
        finally:
            _release(handle)


def _acquire(handle: IO[bytes], lock_path: Path) -> None:
    deadline = time.monotonic() + LOCK_TIMEOUT_SECONDS
    while True:
        try:
            if sys.platform == "win32":
                import msvcrt

                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise ProgressBusy(
                    _(
                        "Another infuseprep is still saving ({path} is locked). "
                        "Wait a moment and try again."
                    ).format(path=lock_path)
                ) from None
            time.sleep(0.005)


def _release(handle: IO[bytes]) -> None:
    if sys.platform == "win32":
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
