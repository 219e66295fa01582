"""The transcript as a page shows it: the episode's sentence cues in chapters and paragraphs.

The cues come from the episode's WebVTT file (one cue per sentence, ``<v Speaker>`` tagged). The
script leaves a paragraph's sentences back to back and puts a longer pause between paragraphs
than anywhere inside one, so a gap longer than any pause inside a paragraph starts a new one.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from narrate.model import Chapter

log = logging.getLogger(__name__)

NARRATOR = "Narrator"
# Between the longest pause the script leaves inside a paragraph (at a change of voice, 400 ms)
# and the one between paragraphs (750 ms); a test holds it there. Not imported from the script
# stage: publishing a folder need not load the text rules.
PARAGRAPH_GAP_S = 0.575

_TIMESTAMP = re.compile(r"(?:(\d+):)?(\d{2}):(\d{2})\.(\d{3})")
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?\s+([^>]*)>")
_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Cue:
    start_s: float
    end_s: float
    speaker: str
    text: str


@dataclass(frozen=True)
class Section:
    """A chapter's cues (title None for cues before the first chapter), paragraph by paragraph."""

    title: str | None
    paragraphs: tuple[tuple[Cue, ...], ...]


def sections(cues: Sequence[Cue], chapters: Sequence[Chapter]) -> list[Section]:
    """Cues under their chapters (a cue belongs to the last chapter started by its start)."""
    starts = [chapter.start_ms / 1000 for chapter in chapters]
    grouped: list[tuple[str | None, list[Cue]]] = [(None, [])]
    next_chapter = 0
    for cue in cues:
        while next_chapter < len(chapters) and cue.start_s >= starts[next_chapter] - 0.001:
            grouped.append((chapters[next_chapter].title, []))
            next_chapter += 1
        grouped[-1][1].append(cue)
    return [Section(title, _paragraphs(run)) for title, run in grouped if run]


def _paragraphs(cues: Sequence[Cue]) -> tuple[tuple[Cue, ...], ...]:
    paragraphs: list[list[Cue]] = []
    for cue in cues:
        if paragraphs and cue.start_s - paragraphs[-1][-1].end_s < PARAGRAPH_GAP_S:
            paragraphs[-1].append(cue)
        else:
            paragraphs.append([cue])
    return tuple(tuple(paragraph) for paragraph in paragraphs)


def read_cues(path: Path) -> list[Cue]:
    """The cues of a WebVTT file: times, ``<v>`` speaker and plain text."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        log.warning("transcript %s is unreadable (%s): left off the page", path.name, error)
        return []
    cues = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n")):
        lines = block.strip("\n").split("\n")
        timing = next((i for i, line in enumerate(lines) if "-->" in line), None)
        if timing is None:
            continue  # the WEBVTT header, NOTE, STYLE and REGION blocks
        start, _, end = lines[timing].partition("-->")
        start_s, end_s = _seconds(start), _seconds(end)
        payload = " ".join(line.strip() for line in lines[timing + 1 :])
        if start_s is None or end_s is None or not payload:
            continue
        voice = _VOICE.search(payload)
        cues.append(
            Cue(
                start_s=start_s,
                end_s=max(start_s, end_s),
                speaker=html.unescape(voice.group(1).strip()) if voice else NARRATOR,
                text=html.unescape(_TAG.sub("", payload)).strip(),
            )
        )
    return cues


def _seconds(timestamp: str) -> float | None:
    match = _TIMESTAMP.match(timestamp.strip())
    if match is None:
        return None
    hours, minutes, seconds, millis = (int(group or 0) for group in match.groups())
    return hours * 3600 + minutes * 60 + seconds + millis / 1000
