"""Put each page's footnotes under its ``## References { #references }`` heading.

The ``footnotes`` extension (mkdocs.yml) moves the footnote list to the paragraph that
holds its ``PLACE_MARKER``; without one the list lands at the very end of the page. This
module writes that marker as the last block of the References section.
"""

from __future__ import annotations

import re

PLACE_MARKER = "///Footnotes Go Here///"

_REFERENCES_HEADING = re.compile(r"^##[ \t]+.*\{[^}]*#references(?![\w-])[^}]*\}[ \t]*$")
_HEADING = re.compile(r"^#{1,2}[ \t]")
_FENCE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})")
_FOOTNOTE_DEFINITION = re.compile(r"^\[\^[^\]\s]+\]:")


def _outside_fences(lines: list[str]) -> list[bool]:
    """For each line: True when it is not inside a fenced code block."""
    outside: list[bool] = []
    fence: str | None = None
    for line in lines:
        match = _FENCE.match(line)
        if fence is None:
            outside.append(match is None)
            if match is not None:
                fence = match["fence"]
        else:
            outside.append(False)
            if match is not None and match["fence"].startswith(fence):
                fence = None
    return outside


def has_footnotes(markdown: str) -> bool:
    lines = markdown.splitlines()
    return any(
        ok and _FOOTNOTE_DEFINITION.match(line)
        for line, ok in zip(lines, _outside_fences(lines), strict=True)
    )


def place_footnotes(markdown: str, *, marker: str = PLACE_MARKER) -> str | None:
    """Return ``markdown`` with ``marker`` closing its References section.

    Returns the text unchanged when it has no footnotes (an unused marker would be printed
    as text) or already holds the marker, and ``None`` when it has footnotes but no
    ``## ... { #references }`` heading to put them under.
    """
    if marker in markdown or not has_footnotes(markdown):
        return markdown
    lines = markdown.splitlines()
    outside = _outside_fences(lines)
    start = next(
        (i for i, line in enumerate(lines) if outside[i] and _REFERENCES_HEADING.match(line)),
        None,
    )
    if start is None:
        return None
    end = next(
        (i for i in range(start + 1, len(lines)) if outside[i] and _HEADING.match(lines[i])),
        len(lines),
    )
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    placed = [*lines[:end], "", marker, "", *lines[end:]]
    return "\n".join(placed) + ("\n" if markdown.endswith("\n") else "")
