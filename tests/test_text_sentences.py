"""narrate.text.split_sentences on the cases that trip naive splitters."""

from __future__ import annotations

import pytest

from narrate.text import split_sentences

CASES = [
    (
        "Following U.S. President-elect Donald Trump spoke. He left.",
        ["Following U.S. President-elect Donald Trump spoke.", "He left."],
    ),
    ("Lt. Gen. Kim arrived. Troops cheered.", ["Lt. Gen. Kim arrived.", "Troops cheered."]),
    (
        "Brig. Gen. Lee met Maj. Gen. Park in St. Louis. They talked.",
        ["Brig. Gen. Lee met Maj. Gen. Park in St. Louis.", "They talked."],
    ),
    ("The attack came on Aug. 12 at dawn. It failed.", ["The attack came on Aug. 12 at dawn.", "It failed."]),
    (
        "The meeting, held Sept. 3, ended. Gen. Lee spoke.",
        ["The meeting, held Sept. 3, ended.", "Gen. Lee spoke."],
    ),
    ("It was the No. 1 pick. He accepted.", ["It was the No. 1 pick.", "He accepted."]),
    ("Russia is the No. 2 exporter. China is third.", ["Russia is the No. 2 exporter.", "China is third."]),
    ("John F. Kennedy was shot. Nobody knew why.", ["John F. Kennedy was shot.", "Nobody knew why."]),
    ("J. R. R. Tolkien wrote it. Readers loved it.", ["J. R. R. Tolkien wrote it.", "Readers loved it."]),
    (
        "Prices rose 12.5 percent. Wages rose 3.2 percent.",
        ["Prices rose 12.5 percent.", "Wages rose 3.2 percent."],
    ),
    (
        "The rate was 3.5 percent vs. 2.1 percent. Analysts, e.g. at Nomura, agreed.",
        ["The rate was 3.5 percent vs. 2.1 percent.", "Analysts, e.g. at Nomura, agreed."],
    ),
    ('"Stop it," he said. She left.', ['"Stop it," he said.', "She left."]),
    ("He said “We will win.” Then he left.", ["He said “We will win.”", "Then he left."]),
    ("Is it over? Yes! It is.", ["Is it over?", "Yes!", "It is."]),
    (
        "He met Dr. Smith at 9 p.m. Sunday. Then Mr. Park left.",
        ["He met Dr. Smith at 9 p.m. Sunday.", "Then Mr. Park left."],
    ),
    ("Mr. Park left at 10 p.m. He slept.", ["Mr. Park left at 10 p.m.", "He slept."]),
    ("It was in the U.S. But no one knew.", ["It was in the U.S.", "But no one knew."]),
    ("The U.S. Army left. The U.N. stayed.", ["The U.S. Army left.", "The U.N. stayed."]),
    (
        "Samsung Electronics Co. Ltd. reported profits. Shares rose.",
        ["Samsung Electronics Co. Ltd. reported profits.", "Shares rose."],
    ),
    (
        "Martin Luther King Jr. spoke. The crowd cheered.",
        ["Martin Luther King Jr. spoke.", "The crowd cheered."],
    ),
    (
        "Ms. Park and Mrs. Kim spoke. Prof. Lee did not.",
        ["Ms. Park and Mrs. Kim spoke.", "Prof. Lee did not."],
    ),
    ("He was born in 1990. In 2000 he moved.", ["He was born in 1990.", "In 2000 he moved."]),
    ("The vote was 6-3. The court adjourned.", ["The vote was 6-3.", "The court adjourned."]),
    ("Sen. Graham and Rep. Kim met. Dr. Lee joined.", ["Sen. Graham and Rep. Kim met.", "Dr. Lee joined."]),
    ("No period here", ["No period here"]),
]


@pytest.mark.parametrize(("text", "sentences"), CASES)
def test_split(text: str, sentences: list[str]) -> None:
    assert split_sentences(text) == sentences


@pytest.mark.parametrize("text", [text for text, _ in CASES])
def test_pieces_keep_the_words(text: str) -> None:
    assert " ".join(split_sentences(text)).split() == text.split()


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_blank_text_has_no_sentences(text: str) -> None:
    assert split_sentences(text) == []
