"""Script + rendered chunks -> Episode: the timeline, chapters, cues and metadata, in memory.

Pure: no file, clock or engine. Chapter and cue times are exact sums of the chunks' decoded
sample counts (the encoder reports them), never estimates; each segment's time is shared among
its transcript sentences (decided with the script) in proportion to their length.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from narrate.model import Chapter, Cue, Episode, EpisodeAudio, Script, Segment
from narrate.rendering.chunks import RenderedChunk

NARRATOR = "Narrator"
_GUID_NAMESPACE = uuid.UUID("6f1e3b57-1a0c-5d7e-9a43-2f0c1f4f7a11")


def assemble(
    script: Script, chunks: Sequence[RenderedChunk], audio_format: str, sample_rate_hz: int
) -> Episode:
    """The episode of ``script`` from its rendered chunks, in script order."""
    chapters = chapters_on_timeline(script, chunks, sample_rate_hz)
    subchapters: tuple[Chapter, ...] = ()
    if script.parts:
        parts = parts_on_timeline(script, chapters)
        # A sub-chapter that only repeats its article's headline adds nothing to the list.
        heads = {(p.title, p.start_ms) for p in parts}
        chapters, subchapters = parts, tuple(c for c in chapters if (c.title, c.start_ms) not in heads)
    pcm = [chunk.pcm for chunk in chunks if chunk.pcm is not None]
    audio = EpisodeAudio(
        audio_format,
        sample_rate_hz,
        sum(chunk.layout.total_samples for chunk in chunks),
        tuple(chunk.frames for chunk in chunks),
        tuple(pcm) if len(pcm) == len(chunks) else None,
    )
    return Episode(
        title=script.title,
        byline=script.byline,
        source=script.source,
        guid=content_guid(script),
        description=script.description,
        language=script.language,
        date=script.date,
        duration_ms=chapters[-1].end_ms if chapters else 0,
        chapters=chapters,
        cues=cues_on_timeline(chunks, sample_rate_hz),
        subchapters=subchapters,
        audio=audio,
    )


def content_guid(script: Script) -> str:
    """Stable while the articles' text stays the same, different for different articles."""
    text = "\n".join([script.title, *(p for a in script.articles for p in (a.title, *a.paragraphs))])
    return str(uuid.uuid5(_GUID_NAMESPACE, text))


def _ms(samples: int, sample_rate_hz: int) -> int:
    return round(samples * 1000 / sample_rate_hz)


def chapters_on_timeline(
    script: Script, chunks: Sequence[RenderedChunk], sample_rate_hz: int
) -> tuple[Chapter, ...]:
    starts: dict[int, int] = {}
    ends: dict[int, int] = {}
    position = 0
    for chunk in chunks:
        starts.setdefault(chunk.plan.chapter_index, position)
        position += chunk.layout.total_samples
        ends[chunk.plan.chapter_index] = position
    return tuple(
        Chapter(script.chapters[i].title, _ms(starts[i], sample_rate_hz), _ms(ends[i], sample_rate_hz))
        for i in sorted(starts)
    )


def parts_on_timeline(script: Script, chapters: Sequence[Chapter]) -> tuple[Chapter, ...]:
    """A briefing's top-level chapters (one per article) from its chapters' times."""
    return tuple(
        Chapter(part.title, chapters[part.first_chapter].start_ms, chapters[part.end_chapter - 1].end_ms)
        for part in script.parts
    )


def _sentence_cues(segment: Segment, start_ms: int, end_ms: int) -> list[Cue]:
    """Split a segment's time among its sentences in proportion to their length."""
    speaker = segment.speaker if segment.kind == "quote" and segment.speaker else NARRATOR
    sentences = segment.sentences or (segment.display,)
    weights = [max(1, len(s)) for s in sentences]
    total, cues, elapsed = sum(weights), [], 0
    for sentence, weight in zip(sentences, weights, strict=True):
        a = start_ms + (end_ms - start_ms) * elapsed // total
        elapsed += weight
        b = start_ms + (end_ms - start_ms) * elapsed // total
        cues.append(Cue(a, b, speaker, sentence))
    return cues


def cues_on_timeline(chunks: Sequence[RenderedChunk], sample_rate_hz: int) -> tuple[Cue, ...]:
    cues: list[Cue] = []
    position = 0
    for chunk in chunks:
        for segment, (start, end) in zip(chunk.plan.segments, chunk.layout.offsets, strict=True):
            start_ms, end_ms = _ms(position + start, sample_rate_hz), _ms(position + end, sample_rate_hz)
            cues.extend(_sentence_cues(segment, start_ms, end_ms))
        position += chunk.layout.total_samples
    return tuple(cues)
