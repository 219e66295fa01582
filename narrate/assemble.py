"""Script + rendered chunks -> Episode: the timeline, chapters, cues and metadata, in memory.

Pure: no file, clock or engine. Chapter and cue times are exact sums of the chunks' decoded
sample counts (the encoder reports them), never estimates; each segment's time is shared among
its transcript sentences (decided with the script) in proportion to their length. Times are those
of gapless playback: the MP3's LAME tag tells players to skip the first chunk's lead-in and the
last chunk's padding (AudibleSpan).

An episode's GUID names its article, not its text (podcast apps take a new GUID for a new
episode and drop the old one): the page's canonical address when it gives one, else its source
file's name and its title, so a corrected paragraph keeps it; ``revision`` follows the text.
"""

from __future__ import annotations

import hashlib
import unicodedata
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath

from narrate.audio.encode import DECODER_DELAY_SAMPLES, DECODER_LEAD_IN_FRAMES
from narrate.model import Article, Chapter, Cue, Episode, EpisodeAudio, Script, Segment
from narrate.rendering.chunks import RenderedChunk, closing_pause_samples

NARRATOR = "Narrator"
STDIN = "-"
_GUID_NAMESPACE = uuid.UUID("6f1e3b57-1a0c-5d7e-9a43-2f0c1f4f7a11")
_MAX_PADDING = 4095  # the LAME tag's 12-bit field


@dataclass(frozen=True)
class AudibleSpan:
    """The samples [start, end) of the joined chunks' ``total`` that gapless players play."""

    start: int
    end: int
    total: int

    def clamp(self, samples: int) -> int:
        """A position of the joined chunks on the played timeline (0 at ``start``)."""
        return min(max(samples, self.start), self.end) - self.start


def audible_span(chunks: Sequence[RenderedChunk], sample_rate_hz: int) -> AudibleSpan:
    """From the end of the first chunk's lead-in to the end of the last segment's pause."""
    total = sum(chunk.layout.total_samples for chunk in chunks)
    if not chunks:
        return AudibleSpan(0, 0, 0)
    last = chunks[-1]
    pause = closing_pause_samples(last.plan.segments[-1].pause_after_ms, sample_rate_hz)
    end = total - last.layout.total_samples + last.layout.offsets[-1][1] + pause
    end = min(total, max(end, total + DECODER_DELAY_SAMPLES - _MAX_PADDING))
    return AudibleSpan(min(DECODER_LEAD_IN_FRAMES, end), end, total)


def assemble(
    script: Script, chunks: Sequence[RenderedChunk], audio_format: str, sample_rate_hz: int
) -> Episode:
    """The episode of ``script`` from its rendered chunks, in script order."""
    chapters = chapters_on_timeline(script, chunks, sample_rate_hz)
    subchapters: tuple[Chapter, ...] = ()
    if script.parts:
        chapters, subchapters = parts_on_timeline(script, chapters), nested_on_timeline(script, chapters)
    pcm = [chunk.pcm for chunk in chunks if chunk.pcm is not None]
    span = audible_span(chunks, sample_rate_hz)
    audio = EpisodeAudio(
        audio_format,
        sample_rate_hz,
        span.total,
        tuple(chunk.frames for chunk in chunks),
        tuple(pcm) if len(pcm) == len(chunks) else None,
        start_sample=span.start,
        end_sample=span.end,
    )
    sites = {article.site for article in script.articles if article.site}
    return Episode(
        title=script.title,
        byline=script.byline,
        source=script.source,
        guid=episode_guid(script),
        revision=revision(script),
        site=sites.pop() if len(sites) == 1 else None,
        description=script.description,
        language=script.language,
        date=script.date,
        duration_ms=chapters[-1].end_ms if chapters else 0,
        chapters=chapters,
        cues=cues_on_timeline(chunks, sample_rate_hz),
        subchapters=subchapters,
        audio=audio,
    )


def _normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def article_key(article: Article) -> str:
    """What stays the same while an article is corrected: its canonical URL, else the name of
    the file it came from and its title (the folder it sits in may move)."""
    if article.url:
        return "url:" + article.url.strip()
    name = PurePath(article.source).name if article.source != STDIN else STDIN
    return f"source:{_normal(name)}\ntitle:{_normal(article.title)}"


def episode_guid(script: Script) -> str:
    """The episode's GUID: one per article, or per briefing name and its articles."""
    keys = [article_key(article) for article in script.articles]
    if script.parts or len(keys) != 1:
        keys = [f"briefing:{_normal(script.title)}", *keys]
    return str(uuid.uuid5(_GUID_NAMESPACE, "\n\n".join(keys)))


def revision(script: Script) -> str:
    """A digest of everything spoken: it changes with any edit of the text."""
    text = "\n".join([script.title, *(p for a in script.articles for p in (a.title, *a.paragraphs))])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _ms(samples: int, sample_rate_hz: int) -> int:
    return round(samples * 1000 / sample_rate_hz)


def chapters_on_timeline(
    script: Script, chunks: Sequence[RenderedChunk], sample_rate_hz: int
) -> tuple[Chapter, ...]:
    span = audible_span(chunks, sample_rate_hz)
    starts: dict[int, int] = {}
    ends: dict[int, int] = {}
    position = 0
    for chunk in chunks:
        starts.setdefault(chunk.plan.chapter_index, span.clamp(position))
        position += chunk.layout.total_samples
        ends[chunk.plan.chapter_index] = span.clamp(position)
    return tuple(
        Chapter(script.chapters[i].title, _ms(starts[i], sample_rate_hz), _ms(ends[i], sample_rate_hz))
        for i in sorted(starts)
    )


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
    span = audible_span(chunks, sample_rate_hz)
    cues: list[Cue] = []
    position = 0
    for chunk in chunks:
        for segment, (start, end) in zip(chunk.plan.segments, chunk.layout.offsets, strict=True):
            start_ms = _ms(span.clamp(position + start), sample_rate_hz)
            end_ms = _ms(span.clamp(position + end), sample_rate_hz)
            cues.extend(_sentence_cues(segment, start_ms, end_ms))
        position += chunk.layout.total_samples
    return tuple(cues)
