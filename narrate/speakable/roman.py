"""Roman numerals after names: "Charles III" -> "Charles the Third", "World War II" -> "World
War Two". The pronoun "I" stays unless a regnal title or name stands right before it."""

from __future__ import annotations

import re

from narrate.speakable.numbers import cardinal, ordinal

_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}
_RE_ROMAN = re.compile(
    r"\b([A-Z][a-z]+) (?=[IVXL])((?:XL|L?X{0,3})(?:IX|IV|V?I{0,3}))(?=(?:['’]s)?(?:[^\w'’-]|$))"
)

# Words after which a numeral counts things ("World War II", "Super Bowl LVII" is not handled).
_CARDINAL_AFTER = frozenset(
    {
        "War",
        "Bowl",
        "Title",
        "Phase",
        "Part",
        "Chapter",
        "Vatican",
        "Apollo",
        "Act",
        "Article",
        "Section",
        "Volume",
        "Book",
        "Grade",
        "Stage",
        "Level",
        "Type",
        "Class",
        "Category",
        "Round",
        "Series",
        "Gemini",
        "Saturn",
        "Soyuz",
        "Luna",
        "Block",
        "Schedule",
    }
)
# Names followed by a letter that is not a numeral.
_NOT_NUMERAL_AFTER = frozenset(
    {"Malcolm", "Generation", "Vitamin", "Planet", "Formula", "Windows", "Brand", "Model"}
)
_REGNAL = frozenset(
    {
        "King",
        "Queen",
        "Pope",
        "Emperor",
        "Empress",
        "Tsar",
        "Czar",
        "Kaiser",
        "Sultan",
        "Prince",
        "Princess",
        "Duke",
        "Shah",
    }
)


def _value(numeral: str) -> int:
    total = 0
    for here, after in zip(numeral, numeral[1:] + " ", strict=True):
        v = _VALUES[here]
        total += -v if after in _VALUES and _VALUES[after] > v else v
    return total


def _say(m: re.Match[str]) -> str:
    name, numeral = m[1], m[2]
    if not numeral or name in _NOT_NUMERAL_AFTER:
        return m[0]
    if numeral in ("I", "X") and name != "War":
        # "I" is mostly the pronoun and "X" a letter or the platform, unless a monarch is named.
        # The title may stand before a double name: "King Juan Carlos I".
        before = m.string[: m.start(1)].split()[-3:]
        if not _REGNAL.intersection(before):
            return m[0]
    if name in _CARDINAL_AFTER:
        return f"{name} {cardinal(str(_value(numeral)))}"
    return f"{name} the {ordinal(str(_value(numeral))).capitalize()}"


def spell_roman(text: str) -> str:
    """Roman numerals that follow a capitalised word, as a person reads them."""
    return _RE_ROMAN.sub(_say, text)
