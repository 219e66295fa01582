"""Quote spans partition their paragraph; the seed article and the dev corpus score in full."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from narrate.quotes import find_quotes

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_c7231357d1905d75.txt"
CORPUS = ROOT.parent / "shared" / "corpus" / "quotes-dev.jsonl"

_MARKS = "“”„«»‘’'\"\u00a0 ,.:?!-"
_text = st.text(
    alphabet=st.one_of(st.sampled_from(_MARKS), st.sampled_from("abc XYZ sh said he"), st.characters()),
    max_size=120,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_text, max_size=4))
def test_spans_partition_every_paragraph(paragraphs: list[str]) -> None:
    result = find_quotes(paragraphs)
    assert len(result) == len(paragraphs)
    for paragraph, spans in zip(paragraphs, result, strict=True):
        assert "".join(s.text for s in spans) == paragraph
        assert all(s.text for s in spans)
        assert all(s.speaker is None and s.gender is None for s in spans if not s.is_quote)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "“We are ready,”",
                " he said",
                ", “but not yet.”",
                " called it a “trap”",
                " Kim Yong-su",
                ". ",
                "‘fine’",
                "'80s",
                " don't",
                "«Oui»",
                ", a dit Paul",
            ]
        ),
        max_size=8,
    )
)
def test_quote_spans_open_with_a_mark(pieces: list[str]) -> None:
    paragraph = "".join(pieces)
    for span in find_quotes([paragraph])[0]:
        if span.is_quote:
            assert span.text[0] in "“„«‘'\""


def _seed_body() -> list[str]:
    lines = SEED.read_text(encoding="utf-8").splitlines()[16:61]
    return [line for line in lines if line.strip()]


def test_seed_article_quotes() -> None:
    paragraphs = _seed_body()
    quotes = [s for spans in find_quotes(paragraphs) for s in spans if s.is_quote]
    assert [q.speaker for q in quotes] == ["Hong Wan-suk", "Hong Wan-suk", "Hong Min", "Hong Min"]
    assert quotes[0].text.startswith("“Zelensky’s surprise entry")
    assert quotes[1].text.endswith("United States.”")
    assert quotes[3].text.endswith("this time.”")
    voiced = " ".join(q.text for q in quotes)
    for scare in ("end-of-war scenario", "land grabbing", "cannon fodder"):
        assert scare not in voiced


def _judge_rules():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("quotes_score", ROOT / "bench" / "quotes_score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is absent")
def test_dev_corpus_scores_in_full() -> None:
    cases = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    totals = _judge_rules().score(cases)
    assert totals["found"] == totals["direct"] == totals["speaker"]
    assert totals["false_voiced"] == 0
