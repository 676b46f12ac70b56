"""Writing files so that a crash never leaves half of one: temporary file, fsync, rename."""

from __future__ import annotations

import os
import sys
from pathlib import Path

FILE_MODE = 0o600


def temporary_prefix(path: Path) -> str:
    return f".{path.name}."


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` all at once, readable only by the user, durable on disk."""
    import tempfile

    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=temporary_prefix(path), suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(temporary).chmod(FILE_MODE)
        Path(temporary).replace(path)
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
