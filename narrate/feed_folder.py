"""The published folder: the rendered episodes it holds, and atomic writes into it.

``narrate render`` leaves ``<slug>.json`` (episode metadata) beside each ``<slug>.mp3``; the feed and
the index page are both built from the episodes read here, newest first.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import mutagen
from mutagen import MutagenError

from narrate.errors import FeedError
from narrate.model import Chapter

log = logging.getLogger(__name__)

_NOT_EPISODES = (".chapters.json", ".transcript.json")
# The enclosure types podcast apps expect for what `narrate render --format` writes (AAC in MPEG-4
# is audio/mp4, RFC 4337; Apple takes it as .m4a, not as .m4b).
MIME_TYPES = {".mp3": "audio/mpeg", ".m4a": "audio/mp4", ".m4b": "audio/mp4", ".wav": "audio/wav"}
ENCLOSURE_FORMATS = ("mp3", "m4a")
_warned: set[tuple[object, ...]] = set()


def _warn_once(path: Path, message: str, *args: object) -> None:
    """Log a warning about a file once per state of the file (the feed and the page both read
    the folder; one broken file is one warning)."""
    try:
        stat = path.stat()
        state: tuple[object, ...] = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        state = ()
    key = (str(path.resolve()), *state, message, *args)
    if key not in _warned:
        _warned.add(key)
        log.warning(message, *args)


@dataclass(frozen=True)
class AudioFile:
    """One rendered audio file of an episode, measured on disk."""

    name: str
    size_bytes: int

    @property
    def format(self) -> str:
        return Path(self.name).suffix.lower().lstrip(".")

    @property
    def mime_type(self) -> str:
        return MIME_TYPES.get(Path(self.name).suffix.lower(), "audio/mpeg")


@dataclass(frozen=True)
class PublishedEpisode:
    """One rendered episode as found in the folder, with its audio measured on disk."""

    slug: str
    title: str
    byline: str | None
    description: str
    language: str
    guid: str
    published: datetime  # the article's own date when known, else the first render time
    rendered_at: datetime
    audio_file: str  # the enclosure: the MP3 unless another format was asked for
    audio_bytes: int
    duration_s: float
    chapters: tuple[Chapter, ...]
    chapters_file: str | None
    transcript_file: str | None  # WebVTT
    transcript_json_file: str | None = None  # Podcasting 2.0 JSON transcript
    alternates: tuple[AudioFile, ...] = ()  # the episode's other audio files

    @property
    def mime_type(self) -> str:
        return MIME_TYPES.get(Path(self.audio_file).suffix.lower(), "audio/mpeg")


class _Malformed(ValueError):
    """An episode JSON whose fields do not follow the render contract."""


def load_episodes(folder: Path, enclosure: str = "mp3") -> list[PublishedEpisode]:
    """Read every episode in ``folder``, newest first (by date, then title), each with its
    ``enclosure`` format's file as its audio when it has one, else its MP3.

    Broken or incomplete episodes are skipped with a warning so that one bad render does not
    take the whole feed down; a folder with no usable episode at all is a ``FeedError``.
    """
    if not folder.is_dir():
        raise FeedError(
            f"{folder} is not a folder: render episodes into it first (narrate render ARTICLE -o {folder})"
        )
    episodes = []
    for path in sorted(folder.glob("*.json")):
        if path.name.endswith(_NOT_EPISODES):
            continue
        episode = _read_episode(path, enclosure)
        if episode is not None:
            episodes.append(episode)
    if not episodes:
        raise FeedError(f"no rendered episodes in {folder}: run narrate render ARTICLE... -o {folder} first")
    episodes.sort(key=lambda e: (-e.published.timestamp(), e.title, e.guid))
    return _drop_repeated_guids(folder, episodes)


def write_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically; leave the file alone when it already holds ``data``.

    Leaving an unchanged file untouched keeps its mtime, so web servers keep answering
    conditional requests from podcast apps with 304.
    """
    try:
        if path.is_file() and path.read_bytes() == data:
            return
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
        # os.open with 0o666 lets the umask decide the mode, as for any new file: a web server
        # must be able to read what we publish (mkstemp would make it 0600).
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    except OSError as error:
        raise FeedError(f"cannot write {path}: {error.strerror or error}") from error


def _read_episode(path: Path, enclosure: str) -> PublishedEpisode | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        _warn_once(path, "skipping %s: not readable JSON (%s)", path.name, str(error))
        return None
    if not (isinstance(data, dict) and "guid" in data and "files" in data):
        log.debug("ignoring %s: not an episode", path.name)
        return None
    try:
        return _parse_episode(path, data, enclosure)
    except _Malformed as error:
        _warn_once(path, "skipping %s: %s", path.name, str(error))
        return None


def _audio_files(folder: Path, data: dict[str, Any], files: dict[str, Any]) -> dict[str, str]:
    """The episode's audio files by format (``formats``; older renders name one, files.audio)."""
    formats = data.get("formats")
    if formats is None:
        audio_file = _file_name(files, "audio")
        if audio_file is None:
            raise _Malformed("files.audio is missing")
        formats = {Path(audio_file).suffix.lower().lstrip("."): audio_file}
    if not isinstance(formats, dict) or not formats:
        raise _Malformed("'formats' is not an object naming the audio files")
    named = {str(kind): _file_name(formats, kind) for kind in formats}
    return {kind: name for kind, name in named.items() if name and (folder / name).is_file()}


def _parse_episode(path: Path, data: dict[str, Any], enclosure: str) -> PublishedEpisode | None:
    folder = path.parent
    files = data["files"]
    if not isinstance(files, dict):
        raise _Malformed("'files' is not an object")
    audio = _audio_files(folder, data, files)
    if not audio:
        _warn_once(path, "skipping %s: its audio file is missing", str(data.get("slug")))
        return None
    audio_file = audio.get(enclosure) or audio.get("mp3") or next(iter(audio.values()))
    if enclosure not in audio:
        _warn_once(path, "%s has no %s file: publishing %s", str(data.get("slug")), enclosure, audio_file)
    audio_path = folder / audio_file
    chapters = _chapters(data.get("chapters", []))
    rendered_at = _rendered_at(data)
    return PublishedEpisode(
        slug=_text(data, "slug"),
        title=_text(data, "title"),
        byline=_optional_text(data, "byline"),
        description=_optional_text(data, "description") or "",
        language=_optional_text(data, "language") or "en",
        guid=_text(data, "guid"),
        published=_published(path, data, rendered_at),
        rendered_at=rendered_at,
        audio_file=audio_file,
        audio_bytes=audio_path.stat().st_size,
        duration_s=_duration(audio_path, data),
        chapters=chapters,
        chapters_file=_existing(folder, _file_name(files, "chapters")),
        transcript_file=_existing(folder, _file_name(files, "transcript")),
        transcript_json_file=_existing(folder, _file_name(files, "transcript_json")),
        alternates=tuple(
            AudioFile(name, (folder / name).stat().st_size) for name in audio.values() if name != audio_file
        ),
    )


def _text(data: dict[str, Any], key: str) -> str:
    value = _optional_text(data, key)
    if not value:
        raise _Malformed(f"{key!r} is missing or empty")
    return value


def _optional_text(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise _Malformed(f"{key!r} is not a string")
    return value.strip() if value else None


def _file_name(files: dict[str, Any], key: str) -> str | None:
    name = files.get(key)
    if name is None:
        return None
    # Names become URLs and paths: only plain names inside the folder are accepted.
    if not isinstance(name, str) or not name or name != Path(name).name or name.startswith("."):
        raise _Malformed(f"files.{key} is not a file name in the folder: {name!r}")
    return name


def _existing(folder: Path, name: str | None) -> str | None:
    if name is not None and not (folder / name).is_file():
        _warn_once(folder / name, "%s is missing: its feed link is left out", name)
        return None
    return name


def _rendered_at(data: dict[str, Any]) -> datetime:
    rendered = _optional_text(data, "rendered_at")
    if rendered is None:
        raise _Malformed("'rendered_at' is missing")
    try:
        rendered_at = datetime.fromisoformat(rendered)
    except ValueError as error:
        raise _Malformed(f"'rendered_at' is not ISO 8601: {rendered!r}") from error
    return rendered_at if rendered_at.tzinfo else rendered_at.replace(tzinfo=UTC)


def _published(path: Path, data: dict[str, Any], rendered_at: datetime) -> datetime:
    article_date = _optional_text(data, "date")
    if article_date is None:
        return rendered_at
    try:
        day = date.fromisoformat(article_date)
    except ValueError:
        _warn_once(path, "%s: date %r is not YYYY-MM-DD; using the render time", str(data.get("slug")),
                   article_date)  # fmt: skip
        return rendered_at
    # Noon UTC falls on the same calendar day in almost every time zone, so apps show the
    # article's own date wherever the listener is.
    return datetime.combine(day, time(12), tzinfo=UTC)


def _duration(audio_path: Path, data: dict[str, Any]) -> float:
    """The audio's length as players measure it, falling back to the recorded one."""
    try:
        audio = mutagen.File(audio_path)
        info = audio.info if audio is not None else None
        if info is not None and info.length > 0:
            return float(info.length)
        problem = "no audio frames"
    except MutagenError as error:
        problem = str(error)
    recorded = data.get("duration")
    if not isinstance(recorded, (int, float)) or recorded <= 0:
        raise _Malformed(f"{audio_path.name} is not readable audio ({problem})")
    _warn_once(audio_path, "%s is not readable audio (%s); using its recorded duration",
               audio_path.name, problem)  # fmt: skip
    return float(recorded)


def _chapters(raw: Any) -> tuple[Chapter, ...]:
    if not isinstance(raw, list):
        raise _Malformed("'chapters' is not a list")
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
            raise _Malformed(f"a chapter lacks title/start/end: {item!r}") from error
    return tuple(sorted(chapters, key=lambda c: c.start_ms))


def _drop_repeated_guids(folder: Path, episodes: list[PublishedEpisode]) -> list[PublishedEpisode]:
    """Keep the newest episode of each GUID: apps treat a repeated GUID as one episode."""
    seen: set[str] = set()
    kept = []
    for episode in episodes:
        if episode.guid in seen:
            _warn_once(folder / f"{episode.slug}.json", "skipping %s: its GUID repeats a newer episode's",
                       episode.slug)  # fmt: skip
            continue
        seen.add(episode.guid)
        kept.append(episode)
    return kept
