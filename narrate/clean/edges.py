"""The edges of a text's paragraphs, where the page's own prose joins the article: pitches for
subscriptions and newsletters, legal notes, tags, an author's bio."""

from __future__ import annotations

import re

from .words import count_words

# The page's own pitch at the edges of an article: subscription and newsletter offers, legal and
# advertising notes, comment rules, donation calls, an author's bio. Prose, but not the article.
_EDGE_PITCH = re.compile(
    r"""(?ix)\b(?:subscri(?:be|bing)\s+(?:to|now|today|for)|subscriptions?|subscribers?|newsletters?|sign\s+up|log\s+in|
    enter\s+your\s+e-?mail|stay\s+up[\s-]to[\s-]date|disclaimer|advertising\s+disclosure|
    we\s+may\s+(?:receive|earn)|affiliate\s+links?|all\s+rights\s+reserved|copyright|©|
    (?:reader|offensive|your)\s+comments?|comments?\s+(?:are|is|may|policy|section)\b|letters?\s+to\s+the\s+editor|full\s+story|read\s+the\s+rest|
    abonn\w+|iscriviti|suscr[ií]be\w*|assine|spenden?\b|przedruk\w*)"""
)
_BIO = re.compile(
    r"^(?:[A-Z][\w.'’-]+\s){1,3}(?:is|was)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,6}?"
    r"(?i:writer|editor|reporter|journalist|author|columnist|contributor|correspondent|founder|co-founder|"
    r"professor|expert|consultant|blogger|producer)\b"
    # the blog's owner introducing herself: "Hi, I'm Amy and I'm so glad you've stopped by!"
    r"|^(?i:(?:hi|hello|hey)(?:\s+there)?[,!.]?\s+)?(?:I['’]m|I\s+am)\s+[A-Z][a-z]+(?:[,!.]|\s+and\b|\s+[-–—])"
)
EDGE_PITCH_MAX_WORDS = 50
BIO_TAIL = 4  # how far from the end an author's bio closes the article
BIO_MAX_WORDS = 90


_TAGS = re.compile(r"(?i)^(?:tag(?:ged|s)|filed\s+under|categor(?:y|ies)|topics?|schlagw(?:ö|oe)rter)\s*:")


def is_inline_pitch(p: str) -> bool:
    return count_words(p) <= EDGE_PITCH_MAX_WORDS and bool(_EDGE_PITCH.search(p))


def _is_pitch(p: str) -> bool:
    return (
        bool(_TAGS.match(p))
        or is_inline_pitch(p)
        or (count_words(p) <= EDGE_PITCH_MAX_WORDS and bool(_BIO.match(p)))
    )


def trim_edges(paragraphs: list[str]) -> list[str]:
    """Drop the page's pitch from the end of the article (any number of paragraphs), where the
    page's own prose joins it; the start is kept as it is."""
    end = len(paragraphs)
    # the author's bio closes the article: what follows it is the page's (teasers, tags, pitch)
    for j in range(max(1, len(paragraphs) // 2, len(paragraphs) - BIO_TAIL), len(paragraphs)):
        if count_words(paragraphs[j]) <= BIO_MAX_WORDS and _BIO.match(paragraphs[j]):
            end = j
            break
    while end > 1 and _is_pitch(paragraphs[end - 1]):
        end -= 1
    return paragraphs[:end]


def drop_author_bio(paragraphs: list[str], byline: str | None) -> list[str]:
    """The author's bio after the article ("Jane Doe is a contributor at ...") is not article."""
    if not byline or len(paragraphs) < 3:
        return paragraphs
    names = [n.strip() for n in re.split(r",| and ", byline) if len(n.strip().split()) >= 2]
    for j in range(len(paragraphs) - 1, max(len(paragraphs) - 3, 0), -1):
        head = paragraphs[j][:80]
        if any(n in head for n in names) and not head.startswith(("“", '"', "‘", "'")):
            return paragraphs[:j]
    return paragraphs
