"""Exports of the store, written atomically (temporary file, fsync, rename) in sorted order.

TriG, N-Quads and JSON-LD keep one named graph per release; Turtle, N-Triples and RDF/XML give the
union of the release graphs. Network formats (GraphML, GEXF, ...) live in ``kg.network``.
"""
from __future__ import annotations

import contextlib
import heapq
import itertools
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

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
    """The store's release graphs serialised in ``fmt``, in sorted order (``write_rdf`` into memory)."""
    import io

    buf = io.BytesIO()
    write_rdf(store, fmt, buf, graphs)
    return buf.getvalue()


SORT_CHUNK = 200_000
"""How many quads an export sorts in memory at once; more are sorted in runs on disk and merged."""


def write_rdf(store: ox.Store, fmt: str, out: BinaryIO, graphs: str = "data", tmp_dir: str | Path | None = None) -> None:
    """Write the store's release graphs in ``fmt`` to ``out``, sorted (by graph, subject, predicate,
    object; the union formats by triple, each once), then the dataset's description graph in the
    formats that keep graphs. With the evidence (``graphs`` "evidence" or "all") comes the rules
    graph, which gives each rule the evidence names its confidence.

    In bounded memory, whatever the store's size: quads are sorted ``SORT_CHUNK`` at a time into
    runs on disk (in a temporary folder in ``tmp_dir``, else the system's), which are merged as they
    are written; the serialisers read the merged stream."""
    from .store import RULES, graph_names

    fmt = format_name(fmt)
    if fmt not in RDF_FORMATS:
        raise UsageError(f"unknown RDF format {fmt!r}; use one of {', '.join(RDF_FORMATS)}")
    rdf_format, keeps_graphs = RDF_FORMATS[fmt]
    names = graph_names(store)
    prefixes = {**PREFIXES, **base_prefixes(names)}
    chosen = select_graphs(names, graphs)
    if graphs != "data" and store.contains_named_graph(ox.NamedNode(RULES)):
        chosen = [*chosen, RULES]
    with contextlib.ExitStack() as stack:
        def spill() -> Path:  # made when a run is first written: a small export needs none
            runs = tempfile.TemporaryDirectory(prefix=f".kg-export-{os.getpid()}-", dir=tmp_dir)
            return Path(stack.enter_context(runs))

        keys = _sorted_keys(_keys(store, chosen, keeps_graphs), spill, unique=not keeps_graphs)
        if fmt in ("nquads", "ntriples"):
            for key in keys:
                out.write(_line(key, keeps_graphs).encode("utf-8"))
            if keeps_graphs:
                out.write(ox.serialize(description(store), format=rdf_format) or b"")
            return
        items = itertools.chain(_parsed(keys, keeps_graphs), description(store) if keeps_graphs else ())
        if fmt == "jsonld":
            _write_jsonld(items, prefixes, out)
            return
        ox.serialize(items, out, format=rdf_format, prefixes=prefixes if fmt in ("turtle", "trig", "xml") else None)


def _keys(store: ox.Store, graphs: list[str], keep_graphs: bool) -> Iterator[str]:
    """Each quad of ``graphs`` as its sort key: graph IRI, subject, predicate and object (N-Triples
    terms) joined by NUL, which no term holds; without the graph for the union formats."""
    for g in graphs:
        for q in store.quads_for_pattern(None, None, None, ox.NamedNode(g)):
            triple = f"{q.subject}\0{q.predicate}\0{q.object}"
            yield f"{g}\0{triple}" if keep_graphs else triple


def _sorted_keys(keys: Iterable[str], spill: Callable[[], Path], unique: bool) -> Iterator[str]:
    """``keys`` sorted (each once with ``unique``): in memory up to ``SORT_CHUNK``, else by runs
    written to the folder ``spill()`` gives and merged."""
    runs: list[Path] = []
    tmp: Path | None = None
    chunk: list[str] = []
    for key in keys:
        chunk.append(key)
        if len(chunk) >= SORT_CHUNK:
            tmp = tmp or spill()
            runs.append(_run(sorted(chunk), tmp, len(runs)))
            chunk = []
    chunk.sort()
    if tmp is not None:
        runs.append(_run(chunk, tmp, len(runs)))
        files = [open(r, encoding="utf-8", newline="\n") for r in runs]
        try:
            yield from _dedup((line[:-1] for line in heapq.merge(*files)), unique)
        finally:
            for f in files:
                f.close()
    else:
        yield from _dedup(iter(chunk), unique)


def _run(lines: list[str], tmp: Path, i: int) -> Path:
    path = tmp / f"run{i:05d}"
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.writelines(line + "\n" for line in lines)  # (an N-Triples term holds no raw line break)
    return path


def _dedup(keys: Iterator[str], unique: bool) -> Iterator[str]:
    if not unique:
        yield from keys
        return
    last = None
    for key in keys:
        if key != last:
            yield key
            last = key


def _line(key: str, keep_graphs: bool) -> str:
    """The N-Quads (or N-Triples) line of a sort key."""
    if keep_graphs:
        g, s, p, o = key.split("\0")
        return f"{s} {p} {o} <{g}> .\n"
    s, p, o = key.split("\0")
    return f"{s} {p} {o} .\n"


def _parsed(keys: Iterator[str], keep_graphs: bool, batch: int = 20_000) -> Iterator[ox.Quad | ox.Triple]:
    """The quads (or triples) of sorted keys, in their order, parsed a batch at a time."""
    fmt = ox.RdfFormat.N_QUADS if keep_graphs else ox.RdfFormat.N_TRIPLES
    while True:
        lines = [_line(k, keep_graphs) for k in itertools.islice(keys, batch)]
        if not lines:
            return
        for item in ox.parse("".join(lines).encode("utf-8"), format=fmt):
            yield item if keep_graphs else ox.Triple(item.subject, item.predicate, item.object)


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


def write_rdf_file(store: ox.Store, fmt: str, output: str | Path, graphs: str = "data") -> None:
    """``write_rdf`` into ``output``, atomically, with its sorted runs beside it."""
    def write(tmp: Path) -> None:
        with open(tmp, "wb") as f:
            write_rdf(store, fmt, f, graphs, tmp_dir=tmp.parent)

    write_atomic(output, write)


def _write_jsonld(quads: Iterator[ox.Quad], prefixes: dict[str, str], out: BinaryIO) -> None:
    """Quads sorted by graph as compacted JSON-LD, one graph at a time (memory bounded by the
    largest graph)."""
    import json

    def graphs() -> Iterator[dict]:
        for _, group in itertools.groupby(quads, key=lambda q: q.graph_name):
            for doc in json.loads(ox.serialize(list(group), format=ox.RdfFormat.JSON_LD) or b"[]"):
                yield doc

    _write_compacted(graphs(), prefixes, out)


def _write_compacted(docs: Iterable[dict], prefixes: dict[str, str], out: BinaryIO) -> None:
    """Graph objects of expanded JSON-LD written as one compacted document with a ``@context`` of
    ``prefixes``: IRIs as CURIEs, ``rdf:type`` as ``@type``, plain strings as strings, one value as
    itself; the named graphs stay. Written in the order given (the export's sorted order), so it is
    deterministic; the context is inline, so no reader fetches anything."""
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
        result: dict = {"@id": curie(n["@id"])}
        if "@graph" in n:
            result["@graph"] = [node(x) for x in n["@graph"]]
        types = [curie(t["@id"]) for t in n.get(rdf_type, [])] + [curie(t) for t in n.get("@type", [])]
        if types:
            result["@type"] = types[0] if len(types) == 1 else types
        for key, values in n.items():
            if key.startswith("@") or key == rdf_type:
                continue
            vals = [value(v) for v in values]
            result[curie(key)] = vals[0] if len(vals) == 1 else vals
        return result

    head = json.dumps({"@context": dict(sorted(prefixes.items())), "@graph": []}, ensure_ascii=False, indent=1)
    out.write(head[:-len("[]\n}")].encode("utf-8") + b"[")
    first = True
    for doc in docs:
        text = json.dumps(node(doc), ensure_ascii=False, indent=1).replace("\n", "\n  ")
        out.write(("\n  " if first else ",\n  ").encode("utf-8") + text.encode("utf-8"))
        first = False
    out.write(b"]\n}\n" if first else b"\n ]\n}\n")


def write_atomic(path: str | Path, write: Callable[[Path], None]) -> None:
    """Call ``write(tmp)`` on a temporary file beside ``path``, fsync it, then rename it over ``path``.

    An interrupted export leaves the previous file as it was.
    """
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_leftovers(target)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}-", suffix=".tmp", dir=target.parent)
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


_LEFTOVER_PID = re.compile(r"(\d+)-")  # what follows the prefix of a leftover: the process id


def remove_leftovers(target: Path) -> None:
    """Remove what an export to ``target`` killed on its way left beside it (its temporary file and its
    folder of sorted runs): those of a process that no longer runs, named after its process id."""
    try:
        names = os.listdir(target.parent)
    except OSError:
        return
    ours = f".{target.name}."
    for name in names:
        if name.startswith(ours) and name.endswith(".tmp"):
            m = _LEFTOVER_PID.match(name, len(ours))
        elif name.startswith(".kg-export-"):
            m = _LEFTOVER_PID.match(name, len(".kg-export-"))
        else:
            continue
        if m is None or _running(int(m.group(1))):
            continue
        leftover = target.parent / name
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            leftover.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # (another user's process: running)
        return True
    return True


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
