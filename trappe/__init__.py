"""Trappe: the digital trappemodel for Danish jobcentres."""

__version__ = "0.1.0"
