"""Inline a stylesheet's local ``@import`` rules, so the site ships one CSS file.

``docs/assets/stylesheets/site.css`` lists our stylesheets as plain ``@import`` rules:
readable, and valid CSS as it stands. Left as is, each import is one more request the
browser must finish before it paints (Lighthouse mobile: first contentful paint went
from about 0.9 s to 1.8 s with seven separate files). At build time the imports are
replaced by the files' contents, with an ``@import … print;`` becoming ``@media print``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath

_IMPORT = re.compile(
    r"""^@import\s+(?:url\(\s*)?["'](?P<path>[^"']+)["']\s*\)?\s*(?P<media>[^;]*);\s*$"""
)
_COMMENT = re.compile(r"/\*.*?\*/", re.S)


@dataclass(frozen=True)
class StylesheetError(Exception):
    source: str
    line: int
    problem: str
    fix: str

    def message(self) -> str:
        return f"{self.source}:{self.line}: {self.problem}. Fix: {self.fix}."


def inline_imports(
    css: str,
    *,
    source: str,
    read: Callable[[str], str | None],
    _seen: tuple[str, ...] = (),
) -> str:
    """Return ``css`` with every local ``@import`` line replaced by the imported file.

    ``source`` is the stylesheet's path (POSIX, relative to docs/); ``read(path)`` returns
    a file's text, or None when there is no such file. Imports of other hosts are errors:
    the site makes no third-party request.
    """
    out: list[str] = []
    folder = PurePosixPath(source).parent
    for number, line in enumerate(css.splitlines(), 1):
        match = _IMPORT.match(_COMMENT.sub("", line).strip())
        if match is None:
            if line.lstrip().startswith("@import"):
                raise StylesheetError(
                    source,
                    number,
                    f"cannot read this @import: {line.strip()!r}",
                    'write it as @import "file.css"; or @import "file.css" print;',
                )
            out.append(line)
            continue
        path, media = match["path"], match["media"].strip()
        if "//" in path or path.startswith(("/", "data:")):
            raise StylesheetError(
                source,
                number,
                f"@import of {path!r} is not a local file",
                "copy the stylesheet into docs/assets/stylesheets/ and import it by name",
            )
        target = str(folder / path)
        if target in _seen or target == source:
            raise StylesheetError(
                source,
                number,
                f"{path!r} imports itself (through {' → '.join(_seen)})",
                "remove the circular @import",
            )
        text = read(target)
        if text is None:
            raise StylesheetError(
                source,
                number,
                f"@import of {path!r}: no such file docs/{target}",
                "create the file or remove the @import",
            )
        body = inline_imports(text, source=target, read=read, _seen=(*_seen, source)).rstrip("\n")
        out.append(f"/* {path} */")
        out.append(f"@media {media} {{\n{body}\n}}" if media else body)
    return "\n".join(out) + "\n"
