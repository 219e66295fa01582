"""Word counts and the normal form lines are compared in, for text copies and HTML blocks alike."""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def norm(s: str) -> str:
    return " ".join(_WORD.findall(s.lower()))


def count_words(s: str) -> int:
    w = len(_WORD.findall(s))
    cjk = len(_CJK.findall(s))
    if cjk:
        # Hangul uses spaces (one word ~ 3 syllables); Chinese/Japanese do not.
        w = max(w, cjk // 2)
    return w
