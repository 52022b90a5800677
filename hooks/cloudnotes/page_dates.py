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


def last_commit_timestamp(path: Path) -> int | None:
    """Seconds since the epoch of the last commit of ``path``; None without git history."""
    try:
        result = subprocess.run(
            ["git", "-C", str(path.parent), "log", "-1", "--format=%ct", "--", path.name],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):  # no git, or it hung
        return None
    stamp = result.stdout.strip()
    return int(stamp) if result.returncode == 0 and stamp.isdigit() else None


def source_date(path: Path | None, *, environ: Mapping[str, str]) -> str:
    """``YYYY-MM-DD`` for the page built from ``path`` (None: a page without a source file)."""
    stamp = last_commit_timestamp(path) if path is not None else None
    if stamp is not None:
        return _day(stamp)
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return _day(int(epoch))
    return NO_HISTORY_DATE
