"""Publication dates written the ways pages write them -> ISO YYYY-MM-DD."""

from __future__ import annotations

import datetime as _dt
import re

from narrate.text import MONTH_NUMBERS as _MONTHS

_MON = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_PATTERNS = (
    re.compile(r"\b(?P<y>(?:19|20)\d\d)[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})\b"),
    re.compile(r"(?P<y>(?:19|20)\d\d)\s*년\s*(?P<m>\d{1,2})\s*월\s*(?P<d>\d{1,2})\s*일"),
    re.compile(r"(?i)\b" + _MON + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b"),
    re.compile(r"(?i)\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MON + r",?\s+(?P<y>(?:19|20)\d\d)\b"),
    re.compile(r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>(?:19|20)\d\d)\b"),
)


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return _dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def find_date(text: str) -> str | None:
    """The first date stated in ``text`` as YYYY-MM-DD, or None."""
    best: tuple[int, str] | None = None
    for pat in _PATTERNS:
        for m in pat.finditer(text):
            g = m.groupdict()
            y = int(g["y"])
            if "mon" in g and g.get("mon"):
                iso = _iso(y, _MONTHS[g["mon"].lower().rstrip(".")], int(g["d"]))
            elif "a" in g and g.get("a"):
                a, b = int(g["a"]), int(g["b"])
                iso = _iso(y, a, b) if a <= 12 else _iso(y, b, a)
            else:
                iso = _iso(y, int(g["m"]), int(g["d"]))
            if iso and (best is None or m.start() < best[0]):
                best = (m.start(), iso)
            break
    return best[1] if best else None


def iso_date(value: str | None) -> str | None:
    """Normalise a machine-readable date (meta content, <time datetime>) to YYYY-MM-DD."""
    if not value:
        return None
    value = value.strip()
    m = re.match(r"((?:19|20)\d\d)-?(\d\d)-?(\d\d)", value)
    if m:
        return _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return find_date(value)
