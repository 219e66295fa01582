"""Sentence boundaries inside a paragraph, aware of abbreviations (Mr. Kim, U.S. officials).

Quotes keep this scan of their own rather than narrate.text's pysbd splitter: it runs on every
paragraph with a quote, twice (attribution, and reading narration for people), and pysbd cost
about 30 ms on the seed alone. Measured on the extraction-dev and snippets-dev pages and both
quote dev sets, attribution through narrate.text voiced 1,229 quotes instead of 1,234 (pysbd
keeps a reference after a quote in the quote's sentence: '“… nutzen.” 1', '“…” [1]'); reading
narration for people gave the same speakers either way.
"""

from __future__ import annotations

import re

from narrate.text import MONTHS, NAME_SUFFIXES, TITLES

_CLOSERS = "”’\"»)'“"
# Words whose period does not end a sentence, as narrate.text's splitter has them: titles and
# name suffixes ("Sen.", "Jr.", "Inc."), "No.", "vs.", "etc.", "St." and month abbreviations.
_NOT_FINAL = sorted(
    {
        *TITLES,
        *NAME_SUFFIXES,
        "St",
        "No",
        "vs",
        "etc",
        *(m.title() for m in MONTHS if m != "may"),
    },
    key=lambda word: (-len(word), word),
)
_ABBREV_END = re.compile(rf"(?:\b(?:{'|'.join(_NOT_FINAL)}|[A-Z])|[A-Z]\.[A-Z])\.$")


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
