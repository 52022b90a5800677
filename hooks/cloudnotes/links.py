"""Links that last: hreflang alternates, per-language search base, sitemaps and the 404 page.

Everything here is a pure function over strings and small records, so tests call it
without a build. ``hooks/links.py`` is the MkDocs glue.

Site layout (mkdocs-static-i18n, suffix structure): the default language (Korean) lives
at the site root, every other language under ``<locale>/``. All of them are built into
one site folder, which is why some files need a per-language twin written afterwards.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

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


_CONFIG_SCRIPT = re.compile(
    r'(<script id="__config" type="application/json">)(?P<json>.*?)(</script>)', re.DOTALL
)


def localize_config_base(page_html: str, prefix: str) -> str:
    """Point Material's ``__config.base`` at the language folder (``prefix``, e.g. 'en/').

    Material loads ``<base>/search/search_index.json`` and ``<base>/sitemap.xml``. The
    i18n plugin builds every language into one site, so an English page's base is the
    site root and it would search the mixed root index. With the base at ``en/`` it reads
    ``en/search/search_index.json``, which holds English pages only.
    """
    if not prefix:
        return page_html

    def rewrite(match: re.Match[str]) -> str:
        config = json.loads(match["json"])
        base = str(config["base"])
        # Keep the trailing slash: URLs resolve against the base as a folder.
        config["base"] = (base if base.endswith("/") else base + "/") + prefix
        return match.group(1) + json.dumps(config, ensure_ascii=False) + match.group(3)

    return _CONFIG_SCRIPT.sub(rewrite, page_html, count=1)


def localize_redirect_map(redirect_maps: Mapping[str, str], prefix: str) -> dict[str, str]:
    """mkdocs-redirects' map for one language build: old pages live under ``prefix``.

    ``redirect_maps`` is written once, in language-neutral paths (``hypervisors.md:
    hypervisor-basics.md``); each language build gets its own old paths (``en/hypervisors.md``)
    and resolves the target among its own pages, so both languages redirect.
    """
    return {f"{prefix}{old}": new for old, new in sorted(redirect_maps.items())}


# --- search ---------------------------------------------------------------------------

# Korean particles (조사) and the copula that follow a noun without a space. Readers type
# "가상화는" or "컨테이너를"; the separator below cuts the particle off (and drops it) in
# both the index and the query, so both reduce to "가상화" and "컨테이너". Longest first.
KOREAN_PARTICLES: tuple[str, ...] = (
    "에서는",
    "으로는",
    "에서",
    "에게",
    "으로",
    "부터",
    "까지",
    "처럼",
    "보다",
    "이나",
    "이란",
    "란",
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "의",
    "에",
    "로",
    "와",
    "과",
    "도",
    "만",
    "나",
)

# Spaces, hyphens and punctuation split words; "하이퍼바이저(hypervisor)" becomes two.
_PUNCTUATION_SEPARATOR = r"[\s\-,.:;!?=/()\[\]{}<>\"'`·…]+"


def korean_separator(particles: Sequence[str] = KOREAN_PARTICLES) -> str:
    """lunr separator for Korean pages: punctuation, plus a particle at a word's end.

    The particle alternative needs a word character before it (a Hangul syllable, a Latin
    letter or digit as in "KVM은", or ")" as in "하이퍼바이저(hypervisor)는": lookbehind) and
    the end of the word after it (lookahead), so "가상화는" becomes "가상화" while "는" inside
    a word stays. Material applies the same regex to the indexed text and to each query term.
    """
    alternatives = "|".join(sorted(particles, key=len, reverse=True))
    return (
        rf"{_PUNCTUATION_SEPARATOR}|(?<=[가-힣A-Za-z0-9)])(?:{alternatives})"
        rf"(?=$|[\s\-,.:;!?=/()\[\]{{}}<>\"'`·…])"
    )


SEARCH_SETTINGS: Mapping[str, Mapping[str, object]] = {
    # "en" in a Korean index keeps English terms (KVM, VDI) searchable with stemming.
    "ko": {"lang": ["ko", "en"], "separator": korean_separator()},
    "en": {"lang": ["en"], "separator": _PUNCTUATION_SEPARATOR},
}


def split_search_index(
    index: Mapping[str, object],
    *,
    locales: Sequence[str] = LOCALES,
    default: str = DEFAULT_LOCALE,
    settings: Mapping[str, Mapping[str, object]] = SEARCH_SETTINGS,
) -> dict[str, dict[str, object]]:
    """Split the mixed index mkdocs-static-i18n writes into one index per language.

    Returns ``{prefix: index}``: '' for the root index (default language) and 'en/' etc.
    Locations become relative to the language folder, matching the per-language
    ``__config.base`` set by :func:`localize_config_base`.
    """
    docs = index.get("docs", [])
    assert isinstance(docs, list)
    config = index.get("config", {})
    assert isinstance(config, dict)
    prefixes = {loc: locale_prefix(loc, default=default) for loc in locales}
    out: dict[str, dict[str, object]] = {}
    for loc in locales:
        prefix = prefixes[loc]
        others = tuple(p for p in prefixes.values() if p and p != prefix)
        chosen: list[dict[str, object]] = []
        for doc in docs:
            location = str(doc["location"])
            if prefix and not location.startswith(prefix):
                continue
            if not prefix and location.startswith(others):
                continue
            chosen.append({**doc, "location": location.removeprefix(prefix)})
        out[prefix] = {"config": {**config, **settings.get(loc, {})}, "docs": chosen}
    return out


# --- sitemap --------------------------------------------------------------------------

_URL_BLOCK = re.compile(r"\s*<url>.*?</url>", re.DOTALL)
_LOC = re.compile(r"<loc>(?P<loc>[^<]*)</loc>")


def sitemap_for_folder(sitemap_xml: str, folder_url: str) -> str:
    """The sitemap restricted to URLs under ``folder_url`` (a sitemap may only list those).

    Written as ``en/sitemap.xml``, which Material reads for its English base.
    """

    def keep(match: re.Match[str]) -> str:
        loc = _LOC.search(match.group(0))
        return match.group(0) if loc and html.unescape(loc["loc"]).startswith(folder_url) else ""

    return _URL_BLOCK.sub(keep, sitemap_xml)


# --- 404 ------------------------------------------------------------------------------

_BUNDLE_SCRIPT = re.compile(
    r'<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js"[^>]*>'
)
_BODY = re.compile(r"<body[^>]*>(?P<body>.*)</body>", re.DOTALL)
_TITLE = re.compile(r"<title>(?P<title>.*?)</title>", re.DOTALL)
_SCRIPT = re.compile(r"<script(?![^>]*\bid=\"__config\")[^>]*>.*?</script>", re.DOTALL)

# Chosen before Material's bundle runs, so Material starts on the right language's DOM
# (and reads that language's __config, hence its search index).
_SWAP_SCRIPT = (
    "<script>(function(){{var t=document.getElementById({tid}),s=document.currentScript,"
    "p=location.pathname;if(!t||!(p+'/').startsWith({base}+{folder}))return;"
    "document.documentElement.lang={lang};document.title=t.dataset.title;"
    "document.body.replaceChildren(t.content,s)}})()</script>"
)


def compose_404(pages: Mapping[str, str], *, base_path: str, default: str = DEFAULT_LOCALE) -> str:
    """One root 404.html that shows the language of the requested path.

    GitHub Pages serves a single ``/404.html`` for every missing path. ``pages`` maps a
    locale to that language's rendered 404 page; the default language is the document,
    the others ride along in ``<template>`` elements and replace the body when the path
    starts with their folder (``/cloudnotes/en/...``). ``base_path`` is the site's path
    ('/cloudnotes/').
    """
    document = pages[default]
    match = _BUNDLE_SCRIPT.search(document)
    if match is None:
        raise ValueError("404 page: Material's bundle <script> not found; cannot add languages")
    extra: list[str] = []
    for locale, page in sorted(pages.items()):
        if locale == default:
            continue
        body = _BODY.search(page)
        title = _TITLE.search(page)
        if body is None or title is None:
            raise ValueError(f"404 page ({locale}): no <body> or <title>")
        content = _SCRIPT.sub("", body["body"])
        content = _BUNDLE_SCRIPT.split(content)[0]
        tid = f"cn-404-{locale}"
        extra.append(
            f'<template id="{tid}" data-title="{html.escape(title["title"].strip())}">'
            f"{content}</template>"
        )
        extra.append(
            _SWAP_SCRIPT.format(
                tid=json.dumps(tid),
                base=json.dumps(base_path),
                folder=json.dumps(locale_prefix(locale, default=default)),
                lang=json.dumps(locale),
            )
        )
    return document[: match.start()] + "".join(extra) + document[match.start() :]


def base_path(site_url: str) -> str:
    """'/cloudnotes/' for 'https://example.github.io/cloudnotes/'."""
    path = urlsplit(site_url).path or "/"
    return path if path.endswith("/") else path + "/"
