"""The gender a given name shows, from gender-guesser's table of about 45,000 first names.

Only the table's firm verdicts count: names it marks "mostly" one gender, "andy" (used for
both) or unknown give no evidence, so "Kim", "Lee" or a family name written first gives none.

Parsing the table costs about half a second, more than reading a short article; the verdicts
are therefore kept in the user cache folder (marshal, under a key of the table file's size and
time) and read back in a few milliseconds. Without a writable cache the table is parsed each run.
"""

from __future__ import annotations

import importlib.util
import logging
import marshal
import os
from functools import cache
from pathlib import Path
from typing import Literal

Gender = Literal["f", "m"]

_log = logging.getLogger(__name__)
_FIRM: dict[str, Gender] = {"m": "m", "f": "f"}
_VERDICT = {"male": "m", "female": "f"}  # anything else the table knows is "?"


def _data_file() -> Path | None:
    spec = importlib.util.find_spec("gender_guesser")
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent / "data" / "nam_dict.txt"


def _parse() -> dict[str, str]:
    from gender_guesser.detector import Detector  # type: ignore[import-untyped]

    detector = Detector(case_sensitive=False)
    return {name: _VERDICT.get(detector.get_gender(name), "?") for name in detector.names}


def _cache_file(data: Path) -> Path:
    from platformdirs import user_cache_dir

    stat = data.stat()
    return Path(user_cache_dir("narrate")) / f"given-names-{stat.st_size}-{stat.st_mtime_ns}.marshal"


@cache
def _table() -> dict[str, str]:
    """Lower-cased first name -> "m", "f" or "?" (known, but not firmly one gender)."""
    data = _data_file()
    if data is None or not data.is_file():
        _log.info("gender-guesser is not installed: no gender evidence from given names")
        return {}
    path = _cache_file(data)
    try:
        loaded = marshal.loads(path.read_bytes())
        if isinstance(loaded, dict):
            return loaded
    except (OSError, ValueError, EOFError, TypeError):
        pass  # not cached yet, or unreadable: parse
    table = _parse()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(marshal.dumps(table))
        partial.replace(path)
    except OSError as exc:  # a read-only home: parse again next time
        _log.debug("given-name table not cached: %s", exc)
    return table


def given_name_gender(name: str) -> Gender | None:
    """ "f" or "m" when the table is firm about ``name`` as a first name, else None."""
    if not name[:1].isupper():
        return None
    return _FIRM.get(_table().get(name.lower(), ""))


def is_given_name(name: str) -> bool:
    """Does the table know ``name`` as a first name at all (of either or both genders)?"""
    return name[:1].isupper() and name.lower() in _table()
