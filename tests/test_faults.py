"""Fault injection (issue 20): damaged cache entries, crashing and killed workers, a full disk,
concurrent renders into one folder, and signals at random moments.

Each case asserts that nothing already finished is lost (episodes in the folder, entries in the
cache) and that a rerun finishes. Renders use the fake engine, in subprocesses (what a user runs),
the engine crashes included: their narrate process patches the fake engine to crash on cue.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import psutil
import pytest
from test_reliability import (  # the render helpers and sample articles of the bad-input table
    ARTICLE,
    EPISODE_SUFFIXES,
    OTHER_ARTICLE,
    REPO,
    SEED,
    _audio,
    _reap,
    _start,
    assert_episode_files,
    cache_entries,
    everything_in,
    render_cmd,
    run,
)

from narrate.clean import load_article
from narrate.output.names import slugify
from narrate.rendering.cache import MAGIC

SLUG = "harbor-town-votes-to-rebuild-its-seawall"
THIRD_ARTICLE = """Library opens its doors at night

The town library will stay open until midnight on weekdays from next month, the council said on Monday.

"Students asked for a quiet place to work after dark," said the librarian, Maria Chen.
"""


@pytest.fixture
def long_article(tmp_path) -> Path:
    """The seed with its body repeated 4 times (each copy marked, so no chunk repeats)."""
    head, body = SEED.read_text(encoding="utf-8").split("\n", 1)
    copies = [body.replace(". ", f". Part {n}. ", 1) for n in range(1, 5)]
    path = tmp_path / "long.txt"
    path.write_text(head + "\n" + "\n\n".join(copies), encoding="utf-8")
    return path


def _final_files(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in everything_in(out) if not name.startswith(".")}


def _complete_episodes(out: Path) -> set[str]:
    """The slugs in ``out``, each checked to be a whole episode (no partial one may exist)."""
    names = [n for n in everything_in(out) if not n.startswith(".")]
    others = tuple(suffix for suffix in EPISODE_SUFFIXES if suffix.endswith(".json") and suffix != ".json")
    slugs = {n.removesuffix(".json") for n in names if n.endswith(".json") and not n.endswith(others)}
    for slug in slugs:
        assert_episode_files(out, slug)
    assert sorted(names) == sorted(slug + suffix for slug in slugs for suffix in EPISODE_SUFFIXES)
    return slugs


def _entries_are_whole(cache: Path) -> None:
    """Every entry in the cache passes its checksum: a kill never leaves a torn one behind."""
    for entry in cache_entries(cache):
        blob = (cache / entry).read_bytes()
        head = len(MAGIC) + 32
        assert blob[: len(MAGIC)] == MAGIC and hashlib.sha256(blob[head:]).digest() == blob[len(MAGIC) : head]


# --- damaged cache entries -----------------------------------------------------------------------


DAMAGES = ("truncate", "flip", "garbage", "header")


def _damage(blob: bytes, how: str, rng: random.Random) -> bytes:
    if how == "truncate":
        return blob[: rng.randrange(len(blob))]
    if how == "garbage":
        return rng.randbytes(len(blob))
    position = rng.randrange(len(MAGIC) + 32) if how == "header" else rng.randrange(len(blob))
    return blob[:position] + bytes([blob[position] ^ (1 << rng.randrange(8))]) + blob[position + 1 :]


def test_cache_entries_damaged_anywhere_are_rendered_again_and_reported_once(tmp_path):
    article = tmp_path / "harbor.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out, cache = tmp_path / "out", tmp_path / "cache"
    assert run(render_cmd(article, out, cache, "--jobs", "1")).returncode == 0
    first = (out / f"{SLUG}.mp3").read_bytes()
    rng = random.Random(1)
    for n, entry in enumerate(sorted(cache_entries(cache))):  # each kind of damage, at seeded places
        path = cache / entry
        path.write_bytes(_damage(path.read_bytes(), DAMAGES[n % len(DAMAGES)], rng))
    done = run(render_cmd(article, tmp_path / "again", cache, "--jobs", "2"))
    assert done.returncode == 0, done.stderr
    assert _audio((tmp_path / "again" / f"{SLUG}.mp3").read_bytes()) == _audio(first)
    warnings = done.stderr.splitlines()
    assert all("is corrupt; rendering it again" in line for line in warnings), warnings
    assert len(warnings) == len(set(warnings))  # each damaged entry is reported once
    _entries_are_whole(cache)


# --- an engine that crashes ----------------------------------------------------------------------

CRASH_WORDS = "storms broke twice"  # in the first body paragraph of ARTICLE


CRASHING_RENDER = textwrap.dedent(
    """
    import faulthandler, os, resource, signal, sys
    from pathlib import Path

    from narrate.engines.fake import FakeEngine

    words, times, marker = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
    real = FakeEngine.synthesize

    def synthesize(self, text, profile):
        if words in text:
            crashes = len(marker.read_text()) if marker.exists() else 0
            if times < 0 or crashes < times:
                marker.write_text("x" * (crashes + 1))
                faulthandler.disable()  # no traceback dump: just the crash
                resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # and no core file
                os.kill(os.getpid(), signal.SIGSEGV)
        return real(self, text, profile)

    FakeEngine.synthesize = synthesize
    from narrate.cli import main

    sys.argv = ["narrate", *sys.argv[4:]]
    main()
    """
)


def _render_with_crashes(article: Path, out: Path, cache: Path, jobs: int, times: int, marker: Path):
    """Render with a fake engine that dies of SIGSEGV on CRASH_WORDS (the first ``times`` calls;
    every call for a negative ``times``), registered in the narrate process the test starts."""
    cmd = [sys.executable, "-c", CRASHING_RENDER, CRASH_WORDS, str(times), str(marker)]
    return run(cmd + render_cmd(article, out, cache, "--jobs", jobs)[3:])


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_engine_that_crashes_twice_on_a_paragraph_is_reported_with_it(tmp_path, jobs):
    article = tmp_path / "harbor.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out, cache, marker = tmp_path / "out", tmp_path / "cache", tmp_path / "crashes"
    done = _render_with_crashes(article, out, cache, jobs, -1, marker)
    assert done.returncode == 1, done.stderr  # narrate itself lives on: its worker died
    assert marker.read_text() == "xx"  # tried once more, not again and again
    errors = [line for line in done.stderr.splitlines() if line.startswith("narrate: error:")]
    assert len(errors) == 1, done.stderr
    assert "crashed twice" in errors[0] and "SIGSEGV" in errors[0]
    assert "Harbor town votes to rebuild its seawall" in errors[0]  # the article
    assert "The town council voted on Tuesday to rebuild" in errors[0]  # the paragraph
    assert "goes on from there" not in errors[0]  # no promise that a rerun would finish
    assert "Traceback" not in done.stderr
    assert everything_in(out) == []
    mended = run(render_cmd(article, out, cache, "--jobs", jobs))  # the engine is mended: a rerun finishes
    assert mended.returncode == 0, mended.stderr
    assert_episode_files(out, SLUG)


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_engine_that_crashes_once_is_tried_again_and_the_render_finishes(tmp_path, jobs):
    article = tmp_path / "harbor.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    done = _render_with_crashes(article, out, tmp_path / "cache", jobs, 1, tmp_path / "crashes")
    assert done.returncode == 0, done.stderr
    warnings = done.stderr.splitlines()
    assert len(warnings) == 1 and "crashed on" in warnings[0] and "rendering it again" in warnings[0]
    assert "The town council voted on Tuesday" in warnings[0]
    assert_episode_files(out, SLUG)


# --- a worker killed mid-chunk -------------------------------------------------------------------


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_worker_killed_mid_render_is_replaced_and_the_render_finishes(tmp_path, long_article, jobs):
    out, cache = tmp_path / "out", tmp_path / "cache"
    proc = _start(render_cmd(long_article, out, cache, "--jobs", jobs), tmp_path)
    workers: list[psutil.Process] = []
    seen: list[psutil.Process] = []
    try:
        deadline = time.monotonic() + 60
        while not workers or not (cache.exists() and cache_entries(cache)):
            assert proc.poll() is None, (tmp_path / "stderr").read_text()
            assert time.monotonic() < deadline
            workers = psutil.Process(proc.pid).children()
            time.sleep(0.01)
        workers[0].kill()  # a chunk is in progress: the render has cached some, not all
        seen = workers
        assert proc.wait(timeout=120) == 0, (tmp_path / "stderr").read_text()
    finally:
        proc.kill()
        _reap(seen, 0)
    assert "Traceback" not in (tmp_path / "stderr").read_text()
    assert _complete_episodes(out) == {slugify(load_article(str(long_article)).title)}
    _entries_are_whole(cache)


# --- disk full during the final write ------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path):
    """A 16 MB tmpfs mounted for the test (root only; skipped where it cannot be mounted)."""
    mount = tmp_path / "small"
    mount.mkdir()
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a tmpfs needs root")
    command = ["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(mount)]
    done = subprocess.run(command, capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(disk: Path, leave_bytes: int) -> Path:
    """Fill ``disk`` up to ``leave_bytes`` of free space; the file that does so."""
    filler = disk / "filler"
    with open(filler, "wb", buffering=0) as fh:
        try:
            while True:
                fh.write(bytes(64 * 1024))
        except OSError:
            pass
    stat = os.statvfs(disk)
    free = stat.f_bavail * stat.f_frsize
    os.truncate(filler, max(0, filler.stat().st_size - max(0, leave_bytes - free)))
    return filler


def test_disk_full_during_the_final_write_keeps_what_was_there(tmp_path, small_disk, long_article):
    out, cache = small_disk / "out", tmp_path / "cache"  # the cache is on another disk
    article = tmp_path / "harbor.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    assert run(render_cmd(article, out, cache, "--jobs", "1")).returncode == 0
    before = _final_files(out)
    filler = _fill(small_disk, leave_bytes=64 * 1024)  # less than the long episode needs
    done = run(render_cmd(long_article, out, cache, "--jobs", "2"))
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and "No space left on device" in lines[0], lines
    assert everything_in(out) == sorted(before) and _final_files(out) == before  # nothing lost, no scraps
    filler.unlink()
    again = run(render_cmd(long_article, out, cache, "--jobs", "2", verbose=True))
    assert again.returncode == 0, again.stderr
    cached = re.search(r"(\d+) of (\d+) chunks cached", again.stderr)
    assert cached and cached[1] == cached[2], again.stderr  # the render was kept
    assert _complete_episodes(out) == {SLUG, slugify(load_article(str(long_article)).title)}


# --- concurrent renders into one folder ----------------------------------------------------------


@pytest.mark.parametrize("count", [2, 3])
def test_concurrent_renders_into_one_folder_all_land(tmp_path, count):
    texts = [ARTICLE, OTHER_ARTICLE, THIRD_ARTICLE][:count]
    if count == 3:  # two of them share a title, so their slugs race too
        texts[1] = ARTICLE.split("\n", 1)[0] + "\n" + OTHER_ARTICLE.split("\n", 1)[1]
    paths = []
    for n, text in enumerate(texts):
        paths.append(tmp_path / f"article-{n}.txt")
        paths[-1].write_text(text, encoding="utf-8")
    out, cache = tmp_path / "out", tmp_path / "cache"
    procs = [
        subprocess.Popen(render_cmd(path, out, cache, "--jobs", "1"), cwd=REPO, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
        for path in paths
    ]  # fmt: skip
    for proc in procs:
        stdout, stderr = proc.communicate(timeout=120)
        assert proc.returncode == 0, stderr
        assert len(stdout.splitlines()) == len(EPISODE_SUFFIXES)
    slugs = _complete_episodes(out)
    assert len(slugs) == count
    sources = {json.loads((out / f"{slug}.json").read_text(encoding="utf-8"))["source"] for slug in slugs}
    assert sources == {str(p) for p in paths}
    _entries_are_whole(cache)


# --- signals at random moments -------------------------------------------------------------------


def test_sigint_and_sigkill_at_random_moments_lose_nothing_and_a_rerun_finishes(tmp_path, long_article):
    """A seeded, bounded loop: each round starts a render and interrupts it after a random delay."""
    rng = random.Random(20)
    out, cache = tmp_path / "out", tmp_path / "cache"
    article = tmp_path / "harbor.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    assert run(render_cmd(article, out, cache, "--jobs", "1")).returncode == 0
    kept = _final_files(out)  # an episode already there must survive every round
    entries: set[Path] = set()
    for _ in range(5):
        sig = rng.choice([signal.SIGINT, signal.SIGKILL])
        proc = _start(render_cmd(long_article, out, cache, "--jobs", rng.choice([1, 2])), tmp_path)
        children: list[psutil.Process] = []
        try:
            time.sleep(rng.uniform(0.2, 2.5))
            children = psutil.Process(proc.pid).children(recursive=True) if proc.poll() is None else []
            proc.send_signal(sig)
            status = proc.wait(timeout=60)
        finally:
            proc.kill()
            _reap(children, 5)
        stderr = (tmp_path / "stderr").read_text()
        assert "Traceback" not in stderr
        assert status in (0, 130, -signal.SIGKILL), stderr
        assert {name: data for name, data in _final_files(out).items() if name in kept} == kept
        _complete_episodes(out)  # whatever is there is whole
        _entries_are_whole(cache)
        assert entries <= cache_entries(cache)  # finished work stays
        entries = cache_entries(cache)
    done = run(render_cmd(long_article, out, cache, "--jobs", "2"))
    assert done.returncode == 0, done.stderr
    assert _complete_episodes(out) == {SLUG, slugify(load_article(str(long_article)).title)}
    assert not [name for name in everything_in(out) if name.startswith(".")]  # scraps cleared
