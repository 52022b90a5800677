"""Trim Material's palette stylesheet to the colours this site uses.

Material ships one ``palette.<hash>.min.css`` with every primary and accent colour (21
of each) and a rule that turns transitions off while the colour scheme switches::

    [data-md-color-switching] *, … { transition-duration: 0s !important }

Its palette script sets and then removes that attribute on ``<body>`` on *every* page
load, not only when the reader switches, and because the rule matches every element
the browser restyles the whole page twice, right after the first paint (bench/REPORT.md
has the numbers). Without the rule the attribute matches nothing. What a reader can see
instead: the colours fade for a moment (Material's own 0.25 s transitions) when they
press the light/dark toggle; a first visit needs no switch at all
(overrides/partials/palette-first-visit.html starts the page in the system scheme).

The trim is done on the built file by :func:`trim_palette`, a pure function over the
stylesheet's text, with tinycss2 as the parser so that ``@media`` blocks and selector
lists are handled as CSS, not as text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import tinycss2
from tinycss2 import ast

from .errors import AuthorError, Where

SWITCHING = "data-md-color-switching"
_COLOUR = re.compile(r"""\[data-md-color-(?P<kind>primary|accent)=["']?(?P<name>[\w-]+)["']?\]""")


@dataclass
class Trim:
    """What :func:`trim_palette` removed, for the build log and the tests."""

    css: str
    dropped_selectors: int = 0
    switching_rules: int = 0
    kept_colours: set[str] = field(default_factory=set)


def trim_palette(css: str, *, primaries: Iterable[str], accents: Iterable[str]) -> Trim:
    """Return ``css`` without the switching rule and without unused colour selectors.

    A selector naming ``[data-md-color-primary=X]`` or ``[data-md-color-accent=X]`` is
    kept only when X is one of ``primaries`` / ``accents``; a rule whose selectors are all
    dropped goes, and so does an at-rule left empty. Everything else is kept as written.
    Raises :class:`AuthorError` when the stylesheet does not look like Material's
    palette any more (no switching rule, or none of the colours in use).
    """
    wanted = {"primary": {p.lower() for p in primaries}, "accent": {a.lower() for a in accents}}
    trim = Trim(css="")
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    trim.css = "".join(_serialize(rule) for rule in _filter(rules, wanted, trim))
    if trim.switching_rules == 0:
        raise AuthorError(
            where=Where("mkdocs.yml"),
            problem=f"Material's palette stylesheet has no [{SWITCHING}] rule any more",
            fix="Material changed its palette; check that hooks/cloudnotes/palette.py still "
            "applies (bench/run.py measures the effect) and update or remove the trim",
        )
    for kind, names in wanted.items():
        missing = {f"{kind}={name}" for name in names} - trim.kept_colours
        if missing:
            raise AuthorError(
                where=Where("mkdocs.yml"),
                problem="Material's palette stylesheet has no rule for "
                f"{', '.join(sorted(missing))}",
                fix="use a colour Material defines in theme.palette",
            )
    return trim


def _filter(rules: list[ast.Node], wanted: dict[str, set[str]], trim: Trim) -> list[ast.Node]:
    kept: list[ast.Node] = []
    for rule in rules:
        if isinstance(rule, ast.QualifiedRule):
            selectors = _split_selectors(tinycss2.serialize(rule.prelude).strip())
            keep = [s for s in selectors if _keeps(s, wanted, trim)]
            trim.dropped_selectors += len(selectors) - len(keep)
            if keep:
                rule.prelude = tinycss2.parse_component_value_list(",".join(keep))
                kept.append(rule)
        elif isinstance(rule, ast.AtRule) and rule.content is not None:
            inner = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
            if any(isinstance(r, ast.QualifiedRule | ast.AtRule) for r in inner):
                filtered = _filter(inner, wanted, trim)
                if not filtered:
                    continue
                rule.content = tinycss2.parse_component_value_list(
                    "".join(_serialize(r) for r in filtered)
                )
            kept.append(rule)
        else:
            kept.append(rule)
    return kept


def _keeps(selector: str, wanted: dict[str, set[str]], trim: Trim) -> bool:
    if SWITCHING in selector:
        trim.switching_rules += 1
        return False
    for match in _COLOUR.finditer(selector):
        kind, name = match["kind"], match["name"].lower()
        if name not in wanted[kind]:
            return False
        trim.kept_colours.add(f"{kind}={name}")
    return True


def _split_selectors(prelude: str) -> list[str]:
    """Split a selector list on its top-level commas (not those inside ``:is(…)``)."""
    parts: list[str] = []
    depth = 0
    start = 0
    for index, char in enumerate(prelude):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(prelude[start:index].strip())
            start = index + 1
    parts.append(prelude[start:].strip())
    return [p for p in parts if p]


def _serialize(rule: ast.Node) -> str:
    return str(tinycss2.serialize([rule]))
