"""Pure functions behind hooks/abbreviations.py and hooks/references.py, without a build."""

from __future__ import annotations

import markdown
import pytest
from cloudnotes.abbreviations import (
    HangulAwareAbbrExtension,
    abbreviate_text,
    abbreviation_pattern,
    compare_glossaries,
    hangul_aware_abbr,
    parse_abbreviations,
    use_hangul_aware_abbr,
)
from cloudnotes.references import PLACE_MARKER, place_footnotes

from tests.support import REPO

GLOSSARY_KO = "*[VM]: 가상 머신(virtual machine)\n*[I/O]: 입출력(input/output)\n"


def render(text: str) -> str:
    md = markdown.Markdown(extensions=[HangulAwareAbbrExtension(), "attr_list"])
    return str(md.convert(text + "\n\n" + GLOSSARY_KO))


@pytest.mark.parametrize(
    ("text", "wrapped"),
    [
        ("VM을 만듭니다.", "<abbr"),  # a Korean particle right after the acronym
        ("여러 VM에서", "<abbr"),
        ("Two VMs share a host.", "<abbr"),  # an English plural
        ("디스크 I/O가 느립니다.", "<abbr"),
    ],
)
def test_acronyms_followed_by_hangul_or_plural_s_get_a_tooltip(text: str, wrapped: str) -> None:
    html = render(text)
    assert f'{wrapped} title="' in html, html


@pytest.mark.parametrize("text", ["VMware", "NVMe", "xVM", "VM2", "`VM`"])
def test_acronyms_inside_other_words_or_code_are_left_alone(text: str) -> None:
    assert "<abbr" not in render(text)


def test_stock_abbr_extension_misses_korean_particles() -> None:
    """Why the hook swaps the extension: Python-Markdown's own \\b fails on 'VM을'."""
    html = markdown.markdown("VM을 만듭니다.\n\n" + GLOSSARY_KO, extensions=["abbr"])
    assert "<abbr" not in html


def test_pattern_prefers_the_longest_abbreviation() -> None:
    match = abbreviation_pattern(["VM", "VMM"]).search("VMM이")
    assert match is not None and match.group(0) == "VMM"


def test_abbreviate_text_for_hook_generated_html() -> None:
    text = (REPO / "includes" / "abbreviations.ko.md").read_text(encoding="utf-8")
    titles = parse_abbreviations(text, source="ko", locale="ko")[0].titles
    assert abbreviate_text("게스트 OS <2개>", titles) == (
        f'게스트 <abbr title="{titles["OS"]}">OS</abbr> &lt;2개&gt;'
    )
    assert abbreviate_text("VMware & co", titles) == "VMware &amp; co"


def test_use_hangul_aware_abbr_swaps_only_abbr_and_is_idempotent() -> None:
    once = use_hangul_aware_abbr(["toc", "abbr", "tables"], {})
    assert once[0] == "toc" and once[2] == "tables"
    assert isinstance(once[1], HangulAwareAbbrExtension)
    assert use_hangul_aware_abbr(once, {}) == once


def test_each_page_gets_its_own_glossary_and_nothing_carries_over() -> None:
    """MkDocs renders every page with the same extension objects, one Markdown each."""
    extension = hangul_aware_abbr(use_hangul_aware_abbr(["toc", "abbr"], {}))
    extension.use_glossary({"VM": "가상 머신(virtual machine)"})
    korean = markdown.Markdown(extensions=[extension]).convert(
        "VM을 만들고 XYZ를 씁니다.\n\n*[XYZ]: 이 페이지만의 약어"
    )
    assert '<abbr title="가상 머신(virtual machine)">VM</abbr>을' in korean
    assert '<abbr title="이 페이지만의 약어">XYZ</abbr>' in korean

    extension.use_glossary({"VM": "virtual machine"})
    english = markdown.Markdown(extensions=[extension]).convert("A VM and XYZ.")
    assert '<abbr title="virtual machine">VM</abbr>' in english
    assert "XYZ" in english and "이 페이지만의" not in english and "가상" not in english


def test_a_config_without_abbr_is_a_clear_error() -> None:
    with pytest.raises(LookupError, match=r"add `- abbr` to mkdocs\.yml"):
        hangul_aware_abbr(["toc", "tables"])


def test_the_committed_glossaries_parse_cleanly_and_match() -> None:
    glossaries = []
    for locale in ("ko", "en"):
        rel = f"includes/abbreviations.{locale}.md"
        text = (REPO / rel).read_text(encoding="utf-8")
        glossary, problems = parse_abbreviations(text, source=rel, locale=locale)
        assert [p.message() for p in problems] == []
        assert glossary.titles, rel
        glossaries.append(glossary)
    assert [p.message() for p in compare_glossaries(glossaries)] == []


def test_parse_abbreviations_names_file_and_line_of_each_problem() -> None:
    text = (
        "*[VM]: 가상 머신(virtual machine)\n\n"
        "VM: 가상 머신\n*[VM]: 또 가상 머신\n*[OS]: operating system\n"
    )
    _, problems = parse_abbreviations(text, source="includes/abbreviations.ko.md", locale="ko")
    messages = [p.message() for p in problems]
    assert messages[0].startswith("includes/abbreviations.ko.md:3: not an abbreviation")
    assert messages[1].startswith("includes/abbreviations.ko.md:4: *[VM] is defined twice")
    assert messages[2].startswith("includes/abbreviations.ko.md:5: *[OS]: the Korean tooltip")
    assert len(messages) == 3


def test_compare_glossaries_reports_an_abbreviation_missing_in_one_language() -> None:
    ko, _ = parse_abbreviations("*[VM]: 가상 머신\n*[OS]: 운영체제\n", source="ko.md", locale="ko")
    en, _ = parse_abbreviations("*[VM]: virtual machine\n", source="en.md", locale="en")
    messages = [p.message() for p in compare_glossaries([ko, en])]
    assert messages == [
        "en.md: *[OS] is defined in ko.md:2 but not here. Fix: add its translation."
    ]


PAGE = """# 도커 {{ #docker }}

본문입니다.[^1]

```text
## 코드 안의 제목 {{ #not-a-heading }}
```

## 참고 자료 {{ #references }}

- [Docker docs](https://docs.docker.com/)
{extra}
[^1]: 출처.
"""


def test_marker_closes_the_references_section() -> None:
    placed = place_footnotes(PAGE.format(extra="\n## 다음 절 { #next }\n\n다음.\n"))
    assert placed is not None
    lines = placed.splitlines()
    marker = lines.index(PLACE_MARKER)
    assert (
        lines.index("## 참고 자료 { #references }") < marker < lines.index("## 다음 절 { #next }")
    )


def test_footnotes_render_under_the_references_heading() -> None:
    placed = place_footnotes(PAGE.format(extra=""))
    assert placed is not None
    html = markdown.markdown(
        placed,
        extensions=["attr_list", "fenced_code", "footnotes"],
        extension_configs={"footnotes": {"PLACE_MARKER": PLACE_MARKER}},
    )
    assert PLACE_MARKER not in html
    assert html.index('id="references"') < html.index('class="footnote"')


def test_no_marker_without_footnotes_and_none_without_references() -> None:
    plain = "# 제목 { #t }\n\n## 참고 자료 { #references }\n\n- 링크\n"
    assert place_footnotes(plain) == plain  # an unused marker would be printed as text
    assert place_footnotes("# 제목 { #t }\n\n본문.[^1]\n\n[^1]: 출처.\n") is None
