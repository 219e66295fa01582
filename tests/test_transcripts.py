"""The Podcasting 2.0 JSON transcript and SRT, written from the cues the WebVTT has."""

from __future__ import annotations

import json

from narrate.model import Cue
from narrate.output.transcripts import srt, transcript_json

CUES = [
    Cue(0, 1500, "Narrator", "Harbor town votes."),
    Cue(1500, 3_725_042, "Narrator", "The  council\nmet."),
    Cue(3_725_042, 3_726_000, "Hong Min", 'We said "yes" & <meant> it.'),
    Cue(3_726_000, 3_727_000, "Narrator", "He said."),
]


def test_json_transcript_has_a_segment_per_cue() -> None:
    doc = json.loads(transcript_json(CUES))
    assert doc["version"] == "1.0.0"
    assert doc["segments"][1] == {"speaker": "Narrator", "startTime": 1.5, "endTime": 3725.042,
                                  "body": "The council met."}  # fmt: skip
    assert [s["speaker"] for s in doc["segments"]] == [c.speaker for c in CUES]
    assert doc["segments"][2]["body"] == 'We said "yes" & <meant> it.'  # JSON needs no escaping


def test_srt_numbers_cues_with_comma_times_and_names_each_change_of_speaker() -> None:
    assert srt(CUES).split("\n\n") == [
        "1\n00:00:00,000 --> 00:00:01,500\nNarrator: Harbor town votes.",
        "2\n00:00:01,500 --> 01:02:05,042\nThe council met.",
        '3\n01:02:05,042 --> 01:02:06,000\nHong Min: We said "yes" & <meant> it.',
        "4\n01:02:06,000 --> 01:02:07,000\nNarrator: He said.\n",
    ]


def test_no_cues_no_captions() -> None:
    assert srt([]) == "" and json.loads(transcript_json([]))["segments"] == []
