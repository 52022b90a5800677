"""Fact-checked topic pages: callouts, self-check and cited references, alike in both languages."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup, Tag

from tests.source_checks import uncited_footnotes
from tests.support import TOPICS, read_html

CHECKED_PAGES = [f"{topic}/" for topic in TOPICS]


def _both(site: Path, slug: str) -> dict[str, BeautifulSoup]:
    return {"ko": read_html(site, slug), "en": read_html(site, "en/" + slug)}


def _article(soup: BeautifulSoup) -> Tag:
    article = soup.select_one("article.md-content__inner")
    assert article is not None, "no article in the page"
    return article


def _footnote_items(soup: BeautifulSoup) -> list[Tag]:
    return _article(soup).select("div.footnote > ol > li")


@pytest.mark.parametrize("slug", CHECKED_PAGES)
def test_callouts_and_questions_match_across_languages(site: Path, slug: str) -> None:
    pages = _both(site, slug)
    callouts = {
        lang: len(_article(s).select(".admonition.misconception")) for lang, s in pages.items()
    }
    questions = {lang: len(_article(s).select("details.question")) for lang, s in pages.items()}
    assert callouts["ko"] == callouts["en"] >= 1, f"{slug}: misconception callouts {callouts}"
    assert questions["ko"] == questions["en"], f"{slug}: self-check questions {questions}"
    # One or two per mechanism a page teaches; more would no longer fit a phone-length page.
    assert 2 <= questions["ko"] <= 6, f"{slug}: want 2-6 self-check questions, got {questions}"


@pytest.mark.parametrize("slug", CHECKED_PAGES)
def test_page_ends_with_self_check_then_references(site: Path, slug: str) -> None:
    for lang, soup in _both(site, slug).items():
        ids = [h2.get("id") for h2 in _article(soup).find_all("h2")]
        assert ids[-2:] == ["self-check", "references"], f"{lang} {slug}: last sections {ids[-2:]}"
        # Every self-check question sits in the self-check section.
        for details in _article(soup).select("details.question"):
            section = details.find_previous("h2")
            assert section is not None and section.get("id") == "self-check", (
                f"{lang} {slug}: a question outside #self-check"
            )


@pytest.mark.parametrize("slug", CHECKED_PAGES)
def test_footnotes_are_full_citations_under_references(site: Path, slug: str) -> None:
    names: dict[str, list[str]] = {}
    for lang, soup in _both(site, slug).items():
        footnotes = _article(soup).select_one("div.footnote")
        assert footnotes is not None, f"{lang} {slug}: no footnotes"
        heading = footnotes.find_previous("h2")
        assert heading is not None and heading.get("id") == "references", (
            f"{lang} {slug}: footnotes render outside #references"
        )
        hosts: set[str] = set()
        for item in _footnote_items(soup):
            links = [
                a["href"]
                for a in item.find_all("a", href=True)
                if "footnote-backref" not in (a.get("class") or [])
            ]
            assert any(str(href).startswith("https://") for href in links), (
                f"{lang} {slug}: footnote {item.get('id')} has no https link"
            )
            hosts.update(urlparse(str(href)).netloc for href in links)
        # Every footnote is cited in the text (a back-link alone proves nothing: Markdown
        # adds one even to a footnote that nothing cites).
        uncited = uncited_footnotes(_article(soup))
        assert not uncited, f"{lang} {slug}: footnotes cited nowhere in the text: {uncited}"
        assert len(hosts) >= 2, f"{lang} {slug}: sources from only {hosts}"
        names[lang] = sorted(str(item.get("id")) for item in _footnote_items(soup))
    assert names["ko"] == names["en"], f"{slug}: footnote names differ between languages"
