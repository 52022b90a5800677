"""hooks/cloudnotes/stylesheets.py: one served stylesheet from several source files."""

from __future__ import annotations

import pytest
from cloudnotes.stylesheets import StylesheetError, inline_imports

FILES = {
    "assets/a.css": ".a { color: red; }",
    "assets/print.css": ".header { display: none; }",
    "assets/nested.css": '@import "a.css";\n.n {}',
    "assets/loop.css": '@import "loop2.css";',
    "assets/loop2.css": '@import "loop.css";',
}


def read(path: str) -> str | None:
    return FILES.get(path)


def test_imports_are_replaced_in_order_and_media_becomes_a_block() -> None:
    css = '/* head */\n@import "a.css"; /* note */\n@import url("print.css") print;\n.z {}\n'
    out = inline_imports(css, source="assets/site.css", read=read)
    assert "@import" not in out
    assert out.index(".a { color: red; }") < out.index("@media print {") < out.index(".z {}")
    assert "@media print {\n.header { display: none; }\n}" in out


def test_nested_imports_are_inlined() -> None:
    out = inline_imports('@import "nested.css";', source="assets/site.css", read=read)
    assert ".a { color: red; }" in out and ".n {}" in out and "@import" not in out


@pytest.mark.parametrize(
    ("css", "problem"),
    [
        ('.x {}\n@import "missing.css";', "site.css:2: @import of 'missing.css': no such file"),
        ('@import "https://cdn.example/x.css";', "is not a local file"),
        ('@import "loop.css";', "imports itself"),
        ("@import broken;", "cannot read this @import"),
    ],
)
def test_bad_imports_name_the_file_and_line(css: str, problem: str) -> None:
    with pytest.raises(StylesheetError) as caught:
        inline_imports(css, source="assets/site.css", read=read)
    assert problem in caught.value.message() and "Fix:" in caught.value.message()
