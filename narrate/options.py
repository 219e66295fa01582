"""How a render runs: loudness, encoding, audio format, cache and parallelism."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from narrate.audio.encode import Mp3Settings


def default_cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("narrate")) / "segments"


def available_cores() -> int:
    """Cores this process may run on (a container's share, not the host's count)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


@dataclass(frozen=True)
class RenderOptions:
    """A library render uses one process (``jobs=1``); ``narrate render`` one worker per core."""

    out_dir: Path = Path("output")
    cache_dir: Path | None = field(default_factory=default_cache_dir)  # None: no cache kept
    jobs: int = 1
    target_lufs: float = -16.0
    ceiling_dbfs: float = -1.5  # sample peak; the encoded true peak stays under -1 dBTP
    mp3: Mp3Settings = field(default_factory=Mp3Settings)
    audio_format: str = "mp3"  # mp3 | m4b | m4a | wav: the MP3 is always written, this one beside it
    show: str | None = None  # the podcast's name: the audio's album, and the generated cover's title
    cover: Path | None = None  # a PNG or JPEG embedded in the audio; None: a generated cover
