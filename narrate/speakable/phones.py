"""Telephone numbers, read digit by digit in their groups: "(202) 555-0143" -> "two zero two,
five five five, zero one four three", as a newsreader gives a hotline number."""

from __future__ import annotations

import re

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
    text = _RE_NANP.sub(_nanp, text)
    text = _RE_INTERNATIONAL.sub(_international, text)
    return _RE_LOCAL.sub(
        lambda m: f"{m['cue']}{digit_by_digit(m['exchange'])}, {digit_by_digit(m['line'])}", text
    )
