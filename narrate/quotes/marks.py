"""Where the quotation marks are: pairs of opening and closing marks in one paragraph.

Apostrophes (don't, Ukraine’s, soldiers’, '80s) share characters with single quotes, so a single
mark only opens a quote when it starts a word and a plausible closing mark follows.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

# Scraped text often mixes straight and curly marks, so each closes the other's quote.
_DOUBLE: dict[str, str] = {"“": '”"', "„": "“”", "«": "»", '"': '"”'}
_SINGLE: dict[str, str] = {"‘": "’", "'": "'’"}
_OPEN_AFTER = frozenset(" \t\n([{—–-/")
_TERMINAL = frozenset(",.?!…;:")
# Possible closing marks tried per opening mark: bounds the work on text full of stray marks.
_MAX_TRIES = 12


@dataclass(frozen=True)
class Region:
    """A quoted stretch: ``paragraph[start:end]`` including its marks; unclosed ones run to the end."""

    start: int
    end: int
    closed: bool

    def inner(self, paragraph: str) -> str:
        return paragraph[self.start + 1 : self.end - 1 if self.closed else self.end]


def _opens_word(text: str, i: int) -> bool:
    before_ok = i == 0 or text[i - 1] in _OPEN_AFTER or text[i - 1] in _DOUBLE
    after_ok = i + 1 < len(text) and not text[i + 1].isspace()
    return before_ok and after_ok


def _is_elision(text: str, i: int) -> bool:
    """'80s, '99: an apostrophe standing for dropped digits."""
    rest = text[i + 1 : i + 4]
    if len(rest) < 2 or not rest[:2].isdigit():
        return False
    return len(rest) == 2 or not rest[2].isalnum() or rest[2] == "s"


def _double_close(text: str, start: int, closers: str) -> int | None:
    for j in range(start, len(text)):
        if text[j] in closers:
            return j
    return None


def _closer_candidates(text: str) -> list[int]:
    """Offsets of single marks that end a word (possible closing marks), in order."""
    return [
        j
        for j, c in enumerate(text)
        if c in "’'" and j > 0 and not text[j - 1].isspace() and not text[j + 1 : j + 2].isalnum()
    ]


def _single_close(text: str, start: int, closers: str, candidates: list[int]) -> int | None:
    """The closing single mark after ``start``, skipping likely plural possessives (soldiers’ pay)."""
    fallback: int | None = None
    for j in candidates[bisect_right(candidates, start) :][:_MAX_TRIES]:
        if text[j] not in closers:
            continue
        nxt = text[j + 1 : j + 2]
        strong = text[j - 1] in _TERMINAL or not nxt or nxt in _TERMINAL
        if not (text[j - 1] == "s" and text[j + 2 : j + 3].islower() and not strong):
            return j
        fallback = j if fallback is None else fallback
    return fallback


def find_regions(paragraph: str) -> list[Region]:
    """Top-level quoted regions in reading order; marks nested inside a quote belong to it."""
    regions: list[Region] = []
    candidates = _closer_candidates(paragraph)
    i, n = 0, len(paragraph)
    while i < n:
        c = paragraph[i]
        if c in _DOUBLE and (c != '"' or _opens_word(paragraph, i)) and i + 1 < n:
            j = _double_close(paragraph, i + 1, _DOUBLE[c])
            if j is None:
                regions.append(Region(i, n, closed=False))
                break
            regions.append(Region(i, j + 1, closed=True))
            i = j + 1
            continue
        if c in _SINGLE and _opens_word(paragraph, i) and not _is_elision(paragraph, i):
            j = _single_close(paragraph, i + 1, _SINGLE[c], candidates)
            if j is not None:
                regions.append(Region(i, j + 1, closed=True))
                i = j + 1
                continue
        i += 1
    return regions
