"""Property-based tests (hypothesis) of cleaning and normalization (issue 9).

Whatever text comes in: no exception but InputError, no digit silently dropped, and no article
with words in it that turns into silence.
"""

from __future__ import annotations

import codecs
import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from narrate.clean import parse_article
from narrate.clean.decode import normalise, to_text
from narrate.errors import InputError
from narrate.output.names import slugify
from narrate.script import build_script
from narrate.speakable import speakable
from narrate.voices import load_voices

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FAKE_VOICES = load_voices(engine="fake")

# Number words eSpeak is handed instead of digits (spelled numbers, ordinals, fractions).
NUMBER_WORD = re.compile(
    r"zero|oh|one|two|three|four|fort|five|fift|six|seven|eight|nine|nint|ten|eleven|twel|thirt|twent|"
    r"hundred|thousand|million|billion|trillion|first|second|third|half|halves|quarter|[0-9]+",
    re.IGNORECASE,
)
SPEAKABLE = re.compile(r"[^\W_]")  # a letter or a digit: something eSpeak will say

# --- strategies ---------------------------------------------------------------------------------------

NUMBERS = st.integers(0, 10**13).map(str) | st.sampled_from(
    ["0", "0.5", "3.14159", ".5", "1,000", "12,345,678", "1/2", "3/4", "10:30", "09:05", "24/7",
     "2024-11-25", "1st", "2nd", "23rd", "'90s", "1980s", "+44", "-5", "5-4", "#1", "COVID-19", "3D", "G7",
     "555-0199", "1e6"]
)  # fmt: skip
BEFORE = st.sampled_from(["", "$", "€", "£", "US$", "No. ", "#", "~", "(", "about ", "Aug. ", "§", "“"])
AFTER = st.sampled_from(
    [
        "",
        "%",
        " km",
        "km",
        " mm",
        "m",
        "bn",
        " billion",
        "s",
        "kg",
        "°C",
        "°",
        ")",
        ",",
        ".",
        " p.m.",
        "-year-old",
        "”",
    ]
)
WORDS = st.sampled_from(
    ["the", "council", "said", "Mr.", "Dr.", "U.S.", "NATO", "Charles III", "St.", "Aug.", "vs.", "e.g.",
     "&", "@", "—", "–", "…", "said.", "he", "“Yes,”", "'no'", "Zürich", "café", "Łódź", "日本", "Москва",
     "🙂", "(", ")", "/"]
)  # fmt: skip
NUMBER_TOKENS = st.tuples(BEFORE, NUMBERS, AFTER).map("".join)
SENTENCES = st.lists(WORDS | NUMBER_TOKENS, min_size=1, max_size=14).map(" ".join)
ANY_TEXT = st.text(
    alphabet=st.one_of(st.characters(), st.sampled_from(list("0123456789 .,$%-/:€£'\"()\n\r\t"))),
    max_size=300,
)
# Western text a Windows-1252 or Latin-1 editor may have saved: accents one at a time, between ASCII.
WESTERN_WORDS = st.sampled_from(
    ["The", "council", "met", "in", "Séoul", "and", "Zürich", "on", "Monday.", "Café", "owners", "said",
     "naïve", "plans", "cost", "€3,000", "a", "year.", "Renée", "Dubois", "façade", "Ærø", "São", "Paulo",
     "“quoted”", "—"]
)  # fmt: skip
WESTERN_TEXT = st.lists(
    st.lists(WESTERN_WORDS, min_size=4, max_size=30).map(" ".join), min_size=2, max_size=6
).map("\n\n".join)


# --- normalization (speakable) ------------------------------------------------------------------------


@SETTINGS
@given(ANY_TEXT)
def test_speakable_never_raises_and_keeps_what_can_be_said(text):
    spoken = speakable(text)
    assert isinstance(spoken, str)
    if SPEAKABLE.search(text) and not SPEAKABLE.search(spoken):
        # only punctuation-like letters may vanish; a digit never does
        assert not re.search(r"[0-9]", text), (text, spoken)


@SETTINGS
@given(st.lists(NUMBER_TOKENS, min_size=1, max_size=4))
def test_no_number_is_silently_dropped(tokens):
    text = "Officials said " + ", and ".join(tokens) + " on Monday."
    spoken = speakable(text)
    # every run of digits is said as at least one number word (or left as digits for eSpeak)
    assert len(NUMBER_WORD.findall(spoken)) >= len(re.findall(r"[0-9]+", text)), (text, spoken)


@SETTINGS
@given(SENTENCES)
@example("Agent 007 reports.")
def test_a_sentence_with_a_digit_is_spoken_with_a_number(sentence):
    spoken = speakable(sentence)
    if re.search(r"[0-9]", sentence):
        assert NUMBER_WORD.search(spoken), (sentence, spoken)
    if SPEAKABLE.search(sentence):
        assert SPEAKABLE.search(spoken), (sentence, spoken)


@pytest.mark.parametrize("text,zeros", [("Agent 007 reports.", 2), ("The code is 0042.", 2)])
def test_leading_zeros_are_said(text, zeros):
    spoken = speakable(text).lower()
    assert len(re.findall(r"\b(?:zero|oh)\b", spoken)) >= zeros, spoken


# --- cleaning -----------------------------------------------------------------------------------------


@SETTINGS
@given(ANY_TEXT)
def test_normalise_is_idempotent_and_leaves_no_invisible_characters(text):
    once = normalise(text)
    assert normalise(once) == once
    assert "\r" not in once and "\ufeff" not in once and "\u200b" not in once
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", once)


@SETTINGS
@given(
    WESTERN_TEXT,
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-be+bom", "cp1252", "latin-1+ascii"]),
)
@example("Café owners in Séoul said\n\nthe plan was naïve", "cp1252")
def test_every_readable_encoding_and_line_end_decodes_to_the_same_text(text, encoding):
    if encoding == "utf-16-be+bom":
        raw = codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    elif encoding == "latin-1+ascii":
        text = (
            text.replace("“", '"')
            .replace("”", '"')
            .replace("—", "-")
            .replace("€", "EUR ")
            .replace("Ærø", "Aero")
        )
        raw = text.encode("latin-1")
    else:
        raw = text.encode(encoding)
    assert to_text(raw) == text
    assert to_text(raw.replace(b"\n", b"\r\n") if "16" not in encoding else raw) == text
    assert to_text(text.replace("\n", "\r\n").encode("utf-8")) == text


@SETTINGS
@given(ANY_TEXT, st.sampled_from(["a.txt", "a.md", "a.html"]))
def test_any_text_is_an_article_or_one_input_error_and_a_script(text, source):
    try:
        article = parse_article(text.encode("utf-8", "surrogatepass"), source=source)
    except InputError as exc:
        assert "\n" not in str(exc) and source in str(exc)
        return
    script = build_script(article, FAKE_VOICES)
    assert [s for c in script.chapters for s in c.segments if s.kind != "title"]


def _article(paragraphs: list[str]) -> str:
    return "A headline for the story\n\n" + "\n\n".join(paragraphs) + "\n"


@SETTINGS
@given(st.lists(SENTENCES, min_size=1, max_size=5))
def test_a_non_empty_article_is_never_silent(paragraphs):
    try:
        article = parse_article(_article(paragraphs).encode("utf-8"), source="story.txt")
    except InputError:
        return
    script = build_script(article, FAKE_VOICES)
    body = [s for c in script.chapters for s in c.segments if s.kind in ("narration", "quote")]
    assert body, article.paragraphs
    assert all(SPEAKABLE.search(s.text) for c in script.chapters for s in c.segments)
    said = " ".join(s.text for s in body)
    for paragraph in article.paragraphs:
        if re.search(r"[0-9]", paragraph):
            assert NUMBER_WORD.search(said), (paragraph, said)


@SETTINGS
@given(
    st.lists(
        st.text(alphabet=st.characters(categories=["L", "M"]), min_size=3, max_size=12),
        min_size=8,
        max_size=40,
    )
)
def test_articles_in_any_script_are_spoken(words):
    """Greek, Cyrillic, CJK or Latin words: if the article is accepted, it is not silent."""
    sentence = " ".join(words) + "."
    try:
        article = parse_article(_article([sentence, sentence]).encode("utf-8"), source="story.txt")
    except InputError:
        return
    script = build_script(article, FAKE_VOICES)
    assert [s for c in script.chapters for s in c.segments if s.kind in ("narration", "quote")]


# --- names --------------------------------------------------------------------------------------------


@SETTINGS
@given(st.text(max_size=400))
@example("../../etc/passwd")
@example("CON")
@example("日本の首相")
def test_any_title_gives_a_safe_slug(title):
    slug = slugify(title)
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug), slug
    assert len(slug) <= 80
    assert slug not in {"con", "prn", "aux", "nul"} and not re.fullmatch(r"(com|lpt)[0-9]", slug)
    assert slugify(title) == slug


CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
CYRILLIC = st.characters(min_codepoint=0x0430, max_codepoint=0x044F)


@SETTINGS
@given(
    st.lists(
        st.text(alphabet=CJK | CYRILLIC | st.just(" "), min_size=1, max_size=20),
        min_size=2,
        max_size=5,
        unique=True,
    )
)
def test_distinct_titles_in_other_scripts_get_distinct_slugs(titles):
    titles = list({t.strip() for t in titles if t.strip()})
    assert len({slugify(t) for t in titles}) == len(titles)
