"""The artifacts that flow through narrate, one frozen dataclass each.

source file -> Article -> Script -> RenderedSegment* -> Episode
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

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
class Script:
    """Everything that will be spoken, in order, before any audio exists.

    A briefing holds several articles: ``parts`` groups its chapters by article, and players
    that support nesting get the articles' own chapters too.
    """

    title: str
    chapters: tuple[ScriptChapter, ...]
    article: Article | None = field(default=None, compare=False)
    parts: tuple[Part, ...] = ()
    articles: tuple[Article, ...] = field(default=(), compare=False)


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


@dataclass(frozen=True)
class Episode:
    """A finished render: the files written and the timeline they share."""

    slug: str
    title: str
    byline: str | None
    source: str
    duration_ms: int
    chapters: tuple[Chapter, ...]
    cues: tuple[Cue, ...]
    files: dict[str, str] = field(compare=False)
