"""Episode identity: one GUID per article, unchanged by corrections; a revision per text."""

from __future__ import annotations

from dataclasses import replace

from narrate.assemble import episode_guid, revision
from narrate.model import Article, Part, Script, ScriptChapter

ARTICLE = Article(
    source="saved/harbor.txt",
    title="Harbor town votes to rebuild its seawall",
    paragraphs=("The council voted on Tuesday.", "Work starts in May."),
)


def _script(article: Article) -> Script:
    return Script(article.title, (ScriptChapter(article.title, ()),), articles=(article,))


def _briefing(name: str, *articles: Article) -> Script:
    parts = tuple(Part(a.title, i, i + 1) for i, a in enumerate(articles))
    return Script(name, (), parts=parts, articles=articles)


def test_a_corrected_paragraph_keeps_the_guid_and_changes_the_revision() -> None:
    edited = replace(ARTICLE, paragraphs=("The council voted on Wednesday.", "Work starts in May."))
    assert episode_guid(_script(edited)) == episode_guid(_script(ARTICLE))
    assert revision(_script(edited)) != revision(_script(ARTICLE))


def test_the_file_may_move_to_another_folder() -> None:
    moved = replace(ARTICLE, source="/home/ana/archive/harbor.txt")
    assert episode_guid(_script(moved)) == episode_guid(_script(ARTICLE))


def test_another_title_or_file_is_another_article() -> None:
    guid = episode_guid(_script(ARTICLE))
    assert episode_guid(_script(replace(ARTICLE, title="Harbor town rejects the seawall"))) != guid
    assert episode_guid(_script(replace(ARTICLE, source="saved/harbor-2.txt"))) != guid


def test_a_canonical_url_names_the_article_whatever_its_title_and_file() -> None:
    url = "https://news.example/2025/03/harbor-seawall"
    first = replace(ARTICLE, url=url)
    retitled = replace(ARTICLE, url=url, title="Harbor town votes for the seawall", source="b.html")
    assert episode_guid(_script(first)) == episode_guid(_script(retitled))
    assert episode_guid(_script(first)) != episode_guid(_script(ARTICLE))


def test_a_briefing_is_its_name_and_its_articles() -> None:
    other = replace(ARTICLE, source="saved/school.txt", title="School garden feeds families")
    guid = episode_guid(_briefing("Morning", ARTICLE, other))
    edited = replace(ARTICLE, paragraphs=("Corrected.",))
    assert episode_guid(_briefing("Morning", edited, other)) == guid
    assert episode_guid(_briefing("Evening", ARTICLE, other)) != guid
    assert episode_guid(_briefing("Morning", ARTICLE)) != guid
    assert episode_guid(_briefing("Morning", ARTICLE)) != episode_guid(_script(ARTICLE))
