"""How a number is written in running text."""

from __future__ import annotations

# A number with thousands separators or without, and an optional decimal part: "1,234.5", "12".
NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
