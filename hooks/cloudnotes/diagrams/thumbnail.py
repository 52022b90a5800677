"""A figure as a small picture: its boxes only, no text, for the home page's topic cards.

Same source, same layout and the same ``dg-box--<kind>`` classes as the figure (so the
same colours in light, dark and print), drawn as one SVG with the stacks side by side and
without the heading band. It carries no information of its own: it is ``aria-hidden``
and the card's link names the page.
"""

from __future__ import annotations

from ..errors import AuthorError
from .layout import PAD, layout_figure
from .model import Figure
from .render import _num

STACK_GAP = 24.0  # between stacks, in the layout's user units


def render_thumbnail(figure: Figure, *, locale: str, stack: int | None = None) -> str:
    """The boxes of ``figure`` (or of its stack number ``stack``, counted from 1) as SVG."""
    layouts = layout_figure(figure, locale)
    if stack is not None and not 1 <= stack <= len(layouts):
        raise AuthorError(
            where=figure.where,
            problem=f"figure {figure.name!r} has {len(layouts)} stack(s), not a stack {stack}",
            fix=f"write a stack number from 1 to {len(layouts)}, or none for every stack",
        )
    chosen = list(layouts) if stack is None else [layouts[stack - 1]]
    parts: list[str] = []
    x = 0.0
    for layout in chosen:
        for box in layout.boxes:
            classes = f"dg-box dg-box--{box.kind.value}" + (
                " dg-box--emphasis" if box.emphasis else ""
            )
            parts.append(
                f'<g class="{classes}"><rect x="{_num(x + box.x)}" y="{_num(box.y)}" '
                f'width="{_num(box.width)}" height="{_num(box.height)}" rx="4"/></g>'
            )
        x += layout.width + STACK_GAP
    boxes = [box for layout in chosen for box in layout.boxes]
    top = min(box.y for box in boxes) - PAD
    height = max(box.y + box.height for box in boxes) + PAD - top
    width = x - STACK_GAP
    return (
        f'<svg class="dg cn-thumb" viewBox="0 {_num(top)} {_num(width)} {_num(height)}" '
        f'aria-hidden="true" focusable="false">{"".join(parts)}</svg>'
    )
