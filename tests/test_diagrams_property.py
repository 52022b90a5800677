"""Generated figures: valid ones render exactly what they say, broken ones fail clearly.

Most generated sources are valid by construction, so the layout and the SVG are what is
exercised; a smaller share is broken on purpose, one known fault each, and must fail at
the line of the fault. Determinism is checked across processes with different hash seeds.
"""

from __future__ import annotations

import copy
import functools
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from typing import Any

import yaml
from cloudnotes.diagrams import AuthorError, parse_figure, render_figure_html
from cloudnotes.diagrams.layout import GAP, PAD
from cloudnotes.diagrams.model import Kind
from cloudnotes.diagrams.parse import MAX_DESCRIPTION_CHARS, MAX_LABEL_CHARS, MAX_LAYERS, MAX_STACKS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support import REPO

SVG = "{http://www.w3.org/2000/svg}"
KINDS = [kind.value for kind in Kind]
PATH = "diagrams/gen.yml"
# Markup, YAML indicators, Hangul and the no-break space, in words that fit any box.
WORD_CHARS = list("abcWMi가나다하이퍼<>&\"'{}[]:#-!*|%@`\u00a0")

Figure = dict[str, Any]


# Strategies are built once: building them inside every draw doubled the test's runtime.
@functools.cache
def ints(low: int, high: int) -> st.SearchStrategy[int]:
    return st.integers(min_value=low, max_value=high)


BOOLEANS = st.booleans()
KIND_NAMES = st.sampled_from(KINDS)


def words(longest: int) -> st.SearchStrategy[str]:
    return st.text(alphabet=st.sampled_from(WORD_CHARS), min_size=1, max_size=longest)


def texts(longest_word: int, most_words: int = 3) -> st.SearchStrategy[str]:
    return st.lists(words(longest_word), min_size=1, max_size=most_words).map(" ".join)


@functools.cache
def labels(longest_word: int = 4, most_words: int = 3) -> st.SearchStrategy[dict[str, str]]:
    text = texts(longest_word, most_words)
    return st.fixed_dictionaries({"ko": text, "en": text})


@st.composite
def stacks(draw: st.DrawFn) -> dict[str, Any]:
    """A valid stack: every layer has a box, boxes tile free cells left to right."""
    columns = draw(ints(1, 6))
    rows = draw(ints(1, 6))
    longest_word = 3 if columns <= 5 else 2  # "WWW" is wider than a sixth of the stack
    occupied: set[tuple[int, int]] = set()
    layers: list[list[dict[str, Any]]] = []
    for row in range(rows):
        layer: list[dict[str, Any]] = []
        column = 0
        while column < columns:  # the parser also fills the first free cell, left to right
            if (row, column) in occupied:
                column += 1
                continue
            free_run = next((c for c in range(column, columns) if (row, c) in occupied), columns)
            span = draw(ints(1, free_run - column))
            height = 1
            for down in range(1, rows - row):
                cells = {(row + down, c) for c in range(column, column + span)}
                free = columns - sum(1 for c in range(columns) if (row + down, c) in occupied)
                # Reach down only while each layer covered keeps a cell for a box of its own.
                if cells & occupied or free <= span or not draw(BOOLEANS):
                    break
                height += 1
            occupied |= {
                (r, c) for r in range(row, row + height) for c in range(column, column + span)
            }
            box: dict[str, Any] = {
                "label": draw(labels(longest_word)),
                "kind": draw(KIND_NAMES),
            }
            if span > 1 or draw(BOOLEANS):
                box["span"] = span
            if height > 1:
                box["rows"] = height
            if draw(BOOLEANS):
                box["emphasis"] = draw(BOOLEANS)
            layer.append(box)
            column += span
        layers.append(layer)
    stack: dict[str, Any] = {"columns": columns, "layers": layers}
    if draw(BOOLEANS):
        stack = {"label": draw(labels()), **stack}
    return stack


valid_figures = st.fixed_dictionaries(
    {
        "title": labels(),
        "description": labels(most_words=12),
        "stacks": st.lists(stacks(), min_size=1, max_size=3),
    }
)


def dump(figure: Figure) -> str:
    return yaml.safe_dump(figure, allow_unicode=True, sort_keys=False, width=100)


def label_texts(element: ET.Element, css_class: str) -> list[str]:
    """Each text element's lines joined again: a wrapped label reads as its source."""
    return [
        " ".join(span.text or "" for span in text.iter(f"{SVG}tspan"))
        for text in element.iter(f"{SVG}text")
        if text.get("class") == css_class
    ]


Rect = tuple[float, float, float, float]
NEAR = 0.02  # coordinates are written with two decimals


def svg_rects(svg: ET.Element) -> list[Rect]:
    """Every box of one stack, checked to lie inside the padding with its text inside it."""
    _, _, width, height = (float(n) for n in svg.get("viewBox", "").split())
    rects = []
    for group in svg.iter(f"{SVG}g"):
        rect = group.find(f"{SVG}rect")
        assert rect is not None
        x, y, w, h = (float(rect.get(k, "nan")) for k in ("x", "y", "width", "height"))
        assert w > 0 and h > 0
        assert x >= PAD - NEAR and x + w <= width - PAD + NEAR, "box outside the picture"
        assert y >= PAD - NEAR and y + h <= height - PAD + NEAR, "box outside the picture"
        for span in group.iter(f"{SVG}tspan"):
            assert x < float(span.get("x", "nan")) < x + w
            assert y < float(span.get("y", "nan")) < y + h, "text outside its box"
        rects.append((x, y, w, h))
    for i, (x, y, w, h) in enumerate(rects):
        for x2, y2, w2, h2 in rects[i + 1 :]:
            assert x + w <= x2 or x2 + w2 <= x or y + h <= y2 or y2 + h2 <= y, "boxes overlap"
    return rects


def check_tiled(rects: list[Rect], width: float, height: float) -> None:
    """Layers that fill their stack leave no hole: each box has a neighbour or an edge."""

    def near(a: float, b: float) -> bool:
        return abs(a - b) <= NEAR

    for x, y, w, h in rects:
        beside = [r for r in rects if r[1] < y + h and y < r[1] + r[3]]
        above_below = [r for r in rects if r[0] < x + w and x < r[0] + r[2]]
        assert near(x, PAD) or any(near(r[0] + r[2] + GAP, x) for r in beside), "hole left"
        assert near(x + w, width - PAD) or any(near(x + w + GAP, r[0]) for r in beside), (
            "hole right"
        )
        assert near(y + h, height - PAD) or any(near(y + h + GAP, r[1]) for r in above_below), (
            "hole below"
        )


def check_rendered(html: str, figure: Figure | None, locale: str) -> None:
    """Structure that holds for any figure; with ``figure``, also exactly its labels."""
    root = ET.fromstring(html)  # well-formed, or this raises
    ids = [el.get("id") for el in root.iter() if el.get("id")]
    assert len(ids) == len(set(ids)), "duplicate ids"
    svgs = list(root.iter(f"{SVG}svg"))
    assert svgs
    rects = []
    for svg in svgs:
        refs = (svg.get("aria-labelledby") or "").split()
        assert refs and all(ref in ids for ref in refs)
        rects.append(svg_rects(svg))
    if figure is None:
        return
    assert len(svgs) == len(figure["stacks"])
    caption = root.find("figcaption")
    assert caption is not None and caption.text == figure["title"][locale]
    items = root.findall("details/ol/li")
    layers = [layer for stack in figure["stacks"] for layer in stack["layers"]]
    assert len(items) == len(layers)
    for svg, stack, stack_rects in zip(svgs, figure["stacks"], rects, strict=True):
        _, _, width, height = (float(n) for n in svg.get("viewBox", "").split())
        check_tiled(stack_rects, width, height)  # generated layers fill their stack
        boxes = [box for layer in stack["layers"] for box in layer]
        assert label_texts(svg, "dg-label") == [box["label"][locale] for box in boxes]
        named = "label" in stack and len(figure["stacks"]) > 1
        assert label_texts(svg, "dg-heading") == ([stack["label"][locale]] if named else [])
        classes = [g.get("class", "").split() for g in svg.iter(f"{SVG}g")]
        assert [c[1] for c in classes] == [f"dg-box--{box['kind']}" for box in boxes]
        assert [("dg-box--emphasis" in c) for c in classes] == [
            bool(box.get("emphasis")) for box in boxes
        ]
    # The text alternative lists the layers bottom-up, with every label of each.
    expected = [layer for stack in figure["stacks"] for layer in reversed(stack["layers"])]
    for item, layer in zip(items, expected, strict=True):
        text = "".join(item.itertext())
        assert all(box["label"][locale] in text for box in layer)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(figure=valid_figures, locale=st.sampled_from(["ko", "en"]))
def test_valid_figures_render_every_label_inside_the_picture(figure: Figure, locale: str) -> None:
    parsed = parse_figure(dump(figure), name="gen", path=PATH)
    assert parsed.title.text(locale) == figure["title"][locale]
    html = render_figure_html(parsed, locale=locale, figure_id="dg-gen-1")
    check_rendered(html, figure, locale)


# --- broken on purpose: one known fault each ------------------------------------------------


def _boxes(figure: Figure) -> list[dict[str, Any]]:
    return [box for stack in figure["stacks"] for layer in stack["layers"] for box in layer]


def _labels(figure: Figure) -> list[dict[str, Any]]:
    found = [figure["title"], figure["description"]]
    found += [stack["label"] for stack in figure["stacks"] if "label" in stack]
    return found + [box["label"] for box in _boxes(figure)]


def _one_of(draw: st.DrawFn, items: list[Any]) -> Any:
    return items[draw(ints(0, len(items) - 1))]


FAULTS = ["drop-locale", "unknown-key", "kind", "span", "null", "number", "hidden", "tag", "hex",
          "layers", "long-label", "stacks"]  # fmt: skip
HIDDEN = ["\u202e", "\u2066", "\u200b", "\ufeff", "\u00ad", "\u3164", "\x07", "\x1b"]


@st.composite
def broken_sources(draw: st.DrawFn) -> tuple[str, str, str]:
    """(source, what the error says, a text on the line it must name ("" for any line))."""
    figure: Figure = copy.deepcopy(draw(valid_figures))
    fault = draw(st.sampled_from(FAULTS))
    box = _one_of(draw, _boxes(figure))
    label = _one_of(draw, _labels(figure))
    locale = draw(st.sampled_from(["ko", "en"]))
    if fault == "drop-locale":
        del label[locale]
        return dump(figure), f"label has no {locale!r} text", ""
    if fault == "unknown-key":
        box["colour"] = "red"
        return dump(figure), "unknown key 'colour'", "colour"
    if fault == "kind":
        box["kind"] = "cloud"
        return dump(figure), "unknown kind 'cloud'", "cloud"
    if fault == "span":
        stack = next(
            s for s in figure["stacks"] if any(box is b for layer in s["layers"] for b in layer)
        )
        box["span"] = stack["columns"] + 1
        return dump(figure), "", ""  # too wide for its stack, or outside 1..6
    if fault == "null":
        label[locale] = None
        return dump(figure), "reads as null", "null"
    if fault == "number":
        label[locale] = draw(st.integers(min_value=0, max_value=999))
        return dump(figure), "reads as a number", str(label[locale])
    if fault == "hidden":
        char = draw(st.sampled_from(HIDDEN))
        label[locale] = char + label[locale]
        source = dump(figure)
        code = f"U+{ord(char):04X}"
        return source, code, char if char in source else ""  # the dumper may escape it
    if fault == "tag":
        source = dump(figure).replace("kind: ", "kind: !foo ", 1)
        return source, "tag !foo", "!foo"
    if fault == "hex":
        source = dump(figure).replace("columns: ", "columns: 0x", 1)
        return source, "plain decimal", "columns: 0x"
    if fault == "layers":
        stack = _one_of(draw, figure["stacks"])
        stack["layers"] = [copy.deepcopy(stack["layers"][-1]) for _ in range(MAX_LAYERS + 1)]
        for layer in stack["layers"]:
            for each in layer:
                each.pop("rows", None)
        return dump(figure), f"{MAX_LAYERS + 1} layers, more than {MAX_LAYERS}", ""
    if fault == "long-label":
        most = MAX_DESCRIPTION_CHARS if label is figure["description"] else MAX_LABEL_CHARS
        label[locale] = "x " * (most // 2) + "x"
        return dump(figure), f"{most + 1:,} characters, more than {most:,}", ""
    figure["stacks"] = [copy.deepcopy(figure["stacks"][0]) for _ in range(MAX_STACKS + 1)]
    return dump(figure), f"{MAX_STACKS + 1} stacks, more than {MAX_STACKS}", ""


def check_error(error: AuthorError, source: str) -> int:
    """The house shape, at a line of the source; returns the line."""
    message = error.message()
    assert message.startswith(f"{PATH}:") and ". Fix: " in message, message
    assert error.where is not None and error.problem and error.fix
    text = source.replace("\r\n", "\n").replace("\r", "\n")
    lines = max(1, text.count("\n") + (not text.endswith("\n")))
    line = error.where.line
    assert line is not None and 1 <= line <= lines, message
    return line


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=broken_sources(), locale=st.sampled_from(["ko", "en"]))
def test_broken_figures_fail_at_the_line_of_the_fault(
    case: tuple[str, str, str], locale: str
) -> None:
    source, problem, on_line = case
    try:
        figure = parse_figure(source, name="gen", path=PATH)
        render_figure_html(figure, locale=locale, figure_id="g")
    except AuthorError as error:
        line = check_error(error, source)
        assert problem in error.message(), error.message()
        assert on_line in source.splitlines()[line - 1], (line, error.message(), source)
    else:
        raise AssertionError(f"no error for a source that should say {problem!r}:\n{source}")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    figure=valid_figures,
    where=st.floats(min_value=0, max_value=1),
    junk=st.text(
        alphabet=st.sampled_from(list(":-[]{}#&*!|>'\"%@` \n\tab0x~\u202e\x00")), max_size=12
    ),
)
def test_spliced_garbage_renders_well_formed_or_fails_clearly(
    figure: Figure, where: float, junk: str
) -> None:
    source = dump(figure)
    at = int(where * len(source))
    source = source[:at] + junk + source[at:]
    try:
        parsed = parse_figure(source, name="gen", path=PATH)
        html = render_figure_html(parsed, locale="ko", figure_id="g")
    except AuthorError as error:
        check_error(error, source)
    else:
        check_rendered(html, None, "ko")


@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=200))
def test_arbitrary_text_renders_well_formed_or_fails_clearly(text: str) -> None:
    try:
        figure = parse_figure(text, name="gen", path=PATH)
        html = render_figure_html(figure, locale="ko", figure_id="g")
    except AuthorError as error:
        check_error(error, text)
    else:
        check_rendered(html, None, "ko")


# --- the same bytes in any process ----------------------------------------------------------

DIGEST_SCRIPT = """
import hashlib
from pathlib import Path
from cloudnotes.diagrams import DiagramLibrary, render_figure_html
library = DiagramLibrary(Path("diagrams"), display_root=Path("."))
digest = hashlib.sha256()
for name in library.names():
    for locale in ("ko", "en"):
        html = render_figure_html(library.figure(name), locale=locale, figure_id=f"dg-{name}-1")
        digest.update(f"{name} {locale} {len(html)}\\n{html}\\n".encode())
print(len(library.names()), digest.hexdigest())
"""


def test_real_figures_render_the_same_bytes_under_any_hash_seed() -> None:
    """Sets and dicts of strings iterate in a per-process order; the output must not."""
    results = []
    for seed in ("0", "1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO / "hooks")}
        done = subprocess.run(
            [sys.executable, "-c", DIGEST_SCRIPT],
            cwd=REPO, env=env, capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        results.append(done.stdout.strip())
    count, _ = results[0].split()
    assert int(count) >= 5
    assert len(set(results)) == 1, results
