"""Any generated source either renders well-formed SVG or raises the clear DiagramError."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import yaml
from cloudnotes.diagrams import DiagramError, parse_figure, render_figure_html
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SVG = "{http://www.w3.org/2000/svg}"
KINDS = ["hardware", "os", "virtualization", "guest", "app", "absent", "free"]

# Mostly valid sources, with rare faults, so both outcomes are exercised.
rare = st.integers(min_value=0, max_value=30).map(lambda n: n == 0)
words = st.text(
    alphabet=st.sampled_from(list("abcWMi가나다하이퍼<>&\"'{}:#-")), min_size=1, max_size=7
)
texts = st.lists(words, min_size=1, max_size=3).map(" ".join)


@st.composite
def labels(draw: st.DrawFn) -> dict[str, str]:
    label = {"ko": draw(texts), "en": draw(texts)}
    if draw(rare):
        del label[draw(st.sampled_from(["ko", "en"]))]
    return label


@st.composite
def boxes(draw: st.DrawFn, span: int) -> dict[str, Any]:
    box: dict[str, Any] = {"label": draw(labels()), "kind": draw(st.sampled_from(KINDS))}
    box["span"] = span
    if draw(rare):
        box["rows"] = 2
    if draw(st.booleans()):
        box["emphasis"] = draw(st.booleans())
    if draw(rare):
        box["colour"] = "red"
    return box


@st.composite
def stacks(draw: st.DrawFn) -> dict[str, Any]:
    columns = draw(st.integers(min_value=1, max_value=4))
    stack: dict[str, Any] = {"columns": columns, "layers": []}
    if draw(st.booleans()):
        stack["label"] = draw(labels())
    for _ in range(draw(st.integers(min_value=int(not draw(rare)), max_value=5))):
        layer: list[dict[str, Any]] = []
        free = columns + int(draw(rare))  # sometimes one column too many
        while free > 0 and len(layer) < 3:
            span = draw(st.integers(min_value=1, max_value=free))
            layer.append(draw(boxes(span)))
            free -= span
        stack["layers"].append(layer)
    return stack


figures = st.fixed_dictionaries(
    {
        "title": labels(),
        "description": labels(),
        "stacks": st.lists(stacks(), min_size=1, max_size=3),
    }
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(figure=figures, locale=st.sampled_from(["ko", "en"]))
def test_generated_sources_render_or_fail_clearly(figure: dict[str, Any], locale: str) -> None:
    source = yaml.safe_dump(figure, allow_unicode=True, sort_keys=False)
    try:
        parsed = parse_figure(source, name="gen", path="diagrams/gen.yml")
        html = render_figure_html(parsed, locale=locale, figure_id="dg-gen-1")
    except DiagramError as error:
        assert error.fix and error.problem
        assert error.message().startswith("diagrams/gen.yml:")
        return
    root = ET.fromstring(html)
    svgs = list(root.iter(f"{SVG}svg"))
    assert len(svgs) == len(figure["stacks"])
    rects = list(root.iter(f"{SVG}rect"))
    assert len(rects) == sum(len(layer) for s in figure["stacks"] for layer in s["layers"])
    for rect in rects:
        assert float(rect.get("width", "0")) > 0 and float(rect.get("height", "0")) > 0
    assert html == render_figure_html(parsed, locale=locale, figure_id="dg-gen-1")


@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=200))
def test_arbitrary_text_never_escapes_the_error_type(text: str) -> None:
    try:
        figure = parse_figure(text, name="gen", path="diagrams/gen.yml")
        ET.fromstring(render_figure_html(figure, locale="ko", figure_id="g"))
    except DiagramError:
        pass
