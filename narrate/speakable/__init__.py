"""News text -> what a person reads aloud, ready for eSpeak NG.

One module per class of written (semiotic) token: each finds its tokens together with the words
around them, decides what they are from that context (Saint or Street, a numeral or the pronoun
"I", a fraction or a date, a range or a pause) and writes them as words. The classes run from the
most structured token to the least, so that a longer token is read whole before a shorter rule
could take part of it:

  typography, feet and inches, Unicode fractions
  electronic    web and e-mail addresses                      web.py
  address       house number, street, compass, state, ZIP     addresses.py
  (lexicon)     respellings of names
  date          all-digit dates                               dates.py
  telephone     telephone, ISBN and other grouped numbers     phones.py
  date, time    written dates, clock times, durations         dates.py
  money         amounts with a currency                       money.py
  measure       numbers with units, "per"                     units.py, money.py
  abbreviation  titles, St., Mt, vs, No. ...                  abbreviations.py
  roman         Roman numerals                                roman.py
  cardinal, ordinal, decimal, fraction, range, year          numbers.py
  letters       initialisms, spelled "E.P.A."                 letters.py
  symbols and pauses                                          symbols.py
"""

from __future__ import annotations

from functools import lru_cache

from narrate.speakable.abbreviations import expand_abbreviations
from narrate.speakable.addresses import speak_postal_addresses
from narrate.speakable.dates import spell_dates, spell_numeric_dates
from narrate.speakable.letters import spell_initialisms
from narrate.speakable.lexicon import Lexicon, load_lexicon
from narrate.speakable.money import per_unit, spell_money
from narrate.speakable.numbers import spell_numbers, unicode_fractions
from narrate.speakable.phones import spell_phone_numbers
from narrate.speakable.roman import spell_roman
from narrate.speakable.symbols import normalize_typography, pauses, speak_symbols
from narrate.speakable.units import feet_and_inches, spell_units
from narrate.speakable.web import speak_addresses

__all__ = ["Lexicon", "load_lexicon", "speakable"]


@lru_cache(maxsize=1)
def _default_lexicon() -> Lexicon:
    return load_lexicon()


def speakable(text: str, lexicon: Lexicon | None = None) -> str:
    """One sentence or paragraph of narration as the text to hand to the engine."""
    text = unicode_fractions(normalize_typography(feet_and_inches(text)))
    text = speak_addresses(text)
    text = speak_postal_addresses(text)
    text = (lexicon if lexicon is not None else _default_lexicon()).apply(text)
    text = spell_numeric_dates(text)
    text = spell_phone_numbers(text)
    text = spell_dates(text)
    text = spell_money(text)
    text = spell_units(text)
    text = per_unit(text)
    text = expand_abbreviations(text)
    text = spell_roman(text)
    text = spell_numbers(text)
    text = spell_initialisms(text)
    text = speak_symbols(text)
    return pauses(text)
