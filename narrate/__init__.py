"""narrate: offline article narration into podcast episodes.

    >>> from narrate import load_article, script_for, narrate
    >>> episodes = narrate(["seeds/000_c7231357d1905d75.txt"])
"""

from narrate.api import engine_voices, narrate, script_for, voice_set
from narrate.clean import load_article, parse_article
from narrate.errors import NarrateError
from narrate.render import RenderOptions
from narrate.script import build_script

__version__ = "0.1.0"
__all__ = [
    "NarrateError",
    "RenderOptions",
    "__version__",
    "build_script",
    "engine_voices",
    "load_article",
    "narrate",
    "parse_article",
    "script_for",
    "voice_set",
]
