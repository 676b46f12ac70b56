"""Files on disk, read and written defensively.

Writing goes through a temporary file, fsync and a rename, so a crash never leaves half of one.
Reading takes only regular files, opened so that a FIFO or a device can neither block nor
stream, with the size cap enforced while reading. Folders infuseprep makes are private; folders
it did not make are used as they are, never chmod-ed.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from infuseprep.errors import InfuseprepError, UsageProblem
from infuseprep.i18n import _, ngettext

FILE_MODE = 0o600
# A checklist, glossary, center card or profile file is small: a bigger one is refused unread.
MAX_FILE_BYTES = 1_048_576
FOLDER_MODE = 0o700
_READ_CHUNK = 65_536


class NotRegularFile(OSError):
    """A path that is a folder, a FIFO, a device or a socket where a file was expected."""


class TooLarge(OSError):
    """A file larger than the cap given to ``read_regular``; it was not read to the end."""


class NotPrivate(InfuseprepError):
    """A file or folder in infuseprep's home that another user owns or could change."""


def kind_of(mode: int) -> str:
    """Plain words for what a path is, for messages, in the language in use."""
    if stat.S_ISDIR(mode):
        return _("a folder")
    if stat.S_ISFIFO(mode):
        return _("a pipe (FIFO)")
    if stat.S_ISSOCK(mode):
        return _("a socket")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device")
    return _("a special file")


def read_regular(path: Path, limit: int, *, follow_links: bool = True) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.

    Opened with ``O_NONBLOCK`` and checked with ``fstat`` before any read, so a FIFO or a device
    is refused at once; ``follow_links=False`` also refuses a path that is itself a link.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    descriptor = os.open(path, flags)
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            # TRANSLATORS: {kind} is "a folder", "a pipe (FIFO)", "a device"...
            reason = _("it is {kind}, not a regular file").format(kind=kind_of(mode))
            raise NotRegularFile(0, reason, str(path))
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(descriptor, min(_READ_CHUNK, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            reason = ngettext(
                "it is larger than {limit} byte", "it is larger than {limit} bytes", limit
            ).format(limit=limit)
            raise TooLarge(0, reason, str(path))
        return b"".join(chunks)
    finally:
        os.close(descriptor)


def output_target(path: Path) -> Path:
    """The regular file ``-o PATH`` replaces: PATH itself, or the file a link there points to.

    A link is followed on purpose, so the file the person linked to is updated and the link
    kept. A folder, FIFO, socket or device is refused, and never replaced.
    """
    target = Path(os.path.realpath(path))
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        if not target.parent.is_dir():
            raise UsageProblem(
                _(
                    'The folder "{folder}" does not exist, so nothing was written. '
                    "Create it first, or choose another place."
                ).format(folder=path.parent)
            ) from None
        return target
    if not stat.S_ISREG(mode):
        raise UsageProblem(
            # TRANSLATORS: {kind} is "a folder", "a pipe (FIFO)", "a device"...
            _(
                '"{path}" is {kind}, not a file, so nothing was written. '
                'Give the name of a file to write, or "-" to print it here.'
            ).format(path=path, kind=kind_of(mode))
        )
    return target


def temporary_prefix(path: Path) -> str:
    return f".{path.name}."


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` all at once, readable only by the user, durable on disk.

    An error names ``path``, so the one that reaches the person says which file could not be
    saved (a failed write on a descriptor names none).
    """
    import tempfile

    try:
        descriptor, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=temporary_prefix(path), suffix=".tmp"
        )
    except OSError as error:
        raise OSError(error.errno, error.strerror, str(path)) from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(temporary).chmod(FILE_MODE)
        Path(temporary).replace(path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise OSError(error.errno, error.strerror, str(path)) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    sync_folder(path.parent)


def sync_folder(folder: Path) -> None:
    """Make a rename durable: fsync the folder that holds the file (not possible on Windows)."""
    if sys.platform == "win32":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def make_private_folder(folder: Path) -> None:
    """Create ``folder`` and any missing parents as 0700; folders that exist are left as they are.

    ``mkdir`` is subject to the umask, so each folder made here is set to 0700 right after.
    """
    missing: list[Path] = []
    current = folder
    while not current.exists() and current != current.parent:
        missing.append(current)
        current = current.parent
    for new in reversed(missing):
        try:
            new.mkdir(mode=FOLDER_MODE)
        except FileExistsError:
            continue  # another infuseprep made it a moment ago
        if sys.platform != "win32":
            new.chmod(FOLDER_MODE)


def check_private(path: Path) -> None:
    """Refuse a file or folder of infuseprep's that another user owns or could change.

    Links are followed: a link the person made to their own file is theirs to make. Anything
    but a file or a folder is left to the reader, which refuses it with a better message.
    """
    if sys.platform == "win32":
        return
    try:
        found = path.stat()
    except FileNotFoundError:
        return
    if not (stat.S_ISREG(found.st_mode) or stat.S_ISDIR(found.st_mode)):
        return
    if found.st_uid != os.getuid():
        raise NotPrivate(
            _(
                "{path} belongs to another user, so infuseprep will not use it. Move it away, or "
                "set INFUSEPREP_HOME to a folder of your own."
            ).format(path=path)
        )
    if found.st_mode & 0o022:
        raise NotPrivate(
            _(
                "{path} can be changed by other users, so infuseprep will not use it. If it is "
                'yours, make it private with: chmod go-w "{path}"'
            ).format(path=path)
        )
