"""Abbreviations, with or without their period, read by the words around them: "Lt. Gen." ->
"Lieutenant General", "St. Louis" -> "Saint Louis" but "Main St." -> "Main Street", "vol 24, no 73"
-> "volume twenty-four, number seventy-three", "Smith vs Jones" -> "versus". Initialisms are in
letters.py."""

from __future__ import annotations

import re

from narrate.text import ABBREVIATIONS, TITLES

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


def _keep_period(m: re.Match[str], word: str) -> str:
    return word + ("." if _RE_ONLY_CLOSERS_LEFT.match(m.string, m.end()) else "")


_TITLE = "|".join(sorted(TITLES, key=len, reverse=True))
_OTHER = "|".join(sorted(ABBREVIATIONS, key=len, reverse=True))
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
_RE_ONLY_CLOSERS_LEFT = re.compile(r"[\s\"')\]]*$")


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
    text = _RE_OTHER.sub(lambda m: _keep_period(m, ABBREVIATIONS[m[1]]), text)
    text = _RE_UNDOTTED_ALWAYS.sub(lambda m: UNDOTTED_ALWAYS[m[1]], text)
    text = _RE_UNDOTTED_TITLE.sub(lambda m: UNDOTTED_BEFORE_NAME[m[1]], text)
    return _RE_UNDOTTED_VOLUME.sub(lambda m: UNDOTTED_BEFORE_NUMBER[m[1]], text)
