"""The episode JSON (``<slug>.json``): one record type that writes it and reads it back.

``narrate render`` writes it last, as the mark of a finished episode; the feed and the web page
read it. ``from_json`` accepts what ``to_json`` writes and refuses, with a reason, any field that
does not follow that shape (a hand-edited or foreign file).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from narrate.model import Chapter


class MalformedRecord(ValueError):
    """An episode JSON whose fields do not follow the render contract."""


@dataclass(frozen=True)
class EpisodeFiles:
    """Names (not paths) of an episode's files, beside its JSON in one folder."""

    audio: str
    chapters: str | None
    transcript: str | None


@dataclass(frozen=True)
class EpisodeRecord:
    """A written episode as its JSON describes it."""

    title: str
    byline: str | None
    source: str
    slug: str
    guid: str
    description: str
    language: str
    date: str | None  # the article's ISO 8601 date, when it states one
    rendered_at: datetime  # the first render of this text, kept by later renders
    duration_s: float
    chapters: tuple[Chapter, ...]
    files: EpisodeFiles

    @property
    def json_file(self) -> str:
        return f"{self.slug}.json"

    def file_names(self) -> list[str]:
        """Every file of the episode, the JSON last (the order `narrate render` prints them)."""
        names = [self.files.audio, self.files.chapters, self.files.transcript]
        return [name for name in names if name] + [self.json_file]

    def to_json(self) -> str:
        files = {
            "audio": self.files.audio,
            "chapters": self.files.chapters,
            "transcript": self.files.transcript,
        }
        data = {
            "title": self.title,
            "byline": self.byline,
            "source": self.source,
            "slug": self.slug,
            "guid": self.guid,
            "description": self.description,
            "language": self.language,
            "date": self.date,
            "rendered_at": self.rendered_at.isoformat(),
            "duration": round(self.duration_s, 3),
            "chapters": [
                {"title": c.title, "start": round(c.start_ms / 1000, 3), "end": round(c.end_ms / 1000, 3)}
                for c in self.chapters
            ],
            "files": {key: name for key, name in files.items() if name is not None},
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_json(cls, data: object) -> EpisodeRecord:
        """The record of parsed episode JSON; ``MalformedRecord`` says what is wrong with it."""
        if not isinstance(data, dict):
            raise MalformedRecord("not a JSON object")
        files = data.get("files")
        if not isinstance(files, dict):
            raise MalformedRecord("'files' is not an object")
        audio = _file_name(files, "audio")
        if audio is None:
            raise MalformedRecord("files.audio is missing")
        duration = data.get("duration", 0)
        if not isinstance(duration, (int, float)):
            raise MalformedRecord("'duration' is not a number")
        return cls(
            title=_text(data, "title"),
            byline=_optional_text(data, "byline"),
            source=_optional_text(data, "source") or "",
            slug=_text(data, "slug"),
            guid=_text(data, "guid"),
            description=_optional_text(data, "description") or "",
            language=_optional_text(data, "language") or "en",
            date=_optional_text(data, "date"),
            rendered_at=_rendered_at(data),
            duration_s=float(duration),
            chapters=_chapters(data.get("chapters", [])),
            files=EpisodeFiles(audio, _file_name(files, "chapters"), _file_name(files, "transcript")),
        )


def _text(data: dict[str, Any], key: str) -> str:
    value = _optional_text(data, key)
    if not value:
        raise MalformedRecord(f"{key!r} is missing or empty")
    return value


def _optional_text(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise MalformedRecord(f"{key!r} is not a string")
    return value.strip() if value else None


def _file_name(files: dict[str, Any], key: str) -> str | None:
    name = files.get(key)
    if name is None:
        return None
    # Names become URLs and paths: only plain names inside the folder are accepted.
    if not isinstance(name, str) or not name or name != Path(name).name or name.startswith("."):
        raise MalformedRecord(f"files.{key} is not a file name in the folder: {name!r}")
    return name


def _rendered_at(data: dict[str, Any]) -> datetime:
    rendered = _optional_text(data, "rendered_at")
    if rendered is None:
        raise MalformedRecord("'rendered_at' is missing")
    try:
        rendered_at = datetime.fromisoformat(rendered)
    except ValueError as error:
        raise MalformedRecord(f"'rendered_at' is not ISO 8601: {rendered!r}") from error
    return rendered_at if rendered_at.tzinfo else rendered_at.replace(tzinfo=UTC)


def _chapters(raw: Any) -> tuple[Chapter, ...]:
    if not isinstance(raw, list):
        raise MalformedRecord("'chapters' is not a list")
    chapters = []
    for item in raw:
        try:
            chapters.append(
                Chapter(
                    title=str(item["title"]),
                    start_ms=round(float(item["start"]) * 1000),
                    end_ms=round(float(item["end"]) * 1000),
                )
            )
        except (TypeError, KeyError, ValueError) as error:
            raise MalformedRecord(f"a chapter lacks title/start/end: {item!r}") from error
    return tuple(sorted(chapters, key=lambda c: c.start_ms))
