"""The Python API, for notebooks and scripts.

>>> import kg                                               # doctest: +SKIP
>>> kg.build(["seeds"], "kg-store")                         # doctest: +SKIP
>>> kg.query("kg-store", "participations", org="WCO")[0]["event_name"]   # doctest: +SKIP
"""
from __future__ import annotations

from pathlib import Path

from .builder import BuildReport, Settings, build as _build
from .errors import QueryError
from .validate import Report


def build(inputs: list[str | Path], store: str | Path = "kg-store", *, base: str | None = None,
          curation: str | None = None, shapes: str | None = None, prune: bool = False, jobs: int = 1,
          cluster: str | None = None) -> BuildReport:
    """Build or update the store from files and folders of releases (processed in ``jobs`` local
    processes, or on the Dask cluster whose scheduler is at ``cluster``)."""
    executor = None
    if cluster:
        from .cluster import executor as on_cluster

        executor = on_cluster(cluster)
    return _build(inputs, store, settings=Settings(base, curation, shapes), prune=prune, jobs=jobs, executor=executor)


def query(store: str | Path, name_or_sparql: str, **params: str) -> list[dict]:
    """Rows (dicts) of a named query, a ``.rq`` file or SPARQL text, with ``?param`` bindings."""
    from .sparql import resolve_query, run
    from .store import read_store

    is_sparql = any(k in name_or_sparql.upper() for k in ("SELECT", "ASK")) and " " in name_or_sparql
    text, bindings = resolve_query(None if is_sparql else name_or_sparql, name_or_sparql if is_sparql else None, params)
    with read_store(store) as s:
        return run(s, text, bindings)[1]


def export(store: str | Path, fmt: str = "trig", output: str | Path | None = None, graphs: str = "data") -> bytes | None:
    """The graph serialised in ``fmt``; with ``output``, written there atomically instead (streamed, in
    bounded memory, for a store of any size) and None returned."""
    from .exporter import rdf_bytes, write_rdf_file
    from .store import read_store

    with read_store(store) as s:
        if output is None:
            return rdf_bytes(s, fmt, graphs)
        write_rdf_file(s, fmt, output, graphs)
    return None


def dataset(store: str | Path, graphs: str = "data"):
    """The store as an rdflib ``Dataset`` (one graph per release), for rdflib-based work. Its
    ``query`` passes the gate of ``kg query`` first (rdflib would read ``FROM <file:...>`` and send
    ``SERVICE`` requests), and its ``update`` refuses ``LOAD`` and ``SERVICE``."""
    ds = _GatedDataset()
    ds.parse(data=export(store, "nquads", graphs=graphs), format="nquads")
    return ds


def _gated_dataset_class():
    from rdflib import Dataset

    from .gate import check, check_update

    class GatedDataset(Dataset):
        def query(self, query_object, *args, **kwargs):
            if not isinstance(query_object, str):
                raise QueryError("give the query as text: it is checked before it runs")
            check(query_object)
            return super().query(query_object, *args, **kwargs)

        def update(self, update_object, *args, **kwargs):
            if not isinstance(update_object, str):
                raise QueryError("give the update as text: it is checked before it runs")
            check_update(update_object)
            return super().update(update_object, *args, **kwargs)

    return GatedDataset


def _GatedDataset():  # noqa: N802 (made on first use: rdflib is imported lazily)
    return _gated_dataset_class()()


def revalidate(store: str | Path, shapes: str | Path | None = None) -> list[Report]:
    """Validate every release data graph (quarantined ones included) of the store again."""
    import pyoxigraph as ox
    from rdflib import RDF, Graph

    from .rdf import RKG
    from .store import graph_names, read_store, to_rdflib
    from .validate import SHAPES, validate_batch

    batch = []
    with read_store(store) as s:
        for g in graph_names(s):
            if g.endswith(("/evidence", "/meta")):
                continue
            release_iri = g.removesuffix("/quarantine")
            data = Graph()
            for q in s.quads_for_pattern(None, None, None, ox.NamedNode(g)):
                data.add(to_rdflib(q))
            sentences: dict[str, str] = {}
            evidence = ox.NamedNode(release_iri + "/evidence")
            in_sentence, text = ox.NamedNode(RKG.inSentence), ox.NamedNode(RKG.text)
            for q in s.quads_for_pattern(None, ox.NamedNode(str(RDF.subject)), None, evidence):
                for t in s.quads_for_pattern(q.subject, in_sentence, None, evidence):
                    for u in s.quads_for_pattern(t.object, text, None, evidence):
                        sentences.setdefault(q.object.value, u.object.value)
            batch.append((release_iri, data, sentences))
    reports = validate_batch(batch, shapes or SHAPES)
    return [reports[k] for k in sorted(reports)]
