"""The pure diagram functions, imported without a build: parsing, layout, rendered SVG."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from cloudnotes.diagrams import AuthorError, DiagramLibrary, parse_figure, render_figure_html
from cloudnotes.diagrams.layout import BOX_PAD_X, FONT_SIZE, layout_figure
from cloudnotes.diagrams.model import Box, Stack
from cloudnotes.diagrams.textwidth import text_width, wrap_text

from tests.diagram_samples import MINIMAL
from tests.support import REPO

SVG = "{http://www.w3.org/2000/svg}"
FIGURES = ("hypervisor-type-1", "hypervisor-type-2", "hypervisor-types", "vms-vs-containers",
           "thin-provisioning", "image-layers", "server-consolidation",
           "virtual-switch")  # fmt: skip


@pytest.fixture(scope="module")
def library() -> DiagramLibrary:
    return DiagramLibrary(REPO / "diagrams", display_root=REPO)


def render(library: DiagramLibrary, name: str, locale: str, figure_id: str = "f") -> ET.Element:
    html = render_figure_html(library.figure(name), locale=locale, figure_id=figure_id)
    return ET.fromstring(html)  # well-formed XML, or this raises


def labels(figure: ET.Element) -> list[str]:
    return [
        " ".join(t.text or "" for t in text.iter(f"{SVG}tspan"))
        for text in figure.iter(f"{SVG}text")
        if text.get("class") == "dg-label"
    ]


def test_every_named_figure_has_a_source(library: DiagramLibrary) -> None:
    assert set(FIGURES) <= set(library.names())


@pytest.mark.parametrize("name", FIGURES)
@pytest.mark.parametrize("locale", ["ko", "en"])
def test_figure_structure_and_aria_wiring(library: DiagramLibrary, name: str, locale: str) -> None:
    figure = render(library, name, locale, figure_id=f"dg-{name}-1")
    assert figure.tag == "figure" and figure.get("id") == f"dg-{name}-1"
    svgs = list(figure.iter(f"{SVG}svg"))
    assert len(svgs) == len(library.figure(name).stacks)
    ids = [el.get("id") for el in figure.iter() if el.get("id")]
    assert len(ids) == len(set(ids)), "duplicate ids inside one figure"
    for svg in svgs:
        assert svg.get("role") == "img"
        assert svg.get("viewBox", "").startswith("0 0 ")
        title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
        assert title is not None and desc is not None and title.text and desc.text
        assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        boxes = [g for g in svg.iter(f"{SVG}g") if "dg-box" in (g.get("class") or "")]
        assert boxes and all(g.find(f"{SVG}rect") is not None for g in boxes)
        # Colours come from CSS only.
        assert not any(el.get("fill") or el.get("stroke") or el.get("style") for el in svg.iter())
    assert figure.find("figcaption") is not None
    details = figure.find("details")
    assert details is not None and details.find("summary") is not None
    assert details.findall("ol/li")


def test_labels_follow_the_locale(library: DiagramLibrary) -> None:
    ko = labels(render(library, "vms-vs-containers", "ko"))
    en = labels(render(library, "vms-vs-containers", "en"))
    assert "하드웨어" in ko and "Hardware" not in ko
    assert "Hardware" in en and "하드웨어" not in en
    assert len(ko) == len(en)
    ko_text = ET.tostring(render(library, "hypervisor-types", "ko"), encoding="unicode")
    assert "그림을 글로 보기" in ko_text and "Figure as text" not in ko_text


def test_facts_type_2_has_host_and_guest_os_type_1_no_host_os(library: DiagramLibrary) -> None:
    type2 = labels(render(library, "hypervisor-type-2", "en"))
    assert "Host OS" in type2 and "Guest OS" in type2
    type1 = labels(render(library, "hypervisor-type-1", "en"))
    assert "Guest OS" in type1 and not any("Host OS" in label for label in type1)
    assert any("Management" in label for label in type1)


def test_facts_vms_carry_a_guest_kernel_containers_share_the_host_kernel(
    library: DiagramLibrary,
) -> None:
    vms, containers = library.figure("vms-vs-containers").stacks
    vm_kinds = [box.kind.value for layer in vms.layers for box in layer]
    ct_kinds = [box.kind.value for layer in containers.layers for box in layer]
    assert vm_kinds.count("guest") == vm_kinds.count("app") >= 2
    assert "guest" not in ct_kinds and "absent" in ct_kinds
    host = [box for layer in containers.layers for box in layer if box.kind.value == "os"]
    assert len(host) == 1 and host[0].span == containers.columns and host[0].emphasis
    assert "shared" in host[0].label.text("en") and "공유" in host[0].label.text("ko")


def _cells(box: Box) -> set[tuple[int, int]]:
    return {
        (row, column)
        for row in range(box.row, box.row + box.rows)
        for column in range(box.column, box.column + box.span)
    }


def runtime_layer_problems(stack: Stack) -> list[str]:
    """What is wrong with a containers stack that should show the runtime beside them."""
    boxes = [box for layer in stack.layers for box in layer]
    apps = [box for box in boxes if box.kind.value == "app"]
    runtimes = [box for box in boxes if "Container runtime" in box.label.text("en")]
    problems = []
    for app in apps:
        under = [
            box
            for box in boxes
            if box.row > app.row and {c for _, c in _cells(box)} & {c for _, c in _cells(app)}
        ]
        between = [box for box in under if box.kind.value in ("virtualization", "tool")]
        if between:
            problems.append(f"{between[0].label.text('en')!r} is drawn under an application")
    if len(runtimes) != 1:
        problems.append(f"want one container runtime box, found {len(runtimes)}")
        return problems
    runtime = runtimes[0]
    host = next(box for box in boxes if box.kind.value == "os")
    app_columns = {c for app in apps for _, c in _cells(app)}
    if runtime.kind.value != "tool" or {c for _, c in _cells(runtime)} & app_columns:
        problems.append("the runtime is not a tool box in a column of its own")
    if runtime.row > min(app.row for app in apps) or runtime.row + runtime.rows != host.row:
        problems.append("the runtime box does not reach from the application row to the host OS")
    if "Docker Engine" not in runtime.label.text("ko") or "도커 엔진" in runtime.label.text("ko"):
        problems.append("the Korean label does not say Docker Engine, the page's term")
    return problems


def test_facts_the_container_runtime_stands_beside_the_containers(
    library: DiagramLibrary,
) -> None:
    containers = library.figure("vms-vs-containers").stacks[1]
    assert runtime_layer_problems(containers) == []
    absent = [box for layer in containers.layers for box in layer if box.kind.value == "absent"]
    assert {"No guest OS", "No hypervisor"} <= {
        box.label.text("en").split(":")[0] for box in absent
    }


def test_runtime_check_rejects_a_runtime_layer_under_the_containers() -> None:
    """The drawing this figure replaced: a full-width runtime layer the containers sat on."""
    old = parse_figure(
        MINIMAL.replace(
            "      - - {label: {ko: 하드웨어",
            "      - - {label: {ko: '컨테이너 런타임 (예: 도커 엔진)', "
            "en: 'Container runtime (e.g. Docker Engine)'}, kind: virtualization, span: 2}\n"
            "      - - {label: {ko: 호스트 OS, en: Host OS}, kind: os, span: 2}\n"
            "      - - {label: {ko: 하드웨어",
        ),
        name="old",
        path="diagrams/old.yml",
    )
    problems = runtime_layer_problems(old.stacks[0])
    assert any("drawn under an application" in p for p in problems), problems
    assert any("column of its own" in p for p in problems), problems


def test_facts_image_layers_writable_on_top_read_only_below(library: DiagramLibrary) -> None:
    (stack,) = library.figure("image-layers").stacks
    (top,), *below = stack.layers
    assert top.kind.value == "app" and top.emphasis
    assert "Writable" in top.label.text("en") and "쓰기 가능한" in top.label.text("ko")
    assert "upperdir" in top.label.text("en")
    assert len(below) >= 3
    for (box,) in below:
        assert box.label.text("en").startswith("Read-only") and box.label.text("ko").startswith(
            "읽기 전용"
        )
    assert "base image" in below[-1][0].label.text("en").replace("\u00a0", " ")


def test_rows_align_across_stacks(library: DiagramLibrary) -> None:
    """Side by side, the n-th layer from the bottom has the same y and height in each stack."""
    figure = library.figure("vms-vs-containers")
    for locale in ("ko", "en"):
        layouts = layout_figure(figure, locale)
        assert layouts[0].height == layouts[1].height
        rows = []
        for stack, layout in zip(figure.stacks, layouts, strict=True):
            boxes = [box for layer in stack.layers for box in layer]
            # A box spanning several rows (the runtime) has no single row to compare.
            placed = zip(boxes, layout.boxes, strict=True)
            rows.append(sorted({(b.y, b.height) for m, b in placed if m.rows == 1}))
        assert rows[0] == rows[1]


@pytest.mark.parametrize("name", FIGURES)
@pytest.mark.parametrize("locale", ["ko", "en"])
def test_estimated_text_fits_its_box(library: DiagramLibrary, name: str, locale: str) -> None:
    for stack in layout_figure(library.figure(name), locale):
        for box in stack.boxes:
            for line in box.lines:
                assert text_width(line.text, font_size=FONT_SIZE) <= box.width - 2 * BOX_PAD_X
                assert box.y < line.y < box.y + box.height


def test_output_is_deterministic(library: DiagramLibrary) -> None:
    fresh = DiagramLibrary(REPO / "diagrams", display_root=REPO)
    for name in FIGURES:
        first = render_figure_html(library.figure(name), locale="ko", figure_id="x")
        assert first == render_figure_html(fresh.figure(name), locale="ko", figure_id="x")


def test_two_placements_get_distinct_ids(library: DiagramLibrary) -> None:
    a = render(library, "hypervisor-types", "ko", figure_id="dg-hypervisor-types-1")
    b = render(library, "hypervisor-types", "ko", figure_id="dg-hypervisor-types-2")
    ids_a = {el.get("id") for el in a.iter() if el.get("id")}
    ids_b = {el.get("id") for el in b.iter() if el.get("id")}
    assert ids_a and not ids_a & ids_b


def test_labels_are_escaped() -> None:
    evil = '<script> alert("x") </script> & "q"'
    source = MINIMAL.replace("{ko: 앱, en: App}", "{ko: 'A <b>&amp; \"x\"', en: '" + evil + "'}")
    figure = parse_figure(source, name="evil", path="diagrams/evil.yml")
    html = render_figure_html(figure, locale="en", figure_id="e")
    assert "<script>" not in html and "<b>" not in html
    root = ET.fromstring(html)
    assert any("alert" in label for label in labels(root))
    assert '"q"' in "".join(root.itertext())


def test_no_break_space_keeps_words_together() -> None:
    assert wrap_text("30\u00a0GB allocated", max_width=70, font_size=14) == [
        "30\u00a0GB",
        "allocated",
    ]
    assert wrap_text("Supercalifragilistic", max_width=20, font_size=14) == []


def test_two_lines_break_outside_brackets_and_where_the_text_pauses() -> None:
    def two(text: str) -> list[str]:
        width = text_width(text, font_size=14) * 0.7  # room for about two thirds a line
        return wrap_text(text, max_width=width, font_size=14)

    assert two("하이퍼바이저 (호스트 OS에 설치)") == ["하이퍼바이저", "(호스트 OS에 설치)"]
    assert two("하이퍼바이저 없음: 호스트 커널을 바로 호출") == [
        "하이퍼바이저 없음:",
        "호스트 커널을 바로 호출",
    ]
    # Nowhere better to break: as late as fits, as before.
    assert two("Binaries and libraries") == ["Binaries and", "libraries"]


BAD_SOURCES = [
    ("malformed", "title: {ko: a, en: b\nstacks: []\n", 2, "malformed YAML"),
    ("unknown key", MINIMAL.replace("kind: hardware", "kind: hardware, colour: red"), 8,
     "unknown key 'colour'"),
    ("missing en", MINIMAL.replace("{ko: 하드웨어, en: Hardware}", "{ko: 하드웨어}"), 8,
     "no 'en' text"),
    ("empty stack", "title: {ko: a, en: b}\ndescription: {ko: a, en: b}\nstacks:\n"
     "  - columns: 1\n    layers: []\n", 5, "empty stack"),
    ("span too wide", MINIMAL.replace("span: 2", "span: 3"), 8, "span wider than its stack"),
    ("row overfull", MINIMAL.replace("kind: app}\n      - -", "kind: app, span: 2}\n      - -"),
     7, "span wider than its stack"),
    ("unknown kind", MINIMAL.replace("kind: hardware", "kind: cloud"), 8, "unknown kind"),
    ("duplicate key", MINIMAL.replace("kind: hardware", "kind: hardware, kind: os"), 8, "twice"),
    ("no stacks", "title: {ko: a, en: b}\ndescription: {ko: a, en: b}\nstacks: []\n", 3,
     "no stacks"),
    ("span not a number", MINIMAL.replace("span: 2", "span: two"), 8, "whole number"),
    ("word too wide", MINIMAL.replace("en: Hardware", "en: " + "W" * 40), 8, "too wide"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("source", "line", "problem"),
    [case[1:] for case in BAD_SOURCES],
    ids=[case[0] for case in BAD_SOURCES],
)
def test_bad_sources_name_file_line_and_fix(source: str, line: int, problem: str) -> None:
    with pytest.raises(AuthorError) as caught:
        figure = parse_figure(source, name="bad", path="diagrams/bad.yml")
        render_figure_html(figure, locale="en", figure_id="bad")
    message = caught.value.message()
    assert message.startswith(f"diagrams/bad.yml:{line}: "), message
    assert problem in message and "Fix: " in message


def test_use_resolves_and_rejects_loops_and_unknown_names(tmp_path: Path) -> None:
    (tmp_path / "part.yml").write_text(MINIMAL, encoding="utf-8")
    whole = "title: {ko: a, en: b}\ndescription: {ko: a, en: b}\nstacks:\n  - use: part\n"
    (tmp_path / "whole.yml").write_text(whole + "  - use: part\n", encoding="utf-8")
    (tmp_path / "loop.yml").write_text(whole.replace("part", "loop"), encoding="utf-8")
    (tmp_path / "ghost.yml").write_text(whole.replace("part", "nope"), encoding="utf-8")
    library = DiagramLibrary(tmp_path, display_root=tmp_path)
    assert len(library.figure("whole").stacks) == 2
    with pytest.raises(AuthorError, match=r"^loop\.yml:4: 'use: loop' makes a loop"):
        library.figure("loop")
    with pytest.raises(AuthorError, match=r"^ghost\.yml:4: 'use: nope' names no figure"):
        library.figure("ghost")
    with pytest.raises(AuthorError, match=r"unknown figure 'missing'.*Fix: use one of"):
        library.figure("missing")


def test_library_rereads_an_edited_source_in_a_new_build(tmp_path: Path) -> None:
    source = tmp_path / "fig.yml"
    source.write_text(MINIMAL, encoding="utf-8")
    library = DiagramLibrary(tmp_path, display_root=tmp_path)
    assert library.figure("fig").title.text("en") == "Title"
    source.write_text(MINIMAL.replace("en: Title", "en: Edited"), encoding="utf-8")
    assert (
        DiagramLibrary(tmp_path, display_root=tmp_path).figure("fig").title.text("en") == "Edited"
    )


def test_text_version_says_how_far_a_tall_box_reaches(library: DiagramLibrary) -> None:
    """The runtime stands beside four layers: the text version must not put it in one."""
    from cloudnotes.diagrams.render import stack_layers_bottom_up

    containers = library.figure("vms-vs-containers").stacks[1]
    top = stack_layers_bottom_up(containers, "en")[-1]
    assert "Container runtime" in top and "down through 4 layers" in top, top
    top_ko = stack_layers_bottom_up(containers, "ko")[-1]
    assert "아래로 4개 층에 걸침" in top_ko, top_ko


@pytest.mark.parametrize("name", FIGURES)
@pytest.mark.parametrize("locale", ["ko", "en"])
def test_no_label_wraps_onto_three_lines(library: DiagramLibrary, name: str, locale: str) -> None:
    """At most two lines per layer a box spans: a one-layer box never takes three."""
    figure = library.figure(name)
    for stack, layout in zip(figure.stacks, layout_figure(figure, locale), strict=True):
        rows = [box.rows for layer in stack.layers for box in layer]
        for box, spans in zip(layout.boxes, rows, strict=True):
            assert len(box.lines) <= 2 * spans, [line.text for line in box.lines]


def test_side_by_side_stack_titles_share_one_line(library: DiagramLibrary) -> None:
    for name in ("hypervisor-types", "vms-vs-containers"):
        for locale in ("ko", "en"):
            stacks = layout_figure(library.figure(name), locale)
            assert len({stack.heading[0].y for stack in stacks}) == 1, (name, locale)
