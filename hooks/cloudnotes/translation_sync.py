"""Translations stay in step: each English page records the Korean version it translates.

``docs/<slug>.en.md`` carries ``translation_of: <first 12 hex digits of the SHA-256 of
docs/<slug>.ko.md>`` in its front matter. When the Korean page changes, the record no
longer matches and the English page is *stale*; the build warns (which fails
``--strict``) and the tests fail, naming the file and the command below.

Once the English page says what the Korean page now says, record it:

    make translation-done PAGE=hypervisors
    # = PYTHONPATH=hooks python -m cloudnotes.translation_sync refresh hypervisors
    make translations        # list stale or missing records (exit 1 if any)
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from .locales import DEFAULT_LOCALE

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs"
SOURCE_LOCALE = DEFAULT_LOCALE
TRANSLATION_LOCALES: tuple[str, ...] = ("en",)
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
class SyncProblem:
    path: str  # e.g. "docs/hypervisors.en.md"
    line: int
    slug: str
    kind: str  # "missing" or "stale"
    detail: str

    def message(self) -> str:
        return (
            f"{self.path}:{self.line}: {self.kind} translation record ({self.detail}). "
            f"Bring the page in step with docs/{self.slug}.{SOURCE_LOCALE}.md, then run "
            f"`{refresh_command(self.slug)}`."
        )


def check_pair(*, slug: str, source: str, translation: str, path: str) -> SyncProblem | None:
    digest = source_digest(source)
    record = read_record(translation)
    if record is None:
        detail = f"no '{KEY}:' in the front matter; the Korean page is at {digest}"
        return SyncProblem(path, 1, slug, "missing", detail)
    value, line = record
    if value != digest:
        detail = f"translates {value or '(empty)'}, the Korean page is now at {digest}"
        return SyncProblem(path, line, slug, "stale", detail)
    return None


def check_docs(docs: Path = DOCS) -> list[SyncProblem]:
    """Every stale or missing record under ``docs`` (pages without a twin are skipped:
    hooks/i18n_checks.py reports those)."""
    problems: list[SyncProblem] = []
    for source_file in sorted(docs.rglob(f"*.{SOURCE_LOCALE}.md")):
        slug = source_file.relative_to(docs).as_posix().removesuffix(f".{SOURCE_LOCALE}.md")
        for locale in TRANSLATION_LOCALES:
            target = source_file.with_name(f"{source_file.name[: -len('.ko.md')]}.{locale}.md")
            if not target.exists():
                continue
            problem = check_pair(
                slug=slug,
                source=source_file.read_text(encoding="utf-8"),
                translation=target.read_text(encoding="utf-8"),
                path=f"{docs.name}/{target.relative_to(docs).as_posix()}",
            )
            if problem is not None:
                problems.append(problem)
    return problems


def refresh(slug: str, docs: Path = DOCS) -> str:
    """Record that every translation of ``slug`` matches the current Korean page."""
    source = docs / f"{slug}.{SOURCE_LOCALE}.md"
    if not source.exists():
        raise SystemExit(f"{source}: no such Korean page (give the slug, e.g. 'hypervisors')")
    digest = source_digest(source.read_text(encoding="utf-8"))
    for locale in TRANSLATION_LOCALES:
        target = docs / f"{slug}.{locale}.md"
        text = target.read_text(encoding="utf-8")
        target.write_text(write_record(text, digest), encoding="utf-8")
    return digest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m cloudnotes.translation_sync",
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
            print(problem.message())
        return 1 if problems else 0
    slugs = list(args.slugs)
    if args.all:
        slugs = sorted({p.slug for p in check_docs(docs)})
        if not slugs:
            return 0
    if not slugs:
        parser.error("refresh: give page slugs or --all")
    for slug in slugs:
        print(f"{docs.name}/{slug}.en.md: translation_of: {refresh(slug.strip('/'), docs)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
