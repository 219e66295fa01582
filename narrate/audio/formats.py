"""Other audio formats than MP3: M4B (AAC with chapters) and WAV, on the MP3's exact timeline.

The MP3 is always built (chunks are cached as MP3 frames); these formats are made from the
chunks' PCM, laid out sample for sample as in the MP3 (each chunk's lead-in, pauses and padding
included), written block by block.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Sequence
from pathlib import Path

from narrate.audio.encode import pcm_input_args, run_ffmpeg
from narrate.model import Chapter

_SAMPLE_BYTES = 2


def write_wav(path: Path, pcm: Iterable[bytes], total_samples: int, sample_rate_hz: int) -> None:
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


def _ffmetadata(title: str, artist: str, chapters: Sequence[Chapter]) -> str:
    def escape(text: str) -> str:
        return "".join("\\" + c if c in "=;#\\\n" else c for c in text)

    lines = [";FFMETADATA1", f"title={escape(title)}", f"artist={escape(artist)}"]
    for chapter in chapters:
        lines += [
            "[CHAPTER]",
            "TIMEBASE=1/1000",
            f"START={chapter.start_ms}",
            f"END={chapter.end_ms}",
            f"title={escape(chapter.title)}",
        ]
    return "\n".join(lines) + "\n"


def write_m4b(
    path: Path,
    pcm: Iterable[bytes],
    sample_rate_hz: int,
    *,
    title: str,
    artist: str,
    chapters: Sequence[Chapter],
    bitrate_kbps: int = 64,
) -> None:
    """AAC in an MPEG-4 audiobook container with chapters, encoded by ffmpeg from streamed PCM."""
    meta = path.with_name(path.name + ".ffmeta")
    meta.write_text(_ffmetadata(title, artist, chapters), encoding="utf-8")
    args = [
        *pcm_input_args(sample_rate_hz),
        "-i", str(meta), "-map", "0:a", "-map_metadata", "1", "-map_chapters", "1",
        "-c:a", "aac", "-b:a", f"{bitrate_kbps}k", "-movflags", "+faststart", "-f", "ipod", "-y", str(path),
    ]  # fmt: skip
    try:
        run_ffmpeg(args, pcm, "write M4B")
    finally:
        meta.unlink(missing_ok=True)
