"""The folder's web pages: index.html (every episode) and one read-along page per episode.

A read-along page shows the transcript sentence by sentence, each carrying its start and end time
from the episode's WebVTT cues, so the page's script can highlight the sentence being spoken and
seek to any sentence without fetching anything: the pages use relative links only and carry their
own CSS and JS (narrate/data/page.css, page.js), so they work opened straight from the folder
(file://) as well as from `narrate serve` or any static web server beside feed.xml.
"""

from __future__ import annotations

import html
import logging
from functools import cache
from importlib.resources import files
from pathlib import Path
from urllib.parse import quote

from narrate.publish.folder import PublishedEpisode, load_episodes, write_file
from narrate.publish.transcript import NARRATOR, Cue, read_cues, sections

log = logging.getLogger(__name__)

INDEX_FILE = "index.html"
FEED_FILE = "feed.xml"
COVER_FILE = "cover.png"
SPEEDS = (0.75, 1.0, 1.25, 1.5, 1.75, 2.0)

_FORMATS = {".mp3": "MP3 audio", ".m4b": "M4B audiobook", ".m4a": "M4A audio", ".wav": "WAV audio"}


def page_name(slug: str) -> str:
    """The file name of an episode's page (never the folder's own index.html)."""
    return f"{slug}-episode.html" if f"{slug}.html" == INDEX_FILE else f"{slug}.html"


def write_index(folder: Path, *, title: str, episodes: list[PublishedEpisode] | None = None) -> Path:
    """Write ``folder/index.html`` and a read-along page per episode; return the index's path.

    ``episodes``: the folder's episodes when the caller has read them already (reading them again
    would repeat every warning about a broken one).
    """
    if episodes is None:
        episodes = load_episodes(folder)
    site = _Site(folder, title)
    for episode in episodes:
        path = folder / page_name(episode.slug)
        write_file(path, site.episode_page(episode).encode("utf-8"))
        log.info("wrote %s", path)
    path = folder / INDEX_FILE
    write_file(path, site.index_page(episodes).encode("utf-8"))
    log.info("wrote %s", path)
    return path


class _Site:
    """What every page of one folder shares: the podcast's title, its feed and cover."""

    def __init__(self, folder: Path, title: str) -> None:
        self.folder = folder
        self.title = title
        self.has_feed = (folder / FEED_FILE).is_file()
        self.has_cover = (folder / COVER_FILE).is_file()

    def index_page(self, episodes: list[PublishedEpisode]) -> str:
        cover = self._cover(120)
        feed = ""
        if self.has_feed:
            feed = (
                f'<p><a href="{FEED_FILE}">Podcast feed</a>: add it to a podcast app by its address.</p>\n'
                '<p class="feed-url" data-feed-url hidden>Feed address: <code></code></p>'
            )
        items = "".join(self._episode_summary(episode) for episode in episodes)
        body = f"""<header class="banner">
<div class="intro">{cover}<div>
<h1>{_escape(self.title)}</h1>
{feed}
</div></div>
</header>
<main id="main">
<h2 class="visually-hidden">Episodes</h2>
{items}</main>"""
        return self._page(episodes[0].language, self.title, body, "index")

    def episode_page(self, episode: PublishedEpisode) -> str:
        cues = read_cues(self.folder / episode.transcript_file) if episode.transcript_file else []
        cover = self._cover(96)
        feed_link = f' · <a href="{FEED_FILE}">Podcast feed</a>' if self.has_feed else ""
        skip = '<a class="skip" href="#transcript">Skip to the transcript</a>\n' if cues else ""
        body = f"""{skip}<header class="banner">
<nav aria-label="Site"><a href="{INDEX_FILE}">All episodes</a>{feed_link}</nav>
</header>
<main id="main">
<article class="episode" id="{_escape(episode.slug)}" data-reader data-guid="{_escape(episode.guid)}"
 data-byline="{_escape(episode.byline or "")}">
<div class="intro">{cover}<div>
<h1>{_escape(episode.title)}</h1>
<p class="meta">{_meta(episode)}</p>
</div></div>
{_player(episode, cues)}
{_chapters(episode)}
{_transcript(episode, cues)}
{_downloads(self.folder, episode)}
{_KEYS}
</article>
</main>"""
        return self._page(episode.language, f"{episode.title} · {self.title}", body, "episode")

    def _cover(self, size_px: int) -> str:
        # Decorative beside the title it shows: alt="" keeps screen readers from reading it twice.
        if not self.has_cover:
            return ""
        return f'<img class="cover" src="{COVER_FILE}" alt="" width="{size_px}" height="{size_px}">'

    def _episode_summary(self, episode: PublishedEpisode) -> str:
        page = _url(page_name(episode.slug))
        chapters = f"{len(episode.chapters)} chapters · " if len(episode.chapters) > 1 else ""
        download = _download_link(self.folder, episode.audio_file)
        return f"""<article class="summary" id="{_escape(episode.slug)}">
<h3><a href="{page}">{_escape(episode.title)}</a></h3>
<p class="meta">{_meta(episode)}</p>
<p>{_escape(episode.description)}</p>
<p class="progress" data-progress="{_escape(episode.guid)}" hidden></p>
<p class="meta">{chapters}<a href="{page}">Read along</a> · {download}</p>
</article>
"""

    def _page(self, language: str, title: str, body: str, kind: str) -> str:
        feed = ""
        if self.has_feed:
            feed = (
                f'<link rel="alternate" type="application/rss+xml" href="{FEED_FILE}" '
                f'title="{_escape(self.title)}">\n'
            )

        return f"""<!DOCTYPE html>
<html lang="{_escape(language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="narrate">
<title>{_escape(title)}</title>
{feed}<style>{_asset("page.css")}</style>
</head>
<body class="{kind}">
{body}
<footer><p>Narrated offline by narrate.</p></footer>
<script>{_asset("page.js")}</script>
</body>
</html>
"""


def _player(episode: PublishedEpisode, cues: list[Cue]) -> str:
    track = ""
    if episode.transcript_file:
        track = (
            f'<track kind="captions" src="{_url(episode.transcript_file)}" '
            f'srclang="{_escape(episode.language)}" label="Transcript">'
        )
    speeds = "".join(
        f'<option value="{speed:g}"{" selected" if speed == 1 else ""}>{speed:g}×</option>'
        for speed in SPEEDS
    )
    first_speaker = _escape(cues[0].speaker) if cues else ""
    return f"""<section class="player" aria-label="Player">
<audio controls preload="metadata" src="{_url(episode.audio_file)}">{track}</audio>
<div class="controls">
{_buttons()}
<label class="speed"><span class="speed-word">Speed</span>
<select data-control="speed" aria-label="Speed">{speeds}</select></label>
</div>
<p class="now">Speaking: <span data-now-speaker>{first_speaker}</span></p>
</section>"""


# (action, name, shortcut shown, aria-keyshortcuts, symbol): the player's buttons, in order.
_BUTTONS = (
    ("previous-chapter", "Previous chapter", "↑ or k", "ArrowUp K", "«"),
    ("previous-sentence", "Previous sentence", "←", "ArrowLeft", "‹"),
    ("play", "", "Space", "Space", "Play"),
    ("next-sentence", "Next sentence", "→", "ArrowRight", "›"),
    ("next-chapter", "Next chapter", "↓ or j", "ArrowDown J", "»"),
)


def _buttons() -> str:
    buttons = []
    for action, name, shown, keys, symbol in _BUTTONS:
        # A symbol alone is no name: the button's name and its shortcut are said and shown as a tip.
        named = f' aria-label="{name}" title="{name} ({shown})"' if name else ' class="play"'
        buttons.append(f'<button type="button" data-action="{action}"{named} aria-keyshortcuts="{keys}">')
        buttons.append(f"{symbol}</button>\n")
    return "".join(buttons)


def _chapters(episode: PublishedEpisode) -> str:
    if len(episode.chapters) < 2:
        return ""
    items = "".join(
        f'<li><button type="button" data-start="{chapter.start_ms / 1000:.3f}">'
        f'<span class="time">{_clock(chapter.start_ms / 1000)}</span> '
        f"{_escape(chapter.title)}</button></li>\n"
        for chapter in episode.chapters
    )
    return (
        '<nav class="chapters" aria-labelledby="chapters-heading">\n'
        f'<h2 id="chapters-heading">Chapters</h2>\n<ol>\n{items}</ol>\n</nav>'
    )


def _transcript(episode: PublishedEpisode, cues: list[Cue]) -> str:
    """Sentences in paragraphs under chapter headings; the speaker named at every change of voice."""
    if not cues:
        return ""
    shown: list[str] = []
    for section in sections(cues, episode.chapters):
        if section.title is not None and len(episode.chapters) > 1:
            shown.append(f"<h3>{_escape(section.title)}</h3>\n")
        speaker = None  # named again at the top of each chapter
        for paragraph in section.paragraphs:
            parts = []
            for cue in paragraph:
                if cue.speaker != speaker:
                    speaker = cue.speaker
                    parts.append(f'<span class="speaker">{_escape(speaker)}:</span>')
                parts.append(_sentence(cue))
            shown.append(f"<p>{' '.join(parts)}</p>\n")
    return (
        '<section class="transcript" id="transcript" aria-labelledby="transcript-heading" tabindex="-1">\n'
        f'<h2 id="transcript-heading">Transcript</h2>\n{"".join(shown)}</section>'
    )


def _sentence(cue: Cue) -> str:
    kind = "cue" if cue.speaker == NARRATOR else "cue quote"
    return (
        f'<span class="{kind}" data-start="{cue.start_s:.3f}" data-end="{cue.end_s:.3f}">'
        f"{_escape(cue.text)}</span>"
    )


def _downloads(folder: Path, episode: PublishedEpisode) -> str:
    # every rendered format, the published file first
    names = [episode.audio_file, *(n for _, n in episode.formats if n != episode.audio_file)]
    links = [_download_link(folder, name) for name in names]
    if episode.chapters_file:
        links.append(f'<a href="{_url(episode.chapters_file)}" download>Chapters (JSON)</a>')
    if episode.transcript_file:
        links.append(f'<a href="{_url(episode.transcript_file)}" download>Transcript (WebVTT)</a>')
    items = "".join(f"<li>{link}</li>" for link in links)
    return (
        '<section aria-labelledby="downloads-heading">\n<h2 id="downloads-heading">Downloads</h2>\n'
        f'<ul class="downloads">{items}</ul>\n</section>'
    )


def _download_link(folder: Path, name: str) -> str:
    suffix = Path(name).suffix.lower()
    label = _FORMATS.get(suffix, f"{suffix.lstrip('.').upper()} audio")
    size_mb = (folder / name).stat().st_size / 1_000_000
    return f'<a href="{_url(name)}" download>Download {label} ({size_mb:.1f} MB)</a>'


_KEYS = """<details class="keys">
<summary>Keyboard shortcuts</summary>
<dl>
<dt><kbd>Space</kbd></dt><dd>play or pause</dd>
<dt><kbd>←</kbd> <kbd>→</kbd></dt><dd>previous or next sentence</dd>
<dt><kbd>↑</kbd> <kbd>↓</kbd> or <kbd>k</kbd> <kbd>j</kbd></dt><dd>previous or next chapter</dd>
</dl>
<p>Click or tap a sentence to play from there. Each episode resumes where you stopped, on this device.</p>
</details>"""


def _meta(episode: PublishedEpisode) -> str:
    day = episode.published.date().isoformat()
    parts = [_escape(episode.byline)] if episode.byline else []
    parts.append(f'<time datetime="{day}">{day}</time>')
    parts.append(_clock(episode.duration_s))
    return " · ".join(parts)


@cache
def _asset(name: str) -> str:
    text = (files("narrate.data") / name).read_text(encoding="utf-8")
    # Inlined in <style>/<script>: a closing tag inside would end the element early.
    assert "</" not in text, f"{name} must not contain '</'"
    return text


def _url(name: str) -> str:
    return _escape(quote(name))


def _escape(text: str) -> str:
    return html.escape(text, quote=True)


def _clock(seconds: float) -> str:
    """m:ss, floored as players show time ("5:11" until the 312th second has begun)."""
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
