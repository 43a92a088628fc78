"""Time of every named query, engine-only and as a whole `kg query` process, against rdflib's engine.

usage: python benchmarks/queries.py [--real DIR] [--sizes 1000,10000] [--runs 5] [--timeout 60]
                                    [--work DIR] [--rdflib-max 1000] [--no-cli] [--queries a,b]
                                    [--store DIR ...]

Builds (or, with `kg build`'s incremental builds, reuses) one store per corpus in --work:

* ``real``: the releases of --real (default: the repository's own real-shaped releases: seeds/ and
  the release fixtures of tests/);
* ``syn-N``: N synthetic releases from ``tests/synthetic.py`` for each N of --sizes.

Then, for every named query of queries/ (parameters as in the README: org=WCO, entity=WCO,
place=Vienna, text=session, below=0.8), it prints the median of --runs runs of

* ``engine``: ``kg.sparql.run`` on the opened store (the SPARQL engine and reading the rows);
* ``cli``: the whole ``kg query NAME --format csv`` process, start-up included;
* ``rdflib``: rdflib's in-memory engine on the same data (the merged data as default graph, the
  evidence graphs and the rules graph as named graphs), loaded once, for stores of at most --rdflib-max releases.

With ``--store DIR`` (once or more), the queries are timed on those stores as they are (a store that
``benchmarks/scale.py --work`` left, say), and no store is built.

Each measurement runs in a child process that is killed after --timeout seconds (a query of
another version of kg that does not answer is reported as ``>T``).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

PARAMS = {"org": "WCO", "entity": "WCO", "place": "Vienna", "text": "session", "below": "0.8"}
REAL = [ROOT / "seeds", ROOT / "tests/fixtures/cli/releases", ROOT / "tests/fixtures/network"]


def kg_command() -> list[str]:
    exe = shutil.which("kg", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "kg.cli"]


def build_store(name: str, inputs: list[Path], work: Path) -> Path:
    store = work / f"store-{name}"
    t0 = time.perf_counter()
    subprocess.run(kg_command() + ["build", *map(str, inputs), "--store", str(store), "--jobs", "2", "--quiet"],
                   check=True)
    print(f"# store {name}: built or brought up to date in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return store


def store_size(store: Path) -> tuple[int, int]:
    """(releases, quads) of a store, read in a child process (the store admits one process at a time)."""
    code = ("import sys, pyoxigraph as ox; from kg.store import data_graph_names, open_store\n"
            "with open_store(sys.argv[1], create=False) as s: print(len(data_graph_names(s)), len(s))")
    out = subprocess.run([sys.executable, "-c", code, str(store)], check=True, capture_output=True, text=True)
    a, b = out.stdout.split()
    return int(a), int(b)


def params_of(name: str) -> dict[str, str]:
    from kg.sparql import named_queries

    return {k: PARAMS[k] for k in named_queries()[name].params}


def child(args: list[str], timeout: float) -> dict | None:
    """Run this script in a child process for one measurement; its JSON line, or None on timeout."""
    try:
        out = subprocess.run([sys.executable, __file__, *args], check=True, capture_output=True, text=True,
                             timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    return json.loads(out.stdout.strip().splitlines()[-1])


def engine_child(store: str, name: str, runs: int) -> dict:
    from kg.sparql import resolve_query, run
    from kg.store import open_store

    text, bindings = resolve_query(name, None, params_of(name))
    times, n = [], 0
    with open_store(store, create=False) as s:
        for _ in range(runs):
            t0 = time.perf_counter()
            n = len(run(s, text, bindings)[1])
            times.append(time.perf_counter() - t0)
    return {"median": statistics.median(times), "rows": n}


def rdflib_child(store: str, names: list[str], runs: int, timeout: float) -> dict:
    """Load the store's merged data and evidence graphs into rdflib, then time each query."""
    import pyoxigraph as ox
    from rdflib import Dataset, URIRef
    from rdflib.plugins.sparql import prepareQuery

    from kg.sparql import PREFIXES, resolve_query
    from kg.store import MERGED, RULES, graph_names, open_store, to_rdflib

    ds = Dataset()
    t0 = time.perf_counter()
    with open_store(store, create=False) as s:
        default = ds.default_context
        for q in s.quads_for_pattern(None, None, None, ox.NamedNode(MERGED)):
            default.add(to_rdflib(q))
        for g in graph_names(s) + [RULES]:
            if g.endswith("/evidence") or g == RULES:
                graph = ds.graph(URIRef(g))
                for q in s.quads_for_pattern(None, None, None, ox.NamedNode(g)):
                    graph.add(to_rdflib(q))
    load = time.perf_counter() - t0

    class Late(Exception):
        pass

    def alarm(*_):
        raise Late

    signal.signal(signal.SIGALRM, alarm)
    out: dict = {"load": load}
    for name in names:
        text, bindings = resolve_query(name, None, params_of(name))
        from rdflib import Literal

        query = prepareQuery(text, initNs=PREFIXES)
        times, n = [], 0
        try:
            for _ in range(runs):
                signal.alarm(int(timeout))
                t1 = time.perf_counter()
                n = len(list(ds.query(query, initBindings={k: Literal(v) for k, v in bindings.items()})))
                times.append(time.perf_counter() - t1)
                signal.alarm(0)
                if sum(times) > timeout:
                    break
            out[name] = {"median": statistics.median(times), "rows": n}
        except Late:
            out[name] = None
    return out


def cli_times(store: Path, name: str, runs: int, timeout: float) -> float | None:
    argv = kg_command() + ["query", name, "--store", str(store), "--format", "csv"]
    for k, v in params_of(name).items():
        argv += ["--param", f"{k}={v}"]
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        try:
            subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, timeout=timeout)
        except subprocess.TimeoutExpired:
            return None
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def ms(x: float | None, timeout: float) -> str:
    if x is None:
        return f">{timeout:.0f} s"
    return f"{x * 1000:.1f}" if x < 1 else f"{x * 1000:.0f}"


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--engine-child":
        print(json.dumps(engine_child(sys.argv[2], sys.argv[3], int(sys.argv[4]))))
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--rdflib-child":
        print(json.dumps(rdflib_child(sys.argv[2], sys.argv[3].split(","), int(sys.argv[4]), float(sys.argv[5]))))
        return
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--real", help="a folder of real releases [default: the repository's own]")
    ap.add_argument("--sizes", default="1000,10000", help="synthetic corpus sizes, comma-separated ('' for none)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds before a measurement is given up")
    ap.add_argument("--work", help="folder of corpora and stores, reused between runs [default: a temporary folder]")
    ap.add_argument("--rdflib-max", type=int, default=1000, help="largest store (releases) to time rdflib on")
    ap.add_argument("--no-cli", action="store_true", help="skip the whole-process timings")
    ap.add_argument("--queries", help="only these named queries, comma-separated")
    ap.add_argument("--store", action="append", default=[], help="time the queries on this built store (no build)")
    a = ap.parse_args()

    from kg.sparql import named_queries
    from synthetic import write_corpus

    work = Path(a.work or tempfile.mkdtemp(prefix="kg-bench-queries-"))
    work.mkdir(parents=True, exist_ok=True)
    names = a.queries.split(",") if a.queries else list(named_queries())
    stores = [(Path(p).name, Path(p)) for p in a.store]
    if not stores:
        stores.append(("real", build_store("real", [Path(a.real)] if a.real else REAL, work)))
    for n in [int(x) for x in a.sizes.split(",") if x.strip()] if not a.store else ():
        corpus = work / f"corpus-{n}"
        if not corpus.is_dir() or len(os.listdir(corpus)) != n:
            shutil.rmtree(corpus, ignore_errors=True)
            write_corpus(corpus, n)
        stores.append((f"syn-{n}", build_store(f"syn-{n}", [corpus], work)))

    header = ["store", "releases", "quads", "query", "rows", "engine ms", "cli ms", "rdflib ms", "rdflib / engine"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for label, store in stores:
        releases, quads = store_size(store)
        lib: dict = {}
        if releases <= a.rdflib_max:
            lib = child(["--rdflib-child", str(store), ",".join(names), str(a.runs), str(a.timeout)],
                        timeout=a.timeout * (len(names) + 2) * 2) or {}
            if "load" in lib:
                print(f"# rdflib: {label} loaded in {lib['load']:.1f} s", file=sys.stderr)
        for name in names:
            eng = child(["--engine-child", str(store), name, str(a.runs)], timeout=a.timeout * a.runs)
            cli = None if a.no_cli else cli_times(store, name, a.runs, a.timeout)
            rl = lib.get(name) if lib else None
            e = eng["median"] if eng else None
            r = rl["median"] if rl else None
            ratio = f"{r / e:.0f}x" if (e and r) else ("" if not lib else f">{a.timeout / e:.0f}x" if e and rl is None else "")
            print("| " + " | ".join([
                label, str(releases), str(quads), name, str(eng["rows"]) if eng else "?",
                ms(e, a.timeout * a.runs), "" if a.no_cli else ms(cli, a.timeout),
                "" if not lib else ms(r, a.timeout), ratio]) + " |", flush=True)


if __name__ == "__main__":
    main()
