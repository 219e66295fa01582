"""Sentence boundaries inside a paragraph, aware of abbreviations (Mr. Kim, U.S. officials)."""

from __future__ import annotations

import re

_CLOSERS = "”’\"»)'“"
_ABBREV_END = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Sgt|Capt|Maj|Adm|Cmdr|Brig|Cpl|Pvt|Det|Insp|Supt|Rev|Sec|Sen|Rep|Gov|Prof|Jr|Sr|No|vs|etc|Jan|Feb|Aug|Sept|"
    r"Oct|Nov|Dec|[A-Z])|[A-Z]\.[A-Z])\.$"
)


def _boundary_before(text: str, i: int) -> bool:
    """Does a sentence end just before offset ``i`` (which follows whitespace)?"""
    head = text[max(0, i - 16) : i].rstrip().rstrip(_CLOSERS)
    return head.endswith(("?", "!", "…")) or (head.endswith(".") and not _ABBREV_END.search(head))


def sentence_start(text: str, pos: int, floor: int = 0) -> int:
    """Where the sentence holding ``pos`` starts, looking back no further than ``floor``."""
    for i in range(min(pos, len(text) - 1), floor, -1):
        if text[i - 1].isspace() and not text[i].isspace() and _boundary_before(text, i):
            return i
    return floor


def sentence_end(text: str, pos: int, limit: int) -> int:
    for i in range(pos, limit):
        if text[i].isspace() and _boundary_before(text, i):
            return i
    return limit


def split_sentences(text: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    while start < len(text):
        end = sentence_end(text, start + 1, len(text))
        pieces.append(text[start:end])
        start = end
    return pieces
