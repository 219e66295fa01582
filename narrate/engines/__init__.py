"""Speech engines behind one small protocol.

An engine turns a short text (a sentence or a paragraph, never more: see DESIGN.md on pyttsx3's
quadratic buffer) into mono PCM for one voice profile. ``espeak`` (pyttsx3 + eSpeak NG) is the
default; ``fake`` is a deterministic tone engine for fast tests; ``piper`` is the neural engine of
the ``neural`` extra (piper.py). registry.py names them and keeps one started instance of each
per process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from narrate.errors import EngineError

if TYPE_CHECKING:
    from narrate.audio.pcm import Pcm
    from narrate.voices import VoiceProfile

# A speaking rate below this share of the profile's words per minute means words went missing.
MIN_RATE_SHARE = 0.25
_WORD = re.compile(r"\w+")
# The fake engine's identity lives here so cache keys never load it (it needs numpy).
FAKE_VERSION = "1"
FAKE_SAMPLE_RATE_HZ = 22050
# Piper voices come at 16 or 22.05 kHz; the engine hands out 22.05 kHz, the rate of the MP3.
PIPER_SAMPLE_RATE_HZ = 22050


@dataclass(frozen=True)
class EngineVoice:
    """A voice the engine offers on this machine."""

    id: str
    name: str
    languages: tuple[str, ...] = ()


class Engine(Protocol):
    """What narrate needs from a speech engine."""

    name: str
    version: str
    sample_rate_hz: int

    def voices(self) -> list[EngineVoice]: ...

    def synthesize(self, text: str, profile: VoiceProfile) -> Pcm: ...


def check_fits_text(pcm: Pcm, text: str, profile: VoiceProfile, engine_name: str) -> Pcm:
    """Refuse audio too short for its words: text must never be skipped silently."""
    words = len(_WORD.findall(text))
    if pcm.frame_count == 0:
        raise EngineError(f"{engine_name} produced no audio for {text[:60]!r}")
    # Fast readers still need about 60/rate seconds per word; allow a wide margin for short words.
    expected_ms = words * 60_000 / max(profile.rate_wpm, 1)
    if pcm.duration_ms < expected_ms * MIN_RATE_SHARE:
        raise EngineError(
            f"{engine_name} produced {pcm.duration_ms} ms of audio for {words} words "
            f"({text[:60]!r}): words were skipped"
        )
    return pcm
