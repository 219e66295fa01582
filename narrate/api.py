"""The library's front door: every command of the CLI is one of these functions."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Executor
from pathlib import Path

from narrate.clean import load_article
from narrate.engines import EngineVoice
from narrate.model import Article, Episode, Script
from narrate.render import Progress, RenderOptions, render_scripts
from narrate.script import build_briefing, build_script
from narrate.speakable import load_lexicon
from narrate.voices import VoiceSet, load_voices


def voice_set(
    voices_dir: Path | None = None, engine: str | None = None, rate_wpm: int | None = None
) -> VoiceSet:
    voices = load_voices(voices_dir)
    if engine:
        voices = voices.with_engine(engine)
    if rate_wpm:
        voices = voices.with_rate(rate_wpm)
    return voices


def script_for(article: Article, voices: VoiceSet | None = None, lexicon_file: Path | None = None) -> Script:
    return build_script(article, voices or load_voices(), load_lexicon(lexicon_file))


def narrate(
    sources: Sequence[str],
    options: RenderOptions | None = None,
    *,
    voices: VoiceSet | None = None,
    lexicon_file: Path | None = None,
    progress: Progress | None = None,
    briefing: str | None = None,
    on_episode: Callable[[Episode], None] | None = None,
    pool: Executor | None = None,
) -> list[Episode]:
    """Clean, script and render each source into its episode files; all inputs are read first.

    With ``briefing``, all sources become one episode of that name (an intro, then an article per chapter).
    """
    voices = voices or load_voices()
    lexicon = load_lexicon(lexicon_file)
    articles = [load_article(source) for source in sources]  # every input is checked before any audio
    scripts: Iterable[Script] = (build_script(article, voices, lexicon) for article in articles)
    if briefing:
        scripts = [build_briefing(briefing, list(scripts), voices, lexicon)]
    return render_scripts(scripts, voices, options or RenderOptions(), progress, on_episode, pool)


def engine_voices(engine: str = "espeak") -> list[EngineVoice]:
    from narrate.render.synth import engine_for

    return engine_for(engine).voices()
