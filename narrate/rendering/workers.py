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
import itertools
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Collection, Iterator, Sequence
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from multiprocessing import connection
from typing import Any, TypeVar

from narrate.engines.registry import worker_count
from narrate.errors import EngineError
from narrate.rendering.chunks import ChunkAudio, ChunkJob
from narrate.rendering.executor import ChunkCrashed, ChunkExecutor, InlineExecutor

log = logging.getLogger(__name__)
PR_SET_PDEATHSIG = 1  # linux/prctl.h
_SIGNALS = (signal.SIGINT, signal.SIGTERM)
STOP_WAIT_S = 3.0  # how long a stopped worker has to end before it is killed
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


class _Board:
    """What each worker is rendering, in memory it shares with the parent: when a worker dies,
    the parent reads which chunk (and which of its segments) it was on."""

    def __init__(self, context: Any, seats: int) -> None:
        self.pids = context.Array("i", seats, lock=False)
        self.serials = context.Array("q", seats, lock=False)  # 0: no chunk
        self.segments = context.Array("i", seats, lock=False)

    def working_on(self, serial: int) -> list[tuple[int, int]]:
        """(pid, segment index) of each worker at work on job ``serial``."""
        return [(self.pids[s], self.segments[s]) for s in range(len(self.pids)) if self.serials[s] == serial]


_seat: tuple[_Board, int] | None = None  # this worker's place on the board


def _start_worker(seats: Any, spare_go: Any, engines: tuple[str, ...], board: _Board) -> None:
    # Ctrl-C reaches the whole process group; only the parent reacts, and stops the workers with
    # SIGTERM, which must simply end them (not run the CLI's clean-up handler they inherited).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _end_with_parent()
    global _seat
    with seats.get_lock():
        seat = seats.value
        seats.value += 1
    board.pids[seat] = os.getpid()
    _seat = (board, seat)
    if seat > 0:
        spare_go.acquire()  # a worker takes no chunk before its initializer returns
    warm_up(engines)


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


def warm_up(engines: tuple[str, ...]) -> None:
    """Load the audio stack and start the engines while the parent is still reading articles."""
    try:
        import narrate.rendering.synth  # noqa: F401  (the audio stack)
        from narrate.engines.registry import engine_for

        for name in engines:
            engine_for(name)
    except Exception as exc:  # the chunk that needs the engine reports it properly
        log.debug("warm-up failed: %s", exc)


def render_chunk(serial: int, job: ChunkJob) -> ChunkAudio:
    """Render ``job`` in this worker, noting on the board what it is at."""
    from narrate.rendering.synth import render_chunk

    if _seat is None:  # pragma: no cover - a pool started without its initializer
        return render_chunk(job)
    board, seat = _seat
    board.segments[seat] = -1
    board.serials[seat] = serial

    def on_segment(index: int) -> None:
        board.segments[seat] = index

    try:
        return render_chunk(job, on_segment)
    finally:
        board.serials[seat] = 0


def _start_method() -> str:
    """Fork, except where a forked copy could hang: off POSIX, or in a process connected to Ray
    (a copy of its threads' locks, taken at the fork, is never released)."""
    ray = sys.modules.get("ray")
    if os.name != "posix" or (ray is not None and getattr(ray, "is_initialized", lambda: False)()):
        return "spawn"
    return "fork"


class WorkerPool(futures.ProcessPoolExecutor):
    """Render workers: one starts its engine at once, the others when a second chunk is submitted
    (or at once too, for a batch that is sure to need them all)."""

    def __init__(self, jobs: int, engines: Sequence[str], batch: bool = False) -> None:
        context = multiprocessing.get_context(_start_method())
        # A semaphore, not an Event: Event.set() waits for every sleeper to wake, and a worker
        # that dies meanwhile would leave the parent waiting forever.
        self._spare_go = context.Semaphore(0)
        self.jobs = jobs
        self._spares = jobs - 1
        self._submitted = 0
        self.board = _Board(context, jobs)
        super().__init__(
            max_workers=jobs,
            mp_context=context,
            initializer=_start_worker,
            initargs=(context.Value("i", 0), self._spare_go, tuple(dict.fromkeys(engines)), self.board),
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
        """End the workers now: what still runs is a warm-up or work nobody waits for.

        A worker still alive a moment after SIGTERM is killed: a SIGTERM that reaches a worker
        just forked, before Python in it has reset its signal handling, is dropped with the
        parent's handler (the CLI's, or Ray's), and the pool's shutdown would wait forever.
        """
        with interrupts_held():
            processes = list((getattr(self, "_processes", None) or {}).values())
            for process in processes:
                process.terminate()
            running = {process.sentinel: process for process in processes}
            deadline = time.monotonic() + STOP_WAIT_S
            while running and time.monotonic() < deadline:
                for ended in connection.wait(list(running), timeout=deadline - time.monotonic()):
                    running.pop(ended)
            for process in running.values():
                log.debug("render worker %s ignored SIGTERM; killing it", process.pid)
                process.kill()
            self.shutdown(wait=True, cancel_futures=True)


# Chunks queued per worker: the workers never wait for the parent, and the parent never holds
# a whole batch's jobs at once (it builds the next script when there is room).
QUEUED_PER_WORKER = 8


def _death(exitcode: int) -> str:
    if exitcode < 0:
        try:
            return f"it died of {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"it died of signal {-exitcode}"
    return f"it exited with status {exitcode}"


def _dead_workers(pool: WorkerPool) -> dict[int, int]:
    """pid -> exit code of the pool's workers that have ended.

    A worker's sentinel is ready as soon as it exits, a moment before its exit code can be
    read: wait that moment for those.
    """
    processes = list((getattr(pool, "_processes", None) or {}).values())
    ended = set(connection.wait([p.sentinel for p in processes], timeout=0))
    dead = {}
    for process in processes:
        if process.sentinel in ended:
            process.join(timeout=5)
            if process.exitcode is not None and process.pid is not None:
                dead[process.pid] = process.exitcode
    return dead


class LocalProcessExecutor:
    """The ``ChunkExecutor`` of a local ``WorkerPool``: one process and one engine per core.

    A worker that dies (the engine crashed, or it was killed) breaks the pool: every chunk in
    flight fails with ``ChunkCrashed``, which names the chunk the dead worker was on, and the
    next submission starts a fresh pool.
    """

    def __init__(self, jobs: int, engines: Sequence[str], batch: bool = False) -> None:
        self.jobs, self.engines = jobs, tuple(engines)
        self.pool = WorkerPool(jobs, engines, batch)
        self.capacity = jobs * QUEUED_PER_WORKER
        self.breakdowns = 0
        self._serials = itertools.count(1)

    def submit(self, job: ChunkJob) -> futures.Future[ChunkAudio]:
        serial = next(self._serials)
        try:
            inner = self.pool.submit(render_chunk, serial, job)
        except BrokenProcessPool:
            self.pool.stop()
            self.breakdowns += 1
            log.debug("starting %d new render worker(s)", self.jobs)
            self.pool = WorkerPool(self.jobs, self.engines, batch=True)
            inner = self.pool.submit(render_chunk, serial, job)
        outer: futures.Future[ChunkAudio] = futures.Future()
        pool, breakdown = self.pool, self.breakdowns + 1
        inner.add_done_callback(lambda done: self._settle(outer, done, pool, serial, breakdown))
        return outer

    @staticmethod
    def _settle(
        outer: futures.Future[ChunkAudio],
        inner: futures.Future[ChunkAudio],
        pool: WorkerPool,
        serial: int,
        breakdown: int,
    ) -> None:
        if inner.cancelled():  # the pool stopped before it began: nobody waits for this chunk
            outer.cancel()
            return
        error = inner.exception()
        if error is None:
            outer.set_result(inner.result())
        elif isinstance(error, BrokenProcessPool):
            # The pool fails the chunks in flight before it stops the surviving workers: the
            # ones already dead are the ones that broke it.
            dead = _dead_workers(pool)
            mine = [(pid, segment) for pid, segment in pool.board.working_on(serial) if pid in dead]
            if mine:
                pid, segment = mine[0]
                crash = ChunkCrashed(_death(dead[pid]), True, segment if segment >= 0 else None, breakdown)
            else:
                board = pool.board
                any_known = any(board.serials[s] and board.pids[s] in dead for s in range(len(board.pids)))
                cause = _death(next(iter(dead.values()))) if dead else "it was stopped"
                crash = ChunkCrashed(cause, False if any_known else None, None, breakdown)
            crash.__cause__ = error
            outer.set_exception(crash)
        else:
            outer.set_exception(error)

    def stop(self) -> None:
        self.pool.stop()


@contextmanager
def local_executor(
    jobs: int, engines: Sequence[str] = ("espeak",), batch: bool = False, isolated: bool = False
) -> Iterator[ChunkExecutor]:
    """An executor for ``jobs`` local workers, started at once.

    ``jobs`` <= 1 renders inline, in this process, unless ``isolated``: then one worker process
    renders, so an engine that crashes cannot take this process down with it (unless this
    process runs eSpeak itself already: it is exposed anyway, and a fork of it would hang).
    An engine that runs its model on every core (Piper) gets one process in all: a second would
    hold a second model (hundreds of megabytes) and gain nothing. ``batch``: start every worker's
    engine at once, for work sure to need them all.
    """
    from narrate.engines.registry import fork_unsafe

    jobs = worker_count(engines, jobs)
    if jobs <= 1 and (not isolated or fork_unsafe()):
        yield InlineExecutor()
        return
    executor = LocalProcessExecutor(max(jobs, 1), engines, batch)
    try:
        yield executor
    finally:
        # Every result the caller wanted is in, or it gave up (Ctrl-C, a failed chunk).
        executor.stop()
