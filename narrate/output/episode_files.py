"""Writing one episode: its audio (MP3 with ID3 chapters, M4B or WAV), chapters JSON, WebVTT
and episode JSON.

Every file is written under a hidden temporary name and renamed once all are complete (the
episode JSON last, since the feed treats it as the mark of a finished episode), under a lock on
the output folder; on any failure or interruption the temporary files are removed and earlier
episode files stay as they were.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

from narrate.audio.formats import write_m4b, write_wav
from narrate.errors import OutputError
from narrate.model import Episode, EpisodeAudio
from narrate.output.chapters import chapters_json, tag_mp3, webvtt
from narrate.output.folder_lock import folder_lock
from narrate.output.names import claim_slug
from narrate.output.record import EpisodeFiles, EpisodeRecord
from narrate.output.staging import Staging, remove_stale_parts
from narrate.paths import os_reason

log = logging.getLogger(__name__)


def write_episode(episode: Episode, out_dir: Path, taken: set[str] | None = None) -> EpisodeRecord:
    """Write ``episode``'s files into ``out_dir``; its record (what the episode JSON says).

    ``taken``: slugs this batch already wrote, which a later episode must not replace.
    """
    taken = set() if taken is None else taken
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{out_dir}: cannot create the output folder ({os_reason(out_dir, exc)})") from exc
    with folder_lock(out_dir):
        for stale in remove_stale_parts(out_dir):
            log.info("removed %s, left by an interrupted render", stale)
        record = _record(episode, out_dir, taken)
        _write_files(episode, record, out_dir)
    taken.add(record.slug)
    log.info("wrote %s (%d s, %d chapters)", out_dir / record.files.audio, episode.duration_ms // 1000,
             len(episode.chapters))  # fmt: skip
    return record


def _record(episode: Episode, out_dir: Path, taken: set[str]) -> EpisodeRecord:
    if episode.audio is None:
        raise OutputError(f"{episode.title}: the episode holds no audio to write")
    now = datetime.now(UTC).replace(microsecond=0)
    slug, first_render = claim_slug(episode.title, episode.source, episode.guid, out_dir, taken)
    return EpisodeRecord(
        title=episode.title,
        byline=episode.byline,
        source=episode.source,
        slug=slug,
        guid=episode.guid,
        description=episode.description,
        language=episode.language,
        date=episode.date,
        rendered_at=first_render or now,
        duration_s=episode.duration_ms / 1000,
        chapters=episode.chapters,
        files=EpisodeFiles(f"{slug}.{episode.audio.audio_format}", f"{slug}.chapters.json", f"{slug}.vtt"),
    )


def _write_files(episode: Episode, record: EpisodeRecord, out_dir: Path) -> None:
    assert episode.audio is not None and record.files.chapters and record.files.transcript
    staging = Staging(out_dir)
    try:
        _write_audio(staging.new(record.files.audio), episode, episode.audio)
        staging.write_text(record.files.chapters, chapters_json(episode.chapters, episode.subchapters))
        staging.write_text(record.files.transcript, webvtt(episode.cues))
        staging.write_text(record.json_file, record.to_json())
        staging.commit()
    except OSError as exc:
        raise OutputError(f"{out_dir}: cannot write the episode files ({exc.strerror or exc})") from exc
    finally:
        staging.discard()


def _write_audio(path: Path, episode: Episode, audio: EpisodeAudio) -> None:
    artist = episode.byline or "narrate"
    if audio.audio_format == "mp3":
        date = episode.date or datetime.now(UTC).date().isoformat()
        tag_mp3(
            path, title=episode.title, artist=artist, album="narrate", date=date, chapters=episode.chapters
        )
        with path.open("ab") as out:
            for block in audio.frames:
                out.write(block.read())
        return
    pcm = audio.pcm
    if pcm is None:
        raise OutputError(f"{episode.title}: rendered for MP3 only; render again for {audio.audio_format}")
    if audio.audio_format == "wav":
        write_wav(path, (block.read() for block in pcm), audio.total_samples, audio.sample_rate_hz)
    else:
        blocks = (block.read() for block in pcm)
        write_m4b(
            path, blocks, audio.sample_rate_hz, title=episode.title, artist=artist, chapters=episode.chapters
        )
