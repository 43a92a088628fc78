"""Validation of release graphs against the SHACL shapes in ``ontology/shapes.ttl``.

pySHACL's per-call overhead dominates on small graphs, so releases are validated in batches: one
call over the union of a batch; only when that union has results is each release of the batch whose
graph holds a reported focus node validated on its own, so every result is attributed to its release.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import RDF, Dataset, Graph, Namespace, URIRef
from rdflib.paths import Path as PropertyPath

from . import resources

SH = Namespace("http://www.w3.org/ns/shacl#")
RKG = Namespace("https://w3id.org/release-kg/ontology#")
SHAPES = resources.ONTOLOGY / "shapes.ttl"


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


class _Remembered(Graph):
    """A graph that remembers the answer to each triple pattern it is asked: the shapes graph, which
    never changes once parsed and which the validator asks the same few questions over and over (the
    constraints of every property shape, once for every focus node: about a third of the validation
    time here). A change forgets every answer."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._answers: dict = {}

    def triples(self, triple):
        if isinstance(triple[1], PropertyPath):  # (a path is walked through the plain patterns, remembered)
            return super().triples(triple)
        try:
            return iter(self._answers[triple])
        except KeyError:
            found = self._answers[triple] = tuple(super().triples(triple))
            return iter(found)

    def add(self, triple):
        if triple not in self:  # (the validator adds two triples of its own to the shapes at every run)
            self._answers.clear()
        return super().add(triple)

    def addN(self, quads):
        self._answers.clear()
        return super().addN(quads)

    def remove(self, triple):
        self._answers.clear()
        return super().remove(triple)


@lru_cache(maxsize=4)
def shapes_graph(path: str | Path = SHAPES) -> Graph:
    """The shapes graph at ``path`` (default: the project's ``ontology/shapes.ttl``), parsed once and
    answering the validator's repeated questions from memory."""
    from .errors import InputError

    from .read import read_file_bytes

    try:
        raw = read_file_bytes(path)  # (a FIFO, a device or a huge file is refused, never read)
    except InputError as e:
        raise InputError(path, "no such shapes file" if "no such file" in e.problem else e.problem) from None
    g = _Remembered()
    try:
        g.parse(data=raw, format="turtle", publicID=Path(path).resolve().as_uri())
    except Exception as e:  # rdflib raises many kinds of syntax errors
        raise InputError(path, f"not a Turtle shapes graph ({e})") from None
    _check_shapes(path, g)
    return g


_SPARQL_TEXT = ("select", "ask", "construct", "update")


def _check_shapes(path: str | Path, g: Graph) -> None:
    """Refuse shapes whose SPARQL-based constraints would reach outside the data (``SERVICE``,
    ``FROM``: the validator runs them with rdflib, which sends the one and reads the other), and
    shapes the validator cannot load (tried on an empty graph)."""
    from pyshacl import validate

    from .errors import InputError, QueryError
    from .gate import check

    for p, o in g.predicate_objects():
        if str(p).startswith(str(SH)) and str(p)[len(str(SH)):] in _SPARQL_TEXT:
            try:
                check(_with_prefixes(g, str(o)))
            except QueryError as e:
                raise InputError(path, f"a SPARQL constraint of the shapes is refused: {e}") from None
    try:
        validate(Graph(), shacl_graph=g, inference="none", advanced=False, allow_warnings=True)
    except Exception as e:  # pySHACL reports bad shapes with many kinds of errors
        raise InputError(path, f"the validator rejects these shapes ({type(e).__name__}: {e})") from None


def _with_prefixes(g: Graph, query: str) -> str:
    """``query`` with the prefixes the shapes graph declares (sh:prefixes are resolved by the validator)."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in g.namespaces() if p) + query


class _Parameters(list):
    """pySHACL's list of constraint parameters, looked up by hash: the validator asks, for every
    predicate of every shape it applies to every focus node, whether the predicate is in the list,
    and a list answers by comparing it with each entry (a quarter of the validation time here).
    The same entries, in the same order: only membership is faster."""

    def __init__(self, items) -> None:
        super().__init__(items)
        self._members = frozenset(items)

    def __contains__(self, item) -> bool:
        return item in self._members


@lru_cache(maxsize=1)
def _fast_parameter_lookup() -> None:
    """Give pySHACL its constraint parameters as ``_Parameters`` (once per process; a version of
    pySHACL that keeps them elsewhere is left as it is)."""
    import pyshacl.constraints as constraints
    import pyshacl.shape as shape

    params = getattr(constraints, "ALL_CONSTRAINT_PARAMETERS", None)
    if isinstance(params, list) and not isinstance(params, _Parameters):
        constraints.ALL_CONSTRAINT_PARAMETERS = _Parameters(params)
    cached = getattr(shape, "CONSTRAINT_PARAMS", None)  # (set by the validator at its first use)
    if isinstance(cached, tuple) and len(cached) == 2 and isinstance(cached[0], list):
        shape.CONSTRAINT_PARAMS = (_Parameters(cached[0]), cached[1])


def _run(data: Graph, shapes: str | Path) -> Graph:
    from pyshacl import validate

    from .errors import InputError

    _fast_parameter_lookup()

    g = shapes_graph(shapes)
    try:
        _conforms, results, _text = validate(data, shacl_graph=g, inference="none", advanced=False, allow_warnings=True)
    except Exception as e:  # shapes the validator loads but cannot apply ("sh:minCount 'many'")
        raise InputError(shapes, f"the validator rejects these shapes ({type(e).__name__}: {e})") from None
    return results


def _results(report: Graph, sentences: dict[str, str] | None) -> list[tuple[str, Result]]:
    """(focus node, result) for every result of a pySHACL report graph (the report's own results, not
    the details a result of ``sh:node`` carries about the shape the value did not conform to)."""
    out = []
    for r in report.objects(None, SH.result):
        sev = str(report.value(r, SH.resultSeverity)).rsplit("#", 1)[-1]
        focus = str(report.value(r, SH.focusNode))
        path = report.value(r, SH.resultPath)
        msgs = sorted(str(m) for m in report.objects(r, SH.resultMessage))
        out.append((focus, Result(sev, focus, str(path) if path is not None else None, msgs[0] if msgs else "",
                                  str(report.value(r, SH.sourceShape)), (sentences or {}).get(focus))))
    return out


def _sort(results: list[Result]) -> list[Result]:
    return sorted(set(results), key=lambda x: (x.focus, x.path or "", x.message, x.shape))


def _union(batch: list[tuple[str, Graph, dict[str, str] | None]]) -> Graph:
    """The union of the batch's data graphs: read through the store they share when they are the graphs
    of one store and it holds nothing else (no copy), else copied into one graph."""
    store = batch[0][1].store
    if all(data.store is store for _, data, _ in batch) \
            and {c.identifier for c in store.contexts()} <= {data.identifier for _, data, _ in batch}:
        return Dataset(store=store, default_union=True)
    union = Graph()
    for _, data, _ in batch:
        union += data
    return union


def validate_batch(batch: list[tuple[str, Graph, dict[str, str] | None]], shapes: str | Path = SHAPES) -> dict[str, Report]:
    """Validate ``(release_iri, data_graph, sentences)`` items in one pySHACL run; one report per release.

    A result goes to the release whose graph holds its focus node as a subject. A focus node held by
    several releases (an organization they share) is ambiguous: those releases are validated again
    one by one, so each report holds exactly its own results.
    """
    reports = {iri: Report(iri) for iri, _, _ in batch}
    if not batch:
        return reports
    found = _results(_run(_union(batch), shapes), None)
    if not found:
        return reports
    holders: dict[str, list[int]] = {}
    for focus, _ in found:
        if focus not in holders:
            node = URIRef(focus)
            holders[focus] = [i for i, (_, data, _) in enumerate(batch) if (node, None, None) in data]
    again = {i for hs in holders.values() if len(hs) > 1 for i in hs}
    for focus, result in found:
        hs = holders[focus]
        if len(hs) == 1 and hs[0] not in again:
            iri, _, sentences = batch[hs[0]]
            reports[iri].results.append(Result(result.severity, result.focus, result.path, result.message,
                                               result.shape, (sentences or {}).get(focus)))
    for i in sorted(again):
        iri, data, sentences = batch[i]
        reports[iri].results = [r for _, r in _results(_run(data, shapes), sentences)]
    for rep in reports.values():
        rep.results = _sort(rep.results)
    return reports


def validate_graph(release_iri: str, data: Graph, sentences: dict[str, str] | None = None,
                   shapes: str | Path = SHAPES) -> Report:
    return validate_batch([(release_iri, data, sentences)], shapes)[release_iri]


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
