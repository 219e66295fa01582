"""A deterministic engine for tests: one short tone per word, pitched by voice, in microseconds."""

from __future__ import annotations

import hashlib
import re

import numpy as np

from narrate.audio.pcm import Pcm
from narrate.engines import FAKE_SAMPLE_RATE_HZ, FAKE_VERSION, EngineVoice, check_fits_text
from narrate.voices import VoiceProfile

_WORD = re.compile(r"\w+")
SAMPLE_RATE_HZ = FAKE_SAMPLE_RATE_HZ
VERSION = FAKE_VERSION


class FakeEngine:
    name = "fake"
    version = VERSION
    sample_rate_hz = SAMPLE_RATE_HZ

    def voices(self) -> list[EngineVoice]:
        return [EngineVoice(id=v, name=v, languages=("en",)) for v in ("fake/low", "fake/mid", "fake/high")]

    def synthesize(self, text: str, profile: VoiceProfile) -> Pcm:
        # A tone per word whose length follows the profile's rate, so timing code sees speech-like input.
        words = len(_WORD.findall(text))
        word_frames = int(self.sample_rate_hz * 60 / max(profile.rate_wpm, 1))
        tone_frames = int(word_frames * 0.7)
        digest = hashlib.sha1(profile.voice_id.encode()).digest()
        hz = 110 + int.from_bytes(digest[:2], "big") % 200 + profile.pitch
        t = np.arange(tone_frames) / self.sample_rate_hz
        word = np.zeros(word_frames, dtype=np.float64)
        word[:tone_frames] = np.sin(2 * np.pi * hz * t) * 0.25 * profile.volume
        audio = np.tile(word, words)
        pcm = Pcm((audio * 32767).astype("<i2").tobytes(), self.sample_rate_hz)
        return check_fits_text(pcm, text, profile, self.name)
