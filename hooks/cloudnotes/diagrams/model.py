"""The figure model: what a diagram source file describes, independent of any page."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ..errors import Where


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
class Label:
    """One piece of text in every locale; a source must give all of them."""

    texts: tuple[tuple[str, str], ...]  # (locale, text) in LOCALES order; hashable for layout

    def text(self, locale: str) -> str:
        return dict(self.texts)[locale]


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
