"""`narrate batch`: what a list names, failures reported by article while the batch goes on, the
listing in input order, a summary, and reruns that render only what is missing."""

from __future__ import annotations

import json
import os
import queue
import threading
from collections.abc import Sequence
from concurrent.futures import Future
from pathlib import Path

import pytest

from narrate.batch import Failure, batch_sources, narrate_batch
from narrate.clean import load_article
from narrate.errors import EngineError
from narrate.options import RenderOptions
from narrate.rendering import _jobs_for
from narrate.rendering.chunks import ChunkAudio, ChunkJob
from narrate.rendering.executor import InlineExecutor
from narrate.rendering.plan import count_words, plan_chunks
from narrate.script import build_script

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _is_episode_json(path: Path) -> bool:
    """The episode's own JSON, not its chapters or its JSON transcript beside it."""
    return path.suffix == ".json" and not path.name.endswith((".chapters.json", ".transcript.json"))


@pytest.fixture
def pages(seed_path: Path, article_txt: Path, short_txt: Path) -> list[Path]:
    """Four articles with titles of their own, in three formats."""
    return [seed_path, article_txt, short_txt, FIXTURES / "clean" / "article.md"]


def test_a_folder_lists_its_article_files_by_name(tmp_path: Path) -> None:
    for name in ("b.html", "a.txt", "c.md", "d.HTM", "notes.json", "e.png"):
        (tmp_path / name).write_text("x")
    (tmp_path / "sub.txt").mkdir()
    assert [Path(s).name for s in batch_sources(tmp_path)] == ["a.txt", "b.html", "c.md", "d.HTM"]


def test_a_list_file_names_one_article_per_line_relative_to_itself(tmp_path: Path) -> None:
    listing = tmp_path / "lists" / "today.txt"
    listing.parent.mkdir()
    listing.write_text("# morning\n\n  one.txt \n../two.html\n/abs/three.md\n   # indented comment\n")
    assert batch_sources(listing) == [
        str(listing.parent / "one.txt"),
        str(listing.parent / "../two.html"),
        "/abs/three.md",
    ]


def test_an_unreadable_article_is_reported_and_the_others_are_written(
    render_cli, pages: list[Path], tmp_path: Path
) -> None:
    listing = tmp_path / "list.txt"
    missing = tmp_path / "gone.txt"
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n")
    listing.write_text("\n".join(str(p) for p in [pages[0], missing, pages[1], empty, pages[2]]))
    out = tmp_path / "out"
    result = render_cli(
        "batch", listing, "--engine", "fake", "-o", out, "--cache-dir", tmp_path / "c", "-j", "1"
    )
    assert result.exit_code == 1, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("narrate: error:")]
    assert len(errors) == 2
    assert str(missing) in errors[0] and str(empty) in errors[1]
    # the file names, in input order, of the three articles that worked
    listed = [Path(line) for line in result.stdout.splitlines()]
    episodes = [json.loads(p.read_text()) for p in listed if _is_episode_json(p)]
    assert [e["source"] for e in episodes] == [str(pages[0]), str(pages[1]), str(pages[2])]
    assert all(p.exists() for p in listed)
    summary = result.stderr.strip().splitlines()[-1]
    assert summary.startswith("narrate: 3 of 5 articles narrated,") and "minutes of audio" in summary
    assert "2 failed" in summary and str(missing) in summary


def test_a_batch_that_works_exits_0_and_says_how_much_audio_it_made(
    render_cli, pages: list[Path], tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for page in pages:
        (folder / page.name).write_bytes(page.read_bytes())
    result = render_cli("batch", folder, "--engine", "fake", "-o", tmp_path / "out", "--no-cache", "-j", "2")
    assert result.exit_code == 0, result.output
    records = [json.loads(p.read_text()) for p in (tmp_path / "out").glob("*.json") if _is_episode_json(p)]
    minutes = sum(r["duration"] for r in records) / 60
    assert len(records) == 4
    assert f"4 of 4 articles narrated, {minutes:.1f} minutes of audio" in result.stderr


def test_address_without_ray_is_a_usage_error(render_cli, seed_path: Path, tmp_path: Path) -> None:
    result = render_cli("render", seed_path, "--engine", "fake", "-o", tmp_path, "--address", "auto")
    assert result.exit_code == 2
    assert "--executor ray" in result.output


class _FailsFor(InlineExecutor):
    """Renders inline, except the chunks of one text, whose future holds an engine error."""

    def __init__(self, word: str) -> None:
        self.word = word
        self.submitted = self.failed = 0

    def submit(self, job: ChunkJob) -> Future[ChunkAudio]:
        self.submitted += 1
        if any(self.word in segment.text for segment in job.segments):
            self.failed += 1
            future: Future[ChunkAudio] = Future()
            future.set_exception(EngineError("the engine stopped on this text\ntraceback we never show"))
            return future
        return super().submit(job)


def test_a_render_that_fails_is_reported_by_article_and_the_rest_render_and_rerun_from_cache(
    fake_voices, pages: list[Path], tmp_path: Path
) -> None:
    options = RenderOptions(out_dir=tmp_path / "out", cache_dir=tmp_path / "cache")
    sources = [str(p) for p in pages]
    heard: list[int] = []
    failing = _FailsFor("seawall")  # a word of the harbor article only
    report = narrate_batch(sources, options, voices=fake_voices, executor=failing,
                           on_result=lambda index, _result: heard.append(index))  # fmt: skip
    assert report.failures == (Failure(sources[1], "the engine stopped on this text"),)
    assert [r.source for r in report.records] == [sources[0], sources[2], sources[3]]
    assert sorted(heard) == [0, 1, 2, 3]
    assert failing.submitted > 0

    again = _FailsFor("no such word in any of them")
    rerun = narrate_batch(sources, options, voices=fake_voices, executor=again)
    assert not rerun.failures and len(rerun.records) == 4
    # the rerun rendered the chunks that had failed, and nothing else (the cache had the rest)
    assert again.submitted == failing.failed > 0
    first_time = {r.source: r.duration_s for r in report.records}
    assert all(first_time[r.source] == r.duration_s for r in rerun.records if r.source in first_time)


class _LastFirst:
    """Holds every chunk until the last one is submitted, then finishes them newest first."""

    def __init__(self, expected: int) -> None:
        self.expected = expected
        self.held: list[tuple[ChunkJob, Future[ChunkAudio]]] = []

    def submit(self, job: ChunkJob) -> Future[ChunkAudio]:
        future: Future[ChunkAudio] = Future()
        self.held.append((job, future))
        if len(self.held) == self.expected:
            for held, waiting in reversed(self.held):
                waiting.set_result(InlineExecutor().submit(held).result())
        return future


def test_articles_of_one_title_are_named_in_input_order_whatever_finishes_first(
    fake_voices, article_txt: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.txt"
    copy.write_text(
        article_txt.read_text(encoding="utf-8") + "\nOne more line of its own.\n", encoding="utf-8"
    )
    sources = [str(article_txt), str(copy)]  # one headline, two files
    counting = _FailsFor("no such word")
    options = RenderOptions(out_dir=tmp_path / "in-order", cache_dir=None)
    in_order = narrate_batch(sources, options, voices=fake_voices, executor=counting)
    reversed_run = narrate_batch(sources, RenderOptions(out_dir=tmp_path / "reversed", cache_dir=None),
                                 voices=fake_voices, executor=_LastFirst(counting.submitted))  # fmt: skip
    assert [r.slug for r in in_order.records] == [r.slug for r in reversed_run.records]
    assert in_order.records[1].slug == in_order.records[0].slug + "-2"


class _Queue:
    """An executor that wants ``capacity`` chunks queued and finishes them one at a time on a
    thread of its own; it notes the most it ever held unfinished."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.held: queue.Queue[list[tuple[ChunkJob, Future[ChunkAudio]]]] = queue.Queue()
        self.unfinished = self.most = 0
        self.lock = threading.Lock()
        threading.Thread(target=self._work, daemon=True).start()

    def submit(self, job: ChunkJob) -> Future[ChunkAudio]:
        return self._hold([job])[0]

    def _hold(self, jobs: Sequence[ChunkJob]) -> list[Future[ChunkAudio]]:
        """One unit of work (a chunk, or a task of several), a future per chunk."""
        unit = [(job, Future[ChunkAudio]()) for job in jobs]
        with self.lock:
            self.unfinished += 1
            self.most = max(self.most, self.unfinished)
        self.held.put(unit)
        return [future for _, future in unit]

    def _work(self) -> None:
        while True:
            unit = self.held.get()
            audio = [InlineExecutor().submit(job).result() for job, _ in unit]
            with self.lock:
                self.unfinished -= 1
            for (_, future), done in zip(unit, audio, strict=True):
                future.set_result(done)


def test_a_batch_keeps_no_more_chunks_in_flight_than_the_executor_wants(
    fake_voices, pages: list[Path], tmp_path: Path
) -> None:
    sources = [str(p) for p in pages] * 3
    options = RenderOptions(out_dir=tmp_path / "out", cache_dir=None)
    per_script = [len(plan_chunks(build_script(load_article(s), fake_voices))) for s in sources]
    executor = _Queue(capacity=2)
    report = narrate_batch(sources, options, voices=fake_voices, executor=executor)
    assert len(report.records) == len(sources)
    # a script is sent whole, and the next one only once fewer than `capacity` chunks wait
    assert executor.most <= executor.capacity - 1 + max(per_script) < sum(per_script)


# --- the output folder: one batch at a time ---------------------------------------------------------


def test_a_second_batch_into_a_folder_a_batch_holds_stops_before_any_work(
    render_cli, pages: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folder is held by another process (a raw lock on it, as another batch's): this batch
    fails with one clear line, renders nothing and writes nothing."""
    import fcntl

    from narrate.output import folder_lock

    monkeypatch.setattr(folder_lock, "BATCH_WAIT_S", 0.3)
    listing = tmp_path / "list.txt"
    listing.write_text("\n".join(map(str, pages)))
    out, cache = tmp_path / "out", tmp_path / "cache"
    out.mkdir()
    handle = os.open(out, os.O_RDONLY)
    fcntl.flock(handle, fcntl.LOCK_EX)
    try:
        result = render_cli("batch", listing, "--engine", "fake", "-o", out, "--cache-dir", cache, "-j", "1")
    finally:
        os.close(handle)
    assert result.exit_code == 1, result.output
    assert result.stderr.strip() == (
        f"narrate: error: {out}: another narrate batch is writing into this folder; wait for it to end, "
        "or write this batch into another folder"
    )
    assert list(out.iterdir()) == [] and not cache.exists()
    again = render_cli("batch", listing, "--engine", "fake", "-o", out, "--cache-dir", cache, "-j", "1")
    assert again.exit_code == 0, again.output  # the folder is free again


def test_a_batch_holds_its_folder_between_episodes_too(
    fake_voices, pages: list[Path], tmp_path: Path
) -> None:
    """Whenever the batch reports an episode, another holder (another open handle, as another
    process would have) cannot take the folder; once the batch ends, it can."""
    import fcntl

    out = tmp_path / "out"
    taken_by_other: list[bool] = []

    def try_to_take(_index: int, _result: object) -> None:
        handle = os.open(out, os.O_RDONLY)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            taken_by_other.append(True)
        except BlockingIOError:
            taken_by_other.append(False)
        finally:
            os.close(handle)

    options = RenderOptions(out_dir=out, cache_dir=None)
    report = narrate_batch([str(p) for p in pages], options, voices=fake_voices, on_result=try_to_take)
    assert len(report.records) == len(pages)
    assert taken_by_other == [False] * len(pages)
    try_to_take(0, None)
    assert taken_by_other[-1] is True


def test_another_thread_waits_for_the_folder_a_batch_thread_holds(tmp_path: Path) -> None:
    """The lock is the holding thread's to take again, not the whole process's."""
    from narrate.output.folder_lock import batch_lock, folder_lock

    out = tmp_path / "out"
    order: list[str] = []
    with batch_lock(out):
        with folder_lock(out, timeout_s=1):  # the holder again: at once
            order.append("holder wrote")
        writer = threading.Thread(target=lambda: _write_under_lock(out, order))
        writer.start()
        writer.join(timeout=0.5)
        assert writer.is_alive()  # waiting for the batch
        order.append("batch ended")
    writer.join(timeout=10)
    assert order == ["holder wrote", "batch ended", "other thread wrote"]


def _write_under_lock(out: Path, order: list[str]) -> None:
    from narrate.output.folder_lock import folder_lock

    with folder_lock(out, timeout_s=10):
        order.append("other thread wrote")


# --- work units for executors that want them ----------------------------------------------------------


class _InTasks(InlineExecutor):
    """Takes chunks in tasks of about ``task_words`` words (as the Ray executor does) and notes
    each task's chunks."""

    def __init__(self, task_words: int) -> None:
        self.task_words = task_words
        self.tasks: list[list[str]] = []  # chunk keys

    def submit_task(self, jobs: Sequence[ChunkJob]) -> list[Future[ChunkAudio]]:
        self.tasks.append([job.key for job in jobs])
        return [self.submit(job) for job in jobs]


def test_an_executor_gets_short_articles_whole_and_long_ones_in_parts_and_the_episodes_are_the_same(
    fake_voices, pages: list[Path], tmp_path: Path
) -> None:
    sources = [str(p) for p in pages]
    in_chunks = narrate_batch(sources, RenderOptions(out_dir=tmp_path / "chunks", cache_dir=None),
                              voices=fake_voices)  # fmt: skip
    executor = _InTasks(task_words=120)
    in_tasks = narrate_batch(sources, RenderOptions(out_dir=tmp_path / "tasks", cache_dir=None),
                             voices=fake_voices, executor=executor)  # fmt: skip
    assert [(r.slug, r.duration_s, r.chapters) for r in in_tasks.records] == [
        (r.slug, r.duration_s, r.chapters) for r in in_chunks.records
    ]
    for name in ("chapters", "transcript"):
        for record in in_tasks.records:
            file = getattr(record.files, name)
            assert (tmp_path / "tasks" / file).read_text() == (tmp_path / "chunks" / file).read_text()

    options = RenderOptions(cache_dir=None)
    task_of = {key: n for n, task in enumerate(executor.tasks) for key in task}
    cut = 0
    for source in sources:
        jobs = _jobs_for(plan_chunks(build_script(load_article(source), fake_voices)), fake_voices, options)
        words = {job.key: sum(count_words(s.text) for s in job.segments) for job in jobs}
        tasks = {task_of[job.key] for job in jobs}
        assert all(set(executor.tasks[n]) <= set(words) for n in tasks)  # a task is of one article
        if sum(words.values()) <= executor.task_words:
            assert len(tasks) == 1  # a short article: one task
        else:
            cut += 1
            assert 1 < len(tasks) <= -(-sum(words.values()) // executor.task_words)
            longest = max(words.values())
            for n in tasks:
                assert sum(words[key] for key in executor.tasks[n]) < executor.task_words + longest
    assert cut and cut < len(sources)  # both kinds were there


class _TaskQueue(_Queue):
    """A ``_Queue`` of tasks of about ``task_words`` words: ``capacity`` counts tasks, and it says
    how many it holds (``queued``), as a task executor does."""

    task_words = 60

    @property
    def queued(self) -> int:
        return self.unfinished

    def submit(self, job: ChunkJob) -> Future[ChunkAudio]:
        raise AssertionError("chunks come in tasks")

    def submit_task(self, jobs: Sequence[ChunkJob]) -> list[Future[ChunkAudio]]:
        return self._hold(jobs)


def test_a_batch_keeps_no_more_tasks_in_flight_than_the_executor_wants(
    fake_voices, pages: list[Path], tmp_path: Path
) -> None:
    sources = [str(p) for p in pages] * 3
    options = RenderOptions(out_dir=tmp_path / "out", cache_dir=None)
    executor = _TaskQueue(capacity=2)
    report = narrate_batch(sources, options, voices=fake_voices, executor=executor)
    assert len(report.records) == len(sources)
    words = []
    for source in sources:
        jobs = _jobs_for(plan_chunks(build_script(load_article(source), fake_voices)), fake_voices, options)
        words.append(sum(count_words(s.text) for job in jobs for s in job.segments))
    most_of_one_script = max(-(-w // executor.task_words) for w in words)
    # a script is sent whole, and the next one only once fewer than `capacity` tasks wait
    assert executor.most <= executor.capacity - 1 + most_of_one_script
    assert most_of_one_script > 1  # the articles were cut into tasks
