"""The same pages and settings give the same episodes whatever --jobs and the order of work.

Two renders from empty caches, each a fresh `narrate` process as a user runs it: --jobs 1 with
the pages in one order, --jobs 2 with them reversed, so each segment follows other segments in
each render. Everything but the render time must match, down to the MP3 frames.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, audio_payload, parse_vtt

PAGES = [REPO / "seeds" / "000_c7231357d1905d75.txt", FIXTURES / "harbor.txt", FIXTURES / "short.txt"]
VOLATILE = {"rendered_at", "updated_at"}  # when the file was written, not what it holds


def _render(pages: list[Path], out: Path, cache: Path, jobs: int) -> dict[str, Path]:
    # Not in-process: this process may already run eSpeak, and --jobs 2 forks its workers.
    command = [sys.executable, "-m", "narrate", "render", *pages, "-o", out, "--cache-dir", cache]
    done = subprocess.run([*map(str, command), "--jobs", str(jobs)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return {p.name.removesuffix(".mp3"): p for p in out.glob("*.mp3")}


def _episode(path: Path) -> dict[str, object]:
    meta = json.loads(path.with_suffix(".json").read_text())
    return {k: v for k, v in meta.items() if k not in VOLATILE}


@pytest.mark.espeak
def test_jobs_1_and_jobs_2_from_empty_caches_give_equal_episodes(tmp_path):
    one = _render(PAGES, tmp_path / "out1", tmp_path / "cache1", jobs=1)
    two = _render(PAGES[::-1], tmp_path / "out2", tmp_path / "cache2", jobs=2)
    assert sorted(one) == sorted(two) and len(one) == len(PAGES)
    for slug, mp3 in one.items():
        other = two[slug]
        chapters = mp3.with_name(f"{slug}.chapters.json")
        assert chapters.read_text() == other.with_name(chapters.name).read_text(), slug
        assert mp3.with_suffix(".vtt").read_text() == other.with_suffix(".vtt").read_text(), slug
        assert parse_vtt(mp3.with_suffix(".vtt").read_text())
        assert _episode(mp3) == _episode(other), slug
        assert audio_payload(mp3) == audio_payload(other), slug
    # The seed has several chapters, so their start times were compared too.
    seed = _episode(next(p for p in one.values() if p.name.startswith("ahead-of")))
    assert len(seed["chapters"]) > 2  # type: ignore[arg-type]
