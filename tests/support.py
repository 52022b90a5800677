"""Shared helpers for tests: build the site, serve it like GitHub Pages, drive Chromium.

Everything is local: the site is built into a temporary folder and served from
127.0.0.1 under a project-site prefix (``/cloudnotes/``), as GitHub Pages serves a
project repository, so that root-relative links that would break there break here too.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup
from cloudnotes.build_command import REPO as REPO
from cloudnotes.build_command import run_build

PREFIX = "/cloudnotes/"
# The topic pages, in reading order: each teaches, cites, and ends with self-check questions.
TOPICS = (
    "virtualization",
    "hypervisors",
    "networking",
    "storage",
    "containers",
    "container-images",
    "docker",
)

# For scripts run in the page: a CSS colour as [r, g, b, alpha] (painted on a canvas, so any
# colour syntax works), one colour over another, relative luminance, and WCAG contrast.
# Splice it into the start of a function body: "(figure) => {" + COLOUR_JS + "…}".
COLOUR_JS = """
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext('2d', {willReadFrequently: true});
  const rgba = (css) => {
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = '#00000000';
    ctx.fillStyle = css;
    ctx.fillRect(0, 0, 1, 1);
    const d = ctx.getImageData(0, 0, 1, 1).data;
    return [d[0], d[1], d[2], d[3] / 255];
  };
  const over = (top, bottom) => [0, 1, 2].map(
    (i) => top[i] * top[3] + bottom[i] * (1 - top[3])).concat([1]);
  const lum = (c) => {
    const [r, g, b] = c.slice(0, 3).map((v) => {
      v /= 255;
      return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a, b) => {
    const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
"""

# Content types GitHub Pages compresses (text); images and fonts go as they are.
GZIPPED_TYPES = (
    "text/",
    "application/javascript",
    "application/json",
    "application/xml",
    "image/svg+xml",
)
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def build_site(
    dest: Path,
    *,
    config: Path = REPO / "mkdocs.yml",
    site_url: str | None = "http://127.0.0.1:8000/",
    tool: str = "mkdocs",
    extra_env: dict[str, str] | None = None,
    unset_env: tuple[str, ...] = (),
    wrapper: tuple[str, ...] = (),
) -> subprocess.CompletedProcess[str]:
    """Run ``<tool> build --strict`` into ``dest``; return the finished process (not raised).
    ``site_url=None`` leaves SITE_URL to the environment (see ``unset_env``)."""
    return run_build(
        dest,
        config=config,
        site_url=site_url,
        tool=tool,
        extra_env=extra_env,
        unset_env=unset_env,
        wrapper=wrapper,
    )


@dataclass(frozen=True)
class PagePair:
    """One topic page: its path under the site root in Korean and in English."""

    slug: str  # "" for the home page, else "hypervisors/" etc.

    @property
    def ko(self) -> str:
        return self.slug

    @property
    def en(self) -> str:
        return "en/" + self.slug

    def path(self, locale: str) -> str:
        return self.ko if locale == "ko" else self.en


def page_pairs(site: Path) -> list[PagePair]:
    """Every Korean page of the built site (404 and redirect stubs excluded)."""
    pairs: list[PagePair] = []
    for html in sorted(site.rglob("index.html")):
        rel = html.parent.relative_to(site).as_posix()
        if rel == "en" or rel.startswith("en/"):
            continue
        text = html.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in text and "md-content" not in text:
            continue  # a redirect stub from mkdocs-redirects
        pairs.append(PagePair("" if rel == "." else rel + "/"))
    return pairs


def one_language_each(pairs: list[PagePair]) -> list[str]:
    """Every page once, the languages taking turns: for the slowest gates, which check
    templates and content that both languages share, each page and each language is met."""
    return [pair.path(("ko", "en")[i % 2]) for i, pair in enumerate(pairs)]


def read_html(site: Path, rel: str) -> BeautifulSoup:
    target = site / rel
    if rel == "" or rel.endswith("/"):
        target = target / "index.html"
    return BeautifulSoup(target.read_text(encoding="utf-8"), "lxml")


class _PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Serve a folder under PREFIX the way GitHub Pages does: 404.html for missing paths."""

    site: Path

    def __init__(self, *args: Any, site: Path, **kwargs: Any) -> None:
        self.site = site
        super().__init__(*args, directory=str(site), **kwargs)

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def end_headers(self) -> None:
        # linkchecker throttles every host to ~3 requests/s unless the server answers with
        # this header (linkcheck/checker/httpurl.py): with it, tests/test_linkcheck.py
        # crawls the local site in seconds instead of minutes.
        self.send_header("LinkChecker", "local test server")
        super().end_headers()

    def send_head(self) -> Any:
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if not path.startswith(PREFIX):
            self.send_error(404)
            return None
        self.path = "/" + self.path[len(PREFIX) :]
        local = Path(self.translate_path(self.path))
        if not local.exists() or (local.is_dir() and not (local / "index.html").exists()):
            body = (self.site / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)
        if local.is_dir():
            if not self.path.endswith("/"):
                # GitHub Pages redirects /cloudnotes/en to /cloudnotes/en/.
                self.send_response(301)
                self.send_header("Location", PREFIX + self.path.lstrip("/") + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            local = local / "index.html"
        content_type = self.guess_type(str(local))
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if accepts_gzip and content_type.startswith(GZIPPED_TYPES):
            # As GitHub Pages does: text is sent gzip-compressed, so page weights and
            # Lighthouse timings measured here match what readers download.
            body = gzip.compress(local.read_bytes(), compresslevel=6, mtime=0)
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)
        return super().send_head()


@contextmanager
def serve(site: Path, port: int) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1:port under PREFIX; yield the base URL."""
    handler = functools.partial(_PagesHandler, site=site)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}{PREFIX}"
    finally:
        server.shutdown()
        server.server_close()


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


@dataclass
class PageLog:
    """What a browser page did while loading: the evidence the smoke tests assert on."""

    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)


def watch(page: Any) -> PageLog:
    """Record requests, failures (network errors and HTTP >= 400) and console errors."""
    log = PageLog()
    page.on("request", lambda r: log.requests.append(r.url))
    page.on("requestfailed", lambda r: log.failed.append(f"{r.url} ({r.failure})"))

    def on_response(response: Any) -> None:
        if response.status >= 400:
            log.failed.append(f"{response.url} (HTTP {response.status})")

    page.on("response", on_response)
    page.on(
        "console",
        lambda m: log.console_errors.append(m.text) if m.type == "error" else None,
    )
    page.on("pageerror", lambda e: log.page_errors.append(str(e)))
    return log


def wait_until(page: Any, expression: str, *, timeout: float = 10.0) -> None:
    """``page.wait_for_function`` that works under the pages' Content-Security-Policy:
    Playwright's polling calls ``eval`` in the page, which the policy forbids (no
    'unsafe-eval'); ``page.evaluate`` goes through DevTools and is not bound by it."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout} s: {expression}")
        page.wait_for_timeout(50)


# Everything `mkdocs build` reads, for tests that build a modified copy of the project.
PROJECT_PARTS = ("mkdocs.yml", "docs", "hooks", "overrides", "includes", "diagrams")


def copy_project(dest: Path) -> Path:
    """Copy the site's sources to ``dest`` (a temp folder) for a build that may be edited."""
    import shutil

    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, dest / part, ignore=ignore)
        elif source.exists():
            shutil.copy2(source, dest / part)
    return dest
