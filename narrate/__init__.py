"""narrate: offline article narration into podcast episodes.

    >>> from pathlib import Path
    >>> from narrate import build_script, load_article, render, write
    >>> script = build_script(load_article("seeds/000_c7231357d1905d75.txt"))
    >>> [episode] = render(script)
    >>> record = write(episode, Path("output"))

or the whole path at once: ``narrate(["article.txt"])``. The public names load on first use, so
``narrate clean`` never pays for the audio stack.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_PUBLIC = {
    # the stages, composed
    "load_article": "narrate.clean",
    "parse_article": "narrate.clean",
    "build_script": "narrate.script",
    "build_briefing": "narrate.script",
    "render": "narrate.api",
    "write": "narrate.api",
    "narrate": "narrate.api",
    "build_feed": "narrate.publish.feed",
    "open_server": "narrate.publish.serve",
    "voices_report": "narrate.api",
    "load_voices": "narrate.voices",
    "load_lexicon": "narrate.speakable",
    "RenderOptions": "narrate.options",
    # the model types
    "Article": "narrate.model",
    "Heading": "narrate.model",
    "Script": "narrate.model",
    "ScriptChapter": "narrate.model",
    "Segment": "narrate.model",
    "Part": "narrate.model",
    "Episode": "narrate.model",
    "EpisodeAudio": "narrate.model",
    "Chapter": "narrate.model",
    "Cue": "narrate.model",
    "EpisodeRecord": "narrate.output.record",
    "VoiceSet": "narrate.voices",
    "VoiceProfile": "narrate.voices",
    # where chunks render
    "ChunkExecutor": "narrate.rendering.executor",
    "InlineExecutor": "narrate.rendering.executor",
    # every error
    "NarrateError": "narrate.errors",
    "InputError": "narrate.errors",
    "EngineError": "narrate.errors",
    "VoiceError": "narrate.errors",
    "AudioError": "narrate.errors",
    "OutputError": "narrate.errors",
    "FeedError": "narrate.errors",
    "ServeError": "narrate.errors",
}
__all__ = ["__version__", *_PUBLIC]


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        return getattr(importlib.import_module(_PUBLIC[name]), name)
    raise AttributeError(f"module 'narrate' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
