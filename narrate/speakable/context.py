"""Whether a measure is used as a modifier ("a 155 mm shell", "a $5 million fine"), where a
person says the unit in the singular, or as a quantity ("fired 155 mm", "cost $5 million each")."""

from __future__ import annotations

import re

_NEXT_WORD = re.compile(r"\s*-?\s*([A-Za-z]+)")

# Words that follow a quantity rather than being modified by it.
_NOT_A_NOUN = frozenset(
    {
        "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "from", "by",
        "with", "into", "onto", "over", "under", "per", "each", "every", "than", "as", "that", "which",
        "who", "this", "these", "those", "its", "their", "his", "her", "our", "your", "is", "are", "was",
        "were", "be", "been", "being", "has", "have", "had", "will", "would", "could", "can", "may",
        "might", "must", "should", "shall", "do", "does", "did", "not", "no", "more", "less", "fewer",
        "last", "next", "ago", "away", "long", "wide", "high", "deep", "tall", "old", "off", "out", "up",
        "down", "apart", "annually", "monthly", "weekly", "daily", "yearly", "apiece", "total", "overall",
        "altogether", "so", "too", "still", "already", "then", "now", "later", "earlier", "since", "until",
        "before", "after", "during", "while", "if", "when", "where", "overnight", "today", "yesterday",
        "tonight", "tomorrow", "north", "south", "east", "west", "northeast", "northwest", "southeast",
        "southwest", "inland", "offshore", "above", "below", "behind", "ahead", "across", "along", "around",
        "beyond", "toward", "towards", "against", "between", "among", "within", "without", "underground",
        "back", "home"
    }
)  # fmt: skip


# Verbs that often follow a quantity as its predicate ("100 mm fell", "$5 billion went").
_VERBS = frozenset(
    {
        "fell", "rose", "grew", "sank", "hit", "struck", "came", "went", "fled", "left", "stood",
        "remained", "reached", "made", "took", "gave", "ran", "flew", "fall", "falls", "rise", "rises",
        "goes", "go", "comes", "come", "remain", "remains", "covers", "cover", "costs", "cost",
        "means", "mean", "includes", "include", "adds", "add", "makes", "make", "brings", "bring",
        "drops", "drop", "hits", "stays", "stay", "seems", "seem",
    }
)  # fmt: skip


def attributive(following: str) -> bool:
    """True when the text right after a measure starts with a noun it modifies."""
    m = _NEXT_WORD.match(following)
    if not m:
        return False
    word = m[1]
    return (
        word.islower() and word not in _NOT_A_NOUN and word not in _VERBS and not word.endswith(("ly", "ed"))
    )
