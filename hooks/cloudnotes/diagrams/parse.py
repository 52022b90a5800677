"""Read a diagram source (YAML) into a :class:`Figure`, naming file:line for every problem.

The YAML is composed into nodes rather than loaded into plain data, because only nodes
remember where they came from (``start_mark``), and every error must point at a line.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..locales import LOCALES
from .model import Box, DiagramError, Figure, Kind, Label, Stack, Where

MAX_COLUMNS = 6
MAX_ROWS_PER_BOX = 6
_SPACES = re.compile(r"[ \t\r\n]+")
_INT_TAG = "tag:yaml.org,2002:int"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_KINDS = ", ".join(kind.value for kind in Kind)

FIGURE_KEYS = ("title", "description", "stacks")
STACK_KEYS = ("label", "columns", "layers", "use")

# Looks up the stacks of another figure for ``- use: <name>``; raises DiagramError.
ResolveStacks = Callable[[str, Where], tuple[Stack, ...]]
BOX_KEYS = ("label", "kind", "span", "rows", "emphasis")
# libyaml's loader composes the same nodes (with line marks) about ten times faster; the
# figures are parsed on every build of every language, so it shows in the build time.
_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_figure(
    text: str, *, name: str, path: str, resolve: ResolveStacks | None = None
) -> Figure:
    """Parse one source file. ``path`` is how errors name the file (``diagrams/x.yml``).

    A stack written as ``- use: other-figure`` takes the stacks of ``other-figure``
    through ``resolve``, so a comparison figure never repeats (and drifts from) its parts.
    """
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        problem = exc.problem or exc.context or "malformed YAML"
        raise DiagramError(
            where=Where(path, line),
            problem=f"malformed YAML ({problem})",
            fix="check indentation and quoting on this line; quote labels that contain ': ' or '#'",
        ) from None
    except yaml.YAMLError as exc:
        raise DiagramError(
            where=Where(path, 1),
            problem=f"malformed YAML ({exc})",
            fix="save the file as UTF-8 YAML",
        ) from None
    if root is None:
        raise DiagramError(
            where=Where(path, 1),
            problem="the file is empty",
            fix="give the figure title, description and stacks (README.md, 'Add a diagram')",
        )
    fields = _mapping(root, path=path, allowed=FIGURE_KEYS, what="a figure")
    where = _where(root, path)
    title = _label(_required(fields, "title", root, path=path, what="a figure"), path=path)
    description = _label(
        _required(fields, "description", root, path=path, what="a figure"), path=path
    )
    stacks_node = _required(fields, "stacks", root, path=path, what="a figure")
    stack_nodes = _sequence(stacks_node, path=path, what="stacks")
    if not stack_nodes:
        raise DiagramError(
            where=_where(stacks_node, path),
            problem="the figure has no stacks",
            fix="add at least one stack under 'stacks:'",
        )
    stacks: list[Stack] = []
    for node in stack_nodes:
        stacks.extend(_stack_or_use(node, path=path, resolve=resolve))
    return Figure(
        name=name, title=title, description=description, stacks=tuple(stacks), where=where
    )


def _where(node: Node, path: str) -> Where:
    return Where(path, node.start_mark.line + 1)


def _mapping(node: Node, *, path: str, allowed: tuple[str, ...], what: str) -> dict[str, Node]:
    if not isinstance(node, MappingNode):
        raise DiagramError(
            where=_where(node, path),
            problem=f"expected {what} as a mapping of keys ({', '.join(allowed)})",
            fix=f"write {what} as 'key: value' lines",
        )
    fields: dict[str, Node] = {}
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, ScalarNode) else None
        if not isinstance(key, str) or key not in allowed:
            raise DiagramError(
                where=_where(key_node, path),
                problem=f"unknown key {key!r} in {what}",
                fix=f"use only {', '.join(allowed)}",
            )
        if key in fields:
            raise DiagramError(
                where=_where(key_node, path),
                problem=f"key {key!r} appears twice in {what}",
                fix="keep one of them",
            )
        fields[key] = value_node
    return fields


def _required(fields: dict[str, Node], key: str, parent: Node, *, path: str, what: str) -> Node:
    if key not in fields:
        raise DiagramError(
            where=_where(parent, path),
            problem=f"{what} has no {key!r}",
            fix=f"add '{key}:' to {what}",
        )
    return fields[key]


def _sequence(node: Node, *, path: str, what: str) -> list[Node]:
    if not isinstance(node, SequenceNode):
        raise DiagramError(
            where=_where(node, path),
            problem=f"expected {what} as a list",
            fix=f"write each item of {what} on its own '- ' line",
        )
    return list(node.value)


def _scalar_text(node: Node, *, path: str, what: str) -> str:
    if not isinstance(node, ScalarNode):
        raise DiagramError(
            where=_where(node, path),
            problem=f"expected {what} as text",
            fix="write it on one line; quote it if it starts with [, { or contains ': '",
        )
    return str(node.value)


def _label(node: Node, *, path: str) -> Label:
    fields = _mapping(node, path=path, allowed=LOCALES, what="a label")
    texts: dict[str, str] = {}
    for locale in LOCALES:
        if locale not in fields:
            raise DiagramError(
                where=_where(node, path),
                problem=f"label has no {locale!r} text",
                fix=f"give every label both languages: {{ko: ..., en: ...}} (add '{locale}:')",
            )
        # Only ASCII spaces fold and break lines: a no-break space ("100\\_GB" in YAML) holds.
        raw = _scalar_text(fields[locale], path=path, what="label text")
        text = _SPACES.sub(" ", raw).strip(" ")
        if not text:
            raise DiagramError(
                where=_where(fields[locale], path),
                problem=f"label {locale!r} text is empty",
                fix="write the label text",
            )
        if any(unicodedata.category(char) in ("Cc", "Cs", "Co", "Cn") for char in text):
            raise DiagramError(
                where=_where(fields[locale], path),
                problem=f"label {locale!r} text contains a control or unassigned character",
                fix="remove escape sequences such as \\x00 from the label",
            )
        texts[locale] = text
    return Label(ko=texts["ko"], en=texts["en"])


def _int(node: Node, *, path: str, key: str, low: int, high: int) -> int:
    if not (isinstance(node, ScalarNode) and node.tag == _INT_TAG):
        raise DiagramError(
            where=_where(node, path),
            problem=f"{key!r} must be a whole number",
            fix=f"write {key}: followed by a number from {low} to {high}",
        )
    value = int(node.value)
    if not low <= value <= high:
        raise DiagramError(
            where=_where(node, path),
            problem=f"{key!r} is {value}, outside {low}..{high}",
            fix=f"use a number from {low} to {high}",
        )
    return value


def _stack_or_use(node: Node, *, path: str, resolve: ResolveStacks | None) -> tuple[Stack, ...]:
    fields = _mapping(node, path=path, allowed=STACK_KEYS, what="a stack")
    if "use" not in fields:
        return (_stack(node, fields, path=path),)
    if len(fields) > 1:
        raise DiagramError(
            where=_where(node, path),
            problem="a stack with 'use' cannot have other keys",
            fix="either write '- use: <figure>' alone, or describe the stack with columns/layers",
        )
    use_node = fields["use"]
    other = _scalar_text(use_node, path=path, what="a figure name")
    if resolve is None:
        raise DiagramError(
            where=_where(use_node, path),
            problem="'use' is not available here",
            fix="load figures through DiagramLibrary, which resolves 'use'",
        )
    return resolve(other, _where(use_node, path))


def _stack(node: Node, fields: dict[str, Node], *, path: str) -> Stack:
    label = _label(fields["label"], path=path) if "label" in fields else None
    columns_node = _required(fields, "columns", node, path=path, what="a stack")
    columns = _int(columns_node, path=path, key="columns", low=1, high=MAX_COLUMNS)
    layers_node = _required(fields, "layers", node, path=path, what="a stack")
    layer_nodes = _sequence(layers_node, path=path, what="layers")
    if not layer_nodes:
        raise DiagramError(
            where=_where(layers_node, path),
            problem="empty stack: 'layers' has no layers",
            fix="list the layers from top to bottom, each a list of boxes",
        )
    occupied: set[tuple[int, int]] = set()
    placed_rows: list[tuple[Box, ...]] = []
    for row, layer_node in enumerate(layer_nodes):
        box_nodes = _sequence(layer_node, path=path, what="a layer (its boxes)")
        if not box_nodes:
            raise DiagramError(
                where=_where(layer_node, path),
                problem="empty layer: it has no boxes",
                fix="add a box ('- label: {ko: ..., en: ...}') or delete the layer",
            )
        placed_rows.append(
            tuple(
                _place(
                    box_node,
                    row=row,
                    columns=columns,
                    rows=len(layer_nodes),
                    occupied=occupied,
                    path=path,
                )
                for box_node in box_nodes
            )
        )
    return Stack(label=label, columns=columns, layers=tuple(placed_rows), where=_where(node, path))


def _place(
    node: Node, *, row: int, columns: int, rows: int, occupied: set[tuple[int, int]], path: str
) -> Box:
    """Parse one box and put it in the first free cell of ``row`` (left to right)."""
    fields = _mapping(node, path=path, allowed=BOX_KEYS, what="a box")
    label = _label(_required(fields, "label", node, path=path, what="a box"), path=path)
    kind_node = _required(fields, "kind", node, path=path, what="a box")
    kind_text = _scalar_text(kind_node, path=path, what="kind")
    try:
        kind = Kind(kind_text)
    except ValueError:
        raise DiagramError(
            where=_where(kind_node, path),
            problem=f"unknown kind {kind_text!r}",
            fix=f"use one of {_KINDS}",
        ) from None
    span = (
        _int(fields["span"], path=path, key="span", low=1, high=MAX_COLUMNS)
        if ("span" in fields)
        else 1
    )
    height = (
        _int(fields["rows"], path=path, key="rows", low=1, high=MAX_ROWS_PER_BOX)
        if ("rows" in fields)
        else 1
    )
    emphasis = False
    if "emphasis" in fields:
        emph_node = fields["emphasis"]
        if not (isinstance(emph_node, ScalarNode) and emph_node.tag == _BOOL_TAG):
            raise DiagramError(
                where=_where(emph_node, path),
                problem="'emphasis' must be true or false",
                fix="write emphasis: true",
            )
        emphasis = emph_node.value.lower() in ("true", "yes", "on")
    where = _where(node, path)
    column = next((c for c in range(columns) if (row, c) not in occupied), columns)
    cells = {(r, c) for r in range(row, row + height) for c in range(column, column + span)}
    if column + span > columns or cells & occupied:
        free = sum(1 for c in range(columns) if (row, c) not in occupied)
        raise DiagramError(
            where=where,
            problem=(
                f"span wider than its stack: this box needs {span} column(s) from column "
                f"{column + 1}, but the stack has {columns} column(s) and this layer "
                f"had {free} free before it"
            ),
            fix="lower 'span' on the boxes of this layer, or raise the stack's 'columns'",
        )
    if row + height > rows:
        raise DiagramError(
            where=where,
            problem=f"'rows: {height}' runs below the bottom layer of the stack",
            fix=f"use rows: {rows - row} or less",
        )
    occupied.update(cells)
    return Box(
        label=label,
        row=row,
        column=column,
        span=span,
        rows=height,
        kind=kind,
        emphasis=emphasis,
        where=where,
    )
