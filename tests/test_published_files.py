"""Every published file is a page, a file some page uses, or on a short list with a reason
(hooks/published_files.py, hooks/stylesheets.py): no stray files on the site."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup
from cloudnotes.published_files import lunr_scripts, unused_theme_file

from tests.support import read_html

# Published although no page links to them, each for a reason.
ALLOWED = {
    "sitemap.xml": "for search engines (and Material reads <base>/sitemap.xml)",
    "sitemap.xml.gz": "MkDocs' compressed copy of sitemap.xml",
    "en/sitemap.xml": "the English folder's sitemap (hooks/sitemaps.py)",
    "search/search_index.json": "Material's search fetches <base>/search/search_index.json",
    "en/search/search_index.json": "the same, for the English base (hooks/search_index.py)",
    ".nojekyll": "GitHub Pages: serve the files as they are, without Jekyll",
}
LINK_ATTRIBUTES = ("href", "src")
CSS_URL = re.compile(
    r"""url\(\s*["']?(?P<url>[^"')]+)["']?\s*\)|@import\s+["'](?P<import>[^"']+)"""
)
SOURCE_MAP = re.compile(r"[#@] sourceMappingURL=(?P<url>\S+?)(?:\s*\*/)?\s*$")


def _site_url(site: Path) -> str:
    canonical = read_html(site, "").select_one('link[rel="canonical"]')
    assert canonical is not None
    return str(canonical["href"])


def _local(root: str, base: str, reference: str) -> str | None:
    """The site path a reference resolves to, if it is on this site (None otherwise)."""
    if reference.startswith(("data:", "mailto:", "javascript:", "#")):
        return None
    url = urljoin(base, reference)
    parts = urlsplit(url)
    target = f"{parts.scheme}://{parts.netloc}{parts.path}"
    if not target.startswith(root):
        return None
    path = target.removeprefix(root)
    return path + "index.html" if path == "" or path.endswith("/") else path


def _uses_of_page(root: str, rel: str, text: str) -> set[str]:
    base = root + rel.removesuffix("index.html")
    soup = BeautifulSoup(text, "lxml")
    found = set()
    for element in soup.find_all(True):
        for attribute in LINK_ATTRIBUTES:
            value = element.get(attribute)
            if isinstance(value, str) and (path := _local(root, base, value)) is not None:
                found.add(path)
    config = soup.select_one("script#__config")
    if config is not None:
        search = json.loads(config.get_text()).get("search")
        if search and (path := _local(root, base, str(search))) is not None:
            found.add(path)
    return found


def _uses_of_asset(root: str, rel: str, text: str) -> set[str]:
    base = root + rel
    found = set()
    if rel.endswith(".css"):
        for match in CSS_URL.finditer(text):
            path = _local(root, base, match["url"] or match["import"])
            if path is not None:
                found.add(path)
    if rel.endswith((".css", ".js")):
        last = text.rstrip().rsplit("\n", 1)[-1]
        source_map = SOURCE_MAP.search(last)
        if source_map and (path := _local(root, base, source_map["url"])) is not None:
            found.add(path)
    return found


def test_every_published_file_is_a_page_a_used_file_or_allowed(site: Path) -> None:
    root = _site_url(site)
    published = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    pages = {p for p in published if p.endswith(".html")}
    used: set[str] = set()
    for rel in sorted(pages):
        used |= _uses_of_page(root, rel, (site / rel).read_text(encoding="utf-8"))
    # Material's search worker imports the stemmers of its index's languages.
    for index in ("search/search_index.json", "en/search/search_index.json"):
        languages = json.loads((site / index).read_text(encoding="utf-8"))["config"]["lang"]
        used |= lunr_scripts(languages)
    pending = sorted(used)
    while pending:  # stylesheets' url()s and source maps
        rel = pending.pop()
        if rel in published and rel.endswith((".css", ".js")):
            for found in _uses_of_asset(root, rel, (site / rel).read_text(encoding="utf-8")):
                if found not in used:
                    used.add(found)
                    pending.append(found)
    stray = sorted(published - pages - used - set(ALLOWED))
    assert not stray, "published but used by nothing (drop it, or allow it with a reason):\n" + (
        "\n".join(stray)
    )
    missing = sorted(p for p in used - published if not p.endswith("index.html"))
    assert not missing, f"used but not published: {missing}"
    assert {"assets/javascripts/lunr/min/lunr.ko.min.js", "assets/stylesheets/site.css"} <= used


def test_partials_are_inlined_not_published(site: Path) -> None:
    assert not (site / "partials").exists(), sorted(p.name for p in (site / "partials").iterdir())
    head = read_html(site, "hypervisors/").head
    assert head is not None
    scripts = [s for s in head.find_all("script") if not s.get("src")]
    switch = [s for s in scripts if "data-cn-language-switch" in s.get_text()]
    assert len(switch) == 1, "the language switch script is no longer inlined in <head>"
    text = (site / "hypervisors" / "index.html").read_text(encoding="utf-8")
    assert text.index("data-cn-language-switch]") < text.index("/bundle."), "must run first"


def test_stemmers_follow_materials_rule_and_unused_theme_files_are_named() -> None:
    lunr = "assets/javascripts/lunr/"
    assert lunr_scripts(["en"]) == set()
    assert lunr_scripts(["ko", "en"]) == {
        f"{lunr}min/lunr.stemmer.support.min.js",
        f"{lunr}min/lunr.ko.min.js",
        f"{lunr}min/lunr.multi.min.js",
    }
    assert f"{lunr}tinyseg.js" in lunr_scripts(["ja"])
    texts = {"a.min.js": "x()\n//# sourceMappingURL=a.min.js.map\n", "b.min.css": ".b{}"}
    searched = lunr_scripts(["ko", "en"])

    def unused(src_uri: str) -> bool:
        return unused_theme_file(src_uri, searched=searched, asset_text=texts.get)

    assert unused("partials/language-switch.js")
    assert unused(f"{lunr}min/lunr.de.min.js") and not unused(f"{lunr}min/lunr.ko.min.js")
    assert not unused("a.min.js.map") and unused("b.min.css.map") and unused("c.js.map")
    assert not unused("assets/images/favicon.png")
