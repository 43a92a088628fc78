"""The query gate (``kg.gate``): queries are judged on their parse tree, never on their text."""
from __future__ import annotations

import http.server
import threading

import pytest

from kg.errors import QueryError
from kg.gate import check
from conftest import describe, run_kg

ALLOWED = [
    "SELECT ?from ?service WHERE { ?s ?p 'SERVICE <http://example.org/> { }' }",
    "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://example.org/sparql> { ?a ?b ?c }",
    "SELECT * WHERE { ?s <http://example.org/SERVICE/FROM/LOAD> ?o }",
    "PREFIX service: <http://example.org/> SELECT * WHERE { ?s service:from ?o FILTER(1 < 2 && 3 > 2) }",
    'SELECT * WHERE { ?s ?p """FROM <file:///etc/passwd>""" }',
    "ASK { ?s ?p ?o }",
    "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "DESCRIBE <http://example.org/x>",
]

REFUSED = [
    # "<" and ">" as comparisons around SERVICE: no IRI between them
    ("SELECT * WHERE { ?s ?p ?o FILTER(1<2) SERVICE ?svc { ?a ?b ?c } FILTER(2>1) }", "SERVICE is not allowed"),
    ("SELECT * WHERE { { SELECT ?s WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } } } }", "SERVICE is not allowed"),
    ("SELECT * WHERE { OPTIONAL { SERVICE SILENT <http://example.org/sparql> { ?s ?p ?o } } }", "SERVICE is not allowed"),
    ("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", "FROM is not allowed"),
    ("SELECT * FROM NAMED <http://example.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }", "FROM is not allowed"),
    ("LOAD <http://example.org/data.ttl>", "does not parse"),
    ("INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }", "does not parse"),
    ("DROP ALL", "does not parse"),
]


@pytest.mark.parametrize("query", ALLOWED)
def test_keywords_in_strings_iris_and_comments_pass(query):
    check(query)


@pytest.mark.parametrize("query, problem", REFUSED)
def test_what_reaches_outside_the_store_is_refused(query, problem):
    with pytest.raises(QueryError, match=problem):
        check(query)


def test_a_parse_error_names_its_line_and_column():
    with pytest.raises(QueryError, match=r"line 3, column \d+"):
        check("SELECT ?s\nWHERE {\n  ?s ?p\n}")


def test_deep_nesting_is_refused_not_a_crash():
    deep = "SELECT * WHERE " + "{ " * 2000 + "?s ?p ?o" + " }" * 2000
    with pytest.raises(QueryError):
        check(deep)


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 (the handler's name is the protocol's)
        _Recorder.hits.append(self.path)
        self.send_response(200)
        self.end_headers()

    do_POST = do_GET

    def log_message(self, *args):
        pass


def test_a_service_call_never_leaves_the_machine(seed_store, tmp_path):
    """The bypass of a text gate, through the real CLI, with a real server listening for the call."""
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/sparql"
        query = f"SELECT * WHERE {{ ?s ?p ?o FILTER(1<2) SERVICE <{url}> {{ ?s ?p ?o }} FILTER(2>1) }} LIMIT 3"
        r = run_kg("query", "--store", seed_store, "--sparql", query)
        assert r.returncode == 2, describe(r)
        assert "SERVICE is not allowed" in r.stderr
        assert _Recorder.hits == []
    finally:
        server.shutdown()


def test_the_api_dataset_passes_the_gate(seed_store, tmp_path):
    import kg

    secret = tmp_path / "secret.nt"
    secret.write_text('<http://example.org/s> <http://example.org/p> "private" .\n')
    ds = kg.dataset(seed_store)
    assert len(ds.query("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1")) == 1
    with pytest.raises(QueryError, match="FROM is not allowed"):
        ds.query(f"SELECT ?o FROM <{secret.as_uri()}> WHERE {{ ?s ?p ?o }}")
    with pytest.raises(QueryError, match="LOAD is not allowed"):
        ds.update(f"LOAD <{secret.as_uri()}>")
    ds.update("INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/a> <http://example.org/b> 'in memory' } }")
    assert ds.query("ASK { GRAPH ?g { ?s ?p 'in memory' } }").askAnswer
