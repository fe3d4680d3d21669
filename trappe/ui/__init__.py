"""The Qt side of Trappe: thin widgets and models that call ``trappe.model``."""

from trappe.ui.qtfix import keep_none_alive

keep_none_alive()  # PySide6 6.12 refcount bug; see trappe/ui/qtfix.py
