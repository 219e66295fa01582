"""The episode's tags and timeline as players read them: ID3 (and MPEG-4) tags with chapters,
Podcasting 2.0 chapters JSON and WebVTT."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from mutagen.id3 import (
    APIC,
    CHAP,
    CTOC,
    ID3,
    TALB,
    TCON,
    TDAT,
    TIT2,
    TPE1,
    TSSE,
    TYER,
    CTOCFlags,
    PictureType,
)
from mutagen.id3._tags import save_frame  # mutagen's frame serializer; only the order is ours

from narrate.model import Chapter, Cue

# ID3v2.3 frames only: TDRC (recording time) exists in v2.4 alone, so a v2.3 reader sees no date
# there; v2.3 spells the date as TYER (YYYY) and TDAT (DDMM). APIC (the cover) goes last.
_FIRST = ("TIT2", "TPE1", "TALB", "TYER", "TDAT", "TCON", "TSSE", "CTOC")
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
GENRE = "Podcast"


def _rank(frame: Any) -> tuple[int, int]:
    if frame.FrameID in _FIRST:
        return (_FIRST.index(frame.FrameID), 0)
    if frame.FrameID == "CHAP":
        return (len(_FIRST), frame.start_time)
    return (len(_FIRST) + (2 if frame.FrameID == "APIC" else 1), 0)


class _TimeOrderedID3(ID3):
    """ID3 that writes CHAP frames in time order.

    mutagen orders frames by size, and players such as AntennaPod read only the first chapter of a
    file whose CHAP frames are out of time order.
    """

    def _write(self, config: Any) -> bytearray:
        return bytearray().join(save_frame(f, config=config) for f in sorted(self.values(), key=_rank))


def image_mime(data: bytes) -> str:
    """The MIME type of a PNG or JPEG image, by its signature."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    raise ValueError("the cover is neither PNG nor JPEG")


def tag_mp3(
    path: Path,
    *,
    title: str,
    artist: str | None,
    album: str | None,
    date: str | None,
    chapters: Sequence[Chapter],
    subchapters: Sequence[Chapter] = (),
    cover: bytes | None = None,
) -> None:
    """Write ID3v2.3 tags: title, artist and album (when known), the date (YYYY-MM-DD) as TYER and
    TDAT, genre Podcast, the cover (PNG or JPEG) as APIC, and one titled CHAP per chapter (times
    in ms) with a CTOC listing them. Sub-chapters (a briefing's articles' own chapters) get CHAP
    frames that no CTOC lists: players that read the frames show them on the timeline, players
    that read the table of contents do not, like ``"toc": false`` in the chapters JSON."""
    tags = _TimeOrderedID3()
    tags.add(TIT2(encoding=3, text=title))
    if artist:
        tags.add(TPE1(encoding=3, text=artist))
    if album:
        tags.add(TALB(encoding=3, text=album))
    day = _DATE.fullmatch(date or "")
    if day:
        year, month, mday = day.groups()
        tags.add(TYER(encoding=3, text=year))
        tags.add(TDAT(encoding=3, text=mday + month))
    tags.add(TCON(encoding=3, text=GENRE))
    tags.add(TSSE(encoding=3, text="narrate"))
    if cover:
        tags.add(APIC(encoding=3, mime=image_mime(cover), type=PictureType.COVER_FRONT, desc="", data=cover))
    ids = [f"chp{i:03d}" for i in range(len(chapters))]
    tags.add(
        CTOC(
            element_id="toc",
            flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
            child_element_ids=ids,
            sub_frames=[TIT2(encoding=3, text="Chapters")],
        )
    )
    listed = list(zip(ids, chapters, strict=True))
    hidden = [(f"sub{i:03d}", chapter) for i, chapter in enumerate(subchapters)]
    for element_id, chapter in listed + hidden:
        tags.add(
            CHAP(
                element_id=element_id,
                start_time=chapter.start_ms,
                end_time=chapter.end_ms,
                sub_frames=[TIT2(encoding=3, text=chapter.title)],
            )
        )
    tags.save(str(path), v2_version=3)


_AUDIOBOOK_KIND = 2  # iTunes media kind (stik): 2 is Audiobook


def tag_mp4(
    path: Path,
    *,
    audiobook: bool,
    title: str,
    artist: str | None,
    album: str | None,
    date: str | None,
    cover: bytes | None,
) -> None:
    """Tag an M4B or M4A (its chapters are written with the audio): title, artist and album when
    known, date, genre Podcast, the cover, and for an audiobook Apple's media kind."""
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


def chapters_json(chapters: Sequence[Chapter], subchapters: Sequence[Chapter] = ()) -> str:
    """Podcasting 2.0 chapters (application/json+chapters), start times in seconds.

    Sub-chapters (a briefing's articles' own chapters) follow their chapter with ``"toc": false``,
    which players show as marks on the timeline but not in the table of contents.
    """
    entries: list[tuple[int, int, dict[str, Any]]] = [
        (c.start_ms, 0, {"startTime": round(c.start_ms / 1000, 3), "title": c.title}) for c in chapters
    ]
    entries += [
        (c.start_ms, 1, {"startTime": round(c.start_ms / 1000, 3), "title": c.title, "toc": False})
        for c in subchapters
    ]
    doc = {"version": "1.2.0", "chapters": [entry for _, _, entry in sorted(entries, key=lambda e: e[:2])]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _timestamp(ms: int) -> str:
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def webvtt(cues: Sequence[Cue]) -> str:
    """A WebVTT transcript whose every cue names its voice (``<v Narrator>``, ``<v Hong Min>``)."""
    blocks = ["WEBVTT"]
    for index, cue in enumerate(cues, start=1):
        speaker = _escape(cue.speaker.replace(">", " "))
        text = " ".join(cue.text.split())
        blocks.append(
            f"{index}\n{_timestamp(cue.start_ms)} --> {_timestamp(cue.end_ms)}\n<v {speaker}>{_escape(text)}"
        )
    return "\n\n".join(blocks) + "\n"
