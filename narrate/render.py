"""Articles -> episodes: the render pipeline behind ``narrate render``.

Work is split into chunks (timeline.py) rendered in worker processes (workers.py), one engine
each (``--jobs``); finished segments and chunks live in a content-addressed cache, so an edited
paragraph re-renders only its own chunk. Output files are written under temporary names and
renamed only when all of an episode is complete, under a lock on the output folder.
"""

from __future__ import annotations

import concurrent.futures as futures
import logging
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from narrate.cache import Cache, default_cache_dir
from narrate.chunks import ChunkJob, SegmentJob, cached_layout, chunk_key
from narrate.encode import Mp3Settings
from narrate.episode_files import write_episode
from narrate.errors import OutputError
from narrate.folder_lock import folder_lock
from narrate.model import Episode, Script
from narrate.timeline import ChunkLayout, ChunkPlan, plan_chunks
from narrate.voices import VoiceSet
from narrate.workers import finished, render_chunk, result_of, wait_any, worker_pool

log = logging.getLogger(__name__)
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class RenderOptions:
    out_dir: Path = Path("output")
    cache_dir: Path | None = field(default_factory=default_cache_dir)  # None: no cache kept
    jobs: int = field(default_factory=lambda: available_cores())
    target_lufs: float = -16.0
    ceiling_dbfs: float = -1.5  # sample peak; the encoded true peak stays under -1 dBTP
    mp3: Mp3Settings = field(default_factory=Mp3Settings)
    audio_format: str = "mp3"  # mp3 | m4b | m4a | wav
    show: str | None = None  # the podcast's name: the audio's album, and the generated cover's title
    cover: Path | None = None  # a PNG or JPEG embedded in the audio; None: a generated cover


def available_cores() -> int:
    """Cores this process may run on (a container's share, not the host's count)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


@contextmanager
def _cache_root(options: RenderOptions) -> Iterator[Path]:
    if options.cache_dir is None:
        with tempfile.TemporaryDirectory(prefix="narrate-cache-") as tmp:
            yield Path(tmp)
    else:
        try:
            options.cache_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(
                f"{options.cache_dir}: cannot create the cache folder ({exc.strerror})"
            ) from exc
        yield options.cache_dir


def _jobs_for(
    script: Script, voices: VoiceSet, root: Path, options: RenderOptions
) -> tuple[list[ChunkPlan], list[ChunkJob]]:
    plans = plan_chunks(script)
    jobs = []
    for plan in plans:
        segments = tuple(
            SegmentJob(s.text, s.display, voices.by_name(s.voice), s.pause_after_ms) for s in plan.segments
        )
        key = chunk_key(segments, options.target_lufs, options.ceiling_dbfs, options.mp3)
        jobs.append(ChunkJob(key, segments, root, options.target_lufs, options.ceiling_dbfs, options.mp3))
    return plans, jobs


def _remove_stale_parts(out_dir: Path) -> None:
    """Temporary files a killed render left behind (we hold the folder's lock, so none is live)."""
    for stale in out_dir.glob(".*.part"):
        log.info("removing %s, left by an interrupted render", stale)
        stale.unlink(missing_ok=True)


@dataclass
class _Episode:
    """One script's render in progress: its chunks and the layouts that have come back."""

    script: Script
    plans: list[ChunkPlan]
    jobs: list[ChunkJob]
    layouts: list[ChunkLayout | None]

    @property
    def complete(self) -> bool:
        return all(layout is not None for layout in self.layouts)


def render_scripts(
    scripts: Iterable[Script],
    voices: VoiceSet,
    options: RenderOptions,
    progress: Progress | None = None,
    on_episode: Callable[[Episode], None] | None = None,
    pool: futures.Executor | None = None,
) -> list[Episode]:
    """Render each script into its episode files in ``options.out_dir``.

    ``scripts`` may be produced lazily: each one's chunks go to the workers as soon as it is
    built, so the workers start on the first article while the next are still being scripted.
    An episode's files are written as soon as its last chunk is done, so an interrupted batch
    keeps the episodes it finished (and the cache keeps every finished chunk). Without a
    ``pool``, one is started for ``options.jobs`` workers; with none, chunks render inline.
    """
    if pool is None and options.jobs > 1:
        engines = tuple(p.engine for p in voices.profiles)
        with worker_pool(options.jobs, engines) as own:
            return render_scripts(scripts, voices, options, progress, on_episode, own)
    with _cache_root(options) as root:
        cache = Cache(root)
        renders: list[_Episode] = []
        episodes: dict[int, Episode] = {}
        pending: dict[futures.Future[ChunkLayout], tuple[int, int]] = {}
        counts = [0, 0]  # chunks done, chunks known
        taken: set[str] = set()

        def settle(n: int, index: int, layout: ChunkLayout) -> None:
            render = renders[n]
            render.layouts[index] = layout
            counts[0] += 1
            if progress:
                progress(counts[0], counts[1])
            if render.complete:
                done = [x for x in render.layouts if x is not None]
                episodes[n] = _write(render.script, render.plans, render.jobs, done, cache, options, taken)
                if on_episode:
                    on_episode(episodes[n])

        def collect(block: bool) -> None:
            for future in wait_any(pending) if block else finished(pending):
                settle(*pending.pop(future), result_of(future))

        for n, script in enumerate(scripts):
            plans, jobs = _jobs_for(script, voices, root, options)
            renders.append(_Episode(script, plans, jobs, [None] * len(jobs)))
            counts[1] += len(jobs)
            cached = [cached_layout(cache, job.key) for job in jobs]
            todo = [i for i, c in enumerate(cached) if c is None]
            todo.sort(key=lambda i: -sum(len(s.text) for s in jobs[i].segments))  # largest first
            log.info("%s: %d of %d chunks cached", script.title[:60], len(jobs) - len(todo), len(jobs))
            for index in todo:
                if pool is None:
                    cached[index] = render_chunk(jobs[index])
                else:
                    pending[pool.submit(render_chunk, jobs[index])] = (n, index)
            for index, layout in enumerate(cached):
                if layout is not None:
                    settle(n, index, layout)
            if pending:
                collect(block=False)
        while pending:
            collect(block=True)
        return [episodes[n] for n in sorted(episodes)]


def _write(
    script: Script,
    plans: list[ChunkPlan],
    jobs: list[ChunkJob],
    layouts: list[ChunkLayout],
    cache: Cache,
    options: RenderOptions,
    taken: set[str],
) -> Episode:
    """One episode's files, under the output folder's lock (held only while writing)."""
    try:
        options.out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{options.out_dir}: cannot create the output folder ({exc.strerror})") from exc
    with folder_lock(options.out_dir):
        _remove_stale_parts(options.out_dir)
        episode = write_episode(script, plans, jobs, layouts, cache, options, taken)
    taken.add(episode.slug)
    return episode
