"""Builds of 1k / 10k / 100k releases in the genre: throughput, stages, memory, store size, exports
and the named queries on the result.

usage: python benchmarks/scale.py [--sizes 1000,10000,100000] [--jobs 2] [--work DIR] [--runs 3]
                                  [--timeout 120] [--no-export]

For each size, the releases of ``benchmarks/genre.py`` are written (once; --work keeps them), a store
is built from scratch by the real ``kg build`` command, then exported (N-Quads with evidence, sorted
TriG), and every named query is timed on it (engine time, median of --runs, in a child process).
Memory is the peak resident size of the build's processes, sampled every 0.2 s from /proc: the
largest single process and the sum over the process tree. Prints one table per measure.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import genre  # noqa: E402
import queries as q  # noqa: E402


def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            with open(f"/proc/{p}/task/{p}/children") as f:
                todo += [int(x) for x in f.read().split()]
        except OSError:
            pass
    return out


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return 0


def measured(argv: list[str], timeout: float | None = None) -> tuple[float, int, int, int]:
    """Run a command: (wall seconds, exit code, peak RSS of one process, peak RSS of the tree)."""
    peak_one = peak_sum = 0
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak_one, peak_sum
        while not done.is_set():
            sizes = [_rss(p) for p in _tree(proc.pid)]
            peak_one, peak_sum = max(peak_one, max(sizes, default=0)), max(peak_sum, sum(sizes))
            done.wait(0.2)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    try:
        rc = proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        rc = proc.wait()
    done.set()
    t.join()
    return time.perf_counter() - t0, rc, peak_one, peak_sum


def du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def mb(n: int) -> str:
    return f"{n / 2**20:,.0f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--work", help="folder of corpora and stores [default: a temporary folder]")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds before a query is given up")
    ap.add_argument("--no-export", action="store_true")
    a = ap.parse_args()
    kg = q.kg_command()
    work = Path(a.work or tempfile.mkdtemp(prefix="kg-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    from kg.sparql import named_queries

    names = list(named_queries())
    builds, exports, timings = [], [], {}
    for n in [int(x) for x in a.sizes.split(",") if x.strip()]:
        corpus = work / f"genre-{n}"
        t0 = time.perf_counter()
        genre.write_corpus(corpus, n)
        print(f"# corpus of {n}: {time.perf_counter() - t0:.0f} s", file=sys.stderr)
        store, report = work / f"store-{n}", work / f"report-{n}.json"
        shutil.rmtree(store, ignore_errors=True)
        secs, rc, one, tree = measured(kg + ["build", str(corpus), "--store", str(store), "--jobs", str(a.jobs),
                                             "--quiet", "--report", str(report)])
        rep = json.loads(report.read_text()) if report.exists() else {"seconds": {}}
        builds.append((n, secs, rc, one, tree, rep, du(store)))
        print(f"# built {n} in {secs:.0f} s (exit {rc})", file=sys.stderr)
        if not a.no_export:
            for label, extra in (("nquads, with evidence", ["--format", "nquads", "--graphs", "all"]),
                                 ("trig, data", ["--format", "trig"])):
                out = work / f"export-{n}"
                esecs, erc, eone, _ = measured(kg + ["export", "--store", str(store), "-o", str(out), *extra])
                exports.append((n, label, esecs, erc, eone, out.stat().st_size if out.exists() else 0))
                out.unlink(missing_ok=True)
        for name in names:
            res = q.child(["--engine-child", str(store), name, str(a.runs)], timeout=a.timeout * a.runs)
            timings.setdefault(name, {})[n] = res

    print("\n| releases | wall s | releases/s | read s | extract s | validate s | store s | peak MB (one process) "
          "| peak MB (all) | store MB | exit |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for n, secs, rc, one, tree, rep, size in builds:
        s = rep.get("seconds", {})
        print(f"| {n:,} | {secs:.0f} | {n / secs:.0f} | " + " | ".join(f"{s.get(k, 0):.0f}" for k in
              ("read", "extract", "validate", "store")) + f" | {mb(one)} | {mb(tree)} | {mb(size)} | {rc} |")
    print("\n(extract and validate are seconds of the worker processes, summed; store is the writing process)")
    if exports:
        print("\n| releases | export | wall s | peak MB | file MB | exit |")
        print("|---|---|---|---|---|---|")
        for n, label, secs, rc, one, size in exports:
            print(f"| {n:,} | {label} | {secs:.1f} | {mb(one)} | {mb(size)} | {rc} |")
    sizes = [b[0] for b in builds]
    print("\n| query | " + " | ".join(f"{n:,} (ms)" for n in sizes) + " |")
    print("|---|" + "---|" * len(sizes))
    for name in names:
        cells = []
        for n in sizes:
            r = timings[name].get(n)
            cells.append(f">{a.timeout:.0f} s" if r is None else f"{r['median'] * 1000:.1f} ({r['rows']} rows)")
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
