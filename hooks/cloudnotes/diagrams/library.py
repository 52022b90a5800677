"""Find, read and cache the figure sources of one build (``diagrams/<name>.yml``)."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import AuthorError, Where
from .model import Figure, Stack
from .parse import MAX_SOURCE_CHARS, parse_figure

NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_USE_DEPTH = 8  # levels of 'use:' below a figure; recursion stays far from Python's limit


class _UseTooDeep(AuthorError):
    """Too deep for the outermost figure being loaded; a figure nested in it may be fine."""


class DiagramLibrary:
    """The figure sources in one folder, each parsed at most once.

    Make a new library for every build: ``mkdocs serve`` then sees edited sources, while
    a figure used on several pages, in both languages and by ``use:`` in other figures is
    still parsed only once (without that, figures that each ``use:`` the next several
    times are parsed exponentially often).
    """

    def __init__(self, directory: Path, *, display_root: Path) -> None:
        self.directory = directory
        self.display_root = display_root
        self._cache: dict[str, Figure | AuthorError] = {}
        self._depth: dict[str, int] = {}  # levels of 'use:' below each parsed figure

    def names(self) -> list[str]:
        if not self.directory.is_dir():
            return []
        return sorted(p.stem for p in self.directory.glob("*.yml") if NAME.match(p.stem))

    def _display(self, path: Path) -> str:
        try:
            return path.relative_to(self.display_root).as_posix()
        except ValueError:
            return path.as_posix()

    def figure(self, name: str) -> Figure:
        """The parsed figure ``name``; raises :class:`AuthorError` for any problem."""
        return self._figure(name, chain=())

    def _figure(self, name: str, *, chain: tuple[str, ...]) -> Figure:
        """``name`` loaded from inside the figures of ``chain`` (outermost first)."""
        if name not in self._cache:
            try:
                self._cache[name] = self._load(name, chain=chain)
            except _UseTooDeep as error:
                if chain:
                    raise
                self._cache[name] = error
            except AuthorError as error:
                self._cache[name] = error
        cached = self._cache[name]
        if isinstance(cached, AuthorError):
            raise cached
        return cached

    def _load(self, name: str, *, chain: tuple[str, ...]) -> Figure:
        path = self.directory / f"{name}.yml"
        if not NAME.match(name) or not path.is_file():
            known = ", ".join(self.names()) or "(none yet)"
            raise AuthorError(
                where=None,
                problem=f"unknown figure {name!r}: there is no {self._display(path)}",
                fix=f"use one of {known}, or create {self._display(path)}",
            )
        size = path.stat().st_size
        # Checked before reading it: UTF-8 takes at most 4 bytes a character.
        if size > 4 * MAX_SOURCE_CHARS:
            raise AuthorError(
                where=Where(self._display(path), 1),
                problem=(
                    f"the file has {size:,} bytes; a figure source holds at most "
                    f"{MAX_SOURCE_CHARS:,} characters"
                ),
                fix="split the figure into smaller figures",
            )
        data = path.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise AuthorError(
                where=Where(self._display(path), data.count(b"\n", 0, error.start) + 1),
                problem=f"the file is not UTF-8 text (byte 0x{data[error.start]:02x})",
                fix="save the file as UTF-8",
            ) from None
        depth = 0
        inside = (*chain, name)

        def resolve(other: str, where: Where) -> tuple[Stack, ...]:
            nonlocal depth
            if other in inside:
                loop = (*inside[inside.index(other) :], other)
                raise AuthorError(
                    where=where,
                    problem=f"'use: {other}' makes a loop ({' -> '.join(loop)})",
                    fix="use a figure that does not use this one",
                )
            if not NAME.match(other) or not (self.directory / f"{other}.yml").is_file():
                raise AuthorError(
                    where=where,
                    problem=f"'use: {other}' names no figure",
                    fix=f"use one of {', '.join(self.names())}",
                )
            # Checked before loading (bounds the recursion) and after (a cached figure's depth).
            self._check_depth(inside, other, 0, where)
            stacks = self._figure(other, chain=inside).stacks
            self._check_depth(inside, other, self._depth[other], where)
            depth = max(depth, 1 + self._depth[other])
            return stacks

        figure = parse_figure(text, name=name, path=self._display(path), resolve=resolve)
        self._depth[name] = depth
        return figure

    @staticmethod
    def _check_depth(inside: tuple[str, ...], other: str, below: int, where: Where) -> None:
        if len(inside) + below > MAX_USE_DEPTH:
            more = f" -> ... ({below} more)" if below else ""
            raise _UseTooDeep(
                where=where,
                problem=(
                    f"'use: {other}' nests figures more than {MAX_USE_DEPTH} deep "
                    f"({' -> '.join((*inside, other))}{more})"
                ),
                fix="use the innermost figures directly instead of through other figures",
            )
