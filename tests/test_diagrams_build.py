"""hooks/diagrams.py in real `mkdocs build --strict` runs of tiny sites in temporary folders."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.diagram_samples import MINIMAL
from tests.support import REPO, build_site

PAGE = "# Page\n\nIntro.\n\n```diagram\n{name}\n```\n\nMiddle.\n\n```diagram\n{name}\n```\n"
CONFIG = f"""\
site_name: tiny
site_url: http://127.0.0.1:8000/
theme:
  name: mkdocs
  language: en
hooks:
  - {REPO / "hooks" / "site_context.py"}
  - {REPO / "hooks" / "diagrams.py"}
markdown_extensions:
  - pymdownx.superfences
"""


def make_site(
    root: Path, *, source: str = MINIMAL, name: str = "fig", others: dict[str, str] | None = None
) -> Path:
    (root / "docs").mkdir(parents=True)
    (root / "diagrams").mkdir()
    (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    (root / "docs" / "index.md").write_text(PAGE.format(name=name), encoding="utf-8")
    (root / "diagrams" / "fig.yml").write_text(source, encoding="utf-8")
    for other, text in (others or {}).items():
        (root / "diagrams" / f"{other}.yml").write_text(text, encoding="utf-8")
    return root


def test_good_site_renders_both_placements_with_unique_ids(tmp_path: Path) -> None:
    root = make_site(tmp_path / "src")
    result = build_site(tmp_path / "out", config=root / "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    soup = BeautifulSoup((tmp_path / "out" / "index.html").read_text("utf-8"), "lxml")
    figures = soup.select("figure.dg")
    assert [f["id"] for f in figures] == ["dg-fig-1", "dg-fig-2"]
    assert not soup.select("code.language-diagram, pre.diagram")
    ids = [el["id"] for el in soup.select("figure.dg [id]")]
    assert len(ids) == len(set(ids))
    title = soup.select_one("figure.dg svg title")
    assert title is not None and title.get_text() == "Title"  # theme.language: en


BAD = [
    ("malformed YAML", MINIMAL.replace("title: {ko: 제목, en: Title}", "title: {ko: 제목"), "fig",
     "diagrams/fig.yml:2", "malformed YAML"),
    ("unknown key", MINIMAL.replace("span: 2}", "span: 2, colour: red}"), "fig",
     "diagrams/fig.yml:8", "unknown key 'colour'"),
    ("missing language", MINIMAL.replace("{ko: 하드웨어, en: Hardware}", "{ko: 하드웨어}"), "fig",
     "diagrams/fig.yml:8", "no 'en' text"),
    ("unknown figure", MINIMAL, "nonesuch", "", "unknown figure 'nonesuch'"),
    ("empty stack", MINIMAL.split("    layers:")[0] + "    layers: []\n", "fig",
     "diagrams/fig.yml:5", "empty stack"),
    ("span too wide", MINIMAL.replace("span: 2", "span: 5"), "fig", "diagrams/fig.yml:8",
     "span wider than its stack"),
    # These three reached the page, or crashed with "report a bug" and no source line.
    ("number in another base", MINIMAL.replace("span: 2", "span: 0x2"), "fig",
     "diagrams/fig.yml:8", "not as a plain decimal number"),
    ("bidi override", MINIMAL.replace("en: Hardware", "en: \u202egnp.exe"), "fig",
     "diagrams/fig.yml:8", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("null label", MINIMAL.replace("ko: 하드웨어", "ko: null"), "fig", "diagrams/fig.yml:8",
     "reads as null"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("source", "name", "where", "problem"), [c[1:] for c in BAD], ids=[c[0] for c in BAD]
)
def test_bad_input_fails_with_file_line_page_and_fix(
    tmp_path: Path, source: str, name: str, where: str, problem: str
) -> None:
    root = make_site(tmp_path / "src", source=source, name=name)
    result = build_site(tmp_path / "out", config=root / "mkdocs.yml")
    assert result.returncode != 0
    log = result.stderr
    assert "Traceback" not in log, log
    assert where in log and problem in log and "Fix: " in log, log
    assert "used in docs/index.md:5" in log, log  # the page and its fence line


def test_exponential_use_chain_stops_the_build_fast(tmp_path: Path) -> None:
    """fig uses f1 four times, f1 uses f2 four times...: 4,096 stacks built before."""
    head = "title: {ko: 제목, en: Title}\ndescription: {ko: 설명, en: Description}\nstacks:\n"
    others = {f"f{i}": head + f"  - use: f{i + 1}\n" * 4 for i in range(1, 6)}
    others["f6"] = MINIMAL
    root = make_site(tmp_path / "src", source=head + "  - use: f1\n" * 4, others=others)
    started = time.perf_counter()
    result = build_site(tmp_path / "out", config=root / "mkdocs.yml")
    assert result.returncode != 0
    assert time.perf_counter() - started < 30  # mkdocs itself takes most of it
    log = result.stderr
    assert "Traceback" not in log, log
    assert "used in docs/index.md:5: diagrams/f4.yml:7: " in log, log
    assert "16 stacks, more than 12. Fix: " in log, log


def test_edited_source_is_reread_on_the_next_build(tmp_path: Path) -> None:
    """What `mkdocs serve` does on a change: load the config again and build again."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = make_site(tmp_path / "src")
    out = tmp_path / "out"
    cwd = os.getcwd()
    os.chdir(root)
    try:
        build(load_config(str(root / "mkdocs.yml"), site_dir=str(out)))
        first = (out / "index.html").read_text("utf-8")
        source = root / "diagrams" / "fig.yml"
        source.write_text(MINIMAL.replace("en: Hardware", "en: Metal"), encoding="utf-8")
        build(load_config(str(root / "mkdocs.yml"), site_dir=str(out)))
        second = (out / "index.html").read_text("utf-8")
    finally:
        os.chdir(cwd)
    assert ">Hardware<" in first and ">Metal<" in second and ">Hardware<" not in second


def test_real_mkdocs_yml_watches_the_sources() -> None:
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((REPO / "mkdocs.yml").read_text("utf-8"), Loader=Loader)
    assert "diagrams" in config["watch"]
    assert "hooks/diagrams.py" in config["hooks"]
    assert config["extra_css"] == ["assets/stylesheets/site.css"]
    bundle = (REPO / "docs" / "assets" / "stylesheets" / "site.css").read_text("utf-8")
    assert '@import "diagrams.css";' in bundle
