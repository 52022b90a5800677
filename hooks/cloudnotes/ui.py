"""The interface strings of each language (``ui_strings.yml``), read once per process."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType

import yaml

from .errors import AuthorError, Where
from .locales import LOCALES

_FILE = Path(__file__).with_name("ui_strings.yml")
_SHOWN = "hooks/cloudnotes/ui_strings.yml"


@cache
def _tables() -> Mapping[str, Mapping[str, str]]:
    data = yaml.safe_load(_FILE.read_text(encoding="utf-8"))
    return parse_tables(data, locales=LOCALES)


def parse_tables(data: object, *, locales: tuple[str, ...]) -> Mapping[str, Mapping[str, str]]:
    """Check that every language has a table of strings with the same keys."""
    if not isinstance(data, dict) or sorted(data) != sorted(locales):
        raise AuthorError(
            where=Where(_SHOWN),
            problem=f"the file must hold one table per language {list(locales)}",
            fix="write a top-level 'ko:' and 'en:' table",
        )
    tables: dict[str, Mapping[str, str]] = {}
    for locale in locales:
        table = data[locale]
        if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
            raise AuthorError(
                where=Where(_SHOWN),
                problem=f"the {locale!r} table must map names to text",
                fix="write each string as 'name: text'",
            )
        tables[locale] = MappingProxyType({str(k): v for k, v in table.items()})
    keys = {locale: set(table) for locale, table in tables.items()}
    for locale in locales:
        for other in locales:
            missing = sorted(keys[other] - keys[locale])
            if missing:
                raise AuthorError(
                    where=Where(_SHOWN),
                    problem=f"the {locale!r} table lacks {', '.join(missing)}",
                    fix=f"translate them from the {other!r} table",
                )
    return MappingProxyType(tables)


def ui_text(locale: str) -> Mapping[str, str]:
    """The strings of ``locale`` (a key of :data:`~cloudnotes.locales.LOCALES`)."""
    return _tables()[locale]
