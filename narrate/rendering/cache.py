"""Content-addressed cache of rendered audio, safe against truncation and concurrent writers.

An entry is ``MAGIC + sha256(payload) + payload`` written to a temporary name and renamed, so a
reader sees a whole entry or none; a corrupt or truncated one fails its checksum and is
rendered again, never played.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path

from narrate.errors import OutputError
from narrate.paths import os_reason

log = logging.getLogger(__name__)
MAGIC = b"NRC1"
_DIGEST_BYTES = 32


def cache_key(**parts: object) -> str:
    """A stable key over everything that changes the cached bytes."""
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str).encode()
    return hashlib.sha256(blob).hexdigest()


class Cache:
    """Files under ``root``, fanned out by the first two hex digits of their key."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str, suffix: str) -> Path:
        return self.root / key[:2] / f"{key}{suffix}"

    def get(self, key: str, suffix: str = ".seg") -> bytes | None:
        path = self._path(key, suffix)
        try:
            blob = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.warning("cache entry %s unreadable (%s); rendering it again", path, os_reason(path, exc))
            return None
        head = len(MAGIC) + _DIGEST_BYTES
        payload = blob[head:]
        if blob[: len(MAGIC)] != MAGIC or hashlib.sha256(payload).digest() != blob[len(MAGIC) : head]:
            log.warning("cache entry %s is corrupt; rendering it again", path)
            path.unlink(missing_ok=True)
            return None
        return payload

    def put(self, key: str, payload: bytes, suffix: str = ".seg") -> None:
        path = self._path(key, suffix)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=suffix)
        except OSError as exc:
            raise _unwritable(self.root, exc) from exc
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(MAGIC + hashlib.sha256(payload).digest() + payload)
            os.replace(tmp, path)
        except BaseException as exc:
            Path(tmp).unlink(missing_ok=True)
            if isinstance(exc, OSError):
                raise _unwritable(self.root, exc) from exc
            raise


class NoCache(Cache):
    """``--no-cache``: nothing is kept, so every render starts from the engine."""

    def __init__(self) -> None:
        super().__init__(Path())

    def get(self, key: str, suffix: str = ".seg") -> bytes | None:
        return None

    def put(self, key: str, payload: bytes, suffix: str = ".seg") -> None:
        return None


def open_cache(root: Path | None) -> Cache:
    return Cache(root) if root is not None else NoCache()


def _unwritable(root: Path, exc: OSError) -> OutputError:
    return OutputError(
        f"{root}: cannot write to the cache ({exc.strerror or exc}); free some space or pass --cache-dir"
    )
