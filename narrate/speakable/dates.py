"""Dates and clock times: "Aug. 12, 2023" -> "August twelfth, twenty twenty-three"."""

from __future__ import annotations

import re

from narrate.speakable.numbers import cardinal, ordinal, year
from narrate.text import MONTH_NAMES, MONTHS

_FULL = "|".join(MONTH_NAMES)
# "May" is never abbreviated; "Sept" goes before "Sep" so that the longer one matches.
_ABBR = "|".join(sorted((a.title() for a in MONTHS if a != "may"), key=len, reverse=True))
_MONTH = rf"(?P<month>{_FULL}|(?:{_ABBR})\.?)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s(?P<year>1[1-9]\d{2}|20\d{2})\b)?"
_RANGE_END = r"(?:\s?[-–]\s?(?P<end>[0-3]?\d)(?:st|nd|rd|th)?)?"

_RE_MONTH_DAY = re.compile(rf"\b{_MONTH}\s{_DAY}{_RANGE_END}\b{_YEAR}")
_RE_DAY_MONTH = re.compile(rf"\b{_DAY}{_RANGE_END}\s(?:of\s)?{_MONTH}(?![\w.]\w){_YEAR}")
_RE_MONTH_YEAR = re.compile(rf"\b{_MONTH}\s(?P<year>1[1-9]\d{{2}}|20\d{{2}})\b")
_RE_MONTH_ABBR = re.compile(rf"\b({_ABBR})\.(?=\s|$)")
# All-numeric dates. ISO "2019-03-17"; "17-03-2019" and "17.03.2019" day first; with slashes the
# order is month first ("7/04/2021", as US news writes it) unless the first number cannot be a month.
_RE_ISO_DATE = re.compile(
    r"(?<![\w.,/-])(?P<year>1[5-9]\d{2}|20\d{2})(?P<sep>[-/.])(?P<month>0?[1-9]|1[0-2])(?P=sep)(?P<day>[0-3]?\d)"
    r"(?![\w/-]|[.,]\d)"
)
_RE_DMY_DATE = re.compile(
    r"(?<![\w.,/-])(?P<day>[0-3]?\d)(?P<sep>[-.])(?P<month>0?[1-9]|1[0-2])(?P=sep)(?P<year>1[5-9]\d{2}|20\d{2})(?![\w/-]|[.,]\d)"
)
_RE_SLASH_DATE = re.compile(
    r"(?<![\w.,/-])(?P<first>[0-3]?\d)/(?P<second>[0-3]?\d)/(?P<year>1[5-9]\d{2}|20\d{2}|\d{2})(?![\w/-]|[.,]\d)"
)

_MERIDIEM = r"(?P<ampm>[ap])\.?\s?m\b\.?"
_RE_CLOCK = re.compile(rf"(?<![\w.:])(?P<h>[0-2]?\d):(?P<m>[0-5]\d)(?!\d)(?:\s?{_MERIDIEM})?", re.IGNORECASE)
_RE_MILITARY = re.compile(
    r"(?<![\w.,:])(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)(?=\s?(?:GMT|UTC|KST|JST|CET|EST|EDT|PST|PDT|BST|Z|hrs|hours)\b)"
)
_RE_HOUR_MERIDIEM = re.compile(rf"(?<![\w.:])(?P<h>1[0-2]|0?[1-9])\s?{_MERIDIEM}", re.IGNORECASE)
# "9:30-10:30": a dash between two clock times is "to".
_RE_CLOCK_RANGE = re.compile(r"(?<![\w.:])([0-2]?\d:[0-5]\d)\s?[-–]\s?([0-2]?\d:[0-5]\d)(?![\d:])")
# "0:02:01", "18:00:00": hours, minutes and seconds.
_RE_HMS = re.compile(r"(?<![\w.:])(?P<h>\d{1,2}):(?P<m>[0-5]\d):(?P<s>[0-5]\d)(?![\d:]|\.\d)")
# "10.30pm", "1.59 p.m.", "1030 am": hours and minutes without a colon, told apart from a
# decimal or a count by the a.m./p.m. after them.
_RE_LOOSE_CLOCK = re.compile(
    rf"(?<![\w.:,])(?P<h>1[0-2]|0?[1-9])\.?(?P<m>[0-5]\d)\s?{_MERIDIEM}", re.IGNORECASE
)
# "2-5pm": one meridiem for both hours.
_RE_HOUR_RANGE = re.compile(
    rf"(?<![\w.:,])(?P<start>1[0-2]|0?[1-9])\s?[-–]\s?(?P<h>1[0-2]|0?[1-9])\s?{_MERIDIEM}", re.IGNORECASE
)
# "two p.m.-five p.m.", "nine a.m.-noon": a dash between times is "to".
_RE_TIME_DASH = re.compile(r"(?<=[ap]\.m\.)\s?[-–]\s?(?=[a-z])|(?<=o'clock)\s?[-–]\s?(?=[a-z])")


# Days of the week abbreviated in listings: "Mon.-Fri.", "Sat., Jan. 5", "Thu. 7 p.m.".
_DAYS = {
    "Mon": "Monday", "Tue": "Tuesday", "Tues": "Tuesday", "Wed": "Wednesday", "Thu": "Thursday",
    "Thur": "Thursday", "Thurs": "Thursday", "Fri": "Friday", "Sat": "Saturday", "Sun": "Sunday",
}  # fmt: skip
_DAY = "|".join(_DAYS)
_RE_DAY_RANGE = re.compile(rf"\b({_DAY})\.?\s*[-–]\s*({_DAY})\b\.?")
_RE_DAY = re.compile(rf"\b({_DAY})\.(?=\s*,\s*|\s+(?:(?:[A-Z][a-z]{{2,8}}\.?|the)\s)?\d)")


def _month(raw: str) -> str:
    key = raw.rstrip(".").lower()
    return MONTHS.get(key) or MONTHS.get(key[:3], raw)


def _day_range(m: re.Match[str]) -> str:
    spoken = ordinal(m["day"])
    if m["end"]:
        spoken += " to " + ordinal(m["end"])
    return spoken


def _year_tail(m: re.Match[str]) -> str:
    return f", {year(m['year'])}" if m["year"] else ""


def _month_day(m: re.Match[str]) -> str:
    if int(m["day"]) > 31 or int(m["day"]) == 0:
        return m[0]
    return f"{_month(m['month'])} {_day_range(m)}{_year_tail(m)}"


def _day_month(m: re.Match[str]) -> str:
    if int(m["day"]) > 31 or int(m["day"]) == 0:
        return m[0]
    # "on the 21st of October": the article is already written.
    article = "" if m.string[: m.start()].lower().endswith("the ") else "the "
    return f"{article}{_day_range(m)} of {_month(m['month'])}{_year_tail(m)}"


def _meridiem(m: re.Match[str]) -> str:
    return f" {m['ampm'].lower()}.m." if m["ampm"] else ""


def _clock(m: re.Match[str]) -> str:
    hour, minute = int(m["h"]), int(m["m"])
    if hour > 24:
        return m[0]
    if minute == 0:
        spoken = cardinal(str(hour)) + ("" if m["ampm"] else " o'clock" if hour <= 12 else " hundred")
    elif minute < 10:
        spoken = f"{cardinal(str(hour))} oh {cardinal(str(minute))}"
    else:
        spoken = f"{cardinal(str(hour))} {cardinal(str(minute))}"
    return spoken + _meridiem(m)


def _count(digits: str, unit: str) -> str:
    n = int(digits)
    return f"{cardinal(str(n))} {unit}{'' if n == 1 else 's'}"


def _hms(m: re.Match[str]) -> str:
    return f"{_count(m['h'], 'hour')} {_count(m['m'], 'minute')} and {_count(m['s'], 'second')}"


def _military(m: re.Match[str]) -> str:
    hour = ("oh " if m["h"][0] == "0" and m["h"] != "00" else "") + cardinal(m["h"])
    minute = m["m"]
    if minute == "00":
        return f"{hour} hundred"
    return f"{hour} {'oh ' if minute[0] == '0' else ''}{cardinal(minute)}"


def _numeric(day: str, month: str, year_digits: str) -> str | None:
    d, mo = int(day), int(month)
    if not (1 <= d <= 31 and 1 <= mo <= 12):
        return None
    if len(year_digits) == 4:
        said_year = year(year_digits)
    else:  # "'99", "'05"
        said_year = cardinal(year_digits) if year_digits[0] != "0" else "oh " + cardinal(year_digits[1])
    return f"{MONTH_NAMES[mo - 1]} {ordinal(str(d))}, {said_year}"


def _slash_date(m: re.Match[str]) -> str:
    first, second = int(m["first"]), int(m["second"])
    day, month = (m["first"], m["second"]) if first > 12 >= second else (m["second"], m["first"])
    return _numeric(day, month, m["year"]) or m[0]


def spell_numeric_dates(text: str) -> str:
    """Dates written in digits only, read with the month's name."""
    text = _RE_ISO_DATE.sub(lambda m: _numeric(m["day"], m["month"], m["year"]) or m[0], text)
    text = _RE_DMY_DATE.sub(lambda m: _numeric(m["day"], m["month"], m["year"]) or m[0], text)
    return _RE_SLASH_DATE.sub(_slash_date, text)


def spell_dates(text: str) -> str:
    """Dates and clock times to words; other month abbreviations expanded (numeric dates are
    read before, by spell_numeric_dates, so that no other rule takes their digits)."""
    text = _RE_DAY_RANGE.sub(lambda m: f"{_DAYS[m[1]]} to {_DAYS[m[2]]}", text)
    text = _RE_DAY.sub(lambda m: _DAYS[m[1]], text)
    if ":" in text:
        text = _RE_HMS.sub(_hms, text)
        text = _RE_CLOCK_RANGE.sub(r"\1 to \2", text)
        text = _RE_CLOCK.sub(_clock, text)
    text = _RE_LOOSE_CLOCK.sub(_clock, text)
    text = _RE_MILITARY.sub(_military, text)
    text = _RE_HOUR_RANGE.sub(lambda m: f"{cardinal(m['start'])} to {cardinal(m['h'])}{_meridiem(m)}", text)
    text = _RE_HOUR_MERIDIEM.sub(lambda m: cardinal(m["h"]) + _meridiem(m), text)
    text = _RE_TIME_DASH.sub(" to ", text)
    text = _RE_MONTH_DAY.sub(_month_day, text)
    text = _RE_DAY_MONTH.sub(_day_month, text)
    text = _RE_MONTH_YEAR.sub(lambda m: f"{_month(m['month'])} {year(m['year'])}", text)
    return _RE_MONTH_ABBR.sub(lambda m: _month(m[1]) + ("." if m.end() == len(text) else ""), text)
