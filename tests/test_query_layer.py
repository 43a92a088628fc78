"""The query layer: named queries answer over the merged data, each fact once however many releases state it.

The corpus (``fixtures/merged/``, invented releases): three releases state the same meeting (organized
by the WTO, attended by the UPU, held in Geneva), with their own headlines and dates; a fourth names
no organizer for its workshop and is quarantined under the strict test shapes.

* every named query gives the same rows as rdflib's engine on the union of the release data graphs
  (the evidence graphs as named graphs), on this corpus and on the seed: the merged data is that union
  and the rewritten queries keep their meaning;
* a fact stated by three releases counts once; answers per release list each release;
* a quarantined release appears in no answer, though its graphs are stored;
* the merged data follows the releases when they are replaced and pruned, down to none;
* a store written without the merged data is refused with a message, and ``kg build`` brings it up to date.
"""
from __future__ import annotations

import gc
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery

import kg.builder
import kg.sparql
from conftest import STRICT_SHAPES, assert_merged_is_union, describe, run_kg, store_graph_names
from kg.builder import Settings
from kg.errors import StoreError
from kg.store import MERGED, RULES, STORE_META, graph_names, open_store, to_rdflib

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "merged"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"
PARAMS = {"org": "UPU", "entity": "UPU", "place": "Switzerland", "text": "meeting", "below": "1.01"}
MEETING = "4th meeting of the Expert Group on Risk Management"
QUARANTINED = "04-workshop-unorganized"


def build(folder: Path, store: Path, *, prune: bool = False) -> kg.builder.BuildReport:
    return kg.builder.build([folder], store, settings=Settings(shapes=str(STRICT_SHAPES)), prune=prune, jobs=1)


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("merged") / "store"
    report = build(FIXTURES, store)
    assert (report.added, report.quarantined) == (4, 1), report.as_dict()
    return store


def rows_of(store: Path, name: str, **params: str) -> list[dict]:
    text, bindings = kg.sparql.resolve_query(name, None, params)
    gc.collect()  # a store object of an earlier call, held by a reference cycle, keeps the store's lock
    with open_store(store, create=False) as s:
        return kg.sparql.run(s, text, bindings)[1]


def _norm(value) -> object:
    """A cell as a comparable value: numbers by value (0.6 = 0.60), everything else as text."""
    if value is None:
        return None
    text = str(value)
    return Decimal(text) if re.fullmatch(r"-?\d+(\.\d+)?", text) else text


def rdflib_rows(store: Path, name: str, params: dict[str, str]) -> list[tuple]:
    """The query's rows from rdflib's engine on the release graphs themselves (not the merged data),
    with the rules graph their evidence names."""
    ds = Dataset()
    gc.collect()
    with open_store(store, create=False) as s:
        for g in graph_names(s) + [RULES]:
            if g.endswith(("/meta", "/quarantine")):
                continue
            target = ds.graph(URIRef(g)) if g.endswith("/evidence") or g == RULES else ds.default_context
            for q in s.quads_for_pattern(None, None, None, ox.NamedNode(g)):
                target.add(to_rdflib(q))
    nq = kg.sparql.named_queries()[name]
    result = ds.query(prepareQuery(nq.text, initNs=kg.sparql.PREFIXES),
                      initBindings={k: Literal(v) for k, v in params.items()})
    return sorted((tuple(_norm(r[v]) for v in result.vars) for r in result), key=repr)


def oxigraph_rows(store: Path, name: str, params: dict[str, str]) -> list[tuple]:
    return sorted((tuple(_norm(v) for v in r.values()) for r in rows_of(store, name, **params)), key=repr)


def params_for(name: str) -> dict[str, str]:
    return {k: PARAMS[k] for k in kg.sparql.named_queries()[name].params}


# ----------------------------------------------------------------------------- same rows as rdflib


@pytest.mark.parametrize("name", sorted(kg.sparql.named_queries()))
def test_named_query_agrees_with_rdflib_on_the_release_graphs(corpus_store, name):
    params = params_for(name)
    expected = rdflib_rows(corpus_store, name, params)
    assert oxigraph_rows(corpus_store, name, params) == expected


@pytest.mark.parametrize("name", sorted(kg.sparql.named_queries()))
def test_named_query_agrees_with_rdflib_on_the_seed(seed_store, name):
    params = {k: {"org": "WCO", "entity": "WCO", "place": "Vienna", "text": "session", "below": "0.8"}[k]
              for k in kg.sparql.named_queries()[name].params}
    assert oxigraph_rows(seed_store, name, params) == rdflib_rows(seed_store, name, params)


def test_a_topic_of_undated_events_has_no_dates_in_either_engine(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Workshop on port risk\n\nThe Alpha Customs Service will hold a workshop on port "
                                  "risk management for officers of the Beta Border Police.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Seminar on rules of origin\n\n14 June 2013\n\nOn 12 June 2013, the Gamma Revenue "
                                  "Authority held a seminar on rules of origin with the Delta Customs Service.\n",
                                  encoding="utf-8")
    store = tmp_path / "store"
    kg.builder.build([folder], store, jobs=1)
    rows = oxigraph_rows(store, "topics", {})
    assert rows == rdflib_rows(store, "topics", {})
    dates = {topic: (first, last) for topic, _, first, last in rows}
    assert dates["rules of origin"] == ("2013-06-12", "2013-06-12")
    assert {d for t, d in dates.items() if t != "rules of origin"} == {(None, None)}


def test_every_named_query_answers_on_the_seed_or_the_corpus(corpus_store, seed_store):
    """So that no comparison above passes by both engines answering nothing."""
    seed_params = {"org": "WCO", "entity": "WCO", "place": "Vienna", "text": "session", "below": "0.8"}
    for name, nq in kg.sparql.named_queries().items():
        on_corpus = rows_of(corpus_store, name, **params_for(name))
        on_seed = rows_of(seed_store, name, **{k: seed_params[k] for k in nq.params})
        assert on_corpus or on_seed, f"{name}: no rows on the seed nor on the fixture corpus"


# ----------------------------------------------------------------------------- once per fact


def test_a_fact_stated_three_times_counts_once(corpus_store):
    rows = rows_of(corpus_store, "participations", org="UPU")
    assert [(r["event_name"], r["role"], r["place"], r["country"]) for r in rows] == [
        (MEETING, "attendee", "Geneva", "Switzerland")]
    assert rows_of(corpus_store, "events-per-year") == [{"year": 2022, "events": 1}]
    orgs = {r["acronym"]: (r["releases"], r["events"]) for r in rows_of(corpus_store, "organizations")}
    assert orgs == {"UPU": (3, 1), "WTO": (3, 1)}
    pairs = rows_of(corpus_store, "co-participants")
    assert [(r["org_a"], r["org_b"], r["shared_events"]) for r in pairs] == [
        ("Universal Postal Union", "World Trade Organization", 1)]
    partners = rows_of(corpus_store, "partners", org="upu")
    assert [(r["partner"], r["shared_events"]) for r in partners] == [("World Trade Organization", 1)]


def test_answers_per_release_list_each_release(corpus_store):
    mentions = rows_of(corpus_store, "mentions", entity="UPU")
    assert [r["release"] for r in mentions] == ["03-meeting-third", "02-meeting-second", "01-meeting-first"]
    assert [r["published"] for r in mentions] == ["2022-04-02", "2022-03-14", "2022-03-10"]
    releases = rows_of(corpus_store, "releases")
    assert [(r["release"], r["events"]) for r in releases] == [
        ("03-meeting-third", 1), ("02-meeting-second", 1), ("01-meeting-first", 1)]
    evidence = rows_of(corpus_store, "evidence", entity="UPU")
    attended = [r for r in evidence if r["predicate"] == "schema:attendee"]
    assert sorted({r["release"] for r in attended}) == ["01-meeting-first", "02-meeting-second", "03-meeting-third"]
    for r in attended:
        text = (FIXTURES / f"{r['release']}.txt").read_text(encoding="utf-8")
        assert text[r["start"]:r["end"]] == r["span"] and r["subject"] == MEETING


def test_a_quarantined_release_appears_in_no_answer(corpus_store):
    assert any(g.endswith(f"{QUARANTINED}/quarantine") for g in store_graph_names(corpus_store)), \
        "the fixture must be quarantined"
    assert rows_of(corpus_store, "participations", org="ICAO") == []
    assert rows_of(corpus_store, "mentions", entity="ICAO") == []
    assert rows_of(corpus_store, "evidence", entity="ICAO") == []
    assert rows_of(corpus_store, "find-events", text="cargo screening") == []
    assert rows_of(corpus_store, "events-by-place", place="Peru") == []
    for name in kg.sparql.named_queries():
        for row in rows_of(corpus_store, name, **params_for(name)):
            assert not any(QUARANTINED in str(v) or "Civil Aviation" in str(v) for v in row.values()), (name, row)


def test_user_queries_see_the_merged_data_as_default_graph(corpus_store):
    def ask(sparql: str) -> list[dict]:
        gc.collect()
        with open_store(corpus_store, create=False) as s:
            return kg.sparql.run(s, sparql)[1]

    assert ask("SELECT (COUNT(*) AS ?n) WHERE { ?e a schema:Event }") == [{"n": 1}], "one event, stated three times"
    assert ask("ASK { ?o schema:name 'International Civil Aviation Organization' }") == [{"ask": False}]
    assert ask("ASK { ?o schema:name 'Universal Postal Union' }") == [{"ask": True}]


# ----------------------------------------------------------------------------- the merged data follows the releases


def test_the_merged_data_follows_replaced_and_pruned_releases(tmp_path):
    folder, store = tmp_path / "corpus", tmp_path / "store"
    shutil.copytree(FIXTURES, folder)
    build(folder, store)
    assert_merged_is_union(store)

    (folder / "01-meeting-first.txt").unlink()
    assert build(folder, store, prune=True).pruned == 1
    assert_merged_is_union(store)
    assert len(rows_of(store, "participations", org="UPU")) == 1, "two releases still state the meeting"
    assert [r["release"] for r in rows_of(store, "mentions", entity="UPU")] == ["03-meeting-third", "02-meeting-second"]

    second = folder / "02-meeting-second.txt"
    second.write_text(second.read_text(encoding="utf-8").replace(
        "4th meeting of the Expert Group on Risk Management, held in Geneva, Switzerland, from 8 to 9 March 2022",
        "2nd Seminar on Border Data, held in Brussels, Belgium, from 8 to 9 March 2022"),
        encoding="utf-8")
    assert build(folder, store).replaced == 1
    assert_merged_is_union(store)
    events = sorted(r["event_name"] for r in rows_of(store, "participations", org="UPU"))
    assert events == ["2nd Seminar on Border Data", MEETING]

    (folder / "03-meeting-third.txt").unlink()
    build(folder, store, prune=True)
    assert_merged_is_union(store)
    assert [r["event_name"] for r in rows_of(store, "participations", org="UPU")] == [
        "2nd Seminar on Border Data"]
    assert rows_of(store, "events-by-place", place="Geneva") == []

    for f in folder.iterdir():
        f.unlink()
    build(folder, store, prune=True)
    assert_merged_is_union(store)
    assert rows_of(store, "organizations") == []
    assert rows_of(store, "releases") == []


# ----------------------------------------------------------------------------- stores of an earlier layout


def _forget_snapshots(store: Path) -> None:
    """Remove the snapshots a build left, so that readers open the store itself."""
    shutil.rmtree(store / "snapshots", ignore_errors=True)
    snap = store / "snapshot"
    snap.unlink() if snap.is_symlink() else shutil.rmtree(snap, ignore_errors=True)


def _drop_merged_data(store: Path) -> None:
    """Make the store look as an earlier version of kg wrote it: release graphs only."""
    s = ox.Store(str(store))
    s.update(f"DROP SILENT GRAPH <{MERGED}> ; DROP SILENT GRAPH <{STORE_META}>")
    s.flush()
    del s
    _forget_snapshots(store)  # (nor had it snapshots)


def test_a_store_without_merged_data_is_refused_then_brought_up_to_date(tmp_path, seed_store):
    store = tmp_path / "store"
    shutil.copytree(seed_store, store)
    before = rows_of(store, "participations", org="WCO")
    _drop_merged_data(store)
    with pytest.raises(StoreError, match="run `kg build`"):
        rows_of(store, "participations", org="WCO")
    proc = run_kg("query", "participations", "--param", "org=WCO", "--store", store)
    assert proc.returncode == 2 and "run `kg build`" in proc.stderr and "Traceback" not in proc.stderr, describe(proc)

    report = kg.builder.build([SEEDS], store, jobs=1)
    assert report.skipped == 1, "the release itself is unchanged"
    assert_merged_is_union(store)
    assert rows_of(store, "participations", org="WCO") == before


def test_a_store_with_a_rule_and_confidence_in_every_evidence_node_is_refused_then_brought_up_to_date(
        tmp_path, seed_store):
    """A store of the layout before the rules graph (each evidence node with its rule's name and its
    confidence) is refused by the queries until the next build, which rewrites its evidence."""
    from kg.rdf import RULE_BASE

    store = tmp_path / "store"
    shutil.copytree(seed_store, store)
    params = {"evidence": {"entity": "WCO"}, "low-confidence": {"below": "1.01"}}
    before = {name: rows_of(store, name, **p) for name, p in params.items()}
    assert before["low-confidence"] and before["evidence"]
    rkg = "https://w3id.org/release-kg/ontology#"
    s = ox.Store(str(store))
    s.update(f"""DELETE {{ GRAPH ?g {{ ?ev <{rkg}rule> ?rule }} }}
INSERT {{ GRAPH ?g {{ ?ev <{rkg}rule> ?name ; <{rkg}confidence> ?c }} }}
WHERE {{ GRAPH ?g {{ ?ev <{rkg}rule> ?rule }} GRAPH <{RULES}> {{ ?rule <{rkg}confidence> ?c }}
        BIND (STRAFTER(STR(?rule), "{RULE_BASE}") AS ?name) }} ;
DROP GRAPH <{RULES}> ;
DELETE WHERE {{ GRAPH <{STORE_META}> {{ <{STORE_META}> <http://purl.org/dc/terms/conformsTo> ?l }} }} ;
INSERT DATA {{ GRAPH <{STORE_META}> {{ <{STORE_META}> <http://purl.org/dc/terms/conformsTo>
                                       <https://w3id.org/release-kg/graph/layout/2> }} }}""")
    s.flush()
    del s
    _forget_snapshots(store)
    with pytest.raises(StoreError, match="a rule and a confidence in every evidence node"):
        rows_of(store, "evidence", entity="WCO")

    assert kg.builder.build([SEEDS], store, jobs=1).skipped == 1, "the release itself is unchanged"
    assert {name: rows_of(store, name, **p) for name, p in params.items()} == before
    s = ox.Store.read_only(str(store))
    assert not any(isinstance(q.object, ox.Literal) for q in s.quads_for_pattern(None, ox.NamedNode(rkg + "rule"), None))
    assert {q.graph_name.value for q in s.quads_for_pattern(None, ox.NamedNode(rkg + "confidence"), None)} == {RULES}
    del s


def test_a_store_without_lower_case_names_gets_them_from_the_next_build_and_answers_meanwhile(tmp_path, seed_store):
    from kg.store import LABELS

    store = tmp_path / "store"
    shutil.copytree(seed_store, store)
    s = ox.Store(str(store))
    s.update(f"DROP SILENT GRAPH <{LABELS}>")
    s.flush()
    del s
    _forget_snapshots(store)
    # (a name in lower case is then found by reading every name)
    assert [r["event_name"][:10] for r in rows_of(store, "participations", org="wco")] == ["10th sessi"]
    assert [r["event_name"][:10] for r in rows_of(store, "events-by-place", place="vienna")] == ["10th sessi"]
    assert kg.builder.build([SEEDS], store, jobs=1).skipped == 1
    assert_merged_is_union(store)
    assert [r["event_name"][:10] for r in rows_of(store, "participations", org="wco")] == ["10th sessi"]
    assert [r["event_name"][:10] for r in rows_of(store, "events-by-place", place="vienna")] == ["10th sessi"]
