"""Golden test: the seed article (a select-all copy of a Korea JoongAng Daily page)."""

import json
import pathlib

from narrate.clean import load_article, parse_article

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_c7231357d1905d75.txt"
EXPECTED = json.loads(
    (ROOT / "tests" / "fixtures" / "clean" / "seed_000_expected.json").read_text(encoding="utf-8")
)

FURNITURE = [
    "Home > National",
    "print dictionary",
    "Audio report",
    "read by AI",
    "SCREEN CAPTURE",
    "Related Article",
    "email",
    "protected",
    "Log in to Twitter",
    "JoongAng Daily",
    "help-image",
    "Social comment",
    "lock icon",
    "To write comments",
    "Standards Board",
    "250",
]


def test_seed_title_byline_and_body():
    art = load_article(str(SEED))
    assert art.source == str(SEED)
    assert (
        art.title == "Ahead of Trump 2.0, parties involved in Ukraine vie for favorable negotiation positions"
    )
    assert art.byline == "Park Hyun-ju and Lim Jeong-won"
    assert art.date is None
    assert len(art.paragraphs) == 21


def test_seed_paragraphs_are_lines_17_to_61():
    lines = SEED.read_text(encoding="utf-8").splitlines()
    body = [ln.strip() for ln in lines[16:61] if ln.strip() and ln.strip() != "Related Article"]
    art = load_article(str(SEED))
    assert list(art.paragraphs) == body


def test_seed_matches_golden_file():
    art = load_article(str(SEED))
    assert art.title == EXPECTED["title"]
    assert art.byline == EXPECTED["byline"]
    assert list(art.paragraphs) == EXPECTED["paragraphs"]


def test_seed_title_spoken_once_and_no_furniture():
    art = load_article(str(SEED))
    body = "\n".join(art.paragraphs)
    assert art.title not in body
    for junk in FURNITURE:
        assert junk.lower() not in body.lower(), junk


def test_seed_in_other_encodings_and_line_ends():
    text = SEED.read_text(encoding="utf-8")
    base = load_article(str(SEED))
    for raw in (
        text.encode("utf-16"),
        text.replace("\n", "\r\n").encode("utf-8"),
        text.replace("\n", "\r").encode("utf-8"),
        b"\xef\xbb\xbf" + text.encode("utf-8"),
        text.encode("utf-16-le"),
        text.encode("utf-32"),
    ):
        art = parse_article(raw, source="seed.txt")
        assert art.paragraphs == base.paragraphs
        assert art.byline == base.byline
