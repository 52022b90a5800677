"""MkDocs glue: ship docs/assets/stylesheets/site.css with its @imports inlined, and
Material's palette stylesheet trimmed to the colours in use (cloudnotes/palette.py)."""

from __future__ import annotations

from pathlib import Path

from cloudnotes.palette import PaletteError, trim_palette
from cloudnotes.stylesheets import StylesheetError, inline_imports
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

BUNDLE = "assets/stylesheets/site.css"
PALETTE = "assets/stylesheets/palette.*.min.css"
TRIMMED = "/* Trimmed to the colours in use by hooks/cloudnotes/palette.py */\n"


def on_post_build(config: MkDocsConfig) -> None:
    # Runs once per language: mkdocs-static-i18n builds every language into the same
    # site_dir and copies docs/ and theme assets there again each time, so each run
    # starts from fresh, untrimmed copies.
    built = Path(config.site_dir) / BUNDLE
    docs = Path(config.docs_dir)
    if not built.is_file():
        raise PluginError(
            f"docs/{BUNDLE} is missing from the build: it is the site's one stylesheet "
            "(extra_css in mkdocs.yml); restore it or update hooks/stylesheets.py"
        )

    def read(path: str) -> str | None:
        file = docs / path
        return file.read_text(encoding="utf-8") if file.is_file() else None

    source = (docs / BUNDLE).read_text(encoding="utf-8")
    try:
        built.write_text(inline_imports(source, source=BUNDLE, read=read), encoding="utf-8")
    except StylesheetError as error:
        raise PluginError(f"docs/{error.message()}") from None
    _trim_palette(config)


def _trim_palette(config: MkDocsConfig) -> None:
    palette = config.theme.get("palette") or []
    schemes = palette if isinstance(palette, list) else [palette]
    if not schemes:
        return
    built = sorted(Path(config.site_dir).glob(PALETTE))
    if len(built) != 1:
        raise PluginError(
            f"mkdocs.yml: theme.palette is set but the build has {len(built)} files matching "
            f"{PALETTE} (expected Material's one); check hooks/cloudnotes/palette.py"
        )
    text = built[0].read_text(encoding="utf-8")
    if text.startswith(TRIMMED):  # `mkdocs serve --dirty` keeps the trimmed copy
        return
    try:
        trim = trim_palette(
            text,
            primaries={s.get("primary") or "indigo" for s in schemes},
            accents={s.get("accent") or "indigo" for s in schemes},
        )
    except PaletteError as error:
        raise PluginError(f"{built[0].name}: {error.message()}") from None
    built[0].write_text(TRIMMED + trim.css, encoding="utf-8")
