"""Builds on a real Dask cluster (a ``LocalCluster`` of two worker processes on loopback): the same
store as a local build, and the same again when a worker is killed with SIGKILL mid-build."""
from __future__ import annotations

import os
import signal
from pathlib import Path

import pyoxigraph as ox
import pytest
from distributed import Client, LocalCluster

from kg.builder import BATCH, build
from kg.cluster import executor
from kg.errors import UsageError
from kg.store import RULES, STORE_GRAPHS
from conftest import describe, run_kg, store_nquads
from synthetic import write_corpus

pytestmark = pytest.mark.slow
N = 5 * BATCH


@pytest.fixture(scope="module")
def cluster():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as c:
        yield c


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, Path]:
    """A corpus and the store a local one-process build makes of it."""
    root = tmp_path_factory.mktemp("cluster")
    write_corpus(root / "corpus", N)
    rep = build([root / "corpus"], root / "local", jobs=1)
    assert rep.added == N
    return root / "corpus", root / "local"


def test_a_build_on_the_cluster_is_the_local_build(cluster, corpus, tmp_path):
    folder, local = corpus
    proc = run_kg("build", folder, "--store", tmp_path / "store", "--cluster", cluster.scheduler_address,
                  "--report", tmp_path / "report.json")
    assert proc.returncode == 0, describe(proc)
    assert store_nquads(tmp_path / "store") == store_nquads(local)
    # and again: nothing changed, nothing sent
    proc = run_kg("build", folder, "--store", tmp_path / "store", "--cluster", cluster.scheduler_address)
    assert proc.returncode == 0 and f"0 added, 0 replaced, {N} unchanged" in proc.stderr, describe(proc)


def test_a_worker_killed_mid_build_loses_no_release(cluster, corpus, tmp_path):
    folder, local = corpus
    with Client(cluster.scheduler_address) as client:
        pids = sorted(client.run(os.getpid).values())
    assert len(pids) == 2
    killed = []

    def progress(done: int, total) -> None:
        if done >= BATCH and not killed:  # the first batch is stored, the others are on the workers
            os.kill(pids[0], signal.SIGKILL)
            killed.append(pids[0])

    rep = build([folder], tmp_path / "store", executor=executor(cluster.scheduler_address, in_flight=4),
                progress=progress)
    assert killed, "no worker was killed: nothing would be tested"
    assert (rep.added, rep.failed) == (N, 0)
    assert store_nquads(tmp_path / "store") == store_nquads(local)


def test_an_unreachable_scheduler_is_a_clear_error(corpus, tmp_path):
    folder, _ = corpus
    with pytest.raises(UsageError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        build([folder], tmp_path / "store", executor=executor("tcp://127.0.0.1:9"))
    assert not (tmp_path / "store").exists()
    proc = run_kg("build", folder, "--store", tmp_path / "store", "--cluster", "tcp://127.0.0.1:9")
    assert proc.returncode == 2 and "cannot reach the Dask scheduler" in proc.stderr, describe(proc)


def _release_quads(lines: list[str]) -> list[str]:
    """The quads of the release graphs (not the store's own graphs: merged data, description)."""
    return sorted(q for q in lines if not q[:-2].rsplit(" <", 1)[-1].startswith(STORE_GRAPHS))


def test_output_nquads_on_the_cluster_is_the_local_build(cluster, corpus, tmp_path):
    """`--output-nquads DIR` writes the release graphs in parts for a bulk loader: on the cluster,
    the same files as in this process, byte for byte, and the same quads as the store's releases."""
    folder, local = corpus
    # (processes that hash strings differently iterate sets differently: the files may not show it)
    for where, extra, seed in (("here", ["-j", "1"], "1"), ("there", ["-j", "2"], "2"),
                               ("cluster", ["--cluster", cluster.scheduler_address], "3")):
        proc = run_kg("build", folder, "--output-nquads", tmp_path / where, *extra, env={"PYTHONHASHSEED": seed})
        assert proc.returncode == 0 and f"{N} added" in proc.stderr, describe(proc)
    here = {p.name: p.read_bytes() for p in sorted((tmp_path / "here").iterdir())}
    assert here == {p.name: p.read_bytes() for p in sorted((tmp_path / "there").iterdir())}
    assert here == {p.name: p.read_bytes() for p in sorted((tmp_path / "cluster").iterdir())}
    assert sorted(here) == [f"part-{i:06d}.nq" for i in range(1, N // BATCH + 1)] + ["rules.nq"]
    loaded = ox.Store()  # (as a store keeps them: "0.80" is the decimal 0.8)
    for name, data in here.items():
        if name != "rules.nq":
            loaded.load(data, format=ox.RdfFormat.N_QUADS)
    written = sorted(f"{q} ." for q in loaded)
    stored = store_nquads(local)
    assert written == _release_quads(stored)
    # the rules the evidence names, with their confidence, as the store keeps them
    rules = ox.Store()
    rules.load(here["rules.nq"], format=ox.RdfFormat.N_QUADS)
    assert sorted(f"{q} ." for q in rules) == sorted(q for q in stored if f"<{RULES}> ." in q)
    assert len(rules) > 100
    again = run_kg("build", folder, "--output-nquads", tmp_path / "here")
    assert again.returncode == 2 and "not a new or empty folder" in again.stderr
