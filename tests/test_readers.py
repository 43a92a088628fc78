"""Readers of the store: several at once, and while a build writes (from the last finished build's
snapshot), with real `kg` processes on a real store."""
from __future__ import annotations

import json
import subprocess
import time

import pytest

from kg.builder import build
from kg.store import read_store, release_index
from conftest import describe, kg_executable, run_kg
from synthetic import write_corpus


def count_releases(store) -> int:
    r = run_kg("query", "releases", "--store", store, "--format", "jsonl")
    assert r.returncode == 0, describe(r)
    return len(r.stdout.splitlines())


def test_several_readers_at_once(tmp_path):
    store = tmp_path / "store"
    build([write_corpus(tmp_path / "in", 12)[0].parent], store, jobs=1)
    with read_store(store) as a, read_store(store) as b:  # two readers in one process, a third outside
        assert len(release_index(a)) == len(release_index(b)) == 12
        assert count_releases(store) == 12
    procs = [subprocess.Popen([kg_executable(), "query", "releases", "--store", str(store), "--format", "jsonl"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(4)]
    assert [len(p.communicate(timeout=120)[0].splitlines()) for p in procs] == [12] * 4


def test_a_build_goes_on_while_a_reader_holds_the_store(tmp_path):
    store = tmp_path / "store"
    build([write_corpus(tmp_path / "in", 3)[0].parent], store, jobs=1)
    write_corpus(tmp_path / "in", 2, start=3)
    with read_store(store) as held:
        r = run_kg("build", tmp_path / "in", "--store", store, "-j", "1")
        assert r.returncode == 0 and "2 added" in r.stderr, describe(r)
        assert len(release_index(held)) == 3  # the reader keeps the state it opened
    assert count_releases(store) == 5


@pytest.mark.slow
def test_readers_see_the_last_finished_build_while_a_build_writes(tmp_path):
    store = tmp_path / "store"
    first = write_corpus(tmp_path / "in", 20)[0].parent
    build([first], store, jobs=1)
    write_corpus(tmp_path / "in", 400, start=20)
    writer = subprocess.Popen([kg_executable(), "build", str(tmp_path / "in"), "--store", str(store), "-j", "1",
                               "--report", str(tmp_path / "report.json")],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    seen = []
    try:
        while writer.poll() is None:
            seen.append(count_releases(store))  # never an error, never a partial state
            time.sleep(0.05)
    finally:
        out, err = writer.communicate(timeout=600)
    assert writer.returncode == 0, err.decode()
    assert json.loads((tmp_path / "report.json").read_text())["added"] == 400
    # the state before the build, then (once it has written its snapshot, as its process ends) the new one
    assert 20 in seen and set(seen) <= {20, 420} and seen == sorted(seen), f"readers saw {seen}"
    assert count_releases(store) == 420  # and the new state once it is done, with no restart
