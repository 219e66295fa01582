"""Which lines of a text copy are the article: the core region and the parts that belong with it.

The core is the run of lines with the highest total score (prose counts for, furniture against).
Articles are often broken up, though: a video player or a teaser box of fifty lines sits between
two halves; a standfirst sits under the headline, above the byline and share buttons; a
recipe's steps are set apart by blank lines and short labels. Each such part is proposed by a view
of the page (a looser run of lines, other runs of prose, the lines under the headline) and is
taken only when it speaks of what the core speaks of: a share of its vocabulary, rare words on the
page weighing more, must also be the core's. Teasers for other stories, sidebars, pitches and
comment streams about something else fail that test.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from .words import LETTER

# A content word: four letters or more (short function words say nothing of the topic), or one
# CJK character (those scripts do not separate words).
_TOKEN = re.compile(rf"(?:{LETTER}){{4,}}|[\u3040-\u30ff\u3400-\u9fff]")

# Share of a part's weighted vocabulary the core must share: a part next to the core (bridged by
# the looser view, or the standfirst) needs less than a part detached from it.
ADJACENT_COHERENCE = 0.2
DETACHED_COHERENCE = 0.3
# What opening another run of prose costs, in words of prose: a detached part must hold at least
# this much more prose than furniture.
RUN_OPENING_COST = 50.0
# How far below the headline (in lines) the core may start for the lines between to be read as
# its standfirst.
STANDFIRST_REACH = 40
STANDFIRST_MIN_WORDS = 10
# A paragraph on its own in the article's stretch of the page (a note between lists of tools, a
# setting's description between its options): read when half its vocabulary is the core's.
ISOLATED_COHERENCE = 0.5
# The score of a line that ends the article (a comments heading, "More stories").
BARRIER_SCORE = -1000.0
# A run of prose under the headline, above the densest run, with at least this share of its
# score is the article; the denser run below it is a blurb, a bio or a comment.
EARLIER_RUN_SHARE = 0.8


def _content_words(text: str) -> set[str]:
    return set(_TOKEN.findall(text.lower()))


class Vocabulary:
    """The page's words with their rarity (inverse line frequency) and the core's words."""

    def __init__(self, texts: Sequence[str], core: range, readable: Sequence[bool]) -> None:
        self._line_tokens = [_content_words(t) if t else set() for t in texts]
        self._readable = readable
        frequency: Counter[str] = Counter()
        for words in self._line_tokens:
            frequency.update(words)
        lines = max(2, sum(1 for t in texts if t))
        self._weight = {w: math.log(lines / n) for w, n in frequency.items()}
        # the core's vocabulary is that of its lines that are read, each line counted once per word
        self._core_lines = {i for i in core if readable[i]}
        self._core: Counter[str] = Counter()
        for i in self._core_lines:
            self._core.update(self._line_tokens[i])

    def coherence(self, part: Sequence[int], every_line: bool = False) -> float:
        """Weighted share of the vocabulary of the part's readable lines (those that would be read:
        its menus and teaser titles are dropped anyway; with ``every_line`` all of its lines) that
        the core also uses; 0 for no words."""
        read = [self._line_tokens[i] for i in part if every_line or self._readable[i]]
        words: set[str] = set().union(*read) if read else set()
        total = sum(self._weight[w] for w in words)
        if total <= 0:
            return 0.0
        # a part inside the core is compared with the rest of the core, not with itself
        own: Counter[str] = Counter()
        for i in set(part) & self._core_lines:
            own.update(self._line_tokens[i])
        return sum(self._weight[w] for w in words if self._core[w] > own[w]) / total


def best_runs(scores: Sequence[float], opening_cost: float) -> list[range]:
    """The set of runs of lines with the highest total score, each run paying ``opening_cost``.

    Two states per line (in a run, outside), dynamic programming over the lines, then a walk
    back through the choices.
    """
    n = len(scores)
    if not n:
        return []
    inside, outside = [0.0] * n, [0.0] * n
    stayed_in, came_from_in = [False] * n, [False] * n
    prev_in, prev_out = -math.inf, 0.0
    for i, s in enumerate(scores):
        stayed_in[i] = prev_in >= prev_out - opening_cost
        inside[i] = (prev_in if stayed_in[i] else prev_out - opening_cost) + s
        came_from_in[i] = prev_in > prev_out
        outside[i] = max(prev_in, prev_out)
        prev_in, prev_out = inside[i], outside[i]
    chosen: list[int] = []
    in_run = inside[-1] > outside[-1]
    for i in range(n - 1, -1, -1):
        if in_run:
            chosen.append(i)
            in_run = stayed_in[i]
        else:
            in_run = came_from_in[i]
    runs: list[range] = []
    for i in reversed(chosen):
        if runs and runs[-1].stop == i:
            runs[-1] = range(runs[-1].start, i + 1)
        else:
            runs.append(range(i, i + 1))
    return runs


def max_run(scores: Sequence[float]) -> tuple[int, int, float]:
    """(first, last, total) of the run of lines with the highest total score; last is -1 if none."""
    best, best_a, best_b = 0.0, 0, -1
    cur, a = 0.0, 0
    for i, s in enumerate(scores):
        if cur <= 0:
            cur, a = s, i
        else:
            cur += s
        if cur > best:
            best, best_a, best_b = cur, a, i
    return best_a, best_b, best


def core_run(scores: Sequence[float], densest: tuple[int, int, float], headline_at: int) -> tuple[int, int]:
    """(first, last) line of the core: the densest run of lines (``max_run``'s answer), unless a
    run of prose nearly as strong stands between the headline and it (the page's own blurb, a
    recipe site's description of itself, a long comment can outscore the article a little)."""
    a, b, total = densest
    for run in best_runs(scores, RUN_OPENING_COST):
        if headline_at < run.start < a and sum(scores[i] for i in run) >= EARLIER_RUN_SHARE * total:
            return run.start, run.stop - 1
    return a, b


def article_lines(
    vocabulary: Vocabulary,
    scores: Sequence[float],
    loose_scores: Sequence[float],
    core: range,
    paragraphs: Sequence[bool],
    headline_at: int,
) -> set[int]:
    """The core's lines and the parts that belong with it.

    ``vocabulary`` is the page's, with ``core`` as its core; ``loose_scores`` count a run of
    furniture only between blank lines; ``paragraphs[i]``: line i is a long paragraph of prose,
    read on its own when it speaks of the core's topic and stands below the headline, between
    the barriers around the core.
    """
    keep = set(core)
    if not core:
        return keep

    # the looser view bridges interruptions set apart by blank lines (step labels, short notes);
    # of a bridged part, what reads as prose or a list is read (text.py decides)
    la, lb, _ = max_run(loose_scores)
    if la <= core[-1] and lb >= core.start:
        for part in (range(la, core.start), range(core[-1] + 1, lb + 1)):
            if part and vocabulary.coherence(part) >= ADJACENT_COHERENCE:
                keep.update(part)

    # other runs of prose: the article's other half, beyond a long box
    for run in best_runs(scores, RUN_OPENING_COST):
        detached = [i for i in run if i not in core]
        if detached and vocabulary.coherence(detached) >= DETACHED_COHERENCE:
            keep.update(detached)

    for i in _article_stretch(scores, core, headline_at):
        if paragraphs[i] and i not in keep and vocabulary.coherence([i]) >= ISOLATED_COHERENCE:
            keep.add(i)
    return keep


def _article_stretch(scores: Sequence[float], core: range, headline_at: int) -> range:
    """The lines below the headline between the barriers before and after the core."""
    start = max([i for i in range(core.start) if scores[i] <= BARRIER_SCORE] + [headline_at]) + 1
    stop = next((i for i in range(core.stop, len(scores)) if scores[i] <= BARRIER_SCORE), len(scores))
    return range(start, stop)


def standfirst_lines(
    vocabulary: Vocabulary, core: range, headline_at: int, candidates: Sequence[bool]
) -> set[int]:
    """The standfirst (or deck): lines between the headline and the core, above the byline and
    share block, that speak of the article. ``candidates[i]``: line i is long enough and not
    furniture. Read whole, even when not a sentence (a deck has no full stop)."""
    if not 0 <= headline_at < core.start <= headline_at + STANDFIRST_REACH:
        return set()
    return {
        i
        for i in range(headline_at + 1, core.start)
        if candidates[i] and vocabulary.coherence([i], every_line=True) >= ADJACENT_COHERENCE
    }


def block_under_headline(
    words: Sequence[int], furniture: Sequence[bool], skipped: Sequence[bool], core: range, headline_at: int
) -> range:
    """The text right under the headline, up to its first line of furniture, when it holds more
    words than the core and stands apart from it: the page's article is then no prose (a song's
    lyrics, a poem, a list) and the core is a sidebar's. Else empty.

    ``words[i]``: the words of line i, 0 for furniture and blank lines; ``furniture[i]``:
    line i is furniture or a barrier; ``skipped[i]``: line i may stand between the headline and
    the text (a blank line, a date, a byline)."""
    if headline_at < 0:
        return range(0)
    start = headline_at + 1
    while start < len(words) and skipped[start]:
        start += 1
    stop = start
    while stop < len(words) and not furniture[stop]:
        stop += 1
    block = range(start, stop)
    if not block or (block.start <= core[-1] and core.start < block.stop):
        return range(0)
    return block if sum(words[i] for i in block) > sum(words[i] for i in core) else range(0)
