"""Place a figure's boxes and lines of text in SVG user units, for one locale.

Every stack of a figure becomes its own SVG of the same width and height, so that
stacks sit side by side on a wide column (rows aligned from the bottom, stack titles on
one line at the top) and wrap one under the other on a phone without shrinking text
below legibility. Columns are equal unless that wraps a label onto three lines; then one
column is widened just enough, if the others can spare it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import AuthorError
from .model import Box, Figure, Kind, Stack
from .textwidth import wrap_text

WIDTH = 360.0  # Every stack's viewBox width; CSS caps it at 360 CSS px.
PAD = 6.0
GAP = 6.0
FONT_SIZE = 14.0  # >= 12 CSS px on a 360 px phone, where a stack is drawn ~330 px wide
LINE_HEIGHT = 18.0
BOX_PAD_X = 7.0
BOX_PAD_Y = 9.0
ROW_MIN = 38.0
HEADING_FONT_SIZE = 15.0
HEADING_LINE_HEIGHT = 20.0
HEADING_GAP = 8.0
MAX_LINES_PER_BOX = 8  # an error past this; real figures need 2
MAX_LINES = 2  # a label wrapped onto more lines than this is hard to read in a box
WIDEN_STEP = 2.0


@dataclass(frozen=True)
class TextLine:
    text: str
    x: float
    y: float  # the line's vertical centre (dominant-baseline: central)


@dataclass(frozen=True)
class PlacedBox:
    x: float
    y: float
    width: float
    height: float
    kind: Kind
    emphasis: bool
    lines: tuple[TextLine, ...]


@dataclass(frozen=True)
class StackLayout:
    width: float
    height: float
    heading: tuple[TextLine, ...]
    boxes: tuple[PlacedBox, ...]


def column_width(columns: int) -> float:
    return (WIDTH - 2 * PAD - (columns - 1) * GAP) / columns


def _box_width(stack: Stack, box: Box) -> float:
    return box.span * column_width(stack.columns) + (box.span - 1) * GAP


def _wrap_box(stack: Stack, box: Box, locale: str) -> list[str]:
    text = box.label.text(locale)
    lines = wrap_text(text, max_width=_box_width(stack, box) - 2 * BOX_PAD_X, font_size=FONT_SIZE)
    if not lines:
        raise AuthorError(
            where=box.where,
            problem=(
                f"the {locale} label {text!r} has a word too wide for its box "
                f"({box.span} of {stack.columns} columns)"
            ),
            fix="shorten the word, put a space in it, raise 'span', or lower 'columns'",
        )
    if len(lines) > MAX_LINES_PER_BOX:
        shown = text if len(text) <= 40 else text[:40] + "..."
        raise AuthorError(
            where=box.where,
            problem=(
                f"the {locale} label {shown!r} takes {len(lines)} lines in its box, "
                f"more than {MAX_LINES_PER_BOX}"
            ),
            fix="shorten the label, raise 'span', or lower 'columns'",
        )
    return lines


def _span_width(widths: tuple[float, ...], box: Box) -> float:
    return sum(widths[box.column : box.column + box.span]) + (box.span - 1) * GAP


def _wrap_all(stack: Stack, widths: tuple[float, ...], locale: str) -> dict[Box, list[str]] | None:
    """Every box's label wrapped to its width; None when some word does not fit."""
    wrapped: dict[Box, list[str]] = {}
    for layer in stack.layers:
        for box in layer:
            lines = wrap_text(
                box.label.text(locale),
                max_width=_span_width(widths, box) - 2 * BOX_PAD_X,
                font_size=FONT_SIZE,
            )
            if not lines:
                return None
            wrapped[box] = lines
    return wrapped


def _candidate_widths(columns: int) -> list[tuple[float, ...]]:
    """Equal columns first, then one column widened step by step (the others give way)."""
    equal = column_width(columns)
    candidates = [(equal,) * columns]
    if columns < 2:
        return candidates
    for step in range(1, int(equal / 2 // WIDEN_STEP) + 1):
        extra = step * WIDEN_STEP
        for wide in range(columns):
            candidates.append(
                tuple(
                    equal + extra if c == wide else equal - extra / (columns - 1)
                    for c in range(columns)
                )
            )
    return candidates


def _fit_columns(stack: Stack, locale: str) -> tuple[tuple[float, ...], dict[Box, list[str]]]:
    """Column widths and wrapped labels: equal columns, unless a label then needs more than
    MAX_LINES lines per layer it spans; then the smallest widening of one column that
    avoids it, if any."""
    chosen: tuple[tuple[float, ...], dict[Box, list[str]]] | None = None
    for widths in _candidate_widths(stack.columns):
        wrapped = _wrap_all(stack, widths, locale)
        if wrapped is None:
            continue
        if all(len(lines) <= MAX_LINES * box.rows for box, lines in wrapped.items()):
            chosen = (widths, wrapped)
            break
        chosen = chosen or (widths, wrapped)
    if chosen is None:
        # No widths fit every word: _wrap_box reports the first that does not fit.
        equal = (column_width(stack.columns),) * stack.columns
        return equal, {
            box: _wrap_box(stack, box, locale) for layer in stack.layers for box in layer
        }
    for box, lines in chosen[1].items():
        if len(lines) > MAX_LINES_PER_BOX:
            text = box.label.text(locale)
            shown = text if len(text) <= 40 else text[:40] + "..."
            raise AuthorError(
                where=box.where,
                problem=f"the {locale} label {shown!r} takes {len(lines)} lines in its box, "
                f"more than {MAX_LINES_PER_BOX}",
                fix="shorten the label, raise 'span', or lower 'columns'",
            )
    return chosen


def _wrap_heading(figure: Figure, stack: Stack, locale: str) -> list[str]:
    # A lone stack is named by the figcaption already.
    if stack.label is None or len(figure.stacks) == 1:
        return []
    text = stack.label.text(locale)
    lines = wrap_text(text, max_width=WIDTH - 2 * PAD, font_size=HEADING_FONT_SIZE, bold=True)
    if not lines:
        raise AuthorError(
            where=stack.where,
            problem=f"the {locale} stack label {text!r} has a word wider than the figure",
            fix="shorten the word or put a space in it",
        )
    return lines


def _box_text_height(line_count: int) -> float:
    return max(ROW_MIN, line_count * LINE_HEIGHT + 2 * BOX_PAD_Y)


def layout_figure(figure: Figure, locale: str) -> tuple[StackLayout, ...]:
    """Lay out every stack of ``figure`` with ``locale`` labels; rows align from the bottom."""
    fitted = [_fit_columns(stack, locale) for stack in figure.stacks]
    wrapped = [lines for _, lines in fitted]
    row_count = max(len(stack.layers) for stack in figure.stacks)
    # heights[j]: height of the j-th row counted from the bottom, shared by all stacks.
    heights = [ROW_MIN] * row_count
    for stack, lines in zip(figure.stacks, wrapped, strict=True):
        bottom = len(stack.layers) - 1
        for layer in stack.layers:
            for box in layer:
                if box.rows == 1:
                    j = bottom - box.row
                    heights[j] = max(heights[j], _box_text_height(len(lines[box])))
    for stack, lines in zip(figure.stacks, wrapped, strict=True):
        bottom = len(stack.layers) - 1
        for layer in stack.layers:
            for box in layer:
                if box.rows > 1:
                    top_j = bottom - box.row
                    spanned = range(top_j - box.rows + 1, top_j + 1)
                    have = sum(heights[j] for j in spanned) + GAP * (box.rows - 1)
                    need = _box_text_height(len(lines[box]))
                    if need > have:
                        heights[top_j] += need - have
    headings = [_wrap_heading(figure, stack, locale) for stack in figure.stacks]

    def content_height(stack: Stack) -> float:
        rows = len(stack.layers)
        return sum(heights[:rows]) + GAP * (rows - 1)

    def heading_height(lines: list[str]) -> float:
        return len(lines) * HEADING_LINE_HEIGHT + HEADING_GAP if lines else 0.0

    height = 2 * PAD + max(
        heading_height(h) + content_height(s) for s, h in zip(figure.stacks, headings, strict=True)
    )
    # row_bottom[j]: y of the bottom edge of row j (from the bottom).
    row_bottom = [height - PAD]
    for j in range(1, row_count):
        row_bottom.append(row_bottom[j - 1] - heights[j - 1] - GAP)

    layouts: list[StackLayout] = []
    for stack, (widths, lines), heading in zip(figure.stacks, fitted, headings, strict=True):
        bottom = len(stack.layers) - 1
        boxes: list[PlacedBox] = []
        for layer in stack.layers:
            for box in layer:
                top_j = bottom - box.row
                low_j = top_j - box.rows + 1
                y = row_bottom[top_j] - heights[top_j]
                box_height = row_bottom[low_j] - y
                x = PAD + sum(widths[: box.column]) + box.column * GAP
                width = _span_width(widths, box)
                text = lines[box]
                centre = y + box_height / 2
                boxes.append(
                    PlacedBox(
                        x=x,
                        y=y,
                        width=width,
                        height=box_height,
                        kind=box.kind,
                        emphasis=box.emphasis,
                        lines=tuple(
                            TextLine(
                                text=line,
                                x=x + width / 2,
                                y=centre + (i - (len(text) - 1) / 2) * LINE_HEIGHT,
                            )
                            for i, line in enumerate(text)
                        ),
                    )
                )
        # Stack titles share the top line, so side by side they read as a pair.
        heading_lines = tuple(
            TextLine(
                text=line,
                x=WIDTH / 2,
                y=PAD + i * HEADING_LINE_HEIGHT + HEADING_LINE_HEIGHT / 2,
            )
            for i, line in enumerate(heading)
        )
        layouts.append(
            StackLayout(width=WIDTH, height=height, heading=heading_lines, boxes=tuple(boxes))
        )
    return tuple(layouts)
