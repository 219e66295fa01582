"""Sentence boundaries around a quote, aware of abbreviations (Mr. Kim, U.S. officials).

Attribution keeps this scan of its own; reading narration for people (speakers.py) uses
narrate.text's sentences. Measured on the extraction-dev and snippets-dev pages and both quote
dev sets, attribution through narrate.text (pysbd) voiced 1,229 quotes instead of 1,234 (6 lost,
1 gained with a wrong speaker): pysbd keeps a reference after a quote in the quote's sentence
('“… nutzen.” 1', '“…” [1]'), which then reads as narration running on. It also cost a pysbd
pass per paragraph with quotes. The quote judges held either way.
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
