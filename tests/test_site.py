"""index.html: a player, chapters and transcript per episode, usable offline from the folder."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote, urlsplit

import pytest

# The episode-folder builder lives in test_feed.py (the lead owns conftest.py).
from test_feed import write_episode

from narrate.errors import FeedError
from narrate.publish.site import write_index

NASTY = '<script>alert("x")</script> & café'


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""
    children: list[Element] = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    """A small DOM: enough to find elements and their text without string matching."""

    VOID: ClassVar[set[str]] = {"meta", "link", "track", "br", "img", "source", "input"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(element)
        if tag not in self.VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        for element in self.stack[1:]:
            element.text += data


def parse(path: Path) -> Element:
    builder = _TreeBuilder()
    builder.feed(path.read_text(encoding="utf-8"))
    builder.close()
    assert builder.stack == [builder.root], "unclosed elements"
    return builder.root


def find_all(element: Element, tag: str) -> list[Element]:
    found = [child for child in element.children if child.tag == tag]
    for child in element.children:
        found += find_all(child, tag)
    return found


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    write_episode(tmp_path, "first", title=NASTY, seconds=2.0, date="2024-11-17")
    write_episode(tmp_path, "second", title="Second story", seconds=3.0, date="2024-11-18")
    return tmp_path


def test_each_episode_has_a_player_with_a_captions_track(folder: Path) -> None:
    page = parse(write_index(folder, title="Briefing"))
    articles = find_all(page, "article")
    assert [a.attrs["id"] for a in articles] == ["second", "first"]
    for article in articles:
        (audio,) = find_all(article, "audio")
        assert audio.attrs["src"] == f"{article.attrs['id']}.mp3"
        (track,) = find_all(audio, "track")
        assert track.attrs["kind"] == "captions"
        assert track.attrs["src"] == f"{article.attrs['id']}.vtt"


def test_chapters_are_seek_buttons_at_their_start_times(folder: Path) -> None:
    page = parse(write_index(folder, title="Briefing"))
    for article in find_all(page, "article"):
        metadata = json.loads((folder / f"{article.attrs['id']}.json").read_text())
        (chapters,) = [ol for ol in find_all(article, "ol") if ol.attrs.get("class") == "chapters"]
        items = find_all(chapters, "li")
        starts = [float(find_all(li, "button")[0].attrs["data-start"]) for li in items]
        assert starts == [c["start"] for c in metadata["chapters"]]
        for li, chapter in zip(items, metadata["chapters"], strict=True):
            assert li.text.endswith(chapter["title"])
    (script,) = find_all(page, "script")
    assert "currentTime" in script.text


def test_transcript_shows_every_cue_with_its_speaker(folder: Path) -> None:
    page = parse(write_index(folder, title="Briefing"))
    (article,) = [a for a in find_all(page, "article") if a.attrs["id"] == "first"]
    (details,) = find_all(article, "details")
    paragraphs = find_all(details, "p")
    assert [find_all(p, "b")[0].text for p in paragraphs] == ["Narrator:", "Volodymyr Zelensky:"]
    cues = [span for p in paragraphs for span in find_all(p, "span")]
    assert [span.text for span in cues] == [
        "Cue 0 said by Narrator & friends.",
        "Cue 1 said by Volodymyr Zelensky & friends.",
    ]
    assert [float(span.attrs["data-start"]) for span in cues] == [0.0, 1.0]


def test_markup_in_titles_is_shown_as_text(folder: Path) -> None:
    page = parse(write_index(folder, title=NASTY))
    assert len(find_all(page, "script")) == 1  # only the page's own seek script
    assert find_all(page, "h1")[0].text == NASTY
    assert NASTY in [h2.text for h2 in find_all(page, "h2")]


def test_every_link_is_relative_and_points_into_the_folder(folder: Path) -> None:
    (folder / "feed.xml").write_text("<rss/>", encoding="utf-8")
    page = parse(write_index(folder, title="Briefing"))
    links = [
        value
        for tag in ("a", "audio", "track", "link", "script", "img", "source")
        for element in find_all(page, tag)
        for name, value in element.attrs.items()
        if name in ("src", "href")
    ]
    assert "feed.xml" in links
    for link in links:
        parts = urlsplit(link)
        assert not parts.scheme and not parts.netloc, link
        assert (folder / unquote(parts.path)).is_file(), link


def test_without_a_feed_the_page_does_not_link_one(folder: Path) -> None:
    page = parse(write_index(folder, title="Briefing"))
    hrefs = [e.attrs.get("href") for tag in ("a", "link") for e in find_all(page, tag)]
    assert "feed.xml" not in hrefs


def test_vtt_blocks_that_are_not_cues_are_ignored(folder: Path) -> None:
    (folder / "first.vtt").write_text(
        "WEBVTT - narrate\r\n\r\nNOTE written by a test\r\n\r\nSTYLE\r\n::cue { color: red }\r\n\r\n"
        "intro\r\n01:00:02.500 --> 01:00:04.000 align:start\r\n<v.loud Kim Jong-un>Two\r\nlines</v>\r\n",
        encoding="utf-8",
    )
    page = parse(write_index(folder, title="Briefing"))
    (article,) = [a for a in find_all(page, "article") if a.attrs["id"] == "first"]
    (span,) = find_all(find_all(article, "details")[0], "span")
    assert (span.text, span.attrs["data-start"]) == ("Two lines", "3602.500")
    assert find_all(find_all(article, "details")[0], "b")[0].text == "Kim Jong-un:"


def test_an_episode_without_transcript_has_no_track(folder: Path) -> None:
    (folder / "second.vtt").unlink()
    page = parse(write_index(folder, title="Briefing"))
    (article,) = [a for a in find_all(page, "article") if a.attrs["id"] == "second"]
    assert find_all(article, "track") == []
    assert find_all(article, "details") == []


def test_an_empty_folder_is_a_feed_error(tmp_path: Path) -> None:
    with pytest.raises(FeedError):
        write_index(tmp_path, title="Briefing")
