"""The GitHub Actions workflows: actionlint-clean, least privilege, pinned actions."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from tests.support import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
ACTIONLINT = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or "actionlint"
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")


def _actionlint(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [ACTIONLINT, "-no-color", *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


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
