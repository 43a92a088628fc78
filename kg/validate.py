"""Validation of release graphs against the SHACL shapes in ``ontology/shapes.ttl``.

pySHACL's per-call overhead dominates on small graphs, so releases are validated in batches: one
call over the union of a batch; only when that union has results is each release of the batch whose
graph holds a reported focus node validated on its own, so every result is attributed to its release.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import RDF, Graph, Namespace, URIRef

SH = Namespace("http://www.w3.org/ns/shacl#")
RKG = Namespace("https://w3id.org/release-kg/ontology#")
SHAPES = Path(__file__).resolve().parent.parent / "ontology" / "shapes.ttl"


@dataclass(frozen=True)
class Result:
    severity: str  # Violation, Warning or Info
    focus: str
    path: str | None
    message: str
    shape: str
    evidence: str | None = None


@dataclass
class Report:
    release_iri: str
    results: list[Result] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        """True when no result has severity Violation (warnings are reported, not fatal)."""
        return not any(r.severity == "Violation" for r in self.results)


@lru_cache(maxsize=4)
def shapes_graph(path: str | Path = SHAPES) -> Graph:
    """The shapes graph at ``path`` (default: the project's ``ontology/shapes.ttl``), parsed once."""
    from .errors import InputError

    g = Graph()
    try:
        g.parse(Path(path), format="turtle")
    except FileNotFoundError:
        raise InputError(path, "no such shapes file") from None
    except Exception as e:  # rdflib raises many kinds of syntax errors
        raise InputError(path, f"not a Turtle shapes graph ({e})") from None
    return g


def _run(data: Graph, shapes: str | Path) -> Graph:
    from pyshacl import validate

    _conforms, results, _text = validate(data, shacl_graph=shapes_graph(shapes), inference="none",
                                         advanced=False, allow_warnings=True)
    return results


def _results(report: Graph, evidence: Graph | None) -> list[Result]:
    out = []
    for r in report.subjects(RDF.type, SH.ValidationResult):
        sev = str(report.value(r, SH.resultSeverity)).rsplit("#", 1)[-1]
        focus = report.value(r, SH.focusNode)
        path = report.value(r, SH.resultPath)
        msgs = sorted(str(m) for m in report.objects(r, SH.resultMessage))
        ev_text = None
        if evidence is not None and focus is not None:
            for ev in evidence.subjects(RDF.subject, focus):
                if path is None or evidence.value(ev, RDF.predicate) == path:
                    ev_text = str(evidence.value(ev, RKG.sentence))
                    break
        out.append(Result(sev, str(focus), str(path) if path is not None else None,
                          msgs[0] if msgs else "", str(report.value(r, SH.sourceShape)), ev_text))
    return sorted(out, key=lambda x: (x.focus, x.path or "", x.message))


def validate_batch(batch: list[tuple[str, Graph, Graph | None]], shapes: str | Path = SHAPES) -> dict[str, Report]:
    """Validate ``(release_iri, data_graph, evidence_graph)`` items; one report per release."""
    reports = {iri: Report(iri) for iri, _, _ in batch}
    if not batch:
        return reports
    union = Graph()
    for _, data, _ in batch:
        union += data
    found = _run(union, shapes)
    focus = {f for f in found.objects(None, SH.focusNode)}
    if not focus:
        return reports
    for iri, data, evidence in batch:
        if any((f, None, None) in data for f in focus):
            reports[iri].results = _results(_run(data, shapes), evidence)
    return reports


def validate_graph(release_iri: str, data: Graph, evidence: Graph | None = None, shapes: str | Path = SHAPES) -> Report:
    return validate_batch([(release_iri, data, evidence)], shapes)[release_iri]


def report_graph(report: Report) -> list[tuple[URIRef, URIRef, object]]:
    """The report as triples for the release's meta graph."""
    from rdflib import Literal

    rel = URIRef(report.release_iri)
    triples: list = []
    for i, r in enumerate(report.results):
        node = URIRef(f"{report.release_iri}/meta/result/{i}")
        triples += [(rel, RKG.validationResult, node), (node, RDF.type, SH.ValidationResult),
                    (node, SH.resultSeverity, SH[r.severity]), (node, SH.focusNode, URIRef(r.focus)),
                    (node, SH.resultMessage, Literal(r.message))]
        if r.shape.startswith("http"):
            triples.append((node, SH.sourceShape, URIRef(r.shape)))
        if r.path:
            triples.append((node, SH.resultPath, URIRef(r.path)))
        if r.evidence:
            triples.append((node, RKG.sentence, Literal(r.evidence)))
    return triples
