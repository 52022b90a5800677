"""An independent crawler over the served site: no broken internal link or #anchor.

MkDocs validates the links it knows about; linkchecker (with its AnchorCheck plugin) follows
what a reader can click in the served HTML, in both languages, including links that hooks,
templates and the theme add after MkDocs' own validation. Nothing outside 127.0.0.1 is
fetched: external URLs get a syntax check only.
"""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from tests.support import serve

LINKCHECKER = Path(sys.executable).with_name("linkchecker")
CONFIG = """\
[checking]
# Local server: no politeness delay (it also answers with a LinkChecker header).
maxrequestspersecond=1000
threads=2
[filtering]
ignore=
  ^data:
[AnchorCheck]
"""


@dataclass(frozen=True)
class Broken:
    url: str
    parent: str
    line: str
    reason: str

    def __str__(self) -> str:
        return f"{self.parent} (line {self.line}) -> {self.url}: {self.reason}"


def check_links(start_urls: list[str], workdir: Path) -> list[Broken]:
    """Crawl from start_urls on their host; return every error and warning linkchecker logs."""
    origin = "{0.scheme}://{0.netloc}/".format(urlsplit(start_urls[0]))
    config = workdir / "linkcheckerrc"
    config.write_text(CONFIG, encoding="utf-8")
    result = subprocess.run(
        [
            str(LINKCHECKER),
            "--config",
            str(config),
            "--no-status",
            # The report goes to stdout: run as root, linkchecker drops to user "nobody",
            # who may not write files here.
            "--output",
            "csv/utf-8",
            "--ignore-url",
            f"^(?!{re.escape(origin)})",
            # The whole-course page repeats every page's links and thousands of anchors,
            # which take linkchecker minutes: tests/test_print_page.py checks it instead.
            "--ignore-url",
            r"/print/(#.*)?$",
            *start_urls,
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    lines = [line for line in result.stdout.splitlines() if not line.startswith("#")]
    assert lines and lines[0].startswith("urlname;"), f"no linkchecker report:\n{result.stderr}"
    broken: list[Broken] = []
    for row in csv.DictReader(lines, delimiter=";"):
        if row["valid"] != "True" or row["warningstring"]:
            reason = (row["result"] + " " + row["warningstring"]).strip()
            broken.append(Broken(row["url"], row["parentname"], row["line"], reason))
    return broken


def test_crawler_finds_a_broken_link_and_a_broken_anchor(tmp_path: Path) -> None:
    """The gate below can fail: a page with one missing page and one missing #id is caught."""
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "404.html").write_text("<p>not here</p>", encoding="utf-8")
    (site / "index.html").write_text(
        '<html><body><h1 id="top">t</h1>'
        '<a href="a/">ok</a> <a href="a/#present">ok</a> '
        '<a href="a/#missing">bad anchor</a> <a href="gone/">bad page</a>'
        "</body></html>",
        encoding="utf-8",
    )
    (site / "a" / "index.html").write_text(
        '<html><body><h2 id="present">p</h2></body></html>', encoding="utf-8"
    )
    from tests.support import free_port

    with serve(site, free_port()) as url:
        broken = check_links([url], tmp_path)
    reasons = "\n".join(map(str, broken))
    assert any("#missing" in b.url for b in broken), reasons
    assert any(b.url.endswith("/gone/") for b in broken), reasons
    assert not any("#present" in b.url or b.url.endswith("/a/") for b in broken), reasons


def test_no_broken_internal_links_or_anchors_in_either_language(
    base_url: str, tmp_path: Path
) -> None:
    broken = check_links([base_url, base_url + "en/"], tmp_path)
    assert not broken, "broken links:\n" + "\n".join(map(str, broken))
