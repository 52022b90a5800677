"""Comparison figures from one bilingual declarative source, rendered as inline SVG.

``library`` finds and caches sources, ``parse`` reads them with line numbers,
``layout`` places boxes from estimated text widths (``textwidth``), ``render`` writes
the HTML. ``hooks/diagrams.py`` is the MkDocs glue. Format: README.md, "Add a diagram".
"""

from __future__ import annotations

from ..errors import AuthorError, Where
from ..locales import LOCALES
from .library import DiagramLibrary
from .model import Figure
from .parse import parse_figure
from .render import render_figure_html

__all__ = [
    "LOCALES",
    "AuthorError",
    "DiagramLibrary",
    "Figure",
    "Where",
    "parse_figure",
    "render_figure_html",
]
