"""Where a page places figures: its ```diagram fences, found in the Markdown source."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..errors import AuthorError, Where

_FENCE = re.compile(r"^[ \t>]*(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n]*)$")
_DIAGRAM_INFO = re.compile(r"^\{?[ \t]*\.?diagram(?![\w-])")


@dataclass(frozen=True)
class Fence:
    line: int  # 1-based line of the opening fence
    body: str  # what the fence holds: a figure name when the page is right


def diagram_fences(markdown: str, *, first_line: int = 1) -> list[Fence]:
    """Every ```diagram fence of ``markdown`` in page order, not those inside other code.

    ``first_line`` is the file line of the text's first line (after the front matter).
    """
    fences: list[Fence] = []
    open_fence: str | None = None
    body: list[str] = []
    start = 0
    for number, line in enumerate(markdown.splitlines(), first_line):
        match = _FENCE.match(line)
        if open_fence is None:
            if match is not None:
                open_fence = match["fence"]
                start = number if _DIAGRAM_INFO.match(match["info"]) else 0
                body = []
            continue
        closes = (
            match is not None
            and match["fence"][0] == open_fence[0]
            and len(match["fence"]) >= len(open_fence)
            and not match["info"].strip()
        )
        if closes:
            if start:
                fences.append(Fence(start, "\n".join(body).strip()))
            open_fence = None
        elif start:
            body.append(line.strip(" \t>"))
    if open_fence is not None and start:
        fences.append(Fence(start, "\n".join(body).strip()))
    return fences


def compare_placements(
    fences: Mapping[str, Sequence[Fence]], *, paths: Mapping[str, str]
) -> list[AuthorError]:
    """The same figures, in the same order, on every language version of one page.

    ``fences`` and ``paths`` map a locale to that version's fences and source path.
    """
    locales = list(fences)
    if not locales:
        return []
    first = locales[0]
    expected = [f.body for f in fences[first]]
    problems: list[AuthorError] = []
    for locale in locales[1:]:
        found = [f.body for f in fences[locale]]
        if found == expected:
            continue
        line = next(
            (f.line for f, e in zip(fences[locale], expected, strict=False) if f.body != e),
            fences[locale][len(expected)].line if len(found) > len(expected) else None,
        )
        problems.append(
            AuthorError(
                where=Where(paths[locale], line),
                problem=f"this page places the figures {found}, but {paths[first]} places "
                f"{expected}",
                fix="place the same figures in the same order in every language",
            )
        )
    return problems
