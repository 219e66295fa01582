"""Phrases that could name a chapter: names, a name with its noun, runs of content words."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from narrate.text import STOP_WORDS, tokens
from narrate.text.words import CONTRACTION, POSSESSIVE

# Words that are capitalised for reasons other than naming the chapter's subject.
_WEAK_NAMES = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december mr mrs ms dr president minister prime
    chief former senior professor""".split()  # noqa: SIM905
)
VERB_FORM = re.compile(r"(?:ing|ed|ly)$")
_NAME_JOINERS = frozenset({"of", "for"})
_DEMONYM = re.compile(r"(?:ian|ean|can|ese|ish)$")
# A full stop after an initial ("U.S.") or a title ("Mr.") does not end a sentence. Titles were
# tuned on this cut, not on narrate.text's splitter: that one gives 49 of 664 corpus articles
# other chapter titles (mixed, judged by eye on a sample) and costs a pysbd pass per paragraph.
_SENTENCE_END = re.compile(
    r"(?<!\b[A-Z])(?<!\bMrs)(?<!\b[MD]r)(?<!\bMs)(?<!\bSt)[.!?][\"”’)]*\s+(?=[\"“‘A-Z0-9])"
)
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]\"“”‘—–]|\s[-–]\s|\.\s|[.!?]$")
_MAX_NAME_WORDS = 4
_MAX_COMPOUND_WORDS = 5

Kind = Literal["name", "compound", "phrase"]


@dataclass(frozen=True)
class Candidate:
    """A phrase that could name a chapter: a name, a compound (a name and its noun) or a phrase."""

    text: str
    kind: Kind


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text.strip()) if s]


def opening(text: str) -> str:
    """The first sentence of ``text``."""
    return (sentences(text) or [text])[0]


def inner_capitals(paragraphs: Sequence[str]) -> frozenset[str]:
    """Words the article capitalises inside a sentence: names, not sentence openers."""
    return frozenset(
        CONTRACTION.sub("", w)
        for p in paragraphs
        for sentence in sentences(p)
        for w in tokens(sentence)[1:]
        if w[:1].isupper()
    )


def candidates(text: str, capitals: frozenset[str]) -> list[Candidate]:
    """Candidate title phrases in ``text``, clause by clause.

    Names are runs of capitalised words; a compound is a name followed by one or two content words
    ("NATO membership", "South Korea's potential responses"); a phrase is a run of 2-3 content
    words. ``capitals`` are the article's inner capitals (see ``inner_capitals``).
    """
    found: list[Candidate] = []
    for sentence in sentences(text):
        for position, clause in enumerate(_CLAUSE_BREAK.split(sentence)):
            found.extend(_Clause(tokens(clause), position == 0, capitals).candidates())
    return found


def is_noun_like(token: str) -> bool:
    """A content word that is not obviously a verb or adverb form."""
    return is_content(token) and not VERB_FORM.search(token)


def is_content(token: str) -> bool:
    # "it’s" is "it": a stop word, not the tail of a name ("Colorado it")
    return token[:1].islower() and token not in STOP_WORDS and CONTRACTION.sub("", token) not in STOP_WORDS


class _Clause:
    """A walk through one clause's tokens, collecting candidates."""

    def __init__(self, words: list[str], opens_sentence: bool, capitals: frozenset[str]) -> None:
        self.words = words
        self.opens_sentence = opens_sentence
        self.capitals = capitals
        self.i = 0
        self.found: list[Candidate] = []

    def candidates(self) -> list[Candidate]:
        while self.i < len(self.words):
            first = self.opens_sentence and self.i == 0
            if self._is_capital(self.words[self.i], first):
                self._name(first)
            else:
                self._plain()
        return self.found

    def _is_capital(self, token: str, first: bool) -> bool:
        bare = CONTRACTION.sub("", token)
        low = bare.lower()
        if not bare[:1].isupper() or len(bare) < 2 or low in STOP_WORDS or low in _WEAK_NAMES:
            return False
        if bare.isupper() and len(bare) > 4 and "." not in bare:
            return False  # shouted words and datelines ("CLEVELAND —"), not acronyms like "NATO"
        # A sentence's first word is capitalised anyway ("Meanwhile", "It's"): a name only if the
        # article also capitalises it inside a sentence.
        return not first or bare in self.capitals

    def _name(self, first: bool) -> None:
        run = self._capital_run(first)
        tail = self._noun_tail()
        if tail and len(run) + len(tail) <= _MAX_COMPOUND_WORDS:
            self.found.append(Candidate(" ".join(run + tail), "compound"))
        # A nationality before a noun only modifies it ("North Korean troops"); other names
        # there still name something ("NATO" in "NATO membership").
        if len(run) <= _MAX_NAME_WORDS and not (tail and _DEMONYM.search(run[-1])):
            self.found.append(Candidate(" ".join(POSSESSIVE.sub("", w) for w in run), "name"))

    def _capital_run(self, first: bool) -> list[str]:
        words, run = self.words, list[str]()
        while self.i < len(words) and self._is_capital(words[self.i], first and not run):
            run.append(words[self.i])
            self.i += 1
            if POSSESSIVE.search(run[-1]):
                break
            # "Center for Countering Disinformation" is one name.
            if (
                self.i + 1 < len(words)
                and words[self.i] in _NAME_JOINERS
                and self._is_capital(words[self.i + 1], False)
            ):
                run.append(words[self.i])
                self.i += 1
        return run

    def _noun_tail(self) -> list[str]:
        """One or two nouns after a name, up to and including a possessive."""
        words, tail = self.words, list[str]()
        while self.i < len(words) and len(tail) < 2 and is_noun_like(words[self.i]):
            tail.append(POSSESSIVE.sub("", words[self.i]))
            self.i += 1
            if tail[-1] != words[self.i - 1]:
                break
        return tail

    def _plain(self) -> None:
        plain = []
        while self.i < len(self.words) and is_content(self.words[self.i]):
            plain.append(self.words[self.i])
            self.i += 1
        if len(plain) >= 2:
            self.found.append(Candidate(" ".join(plain[-3:]), "phrase"))
        if not plain:
            self.i += 1
