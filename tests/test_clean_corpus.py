"""Extraction floors on ../shared/corpus/extraction-dev (skipped when the corpus is absent)."""

import pathlib
import sys

import pytest

CORPUS = pathlib.Path("/work/shared/corpus/extraction-dev")
JUDGES = pathlib.Path("/work/shared/judges")
FLOORS = {"txt": 0.92, "html": 0.96}

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(
        not (CORPUS / "gold.json").exists() or not (JUDGES / "shingle_f1.py").exists(),
        reason="no shared corpus",
    ),
]


@pytest.mark.parametrize("fmt", sorted(FLOORS))
def test_extraction_floor(fmt):
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "bench"))
    import extraction_score

    _, score = extraction_score._score_fn(JUDGES.parent)
    gold, pred, _ = extraction_score.predict(CORPUS, fmt)
    m = score(gold, pred)
    assert m["f1"] >= FLOORS[fmt], m
