"""Who an episode is: its GUID (which article it reads) and its revision (which text of it).

Podcast apps know an episode by its GUID: a new GUID is a new episode, and the old one is
dropped. So the GUID names the article, not its text: the page's canonical address when it
gives one, else its source file's name and its title; a correction to a paragraph keeps it.
The revision follows the text, so a render can tell an edit (a new ``updated_at``) from a
render of the same text.
"""

from __future__ import annotations

import hashlib
import unicodedata
import uuid
from pathlib import PurePath

from narrate.model import Article, Script

_GUID_NAMESPACE = uuid.UUID("6f1e3b57-1a0c-5d7e-9a43-2f0c1f4f7a11")
STDIN = "-"


def _normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def article_key(article: Article) -> str:
    """What stays the same while an article is corrected: its canonical URL, else the name of
    the file it came from and its title (the folder it sits in may move)."""
    if article.url:
        return "url:" + article.url.strip()
    name = PurePath(article.source).name if article.source != STDIN else STDIN
    return f"source:{_normal(name)}\ntitle:{_normal(article.title)}"


def _articles(script: Script) -> tuple[Article, ...]:
    return (script.article,) if script.article else script.articles


def episode_guid(script: Script) -> str:
    """The episode's GUID: one per article, or per briefing name and its articles."""
    keys = [article_key(article) for article in _articles(script)]
    if script.parts or len(keys) != 1:
        keys = [f"briefing:{_normal(script.title)}", *keys]
    return str(uuid.uuid5(_GUID_NAMESPACE, "\n\n".join(keys)))


def revision(script: Script) -> str:
    """A digest of everything spoken: it changes with any edit of the text."""
    text = "\n".join([script.title, *(p for a in _articles(script) for p in (a.title, *a.paragraphs))])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
