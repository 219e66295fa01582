"""Extraction floors on ../shared/corpus/extraction-dev (skipped when the corpus is absent)."""

import os
import pathlib
import sys

import pytest

_DEFAULT_SHARED = pathlib.Path(__file__).resolve().parents[2] / "shared"  # ../shared beside the project
SHARED = pathlib.Path(os.environ.get("NARRATE_SHARED", _DEFAULT_SHARED))
CORPUS = SHARED / "corpus" / "extraction-dev"
JUDGES = SHARED / "judges"
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
