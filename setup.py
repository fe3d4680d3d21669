"""The package list, which pyproject.toml cannot express: every ``trappe`` package found on disk
(``trappe.model`` is a namespace package, without ``__init__.py``) plus the two folders mapped
into it (see ``[tool.setuptools]`` there). Everything else about the build is in pyproject.toml."""

from setuptools import find_namespace_packages, setup

packages = find_namespace_packages(include=["trappe", "trappe.*"], exclude=["*.__pycache__"])
setup(packages=[*packages, "trappe._resources", "trappe._guide"])
