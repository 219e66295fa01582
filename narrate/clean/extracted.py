"""What each extractor (text copy, HTML, Markdown) hands back before it becomes an Article."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Extracted:
    title: str
    paragraphs: list[str]
    byline: str | None = None
    date: str | None = None
    dateline: str | None = None
    headings: list[tuple[int, str]] = field(default_factory=list)
    language: str | None = None
    site: str | None = None
    url: str | None = None
