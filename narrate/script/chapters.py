"""Chapter planning: split an article body into a few titled chapters for podcast players.

Articles with section headings are chaptered at their headings. Others are split at topic shifts
(``topics.py``) at the deepest similarity valleys, subject to a minimum chapter size, and titled
by the phrases most salient to each chapter (``titles.py``).

Chapter count rule (no headings):
- a short body (fewer than 5 paragraphs or 250 words) may be a single chapter;
- otherwise between ``min_chapters`` and ``max_chapters`` chapters, fewer when the body is too
  small for chapters of at least 2 paragraphs and about 120 words each; within that range the
  number of clear topic valleys decides;
- a body longer than ``max_chapters`` x 1200 words (about 8 minutes of speech per chapter) gets
  up to one chapter per 1200 words and at least half that many, so ``max_chapters`` is raised
  for long inputs.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from itertools import pairwise

from narrate.model import Article, ChapterPlan, Heading
from narrate.script.headings import acronyms, clean_heading, distinct
from narrate.script.titles import titles
from narrate.script.topics import MIN_PARAGRAPHS, MIN_WORDS, best_bounds, gap_scores
from narrate.text import tokens

log = logging.getLogger(__name__)

_SHORT_PARAGRAPHS = 5
_SHORT_WORDS = 250
_WORDS_PER_LONG_CHAPTER = 1200


def plan_chapters(
    article: Article, *, min_chapters: int = 3, max_chapters: int = 6
) -> tuple[ChapterPlan, ...]:
    """Split ``article.paragraphs`` into contiguous titled chapters covering every paragraph."""
    paragraphs = article.paragraphs
    if not paragraphs:
        return ()
    headings = _usable_headings(article.headings, len(paragraphs))
    if headings:
        return _plan_from_headings(article, headings)
    ranges = list(pairwise(_split_at_topic_shifts(paragraphs, min_chapters, max_chapters)))
    named = titles(paragraphs, ranges, article.title, acronyms(paragraphs))
    return tuple(ChapterPlan(t, a, b) for t, (a, b) in zip(named, ranges, strict=True))


def _usable_headings(headings: Sequence[Heading], n: int) -> list[Heading]:
    """Headings in paragraph order, one per paragraph (the last wins), each before some text."""
    by_start: dict[int, Heading] = {}
    for heading in sorted(headings, key=lambda h: h.before_paragraph):
        if 0 <= heading.before_paragraph < n and heading.text.strip():
            by_start[heading.before_paragraph] = heading
    return list(by_start.values())


def _plan_from_headings(article: Article, headings: list[Heading]) -> tuple[ChapterPlan, ...]:
    """A chapter per heading, and one for the text before the first heading, titled like the rest."""
    starts = [h.before_paragraph for h in headings]
    ranges = list(pairwise([*starts, len(article.paragraphs)]))
    capitals = acronyms(article.paragraphs)
    named = [clean_heading(h.text, capitals) for h in headings]
    if starts[0] > 0:
        ranges.insert(0, (0, starts[0]))
        named.insert(0, titles(article.paragraphs, ranges, article.title, capitals, taken=named)[0])
    named = distinct(named, article.title)
    return tuple(ChapterPlan(t, a, b) for t, (a, b) in zip(named, ranges, strict=True))


def _count_range(n: int, words: int, min_chapters: int, max_chapters: int) -> tuple[int, int]:
    """Fewest and most chapters for ``n`` paragraphs of ``words`` words (the count rule above)."""
    if n < _SHORT_PARAGRAPHS or words < _SHORT_WORDS:
        return 1, 1
    upper = max(max_chapters, words // _WORDS_PER_LONG_CHAPTER)
    upper = max(1, min(upper, n // MIN_PARAGRAPHS, words // MIN_WORDS))
    lower = min(min_chapters, upper)
    if upper > max_chapters:
        lower = max(lower, upper // 2)
    return lower, upper


def _clear_valleys(scores: list[float]) -> int:
    """Valleys deeper than most: half a deviation above the mean depth."""
    valleys = [s for s in scores[1:] if s > 0]
    if not valleys:
        return 0
    mean = sum(valleys) / len(valleys)
    deviation = math.sqrt(sum((s - mean) ** 2 for s in valleys) / len(valleys))
    return sum(1 for s in valleys if s >= mean + deviation / 2)


def _split_at_topic_shifts(paragraphs: Sequence[str], min_chapters: int, max_chapters: int) -> list[int]:
    """Chapter bounds (paragraph indices, from 0 to the end) at the strongest topic shifts."""
    n = len(paragraphs)
    lengths = [len(tokens(p)) for p in paragraphs]
    words = sum(lengths)
    lower, upper = _count_range(n, words, min_chapters, max_chapters)
    if upper == 1:
        return [0, n]
    scores = gap_scores(paragraphs)
    for k in range(max(lower, min(upper, _clear_valleys(scores) + 1)), 0, -1):
        bounds = best_bounds(scores, lengths, k)
        if bounds:
            log.debug("%d paragraphs, %d words: chapters start at %s", n, words, bounds[:-1])
            return bounds
    return [0, n]
