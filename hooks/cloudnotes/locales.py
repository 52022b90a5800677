"""The site's languages: Korean (the source, at the site root) and English (under /en/)."""

from __future__ import annotations

DEFAULT_LOCALE = "ko"
LOCALES: tuple[str, ...] = (DEFAULT_LOCALE, "en")
