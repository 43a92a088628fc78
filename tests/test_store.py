"""The store module: whole releases in and out, literals of any content, atomic replacement."""
from __future__ import annotations

import pyoxigraph as ox
from rdflib import Literal, URIRef

from kg.rdf import nt_line
from kg.store import open_store, put_releases, quads, release_index, remove_release

R = "https://example.org/id/release/r1"
HOSTILE = 'line one\nline two\r\n"quoted" \\ back\tslash </script> 中文 \U0001F600'


def _graphs(text: str) -> dict[str, list[str]]:
    s = URIRef(R)
    return {"": [nt_line(s, URIRef("https://schema.org/headline"), Literal(text))],
            "/meta": [nt_line(s, URIRef("https://schema.org/identifier"), Literal("r1")),
                      nt_line(s, URIRef("https://w3id.org/release-kg/ontology#contentHash"), Literal("h1")),
                      nt_line(s, URIRef("https://w3id.org/release-kg/ontology#sourcePath"), Literal("r1.txt"))]}


def _write(path, graphs) -> None:
    with open_store(path) as store:
        put_releases(store, [(R, graphs)], existing=set())


def _read(path) -> list[str]:
    with open_store(path, create=False) as store:
        return [q.object.value for q in quads(store, [R])]


def test_store_literals_of_any_content_round_trip_after_reopening(tmp_path):
    _write(tmp_path / "s", _graphs(HOSTILE))  # the store is closed when the function returns
    assert _read(tmp_path / "s") == [HOSTILE]


def test_store_replace_swaps_every_graph_of_a_release(tmp_path):
    with open_store(tmp_path / "s") as store:
        put_releases(store, [(R, _graphs("old"))], existing=set())
        put_releases(store, [(R, {"": _graphs("new")[""]})], existing={R})
        assert [q.object.value for q in quads(store, [R])] == ["new"]
        assert not list(store.quads_for_pattern(None, None, None, ox.NamedNode(R + "/meta")))


def test_store_index_and_remove(tmp_path):
    with open_store(tmp_path / "s") as store:
        put_releases(store, [(R, _graphs("x"))], existing=set())
        assert release_index(store) == {R: ("r1", "h1", "r1.txt", "")}
        remove_release(store, R)
        assert release_index(store) == {} and list(store) == []


def test_build_reports_a_release_whose_processing_fails_and_stores_the_others(tmp_path, monkeypatch):
    # a bug met on one input must not stop the build: the release is reported, the others stored
    import kg.builder
    from synthetic import write_corpus

    write_corpus(tmp_path / "corpus", 3)
    real = kg.builder.process

    def process(release, settings=kg.builder.Settings(), store=None):
        if release.id == "r00001":
            raise RuntimeError("boom")
        return real(release, settings, store)

    monkeypatch.setattr(kg.builder, "process", process)
    rep = kg.builder.build([tmp_path / "corpus"], tmp_path / "s", jobs=1)
    assert (rep.added, rep.failed) == (2, 1)
    assert rep.failures[0]["release"] == "r00001" and "RuntimeError: boom" in rep.failures[0]["error"]
    with open_store(tmp_path / "s", create=False) as store:
        assert sorted(r.rsplit("/", 1)[1] for r in release_index(store)) == ["r00000", "r00002"]


# -- store faults, through the command -------------------------------------------------------------

def test_a_store_path_that_is_a_file_is_refused(tmp_path):
    from conftest import SEEDS, describe, run_kg

    path = tmp_path / "a-file"
    path.write_text("notes")
    proc = run_kg("build", SEEDS, "--store", path, "-q")
    assert proc.returncode == 2 and "is a file" in proc.stderr, describe(proc)
    assert path.read_text() == "notes"


def test_a_folder_that_is_not_a_store_is_neither_written_nor_read(tmp_path):
    from conftest import SEEDS, describe, run_kg

    folder = tmp_path / "papers"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    proc = run_kg("build", SEEDS, "--store", folder, "-q")
    assert proc.returncode == 2 and "not a store" in proc.stderr, describe(proc)
    proc = run_kg("query", "--store", folder, "releases")
    assert proc.returncode == 2 and "no store here" in proc.stderr, describe(proc)
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]


def _locked(lock) -> bool:
    """Whether a process holds the database's lock file (read from /proc/locks: probing with a lock of
    our own could make the build we wait for find the store in use)."""
    import os

    st = os.stat(lock)
    ident = f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}"
    with open("/proc/locks", encoding="ascii") as f:
        return any(line.split()[5] == ident for line in f if len(line.split()) > 5)


def test_two_builds_on_one_store_at_once(tmp_path, seed_store):
    """The second is refused while the first writes; the first finishes whole."""
    import shutil
    import subprocess
    import time

    from conftest import SEEDS, describe, kg_executable, run_kg
    from synthetic import write_corpus

    store = tmp_path / "store"
    shutil.copytree(seed_store, store)
    write_corpus(tmp_path / "more", 200)
    first = subprocess.Popen([kg_executable(), "build", str(tmp_path / "more"), "--store", str(store), "-q", "-j", "1"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not _locked(store / "LOCK"):  # (until the first build holds the store)
            assert first.poll() is None and time.monotonic() < deadline, "the first build never held the store"
            time.sleep(0.02)
        second = run_kg("build", SEEDS, "--store", store, "-q")
        assert first.poll() is None, "the first build ended before the second could be tried against it"
        assert second.returncode == 2 and "in use by another kg process" in second.stderr, describe(second)
    finally:
        out, err = first.communicate(timeout=600)
    assert first.returncode == 0, err.decode()
    rows = run_kg("query", "--store", store, "releases", "--format", "csv").stdout.decode().splitlines()
    assert len(rows) == 1 + 1 + 200


def test_a_damaged_store_is_a_message_and_nothing_is_written(tmp_path, seed_store):
    import shutil

    from conftest import SEEDS, describe, run_kg

    store = tmp_path / "store"
    shutil.copytree(seed_store, store)
    tables = sorted(store.rglob("*.sst"))
    assert tables, "the store keeps its data in tables"
    for t in tables:
        t.write_bytes(b"\0" * 100)

    def data() -> dict[str, bytes]:  # (RocksDB's own log of each opening aside)
        return {p.name: p.read_bytes() for p in store.rglob("*") if p.is_file() and not p.name.startswith("LOG")}

    before = data()
    proc = run_kg("build", SEEDS, "--store", store, "-q")
    assert proc.returncode == 2 and "damaged" in proc.stderr and "Traceback" not in proc.stderr, describe(proc)
    assert data() == before
