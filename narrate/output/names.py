"""Episode file names: a slug per title that never takes another article's files."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from pathlib import Path

from narrate.errors import OutputError
from narrate.output.record import EpisodeRecord, MalformedRecord

MAX_SLUG_CHARS = 80
STDIN = "-"


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


def _earlier(meta: object) -> EpisodeRecord | None:
    """The record this article's earlier render left under the slug, when it is readable."""
    try:
        return EpisodeRecord.from_json(meta) if meta is not None else None
    except MalformedRecord:
        return None


def claim_slug(
    title: str, source: str, guid: str, out_dir: Path, taken: set[str]
) -> tuple[str, EpisodeRecord | None]:
    """The slug for this episode: its title's, or ``-2``… after it, never another article's files
    (same title, other article); with the record of this article's earlier render there, if any."""
    base = slugify(title)
    for n in range(1, 1000):
        slug = base if n == 1 else f"{base}-{n}"
        if slug in taken:
            continue
        meta = _read_meta(out_dir / f"{slug}.json")
        if meta is not None and not _same_article(meta, source, guid):
            continue  # another article's episode, or a JSON file that is not narrate's
        return slug, _earlier(meta)
    raise OutputError(f"{out_dir}: too many episodes titled like {base!r}")
