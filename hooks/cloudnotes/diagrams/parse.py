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

from ..errors import AuthorError, Where
from ..locales import LOCALES
from .model import Box, Figure, Kind, Label, Stack

# Limits, far above the real figures (README.md, "Add a diagram"), so that no source can
# make a build slow or a page huge: each is an author error with file:line, never a cut.
MAX_SOURCE_CHARS = 100_000
MAX_STACKS = 12  # per figure, counting the stacks that 'use:' brings in
MAX_LAYERS = 20  # per stack
MAX_COLUMNS = 6
MAX_ROWS_PER_BOX = 6
MAX_BOXES = 200  # per figure
MAX_LABEL_CHARS = 200  # a box label, a stack label or the title, in each language
MAX_DESCRIPTION_CHARS = 2_000
# Lists and mappings inside each other; a figure needs 7 (figure, stacks, stack, layers,
# layer, box, label). libyaml's composer overflows the C stack (a crash) on deep nesting.
MAX_NESTING = 12

_SPACES = re.compile(r"[ \t\r\n]+")
_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)")
_TAG = "tag:yaml.org,2002:"
_STR_TAG = _TAG + "str"
_INT_TAG = _TAG + "int"
_BOOL_TAG = _TAG + "bool"
# What the resolver gives untagged YAML; any other tag (!!binary, !!set, !foo) was written
# on purpose and would be silently ignored, so it is refused.
_STANDARD_TAGS = frozenset(
    _TAG + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "merge", "value", "map", "seq")
)
# How a scalar that is not text reads, for the "quote it" error.
_NOT_TEXT = {
    _TAG + "null": "null (no text)",
    _TAG + "int": "a number",
    _TAG + "float": "a number",
    _TAG + "bool": "true or false",
    _TAG + "timestamp": "a date",
}
# Invisible characters that are not format characters (Cf): Default_Ignorable_Code_Point
# letters and marks, such as the Hangul fillers, which look like nothing or like a space.
_INVISIBLE = re.compile(
    "[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u3164\ufe00-\ufe0f\uffa0\U000e0100-\U000e01ef]"
)
_KINDS = ", ".join(kind.value for kind in Kind)

FIGURE_KEYS = ("title", "description", "stacks")
STACK_KEYS = ("label", "columns", "layers", "use")

# Looks up the stacks of another figure for ``- use: <name>``; raises AuthorError.
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
        return _parse_figure(text, name=name, path=path, resolve=resolve)
    except AuthorError as error:
        # libyaml marks a node that starts at the very end one line past the last: name the last.
        normalized = text.replace("\r\n", "\n").replace("\r", "\n")
        last = max(1, normalized.count("\n") + (not normalized.endswith("\n")))
        where = error.where
        if where is None or where.path != path or where.line is None or where.line <= last:
            raise
        raise AuthorError(where=Where(path, last), problem=error.problem, fix=error.fix) from None


def _parse_figure(text: str, *, name: str, path: str, resolve: ResolveStacks | None) -> Figure:
    if len(text) > MAX_SOURCE_CHARS:
        raise AuthorError(
            where=Where(path, 1),
            problem=f"the file has {len(text):,} characters, more than {MAX_SOURCE_CHARS:,}",
            fix=(
                f"split the figure into smaller figures: a figure holds at most {MAX_STACKS} "
                f"stacks of {MAX_LAYERS} layers, {MAX_BOXES} boxes in all"
            ),
        )
    # Universal newlines, as libyaml counts lines (a lone CR ends one too).
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    _check_characters(text, path=path)
    root = _compose(text, path=path)
    _check_tags(root, path=path)
    fields = _mapping(root, path=path, allowed=FIGURE_KEYS, what="a figure")
    where = _where(root, path)
    title = _label(_required(fields, "title", root, path=path, what="a figure"), path=path)
    description = _label(
        _required(fields, "description", root, path=path, what="a figure"),
        path=path,
        max_chars=MAX_DESCRIPTION_CHARS,
    )
    stacks_node = _required(fields, "stacks", root, path=path, what="a figure")
    stack_nodes = _sequence(stacks_node, path=path, what="stacks")
    if not stack_nodes:
        raise AuthorError(
            where=_where(stacks_node, path),
            problem="the figure has no stacks",
            fix="add at least one stack under 'stacks:'",
        )
    _at_most(stack_nodes, MAX_STACKS, path=path, what="the figure", items="stacks")
    stacks: list[Stack] = []
    boxes = 0
    for node in stack_nodes:
        added = _stack_or_use(node, path=path, resolve=resolve)
        stacks.extend(added)
        boxes += sum(len(layer) for stack in added for layer in stack.layers)
        if len(stacks) > MAX_STACKS or boxes > MAX_BOXES:
            count, most, items = (
                (len(stacks), MAX_STACKS, "stacks")
                if len(stacks) > MAX_STACKS
                else (boxes, MAX_BOXES, "boxes")
            )
            raise AuthorError(
                where=_where(node, path),
                problem=f"with this stack the figure has {count} {items}, more than {most}",
                fix="split the figure into smaller figures (README.md, 'Add a diagram')",
            )
    return Figure(
        name=name, title=title, description=description, stacks=tuple(stacks), where=where
    )


def _check_nesting(text: str, *, path: str) -> None:
    """Refuse deep nesting from the parser's events, before the composer recurses into it."""
    depth = 0
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_NESTING:
                line = event.start_mark.line + 1 if event.start_mark is not None else 1
                raise AuthorError(
                    where=Where(path, line),
                    problem=f"lists and mappings nest more than {MAX_NESTING} deep",
                    fix="close the brackets or fix the indentation (a figure needs 7 levels)",
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _compose(text: str, *, path: str) -> Node:
    try:
        _check_nesting(text, path=path)
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        # At the end of the file libyaml points one line past the last: name the last line.
        last = max(1, text.count("\n") + (not text.endswith("\n")))
        line = min(mark.line + 1, last) if mark is not None else 1
        problem = exc.problem or exc.context or "malformed YAML"
        raise AuthorError(
            where=Where(path, line),
            problem=f"malformed YAML ({problem})",
            fix="check indentation and quoting on this line; quote labels that contain ': ' or '#'",
        ) from None
    except yaml.reader.ReaderError as exc:
        # _check_characters refuses these first. libyaml counts the position in UTF-8 bytes.
        if _LOADER is yaml.SafeLoader:
            line = text.count("\n", 0, exc.position) + 1
        else:
            line = text.encode("utf-8")[: exc.position].count(b"\n") + 1
        raise AuthorError(
            where=Where(path, line),
            problem=f"malformed YAML ({exc.reason})",
            fix="delete the character the problem names",
        ) from None
    except yaml.YAMLError as exc:
        raise AuthorError(
            where=Where(path, 1),
            problem=f"malformed YAML ({exc})",
            fix="save the file as UTF-8 YAML",
        ) from None
    if root is None:
        raise AuthorError(
            where=Where(path, 1),
            problem="the file is empty",
            fix="give the figure title, description and stacks (README.md, 'Add a diagram')",
        )
    return root


def _hidden(char: str) -> str | None:
    """Why ``char`` must not be in a source or label, or None when it may."""
    category = unicodedata.category(char)
    code = ord(char)
    if category == "Cc":
        return "a control character"
    if category == "Cf":
        return "an invisible format character, which can hide text or reverse its direction"
    if category in ("Zl", "Zp"):
        return "a line or paragraph separator"
    if category == "Cs" or 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:
        return "not a character (a surrogate or noncharacter)"
    if _INVISIBLE.match(char):
        return "an invisible character"
    return None


def _codepoint(char: str) -> str:
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X} {name}".rstrip()


_HIDDEN_FIX = "delete it (retype the text around it if it was pasted)"
_NO_BREAK_HINT = 'for a space that must not break, write \\_ in a double-quoted label ("100\\_GB")'


def _check_characters(text: str, *, path: str) -> None:
    """Refuse characters that hide or reorder what a reviewer reads, wherever they are."""
    for index, char in enumerate(text):
        if char in "\t\n" or (index == 0 and char == "\ufeff") or " " <= char <= "~":
            continue
        reason = _hidden(char)
        if reason is not None:
            line_start = text.rfind("\n", 0, index) + 1
            raise AuthorError(
                where=Where(path, text.count("\n", 0, index) + 1),
                problem=f"column {index - line_start + 1} holds {_codepoint(char)}, {reason}",
                fix=f"{_HIDDEN_FIX}; {_NO_BREAK_HINT}",
            )


def _check_tags(root: Node, *, path: str) -> None:
    """Refuse explicit tags (``!!binary``, ``!foo``): nothing here would honour them."""
    seen: set[int] = set()
    todo = [root]
    while todo:
        node = todo.pop()
        if id(node) in seen:  # an alias, possibly of its own ancestor
            continue
        seen.add(id(node))
        if node.tag not in _STANDARD_TAGS:
            tag = "!!" + node.tag.removeprefix(_TAG) if node.tag.startswith(_TAG) else node.tag
            raise AuthorError(
                where=_where(node, path),
                problem=f"the YAML tag {tag} is not supported",
                fix="delete the tag (the '!...' before the value); quote text instead",
            )
        if isinstance(node, MappingNode):
            todo.extend(child for pair in reversed(node.value) for child in reversed(pair))
        elif isinstance(node, SequenceNode):
            todo.extend(reversed(node.value))


def _at_most(nodes: list[Node], most: int, *, path: str, what: str, items: str) -> None:
    if len(nodes) > most:
        raise AuthorError(
            where=_where(nodes[most], path),
            problem=f"{what} has {len(nodes)} {items}, more than {most}",
            fix="split the figure into smaller figures (README.md, 'Add a diagram')",
        )


def _where(node: Node, path: str) -> Where:
    return Where(path, node.start_mark.line + 1)


def _mapping(node: Node, *, path: str, allowed: tuple[str, ...], what: str) -> dict[str, Node]:
    if not isinstance(node, MappingNode):
        raise AuthorError(
            where=_where(node, path),
            problem=f"expected {what} as a mapping of keys ({', '.join(allowed)})",
            fix=f"write {what} as 'key: value' lines",
        )
    fields: dict[str, Node] = {}
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, ScalarNode) else None
        if not isinstance(key, str) or key not in allowed:
            raise AuthorError(
                where=_where(key_node, path),
                problem=f"unknown key {key!r} in {what}",
                fix=f"use only {', '.join(allowed)}",
            )
        if key in fields:
            raise AuthorError(
                where=_where(key_node, path),
                problem=f"key {key!r} appears twice in {what}",
                fix="keep one of them",
            )
        fields[key] = value_node
    return fields


def _required(fields: dict[str, Node], key: str, parent: Node, *, path: str, what: str) -> Node:
    if key not in fields:
        raise AuthorError(
            where=_where(parent, path),
            problem=f"{what} has no {key!r}",
            fix=f"add '{key}:' to {what}",
        )
    return fields[key]


def _sequence(node: Node, *, path: str, what: str) -> list[Node]:
    if not isinstance(node, SequenceNode):
        raise AuthorError(
            where=_where(node, path),
            problem=f"expected {what} as a list",
            fix=f"write each item of {what} on its own '- ' line",
        )
    return list(node.value)


def _scalar_text(node: Node, *, path: str, what: str) -> str:
    if not isinstance(node, ScalarNode):
        raise AuthorError(
            where=_where(node, path),
            problem=f"expected {what} as text",
            fix="write it on one line; quote it if it starts with [, { or contains ': '",
        )
    return str(node.value)


def _label(node: Node, *, path: str, max_chars: int = MAX_LABEL_CHARS) -> Label:
    fields = _mapping(node, path=path, allowed=LOCALES, what="a label")
    texts: dict[str, str] = {}
    for locale in LOCALES:
        if locale not in fields:
            raise AuthorError(
                where=_where(node, path),
                problem=f"label has no {locale!r} text",
                fix=f"give every label both languages: {{ko: ..., en: ...}} (add '{locale}:')",
            )
        texts[locale] = _label_text(fields[locale], locale=locale, path=path, max_chars=max_chars)
    return Label(texts=tuple((locale, texts[locale]) for locale in LOCALES))


def _label_text(node: Node, *, locale: str, path: str, max_chars: int) -> str:
    raw = _scalar_text(node, path=path, what="label text")
    where = _where(node, path)
    if node.tag != _STR_TAG and not (node.tag == _TAG + "null" and not raw):
        reads_as = _NOT_TEXT.get(node.tag, "something else")
        raise AuthorError(
            where=where,
            problem=f"label {locale!r} text {raw!r} reads as {reads_as}, not as text",
            fix=f'quote it ({locale}: "{raw}") if that is the label, or write the label text',
        )
    # Only ASCII spaces fold and break lines: a no-break space ("100\\_GB" in YAML) holds.
    text = _SPACES.sub(" ", raw).strip(" ")
    if not text:
        raise AuthorError(
            where=where,
            problem=f"label {locale!r} text is empty",
            fix="write the label text",
        )
    if len(text) > max_chars:
        raise AuthorError(
            where=where,
            problem=f"label {locale!r} text has {len(text):,} characters, more than {max_chars:,}",
            fix="shorten it; the page text around the figure can say the rest",
        )
    for char in text:
        reason = _hidden(char)
        if reason is None and unicodedata.category(char) in ("Co", "Cn"):
            reason = "a private-use or unassigned code point"
        if reason is not None:
            raise AuthorError(
                where=where,
                problem=f"label {locale!r} text contains {_codepoint(char)}, {reason}",
                fix=f"delete it or its escape sequence (such as \\u202e); {_NO_BREAK_HINT}",
            )
    return text


def _int(node: Node, *, path: str, key: str, low: int, high: int) -> int:
    if not (isinstance(node, ScalarNode) and node.tag == _INT_TAG):
        raise AuthorError(
            where=_where(node, path),
            problem=f"{key!r} must be a whole number",
            fix=f"write {key}: followed by a number from {low} to {high}",
        )
    # YAML 1.1 also reads 0x2, 0o2, 0b1, 010 (octal), 1_0 and 1:0 (base 60) as integers.
    raw = str(node.value)
    if not _DECIMAL.fullmatch(raw):
        raise AuthorError(
            where=_where(node, path),
            problem=f"{key!r} is written {raw!r}, not as a plain decimal number",
            fix=f"write it in the digits 0-9 only, a number from {low} to {high}",
        )
    # Compared as text first: int() refuses strings of more than 4,300 digits.
    if len(raw) > len(str(high)) or not low <= int(raw) <= high:
        shown = raw if len(raw) <= 12 else raw[:12] + "..."
        raise AuthorError(
            where=_where(node, path),
            problem=f"{key!r} is {shown}, outside {low}..{high}",
            fix=f"use a number from {low} to {high}",
        )
    return int(raw)


def _stack_or_use(node: Node, *, path: str, resolve: ResolveStacks | None) -> tuple[Stack, ...]:
    fields = _mapping(node, path=path, allowed=STACK_KEYS, what="a stack")
    if "use" not in fields:
        return (_stack(node, fields, path=path),)
    if len(fields) > 1:
        raise AuthorError(
            where=_where(node, path),
            problem="a stack with 'use' cannot have other keys",
            fix="either write '- use: <figure>' alone, or describe the stack with columns/layers",
        )
    use_node = fields["use"]
    other = _scalar_text(use_node, path=path, what="a figure name")
    if resolve is None:
        raise AuthorError(
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
        raise AuthorError(
            where=_where(layers_node, path),
            problem="empty stack: 'layers' has no layers",
            fix="list the layers from top to bottom, each a list of boxes",
        )
    _at_most(layer_nodes, MAX_LAYERS, path=path, what="the stack", items="layers")
    occupied: set[tuple[int, int]] = set()
    placed_rows: list[tuple[Box, ...]] = []
    for row, layer_node in enumerate(layer_nodes):
        box_nodes = _sequence(layer_node, path=path, what="a layer (its boxes)")
        if not box_nodes:
            raise AuthorError(
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
        raise AuthorError(
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
            raise AuthorError(
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
        raise AuthorError(
            where=where,
            problem=(
                f"span wider than its stack: this box needs {span} column(s) from column "
                f"{column + 1}, but the stack has {columns} column(s) and this layer "
                f"had {free} free before it"
            ),
            fix="lower 'span' on the boxes of this layer, or raise the stack's 'columns'",
        )
    if row + height > rows:
        raise AuthorError(
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
