"""Chunks: the units of rendering, cached and handed to workers on their own; and the tasks an
executor that wants larger work units (a cluster) gets them in.

A chunk is a run of consecutive segments inside one chapter, encoded on its own, so an edited
paragraph re-renders only its own chunk and chunks balance across workers.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from narrate.model import Script, Segment

CHUNK_WORDS = 30  # a paragraph or so: an edit re-renders little, and chunks balance across workers
_WORD = re.compile(r"\w+")


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


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
            words += count_words(segment.text)
            if words >= CHUNK_WORDS:
                chunks.append(ChunkPlan(index, tuple(run)))
                run, words = [], 0
        if run:
            chunks.append(ChunkPlan(index, tuple(run)))
    return chunks


def plan_tasks(chunk_words: Sequence[int], task_words: int) -> list[list[int]]:
    """The chunks (by index, in order) of each task, for chunks of ``chunk_words`` words and
    tasks of at most about ``task_words`` words.

    Chunks that fit in one task make one task (a short article goes whole); more are cut into
    as few tasks as fit, of about equal words, so no task of an article is a small remainder
    that leaves its worker idle early. A chunk longer than ``task_words`` is a task of its own.
    """
    total = sum(chunk_words)
    if not chunk_words:
        return []
    parts = max(1, math.ceil(total / max(1, task_words)))
    tasks: list[list[int]] = [[]]
    done = 0
    for index, words in enumerate(chunk_words):
        # Cut before this chunk when the task would pass its share of the words (by more than half
        # this chunk), so that each task ends as near its share as whole chunks allow.
        share = total * len(tasks) / parts
        if tasks[-1] and done + words / 2 > share and len(tasks) < parts:
            tasks.append([])
        tasks[-1].append(index)
        done += words
    return tasks
