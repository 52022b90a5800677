"""The source checks of test_built_pages.py and test_topic_page_structure.py fail on a
page that is wrong.

Each check runs on a real page rendered with Markdown's own toc and footnotes extensions,
then on the same page with one mistake that the rendered HTML alone does not show.
"""

from __future__ import annotations

import re
from pathlib import Path

import markdown
from bs4 import BeautifulSoup, Tag

from tests.source_checks import DOCS, heading_id_problems, uncited_footnotes

PAGE = DOCS / "containers.en.md"


def _render(text: str) -> Tag:
    body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
    # The site's block extensions, so that citations inside callouts and tables are seen.
    extensions = ["admonition", "attr_list", "footnotes", "md_in_html", "tables", "toc"]
    html = markdown.markdown(body, extensions=[*extensions, "pymdownx.details"])
    article = BeautifulSoup(f'<article class="md-content__inner">{html}</article>', "lxml").article
    assert article is not None
    return article


def test_heading_check_fails_on_a_heading_without_an_explicit_id(tmp_path: Path) -> None:
    text = PAGE.read_text(encoding="utf-8")
    assert heading_id_problems(PAGE, _render(text)) == []
    mutated = tmp_path / PAGE.name
    mutated.write_text(text.replace(" { #kernel-features }", "", 1), encoding="utf-8")
    article = _render(mutated.read_text(encoding="utf-8"))
    # Still every heading has an id (the slugifier's), so the old check passed.
    assert all(h.get("id") for h in article.select("h1, h2, h3, h4, h5, h6"))
    line = text[: text.index(" { #kernel-features }")].count("\n") + 1
    problems = heading_id_problems(mutated, article)
    assert len(problems) == 1 and f"{mutated}:{line}: heading " in problems[0], problems


def test_heading_check_fails_on_a_rendered_heading_the_source_does_not_declare() -> None:
    article = _render(PAGE.read_text(encoding="utf-8"))
    extra = BeautifulSoup('<h2 id="added-by-a-hook">Added</h2>', "lxml").h2
    assert extra is not None
    article.append(extra)
    problems = heading_id_problems(PAGE, article)
    assert len(problems) == 1 and "added-by-a-hook" in problems[0], problems


def test_footnote_check_fails_on_a_footnote_cited_nowhere() -> None:
    text = PAGE.read_text(encoding="utf-8")
    assert uncited_footnotes(_render(text)) == []
    definition = re.search(r"^\[\^([^\]]+)\]:", text, re.M)
    assert definition is not None
    key = definition.group(1)
    # The same page with every citation of one footnote removed, its definition kept.
    article = _render(re.sub(rf"\[\^{re.escape(key)}\](?!:)", "", text))
    items = article.select("div.footnote > ol > li")
    # Markdown still gives it a back-link, so the old check passed.
    assert all(li.select_one("a.footnote-backref") for li in items)
    assert uncited_footnotes(article) == [f"fn:{key}"]
