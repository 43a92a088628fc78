"""The network projections, their exports, the statistics and the static overview.

The store is built from four hand-written releases in ``fixtures/network``. Read by hand, they say:

* 01 (March 2020): at the invitation of UNODC, WCO and INTERPOL took part in the 3rd meeting of the
  Working Group on Firearms (a session of that group, which holds it), in Vienna, Austria, 2-4 March 2020;
* 02 (November 2020): WCO, INTERPOL and IOM took part in a forum on border security in Geneva,
  Switzerland, 16-18 November 2020;
* 03 (June 2021): WCO and UNODC organized a workshop on container control in Nairobi, Kenya,
  8-10 June 2021, and IOM took part;
* 04 (October 2022): INTERPOL hosted the 2nd Global Conference on Illicit Trade in Lyon, France,
  11-12 October 2022, WCO attended; Kunio Mikuriya (WCO) spoke.

So the organizations shared events as follows (attended or organized; an invitation is neither):
WCO-INTERPOL 3 (01, 02, 04), WCO-IOM 2 (02, 03), INTERPOL-IOM 1 (02), WCO-UNODC 1 (03), IOM-UNODC 1 (03),
WGF-WCO 1 (01), WGF-INTERPOL 1 (01).
Every count is also checked against SPARQL on the store.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from kg.builder import build
from kg.network import (NETWORK_FORMATS, coparticipation, csv_paths, entity_graph, write_graphml,
                        write_network)
from kg.stats import graph_stats, render_stats, stats, stats_json
from kg.store import data_graph_names, open_store
from kg.viz import overview_svg, render_html, write_overview_svg

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "network"
ID = "https://w3id.org/release-kg/id/"
WCO, INTERPOL, IOM, UNODC, WGF = (ID + "org/" + x for x in (
    "world-customs-organization", "international-criminal-police-organization",
    "international-organization-for-migration", "united-nations-office-on-drugs-and-crime",
    "working-group-on-firearms"))
ACRONYM = {WCO: "WCO", INTERPOL: "INTERPOL", IOM: "IOM", UNODC: "UNODC", WGF: "WGF"}
PREFIXES = """PREFIX schema: <https://schema.org/>
PREFIX rkg: <https://w3id.org/release-kg/ontology#>
"""
# the projection's definition, restated for the SPARQL cross-checks: class -> type, predicate -> relation
CLASSES = {"schema:Organization": "organization", "schema:Event": "event", "schema:City": "city",
           "schema:Country": "country", "schema:Place": "place", "schema:Person": "person",
           "rkg:Programme": "programme", "schema:Legislation": "instrument", "rkg:Topic": "topic"}
EDGES_SPARQL = """SELECT DISTINCT ?a ?b ?rel WHERE {
  { ?b schema:attendee ?a BIND("participated in" AS ?rel) } UNION { ?a rkg:participatedIn ?b BIND("participated in" AS ?rel) }
  UNION { ?a schema:organizer ?b BIND("organizer" AS ?rel) } UNION { ?a rkg:invitedBy ?b BIND("invited by" AS ?rel) }
  UNION { ?a rkg:heldIn ?b BIND("held in" AS ?rel) } UNION { ?a rkg:discussed ?b BIND("discussed" AS ?rel) }
  UNION { ?a schema:containedInPlace ?b BIND("contained in" AS ?rel) }
  UNION { ?a schema:affiliation ?b BIND("affiliation" AS ?rel) } UNION { ?a rkg:sessionOf ?b BIND("session of" AS ?rel) }
  UNION { ?a rkg:chairedBy ?b BIND("chaired by" AS ?rel) }
  ?a a ?ca . ?b a ?cb .
  VALUES ?ca { %(classes)s } VALUES ?cb { %(classes)s }
}""" % {"classes": " ".join(CLASSES)}


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("network") / "store"
    report = build([FIXTURES], path, jobs=1)
    assert (report.read, report.added, report.quarantined, report.failed) == (4, 4, 0, 0), report.as_dict()
    return path


def from_store(store_path: Path, what, **kw):
    """``what(store, **kw)`` on the store at ``store_path``, opened and closed again."""
    with open_store(store_path, create=False) as store:
        return what(store, **kw)


@pytest.fixture(scope="module")
def graphs(store_path):
    G = from_store(store_path, entity_graph, evidence=True)
    return G, coparticipation(G)


def sparql(store_path: Path, query: str, *, named: bool = False) -> list[dict]:
    """Rows of a SELECT over the release data graphs (as the default graph, or as named graphs)."""
    store = ox.Store.read_only(str(store_path))
    try:
        graphs = [ox.NamedNode(g) for g in data_graph_names(store)]
        kw = {"named_graphs": graphs} if named else {"default_graph": graphs}
        result = store.query(PREFIXES + query, **kw)
        return [{v.value: (s[v].value if s[v] is not None else None) for v in result.variables} for s in result]
    finally:
        del store


def by_label(G) -> dict[str, str]:
    return {d["label"]: n for n, d in G.nodes(data=True)}


# ----------------------------------------------------------------------------- the entity graph


def test_entity_nodes_as_read_by_hand(graphs):
    G, _ = graphs
    types = Counter(d["type"] for _, d in G.nodes(data=True))
    assert {t: types[t] for t in ("organization", "event", "city", "country", "person")} == {
        "organization": 5, "event": 4, "city": 4, "country": 4, "person": 1}
    assert types["topic"] >= 4  # one or more per event, as the extractor phrases them
    assert {"release", "contact"}.isdisjoint(types)
    assert not any("/release/" in n for n in G)  # releases give node release lists, they are not nodes
    labels = by_label(G)
    for city in ("Vienna", "Geneva", "Nairobi", "Lyon"):
        assert G.nodes[labels[city]]["type"] == "city"
    wco = G.nodes[WCO]
    assert wco["label"] == "World Customs Organization" and wco["alt_names"] == ["WCO"]
    assert wco["releases"] == ["01-review-group", "02-forum", "03-workshop", "04-conference"]
    assert (wco["first_year"], wco["last_year"], wco["start"], wco["end"]) == (2020, 2022, "2020-01-01", "2022-12-31")
    assert G.nodes[IOM]["releases"] == ["02-forum", "03-workshop"]
    assert (G.nodes[IOM]["first_year"], G.nodes[IOM]["last_year"]) == (2020, 2021)
    meeting = G.nodes[labels["3rd meeting of the Working Group on Firearms"]]
    assert (meeting["start"], meeting["end"], meeting["first_year"]) == ("2020-03-02", "2020-03-04", 2020)
    conference = G.nodes[labels["2nd Global Conference on Illicit Trade"]]
    assert (conference["start"], conference["end"]) == ("2022-10-11", "2022-10-12")


def test_entity_edges_as_read_by_hand(graphs):
    G, _ = graphs
    rel = Counter(k for _, _, k in G.edges(keys=True))
    assert {r: rel[r] for r in ("participated in", "organizer", "invited by", "held in", "contained in",
                                "affiliation", "session of")} == {
        "participated in": 7, "organizer": 4, "invited by": 1, "held in": 8, "contained in": 4,
        "affiliation": 1, "session of": 1}
    assert not {"mentions", "about"} & set(rel)

    def pairs(relation):
        return {(ACRONYM.get(u, G.nodes[u]["label"]), ACRONYM.get(v, G.nodes[v]["label"]))
                for u, v, k in G.edges(keys=True) if k == relation}
    meeting, forum = "3rd meeting of the Working Group on Firearms", "international forum on border security"
    workshop, conference = "regional workshop on container control", "2nd Global Conference on Illicit Trade"
    assert pairs("participated in") == {("WCO", meeting), ("INTERPOL", meeting), ("WCO", forum), ("INTERPOL", forum),
                                        ("IOM", forum), ("IOM", workshop), ("WCO", conference)}
    assert pairs("organizer") == {(meeting, "WGF"), (workshop, "WCO"), (workshop, "UNODC"), (conference, "INTERPOL")}
    assert pairs("invited by") == {(meeting, "UNODC")}
    assert pairs("session of") == {(meeting, "WGF")}
    assert pairs("affiliation") == {("Kunio Mikuriya", "WCO")}
    assert ("Vienna", "Austria") in pairs("contained in")
    # every edge: its release count and its span (the event's dates when an end is an event)
    for u, v, k, d in G.edges(keys=True, data=True):
        assert d["relation"] == k and d["weight"] == len(d["releases"]) == 1
        assert d["evidence"], (u, k, v)
    d = G.edges[WCO, by_label(G)[conference], "participated in"]
    assert (d["start"], d["end"], d["releases"]) == ("2022-10-11", "2022-10-12", ["04-conference"])
    assert ("04-conference", "The World Customs Organization (WCO) attended the conference.") in d["evidence"]


def test_entity_graph_counts_match_sparql(store_path, graphs):
    G, _ = graphs
    rows = sparql(store_path, "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c VALUES ?c { %s } } GROUP BY ?c"
                  % " ".join(CLASSES))
    full = {c.replace("schema:", "https://schema.org/").replace("rkg:", "https://w3id.org/release-kg/ontology#"): t
            for c, t in CLASSES.items()}
    expected = {full[r["c"]]: int(r["n"]) for r in rows}
    assert dict(Counter(d["type"] for _, d in G.nodes(data=True))) == expected
    assert G.number_of_nodes() == sum(expected.values())
    edges = sparql(store_path, EDGES_SPARQL)
    assert G.number_of_edges() == len(edges)
    assert {(u, v, k) for u, v, k in G.edges(keys=True)} == {(r["a"], r["b"], r["rel"]) for r in edges}
    # a node's releases: the data graphs that name it
    rows = sparql(store_path, "SELECT ?s (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s a ?c VALUES ?c { %s } } } "
                  "GROUP BY ?s" % " ".join(CLASSES), named=True)
    assert {n: d["release_count"] for n, d in G.nodes(data=True)} == {r["s"]: int(r["n"]) for r in rows}


def test_release_metadata_travels_with_the_graph(graphs):
    G, _ = graphs
    assert sorted(G.graph["releases"]) == ["01-review-group", "02-forum", "03-workshop", "04-conference"]
    assert G.graph["releases"]["02-forum"] == {"title": "Border security partners gather in Geneva",
                                               "date": "2020-11-20", "url": ""}


# ----------------------------------------------------------------------------- co-participation


def test_coparticipation_weights_by_hand(graphs):
    _, C = graphs
    got = {frozenset((ACRONYM[a], ACRONYM[b])): d["weight"] for a, b, d in C.edges(data=True)}
    assert got == {frozenset(p): w for p, w in [
        (("WCO", "INTERPOL"), 3), (("WCO", "IOM"), 2), (("INTERPOL", "IOM"), 1), (("WCO", "UNODC"), 1),
        (("IOM", "UNODC"), 1), (("WGF", "WCO"), 1), (("WGF", "INTERPOL"), 1)]}
    assert set(C) == {WCO, INTERPOL, IOM, UNODC, WGF}  # the Working Group on Firearms holds its meeting
    assert {ACRONYM[n]: d["events"] for n, d in C.nodes(data=True)} == {"WCO": 4, "INTERPOL": 3, "IOM": 2, "UNODC": 1,
                                                                      "WGF": 1}
    e = C.edges[WCO, INTERPOL]
    assert (e["first_year"], e["last_year"]) == (2020, 2022) and len(e["events"]) == 3
    e = C.edges[WCO, IOM]
    assert (e["first_year"], e["last_year"], e["start"], e["end"]) == (2020, 2021, "2020-01-01", "2021-12-31")


def test_coparticipation_matches_sparql(store_path, graphs):
    _, C = graphs
    rows = sparql(store_path, """
        SELECT ?a ?b (COUNT(DISTINCT ?e) AS ?n) (MIN(YEAR(?sd)) AS ?y0) (MAX(YEAR(?ed)) AS ?y1) WHERE {
          { ?e schema:attendee|schema:organizer ?a } UNION { ?a rkg:participatedIn ?e }
          { ?e schema:attendee|schema:organizer ?b } UNION { ?b rkg:participatedIn ?e }
          ?a a schema:Organization . ?b a schema:Organization . ?e a schema:Event .
          OPTIONAL { ?e schema:startDate ?sd } OPTIONAL { ?e schema:endDate ?ed }
          FILTER(STR(?a) < STR(?b))
        } GROUP BY ?a ?b""")
    expected = {(r["a"], r["b"]): (int(r["n"]), int(r["y0"]), int(r["y1"])) for r in rows}
    got = {tuple(sorted((a, b))): (d["weight"], d["first_year"], d["last_year"]) for a, b, d in C.edges(data=True)}
    assert got == expected


def test_partners_by_hand_and_as_co_participants(store_path):
    """The named query ``partners`` gives, for one organization, its rows of ``co-participants``."""
    import kg.sparql

    def named(name: str, **params: str) -> list[dict]:
        text, bindings = kg.sparql.resolve_query(name, None, params)
        with open_store(store_path, create=False) as store:
            return kg.sparql.run(store, text, bindings)[1]

    names = sorted(r["name"] for r in named("organizations"))
    assert [(r["partner"], r["shared_events"]) for r in named("partners", org="WCO")] == [
        ("International Criminal Police Organization", 3), ("International Organization for Migration", 2),
        ("United Nations Office on Drugs and Crime", 1), ("Working Group on Firearms", 1)]
    pairs = named("co-participants")
    for name in names:
        expected = sorted(((r["org_b"] if r["org_a"] == name else r["org_a"]), r["shared_events"])
                          for r in pairs if name in (r["org_a"], r["org_b"]))
        got = [(r["partner"], r["shared_events"]) for r in named("partners", org=name.upper())]
        assert sorted(got) == expected, name
        assert got == sorted(got, key=lambda p: (-p[1], p[0])), "the most frequent partners first, then by name"


def test_coparticipation_from_the_store_equals_from_the_graph(store_path, graphs):
    _, C = graphs
    C2 = from_store(store_path, coparticipation)
    assert sorted(C.edges(data=True)) == sorted(C2.edges(data=True))


# ----------------------------------------------------------------------------- exports


def read_dot(text: str) -> tuple[bool, dict[str, dict], list[tuple[str, str, dict]]]:
    """A small reader of the DOT subset the exporter writes: (directed, nodes, edges)."""
    tokens = re.findall(r'"(?:[^"\\]|\\.)*"|->|--|[{}\[\]=,;]|[A-Za-z_][\w.]*|-?\d+(?:\.\d+)?', text)

    def value(tok: str):
        if tok.startswith('"'):
            return re.sub(r"\\(.)", lambda m: {"n": "\n"}.get(m.group(1), m.group(1)), tok[1:-1])
        return float(tok) if "." in tok else int(tok) if re.fullmatch(r"-?\d+", tok) else tok

    i = 0
    if tokens[i] == "strict":
        i += 1
    directed = tokens[i] == "digraph"
    i += 2
    assert tokens[i] == "{"
    i += 1
    nodes: dict[str, dict] = {}
    edges: list[tuple[str, str, dict]] = []
    while tokens[i] != "}":
        first = value(tokens[i])
        i += 1
        second = None
        if tokens[i] in ("->", "--"):
            assert tokens[i] == ("->" if directed else "--")
            second = value(tokens[i + 1])
            i += 2
        attrs = {}
        if tokens[i] == "[":
            i += 1
            while tokens[i] != "]":
                k, eq, v = tokens[i], tokens[i + 1], tokens[i + 2]
                assert eq == "="
                attrs[value(k)] = value(v)
                i += 3
                if tokens[i] == ",":
                    i += 1
            i += 1
        assert tokens[i] == ";"
        i += 1
        if second is None:
            nodes[first] = attrs
        else:
            edges.append((first, second, attrs))
    return directed, nodes, edges


GEXF_NS = "{http://www.gexf.net/1.2draft}"
GEXF_TYPES = {"integer", "long", "double", "float", "boolean", "liststring", "string", "anyURI"}


def check_gexf(path: Path) -> ET.Element:
    """Check a GEXF file against the structure of the GEXF 1.2draft schema: which elements may hold
    which, the attributes each may carry and their value spaces, ids unique, references resolved.

    (The schema files themselves are not fetched: tests run without a network. When GEXF_XSD names a
    local copy of gexf.xsd, :func:`test_gexf_validates_against_local_xsd` validates with it too.)"""
    root = ET.parse(path).getroot()
    assert root.tag == GEXF_NS + "gexf" and root.get("version") == "1.2"
    allowed = {
        "gexf": ({"version", "variant", "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation"}, ["meta", "graph"]),
        "meta": ({"lastmodifieddate"}, ["creator", "keywords", "description"]),
        "creator": (set(), []), "keywords": (set(), []), "description": (set(), []),
        "graph": ({"timeformat", "start", "end", "startopen", "endopen", "defaultedgetype", "idtype", "mode"},
                  ["attributes", "nodes", "edges"]),
        "attributes": ({"class", "mode", "start", "end", "startopen", "endopen"}, ["attribute"]),
        "attribute": ({"id", "title", "type"}, ["default", "options"]),
        "nodes": ({"count"}, ["node"]), "edges": ({"count"}, ["edge"]),
        "node": ({"id", "label", "start", "end", "startopen", "endopen", "pid"}, ["attvalues", "spells", "nodes",
                                                                                   "edges", "parents"]),
        "edge": ({"id", "type", "label", "source", "target", "weight", "start", "end", "startopen", "endopen"},
                 ["attvalues", "spells"]),
        "attvalues": (set(), ["attvalue"]),
        "attvalue": ({"for", "value", "start", "end", "startopen", "endopen"}, []),
    }

    def walk(el: ET.Element) -> None:
        assert el.tag.startswith(GEXF_NS), el.tag
        name = el.tag[len(GEXF_NS):]
        attrs, children = allowed[name]
        assert set(el.attrib) <= attrs, (name, set(el.attrib) - attrs)
        for child in el:
            assert child.tag[len(GEXF_NS):] in children, (name, child.tag)
            walk(child)
    walk(root)
    graph = root.find(GEXF_NS + "graph")
    order = [c.tag[len(GEXF_NS):] for c in graph]
    assert order == sorted(order, key=["attributes", "nodes", "edges"].index) and order[-2:] == ["nodes", "edges"]
    assert graph.get("mode") in ("static", "dynamic")
    assert graph.get("defaultedgetype") in ("directed", "undirected", "mutual")
    assert graph.get("timeformat", "date") in ("integer", "double", "date", "dateTime")
    declared: dict[str, dict[str, str]] = {"node": {}, "edge": {}}
    for attributes in graph.findall(GEXF_NS + "attributes"):
        assert attributes.get("class") in ("node", "edge") and attributes.get("mode", "static") in ("static", "dynamic")
        for a in attributes:
            assert a.get("id") and a.get("title") and a.get("type") in GEXF_TYPES
            assert a.get("id") not in declared[attributes.get("class")]
            declared[attributes.get("class")][a.get("id")] = a.get("type")

    def check_time(el: ET.Element) -> None:
        if graph.get("timeformat") == "date":
            for k in ("start", "end"):
                if el.get(k) is not None:
                    dt.date.fromisoformat(el.get(k))
            if el.get("start") and el.get("end"):
                assert el.get("start") <= el.get("end")

    def check_values(el: ET.Element, cls: str) -> None:
        for av in el.iter(GEXF_NS + "attvalue"):
            typ = declared[cls][av.get("for")]
            v = av.get("value")
            if typ in ("integer", "long"):
                int(v)
            elif typ in ("double", "float"):
                float(v)
            elif typ == "boolean":
                assert v in ("true", "false", "1", "0")

    node_ids = set()
    for node in graph.iter(GEXF_NS + "node"):
        assert node.get("id") not in node_ids
        node_ids.add(node.get("id"))
        check_time(node)
        check_values(node, "node")
    edge_ids = set()
    for edge in graph.iter(GEXF_NS + "edge"):
        assert edge.get("id") not in edge_ids
        edge_ids.add(edge.get("id"))
        assert edge.get("source") in node_ids and edge.get("target") in node_ids
        if edge.get("weight") is not None:
            float(edge.get("weight"))
        check_time(edge)
        check_values(edge, "edge")
    return root


def export_and_reread(graph: nx.Graph, fmt: str, folder: Path):
    """Write ``graph`` as ``fmt`` and read it back: (node count, edge count, {node: type})."""
    suffix = {"graphml": ".graphml", "gexf": ".gexf", "cytoscape": ".cyjs", "dot": ".dot", "csv": ".csv"}[fmt]
    path = folder / f"net{suffix}"
    written = write_network(graph, fmt, path)
    if fmt == "graphml":
        H = nx.read_graphml(path)
        return H.number_of_nodes(), H.number_of_edges(), {n: d["type"] for n, d in H.nodes(data=True)}, written
    if fmt == "gexf":
        H = nx.read_gexf(path)
        return H.number_of_nodes(), H.number_of_edges(), {n: d["type"] for n, d in H.nodes(data=True)}, written
    if fmt == "cytoscape":
        H = nx.cytoscape_graph(json.loads(path.read_text(encoding="utf-8")))
        return H.number_of_nodes(), H.number_of_edges(), {n: d["type"] for n, d in H.nodes(data=True)}, written
    if fmt == "dot":
        directed, nodes, edges = read_dot(path.read_text(encoding="utf-8"))
        assert directed == graph.is_directed()
        assert all(u in nodes and v in nodes for u, v, _ in edges)
        try:
            import pydot  # noqa: F401
        except ImportError:
            pass
        else:
            H = nx.nx_pydot.read_dot(str(path))
            assert (H.number_of_nodes(), H.number_of_edges()) == (len(nodes), len(edges))
        return len(nodes), len(edges), {n: d["type"] for n, d in nodes.items()}, written
    nodes_path, edges_path = csv_paths(path)
    assert written == [nodes_path, edges_path]
    with open(nodes_path, newline="", encoding="utf-8") as f:
        nodes = list(csv.DictReader(f))
    with open(edges_path, newline="", encoding="utf-8") as f:
        edges = list(csv.DictReader(f))
    ids = {r["id"] for r in nodes}
    assert all(r["source"] in ids and r["target"] in ids and int(r["weight"]) >= 1 for r in edges)
    assert {r["id"]: int(r["degree"]) for r in nodes} == dict(graph.degree())
    return len(nodes), len(edges), {r["id"]: r["type"] for r in nodes}, written


@pytest.mark.parametrize("which", ["entities", "coparticipation"])
@pytest.mark.parametrize("fmt", sorted(NETWORK_FORMATS))
def test_export_reparses_with_the_projection_counts(graphs, tmp_path, fmt, which):
    G, C = graphs
    graph = G if which == "entities" else C
    n, m, types, written = export_and_reread(graph, fmt, tmp_path)
    assert (n, m) == (graph.number_of_nodes(), graph.number_of_edges())
    assert types == {str(k): d["type"] for k, d in graph.nodes(data=True)}
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in written)  # no temporary file left


def test_gexf_is_dynamic_and_well_formed(graphs, tmp_path):
    G, C = graphs
    for graph, name in ((G, "entities.gexf"), (C, "orgs.gexf")):
        write_network(graph, "gexf", tmp_path / name)
        root = check_gexf(tmp_path / name)
        g = root.find(GEXF_NS + "graph")
        assert (g.get("mode"), g.get("timeformat")) == ("dynamic", "date")
        nodes = g.findall(f"{GEXF_NS}nodes/{GEXF_NS}node")
        edges = g.findall(f"{GEXF_NS}edges/{GEXF_NS}edge")
        assert len(nodes) == graph.number_of_nodes() and len(edges) == graph.number_of_edges()
        assert all(e.get("start") and e.get("end") for e in nodes + edges)  # every item has its span
    H = nx.read_gexf(tmp_path / "entities.gexf")
    assert (H.nodes[WCO]["start"], H.nodes[WCO]["end"]) == ("2020-01-01", "2022-12-31")
    meeting = by_label(G)["3rd meeting of the Working Group on Firearms"]
    assert (H.nodes[meeting]["start"], H.nodes[meeting]["end"]) == ("2020-03-02", "2020-03-04")
    weights = {(u, v): d["weight"] for u, v, d in nx.read_gexf(tmp_path / "orgs.gexf").edges(data=True)}
    assert weights[tuple(sorted((WCO, INTERPOL)))] == 3.0


GEXF_SUBSET = Path(__file__).parent / "fixtures" / "network" / "gexf-subset.xsd"


def test_gexf_validates_against_the_schema_of_what_it_uses(graphs, tmp_path):
    """Against a schema of the part of GEXF 1.2 kg writes (tests/fixtures/network/gexf-subset.xsd); a
    file that breaks it (a malformed date, an unknown mode, two nodes of one id) is refused."""
    from lxml import etree

    schema = etree.XMLSchema(etree.parse(str(GEXF_SUBSET)))
    G, C = graphs
    for graph, name in ((G, "g.gexf"), (C, "c.gexf")):
        write_network(graph, "gexf", tmp_path / name)
        doc = etree.parse(str(tmp_path / name))
        assert schema.validate(doc), schema.error_log
    text = (tmp_path / "g.gexf").read_text(encoding="utf-8")
    for broken in (text.replace('timeformat="date"', 'timeformat="days"', 1),
                   text.replace('start="2020-', 'start="20-', 1),
                   text.replace("<nodes>", '<nodes>\n      <node id="dup"/><node id="dup"/>', 1)):
        assert broken != text
        assert not schema.validate(etree.fromstring(broken.encode("utf-8")))


def test_exports_keep_attributes(graphs, tmp_path):
    G, C = graphs
    write_network(G, "graphml", tmp_path / "g.graphml")
    H = nx.read_graphml(tmp_path / "g.graphml")
    assert H.nodes[WCO]["releases"] == "01-review-group|02-forum|03-workshop|04-conference"
    assert H.nodes[WCO]["alt_names"] == "WCO" and H.nodes[WCO]["first_year"] == 2020
    assert {d["relation"] for _, _, d in H.edges(data=True)} >= {"participated in", "organizer", "held in"}
    write_network(C, "cytoscape", tmp_path / "c.cyjs")
    data = json.loads((tmp_path / "c.cyjs").read_text(encoding="utf-8"))
    edge = next(e["data"] for e in data["elements"]["edges"] if {e["data"]["source"], e["data"]["target"]} == {WCO, INTERPOL})
    assert edge["weight"] == 3 and edge["first_year"] == 2020 and edge["last_year"] == 2022
    write_network(C, "dot", tmp_path / "c.dot")
    directed, nodes, edges = read_dot((tmp_path / "c.dot").read_text(encoding="utf-8"))
    assert not directed and nodes[WCO]["label"] == "World Customs Organization"
    assert {frozenset((u, v)): a["weight"] for u, v, a in edges}[frozenset((WCO, IOM))] == 2


def test_exports_are_deterministic(store_path, tmp_path):
    out = {}
    for run in ("a", "b"):
        G = from_store(store_path, entity_graph)
        for fmt in NETWORK_FORMATS:
            for p in write_network(G, fmt, tmp_path / run / f"g.{fmt}"):
                out.setdefault(p.name, []).append(p.read_bytes())
    assert len(out) == 6
    for name, (a, b) in out.items():
        assert a == b, name


def test_export_is_atomic(graphs, tmp_path, monkeypatch):
    G, _ = graphs
    target = tmp_path / "g.graphml"
    write_graphml(G, target)
    before = target.read_bytes()

    def broken(graph, path, **kw):
        Path(path).write_text("<graphml>half a file")
        raise OSError("disk full")
    monkeypatch.setattr(nx, "write_graphml", broken)
    with pytest.raises(OSError):
        write_graphml(G, target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["g.graphml"]


def test_dot_quotes_hostile_names(tmp_path):
    G = nx.DiGraph()
    G.add_node('a "quoted" \\ name\nnext', label='say "hi" -> [x]; }', type="organization")
    G.add_node("b", label="b", type="event")
    G.add_edge('a "quoted" \\ name\nnext', "b", relation="participated in", weight=1)
    write_network(G, "dot", tmp_path / "h.dot")
    directed, nodes, edges = read_dot((tmp_path / "h.dot").read_text(encoding="utf-8"))
    assert nodes['a "quoted" \\ name\nnext']["label"] == 'say "hi" -> [x]; }'
    assert edges == [('a "quoted" \\ name\nnext', "b", {"label": "participated in", "relation": "participated in",
                                                      "weight": 1})]


# ----------------------------------------------------------------------------- statistics


def test_stats_match_sparql(store_path, graphs):
    d = from_store(store_path, stats)
    assert d["releases"] == 4
    G, C = graphs
    assert d["entities"] == G.number_of_nodes() and d["relations"] == G.number_of_edges()
    rows = sparql(store_path, "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c VALUES ?c { %s } } GROUP BY ?c"
                  % " ".join(CLASSES))
    assert sum(d["by_type"].values()) == sum(int(r["n"]) for r in rows)
    assert d["by_type"]["organization"] == next(int(r["n"]) for r in rows if r["c"].endswith("Organization")) == 5
    relations = Counter(r["rel"] for r in sparql(store_path, EDGES_SPARQL))
    assert d["by_relation"] == dict(relations)
    # degree of each organization: the edges (of any relation) that touch it
    # (the union of the release graphs is a multiset: a triple stated by two releases is there twice)
    rows = sparql(store_path, """SELECT ?o (COUNT(DISTINCT ?k) AS ?deg) WHERE {
        { %s } VALUES ?side { 1 2 } BIND(IF(?side = 1, ?a, ?b) AS ?o) ?o a schema:Organization
        BIND(CONCAT(STR(?a), " ", STR(?b), " ", ?rel, " ", STR(?side)) AS ?k) } GROUP BY ?o""" % EDGES_SPARQL)
    degree = {r["o"]: int(r["deg"]) for r in rows}
    top = d["top_organizations"]
    assert [(o["id"], o["degree"]) for o in top] == sorted(degree.items(), key=lambda x: (-x[1], G.nodes[x[0]]["label"]))
    assert top[0] == {"id": WCO, "label": "World Customs Organization", "degree": 5, "releases": 4}
    rows = sparql(store_path, """SELECT ?y (COUNT(?e) AS ?n) WHERE {
        { SELECT ?e (MIN(?d) AS ?sd) WHERE { ?e a schema:Event ; schema:startDate ?d } GROUP BY ?e }
        BIND(STR(YEAR(?sd)) AS ?y) } GROUP BY ?y""")
    assert d["events_per_year"] == {r["y"]: int(r["n"]) for r in rows} == {"2020": 2, "2021": 1, "2022": 1}
    assert d["coparticipation"] == {"organizations": 5, "links": 7}
    members = [set(c["ids"]) for c in d["communities"]]
    assert all(m <= set(C) for m in members) and sum(map(len, members)) <= C.number_of_nodes()
    assert all(a.isdisjoint(b) for i, a in enumerate(members) for b in members[i + 1:])


def test_stats_render_text_and_json(store_path):
    d = from_store(store_path, stats)
    text = render_stats(d)
    assert "World Customs Organization" in text and "Events per year" in text and "2022" in text
    assert json.loads(stats_json(d)) == d


def test_communities_are_deterministic_and_split_two_groups():
    C = nx.Graph()
    for a, b in [("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"), ("c", "x")]:
        C.add_edge(a, b, weight=3 if "x" not in (a, b) or "c" not in (a, b) else 1)
    for n in C:
        C.nodes[n]["label"] = n.upper()
    d1 = graph_stats(nx.MultiDiGraph(), C)
    d2 = graph_stats(nx.MultiDiGraph(), C)
    assert d1["communities"] == d2["communities"]
    assert sorted(sorted(c["ids"]) for c in d1["communities"]) == [["a", "b", "c"], ["x", "y", "z"]]


# ----------------------------------------------------------------------------- overview


def test_overview_svg(graphs, tmp_path):
    G, _ = graphs
    path = write_overview_svg(G, tmp_path / "overview.svg")
    root = ET.parse(path).getroot()
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == ns + "svg"
    circles = [c for c in root.iter(ns + "circle") if c.find(ns + "title") is not None]
    assert len(circles) == G.number_of_nodes()
    assert len(list(root.iter(ns + "line"))) == len({frozenset(e) for e in G.edges()})
    assert "World Customs Organization" in {t.text for t in root.iter(ns + "text")}
    assert overview_svg(G) == path.read_text(encoding="utf-8")  # deterministic


def test_overview_svg_escapes_labels():
    G = nx.Graph()
    G.add_node("x", label='<script>alert(1)</script> & "co"', type="organization")
    G.add_node("y", label="y", type="event")
    G.add_edge("x", "y")
    text = overview_svg(G)
    assert "<script>" not in text
    root = ET.fromstring(text)
    assert '<script>alert(1)</script> & "co"' in {t.text for t in root.iter("{http://www.w3.org/2000/svg}text")}


# ----------------------------------------------------------------------------- the page, without a browser


def page_parts(html: str) -> tuple[str, dict, str]:
    """(everything but the data, the data, the page's script) of a page written by render_html."""
    m = re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', html, re.S)
    script = re.search(r"<script>(.*?)</script>", html, re.S).group(1)
    return html[:m.start()] + html[m.end():], json.loads(m.group(1)), script


def test_html_page_is_self_contained(graphs, tmp_path):
    import base64
    import hashlib

    G, _ = graphs
    html = render_html(G, tmp_path / "g.html").read_text(encoding="utf-8")
    rest, data, script = page_parts(html)
    assert len(data["nodes"]) == G.number_of_nodes() and len(data["edges"]) == G.number_of_edges()
    assert sorted(r["id"] for r in data["releases"]) == sorted(G.graph["releases"])
    assert not any(t in rest for t in ("<link", " src=", "@import", "url(", "http://", "https://"))
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in rest and "default-src 'none'" in rest
    assert html == render_html(G, tmp_path / "again.html").read_text(encoding="utf-8")  # deterministic


def test_html_page_embeds_hostile_text_as_inert_json(tmp_path):
    hostile = "</script><script>alert(1)</script><img src=x onerror=alert(2)> & \u2028\u2029 <!--"
    G = nx.MultiDiGraph()
    G.graph["releases"] = {"r": {"title": hostile, "date": "2020-01-01", "url": "javascript:alert(3)"}}
    G.add_node("a", label=hostile, type="organization", releases=["r"], evidence=[("r", hostile)])
    G.add_node("b", label="b", type="event")
    G.add_edge("a", "b", key="participated in", relation="participated in", weight=1, releases=["r"],
               evidence=[("r", hostile)])
    html = render_html(G, tmp_path / "h.html", title=hostile).read_text(encoding="utf-8")
    assert html.count("</script>") == 2 and html.count("<script") == 2
    assert "<img" not in html and "<!--" not in html and "\u2028" not in html and "\u2029" not in html
    _, data, _ = page_parts(html)
    assert data["nodes"][0]["label"] == hostile and data["sentences"] == [hostile]
    assert data["releases"] == [{"id": "r", "title": hostile, "date": "2020-01-01", "url": ""}]  # no javascript: link


# ----------------------------------------------------------------------------- what the command line calls


def test_store_level_entry_points(store_path, graphs, tmp_path):
    from kg.errors import UsageError
    from kg.network import export_network, guess_network_format
    from kg.stats import store_stats
    from kg.viz import visualize

    G, C = graphs
    written = export_network(store_path, "csv", tmp_path / "orgs.csv", which="coparticipation")
    assert [p.name for p in written] == ["orgs-nodes.csv", "orgs-edges.csv"]
    assert len(written[0].read_text(encoding="utf-8").splitlines()) == 1 + C.number_of_nodes()
    assert export_network(store_path, "gexf", tmp_path / "g.gexf") == [tmp_path / "g.gexf"]
    with pytest.raises(UsageError):
        export_network(store_path, "pdf", tmp_path / "g.pdf")
    with pytest.raises(UsageError):
        export_network(store_path, "gexf", tmp_path / "g.gexf", which="people")
    assert [guess_network_format(p) for p in ("a.graphml", "a.GEXF", "a.cyjs", "a.gv", "a.csv", "a.ttl")] == [
        "graphml", "gexf", "cytoscape", "dot", "csv", None]
    html, svg = visualize(store_path, tmp_path / "v.html", tmp_path / "v.svg")
    _, data, _ = page_parts(html.read_text(encoding="utf-8"))
    assert len(data["nodes"]) == G.number_of_nodes() and data["sentences"]
    assert ET.parse(svg).getroot().tag == "{http://www.w3.org/2000/svg}svg"
    assert store_stats(store_path) == from_store(store_path, stats)


def test_csv_cells_a_spreadsheet_would_run_are_quoted(tmp_path):
    from kg.network import csv_texts

    G = nx.Graph()
    G.add_node("=HYPERLINK(\"http://example.org\")", label="@SUM(A1)", type="organization", start="-1+2")
    G.add_node("Freedonia Customs", label="Freedonia Customs", type="organization")
    G.add_edge("=HYPERLINK(\"http://example.org\")", "Freedonia Customs", relation="+cmd", weight=-2)
    nodes_text, edges_text = csv_texts(G)
    nodes = {r["id"]: r for r in csv.DictReader(nodes_text.splitlines())}
    assert set(nodes) == {"'=HYPERLINK(\"http://example.org\")", "Freedonia Customs"}
    assert nodes["'=HYPERLINK(\"http://example.org\")"]["label"] == "'@SUM(A1)"
    assert nodes["'=HYPERLINK(\"http://example.org\")"]["start"] == "'-1+2"
    (edge,) = csv.DictReader(edges_text.splitlines())
    assert edge["relation"] == "'+cmd" and edge["weight"] == "-2"
    assert not any(cell[:1] in "=+-@" for row in csv.reader((nodes_text + edges_text).splitlines()) for cell in row
                   if cell and not cell.lstrip("-").isdigit())
