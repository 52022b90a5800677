"""The site's languages: Korean (the source, at the site root) and English (under /en/)."""

from __future__ import annotations

DEFAULT_LOCALE = "ko"
LOCALES: tuple[str, ...] = (DEFAULT_LOCALE, "en")
# Languages translated from the default one (each page records the version it translates).
TRANSLATED_LOCALES: tuple[str, ...] = LOCALES[1:]
# Languages written in Hangul: their tooltips must contain it, the others' must not.
HANGUL_LOCALES = frozenset({"ko"})
