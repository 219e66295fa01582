"""Chunks: the units of rendering, cached and handed to workers on their own.

A chunk is a run of consecutive segments inside one chapter, encoded on its own, so an edited
paragraph re-renders only its own chunk and chunks balance across workers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from narrate.model import Script, Segment

CHUNK_WORDS = 30  # a paragraph or so: an edit re-renders little, and chunks balance across workers
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class ChunkPlan:
    chapter_index: int
    segments: tuple[Segment, ...]


def plan_chunks(script: Script) -> list[ChunkPlan]:
    chunks: list[ChunkPlan] = []
    for index, chapter in enumerate(script.chapters):
        run: list[Segment] = []
        words = 0
        for segment in chapter.segments:
            run.append(segment)
            words += len(_WORD.findall(segment.text))
            if words >= CHUNK_WORDS:
                chunks.append(ChunkPlan(index, tuple(run)))
                run, words = [], 0
        if run:
            chunks.append(ChunkPlan(index, tuple(run)))
    return chunks
