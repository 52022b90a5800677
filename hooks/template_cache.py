"""MkDocs glue: every build's Jinja environment shares one in-memory cache of compiled
templates (cloudnotes.template_cache)."""

from __future__ import annotations

from cloudnotes.template_cache import MemoryBytecodeCache
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

_CACHE = MemoryBytecodeCache()


@event_priority(100)  # before any hook renders a template
def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.bytecode_cache = _CACHE
    return env
