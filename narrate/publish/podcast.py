"""A feedgen extension for the Podcasting 2.0 tags narrate publishes, plus Apple's true/false
``itunes:explicit`` (feedgen's own iTunes extension only writes the retired yes/no/clean).

Register it with ``fg.register_extension(EXTENSION_NAME, PodcastIndexExtension,
PodcastIndexEntryExtension, atom=False)``; its methods are then on ``fg.podcastindex`` and
``entry.podcastindex``.
"""

from __future__ import annotations

import re
import uuid

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from lxml import etree

PODCAST_NS = "https://podcastindex.org/namespace/1.0"
ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
EXTENSION_NAME = "podcastindex"  # feedgen's "podcast" name is taken by its iTunes extension

# Fixed by the Podcasting 2.0 spec so that anyone can derive a feed's GUID from its URL.
_FEED_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")


def feed_guid(feed_url: str) -> str:
    """The ``podcast:guid`` of a feed: UUIDv5 of its URL without scheme and trailing slashes."""
    return str(uuid.uuid5(_FEED_GUID_NAMESPACE, re.sub(r"^\w+://", "", feed_url).rstrip("/")))


class PodcastIndexExtension(BaseExtension):  # type: ignore[misc]
    """Channel tags: ``podcast:guid``, ``podcast:locked`` and ``itunes:explicit``."""

    def __init__(self) -> None:
        self._guid: str | None = None
        self._explicit: bool | None = None
        self._locked: dict[str, str] | None = None

    def extend_ns(self) -> dict[str, str]:
        return {"podcast": PODCAST_NS}

    def extend_rss(self, feed: etree._Element) -> etree._Element:
        channel = feed[0]
        if self._explicit is not None:
            explicit = etree.SubElement(channel, f"{{{ITUNES_NS}}}explicit")
            explicit.text = "true" if self._explicit else "false"
        if self._guid is not None:
            etree.SubElement(channel, f"{{{PODCAST_NS}}}guid").text = self._guid
        if self._locked is not None:
            locked = dict(self._locked)
            etree.SubElement(channel, f"{{{PODCAST_NS}}}locked", locked).text = locked.pop("text")
        return feed

    def locked(self, value: bool, owner: str | None = None) -> None:
        """Set ``podcast:locked`` (yes: other platforms must not import the feed), naming its
        owner's e-mail address when given."""
        self._locked = {"text": "yes" if value else "no", **({"owner": owner} if owner else {})}

    def guid(self, value: str | None = None) -> str | None:
        """Get or set the feed's ``podcast:guid``."""
        if value is not None:
            self._guid = value
        return self._guid

    def explicit(self, value: bool | None = None) -> bool | None:
        """Get or set ``itunes:explicit``, written as true/false as Apple requires."""
        if value is not None:
            self._explicit = value
        return self._explicit


class PodcastIndexEntryExtension(BaseEntryExtension):  # type: ignore[misc]
    """Item tags: ``podcast:chapters``, ``podcast:transcript`` and ``podcast:alternateEnclosure``."""

    def __init__(self) -> None:
        self._chapters: dict[str, str] | None = None
        self._transcripts: list[dict[str, str]] = []
        self._alternates: list[tuple[dict[str, str], str]] = []

    def extend_rss(self, item: etree._Element) -> etree._Element:
        if self._chapters is not None:
            etree.SubElement(item, f"{{{PODCAST_NS}}}chapters", self._chapters)
        for transcript in self._transcripts:
            etree.SubElement(item, f"{{{PODCAST_NS}}}transcript", transcript)
        for attributes, url in self._alternates:
            alternate = etree.SubElement(item, f"{{{PODCAST_NS}}}alternateEnclosure", attributes)
            etree.SubElement(alternate, f"{{{PODCAST_NS}}}source", {"uri": url})
        return item

    def alternate_enclosure(self, url: str, type: str, length: int, title: str) -> None:
        """Offer another file of the same episode (another format), beside the enclosure."""
        self._alternates.append(({"type": type, "length": str(length), "title": title}, url))

    def chapters(self, url: str, type: str = "application/json+chapters") -> None:
        """Link the episode's Podcasting 2.0 chapters file."""
        self._chapters = {"url": url, "type": type}

    def transcript(self, url: str, type: str = "text/vtt", rel: str | None = "captions") -> None:
        """Add a transcript link; ``rel="captions"`` marks timed captions such as WebVTT."""
        attributes = {"url": url, "type": type}
        if rel:
            attributes["rel"] = rel
        self._transcripts.append(attributes)
