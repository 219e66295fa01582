"""The text toolkit: one sentence splitter with offsets, and the word lists every stage shares."""

from __future__ import annotations

import re

import pytest

from narrate.text import (
    MONTH_NUMBERS,
    MONTHS,
    NAME_PARTICLES,
    NUMBER,
    TITLES,
    ends_like_sentence,
    sentence_end,
    sentence_start,
    sentences,
    split_sentences,
    stem,
)

# Texts whose periods after titles, months, initials, suffixes and "a.m." do not end a sentence.
SPLITS = [
    ("Lt. Gen. Kim arrived. Troops cheered.", ["Lt. Gen. Kim arrived.", "Troops cheered."]),
    (
        "Talks resume on Feb. 3 in Geneva. Both sides agreed.",
        ["Talks resume on Feb. 3 in Geneva.", "Both sides agreed."],
    ),
    ("Harry S. Truman decided. The war ended.", ["Harry S. Truman decided.", "The war ended."]),
    ("They met at 7 a.m. Monday. Nothing came of it.", ["They met at 7 a.m. Monday.", "Nothing came of it."]),
    ("Acme Widgets Inc. Ltd. grew. Rivals shrank.", ["Acme Widgets Inc. Ltd. grew.", "Rivals shrank."]),
    ("Troops left the U.K. The crowd watched.", ["Troops left the U.K.", "The crowd watched."]),
    (
        "Supt. Ward and Det. Cole arrived. Det. Cole spoke.",
        ["Supt. Ward and Det. Cole arrived.", "Det. Cole spoke."],
    ),
    ("Why now? Nobody said!", ["Why now?", "Nobody said!"]),
    ("One sentence without an end", ["One sentence without an end"]),
]


@pytest.mark.parametrize(("text", "expected"), SPLITS)
def test_split(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


@pytest.mark.parametrize(
    "text", [text for text, _ in SPLITS] + ["  Two  spaces.   Then   three.\n\nA paragraph."]
)
def test_offsets_point_at_each_sentence(text: str) -> None:
    found = sentences(text)
    assert [s.text for s in found] == split_sentences(text)
    for sentence in found:
        assert text[sentence.start : sentence.end].split() == sentence.text.split()
    assert [s.start for s in found] == sorted(s.start for s in found)
    assert text[: found[0].start].strip() == "" and text[found[-1].end :].strip() == ""


@pytest.mark.parametrize("text", ["", "  ", "\n\n"])
def test_blank_text_has_no_sentences(text: str) -> None:
    assert sentences(text) == [] and split_sentences(text) == []


def test_sentence_start_and_end_hold_the_position() -> None:
    text = "Mr. Kim arrived. He said “we will win” and left. Gen. Lee stayed."
    quote = text.index("we will")
    start, end = sentence_start(text, quote), sentence_end(text, quote, len(text))
    assert text[start:end] == "He said “we will win” and left."
    assert sentence_start(text, quote, floor=quote - 3) == quote - 3
    assert sentence_end(text, quote, limit=quote + 4) == quote + 4
    assert text[sentence_start(text, 1) : sentence_end(text, 1, len(text))] == "Mr. Kim arrived."


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("The minister resigned.", True),
        ("Here is what we know:", True),
        ("“Enough,” she said.”", True),
        ("It ended. (Reuters)", True),
        ("回答。", True),
        ("Share this article", False),
        ("Read more", False),
        ("Prices in 2024", False),
    ],
)
def test_a_line_ends_like_a_sentence(line: str, expected: bool) -> None:
    assert ends_like_sentence(line) is expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("sanctions", "sanction"),
        ("Ministers", "minist"),
        ("Korea’s", "korea"),
        ("negotiations", "negoti"),
        ("bus", "bus"),  # too short to lose a suffix
        ("rulings", "ruling"),  # "-ings" would leave a stem too short: only "-s" goes
    ],
)
def test_stem(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_month_tables_agree() -> None:
    assert MONTHS["sept"] == MONTHS["sep"] == "September"
    assert MONTH_NUMBERS["sept"] == MONTH_NUMBERS["september"] == 9
    assert all(MONTH_NUMBERS[abbr] == MONTH_NUMBERS[name.lower()] for abbr, name in MONTHS.items())
    assert len(set(MONTH_NUMBERS.values())) == 12


def test_word_lists_are_written_as_their_users_look_them_up() -> None:
    assert all(title[:1].isupper() and "." not in title for title in TITLES)
    assert all(particle.islower() for particle in NAME_PARTICLES)


@pytest.mark.parametrize(
    ("written", "number"),
    [("1,234.5 tons", "1,234.5"), ("12 men", "12"), ("3.25%", "3.25"), ("12,34", "12")],
)
def test_number_pattern(written: str, number: str) -> None:
    match = re.match(NUMBER, written)
    assert match is not None and match[0] == number
