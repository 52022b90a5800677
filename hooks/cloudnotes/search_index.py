"""One search index per language, and Korean words found with their particles attached.

mkdocs-static-i18n writes one index holding both languages; :func:`split_search_index`
gives each language folder its own, which Material loads from that folder's base.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .language_versions import locale_prefix
from .locales import DEFAULT_LOCALE, LOCALES

# Korean particles (조사) and the copula that follow a noun without a space. Readers type
# "가상화는" or "컨테이너를"; the separator below cuts the particle off (and drops it) in
# both the index and the query, so both reduce to "가상화" and "컨테이너". Longest first.
KOREAN_PARTICLES: tuple[str, ...] = (
    "에서는",
    "으로는",
    "에서",
    "에게",
    "으로",
    "부터",
    "까지",
    "처럼",
    "보다",
    "이나",
    "이란",
    "란",
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "의",
    "에",
    "로",
    "와",
    "과",
    "도",
    "만",
    "나",
)

# Spaces, hyphens and punctuation split words; "하이퍼바이저(hypervisor)" becomes two.
_PUNCTUATION_SEPARATOR = r"[\s\-,.:;!?=/()\[\]{}<>\"'`·…]+"


def korean_separator(particles: Sequence[str] = KOREAN_PARTICLES) -> str:
    """lunr separator for Korean pages: punctuation, plus a particle at a word's end.

    The particle alternative needs a word character before it (a Hangul syllable, a Latin
    letter or digit as in "KVM은", or ")" as in "하이퍼바이저(hypervisor)는": lookbehind) and
    the end of the word after it (lookahead), so "가상화는" becomes "가상화" while "는" inside
    a word stays. Material applies the same regex to the indexed text and to each query term.
    """
    alternatives = "|".join(sorted(particles, key=len, reverse=True))
    return (
        rf"{_PUNCTUATION_SEPARATOR}|(?<=[가-힣A-Za-z0-9)])(?:{alternatives})"
        rf"(?=$|[\s\-,.:;!?=/()\[\]{{}}<>\"'`·…])"
    )


SEARCH_SETTINGS: Mapping[str, Mapping[str, object]] = {
    # "en" in a Korean index keeps English terms (KVM, VDI) searchable with stemming.
    "ko": {"lang": ["ko", "en"], "separator": korean_separator()},
    "en": {"lang": ["en"], "separator": _PUNCTUATION_SEPARATOR},
}


def split_search_index(
    index: Mapping[str, object],
    *,
    locales: Sequence[str] = LOCALES,
    default: str = DEFAULT_LOCALE,
    settings: Mapping[str, Mapping[str, object]] = SEARCH_SETTINGS,
) -> dict[str, dict[str, object]]:
    """Split the mixed index mkdocs-static-i18n writes into one index per language.

    Returns ``{prefix: index}``: '' for the root index (default language) and 'en/' etc.
    Locations become relative to the language folder, matching the per-language
    ``__config.base`` set by :func:`localize_config_base`.
    """
    docs = index.get("docs", [])
    assert isinstance(docs, list)
    config = index.get("config", {})
    assert isinstance(config, dict)
    prefixes = {loc: locale_prefix(loc, default=default) for loc in locales}
    out: dict[str, dict[str, object]] = {}
    for loc in locales:
        prefix = prefixes[loc]
        others = tuple(p for p in prefixes.values() if p and p != prefix)
        chosen: list[dict[str, object]] = []
        for doc in docs:
            location = str(doc["location"])
            if prefix and not location.startswith(prefix):
                continue
            if not prefix and location.startswith(others):
                continue
            chosen.append({**doc, "location": location.removeprefix(prefix)})
        out[prefix] = {"config": {**config, **settings.get(loc, {})}, "docs": chosen}
    return out
