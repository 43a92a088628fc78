"""Seeing the entity graph: a self-contained interactive HTML page and a static SVG overview.

:func:`render_html` writes one HTML file that needs nothing but a browser: no network, no external
script or style. The layout is computed here, in Python, so the page opens at once even with
thousands of nodes; the page draws on a canvas, with pan and zoom, a search box, filters by type
and by year, and a details panel (``#details``) listing a node's facts, the releases behind them
and their evidence sentences.

Labels and sentences come from the web, so the page treats them as data only: they travel as JSON
inside ``<script type="application/json">`` with ``<``, ``>``, ``&``, U+2028 and U+2029 escaped,
reach the DOM through ``textContent`` only, and links are kept only when they are http(s). A
Content-Security-Policy admits the page's own script (by its hash) and nothing else.

The page exposes ``window.kgView`` for scripts and tests: ``nodeCount()``, ``visibleCount()``,
``drawnCount()``, ``search(text)``, ``setTypeFilter(type, on)``, ``setYearRange(from, to)``,
``select(nodeId)`` (as a click on the node), ``screenOf(nodeId)`` (its position on the canvas),
``ready`` and ``timing``.

:func:`write_overview_svg` draws the same layout as a static SVG picture, and :func:`visualize`
writes the page and/or the picture straight from a store.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .exporter import write_atomic

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

COLORS: dict[str, str] = {
    "organization": "#1f77b4",
    "event": "#d62728",
    "person": "#9467bd",
    "programme": "#8c564b",
    "instrument": "#e377c2",
    "city": "#2ca02c",
    "country": "#17becf",
    "place": "#98df8a",
    "topic": "#ff7f0e",
}
OTHER_COLOR = "#7f7f7f"
MAX_EVIDENCE = 3  # sentences kept per release and fact in the page


# ---------------------------------------------------------------------------------------------
# layout
# ---------------------------------------------------------------------------------------------

def layout(graph: nx.Graph, *, seed: int = 7, iterations: int | None = None) -> dict[Any, tuple[float, float]]:
    """Node positions in the unit square, deterministic for a seed.

    The components of three nodes or more are laid out together by a force-directed layout
    (Fruchterman-Reingold with a pull to the centre); isolated nodes and pairs are set in rows
    below them. Repulsion is exact up to 1,500 nodes and approximated on a grid beyond (each node is
    pushed by the other nodes of its cell and by the centres of mass of the other cells), so 5,000
    nodes take seconds.
    """
    import networkx as nx

    H = nx.Graph()
    H.add_nodes_from(sorted(graph.nodes, key=str))
    H.add_edges_from((u, v) for u, v in graph.edges() if u != v)
    comps = sorted((sorted(c, key=str) for c in nx.connected_components(H)), key=lambda c: (-len(c), str(c[0])))
    big = [v for c in comps if len(c) >= 3 for v in c]
    small = [c for c in comps if len(c) < 3]
    pos: dict[Any, tuple[float, float]] = {}
    width = 1.0
    bottom = 0.0
    if big:
        xy = _force_layout(H.subgraph(big), big, seed, iterations)
        pos.update(zip(big, map(tuple, xy)))
        width = float(xy[:, 0].max()) or 1.0
        bottom = float(xy[:, 1].max())
    if small:
        step = 1.0 / max(3.0, math.sqrt(len(big) + len(small)))
        per_row = max(1, int(width / step) + 1)
        y = bottom + (2 * step if big else 0.0)
        x = 0.0
        count = 0
        for c in small:
            if count + len(c) > per_row:
                x, count, y = 0.0, 0, y + step
            for v in c:
                pos[v] = (x, y)
                x += step * (0.6 if len(c) > 1 else 1.0)
                count += 1
            x += step * 0.4 if len(c) > 1 else 0.0
    if len(pos) == 1:
        return {v: (0.5, 0.5) for v in pos}
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    dx = (1.0 - (max(xs) - min(xs)) / span) / 2
    dy = (1.0 - (max(ys) - min(ys)) / span) / 2
    return {v: (round((x - min(xs)) / span + dx, 5), round((y - min(ys)) / span + dy, 5)) for v, (x, y) in pos.items()}


def _force_layout(H: nx.Graph, nodes: list, seed: int, iterations: int | None):
    """Fruchterman-Reingold positions of ``nodes`` (in this order), normalised to start at (0, 0)."""
    import numpy as np

    n = len(nodes)
    index = {v: i for i, v in enumerate(nodes)}
    pairs = sorted({(min(index[u], index[v]), max(index[u], index[v])) for u, v in H.edges()})
    edges = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2))
    k = 1.0 / math.sqrt(n)
    if iterations is None:
        iterations = 120 if n <= 500 else 80 if n <= 2000 else 50
    temperature = 0.1
    cool = temperature / (iterations + 1)
    gravity = 2.0 * k * math.sqrt(n)
    for _ in range(iterations):
        disp = _repulsion(pos, k) if n <= 1500 else _grid_repulsion(pos, k)
        if len(edges):
            d = pos[edges[:, 0]] - pos[edges[:, 1]]
            dist = np.sqrt((d * d).sum(axis=1)) + 1e-9
            f = d * (dist / k)[:, None]
            for axis in (0, 1):
                disp[:, axis] += (np.bincount(edges[:, 1], weights=f[:, axis], minlength=n)
                                  - np.bincount(edges[:, 0], weights=f[:, axis], minlength=n))
        disp += (0.5 - pos) * gravity
        length = np.sqrt((disp * disp).sum(axis=1)) + 1e-12
        pos += disp * (np.minimum(length, temperature) / length)[:, None]
        temperature -= cool
    pos -= pos.min(axis=0)
    return pos / (float(pos.max()) or 1.0)


def _pairwise(px, py, qx, qy, weights, kk: float):
    """The repulsion on the points ``(px, py)`` of the weighted points ``(qx, qy)``: (fx, fy)."""
    import numpy as np

    fx = np.empty(len(px))
    fy = np.empty(len(px))
    step = max(1, 1_000_000 // max(len(qx), 1))
    for a in range(0, len(px), step):
        dx = px[a:a + step, None] - qx[None, :]
        dy = py[a:a + step, None] - qy[None, :]
        w = dx * dx
        w += dy * dy
        w += 1e-9
        np.divide(kk, w, out=w)
        if weights is not None:
            w *= weights[None, :]
        fx[a:a + step] = np.einsum("ij,ij->i", dx, w)
        fy[a:a + step] = np.einsum("ij,ij->i", dy, w)
    return fx, fy


def _repulsion(pos, k: float):
    import numpy as np

    x, y = np.ascontiguousarray(pos[:, 0]), np.ascontiguousarray(pos[:, 1])
    fx, fy = _pairwise(x, y, x, y, None, k * k)
    return np.stack([fx, fy], axis=1)


def _grid_repulsion(pos, k: float):
    """Repulsion from the centres of mass of grid cells, exact within a node's own cell."""
    import numpy as np

    n = len(pos)
    g = max(8, int(math.sqrt(n) / 2))
    x, y = np.ascontiguousarray(pos[:, 0]), np.ascontiguousarray(pos[:, 1])
    lo_x, lo_y = x.min(), y.min()
    size = max(x.max() - lo_x, y.max() - lo_y) / g + 1e-12
    cell = (np.minimum(((x - lo_x) / size).astype(np.int64), g - 1) * g
            + np.minimum(((y - lo_y) / size).astype(np.int64), g - 1))
    mass = np.bincount(cell, minlength=g * g).astype(float)
    full = np.nonzero(mass)[0]
    masses = mass[full]
    cx = np.bincount(cell, weights=x, minlength=g * g)[full] / masses
    cy = np.bincount(cell, weights=y, minlength=g * g)[full] / masses
    kk = k * k
    fx, fy = _pairwise(x, y, cx, cy, masses, kk)
    # take the node's own cell out of the far field ...
    own = np.searchsorted(full, cell)
    dx, dy = x - cx[own], y - cy[own]
    w = masses[own] * kk / (dx * dx + dy * dy + 1e-9)
    fx -= dx * w
    fy -= dy * w
    # ... and put it back exactly
    order = np.argsort(cell, kind="stable")
    bounds = np.searchsorted(cell[order], full)
    ends = np.append(bounds[1:], n)
    for b, e in zip(bounds, ends):
        if e - b < 2:
            continue
        m = order[b:e]
        ax, ay = _pairwise(x[m], y[m], x[m], y[m], None, kk)
        fx[m] += ax
        fy[m] += ay
    return np.stack([fx, fy], axis=1)


# ---------------------------------------------------------------------------------------------
# the page
# ---------------------------------------------------------------------------------------------

def _safe_url(url: Any) -> str:
    u = str(url or "").strip()
    return u if u.lower().startswith(("http://", "https://")) else ""


def page_data(graph: nx.Graph, pos: dict | None = None, *, seed: int = 7) -> dict:
    """What the page shows, as plain JSON-ready data (nodes in sorted order, positions 0..1000)."""
    pos = pos if pos is not None else layout(graph, seed=seed)
    nodes = sorted(graph.nodes, key=str)
    index = {v: i for i, v in enumerate(nodes)}
    release_meta: dict = graph.graph.get("releases") or {}
    release_ids: list[str] = sorted(set(release_meta) | {r for _, d in graph.nodes(data=True) for r in d.get("releases") or []}
                                    | {r for *_, d in graph.edges(data=True) for r in d.get("releases") or []})
    rindex = {r: i for i, r in enumerate(release_ids)}
    sentences: list[str] = []
    sindex: dict[str, int] = {}

    def sent(s: str) -> int:
        if s not in sindex:
            sindex[s] = len(sentences)
            sentences.append(s)
        return sindex[s]

    def evidence(items: Any) -> list[list[int]]:
        out, per = [], {}
        for r, s in items or ():
            if r not in rindex:
                continue
            per[r] = per.get(r, 0) + 1
            if per[r] <= MAX_EVIDENCE:
                out.append([rindex[r], sent(str(s))])
        return out

    def with_provenance(item: dict, d: dict) -> dict:
        """Add the years, the releases and the evidence of a node's or an edge's attributes ``d``."""
        if d.get("first_year") is not None:
            item["y0"], item["y1"] = int(d["first_year"]), int(d.get("last_year", d["first_year"]))
        rels = [rindex[r] for r in d.get("releases") or () if r in rindex]
        if rels:
            item["rel"] = rels
        ev = evidence(d.get("evidence"))
        if ev:
            item["ev"] = ev
        return item

    types: dict[str, int] = {}
    out_nodes = []
    for v in nodes:
        d = graph.nodes[v]
        t = str(d.get("type") or "other")
        types[t] = types.get(t, 0) + 1
        x, y = pos.get(v, (0.5, 0.5))
        item = {"id": str(v), "label": str(d.get("label", v)), "type": t,
                "x": round(x * 1000, 1), "y": round(y * 1000, 1), "deg": graph.degree(v)}
        if d.get("alt_names"):
            item["alt"] = [str(a) for a in d["alt_names"]]
        if d.get("start") and t == "event":
            item["start"], item["end"] = str(d["start"]), str(d.get("end", d["start"]))
        out_nodes.append(with_provenance(item, d))

    relations: list[str] = []
    relindex: dict[str, int] = {}
    out_edges = []
    if graph.is_multigraph():
        raw = [(u, v, k, d) for u, v, k, d in graph.edges(keys=True, data=True)]
    else:
        raw = [(u, v, None, d) for u, v, d in graph.edges(data=True)]
    raw.sort(key=lambda e: (str(e[0]), str(e[1]), str(e[2])))
    for u, v, k, d in raw:
        rel = str(d.get("relation") or (k if k is not None else "linked to"))
        if rel not in relindex:
            relindex[rel] = len(relations)
            relations.append(rel)
        item = {"s": index[u], "t": index[v], "r": relindex[rel], "w": d.get("weight", 1)}
        out_edges.append(with_provenance(item, d))

    years = [y for n in out_nodes for y in (n.get("y0"), n.get("y1")) if y is not None]
    releases = []
    for r in release_ids:
        m = release_meta.get(r) or {}
        releases.append({"id": r, "title": str(m.get("title") or ""), "date": str(m.get("date") or ""),
                         "url": _safe_url(m.get("url"))})
    type_order = [t for t in COLORS if t in types] + sorted(t for t in types if t not in COLORS)
    return {
        "title": str(graph.graph.get("name") or "release-kg"),
        "directed": graph.is_directed(),
        "types": [{"type": t, "color": COLORS.get(t, OTHER_COLOR), "count": types[t]} for t in type_order],
        "years": [min(years), max(years)] if years else None,
        "relations": relations,
        "nodes": out_nodes,
        "edges": out_edges,
        "releases": releases,
        "sentences": sentences,
    }


def script_json(data: Any) -> str:
    """JSON that can sit inside a ``<script>`` element: no ``<``, ``>``, ``&``, U+2028 or U+2029.

    >>> script_json({"a": "</script><b>&"})
    '{"a":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


def html_page(data: dict) -> str:
    """The page for ``data`` (see :func:`page_data`)."""
    digest = base64.b64encode(hashlib.sha256(_SCRIPT.encode("utf-8")).digest()).decode("ascii")
    csp = (f"default-src 'none'; script-src 'sha256-{digest}'; style-src 'unsafe-inline'; img-src data:; "
           "base-uri 'none'; form-action 'none'")
    title = html.escape(data.get("title", "release-kg")).replace("\u2028", " ").replace("\u2029", " ")
    return (_PAGE.replace("%TITLE%", title)
            .replace("%CSP%", html.escape(csp, quote=False).replace('"', "&quot;"))
            .replace("%DATA%", script_json(data))
            .replace("%SCRIPT%", _SCRIPT))


def render_html(graph: nx.Graph, path: str | Path, *, seed: int = 7, title: str | None = None) -> Path:
    """Write the interactive view of ``graph`` to ``path`` (atomically); returns the path."""
    data = page_data(graph, seed=seed)
    if title:
        data["title"] = title
    text = html_page(data).encode("utf-8")
    write_atomic(path, lambda tmp: tmp.write_bytes(text))
    return Path(path)


def visualize(store_path: str | Path, html_path: str | Path | None = None, svg_path: str | Path | None = None,
              *, seed: int = 7) -> list[Path]:
    """Project the store's entity graph (with evidence) and write the page and/or the SVG overview,
    both from one layout; returns the files written."""
    from .network import entity_graph
    from .store import read_store

    with read_store(store_path) as store:
        graph = entity_graph(store, evidence=html_path is not None)
    pos = layout(graph, seed=seed)
    written = []
    if html_path is not None:
        text = html_page(page_data(graph, pos)).encode("utf-8")
        write_atomic(html_path, lambda tmp: tmp.write_bytes(text))
        written.append(Path(html_path))
    if svg_path is not None:
        written.append(write_overview_svg(graph, svg_path, pos=pos))
    return written


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="%CSP%">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%TITLE%</title>
<style>
html, body { margin: 0; height: 100%; font: 13px/1.4 system-ui, sans-serif; color: #222; }
body { display: flex; }
#side { width: 340px; min-width: 340px; height: 100%; overflow-y: auto; box-sizing: border-box;
        padding: 10px; border-right: 1px solid #ccc; background: #fafafa; }
#main { flex: 1; position: relative; }
#view { position: absolute; inset: 0; width: 100%; height: 100%; cursor: grab; background: #fff; }
#status { position: absolute; left: 8px; bottom: 6px; color: #666; background: rgba(255,255,255,.8); padding: 2px 4px; }
h1 { font-size: 15px; margin: 0 0 8px; }
h2 { font-size: 14px; margin: 8px 0 4px; word-break: break-word; }
h3 { font-size: 12px; margin: 10px 0 4px; text-transform: uppercase; color: #555; }
fieldset { border: 1px solid #ddd; margin: 0 0 8px; padding: 4px 8px; }
#search { width: 100%; box-sizing: border-box; padding: 4px; }
#types label { display: block; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin: 0 4px 0 2px; }
#years input[type=number] { width: 70px; }
#results button, #details button.node { background: none; border: 0; padding: 0; color: #0645ad;
        cursor: pointer; text-align: left; font: inherit; word-break: break-word; }
#results li { margin: 2px 0; }
#details ul { padding-left: 16px; margin: 4px 0; }
#details blockquote { margin: 2px 0 4px 8px; padding-left: 6px; border-left: 3px solid #ddd; color: #444; }
.muted { color: #777; }
</style>
</head>
<body>
<div id="side">
<h1 id="page-title"></h1>
<fieldset><legend>Search</legend>
<input id="search" type="search" placeholder="name or acronym" autocomplete="off">
<ul id="results"></ul>
</fieldset>
<fieldset id="types"><legend>Types</legend></fieldset>
<fieldset id="years"><legend>Years</legend>
<label>from <input id="year-from" type="number"></label>
<label>to <input id="year-to" type="number"></label>
</fieldset>
<div id="details"><p class="muted">Click a node to see its facts and the releases behind them.</p></div>
</div>
<div id="main"><canvas id="view"></canvas><div id="status"></div></div>
<script id="kg-data" type="application/json">%DATA%</script>
<script>%SCRIPT%</script>
</body>
</html>
"""

_SCRIPT = r"""
(function () {
  "use strict";
  var t0 = performance.now();
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var N = data.nodes, E = data.edges, R = data.releases, S = data.sentences, REL = data.relations;
  var canvas = document.getElementById("view"), ctx = canvas.getContext("2d");
  var statusBox = document.getElementById("status"), details = document.getElementById("details");
  var color = {}, typeOn = {};
  data.types.forEach(function (t) { color[t.type] = t.color; typeOn[t.type] = true; });
  var yearFrom = data.years ? data.years[0] : null, yearTo = data.years ? data.years[1] : null;
  var idIndex = new Map(); N.forEach(function (n, i) { idIndex.set(n.id, i); });
  var adj = N.map(function () { return []; });
  E.forEach(function (e, i) { adj[e.s].push(i); if (e.t !== e.s) adj[e.t].push(i); });
  var unit = 1000 / Math.sqrt(Math.max(N.length, 1));
  var radius = N.map(function (n) { return Math.min(unit * 0.6, unit * (0.08 + 0.05 * Math.sqrt(n.deg))); });
  var byDegree = N.map(function (_, i) { return i; }).sort(function (a, b) { return N[b].deg - N[a].deg || a - b; });
  var lower = N.map(function (n) { return [n.label].concat(n.alt || []).join("\n").toLowerCase(); });
  var visible = new Uint8Array(N.length), visibleN = 0, drawnN = 0;
  var matches = [], matchSet = new Set(), selected = -1;
  var scale = 1, ox = 0, oy = 0, W = 0, H = 0, dpr = 1;

  function text(tag, s, cls) {
    var el = document.createElement(tag);
    el.textContent = s;
    if (cls) el.className = cls;
    return el;
  }
  document.getElementById("page-title").textContent = data.title;

  // ---- filters
  var typesBox = document.getElementById("types");
  data.types.forEach(function (t) {
    var lab = document.createElement("label");
    var box = document.createElement("input");
    box.type = "checkbox"; box.checked = true; box.setAttribute("data-type", t.type);
    box.addEventListener("change", function () { setTypeFilter(t.type, box.checked); });
    var sw = document.createElement("span"); sw.className = "swatch"; sw.style.background = t.color;
    lab.appendChild(box); lab.appendChild(sw); lab.appendChild(document.createTextNode(t.type + " (" + t.count + ")"));
    typesBox.appendChild(lab);
  });
  var yf = document.getElementById("year-from"), yt = document.getElementById("year-to");
  if (data.years) {
    [yf, yt].forEach(function (inp) { inp.min = data.years[0]; inp.max = data.years[1]; });
    yf.value = data.years[0]; yt.value = data.years[1];
    var onYears = function () { setYearRange(parseInt(yf.value, 10), parseInt(yt.value, 10), true); };
    yf.addEventListener("input", onYears); yt.addEventListener("input", onYears);
  } else {
    document.getElementById("years").style.display = "none";
  }

  function inYears(o) {
    if (yearFrom === null || o.y0 === undefined) return true;
    return o.y1 >= yearFrom && o.y0 <= yearTo;
  }
  function updateVisible() {
    visibleN = 0;
    for (var i = 0; i < N.length; i++) {
      var on = typeOn[N[i].type] !== false && inYears(N[i]);
      visible[i] = on ? 1 : 0;
      visibleN += visible[i];
    }
  }

  // ---- view
  function resize() {
    dpr = window.devicePixelRatio || 1;
    W = canvas.clientWidth || 800; H = canvas.clientHeight || 600;
    canvas.width = Math.round(W * dpr); canvas.height = Math.round(H * dpr);
  }
  function fit() {
    var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    N.forEach(function (n) {
      if (n.x < minX) minX = n.x; if (n.x > maxX) maxX = n.x;
      if (n.y < minY) minY = n.y; if (n.y > maxY) maxY = n.y;
    });
    if (!N.length) { minX = minY = 0; maxX = maxY = 1000; }
    var pad = 50, w = Math.max(maxX - minX, 1), h = Math.max(maxY - minY, 1);
    scale = Math.min((W - 2 * pad) / w, (H - 2 * pad) / h);
    if (!isFinite(scale) || scale <= 0) scale = 1;
    ox = (W - w * scale) / 2 - minX * scale; oy = (H - h * scale) / 2 - minY * scale;
  }
  function sx(n) { return n.x * scale + ox; }
  function sy(n) { return n.y * scale + oy; }
  function sr(i) { return Math.max(1.5, Math.min(40, radius[i] * scale)); }

  function draw() {
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, W, H);
    var i, e, a, b;
    ctx.lineWidth = 0.6; ctx.strokeStyle = "rgba(110,110,110,0.28)";
    ctx.beginPath();
    for (i = 0; i < E.length; i++) {
      e = E[i];
      if (!visible[e.s] || !visible[e.t]) continue;
      a = N[e.s]; b = N[e.t];
      ctx.moveTo(sx(a), sy(a)); ctx.lineTo(sx(b), sy(b));
    }
    ctx.stroke();
    if (selected >= 0 && visible[selected]) {
      ctx.lineWidth = 2; ctx.strokeStyle = "rgba(20,20,20,0.8)";
      ctx.beginPath();
      adj[selected].forEach(function (k) {
        var ed = E[k];
        if (!visible[ed.s] || !visible[ed.t]) return;
        ctx.moveTo(sx(N[ed.s]), sy(N[ed.s])); ctx.lineTo(sx(N[ed.t]), sy(N[ed.t]));
      });
      ctx.stroke();
    }
    drawnN = 0;
    var groups = {};
    for (i = 0; i < N.length; i++) {
      if (!visible[i]) continue;
      var x = sx(N[i]), y = sy(N[i]), r = sr(i);
      if (x < -r || y < -r || x > W + r || y > H + r) continue;
      (groups[N[i].type] = groups[N[i].type] || []).push(i);
      drawnN++;
    }
    Object.keys(groups).forEach(function (t) {
      ctx.fillStyle = color[t] || "#7f7f7f";
      ctx.beginPath();
      groups[t].forEach(function (k) {
        var x = sx(N[k]), y = sy(N[k]), r = sr(k);
        ctx.moveTo(x + r, y); ctx.arc(x, y, r, 0, 2 * Math.PI);
      });
      ctx.fill();
    });
    ctx.lineWidth = 2.5; ctx.strokeStyle = "#f0c000";
    ctx.beginPath();
    matches.forEach(function (k) {
      if (!visible[k]) return;
      var x = sx(N[k]), y = sy(N[k]), r = sr(k) + 3;
      ctx.moveTo(x + r, y); ctx.arc(x, y, r, 0, 2 * Math.PI);
    });
    ctx.stroke();
    if (selected >= 0 && visible[selected]) {
      ctx.lineWidth = 3; ctx.strokeStyle = "#000";
      ctx.beginPath();
      var s = N[selected], rs = sr(selected) + 4;
      ctx.arc(sx(s), sy(s), rs, 0, 2 * Math.PI);
      ctx.stroke();
    }
    drawLabels();
    statusBox.textContent = visibleN + " of " + N.length + " nodes shown";
  }
  function drawLabels() {
    var want = [], seen = new Set();
    function add(k) { if (visible[k] && !seen.has(k)) { seen.add(k); want.push(k); } }
    if (selected >= 0) {
      add(selected);
      var near = [];
      adj[selected].forEach(function (k) { near.push(E[k].s === selected ? E[k].t : E[k].s); });
      near.sort(function (a, b) { return N[b].deg - N[a].deg || a - b; }).slice(0, 40).forEach(add);
    }
    matches.slice(0, 100).forEach(add);
    var all = visibleN <= 150, budget = 80;
    for (var j = 0; j < byDegree.length && (all || budget > 0); j++) {
      var k = byDegree[j];
      if (!visible[k] || seen.has(k)) continue;
      if (all || sr(k) >= 5) { add(k); budget--; }
    }
    ctx.font = "12px system-ui, sans-serif"; ctx.textBaseline = "middle";
    ctx.lineWidth = 3; ctx.strokeStyle = "rgba(255,255,255,0.9)"; ctx.fillStyle = "#111";
    want.forEach(function (k) {
      var n = N[k], x = sx(n) + sr(k) + 3, y = sy(n);
      if (x < -200 || y < -20 || x > W + 20 || y > H + 20) return;
      var label = n.label.length > 60 ? n.label.slice(0, 57) + "..." : n.label;
      ctx.strokeText(label, x, y); ctx.fillText(label, x, y);
    });
  }
  var pending = false;
  function requestDraw() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; draw(); });
  }

  // ---- interaction
  function nodeAt(px, py) {
    var best = -1, bestD = Infinity;
    for (var i = 0; i < N.length; i++) {
      if (!visible[i]) continue;
      var dx = sx(N[i]) - px, dy = sy(N[i]) - py, d = dx * dx + dy * dy, r = sr(i) + 3;
      if (d <= r * r && d < bestD) { best = i; bestD = d; }
    }
    return best;
  }
  var drag = null;
  canvas.addEventListener("mousedown", function (ev) { drag = { x: ev.clientX, y: ev.clientY, ox: ox, oy: oy, moved: false }; });
  window.addEventListener("mousemove", function (ev) {
    if (!drag) return;
    var dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
    if (drag.moved) { ox = drag.ox + dx; oy = drag.oy + dy; requestDraw(); }
  });
  window.addEventListener("mouseup", function (ev) {
    if (!drag) return;
    var moved = drag.moved; drag = null;
    if (moved) return;
    var rect = canvas.getBoundingClientRect();
    var k = nodeAt(ev.clientX - rect.left, ev.clientY - rect.top);
    if (k >= 0) select(N[k].id); else { selected = -1; requestDraw(); }
  });
  canvas.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var rect = canvas.getBoundingClientRect(), px = ev.clientX - rect.left, py = ev.clientY - rect.top;
    var f = Math.exp(-ev.deltaY * 0.0015);
    ox = px - (px - ox) * f; oy = py - (py - oy) * f; scale *= f;
    requestDraw();
  }, { passive: false });
  window.addEventListener("resize", function () { resize(); requestDraw(); });

  var searchBox = document.getElementById("search"), results = document.getElementById("results");
  searchBox.addEventListener("input", function () { search(searchBox.value, true); });
  searchBox.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && matches.length) select(N[matches[0]].id);
  });

  // ---- API
  function search(q, lazy) {
    q = String(q == null ? "" : q).trim().toLowerCase();
    matches = [];
    if (q) for (var i = 0; i < N.length; i++) if (lower[i].indexOf(q) >= 0) matches.push(i);
    matches.sort(function (a, b) { return N[b].deg - N[a].deg || a - b; });
    matchSet = new Set(matches);
    results.textContent = "";
    matches.slice(0, 50).forEach(function (k) {
      var li = document.createElement("li"), btn = text("button", N[k].label);
      btn.type = "button"; btn.className = "node";
      btn.addEventListener("click", function () { select(N[k].id); });
      li.appendChild(btn);
      li.appendChild(text("span", " " + N[k].type, "muted"));
      results.appendChild(li);
    });
    if (matches.length > 50) results.appendChild(text("li", "and " + (matches.length - 50) + " more", "muted"));
    if (q && !matches.length) results.appendChild(text("li", "no match", "muted"));
    if (lazy) requestDraw(); else draw();
    return matches.map(function (k) { return N[k].id; });
  }
  function setTypeFilter(type, on) {
    typeOn[type] = !!on;
    typesBox.querySelectorAll("input[data-type]").forEach(function (b) {
      if (b.getAttribute("data-type") === type) b.checked = !!on;
    });
    updateVisible(); draw();
    return visibleN;
  }
  function setYearRange(a, b, lazy) {
    if (!data.years) return visibleN;
    yearFrom = isFinite(a) ? Math.max(a, data.years[0]) : data.years[0];
    yearTo = isFinite(b) ? Math.min(b, data.years[1]) : data.years[1];
    if (!lazy) { yf.value = yearFrom; yt.value = yearTo; }
    updateVisible();
    if (lazy) requestDraw(); else draw();
    return visibleN;
  }
  function releaseLine(ri) {
    var r = R[ri], li = document.createElement("li");
    var name = r.title || r.id;
    if (r.url && /^https?:\/\//i.test(r.url)) {
      var a = text("a", name); a.href = r.url; a.target = "_blank"; a.rel = "noopener noreferrer";
      li.appendChild(a);
    } else {
      li.appendChild(text("span", name));
    }
    var meta = [r.id]; if (r.date) meta.unshift(r.date);
    li.appendChild(text("span", " (" + meta.join(", ") + ")", "muted"));
    return li;
  }
  function evidenceBy(list) {
    var m = new Map();
    (list || []).forEach(function (p) { if (!m.has(p[0])) m.set(p[0], []); m.get(p[0]).push(S[p[1]]); });
    return m;
  }
  function releaseList(rels, ev) {
    var ul = document.createElement("ul"), evs = evidenceBy(ev), seen = new Set();
    (rels || []).concat(Array.from(evs.keys())).forEach(function (ri) {
      if (seen.has(ri)) return;
      seen.add(ri);
      var li = releaseLine(ri);
      (evs.get(ri) || []).forEach(function (s) { li.appendChild(text("blockquote", s)); });
      ul.appendChild(li);
    });
    return ul;
  }
  function select(id) {
    var k = typeof id === "number" ? id : idIndex.get(String(id));
    if (k === undefined || k < 0 || k >= N.length) return false;
    selected = k;
    var n = N[k];
    details.textContent = "";
    details.appendChild(text("h2", n.label));
    var facts = [n.type];
    if (n.start) facts.push(n.start === n.end ? n.start : n.start + " to " + n.end);
    else if (n.y0 !== undefined) facts.push(n.y0 === n.y1 ? String(n.y0) : n.y0 + " to " + n.y1);
    facts.push(n.deg + " link" + (n.deg === 1 ? "" : "s"));
    details.appendChild(text("p", facts.join(" \u00b7 "), "muted"));
    if (n.alt && n.alt.length) details.appendChild(text("p", "Also: " + n.alt.join("; ")));
    details.appendChild(text("p", n.id, "muted"));
    details.appendChild(text("h3", "Facts"));
    var edges = adj[k].slice().sort(function (a, b) {
      var ea = E[a], eb = E[b], oa = ea.s === k ? ea.t : ea.s, ob = eb.s === k ? eb.t : eb.s;
      return REL[ea.r] < REL[eb.r] ? -1 : REL[ea.r] > REL[eb.r] ? 1 : N[oa].label < N[ob].label ? -1 : 1;
    });
    var ul = document.createElement("ul");
    edges.slice(0, 300).forEach(function (ei) {
      var e = E[ei], out = e.s === k, other = out ? e.t : e.s, li = document.createElement("li");
      var verb = data.directed ? (out ? REL[e.r] + " \u2192 " : "\u2190 " + REL[e.r] + " \u2014 ") : REL[e.r] + " \u2014 ";
      li.appendChild(text("span", verb));
      var btn = text("button", N[other].label, "node"); btn.type = "button";
      btn.addEventListener("click", function () { select(N[other].id); });
      li.appendChild(btn);
      li.appendChild(text("span", " (" + e.w + " release" + (e.w === 1 ? "" : "s") + ")", "muted"));
      li.appendChild(releaseList(e.rel, e.ev));
      ul.appendChild(li);
    });
    if (!edges.length) ul.appendChild(text("li", "no links", "muted"));
    if (edges.length > 300) ul.appendChild(text("li", "and " + (edges.length - 300) + " more", "muted"));
    details.appendChild(ul);
    if ((n.rel && n.rel.length) || (n.ev && n.ev.length)) {
      details.appendChild(text("h3", "Mentioned in"));
      details.appendChild(releaseList(n.rel, n.ev));
    }
    draw();
    return true;
  }

  resize(); fit(); updateVisible();
  var tParsed = performance.now();
  draw();
  window.kgView = {
    nodeCount: function () { return N.length; },
    edgeCount: function () { return E.length; },
    visibleCount: function () { return visibleN; },
    drawnCount: function () { return drawnN; },
    search: function (q) { return search(q, false); },
    setTypeFilter: setTypeFilter,
    setYearRange: function (a, b) { return setYearRange(a, b, false); },
    select: select,
    selected: function () { return selected >= 0 ? N[selected].id : null; },
    screenOf: function (id) {
      var k = idIndex.get(String(id));
      return k === undefined ? null : [sx(N[k]), sy(N[k])];
    },
    redraw: function () { var t = performance.now(); draw(); return performance.now() - t; },
    timing: { scriptStart: t0, parsed: tParsed, firstFrame: performance.now() },
    ready: true
  };
})();
"""


# ---------------------------------------------------------------------------------------------
# the static overview
# ---------------------------------------------------------------------------------------------

def _esc(s: Any) -> str:
    from .network import _xml_text

    return _xml_text(str(s)).replace('"', "&quot;")


def overview_svg(graph: nx.Graph, *, width: int = 1200, height: int = 900, labels: int = 40, seed: int = 7,
                 pos: dict | None = None) -> str:
    """An SVG picture of ``graph``: the layout of :func:`layout`, nodes coloured by type and sized by
    degree, the ``labels`` best-connected nodes named, a legend of the types."""
    pos = pos if pos is not None else layout(graph, seed=seed)
    legend_w = 170
    pad = 20
    area_w, area_h = width - legend_w - 2 * pad, height - 2 * pad
    side = min(area_w, area_h)
    x0 = legend_w + pad + (area_w - side) / 2
    y0 = pad + (area_h - side) / 2
    nodes = sorted(graph.nodes, key=str)
    n = max(len(nodes), 1)
    unit = side / math.sqrt(n)

    def xy(v: Any) -> tuple[float, float]:
        x, y = pos.get(v, (0.5, 0.5))
        return round(x0 + x * side, 1), round(y0 + y * side, 1)

    def r(v: Any) -> float:
        return round(max(1.2, min(unit * 0.5, 18.0, unit * (0.06 + 0.04 * math.sqrt(graph.degree(v))))), 2)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
           'font-family="sans-serif">',
           f"<title>{_esc(graph.graph.get('name') or 'release-kg')}</title>",
           f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
           '<g stroke="#888888" stroke-opacity="0.35" stroke-width="0.6">']
    lookup = {str(v): v for v in nodes}
    pairs = {(min(str(a), str(b)), max(str(a), str(b))) for a, b in graph.edges() if a != b}
    for a, b in sorted(pairs):
        (x1, y1), (x2, y2) = xy(lookup[a]), xy(lookup[b])
        out.append(f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}"/>')
    out.append("</g>")
    types: dict[str, int] = {}
    by_type: dict[str, list] = {}
    for v in nodes:
        t = str(graph.nodes[v].get("type") or "other")
        types[t] = types.get(t, 0) + 1
        by_type.setdefault(t, []).append(v)
    order = [t for t in COLORS if t in types] + sorted(t for t in types if t not in COLORS)
    for t in order:
        out.append(f'<g fill="{COLORS.get(t, OTHER_COLOR)}" stroke="#ffffff" stroke-width="0.4">')
        for v in by_type[t]:
            x, y = xy(v)
            out.append(f'<circle cx="{x}" cy="{y}" r="{r(v)}"><title>{_esc(graph.nodes[v].get("label", v))}</title></circle>')
        out.append("</g>")
    top = sorted(nodes, key=lambda v: (-graph.degree(v), str(v)))[:labels]
    out.append('<g font-size="11" fill="#111111" stroke="#ffffff" stroke-width="3" paint-order="stroke">')
    for v in top:
        x, y = xy(v)
        label = str(graph.nodes[v].get("label", v))
        label = label if len(label) <= 40 else label[:37] + "..."
        out.append(f'<text x="{round(x + r(v) + 2, 1)}" y="{round(y + 4, 1)}">{_esc(label)}</text>')
    out.append("</g>")
    out.append('<g font-size="12" fill="#222222">')
    out.append(f'<text x="{pad}" y="{pad + 4}" font-weight="bold">{len(nodes)} nodes, {graph.number_of_edges()} edges</text>')
    for i, t in enumerate(order):
        y = pad + 28 + i * 20
        out.append(f'<circle cx="{pad + 6}" cy="{y - 4}" r="6" fill="{COLORS.get(t, OTHER_COLOR)}"/>')
        out.append(f'<text x="{pad + 18}" y="{y}">{_esc(t)} ({types[t]})</text>')
    out.append("</g>\n</svg>")
    return "\n".join(out) + "\n"


def write_overview_svg(graph: nx.Graph, path: str | Path, **kwargs: Any) -> Path:
    """Write :func:`overview_svg` of ``graph`` to ``path`` (atomically)."""
    text = overview_svg(graph, **kwargs).encode("utf-8")
    write_atomic(path, lambda tmp: tmp.write_bytes(text))
    return Path(path)
