"""HTML pages: markup-driven extraction and metadata."""

# ruff: noqa: E501  (sample article sentences are kept on one line)

import pathlib
import subprocess
import sys

import pytest

from narrate.clean import load_article, parse_article
from narrate.clean.html import _strip_site

FIX = pathlib.Path(__file__).parent / "fixtures" / "clean"
P = "The city council voted on Tuesday to build a new bridge across the river, ending a debate that has lasted a decade. "


@pytest.fixture(scope="module")
def article():
    return load_article(str(FIX / "article.html"))


def test_html_metadata(article):
    assert article.title == "Council approves new river bridge"
    assert article.byline == "Jane Doe and John Roe"
    assert article.date == "2024-03-05"
    assert article.language == "en"


def test_html_body_only(article):
    assert len(article.paragraphs) == 4
    assert article.paragraphs[0].startswith("The city council voted")
    body = "\n".join(article.paragraphs)
    for junk in (
        "Scripts are never read",
        "Iframes are never read",
        "color: red",
        "Photo:",
        "Related articles",
        "Bridge plans unveiled",
        "Copyright",
        "Privacy policy",
        "Search",
        "Home",
    ):
        assert junk not in body
    assert [(h.before_paragraph, h.text) for h in article.headings] == [(2, "Costs and funding")]


@pytest.mark.parametrize(
    "title,site,expected",
    [
        ("Council approves bridge | The Gazette", "The Gazette", "Council approves bridge"),
        ("Council approves bridge - The Gazette", None, "Council approves bridge"),
        ("The Gazette: Council approves bridge", "The Gazette", "The Gazette: Council approves bridge"),
        ("Council approves bridge", None, "Council approves bridge"),
    ],
)
def test_strip_site(title, site, expected):
    assert _strip_site(title, site) == expected


def test_title_prefers_h1_inside_page_title():
    html = f"<html><head><title>Bridge approved - The Gazette</title></head><body><h1>Bridge approved</h1><p>{P * 3}</p><p>{P * 2}</p></body></html>"
    assert parse_article(html.encode(), source="a.html").title == "Bridge approved"


def test_lang_attribute():
    html = f'<html lang="pt-BR"><body><article><h1>Ponte aprovada</h1><p>{P * 3}</p><p>{P * 2}</p></article></body></html>'
    assert parse_article(html.encode(), source="a.html").language == "pt"


def test_html_sniffed_without_suffix():
    html = f"<html><body><article><h1>Bridge</h1><p>{P * 3}</p><p>{P * 2}</p></article></body></html>"
    art = parse_article(html.encode(), source="page")
    assert "<p>" not in art.paragraphs[0]
    assert art.paragraphs[0].startswith("The city council")


def test_html_fallback_to_visible_text_rules():
    # a page trafilatura may not recognise: text in bare divs
    html = "<html><body>" + "".join(f"<div>{P}{i}</div>" for i in range(5)) + "</body></html>"
    art = parse_article(html.encode(), source="p.html")
    assert art.paragraphs
    assert all("<div>" not in p for p in art.paragraphs)


def test_html_only_scripts_is_an_input_error():
    from narrate.errors import InputError

    with pytest.raises(InputError, match="no article text"):
        parse_article(b"<html><script>alert(1)</script><style>p{}</style></html>", source="s.html")


def test_text_parsing_does_not_import_trafilatura():
    code = (
        "import sys, narrate.clean as c; "
        "assert 'trafilatura' not in sys.modules and 'lxml' not in sys.modules and 'charset_normalizer' not in sys.modules; "
        "c.load_article('seeds/000_c7231357d1905d75.txt'); "
        "assert 'trafilatura' not in sys.modules and 'lxml' not in sys.modules, sorted(m for m in sys.modules if 'traf' in m)"
    )
    root = pathlib.Path(__file__).resolve().parent.parent
    r = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_xhtml_with_xml_declaration():
    xhtml = (
        '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en"><head>'
        f"<title>Bridge</title></head><body><article><h1>Bridge</h1><p>{P * 3}</p><p>{P * 2}</p></article></body></html>"
    )
    art = parse_article(xhtml.encode(), source="a.xhtml")
    assert art.paragraphs[0].startswith("The city council")


def _page(head: str) -> bytes:
    body = f"<p>{P}</p><p>{P}</p>"
    return f"<html><head><title>Bridge vote</title>{head}</head><body><h1>Bridge vote</h1>{body}</body></html>".encode()


@pytest.mark.parametrize(
    ("head", "site", "url"),
    [
        ('<meta property="og:site_name" content="Valley News">', "Valley News", None),
        (
            '<link rel="canonical" href="https://valley.example/2024/bridge">',
            None,
            "https://valley.example/2024/bridge",
        ),
        (
            '<meta property="og:url" content="https://valley.example/b?id=4">',
            None,
            "https://valley.example/b?id=4",
        ),
        # The canonical link wins over og:url; a relative or non-web address is no identity.
        (
            '<link rel="canonical" href="https://a.example/x"><meta property="og:url" content="https://b.example/y">',
            None,
            "https://a.example/x",
        ),
        ('<link rel="canonical" href="/2024/bridge">', None, None),
        ('<link rel="canonical" href="javascript:void(0)">', None, None),
        ("", None, None),
    ],
)
def test_site_name_and_canonical_address(head, site, url):
    article = parse_article(_page(head), source="page.html")
    assert (article.site, article.url) == (site, url)
