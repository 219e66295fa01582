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

import mutagen
from mutagen import MutagenError

from narrate.errors import FeedError
from narrate.model import Chapter
from narrate.output.record import EpisodeRecord, MalformedRecord
from narrate.paths import path_problem

log = logging.getLogger(__name__)

_CHAPTERS_SUFFIX = ".chapters.json"
# The enclosure types podcast apps expect for what `narrate render --format` writes.
MIME_TYPES = {".mp3": "audio/mpeg", ".m4b": "audio/x-m4a", ".m4a": "audio/x-m4a", ".wav": "audio/wav"}


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
    audio_file: str
    audio_bytes: int

    @property
    def mime_type(self) -> str:
        return MIME_TYPES.get(Path(self.audio_file).suffix.lower(), "audio/mpeg")

    duration_s: float
    chapters: tuple[Chapter, ...]
    chapters_file: str | None
    transcript_file: str | None


def load_episodes(folder: Path) -> list[PublishedEpisode]:
    """Read every episode in ``folder``, newest first (by date, then title).

    Broken or incomplete episodes are skipped with a warning so that one bad render does not
    take the whole feed down; a folder with no usable episode at all is a ``FeedError``.
    """
    if not folder.is_dir():
        why = path_problem(folder, want_folder=True) or "no such folder"
        raise FeedError(
            f"{folder}: {why} — render episodes into a folder first (narrate render ARTICLE -o DIR)"
        )
    episodes = []
    for path in sorted(folder.glob("*.json")):
        if path.name.endswith(_CHAPTERS_SUFFIX):
            continue
        episode = _read_episode(path)
        if episode is not None:
            episodes.append(episode)
    if not episodes:
        raise FeedError(f"no rendered episodes in {folder}: run narrate render ARTICLE... -o {folder} first")
    episodes.sort(key=lambda e: (-e.published.timestamp(), e.title, e.guid))
    return _drop_repeated_guids(episodes)


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


def _read_episode(path: Path) -> PublishedEpisode | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        log.warning("skipping %s: not readable JSON (%s)", path.name, error)
        return None
    if not (isinstance(data, dict) and "guid" in data and "files" in data):
        log.debug("ignoring %s: not an episode", path.name)
        return None
    try:
        return _published_episode(path.parent, EpisodeRecord.from_json(data))
    except MalformedRecord as error:
        log.warning("skipping %s: %s", path.name, error)
        return None


def _published_episode(folder: Path, record: EpisodeRecord) -> PublishedEpisode | None:
    audio_path = folder / record.files.audio
    if not audio_path.is_file():
        log.warning("skipping %s: its audio file %s is missing", record.slug, record.files.audio)
        return None
    return PublishedEpisode(
        slug=record.slug,
        title=record.title,
        byline=record.byline,
        description=record.description,
        language=record.language,
        guid=record.guid,
        published=_published(record),
        rendered_at=record.rendered_at,
        audio_file=record.files.audio,
        audio_bytes=audio_path.stat().st_size,
        duration_s=_duration(audio_path, record.duration_s),
        chapters=record.chapters,
        chapters_file=_existing(folder, record.files.chapters),
        transcript_file=_existing(folder, record.files.transcript),
    )


def _existing(folder: Path, name: str | None) -> str | None:
    if name is not None and not (folder / name).is_file():
        log.warning("%s is missing: its feed link is left out", name)
        return None
    return name


def _published(record: EpisodeRecord) -> datetime:
    if record.date is None:
        return record.rendered_at
    try:
        day = date.fromisoformat(record.date)
    except ValueError:
        log.warning("%s: date %r is not YYYY-MM-DD; using the render time", record.slug, record.date)
        return record.rendered_at
    # Noon UTC falls on the same calendar day in almost every time zone, so apps show the
    # article's own date wherever the listener is.
    return datetime.combine(day, time(12), tzinfo=UTC)


def _duration(audio_path: Path, recorded_s: float) -> float:
    """The audio's length as players measure it, falling back to the recorded one."""
    try:
        audio = mutagen.File(audio_path)
        info = audio.info if audio is not None else None
        if info is not None and info.length > 0:
            return float(info.length)
        problem = "no audio frames"
    except MutagenError as error:
        problem = str(error)
    if recorded_s <= 0:
        raise MalformedRecord(f"{audio_path.name} is not readable audio ({problem})")
    log.warning("%s is not readable audio (%s); using its recorded duration", audio_path.name, problem)
    return recorded_s


def _drop_repeated_guids(episodes: list[PublishedEpisode]) -> list[PublishedEpisode]:
    """Keep the newest episode of each GUID: apps treat a repeated GUID as one episode."""
    seen: set[str] = set()
    kept = []
    for episode in episodes:
        if episode.guid in seen:
            log.warning("skipping %s: its GUID repeats a newer episode's", episode.slug)
            continue
        seen.add(episode.guid)
        kept.append(episode)
    return kept
