"""Rendering one chunk: synthesize its segments (or take them from the cache) and encode it.

Runs in worker processes (one engine each) or inline for ``--jobs 1``. Segments are cached as
trimmed engine audio plus their measured loudness; each is gain-matched to the target loudness
when the chunk is built, so every voice profile sits at the same level.
"""

from __future__ import annotations

import json
import logging
import struct
import warnings
from dataclasses import dataclass
from pathlib import Path

with warnings.catch_warnings():  # pydub warns at import when ffmpeg is not on PATH; ours is set below
    warnings.simplefilter("ignore", RuntimeWarning)
    from pydub import AudioSegment

from narrate.cache import Cache, cache_key
from narrate.dsp import normalize, to_float, to_int16, trim_silence
from narrate.encode import DECODER_LEAD_IN_FRAMES, Mp3Settings, count_mp3_frames, encode_mp3_chunk
from narrate.engines import Engine, engine_identity, get_engine
from narrate.errors import AudioError
from narrate.timeline import ChunkLayout, cue_sentences
from narrate.voices import VoiceProfile

log = logging.getLogger(__name__)
CACHE_FORMAT = 5
# Loudness the MP3 encode takes (its low-pass drops K-weighted highs), measured on the seed.
ENCODER_LOSS_LU = 0.5
_engines: dict[str, Engine] = {}


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


def engine_for(name: str) -> Engine:
    if name not in _engines:
        _engines[name] = get_engine(name)
    return _engines[name]


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
    )


def _segment_samples(job: SegmentJob, chunk: ChunkJob, cache: Cache) -> bytes:
    """One segment's speech, trimmed and loudness-normalised, from the cache or the engine."""
    key = segment_key(job, chunk.target_lufs, chunk.ceiling_dbfs)
    samples = cache.get(key)
    if samples is None:
        pcm = engine_for(job.profile.engine).synthesize(job.text, job.profile)
        audio = to_float(trim_silence(pcm.samples, pcm.sample_rate_hz))
        ceiling = 10 ** (chunk.ceiling_dbfs / 20)
        samples = to_int16(normalize(audio, chunk.target_lufs + ENCODER_LOSS_LU, ceiling, pcm.sample_rate_hz))
        cache.put(key, samples)
    return samples


def render_chunk(job: ChunkJob) -> ChunkLayout:
    """Encode one chunk (its segments joined with their pauses) into the cache; its layout."""
    cache = Cache(job.cache_root)
    cached = cache.get(job.key, ".mp3")
    if cached is not None:
        return _unpack_chunk(cached)[0]
    rate = job.mp3.sample_rate_hz
    joined = AudioSegment.silent(duration=0, frame_rate=rate)
    offsets = []
    for segment in job.segments:
        speech = AudioSegment(
            _segment_samples(segment, job, cache), sample_width=2, frame_rate=rate, channels=1
        )
        pause = AudioSegment(
            bytes(2 * (segment.pause_after_ms * rate // 1000)), sample_width=2, frame_rate=rate, channels=1
        )
        start = DECODER_LEAD_IN_FRAMES + int(joined.frame_count())
        offsets.append((start, start + int(speech.frame_count())))
        joined += speech + pause
    frames = encode_mp3_chunk(joined.raw_data, rate, job.mp3)
    sentences = tuple(cue_sentences(s.display) for s in job.segments)
    layout = ChunkLayout(count_mp3_frames(frames) * job.mp3.samples_per_frame, tuple(offsets), sentences)
    cache.put(job.key, _pack_chunk(layout, frames), ".mp3")
    return layout


def cached_layout(cache: Cache, key: str) -> ChunkLayout | None:
    payload = cache.get(key, ".mp3")
    return _unpack_chunk(payload)[0] if payload is not None else None


def read_chunk_frames(cache: Cache, key: str) -> bytes:
    """The MP3 frames of a chunk that render_chunk stored."""
    payload = cache.get(key, ".mp3")
    if payload is None:
        raise AudioError("an encoded chunk vanished from the cache during the render; render again")
    return _unpack_chunk(payload)[1]


def _pack_chunk(layout: ChunkLayout, frames: bytes) -> bytes:
    header = json.dumps(
        {"total": layout.total_samples, "offsets": layout.offsets, "sentences": layout.sentences}
    ).encode()
    return struct.pack("<I", len(header)) + header + frames


def _unpack_chunk(payload: bytes) -> tuple[ChunkLayout, bytes]:
    (size,) = struct.unpack("<I", payload[:4])
    header = json.loads(payload[4 : 4 + size])
    layout = ChunkLayout(
        int(header["total"]),
        tuple((int(a), int(b)) for a, b in header["offsets"]),
        tuple(tuple(str(s) for s in group) for group in header["sentences"]),
    )
    return layout, payload[4 + size :]
