"""The date a page last changed, for the sitemaps' ``<lastmod>``: the same sources give the
same site, whatever day it is built on.

MkDocs dates every page with the day of the build, so two deploys of one commit differed.
A page's date is, in this order:

1. the committer date (UTC) of the last commit that touched its source file;
2. ``SOURCE_DATE_EPOCH`` (https://reproducible-builds.org/specs/source-date-epoch/), for a
   build without that history (a tarball, a page not committed yet);
3. :data:`NO_HISTORY_DATE`, a fixed date that says "unknown", so that such a build is still
   the same on every day.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

# The earliest date a ZIP archive can hold, the usual floor of reproducible builds.
NO_HISTORY_DATE = "1980-01-01"


def _day(timestamp: int) -> str:
    return datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d")


def _git(folder: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", "-C", str(folder), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):  # no git, or it hung
        return None
    return result.stdout if result.returncode == 0 else None


def commit_times(folder: Path) -> dict[Path, int]:
    """Seconds since the epoch of the last commit of each committed file under ``folder``;
    empty without git history. One ``git log`` for the whole folder (one per page took 0.1 s
    of a 2 s build), with the dates ``git log -1 -- <file>`` gives: a merge counts for a
    file only where it differs from every parent (``-c``)."""
    top = _git(folder, "rev-parse", "--show-toplevel")
    log = _git(folder, "log", "--format=%x01%ct", "--name-only", "-c", "-z", "--", ".")
    if top is None or log is None:
        return {}
    root = Path(top.strip())
    times: dict[Path, int] = {}
    stamp = None
    for field in log.split("\0"):  # -z: names exactly as stored, quotes and all
        field = field.lstrip("\n")
        if field.startswith("\x01"):
            stamp = int(field[1:]) if field[1:].isdigit() else None
        elif field and stamp is not None:
            times.setdefault((root / field).resolve(), stamp)  # newest first
    return times


def source_date(
    path: Path | None, *, environ: Mapping[str, str], history: Mapping[Path, int]
) -> str:
    """``YYYY-MM-DD`` for the page built from ``path`` (None: a page without a source file);
    ``history`` is :func:`commit_times` of its folder."""
    stamp = history.get(path.resolve()) if path is not None else None
    if stamp is not None:
        return _day(stamp)
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return _day(int(epoch))
    return NO_HISTORY_DATE
