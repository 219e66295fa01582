"""Abbreviations, titles and initialisms: "Lt. Gen." -> "Lieutenant General", "U.S." -> "U S",
"ICBM" -> "I C B M", while acronyms said as words ("NATO", "KIDA") are left to the engine."""

from __future__ import annotations

import gzip
import importlib.util
import re
from functools import lru_cache
from pathlib import Path

# Titles before a name: the period never ends a sentence.
TITLES = {
    "Adm": "Admiral",
    "Amb": "Ambassador",
    "Brig": "Brigadier",
    "Capt": "Captain",
    "Cmdr": "Commander",
    "Col": "Colonel",
    "Cpl": "Corporal",
    "Dr": "Doctor",
    "Gen": "General",
    "Gov": "Governor",
    "Lt": "Lieutenant",
    "Maj": "Major",
    "Mr": "Mister",
    "Mrs": "Misses",
    "Ms": "Miz",
    "Pfc": "Private First Class",
    "Pres": "President",
    "Prof": "Professor",
    "Pvt": "Private",
    "Rep": "Representative",
    "Reps": "Representatives",
    "Rev": "Reverend",
    "Sen": "Senator",
    "Sens": "Senators",
    "Sgt": "Sergeant",
    "Supt": "Superintendent",
    "Fr": "Father",
    "Hon": "Honorable",
    "Insp": "Inspector",
    "Det": "Detective",
    "Gens": "Generals",
    "Sec": "Secretary",
    "Atty": "Attorney",
}
# Abbreviations that may end a sentence: the period is kept when nothing follows.
OTHERS = {
    "Jr": "Junior",
    "Sr": "Senior",
    "vs": "versus",
    "v": "versus",
    "approx": "approximately",
    "pp": "pages",
    "Vol": "Volume",
    "vol": "volume",
    "Vols": "Volumes",
    "Fig": "Figure",
    "fig": "figure",
    "Figs": "Figures",
    "etc": "et cetera",
    "Inc": "Incorporated",
    "Corp": "Corporation",
    "Ltd": "Limited",
    "Co": "Company",
    "Dept": "Department",
    "Univ": "University",
    "Bros": "Brothers",
    "est": "established",
    "min": "minutes",
    "hrs": "hours",
    "yr": "year",
    "yrs": "years",
    "govt": "government",
    "Govt": "Government",
    "Ave": "Avenue",
    "Blvd": "Boulevard",
    "Mt": "Mount",
    "Ft": "Fort",
    "dept": "department",
}
# Abbreviations often written without their period; each is read only where its context
# leaves no other reading: always (a token no English word spells), before a capitalised name
# (titles, "Mt Eden"), or before a number ("vol 24", "no 73").
UNDOTTED_ALWAYS = {
    "vs": "versus",
    "Jr": "Junior",
    "Sr": "Senior",
    "Bros": "Brothers",
    "Ltd": "Limited",
    "Govt": "Government",
    "govt": "government",
    "pvt": "private",
    "Pvt": "Private",
    "Blvd": "Boulevard",
    "Mt": "Mount",
    "Ft": "Fort",
}
UNDOTTED_BEFORE_NAME = {
    t: TITLES[t]
    for t in (
        "Adm",
        "Amb",
        "Capt",
        "Cmdr",
        "Col",
        "Cpl",
        "Gov",
        "Lt",
        "Maj",
        "Prof",
        "Rev",
        "Sen",
        "Sgt",
        "Supt",
        "Insp",
        "Det",
        "Fr",
    )
}
UNDOTTED_BEFORE_NUMBER = {"vol": "volume", "Vol": "Volume", "vols": "volumes", "Vols": "Volumes"}

# Written forms with a fixed reading, matched case-insensitively.
FIXED = {
    "e.g.": "for example",
    "i.e.": "that is",
    "a.k.a.": "also known as",
    "cf.": "compare",
    "ph.d.": "P.H.D.",
    "y/y": "year on year",
    "y-o-y": "year on year",
    "q/q": "quarter on quarter",
    "m/m": "month on month",
}

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


def _sounds_like_word(token: str) -> bool:
    """A rough English phonotactics check: a legal onset, vowels separated by at most two
    consonants (or three that end in a legal onset, "SENTRA"), a legal coda. "KOSPI" and
    "TOYOTA" pass; "ICBM", "KCNA", "FBI" do not."""
    if len(token) < 4:
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
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            ranks[line.strip()] = len(ranks)
            if len(ranks) == 10_000:
                break
    return ranks


def _common_words() -> dict[str, int]:
    return _word_ranks()


def _shouted(m: re.Match[str]) -> str:
    """In a line set in capitals, a short token that is not a common word is still an initialism
    ("IAAF WORLD MARATHON CUP", "TNT BUILDS LEAD"); longer ones may be names ("SEOUL")."""
    token, suffix = m[1], m[2]
    if token in _PLAIN_WORDS or token in SAID_AS_WORDS or token.lower() in _common_words():
        return m[0]
    if len(token) > 4 or (len(token) == 4 and _sounds_like_word(token)):
        return m[0]
    return _spell(token) + ("'s" if suffix else "")


def _keep_period(m: re.Match[str], word: str) -> str:
    return word + ("." if _RE_ONLY_CLOSERS_LEFT.match(m.string, m.end()) else "")


_TITLE = "|".join(sorted(TITLES, key=len, reverse=True))
_OTHER = "|".join(sorted(OTHERS, key=len, reverse=True))
# A title's period goes before a name; before a word that starts a sentence ("rose to the rank
# of Lt. The next year") it ends the sentence, and the title is left as written.
_SENTENCE_OPENERS = r"(?:The|A|An|It|He|She|They|We|I|But|And|In|On|At|This|That|There|His|Her|Its|Their)\b"
_RE_TITLE = re.compile(rf"\b({_TITLE})\.(?=\s+(?!{_SENTENCE_OPENERS})(?:[A-Z(\"']|and\b|&))")
_RE_OTHER = re.compile(rf"\b({_OTHER})\.")
_RE_FIXED = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(k) for k in FIXED) + r")(?!\w)", re.IGNORECASE)
# "No. 3", "Nos. 3", "#3", "No 10"; a lower-case "no" without its period only where a list item
# or a citation starts ("vol 24, no 73"), not in "no 5-star hotels".
_RE_NUMBER_SIGN = re.compile(r"(?:(?<![\w.])(Nos?|nos?)(\.)?|#)\s?(?=\d)")
_RE_UNDOTTED_ALWAYS = re.compile(r"(?<![\w.'-])(" + "|".join(UNDOTTED_ALWAYS) + r")\b(?![.'-]\w)")
_RE_UNDOTTED_TITLE = re.compile(r"(?<![\w.'-])(" + "|".join(UNDOTTED_BEFORE_NAME) + r")(?= [A-Z][a-z])")
_RE_UNDOTTED_VOLUME = re.compile(
    r"(?<![\w.'-])(" + "|".join(UNDOTTED_BEFORE_NUMBER) + r")\b(?=\s?(?:\d|[IVXLC]+\b)|\s*[,;:)]|\s*$)"
)
# "St" after a house number and a street's name ("12 Main St") or after a capitalised word
# with no name following ("York St, London") is Street; before a name ("St. Louis") it is Saint.
_RE_STREET_AFTER_NUMBER = re.compile(r"(?<=\d )((?:[A-Z][\w'-]* ){1,3})[Ss]t\b\.?")
_RE_SAINT = re.compile(r"\bSt\b\.?\s(?=[A-Z])")
_RE_STREET = re.compile(r"\b([A-Z][\w'-]*) ([Ss]t|Ave|Rd|Blvd|Ln)\b\.?")
_STREET_WORDS = {
    "St": "Street",
    "st": "Street",
    "Ave": "Avenue",
    "Rd": "Road",
    "Blvd": "Boulevard",
    "Ln": "Lane",
}
_RE_DOTTED = re.compile(r"(?<![\w.])(?![ap]\.m\.)((?:[A-Za-z]\.){2,})(?=[-/\s\"')\],;:!?]|$)")
_RE_ACRONYM = re.compile(r"(?<![\w'’])([A-Z]{2,6})(s|'s)?(?!\w)")
_RE_CAPS_WORD = re.compile(r"\b[A-Z]{2,}\b")
_RE_WORD = re.compile(r"\b[A-Za-z]{2,}\b")
_RE_ONLY_CLOSERS_LEFT = re.compile(r"[\s\"')\]]*$")
# A spelled initialism's own last period also ends the sentence: "the ADC." is not "A.D.C..".
_RE_DOUBLE_PERIOD = re.compile(r"(?<=\b[A-Z]\.)\.(?!\.)")
# "PC-16", "U.S.-led": the hyphen joins, it is not said ("P.C.- sixteen" reads oddly).
_RE_HYPHEN_AFTER = re.compile(r"(?<=\b[A-Z]\.)-\s*(?=\w)")


def _dotted(m: re.Match[str]) -> str:
    return _spell(m[1].replace(".", ""))


def _number_sign(m: re.Match[str]) -> str:
    word = m[1]
    if (
        word
        and not m[2]
        and word.islower()
        and m.string[: m.start()].rstrip()[-1:] not in ("", ",", ";", ":", "(")
    ):
        return m[0]  # "there were no 5-star hotels"
    if word == "Nos" and not m[2]:
        return m[0]
    return "numbers " if word and word.lower() == "nos" else "number "


def expand_abbreviations(text: str) -> str:
    """Titles, "No. 3", "e.g." and other abbreviations (months aside), to words."""
    text = _RE_FIXED.sub(lambda m: FIXED[m[0].lower()], text)
    text = _RE_NUMBER_SIGN.sub(_number_sign, text)
    text = _RE_STREET_AFTER_NUMBER.sub(lambda m: m[1] + _keep_period(m, "Street"), text)
    text = _RE_SAINT.sub("Saint ", text)
    text = _RE_STREET.sub(lambda m: f"{m[1]} {_keep_period(m, _STREET_WORDS[m[2]])}", text)
    text = _RE_TITLE.sub(lambda m: TITLES[m[1]], text)
    text = _RE_OTHER.sub(lambda m: _keep_period(m, OTHERS[m[1]]), text)
    text = _RE_UNDOTTED_ALWAYS.sub(lambda m: UNDOTTED_ALWAYS[m[1]], text)
    text = _RE_UNDOTTED_TITLE.sub(lambda m: UNDOTTED_BEFORE_NAME[m[1]], text)
    return _RE_UNDOTTED_VOLUME.sub(lambda m: UNDOTTED_BEFORE_NUMBER[m[1]], text)


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
_RE_CAPS_RUN = re.compile(r"(?<![\w'’.])[A-Z]+(?:['’]s)?(?:[ ,:-]+[A-Z]+(?:['’]s)?(?![\w'’.])){1,}")
# Two words in capitals are words when both are among the commonest ("NEW YORK", "GET OUT").
_VERY_COMMON_RANK = 1_000


def _keep(m: re.Match[str]) -> str:
    return m[0]


def _spell_outside_runs(text: str) -> str:
    pieces, done = [], 0
    for m in _RE_CAPS_RUN.finditer(text):
        words = re.findall(r"[A-Z]+", m[0])
        if len(words) == 2:
            ranks = _word_ranks()
            plain = all(
                len(w) > 2 and ranks.get(w.lower(), _VERY_COMMON_RANK) < _VERY_COMMON_RANK for w in words
            )
            rule = _keep if plain else _acronym
        else:
            common = sum(w.lower() in _common_words() for w in words if len(w) > 2)
            rule = _shouted if common * 2 >= len(words) else _acronym
        pieces += [_RE_ACRONYM.sub(_acronym, text[done : m.start()]), _RE_ACRONYM.sub(rule, m[0])]
        done = m.end()
    pieces.append(_RE_ACRONYM.sub(_acronym, text[done:]))
    return "".join(pieces)
