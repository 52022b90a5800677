"""The built site: every page in both languages, with the right language, ids and links."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urljoin, urlparse

import pytest
from bs4 import BeautifulSoup
from cloudnotes.locales import LOCALES

from tests.source_checks import heading_id_problems, page_source
from tests.support import PREFIX, TOPICS, page_pairs, read_html

AUTO_SLUG = re.compile(r"^_\d+$")
# Theme strings Material renders from its own translation tables, by language.
THEME_STRINGS = {
    "ko": {"search_placeholder": "검색", "top": "맨위로"},
    "en": {"search_placeholder": "Search", "top": "Back to top"},
}
EXPECTED_SLUGS = {"", "glossary/", *(f"{topic}/" for topic in TOPICS)}


def test_every_topic_of_the_notes_has_its_page(site: Path) -> None:
    slugs = {pair.slug for pair in page_pairs(site)}
    assert slugs >= EXPECTED_SLUGS, f"missing pages: {sorted(EXPECTED_SLUGS - slugs)}"


def test_every_page_exists_in_both_languages(site: Path) -> None:
    english = {
        html.parent.relative_to(site / "en").as_posix()
        for html in (site / "en").rglob("index.html")
        if "md-content" in html.read_text(encoding="utf-8")
    }
    korean = {pair.slug.rstrip("/") or "." for pair in page_pairs(site)}
    assert korean == english


@pytest.mark.parametrize("locale", ["ko", "en"])
def test_lang_attribute_and_theme_strings(site: Path, locale: str) -> None:
    strings = THEME_STRINGS[locale]
    for pair in page_pairs(site):
        soup = read_html(site, pair.path(locale))
        where = pair.path(locale) or "(home)"
        assert soup.html is not None and soup.html.get("lang") == locale, where
        search = soup.select_one("input.md-search__input")
        assert search is not None and search.get("placeholder") == strings["search_placeholder"], (
            where
        )
        top = soup.select_one("button.md-top")
        assert top is not None and strings["top"] in top.get_text(), where


def test_nav_titles_are_translated(site: Path) -> None:
    ko = [
        a.get_text(" ", strip=True)
        for a in read_html(site, "").select("nav.md-nav--primary a.md-nav__link")
    ]
    en = [
        a.get_text(" ", strip=True)
        for a in read_html(site, "en/").select("nav.md-nav--primary a.md-nav__link")
    ]
    assert "하이퍼바이저" in ko and "Hypervisors" in en
    assert not any(re.search(r"[가-힣]", title) for title in en), en


def _heading_ids(site: Path, rel: str) -> list[str]:
    article = read_html(site, rel).select_one("article.md-content__inner")
    assert article is not None, rel
    return [str(h["id"]) for h in article.select("h1, h2, h3, h4, h5, h6") if h.get("id")]


def test_heading_ids_are_explicit_and_identical_across_languages(site: Path) -> None:
    for pair in page_pairs(site):
        ko, en = _heading_ids(site, pair.ko), _heading_ids(site, pair.en)
        assert ko == en, f"/{pair.slug}: Korean ids {ko} != English ids {en}"
        auto = [i for i in ko + en if AUTO_SLUG.match(i)]
        assert not auto, f"/{pair.slug}: auto-generated ids {auto}; give the heading {{ #id }}"
        assert len(ko) == len(set(ko)), f"/{pair.slug}: duplicate ids {ko}"


def test_every_heading_has_an_id(site: Path) -> None:
    # The toc extension gives every heading an id, so the HTML alone proves nothing: each
    # rendered id must be an explicit `{ #id }` of the page's Markdown source.
    problems: list[str] = []
    for pair in page_pairs(site):
        for locale in ("ko", "en"):
            article = read_html(site, pair.path(locale)).select_one("article.md-content__inner")
            assert article is not None, pair.path(locale)
            problems += heading_id_problems(page_source(pair.path(locale), locale), article)
    assert not problems, "\n".join(problems)


def _resolve(page_rel: str, href: str) -> str:
    """A link's target as a site path, e.g. 'en/hypervisors/'."""
    base = f"http://127.0.0.1{PREFIX}{page_rel}"
    path = unquote(urlparse(urljoin(base, href)).path)
    assert path.startswith(PREFIX), f"{href} leaves the site"
    return path[len(PREFIX) :]


def test_language_selector_links_to_the_same_page(site: Path) -> None:
    for pair in page_pairs(site):
        for locale, other in (("ko", "en"), ("en", "ko")):
            soup = read_html(site, pair.path(locale))
            links = soup.select(f'.md-header a[hreflang="{other}"]')
            assert links, f"{pair.path(locale) or '(home)'}: no language link to {other}"
            for link in links:
                target = _resolve(pair.path(locale), str(link["href"]))
                assert target == pair.path(other), (
                    f"{pair.path(locale) or '(home)'}: {other} link goes to /{target}, "
                    f"expected /{pair.path(other)}"
                )


def test_every_page_links_to_its_source_and_a_prefilled_issue(site: Path) -> None:
    for pair in page_pairs(site):
        for locale in ("ko", "en"):
            soup = read_html(site, pair.path(locale))
            box = soup.select_one("aside.cn-answer-back")
            assert box is not None, pair.path(locale)
            edit, report = box.select("a")
            source = f"{pair.slug.rstrip('/') or 'index'}.{locale}.md"
            assert str(edit["href"]).endswith("/docs/" + source), edit["href"]
            href = urlparse(str(report["href"]))
            assert href.path.endswith("/issues/new"), href
            body = parse_qs(href.query)["body"][0]
            canonical = soup.select_one('link[rel="canonical"]')
            assert canonical is not None
            assert f"{canonical['href']}\n" in body, f"{pair.path(locale)}: issue body {body!r}"
            if locale == "ko":
                assert re.search(r"[가-힣]", edit.get_text()), "Korean page, English link text"
            else:
                assert not re.search(r"[가-힣]", edit.get_text() + report.get_text())


def test_no_third_party_fonts_or_scripts(site: Path) -> None:
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        for host in ("fonts.googleapis.com", "fonts.gstatic.com", "cdn.jsdelivr.net", "unpkg.com"):
            assert host not in text, f"{html.relative_to(site)} refers to {host}"


def test_english_pages_have_no_korean_interface_text(site: Path) -> None:
    """Tooltips, labels and titles on English pages are English (a Korean *name* of the
    Korean version, marked lang="ko" or hreflang="ko", and Korean terms quoted in the
    article body are fine)."""
    leaks: list[str] = []
    for pair in page_pairs(site):
        soup = read_html(site, pair.en)
        for element in soup.select("[title], [aria-label]"):
            if element.find_parent(attrs={"lang": "ko"}) or element.get("lang") == "ko":
                continue
            if element.get("hreflang") == "ko" or element.find_parent("abbr"):
                continue
            for attribute in ("title", "aria-label"):
                value = str(element.get(attribute, ""))
                if re.search(r"[가-힣]", value) and element.name != "abbr":
                    leaks.append(f"/{pair.en}: <{element.name} {attribute}={value!r}>")
        for selector in ("header", "nav.md-nav--primary > label", ".md-footer", ".md-search"):
            for element in soup.select(selector):
                for text in element.find_all(string=re.compile(r"[가-힣]")):
                    if not text.find_parent(attrs={"lang": "ko"}) and not text.find_parent(
                        attrs={"hreflang": "ko"}
                    ):
                        leaks.append(f"/{pair.en}: {selector} text {text.strip()!r}")
    assert not leaks, "\n".join(sorted(set(leaks)))


def test_only_stylesheets_compete_with_the_first_paint(site: Path) -> None:
    """Material's bundle is fetched at low priority and still runs last, after __config;
    the print page goes without it (tests/test_print_page.py)."""
    for pair in page_pairs(site):
        for locale in ("ko", "en"):
            soup = read_html(site, pair.path(locale))
            scripts = soup.find_all("script", src=True)
            bundle_src = re.compile(r"/bundle\.[0-9a-f]+\.min\.js$")
            bundles = [s for s in scripts if bundle_src.search(str(s["src"]))]
            if pair.slug == "print/":
                assert not bundles, pair.path(locale)
                continue
            assert len(bundles) == 1, pair.path(locale)
            (bundle,) = bundles
            assert bundle.get("fetchpriority") == "low", pair.path(locale)
            assert not bundle.has_attr("async") and not bundle.has_attr("defer")
            assert bundle.find_previous("script", id="__config") is not None
            assert bundle.find_parent("head") is None, "the bundle belongs at the end of <body>"


def test_no_head_script_waits_for_a_stylesheet(site: Path) -> None:
    """A script below a stylesheet runs, and the parser goes on, only once the stylesheet has
    arrived: every published page (the 404 page too) runs its head scripts first."""
    late = []
    pages = sorted(site.rglob("*.html"))
    assert site / "404.html" in pages and site / "en" / "print" / "index.html" in pages
    for html in pages:
        head = BeautifulSoup(html.read_text(encoding="utf-8"), "lxml").head
        for script in head.find_all("script") if head else []:
            if script.find_previous("link", rel="stylesheet") is not None:
                late.append(f"/{html.relative_to(site).as_posix()}: {str(script)[:60]}")
    assert not late, "\n".join(late)


def test_tab_titles_name_the_page_and_each_home_only_the_site(site: Path) -> None:
    for pair in page_pairs(site):
        for locale in LOCALES:
            soup = read_html(site, pair.path(locale))
            title = soup.title.get_text() if soup.title else ""
            site_name = title.rsplit(" - ", 1)[-1]
            if pair.slug == "":
                assert " - " not in title, f"/{pair.path(locale)}: {title!r}"
            else:
                h1 = soup.select_one("article h1")
                assert h1 is not None
                page_title = title.removesuffix(f" - {site_name}")
                assert page_title and page_title != title, f"/{pair.path(locale)}: {title!r}"
