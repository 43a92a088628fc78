"""Throughput of the extraction stage (reading to facts; no validation, no storage).

usage: python benchmarks/extract_speed.py FOLDER [--repeat 20] [--runs 5]

Each run reads every release of FOLDER and extracts its facts, REPEAT times over, in one process
(one core), and prints a row: releases, wall and CPU seconds, releases per CPU second, CPU
milliseconds per release, and the part of them spent reading. The last row is the median of the
runs (the machines are shared and noisy: the median is the figure to quote). The one-time cost of
loading the curated data is printed first.
"""
from __future__ import annotations

import argparse
import statistics
import time

from kg.extract import extract, lexicon
from kg.read import read_all


def one_run(folder: str, repeat: int) -> tuple[int, float, float, float]:
    """(releases, wall s, cpu s, cpu s reading) of one run."""
    n, read_cpu = 0, 0.0
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in range(repeat):
        r0 = time.process_time()
        releases = list(read_all([folder], on_skip=lambda e: None))
        read_cpu += time.process_time() - r0
        for r in releases:
            extract(r)
            n += 1
    return n, time.perf_counter() - t0, time.process_time() - c0, read_cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("folder")
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    t0 = time.perf_counter()
    extract(next(iter(read_all([a.folder], on_skip=lambda e: None))))  # loads the curated data, as every build does
    print(f"curated data loaded in {time.perf_counter() - t0:.2f} s; compiled scans (kg._speedups): "
          f"{'yes' if getattr(lexicon, '_speedups', None) is not None else 'no, pure Python'}")
    print(f"{'run':>6} {'releases':>9} {'wall s':>7} {'cpu s':>7} {'rel/s (cpu)':>12} {'ms/rel (cpu)':>13} {'of it read':>11}")
    rows = []
    for i in range(a.runs):
        n, wall, cpu, read_cpu = one_run(a.folder, a.repeat)
        rows.append((n, wall, cpu, read_cpu))
        print(f"{i + 1:6d} {n:9d} {wall:7.2f} {cpu:7.2f} {n / cpu:12.1f} {1000 * cpu / n:13.2f} {1000 * read_cpu / n:11.2f}")
    n = rows[0][0]
    wall, cpu, read_cpu = (statistics.median(r[k] for r in rows) for k in (1, 2, 3))
    print(f"{'median':>6} {n:9d} {wall:7.2f} {cpu:7.2f} {n / cpu:12.1f} {1000 * cpu / n:13.2f} {1000 * read_cpu / n:11.2f}")


if __name__ == "__main__":
    main()
