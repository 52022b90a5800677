"""mkdocs-redirects in every language: one redirect map, written in language-neutral paths."""

from __future__ import annotations

from collections.abc import Mapping


def localize_redirect_map(redirect_maps: Mapping[str, str], prefix: str) -> dict[str, str]:
    """mkdocs-redirects' map for one language build: old pages live under ``prefix``.

    ``redirect_maps`` is written once, in language-neutral paths (``hypervisors.md:
    hypervisor-basics.md``); each language build gets its own old paths (``en/hypervisors.md``)
    and resolves the target among its own pages, so both languages redirect.
    """
    return {f"{prefix}{old}": new for old, new in sorted(redirect_maps.items())}
