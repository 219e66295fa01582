"""Typography, symbols and pause punctuation.

eSpeak reads quote marks, brackets and slashes as silence or as their names; a listener should
hear the words, and pauses where a reader would breathe (commas and periods, which eSpeak honours).
"""

from __future__ import annotations

import re

_TYPOGRAPHY = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "ʼ": "'",
        "′": "'",
        "`": "'",
        "“": "",
        "”": "",
        "„": "",
        "«": "",
        "»": "",
        '"': "",
        "″": "",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u2007": " ",
        "\u200b": "",
        "\u00ad": "",
        "…": "...",
        "‐": "-",
        "‑": "-",
        "⁄": "/",
        "×": " by ",
    }
)

_RE_SINGLE_QUOTE_OPEN = re.compile(r"(?<![\w.])'(?=[A-Za-z])(?!(?:em|til|n|cause|tis)\b)")
_RE_SINGLE_QUOTE_CLOSE = re.compile(r"(?<=[A-Za-z.,!?])'(?![\w])")
_RE_PAREN = re.compile(r"\s*[(\[{]\s*([^()\[\]{}]*?)\s*[)\]}]")
_RE_DASH_PAUSE = re.compile(r"\s*(?:—|–|--|\s-\s)\s*")
_RE_ELLIPSIS = re.compile(r"\s*(?:\.\s?){3,}\s*")
_RE_AND_OR = re.compile(r"\band/or\b")
_RE_WORD_SLASH = re.compile(r"(?:(?<=[A-Za-z])|(?<=[A-Z]\.))\s?/\s?(?=[A-Za-z])")
_RE_HASHTAG = re.compile(r"#(?=\w)")
_RE_AT = re.compile(r"\s?@\s?")
_RE_AMP = re.compile(r"\s?&\s?")
_RE_PERCENT = re.compile(r"\s?%")
_RE_LEFTOVER = re.compile(r"[*_|~^<>=\\{}\[\]()]+")
_RE_SPACE_BEFORE = re.compile(r"\s+([,.;:!?])")
# A comma after a sentence's full stop goes; after an initialism's period ("D.C., Boston") it stays.
_RE_REPEATED = re.compile(r"([,;:])(?:\s*[,;:])+|,\s*(?=[.!?])|(?<![A-Z]\.)(?<=[.!?])\s*,")
# Two full stops in a row ("the E.P.A.." after a bracket closed): eSpeak says "dot" for the second.
_RE_DOUBLE_STOP = re.compile(r"\.(?:\s*\.)+")
# An initial's period before a comma: eSpeak reads "A., " as the article "a"; "A, " as the letter.
_RE_INITIAL_BEFORE_COMMA = re.compile(r"(?<![\w.])([A-Z])\.(?=[,;:])")
_RE_LEADING = re.compile(r"^[\s,;:]+")
_RE_SPACES = re.compile(r"\s+")


def normalize_typography(text: str) -> str:
    """Curly quotes and apostrophes, exotic spaces and hyphens to plain ones; quote marks dropped."""
    text = text.translate(_TYPOGRAPHY)
    text = _RE_SINGLE_QUOTE_OPEN.sub("", text)
    return text


def speak_symbols(text: str) -> str:
    """&, @, / and % as words; a hashtag's # dropped ("#3" was read as "number" before)."""
    text = _RE_AND_OR.sub("and or", text)
    # "Dell/Laurel", "AC/DC", "Israel/Gaza": a reader says "slash"; "or" would change the meaning.
    text = _RE_WORD_SLASH.sub(" slash ", text)
    text = _RE_HASHTAG.sub("", text)
    text = _RE_AT.sub(" at ", text)
    text = _RE_AMP.sub(" and ", text)
    return _RE_PERCENT.sub(" percent", text)


def pauses(text: str) -> str:
    """Dashes, brackets and ellipses become commas; leftover symbols go; spacing is tidied."""
    text = _RE_PAREN.sub(lambda m: f", {m[1]}," if m[1] else "", text)
    text = _RE_DASH_PAUSE.sub(", ", text)
    text = _RE_ELLIPSIS.sub(", ", text)
    text = _RE_SINGLE_QUOTE_CLOSE.sub("", text)
    text = _RE_LEFTOVER.sub(" ", text)
    text = _RE_SPACE_BEFORE.sub(r"\1", text)
    text = _RE_REPEATED.sub(lambda m: m[1] or "", text)
    text = _RE_DOUBLE_STOP.sub(".", text)
    text = _RE_INITIAL_BEFORE_COMMA.sub(r"\1", text)
    text = _RE_SPACE_BEFORE.sub(r"\1", text)
    text = _RE_LEADING.sub("", text)
    text = _RE_SPACES.sub(" ", text).strip()
    if text.endswith((",", ";", ":")):
        text = text[:-1] if text[-2:-1] == "." else text[:-1] + "."  # "the I.H.R.," ends at its period
    return text
