"""Files written under hidden temporary names and renamed together once all are complete."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class Staging:
    """Temporary files beside their final names, renamed together at the end."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.staged: list[tuple[Path, Path]] = []

    def new(self, name: str) -> Path:
        fd, tmp = tempfile.mkstemp(dir=self.out_dir, prefix=f".{name}.", suffix=".part")
        os.close(fd)
        self.staged.append((Path(tmp), self.out_dir / name))
        return Path(tmp)

    def write_text(self, name: str, text: str) -> None:
        self.new(name).write_text(text, encoding="utf-8")

    def commit(self) -> None:
        for tmp, final in self.staged:
            os.chmod(tmp, 0o644)
            os.replace(tmp, final)
        self.staged.clear()

    def discard(self) -> None:
        for tmp, _ in self.staged:
            tmp.unlink(missing_ok=True)
        self.staged.clear()


def remove_stale_parts(out_dir: Path) -> list[Path]:
    """Temporary files a killed render left behind (call it holding the folder's lock)."""
    stale = list(out_dir.glob(".*.part"))
    for path in stale:
        path.unlink(missing_ok=True)
    return stale
