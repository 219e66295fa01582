"""Scripts -> rendered chunks: the render stage.

Each script is cut into chunks (plan.py) that an executor renders (executor.py: inline, the
local worker processes of workers.py, one engine each, or Ray tasks); finished segments and
chunks live in a content-addressed cache (cache.py), so an edited paragraph re-renders only its
own chunk. An executor that wants larger work units (``task_words``) gets a script's chunks in
tasks of about that many words. A script's chunks are handed back, in order, as soon as its last
one is done.
"""

from __future__ import annotations

import concurrent.futures as futures
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from narrate.errors import EngineError, OutputError
from narrate.model import Script
from narrate.options import RenderOptions
from narrate.paths import os_reason
from narrate.rendering.cache import Cache, open_cache
from narrate.rendering.chunks import ChunkAudio, ChunkJob, RenderedChunk, SegmentJob, cached_chunk, chunk_key
from narrate.rendering.executor import ChunkCrashed, ChunkExecutor, InlineExecutor
from narrate.rendering.plan import ChunkPlan, count_words, plan_chunks, plan_tasks
from narrate.rendering.workers import finished, result_of, wait_any
from narrate.voices import VoiceSet

__all__ = ["ChunkExecutor", "InlineExecutor", "OnFailure", "Progress", "RenderedChunk", "render_chunks"]

log = logging.getLogger(__name__)
MAX_CRASHES = 2  # a chunk whose worker died once is tried again; twice, it is reported
WORDS_SHOWN = 8  # words of the paragraph a crash names
Progress = Callable[[int, int], None]
# Told of a script whose render failed (its index, the script, the error); the others go on.
OnFailure = Callable[[int, Script, Exception], None]


def _open_cache(options: RenderOptions) -> Cache:
    if options.cache_dir is not None:
        try:
            options.cache_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(
                f"{options.cache_dir}: cannot create the cache folder ({os_reason(options.cache_dir, exc)})"
            ) from exc
    return open_cache(options.cache_dir)


def _jobs_for(plans: list[ChunkPlan], voices: VoiceSet, options: RenderOptions) -> list[ChunkJob]:
    jobs = []
    for plan in plans:
        segments = tuple(
            SegmentJob(s.text, s.display, voices.by_name(s.voice), s.pause_after_ms) for s in plan.segments
        )
        key = chunk_key(segments, options.target_lufs, options.ceiling_dbfs, options.mp3)
        jobs.append(
            ChunkJob(key, segments, options.cache_dir, options.target_lufs, options.ceiling_dbfs, options.mp3,
                     keep_pcm=options.audio_format != "mp3")
        )  # fmt: skip
    return jobs


@dataclass
class _Render:
    """One script's render in progress: its chunks and the audio that has come back."""

    script: Script
    plans: list[ChunkPlan]
    jobs: list[ChunkJob]
    audio: list[ChunkAudio | None]
    missing: int
    failed: bool = False

    def chunks(self) -> list[RenderedChunk]:
        return [
            RenderedChunk(plan, audio.layout, audio.frames, audio.pcm)
            for plan, audio in zip(self.plans, self.audio, strict=True)
            if audio is not None
        ]


class _Batch:
    """Chunks of several scripts in flight on one executor; scripts come back as they complete."""

    def __init__(
        self, executor: ChunkExecutor, progress: Progress | None, on_failure: OnFailure | None
    ) -> None:
        self.executor = executor
        self.progress = progress
        self.on_failure = on_failure
        self.renders: dict[int, _Render] = {}  # those still in progress
        self.added = 0
        self.pending: dict[futures.Future[ChunkAudio], tuple[int, int]] = {}
        self.done = self.known = 0
        self.ready: list[int] = []
        self.crashes: dict[tuple[int, int], int] = {}  # chunk -> times its worker died on it
        self.unexplained: set[int] = set()  # executor breakdowns no chunk is known to have caused

    def add(self, script: Script, plans: list[ChunkPlan], jobs: list[ChunkJob], cache: Cache) -> None:
        """Take the chunks the cache holds and send the others to the executor, largest first."""
        n = self.added
        self.added += 1
        self.renders[n] = _Render(script, plans, jobs, [None] * len(jobs), len(jobs))
        self.known += len(jobs)
        cached = [cached_chunk(cache, job) for job in jobs]
        todo = [i for i, c in enumerate(cached) if c is None]
        log.info("%s: %d of %d chunks cached", script.title[:60], len(jobs) - len(todo), len(jobs))
        for task in _tasks(self.executor, [jobs[i] for i in todo]):
            try:
                submitted = self._submit([jobs[todo[i]] for i in task])
            except Exception as exc:  # an inline render fails in submit()
                if self.on_failure is None:
                    raise
                self._fail(n, exc)
                return
            for i, future in zip(task, submitted, strict=True):
                self.pending[future] = (n, todo[i])
        for index, audio in enumerate(cached):
            if audio is not None:
                self._settle(n, index, audio)

    def _submit(self, jobs: Sequence[ChunkJob]) -> list[futures.Future[ChunkAudio]]:
        """One task of ``jobs``: a future per chunk."""
        submit_task: Callable[[Sequence[ChunkJob]], list[futures.Future[ChunkAudio]]] | None
        submit_task = getattr(self.executor, "submit_task", None)
        if submit_task is not None:
            return submit_task(jobs)
        return [self.executor.submit(job) for job in jobs]

    def collect(self, block: bool) -> None:
        """Settle the chunks that are done (``block``: wait for at least one)."""
        for future in wait_any(self.pending) if block else finished(self.pending):
            if future not in self.pending:
                continue  # a chunk of a script that failed meanwhile
            n, index = self.pending.pop(future)
            try:
                audio = result_of(future)
            except ChunkCrashed as crash:
                self._again(n, index, crash)
            except Exception as exc:
                if self.on_failure is None:
                    raise
                self._fail(n, exc)
            else:
                self._settle(n, index, audio)

    def _again(self, n: int, index: int, crash: ChunkCrashed) -> None:
        """Submit a chunk whose worker died again, unless it took a worker down twice (then its
        script fails: the render stops, or a batch goes on without it)."""
        render = self.renders[n]
        where = _where(render, index, crash.segment)
        failure: EngineError | None = None
        if crash.culprit:
            self.crashes[n, index] = self.crashes.get((n, index), 0) + 1
            if self.crashes[n, index] >= MAX_CRASHES:
                failure = EngineError(
                    f"the speech engine crashed twice on {where} ({crash.cause}), so rendering again "
                    "would crash again — edit or shorten that paragraph (finished chunks are cached)"
                )
            else:
                log.warning("the speech engine crashed on %s (%s); rendering it again", where, crash.cause)
        elif crash.culprit is None:
            self.unexplained.add(crash.breakdown)
            if len(self.unexplained) >= MAX_CRASHES:
                failure = EngineError(
                    f"render workers stopped abruptly twice ({crash.cause}; out of memory, killed, or "
                    "the engine cannot start) — finished chunks are cached, so rendering again goes "
                    "on from there"
                )
        if failure is not None:
            failure.__cause__ = crash
            if self.on_failure is None:
                raise failure
            self._fail(n, failure)
            return
        self.pending[self.executor.submit(render.jobs[index])] = (n, index)

    def completed(self) -> Iterator[tuple[int, Script, list[RenderedChunk]]]:
        while self.ready:
            n = self.ready.pop(0)
            render = self.renders.pop(n)  # the caller holds the audio now
            yield n, render.script, render.chunks()

    def _fail(self, n: int, exc: Exception) -> None:
        """Give up on script ``n``: its other chunks are cancelled or ignored, the batch goes on."""
        render = self.renders.pop(n)
        for future, (owner, _) in list(self.pending.items()):
            if owner == n:
                future.cancel()
                del self.pending[future]
        self.known -= render.missing
        log.info("%s: render failed: %s", render.script.title[:60], exc)
        assert self.on_failure is not None
        self.on_failure(n, render.script, exc)

    def _settle(self, n: int, index: int, audio: ChunkAudio) -> None:
        render = self.renders[n]
        render.audio[index] = audio
        render.missing -= 1
        self.done += 1
        if self.progress:
            self.progress(self.done, self.known)
        if render.missing == 0:
            self.ready.append(n)


def _where(render: _Render, index: int, segment: int | None) -> str:
    """The article and the words a chunk (at ``segment``, when known) begins with."""
    plan = render.plans[index]
    article = render.script.title
    for part in render.script.parts:
        if part.first_chapter <= plan.chapter_index < part.end_chapter:
            article = part.title
    shown = plan.segments[segment if segment is not None else 0].display
    words = shown.split()
    opening = " ".join(words[:WORDS_SHOWN]) + ("…" if len(words) > WORDS_SHOWN else "")
    return f"“{article}”, at the words “{opening}”"


def _full(executor: ChunkExecutor, pending: int) -> bool:
    """Whether the executor has as much work as it wants queued (``capacity``, when it says:
    chunks, or tasks for an executor that counts its ``queued`` tasks itself)."""
    capacity: int | None = getattr(executor, "capacity", None)
    queued: int = getattr(executor, "queued", pending)
    return capacity is not None and pending > 0 and queued >= capacity


def _tasks(executor: ChunkExecutor, jobs: list[ChunkJob]) -> list[list[int]]:
    """The tasks ``jobs`` (one script's chunks still to render) go to the executor in, largest
    first, so that the script's last chunk is not the one that keeps a worker busy alone: a
    chunk each, or runs of about the executor's ``task_words`` words."""
    task_words: int | None = getattr(executor, "task_words", None)
    if task_words is None:
        tasks = [[i] for i in range(len(jobs))]
    else:
        tasks = plan_tasks([sum(count_words(s.text) for s in job.segments) for job in jobs], task_words)
    return sorted(tasks, key=lambda task: -sum(_text_size(jobs[i]) for i in task))


def _text_size(job: ChunkJob) -> int:
    return sum(len(s.text) for s in job.segments)


def render_chunks(
    scripts: Iterable[Script],
    voices: VoiceSet,
    options: RenderOptions,
    executor: ChunkExecutor | None = None,
    progress: Progress | None = None,
    on_failure: OnFailure | None = None,
) -> Iterator[tuple[int, Script, list[RenderedChunk]]]:
    """(index, script, its rendered chunks) for each script, as each one's last chunk is done.

    ``scripts`` may be produced lazily: each one's chunks go to the executor as soon as it is
    built, so workers start on the first article while the next are still being scripted. A
    script is handed back as soon as it is complete, so an interrupted batch keeps the episodes
    it finished (and the cache keeps every finished chunk). Without an executor, chunks render
    in this process.

    An executor with a ``capacity`` (chunks it wants queued at once) gets no more than that in
    flight: the next script is built only when there is room, so a batch of any size keeps
    only a few scripts in memory. Without ``on_failure`` the first failed chunk stops the
    render; with it, that chunk's script is reported and left out, and the others go on.
    """
    cache = _open_cache(options)
    executor = executor or InlineExecutor()
    batch = _Batch(executor, progress, on_failure)
    for script in scripts:
        plans = plan_chunks(script)
        batch.add(script, plans, _jobs_for(plans, voices, options), cache)
        batch.collect(block=False)
        yield from batch.completed()
        while _full(executor, len(batch.pending)):
            batch.collect(block=True)
            yield from batch.completed()
    while batch.pending:
        batch.collect(block=True)
        yield from batch.completed()
