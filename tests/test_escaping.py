"""Text typed by authors renders as text: titles (nav, section, front matter, H1, site_name),
section headings on the instructor page, and the meta description, on a built copy of
the site with hostile titles in both languages (hooks/titles.py, overrides/main.html,
overrides/partials/head-meta.html, cloudnotes.instructor_page)."""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from cloudnotes.page_checks import unknown_tag_problems
from cloudnotes.translation_records import refresh
from cloudnotes.ui import ui_text

from tests.support import PREFIX, build_site, copy_project, free_port, serve, watch

HOSTILE = "C++ & <T>"
HEADING = 'Docker & "Zorblaxnet"'
DESCRIPTION = 'A "quoted" word, then "><script>window.cnInjected = 1</script><b x="'
SITE = {"ko": f"노트 {HOSTILE}", "en": f"Notes {HOSTILE}"}
DOCKER = {"ko": f"도커 {HOSTILE}", "en": f"Docker {HOSTILE}"}  # nav titles
CONTAINERS = {"ko": f"컨테이너 {HOSTILE}", "en": f"Containers {HOSTILE}"}  # front matter title:
PART = {"ko": f"구역 {HOSTILE}", "en": f"Part {HOSTILE}"}  # a nav section
ERRATA = {"ko": "정오표 </title><i>", "en": "Errata </title><i>"}  # ends <title> if decoded
PAGE_TEMPLATE = """---
description: '{description}'
{record}---

# C++ & &lt;T&gt; {{ #cpp }}

{lead}

## {heading} {{ #docker-kubernetes }}

{body}
"""
FOLDER = {"ko": "", "en": "en/"}
# What a text marker looks like when it was escaped once too often, or not at all.
DOUBLE_ESCAPED = ("&amp;", "&lt;", "&gt;", "&quot;", "&#")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path}: {old!r} not found"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _yaml(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML scalar


def make_hostile_project(dest: Path) -> Path:
    project = copy_project(dest)
    docs = project / "docs"
    config = project / "mkdocs.yml"
    _edit(config, "site_name: 클라우드 컴퓨팅 강의 노트", f"site_name: {_yaml(SITE['ko'])}")
    _edit(config, "site_name: Cloud Computing Course Notes", f"site_name: {_yaml(SITE['en'])}")
    _edit(config, "  - 도커: docker.md\n", f"  - {_yaml(DOCKER['ko'])}: docker.md\n")
    _edit(
        config,
        "  - 정오표: errata.md\n",
        f"  - {_yaml(ERRATA['ko'])}: errata.md\n  - {_yaml(PART['ko'])}:\n    - cpp.md\n",
    )
    _edit(
        config,
        "            도커: Docker\n",
        f"            {_yaml(DOCKER['ko'])}: {_yaml(DOCKER['en'])}\n"
        f"            {_yaml(ERRATA['ko'])}: {_yaml(ERRATA['en'])}\n"
        f"            {_yaml(PART['ko'])}: {_yaml(PART['en'])}\n",
    )
    for locale in ("ko", "en"):
        _edit(
            docs / f"containers.{locale}.md",
            "---\ndescription:",
            f"---\ntitle: {_yaml(CONTAINERS[locale])}\ndescription:",
        )
        text = {
            "ko": ("시험용 페이지입니다.", "시험용 절입니다."),
            "en": ("A test page.", "A test section."),
        }[locale]
        (docs / f"cpp.{locale}.md").write_text(
            PAGE_TEMPLATE.format(
                description=DESCRIPTION.replace("'", "''"),
                record="translation_of: 000000000000\n" if locale == "en" else "",
                lead=text[0],
                heading=HEADING,
                body=text[1],
            ),
            encoding="utf-8",
        )
    for slug in ("containers", "cpp"):
        refresh(slug, docs)
    return project


@pytest.fixture(scope="module")
def hostile_port() -> int:
    return free_port()


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory, hostile_port: int) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    project = make_hostile_project(root / "project")
    site = root / "site"
    result = build_site(
        site, config=project / "mkdocs.yml", site_url=f"http://127.0.0.1:{hostile_port}{PREFIX}"
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return site


@pytest.fixture(scope="module")
def hostile_url(hostile_site: Path, hostile_port: int) -> Iterator[str]:
    with serve(hostile_site, hostile_port) as url:
        yield url


def _soup(site: Path, rel: str) -> BeautifulSoup:
    path = site / rel / "index.html" if not rel.endswith(".html") else site / rel
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def _text(node: Any) -> str:
    return " ".join(node.get_text(" ").split())


def _marked_places(soup: BeautifulSoup) -> Iterator[tuple[str, str]]:
    """(where, what a reader gets) for every text and attribute that shows a hostile title."""
    for string in soup.find_all(string=lambda s: "C++" in s or "Zorblaxnet" in s):
        yield f"text in <{getattr(string.parent, 'name', '?')}>", str(string)
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            shown = " ".join(value) if isinstance(value, list) else str(value)
            if "C++" in shown or "Zorblaxnet" in shown:
                yield f"<{element.name} {name}>", shown


def test_hostile_titles_render_once_escaped_on_every_page(hostile_site: Path) -> None:
    """Nav, section, header, footer, logo, 404 and instructor page: text, never markup,
    never an entity a reader can see."""
    problems: list[str] = []
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) >= 19
    for page in pages:
        rel = page.relative_to(hostile_site).as_posix()
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        problems += [f"{rel}: a <t> element (a title printed as HTML)" for _ in soup.find_all("t")]
        for where, shown in _marked_places(soup):
            whole = (HOSTILE in shown or "C++" not in shown) and (
                HEADING in shown or "Zorblaxnet" not in shown
            )
            if not whole or any(entity in shown for entity in DOUBLE_ESCAPED):
                problems.append(f"{rel}: {where} shows {shown!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("locale", ["ko", "en"])
def test_each_kind_of_title_shows_where_readers_see_it(hostile_site: Path, locale: str) -> None:
    folder = FOLDER[locale]
    docker = _soup(hostile_site, f"{folder}docker")
    title = docker.title.get_text() if docker.title else ""
    assert title == f"{DOCKER[locale]} - {SITE[locale]}", "nav title and site_name in <title>"
    nav = [_text(a) for a in docker.select("nav.md-nav--primary .md-nav__link")]
    assert DOCKER[locale] in nav and PART[locale] in nav, nav
    topic = [_text(t) for t in docker.select(".md-header__topic")]
    assert SITE[locale] in topic and DOCKER[locale] in topic, topic
    logo = docker.select_one(".md-header a.md-logo")
    assert logo is not None
    assert (logo["title"], logo["aria-label"]) == (SITE[locale], SITE[locale])

    containers = _soup(hostile_site, f"{folder}containers")
    assert containers.title is not None
    assert containers.title.get_text() == f"{CONTAINERS[locale]} - {SITE[locale]}"
    before_docker = _soup(hostile_site, f"{folder}container-images")  # nav: …, images, docker
    forward = before_docker.select_one("a.md-footer__link--next")
    assert forward is not None and DOCKER[locale] in _text(forward)
    assert str(forward["aria-label"]).endswith(f": {DOCKER[locale]}"), forward["aria-label"]

    errata = _soup(hostile_site, f"{folder}errata")
    assert errata.title is not None
    assert errata.title.get_text() == f"{ERRATA[locale]} - {SITE[locale]}"
    assert errata.select("head i, head + i, body > i") == [], "a title closed <title>"

    cpp = _soup(hostile_site, f"{folder}cpp")
    assert cpp.title is not None and cpp.title.get_text() == f"{HOSTILE} - {SITE[locale]}"
    h1 = cpp.select_one("article h1")
    assert h1 is not None and _text(h1).startswith(HOSTILE), "the H1 itself"
    report = cpp.select_one("aside.cn-answer-back a[href*='/issues/new']")
    assert report is not None
    issue_title = parse_qs(urlsplit(str(report["href"])).query)["title"][0]
    assert issue_title.endswith(f"] {HOSTILE}"), issue_title


@pytest.mark.parametrize("locale", ["ko", "en"])
def test_instructor_page_shows_titles_as_text_in_links_and_labels(
    hostile_site: Path, locale: str
) -> None:
    soup = _soup(hostile_site, f"{FOLDER[locale]}linking")
    heading = soup.select_one("article h3#link-cpp")
    assert heading is not None and _text(heading) == HOSTILE
    row = next(
        (tr for tr in soup.select("article table tr") if "#docker-kubernetes" in tr.decode()), None
    )
    assert row is not None, "no row for the section"
    assert _text(row.select("td")[0]) == HEADING, "the row's link text"
    labels = [str(b["aria-label"]) for b in row.select("button.cn-copy-link")]
    assert len(labels) == 2 and all(f"{HOSTILE}: {HEADING}" in label for label in labels), labels
    toc = [_text(a) for a in soup.select(".md-sidebar--secondary a.md-nav__link")]
    assert HOSTILE in toc, toc
    citation = soup.select("#citing ~ blockquote")
    assert citation and _text(citation[0]).startswith(f"{SITE[locale]}. http"), "the citation"


@pytest.mark.parametrize("locale", ["ko", "en"])
def test_search_index_titles_are_html_escaped_once(hostile_site: Path, locale: str) -> None:
    """Material renders a result's title as HTML: the index holds it escaped once. (Its
    titles come from the headings, not from nav titles.)"""
    index = json.loads(
        (hostile_site / FOLDER[locale] / "search" / "search_index.json").read_text("utf-8")
    )
    titles = {d["location"]: d["title"] for d in index["docs"]}
    expected = {
        "cpp/": HOSTILE,
        "cpp/#docker-kubernetes": HEADING,
    }
    for location, text in expected.items():
        raw = titles[location]
        assert "<" not in raw and html.unescape(raw) == text, f"{location}: {raw!r}"


def test_404_page_keeps_both_site_names_as_text(hostile_site: Path) -> None:
    soup = BeautifulSoup((hostile_site / "404.html").read_text("utf-8"), "lxml")
    # The 404's tab title names the page, then the site (overrides/404.html).
    assert soup.title is not None
    assert soup.title.get_text() == f"{ui_text('ko')['not_found_title']} - {SITE['ko']}"
    template = soup.select_one("template#cn-404-en")
    assert template is not None
    assert template["data-title"] == f"{ui_text('en')['not_found_title']} - {SITE['en']}"


def test_meta_description_is_escaped_in_the_html(hostile_site: Path) -> None:
    for locale in ("ko", "en"):
        meta = _soup(hostile_site, f"{FOLDER[locale]}cpp").select('meta[name="description"]')
        assert [m["content"] for m in meta] == [DESCRIPTION]


@pytest.mark.browser
@pytest.mark.parametrize("locale", ["ko", "en"])
def test_description_with_markup_neither_runs_nor_truncates_in_chromium(
    hostile_url: str, new_page: Any, locale: str
) -> None:
    page = new_page()
    log = watch(page)
    page.goto(f"{hostile_url}{FOLDER[locale]}cpp/", wait_until="networkidle")
    assert page.evaluate("window.cnInjected") is None, "the description's <script> ran"
    content = page.evaluate(
        "[...document.querySelectorAll('meta[name=description]')].map(m => m.content)"
    )
    assert content == [DESCRIPTION], "the description was cut or duplicated"
    assert page.evaluate("document.title") == f"{HOSTILE} - {SITE[locale]}"
    assert page.locator("head b, body > b").count() == 0, "description markup reached the DOM"
    assert not log.console_errors + log.page_errors, log.console_errors + log.page_errors


@pytest.mark.browser
@pytest.mark.parametrize("locale", ["ko", "en"])
def test_search_results_and_404_show_titles_as_text_in_chromium(
    hostile_url: str, new_page: Any, locale: str
) -> None:
    page = new_page()
    page.goto(f"{hostile_url}{FOLDER[locale]}", wait_until="networkidle")
    box = page.locator(".md-search__input")
    box.click()
    box.fill("Zorblaxnet")
    box.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    shown = page.locator(".md-search-result").inner_text()
    assert HEADING in shown and HOSTILE in shown, shown
    assert "&amp;" not in shown and page.locator(".md-search-result t").count() == 0

    missing = new_page()
    missing.goto(f"{hostile_url}{FOLDER[locale]}no-such-page/", wait_until="networkidle")
    title = f"{ui_text(locale)['not_found_title']} - {SITE[locale]}"
    assert missing.evaluate("document.title") == title
    assert SITE[locale] in missing.locator(".md-header__topic").first.inner_text()


@pytest.mark.parametrize(
    "line",
    ["# C++ & <T> { #cpp }", "vector\\<T> holds T", "run docker run <image>", "</T> and <t-x a=1>"],
)
def test_a_tag_markdown_would_swallow_is_reported(line: str) -> None:
    found = [p.message() for p in unknown_tag_problems(f"x\n\n{line}\n", path="docs/x.ko.md")]
    assert found and all(m.startswith("docs/x.ko.md:3: '<") for m in found), found
    assert "Fix: write it as &lt;" in found[0]


@pytest.mark.parametrize(
    "line",
    [
        "a <span id='x'></span> b <abbr title='t'>VM</abbr> <br> <del>x</del>",
        "`vector<T>` and <https://example.org/> and <a@b.c>",
        "C++ & &lt;T&gt;",
        "<!-- cloudnotes:link-table -->",
    ],
)
def test_html_elements_code_autolinks_and_entities_pass(line: str) -> None:
    assert unknown_tag_problems(f"{line}\n", path="docs/x.ko.md") == []


def test_a_title_markdown_would_swallow_fails_the_strict_build(tmp_path: Path) -> None:
    """``# C++ & <T>`` would publish "C++ &" (the tag is dropped) in the page, nav and title."""
    project = copy_project(tmp_path / "project")
    docs = project / "docs"
    _edit(docs / "docker.ko.md", "# 도커 { #docker }", "# 도커와 C++ & <T> { #docker }")
    _edit(docs / "docker.en.md", "# Docker { #docker }", "# Docker and C++ & \\<T> { #docker }")
    refresh("docker", docs)
    result = build_site(tmp_path / "site", config=project / "mkdocs.yml")
    assert result.returncode != 0
    for locale in ("ko", "en"):
        lines = (docs / f"docker.{locale}.md").read_text(encoding="utf-8").splitlines()
        number = next(i for i, text in enumerate(lines, 1) if text.startswith("# "))
        expected = f"docs/docker.{locale}.md:{number}: '<T>' is read as an HTML tag"
        assert expected in result.stderr, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
