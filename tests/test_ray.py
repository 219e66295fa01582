"""The Ray executor against the local pool: the same episodes, failures reported by article while
the others finish, and a rerun that renders nothing new. One local Ray (two CPUs, loopback only,
no dashboard) serves the whole module; skipped when the ``ray`` extra is not installed."""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import Future
from pathlib import Path

import pytest
from mutagen.mp3 import MP3

from narrate.batch import narrate_batch
from narrate.options import RenderOptions
from narrate.rendering.chunks import ChunkAudio, ChunkJob
from narrate.rendering.ray_executor import RayExecutor, ray_executor

ray = pytest.importorskip("ray")
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="module", autouse=True)
def local_ray() -> Iterator[None]:
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    ray.init(num_cpus=2, include_dashboard=False, _node_ip_address="127.0.0.1", log_to_driver=False,
             logging_level="error")  # fmt: skip
    try:
        yield
    finally:
        ray.shutdown()


@pytest.fixture
def pages(seed_path: Path, article_txt: Path, short_txt: Path) -> list[Path]:
    return [seed_path, article_txt, short_txt, FIXTURES / "clean" / "article.md"]


def _episodes(folder: Path) -> dict[str, dict[str, object]]:
    """Each episode's chapters JSON, transcript, episode JSON (less the time it was rendered) and
    audio duration, by slug."""
    found = {}
    for path in folder.glob("*.json"):
        if path.name.endswith((".chapters.json", ".transcript.json")):
            continue
        record = json.loads(path.read_text())
        for volatile in ("rendered_at", "updated_at"):  # the clock, not the render
            record.pop(volatile, None)
        found[record["slug"]] = {
            "record": record,
            "chapters": (folder / record["files"]["chapters"]).read_text(),
            "vtt": (folder / record["files"]["transcript"]).read_text(),
            "audio_s": MP3(folder / record["files"]["audio"]).info.length,
        }
    return found


def test_a_batch_on_ray_equals_the_local_pool(render_cli, pages: list[Path], tmp_path: Path) -> None:
    listing = tmp_path / "list.txt"
    listing.write_text("\n".join(map(str, pages)))
    common = ("--engine", "fake", "--jobs", "2", "--no-progress")
    local = render_cli("batch", listing, "-o", tmp_path / "local", "--cache-dir", tmp_path / "c1", *common)
    ray_run = ("--executor", "ray", "-o", tmp_path / "ray", "--cache-dir", tmp_path / "c2")
    on_ray = render_cli("batch", listing, *ray_run, *common)
    assert local.exit_code == 0, local.output
    assert on_ray.exit_code == 0, on_ray.output
    assert [Path(p).name for p in on_ray.stdout.split()] == [Path(p).name for p in local.stdout.split()]
    from_pool, from_ray = _episodes(tmp_path / "local"), _episodes(tmp_path / "ray")
    assert len(from_ray) == len(pages)
    assert from_ray == from_pool


def test_render_on_ray_equals_the_local_pool(render_cli, seed_path: Path, tmp_path: Path) -> None:
    for name, executor in (("local", "local"), ("ray", "ray")):
        result = render_cli("render", seed_path, "--engine", "fake", "-j", "2", "--no-cache", "--executor",
                            executor, "-o", tmp_path / name)  # fmt: skip
        assert result.exit_code == 0, result.output
    assert _episodes(tmp_path / "ray") == _episodes(tmp_path / "local")


@pytest.mark.espeak
def test_ray_workers_start_espeak_in_their_own_process(render_cli, short_txt: Path, tmp_path: Path) -> None:
    for executor in ("local", "ray"):
        result = render_cli("render", short_txt, "-j", "2", "--no-cache", "--executor", executor, "-o",
                            tmp_path / executor)  # fmt: skip
        assert result.exit_code == 0, result.output
    assert _episodes(tmp_path / "ray") == _episodes(tmp_path / "local")


class _CacheUnwritableFor(RayExecutor):
    """Ray tasks whose cache, for the chunks of one text, lies under a file: they fail on the worker."""

    def __init__(self, word: str, blocked: Path) -> None:
        super().__init__()
        self.word, self.blocked = word, blocked

    def submit_task(self, jobs: Sequence[ChunkJob]) -> list[Future[ChunkAudio]]:
        return super().submit_task([self._blocked(job) for job in jobs])

    def _blocked(self, job: ChunkJob) -> ChunkJob:
        if any(self.word in segment.text for segment in job.segments):
            return dataclasses.replace(job, cache_root=self.blocked / "cache")
        return job


def test_a_task_that_fails_is_reported_the_others_finish_and_a_rerun_renders_nothing_new(
    fake_voices, pages: list[Path], tmp_path: Path
) -> None:
    options = RenderOptions(out_dir=tmp_path / "out", cache_dir=tmp_path / "cache")
    sources = [str(p) for p in pages]
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    report = narrate_batch(sources, options, voices=fake_voices,
                           executor=_CacheUnwritableFor("seawall", blocked))  # fmt: skip
    [failure] = report.failures
    assert failure.source == sources[1]
    assert "cannot write to the cache" in failure.error and "\n" not in failure.error
    assert [r.source for r in report.records] == [sources[0], sources[2], sources[3]]

    with ray_executor() as executor:
        rerun = narrate_batch(sources, options, voices=fake_voices, executor=executor)
        assert not rerun.failures and len(rerun.records) == 4
        renders_of_the_failed_one = executor.submitted
        assert renders_of_the_failed_one > 0
    with ray_executor() as executor:
        again = narrate_batch(sources, options, voices=fake_voices, executor=executor)
        assert executor.submitted == 0
    assert [r.duration_s for r in again.records] == [r.duration_s for r in rerun.records]


def test_cancel_stops_the_tasks_still_queued(fake_voices, seed_path: Path, tmp_path: Path) -> None:
    from narrate.clean import load_article
    from narrate.rendering import _jobs_for
    from narrate.rendering.plan import plan_chunks
    from narrate.script import build_script

    options = RenderOptions(cache_dir=None)
    jobs = _jobs_for(
        plan_chunks(build_script(load_article(str(seed_path)), fake_voices)), fake_voices, options
    )
    executor = RayExecutor()
    submitted = [executor.submit(job) for job in jobs * 4]
    executor.cancel()
    assert all(future.done() for future in submitted)
    assert any(future.cancelled() for future in submitted)


def _cache_entries(cache: Path) -> list[Path]:
    return list(cache.rglob("*.mp3")) if cache.exists() else []


@pytest.mark.espeak
def test_ctrl_c_cancels_the_tasks_and_leaves_no_partial_file(seed_path: Path, tmp_path: Path) -> None:
    head, body = seed_path.read_text(encoding="utf-8").split("\n", 1)
    long = tmp_path / "long.txt"  # the seed's body ten times, each copy marked so no chunk repeats
    long.write_text(
        head + "\n" + "\n\n".join(f"{body}\n\nThis was part {n}." for n in range(10)), encoding="utf-8"
    )
    out, cache = tmp_path / "out", tmp_path / "cache"
    address = ray.get_runtime_context().gcs_address  # a second driver on the module's Ray
    command = [sys.executable, "-m", "narrate", "render", str(long), "-o", str(out), "--cache-dir",
               str(cache), "--executor", "ray", "--address", address, "--no-progress"]  # fmt: skip
    with open(tmp_path / "stderr", "wb") as stderr:
        driver = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr)
    try:
        deadline = time.monotonic() + 120
        while not _cache_entries(cache) and driver.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert driver.poll() is None, (tmp_path / "stderr").read_text()
        driver.send_signal(signal.SIGINT)
        status = driver.wait(timeout=60)
    finally:
        driver.kill()
    said = (tmp_path / "stderr").read_text()
    assert status == 130, said
    assert "interrupted" in said and "Traceback" not in said
    assert not out.exists() or list(out.iterdir()) == []  # not even a hidden temporary file
    deadline = time.monotonic() + 30  # the cancelled tasks give their CPUs back
    while ray.available_resources().get("CPU", 0) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert ray.available_resources().get("CPU", 0) == 2


def test_a_local_ray_renders_at_the_priority_of_the_command(tmp_path: Path) -> None:
    """Ray lowers its workers' priority (nice 15) by default, which puts a local Ray's renders behind
    the machine's other programs (unless the kernel groups processes by session), where the local
    pool's workers compete as equals. narrate's own local Ray keeps them at the driver's priority."""
    probe = (
        "import os, ray\n"
        "from narrate.rendering.ray_executor import ray_executor\n"
        "with ray_executor(None, 1):\n"
        "    nice = ray.remote(num_cpus=1)(lambda: os.nice(0))\n"
        "    print(os.nice(0), ray.get(nice.remote()))\n"
    )
    env = {**os.environ, "RAY_USAGE_STATS_ENABLED": "0"}
    env.pop("RAY_ADDRESS", None)
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, env=env,
                          cwd=tmp_path)  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    driver, worker = map(int, done.stdout.split())
    assert worker == driver
