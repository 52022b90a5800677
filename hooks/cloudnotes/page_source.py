"""Facts about a page's Markdown file that error messages need (line numbers)."""

from __future__ import annotations


def body_first_line(raw: str, markdown: str) -> int:
    """The file line where ``markdown`` (the text after the front matter) begins."""
    if markdown and raw.endswith(markdown):
        return raw[: len(raw) - len(markdown)].count("\n") + 1
    return 1
