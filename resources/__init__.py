"""Trappe's bundled files, installed as the package ``trappe._resources``.

This folder is the source of truth; ``pyproject.toml`` maps it into the package, and
``trappe/paths.py`` reads it with ``importlib.resources``. Nothing here is Python code.
"""
