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


# a huge OFFSET over a product, and a regex that backtracking engines take exponential time over
HUGE_OFFSET = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } OFFSET 999999999999"
CATASTROPHIC_REGEX = ('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o . ?x ?y ?z '
                      'FILTER (REGEX(CONCAT(STR(?o), "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!"), "^(a+)+$")) }')


@pytest.mark.parametrize("query", [HUGE_OFFSET, CATASTROPHIC_REGEX], ids=["huge-offset", "catastrophic-regex"])
def test_a_hostile_query_answers_or_is_stopped_in_time(seed_store, query):
    """Either an answer (the engine's regex is linear, an offset past the end is empty) or the time
    limit's message: never a hang nor a crash."""
    t0 = time.monotonic()
    r = run_kg("query", "--store", seed_store, "--sparql", query, "--timeout", "3", "--format", "csv")
    took = time.monotonic() - t0
    assert r.returncode in (0, 2) and "Traceback" not in r.stderr, describe(r)
    if r.returncode == 2:
        assert "over its time limit of 3 s and was stopped" in r.stderr, describe(r)
    else:
        assert r.stdout.decode().splitlines()[1:] in ([], ["0"]), describe(r)
    assert took < 30


def test_a_query_over_its_memory_is_stopped(seed_store):
    r = run_kg("query", "--store", seed_store, "--sparql", SORTED, "--max-memory", "150", "--timeout", "120")
    assert r.returncode == 2, describe(r)
    assert "memory cap of 150 MB" in r.stderr and "Traceback" not in r.stderr


def test_ctrl_c_stops_a_running_query_and_its_engine(seed_store):
    # (as from a terminal: a suite run in the background of a shell has SIGINT ignored, and its
    # children would inherit that)
    proc = subprocess.Popen([kg_executable(), "query", "--store", str(seed_store), "--sparql", CARTESIAN,
                             "--timeout", "600"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    time.sleep(1.5)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=20)  # (its output read as it comes: a full pipe would block it)
    assert proc.returncode == 130, err
    assert b"interrupted" in err
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
