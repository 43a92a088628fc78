"""``kg push`` to a real triple-store server: Virtuoso Open Source (Debian's ``virtuoso-opensource``),
started on loopback ports with a database in a temporary folder, written through its Graph Store
Protocol endpoint with Digest authentication and read back through its SPARQL endpoint with
SPARQLWrapper."""
from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from SPARQLWrapper import JSON, SPARQLWrapper

import kg
from kg.errors import RemoteError
from kg.push import push, state_path
from conftest import SEEDS, describe, run_kg
from synthetic import release_text, write_corpus

pytestmark = pytest.mark.slow
VIRTUOSO = shutil.which("virtuoso-t")
BASE = "https://w3id.org/release-kg/id/"
INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = .
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}
MaxClientConnections = 10
ServerThreads = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Virtuoso:
    """A Virtuoso server of its own (database folder, ports), started and stopped by the tests."""

    def __init__(self, folder: Path):
        assert VIRTUOSO, "virtuoso-t is not installed (Debian: virtuoso-opensource; .ci/run installs it)"
        self.folder = folder
        self.http = _free_port()
        (folder / "virtuoso.ini").write_text(INI.format(d=folder, sql=_free_port(), http=self.http))
        self.proc: subprocess.Popen | None = None

    @property
    def gsp(self) -> str:
        return f"http://127.0.0.1:{self.http}/sparql-graph-crud-auth"

    @property
    def sparql(self) -> str:
        return f"http://127.0.0.1:{self.http}/sparql"

    def start(self) -> None:
        self.proc = subprocess.Popen([VIRTUOSO, "+foreground", "+configfile", str(self.folder / "virtuoso.ini")],
                                     cwd=self.folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, (self.folder / "virtuoso.log").read_text(errors="replace")[-2000:]
            try:
                with urllib.request.urlopen(f"{self.sparql}?query=ASK%7B%7D", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.5)
        raise AssertionError("Virtuoso did not start within 120 s")

    def kill(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=30)

    def select(self, query: str) -> list[dict]:
        w = SPARQLWrapper(self.sparql)
        w.setQuery(query)
        w.setReturnFormat(JSON)
        return [{k: v["value"] for k, v in b.items()} for b in w.query().convert()["results"]["bindings"]]

    def counts(self) -> dict[str, int]:
        """Triples per graph of ours on the server."""
        rows = self.select(f'SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} '
                           f'FILTER (STRSTARTS(STR(?g), "{BASE}") || STRSTARTS(STR(?g), "https://w3id.org/release-kg/graph/")) }} '
                           'GROUP BY ?g')
        return {r["g"]: int(r["n"]) for r in rows}


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    v = Virtuoso(tmp_path_factory.mktemp("virtuoso"))
    v.start()
    yield v
    v.kill()


def _local_counts(store: Path) -> dict[str, int]:
    from kg.store import DESCRIPTION, RULES, graph_names, read_store

    with read_store(store) as s:
        import pyoxigraph as ox

        return {g: sum(1 for _ in s.quads_for_pattern(None, None, None, ox.NamedNode(g)))
                for g in graph_names(s) + [DESCRIPTION, RULES]}


ATTENDEES = """SELECT DISTINCT ?event ?org WHERE {{ GRAPH ?g {{ ?event <https://schema.org/attendee> ?org }}
  FILTER (STRSTARTS(STR(?g), "{base}release/") && !CONTAINS(STR(?g), "/evidence") && !CONTAINS(STR(?g), "/meta")) }}"""


def test_push_seed_and_corpus_then_again_then_one_change(virtuoso, tmp_path):
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 30)
    shutil.copy(SEEDS / "000_460ff2c4436acc53.txt", corpus)
    store = tmp_path / "store"
    assert kg.build([corpus], store).added == 31
    proc = run_kg("push", "--store", store, "--endpoint", virtuoso.gsp, "--user", "dba", "--password", "dba", "--batch", "7")
    assert proc.returncode == 0, describe(proc)
    assert "31 pushed, 0 unchanged" in proc.stderr
    assert virtuoso.counts() == _local_counts(store)
    # the server answers what the local store answers
    query = ATTENDEES.format(base=BASE)
    local = {(r["event"], r["org"]) for r in kg.query(store, query)}
    remote = {(r["event"], r["org"]) for r in virtuoso.select(query)}
    assert local and remote == local
    # again: nothing sent, nothing doubled
    proc = run_kg("push", "--store", store, "--endpoint", virtuoso.gsp, "--user", "dba", "--password", "dba")
    assert proc.returncode == 0 and "0 pushed, 31 unchanged" in proc.stderr, describe(proc)
    rep = push(store, virtuoso.gsp, user="dba", password="dba", everything=True)
    assert rep.pushed == 31 and virtuoso.counts() == _local_counts(store)  # every graph replaced, none doubled
    # one release changes: only it is sent, and its old triples are gone from the server
    changed = corpus / "r00003.txt"
    changed.write_text(release_text(3).replace("release number 3", "release number 3, revised"), encoding="utf-8")
    assert kg.build([corpus], store).replaced == 1
    rep = push(store, virtuoso.gsp, user="dba", password="dba")
    assert (rep.pushed, rep.unchanged) == (1, 30)
    assert virtuoso.counts() == _local_counts(store)
    # a release gone from the store is deleted on the server
    changed.unlink()
    kg.build([corpus], store, prune=True)
    rep = push(store, virtuoso.gsp, user="dba", password="dba")
    assert rep.removed == 1 and virtuoso.counts() == _local_counts(store)


def test_a_server_stopped_mid_push_is_a_clear_error_and_the_next_push_completes(virtuoso, tmp_path):
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 40, start=500)
    store = tmp_path / "store"
    kg.build([corpus], store)
    stopped = []

    def progress(done: int, total: int) -> None:
        if done >= 10 and not stopped:
            virtuoso.kill()
            stopped.append(done)

    with pytest.raises(RemoteError, match="cannot reach"):
        push(store, virtuoso.gsp, user="dba", password="dba", batch=10, retries=2, progress=progress)
    assert stopped, "the server was not stopped: nothing would be tested"
    virtuoso.start()
    rep = push(store, virtuoso.gsp, user="dba", password="dba", batch=10)
    assert rep.unchanged >= 10 and rep.pushed + rep.unchanged == 40
    remote, local = virtuoso.counts(), _local_counts(store)
    assert {g: n for g, n in remote.items() if g in local} == local


def test_wrong_credentials_and_an_unreachable_endpoint_are_clear_errors(virtuoso, tmp_path):
    store = tmp_path / "store"
    kg.build([SEEDS], store)
    proc = run_kg("push", "--store", store, "--endpoint", virtuoso.gsp, "--user", "dba", "--password", "wrong")
    assert proc.returncode == 2 and "refused the credentials" in proc.stderr, describe(proc)
    proc = run_kg("push", "--store", store, "--endpoint", f"http://127.0.0.1:{_free_port()}/gsp", "--retries", "1")
    assert proc.returncode == 2 and "cannot reach" in proc.stderr, describe(proc)
    assert not state_path(store, virtuoso.gsp).exists()
