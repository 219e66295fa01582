"""Long spans are cut into pieces no engine call exceeds, at the marks a reader pauses at."""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from narrate.model import Article, Heading
from narrate.script import PAUSE_BETWEEN_PARAGRAPHS_MS, build_briefing, build_script, transcript_sentences
from narrate.script.pieces import (
    MAX_ENGINE_CHARS,
    PAUSE_AT_CLAUSE_CUT_MS,
    PAUSE_AT_SENTENCE_CUT_MS,
    PAUSE_AT_WORD_CUT_MS,
    split_long,
    spoken_pieces,
)
from narrate.speakable import speakable

WORDS = ("the", "council", "said", "that", "work", "on", "harbor", "wall", "would", "start", "soon", "mayor")


def _words(n: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) for _ in range(n))


# (case, text, limit, the pauses after each piece but the last)
CUTS = [
    ("fits: never cut", "One sentence. Another one, with a clause.", 100, []),
    ("sentences first", "First sentence here. Second sentence here. Third one.", 25,
     [PAUSE_AT_SENTENCE_CUT_MS, PAUSE_AT_SENTENCE_CUT_MS]),
    ("a closing quote stays with its sentence", "He said “it is done.” Then he left the hall.", 25,
     [PAUSE_AT_SENTENCE_CUT_MS]),
    ("clauses inside a long sentence", "alpha beta gamma, delta epsilon zeta; eta theta iota", 22,
     [PAUSE_AT_CLAUSE_CUT_MS, PAUSE_AT_CLAUSE_CUT_MS]),
    ("a spaced dash is a clause mark", "alpha beta gamma — delta epsilon zeta", 20, [PAUSE_AT_CLAUSE_CUT_MS]),
    ("words when there is no mark", "alpha beta gamma delta epsilon zeta", 12,
     [PAUSE_AT_WORD_CUT_MS, PAUSE_AT_WORD_CUT_MS]),
    ("one word longer than the limit", "x" * 25, 10, [PAUSE_AT_WORD_CUT_MS, PAUSE_AT_WORD_CUT_MS]),
]  # fmt: skip


@pytest.mark.parametrize("text,limit,pauses", [c[1:] for c in CUTS], ids=[c[0] for c in CUTS])
def test_cuts_fall_where_a_reader_pauses(text, limit, pauses):
    pieces = split_long(text, limit)
    assert [pause for _, pause in pieces] == [*pauses, None]
    assert all(len(piece) <= limit for piece, _ in pieces)
    assert "".join(piece for piece, _ in pieces).replace(" ", "") == text.replace(" ", "")


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab ,.;—\u00a0\n"), max_size=400), st.integers(4, 80))
def test_every_piece_fits_and_no_character_is_lost(text, limit):
    text = " ".join(text.split())
    pieces = split_long(text, limit)
    assert all(len(piece) <= limit for piece, _ in pieces)
    assert "".join(piece for piece, _ in pieces).replace(" ", "") == text.replace(" ", "")


def test_text_that_speaks_longer_than_it_reads_is_cut_finer():
    shown = " ".join(["1234567"] * 200)  # each number is spelled out in many words
    pieces = spoken_pieces(shown, speakable)
    assert len(shown) <= MAX_ENGINE_CHARS < len(speakable(shown))
    assert len(pieces) > 1 and all(len(p.text) <= MAX_ENGINE_CHARS for p in pieces)
    assert " ".join(p.display for p in pieces) == shown


def test_a_long_unpunctuated_paragraph_becomes_bounded_segments_with_every_word():
    body = _words(6000)
    article = Article(source="t.txt", title="Harbor notes", paragraphs=("A short opening paragraph.", body))
    script = build_script(article)
    segments = [s for chapter in script.chapters for s in chapter.segments]
    assert all(len(s.text) <= MAX_ENGINE_CHARS for s in segments)
    pieces = [s for s in segments if s.display in body]
    assert len(pieces) > 10
    assert " ".join(s.display for s in pieces) == body
    assert {s.pause_after_ms for s in pieces[:-1]} == {PAUSE_AT_WORD_CUT_MS}
    assert pieces[-1].pause_after_ms >= PAUSE_BETWEEN_PARAGRAPHS_MS


def test_a_long_quote_keeps_its_speaker_in_every_piece():
    quote = "“" + ", ".join(_words(12, seed) for seed in range(400)) + ",” said Mayor Ana Ruiz."
    article = Article(source="t.txt", title="Harbor notes", paragraphs=("The council met on Tuesday.", quote))
    segments = [s for chapter in build_script(article).chapters for s in chapter.segments]
    quoted = [s for s in segments if s.kind == "quote"]
    assert len(quoted) > 1 and {s.speaker for s in quoted} == {"Ana Ruiz"}
    assert {s.pause_after_ms for s in quoted[:-1]} == {PAUSE_AT_CLAUSE_CUT_MS}
    assert all(len(s.text) <= MAX_ENGINE_CHARS and "“" not in s.text and "”" not in s.text for s in quoted)


def test_ordinary_paragraphs_are_not_cut():
    paragraph = " ".join(f"Sentence number {n} tells the council something new." for n in range(30))
    assert len(paragraph) < MAX_ENGINE_CHARS
    article = Article(source="t.txt", title="Harbor notes", paragraphs=(paragraph,))
    segments = [s for chapter in build_script(article).chapters for s in chapter.segments]
    body = [s for s in segments if s.kind == "narration"]
    assert [s.display for s in body] == [paragraph]


@pytest.mark.parametrize("display", ["One piece of a sentence without its end", "Ends here."])
def test_a_piece_without_an_inner_sentence_end_is_one_cue(display):
    assert transcript_sentences(display) == (display,)


def test_sentences_are_still_cues():
    assert transcript_sentences("First one. Second one! Third?") == ("First one.", "Second one!", "Third?")
    assert re.fullmatch(r"\S.*", transcript_sentences("Dr. Ruiz spoke. Then she left.")[0])


def test_a_title_or_heading_as_long_as_a_scraped_block_is_cut_too():
    block = _words(3000)
    article = Article(source="t.md", title=block, paragraphs=("The council met on Tuesday.",),
                      headings=(Heading(0, block),))  # fmt: skip
    script = build_script(article)
    segments = [s for chapter in script.chapters for s in chapter.segments]
    assert all(len(s.text) <= MAX_ENGINE_CHARS for s in segments)
    titles = [s for s in segments if s.kind == "title"]
    assert len(titles) > 1 and " ".join(s.display for s in titles) == block
    briefing = build_briefing("Morning", [script, script])
    assert all(len(s.text) <= MAX_ENGINE_CHARS for chapter in briefing.chapters for s in chapter.segments)
