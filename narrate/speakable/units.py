"""Units after a number: "155 mm" -> "one hundred fifty-five millimeters", "40°C" -> "forty
degrees Celsius". Singular when the measure modifies a noun ("a 240 mm rocket launcher")."""

from __future__ import annotations

import re

from narrate.speakable.context import attributive
from narrate.speakable.numbers import cardinal, fraction, to_decimal
from narrate.text import NUMBER

# symbol -> (singular, plural); a symbol is only read after a number, so "in" or "m" elsewhere stay.
_UNITS: dict[str, tuple[str, str]] = {
    "mm": ("millimeter", "millimeters"),
    "cm": ("centimeter", "centimeters"),
    "m": ("meter", "meters"),
    "km": ("kilometer", "kilometers"),
    "sq km": ("square kilometer", "square kilometers"),
    "sq. km": ("square kilometer", "square kilometers"),
    "km2": ("square kilometer", "square kilometers"),
    "km²": ("square kilometer", "square kilometers"),
    "m2": ("square meter", "square meters"),
    "m²": ("square meter", "square meters"),
    "sq m": ("square meter", "square meters"),
    "sq mi": ("square mile", "square miles"),
    "sq ft": ("square foot", "square feet"),
    "sq. ft.": ("square foot", "square feet"),
    "sq. ft": ("square foot", "square feet"),
    "sq. mi.": ("square mile", "square miles"),
    "tbsp": ("tablespoon", "tablespoons"),
    "tsp": ("teaspoon", "teaspoons"),
    "cu ft": ("cubic foot", "cubic feet"),
    "cu.ft.": ("cubic foot", "cubic feet"),
    "cu. ft.": ("cubic foot", "cubic feet"),
    "ha": ("hectare", "hectares"),
    "km/h": ("kilometer per hour", "kilometers per hour"),
    "kph": ("kilometer per hour", "kilometers per hour"),
    "kmh": ("kilometer per hour", "kilometers per hour"),
    "mph": ("mile per hour", "miles per hour"),
    "m/s": ("meter per second", "meters per second"),
    "kg": ("kilogram", "kilograms"),
    "g": ("gram", "grams"),
    "mg": ("milligram", "milligrams"),
    "lb": ("pound", "pounds"),
    "lbs": ("pound", "pounds"),
    "oz": ("ounce", "ounces"),
    "ft": ("foot", "feet"),
    "mi": ("mile", "miles"),
    "nm": ("nanometer", "nanometers"),  # nautical miles at sea: see _nautical
    "μm": ("micrometer", "micrometers"),
    "µm": ("micrometer", "micrometers"),
    "μg": ("microgram", "micrograms"),
    "µg": ("microgram", "micrograms"),
    "mcg": ("microgram", "micrograms"),
    "m³": ("cubic meter", "cubic meters"),
    "m3": ("cubic meter", "cubic meters"),
    "cm³": ("cubic centimeter", "cubic centimeters"),
    "cm3": ("cubic centimeter", "cubic centimeters"),
    "km³": ("cubic kilometer", "cubic kilometers"),
    "mi²": ("square mile", "square miles"),
    "mi2": ("square mile", "square miles"),
    "ft²": ("square foot", "square feet"),
    "cm²": ("square centimeter", "square centimeters"),
    "hp": ("horsepower", "horsepower"),
    "bhp": ("brake horsepower", "brake horsepower"),
    "mA": ("milliampere", "milliamperes"),
    "mV": ("millivolt", "millivolts"),
    "dB": ("decibel", "decibels"),
    "ms": ("millisecond", "milliseconds"),
    "hr": ("hour", "hours"),
    "hrs": ("hour", "hours"),
    "min": ("minute", "minutes"),
    "mins": ("minute", "minutes"),
    "sec": ("second", "seconds"),
    "secs": ("second", "seconds"),
    "kbps": ("kilobit per second", "kilobits per second"),
    "Mbps": ("megabit per second", "megabits per second"),
    "Gbps": ("gigabit per second", "gigabits per second"),
    "Gt": ("gigaton", "gigatons"),
    "ml": ("milliliter", "milliliters"),
    "mL": ("milliliter", "milliliters"),
    "kW": ("kilowatt", "kilowatts"),
    "MW": ("megawatt", "megawatts"),
    "GW": ("gigawatt", "gigawatts"),
    "kWh": ("kilowatt hour", "kilowatt hours"),
    "MWh": ("megawatt hour", "megawatt hours"),
    "GWh": ("gigawatt hour", "gigawatt hours"),
    "TWh": ("terawatt hour", "terawatt hours"),
    "kV": ("kilovolt", "kilovolts"),
    "Hz": ("hertz", "hertz"),
    "kHz": ("kilohertz", "kilohertz"),
    "MHz": ("megahertz", "megahertz"),
    "GHz": ("gigahertz", "gigahertz"),
    "KB": ("kilobyte", "kilobytes"),
    "MB": ("megabyte", "megabytes"),
    "GB": ("gigabyte", "gigabytes"),
    "TB": ("terabyte", "terabytes"),
    "kt": ("kiloton", "kilotons"),
    "Mt": ("megaton", "megatons"),
    "°C": ("degree Celsius", "degrees Celsius"),
    "° C": ("degree Celsius", "degrees Celsius"),
    "°F": ("degree Fahrenheit", "degrees Fahrenheit"),
    "° F": ("degree Fahrenheit", "degrees Fahrenheit"),
    "°": ("degree", "degrees"),
}

# Symbols that are units only when written against the number ("27V", "75F"): spaced, they are
# letters ("a V 6 engine").
_JOINED_UNITS: dict[str, tuple[str, str]] = {
    "V": ("volt", "volts"),
    "F": ("degree Fahrenheit", "degrees Fahrenheit"),
    "C": ("degree Celsius", "degrees Celsius"),
}
_UNIT = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
# A decimal may be written without its leading zero (".5kg").
_NUM = rf"{NUMBER}|\.\d+"
_SCALE = r"(?:\s(?P<scale>thousand|million|billion))?"
_RE_MEASURE = re.compile(
    rf"(?<![\w.,])(?P<sign>[-−+±])?(?P<num>{_NUM})(?:\s?[-–]\s?(?P<end>{_NUM}))?{_SCALE}"
    rf"(?P<dash>-|\s)?(?P<unit>{_UNIT}|(?<=\d)[VFC])(?![\w/²³])"
)
# "1/2 oz", "2 1/2 cups" are fractions of the unit, not "2 oz" after "1/".
_RE_FRACTION_UNIT = re.compile(
    rf"(?<![\w.,/])(?:(?P<whole>\d+) )?(?P<num>\d{{1,2}})/(?P<den>\d{{1,2}})\s?(?P<unit>{_UNIT})(?![\w/²³])"
)
# "280/km2", "4,507.4/km²": a number per unit.
_RE_PER_UNIT = re.compile(rf"(?<![\w.,/])(?P<num>{_NUM})\s?/\s?(?P<unit>{_UNIT})(?![\w/²³])")
_RE_TEMPERATURE = re.compile(
    r"\b(?:temperatures?|degrees?|weather|heat|heatwave|cold|warm|hot|cool|high|low|freezing|celsius)\b", re.I
)
_RE_AT_SEA = re.compile(
    r"\b(?:sea|seas|coast|coastal|naval|navy|ship|ships|vessel|vessels|boat|island|islands|port|waters|"
    r"offshore|maritime|nautical|flight|aircraft|airspace|territorial)\b",
    re.IGNORECASE,
)
_SIGNS = {"-": "minus ", "−": "minus ", "+": "plus ", "±": "plus or minus "}


def _names(unit: str, text: str) -> tuple[str, str]:
    if unit == "nm" and _RE_AT_SEA.search(text):
        return ("nautical mile", "nautical miles")
    return _UNITS.get(unit) or _JOINED_UNITS[unit]


def _say(m: re.Match[str]) -> str:
    unit = m["unit"]
    if m["dash"] == "-" and unit.startswith("°"):
        return m[0]
    if unit in _JOINED_UNITS and (m["dash"] or m["scale"] or m["end"]):
        return m[0]
    if unit == "C" and not _RE_TEMPERATURE.search(m.string):
        return m[0]  # "Grade 5C", "a 3C camera": not a temperature
    singular, plural = _names(unit, m.string)
    sign = m["sign"]
    # A hyphen before the number is a minus only where it cannot be a range or compound.
    if sign == "-" and m.start() > 0 and not m.string[m.start() - 1].isspace():
        sign = None
    # "a 40-degree day" is rare next to "40 degrees overnight": temperatures stay plural.
    # Temperatures, and spoonfuls before what is measured ("6 tbsp fruit pectin"), stay plural.
    temperature = unit.startswith("°") or unit in ("F", "C")
    amount_of = unit in ("tbsp", "tsp")
    single = m["dash"] == "-" or (not (temperature or amount_of) and attributive(m.string[m.end() :]))
    if not m["end"] and to_decimal(m["num"]) == 1 and "." not in m["num"]:
        single = True
    spoken = cardinal(m["num"]) + (" to " + cardinal(m["end"]) if m["end"] else "")
    if m["scale"]:
        spoken, single = f"{spoken} {m['scale']}", False
    prefix = _SIGNS[sign] if sign else (m[0][0] if m["sign"] else "")
    return f"{prefix}{spoken} {singular if single else plural}"


def _fraction_of_unit(m: re.Match[str]) -> str:
    num, den = int(m["num"]), int(m["den"])
    if not 0 < num < den <= 16:
        return m[0]
    singular, plural = _names(m["unit"], m.string)
    part = fraction(m["num"], m["den"])
    if m["whole"]:  # "two and a half cups"
        return f"{cardinal(m['whole'])} and {part.replace('one ', 'a ', 1)} {plural}"
    return f"{part} {singular}"  # "seven eighths inch", as a workshop reads it


# A height or length in feet and inches: 5'11", 5 ft 11 in, 6ft 2in.
_RE_FEET_INCHES = re.compile(
    r"(?<![\w.])(?P<feet>\d)(?:\s?(?:'|′|’)|\s?ft\.?)\s?(?P<inches>\d{1,2}(?:\.\d)?)\s?(?:\"|″|”|''|in\b\.?)"
)


# "6 in. of snow", "a 55-in. TV": "in." after a number is inches where a word or a noun follows.
_RE_INCHES = re.compile(rf"(?<![\w.,])(?P<num>{_NUM})(?P<dash>-|\s)in\.(?=\s+[a-z]|\s+[A-Z]{{2}})")


def _inches(m: re.Match[str]) -> str:
    single = m["dash"] == "-" or m["num"] == "1"
    return f"{cardinal(m['num'])} {'inch' if single else 'inches'}"


def feet_and_inches(text: str) -> str:
    """5'11" -> "five feet eleven inches" (before quote marks are dropped)."""
    text = _RE_FEET_INCHES.sub(lambda m: f"{cardinal(m['feet'])} feet {cardinal(m['inches'])} inches", text)
    return _RE_INCHES.sub(_inches, text)


def spell_units(text: str) -> str:
    """Numbers followed by a unit symbol, said with the unit's name."""
    if "/" in text:
        text = _RE_FRACTION_UNIT.sub(_fraction_of_unit, text)
        text = _RE_PER_UNIT.sub(lambda m: f"{cardinal(m['num'])} per {_names(m['unit'], m.string)[0]}", text)
    return _RE_MEASURE.sub(_say, text)
