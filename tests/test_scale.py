"""What lets a build and an export scale: a first build staged and switched into place, batches that
stream, exports sorted through runs on disk in bounded memory (and byte for byte what a sort in
memory gives)."""
from __future__ import annotations

import io
import multiprocessing as mp
import threading
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg
import kg.exporter as exporter
from kg.builder import Job, Settings, build, content_hash, iter_inputs, work
from kg.errors import StoreError
from kg.store import read_store, staged_store
from conftest import assert_merged_is_union, store_nquads
from synthetic import write_corpus

FORMATS = sorted(exporter.RDF_FORMATS)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("scale") / "corpus"
    write_corpus(folder, 40)
    return folder


@pytest.fixture(scope="module")
def built(corpus, tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("scale-store") / "store"
    rep = build([corpus], store, jobs=1)
    assert (rep.added, rep.failed) == (40, 0)
    return store


@pytest.mark.parametrize("graphs", ["data", "all"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_an_export_sorted_through_runs_on_disk_is_the_one_sorted_in_memory(built, fmt, graphs, monkeypatch, tmp_path):
    with read_store(built) as s:
        whole = exporter.rdf_bytes(s, fmt, graphs)
        monkeypatch.setattr(exporter, "SORT_CHUNK", 97)  # forty releases: dozens of runs, merged
        out = io.BytesIO()
        exporter.write_rdf(s, fmt, out, graphs, tmp_dir=tmp_path)
    assert out.getvalue() == whole
    assert list(tmp_path.iterdir()) == [], "the sorted runs are removed"
    if fmt in ("nquads", "trig"):
        ds = ox.Dataset(ox.parse(whole, format=exporter.RDF_FORMATS[fmt][0]))
        assert len({q.graph_name for q in ds}) > 40  # one graph per release (and its evidence), kept apart


def test_the_union_formats_write_each_triple_once_across_runs(built, monkeypatch):
    with read_store(built) as s:
        monkeypatch.setattr(exporter, "SORT_CHUNK", 50)
        lines = exporter.rdf_bytes(s, "ntriples", "data").decode().splitlines()
    assert lines == sorted(set(lines), key=lambda x: lines.index(x))
    # the organizations that many releases name are one node, with their name once
    assert sum(1 for line in lines if "World Customs Organization" in line and "schema.org/name" in line) == 1


def test_an_export_to_a_file_streams_and_leaves_only_the_file(built, tmp_path, monkeypatch):
    monkeypatch.setattr(exporter, "SORT_CHUNK", 200)
    out = tmp_path / "graph.nq"
    assert kg.export(built, "nquads", output=out, graphs="all") is None
    assert [p.name for p in tmp_path.iterdir()] == ["graph.nq"]
    assert out.read_bytes() == kg.export(built, "nquads", graphs="all")


def test_a_first_build_is_staged_and_equals_one_built_by_transactions(corpus, built, tmp_path):
    # a store that already holds a release takes the others in transactions
    files = sorted(corpus.iterdir())
    store = tmp_path / "store"
    build(files[:1], store, jobs=1)
    rep = build([corpus], store, jobs=1)
    assert (rep.added, rep.skipped) == (39, 1)
    assert store_nquads(store) == store_nquads(built)
    assert_merged_is_union(built)
    assert not any(p.name.endswith(".staging") for p in tmp_path.iterdir())


def test_a_staging_folder_left_by_a_killed_build_is_removed_and_one_in_use_is_refused(corpus, tmp_path):
    store = tmp_path / "store"
    stage = tmp_path / ".store.staging"
    leftover = ox.Store(str(stage))  # what a first build killed on the way leaves
    leftover.add(ox.Quad(ox.NamedNode("http://example.org/a"), ox.NamedNode("http://example.org/b"),
                         ox.Literal("stale"), ox.NamedNode("http://example.org/g")))
    with pytest.raises(StoreError, match="in use"):
        build([corpus], store, jobs=1)  # still open: another build is writing it
    assert not store.exists()
    del leftover
    rep = build([corpus], store, jobs=1)
    assert rep.added == 40 and not stage.exists()
    assert not any("stale" in line for line in store_nquads(store))


def test_a_failed_first_build_leaves_no_store_and_no_staging(tmp_path):
    store = tmp_path / "store"

    class Stop(Exception):
        pass

    def boom(jobs):
        raise Stop
        yield  # (a generator: the executor of a build)

    (tmp_path / "in").mkdir()
    write_corpus(tmp_path / "in", 3)
    with pytest.raises(Stop):
        build([tmp_path / "in"], store, executor=boom)
    assert not store.exists() and not (tmp_path / ".store.staging").exists()


def test_a_first_build_loaded_in_many_loads_beside_the_work_equals_one_loaded_at_once(corpus, built, tmp_path,
                                                                                      monkeypatch):
    import kg.builder

    import threading

    import kg.store

    monkeypatch.setattr(kg.builder, "BULK_BYTES", 1)  # a load for every batch, in the loading thread
    monkeypatch.setattr(kg.builder, "BATCH", 8)
    loads = []
    real = kg.store.bulk_put

    def recorded(store, data):
        loads.append(threading.current_thread().name)
        real(store, data)

    monkeypatch.setattr(kg.store, "bulk_put", recorded)
    store = tmp_path / "store"
    rep = build([corpus], store, jobs=1)
    assert (rep.added, rep.failed) == (40, 0)
    assert len(loads) > 1 and all(name.startswith("kg-load") for name in loads), loads
    assert store_nquads(store) == store_nquads(built)


def test_a_load_that_fails_fails_the_first_build_and_leaves_no_store(corpus, tmp_path, monkeypatch):
    import kg.builder
    import kg.store

    loads = []

    def failing(store, data):
        loads.append(threading.current_thread().name)
        if len(loads) == 2:
            raise OSError("No space left on device")
        real(store, data)

    real = kg.store.bulk_put
    monkeypatch.setattr(kg.builder, "BULK_BYTES", 1)
    monkeypatch.setattr(kg.store, "bulk_put", failing)
    monkeypatch.setattr(kg.builder, "BATCH", 8)
    with pytest.raises(OSError, match="No space left"):
        build([corpus], tmp_path / "store", jobs=1)
    # the loads ran in a thread of their own, beside the work, and none after the one that failed
    assert len(loads) == 2 and all(name.startswith("kg-load") for name in loads)
    assert not (tmp_path / "store").exists() and not (tmp_path / ".store.staging").exists()


def test_a_batch_of_work_is_a_pure_function_of_its_job(corpus):
    releases = list(iter_inputs([corpus]))[:5]
    from kg import iri
    from kg.validate import SHAPES

    settings = Settings(base=iri.DEFAULT_BASE)
    job = Job([(r, content_hash(r), iri.release_iri(r.id, iri.DEFAULT_BASE)) for r in releases], settings,
              str(SHAPES), "fingerprint")
    here, _, _ = work(job)
    with mp.get_context("spawn").Pool(1) as pool:  # a fresh interpreter, as a cluster worker is
        there, _, _ = pool.apply(work, (job,))
    for a, b in zip(here, there):
        assert a.graphs.keys() == b.graphs.keys()
        for suffix in a.graphs:
            assert sorted(a.graphs[suffix]) == sorted(b.graphs[suffix]), suffix
    assert all(d.report.conforms for d in here)


def test_staged_store_refuses_a_folder_that_is_not_a_store(tmp_path):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "notes.txt").write_text("mine")
    with pytest.raises(StoreError, match="holds other files"):
        with staged_store(tmp_path / "full"):
            pass
    assert (tmp_path / "full" / "notes.txt").read_text() == "mine"


@pytest.mark.parametrize("memory", [0, 5, 50_000])
def test_a_first_build_gives_the_loader_each_merged_quad_it_remembers_once_and_loses_none(corpus, built, tmp_path,
                                                                                         monkeypatch, memory):
    """The merged data's quads that many releases state (an organization's type and name) go to the
    loader once while the build remembers them; remembering few or none gives the same store."""
    import kg.builder
    import kg.store
    from kg.store import MERGED

    monkeypatch.setattr(kg.builder, "MERGED_MEMORY", memory)
    monkeypatch.setattr(kg.builder, "BULK_BYTES", 1)
    loaded = []
    real = kg.store.bulk_put

    def recorded(store, data):
        loaded.extend(line for line in data.decode().splitlines() if line.endswith(f"<{MERGED}> ."))
        real(store, data)

    monkeypatch.setattr(kg.store, "bulk_put", recorded)
    store = tmp_path / "store"
    assert build([corpus], store, jobs=1).added == 40
    assert store_nquads(store) == store_nquads(built)
    stated = sum(1 for line in store_nquads(built) if "/id/release/" in line.rsplit(" ", 2)[-2]
                 and not line.rsplit(" ", 2)[-2].endswith(("/evidence>", "/meta>", "/quarantine>")))
    if memory == 50_000:
        assert len(loaded) == len(set(loaded)) < stated  # (each once, and fewer than the releases state)
    elif memory == 0:
        assert len(loaded) == stated
