"""The GitHub Actions workflows: actionlint- and zizmor-clean, least privilege, pinned actions."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.support import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
ACTIONLINT = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or "actionlint"
ZIZMOR = shutil.which("zizmor", path=str(Path(sys.executable).parent)) or "zizmor"
ZIZMOR_CONFIG = REPO / ".github" / "zizmor.yml"
# The only severities an ignore in ZIZMOR_CONFIG may cover; anything above must be fixed.
IGNORABLE = {"Unknown", "Informational", "Low"}
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")


def _actionlint(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [ACTIONLINT, "-no-color", *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def _zizmor(*paths: Path, config: Path | None = ZIZMOR_CONFIG) -> list[dict[str, Any]]:
    """zizmor's findings, offline, with its strictest low-noise persona (pedantic)."""
    if not shutil.which(ZIZMOR):
        pytest.fail("zizmor not found: `make test` installs it (requirements-test.txt)")
    config_args = ["--config", str(config)] if config else ["--no-config", "--no-ignores"]
    result = subprocess.run(
        [
            ZIZMOR,
            "--offline",
            "--persona=pedantic",
            "--format=json",
            *config_args,
            *map(str, paths),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    # 0: no finding; 10-14: findings, by highest severity; anything else: zizmor itself failed.
    assert result.returncode == 0 or 10 <= result.returncode <= 14, result.stderr
    findings: list[dict[str, Any]] = json.loads(result.stdout)
    return findings


def _describe(finding: dict[str, Any]) -> str:
    location = finding["locations"][0]
    path = next(iter(location["symbolic"]["key"].get("Local", {}).values()), "?")
    line = location["concrete"]["location"]["start_point"]["row"] + 1
    severity = finding["determinations"]["severity"]
    return f"{Path(path).name}:{line}: {finding['ident']} ({severity}): {finding['desc']}"


def _above_low(findings: list[dict[str, Any]]) -> list[str]:
    return [_describe(f) for f in findings if f["determinations"]["severity"] not in IGNORABLE]


def _unexplained_ignores(config_text: str) -> list[str]:
    """Ignore entries (list items) whose line above is not a comment giving the reason."""
    lines = config_text.splitlines()
    return [
        line.strip()
        for i, line in enumerate(lines)
        if re.match(r"^\s*- ", line) and not (i and lines[i - 1].lstrip().startswith("#"))
    ]


def _load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_workflows_exist() -> None:
    assert WORKFLOWS, "no workflow in .github/workflows"


def test_actionlint_passes() -> None:
    result = _actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.nonexistent_context_key }}\n",
        encoding="utf-8",
    )
    result = _actionlint(bad)
    assert result.returncode != 0 and "nonexistent_context_key" in result.stdout


def test_zizmor_finds_nothing() -> None:
    findings = _zizmor(*WORKFLOWS)
    assert not findings, "zizmor:\n" + "\n".join(map(_describe, findings))


def test_zizmor_ignores_only_low_findings_each_with_a_reason() -> None:
    # Everything zizmor would report with no ignores at all: nothing above low may be there.
    above = _above_low(_zizmor(*WORKFLOWS, config=None))
    assert not above, "fix these, they cannot be ignored:\n" + "\n".join(above)
    unexplained = _unexplained_ignores(ZIZMOR_CONFIG.read_text(encoding="utf-8"))
    assert not unexplained, f"{ZIZMOR_CONFIG.name}: ignores without a reason above: {unexplained}"
    for path in WORKFLOWS:  # reasons live in the config, next to the ignore, not in workflows
        assert "zizmor: ignore" not in path.read_text(encoding="utf-8"), path.name


def test_zizmor_catches_a_dangerous_workflow(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: pull_request_target\npermissions: {}\njobs:\n  x:\n    name: x\n"
        "    runs-on: ubuntu-latest\n    container: python:3.11\n    steps:\n"
        "      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\n"
        '      - run: echo "${{ github.event.pull_request.title }}"\n',
        encoding="utf-8",
    )
    findings = _zizmor(bad)
    idents = {f["ident"] for f in findings}
    assert {"artipacked", "template-injection", "unpinned-images"} <= idents, idents
    assert _above_low(findings), "these must not be ignorable"
    assert _unexplained_ignores("rules:\n  artipacked:\n    ignore:\n      - bad.yml:9\n")


def test_every_action_is_pinned_to_a_commit() -> None:
    for path in WORKFLOWS:
        for job_name, job in _load(path)["jobs"].items():
            for step in job.get("steps", []):
                uses = step.get("uses")
                if uses and not uses.startswith("./"):
                    assert PINNED.match(uses), (
                        f"{path.name}:{job_name}: {uses} is not pinned to a SHA"
                    )


def test_least_privilege_and_concurrency() -> None:
    data = _load(REPO / ".github" / "workflows" / "pages.yml")
    assert data["permissions"] == {"contents": "read"}
    assert "group" in data["concurrency"]
    jobs = data["jobs"]
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    for name, job in jobs.items():
        if name != "deploy":
            assert "permissions" not in job or "write" not in str(job["permissions"]), name
    uses = [s.get("uses", "") for job in jobs.values() for s in job.get("steps", [])]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    build_env = next(s["env"] for s in jobs["build"]["steps"] if "env" in s)
    assert "steps.pages.outputs.base_url" in build_env["SITE_URL"], "site_url must come from Pages"


def test_ci_runs_the_readme_test_command() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in readme and re.search(r"^exec make test$", ci, re.M)


def _build_step(jobs: dict[str, Any]) -> dict[str, Any]:
    steps: list[dict[str, Any]] = [
        s for s in jobs["build"]["steps"] if "mkdocs build" in s.get("run", "")
    ]
    assert len(steps) == 1, "the build job must build the site in exactly one step"
    return steps[0]


def test_the_pages_build_gets_its_address_from_configure_pages() -> None:
    jobs = _load(REPO / ".github" / "workflows" / "pages.yml")["jobs"]
    steps = jobs["build"]["steps"]
    build = _build_step(jobs)
    pages = next(s for s in steps if s.get("id") == "pages")
    assert pages["uses"].startswith("actions/configure-pages@")
    assert steps.index(pages) < steps.index(build)
    assert build["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    # What is uploaded for deploy-pages is what that step built, nothing else.
    site_dir = re.search(r"mkdocs build .*--site-dir (\S+)", build["run"])
    upload = next(
        s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact@")
    )
    assert site_dir and upload["with"]["path"] == site_dir.group(1)


@pytest.mark.parametrize(
    "site_url",
    [None, "", "/", "http://127.0.0.1:8000/", "http://localhost:8000/", "https://x.github.io"],
)
def test_the_pages_build_cannot_run_without_the_pages_address(
    tmp_path: Path, site_url: str | None
) -> None:
    """The step's own script, run as GitHub runs it, stops before pip or mkdocs."""
    ran = _run_build_step(tmp_path, site_url)
    assert ran.returncode != 0 and "::error::SITE_URL" in ran.stdout, ran.stdout + ran.stderr
    assert not (tmp_path / "calls").exists(), "the build ran without the Pages address"


def test_the_pages_build_runs_with_the_pages_address(tmp_path: Path) -> None:
    ran = _run_build_step(tmp_path, "https://cloudnotes.github.io/cloudnotes/")
    assert ran.returncode == 0, ran.stdout + ran.stderr
    calls = (tmp_path / "calls").read_text(encoding="utf-8").splitlines()
    assert (
        calls[0].startswith("-m pip install --require-hashes ")
        and "-r requirements.txt" in calls[0]
    )
    assert calls[1].startswith("-m mkdocs build --strict ")


def _run_build_step(tmp_path: Path, site_url: str | None) -> subprocess.CompletedProcess[str]:
    """The build step's run script under GitHub's bash flags, with a `python` that only logs."""
    jobs = _load(REPO / ".github" / "workflows" / "pages.yml")["jobs"]
    stub = tmp_path / "bin" / "python"
    stub.parent.mkdir()
    stub.write_text(f'#!/bin/sh\necho "$*" >> {tmp_path / "calls"}\n', encoding="utf-8")
    stub.chmod(0o755)
    env = {"PATH": f"{stub.parent}{os.pathsep}{os.environ['PATH']}"}
    if site_url is not None:
        env["SITE_URL"] = site_url
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", _build_step(jobs)["run"]],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def _requirements(text: str) -> dict[str, str]:
    """name -> 'name==version' of each requirement line, names normalized as pip does."""
    pins = re.findall(r"^([A-Za-z0-9][\w.-]*)==([^\s;\\]+)", text, re.M)
    return {re.sub(r"[-_.]+", "-", name).lower(): version for name, version in pins}


@pytest.mark.parametrize("lock", ["requirements.txt", "requirements-test.txt"])
def test_lock_files_are_hashed_and_match_their_inputs(lock: str) -> None:
    text = (REPO / lock).read_text(encoding="utf-8")
    assert "make lock" in text.splitlines()[1], f"{lock} is not written by `make lock`"
    entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2].strip())
    unhashed = [e.split()[0] for e in entries if "--hash=sha256:" not in e]
    assert not unhashed, f"{lock}: no hash for {unhashed}"
    locked = _requirements(text)
    wanted = _requirements((REPO / lock.replace(".txt", ".in")).read_text(encoding="utf-8"))
    stale = {name: v for name, v in wanted.items() if locked.get(name) != v}
    assert not stale, f"{lock} does not lock {stale} as its .in asks: run `make lock`"


def test_every_install_checks_hashes() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    workflow = (REPO / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    installs = re.findall(r"^(?!\s*#).*pip install.*$", makefile + workflow, re.M)
    assert installs
    for line in installs:
        assert "--require-hashes" in line or "$(PIP_INSTALL)" in line, line
        assert "--upgrade" not in line, f"an unpinned upgrade: {line.strip()}"
    assert re.search(r"^PIP_INSTALL := .*--require-hashes", makefile, re.M)
