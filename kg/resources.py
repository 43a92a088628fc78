"""Where the curated data, the shapes and the named queries are: inside the installed package (a
wheel ships the repository's ``ontology/`` and ``queries/`` as package data of ``kg``), or at the
top of a checkout (an editable install, or running from the source tree)."""
from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def _root(name: str) -> Path:
    inside = _HERE / name
    return inside if inside.is_dir() else _HERE.parent / name


ONTOLOGY = _root("ontology")
DATA = ONTOLOGY / "data"
QUERIES = _root("queries")
