"""Chapter titles: the phrases most salient to a chapter relative to the rest of the article.

Phrases are found as candidates, then counted wherever their stemmed words recur in the chapter
("NATO membership" inside "NATO membership proposal" too). Salience is that count, plus a bonus
for the chapter's opening sentence (it usually states the topic), times an inverse chapter
frequency over the article.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from narrate.script.headings import distinct, is_heading_like, unshout
from narrate.script.phrases import VERB_FORM, Candidate, candidates, inner_capitals, opening
from narrate.text import STOP_WORDS, stem, tokens
from narrate.text.words import POSSESSIVE

_TITLE_MAX_WORDS = 6
_KIND_WEIGHT = {"name": 1.2, "compound": 1.5, "phrase": 1.0}
_OPENING_BONUS = 0.5

Key = tuple[str, ...]


@dataclass(frozen=True)
class _Article:
    """What every chapter's title is weighed against."""

    paragraphs: Sequence[str]
    chapters: int
    spread: Counter[Key]  # in how many chapters each n-gram occurs
    capitals: frozenset[str]
    acronyms: frozenset[str]


def titles(
    paragraphs: Sequence[str],
    ranges: list[tuple[int, int]],
    article_title: str,
    acronyms: frozenset[str],
    taken: Sequence[str] = (),
) -> list[str]:
    """One distinct title per chapter range, none equal to the article's title or to ``taken``."""
    grams = [_ngrams(" ".join(paragraphs[a:b])) for a, b in ranges]
    spread: Counter[Key] = Counter()
    for chapter_grams in grams:
        spread.update(chapter_grams.keys())
    article = _Article(paragraphs, len(ranges), spread, inner_capitals(paragraphs), acronyms)
    used = {t.casefold() for t in taken} | {" ".join(article_title.split()).casefold()}
    found = []
    for chapter, chapter_grams in zip(ranges, grams, strict=True):
        title = _title(article, chapter, chapter_grams, used)
        used.add(title.casefold())
        found.append(title)
    return distinct(found, article_title)


def _title(article: _Article, chapter: tuple[int, int], grams: Counter[Key], used: set[str]) -> str:
    a, b = chapter
    paragraphs = article.paragraphs
    opening_keys = {_key(c.text) for c in candidates(opening(paragraphs[a]), article.capitals)}
    found: dict[Key, Candidate] = {}
    for index in range(a, b):
        for candidate in candidates(paragraphs[index], article.capitals):
            found.setdefault(_key(candidate.text), candidate)
    scored = {}
    for key, candidate in found.items():
        count = grams[key] + (_OPENING_BONUS if key in opening_keys else 0.0)
        idf = math.log((article.chapters + 1) / max(1, article.spread[key]))
        scored[key] = _KIND_WEIGHT[candidate.kind] * count * idf
    # Phrases said at least twice first; a phrase said once beats an opening-words fallback.
    recurring = {k: v for k, v in scored.items() if grams[k] >= 2}
    return (
        _heading_title(paragraphs[a], used, article.acronyms)
        or _compose(recurring, found, used)
        or _compose(scored, found, used)
        or _fallback(paragraphs[a])
    )


def _heading_title(paragraph: str, used: set[str], acronyms: frozenset[str]) -> str | None:
    text = " ".join(paragraph.split())
    if is_heading_like(text) and len(text.split()) >= 2 and text.casefold() not in used:
        return _capitalised(unshout(text, acronyms))
    return None


def _words(text: str) -> list[str]:
    """Stemmed lower-case words, hyphenated words split, for matching phrases."""
    return [stem(part) for token in tokens(text) for part in POSSESSIVE.sub("", token).split("-")]


def _key(text: str) -> Key:
    return tuple(_words(text))


def _ngrams(text: str) -> Counter[Key]:
    words = _words(text)
    return Counter(tuple(words[i : i + size]) for size in range(1, 7) for i in range(len(words) - size + 1))


def _compose(scored: dict[Key, float], found: dict[Key, Candidate], used: set[str]) -> str | None:
    """The best phrase, joined with the next best unrelated one when that is nearly as salient."""
    ranked = sorted(scored, key=lambda key: (-scored[key], key))
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
            options.extend([first, *pairs])
        else:
            options.extend([*pairs, first])
    for option in options:
        if 2 <= len(option.split()) <= _TITLE_MAX_WORDS and option.casefold() not in used:
            return _capitalised(option)
    return None


def _fallback(paragraph: str) -> str:
    """The opening words of the chapter's first sentence, cut to a title's length."""
    first = opening(paragraph)
    # Skip a leading connective ("Meanwhile, ...") when the sentence goes on after it.
    head, _, rest = first.partition(", ")
    if rest and len(head.split()) <= 3:
        first = rest
    words = tokens(first)[:_TITLE_MAX_WORDS] or ["More", "of", "the", "story"]
    while len(words) > 2 and (words[-1].lower() in STOP_WORDS or VERB_FORM.search(words[-1])):
        words.pop()
    return _capitalised(" ".join(words))


def _capitalised(title: str) -> str:
    return title[:1].upper() + title[1:]
