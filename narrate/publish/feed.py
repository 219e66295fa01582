"""The podcast feed: RSS 2.0 with the iTunes and Podcasting 2.0 tags, built with feedgen.

Everything in the feed comes from the episode files on disk (never the clock), so rebuilding a
folder that did not change gives a byte-identical feed.xml, and each episode keeps its GUID.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from pathlib import Path
from urllib.parse import quote, urlsplit

from feedgen.feed import FeedGenerator

from narrate import __version__
from narrate.errors import FeedError
from narrate.publish.cover import render_cover
from narrate.publish.folder import PublishedEpisode, load_episodes, write_file
from narrate.publish.podcast import (
    EXTENSION_NAME,
    PodcastIndexEntryExtension,
    PodcastIndexExtension,
    feed_guid,
)
from narrate.publish.site import write_index

log = logging.getLogger(__name__)

FEED_FILE = "feed.xml"
COVER_FILE = "cover.png"
DEFAULT_TITLE = "narrate"
DEFAULT_DESCRIPTION = "News articles read aloud, narrated offline by narrate."
CATEGORY = "News"

# XML 1.0 cannot carry most control characters; lxml refuses them outright.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_LANGUAGE = re.compile(r"[a-z]{2,3}(-[a-z0-9]{1,8})*")


def build_feed(
    folder: Path,
    *,
    base_url: str,
    title: str | None = None,
    author: str | None = None,
    image_url: str | None = None,
    description: str | None = None,
    language: str | None = None,
) -> Path:
    """Write ``folder/feed.xml`` (and ``index.html``, and ``cover.png`` when no image URL is
    given) for the episodes in ``folder``, as published at ``base_url``; return the feed's path.
    """
    base_url = _base_url(base_url)
    episodes = load_episodes(folder)
    title = title or DEFAULT_TITLE
    if image_url is None:
        write_file(folder / COVER_FILE, render_cover(title))
        image_url = base_url + COVER_FILE
    generator = _channel(
        base_url=base_url,
        title=title,
        author=author or title,
        image_url=image_url,
        description=description or DEFAULT_DESCRIPTION,
        language=_language(language, episodes),
    )
    # The feed changes only when its episodes do, so their newest date stands for the build time.
    generator.lastBuildDate(max(max(e.published, e.rendered_at) for e in episodes))
    for episode in episodes:
        _add_item(generator, episode, base_url)
    feed_path = folder / FEED_FILE
    write_file(feed_path, generator.rss_str(pretty=True))
    log.info("wrote %s with %d episodes", feed_path, len(episodes))
    write_index(folder, title=title, episodes=episodes)
    return feed_path


def _channel(
    *, base_url: str, title: str, author: str, image_url: str, description: str, language: str
) -> FeedGenerator:
    generator = FeedGenerator()
    generator.load_extension("podcast")
    generator.register_extension(
        EXTENSION_NAME, PodcastIndexExtension, PodcastIndexEntryExtension, atom=False
    )
    generator.title(_xml_text(title))
    # feedgen takes the RSS <link> from the last link given, so the web page goes last.
    generator.link(href=base_url + FEED_FILE, rel="self", type="application/rss+xml")
    generator.link(href=base_url, rel="alternate")
    generator.description(_xml_text(description))
    generator.language(language)
    generator.generator(f"narrate {__version__}")
    generator.podcast.itunes_author(_xml_text(author))
    generator.podcast.itunes_category(CATEGORY)
    generator.podcast.itunes_image(image_url)
    generator.podcast.itunes_type("episodic")
    extension = getattr(generator, EXTENSION_NAME)
    extension.explicit(False)
    extension.guid(feed_guid(base_url + FEED_FILE))
    return generator


def _add_item(generator: FeedGenerator, episode: PublishedEpisode, base_url: str) -> None:
    entry = generator.add_entry(order="append")
    entry.guid(_xml_text(episode.guid), permalink=False)
    entry.title(_xml_text(episode.title))
    entry.link(href=f"{base_url}index.html#{quote(episode.slug)}")
    entry.description(_xml_text(episode.description or episode.title))
    entry.enclosure(_file_url(base_url, episode.audio_file), str(episode.audio_bytes), episode.mime_type)
    entry.pubDate(episode.published)
    if episode.byline:
        entry.podcast.itunes_author(_xml_text(episode.byline))
    entry.podcast.itunes_duration(_clock(episode.duration_s))
    extension = getattr(entry, EXTENSION_NAME)
    if episode.chapters_file:
        extension.chapters(_file_url(base_url, episode.chapters_file))
    if episode.transcript_file:
        extension.transcript(_file_url(base_url, episode.transcript_file))


def _base_url(url: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise FeedError(
            f"--base-url must be the http(s) address the folder is served from, "
            f"such as https://example.org/podcast/ (got {url!r})"
        )
    return parts.geturl() if parts.path.endswith("/") else parts.geturl() + "/"


def _file_url(base_url: str, name: str) -> str:
    return base_url + quote(name)


def _clock(seconds: float) -> str:
    """H:MM:SS, rounded to the nearest second."""
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes // 60}:{minutes % 60:02d}:{secs:02d}"


def _language(given: str | None, episodes: list[PublishedEpisode]) -> str:
    """The channel's ISO 639 language: the one given, else the episodes' most common one."""
    if given is None:
        given = Counter(episode.language for episode in episodes).most_common(1)[0][0]
    language = given.strip().lower().replace("_", "-")
    if not _LANGUAGE.fullmatch(language):
        raise FeedError(f"language must be an ISO 639 code such as en or en-us (got {given!r})")
    return language


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)
