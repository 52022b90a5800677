"""Translations stay in step: each English page records the Korean version it translates.

``docs/<slug>.en.md`` carries ``translation_of: <first 12 hex digits of the SHA-256 of
docs/<slug>.ko.md>`` in its front matter. When the Korean page changes, the record no
longer matches and the English page is *stale*: the build warns (which fails
``--strict``), naming the file and the command below, and ``mkdocs serve`` shows a notice
on the English page.

Once the English page says what the Korean page now says, record it:

    make translation-done PAGE=hypervisors
    # = PYTHONPATH=hooks python -m cloudnotes.translation_records refresh hypervisors
    make translations        # list stale or missing records (exit 1 if any)
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from .errors import AuthorError, Where
from .locales import DEFAULT_LOCALE, TRANSLATED_LOCALES

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs"
SOURCE_LOCALE = DEFAULT_LOCALE
KEY = "translation_of"
DIGITS = 12
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?\n)?---[ \t]*\n", re.DOTALL)
_RECORD = re.compile(rf"^{KEY}:[ \t]*(?P<value>[0-9a-fA-F]*)[ \t]*(?:#.*)?$", re.MULTILINE)


def refresh_command(slug: str) -> str:
    return f"make translation-done PAGE={slug}"


def source_digest(source: str) -> str:
    """The record for a Korean page's text (line endings do not count)."""
    normalized = source.replace("\r\n", "\n")
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:DIGITS]


def read_record(translation: str) -> tuple[str, int] | None:
    """The recorded digest and its 1-based line number, or None without a record."""
    front = _FRONT_MATTER.match(translation)
    if front is None or front["body"] is None:
        return None
    record = _RECORD.search(front["body"])
    if record is None:
        return None
    line = front["body"].count("\n", 0, record.start()) + 2
    return record["value"].lower(), line


def write_record(translation: str, digest: str) -> str:
    """``translation`` with its record set to ``digest``; everything else unchanged."""
    line = f"{KEY}: {digest}"
    front = _FRONT_MATTER.match(translation)
    if front is None:
        return f"---\n{line}\n---\n\n{translation}"
    body = front["body"] or ""
    body = _RECORD.sub(line, body, count=1) if _RECORD.search(body) else body + line + "\n"
    return f"---\n{body}---\n" + translation[front.end() :]


@dataclass(frozen=True)
class StaleTranslation:
    """A translation whose record does not match its source page."""

    slug: str
    locale: str
    error: AuthorError


def _stale(path: str, line: int, slug: str, detail: str) -> AuthorError:
    return AuthorError(
        where=Where(path, line),
        problem=f"{detail}",
        fix=f"bring the page in step with docs/{slug}.{SOURCE_LOCALE}.md, then run "
        f"`{refresh_command(slug)}`",
    )


def check_pair(*, slug: str, source: str, translation: str, path: str) -> AuthorError | None:
    digest = source_digest(source)
    record = read_record(translation)
    if record is None:
        detail = (
            f"missing translation record (no '{KEY}:' in the front matter; "
            f"the Korean page is at {digest})"
        )
        return _stale(path, 1, slug, detail)
    value, line = record
    if value != digest:
        detail = (
            f"stale translation record (translates {value or '(empty)'}, "
            f"the Korean page is now at {digest})"
        )
        return _stale(path, line, slug, detail)
    return None


def check_docs(docs: Path = DOCS) -> list[StaleTranslation]:
    """Every stale or missing record under ``docs`` (pages without a twin are skipped:
    cloudnotes.missing_translations reports those)."""
    problems: list[StaleTranslation] = []
    suffix = f".{SOURCE_LOCALE}.md"
    for source_file in sorted(docs.rglob(f"*{suffix}")):
        slug = source_file.relative_to(docs).as_posix().removesuffix(suffix)
        for locale in TRANSLATED_LOCALES:
            target = docs / f"{slug}.{locale}.md"
            if not target.exists():
                continue
            error = check_pair(
                slug=slug,
                source=source_file.read_text(encoding="utf-8"),
                translation=target.read_text(encoding="utf-8"),
                path=f"{docs.name}/{target.relative_to(docs).as_posix()}",
            )
            if error is not None:
                problems.append(StaleTranslation(slug, locale, error))
    return problems


def refresh(slug: str, docs: Path = DOCS) -> str:
    """Record that every translation of ``slug`` matches the current Korean page."""
    source = docs / f"{slug}.{SOURCE_LOCALE}.md"
    if not source.exists():
        raise SystemExit(f"{source}: no such Korean page (give the slug, e.g. 'hypervisors')")
    digest = source_digest(source.read_text(encoding="utf-8"))
    for locale in TRANSLATED_LOCALES:
        target = docs / f"{slug}.{locale}.md"
        text = target.read_text(encoding="utf-8")
        target.write_text(write_record(text, digest), encoding="utf-8")
    return digest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m cloudnotes.translation_records",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--docs", type=Path, default=DOCS)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="list stale or missing records; exit 1 if any")
    do = sub.add_parser("refresh", help="record that a translation is up to date")
    do.add_argument("slugs", nargs="*", help="page slugs, e.g. hypervisors")
    do.add_argument("--all", action="store_true", help="every page (only after checking each)")
    args = parser.parse_args(argv)
    docs: Path = args.docs
    if args.command == "check":
        problems = check_docs(docs)
        for problem in problems:
            print(problem.error.message())
        return 1 if problems else 0
    slugs = list(args.slugs)
    if args.all:
        slugs = sorted({p.slug for p in check_docs(docs)})
        if not slugs:
            return 0
    if not slugs:
        parser.error("refresh: give page slugs or --all")
    for slug in slugs:
        digest = refresh(slug.strip("/"), docs)
        for locale in TRANSLATED_LOCALES:
            print(f"{docs.name}/{slug}.{locale}.md: {KEY}: {digest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
