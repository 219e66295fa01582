"""ID3 chapters on a real MP3, Podcasting 2.0 chapters JSON and the WebVTT transcript."""

from __future__ import annotations

import io
import itertools
import json
import struct

import numpy as np
import pytest
from conftest import parse_vtt
from mutagen.id3 import ID3, CTOCFlags, PictureType
from mutagen.mp3 import MP3
from PIL import Image

from narrate.audio.encode import Mp3Settings, count_mp3_frames, encode_mp3_chunk
from narrate.model import Chapter, Cue
from narrate.output.chapters import chapters_json, tag_mp3, webvtt
from narrate.output.cover import render_cover_jpeg

RATE = 22050
TITLES = [
    "Harbor town votes to rebuild its storm-battered seawall after a long winter of debate",
    "X",
    "Port Avery’s fishermen — and their café",
    "A middling chapter title",
    "Q",
    "The longest title of all, which goes on and on about the council, the grant, the dock and the "
    "public meeting at the town library next month",
]


@pytest.fixture(scope="module")
def mp3_frames() -> bytes:
    t = np.arange(RATE * 6) / RATE
    tone = (0.3 * np.sin(2 * np.pi * 220 * t) * 32767).astype("<i2").tobytes()
    return encode_mp3_chunk(tone, RATE, Mp3Settings())


def _chapters(total_ms: int, titles=TITLES) -> list[Chapter]:
    step = total_ms // len(titles)
    bounds = [i * step for i in range(len(titles))] + [total_ms]
    return [Chapter(title, bounds[i], bounds[i + 1]) for i, title in enumerate(titles)]


def _raw_frame_ids(path) -> list[tuple[str, bytes]]:
    """(frame id, body) of each ID3v2.3 frame in on-disk order, parsed without mutagen."""
    data = path.read_bytes()
    assert data[:3] == b"ID3" and data[3] == 3
    size = 0
    for byte in data[6:10]:
        size = (size << 7) | byte
    pos, end, frames = 10, 10 + size, []
    while pos + 10 <= end and data[pos : pos + 4] != b"\0\0\0\0":
        frame_id = data[pos : pos + 4].decode("ascii")
        (length,) = struct.unpack(">I", data[pos + 4 : pos + 8])  # v2.3: plain 32-bit sizes
        frames.append((frame_id, data[pos + 10 : pos + 10 + length]))
        pos += 10 + length
    return frames


@pytest.fixture
def tagged(tmp_path, mp3_frames):
    path = tmp_path / "episode.mp3"
    path.write_bytes(mp3_frames)
    total_ms = round(count_mp3_frames(mp3_frames) * 576 * 1000 / RATE)
    chapters = _chapters(total_ms)
    tag_mp3(path, title="Harbor town votes", artist="Maria Lopez", album="Harbor News", date="2025-03-09",
            chapters=chapters, cover=render_cover_jpeg("Harbor News"))  # fmt: skip
    return path, chapters


def _text(body: bytes) -> str:
    """A v2.3 text frame's value: ISO-8859-1 (encoding 0) or UTF-16 with a BOM (1), the only two."""
    assert body[0] in (0, 1)
    return body[1:].decode("latin-1" if body[0] == 0 else "utf-16").rstrip("\0")


# Frames ID3v2.4 added or renamed: a v2.3 reader does not know them.
_V24_ONLY = {"TDRC", "TDOR", "TDRL", "TDTG", "TIPL", "TMCL", "TMOO", "TPRO", "TSOA", "TSOP", "TSOT", "TSST"}


def test_only_id3v23_frames_with_date_genre_and_cover(tagged):
    path, _ = tagged
    raw = dict(_raw_frame_ids(path))
    assert not _V24_ONLY & raw.keys()
    assert _text(raw["TYER"]) == "2025" and _text(raw["TDAT"]) == "0903"  # DDMM
    assert _text(raw["TCON"]) == "Podcast" and _text(raw["TALB"]) == "Harbor News"
    # mutagen reads the date and the cover back (it merges TYER and TDAT into one date).
    tags = ID3(path)
    assert str(tags["TDRC"].text[0]) == "2025-03-09"
    (cover,) = tags.getall("APIC")
    assert cover.type == PictureType.COVER_FRONT and cover.mime == "image/jpeg"
    assert Image.open(io.BytesIO(cover.data)).size == (1400, 1400)
    # APIC comes after the chapters: readers that stop early still find them.
    order = [fid for fid, _ in _raw_frame_ids(path)]
    assert order.index("APIC") > max(i for i, fid in enumerate(order) if fid == "CHAP")


def test_unknown_credits_are_left_out_not_invented(tmp_path, mp3_frames):
    path = tmp_path / "episode.mp3"
    path.write_bytes(mp3_frames)
    tag_mp3(path, title="t", artist=None, album=None, date=None, chapters=[Chapter("Only", 0, 1000)])
    raw = dict(_raw_frame_ids(path))
    assert not {"TPE1", "TALB", "TYER", "TDAT", "APIC"} & raw.keys()
    assert _text(raw["TCON"]) == "Podcast"


def test_chap_frames_on_disk_in_time_order(tagged):
    path, chapters = tagged
    tags = ID3(path)
    assert tags.version == (2, 3, 0)
    chaps = tags.getall("CHAP")
    assert [c.start_time for c in chaps] == [c.start_ms for c in chapters]
    assert [c.end_time for c in chaps] == [c.end_ms for c in chapters]
    assert [c.sub_frames["TIT2"].text[0] for c in chaps] == TITLES
    # The same order read from the bytes, independently of mutagen's parser.
    raw = _raw_frame_ids(path)
    chap_ids = [body.split(b"\0", 1)[0].decode() for fid, body in raw if fid == "CHAP"]
    starts = [struct.unpack(">I", body.split(b"\0", 1)[1][:4])[0] for fid, body in raw if fid == "CHAP"]
    assert starts == sorted(starts) and len(starts) == len(TITLES)
    assert chap_ids == [c.element_id for c in chaps]
    # The table of contents comes before the chapters it lists.
    order = [fid for fid, _ in raw]
    assert order.index("CTOC") < order.index("CHAP")


def test_ctoc_lists_chapters_in_order(tagged):
    path, _ = tagged
    tags = ID3(path)
    (toc,) = tags.getall("CTOC")
    assert toc.flags & CTOCFlags.TOP_LEVEL and toc.flags & CTOCFlags.ORDERED
    assert list(toc.child_element_ids) == [c.element_id for c in tags.getall("CHAP")]


def test_tags_and_audio_survive(tagged, mp3_frames):
    path, chapters = tagged
    tags = ID3(path)
    assert tags["TIT2"].text == ["Harbor town votes"]
    assert tags["TPE1"].text == ["Maria Lopez"]
    assert str(tags["TDRC"].text[0]) == "2025-03-09"
    assert path.read_bytes().endswith(mp3_frames)
    info = MP3(path).info
    assert info.sample_rate == RATE and info.channels == 1
    assert abs(info.length * 1000 - chapters[-1].end_ms) < 100


def test_retagging_replaces_chapters(tagged):
    path, _ = tagged
    tag_mp3(path, title="t", artist="a", album="b", date="2025-01-01", chapters=[Chapter("Only", 0, 1000)])
    tags = ID3(path)
    assert [c.sub_frames["TIT2"].text[0] for c in tags.getall("CHAP")] == ["Only"]
    assert list(tags.getall("CTOC")[0].child_element_ids) == ["chp000"]


# --- chapters JSON ----------------------------------------------------------------------------


def test_chapters_json():
    chapters = _chapters(90_123)
    doc = json.loads(chapters_json(chapters))
    assert doc["version"] == "1.2.0"
    starts = [c["startTime"] for c in doc["chapters"]]
    assert starts == sorted(starts) and starts[0] == 0
    assert starts == [c.start_ms / 1000 for c in chapters]
    assert [c["title"] for c in doc["chapters"]] == TITLES


# --- WebVTT -----------------------------------------------------------------------------------


def test_webvtt_cues_voice_tagged_escaped_and_ordered():
    cues = [
        Cue(0, 2500, "Narrator", "Harbor town votes to rebuild its seawall"),
        Cue(2500, 4000, "Ellen Brooks", '"We cannot keep patching <this> wall & that one,"'),
        Cue(4400, 7000, "Narrator", "said Mayor Brooks,\nwho pushed for\tthe plan --> since the storm."),
        Cue(7000, 3_725_042, "Tom & <Jerry>", "Nobody asked us."),
    ]
    parsed = parse_vtt(webvtt(cues))
    assert [(a, b) for a, b, _, _ in parsed] == [(c.start_ms, c.end_ms) for c in cues]
    assert all(a < b for a, b, _, _ in parsed)
    assert all(p[1] <= q[0] for p, q in itertools.pairwise(parsed))
    assert [v for _, _, v, _ in parsed][:3] == ["Narrator", "Ellen Brooks", "Narrator"]
    assert parsed[3][2].startswith("Tom &")
    assert parsed[1][3] == '"We cannot keep patching <this> wall & that one,"'
    assert parsed[2][3] == "said Mayor Brooks, who pushed for the plan --> since the storm."
    assert "01:02:05.042" in webvtt(cues)


def test_webvtt_empty():
    assert parse_vtt(webvtt([])) == []
