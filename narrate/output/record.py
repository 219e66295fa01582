"""The episode JSON (``<slug>.json``): one record type that writes it and reads it back.

``narrate render`` writes it last, as the mark of a finished episode; the feed and the web page
read it. ``from_json`` accepts what ``to_json`` writes and refuses, with a reason, any field that
does not follow that shape (a hand-edited or foreign file).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from narrate.model import Chapter


class MalformedRecord(ValueError):
    """An episode JSON whose fields do not follow the render contract."""


@dataclass(frozen=True)
class EpisodeFiles:
    """Names (not paths) of an episode's files, beside its JSON in one folder."""

    audio: str  # the MP3 (older renders: the one audio file, in any format)
    chapters: str | None
    transcript: str | None  # WebVTT
    transcript_json: str | None = None  # Podcasting 2.0 JSON transcript
    transcript_srt: str | None = None  # SubRip captions


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
    rendered_at: datetime  # the first render of this article, kept by later renders
    duration_s: float
    chapters: tuple[Chapter, ...]
    files: EpisodeFiles
    formats: dict[str, str] = field(default_factory=dict)  # every audio file by format
    revision: str | None = None  # a digest of the text rendered
    updated_at: datetime | None = None  # the last render that changed the text

    def __post_init__(self) -> None:
        if not self.formats:  # older renders name one audio file
            object.__setattr__(self, "formats", {_format_of(self.files.audio): self.files.audio})

    @property
    def json_file(self) -> str:
        return f"{self.slug}.json"

    def file_names(self) -> list[str]:
        """Every file of the episode, the JSON last (the order `narrate render` prints them)."""
        files = self.files
        transcripts = [files.transcript, files.transcript_json, files.transcript_srt]
        names = [*self.formats.values(), files.chapters, *transcripts]
        return [name for name in dict.fromkeys(names) if name] + [self.json_file]

    def to_json(self) -> str:
        files = {
            "audio": self.files.audio,
            "chapters": self.files.chapters,
            "transcript": self.files.transcript,
            "transcript_json": self.files.transcript_json,
            "transcript_srt": self.files.transcript_srt,
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
            "revision": self.revision,
            "rendered_at": self.rendered_at.isoformat(),
            "updated_at": (self.updated_at or self.rendered_at).isoformat(),
            "duration": round(self.duration_s, 3),
            "chapters": [
                {"title": c.title, "start": round(c.start_ms / 1000, 3), "end": round(c.end_ms / 1000, 3)}
                for c in self.chapters
            ],
            "files": {key: name for key, name in files.items() if name is not None},
            "formats": self.formats,
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
            rendered_at=_time(data, "rendered_at"),
            duration_s=float(duration),
            chapters=_chapters(data.get("chapters", [])),
            files=EpisodeFiles(
                audio,
                _file_name(files, "chapters"),
                _file_name(files, "transcript"),
                _file_name(files, "transcript_json"),
                _file_name(files, "transcript_srt"),
            ),
            formats=_formats(data.get("formats")),
            revision=_optional_text(data, "revision"),
            updated_at=_time(data, "updated_at") if data.get("updated_at") is not None else None,
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


def _format_of(name: str) -> str:
    return Path(name).suffix.lower().lstrip(".")


def _formats(raw: Any) -> dict[str, str]:
    """The audio files by format; empty (the record names one, files.audio) when absent."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise MalformedRecord("'formats' is not an object naming the audio files")
    named = {str(kind): _file_name(raw, kind) for kind in raw}
    return {kind: name for kind, name in named.items() if name}


def _time(data: dict[str, Any], key: str) -> datetime:
    text = _optional_text(data, key)
    if text is None:
        raise MalformedRecord(f"{key!r} is missing")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as error:
        raise MalformedRecord(f"{key!r} is not ISO 8601: {text!r}") from error
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


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
