"""Month and weekday names, as articles write them."""

from __future__ import annotations

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Lower-case abbreviation -> month name ("sept" as well as "sep").
MONTHS = {name[:3].lower(): name for name in MONTH_NAMES} | {"sept": "September"}

# Lower-case name or abbreviation -> month number (1-12).
MONTH_NUMBERS = {
    **{name.lower(): number for number, name in enumerate(MONTH_NAMES, start=1)},
    **{abbreviation: MONTH_NAMES.index(name) + 1 for abbreviation, name in MONTHS.items()},
}
