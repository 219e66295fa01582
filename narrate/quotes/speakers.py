"""Who says what: the article's people read in order, pronouns and bare surnames resolved.

The cast reads the narration sentence by sentence, as a listener does. Each person mention
(a full name, a bare surname, a role linked to a name, a pronoun resolved to someone) goes into
the sentence it was made in, with more weight for the sentence's subject. A pronoun resolves
to the most salient person who agrees with it in gender — recency first, then the subject —
and never to an organisation; a bare word that may be an outlet ("Reuters reported") is a
weaker candidate than someone named in full.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from narrate.quotes.lexicon import (
    DETERMINERS,
    NOUN_GENDER,
    PRONOUNS,
    TITLE_GENDER,
    VERB,
    Gender,
    word_set,
)
from narrate.quotes.people import (
    Evidence,
    NameParts,
    Person,
    bare,
    given_name_evidence,
    is_person_role,
    is_title,
    looks_like_person,
    parse_name,
    role_noun,
    roles_of,
    title_evidence,
)
from narrate.quotes.phrases import is_capitalised
from narrate.quotes.sentences import split_sentences
from narrate.text import NAME_PARTICLES
from narrate.text.given_names import is_given_name

# A capitalised word (with an initial's or a title's dot kept apart), or a lowercase word.
_TOKEN = re.compile(r"[A-Z]\.(?:[A-Z]\.)+|[^\W\d_][\w’'-]*")
_POSSESSIVE = ("’s", "'s", "’", "'")
_CONTRACTION = re.compile(r"[’'](?:d|ll|re|ve|m)$")
_GENDERED_PRONOUN: dict[str, Gender] = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
# Words that end the noun of a sentence's subject ("The company behind the port said").
_SUBJECT_END = word_set(
    "said says told added announced stated wrote noted warned of in at for on with behind from by "
    "which that who has have had is was are were will would could can may also"
)
# What shows that a bare capitalised word is someone: an age in commas, or a verb of a person.
_AGE = re.compile(r"\s*,\s*\d{1,3}\s*,")
_APPOSITIVE = re.compile(r"\s*,\s*(?:a|an|the)\s[^,.;]{1,60},")
_PERSON_VERB = word_set(
    "was is has had says wants "
    # Irregular past tenses (regular ones end in -ed): a closed class.
    "said told spoke met went came gave took made wrote ran won lost left became began saw thought "
    "felt knew sent brought kept held led paid sat stood fought sought struck found drove flew "
    "chose rose fell grew threw bought caught taught heard meant read set put let cut hit quit"
)
# A role set off by commas before a name: "The health minister, Clara Jensen," / "its chief, X,".
_ROLE_BEFORE = re.compile(
    r"(?:^|\s)(?:[Tt]he|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[\w-]+[’']s)\s+(?:[a-z][\w-]*\s+){0,3}([a-z]+),\s*"
    r"(?:[a-z][\w-]*\s+){0,2}$"  # "Steenburgen’s son, filmmaker Charlie McDowell"
)
# A role after a name: "Robert Walsh, the county executive," / "Lee, a researcher at …".
_ROLE_AFTER = re.compile(
    r"\s*,\s*(?:the|a|an)\s+(?:[a-z][\w’'-]*\s+){0,3}?([a-z]+)(?=\s*[,.;]|\s+(?:of|at|for|in|from|who|with)\b)"
)
# Words that make what stands before a name a clause of its own, not a role in front of the subject.
_NOT_IN_ROLE = word_set(
    "that which who whom whose to of in on at by for from with about against between into than as if when "
    "while because and or but is was are were be been has have had said says told did does not this these"
)
# A sentence whose subject is someone unnamed: "A spokesperson for the ministry said …".
_ROLE_SUBJECT = re.compile(
    r"^(?:(?:But|And|Yet|Still|Meanwhile|However|Instead),?\s+)?(?:[^,]{1,60},\s+)?"
    r"([Aa]n?|[Tt]he|[Oo]ne)\s+((?:[a-z][\w’'-]*\s+){0,2}?)([a-z]+)\b"
)
# Prepositions of place: a name after them is a place unless it starts with a first name.
_LOCATIVE = re.compile(r"(?<![\w’'-])(?:in|at|near|across|throughout|outside|inside|into|toward|towards)\s*$")
# Words after "her" that make it an object pronoun ("told her on Monday", "asked her about").
_NOT_NOUN = word_set("on in at that to and by after before about with for if whether what how why from")
_MAX_LOOKBACK = 12  # sentences a pronoun looks back over
_SUBJECT, _POSSESSOR = 5, 4


@dataclass(frozen=True)
class _Run:
    start: int
    end: int
    tokens: list[str]
    possessive: bool


def _capital_runs(text: str) -> list[_Run]:
    """Runs of capitalised words ("Maj. Gen. Robert J. Walsh Jr."); initials keep their dot."""
    runs: list[_Run] = []
    current: list[str] = []
    start = end = 0

    def close(possessive: bool = False) -> None:
        nonlocal current
        while current and current[-1] in NAME_PARTICLES:
            current.pop()  # "… Ukraine de" : a particle belongs inside a name, never at its end
        if current:
            runs.append(_Run(start, end, current, possessive))
        current = []

    held_possessive = False
    for match in _TOKEN.finditer(text):
        tok, gap = match.group(), text[end : match.start()].strip()
        capital = is_capitalised(tok)
        if current and not held_possessive:
            last = current[-1]
            dotted = gap == "." and (is_title(last) or len(last) == 1 or bare(last) in ("jr", "sr"))
            if (gap == "" or dotted) and (capital or tok in NAME_PARTICLES):
                if dotted and len(last) == 1:
                    current[-1] = last + "."  # an initial: "Robert J. Walsh"
            else:
                close()
        if held_possessive and current and not (capital and gap == ""):
            close(True)
        held_possessive = False
        if capital or (current and tok in NAME_PARTICLES):
            if not current:
                start = match.start()
            tok = _CONTRACTION.sub("", tok)
            possessive = tok.endswith(_POSSESSIVE)
            current.append(next((tok[: -len(s)] for s in _POSSESSIVE if tok.endswith(s)), tok))
            end = match.end()
            if possessive and tok.endswith(("s’", "s'")):
                held_possessive = True  # "the Employers’ Association": the name may go on
            elif possessive:
                close(True)
    close(held_possessive)
    return runs


def _subject_thing(sentence: str) -> str | None:
    """A sentence's subject when it is a thing ("The company …" -> "the company"), for "it said"."""
    words = sentence.split()
    if len(words) < 3 or words[0] != "The":
        return None
    noun: list[str] = []
    for word in words[1:4]:
        stripped = word.rstrip(",;:")
        if not stripped.isalpha() or not stripped.islower() or stripped in _SUBJECT_END:
            break
        noun.append(stripped)
        if stripped != word:
            break
    return "the " + " ".join(noun) if noun else None


def _subject_position(before: str) -> bool:
    """Does a mention after ``before`` open its sentence's subject?

    At most an opening phrase set off by a comma ("On Monday, he …") and a few words of a role
    ("Wild defenseman Ryan Suter …") may come first; a clause may not ("… the facts that Epstein").
    """
    lead = before.rsplit(",", 1)[-1].split()
    return len(lead) <= 3 and not any(w.lower() in _NOT_IN_ROLE or w.endswith("ed") for w in lead)


def _is_object(after: str) -> bool:
    """Is "her" an object ("asked her, …", "told her that") rather than a possessive ("her son")?"""
    following = _next_word(after)
    return not following or after.lstrip()[:1] in ",.;:!?" or following.lower() in _NOT_NOUN


def _next_word(text: str) -> str:
    match = re.match(r"\s*([\w’'-]+)", text)
    return match.group(1) if match else ""


def _acts_as_person(rest: str) -> bool:
    """Does what follows a bare word show a person? ("Walsh, 69, told", "Pike said,", "Lee was",
    "Jones, a former banker, said")."""
    if _AGE.match(rest):
        return True
    if appositive := _APPOSITIVE.match(rest):
        rest = rest[appositive.end() :]
    following = _next_word(rest)
    return following.islower() and (
        following in _PERSON_VERB or following.endswith("ed") or VERB.fullmatch(following) is not None
    )


class Cast:
    """The people of an article, in reading order, with the mentions that make them salient."""

    def __init__(self) -> None:
        self.people: list[Person] = []
        self._sentences: list[list[tuple[Person, int]]] = []
        self._roles: dict[str, Person] = {}  # "minister" -> the last person the text titled so
        self._thing: str | None = None  # the last sentence subject that is not a person
        # The last sentence holds an attribution ("…,” Ortiz said): the narration read next
        # finishes that sentence rather than starting one.
        self._open = False

    # --- who a name is -------------------------------------------------------------------

    def _find(self, parts: NameParts) -> Person | None:
        full = " ".join(parts.name)
        for person in reversed(self.people):
            if person.name == full:
                return person
        if len(parts.name) == 1:
            return next((p for p in reversed(self.people) if p.answers_to(parts.name[0])), None)
        # The end of a longer name: "Nealy Cox" for "Erin Nealy Cox".
        for person in reversed(self.people):
            if person.name.lower().endswith(" " + full.lower()):
                return person
        # A full name for someone so far known by surname only ("Walsh" … "Robert Walsh").
        for person in reversed(self.people):
            if not person.given and person.surname == parts.surname:
                person.widen(parts)
                return person
        return None

    def _person(self, parts: NameParts, firm: bool) -> Person:
        person = self._find(parts)
        if person is None:
            name = " ".join(parts.name)
            given = parts.name[0] if len(parts.name) > 1 else ""
            person = Person(name, given, parts.surname, firm=firm)
            self.people.append(person)
        person.firm = person.firm or firm
        person.add(title_evidence(parts.titles))
        person.add(given_name_evidence(parts))
        for role in roles_of(parts.titles):
            self._link_role(role, person)
        return person

    def _link_role(self, role: str, person: Person) -> None:
        self._roles[role] = person
        gender = TITLE_GENDER.get(role)
        if gender:
            person.add(Evidence(gender, "role", role))

    def _run_person(self, sentence: str, run: _Run, opens: bool) -> Person | None:
        """The person a capitalised run in ``sentence`` names, registering them; None if not one."""
        tokens = run.tokens
        if opens and len(tokens) > 1 and tokens[0].endswith("ing"):
            tokens = tokens[1:]  # a participle opening the sentence: "Hosting Cook at …"
        before = sentence[: run.start]
        after_the = tokens[0] == "The" or re.search(r"(?<!\w)the\s*$", before)
        if after_the and not any(is_title(t) for t in tokens[1:]):
            return None  # "The Boston Globe", "the Valley Herald": an outlet or a place
        parts = parse_name(tokens)
        if not looks_like_person(parts):
            return None
        if _LOCATIVE.search(before) and not parts.titles and not is_given_name(parts.name[0]):
            return None  # "in Puerto Rico", "near Fort Worth": a place
        rest = sentence[run.end :]
        if len(parts.name) == 1 and not parts.titles:
            known = self._find(parts)
            if known is not None:
                return known
            word = parts.name[0]
            plural_opener = opens and word.endswith("s") and not word.endswith(("ss", "us", "is"))
            set_off = _AGE.match(rest) or _APPOSITIVE.match(rest)  # "Jones, 54," / "Jones, a banker,"
            if not _acts_as_person(rest) or (plural_opener and not set_off):
                return None  # "Officials said", "Reuters reported": not a person we can tell
            person = self._person(parts, firm=bool(set_off))
        else:
            person = self._person(parts, firm=True)
        if role := _ROLE_BEFORE.search(before):
            self._link_role(role_noun(role.group(1)), person)
        if role := _ROLE_AFTER.match(rest):
            self._link_role(role_noun(role.group(1)), person)
        return person

    # --- reading ---------------------------------------------------------------------------

    def observe(self, text: str) -> None:
        """Read narration: register the people it names and resolve its pronouns."""
        for piece in split_sentences(text):
            sentence = piece.strip()
            self._thing = _subject_thing(sentence) or self._thing
            mentions: list[tuple[Person, int]] = []
            if self._open and self._sentences:
                mentions = self._sentences.pop()  # finishing the attribution's sentence
            elif (someone := self._role_subject(sentence)) is not None:
                mentions.append((someone, _SUBJECT))
            runs = {run.start: run for run in _capital_runs(sentence)}
            for match in _TOKEN.finditer(sentence):
                low = match.group().lower()
                before = sentence[: match.start()].rstrip()
                first = _subject_position(before) and all(w < _POSSESSOR for _, w in mentions)
                run = runs.get(match.start())
                if run is not None:
                    person = self._run_person(sentence, run, opens=not before)
                    if person is not None:
                        # A name in apposition to the subject is the subject: "Her deputy, James Ortiz,"
                        role = _ROLE_BEFORE.search(before + " ")
                        apposed = role is not None and not before[: role.start()].strip()
                        weight = (_POSSESSOR if run.possessive else _SUBJECT) if first or apposed else 0
                        mentions.append((person, weight))
                        continue
                if low in _GENDERED_PRONOUN:
                    # An object ("Wootton asked her") is not the subject of its own sentence.
                    obj = low == "him" or (low == "her" and _is_object(sentence[match.end() :]))
                    candidates = [m for m in mentions if m[1] < _POSSESSOR] if obj else mentions
                    person = self._resolve(_GENDERED_PRONOUN[low], match.group(), candidates)
                    if person is not None:
                        weight = (_POSSESSOR if low in ("his", "her") else _SUBJECT) if first else 0
                        mentions.append((person, weight))
            if mentions:
                self._sentences.append(mentions)
            self._open = False

    def _resolve(self, want: Gender, word: str, current: list[tuple[Person, int]]) -> Person | None:
        """The most salient person agreeing with a pronoun; learns the gender when unambiguous.

        A first name that says otherwise only lowers a candidate's score (the name table can be
        wrong about "Di Li"), and nothing is learned from such a choice.
        """
        scores: dict[int, tuple[float, Person]] = {}
        recent: set[int] = set()
        history = [*self._sentences[-_MAX_LOOKBACK:], current]
        for distance, sentence in enumerate(reversed(history)):
            for person, weight in sentence:
                if person.text_gender not in (None, want):
                    continue
                if distance <= 2:
                    recent.add(id(person))
                agrees = {want: 3, None: 0}.get(person.voice_gender, -15)
                score = weight - 10 * distance + agrees - (0 if person.firm else 4)
                if id(person) not in scores or score > scores[id(person)][0]:
                    scores[id(person)] = (score, person)
        if not scores:
            return None
        _, best = max(scores.values(), key=lambda pair: pair[0])
        if recent <= {id(best)} and best.voice_gender in (None, want):
            best.add(Evidence(want, "pronoun", word))
        return best

    # --- attribution -----------------------------------------------------------------------

    def resolve_pronoun(self, pronoun: str) -> Person | None:
        want = PRONOUNS.get(pronoun.lower())
        if want is None:
            return None
        person = self._resolve(want, pronoun, [])
        if person is not None:
            if Evidence(want, "pronoun", pronoun) not in person.evidence:
                person.add(Evidence(want, "attribution", pronoun))
            self._mention(person)
        return person

    def speaker(self, phrase: str) -> tuple[Person | None, str, Gender | None]:
        """The person an attribution phrase names (when it names one), its wording, and its gender.

        The wording stands when no person is found: "the court", "one resident", "they".
        """
        low = phrase.lower()
        if low == "it" and self._thing:
            return None, self._thing, None  # "The ministry said … “…,” it said."
        if low in PRONOUNS:
            return self.resolve_pronoun(phrase), phrase, PRONOUNS[low]
        tokens = phrase.split()
        if tokens[0].lower() in DETERMINERS:
            capitals = [t for t in tokens if is_capitalised(t)][-2:]
            if len(capitals) == 2 and tokens[-2:] == capitals:
                parts = parse_name(capitals)
                if looks_like_person(parts):
                    return self._mention(self._person(parts, firm=True)), phrase, None
            wording = " ".join([tokens[0].lower(), *tokens[1:]])
            someone = self._someone(wording)
            if someone is not None:
                return self._mention(someone), wording, None
            return None, wording, None
        capitals = _trailing_capitals(tokens)
        if capitals and len(capitals) < len(tokens) and not is_capitalised(tokens[0]):
            tokens = capitals  # "analyst Cheong Seong-chang": a lowercase role before the name
        parts = parse_name(tokens)
        if not looks_like_person(parts):
            evidence = title_evidence(parts.titles)
            return None, " ".join(parts.name) or phrase, evidence.gender if evidence else None
        known = self._find(parts) if len(parts.name) == 1 else None
        # A bare word before "said" may be an outlet ("…,” Reuters reported): not a firm person.
        person = known or self._person(parts, firm=len(parts.name) > 1 or bool(parts.titles))
        if known is not None:
            person.add(title_evidence(parts.titles))
        return self._mention(person), phrase, None

    def _role_subject(self, sentence: str) -> Person | None:
        """The unnamed person a sentence opens with when they report something ("A spokesperson
        for the ministry said …"), so that a later "she said" can be them."""
        match = _ROLE_SUBJECT.match(sentence)
        if match is None:
            return None
        verb = VERB.search(sentence, match.end())
        if verb is None or len(sentence[match.end() : verb.start()].split()) > 12:
            return None
        return self._someone(f"{match.group(1).lower()} {match.group(2)}{match.group(3)}")

    def _someone(self, wording: str) -> Person | None:
        """The person a role phrase stands for: "the minister" (the one so titled, or the one the
        text called "a minister" last), or someone new for "a spokesperson"; None for "the court".
        """
        words = wording.split()
        noun = role_noun(words[-1])
        if not is_person_role(noun):
            return None
        known = self._roles.get(noun)
        if known is not None and words[0] == "the":
            return known
        person = Person(wording, firm=True)
        self.people.append(person)
        gender = TITLE_GENDER.get(noun) or NOUN_GENDER.get(noun)
        if gender:
            person.add(Evidence(gender, "role", noun))
        self._roles[noun] = person
        return person

    def _mention(self, person: Person) -> Person:
        self._sentences.append([(person, _SUBJECT)])
        self._open = True
        return person


def _trailing_capitals(tokens: list[str]) -> list[str]:
    run: list[str] = []
    for tok in reversed(tokens):
        if not is_capitalised(tok):
            break
        run.insert(0, tok)
    return run
