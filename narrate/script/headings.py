"""Headings as chapter titles: which lines read as headings, in what case, and told apart."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from narrate.text import tokens

_HEADING_MAX_WORDS = 6
# Letters only: no sentence punctuation, digits, handles or prices ("Get it for $20").
_HEADING_LINE = re.compile(r"^[^\W\d_](?:[^\W\d_]|[ ’'&\-])*$")
_MINOR_WORDS = frozenset(
    ["a", "an", "and", "as", "at", "but", "by", "for", "in", "nor", "of", "on", "or", "the", "to", "with"]
)
_PUNCTUATION = "\"'“”‘’()[],:;!?"


def is_heading_like(paragraph: str) -> bool:
    """A short line without closing punctuation: a subheading left in the body text."""
    return len(paragraph.split()) <= _HEADING_MAX_WORDS and bool(_HEADING_LINE.match(paragraph))


def clean_heading(text: str, acronyms: frozenset[str]) -> str:
    return unshout(" ".join(text.split()).rstrip(":.").strip() or text.strip(), acronyms)


def acronyms(paragraphs: Sequence[str]) -> frozenset[str]:
    """Words the article writes in capitals inside ordinary sentences ("NATO", "US", "EV")."""
    return frozenset(
        word
        for paragraph in paragraphs
        if any(c.islower() for c in paragraph)
        for word in tokens(paragraph)
        if len(word) >= 2 and word.isupper()
    )


def unshout(title: str, acronyms: frozenset[str]) -> str:
    """An all-capitals heading in title case ("US FALLS" -> "US Falls"), as chapter lists show
    titles; words the article itself writes in capitals, other two-letter words, and words with
    digits or dots stay as they are."""
    letters = [c for c in title if c.isalpha()]
    if len(title.split()) < 2 or len(letters) < 6 or not all(c.isupper() for c in letters):
        return title
    return " ".join(_unshout_word(word, n == 0, acronyms) for n, word in enumerate(title.split(" ")))


def _unshout_word(word: str, first: bool, acronyms: frozenset[str]) -> str:
    core = word.strip(_PUNCTUATION)
    two_letters = len(core) == 2 and core.lower() not in _MINOR_WORDS  # "US", "UN", "EU"
    if core in acronyms or two_letters or any(c.isdigit() or c == "." for c in core):
        return word
    if not first and core.lower() in _MINOR_WORDS:
        return word.lower()
    initial = next((k for k, c in enumerate(word) if c.isalpha()), 0)
    return word[: initial + 1] + word[initial + 1 :].lower()


def distinct(titles: list[str], reserved: str = "") -> list[str]:
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
