"""Money: "$61 billion" -> "sixty-one billion dollars", "$3.50" -> "three dollars and fifty cents"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from narrate.speakable.context import attributive
from narrate.speakable.numbers import cardinal, to_decimal
from narrate.text import NUMBER


@dataclass(frozen=True)
class _Currency:
    singular: str
    plural: str
    minor: tuple[str, str] | None  # (singular, plural) of the hundredth unit, None if not spoken


_DOLLAR = _Currency("dollar", "dollars", ("cent", "cents"))
_SYMBOLS: dict[str, _Currency] = {
    "$": _DOLLAR,
    "US$": _DOLLAR,
    "USD": _DOLLAR,
    "A$": _Currency("Australian dollar", "Australian dollars", ("cent", "cents")),
    "AU$": _Currency("Australian dollar", "Australian dollars", ("cent", "cents")),
    "C$": _Currency("Canadian dollar", "Canadian dollars", ("cent", "cents")),
    "CA$": _Currency("Canadian dollar", "Canadian dollars", ("cent", "cents")),
    "HK$": _Currency("Hong Kong dollar", "Hong Kong dollars", ("cent", "cents")),
    "NT$": _Currency("Taiwan dollar", "Taiwan dollars", ("cent", "cents")),
    "NZ$": _Currency("New Zealand dollar", "New Zealand dollars", ("cent", "cents")),
    "S$": _Currency("Singapore dollar", "Singapore dollars", ("cent", "cents")),
    "€": _Currency("euro", "euros", ("cent", "cents")),
    "EUR": _Currency("euro", "euros", ("cent", "cents")),
    "£": _Currency("pound", "pounds", ("penny", "pence")),
    "GBP": _Currency("pound", "pounds", ("penny", "pence")),
    "¥": _Currency("yen", "yen", None),
    "JPY": _Currency("yen", "yen", None),
    "CN¥": _Currency("yuan", "yuan", None),
    "RMB": _Currency("yuan", "yuan", None),
    "CNY": _Currency("yuan", "yuan", None),
    "₩": _Currency("won", "won", None),
    "KRW": _Currency("won", "won", None),
    "₽": _Currency("ruble", "rubles", None),
    "RUB": _Currency("ruble", "rubles", None),
    "₴": _Currency("hryvnia", "hryvnias", None),
    "UAH": _Currency("hryvnia", "hryvnias", None),
    "₹": _Currency("rupee", "rupees", None),
    "INR": _Currency("rupee", "rupees", None),
    "Rs.": _Currency("rupee", "rupees", None),
    "Rs": _Currency("rupee", "rupees", None),
    "₨": _Currency("rupee", "rupees", None),
    "CHF": _Currency("Swiss franc", "Swiss francs", None),
}
_SCALES = {
    "thousand": "thousand",
    "k": "thousand",
    "million": "million",
    "mn": "million",
    "m": "million",
    "mln": "million",
    "billion": "billion",
    "bn": "billion",
    "b": "billion",
    "bln": "billion",
    "trillion": "trillion",
    "tn": "trillion",
    "trn": "trillion",
    "tr": "trillion",
    "crore": "crore",
    "lakh": "lakh",
}

_SYMBOL = "|".join(re.escape(s) for s in sorted(_SYMBOLS, key=len, reverse=True))
_SCALE = (
    r"(?:\s?(?P<scale>(?i:thousand|million|billion|trillion|crore|lakh|mn|mln|bn|bln|tn|trn|tr|[kmb]))\b)?"
)
_RE_MONEY = re.compile(
    rf"(?<![\w$])(?P<sym>{_SYMBOL})\s?(?P<amount>{NUMBER})"
    rf"(?:\s?(?:[-–]|to)\s?(?:{_SYMBOL})?\s?(?P<end>{NUMBER}))?{_SCALE}"
)


def _minor_part(cents: str, currency: _Currency) -> str | None:
    if currency.minor is None or len(cents) != 2:
        return None
    singular, plural = currency.minor
    return f"{cardinal(cents)} {singular if cents == '01' else plural}"


def _say(m: re.Match[str]) -> str:
    currency = _SYMBOLS[m["sym"]]
    amount, end, scale = m["amount"], m["end"], m["scale"]
    single = attributive(m.string[m.end() :]) or (not end and not scale and to_decimal(amount) == 1)
    name = currency.singular if single else currency.plural
    spoken = cardinal(amount)
    if end:
        spoken += " to " + cardinal(end)
    if scale:
        return f"{spoken} {_SCALES[scale.lower()]} {name}"
    whole, _, cents = amount.partition(".")
    if cents and set(cents) == {"0"}:  # "$2.00" is two dollars
        cents, spoken = "", cardinal(whole)
    minor = _minor_part(cents, currency) if cents and not end else None
    if minor is None:
        return f"{spoken} {name}"
    if int(whole.replace(",", "")) == 0:
        return minor
    unit = currency.singular if whole == "1" or single else currency.plural
    return f"{cardinal(whole)} {unit} and {minor}"


# "$20/mo", "$5 a share": the slash after an amount means per.
_PER = {
    "mo": "month", "month": "month", "yr": "year", "year": "year", "wk": "week", "week": "week",
    "day": "day", "hr": "hour", "hour": "hour", "night": "night",
    "person": "person", "head": "head", "share": "share", "barrel": "barrel", "bbl": "barrel",
    "ton": "ton", "tonne": "tonne", "kg": "kilogram", "lb": "pound", "oz": "ounce",
    "gal": "gallon", "gallon": "gallon", "liter": "liter", "litre": "litre", "unit": "unit",
    "sq ft": "square foot", "ft2": "square foot", "m2": "square meter", "m²": "square meter",
    "kWh": "kilowatt hour", "MWh": "megawatt hour", "min": "minute", "sec": "second",
    "km2": "square kilometer", "km²": "square kilometer", "mi2": "square mile", "mi²": "square mile",
    "sq mi": "square mile", "sq km": "square kilometer", "acre": "acre", "ha": "hectare",
}  # fmt: skip
# Only after an amount or a quantity already in words: "twenty dollars/mo", "fifty people/km2".
_QUANTITY_WORD = (
    r"(?:dollars?|cents?|euros?|pounds?|pence|yen|won|yuan|rupees?|francs?|rubles?|pesos?|"
    r"(?:kilo|centi|milli)?(?:meters?|grams?|liters?)|miles?|feet|foot|tons?|tonnes?|gallons?|barrels?|"
    r"hours?|units?|people|persons|inhabitants|residents|calories|kilowatts?|watts?|thousand|million|billion)"
)
_RE_PER = re.compile(
    rf"\b({_QUANTITY_WORD})\s?/\s?("
    + "|".join(re.escape(k) for k in sorted(_PER, key=len, reverse=True))
    + r"|(?i:month|year|week|day|hour|night|person|share|barrel))(?![\w/²]|\.\w)"
)


# "50p", "20c", "3.2pc": pence, cents and per cent written against the number.
# Pence and cents are under a hundred ("1080p" is a picture's lines, not pence).
_RE_SMALL_CHANGE = re.compile(
    r"(?<![\w.,])(\d{1,2}(?:\.\d+)?)(p|c)\b(?![.']\w)|(?<![\w.,])(\d+(?:\.\d+)?)(pc)\b"
)
_SMALL_CHANGE = {"p": ("penny", "pence"), "c": ("cent", "cents"), "pc": ("percent", "percent")}


def _small_change(m: re.Match[str]) -> str:
    amount, unit = (m[1], m[2]) if m[1] else (m[3], m[4])
    singular, plural = _SMALL_CHANGE[unit]
    return f"{cardinal(amount)} {singular if amount == '1' else plural}"


def spell_money(text: str) -> str:
    """Amounts written with a currency symbol or code, said with the currency name after them."""
    return _RE_SMALL_CHANGE.sub(_small_change, _RE_MONEY.sub(_say, text))


def per_unit(text: str) -> str:
    """ "twenty dollars/mo" -> "twenty dollars per month" (after money and units are words)."""
    return _RE_PER.sub(lambda m: f"{m[1]} per {_PER.get(m[2], m[2].lower())}", text)
