"""The article a page declares in its schema.org JSON-LD (``articleBody``).

Pages that render their text with JavaScript, behind a paywall overlay or in a player still often
ship the whole article in a ``<script type="application/ld+json">`` block for search engines. It is
plain text (sometimes with markup or entities left in), without the page's furniture around it.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator

_TAG = re.compile(r"<[^>]{0,500}>")
_BLOCK_END = re.compile(r"</?(?:p|div|h[1-6]|li|br|blockquote)\b[^>]{0,500}>", re.I)


def _bodies(node: object) -> Iterator[str]:
    """Every ``articleBody`` string in a JSON-LD value (objects, ``@graph`` lists, nesting)."""
    stack = [node]
    while stack:
        cur = stack.pop()
        if isinstance(cur, dict):
            for key, val in cur.items():
                if key == "articleBody" and isinstance(val, str):
                    yield val
                elif isinstance(val, (dict, list)):
                    stack.append(val)
        elif isinstance(cur, list):
            stack.extend(reversed(cur))


def _paragraphs(body: str) -> list[str]:
    if "<" in body and _TAG.search(body):
        body = _TAG.sub("", _BLOCK_END.sub("\n", body))
    body = html.unescape(body)
    return [p for p in (" ".join(line.split()) for line in body.splitlines()) if p]


def article_body(doc) -> list[str]:
    """The longest ``articleBody`` of the page's JSON-LD blocks, as paragraphs (one per line of
    the body; a body without line breaks is one paragraph). Empty when there is none."""
    best: list[str] = []
    for script in doc.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "", strict=False)  # raw newlines in strings are common
        except ValueError:
            continue
        for body in _bodies(data):
            paragraphs = _paragraphs(body)
            if sum(map(len, paragraphs)) > sum(map(len, best)):
                best = paragraphs
    return best
