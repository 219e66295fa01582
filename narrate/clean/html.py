"""HTML pages: the markup tells where the article is.

The body comes from trafilatura (imported lazily: it costs ~0.2 s to import) with precision
favoured, then our own caption / furniture rules on top; the metadata (title, byline, date,
language) from the page's meta tags and markup. When trafilatura finds nothing, the page's visible
text goes through the text-copy rules.
"""

from __future__ import annotations

import logging
import re

from .byline import byline_of, names_from
from .dates import iso_date
from .extracted import Extracted
from .text import (
    _CAPTION,
    _DATE_LINE,
    _STRONG_WIDGET,
    _WIDGET,
    count_words,
    furniture_reason,
    is_barrier_text,
    is_sentence,
    norm,
)

_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "iframe",
    "form",
    "template",
    "svg",
    "object",
    "embed",
    "canvas",
    "button",
    "select",
    "textarea",
    "input",
)
_BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "nav",
    "li",
    "ul",
    "ol",
    "table",
    "tr",
    "td",
    "th",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "br",
    "hr",
    "dd",
    "dt",
}
_SITE_SUFFIX = re.compile(r"\s+(?:[|–—·•»:]|-{1,2})\s+[^|–—·•»]{2,60}$")


def _meta(doc, *names: str) -> str | None:
    for name in names:
        for attr in ("property", "name", "itemprop"):
            vals = doc.xpath(f'//meta[@{attr}="{name}"]/@content')
            for v in vals:
                v = " ".join(v.split())
                if v:
                    return v
    return None


def _strip_site(title: str, site: str | None) -> str:
    title = " ".join(title.split())
    if site:
        for sep in (" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " » "):
            if title.endswith(sep + site):
                return title[: -len(sep + site)].strip()
            if title.startswith(site + sep):
                return title[len(site + sep) :].strip()
    m = _SITE_SUFFIX.search(title)
    if m and len(title) - len(m.group(0)) >= 15 and len(m.group(0)) < len(title) / 2:
        return title[: m.start()].strip()
    return title


def _text_of(el) -> str:
    return " ".join(el.text_content().split())


def _metadata(doc) -> tuple[str, str | None, str | None, str | None]:
    site = _meta(doc, "og:site_name", "application-name")
    h1s = [_text_of(h) for h in doc.xpath("//h1")]
    h1s = [h for h in h1s if 3 <= len(h) <= 300]
    og = _meta(doc, "og:title", "twitter:title", "headline")
    ttl = doc.xpath("//title")
    page_title = _text_of(ttl[0]) if ttl else ""
    title = ""
    for cand in (og, page_title):
        if cand:
            cand = _strip_site(cand, site)
            # prefer an <h1> that the meta title contains or equals
            for h in h1s:
                if norm(h) and norm(h) in norm(cand):
                    cand = h
                    break
            title = cand
            break
    if not title and h1s:
        title = h1s[0]
    # byline
    byline = None
    author = _meta(doc, "author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl")
    if author and not author.startswith("http"):
        byline = names_from(author)
    if not byline:
        for el in doc.xpath(
            '//*[@rel="author" or @itemprop="author" or contains(@class,"byline")'
            ' or contains(@class,"author-name")'
            ' or contains(@class,"author")][not(self::meta)][not(self::link)]'
        )[:8]:
            t = _text_of(el)
            if not t or len(t) > 160:
                continue
            byline = byline_of(t) or names_from(t)
            if byline:
                break
    # date
    date = iso_date(
        _meta(
            doc,
            "article:published_time",
            "datePublished",
            "pubdate",
            "publishdate",
            "date",
            "dc.date",
            "dc.date.issued",
            "sailthru.date",
            "parsely-pub-date",
            "og:published_time",
            "article:modified_time",
        )
    )
    if not date:
        for v in doc.xpath("//time/@datetime")[:3]:
            date = iso_date(v)
            if date:
                break
    lang = None
    langs = doc.xpath("/html/@lang | /html/@xml:lang")
    if langs:
        lang = langs[0].strip().split("-")[0].split("_")[0].lower() or None
    return title, byline, date, lang


def _page_identity(doc) -> tuple[str | None, str | None]:
    """The publication's name and the page's canonical http(s) address, when the page gives them."""
    site = _meta(doc, "og:site_name", "application-name")
    links = [*doc.xpath('//link[@rel="canonical"]/@href'), _meta(doc, "og:url") or ""]
    url = next((u.strip() for u in links if re.match(r"https?://[^\s/]+\.[^\s]+$", u.strip())), None)
    return site, url


def _visible_text(doc) -> str:
    parts: list[str] = []

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _BLOCK_TAGS:
            parts.append("\n")
        if el.text and tag:
            parts.append(el.text)
        for ch in el:
            walk(ch)
            if ch.tail:
                parts.append(ch.tail)
        if tag in _BLOCK_TAGS:
            parts.append("\n")

    body = doc.find("body")
    walk(body if body is not None else doc)
    return "".join(parts)


def _trafilatura_blocks(html: str) -> list[tuple[str, str]]:
    """(kind, text) blocks in order: kind is 'p', 'head', 'item' or 'row'."""
    import trafilatura
    from lxml import etree

    quiet = logging.getLogger("trafilatura")
    if quiet.level == logging.NOTSET:  # its "discarding data" warnings are no news to our user
        quiet.setLevel(logging.ERROR)
    xml = trafilatura.extract(
        html,
        output_format="xml",
        favor_precision=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        deduplicate=False,
        with_metadata=False,
    )
    if not xml:
        return []
    try:
        root = etree.fromstring(xml.encode("utf-8"))
    except etree.XMLSyntaxError:
        return []
    main = root.find("main")
    if main is None:
        main = root
    parts: list[str] = []
    blocks = {"p", "head", "item", "quote", "row", "code", "list", "table", "lb", "graphic"}

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in blocks:
            parts.append("\n")
        if tag == "head":
            parts.append("\x01")
        elif tag == "item":
            parts.append("\x02")
        elif tag == "row":
            parts.append("\x03")
        elif tag == "cell":
            parts.append(" ")
        if el.text:
            parts.append(el.text)
        for ch in el:
            walk(ch)
            if ch.tail:
                parts.append(ch.tail)
        if tag in blocks:
            parts.append("\n")

    walk(main)
    out: list[tuple[str, str]] = []
    for line in "".join(parts).split("\n"):
        kind = "p"
        if line.startswith("\x01"):
            kind = "head"
        elif line.startswith("\x02"):
            kind = "item"
        elif line.startswith("\x03"):
            kind = "row"
        t = " ".join(line.replace("\x01", " ").replace("\x02", " ").replace("\x03", " ").split())
        if t:
            out.append((kind, t))
    return out


def _shingles(paragraphs: list[str]) -> set[tuple[str, ...]]:
    w = norm(" ".join(paragraphs)).split()
    return {tuple(w[i : i + 4]) for i in range(max(0, len(w) - 3))}


def _covers(longer: list[str], shorter: list[str], share: float = 0.8, ratio: float = 1.5) -> bool:
    """True when ``longer`` holds most of ``shorter`` and is clearly longer."""
    a, b = _shingles(longer), _shingles(shorter)
    return bool(b) and len(a & b) >= share * len(b) and len(a) > ratio * len(b)


def _text_rules(doc):
    from .text import extract

    try:
        for bad in doc.xpath("//" + " | //".join(_DROP_TAGS)):
            if bad.getparent() is not None and bad.tag != "form":
                bad.drop_tree()
        return extract(_visible_text(doc))
    except Exception:  # a best effort second opinion
        return None


def _is_furniture(text: str, title: str) -> bool:
    w = count_words(text)
    n = norm(text)
    if not n:
        return True
    if title and n == norm(title):
        return True
    if _STRONG_WIDGET.search(text):
        return True
    if w <= 25 and _CAPTION.search(text):
        return True
    if w <= 16 and not is_sentence(text) and (byline_of(text) or _DATE_LINE.match(text)):
        return True
    return w <= 8 and bool(_WIDGET.search(text)) and not is_sentence(text)


def extract_html(text: str) -> Extracted:
    import lxml.html

    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)  # lxml refuses str input with an encoding declaration
    try:
        doc = lxml.html.document_fromstring(text)
    except Exception:  # lxml raises ParserError / ValueError on empty or odd documents
        doc = None
    if doc is None:
        return Extracted(title="", paragraphs=[])
    title, byline, date, lang = _metadata(doc)
    site, url = _page_identity(doc)
    blocks: list[tuple[str, str]] = []
    try:
        blocks = _trafilatura_blocks(text)
    except Exception:  # trafilatura is a best effort: fall back to the text-copy rules
        blocks = []
    paragraphs: list[str] = []
    headings: list[tuple[int, str]] = []
    seen: set[str] = set()
    words_so_far = 0
    for kind, t in blocks:
        if is_barrier_text(t) and words_so_far >= 100:
            break  # comments, "you may also like", "more stories": the article has ended
        if _is_furniture(t, title) or furniture_reason(t, title):
            if byline is None and count_words(t) <= 16:
                byline = byline_of(t)
            continue
        words_so_far += count_words(t)
        n = norm(t)
        if n in seen and count_words(t) >= 4:
            continue
        seen.add(n)
        if kind == "head":
            if is_sentence(t) or count_words(t) > 14:
                paragraphs.append(t)  # a question of an interview, a deal's full description: content
            elif paragraphs:
                headings.append((len(paragraphs), t))
        else:
            paragraphs.append(t)
    dateline = None
    visible = _text_rules(doc)
    if visible is not None and _covers(visible.paragraphs, paragraphs):
        # the text rules found the same article and much more of it (trafilatura stopped early)
        paragraphs, headings = visible.paragraphs, visible.headings
        blocks = []
    if not paragraphs and visible is not None:
        paragraphs, headings = visible.paragraphs, visible.headings
        title = title or visible.title
        byline = byline or visible.byline
        date = date or visible.date
    if paragraphs:
        from .text import _DATELINE

        m = _DATELINE.match(paragraphs[0])
        if m and m.group("place").strip(" .").isupper() and len(m.group("place")) >= 3:
            dateline = m.group("place").strip(" .")
    headings = [(i, h) for i, h in headings if i < len(paragraphs)]
    return Extracted(
        title=title,
        paragraphs=paragraphs,
        byline=byline,
        date=date,
        dateline=dateline,
        headings=headings,
        language=lang,
        site=site,
        url=url,
    )
