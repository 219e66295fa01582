"""Text too long for one engine call, cut into pieces where a reader would pause.

Engines misbehave on long input: pyttsx3's cost grows with the square of a call's text, and
eSpeak NG crashes (SIGSEGV) on a paragraph of some 10,000 words without sentence marks (a pasted
transcript, a scraped block). So no segment's spoken text exceeds ``MAX_ENGINE_CHARS``: a longer
span is cut at sentence ends first, then at clause marks (comma, semicolon, colon, dash), then
between words, and only a single "word" longer than the bound is cut inside. Each cut carries the
pause its mark calls for, so the pieces sound like the text read whole. Text within the bound is
never cut, so ordinary paragraphs stay one engine call (and keep their cache entries).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

MAX_ENGINE_CHARS = 2000  # a long paragraph; about 60x below the text that crashed eSpeak NG
SMALLEST_LIMIT_CHARS = 60  # below this, text that still speaks too long is cut between words
PAUSE_AT_SENTENCE_CUT_MS = 300
PAUSE_AT_CLAUSE_CUT_MS = 200
PAUSE_AT_WORD_CUT_MS = 40  # about the gap between two spoken words

# Where each level cuts: the mark stays with the text before it, the spaces after it go.
_CUTS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+"), PAUSE_AT_SENTENCE_CUT_MS),
    (re.compile(r"(?<=[,;:])\s+|\s+(?=[—–]\s)|(?<=\s[—–])\s+"), PAUSE_AT_CLAUSE_CUT_MS),
    (re.compile(r"\s+"), PAUSE_AT_WORD_CUT_MS),
)


@dataclass(frozen=True)
class Piece:
    """A piece of a span: its words, and the pause after it (``None`` for the span's last piece)."""

    display: str
    text: str
    pause_after_ms: int | None


def _units(text: str, pattern: re.Pattern[str]) -> list[str]:
    units, start = [], 0
    for m in pattern.finditer(text):
        units.append(text[start : m.start() + len(m[0].rstrip())])
        start = m.end()
    units.append(text[start:])
    return [u for u in units if u]


def split_long(text: str, limit: int = MAX_ENGINE_CHARS, level: int = 0) -> list[tuple[str, int | None]]:
    """``text`` as pieces of at most ``limit`` characters, each with the pause after it.

    The last piece's pause is ``None``: what follows the text decides it.
    """
    if len(text) <= limit:
        return [(text, None)]
    if level == len(_CUTS):  # one "word" longer than the limit
        cuts = [text[start : start + limit] for start in range(0, len(text), limit)]
        return [(cut, PAUSE_AT_WORD_CUT_MS) for cut in cuts[:-1]] + [(cuts[-1], None)]
    pattern, pause = _CUTS[level]
    pieces: list[tuple[str, int | None]] = []
    run: list[str] = []
    size = 0
    for unit in _units(text, pattern):
        if run and size + 1 + len(unit) <= limit:
            run.append(unit)
            size += 1 + len(unit)
            continue
        if run:
            pieces.append((" ".join(run), pause))
            run, size = [], 0
        if len(unit) <= limit:
            run, size = [unit], len(unit)
        else:
            inner = split_long(unit, limit, level + 1)
            pieces += [*inner[:-1], (inner[-1][0], pause)]
    if run:
        pieces.append((" ".join(run), pause))
    last, _ = pieces[-1]
    pieces[-1] = (last, None)
    return pieces


def spoken_pieces(display: str, speak: Callable[[str], str], limit: int = MAX_ENGINE_CHARS) -> list[Piece]:
    """``display`` cut so that each piece's spoken form (``speak``) fits in one engine call.

    Spoken text can be longer than its display (numbers and abbreviations spelled out), so a
    piece that speaks too long is cut again, finer.
    """
    pieces: list[Piece] = []
    for shown, pause in split_long(display, limit):
        text = speak(shown)
        if len(text) > MAX_ENGINE_CHARS and limit > SMALLEST_LIMIT_CHARS and len(shown) > 1:
            finer = spoken_pieces(shown, speak, max(SMALLEST_LIMIT_CHARS, min(limit, len(shown)) // 2))
            pieces += [*finer[:-1], Piece(finer[-1].display, finer[-1].text, pause)]
        else:
            pieces.append(Piece(shown, text, pause))
    return pieces
