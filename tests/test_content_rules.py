"""Cross-page content rules, checked on the built HTML a reader gets.

- every topic page has References (>= 2 external links) and a self-check question, and its
  Korean and English versions have the same sections, callouts and questions in the same order;
- every acronym a reader sees has a tooltip in the page's language, and a glossary entry;
- no banned misspelling (tests/data/banned_spellings.yml) is visible anywhere.

Each checker returns problem messages naming the page, the offender and the fix; the
"catches" tests feed it a mutated copy of a real page to prove it can fail.
"""

from __future__ import annotations

import copy
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from bs4.element import Comment, NavigableString
from cloudnotes.abbreviations import abbreviation_pattern, parse_abbreviations
from cloudnotes.locales import LOCALES

from tests.support import REPO, TOPICS, page_pairs, read_html

MIN_REFERENCE_LINKS = 2

HANGUL = re.compile(r"[\uac00-\ud7a3]")
# An acronym as a reader sees it: 2+ capitals/digits starting with a capital, optionally one
# slash (I/O), not glued to other ASCII letters (VMware, NVMe), a plural "s" allowed (VMs).
# Hangul may touch it on either side: "VM을" is how Korean attaches particles.
ACRONYM = re.compile(
    r"(?<![A-Za-z0-9_])[A-Z](?:[A-Z0-9]|/(?=[A-Z0-9]))*[A-Z0-9](?=s?(?![A-Za-z0-9_]))"
)
URL = re.compile(r"\S*://\S*")
# Capitalized words that are not abbreviations a reader needs expanded: names, units and
# file formats known by their letters ("Save as PDF" is the browser's own menu item).
NOT_ACRONYMS = frozenset({"README", "UNIX", "KB", "MB", "GB", "TB", "PB", "PDF"})
NOT_READ = {"script", "style", "template", "noscript", "svg"}
NOT_PROSE = NOT_READ | {"code", "pre", "kbd", "samp"}
HEADING = re.compile(r"^h[1-6]$")


def page_path(topic: str, locale: str) -> str:
    return f"{topic}/" if locale == "ko" else f"en/{topic}/"


def shown(rel: str) -> str:
    return f"/{rel}" if rel else "/ (home)"


@functools.cache
def page(site: Path, rel: str) -> BeautifulSoup:
    """Parsed once per session; tests that mutate a page work on a deep copy."""
    return read_html(site, rel)


def article(soup: BeautifulSoup) -> Tag:
    found = soup.select_one("article.md-content__inner")
    assert found is not None, "no <article class=md-content__inner>: not a Material page?"
    return found


def strings(root: Tag, *, skip: set[str]) -> list[NavigableString]:
    """Text nodes a reader sees under root, outside the elements named in skip."""
    return [
        text
        for text in root.find_all(string=True)
        if not isinstance(text, Comment) and not any(parent.name in skip for parent in text.parents)
    ]


# ---------------------------------------------------------------- topic pages


@dataclass(frozen=True)
class TopicShape:
    section_ids: tuple[str, ...]
    # (id of the heading above it, "misconception" | "question"), in document order
    callouts: tuple[tuple[str, str], ...]
    reference_links: frozenset[str]
    has_references: bool


def topic_shape(root: Tag) -> TopicShape:
    ids = tuple(str(h["id"]) for h in root.find_all(HEADING) if h.get("id"))
    callouts: list[tuple[str, str]] = []
    for box in root.select(".admonition.misconception, details.misconception, details.question"):
        kind = "misconception" if "misconception" in (box.get("class") or []) else "question"
        above = box.find_previous(HEADING)
        callouts.append((str(above.get("id", "")) if above else "", kind))
    heading = root.find("h2", id="references")
    links: set[str] = set()
    if heading is not None:
        for sibling in heading.find_next_siblings():
            if sibling.name in ("h1", "h2"):
                break
            for a in sibling.find_all("a", href=True):
                if str(a["href"]).startswith(("http://", "https://")):
                    links.add(str(a["href"]))
    return TopicShape(ids, tuple(callouts), frozenset(links), heading is not None)


def topic_problems(where: str, shape: TopicShape) -> list[str]:
    problems = []
    if not shape.has_references:
        problems.append(
            f"{where}: no '## … {{ #references }}' section; end the page with "
            "'## 참고 자료 { #references }' / '## References { #references }'."
        )
    elif len(shape.reference_links) < MIN_REFERENCE_LINKS:
        problems.append(
            f"{where}: References has {len(shape.reference_links)} external link(s); cite at "
            f"least {MIN_REFERENCE_LINKS} primary sources there (footnotes count)."
        )
    if not any(kind == "question" for _, kind in shape.callouts):
        problems.append(f"{where}: no self-check question; add at least one '??? question'.")
    return problems


def pair_problems(topic: str, ko: TopicShape, en: TopicShape) -> list[str]:
    problems = []
    only_ko = sorted(set(ko.section_ids) - set(en.section_ids))
    only_en = sorted(set(en.section_ids) - set(ko.section_ids))
    if only_ko or only_en:
        problems.append(
            f"{topic}: section ids differ between languages (only Korean: {only_ko}, only "
            f"English: {only_en}); give both headings the same {{ #id }}."
        )
    for kind in ("misconception", "question"):
        ko_seq = [where for where, k in ko.callouts if k == kind]
        en_seq = [where for where, k in en.callouts if k == kind]
        if ko_seq != en_seq:
            problems.append(
                f"{topic}: {kind} callouts differ (Korean, by section: {ko_seq}; English: "
                f"{en_seq}); each language needs the same ones in the same sections."
            )
    return problems


@pytest.mark.parametrize("topic", TOPICS)
def test_topic_page_has_references_questions_and_matches_its_translation(
    site: Path, topic: str
) -> None:
    shapes = {loc: topic_shape(article(page(site, page_path(topic, loc)))) for loc in LOCALES}
    problems = [
        problem
        for loc in LOCALES
        for problem in topic_problems(shown(page_path(topic, loc)), shapes[loc])
    ]
    problems += pair_problems(topic, shapes["ko"], shapes["en"])
    assert problems == [], "\n".join(problems)


def footnote_problems(where: str, root: Tag) -> list[str]:
    problems = []
    for footnotes in root.select("div.footnote"):
        # On the whole-course print page each page is a section, its headings a level down
        # and its ids prefixed ("hypervisors--references"): cloudnotes.print_page.
        part = footnotes.find_parent("section", class_="cn-print-page")
        heading = footnotes.find_previous("h3" if part else "h2")
        if part is not None and heading is not None and heading.find_parent("section") is not part:
            heading = None
        anchor = str(heading.get("id", "")).rpartition("--")[2] if heading else ""
        if anchor != "references":
            problems.append(
                f"{where}: footnotes render outside '## … {{ #references }}'; check the "
                "footnotes PLACE_MARKER in mkdocs.yml and hooks/references.py."
            )
    return problems


@pytest.mark.parametrize("locale", LOCALES)
def test_footnotes_render_under_references(site: Path, locale: str) -> None:
    problems, pages_with_footnotes = [], 0
    for pair in page_pairs(site):
        rel = pair.path(locale)
        root = article(page(site, rel))
        pages_with_footnotes += bool(root.select("div.footnote"))
        problems += footnote_problems(shown(rel), root)
    assert problems == [], "\n".join(problems)
    assert pages_with_footnotes >= 1, "no page has footnotes: nothing was checked"


def test_footnote_check_catches_footnotes_outside_references(site: Path) -> None:
    root = copy.copy(article(page(site, page_path("hypervisors", "ko"))))
    footnotes = root.select_one("div.footnote")
    assert footnotes is not None, "/hypervisors/ has no footnotes to move"
    first_h2 = root.find("h2")
    assert first_h2 is not None
    first_h2.insert_after(footnotes.extract())
    assert footnote_problems("/hypervisors/", root)


def test_topic_checks_catch_a_missing_question_and_missing_references(site: Path) -> None:
    ko = copy.copy(article(page(site, page_path("docker", "ko"))))
    en = copy.copy(article(page(site, page_path("docker", "en"))))
    before = pair_problems("docker", topic_shape(ko), topic_shape(en))

    first_heading = en.find("h2")
    assert first_heading is not None
    extra = BeautifulSoup('<details class="question"><summary>Q?</summary></details>', "lxml")
    assert extra.details is not None
    first_heading.insert_after(extra.details)
    after = pair_problems("docker", topic_shape(ko), topic_shape(en))
    new = [p for p in after if p not in before]
    assert len(new) == 1 and "question callouts differ" in new[0], after

    references = en.find("h2", id="references")
    if references is not None:
        references["id"] = "renamed"
    assert topic_problems("/en/docker/", topic_shape(en))[0].startswith(
        "/en/docker/: no '## … { #references }' section"
    )
    assert any(
        "section ids differ" in p for p in pair_problems("docker", topic_shape(ko), topic_shape(en))
    )


# ---------------------------------------------------------------- abbreviations


@functools.cache
def abbreviations(locale: str) -> dict[str, str]:
    rel = f"includes/abbreviations.{locale}.md"
    glossary, problems = parse_abbreviations(
        (REPO / rel).read_text(encoding="utf-8"), source=rel, locale=locale
    )
    assert problems == [], [p.message() for p in problems]
    return glossary.titles


def acronym_problems(where: str, root: Tag, locale: str) -> list[str]:
    problems = []
    for text in strings(root, skip=NOT_PROSE):
        if text.parent is not None and text.parent.name == "abbr":
            continue
        for match in ACRONYM.finditer(URL.sub(" ", str(text))):
            if match.group(0) in NOT_ACRONYMS:
                continue
            problems.append(
                f"{where}: '{match.group(0)}' has no tooltip; add "
                f"*[{match.group(0)}]: … to includes/abbreviations.{locale}.md (both languages) "
                f"and a glossary entry (context: {str(text).strip()[:60]!r})."
            )
    for abbr in root.find_all("abbr"):
        title = str(abbr.get("title", ""))
        korean = HANGUL.search(title) is not None
        if korean != (locale == "ko"):
            problems.append(
                f"{where}: tooltip of '{abbr.get_text()}' is {title!r}, not in "
                f"{'Korean' if locale == 'ko' else 'English'}; "
                f"fix includes/abbreviations.{locale}.md."
            )
    return problems


@pytest.mark.parametrize("locale", LOCALES)
def test_every_visible_acronym_has_a_tooltip_in_the_page_language(site: Path, locale: str) -> None:
    problems = []
    for pair in page_pairs(site):
        rel = pair.path(locale)
        problems += acronym_problems(shown(rel), article(page(site, rel)), locale)
    assert problems == [], "\n".join(problems)


def test_acronym_check_catches_an_untooltipped_acronym_and_a_wrong_language_title(
    site: Path,
) -> None:
    root = copy.copy(article(page(site, "glossary/")))
    assert acronym_problems("/glossary/", root, "ko") == []
    first = root.find("abbr")
    assert first is not None
    name = first.get_text()
    first.unwrap()
    second = root.find("abbr")
    assert second is not None
    second["title"] = "virtual machine"
    problems = acronym_problems("/glossary/", root, "ko")
    assert any(p.startswith(f"/glossary/: '{name}' has no tooltip") for p in problems), problems
    assert any("not in Korean" in p for p in problems), problems


@pytest.mark.parametrize("locale", LOCALES)
def test_every_abbreviation_has_a_glossary_entry(site: Path, locale: str) -> None:
    rel = "glossary/" if locale == "ko" else "en/glossary/"
    terms = [dt.get_text(" ", strip=True) for dt in article(page(site, rel)).select("dt[id]")]
    missing = [
        abbr
        for abbr in abbreviations(locale)
        if not any(abbreviation_pattern([abbr]).search(term) for term in terms)
    ]
    assert missing == [], (
        f"{shown(rel)}: no glossary term (a <dt> with an id) shows {missing}; add them to "
        f"docs/glossary.{locale}.md"
    )


def test_glossaries_define_the_same_anchored_terms(site: Path) -> None:
    ids = {}
    for locale, rel in (("ko", "glossary/"), ("en", "en/glossary/")):
        root = article(page(site, rel))
        unanchored = [dt.get_text(" ", strip=True) for dt in root.select("dt:not([id])")]
        assert unanchored == [], f"{shown(rel)}: terms without {{ #id }}: {unanchored}"
        ids[locale] = [str(dt["id"]) for dt in root.select("dt[id]")]
        assert len(ids[locale]) == len(set(ids[locale])), f"{shown(rel)}: duplicate term ids"
    assert sorted(ids["ko"]) == sorted(ids["en"])
    assert len(ids["ko"]) >= len(abbreviations("ko"))


# ---------------------------------------------------------------- banned spellings


@dataclass(frozen=True)
class BannedSpelling:
    wrong: str
    right: str
    regex: re.Pattern[str]


@functools.cache
def banned_spellings() -> tuple[BannedSpelling, ...]:
    data: list[dict[str, Any]] = yaml.safe_load(
        (REPO / "tests/data/banned_spellings.yml").read_text(encoding="utf-8")
    )
    rules = []
    for entry in data:
        pattern = entry.get("pattern") or re.escape(entry["wrong"])
        flags = re.IGNORECASE if entry.get("ignore_case") else 0
        rules.append(BannedSpelling(entry["wrong"], entry["right"], re.compile(pattern, flags)))
    return tuple(rules)


def quotes_original(text: NavigableString, *, errata: bool) -> bool:
    """True where the original notes are quoted on purpose: <del>, or errata column 1."""
    if text.find_parent(["del", "s"]) is not None:
        return True
    cell = text.find_parent("td")
    errata = errata or text.find_parent("section", id="print-errata") is not None
    return errata and cell is not None and cell.find_previous_sibling(["td", "th"]) is None


def spelling_problems(where: str, soup: BeautifulSoup, *, errata: bool) -> list[str]:
    body = soup.body
    assert body is not None
    problems = []
    for text in strings(body, skip=NOT_READ):
        if quotes_original(text, errata=errata):
            continue
        for rule in banned_spellings():
            for match in rule.regex.finditer(str(text)):
                problems.append(
                    f"{where}: '{match.group(0)}' → write '{rule.right}' "
                    f"(context: {str(text).strip()[:60]!r})"
                )
    return problems


@pytest.mark.parametrize("locale", LOCALES)
def test_no_banned_spelling_is_visible(site: Path, locale: str) -> None:
    problems = []
    for pair in page_pairs(site):
        rel = pair.path(locale)
        problems += spelling_problems(shown(rel), page(site, rel), errata="errata/" in rel)
    assert problems == [], "\n".join(problems)


def test_spelling_check_catches_a_misspelling_on_a_real_page(site: Path) -> None:
    soup = copy.copy(page(site, "containers/"))
    assert spelling_problems("/containers/", soup, errata=False) == []
    rule = banned_spellings()[0]
    paragraph = article(soup).find("p")
    assert paragraph is not None
    paragraph.append(f" 예: {rule.wrong}.")
    problems = spelling_problems("/containers/", soup, errata=False)
    assert len(problems) == 1 and problems[0].startswith(
        f"/containers/: '{rule.wrong}' → write '{rule.right}'"
    ), problems


def test_errata_may_quote_the_original_only_in_its_first_column(site: Path) -> None:
    rule = banned_spellings()[0]
    soup = copy.copy(page(site, "errata/"))
    row = article(soup).select_one("table tbody tr")
    assert row is not None, "the errata page has no table rows"
    cells = row.find_all("td")
    cells[0].string = rule.wrong
    assert spelling_problems("/errata/", soup, errata=True) == []
    cells[1].string = rule.wrong
    assert len(spelling_problems("/errata/", soup, errata=True)) == 1


@pytest.mark.parametrize("rule", banned_spellings(), ids=lambda rule: rule.wrong)
def test_each_banned_spelling_is_caught_and_its_fix_is_not(rule: BannedSpelling) -> None:
    def check(text: str) -> list[str]:
        soup = BeautifulSoup(f"<html><body><p>앞 {text} 뒤</p></body></html>", "lxml")
        return [p for p in spelling_problems("/t/", soup, errata=False) if f"'{rule.right}'" in p]

    assert check(rule.wrong), f"{rule.wrong!r} is not matched by its own rule"
    assert check(rule.right) == [], f"the fix {rule.right!r} is itself banned"
