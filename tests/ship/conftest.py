"""The shipping checks: slow (they build and install for real), so they run only when asked.

    TRAPPE_SHIP_TESTS=1 .venv/bin/python -m pytest tests/ship

``.ci/run`` runs them as a separate step after the README's test command.
"""

from __future__ import annotations

import os

import pytest

SHIP = os.environ.get("TRAPPE_SHIP_TESTS") == "1"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if SHIP:
        return
    skip = pytest.mark.skip(reason="slow shipping check; set TRAPPE_SHIP_TESTS=1 to run it")
    for item in items:
        if "tests/ship/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(skip)
