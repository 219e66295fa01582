"""MP3 encoding through the ffmpeg that imageio-ffmpeg ships, in independently decodable chunks.

Each chunk is raw MP3 frames (no ID3, no Xing header), so chunks concatenate into one valid
constant-bitrate stream and an edited paragraph re-encodes only its own chunk. A chunk decodes to
exactly ``frames * samples_per_frame`` samples, its first ``DECODER_LEAD_IN_FRAMES`` being the
encoder's priming silence; chapter times are exact sums of these.
"""

from __future__ import annotations

import subprocess
import threading
from dataclasses import dataclass
from functools import cache

from narrate.errors import AudioError

# LAME's encoder delay (576) plus the decoder's (529): silence at the start of every chunk.
DECODER_LEAD_IN_FRAMES = 1105
# MPEG-1 layer III bitrates (kbps) by index; MPEG-2/2.5 (sample rates below 32 kHz) use the second row.
_BITRATES = (
    (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
)
_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}


@dataclass(frozen=True)
class Mp3Settings:
    bitrate_kbps: int = 48
    sample_rate_hz: int = 22050
    quality: int = 7  # LAME -q: 7 is fast and transparent enough for synthetic speech

    @property
    def samples_per_frame(self) -> int:
        return 1152 if self.sample_rate_hz >= 32000 else 576


@cache
def ffmpeg_exe() -> str:
    try:
        import imageio_ffmpeg

        return str(imageio_ffmpeg.get_ffmpeg_exe())
    except (ImportError, RuntimeError) as exc:
        raise AudioError(f"ffmpeg is not available ({exc}): reinstall narrate (make run)") from exc


def encode_mp3_chunk(pcm: bytes, sample_rate_hz: int, settings: Mp3Settings) -> bytes:
    """Raw MP3 frames for mono 16-bit PCM."""
    cmd = [
        ffmpeg_exe(),
        "-v",
        "error",
        "-nostdin",
        "-f",
        "s16le",
        "-ar",
        str(sample_rate_hz),
        "-ac",
        "1",
        "-i",
        "pipe:0",
        "-ar",
        str(settings.sample_rate_hz),
        "-ac",
        "1",
        "-c:a",
        "libmp3lame",
        "-b:a",
        f"{settings.bitrate_kbps}k",
        "-compression_level",
        str(settings.quality),
        "-write_xing",
        "0",
        "-id3v2_version",
        "0",
        "-write_id3v1",
        "0",
        "-f",
        "mp3",
        "pipe:1",
    ]
    # A writer thread feeds ffmpeg in large blocks; communicate() would poll in 4 KiB steps.
    try:
        process = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except OSError as exc:
        raise AudioError(f"ffmpeg could not start: {exc}") from exc
    assert process.stdin and process.stdout and process.stderr
    errors: list[bytes] = []
    reader = threading.Thread(target=lambda: errors.append(process.stderr.read()), daemon=True)  # type: ignore[union-attr]
    reader.start()

    def feed() -> None:
        try:
            process.stdin.write(pcm)  # type: ignore[union-attr]
            process.stdin.close()  # type: ignore[union-attr]
        except BrokenPipeError:
            pass  # ffmpeg stopped early; its exit status and stderr say why

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    encoded = process.stdout.read()
    writer.join()
    reader.join()
    if process.wait() != 0 or not encoded:
        message = b"".join(errors).decode(errors="replace").strip()[-300:]
        raise AudioError(f"ffmpeg failed to encode MP3: {message}")
    return encoded


def count_mp3_frames(data: bytes) -> int:
    """The number of MPEG audio frames in raw frame data; raises AudioError on a broken stream."""
    pos, frames = 0, 0
    while pos + 4 <= len(data):
        b1, b2 = data[pos + 1], data[pos + 2]
        if data[pos] != 0xFF or (b1 & 0xE0) != 0xE0:
            raise AudioError(f"MP3 stream broken at byte {pos}")
        version = (b1 >> 3) & 0x03
        bitrate = _BITRATES[0 if version == 3 else 1][b2 >> 4] * 1000
        rate = _RATES.get(version, (0, 0, 0))[(b2 >> 2) & 0x03] if (b2 >> 2) & 0x03 < 3 else 0
        if not bitrate or not rate:
            raise AudioError(f"MP3 stream has an invalid frame header at byte {pos}")
        padding = (b2 >> 1) & 0x01
        size = (144 if version == 3 else 72) * bitrate // rate + padding
        pos += size
        frames += 1
    return frames
