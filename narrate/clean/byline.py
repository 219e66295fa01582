"""Bylines: recognise a byline line and turn it into names spoken naturally."""

from __future__ import annotations

import re

from narrate.text.given_names import is_given_name

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_BRACKETED = re.compile(r"\[[^\]]*\]|\([^)]*@[^)]*\)|\([^)]*protected[^)]*\)|<[^>]*>")
_KOREAN_SYLLABLE = re.compile(
    r"^(?:g|k|kk|n|d|t|tt|r|l|m|b|p|pp|s|ss|j|jj|ch|h)?"
    r"(?:a|ae|ya|yae|eo|e|yeo|ye|o|wa|wae|oe|yo|u|wo|we|wi|yu|eu|ui|i|oo|ee|ou)"
    r"(?:k|n|t|l|m|p|ng|g|b)?$"
)
# Words after a name that describe a role rather than name a person.
_ROLES = re.compile(
    r"\b(staff|reporter|reporters|writer|writers|correspondent|correspondents|editor|editors|columnist|"
    r"contributor|contributing|senior|associate|associated press|press|times|journal|news|daily|"
    r"special to|for the|wire|service|agency|bureau|desk|photographer|photos?|analyst|opinion|"
    r"updated|published|posted|via|in|at)\b.*$",
    re.I,
)
BYLINE_START = re.compile(
    r"^\s*(?:(?:written|reported|posted|words|story)\s+by|by|(?P<foreign>von|par|por|door|przez|av|af))[:\s]\s*",
    re.I,
)
_PIPE_ROLE = re.compile(
    r"^(?P<names>[^|]{3,80}?)\s*[|/]\s*(?:staff\s+)?(?:reporter|writer|correspondent|editor|columnist|contributor)s?\b",
    re.I,
)
_AUTHOR_LABEL = re.compile(r"^\s*(?:author|authors|reporter|reporters|written by|words)\s*[:：]\s*", re.I)
# "Meg JamesStaff Writer", "Marcus De GuzmanView More Articles": page text glued to the name
_GLUED = re.compile(
    r"([a-z])(?:Staff|View|More|Writer|Reporter|Editor|Follow|Email|Twitter|Contributor|Correspondent|Columnist|Senior|Published|Updated)\b.*$"
)
_ORGS = re.compile(
    r"^(?:the\s.*|associated\s+press|reuters|bloomberg|staff|agencies|news\s+desk|.*\.(?:com|org|net|co|co\.\w\w))$",
    re.I,
)
_AGENCIES = {
    "AP",
    "AFP",
    "UPI",
    "CNN",
    "BBC",
    "NBC",
    "CBS",
    "ABC",
    "IGN",
    "DPA",
    "EFE",
    "ANSA",
    "PTI",
    "IANS",
    "TASS",
    "CNBC",
    "REUTERS",
    "BLOOMBERG",
    "YONHAP",
    "XINHUA",
}
# Widget vendors, platforms and legal words: "Promoted links by Taboola" is never an author.
_NOT_NAMES = re.compile(
    r"(?i)^(?:taboola|outbrain|revcontent|zergnet|disqus|google|facebook|twitter|instagram|youtube|"
    r"mgid|nativo|sharethrough|wordpress|jetpack|getty\s+images|shutterstock)\b|"
    r"\b(?:terms|privacy|policy|cookies?|rights\s+reserved|subscribe|newsletter|advertis\w*|sponsored)\b"
)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
# Where the names of a byline end: a date, a time, a handle, "Follow", "Updated".
_AFTER_NAMES = re.compile(
    r"(?i)\s*(?:[-–—|•·,]\s*)?(?:\b(?:updated|published|posted|follow|last\s+updated)\b|@\w|"
    r"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,|\b" + _MONTH + r"\s+\d{1,2}\b|\b\d{1,2}\s+" + _MONTH + r"|"
    r"\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b|\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?|"
    # a date in another language: "le 07 mai", "am 3. Mai", "5 mayo", "dnia 4 maja"
    r"\b(?:le|am|el|em|il|dnia|den)\s+\d|\s\d{1,2}\.?\s+[^\W\d_]{3,}).*$"
)
# "Jane Smith - Mar 3, 2020 4:05 pm UTC": a name then a date; no "By".
_NAME_THEN_DATE = re.compile(
    r"^(?P<names>[A-ZÀ-Ö][\w'’.-]+(?:\s+(?:[A-ZÀ-Ö][\w'’.-]+|de|da|van|von|del|der|bin|al)){1,4}"
    r"(?:\s*(?:,|and|&)\s*[A-ZÀ-Ö][\w'’.-]+(?:\s+[A-ZÀ-Ö][\w'’.-]+){1,3})*)\s*(?:[-–—|•·,]\s*)"
    r"(?=(?:"
    + _MONTH
    + r"\s+\d|\d{1,2}\s+"
    + _MONTH
    + r"|\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|updated|published))",
    re.I,
)
_NAME_ALONE = re.compile(r"^[A-ZÀ-Ö][\w'’.-]+(?:\s+(?:[A-ZÀ-Ö][\w'’.-]+|de|da|van|von|del|der|bin|al)){1,3}$")
_DATE_ONLY = re.compile(
    r"(?i)^(?:(?:updated|published|posted)\s*:?\s*)?(?:\w+,?\s+)?(?:" + _MONTH + r"\s+\d{1,2},?(?:\s+\d{4})?|"
    r"\d{1,2}\s+" + _MONTH + r"(?:\s+\d{4})?|\d{1,4}[./-]\d{1,2}[./-]\d{1,4})\b"
)
_NAME_TOKEN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿĀ-ž][\w'’.-]*$")
_LOWER_PARTICLES = {
    "de",
    "da",
    "del",
    "della",
    "der",
    "den",
    "van",
    "von",
    "la",
    "le",
    "du",
    "dos",
    "das",
    "bin",
    "al",
}


def _cap_word(word: str) -> str:
    if not word:
        return word
    if "-" in word:
        parts = word.split("-")
        if len(parts) == 2 and all(_KOREAN_SYLLABLE.match(p.lower()) for p in parts):
            return parts[0][:1].upper() + parts[0][1:].lower() + "-" + parts[1].lower()
        return "-".join(_cap_word(p) for p in parts)
    for sep in ("'", "’"):
        if sep in word[1:3]:
            a, b = word.split(sep, 1)
            return _cap_word(a) + sep + _cap_word(b)
    low = word.lower()
    if low.startswith("mc") and len(word) > 3:
        return "Mc" + word[2].upper() + word[3:].lower()
    return word[:1].upper() + word[1:].lower()


def natural_case(name: str) -> str:
    """'PARK HYUN-JU' -> 'Park Hyun-ju'; names already in mixed case are kept."""
    letters = [c for c in name if c.isalpha()]
    if letters and not all(c.isupper() for c in letters) and not all(c.islower() for c in letters):
        return name
    words = name.split()
    out = []
    for i, w in enumerate(words):
        if i and w.lower() in _LOWER_PARTICLES:
            out.append(w.lower())
        else:
            out.append(_cap_word(w))
    return " ".join(out)


def _clean_name(part: str) -> str | None:
    part = part.strip(" \t,;:.-–—|/")
    part = _ROLES.sub("", part).strip(" \t,;:.-–—|/")
    if not part:
        return None
    tokens = part.split()
    for i, t in enumerate(tokens[1:], start=1):
        if t.strip(".,").upper() in _AGENCIES:  # "TOM KRISHER AP Auto Writer"
            tokens = tokens[:i]
            part = " ".join(tokens)
            break
    if not 1 <= len(tokens) <= 5:
        return None
    if not all(_NAME_TOKEN.match(t) for t in tokens):
        return None
    if not tokens[0][:1].isupper():
        return None
    if any(c.isdigit() for c in part):
        return None
    if (_ORGS.match(part) and not part.isupper()) or re.fullmatch(r"[A-Z]{2,5}", part):
        return None
    return natural_case(part)


def names_from(text: str) -> str | None:
    """The names of a byline text (with or without the leading 'By'), joined with 'and'."""
    text = _EMAIL.sub(" ", text)
    text = _BRACKETED.sub(" ", text)
    text = text.replace("[email protected]", " ").replace("email protected", " ")
    text = BYLINE_START.sub("", text, count=1)
    text = _AUTHOR_LABEL.sub("", text, count=1)
    text = _AFTER_NAMES.sub("", text)
    text = re.split(r"\s(?:[|•·]|//)\s|\s{2,}|\t|(?<=[a-z]{2})\.\s", text)[0]
    text = _GLUED.sub(r"\1", text)
    parts = re.split(r",|;|\s+and\s+|\s*&\s*|\s+AND\s+|\s+und\s+|\s+e\s+|\s+y\s+", text)
    names: list[str] = []
    for p in parts:
        n = _clean_name(p)
        if n is not None and _NOT_NAMES.search(n):
            n = None
        if n is None or (names and len(n.split()) == 1):
            if names:
                break  # "By A, B, Staff Writers, Updated 3pm": stop at the first non-name
            continue
        if n not in names:
            names.append(n)
    if not names:
        return None
    if len(names) > 2:
        return ", ".join(names[:-1]) + " and " + names[-1]
    return " and ".join(names)


def byline_of(line: str, next_line: str | None = None) -> str | None:
    """Names when ``line`` is a byline ('BY NAME, NAME [email]', 'By Name', 'Name | Reporter'), else None."""
    s = line.strip()
    if not s or len(s) > 160:
        return None
    start = BYLINE_START.match(s)
    if start:
        rest = s[start.end() :].strip()
        if not rest and next_line:
            names = names_from(next_line)
        elif rest and len(rest.split()) <= 14 and not rest.rstrip().endswith(("?", "!")):
            names = names_from(rest)
        else:
            return None
        # "By" in German, French, Spanish … also opens phrases ("Von Risiken und Nebenwirkungen"):
        # there the names must be a person's
        return _person(names) if start.group("foreign") else names
    if s.lower() in ("by", "by:"):
        return names_from(next_line) if next_line else None
    m = _PIPE_ROLE.match(s)
    if m:
        return _person(names_from(m.group("names")))
    if _AUTHOR_LABEL.match(s):
        return names_from(s)
    # Without "By" or a label, only a person's name is a byline: its first word a given name
    # ("Contact Us", "Home Judicial" or "Create LICENSE" over a date are a menu's, a commit's)
    m = _NAME_THEN_DATE.match(s)
    if m:
        return _person(names_from(m.group("names")))
    if next_line and _NAME_ALONE.match(s) and _DATE_ONLY.match(next_line.strip()):
        return _person(names_from(s))  # a name alone on its line, the date on the next
    return None


_INITIALS = re.compile(r"^(?:[A-Z]\.){1,3}$")


def _person(names: str | None) -> str | None:
    """``names`` when the first word is a given name or an initial ("J.R. Stone"), else None."""
    first = names.split()[0] if names else ""
    return names if first and (is_given_name(first) or _INITIALS.match(first)) else None
