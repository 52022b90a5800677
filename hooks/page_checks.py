"""MkDocs glue: mistakes in a page's Markdown that would otherwise be published silently or
stop the build with a traceback, reported with file:line (cloudnotes.page_checks)."""

from __future__ import annotations

from pathlib import Path

from cloudnotes import site_context
from cloudnotes.page_checks import (
    drop_missing_snippets,
    footnote_problems,
    front_matter_problems,
    resolve_snippet,
    script_problems,
    snippet_paths,
    unknown_tag_problems,
    without_front_matter,
)
from cloudnotes.page_source import body_first_line
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page


@event_priority(100)  # before any hook reads the page: bad front matter and includes go first
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    context = site_context.current()
    path = context.source(page.file.src_uri)
    source = page.file.abs_src_path
    raw = Path(source).read_text(encoding="utf-8") if source else markdown
    problems = front_matter_problems(raw, path=path)
    if problems:
        markdown = without_front_matter(markdown)
    first = body_first_line(raw)
    problems += footnote_problems(markdown, path=path, first_line=first)
    problems += script_problems(markdown, path=path, first_line=first)
    problems += unknown_tag_problems(markdown, path=path, first_line=first)
    bases = [Path(p) for p in config.mdx_configs.get("pymdownx.snippets", {}).get("base_path", [])]
    if bases:
        shown = _shown(context, bases[0])
        markdown, missing = drop_missing_snippets(
            markdown, path=path, base_paths=bases, shown_base=shown, first_line=first
        )
        problems += missing
        for _, snippet in snippet_paths(markdown, first_line=first):
            found = resolve_snippet(snippet, bases)
            if found is not None:
                text = found.read_text(encoding="utf-8")
                problems += script_problems(text, path=_shown(context, found))
                problems += unknown_tag_problems(text, path=_shown(context, found))
    for problem in problems:
        context.report(problem)
    return markdown


def _shown(context: site_context.SiteContext, path: Path) -> str:
    try:
        return path.resolve().relative_to(context.root).as_posix()
    except ValueError:
        return path.as_posix()
