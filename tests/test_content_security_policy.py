"""A strict Content-Security-Policy on every published page (cloudnotes.content_security_policy,
hooks/content_security_policy.py): the policy itself, where it sits, that its hashes are
those of the page's inline scripts, and in Chromium that no page reports a violation while
search, the language switch, the palette toggle, copy buttons, self-check answers and the
404 page all still work."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from cloudnotes.content_security_policy import add_policy, inline_scripts, page_policy, script_hash

from tests.support import page_pairs, wait_until

# The example of CSP Level 3 ("hash-source") and MDN: the hash of alert('Hello, world.');
KNOWN_HASH = "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="(?P<policy>[^"]*)">')
# Deliberately simple: Material's and our inline scripts hold no "</script" of their own.
SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
# Counts every securitypolicyviolation event of a page (Playwright runs this before the page's
# own scripts, and outside the page's policy).
LISTENER = """
window.cnViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.cnViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"} `
    + `at ${e.sourceFile}:${e.lineNumber} ${e.sample}`);
}, true);
"""


def test_hash_matches_the_specification_example() -> None:
    assert script_hash("alert('Hello, world.');") == KNOWN_HASH


def test_inline_scripts_are_found_and_data_and_files_are_not() -> None:
    page = (
        "<head><script>a()</script><script src='x.js'></script>"
        '<script id="__config" type="application/json">{"a": 1}</script>'
        '<script type="module">b()</script></head>'
        "<body><template><script>c()</script></template><!-- <script>d()</script> --></body>"
    )
    assert inline_scripts(page) == ["a()", "b()", "c()"]


def test_policy_is_first_after_the_charset_and_replaced_not_added() -> None:
    page = '<!doctype html><html><head>\n<meta charset="utf-8">\n<script>a()</script></head></html>'
    once = add_policy(page)
    assert once.index('<meta charset="utf-8">') < once.index("Content-Security-Policy")
    assert once.index("Content-Security-Policy") < once.index("<script>")
    assert add_policy(once) == once
    assert script_hash("a()") in once
    bare = add_policy("<p>no head</p><script>b()</script>")
    assert bare.index("Content-Security-Policy") < bare.index("<p>"), bare


def test_policy_allows_no_inline_or_eval_and_nothing_from_elsewhere() -> None:
    directives = dict(
        part.strip().split(" ", 1) for part in page_policy("<script>x()</script>").split(";")
    )
    assert directives["default-src"] == "'none'"
    for name, value in directives.items():
        assert "'unsafe-inline'" not in value and "'unsafe-eval'" not in value, name
        assert not re.search(r"https?:|\*|blob:", value), f"{name}: {value}"
    assert directives["script-src"] == f"'self' {script_hash('x()')}"
    assert not {"frame-ancestors", "report-uri", "sandbox"} & set(directives), "meta ignores these"


def _expected_hashes(text: str) -> set[str]:
    hashes = set()
    for match in SCRIPT.finditer(text):
        attrs = match["attrs"]
        if "src=" in attrs or 'type="application/json"' in attrs:
            continue
        digest = hashlib.sha256(match["body"].encode("utf-8")).digest()
        hashes.add(f"'sha256-{base64.b64encode(digest).decode()}'")
    return hashes


def test_every_published_page_carries_the_policy_before_any_script(site: Path) -> None:
    """Topic pages, English pages, the joined 404: one policy each, listing exactly the
    hashes of that page's inline scripts."""
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 17
    distinct: set[str] = set()
    for page in pages:
        rel = page.relative_to(site).as_posix()
        text = page.read_text(encoding="utf-8")
        found = CSP_META.findall(text)
        assert len(found) == 1, f"{rel}: {len(found)} policies"
        head = text[: text.index("</head>")]
        assert head.index("Content-Security-Policy") < head.index("<script"), rel
        soup = BeautifulSoup(text, "lxml")
        assert soup.head is not None
        first = soup.head.find(True)
        second = first.find_next_sibling(True) if first else None
        assert first is not None and first.get("charset") == "utf-8", rel
        assert second is not None and second.get("http-equiv") == "Content-Security-Policy", rel
        listed = set(re.findall(r"'sha256-[^']+'", found[0]))
        assert listed == _expected_hashes(text), f"{rel}: hashes differ from its inline scripts"
        distinct |= listed
    # Material's (3), ours (language switch, first-visit palette, keyboard in each language),
    # the 404 language swap: a new inline script shows up here and needs no other change.
    assert 8 <= len(distinct) <= 20, sorted(distinct)


def test_a_page_no_template_asked_for_gets_its_policy_too(site: Path) -> None:
    """mkdocs-redirects writes its stubs after every template ran: they get a policy that
    allows their own inline script (the redirect that keeps the #section)."""
    for stub in (site / "syllabus" / "index.html", site / "en" / "syllabus" / "index.html"):
        page = stub.read_text(encoding="utf-8")
        assert "location.href" in page, "not a redirect stub"
        (policy,) = CSP_META.findall(page)
        assert set(re.findall(r"'sha256-[^']+'", policy)) == _expected_hashes(page) != set()


# --- In Chromium ----------------------------------------------------------------------


class Watched:
    """A page whose CSP violations and console errors are collected across navigations."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.violations: list[str] = []
        self.console: list[str] = []
        page.on("console", lambda m: self.console.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.console.append(str(e)))

    def collect(self, where: str) -> None:
        found = self.page.evaluate("window.cnViolations || []")
        self.violations += [f"{where}: {v}" for v in found]

    def goto(self, url: str) -> Any:
        response = self.page.goto(url, wait_until="networkidle")
        self.collect(url)
        return response

    def problems(self, *, allow_404: bool = False) -> list[str]:
        # A missing page's own document is a 404, which Chromium logs as a console error.
        console = [c for c in self.console if not (allow_404 and "404" in c)]
        return self.violations + [f"console: {c}" for c in console]


@pytest.fixture
def watched(browser: Any) -> Iterator[Any]:
    contexts: list[Any] = []

    def make(*, permissions: list[str] | None = None, color_scheme: str = "light") -> Watched:
        context = browser.new_context(
            permissions=permissions or [], color_scheme=color_scheme, service_workers="block"
        )
        context.add_init_script(LISTENER)
        contexts.append(context)
        return Watched(context.new_page())

    yield make
    for context in contexts:
        context.close()


@pytest.mark.browser
def test_no_page_of_either_language_reports_a_violation(
    site: Path, base_url: str, watched: Any
) -> None:
    view = watched()
    visited = 0
    for pair in page_pairs(site):
        for locale in ("ko", "en"):
            response = view.goto(base_url + pair.path(locale))
            assert response is not None and response.status == 200
            visited += 1
    for missing in ("no-such-page/", "en/no-such-page/"):
        response = view.goto(base_url + missing)
        assert response is not None and response.status == 404
    assert visited >= 16
    assert not view.problems(allow_404=True), "\n".join(view.problems(allow_404=True))


@pytest.mark.browser
@pytest.mark.parametrize(("start", "query"), [("", "하이퍼바이저"), ("en/", "hypervisor")])
def test_search_works_under_the_policy(base_url: str, watched: Any, start: str, query: str) -> None:
    view = watched()
    view.goto(base_url + start)
    box = view.page.locator(".md-search__input")
    box.click()
    box.fill(query)
    box.press("End")
    view.page.wait_for_selector(".md-search-result__item", timeout=10000)
    view.collect("search results")
    box.press("Enter")  # Material opens the first result, its terms highlighted
    view.page.wait_for_url(re.compile(r"\?h="))
    view.page.wait_for_load_state("networkidle")
    view.collect("search result page")
    assert view.page.locator("article mark").count() > 0
    assert not view.problems(), "\n".join(view.problems())


@pytest.mark.browser
def test_language_switch_palette_and_answers_work_under_the_policy(
    base_url: str, watched: Any
) -> None:
    view = watched()
    view.goto(base_url + "hypervisors/#type-2")
    view.page.hover(".md-header .md-select")
    view.page.click(".md-header .md-select a[hreflang='en']")
    view.page.wait_for_url(base_url + "en/hypervisors/#type-2")
    view.page.wait_for_load_state("networkidle")
    view.collect("language switch")

    body = view.page.locator("body")
    before = body.get_attribute("data-md-color-scheme")
    view.page.locator("label.md-header__button[for^='__palette']:visible").click()
    wait_until(view.page, f"document.body.getAttribute('data-md-color-scheme') !== {before!r}")
    view.collect("palette")

    answer = view.page.locator("article details").first
    assert answer.get_attribute("open") is None
    answer.locator("summary").click()
    assert answer.get_attribute("open") is not None, "the self-check answer did not open"
    assert answer.locator(":scope > :not(summary)").first.is_visible()
    view.collect("self-check")
    assert not view.problems(), "\n".join(view.problems())


@pytest.mark.browser
def test_copy_buttons_work_under_the_policy(base_url: str, watched: Any) -> None:
    view = watched(permissions=["clipboard-read", "clipboard-write"])
    view.goto(base_url + "linking/")
    button = view.page.locator("button.cn-copy-link[data-clipboard-text$='/en/hypervisors/']")
    expected = button.first.get_attribute("data-clipboard-text")
    button.first.click()
    view.page.wait_for_selector(".md-dialog--active")
    assert view.page.evaluate("navigator.clipboard.readText()") == expected
    view.collect("copy")
    assert not view.problems(), "\n".join(view.problems())


@pytest.mark.browser
def test_404_language_swap_runs_under_the_policy(base_url: str, watched: Any) -> None:
    view = watched()
    view.goto(base_url + "en/no-such-page/")
    assert view.page.evaluate("document.documentElement.lang") == "en"
    assert view.page.locator("article h1").inner_text().strip() == "Page not found"
    assert not view.problems(allow_404=True), "\n".join(view.problems(allow_404=True))
