"""Direct-quote detection: table-driven cases for each rule, positive and negative."""

from __future__ import annotations

import pytest

from narrate.model import Span
from narrate.quotes import find_quotes
from narrate.quotes.marks import find_regions

# (paragraphs, [(text inside a quote span, speaker, gender)], [quoted text that stays narration])
CASES: list[tuple[list[str], list[tuple[str, str | None, str | None]], list[str]]] = [
    # Attribution after the quote: "said X", "X said", other reporting verbs.
    (
        ["“We will not give up an inch,” said Defense Minister Rustem Umerov on Tuesday."],
        [("give up an inch", "Rustem Umerov", "m")],
        [],
    ),
    (["“Prices will rise,” Ms. Park Ji-won warned."], [("Prices will rise", "Park Ji-won", "f")], []),
    (['"I don\'t know," she said.'], [("I don't know", "she", "f")], []),
    (["“The decision is final,” the court ruled."], [("decision is final", "the court", None)], []),
    (
        ["“We are not afraid,” one resident told The Associated Press."],
        [("not afraid", "one resident", None)],
        [],
    ),
    (
        ["“Why should we trust them?” asked Lee Jae-myung, who heads the opposition party."],
        [("trust them", "Lee Jae-myung", None)],
        [],
    ),
    (
        ["“The economy is slowing,” said the central bank's governor, Rhee Chang-yong."],
        [("economy is slowing", "Rhee Chang-yong", None)],
        [],
    ),
    (
        ["“We must remain united,” the president said, according to a transcript."],
        [("remain united", "the president", None)],
        [],
    ),
    (
        ["“Kim is preparing for a long war,” said analyst Cheong Seong-chang."],
        [("long war", "Cheong Seong-chang", None)],
        [],
    ),
    (["“It is a trap,” Mr. Novak insisted."], [("It is a trap", "Novak", "m")], []),
    # Attribution before the quote: colon, "told reporters:", "According to X,".
    (
        ["Mr. Kim told reporters: “We are prepared for every outcome.”"],
        [("prepared for every outcome", "Kim", "m")],
        [],
    ),
    (["She wrote: “I will not resign.”"], [("will not resign", "She", "f")], []),
    (["Asked about the deal, Kim said, “We will see.”"], [("We will see", "Kim", None)], []),
    (
        ["According to Maria Lopez, a nurse in Kherson, “the hospital has no power.”"],
        [("hospital has no power", "Maria Lopez", "f")],
        [],
    ),
    (
        ["The governor said “the roads will reopen within a week, maybe sooner.”"],
        [("roads will reopen", "the governor", None)],
        [],
    ),
    # Split quotes: both halves belong to the speaker.
    (
        ["‘We’re not leaving,’ the mayor said, ‘until the soldiers’ families are safe.’"],
        [("not leaving", "the mayor", None), ("families are safe", "the mayor", None)],
        [],
    ),
    (
        ["“We will rebuild,” said Sen. Maria Lopez, a Democrat. “Every house, every school.”"],
        [("We will rebuild", "Maria Lopez", "f"), ("Every house", "Maria Lopez", "f")],
        [],
    ),
    (
        ["“We need more air defense,” Zelensky said in his nightly address. “Every day matters.”"],
        [("more air defense", "Zelensky", "m"), ("Every day matters", "Zelensky", "m")],
        [],
    ),
    # Other languages and quote styles.
    (["«Nous devons rester unis», a déclaré le président."], [("rester unis", "le président", None)], []),
    (["« Nous ne céderons pas », a-t-il déclaré."], [("ne céderons pas", "il", "m")], []),
    (["„Wir müssen zusammenhalten“, sagte der Kanzler."], [("zusammenhalten", "der Kanzler", None)], []),
    (["«Es un día histórico», dijo el ministro."], [("día histórico", "el ministro", None)], []),
    (
        ["'We will not back down,' said Prime Minister Keir Starmer."],
        [("not back down", "Keir Starmer", "m")],
        [],
    ),
    # Names and pronouns resolved across paragraphs.
    (
        ["Kim Jong-un inspected a missile factory on Monday.", "“Our weapons are ready,” Kim said."],
        [("weapons are ready", "Kim Jong-un", None)],
        [],
    ),
    (
        ["Foreign Minister Annalena Baerbock arrived in Kyiv.", "“Germany stands with Ukraine,” she said."],
        [("stands with Ukraine", "Annalena Baerbock", "f")],
        [],
    ),
    (
        ["Mrs. Olena Shevchenko met Prime Minister Denys Shmyhal.", "“The budget is short,” he said."],
        [("budget is short", "Denys Shmyhal", "m")],
        [],
    ),
    (
        [
            "Mr. Ivan Horak chairs the committee.",
            "Ms. Eva Novak heads the agency.",
            "“We disagree,” he said.",
        ],
        [("We disagree", "Ivan Horak", "m")],
        [],
    ),
    (["“This is not over,” he said."], [("not over", "he", "m")], []),
    # A quote running on into the next paragraph, attribution in the later paragraph.
    (
        ["“The front is holding.", "“But we are running short of shells,” said Col. Ivan Petrenko."],
        [("front is holding", "Ivan Petrenko", "m"), ("short of shells", "Ivan Petrenko", "m")],
        [],
    ),
    (
        [
            "“We had no warning at all,” said Olena Kovalenko.",
            "“The water came up in minutes.",
            "“Now we have nothing,” she added.",
        ],
        [
            ("no warning", "Olena Kovalenko", "f"),
            ("water came up", "Olena Kovalenko", "f"),
            ("we have nothing", "Olena Kovalenko", "f"),
        ],
        [],
    ),
    (
        ["“We are ready,” said the spokesperson. She added: “The talks will resume on Friday.”"],
        [("We are ready", "the spokesperson", "f"), ("talks will resume", "the spokesperson", "f")],
        [],
    ),
    # A role before the name, titles after commas, nested marks, mixed straight and curly marks.
    (
        ["“Russia failed to cut output,” Commerzbank analyst Carsten Fritsch said."],
        [("failed to cut output", "Carsten Fritsch", "m")],
        [],
    ),
    (
        ["“Results were strong,” chairman, CEO and president Craig Menear said."],
        [("Results were strong", "Craig Menear", "m")],
        [],
    ),
    (["“Go home,” Kim Ji-hoon, a farmer from Jeju Island, said."], [("Go home", "Kim Ji-hoon", None)], []),
    (["“There is a mood of ‘Oh no, you first,’” Apte said."], [("you first", "Apte", None)], []),
    (['"Open the door! We are coming in!” an officer shouts.'], [("Open the door", "an officer", None)], []),
    (["“We will see,” said U.S. Attorney Erin Nealy Cox."], [("We will see", "Erin Nealy Cox", None)], []),
    # A short sentence after a speech quote continues it; a possessive is not the pronoun's referent.
    (
        ["“Give me a win,” Trump said. “Please.”"],
        [("Give me a win", "Trump", None), ("Please", "Trump", None)],
        [],
    ),
    (
        [
            "Mary Steenburgen wrote the song.",
            "Steenburgen’s son, Charlie McDowell, remembers it.",
            "“It was a trying time,” he said.",
        ],
        [("trying time", "Charlie McDowell", "m")],
        [],
    ),
    (
        [
            "Hosting Cook at the forum was a coup, Marc Benioff said.",
            "“I run my business on my phone,” he said.",
        ],
        [("run my business", "Marc Benioff", "m")],
        [],
    ),
    # A paragraph ending in a colon hands over to the quote that opens the next one.
    (
        ["In a statement, the ministry said:", "“We reject the accusations. They are baseless.”"],
        [("reject the accusations", "the ministry", None)],
        [],
    ),
    (['Asked whether he would resign, Kim Min-jae replied: "Never."'], [("Never", "Kim Min-jae", None)], []),
    # A role refers back to the person the text gave that title; an unrelated role stays a role.
    (
        [
            "Foreign Minister Anna Berg met union leaders in Oslo.",
            "“We will keep talking,” the minister said.",
            "“Our door is open,” the spokesman said.",
        ],
        [("keep talking", "Anna Berg", "f"), ("door is open", "the spokesman", "m")],
        [],
    ),
    (
        ["The company behind the port said it remained open to talks.", "“Our door is open,” it said."],
        [("Our door is open", "the company", None)],
        [],
    ),
    (
        ["Prime Minister Keir Starmer spoke first.", "“We will act,” the prime minister said."],
        [("We will act", "Keir Starmer", "m")],
        [],
    ),
    (
        ["Zelensky thanked allies. “We are grateful,” he wrote on X, “but we need more.”"],
        [("We are grateful", "Zelensky", "m"), ("we need more", "Zelensky", "m")],
        [],
    ),
    (
        ["“Who will pay for this?” the farmer asked. “Nobody answers.”"],
        [("Who will pay", "the farmer", None), ("Nobody answers", "the farmer", None)],
        [],
    ),
    # Non-speech: scare quotes, coined terms, titles, nicknames, single words, embedded fragments.
    (["Analysts called the offensive a “meat grinder” for both sides."], [], ["meat grinder"]),
    (["The so-called “peace plan” drew criticism."], [], ["peace plan"]),
    (["She described the talks as “constructive but difficult” and left."], [], ["constructive but"]),
    (
        ["“Our position has not changed,” the spokesperson said, adding that “all options remain open.”"],
        [("position has not changed", "the spokesperson", None)],
        ["all options remain open"],
    ),
    (["In a statement, the ministry said the report was “groundless.”"], [], ["groundless"]),
    (["The film “Parasite” won four Oscars."], [], ["Parasite"]),
    (["“Parasite” won four Oscars."], [], ["Parasite"]),
    (["Her book, “Notes From a Besieged City,” became a bestseller."], [], ["Besieged City"]),
    (
        ["The headline read “Seoul Weighs Arms Shipments,” a phrase that spread online."],
        [],
        ["Arms Shipments"],
    ),
    (["He was nicknamed “the Bulldozer” by colleagues."], [], ["Bulldozer"]),
    (["The protesters chanted “Freedom now!” outside the embassy."], [], ["Freedom now"]),
    (["The talks were “productive,” officials said."], [], ["productive"]),
    (["Experts warned of a “lost generation” of students."], [], ["lost generation"]),
    (["Putin referred to the war as a ‘special military operation.’"], [], ["special military operation"]),
    (["The 'Iron Lady' was Britain's first female prime minister."], [], ["Iron Lady"]),
    (["The president said he would “never surrender” to pressure."], [], ["never surrender"]),
    (["“It’s the economy, stupid” became a famous slogan."], [], ["economy, stupid"]),
    (['He said "no comment" and left.'], [], ["no comment"]),
    (["The word “sanctions” appeared 40 times in the report."], [], ["sanctions"]),
    (["The union called the offer “an insult to every worker in this country.”"], [], ["an insult to every"]),
    (["The report, titled “Countering the Threat,” was released."], [], ["Countering the Threat"]),
    (["“Oppenheimer,” the film by Christopher Nolan, won seven Oscars."], [], ["Oppenheimer"]),
    (["Critics dubbed it “the deal of the century.”"], [], ["deal of the century"]),
    (['It was, in his words, "a catastrophe."'], [], ["a catastrophe"]),
    (["“Constant fear” is how residents describe it."], [], ["Constant fear"]),
]


def _quote_spans(paragraphs: list[str]) -> list[Span]:
    return [s for spans in find_quotes(paragraphs) for s in spans if s.is_quote]


@pytest.mark.parametrize(("paragraphs", "direct", "not_direct"), CASES)
def test_direct_quotes_and_speakers(
    paragraphs: list[str], direct: list[tuple[str, str | None, str | None]], not_direct: list[str]
) -> None:
    quotes = _quote_spans(paragraphs)
    for fragment, speaker, gender in direct:
        hits = [q for q in quotes if fragment in q.text]
        assert hits, f"{fragment!r} not voiced as a quote: {quotes}"
        assert (hits[0].speaker, hits[0].gender) == (speaker, gender)
    for fragment in not_direct:
        assert not any(fragment in q.text for q in quotes), f"{fragment!r} voiced as a quote"
    assert len(quotes) == len(direct)


@pytest.mark.parametrize(
    ("paragraph", "regions"),
    [
        ("Ukraine’s allies don't agree on the '80s or the soldiers’ pay.", 0),
        ("He grew up in the '90s and liked rock 'n' roll.", 1),  # 'n' is quoted, harmlessly short
        ("A 12\" screen and a 'small' one.", 1),
        ("“Inside ‘nested’ marks,” she said.", 1),
        ("“Unclosed to the end", 1),
        ("The boys’ club said ‘no’.", 1),
    ],
)
def test_quote_marks_and_apostrophes(paragraph: str, regions: int) -> None:
    assert len(find_regions(paragraph)) == regions


def test_quote_span_keeps_its_marks_and_attribution_stays_narration() -> None:
    paragraph = "“This is a turning point,” said Hong Min, a senior researcher. “Nobody expected it.”"
    spans = find_quotes([paragraph])[0]
    assert [s.is_quote for s in spans] == [True, False, True]
    assert spans[0].text == "“This is a turning point,”"
    assert spans[1].text == " said Hong Min, a senior researcher. "
    assert {s.speaker for s in spans if s.is_quote} == {"Hong Min"}


@pytest.mark.parametrize("paragraphs", [[], [""], ["No quotes here at all."], ["“", "”", "'"]])
def test_degenerate_input_still_partitions(paragraphs: list[str]) -> None:
    result = find_quotes(paragraphs)
    assert ["".join(s.text for s in spans) for spans in result] == paragraphs
