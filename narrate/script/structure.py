"""Chapter planning: split an article body into a few titled chapters for podcast players.

Articles with section headings are chaptered at their headings. Others are split at topic shifts
found by lexical cohesion (TextTiling-like): adjacent windows of paragraphs are compared as bags of
stemmed content words, and the body is cut at the deepest similarity valleys, subject to a minimum
chapter size. Titles are the phrases most salient to a chapter relative to the rest of the article.

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
import re
from collections import Counter, deque
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise

from narrate.model import Article, ChapterPlan, Heading

log = logging.getLogger(__name__)

_SHORT_PARAGRAPHS = 5
_SHORT_WORDS = 250
_MIN_PARAGRAPHS = 2
_MIN_WORDS = 120
_WORDS_PER_LONG_CHAPTER = 1200
_WINDOW_WORDS = 80
_WINDOW_PARAGRAPHS = 3
_TITLE_MAX_WORDS = 6
_HEADING_MAX_WORDS = 6

_STOP = frozenset(
    """a about above according across after again against ago ahead all almost along also although am
    among an and another any are around as at be because been before behind being below beside
    between beyond both but by can could did do does doing down during each either even ever
    every few for from further had has have having he her here hers herself him himself his how
    however i if in including inside into is it its itself just last least less like likely made
    make many may me meanwhile might more most much must my near need next no nor not now of off
    on once one only onto or other our ours out outside over own past per rather said same say
    saying says several she should since so some still such than that the their them themselves
    then there these they this those though through throughout thus time times to told too
    toward under until up upon us very via was we were what when where whether which while who
    whom whose why will with within without would year years yet you your""".split()  # noqa: SIM905 - a word list reads better as text
)

# Words that are capitalised for reasons other than naming the chapter's subject.
_WEAK_NAMES = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december mr mrs ms dr president minister prime
    chief former senior professor""".split()  # noqa: SIM905
)

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

# Letters only: no sentence punctuation, digits, handles or prices ("Get it for $20").
_HEADING_LINE = re.compile(r"^[^\W\d_](?:[^\W\d_]|[ ’'&\-])*$")
_VERB_FORM = re.compile(r"(?:ing|ed|ly)$")
_NAME_JOINERS = frozenset({"of", "for"})
_DEMONYM = re.compile(r"(?:ian|ean|can|ese|ish)$")
_CONTRACTION = re.compile(r"[’'](?:s|re|ll|ve|d|m|t)$")
_POSSESSIVE = re.compile(r"[’']s$")
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W_]+(?:[’'\-][^\W_]+)*")
# A full stop after an initial ("U.S.") or a title ("Mr.") does not end a sentence.
_SENTENCE_END = re.compile(
    r"(?<!\b[A-Z])(?<!\bMrs)(?<!\b[MD]r)(?<!\bMs)(?<!\bSt)[.!?][\"”’)]*\s+(?=[\"“‘A-Z0-9])"
)
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]\"“”‘—–]|\s[-–]\s|\.\s|[.!?]$")
_SUFFIXES = (
    "ations",
    "ation",
    "ments",
    "ment",
    "ings",
    "ing",
    "ies",
    "ied",
    "ers",
    "er",
    "ed",
    "es",
    "s",
    "ly",
)


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
    bounds = _split_at_topic_shifts(paragraphs, min_chapters, max_chapters)
    ranges = list(pairwise(bounds))
    titles = _titles(paragraphs, ranges, article.title, _acronyms(paragraphs))
    return tuple(ChapterPlan(t, a, b) for t, (a, b) in zip(titles, ranges, strict=True))


# --- headings -------------------------------------------------------------------------------


def _usable_headings(headings: Sequence[Heading], n: int) -> list[Heading]:
    """Headings in paragraph order, one per paragraph (the last wins), each before some text."""
    by_start: dict[int, Heading] = {}
    for heading in sorted(headings, key=lambda h: h.before_paragraph):
        if 0 <= heading.before_paragraph < n and heading.text.strip():
            by_start[heading.before_paragraph] = heading
    return list(by_start.values())


def _plan_from_headings(article: Article, headings: list[Heading]) -> tuple[ChapterPlan, ...]:
    n = len(article.paragraphs)
    starts = [h.before_paragraph for h in headings]
    ranges = list(pairwise([*starts, n]))
    acronyms = _acronyms(article.paragraphs)
    titles = [_clean_heading(h.text, acronyms) for h in headings]
    if starts[0] > 0:
        ranges.insert(0, (0, starts[0]))
        intro = _titles(article.paragraphs, ranges, article.title, acronyms, taken=titles)[0]
        titles.insert(0, intro)
    titles = _distinct(titles, article.title)
    return tuple(ChapterPlan(t, a, b) for t, (a, b) in zip(titles, ranges, strict=True))


def _clean_heading(text: str, acronyms: frozenset[str]) -> str:
    return _unshout(" ".join(text.split()).rstrip(":.").strip() or text.strip(), acronyms)


_MINOR_WORDS = frozenset(
    ["a", "an", "and", "as", "at", "but", "by", "for", "in", "nor", "of", "on", "or", "the", "to", "with"]
)


def _acronyms(paragraphs: Sequence[str]) -> frozenset[str]:
    """Words the article writes in capitals inside ordinary sentences ("NATO", "US", "EV")."""
    return frozenset(
        word
        for paragraph in paragraphs
        if any(c.islower() for c in paragraph)
        for word in _TOKEN.findall(paragraph)
        if len(word) >= 2 and word.isupper()
    )


def _unshout(title: str, acronyms: frozenset[str]) -> str:
    """An all-capitals heading in title case ("US FALLS" -> "US Falls"), as chapter lists show
    titles; words the article itself writes in capitals, other two-letter words, and words with
    digits or dots stay as they are."""
    letters = [c for c in title if c.isalpha()]
    if len(title.split()) < 2 or len(letters) < 6 or not all(c.isupper() for c in letters):
        return title
    words = []
    for n, word in enumerate(title.split(" ")):
        core = word.strip("\"'“”‘’()[],:;!?")
        two_letters = len(core) == 2 and core.lower() not in _MINOR_WORDS  # "US", "UN", "EU"
        if core in acronyms or two_letters or any(c.isdigit() or c == "." for c in core):
            words.append(word)
        elif n > 0 and core.lower() in _MINOR_WORDS:
            words.append(word.lower())
        else:
            first = next((k for k, c in enumerate(word) if c.isalpha()), 0)
            words.append(word[: first + 1] + word[first + 1 :].lower())
    return " ".join(words)


def _distinct(titles: list[str], reserved: str = "") -> list[str]:
    """Number repeated titles ("Results", "Results, part 2") so a player can tell them apart.

    A title equal to ``reserved`` (the article's own title) is numbered as a repeat too.
    """
    seen: Counter[str] = Counter([" ".join(reserved.split()).casefold()])
    out = []
    for title in titles:
        seen[title.casefold()] += 1
        count = seen[title.casefold()]
        out.append(title if count == 1 else f"{title}, part {count}")
    return out


# --- topic segmentation ---------------------------------------------------------------------


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _content_bag(text: str) -> Counter[str]:
    words = (part for token in _TOKEN.findall(text) for part in token.split("-"))
    return Counter(_stem(w) for w in words if w.lower() not in _STOP and not w.isdigit())


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


def _gap_scores(paragraphs: Sequence[str]) -> list[float]:
    """Boundary strength before each paragraph (index 0 unused): similarity-valley depth."""
    bags = [_content_bag(p) for p in paragraphs]
    n = len(paragraphs)
    sims = [0.0] + [_cosine(_window(bags, g - 1, -1), _window(bags, g, 1)) for g in range(1, n)]
    scores = [0.0] * n
    for g in range(1, n):
        # Depth measured against the nearest peaks on either side, as in TextTiling.
        lpeak = sims[g]
        for s in reversed(sims[1:g]):
            if s < lpeak:
                break
            lpeak = s
        rpeak = sims[g]
        for s in sims[g + 1 :]:
            if s < rpeak:
                break
            rpeak = s
        depth = (lpeak - sims[g]) + (rpeak - sims[g])
        text = paragraphs[g].lstrip()
        if _is_heading_like(text):
            depth += 0.5
        elif _SHIFT_OPENERS.match(text):
            depth += 0.15
        elif _LEANING_OPENERS.match(text):
            depth -= 0.15
        scores[g] = depth
    return scores


def _is_heading_like(paragraph: str) -> bool:
    """A short line without closing punctuation: a subheading left in the body text."""
    return len(paragraph.split()) <= _HEADING_MAX_WORDS and bool(_HEADING_LINE.match(paragraph))


def _count_range(n: int, words: int, min_chapters: int, max_chapters: int) -> tuple[int, int]:
    if n < _SHORT_PARAGRAPHS or words < _SHORT_WORDS:
        return 1, 1
    upper = max(max_chapters, words // _WORDS_PER_LONG_CHAPTER)
    upper = max(1, min(upper, n // _MIN_PARAGRAPHS, words // _MIN_WORDS))
    lower = min(min_chapters, upper)
    if upper > max_chapters:
        lower = max(lower, upper // 2)
    return lower, upper


def _split_at_topic_shifts(paragraphs: Sequence[str], min_chapters: int, max_chapters: int) -> list[int]:
    n = len(paragraphs)
    lengths = [len(_TOKEN.findall(p)) for p in paragraphs]
    words = sum(lengths)
    lower, upper = _count_range(n, words, min_chapters, max_chapters)
    if upper == 1:
        return [0, n]
    scores = _gap_scores(paragraphs)
    valleys = [s for s in scores[1:] if s > 0]
    # A valley is clear when it is deeper than most: half a deviation above the mean depth.
    mean = sum(valleys) / len(valleys) if valleys else 0.0
    deviation = math.sqrt(sum((s - mean) ** 2 for s in valleys) / len(valleys)) if valleys else 0.0
    clear = sum(1 for s in valleys if s >= mean + deviation / 2)
    count = max(lower, min(upper, clear + 1))
    for k in range(count, 0, -1):
        bounds = _best_bounds(scores, lengths, k)
        if bounds:
            log.debug("%d paragraphs, %d words: chapters start at %s", n, words, bounds[:-1])
            return bounds
    return [0, n]


def _best_bounds(scores: list[float], lengths: list[int], k: int) -> list[int] | None:
    """The k-chapter split maximising total boundary strength, chapters of a sensible size.

    Dynamic programme over chapter ends; each chapter's allowed starts form a window that only
    moves forward, so a monotone deque gives the best predecessor in constant time.
    """
    n = len(lengths)
    cum = [0]
    for length in lengths:
        cum.append(cum[-1] + length)
    average = cum[-1] / k
    min_words = min(_MIN_WORDS, average / 2) if k > 1 else 0
    max_words = max(average * 2.5, _MIN_WORDS * 2) if k > 1 else cum[-1]
    neg = -math.inf
    best = [neg] * (n + 1)  # one chapter so far: [0, i) must itself be a valid chapter
    for i in range(1, n + 1):
        if i >= _MIN_PARAGRAPHS and min_words <= cum[i] <= max_words:
            best[i] = 0.0
    back: list[list[int]] = []
    for _ in range(k - 1):
        nxt = [neg] * (n + 1)
        ptr = [-1] * (n + 1)
        window: deque[int] = deque()
        added = 0  # next candidate start to push into the window
        low = 0  # first start still allowed by max_words
        for i in range(1, n + 1):
            while added <= i - _MIN_PARAGRAPHS and cum[i] - cum[added] >= min_words:
                if best[added] > neg and added > 0:
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
                s = window[0]
                nxt[i] = best[s] + scores[s]
                ptr[i] = s
        best = nxt
        back.append(ptr)
    if best[n] == neg:
        return None
    bounds = [n]
    for ptr in reversed(back):
        bounds.append(ptr[bounds[-1]])
    bounds.append(0)
    return bounds[::-1]


# --- titles ---------------------------------------------------------------------------------


class _Candidate:
    """A phrase that could name a chapter, with how it was found."""

    __slots__ = ("kind", "text")

    def __init__(self, text: str, kind: str) -> None:
        self.text = text
        self.kind = kind  # "name", "compound" (a name and its noun) or "phrase"


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text.strip()) if s]


def _opening(text: str) -> str:
    return (_sentences(text) or [text])[0]


def _is_capital(token: str, first: bool, inner_capitals: frozenset[str]) -> bool:
    bare = _CONTRACTION.sub("", token)
    low = bare.lower()
    if not bare[:1].isupper() or len(bare) < 2 or low in _STOP or low in _WEAK_NAMES:
        return False
    if bare.isupper() and len(bare) > 4 and "." not in bare:
        return False  # shouted words and datelines ("CLEVELAND —"), not acronyms like "NATO"
    # A sentence's first word is capitalised anyway ("Meanwhile", "It's"): a name only if the
    # article also capitalises it inside a sentence.
    return not first or bare in inner_capitals


def _candidates(text: str, inner_capitals: frozenset[str]) -> list[_Candidate]:
    """Candidate title phrases in ``text``.

    Names are runs of capitalised words; a compound is a name followed by one or two content words
    ("NATO membership", "South Korea's potential responses"); a phrase is a run of 2-3 content
    words.
    """
    found: list[_Candidate] = []
    for sentence in _sentences(text):
        for position, clause in enumerate(_CLAUSE_BREAK.split(sentence)):
            found.extend(_clause_candidates(clause, position == 0, inner_capitals))
    return found


def _clause_candidates(clause: str, opens_sentence: bool, inner_capitals: frozenset[str]) -> list[_Candidate]:
    found: list[_Candidate] = []
    tokens = _TOKEN.findall(clause)
    i = 0
    while i < len(tokens):
        first = opens_sentence and i == 0
        if _is_capital(tokens[i], first, inner_capitals):
            run: list[str] = []
            while i < len(tokens) and _is_capital(tokens[i], first and not run, inner_capitals):
                run.append(tokens[i])
                i += 1
                if _POSSESSIVE.search(run[-1]):
                    break
                # "Center for Countering Disinformation" is one name.
                if (
                    i + 1 < len(tokens)
                    and tokens[i] in _NAME_JOINERS
                    and _is_capital(tokens[i + 1], False, inner_capitals)
                ):
                    run.append(tokens[i])
                    i += 1
            tail: list[str] = []
            while i < len(tokens) and len(tail) < 2 and _is_noun_like(tokens[i]):
                tail.append(_POSSESSIVE.sub("", tokens[i]))
                i += 1
                if tail[-1] != tokens[i - 1]:
                    break
            if tail and len(run) + len(tail) <= 5:
                found.append(_Candidate(" ".join(run + tail), "compound"))
            # A nationality before a noun only modifies it ("North Korean troops"); other names
            # there still name something ("NATO" in "NATO membership").
            if len(run) <= 4 and not (tail and _DEMONYM.search(run[-1])):
                found.append(_Candidate(" ".join(_POSSESSIVE.sub("", w) for w in run), "name"))
            continue
        plain = []
        while i < len(tokens) and _is_content(tokens[i]):
            plain.append(tokens[i])
            i += 1
        if len(plain) >= 2:
            found.append(_Candidate(" ".join(plain[-3:]), "phrase"))
        if not plain:
            i += 1
    return found


def _is_noun_like(token: str) -> bool:
    """A content word that is not obviously a verb or adverb form."""
    return _is_content(token) and not _VERB_FORM.search(token)


def _is_content(token: str) -> bool:
    # "it’s" is "it": a stop word, not the tail of a name ("Colorado it")
    return token[:1].islower() and token not in _STOP and _CONTRACTION.sub("", token) not in _STOP


_KIND_WEIGHT = {"name": 1.2, "compound": 1.5, "phrase": 1.0}


def _titles(
    paragraphs: Sequence[str],
    ranges: list[tuple[int, int]],
    article_title: str,
    acronyms: frozenset[str],
    taken: Sequence[str] = (),
) -> list[str]:
    """One distinct title per chapter range, from the phrases most particular to that chapter.

    Phrases are found as candidates, then counted wherever their stemmed words recur in the
    chapter ("NATO membership" inside "NATO membership proposal" too). Salience is that count,
    plus a bonus for the chapter's opening sentence (it usually states the topic), times an
    inverse chapter frequency over the article.
    """
    inner_capitals = frozenset(
        _CONTRACTION.sub("", w)
        for p in paragraphs
        for sentence in _sentences(p)
        for w in _TOKEN.findall(sentence)[1:]
        if w[:1].isupper()
    )
    grams = [_ngrams(" ".join(paragraphs[a:b])) for a, b in ranges]
    spread: Counter[tuple[str, ...]] = Counter()
    for chapter_grams in grams:
        spread.update(chapter_grams.keys())
    used = {t.casefold() for t in taken} | {" ".join(article_title.split()).casefold()}
    titles = []
    for (a, b), chapter_grams in zip(ranges, grams, strict=True):
        opening = {_key(c.text) for c in _candidates(_opening(paragraphs[a]), inner_capitals)}
        found: dict[tuple[str, ...], _Candidate] = {}
        for index in range(a, b):
            for candidate in _candidates(paragraphs[index], inner_capitals):
                found.setdefault(_key(candidate.text), candidate)
        scored = {}
        for key, candidate in found.items():
            count = chapter_grams[key] + (0.5 if key in opening else 0.0)
            idf = math.log((len(ranges) + 1) / max(1, spread[key]))
            scored[key] = _KIND_WEIGHT[candidate.kind] * count * idf
        # Phrases said at least twice first; a phrase said once beats an opening-words fallback.
        recurring = {k: v for k, v in scored.items() if chapter_grams[k] >= 2}
        title = (
            _heading_title(paragraphs[a], used, acronyms)
            or _compose(_ranked(recurring), recurring, found, used)
            or _compose(_ranked(scored), scored, found, used)
            or _fallback(paragraphs[a])
        )
        used.add(title.casefold())
        titles.append(title)
    return _distinct(titles, article_title)


def _ranked(scored: dict[tuple[str, ...], float]) -> list[tuple[str, ...]]:
    return sorted(scored, key=lambda key: (-scored[key], key))


def _heading_title(paragraph: str, used: set[str], acronyms: frozenset[str]) -> str | None:
    text = " ".join(paragraph.split())
    if _is_heading_like(text) and len(text.split()) >= 2 and text.casefold() not in used:
        title = _unshout(text, acronyms)
        return title[:1].upper() + title[1:]
    return None


def _words(text: str) -> list[str]:
    """Stemmed lower-case words, hyphenated words split, for matching phrases."""
    return [_stem(part) for token in _TOKEN.findall(text) for part in _POSSESSIVE.sub("", token).split("-")]


def _key(text: str) -> tuple[str, ...]:
    return tuple(_words(text))


def _ngrams(text: str) -> Counter[tuple[str, ...]]:
    words = _words(text)
    return Counter(tuple(words[i : i + size]) for size in range(1, 7) for i in range(len(words) - size + 1))


def _compose(
    ranked: list[tuple[str, ...]],
    scored: dict[tuple[str, ...], float],
    found: dict[tuple[str, ...], _Candidate],
    used: set[str],
) -> str | None:
    """The best phrase, joined with the next best unrelated one when that is nearly as salient."""
    options: list[str] = []
    for i, key in enumerate(ranked[:5]):
        first = found[key].text
        partners = [
            other
            for other in ranked[i + 1 : 8]
            if not set(key) & set(other) and scored[other] >= 0.5 * scored[key]
        ]
        pairs = [f"{first} and {found[other].text}" for other in partners]
        if len(first.split()) >= 2 and found[key].kind != "name":
            options.append(first)
            options.extend(pairs)
        else:
            options.extend(pairs)
            options.append(first)
    for option in options:
        if 2 <= len(option.split()) <= _TITLE_MAX_WORDS and option.casefold() not in used:
            return option[:1].upper() + option[1:]
    return None


def _fallback(paragraph: str) -> str:
    """The opening words of the chapter's first sentence, cut to a title's length."""
    opening = _opening(paragraph)
    # Skip a leading connective ("Meanwhile, ...") when the sentence goes on after it.
    head, _, rest = opening.partition(", ")
    if rest and len(head.split()) <= 3:
        opening = rest
    words = _TOKEN.findall(opening)[:_TITLE_MAX_WORDS] or ["More", "of", "the", "story"]
    while len(words) > 2 and (words[-1].lower() in _STOP or _VERB_FORM.search(words[-1])):
        words.pop()
    title = " ".join(words)
    return title[:1].upper() + title[1:]
