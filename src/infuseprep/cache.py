"""A small cache of parsed files, so most commands need neither PyYAML nor a parse.

Each entry is JSON stored with the key it was built for (a digest of the exact input bytes);
an entry with another key, one that cannot be read, or one of the wrong shape is simply built
again.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from infuseprep.errors import InfuseprepError
from infuseprep.files import check_private, make_private_folder, read_regular, write_atomically
from infuseprep.paths import cache_dir

MAX_ENTRY_BYTES = 16 * 1_048_576


def _as_is(value: Any) -> Any:
    return value


def content_key(*parts: bytes) -> str:
    """A key that changes with any byte of ``parts``: length and two checksums of each.

    zlib's checksums rather than hashlib's: loading OpenSSL for hashlib costs more start-up time
    than all of infuseprep's own modules, and no adversary is involved in a local cache.
    """
    return "/".join(
        f"{len(part)}.{zlib.crc32(part):08x}.{zlib.adler32(part):08x}" for part in parts
    )


def cached(
    name: str, key: str, build: Callable[[], Any], use: Callable[[Any], Any] | None = None
) -> Any:
    """The JSON value cached as ``name`` for ``key``, or ``build()``'s, stored for next time.

    With ``use``, what comes back is ``use(value)``. Any doubt about an entry (it is not a
    private regular file, not JSON, has another key, or ``use`` finds the wrong shape in it and
    raises) means building it again: a cache only saves time.
    """
    use = use or _as_is
    path = cache_dir() / f"{name}.json"
    try:
        document = _entry(path)
        if document.get("key") == key:
            return use(document["value"])
    except (InfuseprepError, OSError, ValueError, LookupError, TypeError, AttributeError):
        pass
    value = build()
    result = use(value)
    keep(name, key, value)
    return result


def kept(name: str, key: str) -> Any | None:
    """The value ``keep`` stored as ``name`` for ``key``; ``None`` when there is none for it."""
    try:
        document = _entry(cache_dir() / f"{name}.json")
    except (InfuseprepError, OSError, ValueError):
        return None
    return document.get("value") if document.get("key") == key else None


def keep(name: str, key: str, value: Any) -> None:
    """Store a JSON value as ``name`` for ``key``; a cache that cannot be written only costs
    speed, so nothing is said."""
    path = cache_dir() / f"{name}.json"
    try:
        make_private_folder(path.parent)
        check_private(path.parent)
        write_atomically(path, json.dumps({"key": key, "value": value}).encode("utf-8"))
    except (InfuseprepError, OSError):
        pass


def _entry(path: Path) -> dict[str, Any]:
    """A cache entry, from a private regular file of a bounded size: ``ValueError`` if it is
    not a JSON object."""
    check_private(path.parent)
    check_private(path)
    document = json.loads(read_regular(path, MAX_ENTRY_BYTES, follow_links=False))
    if not isinstance(document, dict):
        raise ValueError(path)
    return document
