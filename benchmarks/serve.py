"""Throughput and latency of `kg serve` for a selective named query, against `kg query`.

usage: python benchmarks/serve.py [--releases 1000] [--clients 8] [--seconds 10] [--store DIR]

Builds a store of synthetic releases (or uses --store), starts `kg serve` on a free loopback port
and prints a table: the median latency of `participations org=WCO` through the endpoint (one client),
through a whole `kg query` process, and the queries per second that --clients concurrent clients get
from the endpoint (each query runs in a child process of its own, as every served query does).
"""
from __future__ import annotations

import argparse
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from synthetic import write_corpus  # noqa: E402

from kg.builder import build  # noqa: E402

KG = str(Path(sys.executable).with_name("kg"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--releases", type=int, default=1000)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--store")
    a = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kg-serve-bench-"))
    try:
        store = Path(a.store) if a.store else work / "store"
        if not a.store:
            build([write_corpus(work / "in", a.releases)[0].parent], store, jobs=2)
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        server = subprocess.Popen([KG, "serve", "--store", str(store), "--port", str(port), "--concurrency",
                                   str(a.clients)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            for _ in range(300):
                try:
                    if httpx.get(url + "/health", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.1)
            target, params = url + "/queries/participations", {"org": "WCO"}
            rows = len(httpx.get(target, params=params).json()["results"]["bindings"])
            served = []
            for _ in range(20):
                t0 = time.perf_counter()
                httpx.get(target, params=params)
                served.append(time.perf_counter() - t0)
            cli = []
            for _ in range(5):
                t0 = time.perf_counter()
                subprocess.run([KG, "query", "participations", "--param", "org=WCO", "--store", str(store),
                                "--format", "csv"], check=True, capture_output=True)
                cli.append(time.perf_counter() - t0)
            done, stop = [0] * a.clients, time.monotonic() + a.seconds

            def client(i: int) -> None:
                with httpx.Client() as c:
                    while time.monotonic() < stop:
                        c.get(target, params=params).raise_for_status()
                        done[i] += 1
            threads = [threading.Thread(target=client, args=(i,)) for i in range(a.clients)]
            t0 = time.monotonic()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            qps = sum(done) / (time.monotonic() - t0)
        finally:
            server.terminate()
            server.wait(20)
        print(f"store: {store} ({a.releases if not a.store else 'given'} releases); answer: {rows} rows")
        print(f"{'measure':44} {'value':>10}")
        print(f"{'kg serve, one client, median latency':44} {statistics.median(served) * 1000:8.0f} ms")
        print(f"{'kg query process, median wall time':44} {statistics.median(cli) * 1000:8.0f} ms")
        print(f"{f'kg serve, {a.clients} clients, queries per second':44} {qps:10.1f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
