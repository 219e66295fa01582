"""Where chunks render: the executor interface, and the in-process one.

The render loop only submits chunk jobs and waits on the futures it gets back, so an executor
can run them anywhere: in this process (``InlineExecutor``), in a local pool of worker
processes (``workers.LocalProcessExecutor``), or on a cluster (``ray_executor.RayExecutor``).
A job carries everything it needs (text, voice profile, loudness, encoder settings, cache root)
and pickles; its result is the chunk's layout and audio (``ChunkAudio``), so nothing has to
travel through the cache.
"""

from __future__ import annotations

from concurrent.futures import Future
from typing import Protocol

from narrate.errors import EngineError
from narrate.rendering.chunks import ChunkAudio, ChunkJob


class ChunkCrashed(EngineError):
    """The process rendering chunks died (the engine crashed, or something killed it).

    An executor whose processes can die fails each chunk that was in flight with this error and
    accepts the chunk again: the render loop retries a chunk once, and reports one that took its
    process down twice. ``culprit``: this chunk was being rendered by the process that died
    (``None``: unknown); ``segment``: the index of the segment it was on, when known;
    ``breakdown`` numbers the executor's breakdowns, so the loop can tell one from two.
    """

    def __init__(self, cause: str, culprit: bool | None, segment: int | None, breakdown: int) -> None:
        super().__init__(f"a render worker stopped abruptly ({cause})")
        self.cause = cause
        self.culprit = culprit
        self.segment = segment
        self.breakdown = breakdown


class ChunkExecutor(Protocol):
    """Runs chunk jobs; whoever creates an executor also shuts it down.

    An executor may also have a ``capacity`` (an int: the chunks it wants queued at once); the
    render loop then keeps no more than that in flight, and builds the next script only when
    there is room. Without one, every chunk is submitted as soon as its script is built.

    An executor whose tasks cost more to send than a chunk takes to render (a cluster) may want
    larger work units: it says ``task_words`` (the words of speech a task should hold) and has
    ``submit_task(jobs)`` (one task rendering several chunks of a script, a future per chunk);
    its ``capacity`` then counts tasks, and ``queued`` says how many it holds.
    """

    def submit(self, job: ChunkJob) -> Future[ChunkAudio]:
        """Start rendering ``job``; the future holds its audio, or the error that stopped it
        (``ChunkCrashed`` when its process died: the job may then be submitted again)."""
        ...


class InlineExecutor:
    """Renders each chunk in this process, at once, with this process's engines."""

    def submit(self, job: ChunkJob) -> Future[ChunkAudio]:
        from narrate.rendering.synth import render_chunk

        future: Future[ChunkAudio] = Future()
        future.set_result(render_chunk(job))  # errors propagate here, as from a plain call
        return future
