"""`make serve` as an author uses it: a real `mkdocs serve` on a copy of the project, each
kind of source edited in turn and read back over HTTP. No request may hang, and every
mistake shows in the served page with its file:line."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support import REPO, copy_project, free_port

# A hung request is the failure this file exists for: it must surface as a failed test.
REQUEST_TIMEOUT = 30.0
CHANGE_TIMEOUT = 60.0


def serve_command(port: int) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"]


def test_make_serve_runs_this_command() -> None:
    recipe = re.search(r"^serve:.*\n\t(?P<cmd>.+)$", (REPO / "Makefile").read_text(), re.M)
    assert recipe is not None
    assert recipe["cmd"].split() == ["$(BIN)/mkdocs", *serve_command(8000)[3:]]


class Preview:
    def __init__(self, root: Path, port: int, log: Path) -> None:
        self.root = root
        self.base = f"http://127.0.0.1:{port}/"
        self.log = log

    def get(self, path: str) -> str:
        started = time.monotonic()
        with urllib.request.urlopen(self.base + path, timeout=REQUEST_TIMEOUT) as response:
            body: str = response.read().decode("utf-8")
        assert time.monotonic() - started < REQUEST_TIMEOUT
        return body

    def edit(self, rel: str, change: Callable[[str], str]) -> None:
        path = self.root / rel
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")

    def wait_for(self, path: str, needle: str) -> str:
        deadline = time.monotonic() + CHANGE_TIMEOUT
        while True:
            body = self.get(path)
            if needle in body:
                return body
            if time.monotonic() > deadline:
                tail = self.log.read_text(encoding="utf-8")[-3000:]
                pytest.fail(f"/{path} never showed {needle!r}; serve log:\n{tail}")
            time.sleep(0.5)


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    root = copy_project(tmp_path / "project")
    port = free_port()
    log = tmp_path / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            serve_command(port), cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT
        )
        try:
            deadline = time.monotonic() + 120
            while "Serving on" not in log.read_text(encoding="utf-8"):
                assert process.poll() is None, log.read_text(encoding="utf-8")
                assert time.monotonic() < deadline, log.read_text(encoding="utf-8")
                time.sleep(0.3)
            yield Preview(root, port, log)
        finally:
            process.terminate()
            process.wait(timeout=30)


def test_every_kind_of_edit_shows_and_no_mistake_hangs_the_preview(preview: Preview) -> None:
    # A Korean edit: the change shows, and the English page says it is behind.
    preview.edit("docs/hypervisors.ko.md", lambda t: t + "\n새로 쓴 문단입니다.\n")
    preview.wait_for("hypervisors/", "새로 쓴 문단입니다.")
    english = preview.wait_for("en/hypervisors/", "This translation is behind the Korean page.")
    assert re.search(r'<a href="/hypervisors/" hreflang="ko">Read the Korean page</a>', english)
    assert "docs/hypervisors.en.md:" in english and "make translation-done" in english

    # An English edit shows.
    preview.edit("docs/containers.en.md", lambda t: t + "\nA freshly written paragraph.\n")
    preview.wait_for("en/containers/", "A freshly written paragraph.")

    # A broken diagram source: the page answers and names the source line and the page line.
    preview.edit("diagrams/hypervisor-type-1.yml", lambda t: t.replace("title:\n", "title: {\n"))
    page = preview.wait_for("hypervisors/", "cn-build-problem")
    fence = 1 + next(
        n
        for n, line in enumerate((preview.root / "docs/hypervisors.ko.md").read_text().split("\n"))
        if line.startswith("```diagram")
    )
    assert f"docs/hypervisors.ko.md:{fence}" in page
    assert "diagrams/hypervisor-type-1.yml:" in page and "malformed YAML" in page

    # A broken link and a missing anchor show too.
    preview.edit("docs/docker.ko.md", lambda t: t + "\n[여기](nowhere.md) [저기](#no-such-id)\n")
    page = preview.wait_for("docker/", "nowhere.md")
    assert "no-such-id" in page

    # An override and a snippet are watched.
    preview.edit(
        "overrides/partials/answer-back.html",
        lambda t: t.replace("{{ ui.edit_page }}", "{{ ui.edit_page }} (override edited)"),
    )
    preview.wait_for("docker/", "(override edited)")
    preview.edit("includes/errata/docker.ko.md", lambda t: t + "| 스니펫 | 고친 스니펫 | 출처 |\n")
    preview.wait_for("errata/", "고친 스니펫")

    # Fixing the source clears its notice.
    preview.edit("diagrams/hypervisor-type-1.yml", lambda t: t.replace("title: {\n", "title:\n"))
    deadline = time.monotonic() + CHANGE_TIMEOUT
    while "cn-build-problem" in preview.get("hypervisors/"):
        assert time.monotonic() < deadline, "the figure's notice stayed after the fix"
        time.sleep(0.5)
