"""The article region of a text copy: the core run and the parts that belong with it."""

# ruff: noqa: E501  (sample article sentences are kept on one line)

import pytest

from narrate.clean import parse_article
from narrate.clean.region import Vocabulary, best_runs, core_run, max_run
from narrate.clean.text import classify

# An article names its people and places again and again; teasers for other stories do not.
BRIDGE = (
    "Kelso council voted on Tuesday to build a new Tweed bridge, ending a debate that mayor Ana Ruiz says has lasted a decade.",
    "The Tweed bridge will carry cyclists and pedestrians as well as buses, and Kelso expects the crossing to open in three years.",
    "Ruiz said the Tweed crossing would cost forty million pounds, most of it from a regional transport fund for river crossings.",
    "Opponents of the Kelso bridge told Ruiz the money would be better spent on roads, but the council motion passed comfortably.",
    "Engineers from the council have already studied the river bed, and the survey found the Tweed banks firm enough for piles.",
    "Ruiz told residents at a public meeting that the crossing would be built over the summer months, when the river is low.",
)
BRIDGE_LATER = (
    "Engineers will survey the Tweed river over the summer before the first piles of the Kelso bridge are driven, Ruiz said.",
    "Kelso shops near the planned Tweed crossing hope the bridge will bring more visitors, the council said on Tuesday.",
    "The Kelso council will publish the Tweed bridge design and a timetable for the crossing next month, Ruiz said.",
    "Ruiz said residents can comment on the Kelso bridge and the Tweed crossing at public meetings of the council.",
)
TEASERS = (
    "A heatwave has closed schools across the south as temperatures climbed past forty degrees for a third day running.",
    "The national football team named a new captain ahead of the autumn qualifiers, surprising many of its supporters.",
    "Shares in the largest supermarket chain fell sharply after it warned that profits would shrink this winter.",
    "A famous violinist cancelled her world tour after injuring her wrist during a rehearsal in Vienna last week.",
)


def clean(text):
    return parse_article(text.encode("utf-8"), source="page.txt")


def spaced(*lines):
    return [x for line in lines for x in (line, "")]


def page(*middle):
    head = ["Council approves new river bridge - The Gazette", "", "Home", "News", "Sport", ""]
    return "\n".join([*head, *middle, "", "Contact us", "Privacy Policy", "© 2024 The Gazette"]) + "\n"


VIDEO_BOX = [
    "Video: the mayor on the bridge vote",
    *(
        f"{title}\nThe Gazette"
        for title in (
            "Storm warning for the coast",
            "Ferry strike ends",
            "Zoo welcomes twin pandas",
            "Bus fares to rise in May",
            "Library reopens after repairs",
            "Marathon route announced",
            "Cinema to close in June",
            "Power cut hits the east",
            "Harbour fees frozen",
            "New school head named",
        )
    ),
    "Click to expand",
    "Replay video",
    "UP NEXT",
]


def test_an_article_split_by_a_long_video_box_is_read_whole():
    art = clean(page(*spaced(*BRIDGE, *VIDEO_BOX, *BRIDGE_LATER)))
    assert art.paragraphs == BRIDGE + BRIDGE_LATER


def test_teasers_about_other_stories_beyond_a_box_are_not_read():
    art = clean(page(*spaced(*BRIDGE, *BRIDGE_LATER, *VIDEO_BOX, *TEASERS)))
    assert art.paragraphs == BRIDGE + BRIDGE_LATER


BYLINE_BLOCK = (
    *("By Jane Doe", "5 March 2024", "Share on Facebook", "Share on Twitter", "Email", "Print"),
    *("Comments", "Listen to this article", "Follow us", "Most popular", "1", "2", "3"),
)
STANDFIRST = (
    "Kelso councillors back a forty million pound Tweed bridge after a decade of debate, mayor Ruiz says."
)
PROMO = (
    "Get unlimited digital access to every story, puzzle and podcast for just one pound a week this winter."
)


@pytest.mark.parametrize(("under_headline", "read"), [(STANDFIRST, True), (PROMO, False)])
def test_a_standfirst_above_the_byline_block_is_read_and_a_promotion_is_not(under_headline, read):
    headline = "Council approves new river bridge"
    text = page(headline, "", under_headline, "", *BYLINE_BLOCK, "", *spaced(*BRIDGE, *BRIDGE_LATER))
    lead = (under_headline,) if read else ()
    assert clean(text).paragraphs == (*lead, *BRIDGE, *BRIDGE_LATER)


@pytest.mark.parametrize(
    ("scores", "cost", "runs"),
    [
        ([10, -100, 10], 5, [range(0, 1), range(2, 3)]),  # two runs pay two openings and still win
        ([10, -3, 10], 5, [range(0, 3)]),  # bridging a small dip is cheaper than a second opening
        ([10, -100, 10], 10, []),  # no run is worth its opening
        ([-1, -2], 0, []),
        ([], 5, []),
        ([3, 4, -1, 5, -20, -20, 30], 1, [range(0, 4), range(6, 7)]),
    ],
)
def test_best_runs(scores, cost, runs):
    assert best_runs(scores, cost) == runs


@pytest.mark.parametrize(
    ("scores", "expected"),
    [([1, -5, 3, 4, -1, 2], (2, 5, 8)), ([-1, -2], (0, -1, 0.0)), ([5], (0, 0, 5))],
)
def test_max_run(scores, expected):
    assert max_run(scores) == expected


@pytest.mark.parametrize(
    ("scores", "headline_at", "core"),
    [
        ([60, -100, 70], -1, (0, 0)),  # nearly as strong and above: the article; below, a blurb
        ([60, -100, 70], 0, (2, 2)),  # above the headline: a menu's blurb, not the article
        ([50, -100, 70], -1, (2, 2)),  # well short of the densest run
        ([-2, 60, -100, 70, -100, 65], 0, (1, 1)),  # the first strong run under the headline
        ([70, -100, 60], -1, (0, 0)),  # the densest run is already the first
    ],
)
def test_core_run_prefers_a_strong_run_under_the_headline(scores, headline_at, core):
    assert core_run(scores, max_run(scores), headline_at) == core


def test_a_recipe_under_its_headline_outscored_by_the_site_s_blurb_is_read():
    steps = [
        "Make a dough of the flour, water, salt and egg, and leave it in the fridge for half an hour.",
        "Dice the pumpkin, chop the garlic and the onion finely, and fry them with the walnuts until soft.",
        "Roll the dough out thin, cut rounds with a glass and fill each with a spoonful of the pumpkin.",
        "Boil the pierogi for three minutes, then toss them in butter with sage leaves and serve at once.",
    ]
    blurb = (
        "Our kitchen has tested thousands of dishes from every region of the country, from quick weekday "
        "dinners to festive cakes, so that you can find a dish for every occasion, plan your weekly "
        "shopping with our list, save your favourites and share your own photos with a community of "
        "cooks who love good food as much as we do, and who never stop trying something new every week."
    )
    text = "\n".join(
        ["Pumpkin pierogi - Cook Club", "", "Recipes", "Dinners", "", "Pumpkin pierogi", ""]
        + [x for n, step in enumerate(steps, 1) for x in (f"Step {n}", "", step, "")]
        + [
            "Rate this recipe",
            "Share",
            "Print",
            "Save",
            "Tags: pierogi pumpkin",
            "Comments (0)",
            "",
            blurb,
            "",
        ]
    )
    assert clean(text).paragraphs[: len(steps)] == tuple(steps)


def test_coherence_weighs_the_page_s_rare_words():
    texts = [
        "bridge river council vote",
        "bridge river engineers",
        "football captain qualifiers",
        "river",
        "to be or not to be",
    ]
    vocabulary = Vocabulary(texts, range(0, 1), [True] * len(texts))
    assert 0.4 < vocabulary.coherence([1]) < 0.5  # bridge and river shared, the rarer engineers not
    assert vocabulary.coherence([2]) == 0.0
    assert vocabulary.coherence([4]) == 0.0  # words under four letters carry nothing


def test_a_deck_without_a_full_stop_under_the_headline_is_read():
    deck = "Kelso council backs a forty million pound Tweed bridge after mayor Ruiz wins the vote"
    art = clean(page("Council approves new river bridge", "", deck, "", *spaced(*BRIDGE, *BRIDGE_LATER)))
    assert art.paragraphs == (deck, *BRIDGE, *BRIDGE_LATER)


@pytest.mark.parametrize(
    "pitch",
    [
        "Sign up to get the best content of the week, and great deals, as picked by the editors.",
        "Subscribe now to our digital edition for the full story.",
        "We welcome reader comments on the top stories of the day; please keep them civil and short.",
    ],
)
def test_the_page_s_pitch_inside_the_article_is_not_read(pitch):
    art = clean(page(*spaced(*BRIDGE[:3], pitch, *BRIDGE[3:], *BRIDGE_LATER)))
    assert art.paragraphs == BRIDGE + BRIDGE_LATER


def test_a_sentence_with_pitch_words_on_the_article_s_topic_is_read():
    story = (  # over twenty words each: shorter lines with these words are widgets whatever the topic
        "Kelso readers of the Tweed Gazette fell by a third after it put all of its bridge coverage behind a paywall last spring.",
        "The Gazette said subscribers in Kelso could still sign up for a free newsletter on the Tweed bridge works and the river crossing.",
        "Mayor Ruiz said the Kelso council would pay for a Tweed bridge newsletter so that every household along the river could read it.",
        "Subscribe now for the bridge newsletter, the Kelso council told residents in a letter about the Tweed crossing and the river works.",
    )
    art = clean(page(*spaced(*story, *BRIDGE)))
    assert art.paragraphs == story + BRIDGE


# Short labels between the core and a paragraph: a list of options, too long for a run of prose
# beyond it to be worth opening.
OPTIONS = [x for n in range(12) for x in (f"Option {n}", "Default", "On", "Off")]
ON_TOPIC = (
    "Ruiz said the Kelso council would show the Tweed bridge plans at the library, where residents "
    "can see how the crossing meets the river banks."
)
OFF_TOPIC = (
    "Our newsroom has covered the region for over a century, from harvest fairs to elections, and "
    "our reporters live in the towns they write about every day."
)


@pytest.mark.parametrize(("paragraph", "read"), [(ON_TOPIC, True), (OFF_TOPIC, False)])
def test_a_paragraph_on_its_own_among_lists_is_read_when_on_topic(paragraph, read):
    art = clean(page(*spaced(*BRIDGE), *OPTIONS, "", paragraph, "", *OPTIONS))
    assert art.paragraphs[: len(BRIDGE)] == BRIDGE
    assert (paragraph in art.paragraphs) is read


def test_a_paragraph_on_topic_after_the_comments_is_not_read():
    art = clean(page(*spaced(*BRIDGE), *OPTIONS, "", "3 comments", "", ON_TOPIC, "", "Reply"))
    assert ON_TOPIC not in art.paragraphs


# A song's lyrics under the headline, then the post's footer and the blog's sidebar: a long list of
# other posts, their titles cut off with an ellipsis.
LYRICS = (
    "爱 逝去的爱 讨不回来",
    "Ai shi qu de ai tao bu hui lai",
    "我还有话想对你说",
    "Wo hai you hua xiang dui ni shuo",
    "舍不得说 来不及说",
    "She bu de shuo lai bu ji shuo",
    "离别的话最难说出口",
    "Li bie de hua zui nan shuo chu kou",
    "你会找到新的生活",
    "Ni hui zhao dao xin de sheng huo",
)
SIDEBAR_POSTS = tuple(
    f"{name} - {singer} ({hanzi}..."
    for name, singer, hanzi in (
        ("Yat Joi Man Gau Ging", "Edmond Leung Hon Man", "一再問究竟"),
        ("Ji Oi Yat Goh Yan", "Alex Fong Lik San", "只愛一個人"),
        ("Bu An Pai Li Chu Pai", "Magic Power Mo Huan Li Lian", "不按牌理出牌"),
        ("Ni Zhi Dao Wo Zai Deng Ni Ma", "Zhang Hong Liang", "妳知道我在等你嗎"),
        ("Ho Ho Luen Ngoi", "Alex Fong Lik San & Stephy Tang", "好好戀愛"),
        ("Maan Bo Yan Saang Lo", "Teresa Teng Li Jun", "漫步人生路"),
    )
)


@pytest.mark.parametrize(
    ("line", "sentence"),
    [
        (SIDEBAR_POSTS[0], False),
        ("Ten things to know before you fly this summer…", False),
        # a sentence before the dots, or dots after a full stop, is prose
        ("The river rose all night. By morning the bridge was gone and then...", True),
        ("Gousto has changed my life....", True),
        # one clause trailing off cannot be told from a cut: it counts as cut off
        ("Prices rose by 5 per cent...", False),
    ],
)
def test_a_title_cut_off_with_an_ellipsis_is_no_sentence(line, sentence):
    assert classify([line], "Page")[0].sentence is sentence


def test_lyrics_under_the_headline_are_read_when_the_page_has_no_prose():
    head = [
        "Chinese Lyrics: Zhi Neng Xiang Nian Ni",
        "",
        "Zhi Neng Xiang Nian Ni",
        "",
        "Thursday, July 28, 2011",
        "",
    ]
    foot = ["Posted by K A at 12:11 PM", "Email This BlogThis! Share to Twitter Share to Facebook", ""]
    side = [
        "Blog Archive",
        "",
        *SIDEBAR_POSTS,
        "",
        "Support us",
        "",
        "Your donation keeps the site free. Thank you!",
    ]
    art = clean("\n".join([*head, *LYRICS, *foot, *side]) + "\n")
    assert art.paragraphs[: len(LYRICS)] == LYRICS


def test_the_text_under_the_headline_is_not_added_to_an_article_of_prose():
    # a short standfirst-like block under the headline, then the article: the block is no larger
    # than the article, so the usual choice stands
    text = (
        "\n".join(["Kelso votes for a new bridge", "", "Home", "News", "", *spaced(*BRIDGE), "Contact us"])
        + "\n"
    )
    assert clean(text).paragraphs == BRIDGE


STEPS = (
    "Make a classic dough from the flour, water, salt and egg, then leave it to rest in the fridge for twenty minutes.",
    "Dice the pumpkin finely, chop the garlic and onion, and fry everything in the margarine until it is soft and golden.",
    "Roll the dough out thinly, cut out round pieces with a glass and fill each one with a spoonful of the pumpkin mixture.",
    "Boil the dumplings, melt the butter with the sage leaves in a pan, add the dumplings, stir briefly and serve at once.",
)


def recipe(label, section="Method step by step", first=1):
    steps = [x for n, step in enumerate(STEPS, first) for x in (f"{label} {n}", "", step, "")]
    head = [
        "Pumpkin dumplings - Cook's Corner",
        "",
        "Home",
        "Recipes",
        "",
        "Pumpkin dumplings",
        "",
        "Add to list",
        "",
    ]
    return "\n".join([*head, section, "", *steps, "Newsletter", "Privacy policy"]) + "\n"


@pytest.mark.parametrize("label", ["Step", "Krok", "Schritt", "Étape", "Paso"])
def test_the_first_step_of_a_numbered_series_and_its_section_title_are_read(label):
    # the run of prose starts under "Step 1": the label and the section's title above it are the
    # article's, as "Step 2" … are
    art = clean(recipe(label))
    assert art.paragraphs == STEPS
    assert [h.text for h in art.headings] == [
        "Method step by step",
        f"{label} 1",
        f"{label} 2",
        f"{label} 3",
        f"{label} 4",
    ]


def test_a_label_out_of_the_series_above_the_article_is_not_read():
    # "Step 7" above a series that starts at 2 is no first step, and a long line is no section title
    text = recipe("Step", first=2).replace("Method step by step", "Step 7")
    assert "Step 7" not in [h.text for h in clean(text).headings]
    text = recipe("Step", section="Reader offer: save a third on every cookbook in the shop this week only")
    assert "Reader offer" not in "\n".join(clean(text).body_blocks())
