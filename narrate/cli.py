"""The command line: a thin click layer over narrate's library functions.

Exit status: 0 done; 1 the input or the environment is at fault (one line on stderr, no
traceback unless --debug); 2 usage error (click); 130 interrupted.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import signal
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from narrate import __version__
from narrate.errors import NarrateError

if TYPE_CHECKING:
    from narrate.batch import BatchReport, Failure
    from narrate.options import RenderOptions
    from narrate.output.record import EpisodeRecord
    from narrate.rendering.executor import ChunkExecutor
    from narrate.voices import VoiceSet

log = logging.getLogger("narrate")


def _setup_logging(verbose: int, debug: bool) -> None:
    level = logging.DEBUG if debug else logging.INFO if verbose else logging.WARNING
    logging.basicConfig(level=level, format="narrate: %(levelname)s: %(message)s", stream=sys.stderr)


@contextmanager
def _errors(debug: bool) -> Iterator[None]:
    """Turn NarrateError and Ctrl-C into one line on stderr and the documented exit status."""
    try:
        yield
    except NarrateError as exc:
        if debug:
            raise
        click.echo(f"narrate: error: {exc}", err=True)
        sys.exit(1)
    except BrokenPipeError:
        # The reader of our output went away (`narrate ... | head`): nothing left to tell.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    except OSError as exc:
        # The environment failed under us (disk full, permissions): say what, in one line.
        if debug:
            raise
        where = f"{exc.filename}: " if exc.filename else ""
        click.echo(f"narrate: error: {where}{exc.strerror or exc}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("narrate: interrupted; finished segments are kept in the cache", err=True)
        sys.exit(130)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="narrate")
@click.option("-v", "--verbose", count=True, help="Say more about what happens (on stderr).")
@click.option("--debug", is_flag=True, help="Show tracebacks and debug logging.")
@click.pass_context
def cli(ctx: click.Context, verbose: int, debug: bool) -> None:
    """Narrate news articles into podcast episodes, offline."""
    _setup_logging(verbose, debug)
    ctx.obj = {"debug": debug}


def _debug(ctx: click.Context) -> bool:
    return bool(ctx.obj and ctx.obj.get("debug"))


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


def _progress_bar(enabled: bool) -> tuple[Callable[[int, int], None] | None, Callable[[], None]]:
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


_RENDER_OPTIONS = [
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
    for option in reversed(_RENDER_OPTIONS):
        command = option(command)
    return command


@cli.command()
@click.argument("articles", nargs=-1, required=True)
@render_options
@click.option(
    "--briefing", metavar="NAME", help="Render all ARTICLEs as one episode NAME, a chapter per article."
)
@click.pass_context
def render(ctx: click.Context, articles: tuple[str, ...], briefing: str | None, **settings: Any) -> None:
    """Render each ARTICLE (text copy, HTML or Markdown; - for stdin) into an episode.

    Writes DIR/<slug>.mp3 (ID3 chapters), <slug>.chapters.json, <slug>.vtt, <slug>.transcript.json,
    <slug>.srt and <slug>.json, and with --format the M4B, M4A or WAV beside the MP3.
    """
    from narrate.api import narrate

    with _errors(_debug(ctx)):
        run = _RenderRun(**settings)
        options, voices = run.options(), run.voices()
        update, close = _progress_bar(run.progress)

        def finished(record: EpisodeRecord) -> None:
            for name in record.file_names():
                click.echo(str(run.out_dir / name))

        # Workers start first: they load the audio stack while this process reads the articles.
        with run.start(options, voices, batch=len(articles) > 1) as executor:
            try:
                narrate(articles, options, voices=voices, lexicon_file=run.lexicon_file, progress=update,
                        briefing=briefing, on_episode=finished, executor=executor)  # fmt: skip
            finally:
                close()


@cli.command()
@click.argument("listing", metavar="LIST", type=click.Path(exists=True, path_type=Path))
@render_options
@click.pass_context
def batch(ctx: click.Context, listing: Path, **settings: Any) -> None:
    """Narrate every article LIST names (one path per line), or every article in the folder LIST.

    Each article becomes its own episode, written as soon as it is rendered; the file names are
    listed in input order. An article that fails is reported with its error and the batch goes
    on (exit status 1 at the end); running the batch again renders only what is missing.
    """
    from narrate.batch import batch_sources, narrate_batch

    with _errors(_debug(ctx)):
        run = _RenderRun(**settings)
        options, voices = run.options(), run.voices()
        sources = batch_sources(listing)
        if not sources:
            raise click.UsageError(f"{listing} names no articles (.txt, .html, .htm, .md)")
        report = _BatchReporter(run.out_dir, len(sources), run.progress)
        started = time.perf_counter()
        with run.start(options, voices, batch=True) as executor:
            try:
                result = narrate_batch(sources, options, voices=voices, lexicon_file=run.lexicon_file,
                                       executor=executor, on_result=report.result)  # fmt: skip
            finally:
                report.close()
        report.summary(result, time.perf_counter() - started)
        if result.failures:
            sys.exit(1)


@dataclass(frozen=True)
class _RenderRun:
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
        if self.address and self.executor != "ray":
            raise click.UsageError("--address needs --executor ray")
        options = _render_options(self.out_dir, self.cache_dir, self.no_cache, self.jobs, self.target_lufs,
                                  self.bitrate_kbps, self.audio_format)  # fmt: skip
        return dataclasses.replace(options, show=self.show, cover=self.cover)

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


class _BatchReporter:
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


def _render_options(
    out_dir: Path,
    cache_dir: Path | None,
    no_cache: bool,
    jobs: int | None,
    target_lufs: float,
    bitrate_kbps: str,
    audio_format: str,
) -> RenderOptions:
    """The command's options as RenderOptions: one worker per core unless --jobs says otherwise."""
    from narrate.audio.encode import Mp3Settings
    from narrate.options import RenderOptions, available_cores, default_cache_dir

    return RenderOptions(
        out_dir=out_dir,
        cache_dir=None if no_cache else cache_dir or default_cache_dir(),
        jobs=jobs or available_cores(),
        target_lufs=target_lufs,
        mp3=Mp3Settings(bitrate_kbps=int(bitrate_kbps)),
        audio_format=audio_format,
    )


@cli.command()
@click.argument("articles", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="JSON Lines: one object per article, in input order.")
@click.pass_context
def clean(ctx: click.Context, articles: tuple[str, ...], as_json: bool) -> None:
    """Print the cleaned article: title, byline and body paragraphs only."""
    from narrate.clean import load_article

    with _errors(_debug(ctx)):
        for source in articles:
            article = load_article(source)
            if as_json:
                click.echo(json.dumps(article.to_json(), ensure_ascii=False))
            else:
                click.echo(article.title + "\n")
                if article.byline:
                    click.echo(f"By {article.byline}\n")
                click.echo("\n\n".join(article.body_blocks()) + "\n")


@cli.command()
@click.argument("article")
@click.option("--json", "as_json", is_flag=True, help="The script as one JSON object.")
@voices_option
@lexicon_option
@click.pass_context
def script(
    ctx: click.Context, article: str, as_json: bool, voices_dir: Path | None, lexicon_file: Path | None
) -> None:
    """Show what will be spoken, in which voice, before any audio is made."""
    from narrate.clean import load_article
    from narrate.script import build_script, script_as_json
    from narrate.speakable import load_lexicon
    from narrate.voices import load_voices

    with _errors(_debug(ctx)):
        built = build_script(load_article(article), load_voices(voices_dir), load_lexicon(lexicon_file))
        if as_json:
            click.echo(json.dumps(script_as_json(built), ensure_ascii=False))
            return
        for chapter in built.chapters:
            click.echo(f"## {chapter.title}")
            for segment in chapter.segments:
                who = f"{segment.voice}" + (f" ({segment.speaker})" if segment.speaker else "")
                click.echo(f"[{segment.kind}, {who}] {segment.text}")
            click.echo("")


@cli.command()
@voices_option
@click.pass_context
def voices(ctx: click.Context, voices_dir: Path | None) -> None:
    """List the voice profiles and whether each engine voice is available here."""
    from narrate.api import voices_report

    with _errors(_debug(ctx)):
        report = voices_report(voices_dir)
        groups = [("", report.profiles)]
        groups += [
            (f"with --engine {name} (voices/{name}/):", found)
            for name, found in report.engine_profiles.items()
        ]
        for header, statuses in groups:
            if header:
                click.echo(header)
            for status in statuses:
                p = status.profile
                state = "available" if status.available else "MISSING"
                gender = f", {p.gender}" if p.gender else ""
                click.echo(
                    f"{p.name:<10} {p.role:<8} {p.engine}:{p.voice_id:<24} "
                    f"{p.rate_wpm} wpm, pitch {p.pitch}{gender}  [{state}]  {p.description}"
                )
        for name, count in report.engine_voices.items():
            if name in report.problems:
                click.echo(f"{name}: no voices here ({report.problems[name]})")
            elif name in report.voice_names:
                click.echo(
                    f"{name}: {count} engine voices on this machine: {', '.join(report.voice_names[name])}"
                )
            else:
                click.echo(f"{name}: {count} engine voices on this machine")


@cli.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option(
    "--base-url", required=True, help="Where the folder will be served, e.g. https://example.org/pod/."
)
@click.option("--title", help="Podcast title.")
@click.option("--author", help="Podcast author (itunes:author).")
@click.option("--image", "image_url", help="Cover image URL (default: a generated cover.png).")
@click.option("--description", help="Podcast description.")
@click.option("--language", help="Feed language, ISO 639 (default: the episodes').")
@click.option("--owner-name", help="itunes:owner name (default: the author); needs --owner-email.")
@click.option("--owner-email", help="itunes:owner e-mail, where Apple and podcast:locked reach the owner.")
@click.option(
    "--locked/--unlocked",
    default=None,
    help="podcast:locked yes/no: whether other podcast hosts may import the feed (default: no tag).",
)
@click.option(
    "--enclosure",
    type=click.Choice(["mp3", "m4a"]),
    default="mp3",
    show_default=True,
    help="The audio each item publishes (M4A: AAC as audio/mp4); other formats rendered are offered "
    "as podcast:alternateEnclosure.",
)
@click.pass_context
def feed(
    ctx: click.Context,
    folder: Path,
    base_url: str,
    title: str | None,
    author: str | None,
    image_url: str | None,
    description: str | None,
    language: str | None,
    owner_name: str | None,
    owner_email: str | None,
    locked: bool | None,
    enclosure: str,
) -> None:
    """Write FOLDER/feed.xml (and index.html) for the episodes rendered into FOLDER."""
    from narrate.publish.feed import build_feed

    with _errors(_debug(ctx)):
        path = build_feed(
            folder,
            base_url=base_url,
            title=title,
            author=author,
            image_url=image_url,
            description=description,
            language=language,
            owner_name=owner_name,
            owner_email=owner_email,
            locked=locked,
            enclosure=enclosure,
        )
        click.echo(str(path))


@cli.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to listen on; 0.0.0.0 for the network."
)
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port (0: any free)."
)
@click.pass_context
def serve(ctx: click.Context, folder: Path, host: str, port: int) -> None:
    """Serve FOLDER over HTTP for podcast apps and browsers (Ctrl-C stops)."""
    from narrate.publish.serve import feed_command, feed_points_here, open_server

    with _errors(_debug(ctx)):
        server = open_server(folder, host=host, port=port)
    click.echo(f"Serving {folder} at {server.url} (Ctrl-C stops)")
    points_here = feed_points_here(folder, server.url)
    if points_here is None:
        click.echo(
            f"No feed.xml yet; write it (and the pages) for this address: {feed_command(folder, server.url)}"
        )
    elif points_here:
        click.echo(f"Feed: {server.url}feed.xml (to rebuild it: {feed_command(folder, server.url)})")
    else:
        click.echo(f"feed.xml links another address; for this one run: {feed_command(folder, server.url)}")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("Stopped.")
    finally:
        server.server_close()


def _terminate(signum: int, frame: object) -> None:
    # A kill (SIGTERM) cleans up like Ctrl-C: temporary files removed, workers stopped.
    raise KeyboardInterrupt


def main() -> None:
    signal.signal(signal.SIGTERM, _terminate)
    cli(prog_name="narrate")
