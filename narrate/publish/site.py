"""The folder's web page: index.html with a player, chapters and transcript per episode.

The page uses relative links only and carries its own CSS and JS, so it works opened straight
from the folder or served by any static web server beside feed.xml.
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from narrate.publish.folder import PublishedEpisode, load_episodes, write_file

log = logging.getLogger(__name__)

INDEX_FILE = "index.html"
FEED_FILE = "feed.xml"

_TIMESTAMP = re.compile(r"(?:(\d+):)?(\d{2}):(\d{2})\.(\d{3})")
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?\s+([^>]*)>")
_TAG = re.compile(r"<[^>]*>")

_STYLE = """
body { font: 17px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem;
       color: #1d2430; background: #fbfaf7; }
article { border-top: 1px solid #d8d4cc; padding: 1rem 0; }
audio { width: 100%; }
.meta { color: #5b6370; }
.chapters button { font: inherit; font-variant-numeric: tabular-nums; margin-right: .5rem; }
.transcript [data-start] { cursor: pointer; }
.transcript [data-start]:hover { background: #f0e6cc; }
"""

# Any element with data-start seeks its episode's player: chapter buttons and transcript cues.
_SCRIPT = """
document.addEventListener("click", function (event) {
  var target = event.target.closest("[data-start]");
  if (!target) return;
  var audio = target.closest("article").querySelector("audio");
  audio.currentTime = Number(target.dataset.start);
  audio.play();
});
"""


@dataclass(frozen=True)
class _Cue:
    start_s: float
    speaker: str
    text: str


def write_index(folder: Path, *, title: str) -> Path:
    """Write ``folder/index.html`` for the episodes in ``folder`` and return its path."""
    episodes = load_episodes(folder)
    sections = [_episode_html(folder, episode) for episode in episodes]
    feed_links = ("", "")
    if (folder / FEED_FILE).is_file():
        feed_links = (
            f'<link rel="alternate" type="application/rss+xml" href="{FEED_FILE}" title="{_escape(title)}">',
            f'<p><a href="{FEED_FILE}">Podcast feed</a></p>',
        )
    page = f"""<!DOCTYPE html>
<html lang="{_escape(episodes[0].language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_escape(title)}</title>
{feed_links[0]}
<style>{_STYLE}</style>
</head>
<body>
<header>
<h1>{_escape(title)}</h1>
{feed_links[1]}
</header>
<main>
{"".join(sections)}</main>
<script>{_SCRIPT}</script>
</body>
</html>
"""
    path = folder / INDEX_FILE
    write_file(path, page.encode("utf-8"))
    log.info("wrote %s", path)
    return path


def _episode_html(folder: Path, episode: PublishedEpisode) -> str:
    audio = _url(episode.audio_file)
    meta = " · ".join(
        part
        for part in (episode.byline, episode.published.date().isoformat(), _clock(episode.duration_s))
        if part
    )
    track = ""
    transcript = ""
    if episode.transcript_file:
        track = (
            f'<track kind="captions" src="{_url(episode.transcript_file)}" '
            f'srclang="{_escape(episode.language)}" label="Transcript" default>'
        )
        transcript = _transcript_html(_read_cues(folder / episode.transcript_file))
    return f"""<article id="{_escape(episode.slug)}">
<h2>{_escape(episode.title)}</h2>
<p class="meta">{_escape(meta)}</p>
<p>{_escape(episode.description)}</p>
<audio controls preload="metadata" src="{audio}">{track}</audio>
<p><a href="{audio}" download>Download MP3</a></p>
{_chapters_html(episode)}
{transcript}
</article>
"""


def _chapters_html(episode: PublishedEpisode) -> str:
    if not episode.chapters:
        return ""
    items = "".join(
        f'<li><button type="button" data-start="{chapter.start_ms / 1000:.3f}">'
        f"{_clock(chapter.start_ms / 1000)}</button>{_escape(chapter.title)}</li>\n"
        for chapter in episode.chapters
    )
    return f'<h3>Chapters</h3>\n<ol class="chapters">\n{items}</ol>'


def _transcript_html(cues: list[_Cue]) -> str:
    """Cues as paragraphs, one per change of speaker; each cue seeks the player when clicked."""
    if not cues:
        return ""
    paragraphs: list[list[_Cue]] = []
    for cue in cues:
        if paragraphs and paragraphs[-1][-1].speaker == cue.speaker:
            paragraphs[-1].append(cue)
        else:
            paragraphs.append([cue])
    body = "".join(
        f"<p><b>{_escape(group[0].speaker)}:</b> "
        + " ".join(f'<span data-start="{cue.start_s:.3f}">{_escape(cue.text)}</span>' for cue in group)
        + "</p>\n"
        for group in paragraphs
    )
    return f'<details class="transcript">\n<summary>Transcript</summary>\n{body}</details>'


def _read_cues(path: Path) -> list[_Cue]:
    """The cues of a WebVTT file: start time, ``<v>`` speaker and plain text."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        log.warning("transcript %s is unreadable (%s): left off the page", path.name, error)
        return []
    cues = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n")):
        lines = block.strip("\n").split("\n")
        timing = next((i for i, line in enumerate(lines) if "-->" in line), None)
        if timing is None:
            continue  # the WEBVTT header, NOTE, STYLE and REGION blocks
        start = _TIMESTAMP.match(lines[timing].strip())
        payload = " ".join(line.strip() for line in lines[timing + 1 :])
        if start is None or not payload:
            continue
        hours, minutes, seconds, millis = (int(group or 0) for group in start.groups())
        voice = _VOICE.search(payload)
        cues.append(
            _Cue(
                start_s=hours * 3600 + minutes * 60 + seconds + millis / 1000,
                speaker=html.unescape(voice.group(1).strip()) if voice else "Narrator",
                text=html.unescape(_TAG.sub("", payload)).strip(),
            )
        )
    return cues


def _url(name: str) -> str:
    return _escape(quote(name))


def _escape(text: str) -> str:
    return html.escape(text, quote=True)


def _clock(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
