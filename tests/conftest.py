"""Shared fixtures for the core suite: fixture articles, the fake voice set, a CLI runner, audio helpers."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import signal
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner, Result

from narrate.cli import cli
from narrate.voices import VoiceSet, load_voices

REPO = Path(__file__).resolve().parent.parent

# A shell without job control starts background commands with Ctrl-C ignored, and the commands the
# tests start would inherit that: the tests that interrupt a render or a server would then see it
# run on. Catching SIGINT here makes every command started from the suite begin with the default.
if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "render"


@pytest.fixture
def seed_path() -> Path:
    return REPO / "seeds" / "000_c7231357d1905d75.txt"


@pytest.fixture
def article_txt() -> Path:
    """Headline, byline, dateline, six paragraphs, two quoted speakers (one female, one male)."""
    return FIXTURES / "harbor.txt"


@pytest.fixture
def article_md() -> Path:
    return FIXTURES / "harbor.md"


@pytest.fixture
def article_html() -> Path:
    return FIXTURES / "harbor.html"


@pytest.fixture
def short_txt() -> Path:
    """Two paragraphs, one quote: for the few real-eSpeak renders."""
    return FIXTURES / "short.txt"


@pytest.fixture
def fake_voices() -> VoiceSet:
    return load_voices(engine="fake")


@pytest.fixture
def render_cli() -> Callable[..., Result]:
    """Invoke ``narrate`` in-process; returns click's Result (exit_code, stdout, stderr)."""

    def invoke(*args: object, input: str | bytes | None = None) -> Result:
        runner = CliRunner()
        return runner.invoke(cli, [str(a) for a in args], input=input, catch_exceptions=True)

    return invoke


# What `narrate render` writes per episode: audio, chapters JSON, VTT, JSON and SRT transcripts, metadata.
EPISODE_FILES = 6


def ffmpeg() -> str:
    import imageio_ffmpeg

    return str(imageio_ffmpeg.get_ffmpeg_exe())


def decode_mp3(path: Path, sample_rate_hz: int = 22050) -> np.ndarray:
    """Mono float64 samples of an audio file, decoded by the ffmpeg imageio-ffmpeg ships."""
    done = subprocess.run(
        [ffmpeg(), "-v", "error", "-nostdin", "-i", str(path), "-f", "s16le", "-ac", "1",
         "-ar", str(sample_rate_hz), "pipe:1"],
        capture_output=True, check=True,
    )  # fmt: skip
    return np.frombuffer(done.stdout, dtype="<i2").astype(np.float64) / 32768.0


def id3_size(data: bytes) -> int:
    """Bytes taken by a leading ID3v2 tag (header included), 0 when there is none."""
    if data[:3] != b"ID3":
        return 0
    size = 0
    for byte in data[6:10]:
        size = (size << 7) | (byte & 0x7F)
    return 10 + size


def audio_payload(path: Path) -> bytes:
    """An MP3 file's audio frames, without its ID3v2 tag and its Xing/Info frame."""
    from narrate.audio.encode import frame_bytes, frame_header

    data = path.read_bytes()
    data = data[id3_size(data) :]
    if b"Info" in data[:40]:
        version, bitrate, rate = frame_header(data, 0)
        data = data[frame_bytes(version, bitrate, rate, (data[2] >> 1) & 1) :]
    return data


def cache_files(root: Path) -> set[Path]:
    """Cache entries (not temporary files) under ``root``."""
    return {p.relative_to(root) for p in root.rglob("*") if p.is_file() and not p.name.startswith(".tmp-")}


_TIMING = re.compile(r"^(\d{2,}):(\d{2}):(\d{2})\.(\d{3}) --> (\d{2,}):(\d{2}):(\d{2})\.(\d{3})$")
_VOICE = re.compile(r"^<v ([^>]+)>(.*)$")


def parse_vtt(text: str) -> list[tuple[int, int, str, str]]:
    """(start ms, end ms, voice, text) per cue; asserts the WebVTT structure on the way."""
    blocks = text.strip("\n").split("\n\n")
    assert blocks[0] == "WEBVTT"
    cues = []
    for block in blocks[1:]:
        lines = block.split("\n")
        timing_at = 1 if "-->" not in lines[0] else 0
        match = _TIMING.match(lines[timing_at])
        assert match, block
        h1, m1, s1, ms1, h2, m2, s2, ms2 = (int(g) for g in match.groups())
        payload = lines[timing_at + 1 :]
        assert len(payload) == 1 and payload[0], block
        assert "-->" not in payload[0]
        voice = _VOICE.match(payload[0])
        assert voice, payload[0]
        assert not re.search(r"<(?!/?[a-z])|&(?!amp;|lt;|gt;)", voice.group(2)), payload[0]
        cues.append(
            (
                ((h1 * 60 + m1) * 60 + s1) * 1000 + ms1,
                ((h2 * 60 + m2) * 60 + s2) * 1000 + ms2,
                html.unescape(voice.group(1)),
                html.unescape(voice.group(2)),
            )
        )
    return cues


_NODE_DIR = Path(__file__).resolve().parent / "node"


def parse_with_partytime(feed: Path) -> dict[str, Any]:
    """The feed as podcast-partytime (Podcast Index's parser) reads it; skips the test when node
    or the package (`make test` installs it with npm into tests/node) is missing."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    if not (_NODE_DIR / "node_modules" / "podcast-partytime").is_dir():
        pytest.skip("podcast-partytime is not installed in tests/node (make test installs it)")
    done = subprocess.run(
        [node, str(_NODE_DIR / "parse_feed.js"), str(feed)],
        capture_output=True,
        text=True,
        env={**os.environ, "PARTYTIME_LOG": "error"},
        check=True,
    )
    parsed: dict[str, Any] = json.loads(done.stdout)
    return parsed
