"""The ontology (ontology/rkg.ttl) and the SHACL shapes (ontology/shapes.ttl).

* both files parse, and use only terms that exist (SHACL, schema.org, rkg:);
* every rkg: term is documented (label, definition, rdfs:isDefinedBy);
* every property shape has a name, a message and a severity;
* tests/fixtures/shapes/good.ttl conforms, and every bad-<Shape>.ttl there is
  caught by exactly the shape rkg:<Shape> (plus any shape its header lists
  under "Also fires").

Validation is always run without entailment, as on real data.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

import pyshacl
import pytest
from rdflib import RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
import rdflib.namespace
from rdflib.namespace import DCTERMS, OWL, PROV, SH, SKOS

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY_FILE = ROOT / "ontology" / "rkg.ttl"
SHAPES_FILE = ROOT / "ontology" / "shapes.ttl"
FIXTURES = ROOT / "tests" / "fixtures" / "shapes"
GOOD_FIXTURE = FIXTURES / "good.ttl"
BAD_FIXTURES = sorted(FIXTURES.glob("bad-*.ttl"))

RKG = Namespace("https://w3id.org/release-kg/ontology#")
SCHEMA = Namespace("https://schema.org/")
ONTOLOGY_IRI = URIRef("https://w3id.org/release-kg/ontology")

DECLARATION_TYPES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property}
CLASS_TYPES = {OWL.Class, RDFS.Class}
SEVERITIES = {SH.Violation, SH.Warning, SH.Info}

EVENT_CLASSES = [
    "Session", "Meeting", "Conference", "Forum", "Workshop", "Seminar",
    "Training", "Mission", "Visit", "Signing", "Launch",
]

# The SHACL Core vocabulary the shapes may use: targets, core constraint
# parameters, and non-validating annotations. Anything else (sh:sparql, sh:js,
# sh:rule, sh:target, ...) is SHACL-SPARQL or SHACL-AF and is kept out on purpose.
CORE_SHACL_PREDICATES = {
    SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf,
    SH.property, SH.path, SH.inversePath, SH.alternativePath,
    SH.zeroOrMorePath, SH.oneOrMorePath, SH.zeroOrOnePath,
    SH["class"], SH.datatype, SH.nodeKind, SH.minCount, SH.maxCount,
    SH.minInclusive, SH.maxInclusive, SH.minExclusive, SH.maxExclusive,
    SH.minLength, SH.maxLength, SH.pattern, SH.flags, SH.languageIn, SH.uniqueLang,
    SH.equals, SH.disjoint, SH.lessThan, SH.lessThanOrEquals,
    SH["not"], SH["and"], SH["or"], SH.xone, SH.node,
    SH.qualifiedValueShape, SH.qualifiedMinCount, SH.qualifiedMaxCount,
    SH.qualifiedValueShapesDisjoint, SH.closed, SH.ignoredProperties,
    SH.hasValue, SH["in"],
    SH.name, SH.description, SH.message, SH.severity, SH.deactivated,
    SH.order, SH.group, SH.defaultValue,
}


# --------------------------------------------------------------------------- helpers


@functools.cache
def _parse(path: Path) -> Graph:
    return Graph().parse(path, format="turtle")


def _parse_or_empty(path: Path) -> Graph:
    """For building test parameters: a broken file shows up as a failing test, not a collection error."""
    try:
        return _parse(path)
    except Exception:
        return Graph()


def _uris(graph: Graph) -> set[URIRef]:
    return {term for triple in graph for term in triple if isinstance(term, URIRef)}


def _in_namespace(terms, namespace) -> set[URIRef]:
    return {t for t in terms if str(t).startswith(str(namespace))}


def _declared_rkg_terms(ontology: Graph) -> set[URIRef]:
    return {
        s for t in DECLARATION_TYPES for s in ontology.subjects(RDF.type, t)
        if isinstance(s, URIRef) and s in RKG
    }


def _shape_iris(shapes: Graph) -> set[URIRef]:
    return {
        s for t in (SH.NodeShape, SH.PropertyShape) for s in shapes.subjects(RDF.type, t)
        if isinstance(s, URIRef)
    }


def _property_shapes(shapes: Graph) -> list[URIRef]:
    return sorted(s for s in shapes.subjects(RDF.type, SH.PropertyShape) if isinstance(s, URIRef))


def _is_schema_org_term(term: URIRef) -> bool:
    """True for a class, property or enumeration member of schema.org (as listed by rdflib)."""
    return str(term).startswith(str(SCHEMA)) and term != URIRef(SCHEMA) and term in rdflib.namespace.SDO


def _local(term: URIRef) -> str:
    return str(term)[len(str(RKG)):]


def _also_fires(path: Path) -> set[URIRef]:
    """Shapes that a bad fixture's header says fire besides the one it is named after."""
    names = re.findall(r"^# Also fires: rkg:([\w-]+)", path.read_text(encoding="utf-8"), re.MULTILINE)
    return {RKG[name] for name in names}


def _validate(data: Graph):
    conforms, report, text = pyshacl.validate(data, shacl_graph=_parse(SHAPES_FILE), inference="none")
    return conforms, report, text


def _results(report: Graph) -> list[tuple[URIRef, URIRef]]:
    """(source shape, severity) of every result of a validation report (not the details of one)."""
    return [
        (report.value(r, SH.sourceShape), report.value(r, SH.resultSeverity))
        for r in report.objects(None, SH.result)
    ]


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return _parse(ONTOLOGY_FILE)


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return _parse(SHAPES_FILE)


_COLLECTED_ONTOLOGY = _parse_or_empty(ONTOLOGY_FILE)
_COLLECTED_SHAPES = _parse_or_empty(SHAPES_FILE)
RKG_TERMS = sorted(_declared_rkg_terms(_COLLECTED_ONTOLOGY))
PROPERTY_SHAPES = _property_shapes(_COLLECTED_SHAPES)


# --------------------------------------------------------------------------- the files parse


def test_ontology_file_parses():
    graph = Graph().parse(ONTOLOGY_FILE, format="turtle")
    assert len(graph) > 0


def test_shapes_file_parses():
    graph = Graph().parse(SHAPES_FILE, format="turtle")
    assert len(graph) > 0


def test_ontology_header_has_title_description_version_and_comment(ontology):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    for prop in (DCTERMS.title, DCTERMS.description, RDFS.comment):
        assert ontology.value(ONTOLOGY_IRI, prop) is not None, f"ontology has no {prop}"
    assert ontology.value(ONTOLOGY_IRI, OWL.versionInfo) == Literal("0.1.0")


def test_shapes_graph_is_well_formed_shacl():
    # meta_shacl validates the shapes graph against the SHACL-for-SHACL shapes first;
    # pyshacl raises if the shapes graph itself is not valid SHACL.
    shapes = Graph().parse(SHAPES_FILE, format="turtle")
    conforms, _, text = pyshacl.validate(
        _parse(GOOD_FIXTURE), shacl_graph=shapes, inference="none", meta_shacl=True
    )
    assert conforms, text


# --------------------------------------------------------------------------- terms exist


def test_shapes_use_only_terms_of_the_shacl_vocabulary(shapes):
    unknown = sorted(t for t in _in_namespace(_uris(shapes), SH) if t not in SH)
    assert not unknown, f"not SHACL terms: {unknown}"


def test_shapes_use_only_shacl_core_constraints_and_no_sparql(shapes):
    used = _in_namespace(set(shapes.predicates()), SH)
    outside_core = sorted(used - CORE_SHACL_PREDICATES)
    assert not outside_core, f"outside SHACL Core: {outside_core}"


def test_rkg_terms_used_in_shapes_are_declared_in_the_ontology(shapes, ontology):
    used = _in_namespace(_uris(shapes), RKG) - _shape_iris(shapes)
    undeclared = sorted(used - _declared_rkg_terms(ontology))
    assert not undeclared, f"used in shapes.ttl but not declared in rkg.ttl: {undeclared}"


def test_every_rkg_term_mentioned_in_the_ontology_is_declared(ontology):
    undeclared = sorted(_in_namespace(_uris(ontology), RKG) - _declared_rkg_terms(ontology))
    assert not undeclared, f"mentioned but not declared: {undeclared}"


@pytest.mark.parametrize("path", [ONTOLOGY_FILE, SHAPES_FILE, GOOD_FIXTURE], ids=lambda p: p.name)
def test_schema_org_terms_exist(path):
    used = _in_namespace(_uris(_parse(path)), SCHEMA) - {URIRef(SCHEMA)}  # the namespace itself may be cited
    unknown = sorted(t for t in used if not _is_schema_org_term(t))
    assert not unknown, f"not schema.org terms: {unknown}"


def test_shape_target_classes_are_declared_classes_or_schema_org_terms(shapes, ontology):
    declared_classes = {s for t in CLASS_TYPES for s in ontology.subjects(RDF.type, t)}
    targets = set(shapes.objects(None, SH.targetClass))
    assert targets, "no sh:targetClass in shapes.ttl"
    wrong = sorted(
        t for t in targets
        if not (t in declared_classes or _is_schema_org_term(t))
    )
    assert not wrong, f"sh:targetClass values that are neither declared classes nor schema.org terms: {wrong}"


def test_classes_and_predicates_of_the_good_fixture_are_known(ontology):
    data = _parse(GOOD_FIXTURE)
    declared = _declared_rkg_terms(ontology)
    used = set(data.objects(None, RDF.type)) | set(data.predicates())
    unknown = sorted(t for t in _in_namespace(used, RKG) if t not in declared)
    assert not unknown, f"rkg: terms in good.ttl not declared in rkg.ttl: {unknown}"


# --------------------------------------------------------------------------- the ontology


@pytest.mark.parametrize("term", RKG_TERMS, ids=_local)
def test_rkg_term_has_label_definition_and_is_defined_by(ontology, term):
    labels = [o for o in ontology.objects(term, RDFS.label) if isinstance(o, Literal) and o.language == "en"]
    definitions = [
        o for p in (SKOS.definition, RDFS.comment) for o in ontology.objects(term, p)
        if isinstance(o, Literal) and o.language == "en"
    ]
    assert labels, f"{term} has no rdfs:label @en"
    assert definitions, f"{term} has no skos:definition or rdfs:comment @en"
    assert (term, RDFS.isDefinedBy, ONTOLOGY_IRI) in ontology, f"{term} is not rdfs:isDefinedBy the ontology"


@pytest.mark.parametrize("name", EVENT_CLASSES)
def test_event_class_is_a_subclass_of_schema_event(ontology, name):
    assert (RKG[name], RDF.type, OWL.Class) in ontology
    assert (RKG[name], RDFS.subClassOf, SCHEMA.Event) in ontology
    assert ontology.value(RKG[name], SKOS.definition) is not None


@pytest.mark.parametrize(
    "triple",
    [
        (RKG.heldIn, RDFS.subPropertyOf, SCHEMA.location),
        (RKG.discussed, RDFS.subPropertyOf, SCHEMA.about),
        (RKG.participatedIn, OWL.inverseOf, SCHEMA.attendee),
        (RKG.invitedBy, RDFS.range, SCHEMA.Organization),
        (RKG.sessionOf, RDFS.range, SCHEMA.Organization),
        (RKG.ordinal, RDFS.range, URIRef("http://www.w3.org/2001/XMLSchema#integer")),
        (RKG.Programme, RDFS.subClassOf, SCHEMA.Project),
        (RKG.Evidence, RDFS.subClassOf, RDF.Statement),
        (RKG.Evidence, RDFS.subClassOf, PROV.Entity),
        (RKG.startOffset, RDFS.range, URIRef("http://www.w3.org/2001/XMLSchema#integer")),
        (RKG.endOffset, RDFS.range, URIRef("http://www.w3.org/2001/XMLSchema#integer")),
        (RKG.confidence, RDFS.range, URIRef("http://www.w3.org/2001/XMLSchema#decimal")),
        (RKG.confidence, RDFS.domain, RKG.Rule),
        (RKG.rule, RDFS.range, RKG.Rule),
        (RKG.Rule, RDFS.subClassOf, PROV.Plan),
    ],
    ids=lambda t: f"{t[0].n3().split('#')[-1].rstrip('>')}-{t[1].n3().split('#')[-1].rstrip('>')}",
)
def test_ontology_alignment(ontology, triple):
    assert triple in ontology


def test_invited_by_is_not_a_kind_of_organizer(ontology):
    assert (RKG.invitedBy, RDFS.subPropertyOf, SCHEMA.organizer) not in ontology


# --------------------------------------------------------------------------- the shapes


def test_shapes_file_has_property_shapes():
    assert PROPERTY_SHAPES, "no named sh:PropertyShape in shapes.ttl"


@pytest.mark.parametrize("shape", PROPERTY_SHAPES, ids=_local)
def test_property_shape_has_name_message_and_severity(shapes, shape):
    assert len(list(shapes.objects(shape, SH.name))) == 1, f"{shape}: needs one sh:name"
    assert len(list(shapes.objects(shape, SH.message))) >= 1, f"{shape}: needs a sh:message"
    severities = list(shapes.objects(shape, SH.severity))
    assert len(severities) == 1 and severities[0] in SEVERITIES, f"{shape}: needs one explicit sh:severity"


@pytest.mark.parametrize("shape", PROPERTY_SHAPES, ids=_local)
def test_property_shape_is_used_by_a_targeted_node_shape(shapes, shape):
    owners = list(shapes.subjects(SH.property, shape))
    assert owners, f"{shape} is not the sh:property of any node shape"
    assert any(shapes.value(o, SH.targetClass) is not None for o in owners), f"{shape}: no owner has a target"


@pytest.mark.parametrize("shape", PROPERTY_SHAPES, ids=_local)
def test_property_shape_has_a_bad_fixture(shape):
    assert (FIXTURES / f"bad-{_local(shape)}.ttl").is_file(), f"no fixture bad-{_local(shape)}.ttl"


def test_shapes_use_no_blank_node_property_shapes(shapes):
    # every constraint must be reported under a named shape; the exception are the shapes of the kinds
    # of thing a value may be ("a city, a country or a place"), which have no target: a named property
    # shape reaches them by sh:node, and their failure is reported under that shape
    reached = set(shapes.objects(None, SH.node))
    for owner, o in shapes.subject_objects(SH.property):
        if isinstance(o, BNode):
            assert owner in reached and shapes.value(owner, SH.targetClass) is None, owner


def test_sh_in_lists_are_well_formed(shapes):
    for shape, head in shapes.subject_objects(SH["in"]):
        assert list(Collection(shapes, head)), f"{shape}: empty sh:in"


# --------------------------------------------------------------------------- fixtures


def test_good_fixture_conforms():
    conforms, _, text = _validate(_parse(GOOD_FIXTURE))
    assert conforms, text


@pytest.mark.parametrize("path", BAD_FIXTURES, ids=lambda p: p.stem[len("bad-"):])
def test_bad_fixture_names_an_existing_property_shape(shapes, path):
    shape = RKG[path.stem[len("bad-"):]]
    assert (shape, RDF.type, SH.PropertyShape) in shapes, f"{path.name}: no property shape {shape}"


@pytest.mark.parametrize("path", BAD_FIXTURES, ids=lambda p: p.stem[len("bad-"):])
def test_bad_fixture_is_caught_by_its_shape(shapes, path):
    shape = RKG[path.stem[len("bad-"):]]
    conforms, report, text = _validate(Graph().parse(path, format="turtle"))
    assert not conforms, f"{path.name} conforms"
    results = _results(report)
    fired = {source for source, _ in results}
    assert shape in fired, f"{path.name}: {shape} did not fire\n{text}"
    assert fired == {shape} | _also_fires(path), f"{path.name}: unexpected shapes fired\n{text}"
    declared = shapes.value(shape, SH.severity)
    assert {sev for source, sev in results if source == shape} == {declared}


# --------------------------------------------------------------------------- kg's validation


@pytest.mark.parametrize("name", ["Event-location", "Event-heldIn", "City-containedInPlace", "Event-chairedBy"])
def test_a_value_of_the_wrong_kind_is_one_result_of_its_shape_in_kg_reports(name):
    """A value that is none of the kinds a shape lists is reported once, under that shape: not again
    for the details of the kinds it is not."""
    from kg.validate import validate_graph

    report = validate_graph("https://w3id.org/release-kg/id/release/000_460ff2c4436acc53",
                            Graph().parse(FIXTURES / f"bad-{name}.ttl", format="turtle"))
    assert [r.shape for r in report.results] == [str(RKG[name])]


def test_the_validator_looks_its_constraint_parameters_up_by_hash_and_keeps_them_all():
    import pyshacl.constraints as constraints

    from kg.validate import _fast_parameter_lookup, _Parameters

    before = list(constraints.ALL_CONSTRAINT_PARAMETERS)
    _fast_parameter_lookup()
    params = constraints.ALL_CONSTRAINT_PARAMETERS
    assert isinstance(params, _Parameters) and list(params) == before
    assert all(p in params for p in before) and SH.targetClass not in params


def test_the_shapes_graph_remembers_its_answers_and_forgets_them_on_a_change():
    """The shapes graph remembers its answers (the validator asks the same ones for every focus node):
    each is what its store holds, asked again it is the same, and a change is seen by the next question."""
    from kg.validate import shapes_graph

    remembered = shapes_graph(SHAPES_FILE)

    def stored(pattern):  # (the store's own answer, around the memory)
        return sorted(t for t, _ in remembered.store.triples(pattern, context=remembered))

    patterns = [(None, None, None), (None, SH.path, None), (RKG.EventShape, None, None), (None, RDF.type, SH.NodeShape)]
    for _ in range(2):  # (asked, then answered from memory)
        for pattern in patterns:
            assert sorted(remembered.triples(pattern)) == stored(pattern) != []
    extra = (RKG.EventShape, SH.message, Literal("a note"))
    remembered.add(extra)
    try:
        assert extra in remembered and Literal("a note") in set(remembered.objects(RKG.EventShape, SH.message))
    finally:
        remembered.remove(extra)
    assert extra not in remembered
    assert sorted(remembered.triples((RKG.EventShape, None, None))) == stored((RKG.EventShape, None, None))


def _batch(paths, store=None):
    """Each file as the data graph of a release named after it: in ``store`` side by side, or each alone."""
    from rdflib import URIRef

    out = []
    for p in paths:
        iri = f"https://w3id.org/release-kg/id/release/{p.stem}"
        g = Graph(store=store, identifier=URIRef(iri)) if store is not None else Graph()
        g.parse(p, format="turtle")
        out.append((iri, g, None))
    return out


@pytest.mark.parametrize("extra", [False, True], ids=["batch-only", "another-graph-in-the-store"])
def test_a_batch_in_one_store_is_reported_as_its_releases_alone(extra):
    """The graphs of a batch kept side by side in one store (as a build's worker keeps them) are validated
    as their union without a copy; each release's report is the one it has validated alone, whatever else
    the store holds."""
    from rdflib import URIRef
    from rdflib.plugins.stores.memory import Memory

    from kg.validate import validate_batch, validate_graph

    paths = [GOOD_FIXTURE] + BAD_FIXTURES[:6]
    store = Memory()
    batch = _batch(paths, store)
    if extra:  # (a graph the batch does not hold: its results belong to no release of the batch)
        Graph(store=store, identifier=URIRef("urn:other")).parse(BAD_FIXTURES[-1], format="turtle")
    got = validate_batch(batch)
    alone = {iri: validate_graph(iri, g) for iri, g, _ in _batch(paths)}
    assert {iri: r.results for iri, r in got.items()} == {iri: r.results for iri, r in alone.items()}
    assert got[batch[0][0]].conforms and not all(r.conforms for r in got.values())
