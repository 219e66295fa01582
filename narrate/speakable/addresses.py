"""Postal addresses: "1101 W. McKinley Ave" -> "1101 West McKinley Avenue", "Kansas City, MO" ->
"Kansas City, Missouri".

A street's type and its compass letters are expanded only inside an address (a house number,
then the street's name), where "Dr" is Drive and "W." is West; elsewhere the same letters are a
title or an initial. A state's code or AP abbreviation is read as the state after a place name
and a comma ("Portland, Ore.", "Austin, TX 78701").
"""

from __future__ import annotations

import re

from narrate.speakable.numbers import cardinal, digit_by_digit, year

_STREET_TYPES = {
    "St": "Street", "Ave": "Avenue", "Av": "Avenue", "Blvd": "Boulevard", "Rd": "Road", "Dr": "Drive",
    "Ln": "Lane", "Ct": "Court", "Pl": "Place", "Pkwy": "Parkway", "Hwy": "Highway", "Ter": "Terrace",
    "Cir": "Circle", "Sq": "Square", "Expy": "Expressway", "Fwy": "Freeway",
}  # fmt: skip
_COMPASS = {
    "N": "North", "S": "South", "E": "East", "W": "West",
    "NE": "Northeast", "NW": "Northwest", "SE": "Southeast", "SW": "Southwest",
}  # fmt: skip
_STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia",
    "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas",
    "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts",
    "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana",
    "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico",
    "NY": "New York", "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma",
    "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina",
    "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont",
    "VA": "Virginia", "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
}  # fmt: skip
# AP style's state abbreviations (with their period), and the dotted codes.
_AP_STATES = {
    "Ala": "Alabama", "Ariz": "Arizona", "Ark": "Arkansas", "Calif": "California", "Colo": "Colorado",
    "Conn": "Connecticut", "Del": "Delaware", "Fla": "Florida", "Ga": "Georgia", "Ill": "Illinois",
    "Ind": "Indiana", "Kan": "Kansas", "Kans": "Kansas", "Ky": "Kentucky", "La": "Louisiana",
    "Md": "Maryland", "Mass": "Massachusetts", "Mich": "Michigan", "Minn": "Minnesota",
    "Miss": "Mississippi", "Mo": "Missouri", "Mont": "Montana", "Neb": "Nebraska", "Nev": "Nevada",
    "Okla": "Oklahoma", "Ore": "Oregon", "Pa": "Pennsylvania", "Tenn": "Tennessee", "Vt": "Vermont",
    "Va": "Virginia", "Wash": "Washington", "Wis": "Wisconsin", "Wyo": "Wyoming",
    "N.H": "New Hampshire", "N.J": "New Jersey", "N.M": "New Mexico", "N.Y": "New York",
    "N.C": "North Carolina", "N.D": "North Dakota", "R.I": "Rhode Island", "S.C": "South Carolina",
    "S.D": "South Dakota", "W.Va": "West Virginia",
}  # fmt: skip

_NAME = r"[A-Z][\w'-]*(?: [A-Z][\w'-]*){0,3}"
_TYPE = "|".join(sorted(_STREET_TYPES, key=len, reverse=True))
_RE_STREET = re.compile(
    rf"\b(?P<number>\d{{1,5}}) (?:(?P<pre>[NSEW]|NE|NW|SE|SW)\.? )?(?P<name>{_NAME}) (?P<type>{_TYPE})\b\.?"
    rf"(?:,? (?P<post>NE|NW|SE|SW|[NSEW])\b\.?)?"
)
# Codes that are also a degree, a title or a word ("Jane Doe, MD", "PA", "OK") need a ZIP code.
_AMBIGUOUS = frozenset({"MD", "PA", "ME", "IN", "OR", "OK", "HI", "DE", "MA"})
_RE_STATE_CODE = re.compile(
    r"(?<=[a-z]), (?:(" + "|".join(_STATES.keys() - _AMBIGUOUS) + r")(?=\s+\d{5}\b|\s*[,.;:)]|\s*$)"
    r"|(" + "|".join(sorted(_AMBIGUOUS)) + r")(?=\s+\d{5}\b))"
)
_RE_AP_STATE = re.compile(
    r"(?<=[a-z]), (" + "|".join(re.escape(k) for k in sorted(_AP_STATES, key=len, reverse=True)) + r")\."
)


# A ZIP code after a state (by name or code) is read digit by digit: "Texas seven eight seven oh one".
_RE_ZIP = re.compile(r"(, (?:[A-Z][a-z]+(?: [A-Z][a-z]+)?|[A-Z]{2}|D\.C\.?)) (\d{5})(?:-(\d{4}))?(?![\d-])")


def _zip(m: re.Match[str]) -> str:
    return f"{m[1]} {digit_by_digit(m[2])}" + (f", {digit_by_digit(m[3])}" if m[3] else "")


def house_number(digits: str) -> str:
    """A house number as an address is read: "123" one twenty-three, "101" one oh one, "2788"
    twenty-seven eighty-eight, "12345" digit by digit."""
    if len(digits) == 3 and digits[0] != "0":
        rest = digits[1:]
        if rest == "00":
            return f"{cardinal(digits[0])} hundred"
        return f"{cardinal(digits[0])} {'oh ' + cardinal(rest[1]) if rest[0] == '0' else cardinal(rest)}"
    if len(digits) == 4 and digits[0] != "0":
        return year(digits)
    return cardinal(digits) if len(digits) < 3 else digit_by_digit(digits)


def _street(m: re.Match[str]) -> str:
    said = [house_number(m["number"])]
    if m["pre"]:
        said.append(_COMPASS[m["pre"]])
    said += [m["name"], _STREET_TYPES[m["type"]]]
    if m["post"]:
        said.append(_COMPASS[m["post"]])
    tail = "." if m[0].endswith(".") and re.match(r"\s*$", m.string[m.end() :]) else ""
    return " ".join(said) + tail


def _ap_state(m: re.Match[str]) -> str:
    state = _AP_STATES[m[1]]
    # The abbreviation's period also ends the sentence when nothing follows.
    return f", {state}" + ("." if re.match(r"[\s\"')\]]*$", m.string[m.end() :]) else "")


# "Wen, GH; Chan, CT": surnames with initials, where a pair that is not a state's code shows
# that the others are initials too.
_RE_NAME_INITIALS = re.compile(r"\b[A-Z][a-z]+, ([A-Z]{2})\b")


# A US lawmaker's party and state: "Sen. Warren (D-Mass.)", "Rep. Smith (R-TX)".
_PARTIES = {"D": "Democrat", "R": "Republican", "I": "Independent"}
_RE_AFFILIATION = re.compile(
    r"\((?P<party>[DRI])-(?P<state>"
    + "|".join(re.escape(k) for k in sorted(_AP_STATES, key=len, reverse=True))
    + r")\.?(?:,[^)]*)?\)|\((?P<party2>[DRI])-(?P<state2>[A-Z]{2}|[A-Z][a-z]+(?: [A-Z][a-z]+)?)\)"
)


def _affiliation(m: re.Match[str]) -> str:
    party = _PARTIES[m["party"] or m["party2"]]
    code = m["state"] or m["state2"]
    state = _AP_STATES.get(code) or _STATES.get(code) or code
    return f"({party} of {state})"


def speak_postal_addresses(text: str) -> str:
    """Street types, compass points and state codes in addresses, as words."""
    if "-" in text and "(" in text:
        text = _RE_AFFILIATION.sub(_affiliation, text)
    text = _RE_STREET.sub(_street, text)
    if any(code not in _STATES for code in _RE_NAME_INITIALS.findall(text)):
        return text
    text = _RE_AP_STATE.sub(_ap_state, text)
    text = _RE_STATE_CODE.sub(lambda m: ", " + _STATES[m[1] or m[2]], text)
    return _RE_ZIP.sub(_zip, text)
