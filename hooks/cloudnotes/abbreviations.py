"""Per-language abbreviation tooltips: parse the glossaries, give each page its own.

The abbreviations live in ``includes/abbreviations.<locale>.md`` as Markdown ``abbr``
definitions (``*[VM]: 가상 머신(virtual machine)``). ``markdown_extensions`` are global
and mkdocs-static-i18n cannot vary them per language, so before each page is rendered
the hook hands the abbr extension that page's glossary
(:meth:`HangulAwareAbbrExtension.use_glossary`). An earlier version appended the
definitions to every page's Markdown as a snippet: the same tooltips, but Markdown then
parsed 46 definition lines per page, 12 % of the whole build.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrExtension, AbbrTreeprocessor

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
        self.glossary = dict(titles)
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


def read_abbreviations(includes: Path, *, locale: str) -> dict[str, str]:
    """The committed abbreviations of ``locale`` (``includes/abbreviations.<locale>.md``)."""
    name = SNIPPET_NAME.format(locale=locale)
    text = (includes / name).read_text(encoding="utf-8")
    glossary, _ = parse_abbreviations(text, source=f"includes/{name}", locale=locale)
    return glossary.titles


@dataclass(frozen=True)
class Problem:
    source: str
    line: int
    text: str

    def message(self) -> str:
        return f"{self.source}:{self.line}: {self.text}"


@dataclass(frozen=True)
class Glossary:
    """The abbreviations of one language, in file order, with the line of each."""

    source: str
    titles: dict[str, str]
    lines: dict[str, int]


def parse_abbreviations(text: str, *, source: str, locale: str) -> tuple[Glossary, list[Problem]]:
    """Parse one ``abbreviations.<locale>.md``; report every line a reader would trip on.

    Korean titles must contain Hangul (the tooltip is read by a Korean reader), English
    titles must not; every non-blank line must be one ``*[ABBR]: title`` definition.
    """
    titles: dict[str, str] = {}
    lines: dict[str, int] = {}
    problems: list[Problem] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _DEFINITION.match(line)
        if match is None:
            problems.append(
                Problem(
                    source,
                    number,
                    f"not an abbreviation definition: {line!r}. Write one per line as "
                    "*[ABBR]: expansion (see CONTRIBUTING.md, 'Adding an acronym').",
                )
            )
            continue
        abbr, title = match["abbr"], match["title"]
        if not title:
            problems.append(Problem(source, number, f"*[{abbr}] has no expansion after the colon."))
            continue
        if abbr in lines:
            problems.append(
                Problem(
                    source,
                    number,
                    f"*[{abbr}] is defined twice (first on line {lines[abbr]}); keep one.",
                )
            )
            continue
        has_hangul = _HANGUL.search(title) is not None
        if locale == "ko" and not has_hangul:
            problems.append(
                Problem(
                    source,
                    number,
                    f"*[{abbr}]: the Korean tooltip {title!r} has no Korean; write it as "
                    "한국어 용어(English term), e.g. 가상 머신(virtual machine).",
                )
            )
        elif locale != "ko" and has_hangul:
            problems.append(
                Problem(source, number, f"*[{abbr}]: the English tooltip {title!r} has Hangul.")
            )
        titles[abbr] = title
        lines[abbr] = number
    return Glossary(source, titles, lines), problems


def compare_glossaries(glossaries: Sequence[Glossary]) -> list[Problem]:
    """Every language must define the same abbreviations: report each one a file lacks."""
    problems: list[Problem] = []
    for glossary in glossaries:
        for other in glossaries:
            if other is glossary:
                continue
            for abbr in other.titles:
                if abbr not in glossary.titles:
                    problems.append(
                        Problem(
                            glossary.source,
                            1,
                            f"*[{abbr}] is defined in {other.source}:{other.lines[abbr]} "
                            "but not here; add its translation.",
                        )
                    )
    return problems
