"""What the feed publishes: encoded URLs, the owner and lock, transcripts, enclosures by format."""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import feedparser
import podcastparser
import pytest
from conftest import parse_with_partytime
from lxml import etree
from test_feed import BASE, ITUNES, PODCAST, write_episode

from narrate.errors import FeedError
from narrate.publish.feed import build_feed, web_url


def _tree(feed: Path) -> etree._Element:
    return etree.parse(str(feed)).getroot()


def _urls(root: etree._Element) -> list[str]:
    """Every URL the feed holds: link texts and url/href/uri attributes."""
    urls = [el.text.strip() for el in root.iter("link") if el.text]
    for el in root.iter():
        urls += [value for name, value in el.attrib.items() if name in ("url", "href", "uri")]
    return urls


@pytest.fixture
def spaced(tmp_path: Path) -> Path:
    write_episode(tmp_path, "harbor vote", title="Harbor vote")
    return tmp_path


def test_every_url_is_percent_encoded(spaced: Path) -> None:
    feed = build_feed(spaced, base_url="https://example.org/my podcast/")
    urls = _urls(_tree(feed))
    assert len(urls) >= 7
    for url in urls:
        assert " " not in url and url.startswith("https://example.org/my%20podcast/"), url
    # The encoded addresses still name the files in the folder.
    enclosure = feedparser.parse(str(feed)).entries[0].enclosures[0].href
    assert (spaced / unquote(urlsplit(enclosure).path).rsplit("/", 1)[1]).is_file()


@pytest.mark.parametrize(
    ("given", "published"),
    [
        ("https://example.org/a b/", "https://example.org/a%20b/"),
        ("https://example.org/caf%C3%A9/", "https://example.org/caf%C3%A9/"),  # escapes kept, not doubled
        ("https://example.org/100%/", "https://example.org/100%25/"),
        ("https://example.org/café/", "https://example.org/caf%C3%A9/"),
        ("https://bücher.example/pod/", "https://xn--bcher-kva.example/pod/"),
        ("HTTPS://Example.org:8443/pod", "https://Example.org:8443/pod/"),
    ],
)
def test_base_url_is_encoded_once(spaced: Path, given: str, published: str) -> None:
    feed = build_feed(spaced, base_url=given)
    assert _tree(feed).find("channel/link").text.strip() == published


@pytest.mark.parametrize(
    "url",
    [
        "https://exa mple.org/",
        "https://user:secret@example.org/",
        "https://example.org:99999/",
        "https:///path/",
        "mailto:me@example.org",
        "https://example.org/#top",
    ],
)
def test_a_base_url_that_is_no_folder_address_is_refused(spaced: Path, url: str) -> None:
    with pytest.raises(FeedError, match="--base-url"):
        build_feed(spaced, base_url=url)


def test_an_image_url_is_checked_and_encoded(spaced: Path) -> None:
    assert (
        web_url("https://cdn.example/art work.png?v=2", "--image") == "https://cdn.example/art%20work.png?v=2"
    )
    with pytest.raises(FeedError, match="--image"):
        build_feed(spaced, base_url=BASE, image_url="cover.png")


def test_owner_and_lock_come_from_the_options(spaced: Path) -> None:
    channel = _tree(build_feed(spaced, base_url=BASE)).find("channel")
    assert channel.find(f"{{{ITUNES}}}owner") is None and channel.find(f"{{{PODCAST}}}locked") is None
    feed = build_feed(spaced, base_url=BASE, title="Harbor", owner_email="desk@example.org", locked=True)
    channel = _tree(feed).find("channel")
    owner = channel.find(f"{{{ITUNES}}}owner")
    assert owner.findtext(f"{{{ITUNES}}}name") == "Harbor"
    assert owner.findtext(f"{{{ITUNES}}}email") == "desk@example.org"
    locked = channel.find(f"{{{PODCAST}}}locked")
    assert locked.text == "yes" and locked.get("owner") == "desk@example.org"
    feed = build_feed(
        spaced, base_url=BASE, owner_name="Ana Ruiz", owner_email="ana@example.org", locked=False
    )
    channel = _tree(feed).find("channel")
    assert channel.find(f"{{{ITUNES}}}owner").findtext(f"{{{ITUNES}}}name") == "Ana Ruiz"
    assert channel.find(f"{{{PODCAST}}}locked").text == "no"
    with pytest.raises(FeedError, match="owner-email"):
        build_feed(spaced, base_url=BASE, owner_name="Ana Ruiz")


def test_the_feed_lists_the_vtt_and_json_transcripts(spaced: Path) -> None:
    meta = json.loads((spaced / "harbor vote.json").read_text())
    meta["files"]["transcript_json"] = "harbor vote.transcript.json"
    (spaced / "harbor vote.json").write_text(json.dumps(meta))
    (spaced / "harbor vote.transcript.json").write_text('{"version": "1.0.0", "segments": []}')
    item = _tree(build_feed(spaced, base_url=BASE)).find("channel/item")
    found = {(t.get("type"), t.get("rel")): t.get("url") for t in item.iter(f"{{{PODCAST}}}transcript")}
    assert found == {
        ("text/vtt", "captions"): BASE + "harbor%20vote.vtt",
        ("application/json", None): BASE + "harbor%20vote.transcript.json",
    }


@pytest.fixture
def formats(tmp_path: Path) -> Path:
    """An episode rendered as MP3, M4A and M4B (the AAC files are stand-ins: copies of the MP3)."""
    meta = write_episode(tmp_path, "harbor", title="Harbor")
    for kind in ("m4a", "m4b"):
        shutil.copy(tmp_path / "harbor.mp3", tmp_path / f"harbor.{kind}")
    (tmp_path / "harbor.m4b").write_bytes((tmp_path / "harbor.m4b").read_bytes() + bytes(100))
    meta["formats"] = {"mp3": "harbor.mp3", "m4a": "harbor.m4a", "m4b": "harbor.m4b"}
    (tmp_path / "harbor.json").write_text(json.dumps(meta))
    return tmp_path


def _enclosures(feed: Path) -> tuple[tuple[str, str, str], list[tuple[str, str, str]]]:
    item = _tree(feed).find("channel/item")
    enclosure = item.find("enclosure")
    alternates = [
        (a.find(f"{{{PODCAST}}}source").get("uri"), a.get("type"), a.get("length"))
        for a in item.iter(f"{{{PODCAST}}}alternateEnclosure")
    ]
    return (enclosure.get("url"), enclosure.get("type"), enclosure.get("length")), alternates


def test_the_mp3_is_published_and_other_formats_offered_beside_it(formats: Path) -> None:
    feed = build_feed(formats, base_url=BASE)
    (url, mime, length), alternates = _enclosures(feed)
    assert (url, mime, int(length)) == (
        BASE + "harbor.mp3",
        "audio/mpeg",
        (formats / "harbor.mp3").stat().st_size,
    )
    assert sorted(alternates) == [
        (BASE + "harbor.m4a", "audio/mp4", str((formats / "harbor.m4a").stat().st_size)),
        (BASE + "harbor.m4b", "audio/mp4", str((formats / "harbor.m4b").stat().st_size)),
    ]
    with feed.open("rb") as handle:
        episode = podcastparser.parse(BASE + "feed.xml", handle)["episodes"][0]
    assert episode["enclosures"][0]["mime_type"] == "audio/mpeg"


def test_enclosure_m4a_publishes_the_aac_file(formats: Path) -> None:
    (url, mime, _), alternates = _enclosures(build_feed(formats, base_url=BASE, enclosure="m4a"))
    assert (url, mime) == (BASE + "harbor.m4a", "audio/mp4")
    assert sorted(uri for uri, _, _ in alternates) == [BASE + "harbor.m4b", BASE + "harbor.mp3"]


def test_an_episode_without_the_asked_format_keeps_its_mp3(
    spaced: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        (url, mime, _), alternates = _enclosures(build_feed(spaced, base_url=BASE, enclosure="m4a"))
    assert (url, mime, alternates) == (BASE + "harbor%20vote.mp3", "audio/mpeg", [])
    assert "no m4a file" in caplog.text
    with pytest.raises(FeedError, match="enclosure"):
        build_feed(spaced, base_url=BASE, enclosure="m4b")


def test_a_broken_file_is_warned_about_once(spaced: Path, caplog: pytest.LogCaptureFixture) -> None:
    (spaced / "broken.json").write_text("{not json", encoding="utf-8")
    write_episode(spaced, "silent", title="Silent")
    (spaced / "silent.vtt").unlink()
    with caplog.at_level(logging.WARNING):
        build_feed(spaced, base_url=BASE)  # reads the folder for the feed and again for the page
    messages = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert sum("broken.json" in m for m in messages) == 1
    assert sum("silent.vtt" in m for m in messages) == 1


@pytest.mark.parametrize(("seconds", "shown"), [(2.0, "0:00:02"), (2.999, "0:00:02"), (3661.5, "1:01:01")])
def test_itunes_duration_counts_whole_seconds_as_players_do(seconds: float, shown: str) -> None:
    from narrate.publish.feed import _clock

    assert _clock(seconds) == shown


def test_podcast_index_reads_the_feed(formats: Path) -> None:
    feed = build_feed(
        formats, base_url="https://example.org/my pod/", owner_email="desk@example.org", locked=True
    )
    parsed = parse_with_partytime(feed)
    assert parsed["locked"] is True and parsed["owner"]["email"] == "desk@example.org"
    (item,) = parsed["items"]
    assert item["enclosure"]["url"] == "https://example.org/my%20pod/harbor.mp3"
    assert item["enclosure"]["length"] == (formats / "harbor.mp3").stat().st_size
    assert {t["type"] for t in item["transcripts"]} == {"text/vtt"}
    assert sorted(a["type"] for a in item["alternates"]) == ["audio/mp4", "audio/mp4"]
