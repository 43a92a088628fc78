"""Why does the graph say this? Facts about an entity with the sentences they were read from.

``explain(store, target)`` takes an entity IRI, a name or acronym ("WCO"), or a triple written as
``<s> <p> <o>`` and returns one ``Reason`` per (fact, evidence) pair, read from the evidence graphs.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox

from .errors import UsageError

RKG = "https://w3id.org/release-kg/ontology#"
SDO = "https://schema.org/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_TRIPLE = re.compile(r"^\s*(<[^<>\s]+>)\s+(<[^<>\s]+>)\s+(<[^<>\s]+>|\"(?:[^\"\\]|\\.)*\"(?:\^\^<[^<>\s]+>|@[\w-]+)?)\s*\.?\s*$")


@dataclass(frozen=True)
class Reason:
    subject: str
    predicate: str
    object: str
    release: str
    start: int
    end: int
    span: str
    sentence: str
    rule: str
    confidence: float


def _label(store: ox.Store, term: ox.NamedNode | ox.Literal, graphs: list[ox.NamedNode]) -> str:
    if isinstance(term, ox.Literal):
        return term.value
    for q in store.quads_for_pattern(term, ox.NamedNode(SDO + "name"), None):
        return q.object.value
    return term.value.rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def resolve_target(store: ox.Store, target: str) -> list[ox.NamedNode]:
    """The entities ``target`` names: an IRI, or every node whose name or alternate name is it."""
    if target.startswith(("http://", "https://")):
        return [ox.NamedNode(target)]
    want = target.strip().lower()
    found: set[str] = set()
    for prop in ("name", "alternateName"):
        for q in store.quads_for_pattern(None, ox.NamedNode(SDO + prop), None):
            if isinstance(q.object, ox.Literal) and q.object.value.lower() == want and isinstance(q.subject, ox.NamedNode):
                if not q.graph_name.value.endswith(("/evidence", "/meta", "/quarantine")):
                    found.add(q.subject.value)
    return [ox.NamedNode(x) for x in sorted(found)]


def _rule(store: ox.Store, node: ox.NamedNode) -> tuple[str, float]:
    """The name and the confidence of a rule node, from the store's rules graph (a rule it does not
    describe: the last segment of its IRI, and no confidence)."""
    from .store import RULES

    fields = {q.predicate.value: q.object.value
              for q in store.quads_for_pattern(node, None, None, ox.NamedNode(RULES))}
    return (fields.get(_RDFS_LABEL, node.value.rsplit("/", 1)[-1]),
            float(fields.get(RKG + "confidence", "nan")))


_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


def _sentence(store: ox.Store, node: ox.NamedNode) -> tuple[str, int, str]:
    """The text of a sentence node, where it starts in its release's text, and that release."""
    fields = {q.predicate.value: q.object.value for q in store.quads_for_pattern(node, None, None)}
    return fields[RKG + "text"], int(fields[RKG + "startOffset"]), fields[RKG + "release"]


def explain(store: ox.Store, target: str) -> list[Reason]:
    """Every evidenced fact about ``target`` (as subject or object), sorted by release and offset."""
    m = _TRIPLE.match(target)
    patterns: list[tuple] = []
    if m:
        s, p = ox.NamedNode(m.group(1)[1:-1]), ox.NamedNode(m.group(2)[1:-1])
        o_text = m.group(3)
        if o_text.startswith("<"):
            o: ox.NamedNode | ox.Literal = ox.NamedNode(o_text[1:-1])
        else:
            o = next(iter(ox.parse(f"<x:s> <x:p> {o_text} .", format=ox.RdfFormat.N_TRIPLES))).object
        patterns.append((s, p, o))
    else:
        nodes = resolve_target(store, target)
        if not nodes:
            raise UsageError(f"nothing in the store is named {target!r}; give an IRI, a name or an acronym")
        for n in nodes:
            patterns += [(n, None, None), (None, None, n)]
    reasons: dict[tuple, Reason] = {}
    rules: dict[ox.NamedNode, tuple[str, float]] = {}
    subj, pred, obj = (ox.NamedNode(RDF + x) for x in ("subject", "predicate", "object"))
    for s, p, o in patterns:
        candidates: set = set()
        if s is not None:
            candidates |= {q.subject for q in store.quads_for_pattern(None, subj, s)}
        if o is not None:
            by_o = {q.subject for q in store.quads_for_pattern(None, obj, o)}
            candidates = candidates & by_o if s is not None else by_o
        for ev in candidates:
            fields = {q.predicate.value: q.object for q in store.quads_for_pattern(ev, None, None)}
            es, ep, eo = fields.get(RDF + "subject"), fields.get(RDF + "predicate"), fields.get(RDF + "object")
            if es is None or ep is None or eo is None or (p is not None and ep != p):
                continue
            if ep.value in (SDO + "name",) and o is None and s is None:
                continue
            start, end = int(fields[RKG + "startOffset"].value), int(fields[RKG + "endOffset"].value)
            sentence, at, release = _sentence(store, fields[RKG + "inSentence"])
            rule_node = fields[RKG + "rule"]
            if rule_node not in rules:
                rules[rule_node] = _rule(store, rule_node)
            rule, confidence = rules[rule_node]
            r = Reason(
                subject=_label(store, es, []), predicate=_short(ep.value), object=_label(store, eo, []),
                release=release, start=start, end=end, span=sentence[start - at:end - at], sentence=sentence,
                rule=rule, confidence=confidence)
            reasons[(r.release, r.start, r.end, r.subject, r.predicate, r.object)] = r
    # one fact the graph states through several properties ("attendee" and its inverse "participatedIn",
    # "heldIn" and "location") is told once, by its first property
    told: dict[tuple, tuple[int, tuple]] = {}
    for k, r in reasons.items():
        fact, rank = _FACT_OF.get(r.predicate, (r.predicate, 0))
        key = (r.release, r.start, r.end, r.rule, fact, frozenset((r.subject, r.object)))
        if key not in told or rank < told[key][0]:
            told[key] = (rank, k)
    return [reasons[k] for k in sorted(k for _, k in told.values())]


def _facts() -> dict[str, tuple[str, int]]:
    """Each materialised property (short form) -> (the fact it states, its rank among the fact's properties)."""
    from .rdf import PREDICATES

    return {prop.lstrip("^"): (fact, rank) for fact, props in PREDICATES.items() for rank, prop in enumerate(props)}


_FACT_OF = _facts()


def _short(iri: str) -> str:
    for prefix, ns in (("schema:", SDO), ("rkg:", RKG)):
        if iri.startswith(ns):
            return prefix + iri[len(ns):]
    return iri


def render(reasons: list[Reason], color: bool) -> str:
    """Reasons as text: the fact, the release and offsets, the sentence with the span highlighted."""
    out = []
    for r in reasons:
        sentence = r.sentence
        i = sentence.find(r.span)
        if i >= 0 and r.span:
            mark = ("\x1b[1;33m", "\x1b[0m") if color else ("[", "]")
            sentence = sentence[:i] + mark[0] + r.span + mark[1] + sentence[i + len(r.span):]
        out.append(f"{r.subject} — {r.predicate} — {r.object}\n"
                   f"  {r.release.rsplit('/', 1)[-1]} [{r.start}:{r.end}] {r.rule} ({r.confidence:.2f})\n"
                   f"  {sentence}")
    return "\n".join(out) + ("\n" if out else "")
