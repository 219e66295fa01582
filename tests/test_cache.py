"""The content-addressed segment cache: round trips, corruption and what the keys cover."""

from __future__ import annotations

from dataclasses import replace

import pytest

from narrate.audio.encode import Mp3Settings
from narrate.rendering.cache import MAGIC, Cache, cache_key
from narrate.rendering.chunks import SegmentJob, chunk_key, segment_key
from narrate.voices import load_voices

KEY = cache_key(text="hello", voice="narrator")
PAYLOAD = bytes(range(256)) * 40


@pytest.fixture
def cache(tmp_path):
    return Cache(tmp_path / "cache")


def _entry(cache: Cache, key: str = KEY, suffix: str = ".seg"):
    return cache.root / key[:2] / f"{key}{suffix}"


def test_round_trip(cache):
    assert cache.get(KEY) is None
    cache.put(KEY, PAYLOAD)
    assert cache.get(KEY) == PAYLOAD
    # Suffixes are separate namespaces: a chunk never answers for a segment.
    assert cache.get(KEY, ".mp3") is None
    cache.put(KEY, b"chunk", ".mp3")
    assert cache.get(KEY, ".mp3") == b"chunk"
    assert cache.get(KEY) == PAYLOAD


def test_empty_payload_round_trips(cache):
    cache.put(KEY, b"")
    assert cache.get(KEY) == b""


def test_put_replaces_and_leaves_no_temporary_files(cache):
    cache.put(KEY, b"first")
    cache.put(KEY, PAYLOAD)
    assert cache.get(KEY) == PAYLOAD
    files = [p for p in cache.root.rglob("*") if p.is_file()]
    assert files == [_entry(cache)]


@pytest.mark.parametrize("offset", [0, len(MAGIC), len(MAGIC) + 31, len(MAGIC) + 32, -1])
def test_flipped_byte_is_dropped(cache, offset):
    cache.put(KEY, PAYLOAD)
    path = _entry(cache)
    blob = bytearray(path.read_bytes())
    blob[offset] ^= 0x01
    path.write_bytes(bytes(blob))
    assert cache.get(KEY) is None
    assert not path.exists()
    # Rendering again refills the slot.
    cache.put(KEY, PAYLOAD)
    assert cache.get(KEY) == PAYLOAD


@pytest.mark.parametrize("keep", [0, 3, len(MAGIC) + 10, len(MAGIC) + 32, len(MAGIC) + 32 + 100])
def test_truncated_entry_is_dropped(cache, keep):
    cache.put(KEY, PAYLOAD)
    path = _entry(cache)
    path.write_bytes(path.read_bytes()[:keep])
    assert cache.get(KEY) is None
    assert not path.exists()


def test_cache_key_is_stable_and_order_independent():
    assert cache_key(a=1, b="x") == cache_key(b="x", a=1)
    assert cache_key(a=1, b="x") != cache_key(a=1, b="y")
    assert len(cache_key(a=1)) == 64


# --- what the render's keys cover --------------------------------------------------------------

VOICES = load_voices()


def _job(text="Hello there.", profile=VOICES.narrator, pause=150):
    return SegmentJob(text=text, display=text, profile=profile, pause_after_ms=pause)


def test_segment_key_covers_text_profile_engine_and_level():
    base = _job()
    key = segment_key(base, -16.0, -1.5)
    assert segment_key(_job(), -16.0, -1.5) == key
    others = {
        "text": segment_key(_job(text="Hello there!"), -16.0, -1.5),
        "voice": segment_key(_job(profile=VOICES.quote_pool[0]), -16.0, -1.5),
        "rate": segment_key(_job(profile=replace(VOICES.narrator, rate_wpm=200)), -16.0, -1.5),
        "pitch": segment_key(_job(profile=replace(VOICES.narrator, pitch=10)), -16.0, -1.5),
        "engine": segment_key(_job(profile=replace(VOICES.narrator, engine="fake")), -16.0, -1.5),
        "loudness": segment_key(base, -18.0, -1.5),
        "ceiling": segment_key(base, -16.0, -2.0),
    }
    assert key not in others.values()
    assert len(set(others.values())) == len(others)


def test_segment_key_ignores_the_pause_but_chunk_key_does_not():
    """The pause is added when the chunk is joined: the segment audio is the same."""
    assert segment_key(_job(pause=150), -16.0, -1.5) == segment_key(_job(pause=900), -16.0, -1.5)
    mp3 = Mp3Settings()
    a = chunk_key((_job(pause=150),), -16.0, -1.5, mp3)
    assert a == chunk_key((_job(pause=150),), -16.0, -1.5, mp3)
    assert a != chunk_key((_job(pause=900),), -16.0, -1.5, mp3)
    assert a != chunk_key((_job(pause=150),), -16.0, -1.5, replace(mp3, bitrate_kbps=64))
    assert a != chunk_key((_job(pause=150), _job("More.")), -16.0, -1.5, mp3)
    # The chunk also caches the transcript's sentences, so the displayed wording is part of its key.
    shown = replace(_job(pause=150), display="Hello there (shown).")
    assert a != chunk_key((shown,), -16.0, -1.5, mp3)
