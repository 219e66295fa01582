"""Rendering one chunk: synthesize its segments (or take them from the cache) and encode it.

Runs in worker processes (one engine each) or inline for ``--jobs 1``. Each segment is cached
trimmed and normalised to the target loudness, so every voice profile sits at the same level;
the chunk joins them with their pauses (pydub) and encodes the result.
"""

from __future__ import annotations

import logging
import warnings

with warnings.catch_warnings():  # pydub warns at import when ffmpeg is not on PATH; ours is set below
    warnings.simplefilter("ignore", RuntimeWarning)
    from pydub import AudioSegment

from narrate.cache import Cache
from narrate.chunks import ChunkJob, SegmentJob, pack_chunk, segment_key, unpack_chunk
from narrate.dsp import normalize, to_float, to_int16, trim_silence
from narrate.encode import DECODER_LEAD_IN_FRAMES, count_mp3_frames, encode_mp3_chunk
from narrate.engines import Engine, get_engine
from narrate.timeline import ChunkLayout, closing_pause_samples, cue_sentences

log = logging.getLogger(__name__)
# Loudness the MP3 encode takes (its low-pass drops K-weighted highs), measured on the seed.
ENCODER_LOSS_LU = 0.5
_engines: dict[str, Engine] = {}


def engine_for(name: str) -> Engine:
    if name not in _engines:
        _engines[name] = get_engine(name)
    return _engines[name]


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
        return unpack_chunk(cached)[0]
    rate = job.mp3.sample_rate_hz
    joined = AudioSegment.silent(duration=0, frame_rate=rate)
    offsets = []
    for n, segment in enumerate(job.segments, 1):
        speech = AudioSegment(
            _segment_samples(segment, job, cache), sample_width=2, frame_rate=rate, channels=1
        )
        if n == len(job.segments):
            pause_samples = closing_pause_samples(segment.pause_after_ms, rate)
        else:
            pause_samples = segment.pause_after_ms * rate // 1000
        pause = AudioSegment(bytes(2 * pause_samples), sample_width=2, frame_rate=rate, channels=1)
        start = DECODER_LEAD_IN_FRAMES + int(joined.frame_count())
        offsets.append((start, start + int(speech.frame_count())))
        joined += speech + pause
    frames = encode_mp3_chunk(joined.raw_data, rate, job.mp3)
    sentences = tuple(cue_sentences(s.display) for s in job.segments)
    layout = ChunkLayout(count_mp3_frames(frames) * job.mp3.samples_per_frame, tuple(offsets), sentences)
    cache.put(job.key, pack_chunk(layout, frames), ".mp3")
    return layout
