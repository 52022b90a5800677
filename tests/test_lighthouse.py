"""Lighthouse: Accessibility, Best practices and SEO score 1.0 on every page, the languages
taking turns page by page (axe-core checks every page of both languages: test_a11y.py; the
descriptions of both are checked below).

Lighthouse 12.2.3 (node_modules, from package-lock.json) drives Debian's Chromium with
mobile emulation, its default. Only those three categories run: Performance depends on the
machine and lives in the benchmark (bench/run.py). Pages run three at a time: a run mostly waits on
the page, and two cores keep up with three.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.support import CHROMIUM, CHROMIUM_ARGS, REPO, one_language_each, page_pairs, read_html

LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("accessibility", "best-practices", "seo")
PARALLEL = 3
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def source_of(slug: str, locale: str) -> str:
    return f"docs/{slug.rstrip('/') or 'index'}.{locale}.md"


def run_lighthouse(url: str) -> dict[str, Any]:
    """One Lighthouse run of url; the JSON report (lhr)."""
    result = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--only-categories=" + ",".join(CATEGORIES),
            "--output=json",
            "--output-path=stdout",
            "--quiet",
            "--chrome-flags=" + " ".join(CHROMIUM_ARGS),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "CHROME_PATH": str(CHROMIUM)},
    )
    assert result.returncode == 0 and result.stdout, f"lighthouse {url} failed:\n{result.stderr}"
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def failing_audits(report: dict[str, Any], category: str) -> list[str]:
    """'audit-id: title (first offending items)' for each weighted audit below 1."""
    lines = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref["weight"] == 0 or audit["score"] is None or audit["score"] >= 1:
            continue
        items = audit.get("details", {}).get("items", [])[:3]
        where = "; ".join(
            str(item.get("node", {}).get("snippet") or item.get("url") or item)[:120]
            for item in items
        )
        lines.append(f"{ref['id']}: {audit['title']} {where}".rstrip())
    return lines


def front_matter(source: Path) -> dict[str, Any]:
    text = source.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return {}
    block = text[4 : text.find("\n---", 4)]
    data = yaml.safe_load(block)
    return data if isinstance(data, dict) else {}


def test_every_page_has_its_own_meta_description_in_its_language(site: Path) -> None:
    """Each page's `description:` (front matter) is in its language and reaches the HTML."""
    problems: list[str] = []
    for pair in page_pairs(site):
        for locale in ("ko", "en"):
            source = source_of(pair.slug, locale)
            text = str(front_matter(REPO / source).get("description") or "").strip()
            soup = read_html(site, pair.path(locale))
            meta = soup.select_one('meta[name="description"]')
            if not text:
                problems.append(f"{source}: add `description:` to its front matter")
            elif (locale == "ko") != bool(HANGUL.search(text)):
                problems.append(f"{source}: description is not in {locale}: {text!r}")
            elif len(text) < 50:
                problems.append(f"{source}: description too short to be useful: {text!r}")
            elif meta is None or meta.get("content") != text:
                problems.append(f"{source}: description missing from <meta> of the built page")
    assert not problems, "\n".join(problems)


@pytest.mark.browser
def test_lighthouse_accessibility_best_practices_seo_are_perfect(site: Path, base_url: str) -> None:
    assert LIGHTHOUSE.exists(), f"{LIGHTHOUSE} missing: run `npm ci` (make test does)"
    urls = [base_url + path for path in one_language_each(page_pairs(site))]
    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        reports = list(pool.map(run_lighthouse, urls))
    problems: list[str] = []
    for url, report in zip(urls, reports, strict=True):
        for category in CATEGORIES:
            score = report["categories"][category]["score"]
            failing = failing_audits(report, category)
            if category == "seo" and url.rstrip("/").endswith("/print"):
                # The whole-course print page repeats every other page and asks not to be
                # indexed (robots: noindex), which is all that Lighthouse's crawlability
                # audit looks for; every other SEO audit still holds there.
                failing = [a for a in failing if not a.startswith("is-crawlable:")]
                score = 1 if not failing else score
            if score != 1:
                audits = "\n    ".join(failing)
                problems.append(f"{url} {category} = {score}:\n    {audits}")
    assert len(reports) >= 12, f"only {len(reports)} pages checked"
    assert not problems, "\n".join(problems)
