"""Cleaning on inputs people really have: stray bytes, deep pages, a broken install, addresses."""

# ruff: noqa: E501  (sample article sentences are kept on one line)

from __future__ import annotations

import logging
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from narrate.clean import parse_article
from narrate.clean.decode import to_text
from narrate.clean.html import _continues_as_prose
from narrate.errors import InputError

PARAGRAPHS = [
    "“We will not wait any longer,” the mayor said on Tuesday, standing outside the city’s flooded library.",
    "The council’s budget, approved in March, set aside €2.4 million for repairs that have not yet begun.",
    "Residents said the delay had cost them months: “Our children study in cafés now,” one mother said.",
    "Engineers from the regional authority are expected to inspect the building’s foundations next week.",
    "The mayor’s office said the work would start “as soon as the water is gone,” without giving a date.",
    "Opposition members called for an inquiry into why the money was not spent when it was approved.",
]
ARTICLE = "Library repairs delayed\n\n" + "\n\n".join(PARAGRAPHS)


# --- decoding: UTF-8 with a few bad bytes ---------------------------------------------------------


@pytest.mark.parametrize(
    "raw,expected,warns",
    [
        (ARTICLE.encode(), ARTICLE, False),
        # one stray byte after a curly quote: UTF-8 with that byte replaced, not Mac Roman
        (
            ARTICLE.encode().replace(b"said on", b"said\xff on", 1),
            ARTICLE.replace("said on", "said\ufffd on", 1),
            True,
        ),
        # a UTF-8 sequence cut short (a truncated download)
        (ARTICLE.encode() + b"\xe2\x80", ARTICLE + "\ufffd", True),
        # legacy single-byte text stays what it is
        ("Séoul café, naïve “quotes”".encode("cp1252"), "Séoul café, naïve “quotes”", False),
        ("Séoul café".encode("latin-1"), "Séoul café", False),
    ],
    ids=["utf8", "stray-byte", "cut-sequence", "cp1252", "latin1"],
)
def test_mostly_utf8_decodes_as_utf8(raw, expected, warns, caplog):
    with caplog.at_level(logging.WARNING, logger="narrate"):
        assert to_text(raw, name="a.txt") == expected
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == (1 if warns else 0)
    if warns:
        assert "a.txt" in warnings[0] and "invalid byte" in warnings[0]


def test_stray_bytes_warning_counts_the_bytes(caplog):
    raw = (
        ARTICLE.encode()
        .replace(b"council", b"coun\x80\x80cil", 1)
        .replace(b"foundations", b"found\xfeations", 1)
    )
    with caplog.at_level(logging.WARNING, logger="narrate"):
        parse_article(raw, source="article.txt")
    (message,) = [r.getMessage() for r in caplog.records]
    assert "3 invalid bytes" in message


def test_a_text_in_a_legacy_charset_with_many_high_bytes_is_not_read_as_utf8():
    text = "Él dijo: «sí, señor», y añadió que el niño comió piña y jamón en el año pasado. " * 20
    assert to_text(text.encode("cp1252")) == text


_INVALID = st.sampled_from([bytes([b]) for b in range(0x80, 0x100)])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    hits=st.lists(
        st.tuples(st.integers(0, len(PARAGRAPHS) - 1), st.floats(0, 1), _INVALID), min_size=1, max_size=4
    )
)
def test_stray_bytes_never_change_the_other_paragraphs(hits):
    """Random invalid bytes inserted into some paragraphs leave every other paragraph as it was."""
    touched = {p for p, _, _ in hits}
    inserts: dict[int, list[tuple[int, bytes]]] = {}
    for p, where, byte in hits:
        inserts.setdefault(p, []).append((int(where * len(PARAGRAPHS[p])), byte))
    encoded = []
    for i, para in enumerate(PARAGRAPHS):
        out = b""
        for at in range(len(para) + 1):  # bytes go in at character boundaries only
            out += b"".join(byte for cut, byte in inserts.get(i, []) if cut == at)
            out += para[at : at + 1].encode()
        encoded.append(out)
    raw = b"Library repairs delayed\n\n" + b"\n\n".join(encoded)
    got = parse_article(raw, source="stray.txt").paragraphs
    for i, p in enumerate(PARAGRAPHS):
        if i not in touched:
            assert p in got, p


# --- deep HTML -------------------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [300, 1000, 5000])
def test_deeply_nested_html_is_read(depth):
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    html = f"<html><head><title>Flooded library</title></head><body>{'<div>' * depth}{body}{'</div>' * depth}</body></html>"
    art = parse_article(html.encode(), source="deep.html")
    assert art.title == "Flooded library"
    # every paragraph but perhaps the first (taken as a headline by the text-copy rules) is read
    assert len(art.paragraphs) >= len(PARAGRAPHS) - 1
    assert PARAGRAPHS[-1] in art.paragraphs


# --- a missing HTML dependency ---------------------------------------------------------------------


@pytest.mark.parametrize("module", ["trafilatura", "lxml.html"])
def test_missing_html_dependency_is_a_clear_error(module, monkeypatch):
    html = "<html><body>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</body></html>"
    monkeypatch.setitem(sys.modules, module, None)  # import now raises ImportError
    with pytest.raises(InputError, match=r"page\.html: cannot read HTML pages: .*reinstall"):
        parse_article(html.encode(), source="page.html")


def test_missing_html_dependency_does_not_touch_text_copies(monkeypatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    assert parse_article(ARTICLE.encode(), source="a.txt").paragraphs


# --- e-mail addresses ------------------------------------------------------------------------------

LETTER = "Readers can write to letters@example.org with their views on the plan before Friday."


@pytest.mark.parametrize(
    "text,kept",
    [
        (ARTICLE + "\n\n" + LETTER, LETTER),
        ("\n\n".join([*PARAGRAPHS[:2], LETTER, *PARAGRAPHS[2:]]), LETTER),
        (
            "Flooded library\n\n"
            + LETTER
            + " The council meets on Monday to decide on the repairs, the mayor said.",
            None,
        ),
    ],
    ids=["last", "middle", "one-paragraph"],
)
def test_a_paragraph_with_an_address_is_read(text, kept):
    art = parse_article(text.encode(), source="a.txt")
    assert any("letters@example.org" in p for p in art.paragraphs)
    if kept:
        assert kept in art.paragraphs


@pytest.mark.parametrize(
    "line",
    [
        "Email: desk@example.org",
        "jane.doe@example.org",
        "Follow @jane | jane@example.org",
        "Contact: desk@example.org | 555-0100",
    ],
)
def test_an_address_with_a_label_is_furniture(line):
    art = parse_article((ARTICLE + "\n\n" + line).encode(), source="a.txt")
    assert all("@example.org" not in p for p in art.paragraphs)


def test_html_paragraph_with_an_address_is_read():
    html = (
        "<html><body><article>"
        + "".join(f"<p>{p}</p>" for p in [*PARAGRAPHS[:3], LETTER, *PARAGRAPHS[3:]])
        + "</article></body></html>"
    )
    art = parse_article(html.encode(), source="a.html")
    assert LETTER in art.paragraphs


# --- HTML: when the text-copy rules may add to trafilatura's result --------------------------------

LONG = [p + " " + p for p in PARAGRAPHS]


@pytest.mark.parametrize(
    "visible,found,taken",
    [
        (LONG, LONG[:2], True),  # trafilatura stopped after two paragraphs; the rest is prose
        (
            LONG[:3] + ["Great story!", "I disagree with the mayor.", "Reply", "Who pays for this?"] * 3,
            LONG[:3],
            False,
        ),
        (
            LONG[:3]
            + ["Flood maps show new risk", "City opens a second library", "Council to vote on tax"] * 3,
            LONG[:3],
            False,
        ),
        (LONG[:3], LONG[:3], False),  # nothing more to add
    ],
    ids=["stopped-early", "comments-after", "teasers-after", "same"],
)
def test_text_rules_add_only_prose(visible, found, taken):
    assert _continues_as_prose(visible, found) is taken


def test_headline_repeated_below_the_top_is_read():
    title = "Library repairs to start in spring"
    html = (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
        + f"<p>{title}</p><p>{PARAGRAPHS[0]} Again.</p></article></body></html>"
    )
    art = parse_article(html.encode(), source="a.html")
    assert art.title == title
    assert art.paragraphs.count(title) == 1
    assert art.paragraphs[0] != title


# --- text copies: an inline box in mid-article ----------------------------------------------------

PROSE = [
    f"Paragraph {n}: inspectors said the {w} wing of the library had taken in water for three days, and that the repairs would take most of the coming year."
    for n, w in enumerate(["north", "south", "east", "west", "upper", "lower", "old", "new"])
]


@pytest.mark.parametrize(
    "box",
    [
        [
            "Most Read",
            "Storm closes schools across the county",
            "Jane Roe",
            "Council votes on new parking rules",
            "John Doe",
        ],
        ["Recommended", "Five things to know about the flood", "Why the river rose so fast"],
        ["You may also like", "Library reopens after fire", "New mayor sworn in"],
    ],
    ids=["most-read", "recommended", "you-may-also-like"],
)
def test_inline_box_does_not_end_the_article(box):
    text = "\n\n".join(["Library repairs delayed", *PROSE[:4], *box, *PROSE[4:]])
    art = parse_article(text.encode(), source="a.txt")
    assert art.paragraphs == tuple(PROSE)


@pytest.mark.parametrize(
    "end",
    [
        [
            "Comments",
            "Great story! I have said for years the library needs work and nobody listens to us at all.",
            "Reply",
        ],
        ["More stories", "Storm closes schools across the county", "Council votes on new parking rules"],
    ],
    ids=["comments", "teasers"],
)
def test_the_part_after_the_article_stays_out(end):
    text = "\n\n".join(["Library repairs delayed", *PROSE, *end])
    art = parse_article(text.encode(), source="a.txt")
    assert art.paragraphs == tuple(PROSE)


# --- bylines: the names, without dates, times, handles or widgets ---------------------------------

NEXT = "The council voted on Monday to approve the budget for the city's schools and parks."


@pytest.mark.parametrize(
    "line,next_line,names",
    [
        ("By Jane Smith March 3 at 4:05 PM Follow @janesmith", NEXT, "Jane Smith"),
        ("Jane Smith - Mar 3, 2020 4:05 pm UTC", NEXT, "Jane Smith"),
        ("By Jane Smith, 3 March 2020 10:00", NEXT, "Jane Smith"),
        ("By Jane Smith and Omar Haddad Updated 2020-03-03", NEXT, "Jane Smith and Omar Haddad"),
        ("Jane Smith", "March 3, 2020", "Jane Smith"),  # a name alone, the date on the next line
        ("Jane Smith", NEXT, None),  # a name alone before prose may be anything
        ("Promoted Links by Taboola", NEXT, None),
        ("by Outbrain", NEXT, None),
        ("By", "Terms of Use", None),
    ],
)
def test_byline_grammar(line, next_line, names):
    from narrate.clean.byline import byline_of

    assert byline_of(line, next_line) == names


def test_byline_of_a_related_story_below_the_article_is_not_taken():
    text = "\n\n".join(
        ["Library repairs delayed", *PROSE, "More stories", "Storm closes schools", "By John Roe"]
    )
    assert parse_article(text.encode(), source="a.txt").byline is None


def test_a_table_cell_reading_comment_does_not_cut_the_article():
    table = ["Item", "Cost", "Comment", "Roof", "€1.2 million", "urgent"]
    text = "\n\n".join(["Library repairs delayed", *PROSE[:3], "\n".join(table), *PROSE[3:]])
    art = parse_article(text.encode(), source="a.txt")
    assert all(p in art.paragraphs for p in PROSE)


# --- the page's pitch at the article's end ---------------------------------------------------------


@pytest.mark.parametrize(
    "pitch",
    [
        "Subscribe now to our digital edition for the full story and more news every morning.",
        "Missing out on the latest news? Enter your email below to receive our weekly newsletter.",
        "We welcome reader comments on the top stories of the day. Please keep them civil.",
        "Copyright 2024 The Daily Example. This article may not be republished without permission.",
        "Jane Roe is a senior writer for the Daily Example, covering cities and public works.",
        "Please understand that comments are moderated and it is not always possible to publish all of them.",
        "Tagged: library, flood, city council, repairs, public works, budget, schools, parks, district news, weather",
    ],
)
@pytest.mark.parametrize("fmt", ["txt", "html"])
def test_the_pages_pitch_after_the_article_is_left_out(pitch, fmt):
    if fmt == "txt":
        raw = "\n\n".join(["Library repairs delayed", *PROSE, pitch]).encode()
    else:
        raw = (
            "<html><body><article><h1>Library repairs delayed</h1>"
            + "".join(f"<p>{p}</p>" for p in [*PROSE, pitch])
            + "</article></body></html>"
        ).encode()
    art = parse_article(raw, source=f"a.{fmt}")
    assert art.paragraphs == tuple(PROSE)


def test_an_article_about_advertising_keeps_its_last_paragraph():
    last = "Advertising on the screens, the company said, pays for most of the free service its members use every day."
    text = "\n\n".join(["Library repairs delayed", *PROSE, last])
    assert parse_article(text.encode(), source="a.txt").paragraphs[-1] == last


# --- text copies: a long stream of teasers after the article ---------------------------------------

TEASERS = [
    f"Singer {name} shows off her new look as she steps out in the city with friends after a night at the awards, and fans say it is her best yet."
    for name in [
        "Ann",
        "Bea",
        "Cara",
        "Dee",
        "Eve",
        "Fay",
        "Gia",
        "Hope",
        "Ida",
        "Jo",
        "Kim",
        "Liv",
        "Mia",
        "Nia",
        "Ora",
        "Pia",
    ]
]


@pytest.mark.parametrize("spaced", [True, False])
def test_a_packed_run_of_teasers_counts_for_less_on_a_page_of_spaced_paragraphs(spaced):
    from narrate.clean.text import _packed_lines, _split_lines, classify, line_scores

    sep = "\n\n" if spaced else "\n"
    text = sep.join(["Library repairs delayed", *PROSE[:5]]) + "\n\nDon't miss\n" + "\n".join(TEASERS)
    info = classify(_split_lines(text), "Library repairs delayed")
    packed = _packed_lines(info)
    teaser_lines = [i for i, ln in enumerate(info) if ln.text in TEASERS]
    assert all(packed[i] for i in teaser_lines) is spaced
    assert not any(packed[i] for i, ln in enumerate(info) if ln.text in PROSE)
    scores = line_scores(info)
    prose_score = max(scores[i] for i, ln in enumerate(info) if ln.text in PROSE)
    teaser_score = max(scores[i] for i in teaser_lines)
    assert (teaser_score < prose_score) is spaced


def test_when_the_precision_mode_stops_after_one_paragraph_the_default_mode_takes_over(monkeypatch):
    import narrate.clean.html as html_mod

    def blocks(doc, precision=True):
        return [("p", p, i) for i, p in enumerate(PROSE[:1] if precision else PROSE)]

    monkeypatch.setattr(html_mod, "_trafilatura_blocks", blocks)
    monkeypatch.setattr(html_mod, "_text_rules", lambda doc: None)  # only trafilatura's two modes
    page = "<html><body>" + "".join(f"<p>{p}</p>" for p in PROSE) + "</body></html>"
    assert parse_article(page.encode(), source="a.html").paragraphs == tuple(PROSE)
