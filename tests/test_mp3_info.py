"""The MP3's Info frame and LAME tag, read back by mutagen and decoded by ffmpeg."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest
from mutagen.mp3 import MP3, BitrateMode
from mutagen.mp3._util import XingHeader

from narrate.audio.encode import (
    DECODER_DELAY_SAMPLES,
    DECODER_LEAD_IN_FRAMES,
    ENCODER_DELAY_SAMPLES,
    Mp3Settings,
    count_mp3_frames,
    encode_mp3_chunk,
    ffmpeg_exe,
    frame_bytes,
    frame_header,
)
from narrate.audio.mp3_info import crc16, info_frame, write_with_info_frame

RATE = 22050


def _burst_pcm(silence_before: int, burst: int, silence_after: int) -> bytes:
    t = np.arange(burst) / RATE
    tone = (np.sin(2 * np.pi * 880 * t) * 20000).astype(np.int16)
    return np.concatenate(
        [np.zeros(silence_before, np.int16), tone, np.zeros(silence_after, np.int16)]
    ).tobytes()


def _decode(path: Path) -> tuple[np.ndarray, str]:
    run = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-i", str(path), "-f", "s16le", "-ac", "1", "-"],
        capture_output=True,
        check=True,
    )
    return np.frombuffer(run.stdout, np.int16), run.stderr.decode()


def _onsets(samples: np.ndarray) -> list[int]:
    loud = np.abs(samples.astype(np.int32)) > 2000
    starts = np.flatnonzero(loud[1:] & ~loud[:-1]) + 1
    return [int(s) for i, s in enumerate(starts) if i == 0 or s - starts[i - 1] > RATE // 4]


@pytest.fixture(scope="module")
def episode(tmp_path_factory) -> tuple[Path, bytes, int, list[int]]:
    """Two chunks joined as an episode's MP3 is: lead-in, audio and padding in each."""
    settings = Mp3Settings()
    first_pcm, second_pcm = _burst_pcm(3000, 4000, 9000), _burst_pcm(500, 6000, 2000)
    first, second = (encode_mp3_chunk(pcm, RATE, settings) for pcm in (first_pcm, second_pcm))
    frames = first + second
    first_total = count_mp3_frames(first) * settings.samples_per_frame
    total = count_mp3_frames(frames) * settings.samples_per_frame
    end = first_total + DECODER_LEAD_IN_FRAMES + len(second_pcm) // 2
    padding = total - end + DECODER_DELAY_SAMPLES
    path = tmp_path_factory.mktemp("mp3") / "episode.mp3"
    path.write_bytes(info_frame(frames, encoder_delay=ENCODER_DELAY_SAMPLES, padding=padding, quality=7))
    with path.open("ab") as out:
        out.write(frames)
    # Where the bursts fall on the played timeline (the first chunk's lead-in skipped).
    expected = [3000, first_total + 500]
    return path, frames, end - DECODER_LEAD_IN_FRAMES, expected


def test_mutagen_reads_the_info_frame_and_lame_tag(episode) -> None:
    path, frames, played, _ = episode
    info = MP3(path).info
    assert info.bitrate_mode == BitrateMode.CBR and info.bitrate == pytest.approx(48000, rel=1e-3)
    assert info.encoder_info.startswith("LAME 3.100") and info.encoder_settings == "-b 48"
    assert not info.sketchy
    assert info.length == pytest.approx(played / RATE, abs=1e-9)
    data = path.read_bytes()
    with path.open("rb") as handle:
        handle.seek(13)  # MPEG-2 mono: 4 header bytes, 9 of side information
        xing = XingHeader(handle)
    assert xing.is_info and xing.frames == count_mp3_frames(frames) and xing.bytes == len(data)
    assert xing.toc[0] == 0 and xing.toc == sorted(xing.toc) and xing.toc[-1] < 256
    lame = xing.lame_header
    assert lame is not None and lame.vbr_method == 1 and lame.bitrate == 48
    assert lame.encoder_delay_start == ENCODER_DELAY_SAMPLES
    assert lame.music_length == len(data) and lame.music_crc == crc16(frames)
    assert lame.header_crc == crc16(data[: 13 + 120 + 36 - 2])  # all of the frame before it


def test_ffmpeg_trusts_the_tag_and_plays_exactly_the_audio(episode) -> None:
    path, _, played, expected = episode
    samples, log = _decode(path)
    assert "Estimating duration from bitrate" not in log
    assert "encoder         : LAME3.100" in log  # ffmpeg keeps the tag only when its CRC holds
    assert len(samples) == played
    # The bursts sound where the timeline puts them (the MDCT smears an onset by a few samples).
    assert _onsets(samples) == pytest.approx(expected, abs=40)


@pytest.mark.parametrize(("kbps", "info_kbps"), [(32, 56), (48, 56), (56, 56), (96, 96)])
def test_the_info_frame_takes_the_lowest_bitrate_that_holds_the_tag(kbps: int, info_kbps: int) -> None:
    frames = encode_mp3_chunk(_burst_pcm(100, 2000, 100), RATE, Mp3Settings(bitrate_kbps=kbps))
    frame = info_frame(frames, encoder_delay=576, padding=1000, quality=7)
    version, bitrate, rate = frame_header(frame, 0)
    assert bitrate == info_kbps * 1000 and len(frame) == frame_bytes(version, bitrate, rate)


def test_crc16_is_the_arc_checksum() -> None:
    assert crc16(b"123456789") == 0xBB3D


def test_the_info_frame_written_block_by_block_is_the_same(tmp_path) -> None:
    settings = Mp3Settings()
    blocks = [encode_mp3_chunk(_burst_pcm(100, 3000 * n, 200), RATE, settings) for n in (1, 2, 3)]
    streamed = tmp_path / "streamed.mp3"
    streamed.write_bytes(b"ID3-stand-in")
    with streamed.open("r+b") as out:
        out.seek(0, 2)
        write_with_info_frame(out, iter(blocks), encoder_delay=576, padding=900, quality=7)
    joined = b"".join(blocks)
    expected = b"ID3-stand-in" + info_frame(joined, encoder_delay=576, padding=900, quality=7) + joined
    assert streamed.read_bytes() == expected
