"""SITE_URL is validated before anything is built with it (cloudnotes.site_context): a
published build never gets an empty, relative or query-carrying address, nor, inside
GitHub Actions, the local default; `make build` and `make serve` still work without it."""

from __future__ import annotations

from pathlib import Path

import pytest
from cloudnotes.site_context import LOCAL_SITE_URL, check_site_url, check_site_url_is_set

from tests.support import build_site, read_html

OUTSIDE_ACTIONS = ("GITHUB_ACTIONS", "SITE_URL")


@pytest.mark.parametrize(
    ("site_url", "problem"),
    [
        ("", "site_url (SITE_URL) is empty"),
        (None, "site_url (SITE_URL) is empty"),
        ("example.org/cloudnotes/", "is not an absolute http(s) address"),
        ("ftp://example.org/", "is not an absolute http(s) address"),
        ("https://example.org/cloudnotes/?x=1#f", "has a query or fragment"),
        ("https://example.org/cloudnotes/#", "has a query or fragment"),
        ("https://example.org/cloudnotes", "does not end with '/'"),
    ],
)
def test_bad_site_urls_are_author_errors(site_url: str | None, problem: str) -> None:
    messages = [p.message() for p in check_site_url(site_url)]
    assert any(problem in m for m in messages), messages
    assert all(m.startswith("mkdocs.yml: ") and "Fix: set SITE_URL" in m for m in messages)


def test_good_site_urls_pass() -> None:
    for url in ("https://user.github.io/cloudnotes/", "http://127.0.0.1:8000/", LOCAL_SITE_URL):
        assert check_site_url(url) == [], url


def test_unset_site_url_is_an_error_only_inside_github_actions() -> None:
    assert check_site_url_is_set({}) == []
    assert check_site_url_is_set({"GITHUB_ACTIONS": "true", "SITE_URL": "https://a.b/"}) == []
    (problem,) = check_site_url_is_set({"GITHUB_ACTIONS": "true"})
    assert "SITE_URL is not set in GitHub Actions" in problem.message()
    assert LOCAL_SITE_URL in problem.message()


@pytest.mark.parametrize(
    ("site_url", "expected"),
    [
        ("", "mkdocs.yml: site_url (SITE_URL) is empty. Fix: set SITE_URL"),
        ("https://example.org/cloudnotes/?x=1#f", "has a query or fragment. Fix: set SITE_URL"),
    ],
)
def test_bad_site_url_fails_the_strict_build_clearly(
    tmp_path: Path, site_url: str, expected: str
) -> None:
    result = build_site(tmp_path / "site", site_url=site_url, unset_env=("GITHUB_ACTIONS",))
    assert result.returncode != 0, "the strict build passed"
    assert expected in result.stderr, result.stderr[-3000:]
    assert "Traceback" not in result.stderr


def test_unset_site_url_fails_inside_github_actions(tmp_path: Path) -> None:
    result = build_site(
        tmp_path / "site",
        site_url=None,
        unset_env=("SITE_URL",),
        extra_env={"GITHUB_ACTIONS": "true"},
    )
    assert result.returncode != 0, "the local default would have been deployed"
    assert "mkdocs.yml: SITE_URL is not set in GitHub Actions" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_unset_site_url_builds_locally_with_the_local_default(tmp_path: Path) -> None:
    """`make build` (and `make serve`, which skips the check) without SITE_URL."""
    site = tmp_path / "site"
    result = build_site(site, site_url=None, unset_env=OUTSIDE_ACTIONS)
    assert result.returncode == 0, result.stderr[-3000:]
    canonical = read_html(site, "en/docker/").select_one('link[rel="canonical"]')
    assert canonical is not None and canonical["href"] == f"{LOCAL_SITE_URL}en/docker/"
