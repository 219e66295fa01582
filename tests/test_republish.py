"""A corrected article, rendered again and republished, is the same episode to podcast apps.

The feed is read as apps read it (feedparser, podcastparser, and podcast-partytime where node
is installed) before and after a paragraph is edited: the GUID and pubDate stay, the enclosure
length and duration follow the new file.
"""

from __future__ import annotations

import json
import re
import subprocess
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

import feedparser
import podcastparser
import pytest
from conftest import ffmpeg, parse_with_partytime
from mutagen.id3 import ID3
from mutagen.mp3 import MP3, BitrateMode
from mutagen.mp3._util import XingHeader

from narrate.audio.encode import ENCODER_DELAY_SAMPLES

BASE = "https://example.org/harbor news/"
YESTERDAY = "2026-01-14T08:30:00+00:00"


def _render(render_cli, article: Path, out: Path, cache: Path, *extra: object) -> None:
    result = render_cli(
        "render", article, "-o", out, "--cache-dir", cache, "--engine", "fake", "-j", "1", *extra
    )
    assert result.exit_code == 0, result.output


def _publish(render_cli, out: Path) -> dict:
    result = render_cli("feed", out, "--base-url", BASE, "--title", "Harbor News")
    assert result.exit_code == 0, result.output
    feed = out / "feed.xml"
    (fp,) = feedparser.parse(str(feed)).entries
    with feed.open("rb") as handle:
        (pp,) = podcastparser.parse(BASE + "feed.xml", handle)["episodes"]
    enclosure = pp["enclosures"][0]
    seen = {
        "guid": {fp.id, pp["guid"]},
        "published": {parsedate_to_datetime(fp.published).timestamp(), float(pp["published"])},
        "length": {int(fp.enclosures[0].length), enclosure["file_size"]},
        "duration": {pp["total_time"]},
        "url": enclosure["url"],
    }
    try:
        (pt,) = parse_with_partytime(feed)["items"]
    except pytest.skip.Exception:
        return seen
    seen["guid"].add(pt["guid"])
    seen["published"].add(datetime.fromisoformat(pt["pubDate"]).timestamp())
    seen["length"].add(pt["enclosure"]["length"])
    seen["duration"].add(pt["duration"])
    return seen


def _meta(out: Path) -> tuple[Path, dict]:
    (path,) = [p for p in out.glob("*.json") if not p.name.endswith((".chapters.json", ".transcript.json"))]
    return path, json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("dated", [True, False], ids=["article-date", "first-render-date"])
def test_an_edited_article_keeps_its_guid_and_pubdate_with_the_new_file(
    render_cli, tmp_path, article_txt, dated
):
    article, out, cache = tmp_path / "harbor.txt", tmp_path / "site", tmp_path / "cache"
    text = article_txt.read_text(encoding="utf-8")
    article.write_text(text if dated else text.replace("Published Mar. 3, 2025\n", ""), encoding="utf-8")
    _render(render_cli, article, out, cache)
    assert (_meta(out)[1]["date"] is not None) == dated
    # As if that render had happened yesterday: without an article date, that is the pubDate.
    path, meta = _meta(out)
    meta["rendered_at"] = meta["updated_at"] = YESTERDAY
    path.write_text(json.dumps(meta), encoding="utf-8")
    before = _publish(render_cli, out)
    assert len(before["guid"]) == len(before["published"]) == len(before["length"]) == 1

    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("at the town library.", "at the old town library on Elm Street."))
    _render(render_cli, article, out, cache)
    after = _publish(render_cli, out)

    assert after["guid"] == before["guid"] and after["published"] == before["published"]
    if not dated:
        assert before["published"] == {datetime.fromisoformat(YESTERDAY).timestamp()}
    assert after["url"] == before["url"]
    mp3 = out / after["url"].rsplit("/", 1)[1]
    assert after["length"] == {mp3.stat().st_size} != before["length"]
    assert after["duration"] == {int(MP3(mp3).info.length)} and after["duration"] != before["duration"]
    _, meta = _meta(out)
    assert meta["rendered_at"] == YESTERDAY and meta["updated_at"] > YESTERDAY
    # Rendering the same text again is no update.
    _render(render_cli, article, out, cache)
    assert _meta(out)[1]["updated_at"] == meta["updated_at"]


def test_the_mp3_tells_players_its_length_date_and_cover(render_cli, tmp_path):
    page = Path(__file__).parent / "fixtures" / "clean" / "article.html"
    _render(render_cli, page, tmp_path, tmp_path / "cache")
    (mp3,) = tmp_path.glob("*.mp3")
    _, meta = _meta(tmp_path)
    info = MP3(mp3).info
    assert info.bitrate_mode == BitrateMode.CBR and info.encoder_info.startswith("LAME")
    assert info.length == pytest.approx(meta["duration"], abs=0.001)
    with mp3.open("rb") as handle:
        handle.seek(ID3(mp3).size + 13)  # past the tag, the frame header and its side information
        xing = XingHeader(handle)
    assert xing.frames > 0 and xing.lame_header is not None
    assert xing.lame_header.encoder_delay_start == ENCODER_DELAY_SAMPLES
    tags = ID3(mp3)
    assert str(tags["TDRC"].text[0]) == meta["date"] == "2024-03-05" and tags.getall("APIC")
    probe = subprocess.run([ffmpeg(), "-hide_banner", "-i", str(mp3)], capture_output=True, text=True)
    assert "Estimating duration from bitrate" not in probe.stderr
    hours, minutes, seconds = re.search(r"Duration: (\d+):(\d+):([\d.]+)", probe.stderr).groups()
    assert int(hours) * 3600 + int(minutes) * 60 + float(seconds) == pytest.approx(
        meta["duration"], abs=0.011
    )
