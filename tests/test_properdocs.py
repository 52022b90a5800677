"""Insurance against MkDocs' end: ProperDocs (MkDocs 1.x continued, installed with
mkdocs-redirects) builds this site unchanged, so switching tools is a one-line change."""

from __future__ import annotations

from pathlib import Path

from cloudnotes.manifest import MANIFEST, check, manifest_lines, parse_manifest, read_site

from tests.support import PREFIX, build_site, copy_project

GENERATOR = '<meta name="generator" content="'


def _without_generator(html: str) -> str:
    start = html.find(GENERATOR)
    return html if start < 0 else html[:start] + html[html.index(">", start) :]


def test_properdocs_builds_the_same_pages_and_urls(site: Path, tmp_path: Path) -> None:
    built = tmp_path / "properdocs-site"
    # The session site was built for the test server; build with the same address.
    index = (site / "index.html").read_text(encoding="utf-8")
    site_url = index.split('<link rel="canonical" href="', 1)[1].split('"', 1)[0]
    assert site_url.endswith(PREFIX), site_url
    result = build_site(built, site_url=site_url, tool="properdocs")
    assert result.returncode == 0, result.stderr
    assert "ProperDocs" in (built / "index.html").read_text(encoding="utf-8")

    ours, theirs = read_site(site), read_site(built)
    assert manifest_lines(theirs) == manifest_lines(ours)
    assert not check(parse_manifest(MANIFEST.read_text(encoding="utf-8")), theirs)
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(built).as_posix() for p in built.rglob("*") if p.is_file())
    for rel in files:
        if rel.endswith(".html"):
            expected = _without_generator((site / rel).read_text(encoding="utf-8"))
            got = _without_generator((built / rel).read_text(encoding="utf-8"))
            assert got == expected, f"{rel} differs under ProperDocs"


def test_properdocs_strict_fails_on_an_authors_mistake(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "docker.ko.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[x](#no-such-id)\n", encoding="utf-8")
    result = build_site(tmp_path / "out", config=project / "mkdocs.yml", tool="properdocs")
    assert result.returncode != 0
    assert "no-such-id" in result.stderr
    assert "docs/docker.en.md" in result.stderr  # the stale record, from our own hook
