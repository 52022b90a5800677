"""Theme templates are compiled once per process and shared by every build's Jinja
environment (cloudnotes.template_cache), yet an edited template is never served stale."""

from __future__ import annotations

from typing import Any

from cloudnotes.template_cache import MemoryBytecodeCache
from jinja2 import DictLoader, Environment


def _environment(
    sources: dict[str, str], cache: MemoryBytecodeCache
) -> tuple[Environment, list[str | None]]:
    env = Environment(loader=DictLoader(sources), bytecode_cache=cache)
    compiled: list[str | None] = []
    compile_ = env.compile

    def counting(source: Any, name: str | None = None, *args: Any, **kwargs: Any) -> Any:
        compiled.append(name)
        return compile_(source, name, *args, **kwargs)

    env.compile = counting  # type: ignore[method-assign]
    return env, compiled


def test_a_second_build_reuses_the_compiled_template_until_its_source_changes() -> None:
    cache = MemoryBytecodeCache()
    sources = {"main.html": "<h1>{{ title }}</h1>"}
    first, compiled = _environment(sources, cache)
    assert first.get_template("main.html").render(title="가상화") == "<h1>가상화</h1>"
    assert compiled == ["main.html"]

    second, compiled = _environment(sources, cache)  # the English build, or a serve rebuild
    assert second.get_template("main.html").render(title="Virtualization") == (
        "<h1>Virtualization</h1>"
    )
    assert compiled == [], "the second environment compiled the template again"

    sources["main.html"] = "<h1 class=edited>{{ title }}</h1>"  # an author edits overrides/
    third, compiled = _environment(sources, cache)
    assert third.get_template("main.html").render(title="x") == "<h1 class=edited>x</h1>"
    assert compiled == ["main.html"]
