"""Decoding and normalisation: table-driven."""

# ruff: noqa: E501  (sample article sentences are kept on one line)

import codecs

import pytest

from narrate.clean import guess_format, parse_article
from narrate.clean.decode import normalise, to_text

TEXT = "Séoul — “quoted” naïve café, 10 €.\nSecond line."


@pytest.mark.parametrize(
    "raw",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        TEXT.encode("utf-16-le"),
        TEXT.encode("utf-16-be"),
        TEXT.encode("utf-32"),
        codecs.BOM_UTF32_BE + TEXT.encode("utf-32-be"),
        TEXT.encode("cp1252"),
    ],
    ids=[
        "utf8",
        "utf8-bom",
        "utf16-bom",
        "utf16be-bom",
        "utf16le",
        "utf16be",
        "utf32",
        "utf32be-bom",
        "cp1252",
    ],
)
def test_decodings(raw):
    assert to_text(raw) == TEXT


def test_latin1():
    assert to_text("Séoul café".encode("latin-1")) == "Séoul café"


def test_meta_charset_is_respected():
    html = '<html><head><meta charset="windows-1251"></head><body><p>Привет</p></body></html>'
    assert "Привет" in to_text(html.encode("cp1251"), html=True)
    html2 = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head><body>café ’</body></html>'
    assert "café ’" in to_text(html2.encode("cp1252"), html=True)


@pytest.mark.parametrize(
    "raw,clean",
    [
        ("a\r\nb", "a\nb"),
        ("a\rb", "a\nb"),
        ("a\u00a0b", "a b"),
        ("a\u202fb", "a b"),
        ("a\u200bb\u200d\ufeff", "ab"),
        ("soft\u00adhyphen", "softhyphen"),
        ("tab\there", "tab here"),
        ("a\u2028b", "a\nb"),
    ],
)
def test_normalise(raw, clean):
    assert normalise(raw) == clean


@pytest.mark.parametrize(
    "source,raw,fmt",
    [
        ("a.txt", b"<html><body><p>x</p></body></html>", "txt"),
        ("a.text", b"x", "txt"),
        ("a.HTML", b"x", "html"),
        ("a.htm", b"x", "html"),
        ("a.xhtml", b"x", "html"),
        ("a.md", b"x", "md"),
        ("a.markdown", b"x", "md"),
        ("-", b"<!DOCTYPE html><html>", "html"),
        ("page", b"  <p>Hello</p>", "html"),
        ("page", b"<body>Hello", "html"),
        ("notes", b"# Title\n\nText.", "md"),
        ("notes", b"Just text.", "txt"),
    ],
)
def test_guess_format(source, raw, fmt):
    assert guess_format(raw, source) == fmt


def test_crlf_article_parses_like_lf():
    body = "Headline here\n\nThe council voted on Tuesday to build a new bridge across the river, ending a long debate.\n"
    a = parse_article(body.encode(), source="a.txt")
    b = parse_article(body.replace("\n", "\r\n").encode(), source="a.txt")
    assert a == b
