"""Who the people of an article are: full names, surnames linked to them, pronouns resolved.

The cast is read in article order, so a pronoun or a bare surname resolves to someone named
before it, as a listener would resolve it.
"""

from __future__ import annotations

import re

from narrate.quotes.lexicon import (
    DETERMINERS,
    NOT_PERSON,
    OPENERS,
    PRONOUNS,
    TITLE_GENDER,
    TITLES,
    VERB,
    Gender,
    word_set,
)
from narrate.quotes.phrases import is_capitalised
from narrate.quotes.sentences import split_sentences

_TOKEN = re.compile(r"[A-Z]\.(?:[A-Z]\.)+|[^\W\d_][\w’'-]*")
_PARTICLES = word_set("de da di del der van von bin al ibn du dos")
# Titles that come before a name but are not a role the text refers back to ("the minister").
_HONORIFICS = word_set("mr mrs ms miss sir dame lord lady dr prof rev")
# Words that end the noun of a sentence's subject ("The company behind the port said").
_SUBJECT_END = word_set(
    "said says told added announced stated wrote noted warned of in at for on with behind from by "
    "which that who has have had is was are were will would could can may also"
)


def _subject_thing(sentence: str) -> str | None:
    """A sentence's subject when it is a thing ("The company …" -> "the company"), for "it said"."""
    words = sentence.split()
    if len(words) < 3 or words[0] != "The":
        return None
    noun: list[str] = []
    for word in words[1:4]:
        bare = word.rstrip(",;:")
        if not bare.isalpha() or not bare.islower() or bare in _SUBJECT_END:
            break
        noun.append(bare)
        if bare != word:
            break
    return "the " + " ".join(noun) if noun else None


_POSSESSIVE = ("’s", "'s", "’")


def _bare(token: str) -> str:
    return token.rstrip(".").lower()


def _is_title(token: str) -> bool:
    low = _bare(token)
    return low in TITLES or low.split("-")[0] in TITLES


def capital_runs(text: str) -> list[tuple[int, list[str], bool]]:
    """Runs of capitalised words ("Defense Minister Rustem Umerov"): offset, words, possessive."""
    runs: list[tuple[int, list[str], bool]] = []
    current: list[str] = []
    start = prev_end = 0
    for match in _TOKEN.finditer(text):
        tok, gap = match.group(), text[prev_end : match.start()]
        prev_end = match.end()
        capital = is_capitalised(tok)
        joined = gap.strip() == "" or (gap.strip() == "." and _bare(current[-1] if current else "") in TITLES)
        if current and (not joined or not (capital or tok in _PARTICLES)):
            runs.append((start, current, False))
            current = []
        if capital:
            if not current:
                start = match.start()
            possessive = tok.endswith(_POSSESSIVE)
            current.append(next((tok[: -len(s)] for s in _POSSESSIVE if tok.endswith(s)), tok))
            if possessive:
                runs.append((start, current, True))
                current = []
    if current:
        runs.append((start, current, False))
    return runs


def split_title(tokens: list[str]) -> tuple[list[str], Gender | None, bool]:
    """The name after any titles, the gender a title shows, and whether a title was there."""
    while tokens and tokens[0].lower() in OPENERS:
        tokens = tokens[1:]
    gender: Gender | None = None
    last_title = -1
    for i, tok in enumerate(tokens):
        if _is_title(tok):
            last_title = i
            gender = TITLE_GENDER.get(_bare(tok), gender)
    return tokens[last_title + 1 :], gender, last_title >= 0


def _trailing_capitals(tokens: list[str]) -> list[str]:
    run: list[str] = []
    for tok in reversed(tokens):
        if not is_capitalised(tok):
            break
        run.insert(0, tok)
    return run


def _person_like(name: list[str]) -> bool:
    return 0 < len(name) <= 4 and not any(
        _bare(t) in NOT_PERSON or (t.isupper() and len(t) > 1) for t in name
    )


def _acts(rest: str) -> bool:
    """Does a verb in the past or a reporting verb follow? ("Zelensky thanked …", "Lee said …")."""
    following = rest.split(maxsplit=1)[:1]
    return (
        bool(following)
        and following[0].islower()
        and (following[0].endswith("ed") or VERB.fullmatch(following[0]) is not None)
    )


class Cast:
    """People named so far, most recent last, with the gender the text has shown for each."""

    def __init__(self) -> None:
        # People per sentence read so far: a pronoun looks back sentence by sentence and, within
        # one, prefers the first-named person (usually its subject).
        self._sentences: list[list[str]] = []
        self._known: list[str] = []  # every full name, most recent last, for linking surnames
        self._roles: dict[str, str] = {}  # "minister" -> the last person the text titled so
        self._thing: str | None = None  # the last sentence subject that is not a person
        self.gender: dict[str, Gender] = {}

    def _link(self, token: str) -> str | None:
        for name in reversed(self._known):
            parts = name.split()
            if len(parts) > 1 and token in (parts[0], parts[-1]):
                return name
        return None

    def _note(self, name: str, gender: Gender | None, sentence: list[str] | None = None) -> None:
        self._remember(name, gender)
        if sentence is None:
            self._sentences.append([name])
        elif name not in sentence:
            sentence.append(name)

    def _remember(self, name: str, gender: Gender | None) -> None:
        if name in self._known:
            self._known.remove(name)
        self._known.append(name)
        if gender and name not in self.gender:
            self.gender[name] = gender

    def person(self, tokens: list[str]) -> tuple[str | None, Gender | None]:
        """The person a capitalised run names (a bare surname linked to the full name), if any."""
        name, gender, titled = split_title(tokens)
        if not _person_like(name):
            return None, gender
        person = " ".join(name)
        if len(name) == 1:
            person = self._link(name[0]) or (name[0] if titled else "")
        if not person:
            return None, gender
        roles = [_bare(t) for t in tokens[: len(tokens) - len(name)] if _is_title(t)]
        if roles and roles[-1] not in _HONORIFICS:
            self._roles[roles[-1]] = person  # "Foreign Minister Anna Berg": "the minister" later
        return person, gender

    def observe(self, text: str) -> None:
        for piece in split_sentences(text):
            self._thing = _subject_thing(piece.strip()) or self._thing
            sentence: list[str] = []
            for at, run, possessive in capital_runs(piece):
                if not piece[:at].strip() and len(run) > 1 and run[0].endswith("ing"):
                    run = run[1:]  # a participle opening the sentence: "Hosting Cook at …"
                name, gender = self.person(run)
                if name is None and len(run) == 1 and _acts(piece[at + len(run[0]) :]):
                    name = run[0] if _person_like(run) and run[0].lower() not in OPENERS else None
                if name and possessive:
                    self._remember(name, gender)  # "Steenburgen’s son said": not the subject
                elif name:
                    self._note(name, gender, sentence)
            if sentence:
                self._sentences.append(sentence)

    def resolve_pronoun(self, pronoun: str) -> tuple[str, Gender | None]:
        want = PRONOUNS.get(pronoun.lower())
        if want is None:
            return pronoun, None
        for sentence in reversed(self._sentences):
            for name in sentence:
                if self.gender.get(name, want) == want:
                    # Learn the gender only when the sentence offered no one else to pick.
                    self._note(name, want if len(sentence) == 1 else None)
                    return name, want
        return pronoun, want

    def speaker(self, phrase: str) -> tuple[str, Gender | None, bool]:
        """Canonical speaker for an attribution phrase, its gender, and whether it is a name or role."""
        if phrase.lower() == "it" and self._thing:
            return self._thing, None, True  # "The ministry said … “…,” it said."
        if phrase.lower() in PRONOUNS:
            name, gender = self.resolve_pronoun(phrase)
            return name, gender, False
        tokens = phrase.split()
        if tokens[0].lower() in DETERMINERS:
            trailing = [t for t in tokens if is_capitalised(t)][-2:]
            if len(trailing) == 2 and tokens[-2:] == trailing and _person_like(trailing):
                return " ".join(trailing), self.gender.get(" ".join(trailing)), True
            titled = self._roles.get(_bare(tokens[-1]))
            if titled and tokens[0].lower() == "the":  # "the minister": the one named with that title
                self._note(titled, None)
                return titled, self.gender.get(titled), True
            return " ".join([tokens[0].lower(), *tokens[1:]]), None, True
        run = _trailing_capitals(tokens)
        if run and len(run) < len(tokens) and not is_capitalised(tokens[0]):
            tokens = run  # "analyst Cheong Seong-chang": a lowercase role before the name
        person, gender = self.person(tokens)
        if person is None:
            bare, gender, _ = split_title(tokens)
            return " ".join(bare) or phrase, gender, True
        self._note(person, gender)
        return person, gender or self.gender.get(person), True
