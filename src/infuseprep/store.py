"""The progress file on disk: private, atomic, locked, and never overwritten unread.

Two files keep one person's progress:

- ``progress.json``, the whole progress, always replaced whole: written to a temporary file in
  the same folder, flushed and fsynced, ``os.replace``-d over the old one, then the folder
  fsynced. A crash at any moment leaves either the old file or the new one. The file names its
  *generation*, a random token that changes with every whole write.
- ``progress.json.journal``, the changes saved since: a header line naming the generation it
  belongs to, then one JSON line per change (``progress_document.change_between``). Saving one
  answer appends one short line and fsyncs it, instead of rewriting a file that holds years of
  visits.
  The journal is created whole (header and first change) like the file, and folded back into the
  file (*compacted*) once it grows past an eighth of the file's size.

Every change is a locked read-modify-write: take the lock file, read the file and replay its
journal, apply the change, then append it to the journal or write the whole file. What a crash
can leave, and how it is read:

- a last journal line without its newline: a change that was never reported as saved; it is
  ignored, and the next save folds the rest into a whole file;
- a journal of another generation: the file was written whole after it (its changes are in the
  file), and the crash came before the journal was removed; it is ignored and removed;
- any other line that cannot be read: reported, never skipped; nothing is written over it.

Reads take no lock: a reader checks that the file did not change while it read both, and
reads again when it did. A store remembers what it last saved (and the files' identities),
so a walk that saves answer after answer does not read the whole file again for each one.
"""

from __future__ import annotations

import codecs
import json
import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

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
from infuseprep.i18n import _
from infuseprep.lock import locked
from infuseprep.paths import home
from infuseprep.progress import FORMAT_NAME, FORMAT_VERSION, Progress
from infuseprep.progress_document import (
    apply_change,
    change_between,
    format_version,
    progress_document,
    progress_from,
)

MAX_PROGRESS_BYTES = 16 * 1_048_576
JOURNAL_SUFFIX = ".journal"
JOURNAL_FORMAT = "infuseprep-journal"
JOURNAL_VERSION = 1
# The journal is folded into the file when it passes the larger of these: small enough that
# replaying it costs little, large enough that whole writes are rare.
JOURNAL_MIN_BYTES = 8 * 1024
JOURNAL_SHARE = 8  # ... or an eighth of the file's size
READ_ATTEMPTS = 20

# What identifies one version of a file on disk: a replaced, appended, edited or chmod-ed file
# has another identity.
Identity = tuple[int, int, int, int, int, int, int]


def _identity(path: Path, *, follow_links: bool = True) -> Identity | None:
    try:
        found = path.stat(follow_symlinks=follow_links)
    except FileNotFoundError:
        return None
    return (
        found.st_dev,
        found.st_ino,
        found.st_size,
        found.st_mtime_ns,
        found.st_ctime_ns,
        found.st_mode,
        found.st_uid,
    )


class _Loaded:
    """The progress as read: from the file and its journal, and what a save must know of them."""

    __slots__ = ("file", "generation", "journal", "progress", "rewrite")

    def __init__(
        self,
        progress: Progress,
        generation: str | None = None,
        file: Identity | None = None,
        journal: Identity | None = None,
        rewrite: bool = False,
    ) -> None:
        self.progress = progress
        self.generation = generation  # None: no file yet, or one of an older format
        self.file = file
        self.journal = journal  # None: no journal of this generation
        # The next save writes the whole file: a torn or stale journal, a loose file mode.
        self.rewrite = rewrite


class ProgressStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock_path = path.with_name(path.name + ".lock")
        # What this store last saved; trusted by the next save only while both files keep the
        # identities they had then.
        self._saved: _Loaded | None = None

    @property
    def journal_path(self) -> Path:
        """The journal lives beside the file written (the file a link points to, if one does)."""
        target = self.target
        return target.with_name(target.name + JOURNAL_SUFFIX)

    def read(self) -> Progress:
        """The saved progress, empty when there is none; no lock needed, as writes are atomic."""
        return self._load().progress

    @property
    def target(self) -> Path:
        """The file written: the progress file, or the file its link points to, if it is one."""
        return Path(os.path.realpath(self.path)) if self.path.is_symlink() else self.path

    def change(self, apply: Callable[[Progress], None]) -> Progress:
        """Apply one change to the freshest saved progress and save it before returning."""
        with self._locked():
            loaded, self._saved = self._load_to_change(), None
            progress = loaded.progress.copy()
            apply(progress)
            entry = None if loaded.rewrite else change_between(loaded.progress, progress)
            if loaded.generation is None or progress.loaded_version < FORMAT_VERSION:
                entry = None
            if entry is None:
                if progress.loaded_version < FORMAT_VERSION:
                    self._keep_old_format(progress.loaded_version)
                saved = self._write(progress)
            elif entry:
                saved = self._append(entry, loaded, progress)
            else:
                saved = loaded  # nothing changed
            progress.loaded_version = FORMAT_VERSION
            saved.progress = progress.copy()
            self._saved = saved
            return progress

    def reset(self, now: datetime, *, keep_visits: bool = True) -> Path | None:
        """Move the progress file aside as a dated backup; ``None`` when there was nothing saved.

        With ``keep_visits`` the appointment and the visit history (which the schedule's next
        dates depend on) are written back; only the answers start over. A file that cannot be
        read is moved aside whole either way (its journal beside it).
        """
        with self._locked():
            self._saved = None
            target, journal = self.target, self.journal_path
            if not target.exists() and not journal.exists():
                return None
            kept = None
            try:
                old = self._load()
            except ProgressUnreadable:
                old = None
            if old is not None:
                if old.journal is not None or journal.exists():
                    # Fold the journal in first, so the backup is one whole file.
                    self._write(old.progress)
                if keep_visits:
                    kept = Progress(
                        appointment=old.progress.appointment, history=old.progress.history
                    )
            stamp = now.strftime("%Y%m%d-%H%M%S")
            backup = target.with_name(f"{target.stem}-backup-{stamp}.json")
            counter = 1
            while backup.exists() or journal_of(backup).exists():
                counter += 1
                backup = target.with_name(f"{target.stem}-backup-{stamp}-{counter}.json")
            moved = None
            # The journal first: a crash in between leaves the file without it, never a journal
            # whose file is gone.
            if journal.exists() or journal.is_symlink():
                journal.rename(journal_of(backup))
                moved = journal_of(backup)
            if target.exists():
                target.rename(backup)
                moved = backup
            sync_folder(target.parent)
            if kept is not None and (kept.appointment is not None or kept.history):
                self._write(kept)
            return moved

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
        with locked(self.lock_path):
            yield

    # ------------------------------------------------------------------------- reading

    def _load_to_change(self) -> _Loaded:
        """Under the lock: what this store saved last, if neither file changed since; else a
        fresh read. (The progress kept is this store's own: changes are made on a copy.)"""
        saved = self._saved
        if (
            saved is not None
            and _identity(self.path) == saved.file
            and _identity(self.journal_path, follow_links=False) == saved.journal
        ):
            return saved
        return self._load()

    def _load(self) -> _Loaded:
        """The file and its journal, read as one: read again when a writer replaced the file
        meanwhile, so a journal is never replayed on a file it does not belong to."""
        for _attempt in range(READ_ATTEMPTS):
            before = _identity(self.path)
            loaded = self._read_file()
            if loaded.generation is not None or before is not None:
                self._replay_journal(loaded)
            if _identity(self.path) == before:
                loaded.file = before
                return loaded
        raise ProgressBusy(
            _("{path} kept changing while it was read. Wait a moment and try again.").format(
                path=self.path
            )
        )

    def _read_file(self) -> _Loaded:
        try:
            raw = read_regular(self.path, MAX_PROGRESS_BYTES)
            self._check_own_folders()
            check_private(self.path)
            loose = bool(self.path.stat().st_mode & 0o077)
        except FileNotFoundError:
            return _Loaded(Progress())
        except NotRegularFile as error:
            raise ProgressUnreadable(
                str(self.path),
                _("cannot be used: {reason}").format(reason=error.strerror),
                reset_hint=False,
            ) from None
        except TooLarge:
            raise ProgressUnreadable(
                str(self.path),
                _("is larger than {size} MiB").format(size=MAX_PROGRESS_BYTES // 1_048_576),
            ) from None
        except OSError as error:
            raise ProgressUnreadable(
                str(self.path), _("cannot be read ({reason})").format(reason=error.strerror)
            ) from None
        name = str(self.path)
        document = _decode(raw, name)
        progress = progress_from(document, name)
        generation = None
        if progress.loaded_version >= 3:
            assert isinstance(document, dict)  # progress_from checked it
            generation = document.get("generation")
            if not isinstance(generation, str) or not 0 < len(generation) <= 64:
                raise ProgressUnreadable(name, _('has no "generation" for its journal'))
        return _Loaded(progress, generation, rewrite=loose)

    def _replay_journal(self, loaded: _Loaded) -> None:
        """Apply the journal's changes to ``loaded``, if it is this file's journal."""
        path = self.journal_path
        name = str(path)
        identity = _identity(path, follow_links=False)
        try:
            raw = read_regular(path, MAX_PROGRESS_BYTES, follow_links=False)
            check_private(path)
        except FileNotFoundError:
            return
        except NotRegularFile as error:
            raise ProgressUnreadable(
                name,
                _("cannot be used: {reason}").format(reason=error.strerror),
                reset_hint=False,
            ) from None
        except TooLarge:
            raise ProgressUnreadable(
                name,
                _("is larger than {size} MiB").format(size=MAX_PROGRESS_BYTES // 1_048_576),
            ) from None
        except OSError as error:
            raise ProgressUnreadable(
                name, _("cannot be read ({reason})").format(reason=error.strerror)
            ) from None
        lines = raw.split(b"\n")
        # What follows the last newline is a change whose save never finished: never reported
        # as saved, so it is left out, and the next save writes the file whole.
        torn = lines.pop() != b""
        if not lines:
            raise ProgressUnreadable(name, _("has no header line"))
        generation = _journal_generation(lines[0], name)
        if loaded.generation is None or generation != loaded.generation:
            # Of a file written whole since (or of no file): its changes are in the file.
            loaded.rewrite = True
            return
        for number, line in enumerate(lines[1:], start=2):
            # TRANSLATORS: {file} is a file name; the rest of the sentence follows it.
            where = _("{file} (line {line})").format(file=name, line=number)
            apply_change(loaded.progress, _decode(line, where, lines=False), where)
        loaded.journal = identity
        loaded.rewrite = loaded.rewrite or torn or bool(identity and identity[5] & 0o077)

    # ------------------------------------------------------------------------- writing

    def _write(self, progress: Progress) -> _Loaded:
        """Write the whole file, in a new generation; the journal, now folded in, is removed."""
        # Random, from os.urandom: the secrets module would cost start-up time (it imports hmac).
        generation = os.urandom(16).hex()
        document: dict[str, Any] = {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "generation": generation,
        }
        document.update(progress_document(progress))
        data = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
        target = self.target
        _remove_stale_temporaries(target)
        write_atomically(target, data.encode("utf-8"))
        # Its changes are in the file now. Should the removal be lost in a crash, the journal
        # names the old generation, so it is ignored.
        journal_of(target).unlink(missing_ok=True)
        return _Loaded(progress, generation, file=_identity(self.path))

    def _append(self, entry: dict[str, Any], loaded: _Loaded, progress: Progress) -> _Loaded:
        """Add one change to the journal and fsync it; the whole file when the journal is full."""
        line = (json.dumps(entry, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
        path = self.journal_path
        _remove_stale_temporaries(self.target)
        if loaded.journal is None:
            header = {
                "format": JOURNAL_FORMAT,
                "version": JOURNAL_VERSION,
                "generation": loaded.generation,
            }
            data = json.dumps(header).encode() + b"\n" + line
            write_atomically(path, data)
        else:
            size = loaded.journal[2] + len(line)
            file_size = loaded.file[2] if loaded.file is not None else 0
            if size > max(JOURNAL_MIN_BYTES, file_size // JOURNAL_SHARE):
                return self._write(progress)
            _append_durably(path, line)
        loaded.journal = _identity(path, follow_links=False)
        return loaded


def _remove_stale_temporaries(target: Path) -> None:
    """Temporary files of the progress file or its journal left by a process that was killed
    while writing. Only the lock holder writes, so none of them is in use."""
    for stale in target.parent.glob(f"{temporary_prefix(target)}*.tmp"):
        stale.unlink(missing_ok=True)


def journal_of(path: Path) -> Path:
    return path.with_name(path.name + JOURNAL_SUFFIX)


def _journal_generation(header: bytes, name: str) -> str:
    """The generation a journal's header line names; a journal of a newer format is refused."""
    document = _decode(header, name)
    if not isinstance(document, dict) or document.get("format") != JOURNAL_FORMAT:
        raise ProgressUnreadable(name, _("is not an infuseprep journal"))
    format_version(document, name, JOURNAL_VERSION)
    generation = document.get("generation")
    if not isinstance(generation, str):
        raise ProgressUnreadable(name, _('has no "generation" for its journal'))
    return generation


def _append_durably(path: Path, line: bytes) -> None:
    """Append ``line`` to the journal (never through a link) and fsync it."""
    flags = os.O_WRONLY | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        raise OSError(error.errno, error.strerror, str(path)) from None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise OSError(0, "not a regular file", str(path))
        written = 0
        while written < len(line):
            written += os.write(descriptor, line[written:])
        os.fsync(descriptor)
    except OSError as error:
        raise OSError(error.errno, error.strerror, str(path)) from None
    finally:
        os.close(descriptor)


def _decode(raw: bytes, name: str, *, lines: bool = True) -> object:
    """The JSON in ``raw``; anything that is not plain UTF-8 JSON is named, never guessed at.
    ``lines=False`` for one line of the journal, whose name already says which line."""
    if raw.startswith(codecs.BOM_UTF8):
        raise ProgressUnreadable(
            name, _("starts with a byte order mark, which JSON does not allow")
        )
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ProgressUnreadable(name, _("is not text")) from None
    except json.JSONDecodeError as error:
        if not lines:
            raise ProgressUnreadable(name, _("is not valid JSON")) from None
        raise ProgressUnreadable(
            name, _("is not valid JSON (line {line})").format(line=error.lineno)
        ) from None
    except ValueError:
        raise ProgressUnreadable(name, _("holds a number too long to be real")) from None
    except RecursionError:
        raise ProgressUnreadable(name, _("is nested too deeply to be a progress file")) from None
