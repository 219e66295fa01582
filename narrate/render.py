"""Articles -> episodes: the render pipeline behind ``narrate render``.

Work is split into chunks (timeline.py) rendered in worker processes, one engine each
(``--jobs``); finished segments and chunks live in a content-addressed cache, so an edited
paragraph re-renders only its own chunk. Output files are written under temporary names and
renamed only when all of an episode is complete, under a lock on the output folder.
"""

from __future__ import annotations

import concurrent.futures as futures
import hashlib
import logging
import multiprocessing
import os
import signal
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from narrate.cache import Cache, default_cache_dir
from narrate.encode import Mp3Settings
from narrate.episode_files import write_episode
from narrate.errors import OutputError
from narrate.model import Episode, Script
from narrate.synth import ChunkJob, SegmentJob, cached_layout, chunk_key, render_chunk
from narrate.timeline import ChunkLayout, ChunkPlan, plan_chunks
from narrate.voices import VoiceSet

log = logging.getLogger(__name__)
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class RenderOptions:
    out_dir: Path = Path("output")
    cache_dir: Path | None = field(default_factory=default_cache_dir)  # None: no cache kept
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    target_lufs: float = -16.0
    ceiling_dbfs: float = -1.5  # sample peak; the encoded true peak stays under -1 dBTP
    mp3: Mp3Settings = field(default_factory=Mp3Settings)
    audio_format: str = "mp3"  # mp3 | m4b | wav (narrate.formats.FORMATS)


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


def _quiet_worker() -> None:
    # Ctrl-C reaches the whole process group; only the parent reacts (and stops the workers).
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _largest_first(jobs: Sequence[ChunkJob]) -> list[int]:
    # Longest chunks first keeps both workers busy to the end (LPT scheduling).
    return sorted(range(len(jobs)), key=lambda i: -sum(len(s.text) for s in jobs[i].segments))


def _run(jobs: Sequence[ChunkJob], workers: int, progress: Progress | None) -> list[ChunkLayout]:
    """Render every chunk not yet cached, in parallel when ``workers`` > 1; layouts in job order."""
    cache = Cache(jobs[0].cache_root) if jobs else None
    layouts: list[ChunkLayout | None] = [cached_layout(cache, job.key) if cache else None for job in jobs]
    todo = [i for i in _largest_first(jobs) if layouts[i] is None]
    done = len(jobs) - len(todo)
    log.info("%d of %d chunks cached; rendering %d", done, len(jobs), len(todo))
    if workers <= 1 or len(todo) <= 1:
        for index in todo:
            layouts[index] = render_chunk(jobs[index])
            done += 1
            if progress:
                progress(done, len(jobs))
    else:
        context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
        pool = futures.ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_quiet_worker)
        try:
            pending = {pool.submit(render_chunk, jobs[i]): i for i in todo}
            for future in futures.as_completed(pending):
                layouts[pending[future]] = future.result()
                done += 1
                if progress:
                    progress(done, len(jobs))
        except BaseException:
            # Ctrl-C or a failed chunk: stop the workers now rather than after their current chunk.
            for process in list(getattr(pool, "_processes", {}).values()):
                process.terminate()
            raise
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    return [layout for layout in layouts if layout is not None]


def _lock_path(out_dir: Path) -> Path:
    # The lock lives outside the output folder so an interrupted render leaves nothing there.
    digest = hashlib.sha256(str(out_dir.resolve()).encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"narrate-{digest}.lock"


def _remove_stale_parts(out_dir: Path) -> None:
    """Temporary files a killed render left behind (we hold the folder's lock, so none is live)."""
    for stale in out_dir.glob(".*.part"):
        log.info("removing %s, left by an interrupted render", stale)
        stale.unlink(missing_ok=True)


def render_scripts(
    scripts: Sequence[Script], voices: VoiceSet, options: RenderOptions, progress: Progress | None = None
) -> list[Episode]:
    """Render each script into its episode files in ``options.out_dir``."""
    from filelock import FileLock, Timeout

    with ExitStack() as stack:
        root = stack.enter_context(_cache_root(options))
        work = [_jobs_for(script, voices, root, options) for script in scripts]
        all_jobs = [job for _, jobs in work for job in jobs]
        layouts = iter(_run(all_jobs, max(1, options.jobs), progress))
        try:
            options.out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"{options.out_dir}: cannot create the output folder ({exc.strerror})") from exc
        try:
            stack.enter_context(FileLock(_lock_path(options.out_dir), timeout=600))
        except Timeout as exc:
            raise OutputError(
                f"{options.out_dir}: another render holds this folder for over 10 minutes"
            ) from exc
        _remove_stale_parts(options.out_dir)
        episodes = []
        cache = Cache(root)
        taken: set[str] = set()
        for script, (plans, jobs) in zip(scripts, work, strict=True):
            script_layouts = [next(layouts) for _ in jobs]
            episode = write_episode(script, plans, jobs, script_layouts, cache, options, taken)
            taken.add(episode.slug)
            episodes.append(episode)
        return episodes
