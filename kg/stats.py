"""Corpus statistics from the network projections: what is in the graph and who is central.

:func:`stats` gives a JSON-ready dict; :func:`render_stats` a plain-text report of it.
"""
from __future__ import annotations

import json
from collections import Counter
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    import pyoxigraph as ox

TOP = 10


def stats(store: ox.Store, *, top: int = TOP) -> dict[str, Any]:
    """Counts by type and relation, the ``top`` best-connected organizations, events per year and
    the communities of the organization co-participation network."""
    from .network import coparticipation, entity_graph
    from .store import data_graph_names

    G = entity_graph(store)
    d = graph_stats(G, coparticipation(G), top=top)
    d["releases"] = len(data_graph_names(store))
    return {"releases": d.pop("releases"), **d}


def graph_stats(G: nx.MultiDiGraph, C: nx.Graph, *, top: int = TOP) -> dict[str, Any]:
    """:func:`stats` of an entity graph ``G`` and its co-participation graph ``C``."""
    import networkx as nx

    from .network import NODE_TYPES

    types = Counter(d.get("type", "other") for _, d in G.nodes(data=True))
    relations = Counter(d.get("relation", k) for _, _, k, d in G.edges(keys=True, data=True))
    orgs = [n for n, d in G.nodes(data=True) if d.get("type") == "organization"]
    ranked = sorted(orgs, key=lambda n: (-G.degree(n), G.nodes[n].get("label", ""), n))[:top]
    per_year: Counter = Counter()
    for _, d in G.nodes(data=True):
        if d.get("type") == "event":
            per_year[str(d["first_year"]) if d.get("first_year") is not None else "undated"] += 1
    communities: list[dict[str, Any]] = []
    if C.number_of_edges():
        found = nx.community.greedy_modularity_communities(C, weight="weight")
        groups = sorted((sorted(c, key=lambda n: (-C.degree(n, weight="weight"), C.nodes[n].get("label", ""), n))
                         for c in found if len(c) > 1), key=lambda c: (-len(c), c[0]))
        for c in groups:
            communities.append({"size": len(c), "members": [C.nodes[n].get("label", n) for n in c], "ids": list(c)})
    type_order = [t for t in NODE_TYPES if t in types] + sorted(t for t in types if t not in NODE_TYPES)
    return {
        "entities": G.number_of_nodes(),
        "by_type": {t: types[t] for t in type_order},
        "relations": G.number_of_edges(),
        "by_relation": dict(sorted(relations.items())),
        "top_organizations": [{"id": n, "label": G.nodes[n].get("label", n), "degree": G.degree(n),
                               "releases": len(G.nodes[n].get("releases") or ())} for n in ranked],
        "events_per_year": dict(sorted(per_year.items())),
        "coparticipation": {"organizations": C.number_of_nodes(), "links": C.number_of_edges()},
        "communities": communities,
    }


def stats_json(d: dict[str, Any]) -> str:
    return json.dumps(d, ensure_ascii=False, indent=1) + "\n"


def _table(headers: list[str], rows: list[list[Any]], right: set[int] = frozenset()) -> list[str]:
    cells = [[str(x) for x in r] for r in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]

    def line(vals: list[str]) -> str:
        return "  ".join(v.rjust(w) if i in right else v.ljust(w) for i, (v, w) in enumerate(zip(vals, widths))).rstrip()
    return ["  " + line(headers), "  " + line(["-" * w for w in widths])] + ["  " + line(r) for r in cells]


def render_stats(d: dict[str, Any]) -> str:
    """A plain-text report of :func:`stats`."""
    out = [f"releases: {d.get('releases', '?')}   entities: {d['entities']}   relations: {d['relations']}", ""]
    out.append("Entities by type")
    out += _table(["type", "count"], [[t, n] for t, n in d["by_type"].items()], {1})
    out += ["", "Relations"]
    out += _table(["relation", "count"], [[r, n] for r, n in d["by_relation"].items()], {1})
    out += ["", f"Most connected organizations (top {len(d['top_organizations'])})"]
    out += _table(["#", "organization", "degree", "releases"],
                  [[i + 1, o["label"][:60], o["degree"], o["releases"]] for i, o in enumerate(d["top_organizations"])],
                  {0, 2, 3})
    out += ["", "Events per year"]
    out += _table(["year", "events"], [[y, n] for y, n in d["events_per_year"].items()], {1})
    cp = d["coparticipation"]
    out += ["", f"Co-participation: {cp['organizations']} organizations, {cp['links']} links"]
    out.append(f"Communities (greedy modularity): {len(d['communities'])}")
    for i, c in enumerate(d["communities"], 1):
        shown = ", ".join(c["members"][:8]) + (f", ... (+{c['size'] - 8})" if c["size"] > 8 else "")
        out.append(f"  {i}. [{c['size']}] {shown}")
    return "\n".join(out) + "\n"


def store_stats(store_path, *, top: int = TOP) -> dict[str, Any]:
    """:func:`stats` of the store at ``store_path`` (opened, read and closed)."""
    from .store import read_store

    with read_store(store_path) as store:
        return stats(store, top=top)
