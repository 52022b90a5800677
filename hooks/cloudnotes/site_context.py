"""The facts of one site build, derived once and shared by every hook.

A site build is one ``mkdocs build`` (or one rebuild of ``mkdocs serve``): the Korean
build plus the English build that mkdocs-static-i18n runs from inside it. The context is
created when the Korean build starts and replaced on the next one, so nothing carries
over between rebuilds; ``locale`` follows the language being built.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.plugins import get_plugin_logger

from .abbreviations import SNIPPET_NAME, Glossary, compare_glossaries, parse_abbreviations
from .diagrams import DiagramLibrary
from .errors import AuthorError, Where
from .locales import DEFAULT_LOCALE, LOCALES
from .page_checks import locate_link_warning
from .page_dates import commit_times
from .ui import ui_text


def check_site_url(site_url: str | None) -> list[AuthorError]:
    """What is wrong with ``site_url`` for a published build (empty: nothing)."""
    fix = (
        "set SITE_URL to the published address, e.g. "
        "SITE_URL=https://<user>.github.io/cloudnotes/ (the Pages workflow takes it from "
        "actions/configure-pages)"
    )
    where = Where("mkdocs.yml")
    if not site_url:
        return [AuthorError(where=where, problem="site_url (SITE_URL) is empty", fix=fix)]
    parts = urlsplit(site_url)
    problems = []
    if parts.scheme not in ("http", "https") or not parts.netloc:
        problems.append(f"site_url {site_url!r} is not an absolute http(s) address")
    if parts.query or parts.fragment or "?" in site_url or "#" in site_url:
        problems.append(f"site_url {site_url!r} has a query or fragment")
    if not parts.path.endswith("/"):
        problems.append(f"site_url {site_url!r} does not end with '/'")
    return [AuthorError(where=where, problem=p, fix=fix) for p in problems]


LOCAL_SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's default, for make build and make serve


def check_site_url_is_set(environ: Mapping[str, str]) -> list[AuthorError]:
    """Inside GitHub Actions, SITE_URL must be set: the local default must never be deployed."""
    if environ.get("GITHUB_ACTIONS") != "true" or "SITE_URL" in environ:
        return []
    return [
        AuthorError(
            where=Where("mkdocs.yml"),
            problem=f"SITE_URL is not set in GitHub Actions, so this build would publish "
            f"the local default {LOCAL_SITE_URL} in every canonical and hreflang link",
            fix="set SITE_URL in the workflow step that builds, e.g. "
            "SITE_URL: ${{ steps.pages.outputs.base_url }}/ (from actions/configure-pages)",
        )
    ]


@dataclass
class PageInProgress:
    """The page between on_page_markdown and on_page_content (MkDocs renders one at a time)."""

    src_path: str  # "docs/hypervisors.ko.md"
    diagram_fences: list[int]  # 1-based line of each diagram fence, in page order
    diagrams_seen: dict[str, int] = field(default_factory=dict)  # name -> placements so far
    fences_rendered: int = 0


@dataclass
class SiteContext:
    root: Path  # the folder of mkdocs.yml
    docs_dir: Path
    site_url: str  # ends with "/"
    serve: bool  # `mkdocs serve`: problems show in the pages instead of failing
    locale: str = DEFAULT_LOCALE  # the language being built now
    locales: tuple[str, ...] = LOCALES
    default_locale: str = DEFAULT_LOCALE
    language_names: Mapping[str, str] = field(default_factory=dict)
    glossaries: dict[str, Glossary] = field(default_factory=dict)
    diagrams: DiagramLibrary | None = None
    page: PageInProgress | None = None
    problems: list[str] = field(default_factory=list)  # every warning logged in this build
    # Per language, kept until the build of every language is done:
    nav_pages: dict[str, list[Any]] = field(default_factory=dict)
    not_found_pages: dict[str, str] = field(default_factory=dict)
    stale_translations: dict[str, set[str]] = field(default_factory=dict)  # locale -> slugs
    unlisted_urls: set[str] = field(default_factory=set)  # absolute; kept out of sitemaps
    _commit_times: dict[Path, int] | None = None

    @property
    def includes(self) -> Path:
        return self.root / "includes"

    @property
    def base_path(self) -> str:
        """'/cloudnotes/' for 'https://example.github.io/cloudnotes/'."""
        path = urlsplit(self.site_url).path or "/"
        return path if path.endswith("/") else path + "/"

    def ui(self, locale: str | None = None) -> Mapping[str, str]:
        return ui_text(locale or self.locale)

    def abbreviations(self, locale: str | None = None) -> dict[str, str]:
        glossary = self.glossaries.get(locale or self.locale)
        return glossary.titles if glossary else {}

    def commit_times(self) -> Mapping[Path, int]:
        """The last commit of each file under docs/, read once per site build."""
        if self._commit_times is None:
            self._commit_times = commit_times(self.docs_dir)
        return self._commit_times

    def source(self, src_uri: str) -> str:
        """How authors see a page's file: 'docs/hypervisors.ko.md'."""
        try:
            docs = self.docs_dir.relative_to(self.root).as_posix()
        except ValueError:
            return src_uri
        return f"{docs}/{src_uri}"

    def report(self, error: AuthorError) -> None:
        """Log an author's mistake as a warning: `--strict` fails on it, serve shows it."""
        self.warn(error.message())

    def warn(self, message: str) -> None:
        _plugin_log.warning(message)


_plugin_log = get_plugin_logger("cloudnotes")
_current: SiteContext | None = None
_serving = False


def set_command(command: str) -> None:
    """Remember how MkDocs was started (on_startup): 'serve' turns problems into notices."""
    global _serving
    _serving = command == "serve"


def serving() -> bool:
    return _serving


def start(
    *,
    root: Path,
    docs_dir: Path,
    site_url: str,
    language_names: Mapping[str, str],
    glossaries: bool,
    environ: Mapping[str, str] | None = None,
) -> SiteContext:
    """A fresh context for a new site build; the previous one is forgotten.

    ``language_names`` are those mkdocs-static-i18n builds (empty for a one-language site);
    ``glossaries``: the site uses abbreviations, so every language needs its glossary;
    ``environ``: the build's environment (where SITE_URL came from).
    """
    global _current
    context = SiteContext(
        root=root,
        docs_dir=docs_dir,
        site_url=site_url,
        serve=_serving,
        language_names=dict(language_names),
    )
    _current = context
    _capture_problems()
    if not _serving:
        for problem in check_site_url_is_set(environ or {}) or check_site_url(site_url):
            context.report(problem)
    if language_names and sorted(language_names) != sorted(LOCALES):
        context.report(
            AuthorError(
                where=Where("mkdocs.yml"),
                problem=f"the i18n plugin builds {sorted(language_names)}, "
                f"but hooks/cloudnotes/locales.py lists {sorted(LOCALES)}",
                fix="keep the two lists of languages the same",
            )
        )
    if glossaries:
        context.glossaries = _read_glossaries(context)
    context.diagrams = DiagramLibrary(root / "diagrams", display_root=root)
    return context


def current() -> SiteContext:
    if _current is None:
        raise RuntimeError("no site build has started: the site_context hook must run first")
    return _current


def _read_glossaries(context: SiteContext) -> dict[str, Glossary]:
    glossaries: dict[str, Glossary] = {}
    for locale in context.locales:
        name = SNIPPET_NAME.format(locale=locale)
        path = context.includes / name
        if not path.is_file():
            context.report(
                AuthorError(
                    where=Where(f"includes/{name}"),
                    problem="the abbreviation glossary of this language is missing",
                    fix="create it (see CONTRIBUTING.md, 'Adding an acronym')",
                )
            )
            continue
        glossary, problems = parse_abbreviations(
            path.read_text(encoding="utf-8"), source=f"includes/{name}", locale=locale
        )
        glossaries[locale] = glossary
        for problem in problems:
            context.report(problem)
    for problem in compare_glossaries(list(glossaries.values())):
        context.report(problem)
    return glossaries


class _ProblemLog(logging.Handler):
    """Keeps every warning of the build for the preview's notice (see hooks/site_context.py)."""

    def emit(self, record: logging.LogRecord) -> None:
        if _current is not None:
            _current.problems.append(record.getMessage())


def _mkdocs_logger() -> logging.Logger:
    import mkdocs  # under ProperDocs this is the 'properdocs' package, whose logger it is

    return logging.getLogger(mkdocs.__name__)


class _LinkLines(logging.Filter):
    """Adds file:line and a fix to MkDocs' own warnings about broken links and anchors."""

    def filter(self, record: logging.LogRecord) -> bool:
        if _current is not None and record.levelno >= logging.WARNING:
            docs = _current.docs_dir
            shown = _current.source("").rstrip("/")
            located = locate_link_warning(record.getMessage(), docs_dir=docs, shown_docs=shown)
            if located is not None:
                record.msg, record.args = located, ()
        return True


def _capture_problems() -> None:
    logger = _mkdocs_logger()
    if not any(isinstance(h, _ProblemLog) for h in logger.handlers):
        logger.addHandler(_ProblemLog(level=logging.WARNING))
    pages = logging.getLogger(f"{logger.name}.structure.pages")
    if not any(isinstance(f, _LinkLines) for f in pages.filters):
        pages.addFilter(_LinkLines())


def keep_serving_after_problems() -> None:
    """Drop MkDocs' strict-mode counter for this build: a rebuild it aborts leaves every
    request of `mkdocs serve` hanging, so the preview shows the problems instead."""
    from mkdocs.utils import CountHandler

    logger = _mkdocs_logger()
    for handler in list(logger.handlers):
        if isinstance(handler, CountHandler):
            logger.removeHandler(handler)


def quiet_logging() -> None:
    """mkdocs-static-i18n logs whole config dicts at INFO on every build: keep its warnings."""
    logging.getLogger(f"{_mkdocs_logger().name}.plugins.mkdocs_static_i18n").setLevel(
        logging.WARNING
    )


def every_language_built(config: Any) -> bool:
    """True in the default language's on_post_build once the other languages are built
    (mkdocs-static-i18n builds them from inside it), and in a build without that plugin."""
    i18n = config.plugins.get("i18n")
    return i18n is None or not i18n.building
