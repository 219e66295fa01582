"""Sentence splitting for transcript cues and pauses.

pysbd knows most abbreviations; the pieces it still cuts too early (after a title, a month
abbreviation, an initial or "a.m.") are joined back.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

import pysbd

from narrate.speakable.abbreviations import TITLES
from narrate.speakable.dates import MONTHS

_lock = threading.Lock()

_NEVER_FINAL = {t.lower() for t in TITLES} | {m for m in MONTHS if m != "may"} | {"no", "nos", "st"}
_RE_LAST_WORD = re.compile(r"(?:^|[\s(\"'“‘])([A-Za-z]+)\.[\"'”’)]*$")
_RE_INITIAL = re.compile(r"(?:^|[\s(\"'“‘])[A-Z]\.$")
_RE_MERIDIEM = re.compile(r"\b[ap]\.m\.$", re.IGNORECASE)
_RE_STARTS_LOWER = re.compile(r"^[\"'“‘(]*[a-z0-9]")
_RE_STARTS_SUFFIX = re.compile(r"^(?:Ltd|Inc|Corp|Co|Jr|Sr|Plc|LLC)\b")
# pysbd keeps "in the U.S. But no one knew" whole; a sentence opener after initials splits it.
_RE_INITIALS_END = re.compile(
    r"(?<=\b[A-Z]\.[A-Z]\.)\s+(?=(?:The|But|And|It|He|She|They|We|I|In|On|At|This|That|These|"
    r"Those|There|A|An|However|Meanwhile|Yet|So|As|Its|His|Her|Their|Our)\s)"
)
_DAYS = re.compile(r"^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False)


def _glued(previous: str, following: str) -> bool:
    """True when ``previous`` was cut at a period that does not end a sentence."""
    if _RE_STARTS_LOWER.match(following) or _RE_STARTS_SUFFIX.match(following):
        return True
    if _RE_INITIAL.search(previous):
        return True
    m = _RE_LAST_WORD.search(previous)
    if m and m[1].lower() in _NEVER_FINAL:
        return True
    return bool(_RE_MERIDIEM.search(previous) and _DAYS.match(following))


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text``, each stripped; joined with single spaces they give its words."""
    if not text.strip():
        return []
    with _lock:  # pysbd's segmenter keeps state while it works
        pieces = [p.strip() for p in _segmenter().segment(text)]
    pieces = [part for piece in pieces for part in _RE_INITIALS_END.split(piece)]
    sentences: list[str] = []
    for piece in pieces:
        if not piece:
            continue
        if sentences and _glued(sentences[-1], piece):
            sentences[-1] = f"{sentences[-1]} {piece}"
        else:
            sentences.append(piece)
    return sentences
