"""hooks/cloudnotes/stylesheets.py: one served stylesheet from several source files;
hooks/cloudnotes/palette.py: Material's palette stylesheet trimmed to the colours in use."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from cloudnotes.errors import AuthorError
from cloudnotes.palette import trim_palette
from cloudnotes.stylesheets import inline_imports

from tests.support import wait_until

# The files beside docs/assets/site.css, by name.
FILES = {
    "a.css": ".a { color: red; }",
    "print.css": ".header { display: none; }",
    "nested.css": '@import "a.css";\n.n {}',
}


def read(path: str) -> str | None:
    return FILES.get(path)


def test_imports_are_replaced_in_order_and_media_becomes_a_block() -> None:
    css = '/* head */\n@import "a.css"; /* note */\n@import url("print.css") print;\n.z {}\n'
    out = inline_imports(css, source="assets/site.css", read=read)
    assert "@import" not in out
    assert out.index(".a { color: red; }") < out.index("@media print {") < out.index(".z {}")
    assert "@media print {\n.header { display: none; }\n}" in out


@pytest.mark.parametrize(
    ("css", "problem"),
    [
        ('.x {}\n@import "missing.css";', "site.css:2: @import of 'missing.css': no such file"),
        ('@import "https://cdn.example/x.css";', "is not a stylesheet in this folder"),
        ('@import "../x/a.css";', "is not a stylesheet in this folder"),
        ('@import "nested.css";', "'nested.css' has @import rules of its own"),
        ("@import broken;", "cannot read this @import"),
    ],
)
def test_bad_imports_name_the_file_and_line(css: str, problem: str) -> None:
    with pytest.raises(AuthorError) as caught:
        inline_imports(css, source="assets/site.css", read=read)
    assert problem in caught.value.message() and "Fix:" in caught.value.message()


# --- Material's palette stylesheet, trimmed (cloudnotes/palette.py) -----------------------

PALETTE = (
    "[data-md-color-switching] *,[data-md-color-switching] :after{transition-duration:0s!important}"
    "[data-md-color-accent=indigo]{--md-accent-fg-color:#526cfe}"
    "[data-md-color-accent=pink]{--md-accent-fg-color:#f50056}"
    "[data-md-color-primary=indigo],[data-md-color-primary=pink]{--md-primary-fg-color:#4051b5}"
    "@media screen{[data-md-color-scheme=slate]{color-scheme:dark}"
    "[data-md-color-scheme=slate][data-md-color-primary=pink]{--x:1}}"
    "@media screen and (max-width:76.234375em){[data-md-color-primary=pink] .md-nav{color:red}}"
)


def test_palette_keeps_only_the_colours_in_use_and_drops_the_switching_rule() -> None:
    trim = trim_palette(PALETTE, primaries={"indigo"}, accents={"indigo"})
    assert "data-md-color-switching" not in trim.css
    assert "pink" not in trim.css
    assert "[data-md-color-accent=indigo]{--md-accent-fg-color:#526cfe}" in trim.css
    # A selector list loses only the unused selector; the rule stays.
    assert "[data-md-color-primary=indigo]{--md-primary-fg-color:#4051b5}" in trim.css
    # Scheme rules stay inside their @media; a @media left empty goes.
    assert "@media screen{[data-md-color-scheme=slate]{color-scheme:dark}}" in trim.css
    assert "max-width:76.234375em" not in trim.css
    assert trim.switching_rules == 2 and trim.dropped_selectors == 6


def test_palette_keeps_every_colour_that_is_in_use() -> None:
    trim = trim_palette(PALETTE, primaries={"indigo", "pink"}, accents={"pink", "indigo"})
    # Nothing but the switching rule goes, and the rest is written back unchanged.
    assert trim.css == PALETTE.split("}", 1)[1]


@pytest.mark.parametrize(
    ("css", "problem"),
    [
        (PALETTE.replace("data-md-color-switching", "data-x"), "no [data-md-color-switching] rule"),
        (PALETTE.replace("accent=indigo", "accent=teal"), "no rule for accent=indigo"),
    ],
)
def test_palette_that_changed_shape_is_an_error_not_a_silent_no_op(css: str, problem: str) -> None:
    with pytest.raises(AuthorError) as caught:
        trim_palette(css, primaries={"indigo"}, accents={"indigo"})
    assert problem in caught.value.message() and "Fix:" in caught.value.message()


def test_the_built_palette_is_trimmed_and_still_switches_the_scheme(
    site: Path, base_url: str, new_page: Any
) -> None:
    (built,) = (site / "assets" / "stylesheets").glob("palette.*.min.css")
    css = built.read_text(encoding="utf-8")
    assert "data-md-color-switching" not in css
    assert set(re.findall(r"data-md-color-(?:primary|accent)=([\w-]+)", css)) == {"indigo"}
    assert len(css.encode()) < 4_000, "Material's full palette is about 12 kB"

    # The reader's toggle still works: light -> dark -> light. The page background comes
    # from the scheme, the link colour in the dark scheme from an indigo-only rule.
    page = new_page(width=360, color_scheme="light")
    page.goto(base_url + "containers/")
    colours = """() => {
      const body = getComputedStyle(document.body);
      return [body.backgroundColor, body.colorScheme,
              body.getPropertyValue('--md-typeset-a-color').trim()];
    }"""
    light = page.evaluate(colours)
    assert page.locator("body").get_attribute("data-md-color-scheme") == "default"
    page.locator("label[for='__palette_1']").click()
    wait_until(page, "document.body.dataset.mdColorScheme === 'slate'")
    page.wait_for_timeout(400)  # Material's colour transitions, no longer switched off
    dark = page.evaluate(colours)
    assert dark[0] != light[0] and dark[1] == "dark"
    assert dark[2] == "#5488e8", "[data-md-color-scheme=slate][data-md-color-primary=indigo]"
    page.locator("label[for='__palette_0']").click()
    wait_until(page, "document.body.dataset.mdColorScheme === 'default'")
    page.wait_for_timeout(400)
    assert page.evaluate(colours) == light


# --- Tables are laid out with the page, not late (tables.css) ---------------------------

# Where the header ends and the heading should sit, at most (Material's scroll margin).
_LANDED = """(id) => {
  const top = document.getElementById(id).getBoundingClientRect().top;
  const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
  const end = scrollY >= document.documentElement.scrollHeight - innerHeight - 1;
  return {top, header, end};
}"""
_DEFERRED = (
    "[...document.querySelectorAll('article *')]"
    ".filter(e => getComputedStyle(e).contentVisibility !== 'visible').length"
)


@pytest.mark.parametrize(
    "path", ["errata/#docker", "en/errata/#docker", "linking/#citing", "en/linking/#citing"]
)
def test_a_section_link_lands_on_its_heading_below_the_tables(
    base_url: str, new_page: Any, path: str
) -> None:
    """A printed link to a section below long tables opens with that heading at the top."""
    page = new_page(width=360, height=740)
    page.goto(base_url + path, wait_until="load")
    assert page.evaluate(_DEFERRED) == 0, f"{path}: content laid out late"
    heading = path.split("#")[1]
    for _ in range(3):  # and it stays there
        landed = page.evaluate(_LANDED, heading)
        assert landed["header"] - 2 <= landed["top"], (path, landed)
        # At the top, or as near as it gets when the section ends the page.
        assert landed["top"] <= landed["header"] + 60 or (landed["end"] and landed["top"] < 740)
        page.wait_for_timeout(300)


@pytest.mark.parametrize("path", ["errata/", "en/errata/", "linking/"])
def test_end_lands_at_the_real_bottom_of_the_page(base_url: str, new_page: Any, path: str) -> None:
    """With tables laid out late (content-visibility: auto), End landed ~2,400 px short
    of the bottom on the errata page: the page grew as they came into view."""
    page = new_page(width=360, height=740)
    page.goto(base_url + path, wait_until="load")
    page.keyboard.press("End")
    page.wait_for_timeout(800)  # smooth scrolling, and any late layout
    short = page.evaluate("document.documentElement.scrollHeight - innerHeight - scrollY")
    assert short <= 1, f"{path}: End stopped {short} px short of the bottom"


@pytest.mark.parametrize("path", ["errata/", "en/errata/"])
def test_print_lays_out_every_table_not_only_those_near_the_screen(
    base_url: str, new_page: Any, path: str
) -> None:
    page = new_page(width=1280, height=800)
    page.goto(base_url + path, wait_until="load")
    page.emulate_media(media="print")
    tables = page.evaluate(
        "[...document.querySelectorAll('.md-typeset__scrollwrap')].map(e => ["
        " getComputedStyle(e).contentVisibility, e.querySelectorAll('tr').length,"
        " e.querySelector('tr:last-child').getBoundingClientRect().height])"
    )
    assert len(tables) >= 4, path
    for visibility, rows, last_row in tables:
        assert visibility == "visible" and rows > 1 and last_row > 0, (path, tables)


@pytest.mark.parametrize("path", ["hypervisors/", "en/hypervisors/"])
def test_a_citation_opens_its_reference(base_url: str, new_page: Any, path: str) -> None:
    page = new_page(width=360, height=740)
    page.goto(base_url + path, wait_until="load")
    refs = page.locator("a.footnote-ref")
    last = refs.nth(refs.count() - 1)
    target = (last.get_attribute("href") or "")[1:]
    last.click()
    page.wait_for_timeout(300)
    entry = page.evaluate(
        "(id) => { const r = document.getElementById(id).getBoundingClientRect();"
        " return {top: r.top, bottom: r.bottom, height: r.height}; }",
        target,
    )
    assert entry["height"] > 0 and 0 <= entry["top"] < 740, (path, target, entry)
    assert page.evaluate("(id) => document.getElementById(id).innerText.length", target) > 20


# --- A first visit starts in the reader's colour scheme (partials/palette-first-visit.html) --


@pytest.mark.parametrize(("system", "scheme"), [("dark", "slate"), ("light", "default")])
def test_the_first_paint_is_in_the_system_scheme_before_materials_script_runs(
    base_url: str, new_page: Any, system: str, scheme: str
) -> None:
    page = new_page(width=360, color_scheme=system)
    page.route("**/assets/javascripts/bundle.*.min.js", lambda route: route.abort())
    for path in ("", "en/hypervisors/"):
        page.goto(base_url + path, wait_until="load")
        assert page.evaluate("typeof window.component$") == "undefined", "bundle was not blocked"
        assert page.locator("body").get_attribute("data-md-color-scheme") == scheme, path


def test_a_readers_own_choice_still_wins_over_the_system_scheme(
    base_url: str, new_page: Any
) -> None:
    page = new_page(width=360, color_scheme="dark")
    page.goto(base_url + "containers/")
    wait_until(page, "document.body.dataset.mdColorScheme === 'slate'")
    page.locator("label[for='__palette_0']").click()  # "switch to light mode"
    wait_until(page, "document.body.dataset.mdColorScheme === 'default'")
    page.route("**/assets/javascripts/bundle.*.min.js", lambda route: route.abort())
    page.goto(base_url + "docker/", wait_until="load")
    assert page.locator("body").get_attribute("data-md-color-scheme") == "default"
