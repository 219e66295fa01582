"""Encoding: MP3 chunks with LAME (lameenc), other formats through the ffmpeg of imageio-ffmpeg.

MP3 is made in independently decodable chunks: each is raw MP3 frames (no ID3, no Xing
header), so chunks concatenate into one valid constant-bitrate stream and an edited paragraph
re-encodes only its own chunk. A chunk decodes to exactly ``frames * samples_per_frame``
samples, its first ``DECODER_LEAD_IN_FRAMES`` being the encoder's priming silence; chapter times
are exact sums of these.
"""

from __future__ import annotations

import os
import subprocess
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from narrate.errors import AudioError

# LAME's encoder delay plus the decoder's: silence at the start of every chunk.
ENCODER_DELAY_SAMPLES = 576
DECODER_DELAY_SAMPLES = 529
DECODER_LEAD_IN_FRAMES = ENCODER_DELAY_SAMPLES + DECODER_DELAY_SAMPLES
# MPEG-1 layer III bitrates (kbps) by index; MPEG-2/2.5 (sample rates below 32 kHz) use the second row.
BITRATES_KBPS = (
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
    """The ffmpeg that imageio-ffmpeg ships.

    Its own lookup runs ``ffmpeg -version`` to validate the binary, which costs more than an
    edited paragraph's whole render; the shipped binary is taken directly when it is there.
    """
    try:
        import imageio_ffmpeg
    except ImportError as exc:
        raise AudioError("imageio-ffmpeg is not installed: reinstall narrate (make run)") from exc
    if "IMAGEIO_FFMPEG_EXE" not in os.environ:
        shipped = sorted((Path(imageio_ffmpeg.__file__).parent / "binaries").glob("ffmpeg-*"))
        if shipped and os.access(shipped[-1], os.X_OK):
            return str(shipped[-1])
    try:
        return str(imageio_ffmpeg.get_ffmpeg_exe())
    except RuntimeError as exc:
        raise AudioError(f"ffmpeg is not available ({exc}): reinstall narrate (make run)") from exc


def pcm_input_args(sample_rate_hz: int) -> list[str]:
    """ffmpeg arguments reading mono 16-bit PCM from standard input."""
    return ["-f", "s16le", "-ar", str(sample_rate_hz), "-ac", "1", "-i", "pipe:0"]


def run_ffmpeg(args: list[str], blocks: Iterable[bytes], what: str) -> bytes:
    """Run ffmpeg on PCM ``blocks`` fed to its standard input; its standard output.

    A writer thread feeds ffmpeg in large blocks (communicate() would poll in 4 KiB steps), so
    a long episode streams through without being held in memory; ffmpeg's stderr is kept for the
    error message.
    """
    try:
        process = subprocess.Popen(
            [ffmpeg_exe(), "-v", "error", "-nostdin", *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
    except OSError as exc:
        raise AudioError(f"ffmpeg could not start: {exc}") from exc
    stdin, stdout, stderr = process.stdin, process.stdout, process.stderr
    assert stdin and stdout and stderr
    errors: list[bytes] = []

    def feed() -> None:
        try:
            for block in blocks:
                stdin.write(block)
            stdin.close()
        except BrokenPipeError:
            pass  # ffmpeg stopped early; its exit status and stderr say why

    threads = [
        threading.Thread(target=feed, daemon=True),
        threading.Thread(target=lambda: errors.append(stderr.read()), daemon=True),
    ]
    for thread in threads:
        thread.start()
    output = stdout.read()
    for thread in threads:
        thread.join()
    if process.wait() != 0:
        message = b"".join(errors).decode(errors="replace").strip()[-300:]
        raise AudioError(f"ffmpeg failed to {what}: {message}")
    return output


def encode_mp3_chunk(pcm: bytes, sample_rate_hz: int, settings: Mp3Settings) -> bytes:
    """Raw MP3 frames (no ID3, no Xing header) for mono 16-bit PCM.

    LAME runs in this process (lameenc): a chunk is seconds of speech, and starting an ffmpeg
    for it took longer than the encode itself.
    """
    import lameenc

    encoder = lameenc.Encoder()
    try:
        encoder.set_bit_rate(settings.bitrate_kbps)
        encoder.set_in_sample_rate(sample_rate_hz)
        encoder.set_out_sample_rate(settings.sample_rate_hz)
        encoder.set_channels(1)
        encoder.set_quality(settings.quality)
        encoded = bytes(encoder.encode(pcm)) + bytes(encoder.flush())
    except RuntimeError as exc:
        raise AudioError(f"LAME could not encode MP3: {exc}") from exc
    if not encoded:
        raise AudioError("LAME wrote no MP3 frames")
    return encoded


def frame_header(data: bytes, pos: int) -> tuple[int, int, int]:
    """The MPEG version bits, bitrate (bit/s) and sample rate (Hz) of the frame header at ``pos``."""
    b1, b2 = data[pos + 1], data[pos + 2]
    if data[pos] != 0xFF or (b1 & 0xE0) != 0xE0:
        raise AudioError(f"MP3 stream broken at byte {pos}")
    version = (b1 >> 3) & 0x03
    bitrate = BITRATES_KBPS[0 if version == 3 else 1][b2 >> 4] * 1000
    rate = _RATES.get(version, (0, 0, 0))[(b2 >> 2) & 0x03] if (b2 >> 2) & 0x03 < 3 else 0
    if not bitrate or not rate:
        raise AudioError(f"MP3 stream has an invalid frame header at byte {pos}")
    return version, bitrate, rate


def frame_bytes(version: int, bitrate: int, sample_rate_hz: int, padding: int = 0) -> int:
    """The length of a layer III frame (MPEG-2 and 2.5 frames hold half the samples)."""
    return (144 if version == 3 else 72) * bitrate // sample_rate_hz + padding


def mp3_frame_lengths(data: bytes) -> list[int]:
    """The byte length of each MPEG audio frame in raw frame data; AudioError on a broken stream."""
    pos, lengths, end = 0, [], len(data)
    # a stream has few distinct headers (one bitrate, padding on or off): each is parsed once
    sizes: dict[int, int] = {}
    while pos + 4 <= end:
        header = data[pos + 1] << 8 | data[pos + 2] if data[pos] == 0xFF else -1
        size = sizes.get(header)
        if size is None:
            version, bitrate, rate = frame_header(data, pos)
            size = sizes[header] = frame_bytes(version, bitrate, rate, (data[pos + 2] >> 1) & 0x01)
        lengths.append(size)
        pos += size
    return lengths


def count_mp3_frames(data: bytes) -> int:
    """The number of MPEG audio frames in raw frame data; raises AudioError on a broken stream."""
    return len(mp3_frame_lengths(data))
