"""Why a path cannot be used, in words a user can act on.

An OSError's own text can mislead: creating a folder through a symbolic link loop says "File
exists", and a dangling link reads as "No such file". Every stage that reports a bad path asks
here, so the loop, the broken link, the permission and the wrong kind of entry are named as such.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


def os_reason(path: str | Path, exc: OSError) -> str:
    """What went wrong with ``path``, from the error an operation on it raised."""
    return path_problem(path) or _by_errno(exc)


def path_problem(path: str | Path, want_folder: bool | None = None) -> str | None:
    """What stands in the way of using ``path`` (as a folder, as a file, or either), or ``None``."""
    try:
        info = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ENOENT and os.path.islink(path):
            return f"a broken symbolic link (to {os.readlink(path)}, which does not exist)"
        if exc.errno == errno.ENOENT and want_folder:
            return None  # a folder that does not exist yet is created
        return _by_errno(exc)
    if want_folder and not stat.S_ISDIR(info.st_mode):
        return f"not a folder (a {kind(info.st_mode)})"
    if want_folder is False and stat.S_ISDIR(info.st_mode):
        return "is a directory"
    return None


def _by_errno(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "a symbolic link loop"
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return "no such file or folder"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.EISDIR:
        return "is a directory"
    if exc.errno == errno.ENAMETOOLONG:
        return "the name is too long"
    return exc.strerror or str(exc)


def kind(mode: int) -> str:
    """The kind of a directory entry, from its ``st_mode``."""
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISBLK(mode):
        return "block device"
    if stat.S_ISCHR(mode):
        return "character device"
    if stat.S_ISFIFO(mode):
        return "named pipe"
    return "special file"
