"""The podcast cover: a 1400×1400 PNG with the feed's title, for feeds given no image URL.

1400 px is Apple's minimum artwork size. Pillow's bundled font is used whenever it can draw the
whole title, so the cover looks the same on every machine and its bytes depend on the title alone
(a rebuilt feed does not republish it). That font covers little beyond ASCII, so for other titles
a system DejaVu Sans is used when there is one.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Pillow loads when a cover is drawn, not with every render
    from PIL import Image, ImageDraw, ImageFont

    # Pillow without FreeType falls back to a fixed-size bitmap font: smaller, but still a cover.
    _Font = ImageFont.FreeTypeFont | ImageFont.ImageFont

SIZE_PX = 1400
DEFAULT_TITLE = "narrate"  # a feed's title when it is given none, and so its cover's
_MARGIN_PX = 140
_BACKGROUND = (24, 38, 58)
_ACCENT = (240, 176, 64)
_TEXT = (250, 248, 242)
_LARGEST_FONT_PX = 190
_SMALLEST_FONT_PX = 48

_WIDE_FONT = "DejaVuSans.ttf"  # found by Pillow in the system font folders
_NO_GLYPH = "\ue000"  # a private-use code point: no font draws it, so it shows the missing glyph


def render_cover(title: str) -> bytes:
    """The cover as PNG bytes: the title, wrapped and as large as fits, over a plain background."""
    buffer = io.BytesIO()
    _draw(title).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def render_cover_jpeg(title: str) -> bytes:
    """The same cover as a JPEG, the compact form for art embedded in every audio file."""
    buffer = io.BytesIO()
    _draw(title).save(buffer, format="JPEG", quality=88)
    return buffer.getvalue()


def _draw(title: str) -> Image.Image:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (SIZE_PX, SIZE_PX), _BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((_MARGIN_PX, _MARGIN_PX - 40, _MARGIN_PX + 220, _MARGIN_PX - 16), fill=_ACCENT)
    text, font, spacing = _fit(draw, title.strip() or DEFAULT_TITLE)
    box = draw.multiline_textbbox((0, 0), text, font=font, spacing=spacing)
    top = (SIZE_PX - (box[3] - box[1])) // 2 - box[1]
    draw.multiline_text((_MARGIN_PX - box[0], top), text, font=font, fill=_TEXT, spacing=spacing)
    return image


def _fit(draw: ImageDraw.ImageDraw, title: str) -> tuple[str, _Font, int]:
    """The title word-wrapped at the largest font size that fits inside the margins."""
    room = SIZE_PX - 2 * _MARGIN_PX
    size = _LARGEST_FONT_PX
    while True:
        font = _font(title, size)
        text = "\n".join(_wrap(draw, title, font, room))
        spacing = size // 4
        left, top, right, bottom = draw.multiline_textbbox((0, 0), text, font=font, spacing=spacing)
        if size <= _SMALLEST_FONT_PX or (right - left <= room and bottom - top <= room):
            return text, font, spacing
        size -= 8


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: _Font, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(candidate, font=font) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def _font(title: str, size: int) -> _Font:
    from PIL import ImageFont

    bundled = ImageFont.load_default(size=size)
    if _draws_all(bundled, title):
        return bundled
    try:
        return ImageFont.truetype(_WIDE_FONT, size)
    except OSError:
        return bundled


def _draws_all(font: _Font, text: str) -> bool:
    missing = bytes(font.getmask(_NO_GLYPH))
    return all(ch.isspace() or bytes(font.getmask(ch)) != missing for ch in set(text))
