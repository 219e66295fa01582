"""The article's people: who a capitalised name is, and what the text shows of their gender.

A name run ("Maj. Gen. Robert J. Walsh Jr.") splits into titles, the name itself and a suffix;
a run is a person, an organisation (a newspaper, a ministry, a place) or nothing we can tell.
Each person collects gender evidence only from what refers to them: a title or honorific, a
given name the name table is firm about, pronouns resolved to them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from narrate.quotes.lexicon import (
    NOT_PERSON,
    OPENERS,
    PERSON_NOUNS,
    PRONOUNS,
    TITLE_GENDER,
    TITLES,
    Gender,
    word_set,
)
from narrate.text import HONORIFICS
from narrate.text.given_names import given_name_gender, is_given_name

# Words of NOT_PERSON that are also common first names: "Bill Harmon", "May Lindqvist".
_WORD_AND_NAME = word_set("bill will mark rich may march august june grant chase rose hope")
_SUFFIXES = word_set("jr sr ii iii iv")
# Personal pronouns of every person: a capitalised "It" or "We" opening a sentence is no name.
PERSONAL_PRONOUNS = word_set("i me my you your we us our they them their it its he him his she her")
# Titles that come before a name but are not a role the text refers back to ("the minister"),
# in English and in the languages quoted speakers are often addressed in.
_HONORIFICS = HONORIFICS | word_set("monsieur madame herr frau señor señora")
# Title words that qualify an office rather than name one ("state", "prime", "deputy"): "the
# state said" is no person.
_QUALIFIERS = word_set("state foreign defense defence interior finance unification prime vice deputy head")
# Abbreviated ranks and offices, as the text names the role later ("Sgt. Moreno" … "the sergeant").
_ROLE_OF = {
    "sgt": "sergeant",
    "gen": "general",
    "col": "colonel",
    "lt": "lieutenant",
    "maj": "major",
    "capt": "captain",
    "adm": "admiral",
    "cmdr": "commander",
    "gov": "governor",
    "sen": "senator",
    "rep": "representative",
    "sec": "secretary",
    "congressman": "congressman",
    "congresswoman": "congresswoman",
}
# How much each kind of evidence weighs when they disagree. "attribution" is the pronoun of a
# quote's own attribution ("…,” he said) resolved to the person when others were possible: it
# sets the voice when nothing else shows the gender, but never steers the resolving of pronouns.
_WEIGHT = {"title": 4, "role": 2, "pronoun": 2, "given name": 1, "attribution": 0}


def bare(token: str) -> str:
    return token.rstrip(".").lower()


def is_title(token: str) -> bool:
    low = bare(token)
    return low in TITLES or low.split("-")[0] in TITLES


def is_person_role(noun: str) -> bool:
    """Does the noun stand for a person ("the minister", "a spokesperson"), not an office's qualifier?"""
    return noun in PERSON_NOUNS or (is_title(noun) and noun not in _QUALIFIERS)


def role_noun(title: str) -> str:
    """The noun a later "the …" uses for a title: "Sgt." -> "sergeant"."""
    low = bare(title)
    return _ROLE_OF.get(low, low)


@dataclass(frozen=True)
class Evidence:
    gender: Gender
    kind: str  # title | role | pronoun | given name | attribution
    word: str  # the word that showed it ("Ms.", "she", "Linda")

    def describe(self) -> str:
        return f"{self.kind} {self.word!r}"


@dataclass(frozen=True)
class NameParts:
    """A capitalised run read as a name: titles before it, the name, and a suffix after it."""

    titles: tuple[str, ...]
    name: tuple[str, ...]
    suffix: str = ""

    @property
    def surname(self) -> str:
        return self.name[-1] if self.name else ""


def parse_name(tokens: list[str]) -> NameParts:
    """Split "Defense Minister Rustem Umerov" / "Sen. Thomas E. Brandt Jr." into parts."""
    while tokens and tokens[0].lower() in OPENERS:
        tokens = tokens[1:]
    last_title = -1
    for i, tok in enumerate(tokens[:-1] if len(tokens) > 1 else tokens):
        if is_title(tok):
            last_title = i
    titles, name = tokens[: last_title + 1], tokens[last_title + 1 :]
    suffix = ""
    if len(name) > 1 and bare(name[-1]) in _SUFFIXES:
        suffix, name = name[-1], name[:-1]
    return NameParts(tuple(titles), tuple(name), suffix)


def _is_initial(token: str) -> bool:
    return len(token.rstrip(".")) == 1 and token[:1].isupper()


def looks_like_person(parts: NameParts) -> bool:
    """Could the name part be a person's name (not "Ministry of Finance", not "New York")?"""
    name = parts.name
    if not 0 < len(name) <= 5 or all(_is_initial(t) for t in name):
        return False
    first = bare(name[0]).split("’")[0].split("'")[0]
    if first in PERSONAL_PRONOUNS or first in PRONOUNS or (first in OPENERS and not parts.titles):
        return False
    for i, tok in enumerate(name):
        low = bare(tok)
        if tok.isupper() and len(low) > 1:
            return False  # an acronym: NATO, CNN
        if low in NOT_PERSON:
            first_name = i == 0 and len(name) > 1 and low in _WORD_AND_NAME and is_given_name(tok.rstrip("."))
            if not first_name:
                return False
    return True


def _vote(evidence: Iterable[Evidence]) -> Gender | None:
    votes: Counter[Gender] = Counter()
    for e in evidence:
        if _WEIGHT[e.kind]:
            votes[e.gender] += _WEIGHT[e.kind]
    if not votes:
        return None
    (top, n), *rest = votes.most_common()
    return None if rest and rest[0][1] == n else top


@dataclass
class Person:
    """One person of the article, however the text names them."""

    name: str  # the fullest form seen, without titles ("Robert J. Walsh")
    given: str = ""  # "" when only a surname is known
    surname: str = ""
    roles: set[str] = field(default_factory=set)
    evidence: list[Evidence] = field(default_factory=list)
    # How sure we are this is a person: a bare word before "said" may be an outlet ("Reuters").
    firm: bool = False

    def add(self, evidence: Evidence | None) -> None:
        if evidence is not None and evidence not in self.evidence:
            self.evidence.append(evidence)

    @property
    def gender(self) -> Gender | None:
        return _vote(self.evidence)

    @property
    def firm_gender(self) -> Gender | None:
        """The gender shown by titles, roles and pronouns alone: a first name table can be wrong
        about a name from another culture ("Di Li"), so a pronoun may still overrule it."""
        return _vote(e for e in self.evidence if e.kind != "given name")

    @property
    def text_gender(self) -> Gender | None:
        """What the text itself shows: titles, roles, pronouns, then how the person's own quotes
        refer to them ("…,” he says) — everything but the first-name table."""
        spoken = next((e.gender for e in self.evidence if e.kind == "attribution"), None)
        return self.firm_gender or spoken

    @property
    def voice_gender(self) -> Gender | None:
        """The gender for the person's voice: what the text shows, else the first-name table."""
        return self.text_gender or self.gender

    def answers_to(self, token: str) -> bool:
        """Is a bare name ``token`` this person ("Walsh", or "Kim" for a Korean "Kim Jong-un")?"""
        parts = self.name.split()
        return (len(parts) > 1 and token in (self.surname, parts[0])) or token == self.name

    def widen(self, parts: NameParts) -> None:
        """A fuller name for someone first seen by surname only."""
        if len(parts.name) > len(self.name.split()):
            self.name = " ".join(parts.name)
            self.given = parts.name[0]
            self.firm = True


def title_evidence(titles: tuple[str, ...]) -> Evidence | None:
    for title in reversed(titles):
        gender = TITLE_GENDER.get(bare(title))
        if gender:
            return Evidence(gender, "title", title)
    return None


def given_name_evidence(parts: NameParts) -> Evidence | None:
    if len(parts.name) < 2:
        return None
    first = parts.name[0]
    gender = given_name_gender(first) if not _is_initial(first) else None
    return Evidence(gender, "given name", first) if gender else None


def roles_of(titles: tuple[str, ...]) -> set[str]:
    return {role_noun(t) for t in titles if bare(t) not in _HONORIFICS and is_title(t)}
