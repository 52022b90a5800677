"""Pure functions behind the language hooks (search index, sitemaps, 404, redirects)."""

from __future__ import annotations

import re

import pytest
from cloudnotes.language_versions import page_alternates
from cloudnotes.not_found_page import compose_404
from cloudnotes.redirects import localize_redirect_map
from cloudnotes.search_index import korean_separator, split_search_index
from cloudnotes.sitemaps import sitemap_for_folder, sitemap_without


def _tokens(text: str) -> list[str]:
    """What Material's tokenizer keeps: the pieces between separator matches."""
    return [t for t in re.split(korean_separator(), text) if t]


@pytest.mark.parametrize(
    ("typed", "tokens"),
    [
        ("가상화는", ["가상화"]),
        ("컨테이너를", ["컨테이너"]),
        ("하이퍼바이저(hypervisor)", ["하이퍼바이저", "hypervisor"]),
        ("KVM은 어느 유형인가", ["KVM", "어느", "유형인"]),
        ("스토리지에서는 씬 프로비저닝으로", ["스토리지", "씬", "프로비저닝"]),
        ("VDI", ["VDI"]),
        ("하이퍼바이저(hypervisor)는", ["하이퍼바이저", "hypervisor"]),
        ("가나다", ["가나다"]),
    ],
)
def test_korean_separator_drops_particles_and_parentheses(typed: str, tokens: list[str]) -> None:
    assert _tokens(typed) == tokens


def test_split_search_index_by_language_folder() -> None:
    index = {
        "config": {"lang": ["en", "ko"], "separator": "x"},
        "docs": [
            {"location": "hypervisors/", "title": "하이퍼바이저"},
            {"location": "en/hypervisors/#type-2", "title": "Type 2"},
        ],
    }
    parts = split_search_index(index)
    korean = parts[""]["docs"]
    assert isinstance(korean, list)
    assert [d["location"] for d in korean] == ["hypervisors/"]
    assert parts["en/"]["docs"] == [{"location": "hypervisors/#type-2", "title": "Type 2"}]
    assert parts["en/"]["config"]["lang"] == ["en"]  # type: ignore[index]
    assert parts[""]["config"]["separator"] == korean_separator()  # type: ignore[index]


def test_alternates_end_with_x_default_pointing_at_korean() -> None:
    alternates = page_alternates({"en": "en/a/", "ko": "a/"}, {"ko": "한국어", "en": "English"})
    assert [(a.lang, a.href("https://h/p/")) for a in alternates] == [
        ("ko", "https://h/p/a/"),
        ("en", "https://h/p/en/a/"),
        ("x-default", "https://h/p/a/"),
    ]


def test_sitemap_for_folder_keeps_only_that_folder() -> None:
    xml = (
        "<urlset>\n    <url><loc>https://h/a/</loc></url>\n"
        "    <url><loc>https://h/en/a/</loc></url>\n</urlset>"
    )
    assert sitemap_for_folder(xml, "https://h/en/") == (
        "<urlset>\n    <url><loc>https://h/en/a/</loc></url>\n</urlset>"
    )


def test_sitemap_without_drops_exactly_the_pages_given() -> None:
    xml = (
        "<urlset>\n    <url><loc>https://h/a/</loc></url>\n"
        "    <url><loc>https://h/print/</loc></url>\n"
        "    <url><loc>https://h/en/print/</loc></url>\n</urlset>"
    )
    assert sitemap_without(xml, {"https://h/print/", "https://h/en/print/"}) == (
        "<urlset>\n    <url><loc>https://h/a/</loc></url>\n</urlset>"
    )
    assert sitemap_without(xml, set()) == xml


def test_redirect_map_per_language() -> None:
    assert localize_redirect_map({"old.md": "new.md#x"}, "en/") == {"en/old.md": "new.md#x"}


@pytest.mark.parametrize("attributes", ["", ' fetchpriority="low"'])
def test_compose_404_puts_english_in_a_template_before_the_bundle(attributes: str) -> None:
    def page(lang: str, h1: str) -> str:
        return (
            f'<html lang="{lang}"><head><title>{h1}</title></head><body><h1>{h1}</h1>'
            "<script>inline()</script>"
            '<script id="__config" type="application/json">{"base": "/p/"}</script>'
            f'<script src="/p/assets/javascripts/bundle.abc123.min.js"{attributes}></script>'
            "</body></html>"
        )

    out = compose_404({"ko": page("ko", "없음"), "en": page("en", "Missing")}, base_path="/p/")
    template = out.index('<template id="cn-404-en" data-title="Missing">')
    assert template < out.index("bundle.abc123")
    english = out[template : out.index("</template>")]
    assert "<h1>Missing</h1>" in english and "inline()" not in english and "__config" in english
    assert '"/p/"+"en/"' in out
