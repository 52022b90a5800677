"""Every word the renderer adds around a figure, per locale (the labels come from sources)."""

from __future__ import annotations

from typing import TypedDict


class UiStrings(TypedDict):
    as_text: str  # the <summary> of the text alternative
    bottom_up: str  # lead-in of a stack's layer list
    layer_sep: str
    repeated: str  # one label repeated in a layer: {label}, {count}
    stack_title: str  # an SVG <title> when the figure has several stacks: {figure}, {stack}


UI_STRINGS: dict[str, UiStrings] = {
    "ko": {
        "as_text": "그림을 글로 보기",
        "bottom_up": "아래층부터 위로",
        "layer_sep": ", ",
        "repeated": "{label} {count}개",
        "stack_title": "{figure} — {stack}",
    },
    "en": {
        "as_text": "Figure as text",
        "bottom_up": "From the bottom layer up",
        "layer_sep": ", ",
        "repeated": "{label} (\N{MULTIPLICATION SIGN}{count})",
        "stack_title": "{figure} — {stack}",
    },
}
