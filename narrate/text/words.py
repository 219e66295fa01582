"""Words of running text: tokens, stop words and a light stemmer for comparing wordings."""

from __future__ import annotations

import re
from functools import lru_cache

# Initialisms ("U.S."), or words with inner apostrophes and hyphens ("Jong-un", "it’s").
TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W_]+(?:[’'\-][^\W_]+)*")
POSSESSIVE = re.compile(r"[’']s$")
CONTRACTION = re.compile(r"[’'](?:s|re|ll|ve|d|m|t)$")

# Function words and the commonest reporting words: what says nothing about a text's topic.
STOP_WORDS = frozenset(
    """a about above according across after again against ago ahead all almost along also although am
    among an and another any are around as at be because been before behind being below beside
    between beyond both but by can could did do does doing down during each either even ever
    every few for from further had has have having he her here hers herself him himself his how
    however i if in including inside into is it its itself just last least less like likely made
    make many may me meanwhile might more most much must my near need next no nor not now of off
    on once one only onto or other our ours out outside over own past per rather said same say
    saying says several she should since so some still such than that the their them themselves
    then there these they this those though through throughout thus time times to told too
    toward under until up upon us very via was we were what when where whether which while who
    whom whose why will with within without would year years yet you your""".split()  # noqa: SIM905 - a word list reads better as text
)

_SUFFIXES = (
    "ations",
    "ation",
    "ments",
    "ment",
    "ings",
    "ing",
    "ies",
    "ied",
    "ers",
    "er",
    "ed",
    "es",
    "s",
    "ly",
)
_MIN_STEM = 4


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """``word`` lower-cased without a possessive and one common suffix ("ministers" -> "minist"),
    leaving a stem of at least four letters: enough to match "sanction" with "sanctions"."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            return word[: -len(suffix)]
    return word
