"""The artifacts that flow through narrate, one frozen dataclass each.

source file -> Article -> Script -> rendered chunks -> Episode -> files (EpisodeRecord)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Protocol

SegmentKind = Literal["title", "byline", "narration", "quote"]


@dataclass(frozen=True)
class Heading:
    """A section heading of the article, placed before body paragraph ``before_paragraph``."""

    before_paragraph: int
    text: str


@dataclass(frozen=True)
class Article:
    """The cleaned article: what a listener should hear, and nothing of the page around it."""

    source: str
    title: str
    paragraphs: tuple[str, ...]
    byline: str | None = None
    date: str | None = None  # ISO 8601 date (YYYY-MM-DD) when the page states one
    dateline: str | None = None
    headings: tuple[Heading, ...] = ()
    language: str = "en"
    site: str | None = None  # the publication's name, when the page states it
    url: str | None = None  # the page's canonical address, when it gives one

    def body_blocks(self) -> tuple[str, ...]:
        """The body as a reader sees it: each section heading in place before its paragraph.

        ``paragraphs`` holds the prose alone and ``headings`` says where each heading stands, so
        the script reads a heading once, as its chapter title; printed copies show both in order.
        """
        before: dict[int, list[str]] = {}
        for heading in sorted(self.headings, key=lambda h: h.before_paragraph):
            if heading.text.strip():
                before.setdefault(heading.before_paragraph, []).append(heading.text)
        blocks: list[str] = []
        for index, paragraph in enumerate(self.paragraphs):
            blocks.extend(before.get(index, ()))
            blocks.append(paragraph)
        return tuple(blocks)

    def to_json(self) -> dict[str, object]:
        """The ``narrate clean --json`` record (command-line contract); headings stand in the body."""
        return {
            "source": self.source,
            "title": self.title,
            "byline": self.byline,
            "paragraphs": list(self.body_blocks()),
        }


@dataclass(frozen=True)
class ChapterPlan:
    """A run of body paragraphs heard as one chapter: ``paragraphs`` is a half-open index range."""

    title: str
    first_paragraph: int
    end_paragraph: int


@dataclass(frozen=True)
class Span:
    """A piece of a paragraph: narration, or a direct quote with its speaker."""

    text: str
    is_quote: bool = False
    speaker: str | None = None
    gender: Literal["f", "m"] | None = None


@dataclass(frozen=True)
class Segment:
    """One engine call: a sentence (or a short run of them) in one voice.

    ``text`` is the speakable form handed to the engine; ``display`` keeps the article's wording
    for the transcript.
    """

    text: str
    display: str
    kind: SegmentKind
    voice: str
    speaker: str | None = None
    pause_after_ms: int = 0
    # The transcript's sentences of ``display``, decided with the script so later stages need no
    # text knowledge; empty means one cue for the whole segment.
    sentences: tuple[str, ...] = ()


@dataclass(frozen=True)
class ScriptChapter:
    title: str
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class Part:
    """A run of script chapters heard as one top-level chapter (one article of a briefing)."""

    title: str
    first_chapter: int
    end_chapter: int


@dataclass(frozen=True)
class ScriptSpeaker:
    """A quoted speaker: one voice for the whole episode, and the gender evidence behind it."""

    name: str
    voice: str
    gender: Literal["f", "m"] | None = None
    evidence: tuple[str, ...] = ()  # e.g. "title 'Ms.'", "given name 'Linda'", "pronoun 'she'"


@dataclass(frozen=True)
class Script:
    """Everything that will be spoken, in order, before any audio exists, and what the episode
    will say about itself.

    One shape for one article and for a briefing of several: ``articles`` holds what was read,
    and ``parts`` groups a briefing's chapters by article (players that support nesting get the
    articles' own chapters too); a single article has no parts.
    """

    title: str
    chapters: tuple[ScriptChapter, ...]
    articles: tuple[Article, ...] = field(default=(), compare=False)
    parts: tuple[Part, ...] = ()
    byline: str | None = None
    date: str | None = None  # ISO 8601 date of the article, when it states one
    language: str = "en"
    description: str = ""
    speakers: tuple[ScriptSpeaker, ...] = ()

    @property
    def source(self) -> str:
        return ", ".join(article.source for article in self.articles)


@dataclass(frozen=True)
class Chapter:
    """A chapter on the episode's timeline."""

    title: str
    start_ms: int
    end_ms: int


@dataclass(frozen=True)
class Cue:
    """A transcript cue on the episode's timeline."""

    start_ms: int
    end_ms: int
    speaker: str
    text: str


class AudioBlock(Protocol):
    """A piece of rendered audio, held in memory or in the render cache until it is written."""

    def read(self) -> bytes: ...


@dataclass(frozen=True)
class EpisodeAudio:
    """An episode's audio as rendered: MP3 frames per chunk, and the chunks' PCM (16-bit mono,
    aligned sample for sample with the decoded MP3) when a PCM-based format was asked for.

    Blocks are read one at a time while writing, so a long episode is never held whole.
    """

    audio_format: str  # mp3 | m4b | m4a | wav: the format asked for besides the MP3
    sample_rate_hz: int
    total_samples: int
    frames: tuple[AudioBlock, ...]
    pcm: tuple[AudioBlock, ...] | None = None
    # What gapless players play of the ``total_samples`` decoded: from the end of the first
    # chunk's lead-in to the end of the last segment's pause (the MP3's LAME tag says so).
    start_sample: int = 0
    end_sample: int | None = None


@dataclass(frozen=True)
class Episode:
    """A rendered script in memory: audio, timeline and metadata, before any file is written."""

    title: str
    byline: str | None
    source: str
    guid: str  # names the article(s): stable through corrections of the text
    description: str
    language: str
    date: str | None
    duration_ms: int
    chapters: tuple[Chapter, ...]
    cues: tuple[Cue, ...]
    subchapters: tuple[Chapter, ...] = ()  # a briefing's articles' own chapters
    audio: EpisodeAudio | None = field(default=None, compare=False, repr=False)
    revision: str = ""  # a digest of the text: changes with any edit
    site: str | None = None  # the publication all its articles come from, when the pages name it
