"""The user guide (Brugervejledning), installed as the package ``trappe._guide``.

The Markdown pages and their screenshots here are the source; ``pyproject.toml`` maps this
folder into the package and *Hjælp → Brugervejledning* reads it with ``importlib.resources``.
"""
