"""Writing one episode: its MP3 (Info frame, ID3 tags and chapters), the other audio format asked
for (M4B, M4A or WAV), chapters JSON, transcripts (WebVTT, JSON, SRT) and episode JSON.

Every file is written under a hidden temporary name and renamed once all are complete (the
episode JSON last, since the feed treats it as the mark of a finished episode), under a lock on
the output folder; on any failure or interruption the temporary files are removed and earlier
episode files stay as they were.
"""

from __future__ import annotations

import logging
import os
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from narrate.audio.encode import DECODER_DELAY_SAMPLES, ENCODER_DELAY_SAMPLES, Mp3Settings
from narrate.audio.formats import audible, write_aac, write_wav
from narrate.audio.mp3_info import write_with_info_frame
from narrate.errors import InputError, OutputError
from narrate.model import Episode, EpisodeAudio
from narrate.output.chapters import chapters_json, image_mime, tag_mp3, tag_mp4, webvtt
from narrate.output.cover import DEFAULT_TITLE, SIZE_PX, render_cover_jpeg
from narrate.output.folder_lock import folder_lock
from narrate.output.names import claim_slug
from narrate.output.record import EpisodeFiles, EpisodeRecord
from narrate.output.staging import Staging, remove_stale_parts
from narrate.output.transcripts import srt, transcript_json
from narrate.paths import os_reason
from narrate.rendering.cache import cache_key, open_cache

log = logging.getLogger(__name__)


def write_episode(
    episode: Episode,
    out_dir: Path,
    taken: set[str] | None = None,
    *,
    show: str | None = None,
    cover: Path | None = None,
    cache_dir: Path | None = None,
) -> EpisodeRecord:
    """Write ``episode``'s files into ``out_dir``; its record (what the episode JSON says).

    ``taken``: slugs this batch already wrote, which a later episode must not replace. ``show``
    names the podcast (the audio's album); ``cover`` is a PNG or JPEG to embed, else the cover
    a feed of that name generates (kept in ``cache_dir``, when there is one, so it is drawn once).
    """
    taken = set() if taken is None else taken
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{out_dir}: cannot create the output folder ({os_reason(out_dir, exc)})") from exc
    album = show or episode.site
    artist = episode.byline or episode.site or show
    art = _cover_image(cover, album or DEFAULT_TITLE, cache_dir)
    with folder_lock(out_dir):
        for stale in remove_stale_parts(out_dir):
            log.info("removed %s, left by an interrupted render", stale)
        record = _record(episode, out_dir, taken)
        _write_files(episode, record, out_dir, album=album, artist=artist, cover=art)
    taken.add(record.slug)
    log.info("wrote %s (%d s, %d chapters)", out_dir / record.files.audio, episode.duration_ms // 1000,
             len(episode.chapters))  # fmt: skip
    return record


def _record(episode: Episode, out_dir: Path, taken: set[str]) -> EpisodeRecord:
    """The episode's record. A new render of an article keeps the GUID and the first render time
    of its earlier record (podcast apps then see the same episode, corrected); its update time
    moves only when the text changed."""
    if episode.audio is None:
        raise OutputError(f"{episode.title}: the episode holds no audio to write")
    now = datetime.now(UTC).replace(microsecond=0)
    slug, earlier = claim_slug(episode.title, episode.source, episode.guid, out_dir, taken)
    guid, rendered_at, updated_at = episode.guid, now, now
    if earlier is not None:
        guid, rendered_at = earlier.guid, earlier.rendered_at
        if earlier.revision == episode.revision and earlier.updated_at is not None:
            updated_at = earlier.updated_at
    # The MP3 is always written (the feed publishes it unless told otherwise); --format adds one.
    formats = {kind: f"{slug}.{kind}" for kind in dict.fromkeys(("mp3", episode.audio.audio_format))}
    return EpisodeRecord(
        title=episode.title,
        byline=episode.byline,
        source=episode.source,
        slug=slug,
        guid=guid,
        description=episode.description,
        language=episode.language,
        date=episode.date,
        rendered_at=rendered_at,
        duration_s=episode.duration_ms / 1000,
        chapters=episode.chapters,
        files=EpisodeFiles(
            formats["mp3"],
            f"{slug}.chapters.json",
            f"{slug}.vtt",
            f"{slug}.transcript.json",
            f"{slug}.srt",
        ),
        formats=formats,
        revision=episode.revision,
        updated_at=updated_at,
    )


def _write_files(
    episode: Episode,
    record: EpisodeRecord,
    out_dir: Path,
    *,
    album: str | None,
    artist: str | None,
    cover: bytes,
) -> None:
    audio, files = episode.audio, record.files
    assert audio is not None and files.chapters and files.transcript
    assert files.transcript_json and files.transcript_srt
    date = episode.date or record.rendered_at.date().isoformat()
    staging = Staging(out_dir)
    try:
        mp3 = staging.new(record.formats["mp3"])
        tag_mp3(mp3, title=episode.title, artist=artist, album=album, date=date, chapters=episode.chapters,
                subchapters=episode.subchapters, cover=cover)  # fmt: skip
        _append_frames(mp3, audio)
        kind = audio.audio_format
        if kind != "mp3":
            path = staging.new(record.formats[kind])
            _write_pcm_format(path, episode, audio)
            if kind in ("m4b", "m4a"):
                tag_mp4(path, audiobook=kind == "m4b", title=episode.title, artist=artist, album=album,
                        date=date, cover=cover)  # fmt: skip
        staging.write_text(files.chapters, chapters_json(episode.chapters, episode.subchapters))
        staging.write_text(files.transcript, webvtt(episode.cues))
        staging.write_text(files.transcript_json, transcript_json(episode.cues))
        staging.write_text(files.transcript_srt, srt(episode.cues))
        staging.write_text(record.json_file, record.to_json())
        staging.commit()
    except OSError as exc:
        raise OutputError(f"{out_dir}: cannot write the episode files ({exc.strerror or exc})") from exc
    finally:
        staging.discard()


def _append_frames(path: Path, audio: EpisodeAudio) -> None:
    """The Info frame (frame and byte counts, seek table, LAME tag), then the chunks' frames,
    read block by block."""
    end = audio.total_samples if audio.end_sample is None else audio.end_sample
    padding = audio.total_samples - end + DECODER_DELAY_SAMPLES
    quality = Mp3Settings().quality  # informative only: the tag's quality field
    with path.open("r+b") as out:  # not "ab": appends ignore the seek back to the Info frame
        out.seek(0, os.SEEK_END)
        blocks = (block.read() for block in audio.frames)
        write_with_info_frame(
            out, blocks, encoder_delay=ENCODER_DELAY_SAMPLES, padding=padding, quality=quality
        )


def _write_pcm_format(path: Path, episode: Episode, audio: EpisodeAudio) -> None:
    """WAV, M4B or M4A from the chunks' PCM, cut to what gapless players play of the MP3."""
    if audio.pcm is None:
        raise OutputError(f"{episode.title}: rendered for MP3 only; render again for {audio.audio_format}")
    start = audio.start_sample
    end = audio.total_samples if audio.end_sample is None else audio.end_sample
    pcm = audible((block.read() for block in audio.pcm), start, end)
    if audio.audio_format == "wav":
        write_wav(path, pcm, end - start, audio.sample_rate_hz)
    else:
        write_aac(path, pcm, audio.sample_rate_hz, audiobook=audio.audio_format == "m4b",
                  chapters=episode.chapters)  # fmt: skip


def _cover_image(cover: Path | None, title: str, cache_dir: Path | None) -> bytes:
    """The cover to embed: the given image, else the one a feed titled ``title`` generates."""
    if cover is None:
        return _generated_cover(title, cache_dir)
    try:
        data = cover.read_bytes()
        image_mime(data)
    except (OSError, ValueError) as exc:
        raise InputError(f"{cover}: cannot use it as the cover ({exc})") from exc
    return data


@lru_cache(maxsize=8)
def _generated_cover(title: str, cache_dir: Path | None) -> bytes:
    cache = open_cache(cache_dir)
    key = cache_key(cover=title, size=SIZE_PX, format="jpeg")
    drawn = cache.get(key, ".jpg")
    if drawn is None:
        drawn = render_cover_jpeg(title)
        cache.put(key, drawn, ".jpg")
    return drawn
