"""Exports of the store, written atomically (temporary file, fsync, rename) in sorted order.

TriG, N-Quads and JSON-LD keep one named graph per release; Turtle, N-Triples and RDF/XML give the
union of the release graphs. Network formats (GraphML, GEXF, ...) live in ``kg.network``.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from .errors import UsageError
from .sparql import PREFIXES

RDF_FORMATS: dict[str, tuple[ox.RdfFormat, bool]] = {  # name -> (format, keeps named graphs)
    "turtle": (ox.RdfFormat.TURTLE, False),
    "trig": (ox.RdfFormat.TRIG, True),
    "nquads": (ox.RdfFormat.N_QUADS, True),
    "ntriples": (ox.RdfFormat.N_TRIPLES, False),
    "jsonld": (ox.RdfFormat.JSON_LD, True),
    "xml": (ox.RdfFormat.RDF_XML, False),
}
# the other names the field's tools give the formats (rapper, riot, the Oxigraph CLI)
RDF_ALIASES = {"ttl": "turtle", "nt": "ntriples", "n-triples": "ntriples", "nq": "nquads", "n-quads": "nquads",
               "json-ld": "jsonld", "rdf": "xml", "rdfxml": "xml", "rdf/xml": "xml"}
SUFFIX_FORMATS = {".ttl": "turtle", ".trig": "trig", ".nq": "nquads", ".nt": "ntriples",
                  ".jsonld": "jsonld", ".json": "jsonld", ".rdf": "xml", ".xml": "xml"}
GRAPH_SETS = ("data", "evidence", "all")


def guess_format(path: str | Path) -> str | None:
    return SUFFIX_FORMATS.get(Path(path).suffix.lower())


def format_name(name: str) -> str:
    """The format's name as ``RDF_FORMATS`` spells it ("nt" -> "ntriples"); other names unchanged."""
    return RDF_ALIASES.get(name.lower(), name.lower())


def select_graphs(names: list[str], which: str) -> list[str]:
    """The graph names of one set: release ``data`` graphs, data plus ``evidence``, or ``all``."""
    if which == "data":
        return [g for g in names if not g.endswith(("/evidence", "/quarantine", "/meta"))]
    if which == "evidence":
        return [g for g in names if not g.endswith(("/quarantine", "/meta"))]
    if which == "all":
        return names
    raise UsageError(f"unknown graph set {which!r}; use one of {', '.join(GRAPH_SETS)}")


def rdf_bytes(store: ox.Store, fmt: str, graphs: str = "data") -> bytes:
    """The store's release graphs serialised in ``fmt``, in sorted order."""
    from .store import graph_names, quads

    fmt = format_name(fmt)
    if fmt not in RDF_FORMATS:
        raise UsageError(f"unknown RDF format {fmt!r}; use one of {', '.join(RDF_FORMATS)}")
    rdf_format, keeps_graphs = RDF_FORMATS[fmt]
    names = graph_names(store)
    qs = quads(store, select_graphs(names, graphs))
    if keeps_graphs:  # (the dataset's description travels as a graph of its own)
        items: list = qs + description(store)
    else:
        items = sorted({ox.Triple(q.subject, q.predicate, q.object) for q in qs}, key=str)
    prefixes = {**PREFIXES, **base_prefixes(names)}
    if fmt == "jsonld":
        return compact_jsonld(ox.serialize(items, format=rdf_format) or b"[]", prefixes)
    return ox.serialize(items, format=rdf_format, prefixes=prefixes if fmt in ("turtle", "trig", "xml") else None) or b""


def description(store: ox.Store) -> list[ox.Quad]:
    """The dataset's description graph (VoID and provenance, written by the last build), sorted."""
    from .store import DESCRIPTION

    return sorted(store.quads_for_pattern(None, None, None, ox.NamedNode(DESCRIPTION)), key=str)


def base_prefixes(graph_names: list[str]) -> dict[str, str]:
    """A prefix for each kind of minted IRI under the store's base ("kg-org:" for
    ``<base>org/``), the base read from the release graphs' names (``<base>release/<id>``)."""
    from .resolve import KIND_PATH

    base = next((g[:g.rindex("/release/") + 1] for g in graph_names if "/release/" in g), None)
    if base is None:
        return {}
    return {f"kg-{path}": f"{base}{path}/" for path in sorted(set(KIND_PATH.values()))}


def compact_jsonld(expanded: bytes, prefixes: dict[str, str]) -> bytes:
    """Expanded JSON-LD (a list of graph objects) compacted with a ``@context`` of ``prefixes``:
    IRIs as CURIEs, ``rdf:type`` as ``@type``, plain strings as strings, one value as itself; the
    named graphs stay. Written in the order given (the export's sorted order), so it is
    deterministic; the context is inline, so no reader fetches anything.
    """
    import json

    by_length = sorted(prefixes.items(), key=lambda kv: -len(kv[1]))
    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    xsd_string = "http://www.w3.org/2001/XMLSchema#string"

    def curie(iri: str) -> str:
        for name, ns in by_length:
            if iri.startswith(ns) and len(iri) > len(ns):
                local = iri[len(ns):]
                if not local.startswith("//"):  # ("a://b" would read as a scheme)
                    return f"{name}:{local}"
        return iri

    def value(v: dict):
        if "@id" in v:
            return {"@id": curie(v["@id"])}
        if "@type" in v and v["@type"] != xsd_string:
            return {"@value": v["@value"], "@type": curie(v["@type"])}
        if "@language" in v or "@direction" in v:
            return v
        return v["@value"]

    def node(n: dict) -> dict:
        out: dict = {"@id": curie(n["@id"])}
        if "@graph" in n:
            out["@graph"] = [node(x) for x in n["@graph"]]
        types = [curie(t["@id"]) for t in n.get(rdf_type, [])] + [curie(t) for t in n.get("@type", [])]
        if types:
            out["@type"] = types[0] if len(types) == 1 else types
        for key, values in n.items():
            if key.startswith("@") or key == rdf_type:
                continue
            vals = [value(v) for v in values]
            out[curie(key)] = vals[0] if len(vals) == 1 else vals
        return out

    doc = json.loads(expanded)
    context = dict(sorted(prefixes.items()))
    compacted = {"@context": context, "@graph": [node(n) for n in (doc if isinstance(doc, list) else [doc])]}
    return (json.dumps(compacted, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def write_atomic(path: str | Path, write: Callable[[Path], None]) -> None:
    """Call ``write(tmp)`` on a temporary file beside ``path``, fsync it, then rename it over ``path``.

    An interrupted export leaves the previous file as it was.
    """
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as e:  # (named as the file asked for, not its temporary twin)
        raise OSError(e.errno, e.strerror, str(target)) from None
    os.close(fd)
    try:
        write(Path(tmp))
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise OSError(e.errno, e.strerror, str(target)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _mode_for(target: Path) -> int:
    """The permissions of the file being replaced, else those of a new file under the umask
    (a temporary file is created private)."""
    try:
        return target.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_bytes_atomic(path: str | Path, data: bytes) -> None:
    write_atomic(path, lambda p: p.write_bytes(data))
