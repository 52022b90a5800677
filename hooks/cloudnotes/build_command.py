"""Run a site build in a child process, the one way the tests, `make manifest` and the
benchmark do it (the same command line and environment as `make build`)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# Material and ProperDocs each print a long notice about MkDocs 2.0 on every build.
QUIET_ENV = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def run_build(
    dest: Path,
    *,
    config: Path = REPO / "mkdocs.yml",
    site_url: str | None = None,
    tool: str = "mkdocs",
    strict: bool = True,
    quiet: bool = False,
    extra_env: Mapping[str, str] | None = None,
    unset_env: Sequence[str] = (),
    wrapper: Sequence[str] = (),
) -> subprocess.CompletedProcess[str]:
    """``<tool> build [--strict] -f config -d dest`` from the config's folder; not raised.

    ``tool`` is ``mkdocs`` or ``properdocs`` (MkDocs 1.x continued, the fallback if MkDocs
    ever stops installing). ``site_url`` is passed as SITE_URL (mkdocs.yml reads it);
    ``unset_env`` names variables the build must not inherit; ``wrapper`` runs the build
    under another command (``["faketime", "2031-01-01"]``).
    """
    if strict and quiet:
        # MkDocs' -q drops warnings before its strict counter sees them: the build would pass.
        raise ValueError("run_build(strict=True, quiet=True) would pass on warnings")
    env = {**os.environ, **QUIET_ENV, **(extra_env or {})}
    for name in unset_env:
        env.pop(name, None)
    if site_url is not None:
        env["SITE_URL"] = site_url
    command = [*wrapper, sys.executable, "-m", tool, "build", "-f", str(config), "-d", str(dest)]
    command += ["--strict"] if strict else []
    command += ["-q"] if quiet else []
    return subprocess.run(
        command,
        cwd=config.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
