"""The text toolkit, the first stage: one sentence splitter and the word lists every stage shares."""

from narrate.text.abbreviations import ABBREVIATIONS, TITLES
from narrate.text.calendar import MONTH_NAMES, MONTH_NUMBERS, MONTHS, WEEKDAYS
from narrate.text.names import HONORIFICS, NAME_PARTICLES, NAME_SUFFIXES
from narrate.text.numbers import NUMBER
from narrate.text.sentences import (
    FULL_STOPS,
    Sentence,
    ends_like_sentence,
    sentence_end,
    sentence_start,
    sentences,
    split_sentences,
)
from narrate.text.words import STOP_WORDS, stem, tokens

__all__ = [
    "ABBREVIATIONS",
    "FULL_STOPS",
    "HONORIFICS",
    "MONTHS",
    "MONTH_NAMES",
    "MONTH_NUMBERS",
    "NAME_PARTICLES",
    "NAME_SUFFIXES",
    "NUMBER",
    "STOP_WORDS",
    "TITLES",
    "WEEKDAYS",
    "Sentence",
    "ends_like_sentence",
    "sentence_end",
    "sentence_start",
    "sentences",
    "split_sentences",
    "stem",
    "tokens",
]
