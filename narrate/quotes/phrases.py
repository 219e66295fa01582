"""Noun phrases around reporting verbs: who is doing the saying, as the text words it."""

from __future__ import annotations

import re

from narrate.quotes.lexicon import ADVERBS, DETERMINERS, NOT_PERSON, OPENERS, PRONOUNS, word_set
from narrate.text import NAME_PARTICLES, NAME_SUFFIXES, TITLES

_WORD = re.compile(r"[^\W\d_](?:[\w’'.-]*\w)?|\d+")
# Words that end a subject phrase read forwards ("said Kim Jong-un on Tuesday", "said a man who …").
_STOP = word_set(
    "on in at during after before to for from with by who which that whose when while as adding and "
    "but of said says told added than"
)
# A name (titles and initials with their dots) set off by commas after a role.
_APPOSED_NAME = re.compile(r",\s*([A-Z][\w’'-]*(?:\.?\s+[A-Z][\w’'-]*){1,5})\s*(?:[,.;]|$)")
_APPOSITIVE = word_set("a an the who whose which one its his her their now then former")


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def _abbreviation(token: str) -> bool:
    """Tokens whose dot does not end the phrase: titles (Sen.), suffixes (Jr., Inc.), Saint (St.),
    initials (John F.), U.S."""
    return (
        token in TITLES
        or token in NAME_SUFFIXES
        or token == "St"
        or "." in token
        or (len(token) == 1 and token.isupper())
    )


def _capital_run_back(tokens: list[str]) -> list[str]:
    """The capitalised run ending the token list (particles such as 'von' may sit inside)."""
    run: list[str] = []
    for tok in reversed(tokens):
        if is_capitalised(tok) or (run and tok in NAME_PARTICLES):
            run.insert(0, tok)
        else:
            break
    while run and run[0] in NAME_PARTICLES:
        run.pop(0)
    while len(run) > 1 and run[0].lower() in OPENERS:
        run.pop(0)
    return run


def _names_someone(tokens: list[str]) -> bool:
    """Is the segment a name, possibly after a role ("North Korean leader Kim Jong-un")?"""
    run = _capital_run_back(tokens)
    return bool(run) and not any(t.lower() in NOT_PERSON for t in run)


def _as_written(text: str, tokens: list[str]) -> str:
    """The tokens as they stand in ``text``, keeping the dots of "U.S." and "Mr."."""
    pattern = r"[\s.]*".join(re.escape(t) for t in tokens) + r"(?:\.(?=\S))?"
    matches = list(re.finditer(pattern, text))
    return matches[-1].group() if matches else " ".join(tokens)


def subject_before(clause: str) -> str | None:
    """The subject phrase that ends ``clause`` (the text up to a reporting verb)."""
    segments = [s.strip() for s in clause.split(",") if s.strip()]
    if not segments:
        return None
    seg = segments[-1]
    if len(segments) > 1:
        first = seg.split()[0].lower()
        prev_tokens = words(segments[-2])
        named = prev_tokens and (_names_someone(prev_tokens) or prev_tokens[-1].lower() in PRONOUNS)
        if first in _APPOSITIVE and named:
            seg = segments[-2]  # "Lee Sang-min, a researcher at KIDA, said": the name, not the appositive
    tokens = words(seg)
    while tokens and (tokens[-1].lower() in ADVERBS or tokens[-1].endswith("ly")):
        tokens.pop()
    if not tokens:
        return None
    last = tokens[-1]
    if last.lower() in PRONOUNS:
        return last
    if is_capitalised(last):
        run = _capital_run_back(tokens)
        if len(run) == 1 and run[0].lower() in DETERMINERS | OPENERS:
            return None
        return _as_written(seg, run)
    phrase: list[str] = []
    for tok in reversed(tokens):
        if phrase and tok.lower() in _STOP:
            break
        phrase.insert(0, tok)
        if tok.lower() in DETERMINERS or tok.endswith(("’s", "'s")) or len(phrase) >= 4:
            break
    return _as_written(seg, phrase) if phrase else None


def apposed_name(role_then_name: str) -> str | None:
    """The name in "the spokesman, Maj. Gen. Arnon Tsur," (a role, then the name set off by commas)."""
    segments = [s.strip() for s in role_then_name.split(",")]
    while segments and not segments[-1]:
        segments.pop()
    if len(segments) != 2 or not segments[0] or segments[0].split()[0].lower() not in DETERMINERS:
        return None
    named = _APPOSED_NAME.match(", " + segments[1] + ",")
    return named.group(1) if named and _names_someone(words(named.group(1))) else None


def subject_after(text: str) -> str | None:
    """The subject phrase that opens ``text`` (what follows 'said' in "said Hong Min, a …")."""
    phrase: list[str] = []
    prev_end = 0
    for match in _WORD.finditer(text):
        tok = match.group()
        gap = text[prev_end : match.start()]
        if phrase and gap.strip() and not (gap.strip() == "." and _abbreviation(phrase[-1])):
            break
        if tok.lower() in _STOP and not (phrase and tok in NAME_PARTICLES):
            break
        if not phrase and gap.strip(" ,"):
            break
        phrase.append(tok)
        prev_end = match.end()
        if (len(phrase) == 1 and tok.lower() in PRONOUNS) or len(phrase) >= 7:
            break
    if not phrase:
        return None
    if phrase[0].lower() in DETERMINERS and (named := _APPOSED_NAME.match(text, prev_end)):
        return named.group(1)  # "the bank's governor, Rhee Chang-yong": the name, not the role
    return _as_written(text, phrase)
