"""Is a quoted region someone speaking, and which words of the sentence name the speaker?

The decision reads the sentence around the marks: a quote that is its own sentence or sits
next to a reporting verb (or a colon) is speech; a quote that the narrator's sentence runs
into without punctuation ("called it a “meat grinder”", "adding that “…”") is narration.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from narrate.quotes.lexicon import ACCORDING_TO, INVERTED, PRONOUNS, VERB
from narrate.quotes.marks import Region
from narrate.quotes.phrases import is_capitalised, subject_after, subject_before, words

_CLOSERS = "”’\"»)'“"
_ABBREV_END = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Sgt|Capt|Sen|Rep|Gov|Prof|Jr|Sr|No|vs|etc|Jan|Feb|Aug|Sept|"
    r"Oct|Nov|Dec|[A-Z])|[A-Z]\.[A-Z])\.$"
)
_OPEN_PUNCT = ",:;—–-("


@dataclass(frozen=True)
class Attribution:
    """The speaker as the sentence words it, and where (for resolving pronouns in order)."""

    phrase: str
    pos: int


@dataclass(frozen=True)
class Verdict:
    speech: bool
    attribution: Attribution | None = None


def _boundary_before(text: str, i: int) -> bool:
    """Does a sentence end just before offset ``i`` (which follows whitespace)?"""
    head = text[:i].rstrip().rstrip(_CLOSERS)
    return head.endswith(("?", "!", "…")) or (head.endswith(".") and not _ABBREV_END.search(head))


def sentence_start(text: str, pos: int) -> int:
    for i in range(pos, 0, -1):
        if text[i - 1].isspace() and not text[i].isspace() and _boundary_before(text, i):
            return i
    return 0


def sentence_end(text: str, pos: int, limit: int) -> int:
    for i in range(pos, limit):
        if text[i].isspace() and _boundary_before(text, i):
            return i
    return limit


def _any_verb(body: str) -> re.Match[str] | None:
    """A verb outside the lexicon in a short clause after a dialogue comma ("…,” the court ruled.)."""
    clause = re.match(r"[^.;:!?]*", body)
    tokens = words(clause.group() if clause else "")
    if not 2 <= len(tokens) <= 5:
        return None
    for tok in (tokens[0], tokens[-1]):
        if tok.islower() and tok.endswith(("ed", "es")) and tok.lower() not in PRONOUNS:
            return re.search(rf"(?<!\w){re.escape(tok)}(?!\w)", body)
    return None


def _located(paragraph: str, phrase: str | None, start: int) -> Attribution | None:
    if not phrase:
        return None
    first = phrase.split()[0]
    at = paragraph.find(first, start)
    return Attribution(phrase, at if at >= 0 else start)


def after_attribution(paragraph: str, region: Region, limit: int) -> Attribution | None:
    """ "…,” said X" / "…,” X said" / "…,” according to X" in the rest of the sentence."""
    inner = region.inner(paragraph).rstrip()
    ctx_start = region.end
    # The gap right after the marks is no sentence break: "…?” asked Lee" goes on.
    ctx = paragraph[ctx_start : sentence_end(paragraph, min(ctx_start + 1, limit), limit)]
    body = ctx.lstrip(" ,—–")
    offset = ctx_start + len(ctx) - len(body)
    if not body:
        return None
    if inner.endswith(".") and is_capitalised(body):
        return None  # the quote closed its sentence; what follows is a new one
    if inv := INVERTED.match(body):
        return Attribution(inv.group(1), offset + inv.start(1))
    if acc := ACCORDING_TO.match(body):
        return _located(paragraph, subject_after(body[acc.end() :]), offset + acc.end())
    verb = VERB.search(body)
    if verb is None and inner.endswith((",", "?", "!")):
        verb = _any_verb(body)
    if verb is None or len(words(body[: verb.start()])) > 25:
        return None
    pre = body[: verb.start()]
    if not pre.strip():
        return _located(paragraph, subject_after(body[verb.end() :]), offset + verb.end())
    subject_part = pre.split(",")[0]
    subject = subject_before(subject_part)
    if subject is None or len(words(subject_part)) - len(words(subject)) > 1:
        return None
    if inner.endswith(("?", "!")) and is_capitalised(body) and len(words(pre)) > 4:
        return None
    return _located(paragraph, subject, offset)


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
        return _located(paragraph, subject_after(clause[accs[-1].end() :]), at), punctuated
    verb = VERB.search(clause)
    if verb is None:
        return None, punctuated
    subject = subject_before(clause[: verb.start()])
    if subject is None:
        subject = subject_after(clause[verb.end() :])
        return _located(paragraph, subject, floor + verb.end()), punctuated
    return _located(paragraph, subject, floor + clause.rfind(subject.split()[0], 0, verb.start())), punctuated


def _looks_like_title(tokens: list[str]) -> bool:
    long_words = [t for t in tokens[1:] if len(t) > 3]
    return len(long_words) >= 2 and sum(is_capitalised(t) for t in long_words) / len(long_words) >= 0.6


def classify(paragraph: str, regions: list[Region], k: int, run_on: bool) -> Verdict:
    """Speech or narration for region ``k`` of the paragraph, with its attribution when found."""
    region = regions[k]
    inner = region.inner(paragraph).strip()
    tokens = words(inner)
    n = len(tokens)
    if n == 0:
        return Verdict(False)
    ends_punct = inner[-1] in ",.?!…;:—" or not region.closed
    capital = is_capitalised(tokens[0])
    prev_end = regions[k - 1].end if k else 0
    floor = max(sentence_start(paragraph, region.start), prev_end)
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
    if _looks_like_title(tokens) or not (capital and n >= 3 and ends_punct):
        return Verdict(False)
    rest_end = sentence_end(paragraph, region.end, limit)
    rest = paragraph[region.end : rest_end].strip()
    return Verdict(not rest or rest[0] in "(—–")

