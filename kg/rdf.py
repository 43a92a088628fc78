"""Mapping a resolved extraction to RDF, following the release profile.

Two graphs per release:

* the data graph ``<release>``: everything the release asserts, self-contained (it carries the
  type, ``schema:name`` and ``schema:alternateName`` of every node it references);
* the evidence graph ``<release>/evidence``: one evidence node per fact read from the text
  (``rdf:subject``/``rdf:predicate``/``rdf:object``, the character span, the sentence that holds it
  and the rule that read it), and one ``rkg:Sentence`` node per sentence those spans are in (its
  release, its text and where it starts), which the evidence read in it shares.

A rule is a node of its own (``rule_iri``), named and given its confidence once, in the store's
rules graph (``rule_triples``), not in every evidence node it made: the confidence of a fact is its
rule's.
"""
from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.store import Store
from rdflib.term import Node as Term

from .model import Evidence, Value
from .resolve import Resolved
from .text import sentence_span

SDO = Namespace("https://schema.org/")
RKG = Namespace("https://w3id.org/release-kg/ontology#")

# short predicate name -> the properties it materialises; "^" marks the inverse direction
PREDICATES: dict[str, tuple[str, ...]] = {
    "attendee": ("schema:attendee", "^rkg:participatedIn"),
    "organizer": ("schema:organizer",),
    "invitedBy": ("rkg:invitedBy",),
    "heldIn": ("rkg:heldIn", "schema:location"),
    "discussed": ("rkg:discussed", "schema:about"),
    "startDate": ("schema:startDate",),
    "endDate": ("schema:endDate",),
    "attendanceMode": ("schema:eventAttendanceMode",),
    "ordinal": ("rkg:ordinal",),
    "sessionOf": ("rkg:sessionOf",),
    "chairedBy": ("rkg:chairedBy",),
    "containedIn": ("schema:containedInPlace",),
    "identifier": ("schema:identifier",),
    "sameAs": ("schema:sameAs",),
    "jobTitle": ("schema:jobTitle",),
    "affiliation": ("schema:affiliation",),
    "email": ("schema:email",),
    "contactPoint": ("schema:contactPoint",),
    "headline": ("schema:headline",),
    "datePublished": ("schema:datePublished",),
    "url": ("schema:url",),
    "publisher": ("schema:publisher",),
    "about": ("schema:about",),
    "mentions": ("schema:mentions",),
}

TYPES: dict[str, tuple[str, ...]] = {
    "release": ("schema:NewsArticle",),
    "organization": ("schema:Organization",),
    "event": ("schema:Event",),
    "country": ("schema:Country",),
    "city": ("schema:City",),
    "place": ("schema:Place",),
    "person": ("schema:Person",),
    "programme": ("rkg:Programme",),
    "instrument": ("schema:Legislation",),
    "topic": ("rkg:Topic",),
    "contact": ("schema:ContactPoint",),
}

EVENT_CLASSES = {
    "session": "Session", "meeting": "Meeting", "conference": "Conference", "forum": "Forum",
    "workshop": "Workshop", "seminar": "Seminar", "training": "Training", "mission": "Mission",
    "visit": "Visit", "signing": "Signing", "launch": "Launch",
}

MODES = {
    "in-person": SDO.OfflineEventAttendanceMode,
    "virtual": SDO.OnlineEventAttendanceMode,
    "hybrid": SDO.MixedEventAttendanceMode,
}

_DATATYPES = {"string": None, "date": XSD.date, "integer": XSD.integer}

RULE_BASE = "https://w3id.org/release-kg/rule/"


def rule_iri(name: str) -> str:
    """The IRI of an extraction rule, by its name ("role-speech")."""
    from urllib.parse import quote

    return RULE_BASE + quote(name, safe="-._~")


def rule_triples() -> list[str]:
    """The rules of the extractor as N-Triples lines, sorted: each ``rkg:Rule`` with its name
    (``rdfs:label``), what it reads (``rdfs:comment``) and the confidence of what it reads."""
    from .extract.rules import RULES

    out = []
    for name, (confidence, says) in RULES.items():
        r = f"<{rule_iri(name)}>"
        out += [f"{r} <{RDF.type}> <{RKG.Rule}> .", f"{r} <{RDFS.label}> {nt_literal(name)} .",
                f"{r} <{RDFS.comment}> {nt_literal(says)}@en .",
                f"{r} <{RKG.confidence}> {nt_literal(f'{confidence:.2f}', str(XSD.decimal))} ."]
    return sorted(out)


@functools.cache
def term(curie: str) -> URIRef:
    """The IRI of a compact name of the profile (made once: a term checks its IRI when it is made)."""
    prefix, local = curie.split(":", 1)
    return {"schema": SDO, "rkg": RKG}[prefix][local]


def _literal(v: Value) -> Term:
    if v.datatype == "iri":
        return URIRef(v.value)
    if v.datatype == "mode":
        return MODES[v.value]
    return Literal(v.value, datatype=_DATATYPES[v.datatype])


@functools.cache
def _rule_ref(name: str) -> str:
    return f"<{rule_iri(name)}>"


@dataclass
class ReleaseGraphs:
    """One release in RDF: the data graph (an rdflib graph, for validation), the evidence graph as
    N-Triples lines (written straight to the store), and the first evidence sentence of each subject
    (for validation reports)."""

    release_iri: str
    data: Graph
    evidence: list[str]
    sentences: dict[str, str]


def nt_literal(value: str, datatype: str | None = None) -> str:
    """A literal in N-Triples syntax."""
    esc = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{esc}"' + (f"^^<{datatype}>" if datatype else "")


def nt_term(t: Term) -> str:
    """An rdflib term in N-Triples syntax (one line, whatever the literal holds)."""
    if isinstance(t, Literal):
        if t.language:
            return nt_literal(str(t)) + "@" + t.language
        return nt_literal(str(t), str(t.datatype) if t.datatype else None)
    return f"<{t}>"


def nt_line(s: Term, p: Term, o: Term) -> str:
    """One triple in N-Triples syntax (rdflib terms)."""
    return f"{nt_term(s)} {nt_term(p)} {nt_term(o)} ."


def to_rdf(res: Resolved, store: Store | None = None) -> ReleaseGraphs:
    """The data and evidence graphs of one resolved release (the data graph in its own store, or, given
    one, as the graph named by the release's IRI in ``store``: the releases of a batch in one store are
    validated together without a copy)."""
    ex = res.extraction
    text = ex.release.text
    data = Graph() if store is None else Graph(store=store, identifier=URIRef(res.release_iri))
    evidence: list[str] = []
    sentences: dict[str, str] = {}
    seen: set[str] = set()
    xsd = str(XSD)
    fixed = {k: f"<{v}>" for k, v in (
        ("type", RDF.type), ("Sentence", RKG.Sentence), ("text", RKG.text), ("subject", RDF.subject),
        ("predicate", RDF.predicate), ("object", RDF.object), ("start", RKG.startOffset), ("end", RKG.endOffset),
        ("in", RKG.inSentence), ("rule", RKG.rule), ("release", RKG.release))}
    release = f"<{res.release_iri}>"
    written: set[tuple[int, int]] = set()  # the spans of the sentences written

    def add_evidence(s: Term, p: URIRef, o: Term, ev: Evidence) -> None:
        key = f"{s}|{p}|{o}|{ev.start}|{ev.end}|{ev.rule}"
        if key in seen:
            return
        seen.add(key)
        node = f"<{res.release_iri}/evidence/{hashlib.sha1(key.encode()).hexdigest()[:16]}>"
        a, b = sentence_span(text, ev.start, ev.end)
        in_sentence = f"<{res.release_iri}/sentence/{a}-{b}>"
        if (a, b) not in written:
            written.add((a, b))
            evidence.extend((f"{in_sentence} {fixed['type']} {fixed['Sentence']} .",
                             f"{in_sentence} {fixed['release']} {release} .",
                             f"{in_sentence} {fixed['text']} {nt_literal(text[a:b])} .",
                             f"{in_sentence} {fixed['start']} {nt_literal(str(a), xsd + 'integer')} ."))
        sentences.setdefault(str(s), text[a:b])
        # no rdf:type (the domains of the end offset, the sentence and the rule imply rkg:Evidence), no
        # release (its sentence's), no copy of the span's text (the sentence's text and offsets give it)
        # and no confidence (its rule's): an evidence node is most of what a release stores, and each
        # triple left out is one less for every fact
        for pp, oo in (
            (fixed["subject"], nt_term(s)), (fixed["predicate"], nt_term(p)), (fixed["object"], nt_term(o)),
            (fixed["start"], nt_literal(str(ev.start), xsd + "integer")),
            (fixed["end"], nt_literal(str(ev.end), xsd + "integer")),
            (fixed["in"], in_sentence),
            (fixed["rule"], _rule_ref(ev.rule)),
        ):
            evidence.append(f"{node} {pp} {oo} .")

    named: dict[str, tuple[int, int, str]] = {}  # node key -> the span and rule of its name's evidence
    # each node's IRI made once (a term checks its IRI when it is made; a node is in many facts)
    nodes = {key: URIRef(i) for key, i in res.iris.items()}
    for key, node in sorted(ex.nodes.items()):
        if key not in nodes:
            continue
        s = nodes[key]
        for t in TYPES[node.kind]:
            data.add((s, RDF.type, term(t)))
        if node.kind == "event" and node.subkind in EVENT_CLASSES:
            data.add((s, RDF.type, RKG[EVENT_CLASSES[node.subkind]]))
        data.add((s, SDO.name, Literal(node.name)))
        for alt in sorted(node.alt_names - {node.name}):
            data.add((s, SDO.alternateName, Literal(alt)))
        for ev in node.evidence[:1]:
            add_evidence(s, SDO.name, Literal(node.name), ev)
            named[key] = (ev.start, ev.end, ev.rule)

    for fact in ex.facts:
        if fact.subject not in nodes:
            continue
        s = nodes[fact.subject]
        if isinstance(fact.object, Value):
            o: Term = _literal(fact.object)
        elif fact.object in nodes:
            o = nodes[fact.object]
        else:
            continue
        for i, curie in enumerate(PREDICATES[fact.predicate]):
            if curie.startswith("^"):
                triple = (o, term(curie[1:]), s)
            else:
                triple = (s, term(curie), o)
            data.add(triple)
            # the evidence of a fact is written once, for its first triple: the others ("X
            # participatedIn E" of "E attendee X", "schema:location" of "rkg:heldIn") share it; a
            # mention read where the node's name was read shares the name's evidence, and so does a
            # fact the rule that named the node gave with the name (a country's code, a city's country)
            ev = fact.evidence
            if i == 0 and named.get(fact.subject) != (ev.start, ev.end, ev.rule) \
                    and not (fact.predicate == "mentions" and named.get(fact.object, ())[:2] == (ev.start, ev.end)):
                add_evidence(*triple, ev)
    return ReleaseGraphs(res.release_iri, data, evidence, sentences)
