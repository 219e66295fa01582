"""An exclusive lock on an output folder: held while episode files are written into it, and by a
batch for its whole run.

On POSIX the folder itself is locked (flock on its directory handle): nothing is created inside
or beside it, and every render into that folder meets the same lock whatever its temporary
directory. Elsewhere a lock file in the temporary directory stands in.

A render takes the lock for each episode it writes, so several renders can share a folder
(each waits while another writes). A batch (``batch_lock``) takes it for its whole run: its view
of the folder (which episodes are there, which names are taken) stays its own, so a second batch
into the same folder stops at once with a clear error instead of mixing its episodes in, and a
render into it waits until the batch ends. The thread that holds the lock may take it again.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from narrate.errors import OutputError
from narrate.paths import os_reason

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

POLL_S = 0.05
WRITE_WAIT_S = 600.0  # how long writing an episode waits for whoever holds the folder
# How long a batch waits for the folder before it gives up: long enough for another render to
# finish writing an episode, far shorter than another batch's run.
BATCH_WAIT_S = 15.0
# Folders this process holds: (device, inode) -> (holding thread, depth).
_held: dict[tuple[int, int], tuple[int, int]] = {}
_held_guard = threading.Lock()


def _identity(folder: Path) -> tuple[int, int]:
    status = os.stat(folder)
    return status.st_dev, status.st_ino


@contextmanager
def _reentered(folder: Path) -> Iterator[bool]:
    """True inside a lock this thread already holds on ``folder`` (then it is taken only once)."""
    key, me = _identity(folder), threading.get_ident()
    with _held_guard:
        owner, depth = _held.get(key, (me, 0))
        mine = owner == me and depth > 0
        if mine:
            _held[key] = (me, depth + 1)
    if not mine:
        yield False
        return
    try:
        yield True
    finally:
        with _held_guard:
            _held[key] = (me, _held[key][1] - 1)


@contextmanager
def _holding(folder: Path) -> Iterator[None]:
    key = _identity(folder)
    with _held_guard:
        _held[key] = (threading.get_ident(), 1)
    try:
        yield
    finally:
        with _held_guard:
            del _held[key]


@contextmanager
def folder_lock(folder: Path, timeout_s: float = WRITE_WAIT_S, busy: str | None = None) -> Iterator[None]:
    """Hold ``folder`` (an existing folder) exclusively for the block, waiting up to
    ``timeout_s`` for whoever holds it; then fail with ``busy`` (or a default line)."""
    with _reentered(folder) as again:
        if again:
            yield
            return
        with _locked(folder, timeout_s, busy), _holding(folder):
            yield


@contextmanager
def _locked(folder: Path, timeout_s: float, busy: str | None) -> Iterator[None]:
    if fcntl is None:  # pragma: no cover - Windows
        from filelock import FileLock, Timeout

        digest = hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:16]
        try:
            with FileLock(Path(tempfile.gettempdir()) / f"narrate-{digest}.lock", timeout=timeout_s):
                yield
        except Timeout as exc:
            raise _busy(folder, timeout_s, busy) from exc
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
                    raise _busy(folder, timeout_s, busy) from None
                time.sleep(POLL_S)
        yield
    finally:
        os.close(handle)  # releases the lock


@contextmanager
def batch_lock(folder: Path) -> Iterator[None]:
    """Hold the output folder ``folder`` (created if missing) for a whole batch."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create the output folder ({os_reason(folder, exc)})") from exc
    busy = (f"{folder}: another narrate batch is writing into this folder; wait for it to end, or "
            "write this batch into another folder")  # fmt: skip
    with folder_lock(folder, BATCH_WAIT_S, busy):
        yield


def _busy(folder: Path, timeout_s: float, busy: str | None) -> OutputError:
    return OutputError(
        busy or f"{folder}: another render or batch kept this folder busy for {timeout_s:.0f} s; try again"
    )
