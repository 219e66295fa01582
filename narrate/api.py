"""The library's front door: the stages composed, and every command of the CLI as a function.

    load_article -> build_script -> render -> write        (narrate: all of them)

A library render uses one process unless ``RenderOptions(jobs=N)`` or an executor says otherwise.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from narrate.assemble import assemble
from narrate.clean import load_article
from narrate.engines.check import VoiceReport, voice_report
from narrate.engines.registry import ENGINE_NAMES
from narrate.model import Episode, Script
from narrate.options import RenderOptions
from narrate.output.episode_files import write_episode
from narrate.output.record import EpisodeRecord
from narrate.rendering import ChunkExecutor, Progress, render_chunks
from narrate.rendering.workers import local_executor
from narrate.script import build_briefing, build_script
from narrate.speakable import load_lexicon
from narrate.voices import VoiceSet, engine_folder_profiles, load_voices


def _episodes(
    scripts: Iterable[Script],
    voices: VoiceSet,
    options: RenderOptions,
    executor: ChunkExecutor | None,
    progress: Progress | None,
) -> Iterator[tuple[int, Episode]]:
    """(script index, episode) as each script's render completes."""
    rate = options.mp3.sample_rate_hz
    if executor is None and options.jobs > 1:
        with local_executor(options.jobs, [p.engine for p in voices.profiles]) as own:
            yield from _episodes(scripts, voices, options, own, progress)
            return
    for n, script, chunks in render_chunks(scripts, voices, options, executor, progress):
        yield n, assemble(script, chunks, options.audio_format, rate)


def render(
    scripts: Script | Iterable[Script],
    voices: VoiceSet | None = None,
    options: RenderOptions | None = None,
    *,
    executor: ChunkExecutor | None = None,
    progress: Progress | None = None,
) -> list[Episode]:
    """The episode of each script (audio, chapters, cues, metadata), in memory and in order.

    ``voices`` must hold the profiles the scripts name (default: the shipped ones).
    """
    if isinstance(scripts, Script):
        scripts = [scripts]
    done = dict(_episodes(scripts, voices or load_voices(), options or RenderOptions(), executor, progress))
    return [done[n] for n in sorted(done)]


def write(
    episode: Episode, out_dir: Path = Path("output"), *, show: str | None = None, cover: Path | None = None
) -> EpisodeRecord:
    """Write ``episode``'s audio, chapters JSON, transcripts and episode JSON into ``out_dir``
    (``show``: the podcast's name, the audio's album; ``cover``: a PNG or JPEG to embed)."""
    return write_episode(episode, out_dir, show=show, cover=cover)


def narrate(
    sources: Sequence[str],
    options: RenderOptions | None = None,
    *,
    voices: VoiceSet | None = None,
    lexicon_file: Path | None = None,
    progress: Progress | None = None,
    briefing: str | None = None,
    on_episode: Callable[[EpisodeRecord], None] | None = None,
    executor: ChunkExecutor | None = None,
) -> list[EpisodeRecord]:
    """Clean, script, render and write each source into ``options.out_dir``; all inputs are read first.

    With ``briefing``, all sources become one episode of that name (an intro, then an article per
    chapter). Each episode is written as soon as it is rendered (then ``on_episode`` hears of it),
    so an interrupted batch keeps the episodes it finished.
    """
    options = options or RenderOptions()
    voices = voices or load_voices()
    lexicon = load_lexicon(lexicon_file)
    articles = [load_article(source) for source in sources]  # every input is checked before any audio
    scripts: Iterable[Script] = (build_script(article, voices, lexicon) for article in articles)
    if briefing:
        scripts = [build_briefing(briefing, list(scripts), voices, lexicon)]
    taken: set[str] = set()
    records: dict[int, EpisodeRecord] = {}
    for n, episode in _episodes(scripts, voices, options, executor, progress):
        records[n] = write_episode(
            episode,
            options.out_dir,
            taken,
            show=options.show,
            cover=options.cover,
            cache_dir=options.cache_dir,
        )
        if on_episode:
            on_episode(records[n])
    return [records[n] for n in sorted(records)]


def voices_report(voices_dir: Path | None = None) -> VoiceReport:
    """The voice profiles and whether each engine voice exists on this machine (``narrate voices``),
    with the profiles only ``--engine NAME`` brings in (voices/NAME/, such as Piper's narrator)."""
    found = {engine: engine_folder_profiles(voices_dir, engine) for engine in ENGINE_NAMES}
    return voice_report(load_voices(voices_dir), {engine: p for engine, p in found.items() if p})
