"""The graph built from ``seeds/``.

* exported as TriG, every named graph is isomorphic to the one in ``fixtures/seed/expected.trig``;
* the release graph conforms to the SHACL shapes, both as built in memory and as read back from the
  store (which is what ``kg validate`` and every export see);
* every data triple has its evidence: an evidence node of the ``<release>/evidence`` graph (exported
  with ``kg export --graphs evidence``) whose offsets ``[rkg:startOffset:rkg:endOffset]`` point into
  the release text, within the text of its ``rkg:inSentence`` at that sentence's own offset. Which
  predicates need evidence is stated in ``EVIDENCE_OPTIONAL`` / ``EVIDENCE_REQUIRED`` below.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

import kg.api
import kg.builder
import kg.iri
from kg.read import read_path
from kg.validate import validate_graph

from conftest import (FIXTURE_RELEASES, SEED_FILE, SEED_ID, SEEDS, assert_isomorphic, describe, evidence_nodes,
                      run_kg, span_and_sentence, store_graph)

ROOT = Path(__file__).resolve().parent.parent
EXPECTED_TRIG = ROOT / "tests" / "fixtures" / "seed" / "expected.trig"

SDO = Namespace("https://schema.org/")
RKG = Namespace("https://w3id.org/release-kg/ontology#")
SEED_IRI = kg.iri.release_iri(SEED_ID)

# Triples with these predicates need no evidence node: types and names are carried by every node a
# graph mentions, the headline is the title line and mentions are collected from everywhere. The
# schema:identifier of the *release* (its file name) needs none either; schema:identifier of a
# country or a city does.
EVIDENCE_OPTIONAL = frozenset({RDF.type, SDO.name, SDO.alternateName, SDO.headline, SDO.mentions})
# Every other predicate needs evidence; in particular these (one test checks that the inputs do use
# them, so the requirement is not vacuous).
EVIDENCE_REQUIRED = frozenset({
    SDO.attendee, SDO.organizer, RKG.invitedBy, SDO.startDate, SDO.endDate, RKG.heldIn, SDO.location,
    RKG.discussed, SDO.about, SDO.datePublished, SDO.email, RKG.participatedIn, RKG.ordinal,
    RKG.sessionOf, SDO.eventAttendanceMode, SDO.containedInPlace, SDO.sameAs, SDO.contactPoint,
})

# the inputs whose evidence is checked, and the required predicates each of them must contain
EVIDENCE_INPUTS = {
    "seed": ([SEEDS], EVIDENCE_REQUIRED - {SDO.organizer}),  # the seed names no organizer
    "fixture-releases": ([FIXTURE_RELEASES], {SDO.organizer, SDO.attendee, RKG.invitedBy, SDO.startDate,
                                              SDO.endDate, RKG.heldIn, SDO.location, RKG.discussed,
                                              SDO.datePublished, SDO.email}),
}


from kg.store import DESCRIPTION, RULES


def named_graphs(ds: Dataset) -> dict[str, Graph]:
    """Graph name -> triples, for every non-empty graph of ``ds`` (the default graph as "")."""
    out = {}
    for g in ds.graphs():
        if len(g) == 0 or str(g.identifier) == DESCRIPTION:  # (the dataset's description: test_export)
            continue
        name = "" if g.identifier == DATASET_DEFAULT_GRAPH_ID else str(g.identifier)
        triples = Graph()
        for t in g:
            triples.add(t)
        out[name] = triples
    return out


def parse_dataset(data: bytes | str, fmt: str) -> Dataset:
    ds = Dataset()
    ds.parse(data=data, format=fmt)
    return ds


def test_seed_trig_export_matches_expected_graph_by_graph(seed_store):
    expected = named_graphs(parse_dataset(EXPECTED_TRIG.read_text(encoding="utf-8"), "trig"))
    actual = named_graphs(parse_dataset(kg.api.export(seed_store, "trig"), "trig"))
    assert sorted(actual) == sorted(expected), "the exported TriG does not hold the expected named graphs"
    for name in sorted(expected):
        assert_isomorphic(expected[name], actual[name], what=f"named graph <{name}>")


def test_seed_expected_trig_names_the_seed_release_graph():
    expected = named_graphs(parse_dataset(EXPECTED_TRIG.read_text(encoding="utf-8"), "trig"))
    assert list(expected) == [SEED_IRI]


def _processed_seed() -> Graph:
    release = next(read_path(SEED_FILE))
    g = kg.builder.process(release)
    assert g.release_iri == SEED_IRI
    return g.data


@pytest.mark.parametrize("source", ["built-in-memory", "read-back-from-store"])
def test_seed_graph_conforms_to_shapes(source, seed_store):
    data = _processed_seed() if source == "built-in-memory" else store_graph(seed_store, SEED_IRI)
    assert len(data) > 0
    report = validate_graph(SEED_IRI, data)
    problems = "\n".join(f"{r.severity} {r.focus} {r.path}: {r.message}" for r in report.results)
    assert report.conforms, f"the seed graph ({source}) does not conform:\n{problems}"
    assert report.results == [], f"the seed graph ({source}) has warnings:\n{problems}"


@pytest.fixture(scope="module", params=sorted(EVIDENCE_INPUTS))
def evidence_case(request, tmp_path_factory):
    inputs, must_use = EVIDENCE_INPUTS[request.param]
    store = tmp_path_factory.mktemp(f"evidence-{request.param}") / "store"
    report = kg.builder.build(inputs, store, jobs=1)
    assert report.quarantined == 0 and report.read > 0, report.as_dict()
    proc = run_kg("export", "--store", store, "--graphs", "evidence", "--format", "nquads")
    assert proc.returncode == 0, describe(proc)
    graphs = named_graphs(parse_dataset(proc.stdout, "nquads"))
    texts = {}
    for folder in inputs:
        for f in sorted(Path(folder).iterdir()):
            if f.suffix in (".txt", ".md"):
                texts[kg.iri.release_iri(f.stem)] = f.read_bytes().decode("utf-8")
    return request.param, graphs, texts, must_use


def _evidence_nodes(evidence: Graph, s, p, o) -> list:
    return [n for n in evidence.subjects(RDF.subject, s)
            if evidence.value(n, RDF.predicate) == p and evidence.value(n, RDF.object) == o]


def _shared(data: Graph, evidence: Graph, s, p, o) -> bool:
    """Whether a triple shares the evidence of the triple of its fact that holds it (README,
    "Evidence"): an inverse or a second property of one fact, a mention read where the name was, or
    what the rule that named a node gives with its name (a country's code, a city's country, a
    contact's address)."""
    if p == RKG.participatedIn:
        return bool(_evidence_nodes(evidence, o, SDO.attendee, s))
    if p == SDO.location:
        return bool(_evidence_nodes(evidence, s, RKG.heldIn, o))
    if p == SDO.about and (s, RKG.discussed, o) in data:
        return bool(_evidence_nodes(evidence, s, RKG.discussed, o))
    if p == SDO.mentions:
        return any(_evidence_nodes(evidence, o, SDO.name, name) for name in data.objects(o, SDO.name))
    if p in (SDO.identifier, SDO.sameAs, SDO.containedInPlace, SDO.email):
        return any(_evidence_nodes(evidence, s, SDO.name, name) for name in data.objects(s, SDO.name))
    return False


def test_seed_evidence_exists_for_every_required_triple(evidence_case):
    name, graphs, texts, must_use = evidence_case
    assert sorted(texts) == sorted(g for g in graphs if not g.endswith("/evidence") and g != RULES)
    missing = []
    used = set()
    for release, text in texts.items():
        data, evidence = graphs[release], graphs.get(release + "/evidence", Graph())
        for s, p, o in sorted(data):
            used.add(p)
            if p in EVIDENCE_OPTIONAL or (p == SDO.identifier and s == URIRef(release)):
                continue
            if not _evidence_nodes(evidence, s, p, o) and not _shared(data, evidence, s, p, o):
                missing.append(f"<{s}> <{p}> {o.n3()}")
    assert not missing, f"{name}: data triples without an evidence node:\n" + "\n".join(missing)
    unused = sorted(str(p) for p in set(must_use) - used)
    assert not unused, f"{name}: the inputs were expected to yield these predicates: {unused}"


def test_every_rule_the_evidence_names_has_its_name_and_confidence_in_the_export(evidence_case):
    name, graphs, _, _ = evidence_case
    rules = graphs[RULES]
    named = {r for g, graph in graphs.items() if g.endswith("/evidence") for r in graph.objects(None, RKG.rule)}
    assert named, name
    for r in named:
        assert (r, RDF.type, RKG.Rule) in rules
        assert 0 < float(rules.value(r, RKG.confidence)) <= 1
        assert str(r).endswith("/" + str(rules.value(r, RDFS.label)))


def test_seed_evidence_span_text_is_the_release_text_at_the_offsets(evidence_case):
    name, graphs, texts, _ = evidence_case
    wrong = []
    count = 0
    for release, text in texts.items():
        evidence = graphs[release + "/evidence"]
        for node in evidence_nodes(evidence):
            count += 1
            start = int(evidence.value(node, RKG.startOffset))
            end = int(evidence.value(node, RKG.endOffset))
            span, sentence = span_and_sentence(evidence, node)
            at = int(evidence.value(evidence.value(node, RKG.inSentence), RKG.startOffset))
            if not (0 <= start <= end <= len(text)):
                wrong.append(f"{node}: offsets {start}:{end} outside the text (length {len(text)})")
            elif span != text[start:end]:
                wrong.append(f"{node}: span {span!r} but text[{start}:{end}] is {text[start:end]!r}")
            elif sentence != text[at:at + len(sentence)]:
                wrong.append(f"{node}: sentence {sentence!r} is not the text at its offset {at}")
            of = evidence.value(evidence.value(node, RKG.inSentence), RKG.release)
            if of != URIRef(release):
                wrong.append(f"{node}: its sentence is of the release {of}, not {release}")
    assert count > 0
    assert not wrong, f"{name}: {len(wrong)} of {count} evidence nodes are wrong:\n" + "\n".join(wrong)


def test_seed_evidence_describes_only_triples_of_the_data_graph(evidence_case):
    name, graphs, texts, _ = evidence_case
    orphans = []
    for release in texts:
        data, evidence = graphs[release], graphs[release + "/evidence"]
        for node in evidence_nodes(evidence):
            triple = (evidence.value(node, RDF.subject), evidence.value(node, RDF.predicate),
                      evidence.value(node, RDF.object))
            if triple not in data:
                orphans.append(f"{node}: " + " ".join(t.n3() if t is not None else "None" for t in triple))
    assert not orphans, f"{name}: evidence for triples that are not in the data graph:\n" + "\n".join(orphans)


def test_seed_date_published_evidence_is_the_dateline(seed_store):
    text = SEED_FILE.read_bytes().decode("utf-8")
    data, evidence = store_graph(seed_store, SEED_IRI), store_graph(seed_store, SEED_IRI + "/evidence")
    assert (URIRef(SEED_IRI), SDO.datePublished, Literal("2019-06-07", datatype=URIRef(
        "http://www.w3.org/2001/XMLSchema#date"))) in data
    nodes = _evidence_nodes(evidence, URIRef(SEED_IRI), SDO.datePublished,
                            data.value(URIRef(SEED_IRI), SDO.datePublished))
    assert [span_and_sentence(evidence, n)[0] for n in nodes] == ["07 июня 2019"]
    start = int(evidence.value(nodes[0], RKG.startOffset))
    assert text[start:start + len("07 июня 2019")] == "07 июня 2019"
