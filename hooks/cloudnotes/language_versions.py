"""Every language version of a page: where it is published and how to link it.

Site layout (mkdocs-static-i18n, suffix structure): the default language (Korean) lives at
the site root, every other language under ``<locale>/``, with the same English slugs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .locales import DEFAULT_LOCALE, LOCALES


def locale_prefix(locale: str, *, default: str = DEFAULT_LOCALE) -> str:
    """The folder a language is published under: '' for the default one, else 'en/'."""
    return "" if locale == default else f"{locale}/"


def site_path(url: str) -> str:
    """A page URL as MkDocs gives it ('./', '', 'en/hypervisors/') as a site path."""
    return "" if url in ("", ".", "./") else url.removeprefix("/")


def absolute_url(site_url: str, path: str) -> str:
    """``site_url`` joined with a site path; site_url always ends with one slash."""
    return site_url.rstrip("/") + "/" + path.removeprefix("/")


@dataclass(frozen=True)
class Alternate:
    """One language version of a page: its hreflang, display name and site path."""

    lang: str  # "ko", "en" or "x-default"
    name: str
    path: str  # site path, e.g. "en/hypervisors/"

    def href(self, site_url: str) -> str:
        return absolute_url(site_url, self.path)


def page_alternates(
    paths: Mapping[str, str],
    names: Mapping[str, str],
    *,
    locales: Sequence[str] = LOCALES,
    default: str = DEFAULT_LOCALE,
) -> list[Alternate]:
    """Every language version of one page plus ``x-default`` (the default language).

    ``paths`` maps a locale to the page's site path in that locale. Locales missing from
    ``paths`` are left out (the build fails elsewhere when a translation is missing).
    """
    alternates = [
        Alternate(loc, names.get(loc, loc), paths[loc]) for loc in locales if loc in paths
    ]
    if default in paths:
        alternates.append(Alternate("x-default", names.get(default, default), paths[default]))
    return alternates
