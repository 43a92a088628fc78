"""The on-disk store: the only module that talks to pyoxigraph's storage.

Layout of the named graphs, for a release IRI ``R``:

* ``R``             the release's data graph (absent while the release is quarantined)
* ``R/evidence``    the evidence graph
* ``R/quarantine``  the data graph of a release that violates a shape
* ``R/meta``        bookkeeping: content hash, source path, validation report

A release's graphs are replaced in one SPARQL update, which pyoxigraph applies as one transaction:
a reader (or a build killed at any moment) sees either all the old graphs or all the new ones.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node as Term

from .errors import StoreError

RKG = "https://w3id.org/release-kg/ontology#"
SUFFIXES = ("", "/evidence", "/quarantine", "/meta")


def to_ox(t: Term) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    if isinstance(t, URIRef):
        return ox.NamedNode(str(t))
    if isinstance(t, Literal):
        if t.language:
            return ox.Literal(str(t), language=t.language)
        if t.datatype:
            return ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype)))
        return ox.Literal(str(t))
    if isinstance(t, BNode):
        return ox.BlankNode(str(t))
    raise TypeError(f"not an RDF term: {t!r}")


@contextmanager
def open_store(path: str | Path, *, create: bool = True) -> Iterator[ox.Store]:
    """Open the store directory at ``path`` (created when ``create``), flushing on exit."""
    p = Path(path)
    if not create and not (p / "CURRENT").is_file():
        raise StoreError(f"{p}: no store here (build one with `kg build --store {p}`)")
    if create and p.exists() and not p.is_dir():
        raise StoreError(f"{p}: not a directory")
    try:
        store = ox.Store(str(p))
    except OSError as e:
        raise StoreError(f"{p}: cannot open the store ({e}); is another kg process writing to it?") from None
    try:
        yield store
        store.flush()
    finally:
        del store


def put_releases(store: ox.Store, releases: list[tuple[str, dict[str, list[str]]]], existing: set[str]) -> None:
    """Store a batch of releases (IRI, suffix -> N-Triples lines) in one transaction.

    Releases the store does not hold yet are loaded with the N-Quads parser, all in one load; those
    it holds are replaced by one SPARQL update that drops their graphs and inserts the new ones. A
    crash leaves each release with all of its old graphs or all of its new ones.
    """
    fresh = [(r, g) for r, g in releases if r not in existing]
    changed = [(r, g) for r, g in releases if r in existing]
    if fresh:
        lines = []
        for release_iri, graphs in fresh:
            for suffix, triples in graphs.items():
                tail = f" <{release_iri}{suffix}> .\n"
                lines.extend(t[:-1].rstrip() + tail for t in triples)
        store.load("".join(lines).encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    if changed:
        parts = [f"DROP SILENT GRAPH <{r}{suffix}>" for r, _ in changed for suffix in SUFFIXES]
        body = [f"GRAPH <{r}{suffix}> {{\n" + "\n".join(triples) + "\n}"
                for r, graphs in changed for suffix, triples in graphs.items() if triples]
        if body:
            parts.append("INSERT DATA {\n" + "\n".join(body) + "\n}")
        store.update(" ;\n".join(parts))


def remove_release(store: ox.Store, release_iri: str) -> None:
    """Remove every graph of one release, in one transaction."""
    store.update(" ;\n".join(f"DROP SILENT GRAPH <{release_iri}{s}>" for s in SUFFIXES))


def release_index(store: ox.Store) -> dict[str, tuple[str, str, str, str]]:
    """Release IRI -> (identifier, content hash, source path, pipeline fingerprint), from the meta graphs."""
    q = f"""SELECT ?r ?id ?hash ?src ?fp WHERE {{ GRAPH ?g {{
        ?r <{RKG}contentHash> ?hash ; <{RKG}sourcePath> ?src ; <https://schema.org/identifier> ?id .
        OPTIONAL {{ ?r <{RKG}pipeline> ?fp }} }} }}"""
    return {s["r"].value: (s["id"].value, s["hash"].value, s["src"].value, s["fp"].value if s["fp"] else "")
            for s in store.query(q)}


def to_rdflib_term(t):
    """A pyoxigraph term as an rdflib term (plain strings stay plain)."""
    if isinstance(t, ox.NamedNode):
        return URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return BNode(t.value)
    if t.language:
        return Literal(t.value, lang=t.language)
    if t.datatype.value == "http://www.w3.org/2001/XMLSchema#string":
        return Literal(t.value)
    return Literal(t.value, datatype=URIRef(t.datatype.value))


def graph_names(store: ox.Store) -> list[str]:
    return sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))


def data_graph_names(store: ox.Store) -> list[str]:
    """The names of the release data graphs (what exports and queries show)."""
    return [g for g in graph_names(store) if not g.endswith(SUFFIXES[1:])]


def quads(store: ox.Store, graphs: Iterable[str]) -> list[ox.Quad]:
    """Every quad of ``graphs``, sorted: the order every export is written in."""
    out: list[ox.Quad] = []
    for g in graphs:
        out.extend(store.quads_for_pattern(None, None, None, ox.NamedNode(g)))
    out.sort(key=lambda q: (q.graph_name.value, str(q.subject), str(q.predicate), str(q.object)))
    return out


def to_rdflib(q: ox.Quad | ox.Triple) -> tuple[Term, Term, Term]:
    """The triple of a pyoxigraph quad as rdflib terms."""
    return to_rdflib_term(q.subject), to_rdflib_term(q.predicate), to_rdflib_term(q.object)
