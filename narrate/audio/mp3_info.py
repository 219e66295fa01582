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
from itertools import accumulate

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


def crc16(data: bytes) -> int:
    """CRC-16/ARC (polynomial 0x8005, reflected), the checksum of the LAME tag. In Rust
    (fastcrc): the music CRC covers every byte of the episode, 22 MB for an hour."""
    return int(fastcrc.crc16.arc(data))


def _side_info_bytes(version: int, mono: bool) -> int:
    if version == 3:  # MPEG-1
        return 17 if mono else 32
    return 9 if mono else 17


def info_frame(frames: bytes, *, encoder_delay: int, padding: int, quality: int) -> bytes:
    """The Info frame for ``frames`` (the episode's joined audio frames, all of one bitrate).

    ``encoder_delay`` and ``padding`` are the samples before and after the audio proper, as LAME
    counts them; ``quality`` is LAME's -q. The frame takes the stream's bitrate, or the lowest
    that holds the tag when the stream's frames are too small (48 kbit/s at 22.05 kHz is).
    """
    if not 0 <= encoder_delay <= _MAX_PAD or not 0 <= padding <= _MAX_PAD:
        raise AudioError(f"encoder delay {encoder_delay} or padding {padding} does not fit the LAME tag")
    lengths = mp3_frame_lengths(frames)
    if not lengths:
        raise AudioError("no MP3 frames to describe")
    version, bitrate, rate = frame_header(frames, 0)
    header = int.from_bytes(frames[:4], "big")
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
    size = frame_bytes(version, row[index] * 1000, rate)
    # The first frame's header with this bitrate, no CRC and no padding slot.
    header = (header & ~0xF200) | (index << 12) | 0x10000
    total = size + len(frames)
    starts = list(accumulate(lengths[:-1], initial=size))
    # The byte offset (in 256ths of the file) of the frame playing at each percent of the time;
    # 0 % points at the Info frame itself, as LAME and ffmpeg write it.
    toc = bytes([0, *(min(255, starts[len(lengths) * i // 100] * 256 // total) for i in range(1, 100))])
    xing = b"Info" + struct.pack(">III", _FLAGS, len(lengths), total) + toc + struct.pack(">I", 100 - quality)
    lame = (
        ENCODER_VERSION
        + bytes([_CBR, 0])  # tag revision 0 and method; lowpass unknown
        + bytes(4 + 2 + 2)  # peak and ReplayGain unknown
        + bytes([0, min(255, bitrate // 1000)])  # encoding flags and ATH type; bitrate
        + (encoder_delay << 12 | padding).to_bytes(3, "big")
        + bytes(4)  # source rate, stereo mode, noise shaping, MP3 gain, surround and preset: unset
        + struct.pack(">IH", total, crc16(frames))
    )
    body = header.to_bytes(4, "big") + bytes(xing_at - 4) + xing + lame
    body += struct.pack(">H", crc16(body))
    return body + bytes(size - len(body))
