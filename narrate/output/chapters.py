"""The episode's timeline as players read it: ID3 chapters, Podcasting 2.0 JSON and WebVTT."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from mutagen.id3 import CHAP, CTOC, ID3, TALB, TDRC, TIT2, TPE1, TSSE, CTOCFlags
from mutagen.id3._tags import save_frame  # mutagen's frame serializer; only the order is ours

from narrate.model import Chapter, Cue

_FIRST = ("TIT2", "TPE1", "TALB", "TDRC", "TSSE", "CTOC")


def _rank(frame: Any) -> tuple[int, int]:
    if frame.FrameID in _FIRST:
        return (_FIRST.index(frame.FrameID), 0)
    if frame.FrameID == "CHAP":
        return (len(_FIRST), frame.start_time)
    return (len(_FIRST) + 1, 0)


class _TimeOrderedID3(ID3):
    """ID3 that writes CHAP frames in time order.

    mutagen orders frames by size, and players such as AntennaPod read only the first chapter of a
    file whose CHAP frames are out of time order.
    """

    def _write(self, config: Any) -> bytearray:
        return bytearray().join(save_frame(f, config=config) for f in sorted(self.values(), key=_rank))


def tag_mp3(
    path: Path, *, title: str, artist: str, album: str, date: str, chapters: Sequence[Chapter]
) -> None:
    """Write ID3v2.3 tags with a CTOC and one titled CHAP per chapter (times in ms)."""
    tags = _TimeOrderedID3()
    tags.add(TIT2(encoding=3, text=title))
    tags.add(TPE1(encoding=3, text=artist))
    tags.add(TALB(encoding=3, text=album))
    tags.add(TDRC(encoding=3, text=date))
    tags.add(TSSE(encoding=3, text="narrate"))
    ids = [f"chp{i:03d}" for i in range(len(chapters))]
    tags.add(
        CTOC(
            element_id="toc",
            flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
            child_element_ids=ids,
            sub_frames=[TIT2(encoding=3, text="Chapters")],
        )
    )
    for element_id, chapter in zip(ids, chapters, strict=True):
        tags.add(
            CHAP(
                element_id=element_id,
                start_time=chapter.start_ms,
                end_time=chapter.end_ms,
                sub_frames=[TIT2(encoding=3, text=chapter.title)],
            )
        )
    tags.save(str(path), v2_version=3)


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
