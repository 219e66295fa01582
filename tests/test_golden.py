"""Golden outputs: the files `narrate render` writes must not change under refactoring.

The seed article and a two-article briefing are rendered with the fake engine (deterministic);
the chapters JSON, the WebVTT transcript, the episode JSON (without its render time) and the
MP3's frame count are compared with tests/fixtures/golden/. When a deliberate change to
cleaning, scripting or timing alters them, regenerate with ``NARRATE_UPDATE_GOLDEN=1 pytest
tests/test_golden.py`` and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import REPO, audio_payload

from narrate.audio.encode import count_mp3_frames

GOLDEN = Path(__file__).resolve().parent / "fixtures" / "golden"
SEED = "seeds/000_c7231357d1905d75.txt"  # relative: the episode JSON records it
BRIEFING = ("tests/fixtures/render/harbor.txt", "tests/fixtures/render/short.txt")
VOLATILE = ("rendered_at", "updated_at")  # the clock, not the render
NOT_EPISODE_JSON = (".chapters.json", ".transcript.json")
UPDATE = os.environ.get("NARRATE_UPDATE_GOLDEN") == "1"


def _outputs(out: Path) -> dict[str, str]:
    """The compared text of one rendered episode, keyed by golden file suffix."""
    (meta_path,) = [p for p in out.glob("*.json") if not p.name.endswith(NOT_EPISODE_JSON)]
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    for key in VOLATILE:
        assert key in meta
        meta.pop(key)
    files = meta["files"]
    frames = count_mp3_frames(audio_payload(out / files["audio"]))
    return {
        "chapters.json": (out / files["chapters"]).read_text(encoding="utf-8"),
        "vtt": (out / files["transcript"]).read_text(encoding="utf-8"),
        "json": json.dumps(meta, ensure_ascii=False, indent=2) + "\n",
        "frames.txt": f"{frames}\n",
    }


def _check(name: str, outputs: dict[str, str]) -> None:
    for suffix, text in outputs.items():
        golden = GOLDEN / f"{name}.{suffix}"
        if UPDATE:
            golden.write_text(text, encoding="utf-8")
        assert text == golden.read_text(encoding="utf-8"), f"{golden.name} differs"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_seed_render_matches_golden(render_cli, tmp_path, monkeypatch, jobs):
    monkeypatch.chdir(REPO)
    out = tmp_path / "out"
    result = render_cli("render", SEED, "-o", out, "--no-cache", "--engine", "fake", "--jobs", jobs)
    assert result.exit_code == 0, (result.output, result.exception)
    _check("seed", _outputs(out))


def test_briefing_render_matches_golden(render_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(REPO)
    out = tmp_path / "out"
    result = render_cli(
        "render", *BRIEFING, "-o", out, "--no-cache",
        "--engine", "fake", "--jobs", "1", "--briefing", "Morning Brief",
    )  # fmt: skip
    assert result.exit_code == 0, (result.output, result.exception)
    _check("briefing", _outputs(out))
