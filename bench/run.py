"""Benchmark this site against a plain Material baseline built from the same Markdown.

    make bench                       # full run: 5 builds each, Lighthouse on every page
    .venv/bin/python -m bench.run --quick    # 1 build each, Lighthouse on two pages
    .venv/bin/python -m bench.run --runs 3 --lighthouse-pages "" "hypervisors/"

(a) baseline: mkdocs-material + mkdocs-static-i18n with default theme settings except
    offline fonts (font: false), the same Markdown and Markdown extensions, the ORIGINAL
    PNG figures in place of our diagram fences, and no hooks, overrides, CSS or JS of ours;
(b) this site, exactly as `make build` builds it.

Reports, per page and language: first-load transfer (every resource the page requests in
Chromium, gzip-compressed as GitHub Pages serves text), request count, and Lighthouse
Performance / LCP / TBT (mobile); and for the whole site the median build time. Writes
bench/REPORT.md (the committed snapshot) unless --output says otherwise.

This is a script, not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "hooks"))

from cloudnotes.build_command import run_build  # noqa: E402
from cloudnotes.print_page import WHOLE_COURSE_MARKER, left_out_of_print  # noqa: E402
from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.utils.meta import get_data  # noqa: E402
from mkdocs.utils.yaml import get_yaml_loader, yaml_load  # noqa: E402

from tests.support import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    GZIPPED_TYPES,
    PREFIX,
    free_port,
    gzip_size,
    page_pairs,
    serve,
)

# The seed notes' own figures (copied from the original notes), so a fork can run this.
FIGURES = REPO / "bench" / "original-figures"
# Which original PNGs stood where our generated figures stand now; a figure not listed
# here had no counterpart in the notes, so the baseline shows nothing in its place.
ORIGINAL_FOR = {
    "hypervisor-type-1": ["native_or_bare-metal_virtualization_model.png"],
    "hypervisor-type-2": ["Host_Virtualization_model.png"],
    "hypervisor-types": [
        "native_or_bare-metal_virtualization_model.png",
        "Host_Virtualization_model.png",
    ],
    "vms-vs-containers": ["Virtualization_VS_Container.png"],
}
RESOURCE_KINDS = {
    "HTML": ("text/html",),
    "CSS": ("text/css",),
    "JS": ("javascript",),
    "image": ("image/",),
    "font": ("font/", "application/font", "woff"),
}
DIAGRAM_FENCE = re.compile(r"^```diagram\n(?P<name>[\w-]+)\n```$", re.M)
_FOOTNOTE_LABEL = re.compile(r"\[\^(?P<label>[^\]\s]+)\]")
_HEADING = re.compile(r"^(?P<hashes>#{1,5}) ", re.M)


def whole_course_markdown(docs: Path, slugs: list[str], locale: str) -> str:
    """The baseline's whole-course page: the topic pages' Markdown one after another.

    What a plain Material site would do for the same handout; headings one level down and
    footnote labels prefixed per page, so that the pages' footnotes do not collide.
    """
    parts = []
    for slug in slugs:
        text, _ = get_data((docs / f"{slug}.{locale}.md").read_text(encoding="utf-8"))
        text = _FOOTNOTE_LABEL.sub(f"[^{slug}-\\g<label>]", text)
        parts.append(_headings_down(text))
    return "\n\n".join(parts)


def _headings_down(markdown: str) -> str:
    """Every ATX heading one level down; lines inside code fences stay as they are."""
    lines, fence = [], ""
    for line in markdown.splitlines():
        marker = line.lstrip()[:3]
        if marker in ("```", "~~~") and (not fence or marker == fence):
            fence = "" if fence else marker
        elif not fence and _HEADING.match(line):
            line = "#" + line
        lines.append(line)
    return "\n".join(lines)


def _run(cmd: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, check=False, **kwargs)


def make_baseline(dest: Path, *, site_url: str) -> Path:
    """A project folder holding the baseline: same Markdown, original PNGs, plain Material."""
    config_file = REPO / "mkdocs.yml"
    loader = get_yaml_loader(config=MkDocsConfig(config_file_path=str(config_file)))
    ours = yaml_load(config_file.read_text(encoding="utf-8"), loader)
    docs = dest / "docs"
    shutil.copytree(REPO / "docs", docs, ignore=shutil.ignore_patterns("assets"))
    shutil.copytree(REPO / "includes", dest / "includes")
    (docs / "figures").mkdir()
    for png in sorted(FIGURES.glob("*.png")):
        shutil.copy(png, docs / "figures" / png.name)
    for page in sorted(docs.glob("*.md")):
        text = page.read_text(encoding="utf-8")

        def image(match: re.Match[str]) -> str:
            names = ORIGINAL_FOR.get(match["name"], [])
            return "\n\n".join(f"![{match['name']}](figures/{n})" for n in names)

        page.write_text(DIAGRAM_FENCE.sub(image, text), encoding="utf-8")
    in_print = [
        Path(entry).stem
        for item in ours["nav"]
        for entry in item.values()
        if not left_out_of_print(
            get_data((docs / f"{Path(entry).stem}.ko.md").read_text("utf-8"))[1]
        )
    ]
    for page in sorted(docs.glob("print.*.md")):
        locale = page.suffixes[0].lstrip(".")
        text = page.read_text(encoding="utf-8")
        whole = whole_course_markdown(docs, in_print, locale)
        page.write_text(text.replace(WHOLE_COURSE_MARKER, whole), encoding="utf-8")
    i18n = next(p["i18n"] for p in ours["plugins"] if isinstance(p, dict) and "i18n" in p)
    languages = [
        {
            k: v
            for k, v in lang.items()
            if k in {"locale", "name", "default", "build", "nav_translations", "site_name"}
        }
        for lang in i18n["languages"]
    ]
    extensions = []
    for ext in ours["markdown_extensions"]:
        if isinstance(ext, dict) and "pymdownx.snippets" in ext:
            ext = {"pymdownx.snippets": {"base_path": ["includes"], "check_paths": False}}
        extensions.append(ext)
    config = {
        "site_name": ours["site_name"],
        "site_url": site_url,
        "docs_dir": "docs",
        "theme": {"name": "material", "language": "ko", "font": False},
        "plugins": [
            "search",
            {"i18n": {"docs_structure": "suffix", "languages": languages}},
        ],
        "nav": ours["nav"],
        "markdown_extensions": extensions,
    }
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return dest / "mkdocs.yml"


def time_build(config: Path, site: Path, *, site_url: str) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one build. CPU time leaves out what a shared virtual
    machine's neighbours take (seen here: one build's wall time varying by a third in a run)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = run_build(site, config=config, site_url=site_url, strict=False, quiet=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"build of {config} failed:\n{result.stderr}")
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return elapsed, cpu


@dataclass
class Load:
    bytes_gzip: int
    requests: int
    by_type: dict[str, int]


def resource_type(url: str, content_type: str) -> str:
    """HTML, CSS, JS, search (index JSON), image, font or other: for the breakdown table."""
    path = url.split("?", 1)[0]
    if "search_index.json" in path:
        return "search index"
    for kind, marks in RESOURCE_KINDS.items():
        if any(mark in content_type for mark in marks):
            return kind
    return "other"


def first_loads(site: Path, paths: list[str]) -> dict[str, Load]:
    """Load each page in a fresh, cache-less browser context; sum what it transferred."""
    from playwright.sync_api import sync_playwright

    results: dict[str, Load] = {}
    port = free_port()
    with serve(site, port) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for path in paths:
            context = browser.new_context(viewport={"width": 412, "height": 823})
            page = context.new_page()
            responses: list[Any] = []

            def keep(response: Any, sink: list[Any] = responses) -> None:
                sink.append(response)

            page.on("response", keep)
            page.goto(base + path, wait_until="networkidle")
            total = 0
            by_type: dict[str, int] = {}
            for response in responses:
                try:
                    body = response.body()
                except Exception:  # redirects and aborted requests have no body
                    continue
                kind = response.headers.get("content-type", "")
                size = gzip_size(body) if kind.startswith(GZIPPED_TYPES) else len(body)
                total += size
                kind_name = resource_type(response.url, kind)
                by_type[kind_name] = by_type.get(kind_name, 0) + size
            results[path] = Load(total, len(responses), by_type)
            context.close()
        browser.close()
    return results


def lighthouse(
    sites: dict[str, Path], paths: list[str], *, runs: int
) -> dict[str, dict[str, dict[str, float]]]:
    """Median over ``runs`` Lighthouse runs per page and site: single runs swing by ±0.05.

    The sites take turns page by page (and swap order every run), so that a slow minute of
    the machine hits both alike instead of one site's whole series.
    """
    binary = REPO / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        raise SystemExit("node_modules/.bin/lighthouse missing: run `npm ci` (make test does)")
    samples: dict[str, dict[str, list[dict[str, float]]]] = {
        name: {path: [] for path in paths} for name in sites
    }
    with contextlib.ExitStack() as stack:
        bases = {name: stack.enter_context(serve(s, free_port())) for name, s in sites.items()}
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        for run in range(runs):
            order = list(sites) if run % 2 == 0 else list(reversed(sites))
            for path in paths:
                for name in order:
                    samples[name][path].append(_lighthouse_once(binary, bases[name] + path, tmp))
    return {
        name: {
            path: {
                **{metric: statistics.median(s[metric] for s in series) for metric in series[0]},
                "runs": len(series),
                "perfect_runs": sum(s["performance"] >= 1 for s in series),
                "worst": min(s["performance"] for s in series),
            }
            for path, series in by_path.items()
        }
        for name, by_path in samples.items()
    }


def _lighthouse_once(binary: Path, url: str, tmp: Path) -> dict[str, float]:
    report = tmp / "report.json"
    report.unlink(missing_ok=True)
    profile = tempfile.mkdtemp(dir=tmp)
    result = _run(
        [
            str(binary),
            url,
            "--only-categories=performance",
            "--output=json",
            f"--output-path={report}",
            "--quiet",
            "--chrome-flags=" + " ".join(CHROMIUM_ARGS) + f" --user-data-dir={profile}",
        ],
        env={**os.environ, "CHROME_PATH": str(CHROMIUM)},
        timeout=300,
    )
    if result.returncode != 0 or not report.exists():
        raise SystemExit(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    data = json.loads(report.read_text(encoding="utf-8"))
    audits = data["audits"]
    return {
        "performance": data["categories"]["performance"]["score"],
        "fcp_ms": audits["first-contentful-paint"]["numericValue"],
        "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
    }


def machine() -> str:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        match = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        cpu = match.group(1).strip() if match else cpu
    chromium = _run([str(CHROMIUM), "--version"]).stdout.strip() or "chromium: not found"
    return (
        f"{cpu}, {os.cpu_count()} cores; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; {chromium}"
    )


@dataclass
class Measurements:
    builds: dict[str, list[float]]  # site -> build seconds, one per run
    build_cpu: dict[str, list[float]]  # site -> build CPU seconds, one per run
    paths: list[str]  # site paths measured, both languages
    loads: dict[str, dict[str, Load]]  # site -> path -> first load
    scores: dict[str, dict[str, dict[str, float]]]  # site -> path -> Lighthouse medians
    lighthouse_paths: list[str]
    lighthouse_runs: int


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5, help="builds per site (median is reported)")
    parser.add_argument(
        "--lighthouse-pages",
        nargs="*",
        default=None,
        help="site paths to run Lighthouse on (default: every page; none: skip)",
    )
    parser.add_argument(
        "--lighthouse-runs",
        type=int,
        default=3,
        help="Lighthouse runs per page and site (median is reported)",
    )
    parser.add_argument("--output", type=Path, default=REPO / "bench" / "REPORT.md")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="1 build each and Lighthouse on two pages (a smoke run)",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.runs = 1
        args.lighthouse_runs = 1
        if args.lighthouse_pages is None:
            args.lighthouse_pages = ["", "en/hypervisors/"]
    return args


def measure(args: argparse.Namespace) -> Measurements:
    with tempfile.TemporaryDirectory(prefix="cloudnotes-bench-") as tmp_name:
        tmp = Path(tmp_name)
        site_url = f"http://127.0.0.1:{free_port()}{PREFIX}"
        configs = {
            "baseline": make_baseline(tmp / "baseline", site_url=site_url),
            "cloudnotes": REPO / "mkdocs.yml",
        }
        sites = {name: tmp / f"{name}-site" for name in configs}
        builds: dict[str, list[float]] = {name: [] for name in configs}
        build_cpu: dict[str, list[float]] = {name: [] for name in configs}
        for _ in range(args.runs):  # interleaved, so that machine noise hits both alike
            for name, config in configs.items():
                elapsed, cpu = time_build(config, sites[name], site_url=site_url)
                builds[name].append(elapsed)
                build_cpu[name].append(cpu)
        ours = {p.path(loc) for p in page_pairs(sites["cloudnotes"]) for loc in ("ko", "en")}
        paths = [
            path
            for pair in page_pairs(sites["baseline"])
            for path in (pair.path("ko"), pair.path("en"))
            if path in ours
        ]
        loads = {name: first_loads(site, paths) for name, site in sites.items()}
        lh_paths = paths if args.lighthouse_pages is None else list(args.lighthouse_pages)
        scores = lighthouse(sites, lh_paths, runs=args.lighthouse_runs) if lh_paths else {}
    return Measurements(builds, build_cpu, paths, loads, scores, lh_paths, args.lighthouse_runs)


def _medians(runs: dict[str, list[float]]) -> dict[str, float]:
    return {name: statistics.median(times) for name, times in runs.items()}


def _build_section(m: Measurements) -> list[str]:
    median, cpu = _medians(m.builds), _medians(m.build_cpu)
    lines = [
        "## Build time",
        "",
        "| Site | Median of runs (s) | Runs (s) | Ratio | Median CPU time (s) | CPU ratio |",
        "| --- | ---: | --- | ---: | ---: | ---: |",
    ]
    for name, times in m.builds.items():
        runs = ", ".join(f"{t:.2f}" for t in times)
        ratio = median[name] / median["baseline"]
        cpu_ratio = cpu[name] / cpu["baseline"]
        lines.append(
            f"| {name} | {median[name]:.2f} | {runs} | {ratio:.2f}x | "
            f"{cpu[name]:.2f} | {cpu_ratio:.2f}x |"
        )
    return lines


def load_ratios(m: Measurements) -> list[float]:
    return [
        m.loads["cloudnotes"][p].bytes_gzip / m.loads["baseline"][p].bytes_gzip for p in m.paths
    ]


def _load_section(m: Measurements) -> list[str]:
    lines = [
        "## First load per page",
        "",
        "| Page | Baseline (KiB gz) | cloudnotes (KiB gz) | Ratio | Requests (base → ours) |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    for path, ratio in zip(m.paths, load_ratios(m), strict=True):
        base, ours = m.loads["baseline"][path], m.loads["cloudnotes"][path]
        lines.append(
            f"| `/{path}` | {base.bytes_gzip / 1024:.1f} | {ours.bytes_gzip / 1024:.1f} | "
            f"{ratio:.2f}x | {base.requests} → {ours.requests} |"
        )
    kinds = sorted({k for site in m.loads.values() for load in site.values() for k in load.by_type})
    lines += [
        "",
        "What the bytes are, summed over all pages above (KiB, gzip as served):",
        "",
        "| Resource | Baseline | cloudnotes |",
        "| --- | ---: | ---: |",
    ]
    for kind in kinds:
        sums = {
            name: sum(load.by_type.get(kind, 0) for load in site.values()) / 1024
            for name, site in m.loads.items()
        }
        lines.append(f"| {kind} | {sums['baseline']:.1f} | {sums['cloudnotes']:.1f} |")
    return lines


def _targets_section(m: Measurements) -> list[str]:
    median, cpu = _medians(m.builds), _medians(m.build_cpu)
    build_ratio = median["cloudnotes"] / median["baseline"]
    cpu_ratio = cpu["cloudnotes"] / cpu["baseline"]
    ratios = load_ratios(m)
    verdicts = [
        (
            "median first-load bytes ≤ 0.85x baseline",
            statistics.median(ratios) <= 0.85,
            f"median {statistics.median(ratios):.2f}x, worst page {max(ratios):.2f}x",
        ),
        (
            "build time ≤ 1.30x baseline",
            build_ratio <= 1.30,
            f"{build_ratio:.2f}x (CPU time {cpu_ratio:.2f}x)",
        ),
    ]
    if m.scores:
        ours = m.scores["cloudnotes"]
        worst = min(ours[p]["performance"] for p in m.lighthouse_paths)
        perfect = sum(int(ours[p]["perfect_runs"]) for p in m.lighthouse_paths)
        total = sum(int(ours[p]["runs"]) for p in m.lighthouse_paths)
        verdicts.append(
            (
                "Lighthouse Performance 100 on every measured page (median of its runs)",
                worst >= 1.0,
                f"lowest median {worst * 100:.0f}; {perfect} of {total} single runs scored 100",
            )
        )
    lines = ["## Targets", "", "| Target | Met | Measured |", "| --- | --- | --- |"]
    lines += [f"| {what} | {'yes' if ok else '**no**'} | {value} |" for what, ok, value in verdicts]
    return lines


def _lighthouse_section(m: Measurements) -> list[str]:
    if not m.scores:
        return []
    lines = [
        "## Lighthouse (mobile, Performance only)",
        "",
        f"Median of {m.lighthouse_runs} runs per page and site, served gzip-compressed from",
        "127.0.0.1 like GitHub Pages; Lighthouse's default mobile emulation and throttling.",
        "",
        "| Page | Perf base → ours | Runs at 100 base / ours | Lowest base / ours "
        "| FCP ms base → ours | LCP ms base → ours | TBT ms base → ours |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for path in m.lighthouse_paths:
        b, o = m.scores["baseline"][path], m.scores["cloudnotes"][path]
        lines.append(
            f"| `/{path}` | {b['performance'] * 100:.0f} → {o['performance'] * 100:.0f} "
            f"| {b['perfect_runs']:.0f}/{b['runs']:.0f} · {o['perfect_runs']:.0f}/{o['runs']:.0f} "
            f"| {b['worst'] * 100:.0f} · {o['worst'] * 100:.0f} "
            f"| {b['fcp_ms']:.0f} → {o['fcp_ms']:.0f} "
            f"| {b['lcp_ms']:.0f} → {o['lcp_ms']:.0f} | {b['tbt_ms']:.0f} → {o['tbt_ms']:.0f} |"
        )
    return lines


def report(m: Measurements) -> str:
    head = [
        "# Benchmark: cloudnotes vs plain Material",
        "",
        f"Run {dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')} by `bench/run.py` "
        f"(`make bench`) on: {machine()}.",
        "",
        "Baseline: mkdocs-material + mkdocs-static-i18n, default theme settings except",
        "`font: false`, the same Markdown with the original PNG figures, no hooks, overrides,",
        "CSS or JS of ours. Transfer is everything a first visit downloads (no cache), text",
        "gzip-compressed as GitHub Pages serves it. The baseline's whole-course page",
        "(`/print/`) is the topic pages' Markdown one after another, as a plain site would",
        "make that handout.",
    ]
    sections = [_build_section(m), _load_section(m), _targets_section(m), _lighthouse_section(m)]
    return "\n".join(head + [line for s in sections if s for line in ["", *s]]) + "\n"


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    text = report(measure(args))
    args.output.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
