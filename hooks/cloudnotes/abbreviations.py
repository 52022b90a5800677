"""Per-language abbreviation tooltips: parse the glossaries, give each page its own.

The abbreviations live in ``includes/abbreviations.<locale>.md`` as Markdown ``abbr``
definitions (``*[VM]: 가상 머신(virtual machine)``). ``markdown_extensions`` are global
and mkdocs-static-i18n cannot vary them per language, so before each page is rendered
the hook hands the abbr extension that page's glossary
(:meth:`HangulAwareAbbrExtension.use_glossary`).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrExtension, AbbrTreeprocessor

from .errors import AuthorError, Where
from .locales import HANGUL_LOCALES

# Path of the glossary for ``locale``, relative to includes/.
SNIPPET_NAME = "abbreviations.{locale}.md"

_DEFINITION = re.compile(r"^\*\[(?P<abbr>[^\]\\]+)\]:[ ]*(?P<title>.*?)\s*$")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")

# Python-Markdown's abbr wraps ``\bVM\b``, and ``\b`` sees Hangul as a word character, so
# "VM을" or "VDI를" (an acronym with a Korean particle attached, the normal way to write
# Korean) would get no tooltip. Only ASCII letters and digits count as a word boundary
# here; a plural "s" (VMs, CPUs) is allowed after the acronym and stays outside <abbr>.
_ASCII_WORD = "A-Za-z0-9_"


def abbreviation_pattern(abbreviations: Iterable[str]) -> re.Pattern[str]:
    """Regex matching any of ``abbreviations`` as a whole ASCII word (longest first)."""
    keys = sorted(set(abbreviations), key=lambda key: (-len(key), key))
    if not keys:
        raise ValueError("abbreviation_pattern() needs at least one abbreviation")
    alternatives = "|".join(re.escape(key) for key in keys)
    return re.compile(
        rf"(?<![{_ASCII_WORD}])(?:{alternatives})(?=s?(?![{_ASCII_WORD}]))",
    )


class HangulAwareAbbrTreeprocessor(AbbrTreeprocessor):  # type: ignore[misc]
    """Python-Markdown's abbr tree processor with :func:`abbreviation_pattern`."""

    def run(self, root: etree.Element) -> etree.Element | None:
        if not self.abbrs:
            return None
        self.RE = abbreviation_pattern(self.abbrs)
        self.iter_element(root)
        return None


class HangulAwareAbbrExtension(AbbrExtension):  # type: ignore[misc]
    """Drop-in replacement for ``abbr`` that also tooltips ``VM을``, ``VDI를`` and ``VMs``."""

    def extendMarkdown(self, md: Markdown) -> None:
        super().extendMarkdown(md)
        md.treeprocessors.register(HangulAwareAbbrTreeprocessor(md, self.abbrs), "abbr", 7)

    def use_glossary(self, titles: Mapping[str, str]) -> None:
        """Make ``titles`` the glossary of the next Markdown instance this extension joins.

        MkDocs builds one Markdown instance per page from the same extension objects, so
        the abbreviations a page defined itself are dropped here too: nothing carries
        over from one page, or one language, to the next.
        """
        self.reset_glossary()
        self.load_glossary(dict(titles))
        self.abbrs.clear()


def hangul_aware_abbr(extensions: Sequence[str | Extension]) -> HangulAwareAbbrExtension:
    """The abbr extension among ``extensions``, once :func:`use_hangul_aware_abbr` ran."""
    for extension in extensions:
        if isinstance(extension, HangulAwareAbbrExtension):
            return extension
    raise LookupError("markdown_extensions has no abbr extension; add `- abbr` to mkdocs.yml")


def use_hangul_aware_abbr(
    extensions: Sequence[str | Extension], configs: Mapping[str, Any]
) -> list[str | Extension]:
    """Return ``extensions`` with ``abbr`` swapped for :class:`HangulAwareAbbrExtension`.

    Idempotent: mkdocs-static-i18n runs one build per language on the same config.
    """
    swapped: list[str | Extension] = []
    for extension in extensions:
        if extension in ("abbr", "markdown.extensions.abbr"):
            options = dict(configs.get(str(extension), {}))
            swapped.append(HangulAwareAbbrExtension(**options))
        else:
            swapped.append(extension)
    return swapped


def abbreviate_text(text: str, titles: Mapping[str, str]) -> str:
    """Escape plain ``text`` as HTML, wrapping each known acronym in ``<abbr title>``.

    For HTML that hooks write themselves (figure text alternatives, generated tables):
    Markdown's abbr extension never sees it, yet readers get the same tooltips.
    """
    if not titles:
        return html.escape(text, quote=False)
    parts: list[str] = []
    position = 0
    for match in abbreviation_pattern(titles).finditer(text):
        abbr = match.group(0)
        parts.append(html.escape(text[position : match.start()], quote=False))
        parts.append(f'<abbr title="{html.escape(titles[abbr])}">{html.escape(abbr)}</abbr>')
        position = match.end()
    parts.append(html.escape(text[position:], quote=False))
    return "".join(parts)


@dataclass(frozen=True)
class Glossary:
    """The abbreviations of one language, in file order, with the line of each."""

    source: str
    titles: dict[str, str]
    lines: dict[str, int]


def parse_abbreviations(
    text: str, *, source: str, locale: str
) -> tuple[Glossary, list[AuthorError]]:
    """Parse one ``abbreviations.<locale>.md``; report every line a reader would trip on.

    Korean titles must contain Hangul (the tooltip is read by a Korean reader), English
    titles must not; every non-blank line must be one ``*[ABBR]: title`` definition.
    """
    titles: dict[str, str] = {}
    lines: dict[str, int] = {}
    problems: list[AuthorError] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = Where(source, number)
        match = _DEFINITION.match(line)
        if match is None:
            problems.append(
                AuthorError(
                    where=where,
                    problem=f"not an abbreviation definition: {line!r}",
                    fix="write one per line as *[ABBR]: expansion "
                    "(see CONTRIBUTING.md, 'Adding an acronym')",
                )
            )
            continue
        abbr, title = match["abbr"], match["title"]
        if not title:
            problems.append(
                AuthorError(
                    where=where,
                    problem=f"*[{abbr}] has no expansion after the colon",
                    fix=f"write the expansion after '*[{abbr}]: '",
                )
            )
            continue
        if abbr in lines:
            problems.append(
                AuthorError(
                    where=where,
                    problem=f"*[{abbr}] is defined twice (first on line {lines[abbr]})",
                    fix="keep one",
                )
            )
            continue
        has_hangul = _HANGUL.search(title) is not None
        if locale in HANGUL_LOCALES and not has_hangul:
            problems.append(
                AuthorError(
                    where=where,
                    problem=f"*[{abbr}]: the Korean tooltip {title!r} has no Korean",
                    fix="write it as 한국어 용어(English term), e.g. 가상 머신(virtual machine)",
                )
            )
        elif locale not in HANGUL_LOCALES and has_hangul:
            problems.append(
                AuthorError(
                    where=where,
                    problem=f"*[{abbr}]: the {locale} tooltip {title!r} has Hangul",
                    fix="write the expansion in the page's language",
                )
            )
        titles[abbr] = title
        lines[abbr] = number
    return Glossary(source, titles, lines), problems


def compare_glossaries(glossaries: Sequence[Glossary]) -> list[AuthorError]:
    """Every language must define the same abbreviations: report each one a file lacks."""
    problems: list[AuthorError] = []
    for glossary in glossaries:
        for other in glossaries:
            if other is glossary:
                continue
            for abbr in other.titles:
                if abbr not in glossary.titles:
                    problems.append(
                        AuthorError(
                            where=Where(glossary.source),
                            problem=f"*[{abbr}] is defined in {other.source}:"
                            f"{other.lines[abbr]} but not here",
                            fix="add its translation",
                        )
                    )
    return problems


# Ancestors that make an <abbr> unsuitable as a tab stop: inside a control it would be a
# control within a control (axe nested-interactive), inside a closed <details> Tab skips it.
_INTERACTIVE = frozenset({"a", "button", "label", "select", "summary", "textarea"})


# The scan needs only <abbr> and the ancestors above. Scripts, styles, comments and every
# other tag are skipped whole, attribute values included ("i<inputs" is no tag).
_KEPT_TAGS = "|".join(sorted(_INTERACTIVE | {"abbr", "details"}))
_ATTRIBUTES = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""
_TAG = re.compile(
    r"<script\b.*?</script\s*>|<style\b.*?</style\s*>|<!--.*?-->"
    rf"|<(?P<end>/)?(?P<name>{_KEPT_TAGS})(?=[\s/>])(?P<attrs>{_ATTRIBUTES})>"
    rf"|</?[a-zA-Z]{_ATTRIBUTES}>",
    re.S | re.I,
)
_ATTRIBUTE = re.compile(
    r"""(?P<name>[^\s/>"'=]+)(?:\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s>]*)))?"""
)
_ANY_TAG = re.compile(r"<[^>]*>")


@dataclass
class _Occurrence:
    offset: int  # of its start tag in the page
    tag: str  # the start tag as written
    title: str
    in_control: bool
    in_details: bool
    text: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return self.text.strip(), self.title


def _attributes(written: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(written):
        value = match["dq"] if match["dq"] is not None else match["sq"] or match["bare"] or ""
        found.setdefault(match["name"].lower(), html.unescape(value))
    return found


def _abbreviations(article: str) -> list[_Occurrence]:
    """Every ``<abbr title>`` of ``article``: where its start tag is, its text, its ancestors."""
    found: list[_Occurrence] = []
    open_tags: list[str] = []
    current: _Occurrence | None = None
    text_from = 0
    for match in _TAG.finditer(article):
        name = (match["name"] or "").lower()
        if not name:
            continue
        if match["end"]:
            if name == "abbr" and current is not None:
                current.text = html.unescape(_ANY_TAG.sub("", article[text_from : match.start()]))
                found.append(current)
                current = None
            if name in open_tags:
                while open_tags.pop() != name:
                    pass
            continue
        attributes = _attributes(match["attrs"])
        if name == "abbr" and attributes.get("title") and current is None:
            current = _Occurrence(
                offset=match.start(),
                tag=match[0],
                title=attributes["title"],
                in_control="tabindex" in attributes or any(t in _INTERACTIVE for t in open_tags),
                in_details="details" in open_tags,
            )
            text_from = match.end()
        open_tags.append(name)
    return found


def focusable_first_abbreviations(page_html: str) -> str:
    """Make the first occurrence of each abbreviation on a page a tab stop (tabindex="0").

    A keyboard user then reaches every abbreviation's meaning once per page (the site's
    script shows it on focus) without one tab stop per occurrence: the hypervisors page
    has 134 occurrences of 10 abbreviations. The first occurrence outside controls and
    closed ``<details>`` wins; one inside ``<details>`` (not its summary) is the fallback.
    An abbreviation that already has a tabindex somewhere keeps only that one.
    """
    # Abbreviations come from the page's Markdown, so they live in its <article>: the header
    # and the navigation around it need no scan.
    start = max(page_html.find("<article"), 0)
    end = page_html.rfind("</article>")
    article = page_html[start : end if end > start else len(page_html)]
    occurrences = _abbreviations(article)
    for found in occurrences:
        found.offset += start
    handled = {o.key for o in occurrences if " tabindex=" in o.tag}
    chosen: dict[tuple[str, str], _Occurrence] = {}
    fallback: dict[tuple[str, str], _Occurrence] = {}
    for occurrence in occurrences:
        if occurrence.in_control or occurrence.key in handled:
            continue
        (fallback if occurrence.in_details else chosen).setdefault(occurrence.key, occurrence)
    picks = [*chosen.values(), *(o for k, o in fallback.items() if k not in chosen)]
    out = page_html
    for occurrence in sorted(picks, key=lambda o: o.offset, reverse=True):
        at, tag = occurrence.offset, occurrence.tag
        if out[at : at + len(tag)] != tag or not tag.startswith("<abbr"):
            continue  # the scanner lost its place (malformed HTML): leave the tag alone
        out = f'{out[: at + 5]} tabindex="0"{out[at + 5 :]}'
    return out
