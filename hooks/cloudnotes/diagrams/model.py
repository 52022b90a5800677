"""The figure model: what a diagram source file describes, independent of any page."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """What a box stands for. Each kind is one CSS class (``dg-box--<kind>``)."""

    HARDWARE = "hardware"
    OS = "os"
    VIRTUALIZATION = "virtualization"
    GUEST = "guest"
    LIBS = "libs"
    APP = "app"
    TOOL = "tool"
    ABSENT = "absent"
    ALLOCATED = "allocated"
    FREE = "free"
    POOL = "pool"
    VOLUME = "volume"


@dataclass(frozen=True)
class Where:
    """A position in a diagram source: shown to authors as ``diagrams/x.yml:12``."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


class DiagramError(Exception):
    """A diagram source or usage problem that an author can fix.

    ``where`` is the source position, ``problem`` what is wrong, ``fix`` what to do.
    """

    def __init__(self, *, where: Where | None, problem: str, fix: str) -> None:
        self.where = where
        self.problem = problem
        self.fix = fix
        super().__init__(self.message())

    def message(self) -> str:
        place = f"{self.where}: " if self.where is not None else ""
        return f"{place}{self.problem}. Fix: {self.fix}"


@dataclass(frozen=True)
class Label:
    """One piece of text in every locale; a source must give all of them."""

    ko: str
    en: str

    def text(self, locale: str) -> str:
        return self.en if locale == "en" else self.ko


@dataclass(frozen=True)
class Box:
    """A labelled rectangle placed on its stack's grid (row 0 = top layer, column 0 = left)."""

    label: Label
    row: int
    column: int
    span: int
    rows: int
    kind: Kind
    emphasis: bool
    where: Where


@dataclass(frozen=True)
class Stack:
    """A column of layers, drawn bottom-up; ``layers[0]`` is the top layer as written."""

    label: Label | None
    columns: int
    layers: tuple[tuple[Box, ...], ...]
    where: Where


@dataclass(frozen=True)
class Figure:
    name: str
    title: Label
    description: Label
    stacks: tuple[Stack, ...]
    where: Where
