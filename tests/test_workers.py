"""The render worker pool: warm workers only, spares started on demand, Ctrl-C never deadlocks it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from contextlib import contextmanager

import pytest

from narrate.errors import EngineError
from narrate.rendering.executor import InlineExecutor
from narrate.rendering.workers import LocalProcessExecutor, WorkerPool, local_executor, result_of, wait_any


@contextmanager
def worker_pool(jobs, engines, batch=False):
    """The local executor's WorkerPool (``None`` when it renders inline)."""
    with local_executor(jobs, engines, batch) as executor:
        yield executor.pool if isinstance(executor, LocalProcessExecutor) else None


def _probe() -> tuple[int, bool]:
    """(this worker's pid, whether its engine was started before it took work)."""
    from narrate.engines.registry import _started

    return os.getpid(), "fake" in _started


@pytest.mark.skipif(os.name != "posix", reason="spare workers are forked")
def test_one_chunk_goes_to_the_warm_worker_and_the_spare_waits():
    with worker_pool(2, ["fake"]) as pool:
        assert isinstance(pool, WorkerPool)
        pid, warm = pool.submit(_probe).result(timeout=30)
        assert warm
        others = [p for p in pool._processes.values() if p.pid != pid]
        assert len(others) == 1 and others[0].is_alive()  # forked, still waiting to warm up


def test_every_worker_is_warm_before_it_takes_work():
    with worker_pool(2, ["fake"]) as pool:
        assert pool is not None
        answers = [future.result(timeout=30) for future in [pool.submit(_probe) for _ in range(12)]]
    assert all(warm for _, warm in answers)


def test_a_batch_starts_every_worker_at_once():
    with worker_pool(2, ["fake"], batch=True) as pool:
        assert pool is not None
        deadline = time.monotonic() + 30
        answers: set[int] = set()
        while len(answers) < 2 and time.monotonic() < deadline:
            # both workers are warm already, so either may answer; sleeping keeps one busy
            futures = [pool.submit(time.sleep, 0.05) for _ in range(2)]
            answers |= {pool.submit(_probe).result(timeout=30)[0] for _ in futures}
    assert len(answers) == 2


def test_one_job_renders_inline():
    with local_executor(1, ["fake"]) as executor:
        assert isinstance(executor, InlineExecutor)


def test_one_isolated_job_renders_in_a_worker_unless_this_process_runs_espeak(monkeypatch):
    import narrate.engines.espeak as espeak

    if espeak.started_in_pid != os.getpid():  # a fork of this process is safe: try it
        with local_executor(1, ["fake"], isolated=True) as executor:
            assert isinstance(executor, LocalProcessExecutor)
            assert executor.pool.submit(os.getpid).result(timeout=30) != os.getpid()
    monkeypatch.setattr(espeak, "started_in_pid", os.getpid())
    with local_executor(1, ["fake"], isolated=True) as executor:
        assert isinstance(executor, InlineExecutor)  # a fork of a running eSpeak would hang


INTERRUPTED_WAITS = textwrap.dedent(
    """
    import os, random, signal, threading, time
    from narrate.rendering.workers import LocalProcessExecutor, local_executor, wait_any

    for round in range(50):
        timer = threading.Timer(random.uniform(0, 0.2), os.kill, (os.getpid(), signal.SIGINT))
        try:
            with local_executor(2, ["fake"], batch=True) as executor:
                timer.start()
                assert isinstance(executor, LocalProcessExecutor)
                pending = {executor.pool.submit(time.sleep, 0) for _ in range(1000)}
                while pending:
                    pending -= wait_any(pending)
        except KeyboardInterrupt:
            pass
        try:  # the round may have finished before the interrupt came
            timer.join()
            time.sleep(0.01)
        except KeyboardInterrupt:
            pass
    print("done")
    """
)


def test_ctrl_c_while_waiting_for_workers_never_deadlocks_their_shutdown():
    """An interrupt inside concurrent.futures' wait() left a future's lock taken, and the pool's
    shutdown then waited forever; waits hold Ctrl-C back until they are out of that code."""
    done = subprocess.run(
        [sys.executable, "-c", INTERRUPTED_WAITS], capture_output=True, text=True, timeout=90, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "done"


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def test_a_worker_that_dies_is_reported_as_an_engine_error():
    with worker_pool(2, ["fake"]) as pool:
        assert pool is not None
        future = pool.submit(_die)
        wait_any({future})
        with pytest.raises(EngineError, match="render worker stopped abruptly"):
            result_of(future)


def _deaf_to_sigterm() -> int:
    """Ignore SIGTERM from now on, as a worker does whose SIGTERM came before its fork settled."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    return os.getpid()


@pytest.mark.skipif(os.name != "posix", reason="SIGTERM and SIGKILL")
def test_stop_ends_a_worker_that_ignores_sigterm():
    """A SIGTERM that reaches a just-forked worker before Python in it resets its signal handling
    is dropped (the parent had a handler of its own); stopping the pool must not wait forever."""
    pool = WorkerPool(1, ["fake"])
    try:
        pid = pool.submit(_deaf_to_sigterm).result(timeout=30)
    finally:
        stopper = threading.Thread(target=pool.stop, daemon=True)
        stopper.start()
        stopper.join(timeout=30)
    assert not stopper.is_alive()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
