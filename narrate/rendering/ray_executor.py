"""The Ray executor (``--executor ray``, ``pip install 'narrate[ray]'``): chunks render in Ray tasks.

A task is a short article whole, or a part of a long one: about ``TASK_WORDS`` words of its
chunks still to render. Sending a task and hearing back costs milliseconds, more than a
paragraph-sized chunk is worth, so a task per chunk kept the workers waiting between chunks.
A task gets its ``ChunkJob``s (speakable text, voice profile, loudness and encoder settings,
the cache root) and hands back each chunk's ``ChunkAudio``. With a cache, that is a layout and
a reference into the cache (the audio stays on the shared storage, the driver reads it block by
block while writing); with ``--no-cache`` the audio itself travels back through Ray's object
store. Each Ray worker process starts its own engines on first use (engines/registry.py), so
the nodes need narrate installed with the same version, as the driver has.

Retries: a worker that dies is Ray's to retry (``max_retries``); of the errors a task raises,
only those that may pass (storage, a crashed engine) are tried again. A retry runs the whole
task again; with a cache, the chunks it had finished come from there. What still fails reaches
the render loop as the original ``NarrateError``, one line, never a Ray traceback.
"""

from __future__ import annotations

import concurrent.futures as futures
import logging
import os
import signal
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from narrate.errors import EngineError, NarrateError
from narrate.rendering.chunks import ChunkAudio, ChunkJob

log = logging.getLogger(__name__)
MAX_RETRIES = 3
# Errors worth another try on another worker: shared storage that hiccups, an engine that crashed.
RETRIED = (OSError, EngineError)
# Tasks queued per CPU of the cluster: enough to keep every worker busy while the driver
# collects, few enough that the driver never holds a whole archive's jobs at once.
QUEUED_PER_CPU = 4
# Words of speech per task: a short article is one task; a long one is cut into tasks of about
# this many words (a minute or two of speech), so that near the end of a batch no worker is
# left with a long article while the others have nothing to do.
TASK_WORDS = 250
CAPACITY_TTL_S = 10.0  # how often the cluster's CPUs are counted again


def _import_ray() -> Any:
    try:
        import ray
    except ImportError as exc:
        raise NarrateError("--executor ray needs Ray: pip install 'narrate[ray]'") from exc
    return ray


def _render_chunks(jobs: tuple[ChunkJob, ...]) -> tuple[ChunkAudio, ...]:
    from narrate.rendering.synth import render_chunk

    return tuple(render_chunk(job) for job in jobs)


def _plain_error(exc: BaseException) -> BaseException:
    """What the task raised, without Ray's wrapping; a lost worker as an EngineError."""
    from ray import exceptions

    if isinstance(exc, exceptions.RayTaskError):
        cause = exc.cause
        return cause if isinstance(cause, Exception) else EngineError(str(exc).splitlines()[0])
    if isinstance(exc, exceptions.TaskCancelledError):
        return futures.CancelledError()
    if isinstance(exc, exceptions.RayError):
        return EngineError(f"a Ray worker failed after {MAX_RETRIES} retries: {str(exc).splitlines()[0]}")
    return exc


class RayExecutor:
    """A ``ChunkExecutor`` whose chunks render in Ray tasks on the cluster ``ray.init`` connected to:
    a task per short article, or per part of a long one (``submit_task``)."""

    task_words = TASK_WORDS

    def __init__(self, max_retries: int = MAX_RETRIES) -> None:
        ray = _import_ray()
        self._task = ray.remote(num_cpus=1, max_retries=max_retries, retry_exceptions=list(RETRIED))(
            _render_chunks
        )
        self._running: dict[Any, list[futures.Future[ChunkAudio]]] = {}  # task -> its chunks
        self.submitted = 0  # chunks
        self._capacity, self._counted_at = 0, -CAPACITY_TTL_S
        self._warming: list[Any] = []  # warm-up tasks, kept so Ray does not drop them early

    @property
    def capacity(self) -> int:
        """Tasks to keep queued: a few per CPU the cluster has now (an autoscaler adds nodes when
        tasks wait, and the queue grows with them)."""
        now = time.monotonic()
        if now - self._counted_at >= CAPACITY_TTL_S:
            cpus = int(_import_ray().cluster_resources().get("CPU", 1))
            self._capacity, self._counted_at = max(1, cpus) * QUEUED_PER_CPU, now
        return self._capacity

    @property
    def queued(self) -> int:
        """Tasks sent and not finished."""
        return len(self._running)

    def warm_up(self, engines: tuple[str, ...]) -> None:
        """Start a worker per CPU, with the audio stack and ``engines`` loaded, while the driver
        is still reading and scripting the articles (as the local pool's workers do)."""
        from narrate.rendering.workers import warm_up

        ray = _import_ray()
        warm = ray.remote(num_cpus=1)(warm_up)
        self._warming = [warm.remote(engines) for _ in range(self.capacity // QUEUED_PER_CPU)]

    def submit(self, job: ChunkJob) -> futures.Future[ChunkAudio]:
        return self.submit_task([job])[0]

    def submit_task(self, jobs: Sequence[ChunkJob]) -> list[futures.Future[ChunkAudio]]:
        """One task rendering ``jobs`` in turn; a future per chunk, settled when the task ends."""
        ref = self._task.remote(tuple(jobs))
        chunks: list[futures.Future[ChunkAudio]] = [futures.Future() for _ in jobs]
        self._running[ref] = chunks
        self.submitted += len(jobs)
        ref.future().add_done_callback(lambda done: self._settle(ref, done))
        return chunks

    def _settle(self, ref: Any, done: futures.Future[Any]) -> None:
        """Runs on Ray's thread when a task ends: its chunks' audio, or its error, to whoever
        waits on them."""
        chunks = self._running.pop(ref, [])
        try:
            audio, error = done.result(), None
        except BaseException as exc:
            audio, error = None, _plain_error(exc)
        for n, future in enumerate(chunks):
            try:
                if error is not None:
                    future.set_exception(error)
                else:
                    future.set_result(audio[n])
            except futures.InvalidStateError:
                pass  # the driver cancelled the chunk meanwhile

    def cancel(self) -> None:
        """Cancel every task still queued or running (Ctrl-C, or a failed render)."""
        ray = _import_ray()
        refs = self.abandon()
        if refs:  # only those not finished: fewer cancels to cross a reply (see abandon)
            refs = ray.wait(refs, num_returns=len(refs), timeout=0)[1]
        for ref in refs:
            try:
                ray.cancel(ref, force=True)
            except Exception as exc:  # already finished, or the cluster went away
                log.debug("cannot cancel a Ray task: %s", exc)

    def abandon(self) -> list[Any]:
        """Settle every unfinished chunk as cancelled, without telling Ray; the tasks' refs.

        For a driver about to disconnect: Ray ends a job's tasks when its driver leaves, and a
        ``ray.cancel`` that crosses a finishing task's reply can abort the driver inside Ray
        (a failed internal check, "Tried to complete task that was not pending").
        """
        refs = list(self._running)
        for chunks in list(self._running.values()):
            for future in chunks:
                future.cancel()
        self._running.clear()
        return refs


def _connect(ray: Any, address: str | None, cpus: int) -> None:
    # ray.init takes SIGTERM for itself (a plain exit); narrate's own handler cleans up like Ctrl-C.
    on_sigterm = signal.getsignal(signal.SIGTERM)
    try:
        _init(ray, address, cpus)
    finally:
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, on_sigterm)


def _init(ray: Any, address: str | None, cpus: int) -> None:
    # Ray's own notices only with -v: the driver's stderr is narrate's progress and errors.
    level = logging.ERROR if log.getEffectiveLevel() >= logging.WARNING else logging.INFO
    quiet = {"log_to_driver": False, "logging_level": level, "configure_logging": True}
    if address:
        log.info("connecting to the Ray cluster at %s", address)
        ray.init(address=address, **quiet)
        return
    # A Ray of our own for this run: on loopback, without the dashboard or usage reports. Its
    # workers keep this process's priority, as the local pool's do: Ray lowers theirs (nice 15)
    # to leave a cluster node's CPU to its own daemons, which on a machine shared with other work
    # puts them behind every other program (unless the kernel groups processes by session).
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    log.info("starting a local Ray with %d CPUs", cpus)
    ray.init(num_cpus=cpus, include_dashboard=False, _node_ip_address="127.0.0.1",
             _system_config={"worker_niceness": 0}, **quiet)  # fmt: skip


@contextmanager
def ray_executor(
    address: str | None = None, cpus: int = 1, engines: tuple[str, ...] = ()
) -> Iterator[RayExecutor]:
    """A Ray executor on the cluster at ``address`` (``auto``, ``ray://host:10001``), or on a
    local Ray with ``cpus`` CPUs started for the block (``address`` None).

    Leaves Ray connected when it already was (a caller's own ``ray.init``); otherwise
    disconnects, or stops the local Ray, at the end. Tasks still running then are cancelled.
    """
    ray = _import_ray()
    owned = not ray.is_initialized()
    if owned:
        try:
            _connect(ray, address, cpus)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            raise EngineError(
                f"cannot start or reach Ray{f' at {address}' if address else ''}: {exc}"
            ) from exc
    executor = RayExecutor()
    if engines:
        executor.warm_up(engines)
    try:
        yield executor
    finally:
        if owned:  # leaving ends the run's tasks: Ray stops a job's workers when its driver goes
            executor.abandon()
            ray.shutdown()
        else:
            executor.cancel()
