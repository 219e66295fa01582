"""narrate: offline article narration into podcast episodes.

    >>> from narrate import narrate
    >>> episodes = narrate(["seeds/000_c7231357d1905d75.txt"])

The public names load on first use, so ``narrate clean`` never pays for the audio stack.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_PUBLIC = {
    "NarrateError": "narrate.errors",
    "RenderOptions": "narrate.render",
    "build_script": "narrate.script",
    "engine_voices": "narrate.api",
    "load_article": "narrate.clean",
    "narrate": "narrate.api",
    "parse_article": "narrate.clean",
    "script_for": "narrate.api",
    "voice_set": "narrate.api",
}
__all__ = ["__version__", *_PUBLIC]


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        return getattr(importlib.import_module(_PUBLIC[name]), name)
    raise AttributeError(f"module 'narrate' has no attribute {name!r}")
