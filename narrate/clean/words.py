"""Word counts and the normal form lines are compared in, for text copies and HTML blocks alike."""

from __future__ import annotations

import re
import unicodedata


def _combining_marks() -> str:
    """The combining marks of the Basic Multilingual Plane (Unicode category M), as the body of a
    character class: the vowel signs of Indic and South-East Asian scripts, accents written apart."""
    marks = [c for c in range(0x300, 0x10000) if unicodedata.category(chr(c)).startswith("M")]
    ranges: list[tuple[int, int]] = []
    for c in marks:
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1] = (ranges[-1][0], c)
        else:
            ranges.append((c, c))
    return "".join(f"\\u{a:04x}-\\u{b:04x}" if a < b else f"\\u{a:04x}" for a, b in ranges)


# ``\w`` alone splits a Hindi or Bengali word at each vowel sign ("किया" into "क" and "य"): a word
# is a letter or digit with the marks that follow it.
MARKS = _combining_marks()
_WORD = re.compile(rf"\w[\w{MARKS}]*")
# a letter of a word, with its marks (no digit, no underscore)
LETTER = rf"[^\W\d_][{MARKS}]*"


def words_of(s: str) -> list[str]:
    return _WORD.findall(s)


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# Thai, Lao, Myanmar and Khmer letters (their marks aside): these scripts write no space between
# words, only between phrases; a word is about three letters.
_UNSPACED_LETTER = re.compile(rf"(?![{MARKS}])[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")
UNSPACED_LETTERS_PER_WORD = 3


def norm(s: str) -> str:
    return " ".join(words_of(s.lower()))


def count_words(s: str) -> int:
    w = len(words_of(s))
    cjk = len(_CJK.findall(s))
    if cjk:
        # Hangul uses spaces (one word ~ 3 syllables); Chinese/Japanese do not.
        w = max(w, cjk // 2)
    unspaced = len(_UNSPACED_LETTER.findall(s))
    if unspaced:
        w = max(w, unspaced // UNSPACED_LETTERS_PER_WORD)
    return w
