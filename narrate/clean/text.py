"""Text copies of web pages: decide line by line what is article.

The page around an article (menus, captions, share and login widgets, related links, footers) is
told apart from the article with general signals only: how long a line is, whether it reads as a
sentence, whether it repeats the title or another line, where it sits relative to the longest run
of prose, and the vocabulary and shapes of page furniture.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from narrate.text import FULL_STOPS, ends_like_sentence

from .artifacts import repair_line
from .byline import byline_of
from .dates import find_date
from .edges import drop_author_bio, is_inline_pitch, trim_edges
from .extracted import Extracted
from .headline import headline_above, title_from, title_repeats
from .patterns import (
    BARE_COMMENT,
    BARRIER,
    BREADCRUMB,
    CAPTION,
    CODE,
    COMMENT_HEAD,
    COMMENT_META,
    CONTACT_WORDS,
    DATE_LINE,
    DATELINE,
    EMAIL,
    FIGURE_LABEL,
    LIST_ITEM,
    META_BAR,
    NEWS_PHRASES,
    PICTURED,
    READ_TIME,
    SHARE_BAR,
    STRONG_WIDGET,
    TIME_AGO,
    URL,
    URL_ONLY,
    WEAK_WIDGET,
    WIDGET,
)
from .region import (
    BARRIER_SCORE,
    DETACHED_COHERENCE,
    STANDFIRST_MIN_WORDS,
    Vocabulary,
    article_lines,
    block_under_headline,
    core_run,
    max_run,
    standfirst_lines,
)
from .words import count_words, norm, words_of

PULL_QUOTE_MAX_WORDS = 25
COMMENT_META_LOOKAHEAD = 10
# An inline box: at most this many lines before the prose resumes, then this many paragraphs of
# at least this many words in a row.
INLINE_BOX_MAX_LINES = 12
INLINE_BOX_RESUME = 3
INLINE_BOX_PROSE_WORDS = 15

_SPACES = re.compile(r"\s+")


@dataclass
class Line:
    idx: int
    text: str
    words: int
    sentence: bool
    norm: str
    junk: str = ""
    score: float = 0.0


def _split_lines(text: str) -> list[str]:
    lines = [repair_line(_SPACES.sub(" ", ln).strip()) for ln in text.split("\n")]
    return _unwrap(lines)


def _unwrap(lines: list[str]) -> list[str]:
    """Join hard-wrapped paragraphs (lines of a fixed width separated by blank lines)."""
    long = [ln for ln in lines if len(ln) >= 40]
    if len(long) < 6:
        return lines
    widths = sorted(len(ln) for ln in long)
    p90 = widths[int(len(widths) * 0.9) - 1]
    if p90 > 100:
        return lines
    # Wrapped text: most non-blank lines are followed by another non-blank line that continues a sentence.
    cont = sum(
        1
        for a, b in itertools.pairwise(lines)
        if len(a) >= 40 and b and not ends_like_sentence(a) and b[:1].islower()
    )
    if cont < len(long) * 0.2:
        return lines
    out: list[str] = []
    buf: list[str] = []
    for ln in lines:
        if not ln:
            if buf:
                out.append(" ".join(buf))
                buf = []
            out.append("")
        else:
            buf.append(ln)
    if buf:
        out.append(" ".join(buf))
    return out


def classify(lines: list[str], title: str) -> list[Line]:
    ntitle = norm(title)
    # a page about a widget's subject (a privacy policy, a guide to font sizes, an article on
    # newsletters): its sentences use the widget words as the topic, not as a widget's
    widget_topic = _is_widget_topic(title)
    where: dict[str, list[int]] = {}
    for i, ln in enumerate(lines):
        if ln:
            where.setdefault(norm(ln), []).append(i)
    out: list[Line] = []
    for i, ln in enumerate(lines):
        n = norm(ln)
        ln_obj = Line(i, ln, count_words(ln) if ln else 0, _ends_like_sentence(ln) if ln else False, n)
        if ln:
            ln_obj.junk = _junk_reason(ln_obj, ntitle, where, widget_topic)
        out.append(ln_obj)
    # A caption sits right above its credit line ("... at the Air Show" / "Name | Bloomberg | Getty Images").
    for i in range(1, len(out)):
        cur, prev = out[i], out[i - 1]
        if (
            cur.junk == "caption"
            and prev.text
            and not prev.junk
            and prev.words <= 60
            and not CAPTION.search(prev.text)
            # and not the last line of a block of text
            and not (i >= 2 and out[i - 2].text and not out[i - 2].junk)
        ):
            prev.junk = "caption"
    _mark_word_lists(out)
    return out


# A long line with hardly any punctuation, on a page whose sentences are punctuated: a tag cloud, a
# month archive, a category menu or a list of languages flattened into one line. Measured against
# the page's own sentences, so that a script or a site that writes few marks is never flagged.
WORD_LIST_MIN_WORDS = 40
WORD_LIST_WORDS_PER_MARK = 30
WORD_LIST_PAGE_FACTOR = 3
# Clause and sentence marks, the full stops of every script among them. The period counts apart:
# that of an initial ("E. T. A. Hoffmann", "U.S.") is not one; nor is an ellipsis.
_STOPS = "".join(c for c in FULL_STOPS if c not in ".…")
_PUNCTUATION = re.compile(rf"[,;:，、；،{_STOPS}]|(?<!\b[^\W\d_])\.")


def _words_per_mark(ln: Line) -> float:
    return ln.words / (1 + len(_PUNCTUATION.findall(ln.text)))


def _mark_word_lists(info: list[Line]) -> None:
    rates = sorted(_words_per_mark(x) for x in info if x.sentence and x.words >= 10 and not x.junk)
    if not rates:
        return  # no punctuated sentence to measure against
    limit = max(float(WORD_LIST_WORDS_PER_MARK), WORD_LIST_PAGE_FACTOR * rates[len(rates) // 2])
    for x in info:
        if not x.junk and x.words >= WORD_LIST_MIN_WORDS and _words_per_mark(x) > limit:
            x.junk = "word list"


# A teaser's title cut off to fit its box ("… Mo Huan Li Lian...", "(一再問究竟..."): the ellipsis
# right after a letter, and no sentence ended before it. Not a sentence, though it ends in dots.
_CUT_OFF = re.compile(r"[^\W\d_](?:\.\.\.|…)\s*$")
_INNER_END = re.compile(r"[.!?。！？][\s\"'”’»)]+\S")


def _ends_like_sentence(line: str) -> bool:
    if _CUT_OFF.search(line) and not _INNER_END.search(line):
        return False
    return ends_like_sentence(line)


@lru_cache(maxsize=64)  # asked once per HTML block, of the same title
def _is_widget_topic(title: str) -> bool:
    """The title names a widget's subject with a phrase ("privacy policy", "font size", "about
    us"); one word ("Video:", "Tweet of the week", "… on Reddit") is a label or a platform."""
    found = itertools.chain(WIDGET.finditer(title), STRONG_WIDGET.finditer(title))
    return any(len(m.group(0).split()) >= 2 for m in found)


# A numbered figure's caption may run to a few sentences; past this it is the article's text.
FIGURE_CAPTION_MAX_WORDS = 80


# On a page whose title names a widget's subject, a sentence this long is read for what it says.
TOPIC_SENTENCE_WORDS = 8


def _says_itself_twice(text: str) -> bool:
    """A link card whose label and description are the same text ("Fenêtre sur cour Fenêtre sur
    cour", a video teaser's title then its caption): a copy of a card, never a sentence of prose."""
    words = words_of(text.lower())
    for cut in range(max(3, (len(words) * 3 + 9) // 10), len(words) // 2 + 1):
        if words[cut : 2 * cut] == words[:cut]:
            return True
    return False


def _is_pipe_menu(text: str) -> bool:
    """A run of short links joined by bars ("Ascom | Hospital Solutions Ascom | Senior Care …")."""
    items = [item.split() for item in text.split("|")]
    return len(items) >= 5 and max(len(item) for item in items) <= 6


def _junk_reason(ln: Line, ntitle: str, where: dict[str, list[int]], widget_topic: bool = False) -> str:
    s, w, n = ln.text, ln.words, ln.norm
    widget_cues = not (widget_topic and ln.sentence and w >= TOPIC_SENTENCE_WORDS)
    if not n:
        return "symbols"
    if ntitle and (n == ntitle or (len(n) > 20 and ntitle in n and len(n) < len(ntitle) * 1.3)):
        return "title"
    if COMMENT_META.match(s):
        return "comment"
    if not URL_ONLY.match(s) and (CODE.search(s) or len("".join(URL.findall(s))) > 0.4 * len(s)):
        return "code"
    if widget_cues and STRONG_WIDGET.search(s):
        return "widget"
    if w <= 12 and BREADCRUMB.match(s) and not ln.sentence:
        return "breadcrumb"
    if _is_pipe_menu(s):
        return "menu"
    if w <= 30 and READ_ALSO.match(s):
        return "link"
    if w <= FIGURE_CAPTION_MAX_WORDS and FIGURE_LABEL.match(s):
        return "figure"
    if w <= 25 and CAPTION.search(s):
        return "caption"
    if w <= 40 and PICTURED.search(s) and not s.startswith(("“", '"', "‘")):
        return "caption"
    # a sentence that only names a network ("shared on Twitter") is article; a widget line is not
    weak_only = ln.sentence and w >= 5 and not WIDGET.search(WEAK_WIDGET.sub(" ", NEWS_PHRASES.sub(" ", s)))
    if w <= 20 and widget_cues and WIDGET.search(s) and not weak_only:
        return "widget"
    if w <= 16 and (DATE_LINE.match(s) or TIME_AGO.match(s) or READ_TIME.match(s)):
        return "date"
    if w <= 24 and META_BAR.search(s):
        return "date"
    if w <= 20 and byline_of(s) is not None:
        return "byline"
    # a contact line is an address with a label ("Email: x@y.com", "Follow @x | x@y.com"); a
    # sentence that gives an address ("Readers can write to x@y.com.") is article
    # an author's "reach me at" line after the article is a contact line too
    if w <= 40 and EMAIL.search(s):
        rest = EMAIL.sub(" ", s)
        if not (ln.sentence and count_words(rest) >= 5) or CONTACT_WORDS.search(rest):
            return "contact"
    if w < 60 and _says_itself_twice(s):
        return "duplicate"
    seen_at = where.get(n, [])
    if len(seen_at) > 1 and w < 60:
        # a line repeated close by (image alt text + caption) or a short repeated label is furniture; a
        # sentence repeated far away (a pull quote) is article, kept once, and so is a quantity line
        # (a recipe card's ingredients printed again in its print version)
        close = any(b - a <= 4 for a, b in itertools.pairwise(seen_at))
        if close or not ((ln.sentence and w >= 10) or (w <= QUANTITY_MAX_WORDS and QUANTITY_LINE.match(s))):
            return "duplicate"
    return ""


_INLINE_LINK = re.compile(
    r"(?i)^\[?\s*(?:read\s+more|related|see\s+also|also\s+(?:read|on\s+\S+)|more|watch|listen)\s*[:»›-]"
)
# "Read also: <headline>" in other languages: a link to another story set into the article.
READ_ALSO = re.compile(
    r"(?i)^\[?\s*(?:(?:prze)?czytaj\s+(?:też|także|również|więcej)|zobacz\s+(?:też|także|również)|"
    r"dowiedz\s+się\s+więcej|lesen\s+sie\s+(?:auch|mehr)|mehr\s+zum\s+thema|auch\s+interessant|"
    r"(?:à\s+)?lire\s+(?:aussi|également)|voir\s+aussi|leggi\s+anche|vedi\s+anche|potrebbe\s+interessarti|"
    r"(?:también\s+)?(?:le|te)\s+puede\s+interesar|le[ae]\s+también|ve[ar]\s+también|"
    r"leia\s+(?:também|mais)|veja\s+também|lue\s+(?:myös|lisää)|les\s+også|läs\s+också|læs\s+også|"
    r"lees\s+ook|читайте\s+также)\s*[:»›]"
)


def furniture_reason(text: str, title: str = "") -> str:
    """Why one block of text (a line, an HTML paragraph) is page furniture; "" when it is not."""
    s = " ".join(text.split())
    ln = Line(0, s, count_words(s), ends_like_sentence(s), norm(s))
    reason = _junk_reason(ln, norm(title), {}, _is_widget_topic(title))
    if not reason and ln.words <= 30 and (_INLINE_LINK.match(s) or READ_ALSO.match(s)):
        reason = "link"
    return reason


def is_barrier_text(text: str) -> bool:
    """A heading that opens the part of a page after the article ("You may also like", "Comments")."""
    s = " ".join(text.split())
    return count_words(s) <= 8 and bool(BARRIER.match(s))


def is_list_item(ln: Line) -> bool:
    """An enumerated or bulleted item, or a table row (mostly numbers)."""
    if not ln.text or ln.junk:
        return False
    if LIST_ITEM.match(ln.text):
        return True
    toks = ln.text.split()
    nums = sum(1 for t in toks if any(c.isdigit() for c in t))
    return len(toks) >= 4 and nums >= len(toks) * 0.4 and nums >= 3


# A quantity, then what it measures: "2 tbsp water", "1 1/2-2 cups rice", "5 cl Rye Whiskey",
# "120g noodles". Several in a row are an ingredient or parts list inside the article.
_NUMBER = r"\d+(?:[.,/]\d+)?[½¼¾⅓⅔]?(?:\s+\d/\d)?"
QUANTITY_LINE = re.compile(rf"^{_NUMBER}(?:\s*[-–]\s*{_NUMBER})?\s*[^\W\d_]")
QUANTITY_RUN = 3
QUANTITY_MAX_WORDS = 10


def quantity_lines(info: list[Line]) -> set[int]:
    """Lines in a run of at least QUANTITY_RUN short quantity-led lines (blank lines aside)."""
    found: set[int] = set()
    run: list[int] = []
    for i, ln in enumerate(info):
        if not ln.text:
            continue
        if not ln.junk and ln.words <= QUANTITY_MAX_WORDS and QUANTITY_LINE.match(ln.text):
            run.append(i)
            continue
        if len(run) >= QUANTITY_RUN:
            found.update(run)
        run = []
    if len(run) >= QUANTITY_RUN:
        found.update(run)
    return found


# Past this many words a paragraph adds half a point per word: one long paragraph (an article
# written as a single block) still outweighs a cookie notice of several short ones, while a huge
# block (a tag cloud, a dump of comments) does not swamp the page.
LONG_WORDS = 80
LONG_RATE = 0.5
# A short line that is neither a sentence nor a list item counts against the run it is in, and a
# run of furniture costs this much more per line the longer it gets (menus, footers). Both were
# swept on snippets-dev (-1.5 to -3, 0.5 to 1): these values lose the fewest pages.
SHORT_LINE_SCORE = -2.5
FURNITURE_RUN_COST = 0.75


def _length_credit(words: int) -> float:
    return min(words, LONG_WORDS) + LONG_RATE * max(0, words - LONG_WORDS)


def _base_score(ln: Line) -> float:
    if not ln.text:
        return 0.0
    w = ln.words
    if ln.junk == "figure":
        return 0.0  # not read, but part of the article: the article goes on around its figures
    if ln.junk:
        strong = ln.junk in ("widget", "comment")
        return -min(10.0, (4.0 if strong else 2.0) + w * 0.3)
    if ln.sentence and w >= 10:
        return _length_credit(w)
    if w >= 25:
        return _length_credit(w) * 0.8
    if ln.sentence and w >= 4:
        return 1.0
    if is_list_item(ln) or URL_ONLY.match(ln.text):
        return 0.0
    return SHORT_LINE_SCORE


def _is_barrier(info: list[Line], i: int) -> bool:
    ln = info[i]
    if not ln.text or ln.words > 8 or not BARRIER.match(ln.text):
        return False
    prev = next((x for x in reversed(info[max(0, i - 4) : i]) if x.text), None)
    nxt = next((x for x in info[i + 1 : i + 5] if x.text), None)
    inline = all(x is not None and not x.junk and x.words >= 10 and x.sentence for x in (prev, nxt))
    if COMMENT_HEAD.match(ln.text):
        # "3 comments", "Leave a reply" open a thread; a bare "Comment(s)" inside the article (a
        # table cell, a label) with the article's prose going on after it does only when the
        # thread's furniture (Reply, "2 hours ago", votes) follows
        thread = any(x.junk == "comment" for x in info[i + 1 : i + COMMENT_META_LOOKAHEAD])
        goes_on = inline or _prose_resumes(info, i)
        return not BARE_COMMENT.match(ln.text) or thread or not goes_on
    return not inline and (bool(SHARE_BAR.match(ln.text)) or not _is_inline_box(info, i))


def _long_prose(x: Line) -> bool:
    return not x.junk and x.sentence and x.words >= INLINE_BOX_PROSE_WORDS


def _is_inline_box(info: list[Line], i: int) -> bool:
    """A "Most read" / "Related" box set into the article: the article's prose resumes after a
    few short lines (the box's links) and goes on for some paragraphs. A comments heading is never
    one; nor is a box after which the page holds only short lines."""
    return not COMMENT_HEAD.match(info[i].text) and _prose_resumes(info, i)


def _prose_resumes(info: list[Line], i: int) -> bool:
    """Within a few lines after line ``i``, some paragraphs of prose in a row."""
    after = [x for x in info[i + 1 :] if x.text]
    for k, x in enumerate(after[:INLINE_BOX_MAX_LINES]):
        if _long_prose(x):
            following = after[k : k + INLINE_BOX_RESUME]
            return len(following) == INLINE_BOX_RESUME and all(_long_prose(y) for y in following)
    return False


# A page whose paragraphs are set apart by blank lines and that also holds a long run of lines with
# no blank line between them: that run is a list of teasers or links, not paragraphs of the article.
PACKED_RUN = 8
PACKED_SPACED_SHARE = 0.6
PACKED_WEIGHT = 0.5


def _packed_lines(info: list[Line]) -> list[bool]:
    """Lines in a long run without blank lines, on a page whose prose mostly stands in blocks of
    one or two lines (paragraphs set apart by blank lines)."""
    packed = [False] * len(info)
    blocks: list[tuple[int, int]] = []
    start = 0
    for i in range(len(info) + 1):
        if i == len(info) or not info[i].text:
            if i > start:
                blocks.append((start, i))
            start = i + 1
    with_prose = [
        (a, b) for a, b in blocks if any(x.sentence and x.words >= 10 and not x.junk for x in info[a:b])
    ]
    if not with_prose:
        return packed
    spaced = sum(1 for a, b in with_prose if b - a <= 2)
    if spaced < PACKED_SPACED_SHARE * len(with_prose):
        return packed  # a page without blank lines between its paragraphs
    for a, b in blocks:
        if b - a >= PACKED_RUN:
            packed[a:b] = [True] * (b - a)
    return packed


def line_scores(info: list[Line]) -> list[float]:
    """Per-line scores; a run of furniture costs more the longer it gets (menus, footers)."""
    return scored_views(info, quantity_lines(info))[0]


def scored_views(info: list[Line], quantities: set[int]) -> tuple[list[float], list[float]]:
    """The per-line scores (``line_scores``) and the looser view of them, in which the run of
    furniture starts again after each blank line, so that a list set apart by blank lines costs no
    more than its lines. ``quantities``: the lines of quantity lists (``quantity_lines``)."""
    strict: list[float] = []
    loose: list[float] = []
    run = loose_run = 0
    prose_seen = 0.0
    weight = 1.0  # prose after a comments / more-stories barrier counts for less
    packed = _packed_lines(info)
    for i, ln in enumerate(info):
        if _is_barrier(info, i):
            strict.append(BARRIER_SCORE)
            loose.append(BARRIER_SCORE)
            run += 1
            loose_run += 1
            if prose_seen >= 60:
                weight *= 0.4
            continue
        s = 0.0 if i in quantities else _base_score(ln)
        if packed[i] and s > 0:
            s *= PACKED_WEIGHT
        if s > 0:
            prose_seen += s
            s *= weight
        if s < 0:
            strict.append(s - FURNITURE_RUN_COST * run)
            loose.append(s - FURNITURE_RUN_COST * loose_run)
            run += 1
            loose_run += 1
            continue
        if s >= 5:
            run = loose_run = 0
        elif not ln.text:
            loose_run = 0
        strict.append(s)
        loose.append(s)
    return strict, loose


# A subheading may follow a caption, a repeated label or an inline "Read more: …" link set into the
# article; it is still followed by the article's prose.
HEADING_AFTER_FURNITURE = ("caption", "figure", "duplicate", "link", "widget")


def _is_heading(lines: list[Line], i: int) -> bool:
    ln = lines[i]
    if ln.junk or ln.sentence or not 1 <= ln.words <= 14 or len(ln.text) > 120:
        return False
    if ln.text.endswith((",", "-", "–", "—")):
        return False
    nxt = next((x for x in lines[i + 1 :] if x.text), None)
    if nxt is None or nxt.junk or not (nxt.sentence and nxt.words >= 8):
        return False
    prev = next((x for x in reversed(lines[:i]) if x.text), None)
    return prev is None or (not prev.junk and prev.words >= 8) or prev.junk in HEADING_AFTER_FURNITURE


# A paragraph this long can be read apart from the core when it speaks of its topic (region.py).
ISOLATED_PARAGRAPH_WORDS = 20


def _readable(ln: Line) -> bool:
    """A paragraph read wherever it stands in the article (lists and headings need context)."""
    return bool(ln.text) and not ln.junk and ((ln.sentence and ln.words >= 3) or ln.words >= 15)


def extract(text: str) -> Extracted:
    lines = _split_lines(text)
    repeats = title_repeats(lines)
    title, title_i = title_from(lines, repeats)
    info = classify(lines, title)
    quantities = quantity_lines(info)
    scores, loose_scores = scored_views(info, quantities)
    a, b, _total = max_run(scores)
    if b < 0:
        return Extracted(title=title, paragraphs=[])
    a, b = core_run(scores, (a, b, _total), title_i)
    title, title_i = headline_above(repeats, a) or (title, title_i)
    # carry the region over a list that the last paragraph introduces
    b = _extend_list(info, a, b)
    vocabulary = Vocabulary([x.text for x in info], range(a, b + 1), [_readable(x) for x in info])
    long_prose = [_readable(x) and x.words >= ISOLATED_PARAGRAPH_WORDS for x in info]
    keep = article_lines(vocabulary, scores, loose_scores, range(a, b + 1), long_prose, title_i)
    standfirst = standfirst_lines(
        vocabulary,
        range(a, b + 1),
        title_i,
        [bool(x.text) and not x.junk and x.words >= STANDFIRST_MIN_WORDS for x in info],
    )

    # the article is no prose and the core a sidebar's: the text under the headline is read too
    standfirst.update(
        block_under_headline(
            [0 if x.junk else x.words for x in info],
            [bool(x.junk) or scores[i] <= BARRIER_SCORE for i, x in enumerate(info)],
            [not x.text or x.junk in ("date", "byline", "symbols") for x in info],
            range(a, b + 1),
            title_i,
        )
    )

    # the first step of a numbered series and its section's title, just above the core
    series_start = _series_start(info, keep, a, title_i)
    keep |= series_start

    paragraphs: list[str] = []
    headings: list[tuple[int, str]] = []
    seen: set[str] = set()
    after_colon = False
    for i in sorted(keep | standfirst):
        ln = info[i]
        if not ln.text:
            continue
        if ln.junk:
            after_colon = False
            continue
        # A short line met again is a pull quote or a label; a full paragraph repeated is the
        # author's own repetition (or a long document) and is read each time.
        if ln.norm in seen and ln.words < PULL_QUOTE_MAX_WORDS:
            continue
        # the page's own pitch set into the article ("Sign up to get the best of the week",
        # "Subscribe now for the full story", comment rules): pitch words, and not the article's topic
        # (an author's bio is left to trim_edges: it also closes the article)
        if is_inline_pitch(ln.text) and vocabulary.coherence([i], every_line=True) < DETACHED_COHERENCE:
            continue
        if _readable(ln) or i in standfirst:
            paragraphs.append(ln.text)
            seen.add(ln.norm)
            after_colon = ln.text.endswith(":")
        elif URL_ONLY.match(ln.text):
            continue
        elif is_list_item(ln) or after_colon or i in quantities or _in_list_run(info, i):
            paragraphs.append(ln.text)
            seen.add(ln.norm)
        elif (_is_heading(info, i) and paragraphs) or i in series_start:
            headings.append((len(paragraphs), ln.text))
            after_colon = False
    byline = _find_byline(info, a, b)
    paragraphs = trim_edges(drop_author_bio(paragraphs, byline))
    date = _find_date(info, a, title_i)
    dateline = None
    if paragraphs:
        m = DATELINE.match(paragraphs[0])
        if m and len(m.group("place")) >= 3 and m.group("place").strip(" .").isupper():
            dateline = m.group("place").strip(" .")
    return Extracted(
        title=title, paragraphs=paragraphs, byline=byline, date=date, dateline=dateline, headings=headings
    )


# A numbered step label: "Step 2", "Krok 3", "Schritt 4.", "Étape 5", "Part 2:".
_STEP_LABEL = re.compile(r"^(?P<label>[^\W\d_]+(?:\s+[^\W\d_]+){0,2})\s+(?P<n>\d{1,2})\s*[.:)]?$")
_SECTION_TITLE_MAX_WORDS = 8


def _step(ln: Line) -> tuple[str, int] | None:
    m = _STEP_LABEL.match(ln.text) if ln.text and not ln.junk else None
    return (m.group("label").lower(), int(m.group("n"))) if m else None


def _series_start(info: list[Line], keep: set[int], a: int, title_i: int) -> set[int]:
    """When the article's sections are numbered steps ("Krok 2", "Krok 3" …) and the core starts
    just below the first of them, that label and the section title above it ("Preparation step by
    step", "Method") are the article's too: the run of prose starts under them."""
    steps = [s for i in keep if (s := _step(info[i]))]
    if len(steps) < 2:
        return set()
    label, first = min(steps, key=lambda s: s[1])
    above = list(itertools.islice((j for j in range(a - 1, title_i, -1) if info[j].text), 2))
    if not above or _step(info[above[0]]) != (label, first - 1):
        return set()
    found = {above[0]}
    if len(above) > 1:
        title = info[above[1]]
        heading = not title.junk and not title.sentence and 1 <= title.words <= _SECTION_TITLE_MAX_WORDS
        other_step = _step(title)
        if heading and (other_step is None or other_step[0] != label):
            found.add(above[1])
    return found


def _extend_list(info: list[Line], a: int, b: int) -> int:
    """Carry the region over a list or table that follows its last line ("... these:" + items)."""
    last = info[b]
    if not last.text.endswith(":"):
        nxt = next((x for x in info[b + 1 : b + 4] if x.text), None)
        if nxt is None or not is_list_item(nxt):
            return b
    j = b + 1
    end = b
    blanks = 0
    while j < len(info):
        ln = info[j]
        if not ln.text:
            blanks += 1
            if blanks > 1:
                break
        else:
            blanks = 0
            if ln.junk:
                break
            if (
                is_list_item(ln)
                or URL_ONLY.match(ln.text)
                or (ln.words <= 20 and not ln.sentence)
                or ln.sentence
            ):
                end = j
            else:
                break
        j += 1
    return end


def _in_list_run(info: list[Line], i: int) -> bool:
    """A short line in a run of short lines without blank lines between them, inside the article."""

    def short(x: Line) -> bool:
        return bool(x.text) and not x.junk and not (x.sentence and x.words >= 10)

    prev_ok = i > 0 and short(info[i - 1])
    next_ok = i + 1 < len(info) and short(info[i + 1])
    if not (prev_ok or next_ok):
        return False
    # the run must sit between article lines
    j = i
    while j > 0 and short(info[j - 1]):
        j -= 1
    k = i
    while k + 1 < len(info) and short(info[k + 1]):
        k += 1
    if k - j + 1 > 30:
        return False
    before = next((x for x in reversed(info[max(0, j - 3) : j]) if x.text), None)
    after = next((x for x in info[k + 1 : k + 4] if x.text), None)
    return (
        before is not None
        and after is not None
        and not before.junk
        and not after.junk
        and before.words >= 5
        and after.words >= 8
    )


def _find_byline(info: list[Line], a: int, b: int) -> str | None:
    """The byline: near the top of the article first, then inside it, then the page's top; never
    below the article, where the names are those of other stories' authors."""

    def rank(i: int) -> int:
        return 0 if a - 30 <= i <= a + 10 else 1 if i <= b + 3 and i >= a else 2

    order = sorted((i for i, x in enumerate(info[: b + 4]) if x.text and x.words <= 24), key=rank)
    for i in order:
        nxt = next((x.text for x in info[i + 1 : i + 4] if x.text), None)
        names = byline_of(info[i].text, nxt)
        if names:
            return names
    return None


def _find_date(info: list[Line], a: int, title_i: int) -> str | None:
    lo = max(0, title_i if title_i >= 0 else a - 30)
    for i in range(a - 1, lo - 1, -1):
        if info[i].text and info[i].words <= 25:
            d = find_date(info[i].text)
            if d:
                return d
    return None
