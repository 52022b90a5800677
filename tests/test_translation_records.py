"""Translations stay in step: each English page records the version of its Korean source it
translates; stale or missing records fail the check, the tests and the build."""

from __future__ import annotations

from pathlib import Path

from cloudnotes.translation_records import (
    check_docs,
    check_pair,
    main,
    read_record,
    source_digest,
    write_record,
)

from tests.support import REPO, build_site, copy_project

KOREAN = "---\ndescription: 설명\n---\n\n# 하이퍼바이저 { #hypervisors }\n"
ENGLISH = "---\ndescription: About\n---\n\n# Hypervisors { #hypervisors }\n"


def test_digest_ignores_line_endings_only() -> None:
    assert source_digest(KOREAN) == source_digest(KOREAN.replace("\n", "\r\n"))
    assert source_digest(KOREAN) != source_digest(KOREAN + "추가 문장입니다.\n")
    assert len(source_digest(KOREAN)) == 12


def test_write_record_keeps_the_rest_of_the_page() -> None:
    recorded = write_record(ENGLISH, "0123456789ab")
    assert recorded == (
        "---\ndescription: About\ntranslation_of: 0123456789ab\n---\n\n"
        "# Hypervisors { #hypervisors }\n"
    )
    assert read_record(recorded) == ("0123456789ab", 3)
    again = write_record(recorded, "ba9876543210")
    assert again == recorded.replace("0123456789ab", "ba9876543210")
    bare = write_record("# Title\n", "0123456789ab")
    assert bare == "---\ntranslation_of: 0123456789ab\n---\n\n# Title\n"


def test_check_pair_reports_missing_stale_and_current() -> None:
    missing = check_pair(slug="hv", source=KOREAN, translation=ENGLISH, path="docs/hv.en.md")
    assert missing is not None
    assert missing.message().startswith("docs/hv.en.md:1: missing translation record")
    current = write_record(ENGLISH, source_digest(KOREAN))
    assert check_pair(slug="hv", source=KOREAN, translation=current, path="p") is None
    stale = check_pair(slug="hv", source=KOREAN + "바뀜\n", translation=current, path="p")
    assert stale is not None and str(stale.where) == "p:3"
    assert "stale translation record" in stale.message()
    assert "`make translation-done PAGE=hv`" in stale.message()


def test_stale_copy_in_a_temp_folder_fails_the_check_until_refreshed(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "hv.ko.md").write_text(KOREAN, encoding="utf-8")
    (docs / "hv.en.md").write_text(write_record(ENGLISH, source_digest(KOREAN)), "utf-8")
    assert main(["--docs", str(docs), "check"]) == 0

    (docs / "hv.ko.md").write_text(KOREAN + "\n새 문단입니다.\n", encoding="utf-8")
    problems = check_docs(docs)
    assert [(p.slug, p.locale, str(p.error.where)) for p in problems] == [
        ("hv", "en", "docs/hv.en.md:3")
    ]
    assert main(["--docs", str(docs), "check"]) == 1

    assert main(["--docs", str(docs), "refresh", "hv"]) == 0
    assert check_docs(docs) == []
    text = (docs / "hv.en.md").read_text(encoding="utf-8")
    assert text.endswith("# Hypervisors { #hypervisors }\n") and "description: About" in text


def test_build_warns_with_file_and_command_and_strict_fails(tmp_path: Path) -> None:
    """The real build on a temp copy: in step passes, one stale page fails."""
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    docs = project / "docs"
    assert main(["--docs", str(docs), "refresh", "--all"]) == 0
    assert check_docs(docs) == []
    ok = build_site(tmp_path / "ok", config=config)
    assert ok.returncode == 0, ok.stderr

    korean = docs / "hypervisors.ko.md"
    korean.write_text(korean.read_text(encoding="utf-8") + "\n바뀐 문장입니다.\n", "utf-8")
    stale = build_site(tmp_path / "stale", config=config)
    assert stale.returncode != 0
    assert "docs/hypervisors.en.md:" in stale.stderr
    assert "stale translation record" in stale.stderr
    assert "make translation-done PAGE=hypervisors" in stale.stderr


def test_every_english_page_records_its_korean_source() -> None:
    """The CI gate on the real docs/. Fix: update the English page, then run the command."""
    problems = check_docs(REPO / "docs")
    assert not problems, "\n".join(p.error.message() for p in problems)
