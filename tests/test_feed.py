"""The podcast feed, read back the way podcast apps read it (feedparser, podcastparser)."""

from __future__ import annotations

import functools
import io
import json
import logging
import re
import uuid
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import feedparser
import imageio_ffmpeg
import podcastparser
import pytest
from lxml import etree
from mutagen.mp3 import MP3
from PIL import Image
from pydub import AudioSegment
from pydub.generators import Sine

from narrate.errors import FeedError
from narrate.publish.feed import build_feed

BASE = "https://example.org/briefing/"
PODCAST = "https://podcastindex.org/namespace/1.0"
ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
TRICKY_TITLE = 'Tom & Jerry\'s <"Big"> café — 서울'


# ---- episode folder fixtures (shared with test_site.py) ------------------------------------------


@functools.cache
def mp3_bytes(seconds: float, frequency: int = 440) -> bytes:
    """A short real MP3: a sine tone encoded by the bundled ffmpeg."""
    AudioSegment.converter = imageio_ffmpeg.get_ffmpeg_exe()
    tone = Sine(frequency).to_audio_segment(duration=seconds * 1000).set_frame_rate(22050)
    buffer = io.BytesIO()
    tone.set_channels(1).export(buffer, format="mp3", bitrate="32k")
    return buffer.getvalue()


def write_episode(
    folder: Path,
    slug: str,
    *,
    title: str,
    seconds: float = 2.0,
    date: str | None = "2024-11-17",
    rendered_at: str = "2026-11-25T13:00:00+00:00",
    byline: str | None = "Park Hyun-ju and Lim Jeong-won",
    description: str = "The first paragraph of the article.",
    speakers: tuple[str, ...] = ("Narrator", "Volodymyr Zelensky"),
) -> dict[str, Any]:
    """Write what ``narrate render`` leaves for one article; return the episode JSON."""
    folder.mkdir(parents=True, exist_ok=True)
    audio = mp3_bytes(seconds, 300 + 40 * len(slug))
    (folder / f"{slug}.mp3").write_bytes(audio)
    half = seconds / 2
    chapters = [
        {"title": title, "start": 0.0, "end": half},
        {"title": "Second & <last> part", "start": half, "end": seconds},
    ]
    (folder / f"{slug}.chapters.json").write_text(
        json.dumps(
            {
                "version": "1.2.0",
                "chapters": [{"startTime": c["start"], "title": c["title"]} for c in chapters],
            }
        ),
        encoding="utf-8",
    )
    cues = "".join(
        f"\n{i + 1}\n{_vtt_time(i * half)} --> {_vtt_time((i + 1) * half)}\n"
        f"<v {speaker}>Cue {i} said by {speaker} &amp; friends.</v>\n"
        for i, speaker in enumerate(speakers)
    )
    (folder / f"{slug}.vtt").write_text(f"WEBVTT\n{cues}", encoding="utf-8")
    metadata = {
        "title": title,
        "byline": byline,
        "source": f"articles/{slug}.txt",
        "slug": slug,
        "guid": f"narrate-{slug}-0f3a",
        "description": description,
        "language": "en",
        "date": date,
        "rendered_at": rendered_at,
        "duration": seconds,
        "chapters": chapters,
        "files": {
            "audio": f"{slug}.mp3",
            "chapters": f"{slug}.chapters.json",
            "transcript": f"{slug}.vtt",
        },
    }
    (folder / f"{slug}.json").write_text(json.dumps(metadata), encoding="utf-8")
    return metadata


def audio_length(path: Path) -> float:
    info = MP3(path).info
    assert info is not None
    return float(info.length)


def _vtt_time(seconds: float) -> str:
    minutes, rest = divmod(seconds, 60)
    return f"00:{int(minutes):02d}:{rest:06.3f}"


@pytest.fixture
def two_episodes(tmp_path: Path) -> Path:
    write_episode(tmp_path, "ukraine-talks", title=TRICKY_TITLE, seconds=2.5, date="2024-11-17")
    write_episode(
        tmp_path,
        "trump-envoy",
        title="Trump names envoy",
        seconds=4.0,
        date=None,
        rendered_at="2026-11-25T13:00:00+00:00",
        byline=None,
    )
    return tmp_path


def _tree(feed: Path) -> etree._Element:
    return etree.parse(str(feed)).getroot()


# ---- what podcast apps read ----------------------------------------------------------------------


def test_both_parsers_read_two_episodes_with_exact_enclosures(two_episodes: Path) -> None:
    feed = build_feed(two_episodes, base_url=BASE, title="Briefing")
    parsed = feedparser.parse(str(feed))
    assert not parsed.bozo, parsed.get("bozo_exception")
    with feed.open("rb") as handle:
        podcast = podcastparser.parse(BASE + "feed.xml", handle)
    assert len(parsed.entries) == 2
    assert len(podcast["episodes"]) == 2
    for episode in podcast["episodes"]:
        (enclosure,) = episode["enclosures"]
        assert enclosure["url"].startswith(BASE)
        audio = two_episodes / enclosure["url"][len(BASE) :]
        assert enclosure["file_size"] == audio.stat().st_size
        assert enclosure["mime_type"] == "audio/mpeg"
        assert abs(episode["total_time"] - audio_length(audio)) <= 1.0


def test_duration_is_measured_on_the_audio_not_copied_from_the_json(two_episodes: Path) -> None:
    metadata = json.loads((two_episodes / "trump-envoy.json").read_text())
    metadata["duration"] = 99.0
    (two_episodes / "trump-envoy.json").write_text(json.dumps(metadata), encoding="utf-8")
    with build_feed(two_episodes, base_url=BASE).open("rb") as handle:
        podcast = podcastparser.parse(BASE + "feed.xml", handle)
    durations = {e["guid"]: e["total_time"] for e in podcast["episodes"]}
    assert abs(durations["narrate-trump-envoy-0f3a"] - audio_length(two_episodes / "trump-envoy.mp3")) <= 1


def test_channel_has_what_apple_requires(two_episodes: Path) -> None:
    feed = build_feed(two_episodes, base_url=BASE, title="Briefing")
    channel = feedparser.parse(str(feed)).feed
    assert channel.title == "Briefing"
    assert channel.link == BASE
    assert channel.subtitle  # the RSS description
    assert channel.language == "en"
    assert [tag.term for tag in channel.tags] == ["News"]
    assert channel.image.href == BASE + "cover.png"
    with Image.open(two_episodes / "cover.png") as cover:
        assert (cover.format, cover.size) == ("PNG", (1400, 1400))
    root = _tree(feed)
    assert root.findtext(f"channel/{{{ITUNES}}}explicit") == "false"
    with feed.open("rb") as handle:
        assert podcastparser.parse(BASE + "feed.xml", handle)["explicit"] is False


def test_podcast_guid_follows_the_podcasting_2_0_rule(two_episodes: Path) -> None:
    feed = build_feed(two_episodes, base_url="https://Example.org/briefing", title="Briefing")
    namespace = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
    want = uuid.uuid5(namespace, "Example.org/briefing/feed.xml")
    assert feedparser.parse(str(feed)).feed.podcast_guid == str(want)


def test_feed_guid_matches_the_spec_example() -> None:
    from narrate.publish.podcast import feed_guid

    assert feed_guid("https://mp3s.nashownotes.com/pc20rss.xml") == "917393e3-1b1e-5cef-ace4-edaa54e1f810"


def test_chapters_and_transcript_link_files_under_the_base_url(two_episodes: Path) -> None:
    feed = build_feed(two_episodes, base_url=BASE)
    items = _tree(feed).findall("channel/item")
    assert len(items) == 2
    for item in items:
        chapters = item.find(f"{{{PODCAST}}}chapters")
        transcript = item.find(f"{{{PODCAST}}}transcript")
        assert chapters is not None and transcript is not None
        assert chapters.get("type") == "application/json+chapters"
        assert (transcript.get("type"), transcript.get("rel")) == ("text/vtt", "captions")
        for link in (chapters.get("url"), transcript.get("url")):
            assert link is not None and link.startswith(BASE)
            assert (two_episodes / link[len(BASE) :]).is_file()
        assert json.loads((two_episodes / chapters.get("url", "")[len(BASE) :]).read_text())["version"]


def test_items_keep_their_guids_newest_first_with_rfc2822_dates(two_episodes: Path) -> None:
    feed = build_feed(two_episodes, base_url=BASE)
    entries = feedparser.parse(str(feed)).entries
    # The undated article falls back to its render time (2026), newer than the dated one (2024).
    assert [e.id for e in entries] == ["narrate-trump-envoy-0f3a", "narrate-ukraine-talks-0f3a"]
    assert all(e.guidislink is False for e in entries)
    dates = [parsedate_to_datetime(item.findtext("pubDate")) for item in _tree(feed).iter("item")]
    assert [d.isoformat() for d in dates] == ["2026-11-25T13:00:00+00:00", "2024-11-17T12:00:00+00:00"]


def test_text_with_markup_characters_and_non_ascii_round_trips(two_episodes: Path) -> None:
    feed = build_feed(two_episodes, base_url=BASE, title='News & "Views" <daily>', author="A & B")
    parsed = feedparser.parse(str(feed))
    assert parsed.feed.title == 'News & "Views" <daily>'
    assert parsed.feed.author == "A & B"
    with feed.open("rb") as handle:
        podcast = podcastparser.parse(BASE + "feed.xml", handle)
    assert TRICKY_TITLE in [e.title for e in parsed.entries]
    assert TRICKY_TITLE in [e["title"] for e in podcast["episodes"]]


def test_rebuild_with_nothing_changed_is_byte_identical(two_episodes: Path) -> None:
    first = build_feed(two_episodes, base_url=BASE, title="Briefing").read_bytes()
    guids = [e.id for e in feedparser.parse(first).entries]
    written = (two_episodes / "feed.xml").stat().st_mtime_ns
    second = build_feed(two_episodes, base_url=BASE, title="Briefing").read_bytes()
    assert second == first
    # An unchanged feed is not rewritten, so servers keep answering apps' conditional requests.
    assert (two_episodes / "feed.xml").stat().st_mtime_ns == written
    assert len(set(guids)) == 2


def test_a_new_episode_leaves_the_other_items_unchanged(two_episodes: Path) -> None:
    def items(feed: Path) -> dict[str, bytes]:
        return {i.findtext("guid") or "": etree.tostring(i) for i in _tree(feed).iter("item")}

    before = items(build_feed(two_episodes, base_url=BASE))
    write_episode(two_episodes, "later", title="Later", date="2025-01-02")
    after = items(build_feed(two_episodes, base_url=BASE))
    assert len(after) == 3
    assert {guid: after[guid] for guid in before} == before


def test_last_build_date_follows_the_latest_render(two_episodes: Path) -> None:
    write_episode(
        two_episodes, "old-news", title="Old news", date="2020-01-01", rendered_at="2027-03-04T05:06:07Z"
    )
    channel = _tree(build_feed(two_episodes, base_url=BASE)).find("channel")
    assert channel is not None
    when = parsedate_to_datetime(channel.findtext("lastBuildDate"))
    assert when.isoformat() == "2027-03-04T05:06:07+00:00"


def test_base_url_gets_its_trailing_slash(two_episodes: Path) -> None:
    feed = build_feed(two_episodes, base_url="https://example.org/briefing")
    urls = [e.enclosures[0].href for e in feedparser.parse(str(feed)).entries]
    assert urls == [BASE + "trump-envoy.mp3", BASE + "ukraine-talks.mp3"]


def test_a_given_image_url_replaces_the_generated_cover(two_episodes: Path) -> None:
    image = "https://cdn.example.org/art.jpg"
    feed = build_feed(two_episodes, base_url=BASE, image_url=image)
    assert feedparser.parse(str(feed)).feed.image.href == image
    assert not (two_episodes / "cover.png").exists()


def test_language_is_given_or_taken_from_the_episodes(two_episodes: Path) -> None:
    feed = build_feed(two_episodes, base_url=BASE, language="en_US")
    assert feedparser.parse(str(feed)).feed.language == "en-us"
    with pytest.raises(FeedError, match="ISO 639"):
        build_feed(two_episodes, base_url=BASE, language="English!")


def test_same_date_episodes_are_ordered_by_title(tmp_path: Path) -> None:
    for slug, title in (("b", "Beta"), ("a", "Alpha"), ("c", "Gamma")):
        write_episode(tmp_path, slug, title=title, date="2024-05-01")
    entries = feedparser.parse(str(build_feed(tmp_path, base_url=BASE))).entries
    assert [e.title for e in entries] == ["Alpha", "Beta", "Gamma"]


def test_publishing_also_writes_the_pages(two_episodes: Path) -> None:
    build_feed(two_episodes, base_url=BASE)
    assert (two_episodes / "index.html").is_file()
    for metadata in two_episodes.glob("*[!s].json"):  # episode JSON, not chapters JSON
        assert "<audio" in (two_episodes / f"{metadata.stem}.html").read_text(encoding="utf-8")


# ---- what the folder may hold --------------------------------------------------------------------


def test_broken_and_foreign_files_are_skipped_with_warnings(
    two_episodes: Path, caplog: pytest.LogCaptureFixture
) -> None:
    write_episode(two_episodes, "no-audio", title="No audio")
    (two_episodes / "no-audio.mp3").unlink()
    (two_episodes / "broken.json").write_text("{not json", encoding="utf-8")
    bad = write_episode(two_episodes, "escape", title="Escape")
    bad["files"]["audio"] = "../escape.mp3"
    (two_episodes / "escape.json").write_text(json.dumps(bad), encoding="utf-8")
    (two_episodes / "settings.json").write_text('{"theme": "dark"}', encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        feed = build_feed(two_episodes, base_url=BASE)
    assert len(feedparser.parse(str(feed)).entries) == 2
    warned = " ".join(r.getMessage() for r in caplog.records if r.levelno == logging.WARNING)
    for name in ("no-audio", "broken.json", "escape.json"):
        assert name in warned
    assert "settings.json" not in warned


def test_a_repeated_guid_is_published_once(two_episodes: Path) -> None:
    copy = json.loads((two_episodes / "trump-envoy.json").read_text())
    copy["slug"] = "trump-envoy-again"
    (two_episodes / "trump-envoy-again.json").write_text(json.dumps(copy), encoding="utf-8")
    entries = feedparser.parse(str(build_feed(two_episodes, base_url=BASE))).entries
    assert len(entries) == len({e.id for e in entries}) == 2


@pytest.mark.parametrize("make", ["missing", "file", "empty"])
def test_a_folder_without_episodes_is_a_one_line_feed_error(tmp_path: Path, make: str) -> None:
    folder = tmp_path / "episodes"
    if make == "file":
        folder.write_text("x")
    elif make == "empty":
        folder.mkdir()
        (folder / "x.chapters.json").write_text("{}")
    with pytest.raises(FeedError, match="narrate render") as error:
        build_feed(folder, base_url=BASE)
    assert "\n" not in str(error.value)


@pytest.mark.parametrize("url", ["example.org/podcast/", "ftp://example.org/", "https://example.org/?a=1"])
def test_a_base_url_that_is_not_http_is_refused(two_episodes: Path, url: str) -> None:
    with pytest.raises(FeedError, match="--base-url"):
        build_feed(two_episodes, base_url=url)
    assert not (two_episodes / "feed.xml").exists()


def test_no_temporary_files_are_left_behind(two_episodes: Path) -> None:
    build_feed(two_episodes, base_url=BASE)
    assert not [p.name for p in two_episodes.iterdir() if re.search(r"\.tmp$", p.name)]
