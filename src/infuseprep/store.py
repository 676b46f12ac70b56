"""The progress file on disk: private, atomic, locked, and never overwritten unread.

Every change is a locked read-modify-write: take the lock file, read the current file, apply the
change, write a temporary file in the same folder, flush and fsync it, ``os.replace`` it over the
old one and fsync the folder. A crash at any moment leaves either the old file or the new one.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import IO

from infuseprep.errors import ProgressBusy, ProgressUnreadable
from infuseprep.files import FILE_MODE, sync_folder, temporary_prefix, write_atomically
from infuseprep.progress import FORMAT_VERSION, Progress

FOLDER_MODE = 0o700
LOCK_TIMEOUT_SECONDS = 10.0


class ProgressStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock_path = path.with_name(path.name + ".lock")

    def read(self) -> Progress:
        """The saved progress, empty when there is none; no lock needed, as writes are atomic."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return Progress()
        except OSError as error:
            raise ProgressUnreadable(str(self.path), f"cannot be read ({error.strerror})") from None
        try:
            document = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            raise ProgressUnreadable(str(self.path), "is not text") from None
        except json.JSONDecodeError as error:
            raise ProgressUnreadable(
                str(self.path), f"is not valid JSON (line {error.lineno})"
            ) from None
        return Progress.from_document(document, str(self.path))

    def change(self, apply: Callable[[Progress], None]) -> Progress:
        """Apply one change to the freshest saved progress and save it before returning."""
        with self._locked():
            progress = self.read()
            apply(progress)
            if progress.loaded_version < FORMAT_VERSION:
                self._keep_old_format(progress.loaded_version)
            self._write(progress)
            progress.loaded_version = FORMAT_VERSION
            return progress

    def reset(self, now: datetime, *, keep_visits: bool = True) -> Path | None:
        """Move the progress file aside as a dated backup; ``None`` when there was nothing saved.

        With ``keep_visits`` the appointment and the visit history (which the schedule's next
        dates depend on) are written back; only the answers start over. A file that cannot be
        read is moved aside whole either way.
        """
        with self._locked():
            if not self.path.exists():
                return None
            kept = None
            if keep_visits:
                try:
                    old = self.read()
                    kept = Progress(appointment=old.appointment, history=old.history)
                except ProgressUnreadable:
                    kept = None
            stamp = now.strftime("%Y%m%d-%H%M%S")
            backup = self.path.with_name(f"{self.path.stem}-backup-{stamp}.json")
            counter = 1
            while backup.exists():
                counter += 1
                backup = self.path.with_name(f"{self.path.stem}-backup-{stamp}-{counter}.json")
            self.path.rename(backup)
            sync_folder(self.path.parent)
            if kept is not None and (kept.appointment is not None or kept.history):
                self._write(kept)
            return backup

    def _keep_old_format(self, version: int) -> None:
        """Before the first save in a newer format, keep the old file as it was."""
        backup = self.path.with_name(f"{self.path.stem}-format-{version}-backup.json")
        if backup.exists():
            return
        descriptor = os.open(backup, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(self.path.read_bytes())

    def _prepare_folder(self) -> None:
        folder = self.path.parent
        folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
        if sys.platform != "win32" and folder.stat().st_mode & 0o077:
            folder.chmod(FOLDER_MODE)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        self._prepare_folder()
        descriptor = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        with os.fdopen(descriptor, "r+b") as handle:
            _acquire(handle, self.lock_path)
            try:
                yield
            finally:
                _release(handle)

    def _write(self, progress: Progress) -> None:
        data = json.dumps(progress.to_document(), indent=2, ensure_ascii=False) + "\n"
        # Only the lock holder writes, so any temporary file now is left from a killed process.
        for stale in self.path.parent.glob(f"{temporary_prefix(self.path)}*.tmp"):
            stale.unlink(missing_ok=True)
        write_atomically(self.path, data.encode("utf-8"))


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
                    f"Another infuseprep is still saving ({lock_path} is locked). "
                    "Wait a moment and try again."
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
