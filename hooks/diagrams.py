"""MkDocs glue: render ```diagram fences as inline SVG figures (logic: cloudnotes.diagrams).

A page writes a fenced block whose language is ``diagram`` and whose body is a figure
name; the figure comes from ``diagrams/<name>.yml`` with the labels of the page's locale.
A mistake is reported with the source file:line and the page file:line, and the page
shows a notice where the figure would be.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from cloudnotes import site_context
from cloudnotes.diagrams import render_figure_html
from cloudnotes.diagrams.library import NAME
from cloudnotes.diagrams.placement import compare_placements, diagram_fences
from cloudnotes.errors import AuthorError, Where
from cloudnotes.page_source import body_first_line
from cloudnotes.site_context import PageInProgress, SiteContext
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

FENCE_LANGUAGE = "diagram"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Runs for every language build on the same config: replace, never duplicate, the fence.
    if "pymdownx.superfences" not in config.markdown_extensions:
        site_context.current().report(
            AuthorError(
                where=Where("mkdocs.yml"),
                problem="hooks/diagrams.py needs pymdownx.superfences",
                fix="add 'pymdownx.superfences' to markdown_extensions",
            )
        )
        return config
    superfences = config.mdx_configs.setdefault("pymdownx.superfences", {})
    fences = [f for f in superfences.get("custom_fences", []) if f.get("name") != FENCE_LANGUAGE]
    fences.append({"name": FENCE_LANGUAGE, "class": FENCE_LANGUAGE, "format": format_fence})
    superfences["custom_fences"] = fences
    return config


@event_priority(90)
def on_pre_build(config: MkDocsConfig) -> None:
    """Every language version of a page places the same figures (checked once per site)."""
    context = site_context.current()
    if context.locale != context.default_locale:
        return
    for slug, versions in _page_versions(context).items():
        fences = {loc: diagram_fences(p.read_text(encoding="utf-8")) for loc, p in versions.items()}
        paths = {loc: context.source(f"{slug}.{loc}.md") for loc in versions}
        for problem in compare_placements(fences, paths=paths):
            context.report(problem)


def _page_versions(context: SiteContext) -> dict[str, dict[str, Path]]:
    versions: dict[str, dict[str, Path]] = {}
    for locale in context.locales:
        for path in sorted(context.docs_dir.rglob(f"*.{locale}.md")):
            slug = path.relative_to(context.docs_dir).as_posix().removesuffix(f".{locale}.md")
            versions.setdefault(slug, {})[locale] = path
    return versions


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> None:
    context = site_context.current()
    source = page.file.abs_src_path
    first = body_first_line(Path(source).read_text(encoding="utf-8")) if source else 1
    context.page = PageInProgress(
        src_path=context.source(page.file.src_uri),
        diagram_fences=[f.line for f in diagram_fences(markdown, first_line=first)],
    )


def on_page_content(html_text: str, page: Page, config: MkDocsConfig, files: Files) -> None:
    site_context.current().page = None


def format_fence(
    source: str, language: str, css_class: str, options: Any, md: Any, **kwargs: Any
) -> str:
    """superfences custom-fence formatter (its signature)."""
    context = site_context.current()
    page = context.page
    if page is None:
        where = None
    else:
        index = page.fences_rendered
        page.fences_rendered += 1
        line = page.diagram_fences[index] if index < len(page.diagram_fences) else None
        where = Where(page.src_path, line)
    name = source.strip()
    try:
        if not NAME.match(name):
            raise AuthorError(
                where=where,
                problem=f"a diagram fence must hold exactly one figure name, not {source!r}",
                fix="write the figure name alone on the line inside the fence, e.g. "
                "hypervisor-types",
            )
        figure = context.diagrams.figure(name) if context.diagrams else None
        if figure is None or page is None:
            raise AuthorError(
                where=where,
                problem="a ```diagram fence was rendered outside a page",
                fix="use diagram fences only in pages under docs/",
            )
        occurrence = page.diagrams_seen.get(name, 0) + 1
        page.diagrams_seen[name] = occurrence
        return render_figure_html(
            figure,
            locale=context.locale,
            figure_id=f"dg-{name}-{occurrence}",
            abbreviations=context.abbreviations(),
        )
    except AuthorError as error:
        message = error.message()
        if where is not None and not message.startswith(str(where)):
            message = f"Diagram {name!r} used in {where}: {message}"
    except Exception as error:  # a bug in cloudnotes.diagrams, not in the source
        message = (
            f"Diagram {name!r} used in {where}: could not render "
            f"({type(error).__name__}: {error}). Fix: report a bug in hooks/cloudnotes/diagrams."
        )
    context.warn(message)
    return (
        '<div class="cn-build-problem" role="alert">'
        f"<p><strong>{html.escape(context.ui()['figure_not_drawn'])}</strong></p>"
        f"<p><code>{html.escape(message)}</code></p></div>"
    )
