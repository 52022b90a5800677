"""The home page as the way into the course: a card per topic page, in nav order, with
a thumbnail of the topic's figure (cloudnotes.diagrams.thumbnail), light on a phone."""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from cloudnotes.diagrams import DiagramLibrary
from cloudnotes.diagrams.thumbnail import render_thumbnail
from cloudnotes.errors import AuthorError

from tests.support import REPO, gzip_size, read_html

HOME = {"ko": "", "en": "en/"}
# One TCP round trip's worth of HTML (~14 kB): the page can paint from its first packets.
MAX_HOME_GZIP = 14_000


def resolve(page: str, href: str) -> str:
    target = posixpath.normpath(posixpath.join("/" + page, href.split("#")[0]))
    return target.lstrip("/") + "/" if target != "/" else ""


def article(site: Path, rel: str) -> Tag:
    found = read_html(site, rel).select_one("article.md-content__inner")
    assert found is not None, rel
    return found


def topic_pages(site: Path, locale: str) -> list[str]:
    """The nav's topic pages in nav order: those with a '#self-check' section."""
    home = HOME[locale]
    paths: list[str] = []
    for link in read_html(site, home).select("nav.md-nav--primary a.md-nav__link[href]"):
        path = resolve(home, str(link["href"]))
        if path not in paths and path != home:
            paths.append(path)
    return [p for p in paths if article(site, p).select_one("#self-check")]


@pytest.mark.parametrize("locale", ["ko", "en"])
def test_home_page_has_a_card_per_topic_page_in_nav_order(site: Path, locale: str) -> None:
    home = HOME[locale]
    topics = topic_pages(site, locale)
    assert len(topics) >= 4, topics
    cards = article(site, home).select(".grid.cards > ol > li, .grid.cards > ul > li")
    linked = [resolve(home, str(card.select("a[href]")[0]["href"])) for card in cards]
    assert linked == topics, f"/{home}: cards link {linked}, the nav's topic pages are {topics}"
    for card, path in zip(cards, topics, strict=True):
        link = card.select("a[href]")[0]
        assert link.get_text(strip=True), f"/{home}: the card for /{path} has an empty link"
        thumbnail = card.select_one("svg.cn-thumb")
        if article(site, path).select_one("figure.dg") is not None:
            assert thumbnail is not None, f"/{home}: the card for /{path} has no thumbnail"
        if thumbnail is not None:
            assert thumbnail.get("aria-hidden") == "true", "the link names the card"
            assert not thumbnail.select("text, title"), "a thumbnail has no text of its own"
            assert thumbnail.select("g.dg-box rect"), "a thumbnail draws the figure's boxes"


def test_both_home_pages_have_the_same_cards_and_sections(site: Path) -> None:
    shapes = {}
    for locale, home in HOME.items():
        root = article(site, home)
        shapes[locale] = (
            [str(h["id"]) for h in root.select("h1, h2, h3") if h.get("id")],
            [
                resolve(home, str(c.select("a[href]")[0]["href"])).removeprefix("en/")
                for c in root.select(".grid.cards li")
            ],
            [c.select_one("svg.cn-thumb") is not None for c in root.select(".grid.cards li")],
        )
    assert shapes["ko"] == shapes["en"]
    assert "for-instructors" in shapes["ko"][0]


@pytest.mark.parametrize("locale", ["ko", "en"])
def test_home_page_points_instructors_to_the_linking_page(site: Path, locale: str) -> None:
    home = HOME[locale]
    section = article(site, home).select_one("#for-instructors")
    assert section is not None
    following = []
    for sibling in section.find_next_siblings():
        if sibling.name in ("h1", "h2"):
            break
        following += [resolve(home, str(a["href"])) for a in sibling.select("a[href]")]
    assert f"{home}linking/" in following and f"{home}print/" in following, following


def test_korean_home_page_stays_within_one_round_trip(site: Path) -> None:
    size = gzip_size((site / "index.html").read_bytes())
    assert size <= MAX_HOME_GZIP, f"/ is {size} bytes gzip-compressed (budget {MAX_HOME_GZIP})"


@pytest.mark.browser
def test_tapping_a_card_anywhere_opens_its_page(base_url: str, browser: Any) -> None:
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True
    )
    try:
        page = context.new_page()
        page.goto(base_url, wait_until="load")
        thumbnail = page.locator(".grid.cards li").nth(1).locator("svg.cn-thumb")
        thumbnail.scroll_into_view_if_needed()
        box = thumbnail.bounding_box()
        assert box is not None
        # Where a thumb lands, not where the link's text is (the link covers the card).
        page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.wait_for_url("**/hypervisors/")
    finally:
        context.close()


# ---------------------------------------------------------------- thumbnails


def test_thumbnail_draws_every_box_and_no_text() -> None:
    library = DiagramLibrary(REPO / "diagrams", display_root=REPO)
    figure = library.figure("vms-vs-containers")
    boxes = sum(len(layer) for stack in figure.stacks for layer in stack.layers)
    svg = BeautifulSoup(render_thumbnail(figure, locale="ko"), "lxml").svg
    assert svg is not None and svg["aria-hidden"] == "true"
    assert len(svg.select("g.dg-box > rect")) == boxes
    assert not svg.select("text")
    second = BeautifulSoup(render_thumbnail(figure, locale="en", stack=2), "lxml").svg
    assert second is not None
    assert len(second.select("rect")) == sum(len(layer) for layer in figure.stacks[1].layers)
    with pytest.raises(AuthorError, match="not a stack 3"):
        render_thumbnail(figure, locale="ko", stack=3)
