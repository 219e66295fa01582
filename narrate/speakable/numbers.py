"""Numbers as words: cardinals, ordinals, decimals, years, decades, fractions, ranges, signs.

num2words gives British "one hundred and five"; news is read American here, so the "and"
inside a number is dropped.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from num2words import num2words

from narrate.text import MONTH_NAMES, NUMBER

_AND = re.compile(r"\band\b ?|,")

_LONGEST_READ_AS_NUMBER = 12
_DIGITS = {str(d): num2words(d) for d in range(10)} | {".": "point"}

_FRACTION_NAMES = {2: ("half", "halves"), 4: ("quarter", "quarters")}

_UNICODE_FRACTIONS = {
    "½": "1/2", "⅓": "1/3", "⅔": "2/3", "¼": "1/4", "¾": "3/4", "⅕": "1/5", "⅖": "2/5", "⅗": "3/5",
    "⅘": "4/5", "⅙": "1/6", "⅚": "5/6", "⅐": "1/7", "⅛": "1/8", "⅜": "3/8", "⅝": "5/8", "⅞": "7/8",
    "⅑": "1/9", "⅒": "1/10",
}  # fmt: skip


def digit_by_digit(digits: str) -> str:
    """ "007" -> "zero zero seven"; "2.5" -> "two point five" (other characters kept)."""
    return " ".join(_DIGITS.get(d, d) for d in digits)


def _tidy(words: str) -> str:
    return " ".join(_AND.sub("", words).split())


def to_decimal(digits: str) -> Decimal | None:
    """Parse "2,000" or "12.5" (thousands separators allowed) to a Decimal."""
    try:
        return Decimal(digits.replace(",", ""))
    except InvalidOperation:
        return None


@lru_cache(maxsize=4096)  # num2words takes tens of microseconds a call
def cardinal(digits: str) -> str:
    """ "2,000" -> "two thousand"; "12.5" -> "twelve point five"; "0.25" -> "zero point two five"."""
    value = to_decimal(digits)
    if value is None:
        return digits
    if len(digits) > _LONGEST_READ_AS_NUMBER and "," not in digits:
        # An identifier or phone number, not a quantity: read digit by digit.
        return digit_by_digit(digits)
    if value == value.to_integral_value() and "." not in digits:
        return _tidy(num2words(int(value)))
    whole, _, frac = digits.replace(",", "").partition(".")
    # Every written digit is said: "2.60" is "two point six zero", as a table gives it.
    head = _tidy(num2words(int(whole))) + " " if whole else ""
    return head + "point " + " ".join(num2words(int(d)) for d in frac)


@lru_cache(maxsize=4096)
def ordinal(digits: str) -> str:
    """ "75" -> "seventy-fifth"."""
    return _tidy(num2words(int(digits.replace(",", "")), to="ordinal"))


@lru_cache(maxsize=4096)
def year(digits: str) -> str:
    """ "2019" -> "twenty nineteen"; "2005" -> "two thousand five"; "1905" -> "nineteen oh-five"."""
    return _tidy(num2words(int(digits), to="year"))


def decade(digits: str) -> str:
    """ "1980" -> "nineteen eighties"; "80" -> "eighties"; "2000" -> "two thousands"."""
    words = year(digits) if len(digits) == 4 else cardinal(digits)
    head, _, last = words.rpartition(" ")
    stem, sep, tail = last.rpartition("-")
    tail = tail[:-1] + "ies" if tail.endswith("y") else tail + "s"
    return (head + " " if head else "") + stem + sep + tail


def is_year(digits: str) -> bool:
    """Four digits without a separator in the range news dates use are read as a year (AP style
    writes other numbers of 1,000 and more with a comma)."""
    return len(digits) == 4 and digits.isdigit() and 1100 <= int(digits) <= 2099


def number(digits: str) -> str:
    """A bare number as a person reads it in running text: years as years, codes with leading
    zeros ("007") digit by digit, others as cardinals."""
    if len(digits) > 1 and digits[0] == "0" and digits[1].isdigit():
        return digit_by_digit(digits)
    return year(digits) if is_year(digits) else cardinal(digits)


def fraction(numerator: str, denominator: str) -> str:
    """ "2", "3" -> "two thirds"; "1", "2" -> "one half"."""
    num, den = int(numerator), int(denominator)
    singular, plural = _FRACTION_NAMES.get(den, ("", ""))
    if not singular:
        singular = ordinal(denominator)
        plural = singular + "s"
    return f"{cardinal(numerator)} {singular if num == 1 else plural}"


# A decimal may be written without its leading zero (".878", ".5kg"): said "point eight seven eight".
_NUM = rf"{NUMBER}|\.\d+"

_DASH = r"\s?[-–—]\s?"

_RE_UNICODE_FRACTION = re.compile(r"(\d*)\s?([" + "".join(_UNICODE_FRACTIONS) + "])")
_RE_DECADE = re.compile(r"(?<![\w.])(?:'|’)?(\d{2}|1\d{3}|20\d{2})'?s\b")
_RE_YEAR_RANGE = re.compile(r"(?<![\w.,$])(1[1-9]\d{2}|20\d{2})[-–](1[1-9]\d{2}|20\d{2}|\d{2})(?![\w.,]\d)")
_RE_ORDINAL = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})*|\d+)(st|nd|rd|th)\b", re.IGNORECASE)
_RE_MIXED_FRACTION = re.compile(r"(?<![\w.,/])(\d+) (\d)/(\d{1,2})(?![\w/])")
_RE_FRACTION = re.compile(r"(?:(?:(?<=\s)|^)(?P<sign>-))?(?<![\w.,/])(\d{1,3})/(\d{1,2})(?![\w/.]\d|\d)")
_RE_DIMENSIONS = re.compile(r"(?<![\w.,])(\d+(?:\.\d+)?)\s?[x×]\s?(\d+(?:\.\d+)?)(?![\w.,]?\d|[a-wyz])")
_RE_TIMES = re.compile(r"(?<![\w.,])(\d+(?:\.\d+)?)[x×](?=[\s.,;:!?)]|$)")
_RE_NUMBER_LETTERS = re.compile(r"(?<=\d)(?=[A-Za-z])")
_RE_PERCENT_RANGE = re.compile(rf"(?<![\w.,])({_NUM})%?{_DASH}({_NUM})\s?(%|percent\b|per cent\b)")
_RE_PERCENT = re.compile(rf"(?<![\w.,])({_NUM})\s?%")
_RE_RANGE = re.compile(rf"(?<![\w.,/])({_NUM})(?:[-–—]|\s[-–—]\s)({_NUM})(?![\w.,/]\d|\w)")
_RE_SIGNED = re.compile(rf"(?:(?<=\s)|(?<=^)|(?<=\())([+−±-])({_NUM})\b")
_RE_NUMBER = re.compile(rf"(?<![\w.,])({_NUM})(?![\d])")
# A count written without a comma ("about 1500 troops") is not a year.
_RE_COUNT_CUE = re.compile(
    r"\b(?:about|some|nearly|almost|around|approximately|roughly|over|under|than|least|only|just|"
    r"estimated|another|additional|extra)\s$",
    re.IGNORECASE,
)
# "a 3:1 ratio", "won 2:1": a colon between a number and one digit (clock times are read before).
_RE_RATIO = re.compile(r"(?<![\w.:])(\d+):(\d)(?![\d:])")
# "1.2bn people", "50k runners": scale abbreviations after a number, with no currency before it.
_RE_SCALE = re.compile(rf"(?<![\w.,])({_NUM})\s?(bn|bln|tn|trn|mn|mln|k)\b")
_SCALE_WORDS = {"bn": "billion", "bln": "billion", "tn": "trillion", "trn": "trillion", "mn": "million",
                "mln": "million", "k": "thousand"}  # fmt: skip
# "the 2020/21 season": a year and the next one's last two digits.
_RE_SEASON = re.compile(r"(?<![\w./])((?:1[89]|20)\d\d)/(\d\d)(?![\w/])")
_RE_ANY_DIGIT = re.compile(r"\d")
_SIGN_WORDS = {"+": "plus", "−": "minus", "-": "minus", "±": "plus or minus"}


def _range_end(digits: str, start: str) -> str:
    # "1950-53" is read "nineteen fifty to fifty-three", as written.
    return cardinal(digits) if is_year(start) and len(digits) == 2 else number(digits)


# A picture's lines: "1080p" ten eighty p, "720p" seven twenty p.
_RE_PICTURE_LINES = re.compile(r"(?<![\w.,])(\d{3,4})([pi])\b")
# "the 76ers", "the 49ers": the team's number with "-ers" joined to it.
_RE_ERS = re.compile(r"(?<![\w.])(\d+)ers\b")


def _ers(m: re.Match[str]) -> str:
    words = cardinal(m[1])
    return words + ("rs" if words.endswith("e") else "ers")


def _season(m: re.Match[str]) -> str:
    if (int(m[1]) + 1) % 100 != int(m[2]):
        return m[0]
    if m[2] == "00":  # "1999/00": the next year is a new century's
        return f"{year(m[1])} to {year(str(int(m[1]) + 1))}"
    return f"{year(m[1])} to {cardinal(m[2]) if m[2][0] != '0' else 'oh ' + cardinal(m[2][1])}"


def _mixed(m: re.Match[str]) -> str:
    return f"{cardinal(m[1])} and {fraction(m[2], m[3]).replace('one ', 'a ', 1)}"


_SAID_AS_PAIRS = frozenset({"24/7", "9/11", "50/50", "20/20", "7/11", "4/20"})
# "on 3/4", "until 12/5": after these words a month/day pair is a date, not a fraction.
_RE_DATE_CUE = re.compile(r"\b(?:on|until|till|by|before|after|through|dated)\s$", re.IGNORECASE)


def _fraction_or_pair(m: re.Match[str]) -> str:
    sign = "minus " if m["sign"] else ""
    top, bottom = m[2], m[3]
    month, day = int(top), int(bottom)
    if (
        not sign
        and 1 <= month <= 12
        and 1 <= day <= 31
        and _RE_DATE_CUE.search(m.string, max(0, m.start() - 8), m.start())
        and not m.string.startswith(" of", m.end())
    ):
        return f"{MONTH_NAMES[month - 1]} {ordinal(bottom)}"
    # "24/7", "9/11", "50/50" are said as two numbers; other pairs are fractions ("16/5" sixteen
    # fifths).
    if f"{top}/{bottom}" in _SAID_AS_PAIRS or int(bottom) < 2:
        return f"{sign}{cardinal(top)} {cardinal(bottom)}"
    return sign + fraction(top, bottom)


def _unicode_fraction(m: re.Match[str]) -> str:
    return f"{m[1]} {_UNICODE_FRACTIONS[m[2]]}" if m[1] else f"{m[0][:-1]}{_UNICODE_FRACTIONS[m[2]]}"


def unicode_fractions(text: str) -> str:
    """ "⅞" -> "7/8", "2½" -> "2 1/2", so that one rule reads every fraction."""
    return _RE_UNICODE_FRACTION.sub(_unicode_fraction, text)


def spell_numbers(text: str) -> str:
    """Turn every number left in the text into words (dates, money and units go first)."""
    if not _RE_ANY_DIGIT.search(text):
        return text
    text = _RE_DECADE.sub(lambda m: decade(m[1]), text)
    if "/" in text:
        text = _RE_SEASON.sub(_season, text)
    text = _RE_SCALE.sub(lambda m: f"{cardinal(m[1])} {_SCALE_WORDS[m[2]]}", text)
    if ":" in text:
        text = _RE_RATIO.sub(lambda m: f"{cardinal(m[1])} to {cardinal(m[2])}", text)
    text = _RE_YEAR_RANGE.sub(lambda m: f"{year(m[1])} to {_range_end(m[2], m[1])}", text)
    text = _RE_ORDINAL.sub(lambda m: ordinal(m[1]), text)
    if "/" in text:
        text = _RE_MIXED_FRACTION.sub(_mixed, text)
        text = _RE_FRACTION.sub(_fraction_or_pair, text)
    if "%" in text or "per" in text:
        text = _RE_PERCENT_RANGE.sub(lambda m: f"{cardinal(m[1])} to {cardinal(m[2])} percent", text)
        text = _RE_PERCENT.sub(lambda m: f"{cardinal(m[1])} percent", text)
    text = _RE_RANGE.sub(lambda m: f"{number(m[1])} to {_range_end(m[2], m[1])}", text)
    text = _RE_SIGNED.sub(lambda m: f"{_SIGN_WORDS[m[1]]} {cardinal(m[2])}", text)
    if "x" in text or "×" in text:
        text = _RE_DIMENSIONS.sub(lambda m: f"{cardinal(m[1])} by {cardinal(m[2])}", text)
        text = _RE_TIMES.sub(lambda m: f"{cardinal(m[1])} times", text)
    if "ers" in text:
        text = _RE_ERS.sub(_ers, text)
    text = _RE_PICTURE_LINES.sub(lambda m: f"{_tidy(num2words(int(m[1]), to='year'))} {m[2]}", text)
    # "5G", "3D": the letters are said apart from the number.
    text = _RE_NUMBER_LETTERS.sub(" ", text)
    return _RE_NUMBER.sub(_bare_number, text)


def _bare_number(m: re.Match[str]) -> str:
    digits = m[1]
    if is_year(digits) and _RE_COUNT_CUE.search(m.string, max(0, m.start() - 20), m.start()):
        return cardinal(digits)
    return number(digits)
