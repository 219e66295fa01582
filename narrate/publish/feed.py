"""The podcast feed: RSS 2.0 with the iTunes and Podcasting 2.0 tags, built with feedgen.

Everything in the feed comes from the episode files on disk (never the clock), so rebuilding a
folder that did not change gives a byte-identical feed.xml, and each episode keeps its GUID.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

from feedgen.feed import FeedGenerator

from narrate import __version__
from narrate.errors import FeedError
from narrate.output.cover import DEFAULT_TITLE, render_cover
from narrate.output.transcripts import JSON_TYPE
from narrate.publish.folder import ENCLOSURE_FORMATS, PublishedEpisode, load_episodes, write_file
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
DEFAULT_DESCRIPTION = "News articles read aloud, narrated offline by narrate."
CATEGORY = "News"

# XML 1.0 cannot carry most control characters; lxml refuses them outright.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_LANGUAGE = re.compile(r"[a-z]{2,3}(-[a-z0-9]{1,8})*")
# RFC 3986 characters a path may hold as they are ("%" stays: it opens the escapes kept).
_URL_SAFE = "/:@!$&'()*+,;=-._~%"
_LONE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_FORMAT_TITLES = {"mp3": "MP3", "m4a": "AAC (M4A)", "m4b": "Audiobook (M4B)", "wav": "WAV"}


def build_feed(
    folder: Path,
    *,
    base_url: str,
    title: str | None = None,
    author: str | None = None,
    image_url: str | None = None,
    description: str | None = None,
    language: str | None = None,
    owner_name: str | None = None,
    owner_email: str | None = None,
    locked: bool | None = None,
    enclosure: str = "mp3",
) -> Path:
    """Write ``folder/feed.xml`` (and ``index.html``, and ``cover.png`` when no image URL is
    given) for the episodes in ``folder``, as published at ``base_url``; return the feed's path.

    Each item's enclosure is the episode's ``enclosure`` file (mp3 or m4a), its other audio files
    ``podcast:alternateEnclosure``. ``owner_email`` (with ``owner_name``, else the author) makes
    ``itunes:owner``; ``locked`` sets ``podcast:locked``.
    """
    if enclosure not in ENCLOSURE_FORMATS:
        raise FeedError(f"the enclosure must be one of {', '.join(ENCLOSURE_FORMATS)} (got {enclosure!r})")
    if owner_name and not owner_email:
        raise FeedError("the feed's owner needs an e-mail address (--owner-email): Apple writes to it")
    base_url = _base_url(base_url)
    episodes = load_episodes(folder, enclosure)
    title = title or DEFAULT_TITLE
    if image_url is None:
        write_file(folder / COVER_FILE, render_cover(title))
        image_url = base_url + COVER_FILE
    else:
        image_url = web_url(image_url, "--image")
    generator = _channel(
        base_url=base_url,
        title=title,
        author=author or title,
        image_url=image_url,
        description=description or DEFAULT_DESCRIPTION,
        language=_language(language, episodes),
    )
    if owner_email:
        generator.podcast.itunes_owner(_xml_text(owner_name or author or title), _xml_text(owner_email))
    if locked is not None:
        getattr(generator, EXTENSION_NAME).locked(locked, owner_email)
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
    if episode.transcript_json_file:
        extension.transcript(_file_url(base_url, episode.transcript_json_file), JSON_TYPE, rel=None)
    for audio in episode.alternates:
        title = _FORMAT_TITLES.get(audio.format, audio.format.upper())
        url = _file_url(base_url, audio.name)
        extension.alternate_enclosure(url, audio.mime_type, audio.size_bytes, title)


def _base_url(url: str) -> str:
    """The folder's address, percent-encoded and ending in a slash."""
    parts = urlsplit(url.strip())
    if parts.query or parts.fragment:
        raise FeedError(
            f"--base-url must be the http(s) address the folder is served from, "
            f"such as https://example.org/podcast/, without ?query or #fragment (got {url!r})"
        )
    encoded = web_url(url, "--base-url")
    return encoded if encoded.endswith("/") else encoded + "/"


def web_url(url: str, what: str) -> str:
    """An absolute http(s) URL as it must appear in a feed: host in IDNA, path and query
    percent-encoded (escapes already there are kept); FeedError when it is not one."""
    parts = urlsplit(url.strip())
    problem = None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        problem = "is not an absolute http(s) address"
    elif parts.username is not None or parts.password is not None:
        problem = "holds a user name or password"
    elif any(c.isspace() or not c.isprintable() for c in parts.netloc):
        problem = "has spaces or control characters in its host"
    if problem is None:
        try:
            netloc = _netloc(parts.netloc, parts.port)
        except (UnicodeError, ValueError) as error:
            problem = f"has an invalid host or port ({error})"
    if problem is not None:
        raise FeedError(f"{what} {problem}: give one such as https://example.org/podcast/ (got {url!r})")
    path = quote(_LONE_PERCENT.sub("%25", parts.path or "/"), safe=_URL_SAFE)
    query = quote(_LONE_PERCENT.sub("%25", parts.query), safe=_URL_SAFE + "?")
    fragment = quote(_LONE_PERCENT.sub("%25", parts.fragment), safe=_URL_SAFE + "?")
    return urlunsplit((parts.scheme.lower(), netloc, path, query, fragment))


def _netloc(netloc: str, port: int | None) -> str:
    """Host (as written, or in IDNA when it is not ASCII) and port; ValueError when invalid."""
    host = netloc.rpartition("@")[2]
    host = host[: host.index("]") + 1] if host.startswith("[") else host.partition(":")[0]
    if not host.isascii():
        host = host.encode("idna").decode("ascii")
    return host + (f":{port}" if port is not None else "")


def _file_url(base_url: str, name: str) -> str:
    return base_url + quote(name)


def _clock(seconds: float) -> str:
    """H:MM:SS, the whole seconds elapsed (floored, as players count: 5:11.9 shows as 5:11)."""
    minutes, secs = divmod(math.floor(seconds), 60)
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
