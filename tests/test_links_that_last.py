"""Links that last, on the built site: hreflang, sitemaps, the per-language 404
page, per-language search indexes, the URL manifest with redirects, the instructor page."""

from __future__ import annotations

import gzip
import json
import re
import xml.etree.ElementTree as etree
from pathlib import Path
from urllib.parse import urljoin

from bs4 import BeautifulSoup
from cloudnotes.manifest import MANIFEST, check, parse_manifest, read_site, unlisted

from tests.support import PREFIX, build_site, copy_project, page_pairs, read_html

SITEMAP_NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}


def _site_url(site: Path) -> str:
    """The absolute site URL the session build used (from the Korean home's canonical)."""
    canonical = read_html(site, "").select_one('link[rel="canonical"]')
    assert canonical is not None
    return str(canonical["href"])


def test_every_page_has_absolute_hreflang_alternates_and_x_default(site: Path) -> None:
    root = _site_url(site)
    pairs = page_pairs(site)
    assert len(pairs) >= 7
    for pair in pairs:
        expected = {
            "ko": root + pair.ko,
            "en": root + pair.en,
            "x-default": root + pair.ko,
        }
        for locale in ("ko", "en"):
            soup = read_html(site, pair.path(locale))
            links = soup.select('head link[rel="alternate"][hreflang]')
            found = {str(link["hreflang"]): str(link["href"]) for link in links}
            where = f"/{pair.path(locale)}"
            assert found == expected, f"{where}: hreflang links {found}, expected {expected}"
            assert len(links) == 3, f"{where}: duplicate hreflang links"


def test_sitemap_lists_both_languages_with_alternates(site: Path) -> None:
    root = _site_url(site)
    tree = etree.parse(str(site / "sitemap.xml"))
    urls = tree.findall("sm:url", SITEMAP_NS)
    locs = {u.findtext("sm:loc", namespaces=SITEMAP_NS) for u in urls}
    unlisted = 0
    for pair in page_pairs(site):
        if read_html(site, pair.ko).select_one('meta[name="robots"][content~="noindex"]'):
            # The whole-course print page repeats every other page: not a sitemap entry.
            assert not {root + pair.ko, root + pair.en} & locs, f"sitemap.xml lists /{pair.ko}"
            unlisted += 1
            continue
        assert root + pair.ko in locs, f"sitemap.xml lacks {root + pair.ko}"
        assert root + pair.en in locs, f"sitemap.xml lacks {root + pair.en}"
    assert unlisted == 1, "the print page (robots: noindex) should be the one unlisted page"
    for url in urls:
        loc = url.findtext("sm:loc", namespaces=SITEMAP_NS)
        alternates = {
            link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", SITEMAP_NS)
        }
        assert set(alternates) == {"ko", "en"}, f"{loc}: alternates {alternates}"
        assert loc in alternates.values(), f"{loc}: not among its own alternates"
    english = etree.parse(str(site / "en" / "sitemap.xml")).findall("sm:url", SITEMAP_NS)
    english_locs = [u.findtext("sm:loc", namespaces=SITEMAP_NS) or "" for u in english]
    assert english_locs, "en/sitemap.xml is empty"
    assert all(loc.startswith(root + "en/") for loc in english_locs), english_locs
    assert (site / "sitemap.xml.gz").read_bytes() == gzip.compress(
        (site / "sitemap.xml").read_bytes(), mtime=0
    ), "sitemap.xml.gz is not sitemap.xml compressed"


def test_search_index_per_language(site: Path) -> None:
    """The root index holds Korean pages only, en/ English only; pages read their own."""
    korean = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    english = json.loads((site / "en" / "search" / "search_index.json").read_text("utf-8"))
    ko_locations = [d["location"] for d in korean["docs"]]
    en_locations = [d["location"] for d in english["docs"]]
    assert ko_locations and en_locations
    assert not [loc for loc in ko_locations if loc.startswith("en/")]
    assert sorted({loc.split("#")[0] for loc in ko_locations}) == sorted(
        {loc.split("#")[0] for loc in en_locations}
    ), "the two indexes do not cover the same pages"
    titles = {d["location"]: d["title"] for d in korean["docs"]}
    assert re.search("[가-힣]", titles["hypervisors/"]), titles["hypervisors/"]
    assert {d["location"]: d["title"] for d in english["docs"]}["hypervisors/"] == "Hypervisors"
    assert korean["config"]["lang"] == ["ko", "en"]
    assert english["config"]["lang"] == ["en"]
    assert "linking/" not in ko_locations, "the instructor page must not crowd search results"
    for pair in page_pairs(site):
        for locale, folder in (("ko", ""), ("en", "en/")):
            html = (site / pair.path(locale) / "index.html").read_text(encoding="utf-8")
            raw = re.search(r'<script id="__config" type="application/json">(.*?)</script>', html)
            assert raw is not None
            base = json.loads(raw.group(1))["base"]
            resolved = urljoin(f"http://h{PREFIX}{pair.path(locale)}", base)
            assert resolved == f"http://h{PREFIX}{folder}", f"/{pair.path(locale)}: base {base}"


def test_one_404_page_with_both_languages(site: Path) -> None:
    soup = BeautifulSoup((site / "404.html").read_text(encoding="utf-8"), "lxml")
    assert soup.html is not None and soup.html["lang"] == "ko"
    assert "페이지를 찾을 수 없습니다" in soup.select_one("article h1").get_text()  # type: ignore[union-attr]
    template = soup.select_one("template#cn-404-en")
    assert template is not None, "404.html has no English version"
    english = BeautifulSoup(template.decode_contents(), "lxml")
    assert "Page not found" in english.select_one("article h1").get_text()  # type: ignore[union-attr]
    for doc, home in ((soup, PREFIX), (english, PREFIX + "en/")):
        hrefs = [str(a["href"]) for a in doc.select("article a[href]")]
        assert home in hrefs, f"no link home ({home}) in {hrefs}"
        assert home + "?q=" in hrefs, f"no link to search ({home}?q=) in {hrefs}"
    config = json.loads(english.select_one("#__config").get_text())  # type: ignore[union-attr]
    assert config["base"] == PREFIX + "en/", "the English 404 must search the English index"


def test_manifest_urls_and_anchors_still_work(site: Path) -> None:
    listed = parse_manifest(MANIFEST.read_text(encoding="utf-8"))
    pages = read_site(site)
    assert len(listed) >= 100, f"the manifest lists only {len(listed)} URLs"
    problems = check(listed, pages)
    assert not problems, "published links broke (add a redirect or keep the id):\n" + "\n".join(
        problems
    )


def test_manifest_lists_every_published_url(site: Path) -> None:
    missing = unlisted(parse_manifest(MANIFEST.read_text(encoding="utf-8")), read_site(site))
    assert not missing, (
        "tests/data/url_manifest.txt is out of date: run `make manifest` and review the diff.\n"
        + "\n".join(missing)
    )


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path}: {old!r} not found"
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_removed_anchor_fails_and_a_redirect_repairs_a_moved_page(tmp_path: Path) -> None:
    """On a temp copy: drop a section id (caught), move a page (caught), add a redirect
    for the move in mkdocs.yml (passes, in both languages)."""
    project = copy_project(tmp_path / "project")
    docs = project / "docs"

    def build_and_check(name: str) -> list[str]:
        result = build_site(tmp_path / name, config=project / "mkdocs.yml")
        assert result.returncode == 0, result.stderr
        return check(listed, read_site(tmp_path / name))

    result = build_site(tmp_path / "before", config=project / "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    from cloudnotes.manifest import manifest_lines
    from cloudnotes.translation_records import refresh

    listed = manifest_lines(read_site(tmp_path / "before"))
    assert "/hypervisors/#type-2" in listed and "/en/hypervisors/#type-2" in listed

    # A section nothing links to (a linked one would already fail the strict build).
    sources = "".join(p.read_text(encoding="utf-8") for p in project.rglob("*.md"))
    anchor = next(
        a.split("#")[1]
        for a in listed[listed.index("/hypervisors/#hypervisors") + 1 :]
        if a.startswith("/hypervisors/#")
        and not re.search(rf"#{re.escape(a.split('#')[1])}[)\"'\]]", sources)
    )
    for locale in ("ko", "en"):
        _edit(docs / f"hypervisors.{locale}.md", f"#{anchor} }}", f"#{anchor}-renamed }}")
    refresh("hypervisors", docs)  # as an author does once both languages are edited
    problems = build_and_check("renamed-anchor")
    assert f"/hypervisors/#{anchor}: section #{anchor} is gone from /hypervisors/" in problems
    assert f"/en/hypervisors/#{anchor}: section #{anchor} is gone from /en/hypervisors/" in problems

    for locale in ("ko", "en"):
        _edit(docs / f"hypervisors.{locale}.md", f"#{anchor}-renamed }}", f"#{anchor} }}")
        (docs / f"hypervisors.{locale}.md").rename(docs / f"hypervisor-basics.{locale}.md")
    for md in [*project.rglob("*.md"), *project.rglob("*.yml")]:
        text = md.read_text(encoding="utf-8")
        md.write_text(text.replace("hypervisors.md", "hypervisor-basics.md"), encoding="utf-8")
    for korean in sorted(docs.glob("*.ko.md")):  # links were rewritten on every page
        refresh(korean.name.removesuffix(".ko.md"), docs)
    problems = build_and_check("moved")
    assert any(p.startswith("/hypervisors/#type-2: page /hypervisors/ is gone") for p in problems)
    assert any(p.startswith("/en/hypervisors/: page /en/hypervisors/ is gone") for p in problems)

    _edit(
        project / "mkdocs.yml",
        "      redirect_maps:\n",
        "      redirect_maps:\n        hypervisors.md: hypervisor-basics.md\n",
    )
    assert build_and_check("redirected") == []
    stub = (tmp_path / "redirected" / "en" / "hypervisors" / "index.html").read_text("utf-8")
    assert 'url=../hypervisor-basics/"' in stub, "the English redirect must stay in English"


def test_instructor_page_lists_every_page_and_section_in_both_languages(site: Path) -> None:
    root = _site_url(site)
    pages = read_site(site)
    for path in ("linking/", "en/linking/"):
        soup = read_html(site, path)
        buttons = soup.select("article button.cn-copy-link[data-clipboard-text]")
        urls = {str(b["data-clipboard-text"]) for b in buttons}
        for button in buttons:
            name = button.get("aria-label") or button.get_text(strip=True)
            assert name, f"/{path}: copy button without an accessible name"
        for pair in page_pairs(site):
            if pair.ko == "linking/":
                continue
            for target in (pair.ko, pair.en):
                assert root + target in urls, f"/{path}: no link for /{target}"
                for anchor in pages[f"/{target}"].headings[1:]:
                    assert f"{root}{target}#{anchor}" in urls, f"/{path}: no /{target}#{anchor}"
        for url in urls:
            if url.startswith(root):
                assert check([url.removeprefix(root[:-1])], pages) == [], url
        toc = [str(a["href"]) for a in soup.select(".md-sidebar--secondary a.md-nav__link")]
        assert "#link-hypervisors" in toc, f"/{path}: generated pages missing from the TOC"
        assert soup.select_one("#citing"), f"/{path}: no citation section"
        citation = soup.select("#citing ~ blockquote")
        assert citation and root in citation[0].get_text(), f"/{path}: citation without URL"
    nav = [a.get_text(strip=True) for a in read_html(site, "en/").select(".md-nav__link")]
    assert "Linking from a syllabus" in nav


def test_page_in_one_language_only_fails_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "docs" / "lonely.ko.md").write_text("# 외톨이 { #lonely }\n", encoding="utf-8")
    result = build_site(tmp_path / "site", config=project / "mkdocs.yml")
    assert result.returncode != 0
    assert "docs/lonely.ko.md: no translation docs/lonely.en.md" in result.stderr


def test_print_stylesheet_is_linked_and_hides_chrome(site: Path) -> None:
    soup = read_html(site, "hypervisors/")
    hrefs = [str(link["href"]) for link in soup.select('link[rel="stylesheet"]')]
    ours = [h for h in hrefs if h.endswith("assets/stylesheets/site.css")]
    assert ours, hrefs
    text = (site / "assets" / "stylesheets" / "site.css").read_text(encoding="utf-8")
    assert "@import" not in text, "the served stylesheet must be one file"
    text = text[text.index("@media print") :]
    for selector in (".md-header", ".md-sidebar", ".md-search", ".md-footer"):
        assert selector in text
    assert "attr(href)" in text


def test_the_syllabus_alias_redirects_in_both_languages(site: Path) -> None:
    """mkdocs.yml's one real redirect: /syllabus/ -> /linking/, per language, keeping #id."""
    pages = read_site(site)
    assert pages["/syllabus/"].redirect == "/linking/"
    assert pages["/en/syllabus/"].redirect == "/en/linking/"
    assert check(["/syllabus/#citing", "/en/syllabus/#citing"], pages) == []
    stub = (site / "en" / "syllabus" / "index.html").read_text(encoding="utf-8")
    assert 'location.href="../linking/"+(anchor?"#"+anchor:"")' in stub
