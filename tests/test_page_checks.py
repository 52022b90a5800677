"""Markdown mistakes MkDocs would publish silently (or crash on): each fails the strict
build with the file:line and a fix (hooks/page_checks.py, cloudnotes.page_checks)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from cloudnotes.errors import AuthorError
from cloudnotes.page_checks import (
    footnote_problems,
    front_matter_problems,
    locate_link_warning,
    prose_lines,
    script_problems,
)

from tests.support import build_site, copy_project

PAGE = "docs/x.ko.md"


def messages(problems: list[AuthorError]) -> list[str]:
    return [p.message() for p in problems]


def test_code_is_not_prose() -> None:
    text = "a `<script>` b\n```html\n<script>x()</script>\n```\nc\n"
    assert [(line.number, line.text.strip()) for line in prose_lines(text, first_line=5)] == [
        (5, "a            b"),
        (9, "c"),
    ]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("---\ndescription: a: b\n---\n", f"{PAGE}:2: the front matter is not valid YAML"),
        ("---\ndescription: ok\n", f"{PAGE}:1: the front matter has no closing '---' line"),
        ("---\n- a\n- b\n---\n", f"{PAGE}:2: the front matter is not a set of"),
        ("---\ntitle: t\ndescription: [1]\n---\n", f"{PAGE}:3: front matter 'description'"),
    ],
)
def test_front_matter_problems(raw: str, expected: str) -> None:
    found = messages(front_matter_problems(raw, path=PAGE))
    assert len(found) == 1 and found[0].startswith(expected) and "Fix:" in found[0]


def test_good_front_matter_and_none_at_all_pass() -> None:
    assert front_matter_problems("---\ndescription: 좋은 설명\n---\n# T\n", path=PAGE) == []
    assert front_matter_problems("# T\n", path=PAGE) == []


def test_footnotes_cited_but_undefined_or_defined_but_uncited() -> None:
    text = "A.[^a] B.[^b]\n\n`[^c]` is code.\n\n[^a]: Source A.\n[^d]: Never cited.\n"
    found = messages(footnote_problems(text, path=PAGE, first_line=4))
    assert found[0].startswith(f"{PAGE}:4: footnote [^b] is cited but never defined")
    assert found[1].startswith(f"{PAGE}:9: footnote [^d] is defined but never cited")
    assert len(found) == 2


@pytest.mark.parametrize(
    "line",
    ["<script>alert(1)</script>", '<img src="x" onerror="alert(1)">', "[a](javascript:alert(1))"],
)
def test_author_script_is_an_error(line: str) -> None:
    found = messages(script_problems(f"# T\n\n{line}\n", path=PAGE))
    assert len(found) == 1 and found[0].startswith(f"{PAGE}:3:")
    assert script_problems(f"```html\n{line}\n```\n", path=PAGE) == []


def test_mkdocs_link_warnings_get_a_line_and_a_fix(tmp_path: Path) -> None:
    (tmp_path / "a.ko.md").write_text("# A\n\nSee [b](b.md#nope).\n", encoding="utf-8")
    message = "Doc file 'a.ko.md' contains a link 'b.md#nope', but the doc 'b.md' does not ..."
    located = locate_link_warning(message, docs_dir=tmp_path, shown_docs="docs")
    assert located is not None and located.startswith("docs/a.ko.md:3: Doc file")
    assert "Fix:" in located
    assert locate_link_warning("something else", docs_dir=tmp_path, shown_docs="docs") is None


MISTAKES: dict[str, tuple[str, Callable[[str], str], str]] = {
    "front matter": (
        "docs/docker.ko.md",
        lambda t: t.replace("description: ", 'description: "<b>x</b>" y: ', 1),
        "docs/docker.ko.md:2: the front matter is not valid YAML",
    ),
    "undefined footnote": (
        "docs/docker.ko.md",
        lambda t: t.replace(
            "# 도커 { #docker }\n", "# 도커 { #docker }\n\n인용입니다.[^nowhere]\n"
        ),
        "footnote [^nowhere] is cited but never defined",
    ),
    "script": (
        "docs/docker.ko.md",
        lambda t: t + '\n<p onclick="alert(1)">x</p>\n',
        "an on…= event attribute in the Markdown",
    ),
    "missing snippet": (
        "docs/errata.ko.md",
        lambda t: t.replace("errata/docker.ko.md", "errata/nonesuch.ko.md"),
        "the snippet 'errata/nonesuch.ko.md' does not exist in includes/",
    ),
    "broken anchor": (
        "docs/docker.ko.md",
        lambda t: t + "\n[없는 절](containers.md#no-such-id)\n",
        "Fix: point the link at an existing page",
    ),
    "figure in one language": (
        "docs/containers.en.md",
        lambda t: t.replace("```diagram\nvms-vs-containers\n```\n", ""),
        "docs/containers.en.md",
    ),
}


@pytest.mark.parametrize("name", sorted(MISTAKES))
def test_each_mistake_fails_the_strict_build_with_file_and_line(name: str, tmp_path: Path) -> None:
    rel, edit, expected = MISTAKES[name]
    project = copy_project(tmp_path / "project")
    path = project / rel
    before = path.read_text(encoding="utf-8")
    path.write_text(edit(before), encoding="utf-8")
    assert path.read_text(encoding="utf-8") != before, "the edit changed nothing"
    result = build_site(tmp_path / "site", config=project / "mkdocs.yml")
    assert result.returncode != 0, f"{name}: the strict build passed"
    assert expected in result.stderr, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    if name == "front matter":
        soup = BeautifulSoup((tmp_path / "site/docker/index.html").read_text("utf-8"), "lxml")
        article = soup.select_one("article")
        assert article is not None and "description:" not in article.get_text()
        assert article.find("b", string="x") is None
