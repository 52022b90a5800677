"""Mistakes in a page's Markdown that MkDocs would publish silently, each with file:line.

- front matter that is not valid YAML (MkDocs then prints it as a paragraph, HTML and all);
- a footnote cited but never defined (printed literally as ``[^x]``), or defined but never
  cited;
- raw ``<script>``, ``on…=`` event attributes and ``javascript:`` links (the site runs no
  author-supplied script: a strict Content-Security-Policy would block it anyway);
- a tag that names no HTML element (``vector<T>``, ``docker run <image>``): Markdown passes
  it through as HTML and the reader sees nothing;
- a ``--8<--`` snippet whose file does not exist (pymdownx.snippets stops the whole build
  with a traceback).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml
from mkdocs.utils.meta import YAML_RE

from .errors import AuthorError, Where

_FENCE = re.compile(r"^[ \t>]*(?P<fence>`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_FOOTNOTE_DEFINITION = re.compile(r"^\[\^(?P<key>[^\]\s]+)\]:")
_FOOTNOTE_REFERENCE = re.compile(r"\[\^(?P<key>[^\]\s]+)\](?!:)")
_SCRIPT = re.compile(r"<\s*script\b", re.I)
_EVENT_ATTRIBUTE = re.compile(r"<[a-z][^>]*?\son[a-z]+\s*=", re.I)
_JAVASCRIPT_URL = re.compile(r"""(?:\]\(\s*|=\s*["']?\s*)javascript:""", re.I)
_TAG = re.compile(r"</?(?P<name>[A-Za-z][A-Za-z0-9-]*)(?=[\s/>])[^<>]*>")
# Elements of the HTML standard (https://html.spec.whatwg.org/#elements-3), plus svg and math.
_ELEMENT_NAMES = """
    a abbr address area article aside audio b base bdi bdo blockquote body br button canvas
    caption cite code col colgroup data datalist dd del details dfn dialog div dl dt em embed
    fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe
    img input ins kbd label legend li link main map mark menu meta meter nav noscript object ol
    optgroup option output p picture pre progress q rp rt ruby s samp script search section
    select slot small source span strong style sub summary sup table tbody td template textarea
    tfoot th thead time title tr track u ul var video wbr svg math"""
HTML_ELEMENTS = frozenset(_ELEMENT_NAMES.split())
_SNIPPET = re.compile(
    r"""^(?P<indent>[ \t]*)(?P<escape>;*)-{1,}8<-{1,}[ \t]+(?P<q>["'])(?P<path>[^"']+)(?P=q)"""
)


@dataclass(frozen=True)
class Line:
    number: int  # in the file
    text: str  # with code spans blanked out


def prose_lines(markdown: str, *, first_line: int = 1) -> Iterator[Line]:
    """The lines outside fenced code, with inline code blanked (``x`` stays as spaces)."""
    fence: str | None = None
    for number, line in enumerate(markdown.splitlines(), first_line):
        match = _FENCE.match(line)
        if fence is not None:
            if (
                match is not None
                and match["fence"][0] == fence[0]
                and len(match["fence"]) >= len(fence)
            ):
                fence = None
            continue
        if match is not None:
            fence = match["fence"]
            continue
        yield Line(number, _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line))


def front_matter_problems(raw: str, *, path: str) -> list[AuthorError]:
    """A front matter block MkDocs could not read as a mapping (it then publishes it)."""
    if not raw.startswith("---"):
        return []
    match = YAML_RE.match(raw)
    if match is None:
        return [
            AuthorError(
                where=Where(path, 1),
                problem="the front matter has no closing '---' line",
                fix="end the front matter with a line holding only ---",
            )
        ]
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = 2 + (mark.line if mark is not None else 0)
        problem = getattr(error, "problem", None) or "malformed YAML"
        return [
            AuthorError(
                where=Where(path, line),
                problem=f"the front matter is not valid YAML ({problem})",
                fix="check quoting on this line: quote a value that contains ': ', '#' or "
                'starts with a quote, e.g. description: "…"',
            )
        ]
    if not isinstance(data, dict):
        return [
            AuthorError(
                where=Where(path, 2),
                problem="the front matter is not a set of 'key: value' lines",
                fix="write it as key: value lines, e.g. description: …",
            )
        ]
    problems = []
    for key in ("description", "title"):
        if key in data and not isinstance(data[key], str):
            problems.append(
                AuthorError(
                    where=Where(path, _key_line(match.group(1), key)),
                    problem=f"front matter {key!r} is not text",
                    fix=f'write {key}: "…" as one line of text',
                )
            )
    return problems


def _key_line(front_matter: str, key: str) -> int:
    for number, line in enumerate(front_matter.splitlines(), 2):
        if line.startswith(f"{key}:"):
            return number
    return 2


def without_front_matter(markdown: str) -> str:
    """``markdown`` without a leading front matter block MkDocs failed to read."""
    match = YAML_RE.match(markdown)
    return markdown[match.end() :] if match else markdown


def footnote_problems(markdown: str, *, path: str, first_line: int = 1) -> list[AuthorError]:
    defined: dict[str, int] = {}
    cited: dict[str, int] = {}
    for line in prose_lines(markdown, first_line=first_line):
        definition = _FOOTNOTE_DEFINITION.match(line.text)
        if definition is not None:
            defined.setdefault(definition["key"], line.number)
        rest = line.text[definition.end() :] if definition else line.text
        for match in _FOOTNOTE_REFERENCE.finditer(rest):
            cited.setdefault(match["key"], line.number)
    problems = [
        AuthorError(
            where=Where(path, number),
            problem=f"footnote [^{key}] is cited but never defined (it would print as text)",
            fix=f"add '[^{key}]: author, title, publisher, year. <url>' under References, "
            "or correct the key",
        )
        for key, number in cited.items()
        if key not in defined
    ]
    problems += [
        AuthorError(
            where=Where(path, number),
            problem=f"footnote [^{key}] is defined but never cited",
            fix=f"cite it with [^{key}] after the sentence it supports, or delete it",
        )
        for key, number in defined.items()
        if key not in cited
    ]
    return sorted(problems, key=lambda p: p.where.line if p.where and p.where.line else 0)


def script_problems(markdown: str, *, path: str, first_line: int = 1) -> list[AuthorError]:
    problems = []
    for line in prose_lines(markdown, first_line=first_line):
        for pattern, what in (
            (_SCRIPT, "a <script> element"),
            (_EVENT_ATTRIBUTE, "an on…= event attribute"),
            (_JAVASCRIPT_URL, "a javascript: link"),
        ):
            if pattern.search(line.text):
                problems.append(
                    AuthorError(
                        where=Where(path, line.number),
                        problem=f"{what} in the Markdown: pages run no script of their own",
                        fix="remove it; to show code, put it in a `code span` or a fenced block",
                    )
                )
    return problems


def unknown_tag_problems(markdown: str, *, path: str, first_line: int = 1) -> list[AuthorError]:
    """``<T>`` outside code: Markdown reads it as an HTML tag, and the reader sees nothing."""
    problems = []
    for line in prose_lines(markdown, first_line=first_line):
        for match in _TAG.finditer(line.text):
            if match["name"].lower() not in HTML_ELEMENTS:
                problems.append(
                    AuthorError(
                        where=Where(path, line.number),
                        problem=f"{match[0]!r} is read as an HTML tag, so readers would not see it",
                        fix=f"write it as &lt;{match[0][1:]} (Markdown has no \\< escape), "
                        "or put it in a `code span`",
                    )
                )
    return problems


def snippet_paths(markdown: str, *, first_line: int = 1) -> Iterator[tuple[int, str]]:
    """(file line, path) of every ``--8<-- "path"`` include, outside code and unescaped."""
    for line in prose_lines(markdown, first_line=first_line):
        match = _SNIPPET.match(line.text)
        if match is not None and not match["escape"]:
            yield line.number, match["path"]


def resolve_snippet(path: str, base_paths: Sequence[Path]) -> Path | None:
    for base in base_paths:
        candidate = base / path
        if candidate.is_file():
            return candidate
    return None


def drop_missing_snippets(
    markdown: str, *, path: str, base_paths: Sequence[Path], shown_base: str, first_line: int = 1
) -> tuple[str, list[AuthorError]]:
    """``markdown`` without the includes of missing files (each reported), so that the rest
    of the page still renders instead of pymdownx.snippets aborting the build."""
    lines = markdown.splitlines(keepends=True)
    problems = []
    for number, snippet in snippet_paths(markdown, first_line=first_line):
        if resolve_snippet(snippet, base_paths) is None:
            problems.append(
                AuthorError(
                    where=Where(path, number),
                    problem=f"the snippet {snippet!r} does not exist in {shown_base}/",
                    fix=f"create {shown_base}/{snippet} or correct the path",
                )
            )
            lines[number - first_line] = "\n"
    return "".join(lines), problems


_LINK_WARNING = re.compile(r"^Doc file '(?P<file>[^']+)' contains a link '(?P<link>[^']+)'")


def locate_link_warning(message: str, *, docs_dir: Path, shown_docs: str) -> str | None:
    """MkDocs' warning about a broken link or anchor, with the file:line and a fix."""
    match = _LINK_WARNING.match(message)
    if match is None:
        return None
    source = docs_dir / match["file"]
    line = None
    if source.is_file():
        for number, text in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
            if f"({match['link']}" in text or f"]: {match['link']}" in text:
                line = number
                break
    where = Where(f"{shown_docs}/{match['file']}", line)
    fix = (
        "point the link at an existing page and an explicit heading id "
        "(`## Title { #id }`); a renamed section keeps its old id as an extra anchor"
    )
    return f"{where}: {message} Fix: {fix}."
