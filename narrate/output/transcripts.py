"""Transcripts besides WebVTT, from the same cues: the Podcasting 2.0 JSON transcript and SRT.

Podcast apps pick the format they read from the feed's ``podcast:transcript`` tags; every format
carries the same cues, so the speaker and times a listener sees do not depend on the app.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from narrate.model import Cue

JSON_TYPE = "application/json"
SRT_TYPE = "application/x-subrip"
_JSON_VERSION = "1.0.0"


def _seconds(ms: int) -> float:
    return round(ms / 1000, 3)


def _text(cue: Cue) -> str:
    return " ".join(cue.text.split())


def transcript_json(cues: Sequence[Cue]) -> str:
    """The Podcasting 2.0 JSON transcript: one segment per cue, times in seconds."""
    segments = [
        {
            "speaker": cue.speaker,
            "startTime": _seconds(cue.start_ms),
            "endTime": _seconds(cue.end_ms),
            "body": _text(cue),
        }
        for cue in cues
    ]
    return json.dumps({"version": _JSON_VERSION, "segments": segments}, ensure_ascii=False, indent=2) + "\n"


def _srt_time(ms: int) -> str:
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d},{millis:03d}"


def srt(cues: Sequence[Cue]) -> str:
    """SubRip captions. SRT has no voice tag: as in captions, "Name: " opens a change of speaker."""
    blocks, speaker = [], None
    for index, cue in enumerate(cues, start=1):
        text = _text(cue)
        if cue.speaker != speaker:
            text = f"{cue.speaker}: {text}"
            speaker = cue.speaker
        blocks.append(f"{index}\n{_srt_time(cue.start_ms)} --> {_srt_time(cue.end_ms)}\n{text}")
    return "\n\n".join(blocks) + "\n" if blocks else ""
