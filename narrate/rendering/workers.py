"""The local executor: render worker processes (``--jobs``), one engine each, and waiting on
them safely.

Workers are forked before the articles are cleaned, so one of them loads numpy, pydub and the
engine while the parent works; the parent itself never loads the audio stack. The others start
their engines only once a second chunk is submitted: a one-chunk edit then goes to the warm
worker, and the spare ones do not compete with the parent for the cores meanwhile.
"""

from __future__ import annotations

import concurrent.futures as futures
import ctypes
import gc
import logging
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Collection, Iterator, Sequence
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Any, TypeVar

from narrate.errors import EngineError
from narrate.rendering.chunks import ChunkAudio, ChunkJob
from narrate.rendering.executor import ChunkExecutor, InlineExecutor

log = logging.getLogger(__name__)
PR_SET_PDEATHSIG = 1  # linux/prctl.h
_SIGNALS = (signal.SIGINT, signal.SIGTERM)
T = TypeVar("T")


@contextmanager
def interrupts_held() -> Iterator[None]:
    """Hold back Ctrl-C (and a SIGTERM that raises) until the block is done, then raise it.

    concurrent.futures is not safe against an exception raised inside submit() or wait(): a
    future's lock taken half-way stays taken, and the pool's shutdown then waits forever.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[signal.Signals] = []
    held: dict[signal.Signals, Callable[[int, Any], Any]] = {}
    for sig in _SIGNALS:
        handler = signal.getsignal(sig)
        if callable(handler):  # SIG_IGN and SIG_DFL raise nothing into Python
            held[sig] = handler
            signal.signal(sig, lambda signum, _frame: caught.append(signal.Signals(signum)))
    try:
        yield
    finally:
        for sig, handler in held.items():
            signal.signal(sig, handler)
        if caught:
            held[caught[0]](caught[0], None)


def wait_any(pending: Collection[futures.Future[T]]) -> set[futures.Future[T]]:
    """The finished futures of ``pending``, waiting for at least one; Ctrl-C works meanwhile."""
    while True:
        with interrupts_held():
            done, _ = futures.wait(pending, timeout=0.1, return_when=futures.FIRST_COMPLETED)
        if done:
            return done


def result_of(future: futures.Future[T]) -> T:
    """A finished future's result; a worker that died under it is an EngineError, not a traceback."""
    try:
        with interrupts_held():
            return future.result()
    except BrokenProcessPool as exc:
        raise EngineError(
            "a render worker stopped abruptly (killed, out of memory, or the engine crashed); "
            "finished chunks are cached, so rendering again goes on from there"
        ) from exc


def finished(pending: Collection[futures.Future[T]]) -> set[futures.Future[T]]:
    """The futures of ``pending`` already finished, without waiting."""
    with interrupts_held():
        return {future for future in pending if future.done()}


def _start_worker(seats: Any, spare_go: Any, engines: tuple[str, ...]) -> None:
    # Ctrl-C reaches the whole process group; only the parent reacts, and stops the workers with
    # SIGTERM, which must simply end them (not run the CLI's clean-up handler they inherited).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _end_with_parent()
    with seats.get_lock():
        seat = seats.value
        seats.value += 1
    if seat > 0:
        spare_go.acquire()  # a worker takes no chunk before its initializer returns
    _warm_up(engines)


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
    try:
        import narrate.rendering.synth  # noqa: F401  (the audio stack)
        from narrate.engines.registry import engine_for

        for name in engines:
            engine_for(name)
    except Exception as exc:  # the chunk that needs the engine reports it properly
        log.debug("warm-up failed: %s", exc)


def render_chunk(job: ChunkJob) -> ChunkAudio:
    from narrate.rendering.synth import render_chunk

    return render_chunk(job)


class WorkerPool(futures.ProcessPoolExecutor):
    """Render workers: one starts its engine at once, the others when a second chunk is submitted
    (or at once too, for a batch that is sure to need them all)."""

    def __init__(self, jobs: int, engines: Sequence[str], batch: bool = False) -> None:
        context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
        # A semaphore, not an Event: Event.set() waits for every sleeper to wake, and a worker
        # that dies meanwhile would leave the parent waiting forever.
        self._spare_go = context.Semaphore(0)
        self._spares = jobs - 1
        self._submitted = 0
        super().__init__(
            max_workers=jobs,
            mp_context=context,
            initializer=_start_worker,
            initargs=(context.Value("i", 0), self._spare_go, tuple(dict.fromkeys(engines))),
        )
        # Objects the workers inherit stay out of their garbage collector: otherwise its first
        # pass writes to every page they share with the parent, copying them all.
        gc.freeze()
        with interrupts_held():
            super().submit(os.getpid)  # starts the processes (with fork, all of them at once)
        gc.unfreeze()
        if batch:
            self._start_spares()

    def _start_spares(self) -> None:
        for _ in range(self._spares):
            self._spare_go.release()
        self._spares = 0

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> futures.Future[T]:
        self._submitted += 1
        if self._submitted == 2:
            self._start_spares()
        with interrupts_held():
            return super().submit(fn, *args, **kwargs)

    def stop(self) -> None:
        """End the workers now: what still runs is a warm-up or work nobody waits for."""
        with interrupts_held():
            for process in list((getattr(self, "_processes", None) or {}).values()):
                process.terminate()
            self.shutdown(wait=True, cancel_futures=True)


class LocalProcessExecutor:
    """The ``ChunkExecutor`` of a local ``WorkerPool``: one process and one engine per core."""

    def __init__(self, pool: WorkerPool) -> None:
        self.pool = pool

    def submit(self, job: ChunkJob) -> futures.Future[ChunkAudio]:
        return self.pool.submit(render_chunk, job)


@contextmanager
def local_executor(
    jobs: int, engines: Sequence[str] = ("espeak",), batch: bool = False
) -> Iterator[ChunkExecutor]:
    """An executor for ``jobs`` local workers, started at once (inline for ``jobs`` <= 1).

    ``batch``: start every worker's engine at once, for work sure to need them all.
    """
    if jobs <= 1:
        yield InlineExecutor()
        return
    pool = WorkerPool(jobs, engines, batch)
    try:
        yield LocalProcessExecutor(pool)
    finally:
        # Every result the caller wanted is in, or it gave up (Ctrl-C, a failed chunk).
        pool.stop()
