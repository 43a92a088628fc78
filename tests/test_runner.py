"""Hostile queries are stopped: by a time limit, a memory cap, or Ctrl-C, with a real `kg` process."""
from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

import pytest

from kg.errors import QueryError
from kg.runner import answer
from conftest import describe, kg_executable, run_kg

CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
PATHS = ("SELECT (COUNT(*) AS ?n) WHERE { ?s (schema:name|!schema:name)* ?o . ?x (schema:name|!schema:name)* ?y . "
         "?z (schema:name|!schema:name)* ?w }")
SORTED = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?d ?g ?c ?f ?i"


@pytest.mark.parametrize("query", [CARTESIAN, PATHS], ids=["cartesian", "property-paths"])
def test_a_query_over_its_time_is_stopped(seed_store, query):
    t0 = time.monotonic()
    r = run_kg("query", "--store", seed_store, "--sparql", query, "--timeout", "1")
    assert r.returncode == 2, describe(r)
    assert "over its time limit of 1 s and was stopped" in r.stderr
    assert time.monotonic() - t0 < 20


def test_a_query_over_its_memory_is_stopped(seed_store):
    r = run_kg("query", "--store", seed_store, "--sparql", SORTED, "--max-memory", "150", "--timeout", "120")
    assert r.returncode == 2, describe(r)
    assert "memory cap of 150 MB" in r.stderr and "Traceback" not in r.stderr


def test_ctrl_c_stops_a_running_query_and_its_engine(seed_store):
    proc = subprocess.Popen([kg_executable(), "query", "--store", str(seed_store), "--sparql", CARTESIAN,
                             "--timeout", "600"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(1.5)
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=20) == 130
    assert b"interrupted" in proc.stderr.read()
    # no engine left behind
    time.sleep(0.5)
    left = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            args = cmdline.read_bytes().split(b"\0")
        except OSError:
            continue
        if b"query" in args and str(seed_store).encode() in args:
            left.append(cmdline.parent.name)
    assert not left, left


def test_the_answer_and_its_errors_come_back(seed_store):
    assert b"World Customs Organization" in answer(seed_store, "SELECT ?n WHERE { ?o schema:name ?n }", {}, "csv")
    with pytest.raises(QueryError, match="SERVICE is not allowed"):
        answer(seed_store, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", {}, "csv")
    with pytest.raises(QueryError, match="cannot be run"):
        answer(seed_store, "SELECT ?n WHERE { ?o schema:name ?n }", {"o": "x"}, "csv")
