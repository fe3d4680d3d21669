"""The Qt side of Trappe: thin widgets and models that call ``trappe.model``."""
