"""Where every sound lands: chunks of segments, their encoded lengths, chapters and cues.

A chunk is a run of consecutive segments inside one chapter, encoded on its own (encode.py). Its
layout (segment offsets in samples) comes back from the encoder, so chapter and cue times are
exact sums of sample counts, never estimates. Times are those of gapless playback: the MP3's LAME
tag tells players to skip the first chunk's lead-in and the last chunk's padding (AudibleSpan).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from narrate.encode import DECODER_DELAY_SAMPLES, DECODER_LEAD_IN_FRAMES
from narrate.model import Chapter, Cue, Script, Segment
from narrate.speakable import split_sentences

CHUNK_WORDS = 30  # a paragraph or so: an edit re-renders little, and chunks balance across workers
_WORD = re.compile(r"\w+")
NARRATOR = "Narrator"
_MAX_PADDING = 4095  # the LAME tag's 12-bit field


@dataclass(frozen=True)
class ChunkPlan:
    chapter_index: int
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class ChunkLayout:
    """An encoded chunk: decoded length, each segment's [start, end) in samples and its sentences."""

    total_samples: int
    offsets: tuple[tuple[int, int], ...]
    sentences: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class AudibleSpan:
    """The samples [start, end) of the joined chunks' ``total`` that gapless players play."""

    start: int
    end: int
    total: int

    @property
    def lame_padding(self) -> int:
        """The padding as the LAME tag counts it (decoders drop ``padding - 529`` at the end)."""
        return self.total - self.end + DECODER_DELAY_SAMPLES

    def clamp(self, samples: int) -> int:
        """A position of the joined chunks on the played timeline (0 at ``start``)."""
        return min(max(samples, self.start), self.end) - self.start


def closing_pause_samples(pause_after_ms: int, sample_rate_hz: int) -> int:
    """The pause that ends a chunk, short of the lead-in silence the next chunk opens with,
    so that pacing does not depend on where chunks happen to end."""
    return max(0, pause_after_ms * sample_rate_hz // 1000 - DECODER_LEAD_IN_FRAMES)


def audible_span(
    chunks: Sequence[ChunkPlan], layouts: Sequence[ChunkLayout], sample_rate_hz: int
) -> AudibleSpan:
    """From the end of the first chunk's lead-in to the end of the last segment's pause."""
    total = sum(layout.total_samples for layout in layouts)
    if not layouts:
        return AudibleSpan(0, 0, 0)
    last_chunk_at = total - layouts[-1].total_samples
    pause = closing_pause_samples(chunks[-1].segments[-1].pause_after_ms, sample_rate_hz)
    end = last_chunk_at + layouts[-1].offsets[-1][1] + pause
    end = min(total, max(end, total + DECODER_DELAY_SAMPLES - _MAX_PADDING))
    return AudibleSpan(min(DECODER_LEAD_IN_FRAMES, end), end, total)


def plan_chunks(script: Script) -> list[ChunkPlan]:
    chunks: list[ChunkPlan] = []
    for index, chapter in enumerate(script.chapters):
        run: list[Segment] = []
        words = 0
        for segment in chapter.segments:
            run.append(segment)
            words += len(_WORD.findall(segment.text))
            if words >= CHUNK_WORDS:
                chunks.append(ChunkPlan(index, tuple(run)))
                run, words = [], 0
        if run:
            chunks.append(ChunkPlan(index, tuple(run)))
    return chunks


def _ms(samples: int, sample_rate_hz: int) -> int:
    return round(samples * 1000 / sample_rate_hz)


def chapters_on_timeline(
    script: Script, chunks: Sequence[ChunkPlan], layouts: Sequence[ChunkLayout], sample_rate_hz: int
) -> tuple[Chapter, ...]:
    span = audible_span(chunks, layouts, sample_rate_hz)
    starts: dict[int, int] = {}
    ends: dict[int, int] = {}
    position = 0
    for chunk, layout in zip(chunks, layouts, strict=True):
        starts.setdefault(chunk.chapter_index, span.clamp(position))
        position += layout.total_samples
        ends[chunk.chapter_index] = span.clamp(position)
    return tuple(
        Chapter(script.chapters[i].title, _ms(starts[i], sample_rate_hz), _ms(ends[i], sample_rate_hz))
        for i in sorted(starts)
    )


def cue_sentences(display: str) -> tuple[str, ...]:
    """The transcript's sentences of a segment (worked out where the chunk is rendered, then cached)."""
    return tuple(s.strip() for s in split_sentences(display) if s.strip()) or (display,)


def parts_on_timeline(script: Script, chapters: Sequence[Chapter]) -> tuple[Chapter, ...]:
    """A briefing's top-level chapters (the headlines, then one per article) from its chapters' times."""
    return tuple(
        Chapter(part.title, chapters[part.first_chapter].start_ms, chapters[part.end_chapter - 1].end_ms)
        for part in script.parts
    )


def nested_on_timeline(script: Script, chapters: Sequence[Chapter]) -> tuple[Chapter, ...]:
    """Each part's own chapters after its first, which starts with the part and so adds nothing
    (two chapters at one time confuse players)."""
    return tuple(
        chapter
        for part in script.parts
        for chapter in chapters[part.first_chapter + 1 : part.end_chapter]
        if chapter.start_ms > chapters[part.first_chapter].start_ms
    )


def _sentence_cues(segment: Segment, sentences: Sequence[str], start_ms: int, end_ms: int) -> list[Cue]:
    """Split a segment's time among its sentences in proportion to their length."""
    speaker = segment.speaker if segment.kind == "quote" and segment.speaker else NARRATOR
    weights = [max(1, len(s)) for s in sentences]
    total, cues, elapsed = sum(weights), [], 0
    for sentence, weight in zip(sentences, weights, strict=True):
        a = start_ms + (end_ms - start_ms) * elapsed // total
        elapsed += weight
        b = start_ms + (end_ms - start_ms) * elapsed // total
        cues.append(Cue(a, b, speaker, sentence))
    return cues


def cues_on_timeline(
    chunks: Sequence[ChunkPlan], layouts: Sequence[ChunkLayout], sample_rate_hz: int
) -> tuple[Cue, ...]:
    span = audible_span(chunks, layouts, sample_rate_hz)
    cues: list[Cue] = []
    position = 0
    for chunk, layout in zip(chunks, layouts, strict=True):
        for segment, sentences, (start, end) in zip(
            chunk.segments, layout.sentences, layout.offsets, strict=True
        ):
            start_ms = _ms(span.clamp(position + start), sample_rate_hz)
            end_ms = _ms(span.clamp(position + end), sample_rate_hz)
            cues.extend(_sentence_cues(segment, sentences, start_ms, end_ms))
        position += layout.total_samples
    return tuple(cues)
