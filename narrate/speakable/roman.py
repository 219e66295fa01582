"""Roman numerals, decided by their context.

A run of capitals I, V, X, L (and C inside a longer numeral) is read as a number only where
the words around it say it is one:
- after a word that counts things ("World War II", "class V", "volume IV", "Part I"): a cardinal,
  "World War two";
- after a monarch's or pope's name, or with a title before the name ("Charles III", "King Juan
  Carlos I", "Pope Benedict XVI"): an ordinal, "Charles the Third";
- a numeral such as II, III, VII, XIV after any other capitalised word ("Crocodile Dundee II",
  "Peak III"): a cardinal, as titles of sequels, ships and peaks are read; II and III also after
  a lower-case word ("anhydrases III").
A single letter elsewhere stays a letter ("Malcolm X", "vitamin C", the pronoun "I"), and in a
list of authors ("Lim L, Pop V, Compton LV (1943)") capitals after a surname are initials.
"""

from __future__ import annotations

import re

from narrate.speakable.numbers import cardinal, ordinal

_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_VALID = re.compile(r"(?:C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_RE_ROMAN = re.compile(r"(?<![\w'’.-])([IVXLC]{1,7})(?=(?:['’]s)?(?:[^\w'’-]|$))(?!\.\w)")
_RE_WORD_BEFORE = re.compile(r"([A-Za-z]+)\s+$")

# Words after which a numeral counts things.
_COUNTING = frozenset(
    {
        "war", "bowl", "title", "phase", "part", "chapter", "vatican", "apollo", "act", "article",
        "section", "volume", "vol", "vols", "book", "grade", "graded", "stage", "level", "type",
        "class", "category", "round", "series", "gemini", "saturn", "soyuz", "luna", "block",
        "schedule", "battle", "division", "corps", "army", "fleet", "group", "tier", "league",
        "appendix", "annex", "figure", "fig", "plate", "table", "canto", "psalm", "episode", "season",
        "movement", "symphony", "no", "number",
    }
)  # fmt: skip
# Titles that make the next name a monarch's, a pope's or a noble's.
_REGNAL = frozenset(
    {
        "King", "Queen", "Pope", "Emperor", "Empress", "Tsar", "Czar", "Tsarina", "Kaiser", "Sultan",
        "Prince", "Princess", "Duke", "Duchess", "Shah", "Pharaoh", "Count", "Countess", "Earl",
        "Baron", "Grand", "Archduke", "Elector", "Khan", "Caliph", "Patriarch", "Saint",
    }
)  # fmt: skip
# Given names that monarchs and popes carry with a numeral, read "Henry the Eighth" without a title.
_REGNAL_NAMES = frozenset(
    {
        "Charles", "Henry", "Louis", "Edward", "George", "William", "Richard", "James", "John",
        "Elizabeth", "Mary", "Anne", "Philip", "Philippe", "Felipe", "Frederick", "Friedrich", "Peter",
        "Ivan", "Alexander", "Nicholas", "Catherine", "Leo", "Pius", "Gregory", "Benedict", "Innocent",
        "Clement", "Urban", "Boniface", "Paul", "Sixtus", "Julius", "Adrian", "Honorius", "Celestine",
        "Martin", "Eugene", "Ramesses", "Ramses", "Amenhotep", "Thutmose", "Ptolemy", "Seti",
        "Constantine", "Justinian", "Theodosius", "Otto", "Rudolf", "Ferdinand", "Francis", "Carlos",
        "Gustav", "Gustavus", "Christian", "Haakon", "Olaf", "Olav", "Harald", "Willem", "Wilhelm",
        "Karl", "Ludwig", "Alfonso", "Sancho", "Manuel", "Pedro", "Afonso", "Sebastian", "Umberto",
        "Napoleon", "Selim", "Mehmed", "Murad", "Suleiman", "Abdullah", "Hussein", "Faisal", "Rama",
        "Stephen", "Malcolm", "David", "Robert", "Alfred", "Edmund", "Canute", "Harold", "Victor",
        "Emmanuel", "Vittorio", "Leopold", "Albert", "Baudouin", "Nicolas", "Casimir", "Sigismund",
        "Wladyslaw", "Boleslaw", "Stanislaw", "Michael", "Basil", "Andronikos", "Alexios", "Isaac",
        "Romanos", "Maximilian", "Joseph", "Franz", "Ottokar", "Wenceslaus", "Vladislav", "Bela",
        "Ladislaus", "Stefan", "Dusan", "Tvrtko", "Mindaugas", "Gediminas", "Jagiello", "Tamar",
        "Bagrat", "Ashot", "Tigranes", "Mithridates", "Antiochus", "Seleucus", "Cleopatra", "Herod",
        "Agrippa", "Darius", "Xerxes", "Artaxerxes", "Cyrus", "Shapur", "Khosrow", "Rajaraja",
        "Chandragupta", "Kumaragupta", "Ashoka", "Tupou", "Kamehameha", "Mswati", "Letsie", "Moshoeshoe",
    }
)  # fmt: skip
_NOT_NUMERAL_AFTER = frozenset(
    {"Malcolm", "Generation", "Vitamin", "vitamin", "Planet", "Formula", "Windows"}
)
# "Lim L, Pop V, Goodale MA." or "Compton LV (1943)": a surname followed by its initials.
_RE_AUTHOR = re.compile(r"\b[A-Z][a-z]+ [A-Z]{1,3}(?=\s?[,;(]|\.?$)")


def _value(numeral: str) -> int:
    total = 0
    for here, after in zip(numeral, numeral[1:] + " ", strict=True):
        v = _VALUES[here]
        total += -v if after in _VALUES and _VALUES[after] > v else v
    return total


def _titled(words_before: list[str]) -> bool:
    """A title among the three words before the numeral (it may precede a double name,
    "King Juan Carlos I")."""
    return bool(_REGNAL.intersection(words_before[-3:]))


def _reading(m: re.Match[str], authors: bool) -> str | None:
    numeral = m[1]
    if not _VALID.fullmatch(numeral) or (numeral.count("C") and len(numeral) == 1):
        return None
    before_text = m.string[: m.start()]
    word = _RE_WORD_BEFORE.search(before_text)
    previous = word[1] if word else ""
    if previous in _NOT_NUMERAL_AFTER:
        return None
    if numeral == "I" and _RE_PRONOUN_AFTER.match(m.string, m.end()):
        return None  # "this season I was", "in part I think": the pronoun
    if previous.lower() in _COUNTING and ((word and word.end() == len(before_text)) or len(numeral) > 1):
        return cardinal(str(_value(numeral)))
    if len(numeral) == 1 and _RE_INITIAL_AFTER.match(m.string, m.end()):
        return None  # "David L. Wilson", "Alles, David L. (2007)": an initial
    capitalised = previous[:1].isupper() and word is not None and before_text.endswith(" ")
    if authors and capitalised:
        return None
    words_before = before_text.split()[-3:]
    if capitalised and (_titled(words_before) or previous in _REGNAL_NAMES):
        if numeral == "I" and not _titled(words_before) and not _RE_AFTER_REGNAL_I.match(m.string, m.end()):
            return None  # "when Charles I was told": the pronoun
        return "the " + ordinal(str(_value(numeral))).capitalize()
    if len(numeral) > 1 and ((capitalised and _RE_PLAIN_NUMERAL.fullmatch(numeral)) or set(numeral) == {"I"}):
        return cardinal(str(_value(numeral)))
    return None


# Words that follow the pronoun "I" and hardly ever a numeral.
_RE_PRONOUN_AFTER = re.compile(
    r"\s+(?:am|was|have|had|will|would|can|could|shall|should|may|might|must|do|did|don't|didn't|"
    r"think|thought|know|knew|said|say|went|got|felt|feel|saw|see|want|wanted|love|loved|need|needed|"
    r"hope|believe|guess|mean|just|also|never|always|still|really|only|even|then|'m|'ve|'d|'ll)\b",
    re.IGNORECASE,
)
_RE_INITIAL_AFTER = re.compile(r"\.\s+[A-Z(]")
# After a monarch's name "I" is the numeral only before punctuation, "of", "and" or a verb of reign.
_RE_AFTER_REGNAL_I = re.compile(r"(?:['’]s)?(?:\s*[^\w\s]|\s+(?:of|and|died|ruled|reigned)\b|\s*$)")
# Numerals read as such after any capitalised word ("Dundee II", "Peak VII"); shorter ones and
# ones with L or C are as often initialisms ("an IV drip", "the CCL", "Zhang, XX").
_RE_PLAIN_NUMERAL = re.compile(r"II|III|VII|VIII|XI{2,3}|XI?V|XVI{1,3}|XI?X")


def spell_roman(text: str) -> str:
    """Roman numerals that context marks as numbers, as a person reads them."""
    authors = len(_RE_AUTHOR.findall(text)) >= 2
    return _RE_ROMAN.sub(lambda m: _reading(m, authors) or m[0], text)
