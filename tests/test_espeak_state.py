"""eSpeak NG's carried state: a segment must sound the same whatever the process said before it.

The probe synthesizes a segment, then other segments (other voices, other texts, itself), then
the segment again, and compares samples. Without the reset eSpeak's pitch flutter, roughness
cycle, breath noise and echo carry over and no two copies are alike.
"""

from __future__ import annotations

import ctypes
import logging
import time
from pathlib import Path

import espeakng_loader
import pytest

from narrate.engines.espeak import EspeakEngine
from narrate.engines.espeak_state import CARRIED_STATICS, UtteranceReset, _read_symbols
from narrate.engines.registry import engine_for
from narrate.voices import VoiceProfile, load_voices

LIBRARY = Path(espeakng_loader.get_library_path())
SEGMENT = "Work on the second phase begins next year, according to the plan."
BEFORE = [  # (text, profile name): what other segments of an episode might put ahead of it
    ("The harbour authority said on Tuesday that the new pier would open in spring.", "narrator"),
    ("We have waited for this for a very long time, and we are glad!", "quote-f1"),
    ("Nobody told us anything. Why?", "quote-m2"),
    (SEGMENT, "same"),
]


def _profile(name: str, target: VoiceProfile) -> VoiceProfile:
    return target if name == "same" else load_voices().by_name(name)


def _espeak() -> EspeakEngine:
    engine = engine_for("espeak")
    assert isinstance(engine, EspeakEngine)
    return engine


@pytest.mark.espeak
@pytest.mark.parametrize(
    "target",
    [
        "narrator",  # pitch flutter and roughness cycle
        "quote-f2",  # breath noise, breath filters and echo (+f5)
    ],
)
def test_a_segment_sounds_the_same_whatever_came_before(target):
    engine, profile = _espeak(), load_voices().by_name(target)
    first = engine.synthesize(SEGMENT, profile).samples
    for text, name in BEFORE:
        engine.synthesize(text, _profile(name, profile))
        again = engine.synthesize(SEGMENT, profile).samples
        assert again == first, f"{target} after {name}: {len(again)} vs {len(first)} bytes"


@pytest.mark.espeak
def test_a_breathy_voice_does_not_depend_on_the_start_up_seed():
    """eSpeak seeds its breath noise from the clock when a process starts it: another process,
    started in another second, must still say a segment with the same samples."""
    engine, profile = _espeak(), load_voices().by_name("quote-f1")
    import pyttsx3.drivers._espeak as loaded  # importable once the engine has found the library

    first = engine.synthesize(SEGMENT, profile).samples
    loaded.dll.espeak_ng_SetRandSeed(ctypes.c_long(int(time.time()) + 1))
    assert engine.synthesize(SEGMENT, profile).samples == first


@pytest.mark.espeak
def test_the_probe_hears_espeaks_carried_state(monkeypatch):
    """Without the reset the same probe finds differences: the state is eSpeak's, not ours."""
    engine, profile = _espeak(), load_voices().narrator
    monkeypatch.setattr(engine, "_reset_state", None)
    first = engine.synthesize(SEGMENT, profile).samples
    engine.synthesize(BEFORE[0][0], profile)
    assert engine.synthesize(SEGMENT, profile).samples != first


def test_the_shipped_library_names_every_carried_static():
    symbols = _read_symbols(LIBRARY.read_bytes(), (*CARRIED_STATICS, "peaks"))
    assert set(CARRIED_STATICS) <= set(symbols)
    assert symbols["Flutter_ix"].size_bytes == symbols["cycle_count"].size_bytes == 4
    assert symbols["echo_buf"].size_bytes > 1000
    assert "peaks" not in symbols  # two files define one: ambiguous, so never written


@pytest.mark.parametrize("image", [b"", b"MZ\x90\x00" + bytes(100), b"\x7fELF\x01\x01" + bytes(100)])
def test_a_library_that_is_not_elf64_yields_no_symbols(image):
    assert _read_symbols(image, CARRIED_STATICS) == {}


def _loaded_library() -> ctypes.CDLL:
    from narrate.engines.espeak import _load_espeak_library

    _load_espeak_library()
    return ctypes.CDLL(str(LIBRARY))


def test_the_reset_refuses_a_library_without_the_symbols(tmp_path, caplog):
    stripped = tmp_path / "libespeak-ng.so"
    image = LIBRARY.read_bytes()
    stripped.write_bytes(image.replace(b"Flutter_ix", b"Flutter_iy"))
    with caplog.at_level(logging.WARNING, logger="narrate.engines.espeak_state"):
        assert UtteranceReset.for_library(stripped, _loaded_library()) is None
    assert "has no Flutter_ix" in caplog.text


def test_the_reset_refuses_a_file_that_is_not_the_loaded_library(tmp_path, caplog):
    """Addresses are only trusted when a constant table reads the same in memory and on disk."""
    image = LIBRARY.read_bytes()
    table = _read_symbols(image, ("Flutter_tab",))["Flutter_tab"]
    loaded = ctypes.string_at(
        ctypes.cast(_loaded_library().espeak_Synth, ctypes.c_void_p).value
        - _read_symbols(image, ("espeak_Synth",))["espeak_Synth"].address
        + table.address,
        table.size_bytes,
    )
    assert image.count(loaded) == 1
    other = tmp_path / "libespeak-ng.so"
    other.write_bytes(image.replace(loaded, bytes(reversed(loaded))))
    with caplog.at_level(logging.WARNING, logger="narrate.engines.espeak_state"):
        assert UtteranceReset.for_library(other, _loaded_library()) is None
    assert "not the loaded library" in caplog.text
    assert UtteranceReset.for_library(LIBRARY, _loaded_library()) is not None
