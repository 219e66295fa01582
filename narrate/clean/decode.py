"""Bytes -> normalised text. Never raises anything but InputError."""

from __future__ import annotations

import codecs
import logging
import re

from narrate.errors import InputError

log = logging.getLogger("narrate")

_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
    (b"\x7fELF", "an executable"),
    (b"ID3", "an MP3 file"),
    (b"RIFF", "a RIFF (WAV/WebP/AVI) file"),
    (b"OggS", "an Ogg file"),
    (b"fLaC", "a FLAC file"),
    (b"\xd0\xcf\x11\xe0", "an Office document"),
)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060-\u2064\ufeff\u00ad\u180e]")
_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\x0b\x0c]")
_ASCII_PROBE = '<meta charset="abcXYZ09-_.:">\n'
_NOT_CHARSETS = {"idna", "punycode", "unicode-escape", "raw-unicode-escape", "utf-7"}
_LATIN1_NAMES = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "iso_8859-1"}


class BinaryData(InputError):
    """Raised inside decoding; the caller adds the file name."""


def _utf16_without_bom(head: bytes) -> str | None:
    if len(head) < 8:
        return None
    even = head[0::2]
    odd = head[1::2]
    ze = even.count(0) / len(even)
    zo = odd.count(0) / len(odd)
    if zo > 0.4 and ze < 0.05:
        return "utf-16-le"
    if ze > 0.4 and zo < 0.05:
        return "utf-16-be"
    return None


def sniff_binary(raw: bytes) -> str | None:
    """A short description when ``raw`` is not text, else None."""
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            return what
    return None


def _declared_charset(raw: bytes) -> str | None:
    m = _META_CHARSET.search(raw[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore").strip().lower()
    try:
        info = codecs.lookup(name)
        # A meta tag we could read as ASCII can only declare an ASCII-compatible charset: an HTML
        # page never is UTF-16 or EBCDIC when its <meta> is plain ASCII (browsers read such a
        # declaration as UTF-8), and base64, rot13, punycode or unicode-escape are no charsets.
        if info.name in _NOT_CHARSETS or _ASCII_PROBE.encode(info.name) != _ASCII_PROBE.encode("ascii"):
            return None
    except (LookupError, UnicodeError):
        return None
    return info.name


def _looks_binary(raw: bytes) -> bool:
    sample = raw[:65536]
    if not sample:
        return False
    nul = sample.count(0)
    if nul / len(sample) > 0.01:
        return True
    ctrl = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13)) + sample.count(127)
    return ctrl / len(sample) > 0.03


def to_text(raw: bytes, *, html: bool = False, name: str = "the text") -> str:
    """Decode ``raw`` and normalise line ends, spaces and invisible characters.

    ``name`` (the file's) is used in the one warning decoding may give.
    """
    try:
        return normalise(_decode(raw, html=html, name=name))
    except InputError:
        raise
    except Exception as exc:  # pragma: no cover - defensive: decoding must only raise InputError
        raise BinaryData(f"cannot decode the text ({exc.__class__.__name__})") from exc


def _decode(raw: bytes, *, html: bool, name: str) -> str:
    what = sniff_binary(raw)
    if what:
        raise BinaryData(f"this is {what}, not an article")
    for bom, enc in _BOMS:
        if raw.startswith(bom):
            text = raw[len(bom) :].decode(enc, errors="replace")
            _check_text(text)
            return text
    enc16 = _utf16_without_bom(raw[:4096])
    if enc16:
        text = raw.decode(enc16, errors="replace")
        _check_text(text)
        return text
    if _looks_binary(raw):
        raise BinaryData("this looks like binary data, not text")
    declared = _declared_charset(raw) if html or b"<meta" in raw[:4096].lower() else None
    try:
        text = raw.decode("utf-8")
        utf8_ok = True
    except UnicodeDecodeError:
        text = ""
        utf8_ok = False
    if utf8_ok and (declared is None or declared == "utf-8" or not raw.isascii()):
        # valid UTF-8 with non-ASCII bytes is practically never a legacy encoding
        return text
    if declared and declared != "utf-8":
        if declared in _LATIN1_NAMES or declared == "latin-1" or declared == "iso8859-1":
            declared = "cp1252"
        try:
            return raw.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    if utf8_ok:
        return text
    mostly = _mostly_utf8(raw, name)
    if mostly is not None:
        return mostly
    runs = re.findall(rb"[\x80-\xff]+", raw[:65536])
    if runs and sum(len(r) for r in runs) / len(runs) < 1.6:
        # high bytes one at a time (accents, curly quotes) are Western text: Windows-1252; Cyrillic,
        # Greek and East Asian legacy encodings write whole words of high bytes
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError:
            return raw.decode("latin-1")
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(raw[:200000]).best()
        if best is not None and best.encoding:
            try:
                text = raw.decode(best.encoding)
                _check_text(text)
                return text
            except (UnicodeDecodeError, LookupError):
                pass
    except ImportError:  # pragma: no cover
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


# A stray byte (a bad paste, a truncated download) in UTF-8 text: the text is read as UTF-8 when
# it holds at least this many valid multi-byte sequences per invalid byte.
_SEQUENCES_PER_BAD_BYTE = 2
_HIGH_BYTES = bytes(range(0x80, 0x100))
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)


def _mostly_utf8(raw: bytes, name: str) -> str | None:
    """UTF-8 text with a few invalid bytes, decoded with those bytes replaced (and said once); else None.

    Text in a legacy charset has next to no valid UTF-8 multi-byte sequences (its accented letters
    are single high bytes between ASCII ones), so the bytes are read as UTF-8 only when the valid
    sequences clearly outnumber the invalid bytes.
    """
    sequences = _UTF8_SEQUENCE.findall(raw)
    high = len(raw) - len(raw.translate(None, _HIGH_BYTES))
    invalid = high - sum(len(m) for m in sequences)
    if invalid <= 0 or len(sequences) < _SEQUENCES_PER_BAD_BYTE * invalid:
        return None
    log.warning(
        "%s: UTF-8 except for %d invalid byte%s (a bad paste or a cut download?): "
        "read as UTF-8 with %s replaced",
        name,
        invalid,
        "" if invalid == 1 else "s",
        "that byte" if invalid == 1 else "those bytes",
    )
    return raw.decode("utf-8", errors="replace")


def _check_text(text: str) -> None:
    sample = text[:20000]
    if sample and len(_CONTROL.findall(sample)) / len(sample) > 0.03:
        raise BinaryData("this looks like binary data, not text")
    if sample and sample.count("\ufffd") / len(sample) > 0.1:
        raise BinaryData("this looks like binary data, not text")


def normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _ZERO_WIDTH.sub("", text)
    text = _SPACES.sub(" ", text)
    text = _CONTROL.sub("", text)
    return text
