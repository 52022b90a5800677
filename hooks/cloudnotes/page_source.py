"""Facts about a page's Markdown file that error messages need (line numbers)."""

from __future__ import annotations

from mkdocs.utils.meta import YAML_RE


def body_first_line(raw: str) -> int:
    """The file line where the page's Markdown begins, after MkDocs removed the front matter
    (and the blank lines after it), so that positions in page.markdown map to the file."""
    match = YAML_RE.match(raw)
    if match is None:
        return 1
    rest = raw[match.end() :]
    skipped = len(rest) - len(rest.lstrip("\n"))
    return raw[: match.end()].count("\n") + skipped + 1
