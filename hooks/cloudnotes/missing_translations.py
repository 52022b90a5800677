"""Find pages that exist in one language only (every page exists in every language)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import PurePosixPath

from .errors import AuthorError, Where
from .locales import LOCALES

_SUFFIX = re.compile(r"^(?P<stem>.+)\.(?P<locale>[a-z]{2})\.md$")


def _missing(present: str, missing: str) -> AuthorError:
    return AuthorError(
        where=Where(f"docs/{present}"),
        problem=f"no translation docs/{missing}",
        fix=f"every page exists in every language: create docs/{missing} with the same "
        "headings and ids (see CONTRIBUTING.md)",
    )


def find_missing_translations(
    src_paths: Iterable[str], *, locales: tuple[str, ...] = LOCALES
) -> list[AuthorError]:
    """Return every Markdown page under docs/ that lacks one of its locale twins.

    ``src_paths`` are paths relative to docs/, with POSIX separators. Files without a
    locale suffix (``page.md``) are errors too: they would be built for one language.
    """
    pages: dict[str, set[str]] = {}
    unsuffixed: list[str] = []
    for path in src_paths:
        if not path.endswith(".md"):
            continue
        match = _SUFFIX.match(path)
        if match is None or match["locale"] not in locales:
            unsuffixed.append(path)
            continue
        pages.setdefault(match["stem"], set()).add(match["locale"])
    missing: list[AuthorError] = []
    for stem in sorted(pages):
        have = pages[stem]
        present = f"{stem}.{sorted(have)[0]}.md"
        for locale in locales:
            if locale not in have:
                missing.append(_missing(present, f"{stem}.{locale}.md"))
    for path in sorted(unsuffixed):
        stem = str(PurePosixPath(path).with_suffix(""))
        for locale in locales:
            missing.append(_missing(path, f"{stem}.{locale}.md"))
    return missing
