"""Markdown articles: '# Title', '## Heading', paragraphs split on blank lines, inline markup removed."""

from __future__ import annotations

import re

from .byline import byline_of
from .dates import find_date, iso_date
from .extracted import Extracted

_ATX = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^(=+|-+)\s*$")
_FENCE = re.compile(r"^(```|~~~)")
_HR = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
_FRONT = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)|!\[([^\]]*)\]\[[^\]]*\]")
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)|\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<(https?://[^>]+)>")
_REFDEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+.*$")
_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_EMPH = re.compile(
    r"(\*\*|__)(.+?)\1|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?!\w)|(?<![\w_])_(?!\s)(.+?)(?<!\s)_(?![\w])"
)
_STRIKE = re.compile(r"~~(.+?)~~")
_CODE = re.compile(r"`+([^`]+)`+")
_LIST = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_QUOTE = re.compile(r"^\s*>\s?")
_FOOTNOTE = re.compile(r"\[\^[^\]]+\]")


def inline(text: str) -> str:
    """Markdown inline markup -> plain text."""
    escaped: list[str] = []

    def hide(m: re.Match[str]) -> str:
        escaped.append(m.group(1))
        return f"\ue000{len(escaped) - 1}\ue001"

    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!>~])", hide, text)
    if _IMAGE.search(text):
        text = _IMAGE.sub("", text)
        text = re.sub(r"\s+([.,;:!?])", r"\1", text)
    text = _LINK.sub(lambda m: m.group(1) or m.group(2) or "", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _FOOTNOTE.sub("", text)
    text = _CODE.sub(r"\1", text)
    text = _HTML_TAG.sub("", text)
    for _ in range(2):
        text = _EMPH.sub(lambda m: m.group(2) or m.group(3) or m.group(4) or "", text)
    text = _STRIKE.sub(r"\1", text)
    text = re.sub("\ue000(\\d+)\ue001", lambda m: escaped[int(m.group(1))], text)
    return " ".join(text.split())


def extract_markdown(text: str) -> Extracted:
    title = ""
    byline = None
    date = None
    m = _FRONT.match(text)
    if m:
        for line in m.group(1).splitlines():
            key, _, val = line.partition(":")
            key, val = key.strip().lower(), val.strip().strip("\"'")
            if key == "title" and val:
                title = val
            elif key in ("author", "authors", "byline") and val:
                byline = byline_of("By " + val) or val
            elif key in ("date", "published") and val:
                date = iso_date(val)
        text = text[m.end() :]
    lines = text.split("\n")
    paragraphs: list[str] = []
    headings: list[tuple[int, str]] = []
    buf: list[str] = []
    in_fence = False

    def flush() -> None:
        if buf:
            p = inline(" ".join(buf))
            if p:
                paragraphs.append(p)
            buf.clear()

    def heading(level: int, t: str) -> None:
        nonlocal title
        t = inline(t)
        if not t:
            return
        if level == 1 and not paragraphs and not headings:
            title = title or t  # the headline (front matter's title wins)
        else:
            headings.append((len(paragraphs), t))

    i = 0
    while i < len(lines):
        line = lines[i]
        if _FENCE.match(line.strip()):
            flush()
            in_fence = not in_fence
            i += 1
            continue
        if in_fence:
            i += 1
            continue
        s = line.strip()
        h = _ATX.match(s)
        if h:
            flush()
            heading(len(h.group(1)), h.group(2))
        elif not s or (_HR.match(s) and not buf):
            flush()
        elif buf and _SETEXT.match(s) and len(buf) == 1:
            t = buf.pop()
            heading(1 if s.startswith("=") else 2, t)
        elif _REFDEF.match(line):
            flush()
        elif _LIST.match(line):
            flush()
            buf.append(_LIST.sub("", line, count=1))
        else:
            buf.append(_QUOTE.sub("", line))
        i += 1
    flush()
    # A leading byline / date paragraph is metadata, not body.
    while paragraphs and len(paragraphs[0]) < 160:
        names = byline_of(paragraphs[0])
        d = find_date(paragraphs[0]) if len(paragraphs[0].split()) <= 8 else None
        if names:
            byline = byline or names
            date = date or find_date(paragraphs[0])
        elif d:
            date = date or d
        else:
            break
        paragraphs.pop(0)
        headings = [(max(0, j - 1), t) for j, t in headings]
    return Extracted(title=title, paragraphs=paragraphs, byline=byline, date=date, headings=headings)
