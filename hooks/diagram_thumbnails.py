"""MkDocs glue: ```diagram-thumbnail fences as small box-only pictures of a figure
(cloudnotes.diagrams.thumbnail), for the home page's topic cards.

The fence holds a figure name, optionally followed by the number of one of its stacks:
``vms-vs-containers`` or ``vms-vs-containers 2``. A mistake is reported with the page and
the fence shows nothing.
"""

from __future__ import annotations

from typing import Any

from cloudnotes import site_context
from cloudnotes.diagrams.library import NAME
from cloudnotes.diagrams.thumbnail import render_thumbnail
from cloudnotes.errors import AuthorError, Where
from mkdocs.config.defaults import MkDocsConfig

FENCE_LANGUAGE = "diagram-thumbnail"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Runs for every language build on the same config: replace, never duplicate, the fence.
    superfences = config.mdx_configs.setdefault("pymdownx.superfences", {})
    fences = [f for f in superfences.get("custom_fences", []) if f.get("name") != FENCE_LANGUAGE]
    fences.append({"name": FENCE_LANGUAGE, "class": FENCE_LANGUAGE, "format": format_fence})
    superfences["custom_fences"] = fences
    return config


def format_fence(
    source: str, language: str, css_class: str, options: Any, md: Any, **kwargs: Any
) -> str:
    """superfences custom-fence formatter (its signature)."""
    context = site_context.current()
    where = Where(context.page.src_path) if context.page is not None else None
    words = source.split()
    try:
        stack = int(words[1]) if len(words) == 2 and words[1].isdigit() else None
        if (
            not words
            or not NAME.match(words[0])
            or len(words) > 2
            or (len(words) == 2 and stack is None)
        ):
            raise AuthorError(
                where=where,
                problem=f"a ```{FENCE_LANGUAGE} fence must hold a figure name and optionally "
                f"a stack number, not {source.strip()!r}",
                fix="write e.g. 'vms-vs-containers' or 'vms-vs-containers 2' inside the fence",
            )
        if context.diagrams is None:
            raise AuthorError(where=where, problem="no diagram library", fix="report a bug")
        return render_thumbnail(
            context.diagrams.figure(words[0]), locale=context.locale, stack=stack
        )
    except AuthorError as error:
        message = error.message()
        used = where is not None and not message.startswith(str(where))
        context.warn(f"{FENCE_LANGUAGE} fence in {where}: {message}" if used else message)
    return ""
