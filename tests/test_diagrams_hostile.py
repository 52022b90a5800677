"""Hostile or careless figure sources: each fails fast, naming file:line and the fix.

Numbers in other bases, hidden characters, nulls and tags, sizes past the limits and
exponential ``use:`` chains; the cases that must keep working render as written.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from cloudnotes.diagrams import AuthorError, DiagramLibrary, parse_figure, render_figure_html
from cloudnotes.diagrams import library as library_module
from cloudnotes.diagrams import parse as parse_module
from cloudnotes.diagrams.layout import MAX_LINES_PER_BOX
from cloudnotes.diagrams.library import MAX_USE_DEPTH
from cloudnotes.diagrams.parse import (
    MAX_BOXES,
    MAX_COLUMNS,
    MAX_DESCRIPTION_CHARS,
    MAX_LABEL_CHARS,
    MAX_LAYERS,
    MAX_NESTING,
    MAX_SOURCE_CHARS,
    MAX_STACKS,
)

from tests.diagram_samples import MINIMAL
from tests.support import REPO

HEAD = "title: {ko: 제목, en: Title}\ndescription: {ko: 설명, en: Description}\nstacks:\n"
STACK = "  - columns: 1\n    layers:\n      - - {label: {ko: 앱, en: App}, kind: app}\n"
LAYER = "      - - {label: {ko: 층, en: Layer}, kind: os, span: 2}\n"
HARDWARE = "{ko: 하드웨어, en: Hardware}"  # MINIMAL's line 8


def hardware(label: str) -> str:
    """MINIMAL with line 8's label written as ``label``."""
    return MINIMAL.replace(HARDWARE, label)


def en(text: str) -> str:
    """MINIMAL with line 8's English label written as ``text`` (raw YAML)."""
    return MINIMAL.replace("en: Hardware", f"en: {text}")


def span(value: str) -> str:
    return MINIMAL.replace("span: 2", f"span: {value}")


BAD: list[tuple[str, str, int, str]] = [
    # Numbers: YAML 1.1 reads these as integers that int() cannot parse (a crash before).
    ("span hex", span("0x2"), 8, "not as a plain decimal number"),
    ("span binary", span("0b1"), 8, "not as a plain decimal number"),
    ("span sexagesimal", span("1:0"), 8, "not as a plain decimal number"),
    ("span octal", span("010"), 8, "not as a plain decimal number"),
    ("span underscore", span("1_0"), 8, "not as a plain decimal number"),
    ("span plus", span("+2"), 8, "not as a plain decimal number"),
    ("columns hex", MINIMAL.replace("columns: 2", "columns: 0x2"), 4, "plain decimal"),
    ("span 5000 digits", span("9" * 5000), 8, "outside 1..6"),
    # Control characters, at the line they are on (not line 1).
    ("raw BEL", en("Hard\x07ware"), 8, "column 38 holds U+0007, a control character"),
    ("raw NUL in description", MINIMAL.replace("en: Description", "en: De\x00sc"), 2, "U+0000"),
    ("raw DEL", en("Hard\x7fware"), 8, "U+007F"),
    ("raw C1 control", en("Hard\x9bware"), 8, "U+009B"),
    ("raw NEL", en("Hard\x85ware"), 8, "U+0085"),
    ("escaped BEL", en('"Hard\\x07ware"'), 8, "text contains U+0007, a control character"),
    ("BEL with old Mac line ends", en("Hard\x07ware").replace("\n", "\r"), 8, "U+0007"),
    ("unclosed at the end", MINIMAL + "  - {columns: 1", 9, "malformed YAML"),
    # Bidi and invisible characters, raw (exact line and column) or escaped.
    ("raw RLO", en("\u202egnp.exe"), 8, "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("escaped RLO", en('"\\u202egnp.exe"'), 8, "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("raw LRI", en("Hard\u2066ware"), 8, "U+2066 LEFT-TO-RIGHT ISOLATE"),
    ("escaped LRI", en('"Hard\\u2066ware"'), 8, "U+2066"),
    ("raw ZWSP", en("Hard\u200bware"), 8, "U+200B ZERO WIDTH SPACE"),
    ("escaped ZWSP", en('"Hard\\u200bware"'), 8, "U+200B"),
    ("raw BOM mid-file", en("Hard\ufeffware"), 8, "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
    ("escaped BOM", en('"\\ufeffHardware"'), 8, "U+FEFF"),
    ("soft hyphen", en("Hard\u00adware"), 8, "U+00AD SOFT HYPHEN"),
    ("Hangul filler", hardware("{ko: 하드\u3164웨어, en: Hardware}"), 8, "U+3164 HANGUL FILLER"),
    ("line separator", en('"Hard\\Lware"'), 8, "U+2028 LINE SEPARATOR"),
    ("tag character", en('"Hard\\U000E0041ware"'), 8, "U+E0041"),
    ("RLO in a comment", MINIMAL.replace("stacks:", "stacks:  # \u202e"), 3, "U+202E"),
    ("RLO in a description", MINIMAL.replace("en: Description", "en: '\u202eDesc'"), 2, "U+202E"),
    # Nulls, numbers and booleans where text belongs.
    ("ko null", hardware("{ko: null, en: Hardware}"), 8, "'ko' text 'null' reads as null"),
    ("en tilde", en("~"), 8, "'en' text '~' reads as null"),
    ("en Null", en("Null"), 8, "reads as null"),
    ("en empty", en(""), 8, "'en' text is empty"),
    ("en number", en("42"), 8, "'42' reads as a number"),
    ("en float", en("1.5"), 8, "reads as a number"),
    ("en boolean", en("yes"), 8, "'yes' reads as true or false"),
    ("en date", en("2024-01-01"), 8, "reads as a date"),
    ("title null", MINIMAL.replace("en: Title", "en: null"), 1, "reads as null"),
    # Explicit tags: ignored before, refused now.
    ("binary tag", en("!!binary SGFyZHdhcmU="), 8, "YAML tag !!binary is not supported"),
    ("custom tag", en("!foo Hardware"), 8, "YAML tag !foo is not supported"),
    ("custom tag on a mapping", MINIMAL.replace("title: {", "title: !foo {"), 1, "!foo"),
    ("set tag", MINIMAL.replace("{ko: 제목, en: Title}", "!!set {ko, en}"), 1, "!!set"),
    ("python tag", MINIMAL.replace("kind: hardware", "kind: !!python/object:os.system x"), 8,
     "!!python/object:os.system"),
    ("verbatim tag", en("!<tag:example.com,2024:x> Hardware"), 8, "tag:example.com,2024:x"),
    ("tag on a key", MINIMAL.replace("kind: hardware", "!foo kind: hardware"), 8, "!foo"),
    # Sizes past the limits, each at the line that goes past.
    ("13 stacks", MINIMAL + STACK * 12, 9 + 3 * 11, f"13 stacks, more than {MAX_STACKS}"),
    ("21 layers", MINIMAL + LAYER * 19, 8 + 19, f"21 layers, more than {MAX_LAYERS}"),
    ("10,000 layers", MINIMAL + LAYER * 10_000, 1, f"more than {MAX_SOURCE_CHARS:,}"),
    ("7 columns", MINIMAL.replace("columns: 2", "columns: 7"), 4, f"outside 1..{MAX_COLUMNS}"),
    ("201-character label", en("x" * 200 + "y"), 8, f"201 characters, more than {MAX_LABEL_CHARS}"),
    ("201-character title", MINIMAL.replace("en: Title", "en: " + "t " * 101), 1, "characters"),
    ("20,000-word label", en(" ".join(["word"] * 20_000)), 1, "characters, more than"),
    ("2,001-character description", MINIMAL.replace("en: Description", "en: " + "d" * 2001), 2,
     f"more than {MAX_DESCRIPTION_CHARS:,}"),
    # One of these words fills a line of the "App" box (half the stack wide).
    (f"{MAX_LINES_PER_BOX + 1}-line box",
     # Three wide words fill a line even of a widened column: 3 x (max + 1) words overflow.
     MINIMAL.replace(
         "en: App}", "en: " + " ".join(["WWWWWW"] * 3 * (MAX_LINES_PER_BOX + 1)) + "}", 1
     ),
     6, f"lines in its box, more than {MAX_LINES_PER_BOX}"),
    ("source too long", MINIMAL + "#" * MAX_SOURCE_CHARS, 1, "characters, more than"),
    ("nested 13 deep", en("[" * 6 + "x" + "]" * 6), 8, f"nest more than {MAX_NESTING} deep"),
]  # fmt: skip


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Fail, rather than hang the suite, when the code under test runs away."""

    def expired(signum: int, frame: Any) -> None:
        raise AssertionError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def fails_with(make: Callable[[], object], *, at: str, problem: str) -> str:
    """Run ``make``; it must raise a AuthorError at ``at`` that says ``problem`` and a fix."""
    with deadline(5), pytest.raises(AuthorError) as caught:
        make()
    message = caught.value.message()
    assert message.startswith(f"{at}: "), message
    assert problem in message, message
    assert re.search(r"\. Fix: \S", message), message
    return message


def build(source: str) -> str:
    figure = parse_figure(source, name="bad", path="diagrams/bad.yml")
    html = render_figure_html(figure, locale="en", figure_id="bad")
    return render_figure_html(figure, locale="ko", figure_id="bad") + html


@pytest.mark.parametrize(
    ("source", "line", "problem"), [c[1:] for c in BAD], ids=[c[0] for c in BAD]
)
def test_bad_source_fails_with_file_line_and_fix(source: str, line: int, problem: str) -> None:
    started = time.perf_counter()
    fails_with(lambda: build(source), at=f"diagrams/bad.yml:{line}", problem=problem)
    assert time.perf_counter() - started < 1.0


def test_figure_with_too_many_boxes_fails_at_the_stack_that_goes_past() -> None:
    stack = (
        "  - columns: 1\n    layers:\n" + "      - - {label: {ko: 앱, en: App}, kind: app}\n" * 20
    )
    source = HEAD + stack * MAX_STACKS
    first_over = MAX_BOXES // 20 + 1  # the stack that brings the count past the limit
    fails_with(
        lambda: build(source),
        at=f"diagrams/bad.yml:{3 + (first_over - 1) * 22 + 1}",
        problem=f"{first_over * 20} boxes, more than {MAX_BOXES}",
    )


def test_deep_nesting_fails_instead_of_crashing() -> None:
    """libyaml's composer overflowed the C stack on these: the build died with SIGSEGV."""
    script = (
        "from cloudnotes.diagrams import AuthorError, parse_figure\n"
        "deep = ('[' * 49_000 + ']' * 49_000, '- ' * 30_000 + 'x', 'a: ' + '{b: ' * 9_000)\n"
        "for source in deep:\n"
        "    try:\n"
        "        parse_figure(source, name='bad', path='diagrams/bad.yml')\n"
        "    except AuthorError as error:\n"
        "        print(error.message())\n"
    )
    hooks = Path(parse_module.__file__).parents[2]  # the code under test, wherever it is
    env = {**os.environ, "PYTHONPATH": str(hooks)}
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, f"exit {done.returncode}: {done.stderr}"
    messages = done.stdout.splitlines()
    assert len(messages) == 3, done.stdout
    for message in messages:
        assert message.startswith("diagrams/bad.yml:1: "), message
        assert f"nest more than {MAX_NESTING} deep. Fix: " in message, message


def test_reader_errors_name_their_line_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without our own character check, libyaml's byte offset still gives the right line."""
    monkeypatch.setattr(parse_module, "_check_characters", lambda text, path: None)
    fails_with(lambda: build(en("하드\x07웨어")), at="diagrams/bad.yml:8", problem="malformed YAML")


RENDER_SAFELY = [
    ("no-break space", en('"100\\_GB free"'), "100\u00a0GB free"),
    ("quoted null", en('"null"'), "null"),
    ("quoted tilde", en("'~'"), "~"),
    ("quoted number", en('"42"'), "42"),
    ("str tag", en("!!str 42"), "42"),
    ("int tag on span", span("!!int 2"), "Hardware"),
    ("byte order mark at the start", "\ufeff" + MINIMAL, "Hardware"),
    ("Windows line ends", MINIMAL.replace("\n", "\r\n"), "Hardware"),
    ("markup in a label", en("'<script>alert(1)</script> & \"x\"'"),
     '<script>alert(1)</script> & "x"'),
    ("visible wide spaces", en('"Hard\\u3000ware"'), "Hard\u3000ware"),
    ("200-character label", en(" ".join(["ab"] * 66) + " ab"), " ".join(["ab"] * 67)),
    ("20 layers", MINIMAL + LAYER * 18, "Layer"),
    ("12 stacks", MINIMAL + STACK * 11, "App"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("source", "label"), [c[1:] for c in RENDER_SAFELY], ids=[c[0] for c in RENDER_SAFELY]
)
def test_unusual_but_valid_source_renders_as_written(source: str, label: str) -> None:
    figure = parse_figure(source, name="ok", path="diagrams/ok.yml")
    root = ET.fromstring(render_figure_html(figure, locale="en", figure_id="ok"))
    svg = "{http://www.w3.org/2000/svg}"
    texts = [
        " ".join(span.text or "" for span in text.iter(f"{svg}tspan"))
        for text in root.iter(f"{svg}text")
    ]
    assert label in " ".join(texts)  # a wrapped label's lines, joined, are the label


# --- use: chains ---------------------------------------------------------------------------


def write_chain(folder: Path, *, files: int, uses: int) -> DiagramLibrary:
    """f0 uses f1 ``uses`` times, f1 uses f2 as often, ...; the last file is MINIMAL."""
    folder.mkdir()
    for index in range(files - 1):
        body = HEAD + f"  - use: f{index + 1}\n" * uses
        (folder / f"f{index}.yml").write_text(body, encoding="utf-8")
    (folder / f"f{files - 1}.yml").write_text(MINIMAL, encoding="utf-8")
    return DiagramLibrary(folder, display_root=folder.parent)


@pytest.mark.parametrize(
    ("files", "uses", "at", "problem"),
    [
        # 4 stacks, 16: the stack limit stops f4 at its 4th 'use:' (16 > 12).
        (7, 4, "chain/f4.yml:7", f"16 stacks, more than {MAX_STACKS}"),
        (8, 4, "chain/f5.yml:7", f"16 stacks, more than {MAX_STACKS}"),
        # f7 has 10 stacks, f6 would have 20 at its 2nd 'use:'.
        (9, 10, "chain/f6.yml:5", f"20 stacks, more than {MAX_STACKS}"),
        # Loaded depth first, ten files deep go past the depth limit before the stack limit.
        (10, 10, "chain/f8.yml:4", f"nests figures more than {MAX_USE_DEPTH} deep"),
    ],
    ids=["7x4", "8x4", "9x10", "10x10"],
)
def test_exponential_use_chain_fails_fast(
    tmp_path: Path, files: int, uses: int, at: str, problem: str
) -> None:
    library = write_chain(tmp_path / "chain", files=files, uses=uses)
    started = time.perf_counter()
    fails_with(lambda: library.figure("f0"), at=at, problem=problem)
    assert time.perf_counter() - started < 1.0
    # f1 fails as fast: from the cache, or (one level less deep) at the stack limit.
    started = time.perf_counter()
    with pytest.raises(AuthorError):
        library.figure("f1")
    assert time.perf_counter() - started < 1.0


def test_each_figure_is_parsed_once_per_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """a uses b three times, b uses c three times: without a cache, c is parsed 9 times."""
    parsed: list[str] = []
    real_parse = parse_figure

    def counting_parse(text: str, **kwargs: Any) -> Any:
        parsed.append(kwargs["name"])
        return real_parse(text, **kwargs)

    monkeypatch.setattr(library_module, "parse_figure", counting_parse)
    (tmp_path / "c.yml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "b.yml").write_text(HEAD + "  - use: c\n" * 3, encoding="utf-8")
    (tmp_path / "a.yml").write_text(HEAD + "  - use: b\n" * 3 + "  - use: c\n", encoding="utf-8")
    library = DiagramLibrary(tmp_path, display_root=tmp_path)
    assert len(library.figure("a").stacks) == 10
    assert len(library.figure("b").stacks) == 3
    assert sorted(parsed) == ["a", "b", "c"]


def test_deep_use_chain_fails_cleanly(tmp_path: Path) -> None:
    """A 300-figure chain ran into Python's recursion limit (RecursionError, no line)."""
    library = write_chain(tmp_path / "chain", files=300, uses=1)
    message = fails_with(
        lambda: library.figure("f0"),
        at=f"chain/f{MAX_USE_DEPTH}.yml:4",
        problem=f"'use: f{MAX_USE_DEPTH + 1}' nests figures more than {MAX_USE_DEPTH} deep",
    )
    assert "f0 -> f1 -> " in message
    # Figures deep inside the chain that are themselves shallow enough still work.
    assert library.figure(f"f{300 - 1 - MAX_USE_DEPTH}").stacks


def test_use_depth_does_not_depend_on_which_figure_loads_first(tmp_path: Path) -> None:
    """f1 alone is as deep as allowed; f0 one more. Loading f1 first must not let f0 pass."""
    library = write_chain(tmp_path / "chain", files=MAX_USE_DEPTH + 2, uses=1)
    assert library.figure("f1").stacks  # cached, with its depth
    deep = f"more than {MAX_USE_DEPTH} deep"
    fails_with(lambda: library.figure("f0"), at="chain/f0.yml:4", problem=deep)
    fresh = write_chain(tmp_path / "fresh", files=MAX_USE_DEPTH + 2, uses=1)
    fails_with(lambda: fresh.figure("f0"), at=f"fresh/f{MAX_USE_DEPTH}.yml:4", problem=deep)
    assert fresh.figure("f1").stacks


def test_use_loop_names_only_the_loop(tmp_path: Path) -> None:
    for name, other in (("a", "b"), ("b", "c"), ("c", "a"), ("x", "a")):
        (tmp_path / f"{name}.yml").write_text(HEAD + f"  - use: {other}\n", encoding="utf-8")
    library = DiagramLibrary(tmp_path, display_root=tmp_path)
    loop = "'use: a' makes a loop (a -> b -> c -> a)"
    fails_with(lambda: library.figure("x"), at="c.yml:4", problem=loop)
    fails_with(lambda: library.figure("a"), at="c.yml:4", problem=loop)


def test_source_that_is_not_utf8_names_the_line(tmp_path: Path) -> None:
    latin = MINIMAL.encode("utf-8").replace(b"Hardware", b"Hardw\xe4re")  # ä in Latin-1
    (tmp_path / "latin.yml").write_bytes(latin)
    library = DiagramLibrary(tmp_path, display_root=tmp_path)
    fails_with(
        lambda: library.figure("latin"), at="latin.yml:8", problem="not UTF-8 text (byte 0xe4)"
    )


def test_huge_source_file_is_refused_before_reading(tmp_path: Path) -> None:
    with (tmp_path / "huge.yml").open("wb") as file:
        file.truncate(4 * MAX_SOURCE_CHARS + 1)
    library = DiagramLibrary(tmp_path, display_root=tmp_path)
    fails_with(lambda: library.figure("huge"), at="huge.yml:1", problem="bytes")


def test_limits_are_well_above_the_real_figures_and_documented() -> None:
    library = DiagramLibrary(REPO / "diagrams", display_root=REPO)
    figures = [library.figure(name) for name in library.names()]
    stacks = [stack for figure in figures for stack in figure.stacks]
    boxes = [box for stack in stacks for layer in stack.layers for box in layer]
    assert max(len(figure.stacks) for figure in figures) * 4 <= MAX_STACKS
    assert max(len(stack.layers) for stack in stacks) * 3 <= MAX_LAYERS
    assert max(sum(len(layer) for s in f.stacks for layer in s.layers) for f in figures) * 5 <= (
        MAX_BOXES
    )
    longest = max(
        len(text) for box in boxes for text in (box.label.text("ko"), box.label.text("en"))
    )
    assert longest * 3 <= MAX_LABEL_CHARS
    readme = (REPO / "README.md").read_text("utf-8")
    section = readme.split("## Add a diagram")[1].split("\n## ")[0]
    for limit in (MAX_STACKS, MAX_LAYERS, MAX_COLUMNS, MAX_BOXES, MAX_LABEL_CHARS,
                  MAX_LINES_PER_BOX, MAX_USE_DEPTH, MAX_NESTING):  # fmt: skip
        assert re.search(rf"\b{limit}\b", section), f"README's limits lack {limit}"
    assert f"{MAX_DESCRIPTION_CHARS:,}" in section


@pytest.mark.parametrize("text", ["---", "---\n", "title: x\n---"])
def test_an_error_at_the_very_end_names_a_line_of_the_file(text: str) -> None:
    """Found by the property test: libyaml marks a node at the end one line past the last."""
    with pytest.raises(AuthorError) as caught:
        parse_figure(text, name="gen", path="diagrams/gen.yml")
    lines = max(1, text.count("\n") + (not text.endswith("\n")))
    assert caught.value.where is not None and caught.value.where.line is not None
    assert 1 <= caught.value.where.line <= lines, caught.value.message()
