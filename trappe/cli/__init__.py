"""The ``trappe`` command: the GUI by default, and headless subcommands.

Everything here calls the same model functions as the GUI. Each subcommand lives in its own
``cmd_*.py`` module with a ``register(subparsers)`` that adds its parser and sets
``func``; heavy modules (Qt, reportlab) are imported only inside the command that needs them,
so ``trappe list`` starts quickly.
"""

from trappe.cli.main import build_parser, main

__all__ = ["build_parser", "main"]
