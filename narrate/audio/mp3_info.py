"""The MP3's first frame: a Xing "Info" header (frames, bytes, seek table) and the LAME tag.

Chunks are raw LAME frames without a header of their own (encode.py). When an episode's frames
are joined, this frame goes first, so that players know the exact length instead of estimating
it from the bitrate, seek through the table, and drop the encoder's delay and padding (gapless
playback: decoders skip ``encoder_delay + 529`` samples at the start and ``padding - 529`` at
the end). Decoders that know the tag skip the frame; older ones play it as 26 ms of silence.
Layout: the LAME "Info Tag" revision 1 (gabriel.mp3-tech.org/mp3infotag.html).
"""

from __future__ import annotations

import struct
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import BinaryIO

import fastcrc

from narrate.audio.encode import BITRATES_KBPS, frame_bytes, frame_header, mp3_frame_lengths
from narrate.errors import AudioError

# lameenc's LAME, as the nine characters the tag has room for.
ENCODER_VERSION = b"LAME3.100"
_XING_BYTES = 4 + 4 + 4 + 4 + 100 + 4  # "Info", flags, frames, bytes, seek table, quality
_LAME_BYTES = 36
_FLAGS = 0x0F  # frames, bytes, seek table and quality present
_CBR = 1  # the LAME tag's VBR-method nibble for constant bitrate
_MAX_PAD = 4095  # delay and padding are 12-bit fields


def crc16(data: bytes, initial: int = 0) -> int:
    """CRC-16/ARC (polynomial 0x8005, reflected), the checksum of the LAME tag, continued from
    ``initial``. In Rust (fastcrc): the music CRC covers every byte of the episode."""
    return int(fastcrc.crc16.arc(data, initial))


def _side_info_bytes(version: int, mono: bool) -> int:
    if version == 3:  # MPEG-1
        return 17 if mono else 32
    return 9 if mono else 17


@dataclass(frozen=True)
class _Layout:
    """Where the Info frame's fields go for a stream whose first frame header is ``header``."""

    header: int  # the Info frame's own header: the stream's, with the bitrate that holds the tag
    size: int  # the Info frame's length in bytes
    xing_at: int  # where "Info" starts in it
    bitrate: int  # the stream's bitrate, bit/s


def _layout(first_frame: bytes) -> _Layout:
    version, bitrate, rate = frame_header(first_frame, 0)
    header = int.from_bytes(first_frame[:4], "big")
    mono = (header >> 6) & 0x03 == 3
    xing_at = 4 + _side_info_bytes(version, mono)
    row = BITRATES_KBPS[0 if version == 3 else 1]
    index = next(
        (i for i, kbps in enumerate(row) if kbps * 1000 >= bitrate
         and frame_bytes(version, kbps * 1000, rate) >= xing_at + _XING_BYTES + _LAME_BYTES),
        None,
    )  # fmt: skip
    if index is None:
        raise AudioError("no MP3 bitrate holds the LAME tag at this sample rate")
    # The first frame's header with this bitrate, no CRC and no padding slot.
    own = (header & ~0xF200) | (index << 12) | 0x10000
    return _Layout(own, frame_bytes(version, row[index] * 1000, rate), xing_at, bitrate)


def _frame(
    layout: _Layout, lengths: Sequence[int], music_crc: int, delay: int, padding: int, quality: int
) -> bytes:
    total = layout.size + sum(lengths)
    starts = list(accumulate(lengths[:-1], initial=layout.size))
    # The byte offset (in 256ths of the file) of the frame playing at each percent of the time;
    # 0 % points at the Info frame itself, as LAME and ffmpeg write it.
    toc = bytes([0, *(min(255, starts[len(lengths) * i // 100] * 256 // total) for i in range(1, 100))])
    xing = b"Info" + struct.pack(">III", _FLAGS, len(lengths), total) + toc + struct.pack(">I", 100 - quality)
    lame = (
        ENCODER_VERSION
        + bytes([_CBR, 0])  # tag revision 0 and method; lowpass unknown
        + bytes(4 + 2 + 2)  # peak and ReplayGain unknown
        + bytes([0, min(255, layout.bitrate // 1000)])  # encoding flags and ATH type; bitrate
        + (delay << 12 | padding).to_bytes(3, "big")
        + bytes(4)  # source rate, stereo mode, noise shaping, MP3 gain, surround and preset: unset
        + struct.pack(">IH", total, music_crc)
    )
    body = layout.header.to_bytes(4, "big") + bytes(layout.xing_at - 4) + xing + lame
    body += struct.pack(">H", crc16(body))
    return body + bytes(layout.size - len(body))


def _check(encoder_delay: int, padding: int) -> None:
    if not 0 <= encoder_delay <= _MAX_PAD or not 0 <= padding <= _MAX_PAD:
        raise AudioError(f"encoder delay {encoder_delay} or padding {padding} does not fit the LAME tag")


def info_frame(frames: bytes, *, encoder_delay: int, padding: int, quality: int) -> bytes:
    """The Info frame for ``frames`` (the episode's joined audio frames, all of one bitrate).

    ``encoder_delay`` and ``padding`` are the samples before and after the audio proper, as LAME
    counts them; ``quality`` is LAME's -q. The frame takes the stream's bitrate, or the lowest
    that holds the tag when the stream's frames are too small (48 kbit/s at 22.05 kHz is).
    """
    _check(encoder_delay, padding)
    lengths = mp3_frame_lengths(frames)
    if not lengths:
        raise AudioError("no MP3 frames to describe")
    return _frame(_layout(frames), lengths, crc16(frames), encoder_delay, padding, quality)


def write_with_info_frame(
    out: BinaryIO, blocks: Iterable[bytes], *, encoder_delay: int, padding: int, quality: int
) -> None:
    """Write the Info frame and then ``blocks`` (whole MP3 frames each) at ``out``'s position,
    block by block: the frame is reserved first and filled in once every block is counted."""
    _check(encoder_delay, padding)
    at, layout, crc = out.tell(), None, 0
    lengths: array[int] = array("H")
    for block in blocks:
        if layout is None and block:
            layout = _layout(block)
            out.write(bytes(layout.size))
        lengths.extend(mp3_frame_lengths(block))
        crc = crc16(block, crc)
        out.write(block)
    if layout is None or not lengths:
        raise AudioError("no MP3 frames to describe")
    end = out.tell()
    out.seek(at)
    out.write(_frame(layout, lengths, crc, encoder_delay, padding, quality))
    out.seek(end)
