"""A small cache of parsed files, so most commands need neither PyYAML nor a parse.

Each entry is JSON stored with the key it was built for (a digest of the exact input bytes);
an entry with another key, or one that cannot be read, is simply built again.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable
from typing import Any

from infuseprep.files import write_atomically
from infuseprep.paths import cache_dir


def content_key(*parts: bytes) -> str:
    """A key that changes with any byte of ``parts``: length and two checksums of each.

    zlib's checksums rather than hashlib's: loading OpenSSL for hashlib costs more start-up time
    than all of infuseprep's own modules, and no adversary is involved in a local cache.
    """
    return "/".join(
        f"{len(part)}.{zlib.crc32(part):08x}.{zlib.adler32(part):08x}" for part in parts
    )


def cached(name: str, key: str, build: Callable[[], Any]) -> Any:
    """The JSON value cached as ``name`` for ``key``, or ``build()``'s, stored for next time."""
    path = cache_dir() / f"{name}.json"
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(document, dict) and document.get("key") == key:
            return document["value"]
    except (OSError, ValueError, KeyError):
        pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, json.dumps({"key": key, "value": value}).encode("utf-8"))
    except OSError:
        pass  # a cache that cannot be written only costs speed
    return value
