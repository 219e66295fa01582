"""Article -> Script: what will be spoken, in which voice, with which pauses, before any audio."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from narrate.model import Article, Part, Script, ScriptChapter, ScriptSpeaker, Segment, Span
from narrate.quotes import SpeakerNote, read_quotes
from narrate.script.chapters import plan_chapters
from narrate.script.pieces import MAX_ENGINE_CHARS, spoken_pieces
from narrate.speakable import Lexicon, speakable
from narrate.text import split_sentences
from narrate.voices import VoiceProfile, VoiceSet, cast_speakers, load_voices

PAUSE_AFTER_TITLE_MS = 1200
PAUSE_AFTER_BYLINE_MS = 900
PAUSE_AFTER_HEADING_MS = 700
PAUSE_BETWEEN_SPANS_MS = 150
PAUSE_AT_VOICE_CHANGE_MS = 400
PAUSE_BETWEEN_PARAGRAPHS_MS = 750
PAUSE_BETWEEN_CHAPTERS_MS = 1500

UNNAMED_SPEAKER = "Unnamed speaker"
_HAS_WORD = re.compile(r"\w")
_INNER_SENTENCE_END = re.compile(r"[.!?…]\S*\s")
_QUOTE_MARKS = "\"'“”‘’«»„‚‹›"


def _paragraph_segments(
    spans: Sequence[Span], narrator: VoiceProfile, cast: dict[str, VoiceProfile], lexicon: Lexicon | None
) -> Iterator[list[Segment]]:
    """The segments of each span that has words (one, or pieces of a span too long for one engine
    call); attribution and narration stay with the narrator."""
    for span in spans:
        display = " ".join(span.text.split())
        if not _HAS_WORD.search(display):
            continue
        speaker = (span.speaker or UNNAMED_SPEAKER) if span.is_quote else None
        profile = cast[speaker] if speaker else narrator
        strip = _QUOTE_MARKS + " " if span.is_quote else ""

        def speak(shown: str, strip: str = strip) -> str:
            return speakable(shown.strip(strip) if strip else shown, lexicon)

        segments = [
            Segment(
                text=piece.text,
                display=piece.display,
                kind="quote" if span.is_quote else "narration",
                voice=profile.name,
                speaker=speaker,
                pause_after_ms=piece.pause_after_ms or 0,
            )
            for piece in spoken_pieces(display, speak)
            if _HAS_WORD.search(piece.text)
        ]
        if segments:
            yield segments


def _names_chapter(heading: str, title: str) -> bool:
    """Is ``title`` this heading (re-cased: "TOYOTA RAV4 PRIME" is titled "Toyota RAV4 Prime")?

    The title is then what is spoken, so a heading in capitals is not spelled out letter by letter.
    """
    return " ".join(heading.split()).rstrip(":.").strip().casefold() == title.casefold()


def _with_pauses(spans: list[list[Segment]], end_pause_ms: int) -> list[Segment]:
    """Pauses between spans, longer where the voice changes, and ``end_pause_ms`` at the end; the
    pieces of a cut span keep the pauses of their cuts."""
    paused = []
    for current, following in zip(spans, [*spans[1:], None], strict=True):
        if following is None:
            pause = end_pause_ms
        elif following[0].voice != current[-1].voice:
            pause = PAUSE_AT_VOICE_CHANGE_MS
        else:
            pause = PAUSE_BETWEEN_SPANS_MS
        paused += [*current[:-1], replace(current[-1], pause_after_ms=pause)]
    return paused


def _bounded(segments: Sequence[Segment], lexicon: Lexicon | None) -> tuple[Segment, ...]:
    """``segments`` with any that speaks too long for one engine call cut into pieces (a title or
    heading can be a whole scraped block too)."""
    bounded: list[Segment] = []
    for segment in segments:
        if len(segment.text) <= MAX_ENGINE_CHARS:
            bounded.append(segment)
            continue
        for piece in spoken_pieces(segment.display, lambda shown: speakable(shown, lexicon)):
            if _HAS_WORD.search(piece.text):
                pause = segment.pause_after_ms if piece.pause_after_ms is None else piece.pause_after_ms
                bounded.append(replace(segment, text=piece.text, display=piece.display, pause_after_ms=pause))
    return tuple(bounded)


def transcript_sentences(display: str) -> tuple[str, ...]:
    """The sentences a segment's transcript cues show, one cue each."""
    if not _INNER_SENTENCE_END.search(display):  # one sentence, or a piece of one: no need to ask
        return (display,)
    return tuple(s.strip() for s in split_sentences(display) if s.strip()) or (display,)


def _with_sentences(chapter: ScriptChapter) -> ScriptChapter:
    segments = tuple(replace(s, sentences=transcript_sentences(s.display)) for s in chapter.segments)
    return replace(chapter, segments=segments)


def build_script(article: Article, voices: VoiceSet | None = None, lexicon: Lexicon | None = None) -> Script:
    """The headline chapter (title, byline), then one chapter per planned run of paragraphs.

    ``voices`` defaults to the shipped profiles, ``lexicon`` to the shipped pronunciations.
    """
    voices = voices or load_voices()
    narrator = voices.narrator
    reading = read_quotes(article.paragraphs)
    spans = reading.spans
    speakers = [(s.speaker or UNNAMED_SPEAKER, s.gender) for par in spans for s in par if s.is_quote]
    cast = cast_speakers(voices, speakers)

    opening = [
        Segment(
            speakable(article.title, lexicon),
            article.title,
            "title",
            narrator.name,
            None,
            PAUSE_AFTER_TITLE_MS,
        )
    ]
    if article.byline:
        byline = f"By {article.byline}."
        opening.append(
            Segment(speakable(byline, lexicon), byline, "byline", narrator.name, None, PAUSE_AFTER_BYLINE_MS)
        )
    chapters = [ScriptChapter(title=article.title, segments=_bounded(opening, lexicon))]

    headings = {h.before_paragraph: h.text for h in article.headings}
    for plan in plan_chapters(article):
        segments: list[Segment] = []
        for index in range(plan.first_paragraph, plan.end_paragraph):
            line = article.paragraphs[index]
            heading = headings.get(index, "")
            # A subheading left in the body text opens its chapter: read it as the heading it is.
            as_heading = not heading and index == plan.first_paragraph and _names_chapter(line, plan.title)
            if as_heading:
                heading = line
            if _HAS_WORD.search(heading):
                spoken = plan.title if _names_chapter(heading, plan.title) else heading
                segments += _bounded(
                    [Segment(speakable(spoken, lexicon), heading, "narration", narrator.name, None,
                             PAUSE_AFTER_HEADING_MS)], lexicon
                )  # fmt: skip
            if not as_heading:
                paragraph = list(_paragraph_segments(spans[index], narrator, cast, lexicon))
                segments.extend(_with_pauses(paragraph, PAUSE_BETWEEN_PARAGRAPHS_MS))
        if segments:
            last = segments[-1]
            segments[-1] = replace(last, pause_after_ms=PAUSE_BETWEEN_CHAPTERS_MS)
            chapters.append(ScriptChapter(title=plan.title, segments=tuple(segments)))
    notes = {note.name: note for note in reading.speakers}
    return Script(
        title=article.title,
        chapters=tuple(_with_sentences(chapter) for chapter in chapters),
        articles=(article,),
        byline=article.byline,
        date=article.date,
        language=article.language,
        description=article.paragraphs[0] if article.paragraphs else article.title,
        speakers=tuple(_speaker(name, cast[name], notes.get(name)) for name in cast),
    )


def _speaker(name: str, voice: VoiceProfile, note: SpeakerNote | None) -> ScriptSpeaker:
    if note is None:
        return ScriptSpeaker(name, voice.name)
    return ScriptSpeaker(name, voice.name, note.gender, note.evidence)


def script_as_json(script: Script) -> dict[str, object]:
    """The ``narrate script --json`` shape (command-line contract)."""
    return {
        "title": script.title,
        "chapters": [
            {
                "title": chapter.title,
                "segments": [
                    {"text": s.text, "kind": s.kind, "voice": s.voice, "speaker": s.speaker}
                    for s in chapter.segments
                ],
            }
            for chapter in script.chapters
        ],
        # Additive to the contract: who speaks in which voice, and the gender evidence used.
        "speakers": [
            {"name": s.name, "voice": s.voice, "gender": s.gender, "evidence": list(s.evidence)}
            for s in script.speakers
        ],
    }


def _headline_list(titles: Sequence[str]) -> str:
    if len(titles) == 1:
        return titles[0]
    return "; ".join(titles[:-1]) + "; and " + titles[-1]


def build_briefing(
    name: str, scripts: Sequence[Script], voices: VoiceSet | None = None, lexicon: Lexicon | None = None
) -> Script:
    """Several articles as one episode: a spoken intro listing the headlines, then each article.

    The intro is a part (a top-level chapter) of its own, and so is each article, whose own
    chapters are kept as sub-chapters.
    """
    titles = [s.title.rstrip(".") for s in scripts]
    intro_text = f"This is {name}. In this briefing: {_headline_list(titles)}."
    intro = Segment(
        speakable(intro_text, lexicon),
        intro_text,
        "narration",
        (voices or load_voices()).narrator.name,
        None,
        PAUSE_BETWEEN_CHAPTERS_MS,
        transcript_sentences(intro_text),
    )
    opening = tuple(replace(s, sentences=transcript_sentences(s.display)) for s in _bounded([intro], lexicon))
    chapters: list[ScriptChapter] = [ScriptChapter(title=name, segments=opening)]
    parts: list[Part] = [Part(title=name, first_chapter=0, end_chapter=1)]
    for script in scripts:
        first = len(chapters)
        chapters.extend(script.chapters)
        parts.append(Part(title=script.title, first_chapter=first, end_chapter=len(chapters)))
    return Script(
        title=name,
        chapters=tuple(chapters),
        articles=tuple(article for script in scripts for article in script.articles),
        parts=tuple(parts),
        description="; ".join(part.title for part in parts) or name,
        speakers=tuple(speaker for script in scripts for speaker in script.speakers),
    )
