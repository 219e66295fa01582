"""Cleaning: a text copy, HTML page or Markdown file -> the article itself (narrate.model.Article).

Public API: :func:`parse_article` and :func:`load_article`. Heavy modules (trafilatura, lxml,
charset-normalizer) are imported only when a page needs them.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from typing import TYPE_CHECKING

from narrate.errors import InputError
from narrate.model import Article, Heading
from narrate.paths import kind, os_reason

if TYPE_CHECKING:  # the extractors are imported lazily: trafilatura and lxml cost ~0.2 s
    from .extracted import Extracted

__all__ = ["MAX_BYTES", "load_article", "parse_article"]

MAX_BYTES = 20 * 1024 * 1024

_SUFFIX_FORMATS = {
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".md": "md",
    ".markdown": "md",
    ".mdown": "md",
    ".mkd": "md",
}
_HTML_SNIFF = re.compile(rb"<\s*(?:!doctype\s+html|html|head|body|p|div|article|meta|title)\b", re.I)
_MD_SNIFF = re.compile(r"^(?:#{1,6} \S|\S.*\n(?:=+|-+)\s*$)", re.M)
_LETTER = re.compile(r"[^\W\d_]")


def guess_format(raw: bytes, source: str) -> str:
    ext = os.path.splitext(source.lower())[1]
    if ext in _SUFFIX_FORMATS:
        return _SUFFIX_FORMATS[ext]
    head = raw[:4096].lstrip()
    if _HTML_SNIFF.search(head[:2048]):
        return "html"
    try:
        sample = head.decode("utf-8", "ignore")
    except Exception:  # pragma: no cover
        sample = ""
    if _MD_SNIFF.search(sample) and sample.lstrip().startswith("#"):
        return "md"
    return "txt"


def parse_article(raw: bytes, *, source: str, fmt: str | None = None) -> Article:
    """Parse the bytes of one page into an Article. Raises InputError when there is no article."""
    from .decode import BinaryData, to_text

    name = source if source != "-" else "standard input"
    if len(raw) > MAX_BYTES:
        raise InputError(
            f"{name}: too large ({len(raw) // 2**20} MB; the limit is {MAX_BYTES // 2**20} MB)"
            " — pass the article alone"
        )
    if fmt is None:
        fmt = guess_format(raw, source)
    if fmt not in ("txt", "html", "md"):
        raise InputError(f"{name}: unknown format {fmt!r} — use txt, html or md")
    try:
        text = to_text(raw, html=(fmt == "html"), name=name)
    except BinaryData as exc:
        raise InputError(f"{name}: {exc} — give a text, HTML or Markdown file") from None
    if not text.strip():
        raise InputError(f"{name}: the file is empty — give a file with the article's text")
    res: Extracted
    if fmt == "html":
        from .html import HtmlSupportMissing, extract_html

        try:
            res = extract_html(text)
        except HtmlSupportMissing as exc:
            raise InputError(f"{name}: {exc}") from exc
        language = res.language or "en"
    elif fmt == "md":
        from .markdown import extract_markdown

        res = extract_markdown(text)
        language = "en"
    else:
        from .text import extract

        res = extract(text)
        language = "en"
    paragraphs = tuple(p for p in res.paragraphs if p.strip())
    if not paragraphs:
        raise InputError(
            f"{name}: no article text found — give the page of one article (its text, HTML or Markdown)"
        )
    body = " ".join(paragraphs)
    if len(_LETTER.findall(body)) < 20 or not re.search(r"[^\W\d_]{2,}", body):
        raise InputError(f"{name}: no sentences found — give a file with the article's text")
    title = res.title.strip() if res.title else ""
    if not title:
        title = _title_from_source(source) or paragraphs[0][:80]
    return Article(
        source=source,
        title=title,
        paragraphs=paragraphs,
        byline=res.byline or None,
        date=res.date or None,
        dateline=res.dateline or None,
        headings=tuple(
            Heading(before_paragraph=i, text=t) for i, t in res.headings if 0 <= i <= len(paragraphs)
        ),
        language=language,
        site=res.site,
        url=res.url,
    )


def _title_from_source(source: str) -> str:
    if source == "-":
        return ""
    stem = os.path.splitext(os.path.basename(source))[0]
    stem = re.sub(r"[_-]+", " ", stem).strip()
    return stem[:1].upper() + stem[1:] if stem else ""


def load_article(path: str) -> Article:
    """Read ``path`` ("-" = standard input) and parse it. Raises InputError with a one-line message."""
    if path == "-":
        try:
            raw = sys.stdin.buffer.read(MAX_BYTES + 1)
        except (OSError, ValueError) as exc:
            raise InputError(f"standard input: cannot read it ({exc}) — pipe the article's text in") from None
        return parse_article(raw, source=path)
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"{path}: is a directory — give the article's file")
        if not (stat.S_ISREG(info.st_mode) or stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode)):
            raise InputError(f"{path}: not a file (a {kind(info.st_mode)}) — give the article's file")
        if info.st_size > MAX_BYTES and stat.S_ISREG(info.st_mode):
            raise InputError(
                f"{path}: too large ({info.st_size // 2**20} MB; the limit is {MAX_BYTES // 2**20} MB)"
                " — pass the article alone"
            )
        with open(path, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InputError(f"{path}: {_unreadable(path, exc)}") from None
    return parse_article(raw, source=path)


_REMEDIES = {"permission denied": "make the file readable", "is a directory": "give the article's file"}


def _unreadable(path: str, exc: OSError) -> str:
    """Why ``path`` cannot be read, and what to do, as the end of a one-line message."""
    why = os_reason(path, exc)
    if why == "no such file or folder":
        why = "no such file"
    if why.startswith("a symbolic link loop"):
        return f"{why} — point the link at the article's file"
    return f"{why} — {_REMEDIES.get(why, 'check the path')}"
