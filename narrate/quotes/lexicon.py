"""Closed word classes the quote rules lean on: reporting verbs, titles, determiners, pronouns.

These are grammatical categories (small, closed sets), not lists of quoted phrases: the
speech/non-speech decision itself is made from the shape of the sentence around the marks.
"""

from __future__ import annotations

import re

from narrate.text import MONTH_NAMES, WEEKDAYS
from narrate.text.given_names import Gender


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Reporting verbs, English first, then the simple forms of a few other languages.
_VERBS_EN = word_set(
    "said says say told tells added adds warned warns wrote writes replied replies stressed stresses "
    "noted notes insisted insists argued argues explained explains asked asks answered answers "
    "declared declares stated claimed claims continued recalled admitted acknowledged emphasized "
    "emphasised observed remarked responded commented concluded cautioned predicted suggested urged "
    "announced posted tweeted shouted whispered joked conceded complained agreed maintained contended "
    "asserted countered retorted vowed promised recounted reiterated confirmed affirmed boasted "
    "pleaded mused sighed exclaimed lamented testified underlined underscored highlighted "
    "stressed objected protested predicted reported quipped snapped"
)
_VERBS_MULTI = (
    "pointed out",
    "went on",
    "told reporters",
    "a déclaré",
    "a dit",
    "a affirmé",
    "a ajouté",
    "a expliqué",
    "a souligné",
    "a estimé",
    "a indiqué",
    "a assuré",
    "a lancé",
    "a martelé",
    "a précisé",
    "a confié",
    "a répondu",
    "ha detto",
    "ha dichiarato",
    "ha affermato",
    "ha aggiunto",
    "ha spiegato",
    "ha dicho",
    "ha afirmado",
    "ha declarado",
    "fügte hinzu",
)
_VERBS_OTHER = word_set(
    "déclare dit affirme ajoute explique souligne estime indique assure "
    "sagte sagt erklärte erklärt betonte betont meinte warnte "
    "dijo afirmó declaró señaló explicó añadió aseguró advirtió "
    "disse afirmou declarou explicou acrescentou dice"
)

# Longest alternatives first so "a déclaré" wins over a bare "a".
_ALL_VERBS = sorted({*_VERBS_EN, *_VERBS_MULTI, *_VERBS_OTHER}, key=len, reverse=True)
VERB = re.compile(r"(?<![\w’'-])(?:" + "|".join(re.escape(v) for v in _ALL_VERBS) + r")(?![\w’'-])")
# French inversion: « … », a-t-il déclaré.
INVERTED = re.compile(r"(?<![\w-])a-t-(il|elle)\s+\w+")

ACCORDING_TO = re.compile(r"(?i)(?<!\w)(?:according to|selon|laut|según|segundo)\s+")

PRONOUNS: dict[str, Gender | None] = {
    "he": "m",
    "she": "f",
    "they": None,
    "il": "m",
    "elle": "f",
    "er": "m",
    "él": "m",
    "ella": "f",
}

DETERMINERS = word_set(
    "the a an another some each every this that one his her their its our "
    "le la les l’ l' un une der die das ein eine el los las il lo uno una o os as um uma"
)

# Words that may stand between a subject and its verb ("Kim also said", "he later told").
ADVERBS = word_set(
    "also later then again once previously recently further still finally instead however too first "
    "earlier today yesterday now subsequently separately similarly himself herself even just never "
    "always often has had have will would could may might"
)

# Titles and honorifics: a name is what follows the last of these in a capitalised run.
TITLES = word_set(
    "president president-elect minister secretary chancellor premier governor gov mayor senator sen rep "
    "representative congressman congresswoman ambassador general gen lt col colonel major maj captain "
    "capt sgt sergeant admiral adm commander chief director chairman chairwoman chair ceo spokesman "
    "spokeswoman spokesperson professor prof dr mr mrs ms miss sir dame lord lady king queen prince "
    "princess pope judge justice rev reverend father sister coach officer leader head envoy deputy vice "
    "prime state foreign defense defence interior finance unification emir sheikh ayatollah marshal "
    "lieutenant cardinal bishop rabbi imam monsieur madame herr frau señor señora attorney prosecutor "
    "commissioner inspector superintendent sheriff counsel treasurer dean councillor councilman "
    "councilwoman speaker whip cmdr sec detective det trooper constable corporal cpl"
)
TITLE_GENDER: dict[str, Gender] = {
    "mr": "m",
    "sir": "m",
    "lord": "m",
    "king": "m",
    "prince": "m",
    "father": "m",
    "congressman": "m",
    "spokesman": "m",
    "chairman": "m",
    "monsieur": "m",
    "herr": "m",
    "señor": "m",
    "mrs": "f",
    "ms": "f",
    "miss": "f",
    "dame": "f",
    "lady": "f",
    "queen": "f",
    "princess": "f",
    "sister": "f",
    "congresswoman": "f",
    "spokeswoman": "f",
    "chairwoman": "f",
    "madame": "f",
    "frau": "f",
    "señora": "f",
}

# Capitalised words that mark a run as an organisation, place, event or date, not a person.
NOT_PERSON = word_set(
    "university institute ministry agency committee council party news press times post daily journal "
    "army forces force brigade oblast region republic kingdom states union organization organisation "
    "treaty office department bank group company corp inc ltd fund center centre association foundation "
    "school college studies service command assembly parliament congress senate court house palace "
    "square street airport station river sea ocean island islands mountains province county city "
    "district day games cup war operation alliance coalition front guard navy corps federation reserve "
    "market exchange network channel tv radio magazine commission authority board bureau club society "
    "academy church hospital museum library prize award act law bill plan program programme project "
    "strategy summit conference forum festival olympics parade anniversary north south east west "
    "northern southern eastern western central new great united national international federal "
    "directorate mission division unit team lab laboratory laboratories systems technologies "
    "solutions holdings partners capital media"
) | {name.lower() for name in MONTH_NAMES + WEEKDAYS}

# Capitalised sentence openers that are not part of a name.
OPENERS = word_set(
    "the a an in on at but and meanwhile however still yet so then later also earlier speaking after "
    "before while when following during asked for last this that these those his her their its our "
    "according as if although though since until instead both all each either neither"
)

# Nouns for a person that news text uses for someone it does not name ("a spokesperson said",
# "the lawyer added"), besides the titles above; with the gender some of them show.
PERSON_NOUNS = word_set(
    "official spokesperson resident witness lawyer analyst expert source aide doctor nurse teacher "
    "student worker farmer soldier man woman driver owner neighbor neighbour victim researcher "
    "scientist economist diplomat activist protester employee executive manager engineer parent "
    "mother father son daughter wife husband friend member organizer organiser survivor"
)
NOUN_GENDER: dict[str, Gender] = {
    "man": "m",
    "woman": "f",
    "mother": "f",
    "father": "m",
    "son": "m",
    "daughter": "f",
    "wife": "f",
    "husband": "m",
}
