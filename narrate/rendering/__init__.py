"""Scripts -> rendered chunks: the render stage.

Each script is cut into chunks (plan.py) that an executor renders (executor.py: inline, or the
local worker processes of workers.py, one engine each); finished segments and chunks live in a
content-addressed cache (cache.py), so an edited paragraph re-renders only its own chunk. A
script's chunks are handed back, in order, as soon as its last one is done.
"""

from __future__ import annotations

import concurrent.futures as futures
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from narrate.errors import OutputError
from narrate.model import Script
from narrate.options import RenderOptions
from narrate.rendering.cache import Cache, open_cache
from narrate.rendering.chunks import ChunkAudio, ChunkJob, RenderedChunk, SegmentJob, cached_chunk, chunk_key
from narrate.rendering.executor import ChunkExecutor, InlineExecutor
from narrate.rendering.plan import ChunkPlan, plan_chunks
from narrate.rendering.workers import finished, result_of, wait_any
from narrate.voices import VoiceSet

__all__ = ["ChunkExecutor", "InlineExecutor", "Progress", "RenderedChunk", "render_chunks"]

log = logging.getLogger(__name__)
Progress = Callable[[int, int], None]


def _open_cache(options: RenderOptions) -> Cache:
    if options.cache_dir is not None:
        try:
            options.cache_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(
                f"{options.cache_dir}: cannot create the cache folder ({exc.strerror})"
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
    audio: list[ChunkAudio | None]

    def chunks(self) -> list[RenderedChunk] | None:
        """The rendered chunks in order, once all are in."""
        if any(audio is None for audio in self.audio):
            return None
        return [
            RenderedChunk(plan, audio.layout, audio.frames, audio.pcm)
            for plan, audio in zip(self.plans, self.audio, strict=True)
            if audio is not None
        ]


def render_chunks(
    scripts: Iterable[Script],
    voices: VoiceSet,
    options: RenderOptions,
    executor: ChunkExecutor | None = None,
    progress: Progress | None = None,
) -> Iterator[tuple[int, Script, list[RenderedChunk]]]:
    """(index, script, its rendered chunks) for each script, as each one's last chunk is done.

    ``scripts`` may be produced lazily: each one's chunks go to the executor as soon as it is
    built, so workers start on the first article while the next are still being scripted. A
    script is handed back as soon as it is complete, so an interrupted batch keeps the episodes
    it finished (and the cache keeps every finished chunk). Without an executor, chunks render
    in this process.
    """
    executor = executor or InlineExecutor()
    cache = _open_cache(options)
    renders: list[_Render] = []
    pending: dict[futures.Future[ChunkAudio], tuple[int, int]] = {}
    counts = [0, 0]  # chunks done, chunks known
    ready: list[int] = []

    def settle(n: int, index: int, audio: ChunkAudio) -> None:
        renders[n].audio[index] = audio
        counts[0] += 1
        if progress:
            progress(counts[0], counts[1])
        if all(a is not None for a in renders[n].audio):
            ready.append(n)

    def collect(block: bool) -> None:
        for future in wait_any(pending) if block else finished(pending):
            settle(*pending.pop(future), result_of(future))

    def handed_back() -> Iterator[tuple[int, Script, list[RenderedChunk]]]:
        while ready:
            n = ready.pop(0)
            render = renders[n]
            chunks = render.chunks()
            assert chunks is not None
            render.audio = []  # the caller holds the audio now
            yield n, render.script, chunks

    for n, script in enumerate(scripts):
        plans = plan_chunks(script)
        jobs = _jobs_for(plans, voices, options)
        renders.append(_Render(script, plans, [None] * len(jobs)))
        counts[1] += len(jobs)
        cached = [cached_chunk(cache, job) for job in jobs]
        todo = [i for i, c in enumerate(cached) if c is None]
        todo.sort(key=lambda i: -sum(len(s.text) for s in jobs[i].segments))  # largest first
        log.info("%s: %d of %d chunks cached", script.title[:60], len(jobs) - len(todo), len(jobs))
        for index in todo:
            pending[executor.submit(jobs[index])] = (n, index)
        for index, audio in enumerate(cached):
            if audio is not None:
                settle(n, index, audio)
        if pending:
            collect(block=False)
        yield from handed_back()
    while pending:
        collect(block=True)
        yield from handed_back()
    yield from handed_back()
