"""Time of a whole build of N synthetic releases, of adding one release to it, and of a no-op rebuild.

usage: python benchmarks/build_corpus.py [--n 1000] [--jobs 2] [--workdir DIR]

Runs the real `kg build` command and prints a table: step, releases read / added / skipped,
wall seconds, and the per-stage seconds of the build report.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from synthetic import write_corpus  # noqa: E402


def run(kg: str, corpus: Path, store: Path, jobs: int, report: Path) -> tuple[float, dict]:
    t0 = time.perf_counter()
    subprocess.run([kg, "build", str(corpus), "--store", str(store), "--jobs", str(jobs), "--quiet",
                    "--report", str(report)], check=True)
    return time.perf_counter() - t0, json.loads(report.read_text())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--workdir")
    a = ap.parse_args()
    kg = shutil.which("kg", path=str(Path(sys.executable).parent)) or shutil.which("kg")
    work = Path(a.workdir or tempfile.mkdtemp(prefix="kg-bench-"))
    corpus, store, report = work / "corpus", work / "store", work / "report.json"
    shutil.rmtree(store, ignore_errors=True)
    write_corpus(corpus, a.n)
    rows = []
    secs, rep = run(kg, corpus, store, a.jobs, report)
    rows.append(("build from scratch", rep, secs))
    write_corpus(corpus, 1, start=a.n)
    secs, rep = run(kg, corpus, store, a.jobs, report)
    rows.append(("add one release", rep, secs))
    secs, rep = run(kg, corpus, store, a.jobs, report)
    rows.append(("rebuild, nothing changed", rep, secs))
    print(f"{'step':26} {'read':>6} {'added':>6} {'skipped':>7} {'wall s':>7}  stages (s)")
    for name, rep, secs in rows:
        stages = " ".join(f"{k}={v:.2f}" for k, v in rep["seconds"].items())
        print(f"{name:26} {rep['read']:6d} {rep['added']:6d} {rep['skipped']:7d} {secs:7.2f}  {stages}")


if __name__ == "__main__":
    main()
