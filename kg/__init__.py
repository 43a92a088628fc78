"""release-kg: a knowledge graph of who meets whom, where, when and about what, from press releases.

Importing the package does no work; the API functions import what they need when called.
"""
from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["build", "query", "export", "dataset", "revalidate"]


def __getattr__(name: str):
    if name in __all__:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
