"""An exclusive lock on an output folder, held while episode files are written into it.

On POSIX the folder itself is locked (flock on its directory handle): nothing is created inside
or beside it, and every render into that folder meets the same lock whatever its temporary
directory. Elsewhere a lock file in the temporary directory stands in.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from narrate.errors import OutputError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

POLL_S = 0.05


@contextmanager
def folder_lock(folder: Path, timeout_s: float = 600) -> Iterator[None]:
    if fcntl is None:  # pragma: no cover - Windows
        from filelock import FileLock, Timeout

        digest = hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:16]
        try:
            with FileLock(Path(tempfile.gettempdir()) / f"narrate-{digest}.lock", timeout=timeout_s):
                yield
        except Timeout as exc:
            raise _busy(folder, timeout_s) from exc
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise _busy(folder, timeout_s) from None
                time.sleep(POLL_S)
        yield
    finally:
        os.close(handle)  # releases the lock


def _busy(folder: Path, timeout_s: float) -> OutputError:
    return OutputError(f"{folder}: another render kept this folder busy for {timeout_s:.0f} s; try again")
