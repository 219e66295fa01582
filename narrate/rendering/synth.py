"""Rendering one chunk: synthesize its segments (or take them from the cache) and encode it.

Runs in worker processes (one engine each) or inline for ``--jobs 1``. Each segment is cached
trimmed and normalised to the target loudness, so every voice profile sits at the same level;
the chunk joins them with their pauses (pydub) and encodes the result.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable

with warnings.catch_warnings():  # pydub warns at import when ffmpeg is not on PATH; ours is set below
    warnings.simplefilter("ignore", RuntimeWarning)
    from pydub import AudioSegment

from narrate.audio.dsp import normalize, to_float, to_int16, trim_silence
from narrate.audio.encode import DECODER_LEAD_IN_FRAMES, count_mp3_frames, encode_mp3_chunk
from narrate.engines.registry import engine_for
from narrate.rendering.cache import Cache, open_cache
from narrate.rendering.chunks import (
    ChunkAudio,
    ChunkJob,
    ChunkLayout,
    SegmentJob,
    cached_chunk,
    chunk_audio,
    closing_pause_samples,
    pack_chunk,
    segment_key,
)

log = logging.getLogger(__name__)
# Loudness the MP3 encode takes (its low-pass drops K-weighted highs), measured on the seed.
ENCODER_LOSS_LU = 0.5


def _segment_samples(job: SegmentJob, chunk: ChunkJob, cache: Cache) -> bytes:
    """One segment's speech, trimmed and loudness-normalised, from the cache or the engine."""
    key = segment_key(job, chunk.target_lufs, chunk.ceiling_dbfs)
    samples = cache.get(key)
    if samples is None:
        engine = engine_for(job.profile.engine)
        pcm = engine.synthesize(job.text, job.profile)
        audio = to_float(trim_silence(pcm.samples, pcm.sample_rate_hz))
        ceiling = 10 ** (chunk.ceiling_dbfs / 20)
        # A voice whose peaks fall between its samples (Piper's sibilants) is limited on true peaks.
        oversample = getattr(engine, "peak_oversample", 1)
        level = chunk.target_lufs + ENCODER_LOSS_LU
        samples = to_int16(normalize(audio, level, ceiling, pcm.sample_rate_hz, oversample))
        cache.put(key, samples)
    return samples


def render_chunk(job: ChunkJob, on_segment: Callable[[int], None] | None = None) -> ChunkAudio:
    """Encode one chunk (its segments joined with their pauses); kept in the cache when there is one.

    ``on_segment`` hears the index of each segment before it is synthesized (so a crash can be
    traced to its words).
    """
    cache = open_cache(job.cache_root)
    cached = cached_chunk(cache, job)
    if cached is not None:
        return cached
    rate = job.mp3.sample_rate_hz
    joined = AudioSegment.silent(duration=0, frame_rate=rate)
    offsets, speeches = [], []
    for n, segment in enumerate(job.segments, 1):
        if on_segment is not None:
            on_segment(n - 1)
        samples = _segment_samples(segment, job, cache)
        speeches.append(samples)
        speech = AudioSegment(samples, sample_width=2, frame_rate=rate, channels=1)
        if n == len(job.segments):
            pause_samples = closing_pause_samples(segment.pause_after_ms, rate)
        else:
            pause_samples = segment.pause_after_ms * rate // 1000
        pause = AudioSegment(bytes(2 * pause_samples), sample_width=2, frame_rate=rate, channels=1)
        start = DECODER_LEAD_IN_FRAMES + int(joined.frame_count())
        offsets.append((start, start + int(speech.frame_count())))
        joined += speech + pause
    frames = encode_mp3_chunk(joined.raw_data, rate, job.mp3)
    layout = ChunkLayout(count_mp3_frames(frames) * job.mp3.samples_per_frame, tuple(offsets))
    cache.put(job.key, pack_chunk(layout, frames), ".mp3")
    return chunk_audio(job, layout, frames, speeches)
