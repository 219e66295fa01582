"""Topic shifts by lexical cohesion (TextTiling-like), and the best cut into k chapters.

Adjacent windows of paragraphs are compared as bags of stemmed content words; a boundary is as
strong as the similarity valley before its paragraph is deep.
"""

from __future__ import annotations

import math
import re
from collections import Counter, deque
from collections.abc import Iterable, Sequence

from narrate.script.headings import is_heading_like
from narrate.text import STOP_WORDS, stem, tokens

MIN_PARAGRAPHS = 2
MIN_WORDS = 120
_WINDOW_WORDS = 80
_WINDOW_PARAGRAPHS = 3

# Paragraph openers that announce a new topic, and openers that lean on the paragraph before.
_SHIFT_OPENERS = re.compile(
    r"^(meanwhile|in other news|separately|elsewhere|turning to|as for)\b",
    re.IGNORECASE,
)
_LEANING_OPENERS = re.compile(
    r"^(but|and|so|yet|he|she|they|it|this|that|these|those|his|her|their|its|there|"
    r"[\"“‘'])\b",
    re.IGNORECASE,
)


def gap_scores(paragraphs: Sequence[str]) -> list[float]:
    """Boundary strength before each paragraph (index 0 unused): similarity-valley depth."""
    bags = [_content_bag(p) for p in paragraphs]
    sims = [0.0] + [_cosine(_window(bags, g - 1, -1), _window(bags, g, 1)) for g in range(1, len(bags))]
    return [0.0] + [_depth(sims, g) + _opener_bonus(paragraphs[g].lstrip()) for g in range(1, len(bags))]


def _content_bag(text: str) -> Counter[str]:
    words = (part for token in tokens(text) for part in token.split("-"))
    return Counter(stem(w) for w in words if w.lower() not in STOP_WORDS and not w.isdigit())


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    dot = sum(v * b[k] for k, v in a.items() if k in b)
    if not dot:
        return 0.0
    norm = math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))
    return dot / norm


def _window(bags: list[Counter[str]], start: int, step: int) -> Counter[str]:
    """Paragraph bags from ``start`` walking by ``step`` until the window has enough words."""
    window: Counter[str] = Counter()
    i = start
    for _ in range(_WINDOW_PARAGRAPHS):
        if not 0 <= i < len(bags) or sum(window.values()) >= _WINDOW_WORDS:
            break
        window.update(bags[i])
        i += step
    return window


def _depth(sims: list[float], g: int) -> float:
    """Depth of the valley at ``g`` against the nearest peaks on either side, as in TextTiling."""
    return (_peak(reversed(sims[1:g]), sims[g]) - sims[g]) + (_peak(sims[g + 1 :], sims[g]) - sims[g])


def _peak(sims: Iterable[float], height: float) -> float:
    """The top of the slope that rises from ``height`` along ``sims``."""
    for s in sims:
        if s < height:
            break
        height = s
    return height


def _opener_bonus(text: str) -> float:
    if is_heading_like(text):
        return 0.5
    if _SHIFT_OPENERS.match(text):
        return 0.15
    if _LEANING_OPENERS.match(text):
        return -0.15
    return 0.0


def best_bounds(scores: list[float], lengths: list[int], k: int) -> list[int] | None:
    """The k-chapter split maximising total boundary strength, chapters of a sensible size.

    Dynamic programme over chapter ends; each chapter's allowed starts form a window that only
    moves forward, so a monotone deque gives the best predecessor in constant time.
    """
    cum = [0]
    for length in lengths:
        cum.append(cum[-1] + length)
    min_words, max_words = _size_limits(cum[-1], k)
    # one chapter so far: [0, i) must itself be a valid chapter
    best = [
        0.0 if i >= MIN_PARAGRAPHS and min_words <= cum[i] <= max_words else -math.inf
        for i in range(len(cum))
    ]
    back: list[list[int]] = []
    for _ in range(k - 1):
        best, ptr = _add_chapter(best, scores, cum, min_words, max_words)
        back.append(ptr)
    if best[-1] == -math.inf:
        return None
    bounds = [len(lengths)]
    for ptr in reversed(back):
        bounds.append(ptr[bounds[-1]])
    bounds.append(0)
    return bounds[::-1]


def _size_limits(words: int, k: int) -> tuple[float, float]:
    """Fewest and most words a chapter may have when ``words`` are cut into ``k`` chapters."""
    if k == 1:
        return 0, words
    average = words / k
    return min(MIN_WORDS, average / 2), max(average * 2.5, MIN_WORDS * 2)


def _add_chapter(
    best: list[float], scores: list[float], cum: list[int], min_words: float, max_words: float
) -> tuple[list[float], list[int]]:
    """Best totals with one chapter more, ending at each paragraph, and where that chapter starts."""
    n = len(cum) - 1
    nxt = [-math.inf] * (n + 1)
    ptr = [-1] * (n + 1)
    window: deque[int] = deque()  # allowed starts, best value first
    added = 0  # next candidate start to push into the window
    low = 0  # first start still allowed by max_words
    for i in range(1, n + 1):
        while added <= i - MIN_PARAGRAPHS and cum[i] - cum[added] >= min_words:
            if best[added] > -math.inf and added > 0:
                value = best[added] + scores[added]
                while window and best[window[-1]] + scores[window[-1]] <= value:
                    window.pop()
                window.append(added)
            added += 1
        while cum[i] - cum[low] > max_words:
            low += 1
        while window and window[0] < low:
            window.popleft()
        if window:
            nxt[i] = best[window[0]] + scores[window[0]]
            ptr[i] = window[0]
    return nxt, ptr
