"""The headline of a text copy: the page title (its first line with a word) or, better, one of
its repeats below it, where the headline stands over the article."""

from __future__ import annotations

import re

from .words import count_words, norm

_TITLE_SEPS = re.compile(r"\s+[|–—:•·»-]\s+|\s+::\s+|\s*\|\s*")
_LETTER_WORD = re.compile(r"[^\W\d_]{2,}")
# The headline repeated below the page title is at least this share of it ("Olive & Herb
# Focaccia Bread" of "Olive & Herb Focaccia Bread - Easy to follow directions by Flawless Food").
TITLE_REPEAT_SHARE = 0.35


def title_from(lines: list[str], repeats: list[tuple[int, str]]) -> tuple[str, int]:
    """The headline and the index of its first line (-1 when guessed from the page title), before
    the article is found: the longest of the page title's ``repeats`` (``title_repeats``).

    The page title is the copy's first line with a word: a line of numbers and bars above it
    ("22|4|2022|4", a date widget) is not a title."""
    first = next((i for i, ln in enumerate(lines) if _LETTER_WORD.search(ln)), -1)
    if first < 0:
        return "", -1
    t0 = lines[first]
    if repeats:
        best_i, best = max(repeats, key=lambda c: len(c[1]))
        return best, best_i
    if count_words(t0) > 40 or len(t0) > 250:
        return "", -1
    parts = [p for p in _TITLE_SEPS.split(t0) if p.strip()]
    if len(parts) > 1:
        return max(parts, key=len).strip(), first
    return t0, first


def title_repeats(lines: list[str]) -> list[tuple[int, str]]:
    """(index, text) of the lines below the page title that repeat it or a large part of it: the
    headline, and often the site's name too. Lines with a separator ("Section | Headline") only
    when there is no other."""
    first = next((i for i, ln in enumerate(lines) if _LETTER_WORD.search(ln)), -1)
    if first < 0:
        return []
    t0 = lines[first]
    n0 = norm(t0)
    cands: list[tuple[int, str]] = []
    for i, ln in enumerate(lines[first + 1 : first + 1500], start=first + 1):
        if not ln or len(ln) > len(t0) or len(ln) < 12:
            continue
        n = norm(ln)
        if n and n in n0 and len(n) >= TITLE_REPEAT_SHARE * len(n0):
            cands.append((i, ln))
            if n == n0:
                break
    return [c for c in cands if not _TITLE_SEPS.search(c[1])] or cands


def headline_above(repeats: list[tuple[int, str]], core_start: int) -> tuple[str, int] | None:
    """Of the page title's ``repeats``, the one nearest above the article: the site's name repeats
    it too, in the header, where the headline stands over the article."""
    above = [c for c in repeats if c[0] < core_start]
    return (above[-1][1], above[-1][0]) if above else None
