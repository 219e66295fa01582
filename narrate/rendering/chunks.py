"""Chunk jobs, their cache keys, and encoded chunks as the cache holds them.

Light on purpose: the parent process plans, keys and collects chunks with this module alone,
while the audio stack (numpy, pydub, the engines) loads in the worker processes (synth.py).
"""

from __future__ import annotations

import json
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from narrate.audio.encode import DECODER_LEAD_IN_FRAMES, Mp3Settings
from narrate.audio.pcm import SAMPLE_WIDTH_BYTES
from narrate.engines.registry import engine_identity, model_identity
from narrate.errors import AudioError
from narrate.model import AudioBlock
from narrate.rendering.cache import Cache, cache_key
from narrate.rendering.plan import ChunkPlan
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
    """Everything a worker needs to render one chunk, wherever it runs."""

    key: str
    segments: tuple[SegmentJob, ...]
    cache_root: Path | None  # None: keep nothing between renders
    target_lufs: float
    ceiling_dbfs: float
    mp3: Mp3Settings
    keep_pcm: bool = False  # hand back the chunk's PCM too (for WAV and M4B)


@dataclass(frozen=True)
class ChunkLayout:
    """An encoded chunk: its decoded length and each segment's [start, end), in samples."""

    total_samples: int
    offsets: tuple[tuple[int, int], ...]


def closing_pause_samples(pause_after_ms: int, sample_rate_hz: int) -> int:
    """The pause that ends a chunk, short of the lead-in silence the next chunk opens with,
    so that pacing does not depend on where chunks happen to end."""
    return max(0, pause_after_ms * sample_rate_hz // 1000 - DECODER_LEAD_IN_FRAMES)


@dataclass(frozen=True)
class InMemory:
    """Audio handed back whole (no cache to keep it in)."""

    data: bytes

    def read(self) -> bytes:
        return self.data


@dataclass(frozen=True)
class CachedFrames:
    """A chunk's MP3 frames, as kept in the cache: only the key travels between processes."""

    cache_root: Path
    key: str

    def read(self) -> bytes:
        payload = Cache(self.cache_root).get(self.key, ".mp3")
        if payload is None:
            raise AudioError("an encoded chunk vanished from the cache during the render; render again")
        return unpack_chunk(payload)[1]


@dataclass(frozen=True)
class CachedPcm:
    """A chunk's PCM, laid out from its normalised segments as kept in the cache."""

    cache_root: Path
    layout: ChunkLayout
    segment_keys: tuple[str, ...]

    def read(self) -> bytes:
        cache = Cache(self.cache_root)
        segments = [cache.get(key) for key in self.segment_keys]
        for samples, (start, end) in zip(segments, self.layout.offsets, strict=True):
            if samples is None or len(samples) != (end - start) * SAMPLE_WIDTH_BYTES:
                raise AudioError("a cached segment vanished during the render; render again")
        return chunk_pcm(self.layout, [s for s in segments if s is not None])


@dataclass(frozen=True)
class ChunkAudio:
    """What rendering a chunk hands back: its layout, its MP3 frames and, when asked, its PCM."""

    layout: ChunkLayout
    frames: AudioBlock
    pcm: AudioBlock | None = None


@dataclass(frozen=True)
class RenderedChunk:
    """A planned chunk with its audio: what the render stage gives the assembler."""

    plan: ChunkPlan
    layout: ChunkLayout
    frames: AudioBlock
    pcm: AudioBlock | None = None


def chunk_audio(job: ChunkJob, layout: ChunkLayout, frames: bytes, segments: Sequence[bytes]) -> ChunkAudio:
    """The chunk as handed back: references into the cache when there is one, else the audio itself."""
    if job.cache_root is None:
        pcm = InMemory(chunk_pcm(layout, segments)) if job.keep_pcm else None
        return ChunkAudio(layout, InMemory(frames), pcm)
    return ChunkAudio(layout, CachedFrames(job.cache_root, job.key), _cached_pcm(job, layout))


def _cached_pcm(job: ChunkJob, layout: ChunkLayout) -> CachedPcm | None:
    if not job.keep_pcm or job.cache_root is None:
        return None
    keys = tuple(segment_key(s, job.target_lufs, job.ceiling_dbfs) for s in job.segments)
    return CachedPcm(job.cache_root, layout, keys)


def segment_key(job: SegmentJob, target_lufs: float, ceiling_dbfs: float) -> str:
    return cache_key(
        format=CACHE_FORMAT,
        text=job.text,
        profile=job.profile.__dict__,
        engine=engine_identity(job.profile.engine),
        model=model_identity(job.profile),
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
        header=2,  # the layout without transcript sentences (they come with the script now)
    )


def chunk_pcm(layout: ChunkLayout, segments: Sequence[bytes]) -> bytes:
    """A chunk's PCM laid out sample for sample as its decoded MP3: lead-in, speech, pauses, padding."""
    blocks, written = [], 0
    for samples, (start, end) in zip(segments, layout.offsets, strict=True):
        blocks += [bytes((start - written) * SAMPLE_WIDTH_BYTES), samples]
        written = end
    blocks.append(bytes((layout.total_samples - written) * SAMPLE_WIDTH_BYTES))
    return b"".join(blocks)


def cached_chunk(cache: Cache, job: ChunkJob) -> ChunkAudio | None:
    """The chunk as an earlier render left it in the cache (``None`` when it is not there)."""
    if job.cache_root is None:
        return None
    payload = cache.get(job.key, ".mp3")
    if payload is None:
        return None
    layout = unpack_chunk(payload)[0]
    return ChunkAudio(layout, CachedFrames(job.cache_root, job.key), _cached_pcm(job, layout))


def pack_chunk(layout: ChunkLayout, frames: bytes) -> bytes:
    header = json.dumps({"total": layout.total_samples, "offsets": layout.offsets}).encode()
    return struct.pack("<I", len(header)) + header + frames


def unpack_chunk(payload: bytes) -> tuple[ChunkLayout, bytes]:
    (size,) = struct.unpack("<I", payload[:4])
    header = json.loads(payload[4 : 4 + size])
    layout = ChunkLayout(int(header["total"]), tuple((int(a), int(b)) for a, b in header["offsets"]))
    return layout, payload[4 + size :]
