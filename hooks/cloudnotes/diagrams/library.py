"""Find, read and cache the figure sources of one build (``diagrams/<name>.yml``)."""

from __future__ import annotations

import re
from pathlib import Path

from .model import DiagramError, Figure, Stack, Where
from .parse import parse_figure

NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class DiagramLibrary:
    """The figure sources in one folder, each parsed at most once.

    Make a new library for every build: ``mkdocs serve`` then sees edited sources, while
    a figure used on several pages (and in both languages) is still parsed only once.
    """

    def __init__(self, directory: Path, *, display_root: Path) -> None:
        self.directory = directory
        self.display_root = display_root
        self._cache: dict[str, Figure | DiagramError] = {}

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
        """The parsed figure ``name``; raises :class:`DiagramError` for any problem."""
        if name not in self._cache:
            try:
                self._cache[name] = self._load(name, chain=())
            except DiagramError as error:
                self._cache[name] = error
        cached = self._cache[name]
        if isinstance(cached, DiagramError):
            raise cached
        return cached

    def _load(self, name: str, *, chain: tuple[str, ...]) -> Figure:
        path = self.directory / f"{name}.yml"
        if not NAME.match(name) or not path.is_file():
            known = ", ".join(self.names()) or "(none yet)"
            raise DiagramError(
                where=None,
                problem=f"unknown figure {name!r}: there is no {self._display(path)}",
                fix=f"use one of {known}, or create {self._display(path)}",
            )
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise DiagramError(
                where=None,
                problem=f"{self._display(path)} is not UTF-8 text",
                fix="save the file as UTF-8",
            ) from None

        def resolve(other: str, where: Where) -> tuple[Stack, ...]:
            if other in (*chain, name):
                raise DiagramError(
                    where=where,
                    problem=f"'use: {other}' makes a loop ({' -> '.join((*chain, name, other))})",
                    fix="use a figure that does not use this one",
                )
            if not NAME.match(other) or not (self.directory / f"{other}.yml").is_file():
                raise DiagramError(
                    where=where,
                    problem=f"'use: {other}' names no figure",
                    fix=f"use one of {', '.join(self.names())}",
                )
            return self._load(other, chain=(*chain, name)).stacks

        return parse_figure(text, name=name, path=self._display(path), resolve=resolve)
