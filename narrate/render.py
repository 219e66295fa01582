"""Articles -> episodes: the render pipeline behind ``narrate render``.

Work is split into chunks (timeline.py) rendered in worker processes, one engine each
(``--jobs``); finished segments and chunks live in a content-addressed cache, so an edited
paragraph re-renders only its own chunk. Output files are written under temporary names and
renamed only when all of an episode is complete, under a lock on the output folder.
"""

from __future__ import annotations

import concurrent.futures as futures
import ctypes
import logging
import multiprocessing
import os
import signal
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
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

log = logging.getLogger(__name__)
PR_SET_PDEATHSIG = 1  # linux/prctl.h
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class RenderOptions:
    out_dir: Path = Path("output")
    cache_dir: Path | None = field(default_factory=default_cache_dir)  # None: no cache kept
    jobs: int = field(default_factory=lambda: available_cores())
    target_lufs: float = -16.0
    ceiling_dbfs: float = -1.5  # sample peak; the encoded true peak stays under -1 dBTP
    mp3: Mp3Settings = field(default_factory=Mp3Settings)
    audio_format: str = "mp3"  # mp3 | m4b | wav


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


def _start_worker() -> None:
    # Ctrl-C reaches the whole process group; only the parent reacts, and stops the workers with
    # SIGTERM, which must simply end them (not run the CLI's clean-up handler they inherited).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _end_with_parent()


def _end_with_parent() -> None:
    """Have Linux end this worker when its parent dies (kill -9 leaves no one to stop it)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # pragma: no cover - an unusual libc
        log.debug("cannot ask to end with the parent process")
        return
    if os.getppid() == 1:  # the parent died before the request took effect
        os._exit(1)


def _warm_up(engines: tuple[str, ...]) -> None:
    """Load the audio stack and start the engines while the parent is still reading articles."""
    from narrate.synth import engine_for

    for name in engines:
        engine_for(name)


def _render_chunk(job: ChunkJob) -> ChunkLayout:
    from narrate.synth import render_chunk

    return render_chunk(job)


@contextmanager
def worker_pool(jobs: int, engines: Sequence[str] = ("espeak",)) -> Iterator[futures.Executor | None]:
    """Worker processes for rendering, started at once (``None`` for ``jobs`` <= 1: render inline).

    Starting them before the articles are cleaned lets them load numpy, pydub and the engine
    while the parent works; the parent itself never loads the audio stack.
    """
    if jobs <= 1:
        yield None
        return
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    pool = futures.ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_start_worker)
    for _ in range(jobs):
        pool.submit(_warm_up, tuple(dict.fromkeys(engines)))
    try:
        yield pool
    except BaseException:
        # Ctrl-C or a failed chunk: stop the workers now rather than after their current chunk.
        for process in list(getattr(pool, "_processes", {}).values()):
            process.terminate()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _run(jobs: Sequence[ChunkJob], pool: futures.Executor | None) -> Iterator[tuple[int, ChunkLayout]]:
    """Render every chunk, on the pool when there is one: (job index, layout) as each is done.

    Cached chunks come first, then the rest largest first (keeps every worker busy to the end).
    """
    cache = Cache(jobs[0].cache_root) if jobs else None
    todo = []
    for index, job in enumerate(jobs):
        layout = cached_layout(cache, job.key) if cache else None
        if layout is None:
            todo.append(index)
        else:
            yield index, layout
    todo.sort(key=lambda i: -sum(len(s.text) for s in jobs[i].segments))
    log.info("%d of %d chunks cached; rendering %d", len(jobs) - len(todo), len(jobs), len(todo))
    if pool is None:
        for index in todo:
            yield index, _render_chunk(jobs[index])
        return
    pending = {pool.submit(_render_chunk, jobs[i]): i for i in todo}
    for future in futures.as_completed(pending):
        yield pending[future], future.result()


def _remove_stale_parts(out_dir: Path) -> None:
    """Temporary files a killed render left behind (we hold the folder's lock, so none is live)."""
    for stale in out_dir.glob(".*.part"):
        log.info("removing %s, left by an interrupted render", stale)
        stale.unlink(missing_ok=True)


def render_scripts(
    scripts: Sequence[Script],
    voices: VoiceSet,
    options: RenderOptions,
    progress: Progress | None = None,
    on_episode: Callable[[Episode], None] | None = None,
    pool: futures.Executor | None = None,
) -> list[Episode]:
    """Render each script into its episode files in ``options.out_dir``.

    An episode's files are written as soon as its last chunk is done, so an interrupted batch
    keeps the episodes it finished (and the cache keeps every finished chunk). Without a
    ``pool``, one is started for ``options.jobs`` workers.
    """
    if pool is None and options.jobs > 1:
        engines = tuple(p.engine for p in voices.profiles)
        with worker_pool(options.jobs, engines) as own:
            return render_scripts(scripts, voices, options, progress, on_episode, own)
    with _cache_root(options) as root:
        work = [_jobs_for(script, voices, root, options) for script in scripts]
        all_jobs = [job for _, jobs in work for job in jobs]
        owner = [n for n, (_, jobs) in enumerate(work) for _ in jobs]
        layouts: list[ChunkLayout | None] = [None] * len(all_jobs)
        remaining = [len(jobs) for _, jobs in work]
        first = [sum(len(jobs) for _, jobs in work[:n]) for n in range(len(work))]
        episodes: dict[int, Episode] = {}
        taken: set[str] = set()
        for done, (index, layout) in enumerate(_run(all_jobs, pool), start=1):
            layouts[index] = layout
            if progress:
                progress(done, len(all_jobs))
            n = owner[index]
            remaining[n] -= 1
            if remaining[n] == 0:
                plans, jobs = work[n]
                mine = [x for x in layouts[first[n] : first[n] + len(jobs)] if x is not None]
                episode = _write(scripts[n], plans, jobs, mine, Cache(root), options, taken)
                episodes[n] = episode
                if on_episode:
                    on_episode(episode)
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
