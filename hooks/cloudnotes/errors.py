"""The one shape of every mistake an author can make: where it is, what is wrong, the fix."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Where:
    """A place in a source file, shown to authors as ``docs/x.ko.md:12``."""

    path: str  # POSIX path relative to the folder of mkdocs.yml
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


class AuthorError(Exception):
    """A problem in the sources that an author can fix: ``where: problem. Fix: fix.``"""

    def __init__(self, *, where: Where | None, problem: str, fix: str) -> None:
        self.where = where
        self.problem = problem
        self.fix = fix
        super().__init__(self.message())

    def message(self) -> str:
        place = f"{self.where}: " if self.where is not None else ""
        fix = self.fix if self.fix.endswith((".", "?", "!")) else self.fix + "."
        return f"{place}{self.problem}. Fix: {fix}"

    def used_in(self, where: Where) -> AuthorError:
        """The same problem, with the page that uses the broken source named first."""
        return AuthorError(
            where=self.where,
            problem=f"{self.problem} (used in {where})",
            fix=self.fix,
        )
