"""Exports of the store (``kg.export()`` and ``kg export``).

* every RDF format re-parses with rdflib to a graph isomorphic to the union of the store's release
  data graphs (evidence, meta and quarantined graphs are not exported by default);
* the formats that keep named graphs (TriG, N-Quads, and JSON-LD as ``RDF_FORMATS`` declares) give one
  graph per release, each isomorphic to the store's; the others give a single graph;
* exports are byte-identical when written twice, and when the same inputs are built into two
  different store directories; those two stores hold the same quads in every graph;
* ``--output`` guesses the format from the suffix; an explicit ``--format`` wins;
* ``write_atomic``: a write that fails (or is killed) midway leaves the previous file as it was and,
  when it fails with an exception, no temporary file.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

import kg.builder
from kg.exporter import RDF_FORMATS, write_atomic, write_bytes_atomic
from kg.store import DESCRIPTION, RULES, STORE_GRAPHS

from conftest import (SEED_ID, STRICT_SHAPES, FIXTURE_RELEASES, SEEDS, assert_isomorphic, describe, run_kg, store_graph,
                      store_graph_names, store_nquads)

INPUTS = [SEEDS, FIXTURE_RELEASES]
RDFLIB_FORMAT = {"turtle": "turtle", "trig": "trig", "nquads": "nquads", "ntriples": "nt",
                 "jsonld": "json-ld", "xml": "xml"}
NOT_DATA = ("/evidence", "/quarantine", "/meta")
FORMATS = sorted(RDF_FORMATS)
GRAPH_FORMATS = sorted(f for f, (_, keeps) in RDF_FORMATS.items() if keeps)
TRIPLE_FORMATS = sorted(f for f, (_, keeps) in RDF_FORMATS.items() if not keeps)


def build_store(path: Path) -> Path:
    report = kg.builder.build(INPUTS, path, jobs=1)
    assert report.read == 4 and report.quarantined == 0, report.as_dict()
    return path


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    return build_store(tmp_path_factory.mktemp("export-a") / "store")


@pytest.fixture(scope="module")
def store_again(tmp_path_factory) -> Path:
    return build_store(tmp_path_factory.mktemp("export-b") / "another-store")


def release_graphs(path: Path) -> dict[str, Graph]:
    """The store's release data graphs, read with pyoxigraph and rdflib only."""
    return {name: store_graph(path, name) for name in store_graph_names(path) if not name.endswith(NOT_DATA)}


def union(graphs) -> Graph:
    u = Graph()
    for g in graphs:
        for t in g:
            u.add(t)
    return u


def parsed(data: bytes, fmt: str) -> dict[str, Graph]:
    """Graph name -> triples of an export ("" for the default graph), non-empty graphs only."""
    ds = Dataset()
    ds.parse(data=data, format=RDFLIB_FORMAT[fmt])
    out = {}
    for g in ds.graphs():
        if len(g) and str(g.identifier) != DESCRIPTION:  # (the dataset's description: tested on its own)
            name = "" if g.identifier == DATASET_DEFAULT_GRAPH_ID else str(g.identifier)
            out[name] = union([g])
    return out


def export(store_path: Path, *args: str) -> bytes:
    proc = run_kg("export", "--store", store_path, *args)
    assert proc.returncode == 0, describe(proc)
    return proc.stdout


def test_export_store_has_data_evidence_and_meta_graphs(store):
    assert len(release_graphs(store)) == 4
    names = {q.split(" ")[-2] for q in store_nquads(store)}
    assert sum(n.endswith("/evidence>") for n in names) == 4
    assert sum(n.endswith("/meta>") for n in names) == 4


def test_export_leaves_out_quarantined_releases(tmp_path):
    import kg.iri

    path = tmp_path / "store"
    report = kg.builder.build(INPUTS, path, settings=kg.builder.Settings(shapes=str(STRICT_SHAPES)), jobs=1)
    assert (report.read, report.quarantined) == (4, 1), report.as_dict()
    seed = kg.iri.release_iri(SEED_ID)
    assert seed + "/quarantine" in store_graph_names(path)
    data = parsed(export(path, "--format", "nquads"), "nquads")
    assert sorted(data) == sorted(release_graphs(path)) and seed not in data and len(data) == 3
    assert seed + "/quarantine" not in parsed(export(path, "--graphs", "evidence", "--format", "nquads"), "nquads")
    assert seed + "/quarantine" in parsed(export(path, "--graphs", "all", "--format", "nquads"), "nquads")


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_format_reparses_to_union_of_release_graphs(fmt, store):
    data = export(store, "--format", fmt)
    assert data, f"{fmt}: empty export"
    got = union(parsed(data, fmt).values())
    assert_isomorphic(union(release_graphs(store).values()), got, what=f"{fmt} export")


def test_export_trig_and_nquads_keep_named_graphs():
    assert {"trig", "nquads"} <= set(GRAPH_FORMATS)


@pytest.mark.parametrize("fmt", GRAPH_FORMATS)
def test_export_named_graph_formats_keep_one_graph_per_release(fmt, store):
    expected = release_graphs(store)
    got = parsed(export(store, "--format", fmt), fmt)
    assert sorted(got) == sorted(expected)
    for name in sorted(expected):
        assert_isomorphic(expected[name], got[name], what=f"{fmt} graph <{name}>")


@pytest.mark.parametrize("fmt", TRIPLE_FORMATS)
def test_export_triple_formats_give_one_default_graph(fmt, store):
    assert list(parsed(export(store, "--format", fmt), fmt)) == [""]


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_is_byte_identical_when_written_twice(fmt, store, tmp_path):
    first, second = tmp_path / f"first.{fmt}", tmp_path / f"second.{fmt}"
    for out in (first, second):
        proc = run_kg("export", "--store", store, "--format", fmt, "--output", out)
        assert proc.returncode == 0, describe(proc)
        assert proc.stdout == b""
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes() == export(store, "--format", fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_is_byte_identical_across_two_builds(fmt, store, store_again):
    assert export(store, "--format", fmt) == export(store_again, "--format", fmt)


@pytest.mark.parametrize("graphs", ["evidence", "all"])
def test_export_graph_sets_are_byte_identical_across_two_builds(graphs, store, store_again):
    assert export(store, "--graphs", graphs, "--format", "nquads") == \
        export(store_again, "--graphs", graphs, "--format", "nquads")


def test_export_two_builds_give_identical_stores(store, store_again):
    a, b = store_nquads(store), store_nquads(store_again)
    assert len(a) > 0
    only_a = sorted(set(a) - set(b))
    only_b = sorted(set(b) - set(a))
    assert a == b, "stores differ:\n--- only in the first\n" + "\n".join(only_a[:50]) + \
        "\n+++ only in the second\n" + "\n".join(only_b[:50])


def test_export_all_graphs_is_the_whole_store(store):
    lines = sorted(line for line in export(store, "--graphs", "all", "--format", "nquads").decode().splitlines()
                   if line.strip())
    # every graph of every release, the rules its evidence names and the dataset's description; the
    # store's own merged data and layout graphs are derived, not exported
    assert lines == [q for q in store_nquads(store) if not q.rsplit(" ", 2)[-2].startswith(f"<{STORE_GRAPHS}")
                     or q.rsplit(" ", 2)[-2] in (f"<{DESCRIPTION}>", f"<{RULES}>")]
    assert any(q.endswith(f"<{RULES}> .") for q in lines)


@pytest.mark.parametrize("suffix,fmt", [
    (".ttl", "turtle"), (".trig", "trig"), (".nq", "nquads"), (".nt", "ntriples"), (".jsonld", "jsonld"),
    (".json", "jsonld"), (".rdf", "xml"), (".xml", "xml"), (".TTL", "turtle"), ("", "trig"),
], ids=["ttl", "trig", "nq", "nt", "jsonld", "json", "rdf", "xml", "upper-case-TTL", "no-suffix-is-trig"])
def test_export_output_suffix_guesses_format(suffix, fmt, store, tmp_path):
    out = tmp_path / f"graph{suffix}"
    proc = run_kg("export", "--store", store, "--output", out)
    assert proc.returncode == 0, describe(proc)
    assert out.read_bytes() == export(store, "--format", fmt)


def test_export_unknown_suffix_is_an_error_and_writes_nothing(store, tmp_path):
    out = tmp_path / "graph.txt"
    proc = run_kg("export", "--store", store, "--output", out)
    assert proc.returncode == 2, describe(proc)
    assert "unknown output suffix '.txt'" in proc.stderr and not out.exists()


@pytest.mark.parametrize("alias,fmt", [("ttl", "turtle"), ("nt", "ntriples"), ("nq", "nquads"), ("json-ld", "jsonld"),
                                       ("rdf", "xml"), ("TTL", "turtle")])
def test_export_format_aliases(alias, fmt, store):
    assert export(store, "--format", alias) == export(store, "--format", fmt)


def test_export_explicit_format_wins_over_suffix(store, tmp_path):
    out = tmp_path / "graph.ttl"
    proc = run_kg("export", "--store", store, "--output", out, "--format", "nquads")
    assert proc.returncode == 0, describe(proc)
    assert out.read_bytes() == export(store, "--format", "nquads")


def test_export_bad_format_leaves_previous_output_intact(store, tmp_path):
    out = tmp_path / "graph.trig"
    out.write_bytes(b"previous export\n")
    proc = run_kg("export", "--store", store, "--output", out, "--format", "nope")
    assert proc.returncode == 2, describe(proc)
    assert out.read_bytes() == b"previous export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.trig"]


class Interrupted(Exception):
    pass


@pytest.mark.parametrize("error", [Interrupted, KeyboardInterrupt, OSError], ids=["exception", "ctrl-c", "disk-error"])
def test_export_write_atomic_failure_keeps_previous_file_and_no_temp(error, tmp_path):
    target = tmp_path / "graph.trig"
    target.write_bytes(b"the previous export\n")

    def write(tmp: Path) -> None:
        assert tmp.parent == target.parent and tmp != target
        with open(tmp, "wb") as f:
            f.write(b"@prefix half-written")
            f.flush()
        assert target.read_bytes() == b"the previous export\n"
        raise error("stopped midway")

    with pytest.raises(error):
        write_atomic(target, write)
    assert target.read_bytes() == b"the previous export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.trig"]


def test_export_write_atomic_replaces_file_and_leaves_no_temp(tmp_path):
    target = tmp_path / "sub" / "graph.nq"
    write_bytes_atomic(target, b"old\n")
    write_bytes_atomic(target, b"new\n")
    assert target.read_bytes() == b"new\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["graph.nq"]


KILLED_WRITER = """
import sys, time
from pathlib import Path
from kg.exporter import write_atomic

def write(tmp):
    with open(tmp, "wb") as f:
        f.write(b"half of a new export")
        f.flush()
    print("writing", flush=True)
    time.sleep(60)

write_atomic(Path(sys.argv[1]), write)
"""


def test_export_write_atomic_killed_midway_keeps_previous_file(tmp_path):
    target = tmp_path / "graph.trig"
    target.write_bytes(b"the previous export\n")
    proc = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(target)], stdout=subprocess.PIPE)
    try:
        assert proc.stdout.readline() == b"writing\n"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL
    time.sleep(0.05)
    assert target.read_bytes() == b"the previous export\n"
    # a killed process cannot remove its temporary file; it must at least be hidden and beside the target
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "graph.trig"]
    assert all(name.startswith(".graph.trig.") and name.endswith(".tmp") for name in leftovers), leftovers


def test_export_jsonld_is_compacted_with_an_inline_context(store):
    import json

    doc = json.loads(export(store, "--format", "jsonld"))
    context = doc["@context"]
    assert context["schema"] == "https://schema.org/" and context["rkg"] == "https://w3id.org/release-kg/ontology#"
    assert context["kg-org"] == "https://w3id.org/release-kg/id/org/"
    graphs = [g for g in doc["@graph"] if g["@id"] != DESCRIPTION]
    assert all(g["@id"].startswith("kg-release:") and "@graph" in g for g in graphs)
    nodes = [n for g in graphs for n in g["@graph"]]
    orgs = [n for n in nodes if n.get("@type") == "schema:Organization"]
    assert orgs and all(n["@id"].startswith("kg-org:") and isinstance(n["schema:name"], (str, list)) for n in orgs)
    assert not any(k.startswith("http") for n in nodes for k in n)  # every property as a CURIE


@pytest.mark.parametrize("fmt", ["turtle", "trig"])
def test_export_turtle_and_trig_declare_prefixes_for_the_base(fmt, store, tmp_path):
    data = export(store, "--format", fmt).decode()
    assert "@prefix kg-org: <https://w3id.org/release-kg/id/org/> ." in data
    assert "kg-org:world-customs-organization" in data
    other = tmp_path / "other-base"
    kg.builder.build([SEEDS], other, settings=kg.builder.Settings(base="https://example.org/kg/"), jobs=1)
    data = export(other, "--format", fmt).decode()
    assert "@prefix kg-org: <https://example.org/kg/org/> ." in data and "w3id.org/release-kg/id/" not in data


def test_export_the_dataset_description_travels_with_the_named_graphs(store, store_again):
    """VoID and provenance of the dataset, in a graph of its own, the same for the same releases."""
    got = parsed_all(export(store, "--format", "trig"), "trig")[DESCRIPTION]
    q = """PREFIX void: <http://rdfs.org/ns/void#> PREFIX prov: <http://www.w3.org/ns/prov#>
           PREFIX rkg: <https://w3id.org/release-kg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
           SELECT ?triples ?entities ?classes ?properties ?releases ?hash ?agent WHERE {
             ?d a void:Dataset ; void:triples ?triples ; void:entities ?entities ; void:classes ?classes ;
                void:properties ?properties ; rkg:releases ?releases ; prov:wasGeneratedBy ?a .
             ?a rkg:inputsHash ?hash ; prov:wasAssociatedWith [ rdfs:label ?agent ] }"""
    (row,) = list(got.query(q))
    data = union(release_graphs(store).values())
    assert int(row.triples) == len(data)
    assert int(row.properties) == len(set(data.predicates()))
    assert int(row.releases) == 4 and str(row.agent).startswith("release-kg ")
    assert len(str(row.hash)) == 64
    # the same releases, built again: the same description, byte for byte
    assert export(store, "--format", "nquads") == export(store_again, "--format", "nquads")
    # the triple formats hold the releases' data only
    assert "http://rdfs.org/ns/void#" not in export(store, "--format", "ntriples").decode()


def parsed_all(data: bytes, fmt: str) -> dict[str, Graph]:
    ds = Dataset()
    ds.parse(data=data, format=RDFLIB_FORMAT[fmt])
    return {str(g.identifier): union([g]) for g in ds.graphs() if len(g)}
