"""Deploys of the same sources are the same bytes, whatever the day (hooks/sitemaps.py,
cloudnotes.page_dates): sitemap dates come from each page's last commit, then
SOURCE_DATE_EPOCH, then a fixed date; sitemap.xml.gz carries no time."""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import xml.etree.ElementTree as etree
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cloudnotes.page_dates import NO_HISTORY_DATE

from tests.support import REPO, build_site, copy_project

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
SITE_URL = "https://example.org/cloudnotes/"
# Two days far apart, neither of them today: a build date would show in the output.
DAYS = ("2031-02-03 04:05:06", "2032-11-12 13:14:15")


def _lastmods(sitemap: Path) -> dict[str, str]:
    urls = etree.parse(str(sitemap)).findall("sm:url", NS)
    return {
        u.findtext("sm:loc", namespaces=NS) or "": u.findtext("sm:lastmod", namespaces=NS) or ""
        for u in urls
    }


def _source(loc: str) -> str:
    """The source file of a page URL: .../en/docker/ -> docs/docker.en.md."""
    path = loc.removeprefix(SITE_URL)
    locale = "en" if path.startswith("en/") else "ko"
    slug = path.removeprefix("en/").strip("/") or "index"
    return f"docs/{slug}.{locale}.md"


def _files(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def _faketime() -> str:
    found = shutil.which("faketime")
    if found is None:
        pytest.fail(
            "faketime not found: this test builds the site on two fake days "
            "(apt-get install faketime; .ci/run does this)",
            pytrace=False,
        )
    return found


def test_two_builds_on_different_days_are_byte_identical(tmp_path: Path) -> None:
    faketime = _faketime()
    built = []
    for number, day in enumerate(DAYS):
        dest = tmp_path / f"site-{number}"
        result = build_site(
            dest, site_url=SITE_URL, wrapper=(faketime, day), unset_env=("SOURCE_DATE_EPOCH",)
        )
        assert result.returncode == 0, result.stderr[-3000:]
        built.append(_files(dest))
    first, second = built
    assert sorted(first) == sorted(second), "the two builds wrote different files"
    differ = [name for name in first if first[name] != second[name]]
    assert not differ, f"{len(differ)} of {len(first)} files differ: {differ[:10]}"
    assert len(first) >= 30
    lastmods = set(_lastmods(tmp_path / "site-0" / "sitemap.xml").values())
    assert not lastmods & {day.split()[0] for day in DAYS}, "a build date reached the sitemap"


def _git(root: Path, *args: str, date: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    if date is not None:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", "-C", str(root), *args], env=env, check=True, capture_output=True)


def _last_commit(folder: Path, name: str) -> str:
    """What `git log -1` says of one file: its last commit's time, or "" without history."""
    return subprocess.run(
        ["git", "-C", str(folder), "log", "-1", "--format=%ct", "--", name],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()


def test_one_log_dates_each_file_as_its_own_git_log_does(tmp_path: Path) -> None:
    """A merge that resolved a conflict in a file dates it; one that took a side's version
    does not. Names with quotes or Hangul are read as stored."""
    from cloudnotes.page_dates import commit_times

    docs = tmp_path / "docs"
    docs.mkdir()
    names = ["clash.ko.md", "taken.ko.md", 'quote"d.en.md', "한글.ko.md"]
    for name in names:
        (docs / name).write_text("one\n", encoding="utf-8")
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-q", "-m", "one", date="2030-01-01T00:00:00Z")
    _git(tmp_path, "checkout", "-q", "-b", "side")
    for name in ("clash.ko.md", "taken.ko.md"):
        (docs / name).write_text("side\n", encoding="utf-8")
    _git(tmp_path, "commit", "-q", "-am", "side", date="2030-02-01T00:00:00Z")
    _git(tmp_path, "checkout", "-q", "main")
    (docs / "clash.ko.md").write_text("main\n", encoding="utf-8")
    _git(tmp_path, "commit", "-q", "-am", "main", date="2030-03-01T00:00:00Z")
    subprocess.run(["git", "-C", str(tmp_path), "merge", "-q", "side"], capture_output=True)
    (docs / "clash.ko.md").write_text("both\n", encoding="utf-8")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-q", "-m", "merge", date="2030-04-01T00:00:00Z")
    times = commit_times(docs)
    for name in names:
        assert times.get((docs / name).resolve()) == int(_last_commit(docs, name)), name
    days = {n: datetime.fromtimestamp(times[(docs / n).resolve()], UTC).date() for n in names}
    assert str(days["clash.ko.md"]) == "2030-04-01" and str(days["taken.ko.md"]) == "2030-02-01"


def test_lastmod_is_the_last_commit_of_each_pages_source(tmp_path: Path) -> None:
    """In a repository whose pages were committed on different days, in both languages and
    in every sitemap, compressed ones included."""
    project = copy_project(tmp_path / "project")
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "all", date="2030-01-03T02:30:00+09:00")  # Jan 2 in UTC
    for locale in ("ko", "en"):
        page = project / "docs" / f"glossary.{locale}.md"
        page.write_text(page.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        _git(
            project,
            "commit",
            "-q",
            "-am",
            locale,
            date=f"2030-0{3 if locale == 'ko' else 4}-05T12:00:00Z",
        )
    from cloudnotes.translation_records import refresh

    refresh("glossary", project / "docs")
    _git(project, "commit", "-q", "-am", "record", date="2030-04-06T12:00:00Z")
    site = tmp_path / "site"
    result = build_site(site, config=project / "mkdocs.yml", site_url=SITE_URL)
    assert result.returncode == 0, result.stderr[-3000:]
    lastmods = _lastmods(site / "sitemap.xml")
    assert len(lastmods) >= 16
    expected = {
        "docs/glossary.ko.md": "2030-03-05",
        "docs/glossary.en.md": "2030-04-06",  # its translation record was committed last
    }
    for loc, day in lastmods.items():
        assert day == expected.get(_source(loc), "2030-01-02"), f"{loc}: {day}"
    english = _lastmods(site / "en" / "sitemap.xml")
    assert english and all(lastmods[loc] == day for loc, day in english.items())
    for packed in sorted(site.rglob("sitemap.xml.gz")):
        data = packed.read_bytes()
        assert data[4:8] == b"\0\0\0\0", f"{packed.relative_to(site)}: gzip mtime is set"
        assert gzip.decompress(data) == packed.with_suffix("").read_bytes()


@pytest.mark.parametrize("epoch", ["1900000000", None])
def test_without_history_lastmod_is_source_date_epoch_or_the_fixed_date(
    tmp_path: Path, epoch: str | None
) -> None:
    project = copy_project(tmp_path / "project")  # a tarball: no .git
    env = {"GIT_CEILING_DIRECTORIES": str(tmp_path)}  # never find a repository above it
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = epoch
    result = build_site(
        tmp_path / "site",
        config=project / "mkdocs.yml",
        site_url=SITE_URL,
        extra_env=env,
        unset_env=() if epoch else ("SOURCE_DATE_EPOCH",),
    )
    assert result.returncode == 0, result.stderr[-3000:]
    expected = (
        datetime.fromtimestamp(int(epoch), UTC).strftime("%Y-%m-%d") if epoch else NO_HISTORY_DATE
    )
    assert set(_lastmods(tmp_path / "site" / "sitemap.xml").values()) == {expected}


def test_the_published_site_dates_pages_by_their_commits() -> None:
    """The real repository: each page's lastmod is its source's last commit (or, in a copy
    without history, the fallback)."""
    from cloudnotes.page_dates import commit_times, source_date

    history = commit_times(REPO / "docs")

    for rel in ("docs/index.ko.md", "docs/docker.en.md"):
        stamp = _last_commit(REPO, rel)
        expected = (
            datetime.fromtimestamp(int(stamp), UTC).strftime("%Y-%m-%d")
            if stamp
            else source_date(None, environ=os.environ, history={})
        )
        assert source_date(REPO / rel, environ={}, history=history) == expected, rel
