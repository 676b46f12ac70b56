"""The progress file on disk: private, atomic, locked, and never overwritten unread.

Every change is a locked read-modify-write: take the lock file, read the current file, apply the
change, write a temporary file in the same folder, flush and fsync it, ``os.replace`` it over the
old one and fsync the folder. A crash at any moment leaves either the old file or the new one.
"""

from __future__ import annotations

import codecs
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
from infuseprep.files import (
    FILE_MODE,
    NotRegularFile,
    TooLarge,
    check_private,
    make_private_folder,
    read_regular,
    sync_folder,
    temporary_prefix,
    write_atomically,
)
from infuseprep.paths import home
from infuseprep.person import Person
from infuseprep.progress import FORMAT_VERSION, Progress

LOCK_TIMEOUT_SECONDS = 10.0
MAX_PROGRESS_BYTES = 16 * 1_048_576


class ProgressStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock_path = path.with_name(path.name + ".lock")

    def read(self) -> Progress:
        """The saved progress, empty when there is none; no lock needed, as writes are atomic."""
        try:
            raw = read_regular(self.path, MAX_PROGRESS_BYTES)
            self._check_own_folders()
            check_private(self.path)
        except FileNotFoundError:
            return Progress()
        except NotRegularFile as error:
            raise ProgressUnreadable(
                str(self.path), f"cannot be used: {error.strerror}", reset_hint=False
            ) from None
        except TooLarge:
            raise ProgressUnreadable(
                str(self.path), f"is larger than {MAX_PROGRESS_BYTES // 1_048_576} MiB"
            ) from None
        except OSError as error:
            raise ProgressUnreadable(str(self.path), f"cannot be read ({error.strerror})") from None
        return Progress.from_document(_decode(raw, str(self.path)), str(self.path))

    @property
    def target(self) -> Path:
        """The file written: the progress file, or the file its link points to, if it is one."""
        return Path(os.path.realpath(self.path)) if self.path.is_symlink() else self.path

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
            target = self.target
            if not target.exists():
                return None
            kept = None
            if keep_visits:
                try:
                    old = self.read()
                    kept = Progress(appointment=old.appointment, history=old.history)
                except ProgressUnreadable:
                    kept = None
            stamp = now.strftime("%Y%m%d-%H%M%S")
            backup = target.with_name(f"{target.stem}-backup-{stamp}.json")
            counter = 1
            while backup.exists():
                counter += 1
                backup = target.with_name(f"{target.stem}-backup-{stamp}-{counter}.json")
            target.rename(backup)
            sync_folder(target.parent)
            if kept is not None and (kept.appointment is not None or kept.history):
                self._write(kept)
            return backup

    def _keep_old_format(self, version: int) -> None:
        """Before the first save in a newer format, keep the old file as it was."""
        target = self.target
        backup = target.with_name(f"{target.stem}-format-{version}-backup.json")
        if backup.exists():
            return
        descriptor = os.open(backup, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(read_regular(target, MAX_PROGRESS_BYTES))

    def _prepare_folder(self) -> None:
        """Create what is missing, privately; refuse infuseprep's own folders if others can write.

        The home folder itself is used as it is: it may be one the person chose and shares.
        """
        make_private_folder(self.path.parent)
        self._check_own_folders()
        check_private(self.lock_path)

    def _check_own_folders(self) -> None:
        """The folders between the home folder and the file (a named profile's) must be private."""
        folder, base = self.path.parent, home()
        if folder.is_relative_to(base):
            for own in [folder, *folder.parents]:
                if own == base:
                    break
                check_private(own)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        self._prepare_folder()
        # The lock file is infuseprep's own: a link in its place is refused, not followed.
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
        descriptor = os.open(self.lock_path, flags, FILE_MODE)
        with os.fdopen(descriptor, "r+b") as handle:
            _acquire(handle, self.lock_path)
            try:
                yield
            finally:
                _release(handle)

    def _write(self, progress: Progress) -> None:
        data = json.dumps(progress.to_document(), indent=2, ensure_ascii=False) + "\n"
        target = self.target
        # Only the lock holder writes, so any temporary file now is left from a killed process.
        for stale in target.parent.glob(f"{temporary_prefix(target)}*.tmp"):
            stale.unlink(missing_ok=True)
        write_atomically(target, data.encode("utf-8"))


def person_files(person: Person) -> list[Path]:
    """Every file kept for one person: the checklists installed for them alone, their
    progress, its lock, backups and leftovers, and their details."""
    own = person.own_checklists
    found = sorted(own.iterdir()) if own is not None and own.is_dir() else []
    path = person.progress_file
    folder = path.parent
    if not folder.is_dir():
        return found
    exact = [folder / path.name, folder / f"{path.name}.lock", person.settings_file]
    found += [file for file in exact if file.exists() or file.is_symlink()]
    for pattern in (
        f"{path.stem}-backup-*.json",
        f"{path.stem}-format-*-backup.json",
        f"{temporary_prefix(path)}*.tmp",
    ):
        found += sorted(folder.glob(pattern))
    return found


def remove_person(person: Person) -> list[Path]:
    """Delete ``person_files(person)`` (a link itself, not the file it points to), then a
    named person's folders when nothing else is in them; what was removed comes back."""
    removed = []
    for file in person_files(person):
        if file.is_file() or file.is_symlink():
            file.unlink(missing_ok=True)
            removed.append(file)
    folder = person.folder
    emptied = [] if person.is_default else [person.own_checklists, folder]
    for empty in emptied:
        if empty is not None and empty.is_dir() and not any(empty.iterdir()):
            empty.rmdir()
            removed.append(empty)
    if removed:
        sync_folder(folder.parent if folder in removed else folder)
    return removed


def _decode(raw: bytes, name: str) -> object:
    """The JSON in ``raw``; anything that is not plain UTF-8 JSON is named, never guessed at."""
    if raw.startswith(codecs.BOM_UTF8):
        raise ProgressUnreadable(name, "starts with a byte order mark, which JSON does not allow")
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ProgressUnreadable(name, "is not text") from None
    except json.JSONDecodeError as error:
        raise ProgressUnreadable(name, f"is not valid JSON (line {error.lineno})") from None
    except ValueError:
        raise ProgressUnreadable(name, "holds a number too long to be real") from None
    except RecursionError:
        raise ProgressUnreadable(name, "is nested too deeply to be a progress file") from None


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
