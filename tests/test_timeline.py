"""Where every sound lands: chunk planning, chapters on the timeline and transcript cues."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from narrate.assemble import NARRATOR, audible_span, chapters_on_timeline, cues_on_timeline
from narrate.audio.encode import DECODER_LEAD_IN_FRAMES
from narrate.model import Script, ScriptChapter, Segment
from narrate.rendering.chunks import ChunkLayout, RenderedChunk, closing_pause_samples
from narrate.rendering.plan import CHUNK_WORDS, plan_chunks, plan_tasks
from narrate.script import build_script, transcript_sentences

RATE = 22050
_WORD = re.compile(r"\w+")


def _segment(words: int, n: int, quote: bool) -> Segment:
    text = " ".join(f"w{n}x{i}" for i in range(words)) + ". Second sentence here."
    sentences = transcript_sentences(text)
    if quote:
        return Segment(text, text, "quote", "quote-f1", f"Speaker {n % 3}", 150, sentences)
    return Segment(text, text, "narration", "narrator", None, 150, sentences)


chapter_shapes = st.lists(
    st.lists(st.tuples(st.integers(1, 200), st.booleans()), min_size=1, max_size=8), min_size=1, max_size=6
)


def _script(shape) -> Script:
    counter = itertools.count()
    chapters = tuple(
        ScriptChapter(f"Chapter {c}", tuple(_segment(w, next(counter), q) for w, q in segments))
        for c, segments in enumerate(shape)
    )
    return Script("Title", chapters)


def _layouts(chunks, draw_lengths) -> list[RenderedChunk]:
    """Chunks laid out as render_chunk reports them: lead-in, then speech and pause per segment,
    frame-padded."""
    layouts = []
    for chunk in chunks:
        offsets, position = [], DECODER_LEAD_IN_FRAMES
        for n, segment in enumerate(chunk.segments, 1):
            speech = draw_lengths(segment)
            offsets.append((position, position + speech))
            pause = segment.pause_after_ms * RATE // 1000
            if n == len(chunk.segments):
                pause = closing_pause_samples(segment.pause_after_ms, RATE)
            position += speech + pause
        total = -(-position // 576) * 576 + 576
        layouts.append(RenderedChunk(chunk, ChunkLayout(total, tuple(offsets)), b""))
    return layouts


def _speech_samples(segment: Segment) -> int:
    return len(_WORD.findall(segment.text)) * RATE * 60 // 175


@settings(max_examples=60, deadline=None)
@given(chapter_shapes)
def test_plan_chunks_never_crosses_a_chapter_and_keeps_every_segment(shape):
    script = _script(shape)
    chunks = plan_chunks(script)
    for chunk in chunks:
        chapter = script.chapters[chunk.chapter_index]
        assert all(s in chapter.segments for s in chunk.segments)
        words = [len(_WORD.findall(s.text)) for s in chunk.segments]
        # A chunk closes as soon as it reaches CHUNK_WORDS.
        assert sum(words[:-1]) < CHUNK_WORDS
    # Every segment once, in script order, and chapters in order.
    assert [s for c in chunks for s in c.segments] == [s for ch in script.chapters for s in ch.segments]
    indexes = [c.chapter_index for c in chunks]
    assert indexes == sorted(indexes)
    assert set(indexes) == set(range(len(script.chapters)))


@settings(max_examples=60, deadline=None)
@given(chapter_shapes)
def test_chapters_contiguous_and_cover_the_total(shape):
    script = _script(shape)
    chunks = plan_chunks(script)
    layouts = _layouts(chunks, _speech_samples)
    chapters = chapters_on_timeline(script, layouts, RATE)
    assert [c.title for c in chapters] == [c.title for c in script.chapters]
    assert chapters[0].start_ms == 0
    assert all(a.end_ms == b.start_ms for a, b in itertools.pairwise(chapters))
    assert all(c.start_ms < c.end_ms for c in chapters)
    # Gapless players skip the first chunk's lead-in and the last chunk's encoder padding.
    span = audible_span(layouts, RATE)
    assert span.start == DECODER_LEAD_IN_FRAMES < span.end < span.total
    last = layouts[-1]
    played = span.total - DECODER_LEAD_IN_FRAMES - (last.layout.total_samples - last.layout.offsets[-1][1])
    pause = closing_pause_samples(last.plan.segments[-1].pause_after_ms, RATE)
    assert span.end - span.start == played + pause
    assert chapters[-1].end_ms == round((span.end - span.start) * 1000 / RATE)


@settings(max_examples=60, deadline=None)
@given(chapter_shapes)
def test_cues_within_their_segments_span(shape):
    script = _script(shape)
    chunks = plan_chunks(script)
    layouts = _layouts(chunks, _speech_samples)
    cues = cues_on_timeline(layouts, RATE)
    spans, position = [], -DECODER_LEAD_IN_FRAMES  # the played timeline starts after the lead-in
    for chunk in layouts:
        for segment, (a, b) in zip(chunk.plan.segments, chunk.layout.offsets, strict=True):
            spans.append((segment, (position + a) * 1000 / RATE, (position + b) * 1000 / RATE))
        position += chunk.layout.total_samples
    # Cues come in segment order; each segment's cues split its span between them.
    remaining = list(cues)
    for segment, start, end in spans:
        mine = [c for c in remaining if start - 1 <= c.start_ms and c.end_ms <= end + 1]
        assert mine, segment.text
        assert remaining[: len(mine)] == mine
        remaining = remaining[len(mine) :]
        assert " ".join(c.text for c in mine).split() == segment.display.split()
        expected = segment.speaker if segment.kind == "quote" else NARRATOR
        assert {c.speaker for c in mine} == {expected}
        assert mine[0].start_ms == round(start) and mine[-1].end_ms == round(end)
        assert all(a.end_ms == b.start_ms for a, b in itertools.pairwise(mine))
    assert not remaining
    assert all(a.start_ms <= a.end_ms <= b.start_ms for a, b in itertools.pairwise(cues))


def test_real_script_plan(article_txt, fake_voices):
    from narrate.clean import load_article

    script = build_script(load_article(str(article_txt)), fake_voices)
    chunks = plan_chunks(script)
    # The headline chapter (title, byline) is its own chunk; the body is split at CHUNK_WORDS.
    assert chunks[0].chapter_index == 0 and [s.kind for s in chunks[0].segments] == ["title", "byline"]
    assert len(chunks) >= 3
    layouts = _layouts(chunks, _speech_samples)
    cues = cues_on_timeline(layouts, RATE)
    speakers = {c.speaker for c in cues}
    assert speakers == {NARRATOR, "Ellen Brooks", "Tom Reyes"}


# Tasks for an executor that wants larger work units: (words of each chunk, words per task) -> tasks.
TASKS = [
    ([], 250, []),
    ([40, 35, 30], 250, [[0, 1, 2]]),  # a short article: one task
    ([100, 100, 50], 250, [[0, 1, 2]]),  # exactly the size of a task
    ([100, 100, 100], 250, [[0, 1], [2]]),  # two tasks, as even as whole chunks allow
    ([30] * 10, 100, [[0, 1, 2], [3, 4, 5, 6], [7, 8, 9]]),  # 300 words in three tasks of ~100
    ([20, 600, 20], 250, [[0], [1], [2]]),  # a chunk longer than a task is a task of its own
    ([600], 250, [[0]]),
]


@pytest.mark.parametrize(("words", "task_words", "tasks"), TASKS)
def test_plan_tasks(words: list[int], task_words: int, tasks: list[list[int]]) -> None:
    assert plan_tasks(words, task_words) == tasks


@given(st.lists(st.integers(1, 400), max_size=60), st.integers(1, 800))
def test_tasks_keep_every_chunk_in_order_in_as_few_tasks_as_fit(words: list[int], task_words: int) -> None:
    tasks = plan_tasks(words, task_words)
    assert [i for task in tasks for i in task] == list(range(len(words)))
    assert all(tasks)
    total = sum(words)
    assert len(tasks) <= max(1, -(-total // task_words))  # never more tasks than the words need
    if total <= task_words:
        assert len(tasks) == min(1, len(words))
    for task in tasks:  # a task passes its share by less than its longest chunk
        size, longest = sum(words[i] for i in task), max(words[i] for i in task)
        assert size < total / len(tasks) + longest or len(task) == 1
