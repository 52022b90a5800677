"""MkDocs glue: ship docs/assets/stylesheets/site.css with its @imports inlined
(cloudnotes.stylesheets), and Material's palette stylesheet trimmed to the colours in use
(cloudnotes.palette). The files it imports are not published on their own: no page uses them.
Every page's inline head scripts go above its stylesheets, so that they wait for none."""

from __future__ import annotations

from pathlib import Path

from cloudnotes import site_context
from cloudnotes.errors import AuthorError, Where
from cloudnotes.palette import trim_palette
from cloudnotes.stylesheets import imported_names, inline_imports, scripts_before_stylesheets
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

BUNDLE = "assets/stylesheets/site.css"
PALETTE = "assets/stylesheets/palette.*.min.css"
TRIMMED = "/* Trimmed to the colours in use by hooks/cloudnotes/palette.py */\n"


def on_files(files: Files, config: MkDocsConfig) -> Files:
    source = site_context.current().docs_dir / BUNDLE
    if source.is_file():
        folder = BUNDLE.rsplit("/", 1)[0]
        for name in imported_names(source.read_text(encoding="utf-8")):
            imported = files.get_file_from_path(f"{folder}/{name}")
            if imported is not None:
                files.remove(imported)
    return files


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return scripts_before_stylesheets(output)


@event_priority(50)  # before not_found_page.py keeps each language's 404 page
def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name.endswith(".html"):
        return scripts_before_stylesheets(output_content)
    return output_content


def on_post_build(config: MkDocsConfig) -> None:
    # Runs once per language: mkdocs-static-i18n builds every language into the same
    # site_dir and copies docs/ and theme assets there again each time.
    context = site_context.current()
    built = Path(config.site_dir) / BUNDLE
    source = context.docs_dir / BUNDLE
    shown = context.source(BUNDLE)
    if not built.is_file() or not source.is_file():
        context.report(
            AuthorError(
                where=Where(shown),
                problem="the site's one stylesheet is missing from the build",
                fix="restore it, or update extra_css in mkdocs.yml and hooks/stylesheets.py",
            )
        )
        return

    def read(name: str) -> str | None:
        file = source.parent / name
        return file.read_text(encoding="utf-8") if file.is_file() else None

    try:
        css = inline_imports(source.read_text(encoding="utf-8"), source=shown, read=read)
    except AuthorError as error:
        context.report(error)
    else:
        built.write_text(css, encoding="utf-8")
    _trim_palette(config, context)


def _trim_palette(config: MkDocsConfig, context: site_context.SiteContext) -> None:
    palette = config.theme.get("palette") or []
    schemes = palette if isinstance(palette, list) else [palette]
    if not schemes:
        return
    built = sorted(Path(config.site_dir).glob(PALETTE))
    if len(built) != 1:
        context.report(
            AuthorError(
                where=Where("mkdocs.yml"),
                problem=f"theme.palette is set but the build has {len(built)} files matching "
                f"{PALETTE} (Material ships one)",
                fix="check that hooks/cloudnotes/palette.py still applies to this Material",
            )
        )
        return
    text = built[0].read_text(encoding="utf-8")
    if text.startswith(TRIMMED):  # `mkdocs serve --dirty` keeps the trimmed copy
        return
    try:
        trim = trim_palette(
            text,
            primaries={s.get("primary") or "indigo" for s in schemes},
            accents={s.get("accent") or "indigo" for s in schemes},
        )
    except AuthorError as error:
        context.report(error)
        return
    built[0].write_text(TRIMMED + trim.css, encoding="utf-8")
