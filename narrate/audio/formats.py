"""Other audio formats than MP3: M4B and M4A (AAC with chapters) and WAV, on the MP3's timeline.

The MP3 is always built (chunks are cached as MP3 frames); these formats are made from the
chunks' PCM, laid out sample for sample as gapless players decode the MP3 (each chunk's lead-in,
pauses and padding included, the first lead-in and the last padding left out: ``audible``),
written block by block.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from narrate.audio.encode import pcm_input_args, run_ffmpeg
from narrate.model import Chapter

_SAMPLE_BYTES = 2


def audible(blocks: Iterable[bytes], start_sample: int, end_sample: int) -> Iterator[bytes]:
    """The samples [start, end) of PCM given in blocks (16-bit mono)."""
    position = 0
    for block in blocks:
        first, end = position, position + len(block) // _SAMPLE_BYTES
        position = end
        a, b = max(first, start_sample), min(end, end_sample)
        if a < b:
            yield block[(a - first) * _SAMPLE_BYTES : (b - first) * _SAMPLE_BYTES]


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
    pcm: Iterable[bytes],
    sample_rate_hz: int,
    *,
    audiobook: bool,
    chapters: Sequence[Chapter],
    bitrate_kbps: int = 64,
) -> None:
    """AAC in an MPEG-4 file with chapters, encoded by ffmpeg from streamed PCM: an audiobook
    (.m4b) has the M4B brand, a podcast file (.m4a) the M4A one. Tags are written after."""
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
