"""The named queries of queries/ and the ``kg query`` command.

* every ``queries/*.rq`` parses (in pyoxigraph and, on its own PREFIX lines, in rdflib), says what it
  answers, declares exactly the parameters it leaves unbound, orders its rows and runs on the store
  built from seeds/;
* the answers on the seed release: who took part in the 10th session of the Implementation Review
  Group, where it was held, when, what was discussed, which release mentions whom, and the evidence
  spans, which must be the release text at [start:end];
* ``kg query``: named queries with parameters, result formats, and the errors (unknown query, missing
  parameter, a FROM clause) that exit 2.
"""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue
from pyparsing import ParseResults
from rdflib.term import Variable

import kg.builder
import kg.sparql
from kg.store import open_store

ROOT = Path(__file__).resolve().parent.parent
QUERY_DIR = ROOT / "queries"
QUERY_FILES = sorted(QUERY_DIR.glob("*.rq"))
SEED_ID = "000_460ff2c4436acc53"
SEED_FILE = ROOT / "seeds" / f"{SEED_ID}.txt"
SESSION = "10th session of the Implementation Review Group"

# a value for each parameter a query may declare, so that every query can be run
SAMPLE_PARAMS = {"org": "WCO", "entity": "WCO", "place": "Vienna", "text": "session", "below": "0.8"}


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("queries") / "store"
    report = kg.builder.build([ROOT / "seeds"], path, jobs=1)
    assert report.read == 1 and report.quarantined == 0, report.as_dict()
    return path


def run(store_dir: Path, name: str, **params: str) -> tuple[list[str], list[dict]]:
    text, bindings = kg.sparql.resolve_query(name, None, params)
    with open_store(store_dir, create=False) as store:
        return kg.sparql.run(store, text, bindings)


def rows_of(store_dir: Path, name: str, **params: str) -> list[dict]:
    return run(store_dir, name, **params)[1]


# ----------------------------------------------------------------------------- every query file


def _field(node: CompValue, key: str):
    """A field of a parse tree node, None when absent (``CompValue.get`` returns the key instead)."""
    return dict.get(node, key)


def _variables(node, out: set[str]) -> set[str]:
    """Every variable anywhere below ``node`` of an rdflib parse tree."""
    if isinstance(node, Variable):
        out.add(str(node))
    elif isinstance(node, dict):
        for v in node.values():
            _variables(v, out)
    elif isinstance(node, (list, tuple, set, ParseResults)):
        for v in node:
            _variables(v, out)
    return out


def _bound(node, out: set[str]) -> set[str]:
    """The variables a pattern binds: in triple patterns (also inside EXISTS and subqueries),
    by BIND, by VALUES, as ``(expression AS ?var)`` and as the graph of ``GRAPH ?var``."""
    if isinstance(node, CompValue):
        if node.name == "TriplesBlock":
            _variables(_field(node, "triples"), out)
        elif node.name == "Bind":
            out.add(str(_field(node, "var")))
        elif node.name == "GraphGraphPattern" and isinstance(_field(node, "term"), Variable):
            out.add(str(_field(node, "term")))
        elif node.name.startswith(("InlineData", "ValuesClause")):
            _variables(_field(node, "var"), out)
        elif node.name == "vars" and _field(node, "evar") is not None:
            out.add(str(_field(node, "evar")))
        for v in node.values():
            _bound(v, out)
    elif isinstance(node, dict):
        for v in node.values():
            _bound(v, out)
    elif isinstance(node, (list, tuple, set, ParseResults)):
        for v in node:
            _bound(v, out)
    return out


def _select(path: Path) -> CompValue:
    tree = parseQuery(path.read_text(encoding="utf-8"))
    query = tree[1]
    assert query.name == "SelectQuery", f"{path.name}: named queries are SELECT queries"
    return query


def test_there_are_named_queries():
    names = {p.stem for p in QUERY_FILES}
    assert {"participations", "events-by-place", "topics-per-event", "events-per-year", "co-participants",
            "partners", "mentions", "evidence"} <= names
    assert set(kg.sparql.named_queries()) == names


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_query_file_is_well_formed(path):
    q = kg.sparql.load_query(path)
    assert q.description, f"{path.name}: the leading comment lines must say what the query answers"
    for name, text in q.params.items():
        assert text, f"{path.name}: parameter {name} has no description"
    # it parses on its own PREFIX lines, without the prefixes kg predeclares
    prepareQuery(q.text)
    select = _select(path)
    used = _variables(select, set())
    free = used - _bound(select, set())
    assert set(q.params) <= used, f"{path.name}: declared parameters not used: {set(q.params) - used}"
    assert free <= set(q.params), f"{path.name}: variables never bound and not declared as parameters: {free - set(q.params)}"
    # pyoxigraph substitutes only variables of the top-level projection
    projected = [str(_field(v, "var")) for v in _field(select, "projection") or [] if _field(v, "var") is not None]
    assert set(q.params) <= set(projected), f"{path.name}: parameters must be projected: {set(q.params) - set(projected)}"
    assert _field(select, "orderby") is not None, f"{path.name}: every query orders its rows (ORDER BY)"


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_query_runs_on_the_seed(path, store_dir):
    q = kg.sparql.load_query(path)
    missing = set(q.params) - set(SAMPLE_PARAMS)
    assert not missing, f"add a sample value for {missing} to SAMPLE_PARAMS"
    params = {k: SAMPLE_PARAMS[k] for k in q.params}
    cols, rows = run(store_dir, path.stem, **params)
    assert cols and all(re.fullmatch(r"[a-z][a-z0-9_]*", c) for c in cols), f"column names should be readable: {cols}"
    assert all(list(r) == cols for r in rows)
    # deterministic: the same rows in the same order every time
    assert run(store_dir, path.stem, **params) == (cols, rows)


# ----------------------------------------------------------------------------- answers on the seed


@pytest.mark.parametrize("org", ["WCO", "wco", "world customs organization", "World Customs Organization"])
def test_participations_of_the_wco(store_dir, org):
    cols, rows = run(store_dir, "participations", org=org)
    assert cols[:8] == ["event", "event_name", "kind", "start", "end", "place", "country", "role"]
    assert len(rows) == 1, rows
    row = rows[0]
    assert row["event"].startswith("https://w3id.org/release-kg/id/event/")
    assert row["event_name"].startswith(SESSION)
    assert row["role"] == "attendee"
    assert (row["start"], row["end"]) == ("2019-05-27", "2019-05-29")
    assert (row["place"], row["country"]) == ("Vienna", "Austria")
    assert row["kind"] == "Session"


def test_participations_of_the_inviter(store_dir):
    rows = rows_of(store_dir, "participations", org="UNODC")
    assert [(r["role"], r["event_name"][:len(SESSION)]) for r in rows] == [("invitedBy", SESSION)]


def test_participations_of_an_unknown_org(store_dir):
    assert rows_of(store_dir, "participations", org="Nobody At All") == []


@pytest.mark.parametrize("place", ["Vienna", "vienna", "Austria", "AUSTRIA", "AT"])
def test_events_by_place(store_dir, place):
    cols, rows = run(store_dir, "events-by-place", place=place)
    assert cols[:6] == ["event", "event_name", "start", "end", "city", "country"]
    sessions = [r for r in rows if r["event_name"].startswith(SESSION)]
    assert len(sessions) == 1, rows
    assert (sessions[0]["start"], sessions[0]["end"]) == ("2019-05-27", "2019-05-29")
    assert all((r["city"], r["country"]) == ("Vienna", "Austria") for r in rows), rows


@pytest.mark.parametrize("place", ["Paris", "France", "Vien"])
def test_events_by_place_elsewhere(store_dir, place):
    assert rows_of(store_dir, "events-by-place", place=place) == []


def test_topics_per_event(store_dir):
    cols, rows = run(store_dir, "topics-per-event")
    assert cols == ["event_name", "topic"]
    assert rows
    assert all(r["event_name"].startswith(SESSION) and r["topic"] for r in rows)
    assert len({(r["event_name"], r["topic"]) for r in rows}) == len(rows)


def test_topics_date_their_events_when_some_are_undated(tmp_path):
    """The first and last dates of a topic are those of its dated events: an undated event that
    discussed it too leaves no blank."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(
        "Port controls in Lima\n\n12 March 2024\n\nThe Freedonia Customs Service held the 3rd Regional Workshop "
        "on Port Controls in Lima, Peru, on 11 March 2024. Participants discussed risk management at seaports.\n",
        encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text(
        "Port authorities to meet\n\n20 March 2024\n\nThe Ruritania Revenue Authority will host the 2nd Forum of "
        "Port Authorities in Quito, Ecuador. Participants will discuss risk management at seaports.\n",
        encoding="utf-8")
    kg.builder.build([tmp_path / "in"], tmp_path / "store", jobs=1)
    assert rows_of(tmp_path / "store", "topics") == [
        {"topic": "risk management at seaports", "events": 2, "first": "2024-03-11", "last": "2024-03-11"},
        {"topic": "Port Controls", "events": 1, "first": "2024-03-11", "last": "2024-03-11"}]


def test_events_per_year(store_dir):
    cols, rows = run(store_dir, "events-per-year")
    assert cols == ["year", "events"]
    assert rows == [{"year": 2019, "events": 1}]


def test_co_participants(store_dir):
    cols, rows = run(store_dir, "co-participants")
    assert cols == ["org_a", "org_b", "shared_events"]
    for r in rows:
        assert r["org_a"] <= r["org_b"] and r["shared_events"] >= 1
    assert len({(r["org_a"], r["org_b"]) for r in rows}) == len(rows)


def test_partners_of_an_acronym_in_any_case(store_dir):
    # the seed: the WCO attended the Implementation Review Group's session, held at UNODC's invitation
    # (an invitation is no part in the event)
    written = rows_of(store_dir, "partners", org="WCO")
    assert [(r["partner"], r["shared_events"]) for r in written] == [("Implementation Review Group", 1)]
    assert rows_of(store_dir, "partners", org="wco") == [dict(r, org="wco") for r in written]
    assert rows_of(store_dir, "partners", org="UNODC") == []
    assert rows_of(store_dir, "partners", org="No Such Body") == []


@pytest.mark.parametrize("entity", ["UNODC", "unodc", "United Nations Office on Drugs and Crime"])
def test_mentions(store_dir, entity):
    cols, rows = run(store_dir, "mentions", entity=entity)
    assert cols[:4] == ["release", "headline", "published", "entity_name"]
    assert len(rows) == 1, rows
    row = rows[0]
    assert row["release"] == SEED_ID
    assert row["headline"].startswith("WCO Participates in the UNODC")
    assert row["published"] == "2019-06-07"
    assert row["entity_name"] == "United Nations Office on Drugs and Crime"


def test_evidence_spans_are_the_release_text(store_dir):
    text = SEED_FILE.read_text(encoding="utf-8")
    cols, rows = run(store_dir, "evidence", entity="WCO")
    assert cols[:1] == ["entity_name"]
    assert {"predicate", "value", "release", "start", "end", "span", "sentence", "rule"} <= set(cols)
    assert rows
    for r in rows:
        assert r["entity_name"] == "World Customs Organization"
        assert r["release"] == SEED_ID
        assert isinstance(r["start"], int) and isinstance(r["end"], int)
        assert r["span"] == text[r["start"]:r["end"]], r
        assert r["span"] in r["sentence"]
        assert r["rule"] and r["predicate"] and r["value"]
    assert any(r["predicate"] in ("schema:attendee", "rkg:participatedIn") and r["value"].startswith(SESSION)
               or r["subject"].startswith(SESSION) for r in rows)


def test_organizations(store_dir):
    rows = rows_of(store_dir, "organizations")
    by_acronym = {r["acronym"]: r for r in rows if r["acronym"]}
    assert by_acronym["WCO"]["name"] == "World Customs Organization"
    assert by_acronym["WCO"]["releases"] == 1 and by_acronym["WCO"]["events"] == 1
    assert by_acronym["UNODC"]["name"] == "United Nations Office on Drugs and Crime"


def test_releases(store_dir):
    rows = rows_of(store_dir, "releases")
    assert [(r["release"], r["published"]) for r in rows] == [(SEED_ID, "2019-06-07")]
    assert rows[0]["events"] >= 1 and rows[0]["mentions"] >= 3


def test_invitations(store_dir):
    rows = rows_of(store_dir, "invitations")
    assert [(r["inviter"], r["guest"]) for r in rows] == [
        ("United Nations Office on Drugs and Crime", "World Customs Organization")]


# ----------------------------------------------------------------------------- the command


def kg_command() -> str:
    found = shutil.which("kg") or shutil.which("kg", path=str(Path(sys.executable).parent))
    assert found, "the kg command is not installed"
    return found


def kg_query(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([kg_command(), "query", *args], capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_cli_named_query_as_csv(store_dir):
    p = kg_query("participations", "--param", "org=WCO", "--store", str(store_dir), "--format", "csv")
    assert p.returncode == 0, p.stderr
    table = list(csv.reader(io.StringIO(p.stdout)))
    assert table[0][:8] == ["event", "event_name", "kind", "start", "end", "place", "country", "role"]
    assert len(table) == 2
    row = dict(zip(table[0], table[1]))
    assert row["event_name"].startswith(SESSION) and row["role"] == "attendee"


def test_cli_unknown_query_name(store_dir):
    p = kg_query("no-such-query", "--store", str(store_dir))
    assert p.returncode == 2
    assert "no-such-query" in p.stderr
    for name in ("participations", "events-by-place", "evidence"):
        assert name in p.stderr


def test_cli_missing_param(store_dir):
    p = kg_query("participations", "--store", str(store_dir))
    assert p.returncode == 2
    assert "org=" in p.stderr


def test_cli_refuses_from(store_dir):
    p = kg_query("--sparql", "SELECT * FROM <file:///etc/passwd> WHERE {?s ?p ?o}", "--store", str(store_dir))
    assert p.returncode == 2
    assert "FROM is not allowed" in p.stderr
    assert "root:" not in p.stdout


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json", "jsonl"])
def test_cli_formats(store_dir, fmt):
    cols, rows = run(store_dir, "events-by-place", place="Austria")
    assert rows
    p = kg_query("events-by-place", "--param", "place=Austria", "--store", str(store_dir), "--format", fmt)
    assert p.returncode == 0, p.stderr
    out = p.stdout
    if fmt == "jsonl":
        assert [json.loads(x) for x in out.splitlines()] == rows
    elif fmt == "json":  # SPARQL 1.1 Query Results JSON
        doc = json.loads(out)
        assert doc["head"]["vars"] == cols
        assert [{c: b[c]["value"] for c in cols if c in b} for b in doc["results"]["bindings"]] == \
            [{c: str(r[c]) for c in cols if r[c] is not None} for r in rows]
    elif fmt == "csv":  # SPARQL 1.1 CSV: plain values
        table = list(csv.reader(io.StringIO(out)))
        assert table[0] == cols
        assert table[1:] == [["" if r[c] is None else str(r[c]) for c in cols] for r in rows]
    elif fmt == "tsv":  # SPARQL 1.1 TSV: ?variables, terms as in N-Triples
        table = list(csv.reader(io.StringIO(out), delimiter="\t", quoting=csv.QUOTE_NONE))
        assert table[0] == [f"?{c}" for c in cols] and len(table) == len(rows) + 1
    else:
        lines = out.splitlines()
        assert lines[0].split() == cols
        assert set(lines[1]) <= {"-", " "}
        assert len(lines) == len(rows) + 3
        assert lines[-1] == f"({len(rows)} row{'s' if len(rows) != 1 else ''})"
        assert "Vienna" in out and "Austria" in out


def test_a_name_as_written_is_looked_up_first_and_any_case_only_when_none_is_written_so(tmp_path):
    from kg.store import put_releases, upgrade_layout

    s, a = "https://schema.org/", "https://w3id.org/release-kg/id/"
    lines = [f'<{a}release/r1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{s}NewsArticle> .',
             f'<{a}release/r1> <{s}identifier> "r1" .']
    for key, name in (("one", "Alpha Ports"), ("two", "ALPHA PORTS")):
        lines += [f'<{a}org/{key}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{s}Organization> .',
                  f'<{a}org/{key}> <{s}name> "{name}" .', f'<{a}release/r1> <{s}mentions> <{a}org/{key}> .']
    with open_store(tmp_path / "store") as store:
        upgrade_layout(store)
        put_releases(store, [(f"{a}release/r1", {"": lines})], set())
    del store  # (the store's lock goes with the last reference)
    names = {q: sorted(r["entity_name"] for r in rows_of(tmp_path / "store", "mentions", entity=q))
             for q in ("Alpha Ports", "ALPHA PORTS", "alpha ports", "Beta")}
    assert names == {"Alpha Ports": ["Alpha Ports"], "ALPHA PORTS": ["ALPHA PORTS"],
                     "alpha ports": ["ALPHA PORTS", "Alpha Ports"], "Beta": []}
