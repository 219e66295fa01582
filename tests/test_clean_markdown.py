"""Markdown articles."""

# ruff: noqa: E501  (sample article sentences are kept on one line)

import pathlib

import pytest

from narrate.clean import load_article, parse_article
from narrate.clean.markdown import inline

FIX = pathlib.Path(__file__).parent / "fixtures" / "clean"


def test_markdown_fixture():
    art = load_article(str(FIX / "article.md"))
    assert art.title == "Council approves new river bridge"
    assert art.byline == "Jane Doe"
    assert art.paragraphs == (
        "The city council voted on Tuesday to build a new bridge across the river, ending a debate that has lasted for more than a decade.",
        "The bridge will carry cyclists and pedestrians as well as buses, and it is expected to open in three years.",
        "The project is estimated to cost forty million pounds, most of it from a regional fund.",
    )
    assert [(h.before_paragraph, h.text) for h in art.headings] == [(2, "Costs and funding")]


@pytest.mark.parametrize(
    "md,plain",
    [
        ("**bold** and __strong__", "bold and strong"),
        ("*em* and _em_", "em and em"),
        ("a [link](https://x.org/a_(b)) here", "a link here"),
        ("a [ref link][1] here", "a ref link here"),
        ("see ![a chart](c.png) below", "see below"),
        ("a picture ![x](y.png).", "a picture."),
        ("`code` stays", "code stays"),
        ("snake_case_name stays", "snake_case_name stays"),
        ("2 * 3 * 4", "2 * 3 * 4"),
        ("~~gone~~ kept", "gone kept"),
        ("<https://example.com>", "https://example.com"),
        ("a<br/>b", "ab"),
        ("escaped \\*star\\*", "escaped *star*"),
        ("note[^1] here", "note here"),
    ],
)
def test_inline(md, plain):
    assert inline(md) == plain


def test_setext_headings_front_matter_and_code():
    md = "---\ntitle: From front matter\nauthor: Ana Lima\ndate: 2024-01-02\n---\n\nIntro paragraph that is long enough to be a sentence.\n\nSection\n-------\n\nBody text here.\n\n```\ncode is skipped\n```\n\n> A quoted line.\n"
    art = parse_article(md.encode(), source="a.md")
    assert art.title == "From front matter"
    assert art.byline == "Ana Lima"
    assert art.date == "2024-01-02"
    assert art.paragraphs == (
        "Intro paragraph that is long enough to be a sentence.",
        "Body text here.",
        "A quoted line.",
    )
    assert [(h.before_paragraph, h.text) for h in art.headings] == [(1, "Section")]


def test_markdown_lists():
    art = parse_article(
        b"# T\n\nThe list follows here today:\n\n- one item\n- two items\n1. three items\n", source="a.md"
    )
    assert art.paragraphs == ("The list follows here today:", "one item", "two items", "three items")
