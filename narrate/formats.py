"""Other audio formats than MP3: M4B and M4A (AAC with chapters) and WAV, on the MP3's timeline.

The MP3 is always built (chunks are cached as MP3 frames); these formats are made from the
cached, normalised segments laid out sample for sample as gapless players decode the MP3 (each
chunk's lead-in, pauses and padding included, the first lead-in and the last padding left out),
streamed so memory does not grow with the episode's length.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator, Sequence
from pathlib import Path

from narrate.cache import Cache
from narrate.chapters import GENRE, image_mime
from narrate.chunks import ChunkJob, segment_key
from narrate.encode import pcm_input_args, run_ffmpeg
from narrate.errors import AudioError
from narrate.model import Chapter
from narrate.timeline import AudibleSpan, ChunkLayout

_SAMPLE_BYTES = 2
_AUDIOBOOK_KIND = 2  # iTunes media kind (stik): 2 is Audiobook


def timeline_pcm(
    jobs: Sequence[ChunkJob], layouts: Sequence[ChunkLayout], cache: Cache, span: AudibleSpan
) -> Iterator[bytes]:
    """The episode's PCM, one chunk at a time, sample for sample as gapless players decode the MP3."""
    position = 0
    for block in _joined_pcm(jobs, layouts, cache):
        first, end = position, position + len(block) // _SAMPLE_BYTES
        position = end
        a, b = max(first, span.start), min(end, span.end)
        if a < b:
            yield block[(a - first) * _SAMPLE_BYTES : (b - first) * _SAMPLE_BYTES]


def _joined_pcm(jobs: Sequence[ChunkJob], layouts: Sequence[ChunkLayout], cache: Cache) -> Iterator[bytes]:
    for job, layout in zip(jobs, layouts, strict=True):
        written = 0
        for segment, (start, end) in zip(job.segments, layout.offsets, strict=True):
            samples = cache.get(segment_key(segment, job.target_lufs, job.ceiling_dbfs))
            if samples is None or len(samples) != (end - start) * _SAMPLE_BYTES:
                raise AudioError("a cached segment vanished during the render; render again")
            yield bytes((start - written) * _SAMPLE_BYTES)
            yield samples
            written = end
        yield bytes((layout.total_samples - written) * _SAMPLE_BYTES)


def write_wav(path: Path, pcm: Iterator[bytes], total_samples: int, sample_rate_hz: int) -> None:
    data_bytes = total_samples * _SAMPLE_BYTES
    header = b"RIFF" + struct.pack("<I", 36 + data_bytes) + b"WAVE"
    header += b"fmt " + struct.pack(
        "<IHHIIHH", 16, 1, 1, sample_rate_hz, sample_rate_hz * _SAMPLE_BYTES, 2, 16
    )
    header += b"data" + struct.pack("<I", data_bytes)
    with path.open("wb") as out:
        out.write(header)
        for block in pcm:
            out.write(block)


def _ffmetadata(chapters: Sequence[Chapter]) -> str:
    def escape(text: str) -> str:
        return "".join("\\" + c if c in "=;#\\\n" else c for c in text)

    lines = [";FFMETADATA1"]
    for chapter in chapters:
        lines += [
            "[CHAPTER]",
            "TIMEBASE=1/1000",
            f"START={chapter.start_ms}",
            f"END={chapter.end_ms}",
            f"title={escape(chapter.title)}",
        ]
    return "\n".join(lines) + "\n"


def write_aac(
    path: Path,
    pcm: Iterator[bytes],
    sample_rate_hz: int,
    *,
    audiobook: bool,
    title: str,
    artist: str | None,
    album: str | None,
    date: str | None,
    chapters: Sequence[Chapter],
    cover: bytes | None,
    bitrate_kbps: int = 64,
) -> None:
    """AAC in an MPEG-4 file with chapters, encoded by ffmpeg from streamed PCM, then tagged.

    An audiobook (.m4b) gets the M4B brand and Apple's audiobook media kind; a podcast file
    (.m4a) keeps the M4A brand. Both carry the cover.
    """
    meta = path.with_name(path.name + ".ffmeta")
    meta.write_text(_ffmetadata(chapters), encoding="utf-8")
    args = [
        *pcm_input_args(sample_rate_hz),
        "-i", str(meta), "-map", "0:a", "-map_metadata", "1", "-map_chapters", "1",
        "-c:a", "aac", "-b:a", f"{bitrate_kbps}k", "-movflags", "+faststart",
        "-f", "ipod", "-brand", "M4B " if audiobook else "M4A ", "-y", str(path),
    ]  # fmt: skip
    try:
        run_ffmpeg(args, pcm, "write AAC")
    finally:
        meta.unlink(missing_ok=True)
    _tag_mp4(path, audiobook=audiobook, title=title, artist=artist, album=album, date=date, cover=cover)


def _tag_mp4(
    path: Path,
    *,
    audiobook: bool,
    title: str,
    artist: str | None,
    album: str | None,
    date: str | None,
    cover: bytes | None,
) -> None:
    from mutagen.mp4 import MP4, MP4Cover

    audio = MP4(path)
    if audio.tags is None:
        audio.add_tags()
    tags = audio.tags
    assert tags is not None
    tags["\xa9nam"] = [title]
    tags["\xa9gen"] = [GENRE]
    if artist:
        tags["\xa9ART"] = [artist]
    if album:
        tags["\xa9alb"] = [album]
    if date:
        tags["\xa9day"] = [date]
    if audiobook:
        tags["stik"] = [_AUDIOBOOK_KIND]
    if cover:
        png = image_mime(cover) == "image/png"
        tags["covr"] = [MP4Cover(cover, MP4Cover.FORMAT_PNG if png else MP4Cover.FORMAT_JPEG)]
    audio.save()
