"""Throughput of the validation stage: the SHACL shapes over release graphs, as a build runs them.

usage: python benchmarks/validate_speed.py [FOLDER] [--n 640] [--runs 5]

The releases of FOLDER (default: ``--n`` releases in the genre, from ``benchmarks/genre.py``, written to
a temporary folder) are read, extracted and mapped to RDF once; then each run validates all of them in
batches of the build's size (``kg.builder.BATCH``), in one process (one core), and prints a row:
releases, CPU seconds, CPU milliseconds per release, and how many pySHACL runs the batches took (a
batch is validated again release by release when its union reports a result). The last row is the
median of the runs (the machines are shared and noisy: the median is the figure to quote).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import genre  # noqa: E402
from rdflib.plugins.stores.memory import Memory  # noqa: E402

from kg import builder, validate  # noqa: E402
from kg.read import read_all  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", nargs="?")
    ap.add_argument("--n", type=int, default=640)
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(a.folder) if a.folder else Path(tmp) / "genre"
        if not a.folder:
            genre.write_corpus(folder, a.n)
        settings = builder.Settings()
        releases = list(read_all([folder], on_skip=lambda e: None))
    # each batch's data graphs in one store, as a build's worker makes them
    batches = []
    for k in range(0, len(releases), builder.BATCH):
        store = Memory()
        graphs = [g for g in (builder._processed(r, settings, store) for r in releases[k:k + builder.BATCH])
                  if not isinstance(g, builder.Failure)]
        batches.append([(g.release_iri, g.data, g.sentences) for g in graphs])
    items = [x for b in batches for x in b]
    shapes = str(validate.SHAPES)
    validate.validate_batch(items[:1], shapes)  # (the shapes parsed and checked once, as every build does)
    runs = {"n": 0}
    pyshacl_run = validate._run

    def counted(data, shapes_path):
        runs["n"] += 1
        return pyshacl_run(data, shapes_path)

    validate._run = counted
    print(f"{'run':>6} {'releases':>9} {'cpu s':>7} {'ms/rel (cpu)':>13} {'pySHACL runs':>13}")
    rows = []
    for i in range(a.runs):
        runs["n"] = 0
        c0 = time.process_time()
        for batch in batches:
            validate.validate_batch(batch, shapes)
        cpu = time.process_time() - c0
        rows.append((cpu, runs["n"]))
        print(f"{i + 1:6d} {len(items):9d} {cpu:7.2f} {1000 * cpu / len(items):13.2f} {runs['n']:13d}")
    cpu = statistics.median(r[0] for r in rows)
    print(f"{'median':>6} {len(items):9d} {cpu:7.2f} {1000 * cpu / len(items):13.2f} {rows[0][1]:13d}")


if __name__ == "__main__":
    main()
