"""Writing one finished episode: MP3 with ID3 chapters, chapters JSON, WebVTT and episode JSON.

Every file is written under a hidden temporary name and renamed once all are complete (the
episode JSON last, since the feed treats it as the mark of a finished episode); on any failure or
interruption the temporary files are removed and earlier episode files stay as they were.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import tempfile
import unicodedata
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from narrate.cache import Cache, cache_key
from narrate.chapters import chapters_json, image_mime, tag_mp3, webvtt
from narrate.chunks import ChunkJob, read_chunk_frames
from narrate.cover import DEFAULT_TITLE, SIZE_PX, render_cover_jpeg
from narrate.encode import ENCODER_DELAY_SAMPLES
from narrate.errors import InputError, OutputError
from narrate.formats import timeline_pcm, write_aac, write_wav
from narrate.identity import STDIN, episode_guid, revision
from narrate.model import Article, Chapter, Episode, Script
from narrate.mp3_info import info_frame
from narrate.timeline import (
    ChunkLayout,
    ChunkPlan,
    audible_span,
    chapters_on_timeline,
    cues_on_timeline,
    nested_on_timeline,
    parts_on_timeline,
)
from narrate.transcripts import srt, transcript_json

if TYPE_CHECKING:
    from narrate.render import RenderOptions

log = logging.getLogger(__name__)
MAX_SLUG_CHARS = 80


# Letters NFKD does not decompose into ASCII, spelled the way a German, Nordic or Polish reader would.
_TRANSLITERATE = str.maketrans({
    "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "œ": "oe", "Œ": "OE", "đ": "d", "Đ": "D",
    "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH", "ł": "l", "Ł": "L", "ı": "i", "ŀ": "l", "Ŀ": "L", "ħ": "h",
    "Ħ": "H", "ŧ": "t", "Ŧ": "T", "ŋ": "ng", "Ŋ": "NG", "ĸ": "k", "ſ": "s", "&": " and ",
})  # fmt: skip
# Names Windows reserves whatever the extension ("con.mp3" cannot be created there).
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
_LETTER = re.compile(r"[^\W\d_]")


def slugify(title: str) -> str:
    """A file-name-safe slug on every filesystem: ASCII letters, digits and hyphens only.

    Latin letters are transliterated ("Über straße" -> "uber-strasse"); a title mostly in other
    scripts keeps what ASCII it has plus a short hash of the title, so two such titles never
    share a slug (and never all become "article").
    """
    title = title.translate(_TRANSLITERATE)
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    letters = len(_LETTER.findall(title))
    if letters and len(_LETTER.findall(ascii_title)) * 2 < letters:
        digest = hashlib.sha256(unicodedata.normalize("NFC", title).encode("utf-8")).hexdigest()[:8]
        slug = f"{slug[: MAX_SLUG_CHARS - 9].rstrip('-')}-{digest}".lstrip("-")
    slug = slug[:MAX_SLUG_CHARS].rstrip("-") or "article"
    return f"{slug}-article" if slug in _RESERVED else slug


def _articles(script: Script) -> tuple[Article, ...]:
    return (script.article,) if script.article else script.articles


def _same_article(meta: object, source: str, guid: str) -> bool:
    """Whether earlier episode files belong to this article (and may be replaced by it): they
    have its GUID, or come from the same file (text from standard input is known by its GUID
    alone)."""
    if not isinstance(meta, dict):
        return False
    return meta.get("guid") == guid or (source != STDIN and meta.get("source") == source)


def _read_meta(path: Path) -> object:
    """An existing episode JSON (``None`` when missing or unreadable: this render replaces it)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _free_slug(base: str, source: str, guid: str, out_dir: Path, taken: set[str]) -> tuple[str, object]:
    """``base``, or ``base-2``…, never another article's files (same title, other article);
    with the metadata this article's earlier render left under that slug, if any."""
    for n in range(1, 1000):
        slug = base if n == 1 else f"{base}-{n}"
        if slug in taken:
            continue
        meta = _read_meta(out_dir / f"{slug}.json")
        if meta is not None and not _same_article(meta, source, guid):
            continue  # another article's episode, or a JSON file that is not narrate's
        return slug, meta
    raise OutputError(f"{out_dir}: too many episodes titled like {base!r}")


def _history(previous: object, guid: str, text_revision: str, now: str) -> tuple[str, str, str]:
    """The GUID, first render time and last update time of this render.

    An episode keeps the GUID and the first render time (the feed's pubDate when the article
    has no date) of its earlier render: podcast apps then see the same episode, corrected. Its
    update time moves only when the text changed.
    """
    if not isinstance(previous, dict):
        return guid, now, now
    kept = previous.get("guid")
    rendered_at = previous.get("rendered_at")
    updated_at = previous.get("updated_at")
    if previous.get("revision") != text_revision or not isinstance(updated_at, str):
        updated_at = now
    return (
        kept if isinstance(kept, str) and kept else guid,
        rendered_at if isinstance(rendered_at, str) else now,
        updated_at,
    )


def _credits(script: Script, options: RenderOptions) -> tuple[str | None, str | None]:
    """The audio's album (the show, else the articles' publication) and artist (the byline,
    else the publication, else the show); None when nothing names them."""
    sites = {a.site for a in _articles(script) if a.site}
    site = sites.pop() if len(sites) == 1 else None
    article = script.article
    byline = article.byline if article else None
    return options.show or site, byline or site or options.show


def _cover(options: RenderOptions, cache: Cache, title: str) -> bytes:
    """The cover to embed: the given image, else the one a feed titled ``title`` generates (kept
    in the cache, so that it is drawn once)."""
    if options.cover is not None:
        try:
            data = options.cover.read_bytes()
            image_mime(data)
        except (OSError, ValueError) as exc:
            raise InputError(f"{options.cover}: cannot use it as the cover ({exc})") from exc
        return data
    key = cache_key(cover=title, size=SIZE_PX, format="jpeg")
    cached = cache.get(key, ".jpg")
    if cached is not None:
        return cached
    drawn = render_cover_jpeg(title)
    cache.put(key, drawn, ".jpg")
    return drawn


def _description(script: Script) -> str:
    if script.article and script.article.paragraphs:
        return script.article.paragraphs[0]
    return "; ".join(part.title for part in script.parts) or script.title


class _Staging:
    """Temporary files beside their final names, renamed together at the end."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.staged: list[tuple[Path, Path]] = []

    def new(self, name: str) -> Path:
        fd, tmp = tempfile.mkstemp(dir=self.out_dir, prefix=f".{name}.", suffix=".part")
        os.close(fd)
        self.staged.append((Path(tmp), self.out_dir / name))
        return Path(tmp)

    def write_text(self, name: str, text: str) -> None:
        self.new(name).write_text(text, encoding="utf-8")

    def commit(self) -> None:
        for tmp, final in self.staged:
            os.chmod(tmp, 0o644)
            os.replace(tmp, final)
        self.staged.clear()

    def discard(self) -> None:
        for tmp, _ in self.staged:
            tmp.unlink(missing_ok=True)
        self.staged.clear()


def write_episode(
    script: Script,
    plans: Sequence[ChunkPlan],
    jobs: Sequence[ChunkJob],
    layouts: Sequence[ChunkLayout],
    cache: Cache,
    options: RenderOptions,
    taken: set[str],
) -> Episode:
    article = script.article
    source = ", ".join(a.source for a in _articles(script))
    out_dir = options.out_dir
    rate = options.mp3.sample_rate_hz
    slug, previous = _free_slug(slugify(script.title), source, episode_guid(script), out_dir, taken)
    chapters = chapters_on_timeline(script, plans, layouts, rate)
    subchapters: tuple[Chapter, ...] = ()
    if script.parts:
        chapters, subchapters = parts_on_timeline(script, chapters), nested_on_timeline(script, chapters)
    cues = cues_on_timeline(plans, layouts, rate)
    span = audible_span(plans, layouts, rate)
    duration_ms = chapters[-1].end_ms if chapters else 0
    now = datetime.now(UTC).replace(microsecond=0)
    text_revision = revision(script)
    guid, rendered_at, updated_at = _history(previous, episode_guid(script), text_revision, now.isoformat())
    audio_format = options.audio_format
    # The MP3 is always written (the feed publishes it unless told otherwise); --format adds one.
    formats = {kind: f"{slug}.{kind}" for kind in dict.fromkeys(("mp3", audio_format))}
    files = {
        "audio": formats["mp3"],
        "chapters": f"{slug}.chapters.json",
        "transcript": f"{slug}.vtt",
        "transcript_json": f"{slug}.transcript.json",
        "transcript_srt": f"{slug}.srt",
    }
    album, artist = _credits(script, options)
    date = article.date if article and article.date else now.date().isoformat()
    cover = _cover(options, cache, album or DEFAULT_TITLE)
    staging = _Staging(out_dir)
    try:
        mp3 = staging.new(formats["mp3"])
        tag_mp3(
            mp3,
            title=script.title,
            artist=artist,
            album=album,
            date=date,
            chapters=chapters,
            subchapters=subchapters,
            cover=cover,
        )
        frames = b"".join(read_chunk_frames(cache, job.key) for job in jobs)
        with mp3.open("ab") as out:
            delay, padding = ENCODER_DELAY_SAMPLES, span.lame_padding
            out.write(info_frame(frames, encoder_delay=delay, padding=padding, quality=options.mp3.quality))
            out.write(frames)
        if audio_format == "wav":
            pcm = timeline_pcm(jobs, layouts, cache, span)
            write_wav(staging.new(formats["wav"]), pcm, span.end - span.start, rate)
        elif audio_format in ("m4b", "m4a"):
            write_aac(
                staging.new(formats[audio_format]),
                timeline_pcm(jobs, layouts, cache, span),
                rate,
                audiobook=audio_format == "m4b",
                title=script.title,
                artist=artist,
                album=album,
                date=date,
                chapters=chapters,
                cover=cover,
            )
        staging.write_text(files["chapters"], chapters_json(chapters, subchapters))
        staging.write_text(files["transcript"], webvtt(cues))
        staging.write_text(files["transcript_json"], transcript_json(cues))
        staging.write_text(files["transcript_srt"], srt(cues))
        meta = {
            "title": script.title,
            "byline": article.byline if article else None,
            "source": source,
            "slug": slug,
            "guid": guid,
            "description": _description(script),
            "language": article.language if article else "en",
            "date": article.date if article else None,
            "revision": text_revision,
            "rendered_at": rendered_at,
            "updated_at": updated_at,
            "duration": round(duration_ms / 1000, 3),
            "chapters": [
                {"title": c.title, "start": round(c.start_ms / 1000, 3), "end": round(c.end_ms / 1000, 3)}
                for c in chapters
            ],
            "files": files,
            "formats": formats,
        }
        staging.write_text(f"{slug}.json", json.dumps(meta, ensure_ascii=False, indent=2) + "\n")
        staging.commit()
    except OSError as exc:
        raise OutputError(f"{out_dir}: cannot write the episode files ({exc.strerror or exc})") from exc
    finally:
        staging.discard()
    log.info("wrote %s (%d s, %d chapters)", out_dir / files["audio"], duration_ms // 1000, len(chapters))
    return Episode(
        slug,
        script.title,
        article.byline if article else None,
        source,
        duration_ms,
        chapters,
        cues,
        {
            **files,
            **{f"audio_{kind}": name for kind, name in formats.items() if kind != "mp3"},
            "metadata": f"{slug}.json",
        },
    )
