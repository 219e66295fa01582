"""The command line: a thin click layer over narrate's library functions.

Exit status: 0 done; 1 the input or the environment is at fault (one line on stderr, no
traceback unless --debug); 2 usage error (click); 130 interrupted.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from narrate import __version__
from narrate.cli_render import (
    BatchReporter,
    RenderRun,
    lexicon_option,
    progress_bar,
    render_options,
    voices_option,
)
from narrate.errors import NarrateError

if TYPE_CHECKING:
    from narrate.output.record import EpisodeRecord

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
        run = RenderRun(**settings)
        options, voices = run.options(), run.voices()
        update, close = progress_bar(run.progress)

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
    from narrate.output.folder_lock import batch_lock

    with _errors(_debug(ctx)):
        run = RenderRun(**settings)
        options, voices = run.options(), run.voices()
        sources = batch_sources(listing)
        if not sources:
            raise click.UsageError(f"{listing} names no articles (.txt, .html, .htm, .md)")
        report = BatchReporter(run.out_dir, len(sources), run.progress)
        started = time.perf_counter()
        # The folder first: a batch already writing into it stops this one before any work.
        with batch_lock(options.out_dir), run.start(options, voices, batch=True) as executor:
            try:
                result = narrate_batch(sources, options, voices=voices, lexicon_file=run.lexicon_file,
                                       executor=executor, on_result=report.result)  # fmt: skip
            finally:
                report.close()
        report.summary(result, time.perf_counter() - started)
        if result.failures:
            sys.exit(1)


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
