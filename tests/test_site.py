"""The folder's pages: index.html and a read-along page per episode, usable offline from the folder."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote, urlsplit

import pytest

# The episode-folder builder lives in test_feed.py (the lead owns conftest.py).
from test_feed import write_episode

from narrate.errors import FeedError
from narrate.model import Chapter
from narrate.publish.site import SPEEDS, page_name, write_index
from narrate.publish.transcript import PARAGRAPH_GAP_S, Cue, sections
from narrate.script import PAUSE_AT_VOICE_CHANGE_MS, PAUSE_BETWEEN_PARAGRAPHS_MS

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


def find_class(element: Element, tag: str, name: str) -> list[Element]:
    return [e for e in find_all(element, tag) if name in e.attrs.get("class", "").split()]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    write_episode(tmp_path, "first", title=NASTY, seconds=2.0, date="2024-11-17")
    write_episode(tmp_path, "second", title="Second story", seconds=3.0, date="2024-11-18")
    return tmp_path


def episode_page(folder: Path, slug: str) -> Element:
    write_index(folder, title="Briefing")
    return parse(folder / page_name(slug))


def test_the_index_lists_every_episode_newest_first_with_its_page(folder: Path) -> None:
    page = parse(write_index(folder, title="Briefing"))
    articles = find_all(page, "article")
    assert [a.attrs["id"] for a in articles] == ["second", "first"]  # the feed links index.html#slug
    for article in articles:
        slug = article.attrs["id"]
        hrefs = [a.attrs["href"] for a in find_all(article, "a")]
        assert f"{slug}.html" in hrefs
        assert (folder / f"{slug}.html").is_file()
        (download,) = [a for a in find_all(article, "a") if "download" in a.attrs]
        assert download.attrs["href"] == f"{slug}.mp3"
        assert re.fullmatch(r"Download MP3 audio \(\d+\.\d MB\)", download.text)


def test_an_episode_page_has_a_player_with_a_captions_track(folder: Path) -> None:
    page = episode_page(folder, "second")
    (audio,) = find_all(page, "audio")
    assert audio.attrs["src"] == "second.mp3"
    (track,) = find_all(audio, "track")
    assert (track.attrs["kind"], track.attrs["src"]) == ("captions", "second.vtt")
    (select,) = find_all(page, "select")
    assert [float(o.attrs["value"]) for o in find_all(select, "option")] == list(SPEEDS)
    assert SPEEDS[0] == 0.75 and SPEEDS[-1] == 2.0


def test_chapters_are_seek_buttons_at_their_start_times(folder: Path) -> None:
    page = episode_page(folder, "first")
    metadata = json.loads((folder / "first.json").read_text())
    (nav,) = find_class(page, "nav", "chapters")
    buttons = find_all(nav, "button")
    assert [float(b.attrs["data-start"]) for b in buttons] == [c["start"] for c in metadata["chapters"]]
    for button, chapter in zip(buttons, metadata["chapters"], strict=True):
        assert button.text.endswith(chapter["title"])
    (transcript,) = find_class(page, "section", "transcript")
    assert [h.text for h in find_all(transcript, "h3")] == [c["title"] for c in metadata["chapters"]]


def test_every_sentence_carries_its_cue_times_and_the_speaker_shows_at_each_change(folder: Path) -> None:
    page = episode_page(folder, "first")
    (transcript,) = find_class(page, "section", "transcript")
    cues = find_class(transcript, "span", "cue")
    assert [c.text for c in cues] == [
        "Cue 0 said by Narrator & friends.",
        "Cue 1 said by Volodymyr Zelensky & friends.",
    ]
    assert [(c.attrs["data-start"], c.attrs["data-end"]) for c in cues] == [
        ("0.000", "1.000"),
        ("1.000", "2.000"),
    ]
    assert [s.text for s in find_class(transcript, "span", "speaker")] == ["Narrator:", "Volodymyr Zelensky:"]
    assert [c.attrs["class"] for c in cues] == ["cue", "cue quote"]


def test_a_speaker_is_named_again_only_when_the_voice_changes(folder: Path) -> None:
    speakers = ["Narrator", "Narrator", "Hong Min", "Hong Min", "Narrator"]
    (folder / "first.vtt").write_text(
        "WEBVTT\n"
        + "".join(
            f"\n00:00:00.{2 * i}00 --> 00:00:00.{2 * i + 1}00\n<v {speaker}>Sentence {i}.\n"
            for i, speaker in enumerate(speakers)
        ),
        encoding="utf-8",
    )
    page = episode_page(folder, "first")  # all within the first chapter, which names its first speaker
    labels = find_class(page, "span", "speaker")
    assert [label.text for label in labels] == ["Narrator:", "Hong Min:", "Narrator:"]


def test_markup_in_titles_is_shown_as_text(folder: Path) -> None:
    index = parse(write_index(folder, title=NASTY))
    page = parse(folder / "first.html")
    for parsed in (index, page):
        assert len(find_all(parsed, "script")) == 1  # only the page's own script
        assert len(find_all(parsed, "style")) == 1
    assert find_all(index, "h1")[0].text == NASTY
    assert find_all(page, "h1")[0].text == NASTY


def test_every_link_is_relative_and_points_into_the_folder(folder: Path) -> None:
    (folder / "feed.xml").write_text("<rss/>", encoding="utf-8")
    (folder / "cover.png").write_bytes(b"\x89PNG")
    write_index(folder, title="Briefing")
    for name in ("index.html", "first.html", "second.html"):
        page = parse(folder / name)
        links = [
            value
            for tag in ("a", "audio", "track", "link", "script", "img", "source")
            for element in find_all(page, tag)
            for attribute, value in element.attrs.items()
            if attribute in ("src", "href")
        ]
        assert "feed.xml" in links and "cover.png" in links
        for link in links:
            parts = urlsplit(link)
            assert not parts.scheme and not parts.netloc, link
            if parts.path:
                assert (folder / unquote(parts.path)).is_file(), link
            else:
                assert parts.fragment, link  # an anchor on the page itself


def test_without_a_feed_or_cover_the_pages_do_not_link_them(folder: Path) -> None:
    write_index(folder, title="Briefing")
    for name in ("index.html", "first.html"):
        page = parse(folder / name)
        hrefs = [e.attrs.get("href") for tag in ("a", "link") for e in find_all(page, tag)]
        assert "feed.xml" not in hrefs
        assert find_all(page, "img") == []


def test_pages_have_landmarks_names_and_a_language(folder: Path) -> None:
    (folder / "cover.png").write_bytes(b"\x89PNG")
    page = episode_page(folder, "first")
    (html_element,) = find_all(page, "html")
    assert html_element.attrs["lang"] == "en"
    for landmark in ("header", "main", "footer", "nav"):
        assert find_all(page, landmark), landmark
    for nav in find_all(page, "nav"):
        assert nav.attrs.get("aria-label") or nav.attrs.get("aria-labelledby")
    for button in find_all(page, "button"):
        assert (
            button.attrs.get("aria-label") or button.text.strip().isalpha() or button.attrs.get("data-start")
        )
    for select in find_all(page, "select"):
        assert select.attrs.get("aria-label")
    for image in find_all(page, "img"):
        assert "alt" in image.attrs
    for heading_id in ("chapters-heading", "transcript-heading", "downloads-heading"):
        assert [h for tag in ("h2",) for h in find_all(page, tag) if h.attrs.get("id") == heading_id]


def test_downloads_are_labelled_by_their_real_format(folder: Path) -> None:
    metadata = json.loads((folder / "second.json").read_text())
    (folder / "second.mp3").rename(folder / "second.m4b")
    metadata["files"]["audio"] = "second.m4b"
    (folder / "second.json").write_text(json.dumps(metadata), encoding="utf-8")
    page = episode_page(folder, "second")
    labels = {a.attrs["href"]: a.text for a in find_all(page, "a") if "download" in a.attrs}
    assert re.fullmatch(r"Download M4B audiobook \(\d+\.\d MB\)", labels["second.m4b"])
    assert labels["second.chapters.json"] == "Chapters (JSON)"
    assert labels["second.vtt"] == "Transcript (WebVTT)"


def test_every_rendered_format_has_its_download_link_published_one_first(folder: Path) -> None:
    metadata = json.loads((folder / "second.json").read_text())
    (folder / "second.m4b").write_bytes((folder / "second.mp3").read_bytes())  # any bytes will do
    metadata["formats"] = {"mp3": "second.mp3", "m4b": "second.m4b"}
    (folder / "second.json").write_text(json.dumps(metadata), encoding="utf-8")
    page = episode_page(folder, "second")
    audio = [a.text for a in find_all(page, "a") if "download" in a.attrs and "audio" in a.text]
    assert [label.split(" (")[0] for label in audio] == ["Download MP3 audio", "Download M4B audiobook"]


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(0.0, "0:00"), (0.999, "0:00"), (59.9, "0:59"), (60.0, "1:00"), (311.6, "5:11"), (3599.99, "59:59"),
     (3600.0, "1:00:00"), (3725.5, "1:02:05")],
)  # fmt: skip
def test_times_are_floored_as_players_show_them(seconds: float, shown: str) -> None:
    from narrate.publish.site import _clock

    assert _clock(seconds) == shown


def test_vtt_blocks_that_are_not_cues_are_ignored(folder: Path) -> None:
    (folder / "first.vtt").write_text(
        "WEBVTT - narrate\r\n\r\nNOTE written by a test\r\n\r\nSTYLE\r\n::cue { color: red }\r\n\r\n"
        "intro\r\n01:00:02.500 --> 01:00:04.000 align:start\r\n<v.loud Kim Jong-un>Two\r\nlines</v>\r\n",
        encoding="utf-8",
    )
    page = episode_page(folder, "first")
    (cue,) = find_class(page, "span", "cue")
    assert (cue.text, cue.attrs["data-start"], cue.attrs["data-end"]) == ("Two lines", "3602.500", "3604.000")
    assert find_class(page, "span", "speaker")[0].text == "Kim Jong-un:"


def test_an_episode_without_transcript_has_no_track(folder: Path) -> None:
    (folder / "second.vtt").unlink()
    page = episode_page(folder, "second")
    assert find_all(page, "track") == []
    assert find_class(page, "section", "transcript") == []


def test_an_episode_slugged_index_does_not_replace_the_folder_page(tmp_path: Path) -> None:
    write_episode(tmp_path, "index", title="Index")
    write_index(tmp_path, title="Briefing")
    assert page_name("index") != "index.html"
    assert find_all(parse(tmp_path / "index.html"), "h1")[0].text == "Briefing"
    assert find_all(parse(tmp_path / page_name("index")), "h1")[0].text == "Index"


def test_an_empty_folder_is_a_feed_error(tmp_path: Path) -> None:
    with pytest.raises(FeedError):
        write_index(tmp_path, title="Briefing")


def cue(start_s: float, end_s: float, speaker: str = "Narrator") -> Cue:
    return Cue(start_s, end_s, speaker, f"at {start_s}")


@pytest.mark.parametrize(
    ("cues", "chapters", "expected"),
    [
        # Back-to-back sentences share a paragraph; a paragraph's pause starts a new one.
        ([cue(0, 1), cue(1, 2), cue(2.8, 3)], [], [(None, [[0, 1], [2.8]])]),
        # A change of voice inside a paragraph keeps it together (the label shows the change).
        ([cue(0, 1), cue(1.4, 2, "Kim"), cue(2.4, 3)], [], [(None, [[0, 1.4, 2.4]])]),
        # Cues go under the chapter that started last; a chapter starts a new paragraph.
        (
            [cue(0.05, 1), cue(1, 2), cue(2.5, 3), cue(3.2, 4)],
            [Chapter("A", 0, 2400), Chapter("B", 2400, 4000)],
            [("A", [[0.05, 1]]), ("B", [[2.5, 3.2]])],
        ),
        # Cues before the first chapter are kept, untitled; a chapter with no cue is left out.
        (
            [cue(0, 1), cue(5, 6)],
            [Chapter("A", 2000, 3000), Chapter("B", 4000, 7000)],
            [(None, [[0]]), ("B", [[5]])],
        ),
    ],
)
def test_sections_and_paragraphs(
    cues: list[Cue], chapters: list[Chapter], expected: list[tuple[str | None, list[list[float]]]]
) -> None:
    found = [(s.title, [[c.start_s for c in p] for p in s.paragraphs]) for s in sections(cues, chapters)]
    assert found == expected


def test_the_paragraph_gap_lies_between_the_pauses_the_script_leaves() -> None:
    assert PAUSE_AT_VOICE_CHANGE_MS / 1000 < PARAGRAPH_GAP_S < PAUSE_BETWEEN_PARAGRAPHS_MS / 1000


def _css_colours(css: str) -> list[dict[str, str]]:
    """The colour custom properties of each :root block (light, then dark)."""
    return [
        dict(re.findall(r"--([\w-]+):\s*(#[0-9a-f]{6})", block))
        for block in re.findall(r":root\s*{([^}]*)}", css)
    ]


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# (foreground, background, WCAG AA minimum): text 4.5:1, focus rings and control borders 3:1.
_PAIRS = [
    ("text", "bg", 4.5),
    ("muted", "bg", 4.5),
    ("muted", "panel", 4.5),
    ("link", "bg", 4.5),
    ("quote", "bg", 4.5),
    ("mark-text", "mark", 4.5),
    ("button-text", "button", 4.5),
    ("text", "panel", 4.5),
    ("focus", "bg", 3.0),
    ("focus", "panel", 3.0),
    ("line", "bg", 3.0),
    ("line", "button", 3.0),
]


def test_colours_meet_wcag_aa_in_light_and_dark_schemes() -> None:
    css = (Path(__file__).resolve().parent.parent / "narrate" / "data" / "page.css").read_text(
        encoding="utf-8"
    )
    schemes = _css_colours(css)
    assert len(schemes) == 2
    for scheme in schemes:
        for foreground, background, minimum in _PAIRS:
            ratio = _contrast(scheme[foreground], scheme[background])
            assert ratio >= minimum, (foreground, background, round(ratio, 2))
