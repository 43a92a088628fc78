"""How the interactive view copes with a 5,000-node graph.

Generates a synthetic entity graph shaped like the real one (organizations taking part in events
held in cities, discussing topics, people affiliated to organizations; every edge with a release and
an evidence sentence), renders it with ``kg.viz.render_html``, opens the page in headless Chromium
(file://, no network) and prints a table: nodes, edges, file size, layout and render time, time until
``window.kgView`` is ready with its first frame drawn, and the time of a search and of a type filter.

    python benchmarks/viz_5000.py [--nodes 5000] [--keep DIR]

Needs Debian's ``chromium`` and ``chromium-driver`` and the ``selenium`` package.
"""
from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


def synthetic_graph(n_nodes: int = 5000, seed: int = 1):
    """A random entity graph of ``n_nodes`` nodes with the attributes ``kg.network.entity_graph`` gives."""
    import networkx as nx

    rnd = random.Random(seed)
    share = {"organization": 0.30, "event": 0.30, "city": 0.06, "country": 0.03, "topic": 0.20, "person": 0.08,
             "programme": 0.03}
    counts = {t: int(n_nodes * f) for t, f in share.items()}
    counts["organization"] += n_nodes - sum(counts.values())
    G = nx.MultiDiGraph(name=f"synthetic graph of {n_nodes} nodes")
    ids: dict[str, list[str]] = {}
    for t, c in counts.items():
        ids[t] = [f"https://w3id.org/release-kg/id/{t}/{i}" for i in range(c)]
        for i, n in enumerate(ids[t]):
            G.add_node(n, label=f"{t.capitalize()} {i}", type=t, alt_names=[f"{t[:3].upper()}{i}"], releases=[],
                       evidence=[])
    releases: dict[str, dict] = {}
    weights = [1.0 / (i + 1) ** 0.8 for i in range(len(ids["organization"]))]  # a few hubs, many small ones

    def add(u: str, v: str, relation: str, release: str, year: int, sentence: str) -> None:
        if G.has_edge(u, v, key=relation):
            d = G.edges[u, v, relation]
            d["releases"].append(release)
            d["weight"] += 1
            d["evidence"].append((release, sentence))
            return
        G.add_edge(u, v, key=relation, relation=relation, weight=1, releases=[release], first_year=year,
                   last_year=year, evidence=[(release, sentence)])

    for i, e in enumerate(ids["event"]):
        year = rnd.randint(2005, 2024)
        rid = f"release-{i:05d}"
        releases[rid] = {"title": f"Release about event {i}", "date": f"{year}-06-01",
                         "url": f"https://example.org/news/{i}"}
        G.nodes[e].update(first_year=year, last_year=year, start=f"{year}-05-01", end=f"{year}-05-03")
        orgs = set(rnd.choices(ids["organization"], weights=weights, k=rnd.randint(2, 7)))
        city = rnd.choice(ids["city"])
        country = ids["country"][ids["city"].index(city) % len(ids["country"])]
        sentence = (f"The {', '.join(G.nodes[o]['label'] for o in sorted(orgs))} took part in Event {i}, "
                    f"held in {G.nodes[city]['label']} in May {year}.")
        for o in sorted(orgs):
            add(o, e, "participated in", rid, year, sentence)
        add(e, sorted(orgs)[0], "organizer", rid, year, sentence)
        add(e, city, "held in", rid, year, sentence)
        add(e, country, "held in", rid, year, sentence)
        add(city, country, "contained in", rid, year, sentence)
        for t in rnd.sample(ids["topic"], rnd.randint(1, 3)):
            add(e, t, "discussed", rid, year, f"Participants discussed {G.nodes[t]['label']}.")
        if rnd.random() < 0.3:
            add(e, rnd.choice(ids["programme"]), "session of", rid, year, sentence)
        for n in list(orgs) + [e, city, country]:
            G.nodes[n]["releases"].append(rid)
    for i, p in enumerate(ids["person"]):
        rid = f"release-{rnd.randrange(len(ids['event'])):05d}"
        year = int(releases[rid]["date"][:4])
        add(p, rnd.choice(ids["organization"]), "affiliation", rid, year, f"Person {i} spoke on behalf of the organization.")
        G.nodes[p]["releases"].append(rid)
    for n, d in G.nodes(data=True):
        years = [int(releases[r]["date"][:4]) for r in d["releases"]]
        if years and "first_year" not in d:
            d["first_year"], d["last_year"] = min(years), max(years)
        d["releases"] = sorted(set(d["releases"]))
    G.graph["releases"] = releases
    return G


def open_browser(profile: str):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
                "--window-size=1400,900"):
        opts.add_argument(arg)
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=5000)
    ap.add_argument("--keep", help="keep the page and a screenshot in this folder")
    args = ap.parse_args()
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        print("needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver)",
              file=sys.stderr)
        return 2
    from kg.viz import layout, page_data, html_page

    work = Path(tempfile.mkdtemp(prefix="kg-viz-bench-"))
    rows: list[tuple[str, str]] = []
    try:
        t = time.perf_counter()
        G = synthetic_graph(args.nodes)
        rows.append(("graph generated", f"{time.perf_counter() - t:.2f} s"))
        t = time.perf_counter()
        pos = layout(G)
        t_layout = time.perf_counter() - t
        t = time.perf_counter()
        page = html_page(page_data(G, pos)).encode("utf-8")
        t_page = time.perf_counter() - t
        out = work / "graph.html"
        out.write_bytes(page)
        rows += [("nodes", str(G.number_of_nodes())), ("edges", str(G.number_of_edges())),
                 ("file size", f"{len(page) / 1e6:.2f} MB"), ("layout (Python)", f"{t_layout:.2f} s"),
                 ("page data + HTML (Python)", f"{t_page:.2f} s")]

        driver = open_browser(str(work / "profile"))
        try:
            empty = work / "empty.html"
            empty.write_text("<!DOCTYPE html><title>empty</title>", encoding="utf-8")
            driver.get(empty.as_uri())  # warm the browser up
            t = time.perf_counter()
            driver.get(empty.as_uri())
            baseline = time.perf_counter() - t
            t = time.perf_counter()
            driver.get(out.as_uri())  # returns after the load event: the script has run
            while not driver.execute_script("return !!(window.kgView && window.kgView.ready)"):
                time.sleep(0.01)
            wall = time.perf_counter() - t
            timing = driver.execute_script("return window.kgView.timing")
            rendered = driver.execute_script("return [kgView.nodeCount(), kgView.drawnCount()]")
            redraw = driver.execute_script("var a=[]; for (var i=0;i<5;i++) a.push(kgView.redraw()); "
                                           "a.sort(function(x,y){return x-y}); return a[2];")
            search = driver.execute_script("var t=performance.now(); var r=kgView.search('Organization 1'); "
                                           "return [performance.now()-t, r.length];")
            filt = driver.execute_script("var t=performance.now(); var v=kgView.setTypeFilter('topic', false); "
                                         "return [performance.now()-t, v];")
            years = driver.execute_script("var t=performance.now(); var v=kgView.setYearRange(2010, 2015); "
                                          "return [performance.now()-t, v];")
            select = driver.execute_script("var t=performance.now(); kgView.select(kgView.search('Organization 0')[0]); "
                                           "return performance.now()-t;")
            if args.keep:
                keep = Path(args.keep)
                keep.mkdir(parents=True, exist_ok=True)
                shutil.copy(out, keep / "graph-5000.html")
                driver.execute_script("kgView.search(''); kgView.setTypeFilter('topic', true); "
                                      "kgView.setYearRange(0, 9999);")
                driver.save_screenshot(str(keep / "viz-5000.png"))
        finally:
            driver.quit()
        rows += [
            ("nodes rendered / drawn", f"{rendered[0]} / {rendered[1]}"),
            ("page open until kgView ready (wall, via WebDriver)", f"{wall * 1000:.0f} ms"),
            ("  WebDriver opening an empty page (baseline)", f"{baseline * 1000:.0f} ms"),
            ("first frame drawn (since navigation start)", f"{timing['firstFrame']:.0f} ms"),
            ("  of which data parse + setup + first draw", f"{timing['firstFrame'] - timing['scriptStart']:.0f} ms"),
            ("redraw (median of 5)", f"{redraw:.1f} ms"),
            ("search 'Organization 1' (+ redraw)", f"{search[0]:.1f} ms, {search[1]} matches"),
            ("type filter off: topic (+ redraw)", f"{filt[0]:.1f} ms, {filt[1]} visible"),
            ("year range 2010-2015 (+ redraw)", f"{years[0]:.1f} ms, {years[1]} visible"),
            ("select a hub (details panel)", f"{select:.1f} ms"),
        ]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    width = max(len(k) for k, _ in rows)
    print(f"{'measure'.ljust(width)}  value")
    print(f"{'-' * width}  {'-' * 24}")
    for k, v in rows:
        print(f"{k.ljust(width)}  {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
