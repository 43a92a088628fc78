"""`kg query` answers: SPARQL 1.1 results formats, JSON Lines, tables, graphs, IRI parameters."""
from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from rdflib import Graph

from kg.sparql import ELLIPSIS, table
from conftest import SEED_ID, describe, run_kg

SELECT = "SELECT ?o ?name WHERE { ?o a schema:Organization ; schema:name ?name } ORDER BY ?name"
CONSTRUCT = "CONSTRUCT { ?o schema:name ?name } WHERE { ?o a schema:Organization ; schema:name ?name }"
WCO = "https://w3id.org/release-kg/id/org/world-customs-organization"
SR = "{http://www.w3.org/2005/sparql-results#}"


def query(store, *args: str) -> bytes:
    r = run_kg("query", "--store", store, *args)
    assert r.returncode == 0, describe(r)
    return r.stdout


def test_select_in_every_results_format_gives_the_same_rows(seed_store):
    doc = json.loads(query(seed_store, "--sparql", SELECT, "--format", "json"))
    assert doc["head"]["vars"] == ["o", "name"]
    names = [b["name"]["value"] for b in doc["results"]["bindings"]]
    assert "World Customs Organization" in names
    assert {b["o"]["type"] for b in doc["results"]["bindings"]} == {"uri"}
    root = ET.fromstring(query(seed_store, "--sparql", SELECT, "--format", "xml"))
    assert [b.find(f"{SR}literal").text for b in root.iter(f"{SR}binding") if b.get("name") == "name"] == names
    rows = list(csv.DictReader(io.StringIO(query(seed_store, "--sparql", SELECT, "--format", "csv").decode())))
    assert [r["name"] for r in rows] == names
    tsv = query(seed_store, "--sparql", SELECT, "--format", "tsv").decode().splitlines()
    assert tsv[0] == "?o\t?name" and f"<{WCO}>\t\"World Customs Organization\"" in tsv
    lines = query(seed_store, "--sparql", SELECT, "--format", "jsonl").decode().splitlines()
    assert [json.loads(x)["name"] for x in lines] == names


def test_ask_answers_true_or_false(seed_store):
    assert json.loads(query(seed_store, "--sparql", "ASK { ?s a schema:Event }", "--format", "json"))["boolean"] is True
    assert json.loads(query(seed_store, "--sparql", "ASK { ?s a schema:Person ; schema:name 'Nobody Here' }",
                            "--format", "json"))["boolean"] is False
    assert "True" in query(seed_store, "--sparql", "ASK { ?s a schema:Event }").decode()


@pytest.mark.parametrize("fmt, rdflib_format", [("turtle", "turtle"), ("table", "turtle"), ("ntriples", "nt"),
                                                ("jsonld", "json-ld"), ("xml", "xml")])
def test_construct_answers_a_graph(seed_store, fmt, rdflib_format):
    g = Graph().parse(data=query(seed_store, "--sparql", CONSTRUCT, "--format", fmt), format=rdflib_format)
    names = {str(o) for o in g.objects()}
    assert "World Customs Organization" in names and len(g) == len(names)


def test_describe_answers_the_facts_of_an_iri(seed_store):
    g = Graph().parse(data=query(seed_store, "--sparql", f"DESCRIBE <{WCO}>", "--format", "ntriples"), format="nt")
    assert len(g) >= 2 and {str(s) for s in g.subjects()} == {WCO}


def test_a_graph_is_not_written_as_a_table_of_answers(seed_store):
    r = run_kg("query", "--store", seed_store, "--sparql", CONSTRUCT, "--format", "csv")
    assert r.returncode == 2 and "a graph is written as" in r.stderr, describe(r)


def test_an_iri_parameter_is_bound_as_an_iri(seed_store, tmp_path):
    rq = tmp_path / "names-of.rq"
    rq.write_text("# The names of one entity.\n# param: entity  the entity's IRI\n"
                  "SELECT ?entity ?name WHERE { ?entity schema:name ?name }\n")
    lines = query(seed_store, str(rq), "--param", f"entity=<{WCO}>", "--format", "jsonl").decode().splitlines()
    assert [json.loads(x)["name"] for x in lines] == ["World Customs Organization"]
    # the same text as a string is a string: no entity has it as its IRI
    assert query(seed_store, str(rq), "--param", f"entity={WCO}", "--format", "jsonl") == b""
    r = run_kg("query", "--store", seed_store, str(rq), "--param", "entity=<not an IRI>")
    assert r.returncode == 2 and "not a valid IRI" in r.stderr, describe(r)
    # a value that tries to change the query is only a value
    r = run_kg("query", "--store", seed_store, str(rq), "--param", "entity=x } UNION { ?s ?p ?name",
               "--format", "jsonl")
    assert r.returncode == 0 and r.stdout == b"", describe(r)


def test_a_parse_error_names_line_and_column_and_exits_2(seed_store):
    r = run_kg("query", "--store", seed_store, "--sparql", "SELECT ?s\nWHERE {\n  ?s ?p\n}")
    assert r.returncode == 2, describe(r)
    assert "line 3, column" in r.stderr and "Traceback" not in r.stderr


def test_tables_keep_cells_whole_unless_on_a_terminal(seed_store):
    long = "x" * 300
    rows = [{"a": long, "b": "short"}]
    assert long in table(["a", "b"], rows)
    cut = table(["a", "b"], rows, width=80)
    assert long not in cut and ELLIPSIS in cut and max(len(x) for x in cut.splitlines()) <= 80
    # piped, `kg query` writes whole cells
    out = query(seed_store, "releases").decode()
    assert ELLIPSIS not in out and SEED_ID in out and "United Nations Convention against Corruption" in out


def test_the_answer_can_be_written_to_a_file(seed_store, tmp_path):
    target = tmp_path / "answer.json"
    assert query(seed_store, "--sparql", SELECT, "--format", "json", "-o", str(target)) == b""
    assert json.loads(target.read_text())["head"]["vars"] == ["o", "name"]
