"""Narrating a batch (``narrate batch``): many articles, each its own episode, each failure its own.

Articles are read and scripted one at a time as the executor has room, so a list of any length
keeps only a few in memory; each episode is written as soon as its last chunk is rendered. An
article that cannot be read, rendered or written is reported with its one-line error and the
batch goes on. The cache makes a rerun render only what is missing. The batch holds the output
folder's lock from start to end, so two batches never write into one folder at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from narrate.assemble import assemble, episode_guid
from narrate.clean import load_article
from narrate.errors import InputError, NarrateError
from narrate.model import Script
from narrate.options import RenderOptions
from narrate.output.episode_files import write_episode
from narrate.output.folder_lock import batch_lock
from narrate.output.names import claim_slug
from narrate.output.record import EpisodeRecord
from narrate.rendering import ChunkExecutor, Progress, render_chunks
from narrate.rendering.workers import local_executor
from narrate.script import build_script
from narrate.speakable import load_lexicon
from narrate.voices import VoiceSet, load_voices

ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".md")


@dataclass(frozen=True)
class Failure:
    """An article the batch could not narrate: where it came from and why, in one line."""

    source: str
    error: str


@dataclass(frozen=True)
class BatchReport:
    """What a batch made: the episodes written and the articles that failed, both in input order."""

    records: tuple[EpisodeRecord, ...]
    failures: tuple[Failure, ...]

    @property
    def duration_s(self) -> float:
        return sum(record.duration_s for record in self.records)


# Told of each article as it is finished: its index in the input and its record or failure.
OnResult = Callable[[int, EpisodeRecord | Failure], None]


def batch_sources(listing: Path) -> list[str]:
    """The articles a batch list names: a folder's article files by name, or a file's lines.

    In a list file, blank lines and lines starting with ``#`` are skipped, and a relative path is
    taken from the list's own folder, so a list and its articles can move together.
    """
    if listing.is_dir():
        return sorted(
            str(p) for p in listing.iterdir() if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
        )
    try:
        lines = listing.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{listing}: cannot read the batch list ({exc})") from exc
    names = [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
    return [str(listing.parent / name) for name in names]


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def narrate_batch(
    sources: Sequence[str],
    options: RenderOptions | None = None,
    *,
    voices: VoiceSet | None = None,
    lexicon_file: Path | None = None,
    executor: ChunkExecutor | None = None,
    progress: Progress | None = None,
    on_result: OnResult | None = None,
) -> BatchReport:
    """Clean, script, render and write each source into ``options.out_dir``, going on past failures.

    The batch holds the output folder for its whole run (``batch_lock``): another batch into it
    fails at once, and a render into it waits until this one ends.
    """
    options = options or RenderOptions()
    voices = voices or load_voices()
    with batch_lock(options.out_dir):
        if executor is None and options.jobs > 1:
            with local_executor(options.jobs, [p.engine for p in voices.profiles], batch=True) as pool:
                return _narrate(sources, options, voices, lexicon_file, pool, progress, on_result)
        return _narrate(sources, options, voices, lexicon_file, executor, progress, on_result)


def _narrate(
    sources: Sequence[str],
    options: RenderOptions,
    voices: VoiceSet,
    lexicon_file: Path | None,
    executor: ChunkExecutor | None,
    progress: Progress | None,
    on_result: OnResult | None,
) -> BatchReport:
    lexicon = load_lexicon(lexicon_file)
    results: dict[int, EpisodeRecord | Failure] = {}
    script_sources: list[int] = []  # the input index of each script handed to the renderer
    script_slugs: list[str] = []  # and its file names, claimed in input order
    slugs: set[str] = set()  # every name claimed so far

    def settle(index: int, result: EpisodeRecord | Failure) -> None:
        results[index] = result
        if on_result:
            on_result(index, result)

    def scripts() -> Iterator[Script]:
        for index, source in enumerate(sources):
            try:
                script = build_script(load_article(source), voices, lexicon)
                # Names are claimed in input order, so two articles of one title get the same
                # names whatever order their renders finish in.
                slug, _ = claim_slug(
                    script.title, script.source, episode_guid(script), options.out_dir, slugs
                )
            except (NarrateError, OSError) as exc:
                settle(index, Failure(source, _one_line(exc)))
                continue
            slugs.add(slug)
            script_sources.append(index)
            script_slugs.append(slug)
            yield script

    def failed(n: int, _script: Script, exc: Exception) -> None:
        settle(script_sources[n], Failure(sources[script_sources[n]], _one_line(exc)))

    rate = options.mp3.sample_rate_hz
    for n, script, chunks in render_chunks(scripts(), voices, options, executor, progress, failed):
        index, own = script_sources[n], script_slugs[n]
        slugs.discard(own)  # the others' names stay taken; this one is free for this episode
        try:
            episode = assemble(script, chunks, options.audio_format, rate)
            record = write_episode(episode, options.out_dir, slugs)
        except (NarrateError, OSError) as exc:
            settle(index, Failure(sources[index], _one_line(exc)))
        else:
            settle(index, record)
        finally:
            slugs.add(own)
    ordered = [results[index] for index in sorted(results)]
    return BatchReport(
        tuple(r for r in ordered if isinstance(r, EpisodeRecord)),
        tuple(r for r in ordered if isinstance(r, Failure)),
    )
