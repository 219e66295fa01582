"""Chunk jobs, their cache keys, and encoded chunks as the cache holds them.

Light on purpose: the parent process plans, keys and assembles chunks with this module alone,
while the audio stack (numpy, pydub, the engines) loads in the worker processes (synth.py).
"""

from __future__ import annotations

import json
import struct
from dataclasses import dataclass
from pathlib import Path

from narrate.assemble import ChunkLayout
from narrate.audio.encode import Mp3Settings
from narrate.engines import engine_identity
from narrate.errors import AudioError
from narrate.render.cache import Cache, cache_key
from narrate.voices import VoiceProfile

CACHE_FORMAT = 6


@dataclass(frozen=True)
class SegmentJob:
    text: str
    display: str
    profile: VoiceProfile
    pause_after_ms: int


@dataclass(frozen=True)
class ChunkJob:
    key: str
    segments: tuple[SegmentJob, ...]
    cache_root: Path
    target_lufs: float
    ceiling_dbfs: float
    mp3: Mp3Settings


def segment_key(job: SegmentJob, target_lufs: float, ceiling_dbfs: float) -> str:
    return cache_key(
        format=CACHE_FORMAT,
        text=job.text,
        profile=job.profile.__dict__,
        engine=engine_identity(job.profile.engine),
        target=target_lufs,
        ceiling=ceiling_dbfs,
    )


def chunk_key(
    segments: tuple[SegmentJob, ...], target_lufs: float, ceiling_dbfs: float, mp3: Mp3Settings
) -> str:
    return cache_key(
        format=CACHE_FORMAT,
        segments=[segment_key(s, target_lufs, ceiling_dbfs) for s in segments],
        pauses=[s.pause_after_ms for s in segments],
        displays=[s.display for s in segments],
        mp3=mp3.__dict__,
        encoder="lame",  # chunks ffmpeg encoded are not reused: same frames, other bytes
    )


def cached_layout(cache: Cache, key: str) -> ChunkLayout | None:
    payload = cache.get(key, ".mp3")
    return unpack_chunk(payload)[0] if payload is not None else None


def read_chunk_frames(cache: Cache, key: str) -> bytes:
    """The MP3 frames of a chunk that render_chunk stored."""
    payload = cache.get(key, ".mp3")
    if payload is None:
        raise AudioError("an encoded chunk vanished from the cache during the render; render again")
    return unpack_chunk(payload)[1]


def pack_chunk(layout: ChunkLayout, frames: bytes) -> bytes:
    header = json.dumps(
        {"total": layout.total_samples, "offsets": layout.offsets, "sentences": layout.sentences}
    ).encode()
    return struct.pack("<I", len(header)) + header + frames


def unpack_chunk(payload: bytes) -> tuple[ChunkLayout, bytes]:
    (size,) = struct.unpack("<I", payload[:4])
    header = json.loads(payload[4 : 4 + size])
    layout = ChunkLayout(
        int(header["total"]),
        tuple((int(a), int(b)) for a, b in header["offsets"]),
        tuple(tuple(str(s) for s in group) for group in header["sentences"]),
    )
    return layout, payload[4 + size :]
