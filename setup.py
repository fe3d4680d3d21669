"""The package list, which pyproject.toml cannot express: every ``trappe`` package found on disk
plus the two folders mapped into it (see ``[tool.setuptools]`` there). Everything else about the
build is in pyproject.toml."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["trappe", "trappe.*"]), "trappe._resources", "trappe._guide"]
)
