"""The whole-course print page (/print/, /en/print/; cloudnotes.print_page).

On the built site: it exists in both languages, holds every page of the nav in nav order
(the home and instructor pages excepted, by their front matter), every in-page link lands
inside it, it stays out of search and sitemaps, and the home and instructor pages link it.
On paper (Chromium's PDF and its text, pdftotext): every page's title starts a new sheet,
in order, and every reference number is printed whole.
"""

from __future__ import annotations

import json
import posixpath
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from cloudnotes.instructor_page import Section
from cloudnotes.print_page import CoursePage, render_whole_course, rewrite_page

from tests.support import REPO, read_html

PRINT = {"ko": "print/", "en": "en/print/"}
MAX_SHEETS = 100  # A4, nine topics at 7-11 sheets each: a handout, not a book


def article(soup: BeautifulSoup) -> Tag:
    found = soup.select_one("article.md-content__inner")
    assert found is not None
    return found


def resolve(page: str, href: str) -> str:
    """Where a link on the page at site path ``page`` leads, as a site path."""
    target = posixpath.normpath(posixpath.join("/" + page, href.split("#")[0]))
    return target.lstrip("/") + "/" if target != "/" else ""


def nav_paths(site: Path, locale: str) -> list[str]:
    """Site paths of the nav's pages, in nav order, read from the built home page."""
    home = "" if locale == "ko" else "en/"
    soup = read_html(site, home)
    paths: list[str] = []
    for link in soup.select("nav.md-nav--primary a.md-nav__link[href]"):
        path = resolve(home, str(link["href"]))
        if path not in paths:
            paths.append(path)
    return paths


def excluded_by_front_matter(path: str, locale: str) -> bool:
    slug = path.removeprefix("en/").strip("/") or "index"
    text = (REPO / "docs" / f"{slug}.{locale}.md").read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("---\n")[1]) or {}
    return bool((meta.get("print") or {}).get("exclude"))


def expected_pages(site: Path, locale: str) -> list[str]:
    return [p for p in nav_paths(site, locale) if not excluded_by_front_matter(p, locale)]


# ---------------------------------------------------------------- pure functions


def _page(path: str, content: str, sections: tuple[Section, ...] = ()) -> CoursePage:
    return CoursePage(
        path=path,
        slug=path.removeprefix("en/").strip("/"),
        title=path,
        content=content,
        sections=sections,
    )


def test_ids_and_every_reference_to_them_get_the_page_prefix() -> None:
    one = _page(
        "en/hypervisors/",
        '<h1 id="hypervisors">H<a class="headerlink" href="#hypervisors" title="t">&para;</a>'
        '</h1><p>See <a href="#type-2">type 2</a><sup id="fnref:a"><a href="#fn:a">1</a></sup>'
        '</p><svg aria-labelledby="f-title f-desc" id="f"><title id="f-title">T</title>'
        '<desc id="f-desc">D</desc></svg><label for="t1">x</label><input id="t1">'
        '<h2 id="type-2">Type 2</h2><div class="footnote"><ol><li id="fn:a">'
        '<a href="#fnref:a">&#8617;</a></li></ol></div>'
        '<a href="../containers/#oci">OCI</a> <a href="../linking/#citing">cite</a> '
        '<a href="../containers/">containers</a> <a href="https://example.org/#x">ext</a>',
    )
    two = _page("en/containers/", '<h1 id="containers">C</h1><h2 id="oci">OCI</h2>')
    included = {p.path: p for p in (one, two)}
    out = rewrite_page(one, print_path="en/print/", included=included)
    soup = BeautifulSoup(out, "lxml")
    ids = {str(e["id"]) for e in soup.select("[id]")}
    assert ids == {
        "hypervisors--hypervisors",
        "hypervisors--type-2",
        "hypervisors--fnref:a",
        "hypervisors--fn:a",
        "hypervisors--f",
        "hypervisors--f-title",
        "hypervisors--f-desc",
        "hypervisors--t1",
    }
    hrefs = [str(a["href"]) for a in soup.select("a[href]")]
    assert hrefs == [
        "#hypervisors--type-2",
        "#hypervisors--fn:a",
        "#hypervisors--fnref:a",
        "#containers--oci",  # a page on the print page: the link stays inside it
        "../linking/#citing",  # any other page: re-based, still valid
        "#print-containers",
        "https://example.org/#x",
    ]
    assert soup.select_one("svg")["aria-labelledby"] == "hypervisors--f-title hypervisors--f-desc"  # type: ignore[index]
    assert soup.select_one("label")["for"] == "hypervisors--t1"  # type: ignore[index]
    # Headings a level down, marked generated, without permalinks to the unstable ids.
    assert [h.name for h in soup.select("h2, h3")] == ["h2", "h3"]
    assert all(h.has_attr("data-cn-generated") for h in soup.select("h2, h3"))
    assert not soup.select(".headerlink")


def test_contents_list_each_page_and_its_sections_and_point_inside_the_page() -> None:
    pages = [
        _page("virtualization/", '<h1 id="virtualization">V</h1><h2 id="vdi">VDI</h2>',
              (Section("VDI", "vdi", 2),)),
        _page("docker/", '<h1 id="docker">D</h1>'),
    ]  # fmt: skip
    html = render_whole_course(pages, print_path="print/", abbreviations={"VDI": "desktop"})
    soup = BeautifulSoup(html, "lxml")
    toc = soup.select_one("ol.cn-print-toc")
    assert toc is not None
    assert [str(a["href"]) for a in toc.select("a")] == [
        "#print-virtualization",
        "#virtualization--vdi",
        "#print-docker",
    ]
    assert toc.select_one("abbr[title='desktop']") is not None
    ids = {str(e["id"]) for e in soup.select("[id]")}
    assert {str(a["href"])[1:] for a in soup.select("a[href^='#']")} <= ids
    assert [str(s["id"]) for s in soup.select("section.cn-print-page")] == [
        "print-virtualization",
        "print-docker",
    ]


# ---------------------------------------------------------------- built site


@pytest.mark.parametrize("locale", ["ko", "en"])
def test_print_page_holds_every_nav_page_in_nav_order(site: Path, locale: str) -> None:
    soup = read_html(site, PRINT[locale])
    parts = article(soup).select("section.cn-print-page")
    expected = expected_pages(site, locale)
    assert len(expected) >= 6, expected  # the four topics, the glossary and the errata
    assert not [p for p in expected if p.endswith(("linking/", "print/"))]
    found: list[str] = []
    for part in parts:
        title = part.find(["h2"])
        assert title is not None, f"/{PRINT[locale]}: a page part without its title"
        found.append(str(title.get_text(" ", strip=True)).removesuffix("¶").strip())
    titles = []
    for path in expected:
        h1 = article(read_html(site, path)).find("h1")
        assert h1 is not None, path
        titles.append(h1.get_text(" ", strip=True).removesuffix("¶").strip())
    assert found == titles, f"/{PRINT[locale]}: pages {found}, nav order says {titles}"
    # Each part holds its page's whole content: the same footnotes and figures.
    for path, part in zip(expected, parts, strict=True):
        page = article(read_html(site, path))
        assert len(part.select("div.footnote li")) == len(page.select("div.footnote li")), path
        figures = [str(f["data-diagram"]) for f in page.select("figure.dg")]
        assert [str(f["data-diagram"]) for f in part.select("figure.dg")] == figures, path


@pytest.mark.parametrize("locale", ["ko", "en"])
def test_every_in_page_link_of_the_print_page_lands_inside_it(site: Path, locale: str) -> None:
    soup = read_html(site, PRINT[locale])
    body = soup.body
    assert body is not None
    ids = [str(e["id"]) for e in body.select("[id]")]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates, f"/{PRINT[locale]}: duplicate ids {duplicates[:10]}"
    hrefs = [str(a["href"]) for a in body.select("a[href^='#']")]
    assert len(hrefs) > 300, "the print page should hold every page's footnotes"
    missing = sorted({h for h in hrefs if h != "#" and h[1:] not in set(ids)})
    assert not missing, f"/{PRINT[locale]}: links to no element: {missing[:10]}"
    # Links to pages that are not on the print page still reach a built page.
    for a in article(soup).select("a[href]"):
        href = str(a["href"])
        if href.startswith(("#", "http://", "https://", "mailto:")):
            continue
        path, _, fragment = href.partition("#")
        target = site / resolve(PRINT[locale], path) / "index.html"
        assert target.is_file(), href
        if fragment:  # tests/test_linkcheck.py leaves the print page to this test
            assert f'id="{fragment}"' in target.read_text(encoding="utf-8"), href


@pytest.mark.parametrize("locale", ["ko", "en"])
def test_print_page_is_noindex_and_out_of_search(site: Path, locale: str) -> None:
    soup = read_html(site, PRINT[locale])
    robots = soup.select_one('meta[name="robots"]')
    assert robots is not None and "noindex" in str(robots["content"])
    folder = "" if locale == "ko" else "en/"
    index = json.loads((site / folder / "search" / "search_index.json").read_text("utf-8"))
    locations = {str(d["location"]).split("#")[0] for d in index["docs"]}
    assert "print/" not in locations, "the print page would repeat every search hit"
    sitemap = (site / folder / "sitemap.xml").read_text(encoding="utf-8")
    assert "/print/" not in sitemap


@pytest.mark.parametrize(
    ("locale", "pages"), [("ko", ["", "linking/"]), ("en", ["en/", "en/linking/"])]
)
def test_home_and_instructor_pages_link_the_print_page(
    site: Path, locale: str, pages: list[str]
) -> None:
    for path in pages:
        links = [str(a["href"]) for a in article(read_html(site, path)).select("a[href]")]
        resolved = {resolve(path, h) for h in links if not h.startswith(("#", "http"))}
        assert PRINT[locale] in resolved, f"/{path}: no link to the print page"


# ---------------------------------------------------------------- on paper


@pytest.fixture(scope="module")
def pdf_text(
    base_url: str, browser: Any, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, list[str]]:
    """Each language's print page as Chromium prints it to A4: the text of every sheet."""
    if shutil.which("pdftotext") is None:
        pytest.fail(
            "pdftotext not found: apt-get install poppler-utils (.ci/run does)", pytrace=False
        )
    out = tmp_path_factory.mktemp("pdf")
    sheets: dict[str, list[str]] = {}
    for locale, path in PRINT.items():
        page = browser.new_page()
        page.goto(base_url + path, wait_until="load")
        pdf = out / f"print.{locale}.pdf"
        page.pdf(path=str(pdf), format="A4")
        page.close()
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        sheets[locale] = text.split("\f")[:-1]
    return sheets


def _first_line(sheet: str) -> str:
    return next((line.strip() for line in sheet.splitlines() if line.strip()), "")


@pytest.mark.browser
@pytest.mark.parametrize("locale", ["ko", "en"])
def test_every_page_title_starts_a_new_sheet_in_order(
    site: Path, pdf_text: dict[str, list[str]], locale: str
) -> None:
    sheets = pdf_text[locale]
    assert 1 < len(sheets) <= MAX_SHEETS, f"{len(sheets)} A4 sheets"
    starts = [_first_line(sheet) for sheet in sheets]
    where = 0
    for path in expected_pages(site, locale):
        h1 = article(read_html(site, path)).find("h1")
        assert h1 is not None
        title = h1.get_text(" ", strip=True).removesuffix("¶").strip()
        assert title in starts[where:], (
            f"/{PRINT[locale]} on paper: no sheet after sheet {where + 1} starts with "
            f"{title!r} (sheets start with {starts})"
        )
        where = starts.index(title, where) + 1


@pytest.mark.browser
@pytest.mark.parametrize("locale", ["ko", "en"])
def test_every_reference_number_prints_whole(
    site: Path, pdf_text: dict[str, list[str]], locale: str
) -> None:
    """Between one page's title and the next, its references 1..n are printed "1." … "n."
    at the start of a line (a cut-off "10." prints as "0.")."""
    sheets = pdf_text[locale]
    starts = [_first_line(sheet) for sheet in sheets]
    pages = expected_pages(site, locale)
    titles = []
    for path in pages:
        h1 = article(read_html(site, path)).find("h1")
        assert h1 is not None
        titles.append(h1.get_text(" ", strip=True).removesuffix("¶").strip())
    first: list[int] = []
    for title in titles:  # in order: a section of an earlier page may share a page's title
        first.append(starts.index(title, first[-1] + 1 if first else 0))
    checked = 0
    for i, path in enumerate(pages):
        count = len(article(read_html(site, path)).select("div.footnote > ol > li"))
        end = first[i + 1] if i + 1 < len(first) else len(sheets)
        text = "\n".join(sheets[first[i] : end])
        numbers = {int(n) for n in re.findall(r"(?m)^\s*(\d+)\.\s", text)}
        missing = [n for n in range(1, count + 1) if n not in numbers]
        assert not missing, (
            f"/{path} on the print page's paper: reference numbers {missing} missing"
        )
        checked += count
    assert checked > 50, f"only {checked} references checked"


@pytest.mark.browser
@pytest.mark.parametrize("locale", ["ko", "en"])
def test_a_contents_link_lands_on_its_section_past_pages_laid_out_late(
    base_url: str, new_page: Any, locale: str
) -> None:
    """A link from the contents to the last page's sections lands on the heading, below the
    header, and stays there while the rest of the page loads."""
    page = new_page(width=360, height=740)
    page.goto(base_url + PRINT[locale], wait_until="load")
    links = page.locator("ol.cn-print-toc > li:last-child a")
    assert links.count() >= 2
    for index in (1, links.count() - 1):
        link = links.nth(index)
        target = (link.get_attribute("href") or "#")[1:]
        link.click()
        for _ in range(3):  # and it stays there while the pages around it render
            page.wait_for_timeout(300)
            top = page.evaluate(
                "(id) => document.getElementById(id).getBoundingClientRect().top", target
            )
            header = page.evaluate(
                "document.querySelector('.md-header').getBoundingClientRect().bottom"
            )
            assert header - 2 <= top <= header + 80, (target, top, header)
        page.goto(base_url + PRINT[locale], wait_until="load")


@pytest.mark.browser
@pytest.mark.parametrize("locale", ["ko", "en"])
def test_the_print_page_header_works_without_material_script(
    base_url: str, browser: Any, locale: str
) -> None:
    """The print page loads no bundle; its header shows only what works without it: the
    navigation drawer and the language menu, which opens inside a phone's screen."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True
    )
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(base_url + PRINT[locale], wait_until="load")
    assert not [url for url in requested if "/bundle." in url], "Material's bundle loaded"
    for control in ("label[for=__search]", "[data-md-component=palette]"):
        assert not page.locator(control).first.is_visible(), f"{control} shows but does nothing"
    page.tap(".md-header label[for=__drawer]")
    page.wait_for_timeout(400)
    drawer = page.locator("nav.md-nav--primary").bounding_box()
    assert drawer is not None and drawer["x"] >= -1, f"the drawer did not open: {drawer}"
    page.locator(".md-overlay").tap(position={"x": 340, "y": 400})
    page.wait_for_timeout(400)
    page.tap(".md-select > button")
    page.wait_for_timeout(600)
    menu = page.locator(".md-select__inner").bounding_box()
    assert menu is not None and menu["x"] >= 0 and menu["x"] + menu["width"] <= 360, menu
    other = page.locator(".md-select__link:not([aria-current])")
    with page.expect_navigation():
        other.tap()
    other_locale = "en" if locale == "ko" else "ko"
    assert page.url == base_url + PRINT[other_locale]
    context.close()


BACK = {"ko": "차례로 돌아가기", "en": "Back to contents"}


@pytest.mark.browser
@pytest.mark.parametrize("locale", ["ko", "en"])
def test_each_page_ends_with_a_way_back_to_the_contents_not_printed(
    site: Path, pdf_text: dict[str, list[str]], locale: str
) -> None:
    soup = read_html(site, PRINT[locale])
    pages = article(soup).select("section.cn-print-page")
    assert len(pages) == len(expected_pages(site, locale))
    for part in pages:
        links = part.select(".cn-print-back > a")
        assert len(links) == 1 and links[0].get_text() == BACK[locale], part.get("id")
        target = soup.find(id=str(links[0]["href"]).removeprefix("#"))
        assert target is not None and target.name == "h2", links[0]["href"]
        assert part.find_all(recursive=False)[-1] is links[0].parent, "not at the page's end"
    assert not [i for i, sheet in enumerate(pdf_text[locale], 1) if BACK[locale] in sheet]
