"""Briefings (several articles, one episode) and the M4B / WAV output formats."""

from __future__ import annotations

import io
import itertools
import json
import subprocess
import wave
from pathlib import Path

import feedparser
import pytest
from mutagen.id3 import ID3
from mutagen.mp3 import MP3
from mutagen.mp4 import MP4
from PIL import Image

from tests.conftest import ffmpeg


def _render(render_cli, tmp_path: Path, *args: object) -> Path:
    out = tmp_path / "out"
    result = render_cli("render", *args, "-o", out, "--cache-dir", tmp_path / "cache", "--engine", "fake")
    assert result.exit_code == 0, result.output
    return out


def test_briefing_chapters_headlines_then_one_per_article_with_their_own_nested(
    render_cli, tmp_path, article_txt, short_txt, seed_path
):
    out = _render(render_cli, tmp_path, seed_path, article_txt, short_txt, "--briefing", "Morning briefing")
    assert sorted(p.suffix for p in out.iterdir()) == [".json", ".json", ".json", ".mp3", ".srt", ".vtt"]
    mp3 = out / "morning-briefing.mp3"
    episode = json.loads((out / "morning-briefing.json").read_text())
    articles = [
        json.loads(render_cli("script", path, "--json").stdout)
        for path in (seed_path, article_txt, short_txt)
    ]
    # Top level: the spoken list of headlines, then one chapter per article, end to end.
    top = episode["chapters"]
    assert [c["title"] for c in top] == ["Morning briefing"] + [a["title"] for a in articles]
    assert top[0]["start"] == 0 and top[-1]["end"] == pytest.approx(MP3(mp3).info.length, abs=0.001)
    assert all(a["end"] == b["start"] for a, b in itertools.pairwise(top))
    # The chapters JSON: ordered, no two chapters at one time, every article's own chapters
    # (after its headline chapter) nested inside it as toc false; the headlines have none.
    doc = json.loads((out / "morning-briefing.chapters.json").read_text())["chapters"]
    starts = [c["startTime"] for c in doc]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    assert [c["title"] for c in doc if c.get("toc", True)] == [c["title"] for c in top]
    for part, article in zip(top, [None, *articles], strict=True):
        inside = [c for c in doc if part["start"] < c["startTime"] < part["end"]]
        assert all(c.get("toc") is False for c in inside)
        expected = [ch["title"] for ch in article["chapters"][1:]] if article else []
        assert [c["title"] for c in inside] == expected
    # ID3 holds the same chapters at the same times; its table of contents lists the top level.
    tags = ID3(mp3)
    chaps = sorted(tags.getall("CHAP"), key=lambda c: c.start_time)
    assert [(round(c.start_time / 1000, 3), str(c.sub_frames["TIT2"])) for c in chaps] == [
        (c["startTime"], c["title"]) for c in doc
    ]
    (toc,) = tags.getall("CTOC")
    by_id = {c.element_id: c for c in chaps}
    assert [str(by_id[i].sub_frames["TIT2"]) for i in toc.child_element_ids] == [c["title"] for c in top]


def test_briefing_intro_names_every_headline(render_cli, tmp_path, article_txt, short_txt):
    out = _render(render_cli, tmp_path, article_txt, short_txt, "--briefing", "Evening news")
    vtt = (out / "evening-news.vtt").read_text()
    episode = json.loads((out / "evening-news.json").read_text())
    intro = vtt.split("\n\n")[1] + vtt.split("\n\n")[2]
    for chapter in episode["chapters"]:
        assert chapter["title"].rstrip(".") in vtt
    assert "Evening news" in intro


def test_briefing_publishes_in_a_feed(render_cli, tmp_path, article_txt, short_txt, seed_path):
    out = _render(render_cli, tmp_path, article_txt, short_txt, "--briefing", "Evening news")
    _render(render_cli, tmp_path, seed_path)
    result = render_cli("feed", out, "--base-url", "https://example.org/pod/")
    assert result.exit_code == 0, result.output
    feed = feedparser.parse(str(out / "feed.xml"))
    assert not feed.bozo
    assert len(feed.entries) == 2


def _episode(out: Path) -> dict:
    (meta,) = [p for p in out.glob("*.json") if not p.name.endswith((".chapters.json", ".transcript.json"))]
    return json.loads(meta.read_text())


def _probe_chapters(path: Path) -> list[tuple[float, str]]:
    done = subprocess.run([ffmpeg(), "-hide_banner", "-i", str(path)], capture_output=True, text=True)
    chapters, starts = [], []
    for line in done.stderr.splitlines():
        line = line.strip()
        if line.startswith("Chapter #"):
            starts.append(float(line.split("start ")[1].split(",")[0]))
        elif line.startswith("title") and len(starts) > len(chapters):
            chapters.append((starts[-1], line.split(":", 1)[1].strip()))
    return chapters


def test_m4b_carries_the_same_chapters(render_cli, tmp_path, article_txt):
    out = _render(render_cli, tmp_path, article_txt, "--format", "m4b")
    (m4b,) = out.glob("*.m4b")
    episode = _episode(out)
    assert episode["formats"] == {"mp3": m4b.with_suffix(".mp3").name, "m4b": m4b.name}
    chapters = _probe_chapters(m4b)
    assert [title for _, title in chapters] == [c["title"] for c in episode["chapters"]]
    for (start, _), expected in zip(chapters, episode["chapters"], strict=True):
        assert start == pytest.approx(expected["start"], abs=0.05)
    # An audiobook by its brand and Apple's media kind, with the cover and the credits.
    assert m4b.read_bytes()[8:12] == b"M4B "
    tags = MP4(m4b).tags
    assert tags is not None and tags["stik"] == [2] and tags["\xa9gen"] == ["Podcast"]
    assert tags["\xa9nam"] == [episode["title"]] and tags["\xa9ART"] == [episode["byline"]]
    assert Image.open(io.BytesIO(bytes(tags["covr"][0]))).size == (1400, 1400)


def test_m4a_is_a_podcast_file_with_the_given_cover(render_cli, tmp_path, article_txt):
    cover = tmp_path / "cover.png"
    Image.new("RGB", (1500, 1500), (10, 120, 60)).save(cover)
    out = _render(render_cli, tmp_path, article_txt, "--format", "m4a", "--show", "Harbor Weekly",
                  "--cover", cover)  # fmt: skip
    (m4a,) = out.glob("*.m4a")
    assert m4a.read_bytes()[8:12] == b"M4A "
    tags = MP4(m4a).tags
    assert tags is not None and "stik" not in tags and tags["\xa9alb"] == ["Harbor Weekly"]
    assert bytes(tags["covr"][0]) == cover.read_bytes()


def test_wav_has_the_episode_duration(render_cli, tmp_path, article_txt):
    out = _render(render_cli, tmp_path, article_txt, "--format", "wav")
    (wav_path,) = out.glob("*.wav")
    episode = _episode(out)
    with wave.open(str(wav_path)) as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, 22050)
        seconds = wav.getnframes() / wav.getframerate()
    assert seconds == pytest.approx(episode["duration"], abs=0.05)


def test_mp3_credits_come_from_the_page_and_the_show(render_cli, tmp_path):
    page = Path(__file__).parent / "fixtures" / "clean" / "article.html"
    tags = ID3(next(_render(render_cli, tmp_path, page).glob("*.mp3")))
    assert tags["TALB"].text == ["The Riverside Gazette"] and tags["TPE1"].text == ["Jane Doe and John Roe"]
    assert str(tags["TDRC"].text[0]) == "2024-03-05" and tags["TCON"].text == ["Podcast"]
    assert tags.getall("APIC")
    shown = ID3(next(_render(render_cli, tmp_path, page, "--show", "My reading list").glob("*.mp3")))
    assert shown["TALB"].text == ["My reading list"] and shown["TPE1"].text == ["Jane Doe and John Roe"]
