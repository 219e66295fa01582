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
    formats: tuple[tuple[str, str], ...] = ()  # every audio file by format, for download links

    @property
    def mime_type(self) -> str:
        return MIME_TYPES.get(Path(self.audio_file).suffix.lower(), "audio/mpeg")


def load_episodes(folder: Path, enclosure: str = "mp3") -> list[PublishedEpisode]:
    """Read every episode in ``folder``, newest first (by date, then title), each with its
    ``enclosure`` format's file as its audio when it has one, else its MP3.

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
        return _published_episode(path, EpisodeRecord.from_json(data), enclosure)
    except MalformedRecord as error:
        _warn_once(path, "skipping %s: %s", path.name, str(error))
        return None


def _published_episode(path: Path, record: EpisodeRecord, enclosure: str) -> PublishedEpisode | None:
    folder = path.parent
    audio = {kind: name for kind, name in record.formats.items() if (folder / name).is_file()}
    if not audio:
        _warn_once(path, "skipping %s: its audio file %s is missing", record.slug, record.files.audio)
        return None
    audio_file = audio.get(enclosure) or audio.get("mp3") or next(iter(audio.values()))
    if enclosure not in audio:
        _warn_once(path, "%s has no %s file: publishing %s", record.slug, enclosure, audio_file)
    audio_path = folder / audio_file
    return PublishedEpisode(
        slug=record.slug,
        title=record.title,
        byline=record.byline,
        description=record.description,
        language=record.language,
        guid=record.guid,
        published=_published(path, record),
        rendered_at=record.rendered_at,
        audio_file=audio_file,
        audio_bytes=audio_path.stat().st_size,
        duration_s=_duration(audio_path, record.duration_s),
        chapters=record.chapters,
        chapters_file=_existing(folder, record.files.chapters),
        transcript_file=_existing(folder, record.files.transcript),
        transcript_json_file=_existing(folder, record.files.transcript_json),
        alternates=tuple(
            AudioFile(name, (folder / name).stat().st_size) for name in audio.values() if name != audio_file
        ),
        formats=tuple(audio.items()),
    )


def _existing(folder: Path, name: str | None) -> str | None:
    if name is not None and not (folder / name).is_file():
        _warn_once(folder / name, "%s is missing: its feed link is left out", name)
        return None
    return name


def _published(path: Path, record: EpisodeRecord) -> datetime:
    if record.date is None:
        return record.rendered_at
    try:
        day = date.fromisoformat(record.date)
    except ValueError:
        _warn_once(path, "%s: date %r is not YYYY-MM-DD; using the render time", record.slug, record.date)
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
    _warn_once(audio_path, "%s is not readable audio (%s); using its recorded duration",
               audio_path.name, problem)  # fmt: skip
    return recorded_s


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
