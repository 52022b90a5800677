"""What the site publishes: pages and the files they use, nothing else.

Three kinds of theme file reach the site without being used by any page:

- ``overrides/partials/*`` that are not ``.html`` (``language-switch.js``): MkDocs copies
  every theme file but templates, though a partial is only ever included by a template;
- the lunr-languages files of languages this site does not search (Material ships 30; its
  search worker loads only those of the index's ``lang`` list, rule below);
- source maps that their file does not name (Material's stylesheets carry no
  ``sourceMappingURL``; its scripts do, and keep their maps).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

PARTIALS = "partials/"
LUNR = "assets/javascripts/lunr/"


def lunr_scripts(languages: Iterable[str]) -> set[str]:
    """The site paths Material's search worker imports for an index in ``languages``
    (integrations/search/worker/main: setupSearchLanguages, Material 9.8.1)."""
    languages = list(languages)
    scripts = set()
    for lang in languages:
        if lang == "ja":
            scripts.add(f"{LUNR}tinyseg.js")
        if lang in ("hi", "th"):
            scripts.add(f"{LUNR}wordcut.js")
        if lang != "en":
            scripts.add(f"{LUNR}min/lunr.{lang}.min.js")
    if len(languages) > 1:
        scripts.add(f"{LUNR}min/lunr.multi.min.js")
    if scripts:
        scripts.add(f"{LUNR}min/lunr.stemmer.support.min.js")
    return scripts


def searched_scripts(
    settings: Mapping[str, Mapping[str, object]], *, locales: Sequence[str]
) -> set[str]:
    """:func:`lunr_scripts` of every language's search index (cloudnotes.search_index)."""
    scripts: set[str] = set()
    for locale in locales:
        languages = settings.get(locale, {}).get("lang", [locale])
        if isinstance(languages, list):
            scripts |= lunr_scripts(str(lang) for lang in languages)
    return scripts


def names_source_map(asset_text: str, map_name: str) -> bool:
    """Whether a script or stylesheet points at ``map_name`` (its last line, by convention)."""
    tail = asset_text.rstrip()[-300:]
    return f"sourceMappingURL={map_name}" in tail


def unused_theme_file(
    src_uri: str, *, searched: set[str], asset_text: Callable[[str], str | None]
) -> bool:
    """A theme file no page uses; ``searched`` is :func:`lunr_scripts` of every index,
    ``asset_text(src_uri)`` the text of another theme file (None if there is none)."""
    if src_uri.startswith(PARTIALS):
        return True
    if src_uri.startswith(LUNR):
        return src_uri not in searched
    if src_uri.endswith(".map"):
        text = asset_text(src_uri.removesuffix(".map"))
        return text is None or not names_source_map(text, src_uri.rsplit("/", 1)[-1])
    return False
