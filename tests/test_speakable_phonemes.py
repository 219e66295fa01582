"""speakable() judged by sound: eSpeak NG en-us phonemes of its output against a spoken form,
with stress, pauses and word breaks ignored (how the pronunciation acceptance is scored)."""

from __future__ import annotations

import ctypes
import os
import re
from functools import lru_cache
from pathlib import Path

import espeakng_loader
import pytest

from narrate.speakable import speakable

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "pronunciation-dev.tsv"
PRE = "The correspondent filed the following report for our listeners this morning."
POST = "The report continues after a short break for other news from the region."


@lru_cache(maxsize=1)
def _espeak() -> ctypes.CDLL:
    os.environ.setdefault("ESPEAK_DATA_PATH", espeakng_loader.get_data_path())
    lib = ctypes.CDLL(espeakng_loader.get_library_path())
    lib.espeak_TextToPhonemes.restype = ctypes.c_char_p
    lib.espeak_TextToPhonemes.argtypes = [ctypes.POINTER(ctypes.c_void_p), ctypes.c_int, ctypes.c_int]
    if lib.espeak_Initialize(2, 0, None, 0) < 0:
        pytest.skip("eSpeak NG cannot start here")
    lib.espeak_SetVoiceByName(b"en-us")
    return lib


def sound(text: str) -> str:
    lib = _espeak()
    buf = ctypes.create_string_buffer(text.encode("utf-8"))
    ptr = ctypes.c_void_p(ctypes.addressof(buf))
    out = []
    while ptr.value:
        chunk = lib.espeak_TextToPhonemes(ctypes.byref(ptr), 1, 0)
        if chunk:
            out.append(chunk.decode("utf-8", "replace"))
    phonemes = re.sub(r"\([a-z-]+\)", "", " ".join(out))
    return re.sub(r"[ ',_:;!?.\-#0-9]", "", phonemes)


def _in_context(text: str) -> str:
    return f"{PRE} {text} {POST}"


# raw -> a form a person reads aloud; the spelling may differ as long as eSpeak says the same.
SOUNDS = [
    ("The launch was detected at 07:10 KST.", "The launch was detected at seven ten K.S.T."),
    ("The call began at 9 p.m. Sunday.", "The call began at nine P.M. Sunday."),
    ("The U.S.-led coalition expanded.", "The U.S. led coalition expanded."),
    ("The G7 met in Hiroshima.", "The G seven met in Hiroshima."),
    ("The G20 summit opened.", "The G twenty summit opened."),
    ("Ms. Park spoke to reporters.", "Miz Park spoke to reporters."),
    ("Mrs. Park spoke to reporters.", "Mrs. Park spoke to reporters."),
    ("Dr. Kim arrived.", "Doctor Kim arrived."),
    ("The SLBM test failed.", "The S.L.B.M. test failed."),
    ("North Korea fired two ICBMs.", "North Korea fired two I.C.B.M.'s."),
    ("The ruling passed 6-3.", "The ruling passed six to three."),
    ("It opened at 10 a.m. Monday.", "It opened at ten AM Monday."),
    ("The U.S. and the U.K. agreed.", "The US and the UK agreed."),
    ("Kim Jong-un visited Pyongyang.", "Kim Jong-un visited Pyongyang."),
    (
        "Forbes reported the story, per the Kyiv Independent.",
        "Forbes reported the story, per the Kyiv Independent.",
    ),
    ("The F-16 jets flew.", "The F sixteen jets flew."),
    ("Sales rose 5% in 2024.", "Sales rose five percent in twenty twenty-four."),
    ("It was a hit in the '80s.", "It was a hit in the eighties."),
    ("They paid $3.50.", "They paid three dollars and fifty cents."),
    ("Prof. Lee's team won.", "Professor Lee's team won."),
]


@pytest.mark.parametrize(("raw", "heard"), SOUNDS)
def test_sounds_like(raw: str, heard: str) -> None:
    assert sound(speakable(_in_context(raw))) == sound(_in_context(heard))


def test_raw_espeak_would_miss() -> None:
    # Guards the comparison itself: eSpeak alone must not pass what normalisation fixes.
    raw, heard = (
        "Lt. Gen. Kim paid $61 billion on Aug. 12.",
        "Lieutenant General Kim paid sixty-one billion dollars on August twelfth.",
    )
    assert sound(raw) != sound(heard)
    assert sound(speakable(raw)) == sound(heard)


@pytest.mark.corpus
def test_pronunciation_corpus_share() -> None:
    if not CORPUS.exists():
        pytest.skip("shared corpus not available")
    rows = [
        line.split("\t")
        for line in CORPUS.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    passed = sum(
        any(sound(speakable(_in_context(raw))) == sound(_in_context(form)) for form in accepted.split(" || "))
        for raw, accepted in rows
    )
    assert passed / len(rows) >= 0.95
