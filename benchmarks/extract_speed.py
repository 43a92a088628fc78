"""Throughput of the extraction stage (reading to facts; no validation, no storage).

usage: python benchmarks/extract_speed.py FOLDER [--repeat 20]

Reads every release of FOLDER once, then runs extract() over them REPEAT times in one process
(one core) and prints a table: releases, wall and CPU seconds, releases per CPU second, CPU
milliseconds per release, and the one-time cost of loading the curated data.
"""
from __future__ import annotations

import argparse
import time

from kg.extract import extract
from kg.read import read_all


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("folder")
    ap.add_argument("--repeat", type=int, default=20)
    a = ap.parse_args()
    releases = list(read_all([a.folder], on_skip=lambda e: None))
    t0 = time.perf_counter()
    extract(releases[0])  # loads the curated data once, as every build does
    warm = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), time.process_time()
    n = 0
    for _ in range(a.repeat):
        for r in releases:
            extract(r)
            n += 1
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(f"{'releases':>9} {'wall s':>7} {'cpu s':>7} {'rel/s (cpu)':>12} {'ms/rel (cpu)':>13} {'load s':>7}")
    print(f"{n:9d} {dt:7.2f} {cpu:7.2f} {n / cpu:12.1f} {1000 * cpu / n:13.2f} {warm:7.2f}")


if __name__ == "__main__":
    main()
