"""Initialisms and acronyms (the "letters" class): "U.S." and "ICBM" are written "U.S.",
"I.C.B.M." so that eSpeak says the letters' names ("A B C" gives the "A" as a schwa), while
acronyms said as words ("NATO", "KOSPI") and words set in capitals ("IAAF WORLD MARATHON CUP",
"NEW YORK") are left to be read as words.
"""

from __future__ import annotations

import gzip
import importlib.util
import re
from functools import lru_cache
from pathlib import Path

# Acronyms a person says as a word even though a rule would spell them.
SAID_AS_WORDS = frozenset(
    {
        "NATO",
        "NASA",
        "OPEC",
        "ASEAN",
        "UNESCO",
        "UNICEF",
        "FIFA",
        "NAFTA",
        "AIDS",
        "COVID",
        "KOSPI",
        "KOSDAQ",
        "THAAD",
        "SWIFT",
        "OSCE",
        "KIDA",
        "NEET",
        "SEAL",
        "SEALS",
        "CAT",
        "GIF",
        "JPEG",
        "RAM",
        "ROM",
        "LED",
        "LIDAR",
        "RADAR",
        "SONAR",
        "SCUD",
        "AUKUS",
        "BRICS",
        "ANZUS",
        "CENTCOM",
        "NORAD",
        "INTERPOL",
        "EUROPOL",
        "FRONTEX",
        "HAMAS",
    }
)
# Short all-capital words that are ordinary words shouted, not initialisms.
_PLAIN_WORDS = frozenset({"A", "I", "OK"})

_ONSETS = frozenset(
    {
        "B",
        "BL",
        "BR",
        "C",
        "CH",
        "CL",
        "CR",
        "D",
        "DR",
        "F",
        "FL",
        "FR",
        "G",
        "GL",
        "GR",
        "H",
        "J",
        "K",
        "KH",
        "KL",
        "KR",
        "L",
        "M",
        "N",
        "P",
        "PH",
        "PL",
        "PR",
        "QU",
        "R",
        "S",
        "SC",
        "SCH",
        "SH",
        "SK",
        "SL",
        "SM",
        "SN",
        "SP",
        "SPL",
        "SPR",
        "SQU",
        "SCR",
        "SHR",
        "ST",
        "STR",
        "SW",
        "T",
        "TH",
        "THR",
        "TR",
        "TW",
        "V",
        "W",
        "WH",
        "WR",
        "Y",
        "Z",
        "ZH",
        "GN",
        "KN",
    }
)
_CODAS = frozenset(
    {
        "B",
        "CH",
        "CK",
        "CT",
        "D",
        "F",
        "FT",
        "G",
        "GH",
        "K",
        "KS",
        "L",
        "LD",
        "LF",
        "LK",
        "LL",
        "LM",
        "LP",
        "LT",
        "M",
        "MP",
        "N",
        "NC",
        "ND",
        "NG",
        "NK",
        "NS",
        "NT",
        "P",
        "PS",
        "PT",
        "R",
        "RB",
        "RC",
        "RD",
        "RF",
        "RG",
        "RK",
        "RL",
        "RM",
        "RN",
        "RP",
        "RS",
        "RT",
        "S",
        "SH",
        "SK",
        "SP",
        "SS",
        "ST",
        "T",
        "TH",
        "TS",
        "TT",
        "V",
        "W",
        "X",
        "Y",
        "Z",
    }
)
_VOWEL_RUNS = re.compile(r"([AEIOUY]+)")
# A Y between vowels is a consonant ("TOYOTA", "KAYAK").
_RE_CONSONANT_Y = re.compile(r"(?<=[AEIOU])Y(?=[AEIOU])")


def _sounds_like_word(token: str, shortest: int = 4) -> bool:
    """A rough English phonotactics check: a legal onset, vowels separated by at most two
    consonants (or three that end in a legal onset, "SENTRA"), a legal coda. "KOSPI" and
    "TOYOTA" pass; "ICBM", "KCNA", "FBI" do not; tokens shorter than ``shortest`` never do."""
    if len(token) < shortest:
        return False
    parts = _VOWEL_RUNS.split(_RE_CONSONANT_Y.sub("J", token))
    if len(parts) < 3 or any(len(v) > 2 for v in parts[1::2]):
        return False
    onset, *middles, coda = parts[0::2]
    if onset and onset not in _ONSETS:
        return False
    if coda and coda not in _CODAS:
        return False
    return all(0 < len(c) <= 2 or (len(c) == 3 and c[1:] in _ONSETS) for c in middles)


def _spell(letters: str) -> str:
    # Dotted capitals are eSpeak's cue to say letter names: "A B C" reads the "A" as a schwa.
    return ".".join(letters.upper()) + "."


def _acronym(m: re.Match[str]) -> str:
    token, suffix = m[1], m[2]
    if token in _PLAIN_WORDS or token in SAID_AS_WORDS or _sounds_like_word(token):
        return m[0]
    if len(token) >= 5 and token.lower() in _word_ranks():
        return m[0]  # a longer common word set in capitals for emphasis ("BUILDS", "NEVER")
    # "I.C.B.M.s" would end in "em-ess"; "I.C.B.M.'s" ends in "emz" as a person says it.
    return _spell(token) + ("'s" if suffix else "")


@lru_cache(maxsize=1)
def _word_ranks() -> dict[str, int]:
    """The 10,000 commonest English words by rank (wordninja's Wikipedia frequency list, read on
    first use)."""
    spec = importlib.util.find_spec("wordninja")
    if spec is None or spec.origin is None:
        return {}
    path = Path(spec.origin).parent / "wordninja" / "wordninja_words.txt.gz"
    ranks: dict[str, int] = {}
    if not path.is_file():  # another wordninja layout: capitals are then read by shape alone
        return ranks
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            ranks[line.strip()] = len(ranks)
            if len(ranks) == 10_000:
                break
    return ranks


def _shouted(m: re.Match[str]) -> str:
    """In a line set in capitals, a token that is neither a common word nor sayable is still an
    initialism ("IAAF WORLD MARATHON CUP", "TNT BUILDS LEAD"); names stay ("BY PARK HYUN-JU, LIM
    JEONG-WON")."""
    token, suffix = m[1], m[2]
    if token in _PLAIN_WORDS or token in SAID_AS_WORDS or token.lower() in _word_ranks():
        return m[0]
    if len(token) < 3 or len(token) > 5 or _sounds_like_word(token, shortest=3):
        return m[0]
    return _spell(token) + ("'s" if suffix else "")


_RE_DOTTED = re.compile(r"(?<![\w.])(?![ap]\.m\.)((?:[A-Za-z]\.){2,})(?=[-/\s\"')\],;:!?]|$)")
_RE_ACRONYM = re.compile(r"(?<![\w'’])([A-Z]{2,6})(s|'s)?(?!\w)")
_RE_CAPS_WORD = re.compile(r"\b[A-Z]{2,}\b")
_RE_WORD = re.compile(r"\b[A-Za-z]{2,}\b")
# A spelled initialism's own last period also ends the sentence: "the ADC." is not "A.D.C..".
_RE_DOUBLE_PERIOD = re.compile(r"(?<=\b[A-Z]\.)\.(?!\.)")
# "PC-16", "U.S.-led": the hyphen joins, it is not said ("P.C.- sixteen" reads oddly).
_RE_HYPHEN_AFTER = re.compile(r"(?<=\b[A-Z]\.)-\s*(?=\w)")


def _dotted(m: re.Match[str]) -> str:
    return _spell(m[1].replace(".", ""))


def spell_initialisms(text: str) -> str:
    """ "U.S." and "ICBM" spelled letter by letter; pronounceable acronyms left as words."""
    text = _RE_DOTTED.sub(_dotted, text)
    text = _RE_DOUBLE_PERIOD.sub("", text)
    # In a line set in capitals (a headline, a byline) capitals do not mark initialisms, nor in a
    # phrase set in capitals inside a sentence ("... nominees: OUTSTANDING WRITING IN A SERIES").
    if len(_RE_CAPS_WORD.findall(text)) * 2 > len(_RE_WORD.findall(text)) >= 3:
        text = _RE_ACRONYM.sub(_shouted, text)
    else:
        text = _spell_outside_runs(text)
    text = _RE_DOUBLE_PERIOD.sub("", text)
    return _RE_HYPHEN_AFTER.sub(" ", text)


# Two or more words in capitals in a row.
_RE_CAPS_RUN = re.compile(r"(?<![\w'’.])[A-Z]{2,}(?:['’]s)?(?:[ ,:-]+[A-Z]{2,}(?:['’]s)?(?![\w'’.])){1,}")
# Two words in capitals are words when both are among the commonest ("NEW YORK", "GET OUT").
_VERY_COMMON_RANK = 1_000


def _keep(m: re.Match[str]) -> str:
    return m[0]


def _spell_outside_runs(text: str) -> str:
    """Initialisms spelled, except in runs of words in capitals that are mostly common words."""
    pieces, done = [], 0
    for m in _RE_CAPS_RUN.finditer(text):
        words = re.findall(r"[A-Z]+", m[0])
        if len(words) == 2:
            ranks = _word_ranks()
            plain = all(
                len(w) > 2 and ranks.get(w.lower(), _VERY_COMMON_RANK) < _VERY_COMMON_RANK for w in words
            )
            rule = _keep if plain else _shouted if any(w.lower() in ranks for w in words) else _acronym
        else:
            common = sum(w.lower() in _word_ranks() for w in words if len(w) > 2)
            rule = _shouted if common * 2 >= len(words) else _acronym
        pieces += [_RE_ACRONYM.sub(_acronym, text[done : m.start()]), _RE_ACRONYM.sub(rule, m[0])]
        done = m.end()
    pieces.append(_RE_ACRONYM.sub(_acronym, text[done:]))
    return "".join(pieces)
