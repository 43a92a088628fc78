"""Network projections of the knowledge graph and their exports (GraphML, GEXF, Cytoscape JSON, DOT, CSV).

Two projections, both read from the release data graphs of the store:

* :func:`entity_graph`, a ``networkx.MultiDiGraph``: one node per entity (organization, event, city,
  country, place, person, programme, instrument, topic) and one edge per relation between two
  entities, keyed by the relation's name. ``schema:attendee`` and its inverse ``rkg:participatedIn``
  make one edge ``participated in`` from the organization to the event; every other relation keeps
  the direction of its RDF triple. ``schema:mentions`` and ``schema:about`` are not edges: they give a
  node its release list.
* :func:`coparticipation`, a ``networkx.Graph``: organizations linked by the events they shared
  (attended or organized), weighted by the number of shared events.

Node attributes: ``label``, ``type``, ``alt_names`` (list), ``releases`` (sorted release
identifiers), ``first_year``/``last_year`` and ``start``/``end`` (ISO dates: an event's own dates;
for other entities 1 January of the first and 31 December of the last year of the releases and
events that mention them). Edge attributes: ``relation``, ``weight`` (number of releases asserting
it), ``releases``, ``start``/``end``. With ``evidence=True`` nodes and edges also carry
``evidence``: a list of ``(release identifier, sentence)`` pairs read from the evidence graphs, and
``graph.graph["releases"]`` describes each release (``title``, ``date``, ``url``).

Every exporter writes atomically and in sorted order, so the same store gives byte-identical files.
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import quoteattr

from .errors import UsageError
from .exporter import write_atomic

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    import pyoxigraph as ox

SDO = "https://schema.org/"
RKG = "https://w3id.org/release-kg/ontology#"
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDF_TYPE = RDF_NS + "type"

# entity class -> node type; a node typed twice gets the first type of this order
KINDS: dict[str, str] = {
    SDO + "Event": "event",
    SDO + "Organization": "organization",
    SDO + "Person": "person",
    RKG + "Programme": "programme",
    SDO + "Legislation": "instrument",
    SDO + "City": "city",
    SDO + "Country": "country",
    SDO + "Place": "place",
    RKG + "Topic": "topic",
}
NODE_TYPES: tuple[str, ...] = tuple(dict.fromkeys(KINDS.values()))
_KIND_RANK = {k: i for i, k in enumerate(NODE_TYPES)}

# predicate -> (relation name, reversed): the edges of the entity graph
RELATIONS: dict[str, tuple[str, bool]] = {
    SDO + "attendee": ("participated in", True),
    RKG + "participatedIn": ("participated in", False),
    SDO + "organizer": ("organizer", False),
    RKG + "invitedBy": ("invited by", False),
    RKG + "heldIn": ("held in", False),
    RKG + "discussed": ("discussed", False),
    SDO + "containedInPlace": ("contained in", False),
    SDO + "affiliation": ("affiliation", False),
    RKG + "sessionOf": ("session of", False),
    RKG + "chairedBy": ("chaired by", False),
}
# relations that make an organization a participant of an event (co-participation)
PARTICIPATION = {"participated in", "organizer"}
_MENTIONS = {SDO + "mentions", SDO + "about", SDO + "name"}
_RELEASE_FIELDS = {SDO + "identifier": "id", SDO + "datePublished": "date", SDO + "headline": "title",
                   SDO + "url": "url"}


# ---------------------------------------------------------------------------------------------
# reading the store
# ---------------------------------------------------------------------------------------------

@dataclass
class _Release:
    iri: str
    id: str = ""
    title: str = ""
    date: str = ""
    url: str = ""

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date[:4].isdigit() else None


@dataclass
class _Corpus:
    releases: dict[str, _Release] = field(default_factory=dict)  # release IRI -> release
    kinds: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    names: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    alt_names: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    in_releases: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    starts: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    ends: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    # (source, target, relation) -> release IRIs
    edges: dict[tuple[str, str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    edge_evidence: dict[tuple[str, str, str], set[tuple[str, str]]] = field(default_factory=lambda: defaultdict(set))
    node_evidence: dict[str, set[tuple[str, str]]] = field(default_factory=lambda: defaultdict(set))


def _read(store: ox.Store, evidence: bool) -> _Corpus:
    import pyoxigraph as ox

    from .store import data_graph_names

    c = _Corpus()
    for g in data_graph_names(store):
        rel = _Release(g)
        seen_names: set[tuple[str, str]] = set()
        edges: list[tuple[str, str, str]] = []
        fields: dict[tuple[str, str], str] = {}  # (subject, release field) -> value
        for q in store.quads_for_pattern(None, None, None, ox.NamedNode(g)):
            s, p, o = q.subject, q.predicate.value, q.object
            if not isinstance(s, ox.NamedNode):
                continue
            sv = s.value
            literal = isinstance(o, ox.Literal)
            if p == RDF_TYPE:
                if o.value == SDO + "NewsArticle":
                    rel.iri = sv
                elif o.value in KINDS:
                    c.kinds[sv].add(KINDS[o.value])
                    c.in_releases[sv].add(g)
            elif p in RELATIONS:
                if not literal:
                    edges.append((sv, p, o.value))
            elif p == SDO + "name" and literal:
                if (sv, o.value) not in seen_names:
                    seen_names.add((sv, o.value))
                    c.names[sv][o.value] += 1
            elif p == SDO + "alternateName" and literal:
                c.alt_names[sv].add(o.value)
            elif p == SDO + "startDate" and literal:
                c.starts[sv].add(o.value)
            elif p == SDO + "endDate" and literal:
                c.ends[sv].add(o.value)
            elif p in _RELEASE_FIELDS:
                fields[(sv, _RELEASE_FIELDS[p])] = o.value
        for (s, name), value in sorted(fields.items()):
            if s == rel.iri:
                setattr(rel, name, value)
        for s, p, o in edges:
            c.edges[_edge_key(s, p, o)].add(g)
        rel.id = rel.id or g.rsplit("/", 1)[-1]
        c.releases[g] = rel
    # an edge whose ends are not both typed entities (e.g. a contact point) is not an edge
    for key in [k for k in c.edges if k[0] not in c.kinds or k[1] not in c.kinds]:
        del c.edges[key]
    if evidence:
        _read_evidence(store, c)
    return c


def _edge_key(s: str, p: str, o: str) -> tuple[str, str, str]:
    relation, reverse = RELATIONS[p]
    return (o, s, relation) if reverse else (s, o, relation)


def _read_evidence(store: ox.Store, c: _Corpus) -> None:
    """Attach the evidence sentences of the edges and of the mentions to the corpus."""
    import pyoxigraph as ox

    wanted = {RDF_NS + "subject", RDF_NS + "predicate", RDF_NS + "object", RKG + "inSentence", RKG + "text"}
    contained = RELATIONS[SDO + "containedInPlace"][0]
    placed: dict[str, list[tuple[str, str, str]]] = defaultdict(list)  # release -> its "contained in" edges
    for key, releases in c.edges.items():
        if key[2] == contained:
            for g in releases:
                placed[g].append(key)
    for g in c.releases:
        named: dict[str, str] = {}  # node -> the sentence its name was read in
        per: dict[str, dict[str, str]] = defaultdict(dict)
        for q in store.quads_for_pattern(None, None, None, ox.NamedNode(g + "/evidence")):
            p = q.predicate.value
            if p in wanted:
                per[q.subject.value][p] = q.object.value
        for ev in per.values():
            s, p, o = ev.get(RDF_NS + "subject"), ev.get(RDF_NS + "predicate"), ev.get(RDF_NS + "object")
            sent = per.get(ev.get(RKG + "inSentence", ""), {}).get(RKG + "text")  # (the text of its sentence node)
            if not (s and p and o and sent):
                continue
            sent = " ".join(sent.split())
            if p in RELATIONS:
                key = _edge_key(s, p, o)
                if key in c.edges:
                    c.edge_evidence[key].add((g, sent))
            elif p in _MENTIONS:
                node = s if p == SDO + "name" else o
                if node in c.kinds:
                    c.node_evidence[node].add((g, sent))
                if p == SDO + "name":
                    named.setdefault(s, sent)
        # a place's country, given with the place's name, shares the evidence of that name
        for key in placed.get(g, ()):
            if key[0] in named:
                c.edge_evidence[key].add((g, named[key[0]]))


# ---------------------------------------------------------------------------------------------
# the projections
# ---------------------------------------------------------------------------------------------

def _year(d: str) -> int | None:
    return int(d[:4]) if d[:4].isdigit() else None


def _span_of_years(years: Iterable[int | None]) -> tuple[int, int] | None:
    ys = [y for y in years if y is not None]
    return (min(ys), max(ys)) if ys else None


def _dates(attrs: dict, span: tuple[int, int] | None, start: str | None = None, end: str | None = None) -> None:
    if span is None:
        return
    attrs["first_year"], attrs["last_year"] = span
    attrs["start"] = start or f"{span[0]:04d}-01-01"
    attrs["end"] = end or f"{span[1]:04d}-12-31"


def entity_graph(store: ox.Store, *, evidence: bool = False) -> nx.MultiDiGraph:
    """The entity graph of the store's release data graphs (see the module docstring)."""
    return _entity_graph(_read(store, evidence), evidence)


def _entity_graph(c: _Corpus, evidence: bool) -> nx.MultiDiGraph:
    import networkx as nx

    rid = {g: r.id for g, r in c.releases.items()}
    G = nx.MultiDiGraph(name="release-kg entity graph")
    if evidence:
        G.graph["releases"] = {r.id: {"title": r.title, "date": r.date, "url": r.url}
                               for r in sorted(c.releases.values(), key=lambda r: r.id)}
    kind = {n: min(ks, key=_KIND_RANK.__getitem__) for n, ks in c.kinds.items()}

    # event dates first: other nodes' spans include the events they are linked to
    event_span: dict[str, tuple[str, str]] = {}
    for n, k in kind.items():
        if k == "event" and (c.starts.get(n) or c.ends.get(n)):
            start = min(c.starts.get(n) or c.ends[n])
            end = max(c.ends.get(n) or c.starts[n])
            event_span[n] = (start, max(start, end))
    neighbours_events: dict[str, set[str]] = defaultdict(set)
    for u, v, _ in c.edges:
        if v in event_span:
            neighbours_events[u].add(v)
        if u in event_span:
            neighbours_events[v].add(u)

    for n in sorted(kind):
        names = c.names.get(n) or Counter({n.rsplit("/", 1)[-1]: 1})
        label = min(names, key=lambda x: (-names[x], x))
        alts = sorted((set(names) | c.alt_names.get(n, set())) - {label})
        releases = sorted({rid[g] for g in c.in_releases[n]})
        attrs: dict[str, Any] = {"label": label, "type": kind[n], "alt_names": alts, "releases": releases,
                                 "release_count": len(releases)}
        if n in event_span:
            s, e = event_span[n]
            _dates(attrs, (_year(s), _year(e)), s, e)
        else:
            years = [c.releases[g].year for g in c.in_releases[n]]
            for ev in neighbours_events.get(n, ()):
                years += [_year(d) for d in event_span[ev]]
            _dates(attrs, _span_of_years(years))
        if evidence:
            attrs["evidence"] = sorted((rid[g], s) for g, s in c.node_evidence.get(n, ()))
        G.add_node(n, **attrs)

    for (u, v, relation) in sorted(c.edges):
        gs = c.edges[(u, v, relation)]
        releases = sorted({rid[g] for g in gs})
        attrs = {"relation": relation, "weight": len(releases), "releases": releases}
        ev_node = u if u in event_span else v if v in event_span else None
        if ev_node is not None:
            s, e = event_span[ev_node]
            _dates(attrs, (_year(s), _year(e)), s, e)
        else:
            _dates(attrs, _span_of_years(c.releases[g].year for g in gs))
        if evidence:
            attrs["evidence"] = sorted((rid[g], s) for g, s in c.edge_evidence.get((u, v, relation), ()))
        G.add_edge(u, v, key=relation, **attrs)
    return G


def coparticipation(source: ox.Store | nx.Graph) -> nx.Graph:
    """Organizations linked by the events they attended or organized together.

    ``source`` is a store or an entity graph from :func:`entity_graph`. Nodes are the organizations
    that took part in at least one event (attribute ``events``: how many); an edge's ``weight`` is the
    number of events both took part in, ``events`` lists them, ``first_year``/``last_year`` (and
    ``start``/``end``) span their dates.
    """
    import networkx as nx

    E = source if isinstance(source, nx.Graph) else entity_graph(source)
    participants: dict[str, set[str]] = defaultdict(set)
    for u, v, data in E.edges(data=True):
        if data.get("relation") not in PARTICIPATION:
            continue
        org, event = (u, v) if E.nodes[u].get("type") == "organization" else (v, u)
        if E.nodes[org].get("type") == "organization" and E.nodes[event].get("type") == "event":
            participants[event].add(org)
    events_of: dict[str, set[str]] = defaultdict(set)
    shared: dict[tuple[str, str], set[str]] = defaultdict(set)
    for event, orgs in participants.items():
        ordered = sorted(orgs)
        for i, a in enumerate(ordered):
            events_of[a].add(event)
            for b in ordered[i + 1:]:
                shared[(a, b)].add(event)

    def span(events: Iterable[str]) -> tuple[int, int] | None:
        years = []
        for e in events:
            years += [E.nodes[e].get("first_year"), E.nodes[e].get("last_year")]
        return _span_of_years(years)

    C = nx.Graph(name="release-kg organization co-participation")
    for org in sorted(events_of):
        attrs = {"label": E.nodes[org].get("label", org), "type": "organization", "events": len(events_of[org])}
        _dates(attrs, span(events_of[org]))
        C.add_node(org, **attrs)
    for (a, b) in sorted(shared):
        events = sorted(shared[(a, b)])
        attrs = {"weight": len(events), "events": events}
        _dates(attrs, span(events))
        C.add_edge(a, b, **attrs)
    return C


# ---------------------------------------------------------------------------------------------
# exports
# ---------------------------------------------------------------------------------------------

LIST_SEP = "|"
_SKIP = {"evidence"}  # attributes too large or too structured for a network file


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _flat_value(v: Any) -> Any:
    """A value every format can hold: lists joined, and no characters XML forbids (GraphML)."""
    if isinstance(v, (list, tuple, set)):
        v = LIST_SEP.join(str(x) for x in (sorted(v) if isinstance(v, set) else v))
    return _NOT_XML.sub(" ", v) if isinstance(v, str) else v


def _flat_attrs(d: dict) -> dict:
    return {k: _flat_value(v) for k, v in sorted(d.items()) if k not in _SKIP and v is not None}


def _sorted_nodes(graph: nx.Graph) -> list[tuple[Any, dict]]:
    return sorted(graph.nodes(data=True), key=lambda x: str(x[0]))


def _sorted_edges(graph: nx.Graph) -> list[tuple[Any, Any, Any, dict]]:
    """(u, v, key, data) in sorted order; key is None for a simple graph; an undirected edge has u <= v."""
    out = []
    if graph.is_multigraph():
        items = graph.edges(keys=True, data=True)
    else:
        items = ((u, v, None, d) for u, v, d in graph.edges(data=True))
    for u, v, k, d in items:
        if not graph.is_directed() and str(v) < str(u):
            u, v = v, u
        out.append((u, v, k, d))
    out.sort(key=lambda e: (str(e[0]), str(e[1]), str(e[2])))
    return out


def flat_copy(graph: nx.Graph) -> nx.Graph:
    """A copy of ``graph`` whose attributes every network format can hold: lists joined by ``|``,
    no ``None``, no evidence, no graph-level structures; nodes and edges in sorted order."""
    H = graph.__class__()
    H.graph.update({k: v for k, v in graph.graph.items() if isinstance(v, (str, int, float, bool))})
    for n, d in _sorted_nodes(graph):
        H.add_node(n, **_flat_attrs(d))
    for u, v, k, d in _sorted_edges(graph):
        if k is None:
            H.add_edge(u, v, **_flat_attrs(d))
        else:
            H.add_edge(u, v, key=k, **_flat_attrs(d))
    return H


def write_graphml(graph: nx.Graph, path: str | Path) -> list[Path]:
    import networkx as nx

    H = flat_copy(graph)
    write_atomic(path, lambda tmp: nx.write_graphml(H, str(tmp), encoding="utf-8", prettyprint=True))
    return [Path(path)]


def _gexf_type(values: list) -> str:
    if values and all(isinstance(x, bool) for x in values):
        return "boolean"
    if values and all(isinstance(x, int) and not isinstance(x, bool) for x in values):
        return "integer"
    if values and all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in values):
        return "double"
    return "string"


def _gexf_value(v: Any, typ: str) -> str:
    if typ == "boolean":
        return "true" if v else "false"
    return str(v)


def gexf_text(graph: nx.Graph) -> str:
    """GEXF 1.2 (dynamic) text of ``graph``: nodes and edges carry ``start``/``end`` as dates.

    Written here rather than with ``networkx.write_gexf`` to keep it byte-stable (no date of
    writing) and to declare only what the 1.2 schema allows.
    """
    H = flat_copy(graph)
    native = {"label", "start", "end", "weight"}
    nodes = _sorted_nodes(H)
    edges = _sorted_edges(H)

    def declare(items: list[dict]) -> list[tuple[str, str, str]]:
        keys = sorted({k for d in items for k in d if k not in native})
        return [(str(i), k, _gexf_type([d[k] for d in items if k in d])) for i, k in enumerate(keys)]

    node_attrs = declare([d for _, d in nodes])
    edge_attrs = declare([d for *_, d in edges])
    dynamic = any("start" in d or "end" in d for _, d in nodes) or any("start" in d or "end" in d for *_, d in edges)
    out = io.StringIO()
    w = out.write
    w('<?xml version="1.0" encoding="UTF-8"?>\n')
    w('<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
      'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">\n')
    w(f'  <meta>\n    <creator>release-kg</creator>\n    <description>{_xml_text(str(graph.graph.get("name", "")))}'
      '</description>\n  </meta>\n')
    mode = "dynamic" if dynamic else "static"
    edgetype = "directed" if H.is_directed() else "undirected"
    w(f'  <graph mode="{mode}" defaultedgetype="{edgetype}"' + (' timeformat="date"' if dynamic else "") + ">\n")
    for cls, decl in (("node", node_attrs), ("edge", edge_attrs)):
        if decl:
            w(f'    <attributes class="{cls}" mode="static">\n')
            for aid, title, typ in decl:
                w(f'      <attribute id="{aid}" title={quoteattr(title)} type="{typ}"/>\n')
            w("    </attributes>\n")

    def attvalues(d: dict, decl: list[tuple[str, str, str]], indent: str) -> None:
        vals = [(aid, _gexf_value(d[t], typ)) for aid, t, typ in decl if t in d]
        if vals:
            w(f"{indent}<attvalues>\n")
            for aid, v in vals:
                w(f'{indent}  <attvalue for="{aid}" value={quoteattr(_xml_clean(v))}/>\n')
            w(f"{indent}</attvalues>\n")

    def time_attrs(d: dict) -> str:
        return "".join(f" {k}={quoteattr(str(d[k]))}" for k in ("start", "end") if k in d)

    w("    <nodes>\n")
    for n, d in nodes:
        label = _xml_clean(str(d.get("label", n)))
        w(f"      <node id={quoteattr(_xml_clean(str(n)))} label={quoteattr(label)}{time_attrs(d)}>\n")
        attvalues(d, node_attrs, "        ")
        w("      </node>\n")
    w("    </nodes>\n    <edges>\n")
    for i, (u, v, k, d) in enumerate(edges):
        label = d.get("relation", k if k is not None else None)
        extra = f" label={quoteattr(_xml_clean(str(label)))}" if label is not None else ""
        if "weight" in d:
            extra += f' weight="{float(d["weight"])}"'
        w(f'      <edge id="{i}" source={quoteattr(_xml_clean(str(u)))} target={quoteattr(_xml_clean(str(v)))}'
          f"{extra}{time_attrs(d)}>\n")
        attvalues(d, edge_attrs, "        ")
        w("      </edge>\n")
    w("    </edges>\n  </graph>\n</gexf>\n")
    return out.getvalue()


def _xml_clean(s: str) -> str:
    """``s`` without the characters XML 1.0 cannot carry."""
    return "".join(ch for ch in s if ch in "\t\n\r" or (" " <= ch <= "\ud7ff") or ("\ue000" <= ch <= "\ufffd")
                   or ch > "\uffff")


def _xml_text(s: str) -> str:
    return _xml_clean(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_gexf(graph: nx.Graph, path: str | Path) -> list[Path]:
    data = gexf_text(graph).encode("utf-8")
    write_atomic(path, lambda tmp: tmp.write_bytes(data))
    return [Path(path)]


def cytoscape_json(graph: nx.Graph) -> dict:
    """Cytoscape.js JSON (``elements``) of ``graph``; re-read with ``networkx.cytoscape_graph``."""
    import networkx as nx

    H = flat_copy(graph)
    data = nx.cytoscape_data(H, name="label", ident="id")
    # a label attribute is written as cytoscape's "name"; keep it under both names
    for el in data["elements"]["nodes"]:
        el["data"]["label"] = el["data"].get("name", "")
    return data


def write_cytoscape(graph: nx.Graph, path: str | Path) -> list[Path]:
    data = (json.dumps(cytoscape_json(graph), ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    write_atomic(path, lambda tmp: tmp.write_bytes(data))
    return [Path(path)]


def dot_quote(s: Any) -> str:
    r"""A DOT double-quoted string.

    >>> print(dot_quote('say "hi"\\n'))
    "say \"hi\"\\n"
    """
    text = str(s).replace("\\", "\\\\").replace('"', '\\"').replace("\r", "").replace("\n", "\\n")
    return f'"{text}"'


def dot_text(graph: nx.Graph) -> str:
    """Graphviz DOT text of ``graph``: every attribute a quoted string, numbers bare."""
    H = flat_copy(graph)
    directed = H.is_directed()
    arrow = "->" if directed else "--"

    def attrs(d: dict) -> str:
        parts = []
        for k, v in d.items():
            val = str(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else dot_quote(v)
            parts.append(f"{dot_quote(k)}={val}")
        return f" [{', '.join(parts)}]" if parts else ""

    lines = [f"{'strict ' if not H.is_multigraph() else ''}{'digraph' if directed else 'graph'} "
             f"{dot_quote(graph.graph.get('name', 'release-kg'))} {{"]
    for n, d in _sorted_nodes(H):
        lines.append(f"  {dot_quote(n)}{attrs(d)};")
    for u, v, k, d in _sorted_edges(H):
        dd = dict(d)
        if k is not None:
            dd = {"key": k, **dd}
        if "relation" in dd and "label" not in dd:
            dd["label"] = dd["relation"]
        lines.append(f"  {dot_quote(u)} {arrow} {dot_quote(v)}{attrs(dd)};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def write_dot(graph: nx.Graph, path: str | Path) -> list[Path]:
    data = dot_text(graph).encode("utf-8")
    write_atomic(path, lambda tmp: tmp.write_bytes(data))
    return [Path(path)]


def csv_paths(path: str | Path) -> tuple[Path, Path]:
    """``<stem>-nodes.csv`` and ``<stem>-edges.csv`` beside ``path`` (whose suffix is dropped)."""
    p = Path(path)
    stem = p.stem if p.suffix.lower() == ".csv" else p.name
    return p.with_name(f"{stem}-nodes.csv"), p.with_name(f"{stem}-edges.csv")


_NODE_FIRST = ["label", "type", "start", "end", "first_year", "last_year"]
_EDGE_FIRST = ["relation", "weight", "start", "end", "first_year", "last_year"]


def _columns(items: list[dict], first: list[str]) -> list[str]:
    keys = {k for d in items for k in d}
    return [k for k in first if k in keys] + sorted(keys - set(first))


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    """A text that a spreadsheet would run as a formula ("=HYPERLINK(...)", "+1", "@SUM") is written
    with a quote before it, as spreadsheets write text; numbers are written as they are.

    >>> _cell("=cmd|' /C calc'!A0"), _cell("-5"), _cell(-5), _cell("Freedonia Customs")
    ("'=cmd|' /C calc'!A0", "'-5", -5, 'Freedonia Customs')
    """
    return "'" + value if isinstance(value, str) and value.startswith(_FORMULA_START) else value


def csv_texts(graph: nx.Graph) -> tuple[str, str]:
    """The nodes and the edges tables of ``graph`` as CSV text (texts that a spreadsheet would run as
    a formula are quoted, see ``_cell``)."""
    H = flat_copy(graph)
    nodes = _sorted_nodes(H)
    edges = _sorted_edges(H)
    ncols = _columns([d for _, d in nodes], _NODE_FIRST)
    ecols = _columns([d for *_, d in edges], _EDGE_FIRST)
    nbuf, ebuf = io.StringIO(), io.StringIO()
    nw = csv.writer(nbuf, lineterminator="\n")
    nw.writerow(["id", "degree"] + ncols)
    for n, d in nodes:
        nw.writerow([_cell(n), H.degree(n)] + [_cell(d.get(c, "")) for c in ncols])
    ew = csv.writer(ebuf, lineterminator="\n")
    key_col = ["key"] if H.is_multigraph() else []
    ew.writerow(["source", "target"] + key_col + ecols)
    for u, v, k, d in edges:
        ew.writerow([_cell(u), _cell(v)] + ([_cell(k)] if key_col else []) + [_cell(d.get(c, "")) for c in ecols])
    return nbuf.getvalue(), ebuf.getvalue()


def write_csv(graph: nx.Graph, path: str | Path) -> list[Path]:
    nodes_path, edges_path = csv_paths(path)
    nodes_text, edges_text = csv_texts(graph)
    write_atomic(nodes_path, lambda tmp: tmp.write_text(nodes_text, encoding="utf-8"))
    write_atomic(edges_path, lambda tmp: tmp.write_text(edges_text, encoding="utf-8"))
    return [nodes_path, edges_path]


NETWORK_FORMATS: dict[str, Callable[[Any, str | Path], list[Path]]] = {
    "graphml": write_graphml,
    "gexf": write_gexf,
    "cytoscape": write_cytoscape,
    "dot": write_dot,
    "csv": write_csv,
}
NETWORK_SUFFIXES = {".graphml": "graphml", ".gexf": "gexf", ".cyjs": "cytoscape", ".dot": "dot", ".gv": "dot",
                    ".csv": "csv"}
PROJECTIONS = ("entities", "coparticipation")


def guess_network_format(path: str | Path) -> str | None:
    return NETWORK_SUFFIXES.get(Path(path).suffix.lower())


def projection(store: ox.Store, which: str = "entities") -> nx.Graph:
    """The ``entities`` graph or the organization ``coparticipation`` graph of ``store``."""
    if which == "entities":
        return entity_graph(store)
    if which == "coparticipation":
        return coparticipation(store)
    raise UsageError(f"unknown network {which!r}; use one of {', '.join(PROJECTIONS)}")


def write_network(graph: nx.Graph, fmt: str, path: str | Path) -> list[Path]:
    """Write ``graph`` in the network format ``fmt``; returns the files written."""
    if fmt not in NETWORK_FORMATS:
        raise UsageError(f"unknown network format {fmt!r}; use one of {', '.join(NETWORK_FORMATS)}")
    return NETWORK_FORMATS[fmt](graph, path)


def export_network(store_path: str | Path, fmt: str, path: str | Path, which: str = "entities") -> list[Path]:
    """Open the store at ``store_path``, project it (``which``) and write it as ``fmt`` to ``path``."""
    from .store import read_store

    if fmt not in NETWORK_FORMATS:
        raise UsageError(f"unknown network format {fmt!r}; use one of {', '.join(NETWORK_FORMATS)}")
    with read_store(store_path) as store:
        graph = projection(store, which)
    return write_network(graph, fmt, path)
