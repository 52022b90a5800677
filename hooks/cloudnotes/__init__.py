"""Pure, typed logic behind the MkDocs hooks in ``hooks/``.

MkDocs imports each hook file by path and keeps its folder on ``sys.path`` only while
that file loads, so hook files are thin glue and everything they share lives here.
Tests import these modules directly (``pythonpath = hooks`` in pyproject.toml).
"""
