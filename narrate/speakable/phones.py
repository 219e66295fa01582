"""Telephone numbers, read digit by digit in their groups: "(202) 555-0143" -> "two zero two,
five five five, zero one four three", as a newsreader gives a hotline number."""

from __future__ import annotations

import re

from narrate.speakable.context import attributive
from narrate.speakable.numbers import digit_by_digit

# North American: an optional +1/1, a three-digit area code (bracketed or not), 3 and 4 digits.
_RE_NANP = re.compile(
    r"(?<![\w$€£.,/+-])(?:(?P<country>\+?1)[\s.-])?(?:\((?P<area_b>\d{3})\)\s?|(?P<area>\d{3})[.-])"
    r"(?P<exchange>\d{3})[.-](?P<line>\d{4})(?![\w-]|[.,]\d)"
)
# International: "+44 20 7946 0958", "+33 1 42 68 53 00".
_RE_INTERNATIONAL = re.compile(r"(?<![\w+])\+(\d{1,3})((?:[\s.-]\(?\d{1,4}\)?){2,6})(?![\w-]|[.,]\d)")
# A bare local number ("555-0143") only where the text says it is one.
_RE_LOCAL = re.compile(
    r"(?i)(?P<cue>\b(?:call|phone|telephone|tel\.?|dial|text|fax|hotline|number)\b[^.;\d]{0,25}?)"
    r"(?<![\w.,-])(?P<exchange>\d{3})-(?P<line>\d{4})(?![\w-]|[.,]\d)"
)


# Book and serial numbers: every digit said ("ISBN 0-684-13558-2"), a check character X as a letter.
_RE_BOOK_NUMBER = re.compile(
    r"\b(?P<kind>ISBN|ISSN)(?:-?1[03])?:?\s?(?P<number>\d(?:\s?[-–]?\s?[\dXx]){7,16})(?![\w-])"
)
# Three or more groups of digits joined by hyphens ("0-02-073610", "12-3456-789"): an identifier,
# not a range (a range joins two numbers) and not a date (dates are read before this).
_RE_DIGIT_GROUPS = re.compile(r"(?<![\w.,/-])\d+(?:-\d+){2,}(?![\w-]|[.,]\d)")


# "Call 911", "dial 999", "text 88022": a number one dials is said digit by digit.
_RE_DIALED = re.compile(
    r"(?i)\b(?P<cue>call(?:ed|ing|s)?|dial(?:l?ed|l?ing|s)?|text(?:ed|ing|s)?) "
    r"(?P<digits>\d{3,6})\b(?![.,]\d)"
)


def _dialed(m: re.Match[str]) -> str:
    if attributive(m.string[m.end() :]):
        return m[0]  # "they called 150 witnesses": a count
    return f"{m['cue']} {digit_by_digit(m['digits'])}"


def _book_number(m: re.Match[str]) -> str:
    groups = re.findall(r"[\dXx]+", m["number"])
    said = ", ".join(" ".join(_DIGIT_OR_X.get(c, c) for c in g) for g in groups)
    return f"{'.'.join(m['kind'])}. {said}"


_DIGIT_OR_X = {"X": "X", "x": "X"} | {d: digit_by_digit(d) for d in "0123456789"}


def _nanp(m: re.Match[str]) -> str:
    area = m["area"] or m["area_b"]
    country = m["country"]
    groups = [] if country is None else ["plus one" if country.startswith("+") else "one"]
    groups.append("eight hundred" if area == "800" else digit_by_digit(area))
    groups += [digit_by_digit(m["exchange"]), digit_by_digit(m["line"])]
    return ", ".join(groups)


def _international(m: re.Match[str]) -> str:
    groups = re.findall(r"\d+", m[2])
    if not 7 <= sum(len(g) for g in groups) <= 14:  # not a telephone number's length
        return m[0]
    return f"plus {digit_by_digit(m[1])}, " + ", ".join(digit_by_digit(g) for g in groups)


def _local(m: re.Match[str]) -> str:
    return f"{m['cue']}{digit_by_digit(m['exchange'])}, {digit_by_digit(m['line'])}"


def spell_phone_numbers(text: str) -> str:
    """Telephone, book and other identifying numbers, digit by digit in their groups."""
    if "ISBN" in text or "ISSN" in text:
        text = _RE_BOOK_NUMBER.sub(_book_number, text)
    text = _RE_NANP.sub(_nanp, text)
    if "+" in text:
        text = _RE_INTERNATIONAL.sub(_international, text)
    if "-" in text:
        text = _RE_LOCAL.sub(_local, text)
        text = _RE_DIGIT_GROUPS.sub(lambda m: ", ".join(digit_by_digit(g) for g in m[0].split("-")), text)
    return _RE_DIALED.sub(_dialed, text)
