"""Is a quoted region someone speaking, and which words of the sentence name the speaker?

The decision reads the sentence around the marks: a quote that is its own sentence or sits
next to a reporting verb (or a colon) is speech; a quote that the narrator's sentence runs
into without punctuation ("called it a “meat grinder”", "adding that “…”") is narration.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from narrate.quotes.lexicon import ACCORDING_TO, DETERMINERS, INVERTED, PRONOUNS, VERB, Gender
from narrate.quotes.marks import Region
from narrate.quotes.phrases import apposed_name, is_capitalised, subject_after, subject_before, words
from narrate.quotes.sentences import sentence_end, sentence_start

_OPEN_PUNCT = ",:;—–-("
# Words that make a comma segment an appositive ("a farmer from Jeju Island"), not the subject.
_APPOSITION_WORDS = frozenset(("a", "an", "the", "who", "from", "at", "of", "in", "on", "for", "with", "by"))
_CLAUSE_WORDS = frozenset(
    ("is", "was", "are", "were", "be", "been", "that", "which", "it", "this", "what", "how", "why", "not")
)
_POSSESSIVE_PRONOUN = re.compile(r"(?<![\w’'-])(his|her)\s+([a-z]+)", re.IGNORECASE)
# Where the attribution clause turns to someone else: "said of the governor", ", adding that if he".
_OTHER_CLAUSE = re.compile(
    r"[,;:(—–]|(?<![\w’'-])(?:that|who|whom|which|whose|if|when|whether|because|after|before|while|as|"
    r"of|about|to|than|and|but|him|them)(?![\w’'-])",
    re.IGNORECASE,
)
# After "her", these make it an object pronoun ("told her on Monday"), which says nothing of the speaker.
_NOT_NOUN = frozenset(("on", "in", "at", "that", "to", "and", "by", "after", "before", "about", "with"))


@dataclass(frozen=True)
class Attribution:
    """The speaker as the sentence words it, and where (for resolving pronouns in order)."""

    phrase: str
    pos: int
    gender: Gender | None = None
    hint_word: str = ""  # the pronoun that showed ``gender`` ("his" in "said in his address")


@dataclass(frozen=True)
class Verdict:
    speech: bool
    attribution: Attribution | None = None


def _any_verb(body: str) -> re.Match[str] | None:
    """A verb outside the lexicon in a short clause after a dialogue comma ("…,” the court ruled.)."""
    clause = re.match(r"[^.;:!?]*", body)
    tokens = words(clause.group() if clause else "")
    if not 2 <= len(tokens) <= 5:
        return None
    last_is_verb = tokens[-1].endswith(("ed", "s")) and tokens[-2].lower() not in DETERMINERS
    for tok, verb_like in ((tokens[0], tokens[0].endswith("ed")), (tokens[-1], last_is_verb)):
        if tok.islower() and verb_like and tok not in PRONOUNS:
            return re.search(rf"(?<!\w){re.escape(tok)}(?!\w)", body)
    return None


def _final_verb(clause: str) -> re.Match[str] | None:
    """The verb ending a clause before a colon, outside the lexicon ("Another official disagreed:")."""
    last = re.search(r"(?<![\w’'-])([a-z]+(?:ed|es))\s*$", clause)
    return last if last and subject_before(clause[: last.start()]) else None


def _gender_hint(text: str) -> tuple[Gender, str] | None:
    """Gender shown by the speaker's own possessive in the attribution ("…,” Kim said in his address).

    Only up to where the clause turns to someone else ("said of the governor", ", adding that if
    he loses"): a pronoun there is about another person.
    """
    own = _OTHER_CLAUSE.split(text, maxsplit=1)[0]
    for match in _POSSESSIVE_PRONOUN.finditer(own):
        word, following = match.group(1), match.group(2)
        if word.lower() == "his" or following not in _NOT_NOUN:
            return ("m" if word.lower() == "his" else "f"), word
    return None


def _is_subject(part: str, subject: str, appositive_ok: bool = True) -> bool:
    """Is ``part`` (the words between the quote and the verb) all subject, not a clause of its own?

    A role may stand before a name ("Commerzbank analyst Carsten Fritsch said"); a clause has
    function words ("is what he said").
    """
    tokens, kept = words(part), words(subject)
    if len(tokens) - len(kept) <= 1:
        return True
    ends_with_name = tokens[-len(kept) :] == kept and is_capitalised(kept[-1])
    banned = _CLAUSE_WORDS if appositive_ok else _CLAUSE_WORDS | _APPOSITION_WORDS
    return ends_with_name and len(tokens) <= 8 and not any(t.lower() in banned for t in tokens)


def _located(paragraph: str, phrase: str | None, start: int, clause_end: int) -> Attribution | None:
    if not phrase:
        return None
    found = paragraph.find(phrase.split()[0], start)
    at = found if found >= 0 else start
    rest = paragraph[at + len(phrase) : clause_end] if found >= 0 else ""
    hint = _gender_hint(rest)
    return Attribution(phrase, at, *(hint or (None, "")))


def after_attribution(paragraph: str, region: Region, limit: int) -> Attribution | None:
    """ "…,” said X" / "…,” X said" / "…,” according to X" in the rest of the sentence."""
    inner = region.inner(paragraph).rstrip("’'\"”» ")
    ctx_start = region.end
    # The gap right after the marks is no sentence break: "…?” asked Lee" goes on.
    end = sentence_end(paragraph, min(ctx_start + 1, limit), limit)
    ctx = paragraph[ctx_start:end]
    body = ctx.lstrip(" ,—–")
    offset = ctx_start + len(ctx) - len(body)
    if not body:
        return None
    if inner.endswith(".") and is_capitalised(body):
        return None  # the quote closed its sentence; what follows is a new one
    if inv := INVERTED.match(body):
        return Attribution(inv.group(1), offset + inv.start(1))
    if acc := ACCORDING_TO.match(body):
        return _located(paragraph, subject_after(body[acc.end() :]), offset + acc.end(), end)
    verb = VERB.search(body)
    if verb is None and inner.endswith((",", "?", "!")):
        verb = _any_verb(body)
    if verb is None or len(words(body[: verb.start()])) > 25:
        return None
    pre = body[: verb.start()]
    if not pre.strip():
        return _located(paragraph, subject_after(body[verb.end() :]), offset + verb.end(), end)
    if named := apposed_name(pre):  # "…,” the spokesman, Maj. Gen. Arnon Tsur, said"
        return _located(paragraph, named, offset + pre.rfind(named), end)
    subject_part = pre.split(",")[0]
    last_part = pre.split(",")[-1]
    near = subject_before(last_part) if "," in pre.strip().rstrip(",") else None
    subject: str | None = subject_before(subject_part)
    if near and is_capitalised(near) and _is_subject(last_part, near, appositive_ok=False):
        subject, subject_part = near, last_part  # "chairman, CEO and president Craig Menear said"
    if subject is None or not _is_subject(subject_part, subject):
        return None
    if inner.endswith(("?", "!")) and is_capitalised(body) and len(words(pre)) > 4:
        return None
    return _located(paragraph, subject, offset, end)


def before_attribution(paragraph: str, floor: int, region: Region) -> tuple[Attribution | None, bool]:
    """ "X said: “…”" / "According to X, “…”" / ", he said, “…”" before the marks.

    Returns the attribution and whether it is set off by a comma or colon (False when the verb
    runs straight into the quote, "he said “…”", a weaker sign).
    """
    ctx = paragraph[floor : region.start].rstrip()
    if not ctx:
        return None, False
    punctuated = ctx[-1] in ",:"
    clause = ctx[:-1] if punctuated else ctx
    if not punctuated:
        verbs = list(VERB.finditer(clause))
        if not verbs or clause[verbs[-1].end() :].strip():
            return None, False
    accs = list(ACCORDING_TO.finditer(clause))
    if accs:
        at = floor + accs[-1].end()
        return _located(paragraph, subject_after(clause[accs[-1].end() :]), at, region.start), punctuated
    verb = VERB.search(clause)
    if verb is None and ctx.endswith(":"):
        verb = _final_verb(clause)
    if verb is None:
        return None, punctuated
    subject = subject_before(clause[: verb.start()])
    if subject is None:
        subject = subject_after(clause[verb.end() :])
        return _located(paragraph, subject, floor + verb.end(), region.start), punctuated
    at = floor + clause.rfind(subject.split()[0], 0, verb.start())
    return _located(paragraph, subject, at, region.start), punctuated


def _looks_like_title(tokens: list[str]) -> bool:
    long_words = [t for t in tokens[1:] if len(t) > 3]
    return len(long_words) >= 2 and sum(is_capitalised(t) for t in long_words) / len(long_words) >= 0.6


def classify(paragraph: str, regions: list[Region], k: int, run_on: bool, follows_speech: bool) -> Verdict:
    """Speech or narration for region ``k`` of the paragraph, with its attribution when found.

    ``follows_speech``: an earlier quote of the paragraph is speech, so a short quoted sentence
    standing on its own ("“Please.”") continues it.
    """
    region = regions[k]
    inner = region.inner(paragraph).strip()
    tokens = words(inner)
    n = len(tokens)
    if n == 0:
        return Verdict(False)
    core = inner.rstrip("’'\"”» ")  # a nested quote may close just before the outer mark
    ends_punct = (core[-1:] in tuple(",.?!…;:—") and core != "") or not region.closed
    capital = is_capitalised(tokens[0])
    prev_end = regions[k - 1].end if k else 0
    floor = sentence_start(paragraph, region.start, prev_end)
    limit = regions[k + 1].start if k + 1 < len(regions) else len(paragraph)
    # Punctuation may sit outside the marks (British and French style: «…», a déclaré X).
    set_off = ends_punct or paragraph[region.end : region.end + 1] in (",", "!", "?")
    after = after_attribution(paragraph, region, limit) if set_off else None
    before, punctuated = before_attribution(paragraph, floor, region)
    attribution = before or after
    lead = paragraph[floor : region.start].strip()

    if run_on:
        return Verdict(True, attribution)
    if lead and lead[-1] not in _OPEN_PUNCT:
        # The narrator's sentence runs into the marks: speech only after a bare reporting verb.
        speech = before is not None and not punctuated and (capital or n >= 6) and n >= 4 and ends_punct
        return Verdict(speech, attribution if speech else None)
    if lead:
        if before is not None:
            return Verdict(n >= 2 or ends_punct, attribution)
        if after is not None:
            return Verdict(True, after)
        sentence_like = capital and n >= 3 and ends_punct and not _looks_like_title(tokens)
        return Verdict(lead[-1] == ":" and sentence_like)
    if after is not None:
        return Verdict(True, after)
    if _looks_like_title(tokens) or not (capital and ends_punct and (n >= 3 or follows_speech)):
        return Verdict(False)
    rest_end = sentence_end(paragraph, region.end, limit)
    rest = paragraph[region.end : rest_end].strip()
    return Verdict(not rest or rest[0] in "(—–")


def lead_in_attribution(previous: str) -> Attribution | None:
    """The attribution of a paragraph that ends in a colon and hands over to a quote ("X said:")."""
    text = previous.rstrip()
    if not text.endswith(":"):
        return None
    end = len(text)
    found, _ = before_attribution(text, sentence_start(text, end - 1), Region(end, end, closed=True))
    # Offsets belong to the previous paragraph; 0 keeps the reading order of the quote's own.
    return Attribution(found.phrase, 0, found.gender, found.hint_word) if found else None
