"""A sitemap per language folder (Material reads ``<base>/sitemap.xml``)."""

from __future__ import annotations

import gzip
import html
import re

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


def gzip_sitemap(sitemap_xml: bytes) -> bytes:
    """``sitemap.xml.gz``: no file name and no time in the gzip header (mtime 0), so the same
    sitemap always gives the same bytes (MkDocs stamps it with the build's date)."""
    return gzip.compress(sitemap_xml, compresslevel=9, mtime=0)


def sitemap_without(sitemap_xml: str, urls: set[str]) -> str:
    """The sitemap without the pages at ``urls`` (absolute): pages that ask not to be
    indexed (``robots: noindex``) are no sitemap entries, and no duplicates of others."""

    def keep(match: re.Match[str]) -> str:
        loc = _LOC.search(match.group(0))
        return "" if loc and html.unescape(loc["loc"]) in urls else match.group(0)

    return _URL_BLOCK.sub(keep, sitemap_xml)
