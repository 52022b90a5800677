"""MkDocs glue: render ```diagram fences as inline SVG figures (logic: cloudnotes.diagrams).

A page writes a fenced block whose language is ``diagram`` and whose body is a figure
name; the figure comes from ``diagrams/<name>.yml`` with the labels of the page's locale.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cloudnotes.abbreviations import SNIPPET_NAME, read_abbreviations
from cloudnotes.diagrams import LOCALES, DiagramError, DiagramLibrary, render_figure_html
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from pymdownx.superfences import SuperFencesException

FENCE_LANGUAGE = "diagram"
SOURCE_FOLDER = "diagrams"
_FENCE_OPEN = re.compile(r"^[ \t>]*(?:`{3,}|~{3,})[ \t]*\{?[ \t]*\.?diagram\b")


class DiagramBuildError(PluginError, SuperFencesException):  # type: ignore[misc]
    """Stops the build with a plain message: superfences lets only SuperFencesException
    through (it swallows anything else and leaves the fence as code), and MkDocs prints a
    PluginError without a traceback."""


@dataclass
class _PageInProgress:
    src_path: str  # "docs/hypervisors.ko.md"
    locale: str
    fence_lines: list[tuple[str, int]]  # (figure name, line) of each diagram fence
    seen: dict[str, int] = field(default_factory=dict)  # figure name -> placements so far


class _DiagramFences:
    """State of one build: the source library and the page being rendered right now.

    MkDocs renders pages one at a time, between on_page_markdown and on_page_content;
    the page is forgotten after each, so nothing leaks into the next page or language.
    """

    def __init__(
        self,
        library: DiagramLibrary,
        *,
        docs_prefix: str,
        fallback_locale: str,
        includes: Path,
    ):
        self.library = library
        self.docs_prefix = docs_prefix
        self.fallback_locale = fallback_locale
        self.includes = includes
        self.page: _PageInProgress | None = None
        self._abbreviations: dict[str, dict[str, str]] = {}

    def abbreviations(self, locale: str) -> dict[str, str]:
        """The acronym tooltips of ``locale``, read once per build (none if the site has none)."""
        if locale not in self._abbreviations:
            has_file = (self.includes / SNIPPET_NAME.format(locale=locale)).is_file()
            self._abbreviations[locale] = (
                read_abbreviations(self.includes, locale=locale) if has_file else {}
            )
        return self._abbreviations[locale]

    def start_page(self, markdown: str, page: Page) -> None:
        locale = getattr(page.file, "locale", None) or self.fallback_locale
        self.page = _PageInProgress(
            src_path=f"{self.docs_prefix}{page.file.src_uri}",
            locale=locale if locale in LOCALES else self.fallback_locale,
            fence_lines=_diagram_fence_lines(markdown),
        )

    def end_page(self) -> None:
        self.page = None

    def format(
        self, source: str, language: str, css_class: str, options: Any, md: Any, **kwargs: Any
    ) -> str:
        """superfences custom-fence formatter (its signature)."""
        page = self.page
        if page is None:
            raise DiagramBuildError(
                "A ```diagram fence was rendered outside a page. Fix: use diagram fences "
                "only in pages under docs/."
            )
        name = source.strip()
        occurrence = page.seen.get(name, 0) + 1
        page.seen[name] = occurrence
        try:
            if not name or len(name.split()) != 1:
                raise DiagramError(
                    where=None,
                    problem=f"a diagram fence must hold exactly one figure name, not {source!r}",
                    fix="write the figure name alone on the line inside the fence",
                )
            figure = self.library.figure(name)
            return render_figure_html(
                figure,
                locale=page.locale,
                figure_id=f"dg-{name}-{occurrence}",
                abbreviations=self.abbreviations(page.locale),
            )
        except DiagramError as error:
            raise DiagramBuildError(self._describe(error, page, name, occurrence)) from None
        except Exception as error:  # superfences would swallow it and print the fence as code
            raise DiagramBuildError(
                f"Diagram {name!r} used in {page.src_path}: could not render "
                f"({type(error).__name__}: {error}). Fix the cause above, or report a bug in "
                "hooks/cloudnotes/diagrams."
            ) from error

    @staticmethod
    def _describe(error: DiagramError, page: _PageInProgress, name: str, occurrence: int) -> str:
        lines = [line for fence, line in page.fence_lines if fence == name]
        used_at = page.src_path
        if len(lines) >= occurrence:
            used_at += f":{lines[occurrence - 1]}"
        return f"Diagram {name!r} used in {used_at}: {error.message()}"


def _diagram_fence_lines(markdown: str) -> list[tuple[str, int]]:
    """(figure name, 1-based line of the opening fence) for error messages only."""
    found: list[tuple[str, int]] = []
    lines = markdown.splitlines()
    for number, line in enumerate(lines):
        if _FENCE_OPEN.match(line) and number + 1 < len(lines):
            body = lines[number + 1].strip(" \t>")
            found.append((body, number + 1))
    return found


_fences: _DiagramFences | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Runs again for every language build of mkdocs-static-i18n (same config object), and
    # on every rebuild of `mkdocs serve`: a fresh library means edited sources are re-read.
    global _fences
    if "pymdownx.superfences" not in config.markdown_extensions:
        raise PluginError(
            "hooks/diagrams.py needs pymdownx.superfences. Fix: add 'pymdownx.superfences' "
            "to markdown_extensions in mkdocs.yml."
        )
    root = Path(config.config_file_path).resolve().parent
    docs = Path(config.docs_dir).resolve()
    docs_prefix = docs.relative_to(root).as_posix() + "/" if docs.is_relative_to(root) else ""
    theme_language = str(config.theme["language"]) if "language" in config.theme else ""
    _fences = _DiagramFences(
        DiagramLibrary(root / SOURCE_FOLDER, display_root=root),
        docs_prefix=docs_prefix,
        fallback_locale=theme_language if theme_language in LOCALES else LOCALES[0],
        includes=root / "includes",
    )
    superfences = config.mdx_configs.setdefault("pymdownx.superfences", {})
    fences = [
        fence
        for fence in superfences.get("custom_fences", [])
        if fence.get("name") != FENCE_LANGUAGE
    ]
    fences.append({"name": FENCE_LANGUAGE, "class": FENCE_LANGUAGE, "format": _fences.format})
    superfences["custom_fences"] = fences
    return config


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> None:
    if _fences is not None:
        _fences.start_page(markdown, page)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> None:
    if _fences is not None:
        _fences.end_page()
