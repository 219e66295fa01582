"""The command line's render plumbing: the options ``render`` and ``batch`` share, the executor
they start, and what a user sees while a render or a batch runs (progress, file names, summary).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from narrate.batch import BatchReport, Failure
    from narrate.options import RenderOptions
    from narrate.output.record import EpisodeRecord
    from narrate.rendering.executor import ChunkExecutor
    from narrate.voices import VoiceSet


voices_option = click.option(
    "--voices",
    "voices_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of voice profiles (*.toml, speakers.toml) instead of the shipped ones.",
)
lexicon_option = click.option(
    "--lexicon",
    "lexicon_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Your pronunciation lexicon (TOML), applied over the shipped one.",
)


def progress_bar(enabled: bool) -> tuple[Callable[[int, int], None] | None, Callable[[], None]]:
    if not enabled or not sys.stderr.isatty():
        return None, lambda: None
    bar: Any = None

    def update(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = click.progressbar(length=total, label="Rendering", file=sys.stderr)
            bar.__enter__()
        bar.update(done - bar.pos)

    def close() -> None:
        if bar is not None:
            bar.__exit__(None, None, None)

    return update, close


RENDER_OPTIONS = [
    click.option(
        "-o",
        "--output",
        "out_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=Path("output"),
        show_default=True,
        help="Folder for the episode files.",
    ),
    click.option(
        "--cache-dir",
        type=click.Path(file_okay=False, path_type=Path),
        help="Segment cache folder (default: the user cache folder).",
    ),
    click.option("--no-cache", is_flag=True, help="Keep no cache between renders."),
    click.option(
        "-j", "--jobs", type=click.IntRange(1, 64), help="Worker processes (default: the number of cores)."
    ),
    click.option(
        "--engine",
        type=click.Choice(["espeak", "fake", "piper"]),
        envvar="NARRATE_ENGINE",
        help="Speech engine (default: each profile's); piper: the neural narrator of the neural extra, "
        "with eSpeak NG quote voices. Also read from NARRATE_ENGINE.",
    ),
    click.option(
        "--rate", "rate_wpm", type=click.IntRange(80, 450), help="Narrator speaking rate, words per minute."
    ),
    click.option(
        "--loudness",
        "target_lufs",
        type=click.FloatRange(-30, -10),
        default=-16.0,
        show_default=True,
        help="Integrated loudness target, LUFS.",
    ),
    click.option(
        "--bitrate",
        "bitrate_kbps",
        type=click.Choice(["32", "40", "48", "56", "64", "80", "96"]),
        default="48",
        show_default=True,
        help="MP3 bitrate, kbps (mono speech).",
    ),
    click.option(
        "--format",
        "audio_format",
        type=click.Choice(["mp3", "m4b", "m4a", "wav"]),
        default="mp3",
        show_default=True,
        help="Audio file: MP3 with ID3 chapters, AAC with chapters as an audiobook (M4B) or a podcast "
        "file (M4A), or WAV.",
    ),
    click.option("--show", metavar="NAME", help="The podcast's name: the audio's album and cover title."),
    click.option(
        "--cover",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="Cover image (PNG or JPEG) embedded in the audio (default: one drawn with the show's name).",
    ),
    click.option("--progress/--no-progress", default=True, help="Progress bar on stderr (terminals only)."),
    click.option(
        "--executor",
        type=click.Choice(["local", "ray"]),
        default="local",
        show_default=True,
        help="Where chunks render: local worker processes, or Ray tasks (pip install 'narrate[ray]').",
    ),
    click.option(
        "--address",
        metavar="ADDR",
        help="With --executor ray: 'auto' (a running cluster), ray://HOST:10001, or none for a local "
        "Ray with --jobs CPUs started for the run.",
    ),
    voices_option,
    lexicon_option,
]


def render_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options ``render`` and ``batch`` share."""
    for option in reversed(RENDER_OPTIONS):
        command = option(command)
    return command


@dataclass(frozen=True)
class RenderRun:
    """The options ``render`` and ``batch`` share, as the command line gave them."""

    out_dir: Path
    cache_dir: Path | None
    no_cache: bool
    jobs: int | None
    engine: str | None
    rate_wpm: int | None
    target_lufs: float
    bitrate_kbps: str
    audio_format: str
    show: str | None
    cover: Path | None
    progress: bool
    executor: str  # local | ray
    address: str | None
    voices_dir: Path | None
    lexicon_file: Path | None

    def options(self) -> RenderOptions:
        """The command's options as RenderOptions: one worker per core unless --jobs says otherwise."""
        from narrate.audio.encode import Mp3Settings
        from narrate.options import RenderOptions, available_cores, default_cache_dir

        if self.address and self.executor != "ray":
            raise click.UsageError("--address needs --executor ray")
        return RenderOptions(
            out_dir=self.out_dir,
            cache_dir=None if self.no_cache else self.cache_dir or default_cache_dir(),
            jobs=self.jobs or available_cores(),
            target_lufs=self.target_lufs,
            mp3=Mp3Settings(bitrate_kbps=int(self.bitrate_kbps)),
            audio_format=self.audio_format,
            show=self.show,
            cover=self.cover,
        )

    def voices(self) -> VoiceSet:
        from narrate.voices import load_voices

        return load_voices(self.voices_dir, engine=self.engine, rate_wpm=self.rate_wpm)

    @contextmanager
    def start(self, options: RenderOptions, voices: VoiceSet, batch: bool) -> Iterator[ChunkExecutor]:
        """Local workers (``--jobs``), or Ray: the cluster at ``--address``, or a local Ray of
        ``--jobs`` CPUs."""
        if self.executor == "ray":
            from narrate.rendering.ray_executor import ray_executor

            engines = tuple(dict.fromkeys(profile.engine for profile in voices.profiles))
            with ray_executor(self.address, options.jobs, engines) as on_ray:
                yield on_ray
            return
        from narrate.rendering.workers import local_executor

        # Even --jobs 1 renders in a worker process, so an engine that crashes cannot take this
        # one down: the crash is reported (and retried once) with the paragraph it happened in.
        with local_executor(options.jobs, [p.engine for p in voices.profiles], batch, isolated=True) as local:
            yield local


class BatchReporter:
    """A batch as the user sees it: the file names in input order on stdout, each failure on
    stderr as it happens, a progress bar over articles and minutes of audio, and a summary."""

    def __init__(self, out_dir: Path, total: int, progress: bool) -> None:
        self.out_dir = out_dir
        self.waiting: dict[int, EpisodeRecord | Failure] = {}
        self.listed = 0
        self.minutes = 0.0
        self.failed = 0
        self.bar: Any = None
        if progress and sys.stderr.isatty():
            self.bar = click.progressbar(length=total, label="Narrating", file=sys.stderr,
                                         item_show_func=lambda text: text)  # fmt: skip
            self.bar.__enter__()

    def result(self, index: int, result: EpisodeRecord | Failure) -> None:
        from narrate.batch import Failure

        if isinstance(result, Failure):
            self.failed += 1
            named = result.error.startswith(result.source)  # input errors name their file already
            click.echo(f"narrate: error: {'' if named else result.source + ': '}{result.error}", err=True)
        else:
            self.minutes += result.duration_s / 60
        if self.bar is not None:
            failed = f", {self.failed} failed" if self.failed else ""
            self.bar.update(1, f"{self.minutes:.1f} min of audio{failed}")
        self.waiting[index] = result
        while self.listed in self.waiting:
            done = self.waiting.pop(self.listed)
            self.listed += 1
            if not isinstance(done, Failure):
                for name in done.file_names():
                    click.echo(str(self.out_dir / name))

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None

    def summary(self, report: BatchReport, wall_s: float) -> None:
        total = len(report.records) + len(report.failures)
        line = (f"narrate: {len(report.records)} of {total} articles narrated, "
                f"{report.duration_s / 60:.1f} minutes of audio in {wall_s:.1f} s")  # fmt: skip
        if report.failures:
            line += f"; {len(report.failures)} failed: " + ", ".join(f.source for f in report.failures[:10])
            line += ", ..." if len(report.failures) > 10 else ""
        click.echo(line, err=True)
