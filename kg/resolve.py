"""Resolution: bind every node of an extraction to a stable IRI.

Identity is decided by a node's ``kind`` and ``ident`` (set by the extractor from curated data: a
gazetteer's canonical name, an ISO 3166 code, a GeoNames id, an e-mail address, the body, ordinal and
dates of a session, ...), then rewritten by the user's curation file (``same-as`` and ``alias``
entries). The same inputs always give the same IRIs.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from . import iri
from .errors import InputError
from .model import Extraction

KIND_PATH = {
    "release": "release",
    "organization": "org",
    "event": "event",
    "country": "country",
    "city": "place",
    "place": "place",
    "person": "person",
    "programme": "programme",
    "instrument": "instrument",
    "topic": "topic",
    "contact": "contact",
}


@dataclass(frozen=True)
class Curation:
    """A user's corrections, read from a JSON file::

        {"same_as": {"Customs Co-operation Council": "World Customs Organization"},
         "aliases": {"World Customs Organization": ["WCO", "OMD"]},
         "not_organizations": ["Member Administrations"]}

    ``same_as`` maps a name to the canonical name of the same thing; ``aliases`` adds names the
    extractor should recognise for a canonical name; ``not_organizations`` lists phrases that are
    never organizations.
    """

    same_as: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    not_organizations: frozenset[str] = frozenset()


def load_curation(path: str | Path | None) -> Curation:
    if path is None:
        return Curation()
    from .read import read_file_bytes

    p = Path(path)
    raw = read_file_bytes(p)  # (a FIFO, a device or a huge file is refused, never read)
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise InputError(p, "curation file is not UTF-8 text") from None
    except (ValueError, RecursionError) as e:
        raise InputError(p, f"curation file is not valid JSON ({e})") from None
    if not isinstance(data, dict):
        raise InputError(p, "curation file must hold a JSON object")
    unknown = set(data) - {"same_as", "aliases", "not_organizations"}
    if unknown:
        raise InputError(p, f"unknown keys {sorted(unknown)}; expected same_as, aliases, not_organizations")
    same_as, aliases, never = data.get("same_as", {}), data.get("aliases", {}), data.get("not_organizations", [])
    if not isinstance(same_as, dict) or not all(isinstance(v, str) and v.strip() for v in same_as.values()):
        raise InputError(p, '"same_as" must map names to names: {"A name": "The name it is the same as"}')
    if not isinstance(aliases, dict) or not all(
            isinstance(v, list) and all(isinstance(x, str) and x.strip() for x in v) for v in aliases.values()):
        raise InputError(p, '"aliases" must map names to lists of names: {"A name": ["Another name", "ABC"]}')
    if not isinstance(never, list) or not all(isinstance(x, str) and x.strip() for x in never):
        raise InputError(p, '"not_organizations" must be a list of names: ["Member States", ...]')
    if any(not k.strip() for k in [*same_as, *aliases]):
        raise InputError(p, "a name of the curation file is empty")
    return Curation(
        same_as=dict(same_as),
        aliases={k: tuple(v) for k, v in aliases.items()},
        not_organizations=frozenset(x.lower() for x in never),
    )


@dataclass
class Resolved:
    extraction: Extraction
    release_iri: str
    iris: dict[str, str]  # node key -> IRI


def resolve(ex: Extraction, base: str = iri.DEFAULT_BASE, curation: Curation = Curation()) -> Resolved:
    """Give every node of ``ex`` its IRI."""
    release = iri.release_iri(ex.release.id, base)
    iris: dict[str, str] = {}
    for key, node in ex.nodes.items():
        if node.kind == "release":
            iris[key] = release
            continue
        ident = node.ident or node.name
        ident = curation.same_as.get(ident, curation.same_as.get(node.name, ident))
        iris[key] = iri.mint(KIND_PATH[node.kind], ident, base)
    return Resolved(ex, release, iris)
