"""Text-copy rules, one table per rule, plus small whole-page cases."""

# ruff: noqa: E501  (sample article sentences are kept on one line)

import pytest

from narrate.clean import parse_article
from narrate.clean import text as T
from narrate.clean.words import count_words
from narrate.text import ends_like_sentence

P1 = "The city council voted on Tuesday to build a new bridge across the river, ending a debate that has lasted a decade."
P2 = "The bridge will carry cyclists and pedestrians as well as buses, and it is expected to open in three years' time."
P3 = "The project is estimated to cost forty million pounds, most of which will come from a regional transport fund."
P4 = "Opponents said the money would be better spent on repairing roads, but the motion passed by a comfortable margin."


def page(*middle, head=("Council approves new river bridge - The Gazette", "", "Home", "News", "Sport", "")):
    return "\n".join([*head, *middle, "", "Contact us", "Privacy Policy", "© 2024 The Gazette"]) + "\n"


def clean(text):
    return parse_article(text.encode("utf-8"), source="page.txt")


def junk_of(line, title="Council approves new river bridge"):
    info = T.classify([line], title)
    return info[0].junk


@pytest.mark.parametrize(
    "line",
    [
        "Ukrainian President Volodymyr Zelensky speaks in a video speech on Nov. 5. [SCREEN CAPTURE]",
        "Firefighters at the scene on Monday. [YONHAP]",
        "The old bridge at dawn. (Photo: Gazette archive)",
        "The mayor speaks to reporters (Photo by Jane Doe)",
        "Protesters gather outside parliament. Getty Images",
        "Trump asked voters in Louisiana for a big win. Credit... Doug Mills/The New York Times",
        "The stadium before the match. Photograph: Alex Smith/Reuters",
        "A view of the harbour. Image credit: Port Authority",
        "Photo: Port Authority",
        "Rescue workers search the rubble. AP Photo/Jane Doe",
        "Kristi Noem, governor of South Dakota, pictured at the White House in 2018.",
        "Kevin Mayer, the executive who oversees the streaming service\n(Walt Disney Co.)",
        "The house where he was born in Braunau am Inn, Austria. Leonhard Foeger / Reuters file",
        "Natalie Naccache | Bloomberg | Getty Images",
        "The first global geologic map of Titan. (NASA/JPL-Caltech/ASU)",
        "Traders work on the floor at the New York Stock Exchange. REUTERS/Brendan McDermid",
        "FILE PHOTO: Traders work on the floor at the New York Stock Exchange",
        "(Reporting by Jane Doe; editing by John Roe)",
        # credit lines: "... by NAME", and the credit word of other languages
        "Photo by Jane Doe on Unsplash",
        "Photograph by Jane Doe, Harbour Restoration Programme",
        "The harbour at dawn. Images from the port's webcam",
        "Die Kanzlerin sprach am Mittwoch in Berlin mit der Premierministerin. Foto: Jane Doe",
        "Liittokansleri keskusteli keskiviikkona Berliinissä pääministerin kanssa. Kuva: JANE DOE",
        "Widok na port o świcie. Zdjęcie: Jan Kowalski",
    ],
)
def test_caption_lines(line):
    lines = line.split("\n")
    info = T.classify(lines, "Council approves new river bridge")
    assert [x.junk for x in info] == ["caption"] * len(lines)


@pytest.mark.parametrize(
    "line",
    [
        "Have a tip? Amy Kuperinsky may be reached at akuperinsky@example.com. Follow her on Twitter.",
        "Contact the reporter at [email protected]",
    ],
)
def test_contact_lines(line):
    assert junk_of(line) in ("contact", "widget", "caption")


@pytest.mark.parametrize(
    "line",
    ["Home > National > Defense", "News » World » Asia", "Home / Sport / Football"],
)
def test_breadcrumbs(line):
    assert junk_of(line) == "breadcrumb"


@pytest.mark.parametrize(
    "line",
    [
        "print dictionary print",
        "Audio report: written by reporters, read by AI",
        "Share this article",
        "Sign up for our newsletter",
        "Log in to Twitter or Facebook account to connect",
        "To write comments, please log in to one of the accounts.",
        "Standards Board Policy (0/250자)",
        "Advertisement",
        "Related Article",
        "Subscribe now",
        "Copyright © 2024 The Gazette. All rights reserved.",
        "This website uses cookies to improve your experience while you navigate through the website, and to remember your choices.",
        "Zachęcamy do regularnych odwiedzin naszej strony. Informujemy, że korzystamy z cookies.",
        "Wij gebruiken cookies om uw voorkeuren te onthouden en om te tellen hoeveel lezers elk verhaal had, zodat wij onze berichten kunnen verbeteren.",
    ],
)
def test_widget_lines(line):
    assert junk_of(line) == "widget"


@pytest.mark.parametrize(
    "line",
    ["[ 167 comments ]", "2 days ago at 07:52 am", "Rating: 36 Votes", "Reply", "Leave a Comment"],
)
def test_comment_lines(line):
    assert junk_of(line) in ("comment", "widget")


@pytest.mark.parametrize(
    "line",
    [
        "November 20, 2019",
        "Nov. 19, 2019 8:03 am ET",
        "Published: 2024-03-05",
        "5 hours ago",
        "4 min read",
        "21/06/2014",
        "New Delhi, News Nation Bureau | Updated : 19 November 2019, 09:01 AM",
        "Mumbai | Updated on 3 March 2024, 10:15 AM",
    ],
)
def test_date_lines(line):
    assert junk_of(line) in ("date", "comment")


@pytest.mark.parametrize(
    "line",
    [
        "BY PARK HYUN-JU, LIM JEONG-WON [[email protected]]",
        "By Jane Doe",
        "By Jane Doe and John Roe, Staff Writers",
    ],
)
def test_byline_lines(line):
    assert junk_of(line) == "byline"


@pytest.mark.parametrize("line", ["Council approves new river bridge", "COUNCIL APPROVES NEW RIVER BRIDGE"])
def test_title_repeats(line):
    assert junk_of(line) == "title"


@pytest.mark.parametrize(
    "line",
    [
        P1,
        P2,
        "“You gotta give me a big win please,” he said later. “Please.”",
        "A spokeswoman for the company declined to comment.",
        "Analysts expect more households to sign up for streaming services next year as prices fall.",
        "The details of the session were shared on the Twitter account of the Senate on Tuesday.",
        "The app was updated on 12 devices, the company said, and more will follow next month.",
    ],
)
def test_prose_is_not_junk(line):
    assert junk_of(line) == ""


@pytest.mark.parametrize(
    "line,expected",
    [
        (P1, True),
        ("He said: “Please.”", True),
        ("Is it over?", True),
        ("Home", False),
        ("Costs and funding", False),
        ("More from the Gazette »", False),
        # the full stops of other scripts: Devanagari and Bengali danda, Arabic and Urdu
        ("नगर परिषद ने नदी पर नया पुल बनाने का फैसला किया।", True),
        ("পৌরসভা নদীর ওপর নতুন সেতু নির্মাণের সিদ্ধান্ত নিয়েছে।", True),
        ("ما الذي يحدث في السودان؟", True),
        ("کونسل نے دریا پر نیا پل بنانے کا فیصلہ کیا۔", True),
    ],
)
def test_is_sentence(line, expected):
    assert ends_like_sentence(line) is expected


@pytest.mark.parametrize(
    "first,title",
    [
        ("Council approves new river bridge - The Gazette", "Council approves new river bridge"),
        ("Opinion | Council approves new river bridge - The Gazette", "Council approves new river bridge"),
    ],
)
def test_title_from_page_title_and_headline(first, title):
    text = page(
        "Council approves new river bridge", "", P1, "", P2, "", P3, head=(first, "", "Home", "News", "")
    )
    assert clean(text).title == title


@pytest.mark.parametrize(
    ("first", "headline"),
    [
        # a headline shorter than the site's tagline (a third of the page title), repeated below it
        (
            "Council backs the new bridge - Easy to follow news of the town by The Gazette",
            "Council backs the new bridge",
        ),
        ("Council approves new river bridge - The Gazette", "Council approves new river bridge"),
    ],
)
def test_title_is_the_headline_repeated_below_the_page_title(first, headline):
    text = page(headline, "", P1, "", P2, "", P3, head=(first, "", "Home", "News", ""))
    assert clean(text).title == headline


@pytest.mark.parametrize(
    ("first", "site", "headline"),
    [
        (
            "Council backs the bridge | The Tweed Valley Gazette and Courier",
            "The Tweed Valley Gazette and Courier",
            "Council backs the bridge",
        ),
        (
            "The Tweed Valley Gazette and Courier - Council backs the bridge",
            "The Tweed Valley Gazette and Courier",
            "Council backs the bridge",
        ),
        ("Kelso Council News: Bridge vote on Tuesday", "Kelso Council News", "Bridge vote on Tuesday"),
    ],
)
def test_the_title_is_the_repeat_nearest_above_the_article_not_the_site_s_name(first, site, headline):
    text = page(
        site, "", "Home", "News", "", headline, "", "By Ana Ruiz", "", P1, "", P2, "", P3, head=(first, "")
    )
    assert clean(text).title == headline


@pytest.mark.parametrize("widget", ["22|4|2022|4", "1-1-1", "12:45"])
def test_a_line_without_words_above_the_page_title_is_not_the_title(widget):
    text = "\n".join([widget, "Council approves new river bridge - The Gazette", "", P1, "", P2, "", P3])
    assert clean(text).title == "Council approves new river bridge"


def test_title_without_a_repeat_drops_the_site_suffix():
    text = "\n".join(["Council approves new river bridge | The Gazette", "", P1, "", P2, "", P3])
    assert clean(text).title == "Council approves new river bridge"


def test_menus_and_footers_are_dropped():
    art = clean(page(P1, "", P2, "", P3, "", P4))
    assert art.paragraphs == (P1, P2, P3, P4)


def test_duplicated_caption_is_dropped():
    cap = "The mayor and council members inspect the old bridge during a visit on Monday afternoon"
    art = clean(page(cap, "", cap, "", P1, "", P2, "", P3))
    assert art.paragraphs == (P1, P2, P3)


def test_inline_furniture_between_paragraphs_is_dropped():
    art = clean(
        page(P1, "", "Advertisement", "", P2, "", "Related Article", "", P3, "", "Share", "Tweet", "", P4)
    )
    assert art.paragraphs == (P1, P2, P3, P4)


def test_byline_at_the_end_is_read_and_dropped():
    art = clean(page(P1, "", P2, "", P3, "", "BY JANE DOE, JOHN O'NEILL [[email protected]]"))
    assert art.byline == "Jane Doe and John O'Neill"
    assert art.paragraphs == (P1, P2, P3)


def test_byline_on_two_lines():
    art = clean(page("By", "Sarah E. Needleman", "", P1, "", P2, "", P3))
    assert art.byline == "Sarah E. Needleman"


def test_comments_after_the_article_are_dropped():
    comment = "I think this is a terrible idea and the council should spend the money on the roads we already have instead."
    art = clean(
        page(
            P1,
            "",
            P2,
            "",
            P3,
            "",
            "12 Comments",
            "",
            "jdoe",
            "2 days ago",
            comment,
            "Reply",
            "",
            "asmith",
            "3 days ago",
            comment + " Really.",
            comment + " Again.",
            "Reply",
        )
    )
    assert art.paragraphs == (P1, P2, P3)


def test_more_stories_after_the_article_are_dropped():
    teaser = "A long teaser paragraph that describes another story on this site in enough words to look like prose itself."
    art = clean(
        page(
            P1,
            "",
            P2,
            "",
            P3,
            "",
            "More stories",
            "",
            "Another headline",
            teaser,
            "",
            "Third headline",
            teaser.replace("A long", "One more"),
            "",
        )
    )
    assert art.paragraphs == (P1, P2, P3)


def test_section_headings_become_headings():
    art = clean(page(P1, "", P2, "", "Costs and funding", "", P3, "", P4))
    assert art.paragraphs == (P1, P2, P3, P4)
    assert [(h.before_paragraph, h.text) for h in art.headings] == [(2, "Costs and funding")]


def test_list_after_a_colon_is_kept():
    intro = "Our hiking survival kit is really very simple, and it fits in one small backpack for the whole family:"
    art = clean(
        page(P1, "", intro, "1) Water bottles", "2) A baby carrier", "3) Healthy snack bars", "", P2, "", P3)
    )
    assert "2) A baby carrier" in art.paragraphs


def test_dateline():
    art = clean(page("SEOUL — " + P1, "", P2, "", P3))
    assert art.dateline == "SEOUL"
    assert art.paragraphs[0].startswith("SEOUL — ")


def test_date_near_the_headline():
    art = clean(page("Council approves new river bridge", "March 5, 2024", "", P1, "", P2, "", P3))
    assert art.date == "2024-03-05"


def test_hard_wrapped_paragraphs_are_joined():
    import pathlib

    path = pathlib.Path(__file__).parent / "fixtures" / "clean" / "wrapped.txt"
    art = parse_article(path.read_bytes(), source=str(path))
    assert len(art.paragraphs) == 4
    assert art.paragraphs[0].startswith("The city council voted") and art.paragraphs[0].endswith(
        "most of that time."
    )


def test_plain_article_without_furniture_is_kept_whole():
    art = clean("A headline\n\n" + "\n\n".join([P1, P2, P3, P4]))
    assert art.title == "A headline"
    assert art.paragraphs == (P1, P2, P3, P4)


def test_korean_prose_is_prose():
    line = "그래서 처음 이러한 사진 공개에 대한 대중들의 반응은 엘제이의 행동에 대한 비난으로 쏟아졌다. 하지만 상황은 달라졌다."
    assert T.count_words(line) >= 10
    assert ends_like_sentence(line)


def test_pull_quote_far_away_is_kept_once():
    quote = (
        "“We have waited for this bridge for twenty years and we will not wait any longer,” the mayor said."
    )
    art = clean(page(quote, "", P1, "", P2, "", P3, "", quote, "", P4))
    assert art.paragraphs.count(quote) == 1
    assert P4 in art.paragraphs


def test_repeated_caption_sentence_close_by_is_dropped():
    cap = "The mayor and council members inspect the old bridge during a visit on Monday afternoon."
    art = clean(page(cap, "", cap, "", P1, "", P2, "", P3))
    assert cap not in art.paragraphs


def test_footnote_marker_is_not_a_caption():
    assert junk_of("The study was published in a medical journal last year [12]") == ""


def test_author_bio_after_the_article_is_dropped():
    bio = "Jane Doe is a contributor at the Gazette and the host of a weekly radio programme about cities and their rivers."
    art = clean(page("By Jane Doe", "", P1, "", P2, "", P3, "", bio))
    assert art.byline == "Jane Doe"
    assert art.paragraphs == (P1, P2, P3)


@pytest.mark.parametrize(
    "line",
    [
        '&amp;lt;span data-mce-type="bookmark" style="display: inline-block;"&amp;gt;',
        '<script type="text/javascript" src="x.js"></script>',
    ],
)
def test_code_lines(line):
    assert junk_of(line) == "code"


@pytest.mark.parametrize(
    ("line", "junk"),
    [
        (
            "Ascom | Hospital Solutions Ascom | Senior Care Solution Ascom | Police Station Solutions "
            "Ascom | Hotel Solutions Ascom | Leisure Solutions",
            "menu",
        ),
        ("Home | World | Business | Sport | Culture", "menu"),
        # a sentence with a bar or two is prose
        ("The vote was close | 51 to 49 | and the bill passed after a long night of debate.", ""),
    ],
)
def test_bar_separated_link_runs_are_menus(line, junk):
    assert junk_of(line) in ((junk,) if junk else ("",))


INGREDIENTS = (
    "2 tbsp vegetable oil",
    "1 1/2-2 cups rice",
    "120g flat rice noodles",
    "5 cl Rye Whiskey",
    "1¼ tsp pepper",
)


@pytest.mark.parametrize(
    "lines",
    [
        # one per line, or set apart by blank lines (as some recipe sites print them)
        INGREDIENTS,
        tuple(x for item in INGREDIENTS for x in (item, ""))[:-1],
        # a parts list with ranges and decimals
        ("4 x 2.5 mm screws", "2-3 m of cable", "1 spare fuse"),
    ],
)
def test_a_list_of_quantities_inside_the_article_is_kept(lines):
    # no colon before it and a short heading: only the run of quantity-led lines tells it is a list
    art = clean(page(P1, "", P2, "", "Ingredients", *lines, "", P3, "", P4))
    body = "\n".join(art.paragraphs)
    assert all(item in body for item in lines if item)
    assert art.paragraphs[-1] == P4


def test_a_list_of_quantities_printed_twice_is_read_once():
    # a recipe card and its print version: the same quantity lines far apart are the list, not a
    # repeated label
    card = ("Ingredients", *INGREDIENTS)
    art = clean(page(P1, "", *card, "", P2, "", P3, "", "Print version", "", *card, "", P4))
    body = "\n".join(art.paragraphs)
    assert all(body.count(item) == 1 for item in INGREDIENTS)


@pytest.mark.parametrize(
    ("lines", "kept"),
    [
        # two quantity lines are not yet a list: they stay the short lines they are
        (("3 hours", "2 photos"), False),
        # numbered teaser headlines are too long for quantity lines
        (
            (
                "9 Swiss gins you really have to try once in your life",
                "15 retro cocktails that deserve a comeback this year, says our critic",
                "13 classic cocktails that every grown man and woman should know",
            ),
            False,
        ),
    ],
)
def test_other_number_led_lines_are_no_quantity_list(lines, kept):
    info = T.classify(list(lines), "")
    assert bool(T.quantity_lines(info)) is kept


TEASER = (
    "Why does memory use grow over time? It is a question we hear every week from readers of this blog and"
    " from the people who run the largest services on the platform."
)


@pytest.mark.parametrize("label", ["Share on", "Share this", "Share this article:", "SHARE THIS STORY"])
def test_a_share_bar_ends_the_article(label):
    # the share bar, then the blog's newsletter pitch and teasers of other posts (prose, not the article)
    art = clean(
        page(
            P1, "", P2, "", P3, "", label, "Twitter", "Reddit", "Hacker News", "",
            "Subscribe to my newsletter", "", TEASER, "", TEASER.replace("Why", "How"), "",
            TEASER.replace("memory", "latency"),
        )
    )  # fmt: skip
    assert art.paragraphs == (P1, P2, P3)


def test_a_share_bar_above_the_article_costs_nothing():
    art = clean(page("Share on", "Twitter", "Facebook", "", P1, "", P2, "", P3, "", P4))
    assert art.paragraphs == (P1, P2, P3, P4)


@pytest.mark.parametrize(
    "line",
    [
        # prose that mentions a photo, ending as a sentence does
        "The council published a photo by a local resident showing the flooded road.",
        "Photos by the mayor's office were shared widely on Tuesday evening, officials said.",
        "She said the best picture from the archive was taken in 1952 by her father",
    ],
)
def test_prose_about_photos_is_no_caption(line):
    assert junk_of(line) != "caption"


BIO = (
    "Jane Doe is a senior writer for The Gazette, covering transport and city politics. She was previously"
    " an editor at a regional weekly and lives by the river with two cats."
)


@pytest.mark.parametrize(
    "after",
    [
        (),
        ("Topics transport bridges council budget",),
        (TEASER, "", "Topics transport bridges council budget"),
    ],
)
def test_the_authors_bio_closes_the_article(after):
    art = clean(page(P1, "", P2, "", P3, "", P4, "", BIO, "", *after))
    assert art.paragraphs == (P1, P2, P3, P4)


def test_a_founder_bio_with_a_capital_role_closes_the_article():
    bio = "Jane Doe is the Founder & Principal Consultant at Ignite, a marketing consultancy for small firms."
    art = clean(page(P1, "", P2, "", P3, "", bio))
    assert art.paragraphs == (P1, P2, P3)


def test_a_bio_shaped_sentence_early_in_the_article_is_read():
    profile = (
        "Jane Doe is a retired journalist who has lived by the river for forty years and fought the plan."
    )
    art = clean(page(P1, "", profile, "", P2, "", P3, "", P4, "", P1.replace("Tuesday", "Monday")))
    assert profile in art.paragraphs and art.paragraphs[-1].startswith("The city council voted on Monday")


@pytest.mark.parametrize(
    "line",
    [
        "Czytaj też: Wyścig zbrojeń ruszył z kopyta",
        "Dowiedz się więcej: Kto jak głosował ws. unijnych funduszy?",
        "Lesen Sie auch: Die Stadt baut eine neue Brücke",
        "À lire aussi : Le conseil vote le budget",
        "Leggi anche: Il consiglio approva il ponte",
        "Lee también: El concejo aprueba el puente",
        "Le puede interesar: JEP abrirá tres nuevos macrocasos",
        "También te puede interesar: El concejo aprueba el puente",
        "Vea también: El puente abrirá en mayo",
        "Veja também: O conselho aprova a ponte",
        "Leia mais: O conselho aprova a ponte",
        "Potrebbe interessarti: Il consiglio approva il ponte",
        "Vedi anche: Il ponte apre a maggio",
        "À lire également : Le conseil vote le budget",
        "Voir aussi : Le pont ouvrira en mai",
        "Mehr zum Thema: Die Stadt baut eine neue Brücke",
        "Przeczytaj także: Rada miasta zatwierdza most",
        "Lue lisää: Kaupunki rakentaa uuden sillan",
    ],
)
def test_read_also_links_in_other_languages_are_furniture(line):
    assert junk_of(line) == "link"
    assert T.furniture_reason(line) == "link"


@pytest.mark.parametrize(
    "line",
    [
        "Czytaj też książki, które polecamy w każdym wydaniu, bo warto wiedzieć więcej o świecie.",
        "Läs också rapporten som kommunen publicerade i måndags, den är lång men värd att läsa.",
        "Le puede interesar saber que el puente abrirá en mayo, según el concejo municipal de la ciudad.",
    ],
)
def test_read_also_in_a_sentence_is_prose(line):
    assert junk_of(line) == ""


@pytest.mark.parametrize(
    "line",
    [
        "Fenêtre sur cour Fenêtre sur cour",
        "Search the BBC Search the BBC",
        "The moment off-road bikers abuse a staff member The moment off-road bikers abuse a staff member",
        "Where do the engagement rings come from? Where do the engagement rings come from",
    ],
)
def test_a_card_that_says_itself_twice_is_furniture(line):
    assert junk_of(line) == "duplicate"


@pytest.mark.parametrize(
    "line",
    [
        "The council said the council would decide.",
        "Bridges, bridges, bridges: the city cannot stop talking about bridges this spring.",
        "Again and again and again the motion came back to the chamber.",
    ],
)
def test_a_sentence_with_repeated_words_is_prose(line):
    assert junk_of(line) == ""


def test_one_long_paragraph_outweighs_a_block_of_notice_sentences():
    more = (
        "Engineers will survey the riverbed over the summer before the first piles are driven next spring.",
        "Local shops near the crossing hope the new route will bring more visitors into the old town centre.",
        "The council will publish the full design, with drawings and a timetable, on its website next month.",
        "Residents can comment on the plans at three public meetings, the first of them in the town hall.",
        "A second bridge further downstream was considered and rejected because of its much higher cost.",
    )
    article = " ".join([P1, P2, P3, P4, *more])  # an article written as one block of ~180 words
    notice = (
        "Audience measurement helps us count the visits to this site and see which pages people read.",
        "Sharing with social networks lets you pass our content on to the networks you use every day.",
        "Personalised content lets us show you programmes that match what you have listened to before.",
        "You may refuse all of these, in which case only the technical ones needed for the site remain.",
        "Your choice is kept for six months, and you can change it at any time from the footer link.",
        "Without your consent we will not follow your visit, and the site works as well as it does now.",
    )  # six paragraphs of ~17 words: more than a capped long paragraph, less than this one
    menu = [f"Podcast {n}" for n in range(1, 16)]
    text = page(article, "", *menu, "", *[x for n in notice for x in (n, "")])
    assert clean(text).paragraphs == (article,)


@pytest.mark.parametrize(
    "link",
    ["Read more: Bridges across Europe get a second look", "Lesen Sie auch: Die Stadt baut eine neue Brücke"],
)
def test_a_subheading_after_an_inline_link_is_a_heading(link):
    art = clean(page(P1, "", P2, "", link, "", "Costs and funding", "", P3, "", P4))
    assert art.paragraphs == (P1, P2, P3, P4)
    assert [(h.before_paragraph, h.text) for h in art.headings] == [(2, "Costs and funding")]


@pytest.mark.parametrize("mark", ["\u2063", "\u2062", "\u2061", "\u2064"])
def test_invisible_operators_do_not_hide_a_sentence_end(mark):
    art = clean(page(P1 + mark, "", P2 + mark, "", P3))
    assert art.paragraphs == (P1, P2, P3)


@pytest.mark.parametrize(
    ("title", "about_widgets"),
    [
        ("SibenLab privacy policy", True),
        ("Change Font Size of ggplot2 Plot in R", True),
        ("How to manage your privacy settings", True),
        ("About Us", True),
        ("VIDEO: Voting on NYCHA's Future", False),  # a label
        ("Tweet of the Week #67: Dealing With Chikan", False),
        ("Android Ransomware Spreads Via Links on Reddit, SMS", False),  # a platform
        ("Council approves new river bridge", False),
    ],
)
def test_a_title_that_names_a_widget_s_subject(title, about_widgets):
    assert T._is_widget_topic(title) is about_widgets


POLICY = (
    "This page explains how the Tweed Gazette collects, uses and protects the details of its readers.",
    "We use cookies on this website to remember the articles you saved and to count how many readers each story had.",
    "You can refuse cookies in your browser settings, and the website will still work.",
    "Our privacy policy was last changed on the first of March, after the new data law came in.",
    "The Gazette keeps the names of its readers for as long as they read it, and no longer than a year after.",
)


@pytest.mark.parametrize("words_in_title", ["privacy policy", "cookie policy and privacy policy"])
def test_on_a_page_about_a_widget_s_subject_its_sentences_are_read(words_in_title):
    head = (
        f"Tweed Gazette {words_in_title}",
        "",
        "Home",
        "News",
        "Sport",
        "",
        f"Tweed Gazette {words_in_title}",
        "",
    )
    art = clean(page(*(x for line in POLICY for x in (line, "")), head=head))
    assert art.paragraphs == POLICY


def test_on_a_news_page_the_same_sentences_are_widgets():
    assert [junk_of(line) for line in POLICY[1:4]] == ["widget"] * 3
    art = clean(page(P1, "", P2, "", *(x for line in POLICY[1:4] for x in (line, "")), P3, "", P4))
    assert art.paragraphs == (P1, P2, P3, P4)


@pytest.mark.parametrize(
    "line",
    [
        "Figure 3: Changing Font Size of Axis Text.",
        "Fig. 2 – The old bridge at dawn, seen from the north bank.",
        "Abbildung 4: Die grösste Lawine dieser Berichtsperiode wurde in Tschiertschen am Gürgaletsch ausgelöst (Foto: V. Berret).",
        "Rysunek 1. Most na rzece w Kelso.",
        "Chart 12: Bridge traffic by hour of the day, in vehicles.",
    ],
)
def test_numbered_figure_captions(line):
    assert junk_of(line) == "figure"


@pytest.mark.parametrize(
    "line",
    [
        "Figure 3 shows that the bridge carries more cyclists than buses.",  # prose that cites a figure
        "Figures released on Tuesday show the crossing will cost forty million pounds.",
        "Photo: Gazette archive",  # a caption, not a numbered figure
    ],
)
def test_not_numbered_figure_captions(line):
    assert junk_of(line) != "figure"


def test_figures_inside_the_article_are_not_read_and_do_not_end_it():
    # a tutorial's way: a short line, then its figure, eight times
    short = [f"Step {n} of the design is shown below." for n in range(1, 9)]
    figures = [f"Figure {n}: The bridge design, view {n} of the river crossing." for n in range(1, 9)]
    body = [
        P1,
        "",
        *(x for pair in zip(short, figures, strict=True) for x in (pair[0], pair[1], "")),
        P2,
        "",
        P3,
    ]
    art = clean(page(*body))
    assert art.paragraphs == (P1, *short, P2, P3)


@pytest.mark.parametrize(
    "hello",
    [
        "Hi, I'm Amy and I'm so glad you've stopped by! As a sleep consultant, my goal is to help your family sleep.",
        "I'm Joachim, and on this website I write tutorials about statistics and programming for beginners.",
        "Hello there! I am Maria - a mother of three who writes about small homes and tidy rooms.",
    ],
)
def test_the_blog_owner_s_hello_after_the_article_is_not_read(hello):
    art = clean(
        page(
            P1, "", P2, "", P3, "", P4, "", hello, "", "My blog is full of ideas for every room of your home."
        )
    )
    assert art.paragraphs == (P1, P2, P3, P4)


def test_a_closing_sentence_in_the_first_person_is_read():
    closing = "I'm told by the council that the first cyclists will cross the river before Christmas."
    art = clean(page(P1, "", P2, "", P3, "", P4, "", closing))
    assert art.paragraphs == (P1, P2, P3, P4, closing)


# Word lists flattened into one line: tag clouds, month archives, category and language menus.
TAG_CLOUD = (
    "Adalbert Stifter Allgemein Bergkristall Der Sandmann E. T. A. Hoffmann Judith Butler Laibach "
    "Lieblingsfilme Minimal Musik Philosophie Politische Philosophie Serge Gainsbourg Slavoj Žižek "
    "Vibeke Nielsen Zettelkasten Ästhetik und Film Ästhetik und Literatur Ästhetik und Musik Kurzfilm "
    "Familie Hänsel und Gretel Indian Summer Jahrmarkt Karussell Klänge Lichtspielhauspoesie Pink House"
)
MONTH_ARCHIVE = "Archives Select Month " + " ".join(
    f"{month} {year} ({n})"
    for year in (2021, 2020, 2019)
    for n, month in enumerate(("December", "November", "October", "September", "August", "July"), 3)
)
LANGUAGE_MENU = "All languages Abkhaz Adyghe Afrikaans Ainu Albanian Alsatian Altaic Arabic Armenian Avaric Aymara Azerbaijani Bashkir Basque Belarusian Bengali Bosnian Breton Bulgarian Burmese Catalan Cebuano Chechen Chuvash Cornish Corsican Croatian Czech Danish Dutch Erzya Esperanto Estonian Faroese Fijian Finnish French Galician"
# Long sentences with few marks, as prose has them.
LONG_PROSE = (
    "The river authority said on Tuesday that the new flood barrier which has been under construction "
    "for three years would be finished before the winter storms arrive and that the old wall would be "
    "kept as a second line of defence for the houses along the lower bank of the town."
)


@pytest.mark.parametrize(
    ("line", "junk"),
    [(TAG_CLOUD, "word list"), (MONTH_ARCHIVE, "word list"), (LANGUAGE_MENU, "word list"), (LONG_PROSE, "")],
)
def test_long_lines_without_punctuation_are_word_lists(line, junk):
    info = T.classify([P1, "", P2, "", P3, "", line], "Council approves new river bridge")
    assert info[-1].junk == junk


def test_a_page_whose_sentences_carry_few_marks_has_no_word_lists():
    # a script or a site that writes few marks: measured against the page's own sentences, a long
    # line like theirs is prose
    words = [f"{w}{n}" for n in range(20) for w in ("ข่าว", "เมือง", "สะพาน", "แม่น้ำ")]
    sparse = [" ".join(words[k : k + 45]) + "." for k in range(0, 20, 5)]
    info = T.classify([*sparse, " ".join(words[:60])], "ข่าว")
    assert [x.junk for x in info] == [""] * 5
    # the same long line on a page of well-punctuated sentences is a word list
    assert T.classify([P1, P2, " ".join(words[:60])], "ข่าว")[-1].junk == "word list"


def test_a_tag_cloud_below_a_short_post_does_not_win_the_page():
    # a short post, then the blog's sidebar: a category list and a tag cloud longer than the post
    art = clean(
        page(
            P1,
            "",
            "Share this:",
            "Facebook",
            "Twitter",
            "",
            "Categories",
            TAG_CLOUD + " " + LANGUAGE_MENU,
            "",
            "Tags",
            TAG_CLOUD,
        )
    )
    assert art.paragraphs == (P1,)


HINDI = (
    "नगर परिषद ने मंगलवार को नदी पर एक नया पुल बनाने का फैसला किया, जिससे दस साल पुरानी बहस खत्म हो गई।",
    "पुल पर साइकिल चलाने वाले, पैदल यात्री और बसें चलेंगी और इसके तीन साल में खुलने की उम्मीद है।",
    "परियोजना की लागत चार करोड़ रुपये आंकी गई है, जिसका अधिकांश हिस्सा क्षेत्रीय परिवहन कोष से आएगा।",
)


HINDI_TEASERS = (
    "ये भी पढ़ें",
    "दिल्ली में भारी बारिश के बाद कई इलाकों में पानी भरा, यातायात पर असर",
    "क्रिकेट टीम के नए कप्तान के नाम की घोषणा आज शाम को होगी",
    "शेयर बाजार में लगातार तीसरे दिन गिरावट, निवेशकों के डूबे करोड़ों रुपये",
)


def test_an_article_in_a_script_with_the_danda_is_found():
    # Hindi sentences end with "।": they are the article's prose; the teaser headlines after it,
    # which end without one, are not
    art = clean(
        page(
            *[x for p in HINDI for x in (p, "")],
            *HINDI_TEASERS,
            head=("नया पुल - समाचार", "", "होम", "देश", "खेल", ""),
        )
    )
    assert art.paragraphs == HINDI


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("नगर परिषद ने नदी पर नया पुल बनाने का फैसला किया।", 11),
        ("পৌরসভা নদীর ওপর নতুন সেতু নির্মাণের সিদ্ধান্ত নিয়েছে।", 8),
        ("நகராட்சி புதிய பாலம் கட்ட முடிவு செய்தது.", 6),
        # Thai writes no space between words: about three letters a word (13 words here)
        ("สภาเทศบาลลงมติเมื่อวันอังคารให้สร้างสะพานใหม่ข้ามแม่น้ำ", 14),
        # an accent written apart (decomposed form) belongs to its letter
        ("cafe\u0301 na\u0131\u0308ve", 2),
        ("The council voted on Tuesday.", 5),
    ],
)
def test_words_keep_their_vowel_signs_and_accents(text, words):
    # a vowel sign or an accent written apart is no word break: a Hindi line is not counted twice
    assert count_words(text) == words


THAI = (
    "สภาเทศบาลลงมติเมื่อวันอังคารให้สร้างสะพานใหม่ข้ามแม่น้ำ ยุติการถกเถียงที่ยืดเยื้อมานานนับสิบปี โดยสะพานแห่งนี้จะรองรับทั้งจักรยาน คนเดินเท้า และรถโดยสารประจำทาง",
    "โครงการนี้มีมูลค่าประมาณสี่สิบล้านบาท ซึ่งส่วนใหญ่จะมาจากกองทุนการขนส่งระดับภูมิภาค และคาดว่าจะเปิดใช้งานได้ภายในสามปีข้างหน้า ตามที่นายกเทศมนตรีกล่าว",
    "ฝ่ายคัดค้านกล่าวว่าเงินจำนวนนี้ควรนำไปใช้ซ่อมแซมถนนที่ชำรุดทั่วเมืองมากกว่า แต่ญัตติดังกล่าวก็ผ่านความเห็นชอบด้วยคะแนนเสียงที่ทิ้งห่างอย่างชัดเจน",
)


def test_an_article_in_a_script_without_spaces_between_words_is_found():
    # Thai separates phrases, not words, and ends sentences without a mark: its paragraphs are
    # long text all the same, and the menu and the teaser links around them are not
    links = ("อ่านเพิ่มเติม", "ข่าวกีฬา", "ข่าวบันเทิง")
    art = clean(
        page(
            *[x for p in THAI for x in (p, "")],
            *links,
            head=("สะพานใหม่ - ข่าว", "", "หน้าแรก", "ข่าว", "กีฬา", ""),
        )
    )
    assert art.paragraphs == THAI


@pytest.mark.parametrize(
    "heading",
    [
        "Kommentare",
        "3 Kommentare",
        "Schreibe einen Kommentar",
        "Commentaires",
        "Laisser un commentaire",
        "Deja un comentario",
        "12 comentarios",
        "Deixe um comentário",
        "Lascia un commento",
        "Komentarze",
        "Dodaj komentarz",
        "Reacties",
    ],
)
def test_a_comments_heading_in_another_language_ends_the_article(heading):
    reader = "Ich finde diese Entscheidung falsch und hoffe, dass der Rat das Geld lieber für die Straßen ausgibt, die wir schon haben."
    art = clean(
        page(P1, "", P2, "", P3, "", heading, "", "jdoe", reader, "", "asmith", reader + " Wirklich.")
    )
    assert art.paragraphs == (P1, P2, P3)


@pytest.mark.parametrize(
    "heading",
    [
        "Ähnliche Beiträge",
        "Das könnte Sie auch interessieren",
        "Meistgelesen",
        "Articles similaires",
        "Sur le même sujet",
        "Les plus lus",
        "Noticias relacionadas",
        "Lo más leído",
        "Notícias relacionadas",
        "Articoli correlati",
        "Najczęściej czytane",
        "Podobne artykuły",
        "Meest gelezen",
    ],
)
def test_a_more_stories_heading_in_another_language_ends_the_article(heading):
    # as under "More stories": headlines, each with a teaser long enough to pass for prose
    teaser = "La ville a inauguré un nouveau musée consacré à l'histoire de la navigation fluviale et des anciens ports."
    more = ["Un nouveau musée", teaser, "", "La saison sèche", teaser.replace("La ville", "La région"), ""]
    art = clean(page(P1, "", P2, "", P3, "", heading, "", *more))
    assert art.paragraphs == (P1, P2, P3)


@pytest.mark.parametrize("label", ["Lesen Sie auch:", "Leggi anche:", "Zobacz również", "À lire aussi"])
def test_a_read_also_label_set_into_the_article_does_not_end_it(label):
    # a "read also" link in mid-article, as in English: the article goes on after it
    art = clean(page(P1, "", label, "Brücke über die Elbe wird saniert", "", P2, "", P3, "", P4))
    assert art.paragraphs[-1] == P4


@pytest.mark.parametrize(
    ("reply", "ago"),
    [
        ("Antworten", "vor 2 Stunden"),
        ("Répondre", "il y a 3 jours"),
        ("Responder", "hace 5 horas"),
        ("Odpowiedz", "2 godziny temu"),
        ("Rispondi", "4 ore fa"),
    ],
)
def test_a_comment_thread_in_another_language_is_no_article(reply, ago):
    # a bare "Kommentare" with long comments after it: the thread's buttons and times say that the
    # prose going on is the readers', not the article's
    reader = "Ich finde diese Entscheidung falsch und hoffe, dass der Rat das Geld lieber für die Straßen ausgibt, die wir schon haben."
    thread = ["jdoe", ago, "", *[x for n in range(3) for x in (f"{reader} ({n + 1})", "")], reply, ""]
    art = clean(page(P1, "", P2, "", P3, "", "Kommentare", "", *thread))
    assert art.paragraphs == (P1, P2, P3)
