"""Turn a laid-out figure into the HTML a page embeds: a <figure> of inline SVGs plus text.

Output is a pure function of (figure, locale, id prefix): no dates, no random ids, no
dict-order surprises, so the same source gives the same bytes on every build.
Colours are never written here; ``docs/assets/stylesheets/diagrams.css`` paints the
``dg-*`` classes from Material's palette variables.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from ..abbreviations import abbreviate_text
from ..ui import ui_text
from .layout import FONT_SIZE, HEADING_FONT_SIZE, StackLayout, TextLine, layout_figure
from .model import Box, Figure, Stack


def _num(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _esc(text: str) -> str:
    return escape(text, quote=True)


def _layer_text(layer: tuple[Box, ...], locale: str, ui: Mapping[str, str]) -> str:
    """A layer's labels in reading order, repeats folded (two "App" boxes read "App (x2)")."""
    counts: dict[str, int] = {}
    for box in layer:
        label = box.label.text(locale)
        if box.rows > 1:  # listed at its top layer; say how far down it reaches
            label = ui["figure_spans"].format(label=label, rows=box.rows)
        counts[label] = counts.get(label, 0) + 1
    parts = [
        ui["figure_repeated"].format(label=label, count=count) if count > 1 else label
        for label, count in counts.items()
    ]
    return ui["figure_layer_separator"].join(parts)


def stack_layers_bottom_up(stack: Stack, locale: str) -> list[str]:
    """One text line per layer, bottom first, as the text alternative lists them."""
    ui = ui_text(locale)
    return [_layer_text(layer, locale, ui) for layer in reversed(stack.layers)]


def _stack_title(figure: Figure, stack: Stack, locale: str) -> str:
    title = figure.title.text(locale)
    if stack.label is None or len(figure.stacks) == 1:
        return title
    return ui_text(locale)["figure_stack_title"].format(
        figure=title, stack=stack.label.text(locale)
    )


def _text_element(lines: tuple[TextLine, ...], css_class: str, font_size: float) -> str:
    spans = "".join(
        f'<tspan x="{_num(line.x)}" y="{_num(line.y)}">{_esc(line.text)}</tspan>' for line in lines
    )
    return (
        f'<text class="{css_class}" font-size="{_num(font_size)}" text-anchor="middle" '
        f'dominant-baseline="central">{spans}</text>'
    )


def _render_svg(
    figure: Figure, stack: Stack, layout: StackLayout, *, locale: str, svg_id: str
) -> str:
    ui = ui_text(locale)
    title_id = f"{svg_id}-title"
    desc_id = f"{svg_id}-desc"
    desc = f"{ui['figure_bottom_up']}: " + "; ".join(stack_layers_bottom_up(stack, locale))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="dg__svg" id="{svg_id}" '
        f'viewBox="0 0 {_num(layout.width)} {_num(layout.height)}" '
        f'width="{_num(layout.width)}" height="{_num(layout.height)}" role="img" '
        f'aria-labelledby="{title_id} {desc_id}">',
        f'<title id="{title_id}">{_esc(_stack_title(figure, stack, locale))}</title>',
        f'<desc id="{desc_id}">{_esc(desc)}</desc>',
    ]
    if layout.heading:
        parts.append(_text_element(layout.heading, "dg-heading", HEADING_FONT_SIZE))
    for box in layout.boxes:
        classes = f"dg-box dg-box--{box.kind.value}" + (" dg-box--emphasis" if box.emphasis else "")
        parts.append(
            f'<g class="{classes}">'
            f'<rect x="{_num(box.x)}" y="{_num(box.y)}" width="{_num(box.width)}" '
            f'height="{_num(box.height)}" rx="4"/>'
            + _text_element(box.lines, "dg-label", FONT_SIZE)
            + "</g>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _render_text_alternative(figure: Figure, locale: str, abbreviations: Mapping[str, str]) -> str:
    """The figure as text, with the same acronym tooltips Markdown pages get."""
    ui = ui_text(locale)
    parts = [
        '<details class="dg__text">',
        f"<summary>{_esc(ui['figure_as_text'])}</summary>",
        f"<p>{abbreviate_text(figure.description.text(locale), abbreviations)}</p>",
    ]
    for stack in figure.stacks:
        named = stack.label is not None and len(figure.stacks) > 1
        heading = stack.label.text(locale) + " — " if stack.label is not None and named else ""
        name = abbreviate_text(heading + ui["figure_bottom_up"], abbreviations)
        parts.append(f'<p class="dg__stack-name">{name}:</p>')
        parts.append("<ol>")
        parts.extend(
            f"<li>{abbreviate_text(text, abbreviations)}</li>"
            for text in stack_layers_bottom_up(stack, locale)
        )
        parts.append("</ol>")
    parts.append("</details>")
    return "".join(parts)


def render_figure_html(
    figure: Figure,
    *,
    locale: str,
    figure_id: str,
    abbreviations: Mapping[str, str] | None = None,
) -> str:
    """The complete HTML for one placement of ``figure`` on a page in ``locale``.

    ``figure_id`` must be unique on the page; every id inside derives from it.
    ``abbreviations`` (acronym -> title in ``locale``) adds tooltips to the caption and the
    text version.
    """
    titles = abbreviations or {}
    layouts = layout_figure(figure, locale)
    svgs = "".join(
        _render_svg(figure, stack, layout, locale=locale, svg_id=f"{figure_id}-{index}")
        for index, (stack, layout) in enumerate(zip(figure.stacks, layouts, strict=True), 1)
    )
    return (
        f'<figure class="dg" id="{figure_id}" data-diagram="{_esc(figure.name)}">'
        f'<div class="dg__stacks">{svgs}</div>'
        f"<figcaption>{abbreviate_text(figure.title.text(locale), titles)}</figcaption>"
        f"{_render_text_alternative(figure, locale, titles)}"
        "</figure>"
    )
