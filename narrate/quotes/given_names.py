"""The gender a given name shows, from gender-guesser's table of about 45,000 first names.

Only the table's firm verdicts count: names it marks "mostly" one gender, "andy" (used for
both) or unknown give no evidence, so "Kim", "Lee" or a family name written first gives none.
"""

from __future__ import annotations

import logging
from functools import cache

from narrate.quotes.lexicon import Gender

_log = logging.getLogger(__name__)
_FIRM: dict[str, Gender] = {"male": "m", "female": "f"}


@cache
def _detector() -> object | None:
    try:
        from gender_guesser.detector import Detector  # type: ignore[import-untyped]
    except ImportError:  # the table is an aid, not a requirement
        _log.info("gender-guesser is not installed: no gender evidence from given names")
        return None
    return Detector(case_sensitive=False)


@cache
def given_name_gender(name: str) -> Gender | None:
    """ "f" or "m" when the table is firm about ``name`` as a first name, else None."""
    detector = _detector()
    if detector is None or not name[:1].isupper() or not name.replace("-", "").isalpha():
        return None
    return _FIRM.get(detector.get_gender(name))  # type: ignore[attr-defined]


def is_given_name(name: str) -> bool:
    """Does the table know ``name`` as a first name at all (of either or both genders)?"""
    detector = _detector()
    if detector is None or not name[:1].isupper() or not name.isalpha():
        return False
    return detector.get_gender(name) != "unknown"  # type: ignore[attr-defined]
