"""HTML pages: the markup tells where the article is.

The body comes from trafilatura (imported lazily: it costs ~0.2 s to import) with precision
favoured, then our own caption / furniture rules on top; the metadata (title, byline, date,
language) from the page's meta tags and markup. When trafilatura finds nothing, the page's visible
text goes through the text-copy rules.

Never lose the article: trafilatura's precision mode is overruled by its default mode when that
reads clearly more of the same article's prose, by the text-copy rules when they continue the
article as prose, and by the page's own JSON-LD ``articleBody`` when what was chosen is a small
fraction of it (the article rendered by script, behind an overlay). Our furniture rules on top
of trafilatura's text give way where the block is the article's: a line of a paragraph of prose,
a sentence with a widget's words on the article's own topic, a deck under the headline.
"""

from __future__ import annotations

import copy
import logging
import re
from html.parser import HTMLParser

from narrate.errors import InputError
from narrate.text import ends_like_sentence

from .byline import byline_of, names_from
from .dates import iso_date
from .edges import trim_edges
from .extracted import Extracted
from .jsonld import article_body
from .patterns import CAPTION, DATE_LINE, STRONG_WIDGET, WIDGET
from .text import furniture_reason, is_barrier_text
from .words import count_words, norm

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
    """The page's text with a line break around each block; an iterative walk (pages nest deep)."""
    from lxml import etree

    body = doc.find("body")
    parts: list[str] = []
    for event, el in etree.iterwalk(body if body is not None else doc, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in _BLOCK_TAGS:
                parts.append("\n")
            if el.text and tag:
                parts.append(el.text)
        else:
            if tag in _BLOCK_TAGS:
                parts.append("\n")
            if el.tail:
                parts.append(el.tail)
    return "".join(parts)


# libxml2 reads no deeper than this even with huge_tree; below it the page's text is dropped.
_LXML_MAX_DEPTH = 2000


def _depth(doc) -> int:
    from lxml import etree

    depth = deepest = 0
    for event, _el in etree.iterwalk(doc, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


class _TextCollector(HTMLParser):
    """The visible text of a page by Python's own HTML parser: a flat event stream, any depth."""

    _SKIP = frozenset(_DROP_TAGS) | {"head", "title"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in self._SKIP:
            self.skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def _visible_text_flat(text: str) -> str:
    collector = _TextCollector()
    collector.feed(text)
    collector.close()
    return "".join(collector.parts)


class HtmlSupportMissing(InputError):
    """trafilatura or lxml cannot be imported: HTML pages cannot be read (a broken install)."""


def _require_html_support() -> None:
    try:
        import lxml.html  # noqa: F401
        import trafilatura  # noqa: F401
    except ImportError as exc:
        raise HtmlSupportMissing(
            f"cannot read HTML pages: {exc.name or 'a module'} cannot be imported ({exc})"
            " — reinstall narrate's dependencies (pip install --force-reinstall narrate)"
        ) from exc


def _parse(text: str):
    """The page as an lxml tree; deep nesting allowed (libxml2 stops at 256 levels by default)."""
    import lxml.html

    parser = lxml.html.HTMLParser(huge_tree=True, collect_ids=False, remove_comments=True, remove_pis=True)
    return lxml.html.document_fromstring(text, parser=parser)


# When trafilatura's default mode finds this many times the prose of its precision mode, the
# precision mode stopped early (often after the first paragraph) and the default's result is read...
_RECALL_RATIO = 2.0
# ... checked when the precision mode found less prose than this (a long result did not stop early)
_RECALL_CHECK_WORDS = 600
# ... and only when the default's result holds this share of the precision mode's text: otherwise
# it read another block of the page (a recipe's method and cookie notice instead of its
# ingredients), unless the precision mode found next to no prose (a calendar, a list of prices).
_RECALL_SHARE = 0.5
_NO_PROSE_WORDS = 20
# Prose is counted in blocks of at least this many words: a calendar's or a table's cells are not.
_PROSE_BLOCK_WORDS = 6
# The page's JSON-LD articleBody replaces the chosen text when it has this many times its words
# (and at least _DECLARED_MIN_WORDS): the page's markup held a caption or a teaser, not the article.
_DECLARED_RATIO = 4.0
_DECLARED_MIN_WORDS = 150
# A block with a widget's words is the article's when it has this many words and this share of
# its vocabulary (rare words on the page weighing more) is that of the blocks read as prose.
_ON_TOPIC_MIN_WORDS = 6
_ON_TOPIC_SHARE = 0.5
# A heading above the first paragraph with this many words is a deck (a subtitle under the
# headline) and is read, unless it restates the headline: this share of its words are the title's.
_DECK_MIN_WORDS = 6
_RESTATES_SHARE = 0.6
# A line that reads like furniture is kept when the paragraph it is a line of (lines split by
# <br>) holds this many words of lines that do not: a privacy policy's sentence about cookies.
_PARAGRAPH_PROSE_WORDS = 20
# Text the text-copy rules add to trafilatura's is taken only when it reads like the article:
# paragraphs of this many words on average, and this share of the length of trafilatura's own.
_ADDED_MIN_WORDS = 30
_ADDED_SHARE = 0.8


def _trafilatura_blocks(tree, precision: bool = True) -> list[tuple[str, str, int]]:
    """(kind, text, paragraph) blocks in order: kind is 'p', 'head', 'item' or 'row'; the lines of
    one paragraph broken by <br> are blocks of their own with the same paragraph number."""
    import trafilatura
    from lxml import etree

    quiet = logging.getLogger("trafilatura")
    if quiet.level == logging.NOTSET:  # its "discarding data" warnings are no news to our user
        quiet.setLevel(logging.ERROR)
    xml = trafilatura.extract(
        copy.deepcopy(tree),  # trafilatura edits the tree it is given
        output_format="xml",
        favor_precision=precision,
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
    blocks = {"p", "head", "item", "quote", "row", "code", "list", "table", "graphic"}

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "lb":
            parts.append("\n\x04")  # a line break: the next line is of the same paragraph
            return
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
    out: list[tuple[str, str, int]] = []
    paragraph = 0
    for line in "".join(parts).split("\n"):
        if line.startswith("\x04"):
            line = line[1:]
        else:
            paragraph += 1
        kind = "p"
        if line.startswith("\x01"):
            kind = "head"
        elif line.startswith("\x02"):
            kind = "item"
        elif line.startswith("\x03"):
            kind = "row"
        t = " ".join(line.replace("\x01", " ").replace("\x02", " ").replace("\x03", " ").split())
        if t:
            out.append((kind, t, paragraph))
    return out


def _shingles(paragraphs: list[str]) -> set[tuple[str, ...]]:
    w = norm(" ".join(paragraphs)).split()
    return {tuple(w[i : i + 4]) for i in range(max(0, len(w) - 3))}


def _covers(longer: list[str], shorter: list[str], share: float = 0.8, ratio: float = 1.5) -> bool:
    """True when ``longer`` holds most of ``shorter`` and is clearly longer."""
    a, b = _shingles(longer), _shingles(shorter)
    return bool(b) and len(a & b) >= share * len(b) and len(a) > ratio * len(b)


def _span_between(visible: list[str], found: list[str]) -> tuple[int, int] | None:
    """The run of ``visible`` from the first to the last paragraph mostly made of ``found``'s text."""
    have = _shingles(found)
    hits = []
    for i, p in enumerate(visible):
        sh = _shingles([p])
        if sh and len(sh & have) >= 0.5 * len(sh):
            hits.append(i)
    if not hits:
        return None
    return hits[0], hits[-1]


def _prose_words(paragraphs: list[str]) -> int:
    """Words in blocks long enough to be prose (a calendar's days and a table's cells are not)."""
    return sum(w for w in map(count_words, paragraphs) if w >= _PROSE_BLOCK_WORDS)


def _reads_more_of_it(recall: list[str], precision: list[str]) -> bool:
    """True when trafilatura's default mode read clearly more of the article its precision mode
    started on (or the precision mode found next to no prose at all)."""
    found = _prose_words(precision)
    if _prose_words(recall) <= _RECALL_RATIO * found:
        return False
    if found < _NO_PROSE_WORDS:
        return True
    have = _shingles(precision)
    return len(_shingles(recall) & have) >= _RECALL_SHARE * len(have)


def _continues_as_prose(visible: list[str], found: list[str]) -> bool:
    """True when ``visible`` holds most of ``found``, is clearly longer, and what it adds reads like
    the article: paragraphs about as long as the article's own, not a thread of short comments or
    a list of teasers after it."""
    if not _covers(visible, found):
        return False
    span = _span_between(visible, found)
    if span is None:
        return False
    extra = visible[: span[0]] + visible[span[1] + 1 :]
    if not extra:
        return True
    mean_extra = sum(count_words(p) for p in extra) / len(extra)
    mean_found = sum(count_words(p) for p in found) / max(1, len(found))
    return mean_extra >= max(_ADDED_MIN_WORDS, _ADDED_SHARE * mean_found)


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
    if STRONG_WIDGET.search(text):
        return True
    if w <= 25 and CAPTION.search(text):
        return True
    if w <= 16 and not ends_like_sentence(text) and (byline_of(text) or DATE_LINE.match(text)):
        return True
    return w <= 8 and bool(WIDGET.search(text)) and not ends_like_sentence(text)


def _furniture_of(text: str, title: str) -> str:
    """Why a block is furniture by our rules ("" when it is not); with ``title``, the headline
    said again is furniture too."""
    return "furniture" if _is_furniture(text, title) else furniture_reason(text, title)


def _article_lines(blocks: list[tuple[str, str, int]], reasons: list[str] | None = None) -> set[int]:
    """Blocks of trafilatura's text that read like furniture but are the article's:
    - lines of a paragraph (split by <br>) whose other lines are prose: a sentence of a privacy
      policy about cookies and e-mail, a tweet's text. A "read also" link line stays furniture.
    - sentences with a widget's words ("font size", "sign up", "email") whose vocabulary is the
      article's: a tutorial on font sizes, a guide to a streaming bundle's sign-up. The page's own
      pitch speaks of something else ("Never miss the latest news: sign up to our newsletter").
    ``reasons``: why each block reads like furniture ("" when it does not), found when not given."""
    from .region import Vocabulary

    texts = [t for _, t, _ in blocks]
    if reasons is None:
        reasons = [_furniture_of(t, "") for t in texts]
    prose: dict[int, int] = {}
    for (_, t, par), reason in zip(blocks, reasons, strict=True):
        if not reason:
            prose[par] = prose.get(par, 0) + count_words(t)
    kept = {
        i
        for i, ((_, _, par), reason) in enumerate(zip(blocks, reasons, strict=True))
        if reason and reason != "link" and prose.get(par, 0) >= _PARAGRAPH_PROSE_WORDS
    }
    vocabulary = Vocabulary(texts, range(len(texts)), [not r for r in reasons])
    kept.update(
        i
        for i, (t, reason) in enumerate(zip(texts, reasons, strict=True))
        if reason == "widget"
        and count_words(t) >= _ON_TOPIC_MIN_WORDS
        and vocabulary.coherence([i], every_line=True) >= _ON_TOPIC_SHARE
    )
    return kept


def _restates(text: str, title: str) -> bool:
    """True when most of ``text``'s words are the title's (the headline said again, reworded)."""
    words = norm(text).split()
    have = set(norm(title).split())
    return bool(words) and sum(w in have for w in words) >= _RESTATES_SHARE * len(words)


def _body(
    blocks: list[tuple[str, str, int]], title: str, byline: str | None
) -> tuple[list[str], list[tuple[int, str]], str | None]:
    paragraphs: list[str] = []
    headings: list[tuple[int, str]] = []
    seen: set[str] = set()
    words_so_far = 0
    reasons = [_furniture_of(t, "") for _, t, _ in blocks]
    kept_lines = _article_lines(blocks, reasons)
    for i, (kind, t, _) in enumerate(blocks):
        if is_barrier_text(t) and words_so_far >= 100:
            break  # comments, "you may also like", "more stories": the article has ended
        # the headline repeated above the text is read once, as the title; further down the
        # same words are the article's (a lede that restates it, a closing line)
        head_title = title if not paragraphs else ""
        furniture = reasons[i] or (head_title and _furniture_of(t, head_title))
        if i not in kept_lines and furniture:
            if byline is None and count_words(t) <= 16:
                byline = byline_of(t)
            continue
        words_so_far += count_words(t)
        n = norm(t)
        if n in seen and count_words(t) >= 4:
            continue
        seen.add(n)
        if kind == "head":
            if ends_like_sentence(t) or count_words(t) > 14:
                paragraphs.append(t)  # a question of an interview, a deal's full description: content
            elif paragraphs:
                headings.append((len(paragraphs), t))
            elif count_words(t) >= _DECK_MIN_WORDS and not _restates(t, title):
                paragraphs.append(t)  # a deck under the headline: the article's first words
        else:
            paragraphs.append(t)
    return paragraphs, headings, byline


def _blocks_or_none(doc, *, precision: bool) -> list[tuple[str, str, int]]:
    try:
        return _trafilatura_blocks(doc, precision=precision)
    except Exception as exc:  # trafilatura is a best effort; the text-copy rules take over
        logging.getLogger("narrate").debug("trafilatura failed: %r", exc)
        return []


def extract_html(text: str) -> Extracted:
    from lxml import etree

    _require_html_support()
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)  # lxml refuses str input with an encoding declaration
    try:
        doc = _parse(text)
    except (etree.ParserError, ValueError):  # lxml's answer to an empty or odd document
        return Extracted(title="", paragraphs=[])
    title, byline, date, lang = _metadata(doc)
    site, url = _page_identity(doc)
    declared = article_body(doc)  # read before the text rules drop the page's scripts
    paragraphs, headings, byline = _body(_blocks_or_none(doc, precision=True), title, byline)
    if _prose_words(paragraphs) < _RECALL_CHECK_WORDS:
        recall = _body(_blocks_or_none(doc, precision=False), title, byline)
        if _reads_more_of_it(recall[0], paragraphs):
            paragraphs, headings, byline = recall
    visible = _text_rules(doc)
    if visible is not None and _continues_as_prose(visible.paragraphs, paragraphs):
        # trafilatura stopped early: the text rules found the same article and more of it
        paragraphs, headings = visible.paragraphs, visible.headings
    if not paragraphs and _depth(doc) >= _LXML_MAX_DEPTH:
        # the page nests deeper than lxml reads: its text comes from a flat parse instead
        from .text import extract

        visible = extract(_visible_text_flat(text))
    if not paragraphs and visible is not None:
        paragraphs, headings = visible.paragraphs, visible.headings
        title = title or visible.title
        byline = byline or visible.byline
        date = date or visible.date
    declared_words = count_words(" ".join(declared))
    if declared_words >= max(_DECLARED_MIN_WORDS, _DECLARED_RATIO * count_words(" ".join(paragraphs))):
        # the markup held a caption or a teaser; the page's structured data holds the article
        paragraphs, headings = declared, []
    dateline = None
    if paragraphs:
        from .patterns import DATELINE

        m = DATELINE.match(paragraphs[0])
        if m and m.group("place").strip(" .").isupper() and len(m.group("place")) >= 3:
            dateline = m.group("place").strip(" .")
    paragraphs = trim_edges(paragraphs)
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
