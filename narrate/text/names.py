"""Words around people's names: honorifics, name particles, company and generation suffixes."""

from __future__ import annotations

# Abbreviations after a person's name ("Jr.") or a company's ("Inc."): a sentence often goes on.
NAME_SUFFIXES = frozenset({"Jr", "Sr", "Ltd", "Inc", "Corp", "Co", "Plc", "LLC"})

# Titles of address that come before a name but are not a role the text refers back to.
HONORIFICS = frozenset("mr mrs ms miss sir dame lord lady dr prof rev".split())  # noqa: SIM905

# Lower-case words inside a name ("Ursula von der Leyen", "Mohammed bin Salman").
NAME_PARTICLES = frozenset(
    "de da di del della der den van von bin al ibn la le du dos das".split()  # noqa: SIM905
)
