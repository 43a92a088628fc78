"""SPARQL over the store: named queries from ``queries/``, parameters, a safety gate, result formats.

A named query is a file ``queries/NAME.rq``; its leading comment lines say what it answers and
declare its parameters, one per line: ``# param: org  name or acronym of the organization``.
A parameter ``org`` is bound to the variable ``?org`` as a string literal before the query runs.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from . import resources
from .errors import QueryError, UsageError

QUERIES = resources.QUERIES
PREFIXES = {
    "schema": "https://schema.org/",
    "rkg": "https://w3id.org/release-kg/ontology#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "prov": "http://www.w3.org/ns/prov#",
    "void": "http://rdfs.org/ns/void#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcterms": "http://purl.org/dc/terms/",
}
_PARAM = re.compile(r"^#\s*param:\s*(\w+)\s*(.*)$")


@dataclass(frozen=True)
class NamedQuery:
    name: str
    path: Path
    text: str
    description: str
    params: dict[str, str]


def named_queries(folder: Path = QUERIES) -> dict[str, NamedQuery]:
    """Every ``.rq`` file of ``folder`` by its stem."""
    out = {}
    for p in sorted(folder.glob("*.rq")):
        out[p.stem] = load_query(p)
    return out


def load_query(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    desc, params = [], {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        m = _PARAM.match(line)
        if m:
            params[m.group(1)] = m.group(2).strip()
        else:
            desc.append(line.lstrip("#").strip())
    return NamedQuery(path.stem, path, text, " ".join(d for d in desc if d), params)


def gate(sparql: str) -> None:
    """Refuse a query that does not parse or could read files or the network (FROM, SERVICE, LOAD),
    judged on its parse tree (``kg.gate``).

    >>> gate("SELECT ?from WHERE { ?s ?p 'SERVICE' }")
    >>> gate("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }")
    Traceback (most recent call last):
    kg.errors.QueryError: FROM is not allowed: queries run on the store only
    """
    from .gate import check

    check(sparql)


def resolve_query(name_or_file: str | None, sparql: str | None, params: dict[str, str]) -> tuple[str, dict[str, str]]:
    """The SPARQL text to run and its parameter bindings, checked against what the query declares."""
    if sparql is not None:
        return sparql, params
    if name_or_file is None:
        raise UsageError("give a query name, a .rq file or --sparql TEXT")
    if name_or_file.endswith(".rq"):
        path = Path(name_or_file)
        if not path.is_file():
            raise UsageError(f"{path}: no such query file")
        q = load_query(path)
    else:
        known = named_queries()
        if name_or_file not in known:
            raise UsageError(f"no named query {name_or_file!r}; known: {', '.join(known)}")
        q = known[name_or_file]
    unknown = set(params) - set(q.params)
    if unknown:
        raise UsageError(f"query {q.name!r} has no parameter {', '.join(sorted(unknown))}; "
                         f"its parameters: {', '.join(q.params) or 'none'}")
    missing = set(q.params) - set(params)
    if missing:
        raise UsageError(f"query {q.name!r} needs --param " + ", ".join(f"{m}=..." for m in sorted(missing)))
    return q.text, params


def bind(params: dict[str, str] | None) -> dict[ox.Variable, ox.Literal | ox.NamedNode]:
    """The parameters as RDF terms, never pasted into the query's text: a value written ``<IRI>`` is
    that IRI (checked), any other value a string literal."""
    out: dict[ox.Variable, ox.Literal | ox.NamedNode] = {}
    for k, v in (params or {}).items():
        if not re.fullmatch(r"[A-Za-z_]\w*", k):
            raise UsageError(f"--param {k!r}: a parameter name is a SPARQL variable name")
        if len(v) > 1 and v.startswith("<") and v.endswith(">"):
            try:
                out[ox.Variable(k)] = ox.NamedNode(v[1:-1])
            except ValueError as e:
                raise UsageError(f"--param {k}: {v} is not a valid IRI ({e})") from None
        else:
            out[ox.Variable(k)] = ox.Literal(v)
    return out


# BIND (LCASE(STR(?param)) AS ?key), a parameter's lower-case form, as the queries look names up by it;
# and what it is not looked for in: strings, IRIs and comments
_KEY_OF = re.compile(r"""(?P<skip>"{3}(?:[^"\\]|\\.|"(?!""))*"{3}|'{3}(?:[^'\\]|\\.|'(?!''))*'{3}"""
                     r"""|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|<[^<>"{}|^`\\\s]*>|\#[^\n]*)"""
                     r"|BIND\s*\(\s*LCASE\s*\(\s*STR\s*\(\s*[?$](?P<param>\w+)\s*\)\s*\)\s+AS\s+[?$](?P<key>\w+)\s*\)",
                     re.IGNORECASE)


def fold_keys(sparql: str, subs: dict[ox.Variable, ox.Literal | ox.NamedNode]) -> str:
    """The query with each ``BIND (LCASE(STR(?p)) AS ?k)`` of a bound parameter ``p`` written as the
    constant it is, ``VALUES ?k { "..." }``: the same answer, but the engine's planner knows the key
    before it runs, and looks it up by index where it would otherwise read every key and compare
    (a parameter's value is known to the engine only once the plan is made). The constant is the
    serialised literal, never the text as typed; what a string or a comment holds is left alone.

    >>> fold_keys('SELECT ?o ?p { BIND (LCASE(STR(?p)) AS ?k) ?o ?x ?k }', bind({"p": 'Ab"C'}))
    'SELECT ?o ?p { VALUES ?k { "ab\\\\"c" } ?o ?x ?k }'
    >>> fold_keys('SELECT ?o ?p { BIND (LCASE(STR(?p)) AS ?k) }', bind({"p": "<https://example.org/A>"}))
    'SELECT ?o ?p { BIND (LCASE(STR(?p)) AS ?k) }'
    >>> fold_keys('SELECT ?p { ?o ?x "BIND (LCASE(STR(?p)) AS ?k)" }', bind({"p": "A"}))
    'SELECT ?p { ?o ?x "BIND (LCASE(STR(?p)) AS ?k)" }'
    """
    def constant(m: re.Match) -> str:
        value = None if m.group("skip") else subs.get(ox.Variable(m.group("param")))
        if not isinstance(value, ox.Literal):  # (``bind`` makes a string literal, or an IRI)
            return m.group(0)
        return f"VALUES ?{m.group('key')} {{ {ox.Literal(value.value.lower())} }}"
    return _KEY_OF.sub(constant, sparql) if subs else sparql


def execute(store: ox.Store, sparql: str, params: dict[str, str] | None = None,
            dataset: tuple[list[str], list[str]] | None = None):
    """The engine's answer to a query that passed the gate: solutions (SELECT), a boolean (ASK) or
    triples (CONSTRUCT, DESCRIBE).

    The default graph is the merged data of the releases in the graph (each fact once, however many
    releases state it; quarantined releases left out). The release graphs are named graphs, for
    provenance: ``GRAPH ?g`` reaches each release's data graph ``R``, its evidence ``R/evidence``,
    and also ``R/meta`` and ``R/quarantine``, whose names say what they are.
    """
    from .store import MERGED, check_layout

    gate(sparql)
    check_layout(store)
    subs = bind(params)
    sparql = fold_keys(sparql, subs)
    default: object = ox.NamedNode(MERGED)
    named = None
    if dataset is not None:  # (the SPARQL protocol's default-graph-uri and named-graph-uri: graphs of the store)
        known = {g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)}
        for g in [*dataset[0], *dataset[1]]:
            if g not in known:
                raise QueryError(f"<{g}> is not a graph of this store")
        default = [ox.NamedNode(g) for g in dataset[0]] or default
        named = [ox.NamedNode(g) for g in dataset[1]] or None
    try:
        return store.query(sparql, prefixes=PREFIXES, substitutions=subs or None, default_graph=default,
                           named_graphs=named)
    except SyntaxError as e:
        raise QueryError(f"the query does not parse: {e}") from None
    except RuntimeError as e:  # e.g. a parameter that is not among the variables the query selects
        raise QueryError(f"the query cannot be run: {e}") from None


def run(store: ox.Store, sparql: str, params: dict[str, str] | None = None) -> tuple[list[str], list[dict]]:
    """Run a SELECT (or ASK) query; rows as dicts of plain values (see ``execute``)."""
    result = execute(store, sparql, params)
    if isinstance(result, ox.QueryBoolean):
        return ["ask"], [{"ask": bool(result)}]
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError("a CONSTRUCT or DESCRIBE query answers a graph: write it with `kg query --format turtle`")
    cols = [v.value for v in result.variables]
    rows = []
    for sol in result:
        rows.append({c: _py(sol[c]) for c in cols})
    return cols, rows


# --format -> the engine's serializer, by the kind of answer
RESULT_FORMATS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
                  "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
GRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD,
                 "xml": ox.RdfFormat.RDF_XML}
QUERY_FORMATS = ("table", "json", "xml", "csv", "tsv", "jsonl", "turtle", "ntriples", "jsonld")


def write_answer(result, fmt: str, out, terminal_width: int | None = None) -> None:
    """Write an answer of ``execute`` to the binary stream ``out`` in ``fmt``:

    - SELECT and ASK: ``table`` (aligned columns; cells are cut, with an ellipsis, only when
      ``terminal_width`` is given), the SPARQL 1.1 results formats ``json``, ``xml``, ``csv``,
      ``tsv``, or ``jsonl`` (one JSON object of plain values per row);
    - CONSTRUCT and DESCRIBE: ``turtle`` (also for ``table``), ``ntriples``, ``jsonld``, ``xml`` (RDF/XML).
    """
    if isinstance(result, ox.QueryTriples):
        if fmt == "table":
            fmt = "turtle"
        if fmt not in GRAPH_FORMATS:
            raise UsageError(f"a graph is written as {', '.join(GRAPH_FORMATS)}, not {fmt!r}")
        out.write(ox.serialize(sorted(result, key=str), format=GRAPH_FORMATS[fmt], prefixes=PREFIXES) or b"")
        return
    if fmt in RESULT_FORMATS:
        result.serialize(out, format=RESULT_FORMATS[fmt])
        return
    if fmt in ("table", "jsonl"):
        if isinstance(result, ox.QueryBoolean):
            cols, rows = ["ask"], [{"ask": bool(result)}]
        else:
            cols = [v.value for v in result.variables]
            rows = ({c: _py(sol[c]) for c in cols} for sol in result)
        if fmt == "jsonl":
            for r in rows:
                out.write((json.dumps(r, ensure_ascii=False) + "\n").encode("utf-8"))
        else:
            out.write(table(cols, list(rows), terminal_width).encode("utf-8"))
        return
    raise UsageError(f"a table of answers is written as table, {', '.join(RESULT_FORMATS)} or jsonl, not {fmt!r}")


def _py(t: object) -> object:
    if t is None:
        return None
    if isinstance(t, ox.Literal):
        dt = t.datatype.value.rsplit("#", 1)[-1]
        if dt in ("integer", "positiveInteger", "nonNegativeInteger", "int", "long"):
            return int(t.value)
        return t.value
    return t.value  # NamedNode / BlankNode


def render(cols: list[str], rows: list[dict], fmt: str) -> str:
    """Rows as text: ``table``, ``csv``, ``tsv`` or ``jsonl`` (for rows already read, as the API has them)."""
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        w = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        w.writerow(cols)
        for r in rows:
            w.writerow(["" if r[c] is None else r[c] for c in cols])
        return buf.getvalue()
    if fmt != "table":
        raise UsageError(f"unknown format {fmt!r}; use table, csv, tsv or jsonl")
    return table(cols, rows)


ELLIPSIS = "…"


def table(cols: list[str], rows: list[dict], width: int | None = None) -> str:
    """Aligned columns. Cells are whole, unless ``width`` (a terminal's) is given: then the widest
    columns are cut to fit it, each cut marked with an ellipsis."""
    cells = [[("" if r[c] is None else str(r[c])) for c in cols] for r in rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(cols)]
    if width is not None:
        room = max(width - 2 * (len(cols) - 1), 8 * len(cols))
        while sum(widths) > room and max(widths) > 8:
            widths[widths.index(max(widths))] -= 1

    def cut(v: str, w: int) -> str:
        return v if len(v) <= w else v[:max(w - 1, 0)] + ELLIPSIS

    def line(vals: list[str]) -> str:
        return "  ".join(cut(v, w).ljust(w) for v, w in zip(vals, widths)).rstrip()
    out = [line(cols), line(["-" * w for w in widths])] + [line(r) for r in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"
