"""Words around people's names: titles written before a name, honorifics, name particles."""

from __future__ import annotations

# Abbreviated titles before a name ("Lt. Gen.", "Sen."), with what they stand for: their
# period never ends a sentence.
TITLES = {
    "Adm": "Admiral",
    "Amb": "Ambassador",
    "Brig": "Brigadier",
    "Capt": "Captain",
    "Cmdr": "Commander",
    "Col": "Colonel",
    "Cpl": "Corporal",
    "Dr": "Doctor",
    "Gen": "General",
    "Gov": "Governor",
    "Lt": "Lieutenant",
    "Maj": "Major",
    "Mr": "Mister",
    "Mrs": "Misses",
    "Ms": "Miz",
    "Pfc": "Private First Class",
    "Pres": "President",
    "Prof": "Professor",
    "Pvt": "Private",
    "Rep": "Representative",
    "Reps": "Representatives",
    "Rev": "Reverend",
    "Sen": "Senator",
    "Sens": "Senators",
    "Sgt": "Sergeant",
    "Supt": "Superintendent",
    "Fr": "Father",
    "Hon": "Honorable",
    "Insp": "Inspector",
    "Det": "Detective",
    "Gens": "Generals",
    "Sec": "Secretary",
    "Atty": "Attorney",
}

# Abbreviations after a name or inside one that may end a sentence ("Jr.", "Inc.").
NAME_SUFFIXES = frozenset({"Jr", "Sr", "Ltd", "Inc", "Corp", "Co", "Plc", "LLC"})

# Titles of address that come before a name but are not a role the text refers back to.
HONORIFICS = frozenset("mr mrs ms miss sir dame lord lady dr prof rev".split())  # noqa: SIM905

# Lower-case words inside a name ("Ursula von der Leyen", "Mohammed bin Salman"), the union of
# the lists each stage kept.
NAME_PARTICLES = frozenset(
    "de da di del della der den van von bin al ibn la le du dos das".split()  # noqa: SIM905
)
