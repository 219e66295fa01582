"""Direct quotations in article paragraphs: which quoted spans are speech, and whose.

``find_quotes`` splits every paragraph into narration and quote spans. Quotes that run on into
the next paragraph (an unclosed mark, the next paragraph opening a new one) stay one speaker's,
wherever the attribution sits; a quote without its own attribution takes the speaker of the
other quotes in its paragraph.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from narrate.model import Span
from narrate.quotes.attribution import Verdict, classify, lead_in_attribution
from narrate.quotes.lexicon import PRONOUNS, Gender
from narrate.quotes.marks import Region, find_regions
from narrate.quotes.people import Evidence, Person
from narrate.quotes.speakers import Cast

__all__ = ["QuoteReading", "SpeakerNote", "find_quotes", "read_quotes"]


@dataclass(frozen=True)
class SpeakerNote:
    """A speaker of the article, the gender used for their voice, and what showed it."""

    name: str
    gender: Gender | None
    evidence: tuple[str, ...]  # e.g. "title 'Ms.'", "given name 'Linda'", "pronoun 'she'"


@dataclass(frozen=True)
class QuoteReading:
    spans: list[list[Span]]
    speakers: tuple[SpeakerNote, ...]


@dataclass
class _Quote:
    paragraph: int
    region: Region
    verdict: Verdict
    person: Person | None = None  # who the attribution names, when it names someone
    wording: str | None = None  # the attribution as written, when it names no one we know
    gender: Gender | None = None
    named: bool = False  # the attribution names someone or a role (not a pronoun)

    def take(self, other: _Quote) -> None:
        self.person, self.wording, self.gender = other.person, other.wording, other.gender

    @property
    def speaker(self) -> str | None:
        return self.person.name if self.person is not None else self.wording


def _run_on_links(paragraphs: Sequence[str], regions: list[list[Region]]) -> list[bool]:
    """``links[i]``: paragraph i opens by continuing a quote left open at the end of i-1."""
    links = [False] * len(paragraphs)
    for i in range(1, len(paragraphs)):
        prev, cur = regions[i - 1], regions[i]
        if prev and not prev[-1].closed and cur and not paragraphs[i][: cur[0].start].strip():
            links[i] = True
    return links


def _narration_only(paragraph: str, regions: list[Region]) -> str:
    """The paragraph with quoted text blanked, so names inside quotes don't count."""
    chars = list(paragraph)
    for r in regions:
        # Not spaces: names either side of a quote must not join into one.
        chars[r.start : r.end] = "|" * (r.end - r.start)
    return "".join(chars)


def _attribute(paragraphs: Sequence[str], regions: list[list[Region]], quotes: list[list[_Quote]]) -> None:
    """Resolve each quote's own attribution in reading order, feeding the cast as we go."""
    cast = Cast()
    for i, paragraph in enumerate(paragraphs):
        narration = _narration_only(paragraph, regions[i])
        seen = 0
        pending = sorted(
            (q for q in quotes[i] if q.verdict.attribution is not None),
            key=lambda q: q.verdict.attribution.pos if q.verdict.attribution else 0,
        )
        for q in pending:
            attribution = q.verdict.attribution
            assert attribution is not None
            if attribution.pos > seen:
                cast.observe(narration[seen : attribution.pos])
                seen = attribution.pos
            q.person, q.wording, q.gender = cast.speaker(attribution.phrase)
            # A pronoun resolved to someone is the quote's own attribution, as a name is.
            q.named = q.person is not None or attribution.phrase.lower() not in PRONOUNS
            hint = attribution.gender
            if hint is not None and q.person is not None:
                q.person.add(Evidence(hint, "pronoun", attribution.hint_word))
            q.gender = q.gender or hint
        cast.observe(narration[seen:])


def _share_speakers(quotes: list[list[_Quote]], links: list[bool]) -> None:
    """Quotes of one paragraph (or one run-on chain) without their own name take the group's.

    A paragraph of quotes with no attribution at all, right after a paragraph of quotes,
    continues that speaker.
    """
    groups: list[list[_Quote]] = []
    for i, paragraph_quotes in enumerate(quotes):
        if links[i] and groups:
            groups[-1].extend(paragraph_quotes)
        else:
            groups.append(list(paragraph_quotes))
    previous: _Quote | None = None
    for group in groups:
        named = next((q for q in group if q.named), None)
        own = next((q for q in group if q.speaker), None)
        source = named or own
        if source is None and previous is not None and group and group[0].paragraph == previous.paragraph + 1:
            source = previous
        for q in group:
            if source is not None and not q.named:
                q.take(source)
        if group:
            previous = group[-1]


def _spans(paragraph: str, quotes: list[_Quote]) -> list[Span]:
    spans: list[Span] = []
    at = 0
    for q in quotes:
        if q.region.start > at:
            spans.append(Span(paragraph[at : q.region.start]))
        gender = q.person.voice_gender if q.person is not None else q.gender
        spans.append(Span(paragraph[q.region.start : q.region.end], True, q.speaker, gender))
        at = q.region.end
    if at < len(paragraph):
        spans.append(Span(paragraph[at:]))
    return spans


def find_quotes(paragraphs: Sequence[str]) -> list[list[Span]]:
    """Partition each paragraph into narration and direct-quote spans (with speaker and gender)."""
    return read_quotes(paragraphs).spans


def read_quotes(paragraphs: Sequence[str]) -> QuoteReading:
    """The quote spans of each paragraph and, for each speaker, the gender evidence used."""
    regions = [find_regions(p) for p in paragraphs]
    links = _run_on_links(paragraphs, regions)
    quotes: list[list[_Quote]] = []
    for i, paragraph in enumerate(paragraphs):
        found: list[_Quote] = []
        for k, region in enumerate(regions[i]):
            run_on = (k == 0 and links[i]) or (
                k == len(regions[i]) - 1 and i + 1 < len(paragraphs) and links[i + 1]
            )
            verdict = classify(paragraph, regions[i], k, run_on, follows_speech=bool(found))
            if verdict.speech:
                found.append(_Quote(i, region, verdict))
        if found and i and not links[i] and found[0].verdict.attribution is None:
            opens = not paragraph[: found[0].region.start].strip()
            lead = lead_in_attribution(paragraphs[i - 1]) if opens else None
            if lead is not None:
                found[0].verdict = Verdict(True, lead)
        quotes.append(found)
    _attribute(paragraphs, regions, quotes)
    _share_speakers(quotes, links)
    spans = [_spans(p, q) for p, q in zip(paragraphs, quotes, strict=True)]
    return QuoteReading(spans, _speaker_notes(q for group in quotes for q in group))


def _speaker_notes(quotes: Iterable[_Quote]) -> tuple[SpeakerNote, ...]:
    notes: dict[str, SpeakerNote] = {}
    for q in quotes:
        name = q.speaker
        if name is None or name in notes:
            continue
        if q.person is not None:
            evidence = tuple(e.describe() for e in q.person.evidence)
            notes[name] = SpeakerNote(name, q.person.voice_gender, evidence)
        else:
            notes[name] = SpeakerNote(name, q.gender, (f"attribution {q.wording!r}",) if q.gender else ())
    return tuple(notes.values())
