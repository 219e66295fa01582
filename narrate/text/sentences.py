"""The one sentence splitter: sentences of a text, with their offsets.

pysbd knows most abbreviations; the pieces it still cuts too early (after a title, a month
abbreviation, an initial or "a.m.") are joined back.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache

import pysbd

from narrate.text.abbreviations import TITLES
from narrate.text.calendar import MONTHS, WEEKDAYS
from narrate.text.names import NAME_SUFFIXES

_lock = threading.Lock()

_NEVER_FINAL = {t.lower() for t in TITLES} | {m for m in MONTHS if m != "may"} | {"no", "nos", "st"}
_RE_LAST_WORD = re.compile(r"(?:^|[\s(\"'“‘])([A-Za-z]+)\.[\"'”’)]*$")
_RE_INITIAL = re.compile(r"(?:^|[\s(\"'“‘])[A-Z]\.$")
_RE_MERIDIEM = re.compile(r"\b[ap]\.m\.$", re.IGNORECASE)
_RE_STARTS_LOWER = re.compile(r"^[\"'“‘(]*[a-z0-9]")
_RE_STARTS_SUFFIX = re.compile(rf"^(?:{'|'.join(sorted(NAME_SUFFIXES))})\b")
# pysbd keeps "in the U.S. But no one knew" whole; a sentence opener after initials splits it.
_RE_INITIALS_END = re.compile(
    r"(?<=\b[A-Z]\.[A-Z]\.)\s+(?=(?:The|But|And|It|He|She|They|We|I|In|On|At|This|That|These|"
    r"Those|There|A|An|However|Meanwhile|Yet|So|As|Its|His|Her|Their|Our)\s)"
)
_DAYS = re.compile(rf"^(?:{'|'.join(WEEKDAYS)})\b")
# A line that ends as a sentence or clause does (also with the full stops of CJK, Devanagari and
# Bengali (danda), Arabic and Urdu, Khmer and Myanmar, or with a short parenthesis after the full
# stop): prose, not a menu item, caption or button.
FULL_STOPS = ".!?…。！？।؟۔។။"
_LINE_ENDS_SENTENCE = re.compile(
    rf"""[{FULL_STOPS}:;][\s"'”’»)\]*]*$|[{FULL_STOPS}]["'”’»]?\s*\([^()]{{1,40}}\)$"""
)


@dataclass(frozen=True)
class Sentence:
    """One sentence and where it stands (``start``, ``end``) in the text it came from. Where
    pieces were glued back, ``text`` joins them with one space."""

    text: str
    start: int
    end: int


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


def _pieces(text: str) -> list[tuple[str, int]]:
    """pysbd's segments, cut again after initials, stripped, each with its offset in ``text``."""
    with _lock:  # pysbd's segmenter keeps state while it works
        # its sentences before segment() looks each one up in the text with a regex of its own
        # (a compiled pattern per sentence, a scan of the text each): the offsets are found below
        segments = _segmenter().processor(text).process()
    pieces = []
    cursor = 0
    for segment in segments:
        stripped = segment.strip()
        offset = text.find(stripped, cursor) if stripped else -1
        if offset < 0:  # pysbd rewrote the text: keep the order
            offset = cursor
        else:
            cursor = offset + len(stripped)
        start = 0
        for cut in _RE_INITIALS_END.finditer(stripped):
            pieces.append((stripped[start : cut.start()], offset + start))
            start = cut.end()
        pieces.append((stripped[start:], offset + start))
    return [(piece, offset) for piece, offset in pieces if piece]


def sentences(text: str) -> list[Sentence]:
    """The sentences of ``text`` in order, with their offsets."""
    return list(_sentences(text))


@lru_cache(maxsize=256)  # callers ask about one paragraph several times in a row
def _sentences(text: str) -> tuple[Sentence, ...]:
    if not text.strip():
        return ()
    found: list[Sentence] = []
    for piece, offset in _pieces(text):
        if found and _glued(found[-1].text, piece):
            last = found[-1]
            found[-1] = Sentence(f"{last.text} {piece}", last.start, offset + len(piece))
        else:
            found.append(Sentence(piece, offset, offset + len(piece)))
    return tuple(found)


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text``, each stripped; joined with single spaces they give its words."""
    return [sentence.text for sentence in sentences(text)]


def ends_like_sentence(line: str) -> bool:
    """Does ``line`` end as a sentence (or a clause before a list) does?"""
    return bool(_LINE_ENDS_SENTENCE.search(line))


def sentence_start(text: str, pos: int, floor: int = 0) -> int:
    """Where the sentence holding ``pos`` starts, looking back no further than ``floor``."""
    return max(floor, _holding(text, pos).start)


def sentence_end(text: str, pos: int, limit: int) -> int:
    """Where the sentence holding ``pos`` ends, looking no further than ``limit``."""
    return min(limit, _holding(text, pos).end)


def _holding(text: str, pos: int) -> Sentence:
    """The sentence that holds offset ``pos`` (or the next one, when ``pos`` is between two)."""
    found = _sentences(text)
    for sentence in found:
        if pos < sentence.end:
            return sentence
    return found[-1] if found else Sentence("", 0, len(text))
