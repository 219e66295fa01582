"""HTML pages: never lose the article when trafilatura's choice is a part of it or another block.

Each test is one kind of page: the article only in the page's JSON-LD, trafilatura's two modes
reading different blocks, a paragraph split by <br> whose lines read like furniture.
"""

# ruff: noqa: E501  (sample article sentences are kept on one line)

from __future__ import annotations

import json

import pytest

import narrate.clean.html as html_mod
from narrate.clean import parse_article
from narrate.clean.html import _parse
from narrate.clean.jsonld import article_body

FLOOD = [
    "The river rose four metres overnight and flooded the lower town, the fire service said on Wednesday morning.",
    "About two hundred residents spent the night in the sports hall, where volunteers handed out blankets and soup.",
    "The mayor said the new flood wall had held along most of its length but had been overtopped near the old mill.",
    "Engineers will inspect the wall once the water has fallen, which is expected to take at least three days.",
    "Insurers said claims were arriving faster than after the last flood, eleven years ago, when the wall was planned.",
    "Schools in the lower town will stay closed until Monday, and the railway line to the coast remains shut.",
]
STANDFIRST = "Hundreds of residents spent the night away from home after the river burst its banks, and the council has opened an inquiry into why the new flood wall failed near the old mill on the edge of the lower town."


def _ld(*nodes: object) -> str:
    return "".join(f'<script type="application/ld+json">{json.dumps(n)}</script>' for n in nodes)


def _page(head: str, article: str) -> bytes:
    return (
        f"<html><head><title>River floods lower town</title>{head}</head><body>"
        '<header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>'
        f"<main><article><h1>River floods lower town</h1>{article}</article></main>"
        "<footer>Copyright 2024 Valley News</footer></body></html>"
    ).encode()


# --- the article only in the page's JSON-LD ---------------------------------------------------------

TEASER_ONLY = (
    f'<p class="standfirst">{STANDFIRST}</p>'
    '<figure><img src="a.jpg"><figcaption>The lower town on Wednesday morning. Photo: J. Roe</figcaption></figure>'
    '<div id="paywall">Subscribe to continue reading.</div>'
)


def test_article_only_in_json_ld_is_read_from_it():
    body = "\n\n".join(FLOOD * 3)
    head = _ld(
        {
            "@context": "https://schema.org",
            "@graph": [{"@type": "WebPage"}, {"@type": "NewsArticle", "articleBody": body}],
        }
    )
    art = parse_article(_page(head, TEASER_ONLY), source="a.html")
    assert art.paragraphs == tuple(FLOOD * 3)


def test_json_ld_no_longer_than_the_page_leaves_the_page_text():
    # the page's own paragraphs (and its subheading) are read; the declared body only repeats them
    article = (
        "".join(f"<p>{p}</p>" for p in FLOOD[:3])
        + "<h2>Clean-up</h2>"
        + "".join(f"<p>{p}</p>" for p in FLOOD[3:])
    )
    head = _ld({"@type": "NewsArticle", "articleBody": " ".join(FLOOD)})
    art = parse_article(_page(head, article), source="a.html")
    assert art.paragraphs == tuple(FLOOD)
    assert [h.text for h in art.headings] == ["Clean-up"]


def test_a_short_json_ld_body_is_no_article():
    head = _ld({"@type": "NewsArticle", "articleBody": " ".join(FLOOD[:2])})
    art = parse_article(_page(head, TEASER_ONLY), source="a.html")
    assert FLOOD[0] not in art.paragraphs


@pytest.mark.parametrize(
    ("scripts", "expected"),
    [
        # nested in @graph and in a list of objects
        (
            [{"@graph": [{"@type": "WebSite"}, {"@type": "Article", "articleBody": "One.\nTwo."}]}],
            ["One.", "Two."],
        ),
        ([[{"@type": "BlogPosting", "articleBody": "Only one."}]], ["Only one."]),
        # markup and entities left in the body: block tags end a paragraph, other tags go
        (
            [{"articleBody": "<p>First &amp; <b>bold</b>.</p><p>Second&nbsp;one.</p>"}],
            ["First & bold.", "Second one."],
        ),
        # the longest body of several blocks
        (
            [{"articleBody": "Short."}, {"articleBody": "A longer body.\n\nIn two paragraphs."}],
            ["A longer body.", "In two paragraphs."],
        ),
        ([{"@type": "WebPage", "description": "No body here."}], []),
    ],
)
def test_article_body_of_json_ld(scripts, expected):
    head = _ld(*scripts)
    assert article_body(_parse(f"<html><head>{head}</head><body><p>x</p></body></html>")) == expected


def test_article_body_skips_broken_json_and_reads_raw_newlines():
    head = (
        '<script type="application/ld+json">{"articleBody": "cut short</script>'
        '<script type="application/ld+json">{"articleBody": "Line one.\nLine two."}</script>'
    )
    assert article_body(_parse(f"<html><head>{head}</head><body><p>x</p></body></html>")) == [
        "Line one.",
        "Line two.",
    ]


# --- trafilatura's precision and default modes reading different blocks ------------------------------

INGREDIENTS = [
    "2 cups of long grain rice, soaked in water for an hour",
    "1 large chicken of about 1200 g, cleaned and dried",
    "1 tablespoon of ground cinnamon and a pinch of black pepper",
    "4 cups of water or chicken stock, brought to the boil",
]
OTHER_BLOCK = [
    "Our site uses cookies and other technologies so that we and our partners can remember you and understand how you use the site.",
    "Roast the chicken in a preheated oven for forty-five minutes, or until it is cooked through and golden brown all over.",
    "Meanwhile heat the oil in a large saucepan, add the onion and cook it with occasional stirring until it is soft and golden.",
    "Add the rice and stir for two minutes until it is hot, then add the water, cover the pan and simmer over a low heat.",
]
CALENDAR = ["February 2020", "Su", "Mo", "Tu", "We", "Th", "Fr", "Sa", *(str(d) for d in range(1, 30))]


def _modes(precision: list[str], default: list[str]):
    def blocks(doc, precision_mode=True, **kw):
        chosen = precision if kw.get("precision", precision_mode) else default
        return [("p", t, i) for i, t in enumerate(chosen)]

    return blocks


@pytest.mark.parametrize(
    ("precision", "default", "expected"),
    [
        # the default mode read another block (a method and a cookie notice): the precision mode's
        # article (an ingredient list) stays
        (INGREDIENTS, OTHER_BLOCK, INGREDIENTS),
        # the precision mode read a calendar, no prose at all: the default mode's text is read
        (CALENDAR, FLOOD, FLOOD),
        # the precision mode stopped after the first paragraph: the default mode read on
        (FLOOD[:1], FLOOD, FLOOD),
        # the default mode found no more than the precision mode: the precision mode's text stays
        (FLOOD, [*FLOOD, "Share this article"], FLOOD),
    ],
    ids=["other-block", "no-prose", "stopped-early", "no-more"],
)
def test_the_default_mode_takes_over_only_when_it_reads_more_of_the_article(
    monkeypatch, precision, default, expected
):
    monkeypatch.setattr(html_mod, "_trafilatura_blocks", _modes(precision, default))
    monkeypatch.setattr(html_mod, "_text_rules", lambda doc: None)  # only trafilatura's two modes
    page = "<html><body>" + "".join(f"<p>{p}</p>" for p in FLOOD) + "</body></html>"
    assert list(parse_article(page.encode(), source="a.html").paragraphs) == expected


# --- a paragraph broken by <br> whose lines read like furniture -------------------------------------

POLICY = [
    "The club was founded in 1921 by twelve anglers who wanted to keep the river clean below the old mill.",
    "This privacy policy explains how the club collects, uses and protects the information you give it when you join.",
    "Members meet on the first Tuesday of each month in the back room of the library, and guests are always welcome.",
    "If at any time you would like to unsubscribe from receiving future emails, you can email us at",
    "the secretary's address and we will promptly remove you from all correspondence within seven days.",
]


def test_lines_of_a_prose_paragraph_that_read_like_furniture_are_kept():
    article = (
        "<p>"
        + "<br>".join(POLICY)
        + "</p>"
        + f"<p>{FLOOD[0]}</p><p>Never miss the latest news by signing up to our newsletter today!</p><p>{FLOOD[1]}</p>"
    )
    art = parse_article(_page("", article), source="a.html")
    body = "\n".join(art.paragraphs)
    for line in POLICY:
        assert line in body
    # a paragraph of its own that reads like furniture is still furniture
    assert "Never miss the latest news" not in body


@pytest.mark.parametrize(
    ("reasons", "kept"),
    [
        # a flagged line in a paragraph with prose around it is kept
        ({"b": "widget"}, {1}),
        # a "read also" link line is furniture wherever it stands
        ({"b": "link"}, set()),
        # a paragraph all of furniture lines keeps none of them
        ({"a": "widget", "b": "widget", "c": "widget"}, set()),
    ],
)
def test_article_lines_by_paragraph(monkeypatch, reasons, kept):
    prose = "words " * 12
    texts = {"a": "a " + prose, "b": "b " + prose, "c": "c " + prose}
    monkeypatch.setattr(html_mod, "_is_furniture", lambda t, title: False)
    monkeypatch.setattr(html_mod, "furniture_reason", lambda t, title: reasons.get(t[0], ""))
    blocks = [("p", texts["a"], 1), ("p", texts["b"], 1), ("p", texts["c"], 1), ("p", "b alone", 2)]
    assert html_mod._article_lines(blocks) == kept


# --- a deck under the headline ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "read"),
    [
        # a subtitle under the headline, without a full stop: the article's first words
        (
            "Hundreds spent the night in the sports hall as the new flood wall gave way near the old mill",
            True,
        ),
        # the headline said again in other words is read once, as the title
        ("River floods lower town on Wednesday", False),
        # a short label above the text is no deck
        ("Latest news", False),
    ],
)
def test_a_deck_above_the_first_paragraph_is_read(heading, read):
    art = parse_article(
        _page("", f"<h2>{heading}</h2>" + "".join(f"<p>{p}</p>" for p in FLOOD)), source="a.html"
    )
    assert art.title == "River floods lower town"
    assert art.paragraphs == ((heading,) if read else ()) + tuple(FLOOD)


# --- a sentence with a widget's words on the article's own topic ---------------------------------------

TUTORIAL = [
    "The chart library draws every label of a plot with one default font, which is often too small on slides.",
    "Each label can be given its own font size through the theme, from the axis titles to the legend.",
    "A larger size for the axis labels makes the chart readable from the back of a lecture hall.",
    "The legend keys keep their size when the legend text grows, so both are set together.",
    "Titles above the chart follow the same theme setting and can be made bold as well.",
    "Slides shown on a projector need the labels at least twice as large as on paper.",
]
ON_TOPIC = "Increase the font size of the axis titles, the legend and the chart labels for slides."
PITCH = "Never miss the latest news from our newsroom by signing up to our newsletter today!"


def test_a_widget_worded_sentence_is_read_when_it_speaks_of_the_article(monkeypatch):
    flagged = {ON_TOPIC, PITCH}
    monkeypatch.setattr(html_mod, "_is_furniture", lambda t, title: False)
    monkeypatch.setattr(html_mod, "furniture_reason", lambda t, title: "widget" if t in flagged else "")
    texts = [TUTORIAL[0], ON_TOPIC, *TUTORIAL[1:4], PITCH, *TUTORIAL[4:]]
    blocks = [("p", t, i) for i, t in enumerate(texts)]  # each a paragraph of its own
    assert html_mod._article_lines(blocks) == {texts.index(ON_TOPIC)}
    paragraphs, _, _ = html_mod._body(blocks, "Font sizes of a plot", None)
    assert paragraphs == [t for t in texts if t != PITCH]
