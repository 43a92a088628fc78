"""The on-disk store: the only module that talks to pyoxigraph's storage.

Layout of the named graphs, for a release IRI ``R``:

* ``R``             the release's data graph (absent while the release is quarantined)
* ``R/evidence``    the evidence graph
* ``R/quarantine``  the data graph of a release that violates a shape
* ``R/meta``        bookkeeping: content hash, source path, validation report

and graphs of the store itself:

* ``MERGED``        the merged data: every triple that at least one release data graph holds, once.
                    Queries read it as their default graph, so a fact stated by a thousand releases
                    is matched once, not a thousand times.
* ``LABELS``        the names of the merged data in lower case: ``<node> rkg:labelKey "wco"`` for every
                    ``schema:name`` and ``schema:alternateName`` of a node, so that a name typed in
                    lower case is found by the index, not by reading every name.
* ``RULES``         the extraction rules the evidence names (``rkg:rule``): each rule's name, what it
                    reads and the confidence of what it reads, written by every build.
* ``STORE_META``    the store's layout version.

A release's graphs, and its share of the merged data, are replaced in one SPARQL update, which
pyoxigraph applies as one transaction: a reader (or a build killed at any moment) sees either all
the old graphs or all the new ones, and the merged data always equals the union of the release data
graphs.
"""
from __future__ import annotations

from collections.abc import Container, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node as Term

from .errors import StoreError

RKG = "https://w3id.org/release-kg/ontology#"
SUFFIXES = ("", "/evidence", "/quarantine", "/meta")
STORE_GRAPHS = "https://w3id.org/release-kg/graph/"
MERGED = STORE_GRAPHS + "data"
LABELS = STORE_GRAPHS + "labels"
RULES = STORE_GRAPHS + "rules"
LABEL_KEY = RKG + "labelKey"
_NAMED_BY = ("https://schema.org/name", "https://schema.org/alternateName")
_NAMED_BY_NT = tuple(f"<{p}>" for p in _NAMED_BY)
STORE_META = STORE_GRAPHS + "store"
LAYOUT = "https://w3id.org/release-kg/graph/layout/3"
_LAYOUT_2 = "https://w3id.org/release-kg/graph/layout/2"  # (the rule and confidence in every evidence node)
_CONFORMS_TO = "http://purl.org/dc/terms/conformsTo"
# true for ?g bound to a release data graph (not an evidence, quarantine or meta graph, not the store's own)
_IS_DATA_GRAPH = (f'!STRSTARTS(STR(?g), "{STORE_GRAPHS}") && !STRENDS(STR(?g), "/evidence") '
                  '&& !STRENDS(STR(?g), "/quarantine") && !STRENDS(STR(?g), "/meta")')


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


def _open(p: Path) -> ox.Store:
    try:
        return ox.Store(str(p))
    except OSError as e:
        if "lock" in str(e).lower():
            raise StoreError(f"{p}: the store is in use by another kg process (a build, or a reader): "
                             "try again when it ends") from None
        raise StoreError(f"{p}: cannot open the store ({e})") from None
    except RuntimeError as e:  # what the database says of damaged files
        raise StoreError(_damaged(p, e)) from None


def is_store(path: str | Path) -> bool:
    return (Path(path) / "CURRENT").is_file()


def _check_target(p: Path) -> None:
    if p.exists() and not p.is_dir():
        raise StoreError(f"{p}: not a directory")
    if p.is_dir() and not is_store(p) and any(p.iterdir()):
        raise StoreError(f"{p}: a folder that holds other files, not a store: give a new or empty folder")


@contextmanager
def open_store(path: str | Path, *, create: bool = True) -> Iterator[ox.Store]:
    """Open the store directory at ``path`` for writing (created when ``create``), flushing on exit.
    One process writes at a time; while it does, readers read the last snapshot (``read_store``)."""
    p = Path(path)
    if not create and not is_store(p):
        raise StoreError(f"{p}: no store here (build one with `kg build --store {p}`)")
    if create:
        _check_target(p)
    store = _open(p)
    try:
        yield store
        store.flush()
    finally:
        del store


@contextmanager
def staged_store(path: str | Path) -> Iterator[tuple[ox.Store, Path]]:
    """A new store for ``path`` (which holds none), written in a staging folder beside it and moved
    to ``path`` in one rename when the block ends without an error: until then ``path`` holds no
    store, and a process killed on the way leaves only the staging folder, which the next one
    removes. Yields the store and the staging folder.

    Made for ``bulk_load``, which writes the database's files directly (many times faster than
    transactions) but is not atomic: a staging folder nobody else opens is where it is safe."""
    import shutil

    p = Path(path)
    _check_target(p)
    stage = p.parent / f".{p.name}.staging"
    if stage.exists():
        _open(stage)  # raises while another build writes it; else it is what a killed one left
        shutil.rmtree(stage)
    p.parent.mkdir(parents=True, exist_ok=True)
    store = _open(stage)
    try:
        yield store, stage
        store.flush()
    except BaseException:
        del store
        _remove_tree(stage)
        raise
    del store
    if p.is_dir():
        p.rmdir()  # empty (checked above): the rename takes its place
    stage.rename(p)


def _remove_tree(folder: Path, tries: int = 5) -> None:
    """Remove ``folder``, again while the database's own threads may still write a file into it (the
    failed build's store is closed only when the last reference to it goes, which the error's
    traceback may hold a while)."""
    import shutil
    import time

    for i in range(tries):
        shutil.rmtree(folder, ignore_errors=True)
        if not folder.exists():
            return
        time.sleep(0.05 * (i + 1))


def _damaged(p: Path, e: Exception) -> str:
    return f"{p}: the store is damaged and cannot be opened ({e}); rebuild it from the releases, or restore a copy"


SNAPSHOT = "snapshot"  # the link to the state of the last finished build, in the store's folder
SNAPSHOTS = "snapshots"


@contextmanager
def read_store(path: str | Path) -> Iterator[ox.Store]:
    """Open the store at ``path`` for reading: any number of readers at once, while a build writes,
    and on a read-only mount.

    Readers read the snapshot that the last finished build left (``write_snapshot``): a consistent
    state that no writer touches, so a build never waits for a reader nor a reader for a build, and
    a reader sees the new state once the build is done. A store without a snapshot (written by an
    earlier version of kg) is read itself, held against writers while it is read."""
    import fcntl
    import os

    p = Path(path)
    if not (p / "CURRENT").is_file():
        raise StoreError(f"{p}: no store here (build one with `kg build --store {p}`)")
    snap = p / SNAPSHOT
    fd = None
    if snap.is_dir():
        target = Path(os.path.realpath(snap))
    else:
        try:
            fd = os.open(p / "LOCK", os.O_RDONLY)
            fcntl.lockf(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError as e:
            if fd is not None:
                os.close(fd)
            raise StoreError(f"{p}: a build is writing the store and no earlier build left a snapshot to read "
                             f"({e.strerror}): try again when it ends") from None
        target = p
    try:
        try:
            store = ox.Store.read_only(str(target))
        except (OSError, RuntimeError) as e:
            raise StoreError(_damaged(p, e)) from None
        try:
            yield store
        finally:
            del store
    finally:
        if fd is not None:
            os.close(fd)  # (and with it the hold against writers)


def write_snapshot(store: ox.Store, path: str | Path) -> None:
    """Leave the store's state as a snapshot for the readers of the next build's time (a checkpoint of
    the database: its files are linked, not copied), switched to in one rename; the one before stays
    for readers that still have it open, older ones go."""
    import os
    import shutil
    import time

    p = Path(path)
    snaps = p / SNAPSHOTS
    snaps.mkdir(exist_ok=True)
    store.flush()
    name = str(time.time_ns())
    store.backup(str(snaps / name))
    link = p / f".{SNAPSHOT}.{name}"
    os.symlink(f"{SNAPSHOTS}/{name}", link)
    current = p / SNAPSHOT
    if current.is_dir() and not current.is_symlink():  # (a copy of the store made the link a folder)
        shutil.rmtree(current)
    os.replace(link, current)
    for old in sorted(snaps.iterdir(), key=lambda q: int(q.name) if q.name.isdigit() else 0)[:-2]:
        shutil.rmtree(old, ignore_errors=True)


def label_lines(triples: Iterable[str]) -> list[str]:
    """The ``LABELS`` quads of N-Triples lines: each name or alternate name of a node (an IRI) in lower
    case."""
    out = []
    for t in triples:
        if " <https://schema.org/" not in t or not any(p in t for p in _NAMED_BY_NT):
            continue
        for q in ox.parse(t.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES):
            if q.predicate.value in _NAMED_BY and isinstance(q.object, ox.Literal) \
                    and isinstance(q.subject, ox.NamedNode):
                out.append(f"{q.subject} <{LABEL_KEY}> {ox.Literal(q.object.value.lower())} <{LABELS}> .\n")
    return out


def nquads(releases: Iterable[tuple[str, dict[str, list[str]]]], merged: bool = True) -> bytes:
    """N-Quads of releases (IRI, suffix -> N-Triples lines): each graph of each release, and (with
    ``merged``) the data triples also in the merged data, and their names in ``LABELS``."""
    lines = []
    for release_iri, graphs in releases:
        for suffix, triples in graphs.items():
            tail = f" <{release_iri}{suffix}> .\n"
            lines.extend(t[:-1].rstrip() + tail for t in triples)
            if suffix == "" and merged:
                for quad, labels in merged_quads(triples):
                    lines.append(quad)
                    lines.extend(labels)
    return "".join(lines).encode("utf-8")


def merged_quads(triples: list[str]) -> list[tuple[str, list[str]]]:
    """Each data triple (N-Triples lines) as a quad of the merged data, with the ``LABELS`` quads of the
    names it gives."""
    in_merged = f" <{MERGED}> .\n"
    return [(t[:-1].rstrip() + in_merged, label_lines([t])) for t in triples]


class Seen:
    """The lines given to ``first`` lately: at least the last ``size``, at most the last ``2 * size`` (two
    generations of sets: when the newer is full, it becomes the older and the older is forgotten, so
    that each question takes the same short time however many lines went by)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._new: set[str] = set()
        self._old: set[str] = set()

    def first(self, line: str) -> bool:
        """Whether ``line`` is not among the lines seen lately (and remember it)."""
        if self.size <= 0:
            return True
        if line in self._new or line in self._old:
            return False
        if len(self._new) >= self.size:
            self._old, self._new = self._new, set()
        self._new.add(line)
        return True


def bulk_put(store: ox.Store, data: bytes) -> None:
    """Load N-Quads (``nquads``) into a store no one else has open (``staged_store``), by the bulk
    loader: not in a transaction. The loader does not check the IRIs again: ``nquads`` writes only
    IRIs that were checked when they were made (``iri.checked``, the readers' URLs), which saves about
    8% of the loader's CPU."""
    if data:
        store.bulk_load(data, format=ox.RdfFormat.N_QUADS, lenient=True)


def put_releases(store: ox.Store, releases: list[tuple[str, dict[str, list[str]]]], existing: Container[str]) -> None:
    """Store a batch of releases (IRI, suffix -> N-Triples lines) in one transaction.

    Releases the store does not hold yet are loaded with the N-Quads parser, all in one load, their
    data triples also into the merged data; those it holds are replaced by one SPARQL update that
    takes their old triples out of the merged data (those no other release states), drops their
    graphs and inserts the new ones. A crash leaves each release with all of its old graphs or all of
    its new ones, and the merged data with the union of what is stored.
    """
    fresh = [(r, g) for r, g in releases if r not in existing]
    changed = [(r, g) for r, g in releases if r in existing]
    if fresh:
        store.load(nquads(fresh), format=ox.RdfFormat.N_QUADS)
    if changed:
        named = _named_nodes(store, {r for r, _ in changed})
        parts = _retract(store, {r for r, _ in changed})
        body = [f"GRAPH <{r}{suffix}> {{\n" + "\n".join(triples) + "\n}"
                for r, graphs in changed for suffix, triples in graphs.items() if triples]
        body += [f"GRAPH <{MERGED}> {{\n" + "\n".join(graphs[""]) + "\n}"
                 for _, graphs in changed if graphs.get("")]
        if body:
            parts.append("INSERT DATA {\n" + "\n".join(body) + "\n}")
        for _, graphs in changed:
            named |= {line.split(" ", 1)[0] for line in label_lines(graphs.get("", ()))}
        parts += _relabel(named)
        store.update(" ;\n".join(parts))


def is_data_graph(name: str) -> bool:
    """True for the name of a release data graph (not evidence, quarantine, meta, nor the store's own)."""
    return not name.startswith(STORE_GRAPHS) and not name.endswith(SUFFIXES[1:])


def _retract(store: ox.Store, release_iris: set[str]) -> list[str]:
    """Update operations that remove releases: the triples of their data graphs that no other release
    data graph holds leave the merged data, then their graphs are dropped.

    Each triple is looked up by its subject, predicate and object in every graph, and the lookup stops
    at the first other release that states it, so the cost follows the releases removed, not the store.
    """
    gone: set[str] = set()
    for r in sorted(release_iris):
        for q in store.quads_for_pattern(None, None, None, ox.NamedNode(r)):
            for other in store.quads_for_pattern(q.subject, q.predicate, q.object, None):
                g = other.graph_name.value
                if g not in release_iris and is_data_graph(g):
                    break
            else:
                gone.add(f"{q.subject} {q.predicate} {q.object} .")
    parts = [f"DELETE DATA {{ GRAPH <{MERGED}> {{\n" + "\n".join(sorted(gone)) + "\n}}"] if gone else []
    return parts + [f"DROP SILENT GRAPH <{r}{s}>" for r in sorted(release_iris) for s in SUFFIXES]


def _named_nodes(store: ox.Store, release_iris: set[str]) -> set[str]:
    """The nodes (as N-Triples terms) that the data graphs of these releases give a name."""
    out = set()
    for r in release_iris:
        for p in _NAMED_BY:
            out.update(str(q.subject) for q in store.quads_for_pattern(None, ox.NamedNode(p), None, ox.NamedNode(r))
                       if isinstance(q.subject, ox.NamedNode))
    return out


def _relabel(nodes: set[str]) -> list[str]:
    """Update operations that make the ``LABELS`` of these nodes those of their names in the merged data
    (run after the merged data has changed, in the same update)."""
    if not nodes:
        return []
    values = f"VALUES ?s {{ {' '.join(sorted(nodes))} }}"
    return [f"DELETE {{ GRAPH <{LABELS}> {{ ?s <{LABEL_KEY}> ?k }} }} "
            f"WHERE {{ {values} GRAPH <{LABELS}> {{ ?s <{LABEL_KEY}> ?k }} }}",
            _insert_labels(values)]


def _insert_labels(restriction: str = "") -> str:
    """The update that puts the names of the merged data (of the nodes ``restriction`` binds, or of
    all) in ``LABELS`` in lower case."""
    named_by = " ".join(f"<{p}>" for p in _NAMED_BY)
    return (f"INSERT {{ GRAPH <{LABELS}> {{ ?s <{LABEL_KEY}> ?k }} }} WHERE {{ {restriction} VALUES ?p {{ {named_by} }} "
            f"GRAPH <{MERGED}> {{ ?s ?p ?o }} FILTER (isLiteral(?o)) BIND (LCASE(STR(?o)) AS ?k) }}")


def remove_release(store: ox.Store, release_iri: str) -> None:
    """Remove every graph of one release and its share of the merged data (and of its names), in one
    transaction."""
    named = _named_nodes(store, {release_iri})
    store.update(" ;\n".join(_retract(store, {release_iri}) + _relabel(named)))


def check_layout(store: ox.Store) -> None:
    """Raise ``StoreError`` when the store holds releases but was written by an earlier version of kg
    (without the merged data, or with the rule and confidence in every evidence node); ``kg build``
    brings such a store up to date."""
    if not any(True for _ in store.named_graphs()):
        return
    if not store.contains_named_graph(ox.NamedNode(STORE_META)):
        raise StoreError("this store was written by an earlier version of kg without the merged data graph; "
                         "run `kg build` on it once to bring it up to date")
    if _layout(store) == _LAYOUT_2:
        raise StoreError("this store was written by an earlier version of kg, with a rule and a confidence in "
                         "every evidence node; run `kg build` on it once to bring it up to date")


def _layout(store: ox.Store) -> str | None:
    for q in store.quads_for_pattern(ox.NamedNode(STORE_META), ox.NamedNode(_CONFORMS_TO), None,
                                     ox.NamedNode(STORE_META)):
        return q.object.value
    return None


def upgrade_layout(store: ox.Store) -> None:
    """Bring a store written by an earlier version of kg to this layout, one transaction per step (a
    no-op on a store that has it): give it the merged data and its names in lower case, and make
    the rule of each evidence node a node of the rules graph."""
    steps = []
    if not store.contains_named_graph(ox.NamedNode(STORE_META)):
        steps.append(f"""DROP SILENT GRAPH <{MERGED}> ;
INSERT {{ GRAPH <{MERGED}> {{ ?s ?p ?o }} }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER ({_IS_DATA_GRAPH}) }} ;
{_insert_labels()}""")
    elif not store.contains_named_graph(ox.NamedNode(LABELS)) and store.contains_named_graph(ox.NamedNode(MERGED)):
        steps.append(_insert_labels())  # (a store written before the lower-case names were kept)
    if _layout(store) != LAYOUT:
        steps.append(_rules_as_nodes())
        steps.append(f"""DELETE WHERE {{ GRAPH <{STORE_META}> {{ <{STORE_META}> <{_CONFORMS_TO}> ?layout }} }} ;
INSERT DATA {{ GRAPH <{STORE_META}> {{ <{STORE_META}> <{_CONFORMS_TO}> <{LAYOUT}> }} }}""")
    for step in steps:
        store.update(step)
    if steps:
        write_rules(store)


def _rules_as_nodes() -> str:
    """The update that makes each evidence node's rule (a name) the IRI of its rule, and drops its
    confidence (the rule's, in the rules graph)."""
    from .rdf import RULE_BASE

    return f"""DELETE {{ GRAPH ?g {{ ?ev <{RKG}rule> ?name . ?ev <{RKG}confidence> ?c . }} }}
INSERT {{ GRAPH ?g {{ ?ev <{RKG}rule> ?rule . }} }}
WHERE {{
  GRAPH ?g {{ ?ev <{RKG}rule> ?name . OPTIONAL {{ ?ev <{RKG}confidence> ?c . }} }}
  FILTER (isLiteral(?name) && STRENDS(STR(?g), "/evidence"))
  BIND (IRI(CONCAT("{RULE_BASE}", ENCODE_FOR_URI(STR(?name)))) AS ?rule)
}}"""


def write_rules(store: ox.Store) -> None:
    """Replace the ``RULES`` graph with the rules of this version of the extractor, in one update."""
    from .rdf import rule_triples

    store.update(f"DROP SILENT GRAPH <{RULES}> ;\nINSERT DATA {{ GRAPH <{RULES}> {{\n"
                 + "\n".join(rule_triples()) + "\n} }")


_BASE = f"{RKG}base"
DESCRIPTION = STORE_GRAPHS + "description"
_VOID = "http://rdfs.org/ns/void#"
_DCT = "http://purl.org/dc/terms/"
_PROV = "http://www.w3.org/ns/prov#"
_DCAT = "http://www.w3.org/ns/dcat#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def describe(store: ox.Store, base: str, version: str) -> list[ox.Quad]:
    """The dataset's description, for the ``DESCRIPTION`` graph: VoID statistics of the merged data
    (triples, entities, classes, properties, release graphs, a partition per class and per property)
    and DCAT/PROV provenance (the kg version and the base it was built with, the releases it was
    built from and one hash over their content hashes). A function of the data alone: the same
    releases give the same description, so exports stay byte for byte the same."""
    import hashlib

    d = ox.NamedNode(f"{base}dataset")
    g = ox.NamedNode(DESCRIPTION)
    merged = ox.NamedNode(MERGED)

    def count(q: str) -> int:
        return int(next(iter(store.query(q, default_graph=merged)))["n"].value)

    def lit(n: int) -> ox.Literal:
        return ox.Literal(str(n), datatype=ox.NamedNode(_XSD + "integer"))

    def node(iri: str) -> ox.NamedNode:
        return ox.NamedNode(iri)
    out = [ox.Quad(d, node(_RDF_TYPE), node(_VOID + "Dataset"), g), ox.Quad(d, node(_RDF_TYPE), node(_DCAT + "Dataset"), g),
           ox.Quad(d, node(_DCT + "title"), ox.Literal("Knowledge graph of press releases, built by release-kg"), g),
           ox.Quad(d, node(_VOID + "uriSpace"), ox.Literal(base), g),
           ox.Quad(d, node(_VOID + "triples"), lit(count("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")), g),
           ox.Quad(d, node(_VOID + "entities"), lit(count(f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a ?c FILTER STRSTARTS(STR(?s), {_sparql_string(base)}) }}")), g),
           ox.Quad(d, node(_VOID + "classes"), lit(count("SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?s a ?c }")), g),
           ox.Quad(d, node(_VOID + "properties"), lit(count("SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?s ?p ?o }")), g),
           ox.Quad(d, node(_VOID + "distinctSubjects"), lit(count("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }")), g)]
    for row in store.query("SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY STR(?c)",
                           default_graph=merged):
        part = node(f"{base}dataset/class/{_slug(row['c'].value)}")
        out += [ox.Quad(d, node(_VOID + "classPartition"), part, g), ox.Quad(part, node(_VOID + "class"), row["c"], g),
                ox.Quad(part, node(_VOID + "entities"), lit(int(row["n"].value)), g)]
    for row in store.query("SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY STR(?p)",
                           default_graph=merged):
        part = node(f"{base}dataset/property/{_slug(row['p'].value)}")
        out += [ox.Quad(d, node(_VOID + "propertyPartition"), part, g), ox.Quad(part, node(_VOID + "property"), row["p"], g),
                ox.Quad(part, node(_VOID + "triples"), lit(int(row["n"].value)), g)]
    index = release_index(store)
    data_graphs = [r for r in index if store.contains_named_graph(ox.NamedNode(r))]
    h = hashlib.sha256("".join(f"{r}\t{index[r][1]}\n" for r in sorted(index)).encode()).hexdigest()
    activity = node(f"{base}dataset/build")
    agent = node(f"{base}dataset/software")
    out += [ox.Quad(d, node(_RKG_RELEASES), lit(len(index)), g),
            ox.Quad(d, node(_RKG_NAMED_GRAPHS), lit(len(data_graphs)), g),
            ox.Quad(d, node(_PROV + "wasGeneratedBy"), activity, g),
            ox.Quad(activity, node(_RDF_TYPE), node(_PROV + "Activity"), g),
            ox.Quad(activity, node(_PROV + "wasAssociatedWith"), agent, g),
            ox.Quad(activity, node(RKG + "inputsHash"), ox.Literal(h), g),
            ox.Quad(agent, node(_RDF_TYPE), node(_PROV + "SoftwareAgent"), g),
            ox.Quad(agent, node("http://www.w3.org/2000/01/rdf-schema#label"), ox.Literal(f"release-kg {version}"), g)]
    return sorted(out, key=str)


_RKG_RELEASES = RKG + "releases"
_RKG_NAMED_GRAPHS = RKG + "releaseGraphs"


def _sparql_string(s: str) -> str:
    """``s`` as a SPARQL string literal (JSON escapes are SPARQL escapes)."""
    import json

    return json.dumps(s)


def _slug(iri: str) -> str:
    import re

    return re.sub(r"[^A-Za-z0-9]+", "-", iri.split("://", 1)[-1]).strip("-")


def write_description(store: ox.Store, base: str, version: str) -> None:
    """Replace the ``DESCRIPTION`` graph with the dataset's description, in one update."""
    triples = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in describe(store, base, version))
    store.update(f"DROP SILENT GRAPH <{DESCRIPTION}> ;\nINSERT DATA {{ GRAPH <{DESCRIPTION}> {{\n{triples}\n}} }}")


def recorded_base(store: ox.Store) -> str | None:
    """The base IRI the store's releases were minted under, recorded by its first build (a store of an
    earlier version: read from its release graphs' names)."""
    for q in store.quads_for_pattern(ox.NamedNode(STORE_META), ox.NamedNode(_BASE), None, ox.NamedNode(STORE_META)):
        return q.object.value
    for g in store.named_graphs():
        name = getattr(g, "value", "")
        if "/release/" in name and not name.startswith(STORE_GRAPHS):
            return name[:name.rindex("/release/") + 1]
    return None


def record_base(store: ox.Store, base: str) -> None:
    store.add(ox.Quad(ox.NamedNode(STORE_META), ox.NamedNode(_BASE), ox.Literal(base), ox.NamedNode(STORE_META)))


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
    """The names of the releases' graphs (not the store's own merged data and layout graphs), sorted."""
    return sorted(g.value for g in store.named_graphs()
                  if isinstance(g, ox.NamedNode) and not g.value.startswith(STORE_GRAPHS))


def data_graph_names(store: ox.Store) -> list[str]:
    """The names of the release data graphs (what exports and queries show)."""
    return [g for g in graph_names(store) if is_data_graph(g)]


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
