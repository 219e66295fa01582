"""The pronunciation lexicon: words and names mapped to respellings eSpeak says better.

An entry written in lower case matches the word in any capitalisation; an entry with a capital
letter ("Kharkiv", "KIDA") matches only that spelling, so names do not catch common words.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path

from narrate.errors import InputError
from narrate.paths import os_reason

_SHIPPED = ("narrate", "data/lexicon.toml")


@dataclass(frozen=True)
class Lexicon:
    """Word or name -> respelling, applied on word boundaries (a possessive "'s" still matches)."""

    entries: tuple[tuple[str, str], ...] = field(default=())

    @cached_property
    def _exact(self) -> tuple[re.Pattern[str] | None, dict[str, str]]:
        table = {k: v for k, v in self.entries if k != k.lower()}
        return _alternation(table, 0), table

    @cached_property
    def _folded(self) -> tuple[re.Pattern[str] | None, dict[str, str]]:
        table = {k: v for k, v in self.entries if k == k.lower()}
        return _alternation(table, re.IGNORECASE), table

    def apply(self, text: str) -> str:
        """Replace every listed word in ``text`` by its respelling."""
        pattern, table = self._exact
        if pattern is not None:
            text = pattern.sub(lambda m: table[m[0]], text)
        pattern, table = self._folded
        if pattern is not None:
            text = pattern.sub(lambda m: _match_case(m[0], table[m[0].lower()]), text)
        return text


def _alternation(table: dict[str, str], flags: int) -> re.Pattern[str] | None:
    if not table:
        return None
    words = "|".join(re.escape(k) for k in sorted(table, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)", flags)


def _match_case(found: str, respelling: str) -> str:
    return respelling[:1].upper() + respelling[1:] if found[:1].isupper() else respelling


def _read(text: str, name: str) -> dict[str, str]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"lexicon {name} is not valid TOML: {exc}") from exc
    words = data.get("words", {})
    if not isinstance(words, dict) or not all(
        isinstance(k, str) and k.strip() and isinstance(v, str) and v.strip() for k, v in words.items()
    ):
        raise InputError(f'lexicon {name}: [words] must map each word to a respelling, e.g. Kyiv = "Keev"')
    return {k.strip(): v.strip() for k, v in words.items()}


def load_lexicon(user_file: Path | None = None) -> Lexicon:
    """The shipped lexicon, with the entries of ``user_file`` (TOML, a [words] table) on top."""
    shipped = resources.files(_SHIPPED[0]).joinpath(_SHIPPED[1])
    entries = _read(shipped.read_text(encoding="utf-8"), str(shipped))
    if user_file is not None:
        try:
            text = Path(user_file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            why = os_reason(user_file, exc) if isinstance(exc, OSError) else f"not UTF-8 text ({exc.reason})"
            raise InputError(f"cannot read lexicon {user_file}: {why}") from exc
        entries.update(_read(text, str(user_file)))
    return Lexicon(tuple(entries.items()))
