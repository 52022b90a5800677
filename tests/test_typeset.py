"""hooks/cloudnotes/typeset.py: the page HTML changes, imported without a build, and the
built site they produce."""

from __future__ import annotations

import json
from pathlib import Path

from cloudnotes.typeset import (
    CODE_NAV_SCRIPT,
    exclude_references_from_search,
    keep_bracket_and_particle_together,
    keep_first_backlink,
    keep_short_code_whole,
    label_table_cells,
    mark_adjacent_citations,
    mark_code_line_indents,
    mark_url_links,
    typeset_page,
)

from tests.support import read_html

TABLE = (
    '<table>\n<thead>\n<tr>\n<th>원래 <abbr title="x">노트</abbr></th>\n<th>근거</th>\n'
    '<th></th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>a</td>\n<td align="left">b</td>\n'
    "<td>c</td>\n<td>extra</td>\n</tr>\n</tbody>\n</table>"
)


def cite(key: str, n: int, ref: str = "fnref") -> str:
    return f'<sup id="{ref}:{key}"><a class="footnote-ref" href="#fn:{key}">{n}</a></sup>'


def test_cells_get_their_column_header_and_the_table_comes_wrapped() -> None:
    out = label_table_cells(TABLE)
    assert out.startswith(
        '<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
        '<table class="cn-table">'
    )
    assert '<td data-label="원래 노트">a</td>' in out  # tags dropped from the header
    assert '<td align="left" data-label="근거">b</td>' in out
    assert "<td>c</td>" in out and "<td>extra</td>" in out  # empty or missing header
    assert out.endswith("</table></div></div>")


def test_tables_without_a_header_or_with_a_class_are_left_alone() -> None:
    bare = "<table>\n<tbody>\n<tr><td>a</td></tr>\n</tbody>\n</table>"
    classed = '<table class="highlighttable"><thead><tr><th>x</th></tr></thead></table>'
    empty = "<table><thead><tr><th></th></tr></thead><tbody><tr><td>a</td></tr></tbody></table>"
    for html in (bare, classed, empty):
        assert label_table_cells(html) == html


def test_header_text_is_escaped_into_the_attribute() -> None:
    html = (
        '<table><thead><tr><th>"A" &amp; B</th></tr></thead>'
        "<tbody><tr><td>x</td></tr></tbody></table>"
    )
    assert 'data-label="&quot;A&quot; &amp; B"' in label_table_cells(html)


def test_only_a_marker_right_after_another_is_flagged() -> None:
    html = f"<p>a.{cite('a', 1)}{cite('b', 2)}{cite('c', 3)} text {cite('a', 1, 'fnref2')}</p>"
    out = mark_adjacent_citations(html)
    assert out.count('class="cn-cite-next"') == 2
    assert '<sup class="cn-cite-next" id="fnref:b">' in out
    assert '<sup class="cn-cite-next" id="fnref:c">' in out
    assert '<sup id="fnref2:a">' in out  # text before it: no separator


def test_one_back_link_per_reference() -> None:
    back = '<a class="footnote-backref" href="#fnref{n}:k" title="t">&#8617;</a>'
    html = (
        '<li id="fn:k"><p>Source.&#160;'
        + "".join(back.format(n=n) for n in ("", 2, 3))
        + "</p></li>"
    )
    out = keep_first_backlink(html)
    assert out.count("footnote-backref") == 1 and 'href="#fnref:k"' in out


def test_references_are_kept_out_of_search() -> None:
    html = '<h2 id="references">참고 자료</h2>\n<div class="footnote">\n<hr />'
    out = exclude_references_from_search(html)
    assert '<h2 data-search-exclude="references" id="references">' in out
    assert '<div class="footnote" data-search-exclude="references">' in out


def test_links_whose_text_is_their_address_are_flagged() -> None:
    url = '<a href="https://a.example/x?y=1&amp;z">https://a.example/x?y=1&amp;z</a>'
    named = '<a href="https://a.example/">Example</a>'
    out = mark_url_links(url + named)
    assert out == url.replace("<a ", '<a class="cn-url" ', 1) + named


def test_bracket_or_full_stop_and_particle_stay_together_outside_code() -> None:
    html = (
        "<p>버전(2014년)부터 <code>f(x)는</code> (VMM)는. Docker, Inc.는 끝.</p>"
        "<pre><code>a)가</code></pre>"
    )
    out = keep_bracket_and_particle_together(html)
    assert '버전(2014년<span class="cn-keep">)부터</span>' in out
    assert '(VMM<span class="cn-keep">)는</span>.' in out
    assert 'Docker, Inc<span class="cn-keep">.는</span> 끝.' in out
    assert "<code>f(x)는</code>" in out and "<code>a)가</code>" in out


def test_a_particle_after_a_link_ending_in_a_bracket_is_joined_to_it() -> None:
    html = '<p><a href="#s">샌드박스(sandbox)</a>입니다. <a href="#t">(VMM)</a> 끝</p>'
    out = keep_bracket_and_particle_together(html)
    assert "샌드박스(sandbox)</a>&#8288;입니다." in out
    assert "(VMM)</a> 끝" in out  # a space already allows the break


def test_short_inline_code_stays_whole() -> None:
    html = (
        "<p><code>COPY . /app</code> <code>uname</code> "
        "<code>docker run --rm -it ubuntu:24.04 bash</code></p>"
        "<pre><code>COPY . /app\n</code></pre>"
    )
    out = keep_short_code_whole(html)
    assert '<code class="cn-keep">COPY . /app</code>' in out
    assert '<code class="cn-keep">uname</code>' in out
    assert "<code>docker run --rm -it ubuntu:24.04 bash</code>" in out, "long code may wrap"
    assert "<pre><code>COPY . /app\n</code></pre>" in out, "a code block is left alone"


def test_a_page_with_code_gets_the_toolbar_script_once() -> None:
    assert typeset_page('<div class="highlight"><pre><code>x</code></pre></div>').endswith(
        CODE_NAV_SCRIPT
    )
    assert CODE_NAV_SCRIPT not in typeset_page("<p>no code</p>")


def test_the_built_search_index_has_no_reference_list(site: Path) -> None:
    """The docker page's references ranked first for "container", with "↩↩↩" in the
    snippet; now no entry holds a reference or a back-link arrow."""
    for index_path in ("search/search_index.json", "en/search/search_index.json"):
        raw = (site / index_path).read_text(encoding="utf-8")
        assert "↩" not in raw and "&#8617;" not in raw, index_path
        docs = json.loads(raw)["docs"]
        docker = [d for d in docs if d["location"].split("#")[0].rstrip("/").endswith("docker")]
        assert docker, f"{index_path}: no docker page"
        assert not [d for d in docker if d["location"].endswith("#references")], index_path
        soup = read_html(site, "docker/" if index_path.startswith("search") else "en/docker/")
        addresses = [str(a["href"]) for a in soup.select("div.footnote a.cn-url")]
        assert len(addresses) >= 5
        text = " ".join(d["text"] for d in docker)
        assert not [a for a in addresses if a in text], f"{index_path}: reference addresses"


def test_indented_code_lines_are_flagged_and_their_indentation_is_a_token() -> None:
    anchor = '<a id="__codelineno-0-{n}" name="__codelineno-0-{n}" href="#x"></a>'
    html = (
        f'<span id="__span-0-1">{anchor.format(n=1)}ip link \\\n</span>'
        f'<span id="__span-0-2">{anchor.format(n=2)}<span class="w">    </span>id 42\n</span>'
        f'<span id="__span-0-3">{anchor.format(n=3)}   → runc\n</span>'
    )
    out = mark_code_line_indents(html)
    assert '<span id="__span-0-1"><a' in out  # not indented: no flag
    assert (
        f'<span id="__span-0-2" class="cn-lead-4">{anchor.format(n=2)}<span class="w">    </span>id'
        in out
    )
    assert (
        f'<span id="__span-0-3" class="cn-lead-4">{anchor.format(n=3)}<span class="w">   </span>→'
        in out
    )
