"""Plain data passed between the stages of the pipeline.

    read  ->  Release
    extract(Release)  ->  Extraction  (nodes and facts, each fact with its Evidence)
    resolve(Extraction)  ->  Resolved  (every node key bound to an IRI)
    to_rdf(Resolved)  ->  rdflib graphs (data graph + evidence graph)

Each stage is a pure function of its input, so any stage can be tested on a hand-built value.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple


@dataclass(frozen=True)
class Release:
    """One input release: its identifier, where it came from and its exact text.

    Every character offset in the pipeline points into ``text``.
    """

    id: str
    source: str
    text: str
    title: tuple[int, int] | None = None  # span of the title line in ``text``
    dateline: tuple[int, int] | None = None  # span of the publication date line
    published: dt.date | None = None  # given by the container (JSON/HTML metadata)
    url: str | None = None
    publisher: str | None = None
    body_start: int = 0

    @property
    def headline(self) -> str | None:
        return self.text[self.title[0]:self.title[1]].strip() if self.title else None


class Evidence(NamedTuple):
    """Where a fact was read: a character span of the release text and the rule that read it.

    (Evidence, Value and Fact are named tuples: immutable values made for every fact, which a tuple
    does at about half the cost of a frozen dataclass.)
    """

    start: int
    end: int
    rule: str
    confidence: float = 1.0


class Value(NamedTuple):
    """A literal object of a fact. ``datatype`` is one of ``string``, ``date``, ``integer``, ``iri``."""

    value: str
    datatype: str = "string"


@dataclass
class Node:
    """A thing a release names, before it has an IRI.

    ``kind`` is one of: release, organization, event, country, city, place, person, programme,
    instrument, topic, contact. ``key`` is unique within one extraction; ``ident`` is what identity
    across releases is decided on (an ISO code, a GeoNames id, a canonical name, ...).
    """

    key: str
    kind: str
    name: str
    alt_names: set[str] = field(default_factory=set)
    ident: str = ""
    subkind: str | None = None  # finer class, e.g. "session" for an event
    evidence: list[Evidence] = field(default_factory=list)


class Fact(NamedTuple):
    """``subject predicate object``: subject a node key, object a node key or a Value.

    ``predicate`` is a short name from ``kg.rdf.PREDICATES`` (e.g. ``attendee``, ``startDate``).
    """

    subject: str
    predicate: str
    object: str | Value
    evidence: Evidence


MAX_EVIDENCE = 8
"""The most evidence spans kept for one node or one fact of a release (the first ones in the text):
a text that states one fact ten thousand times gives one fact with eight spans, not ten thousand."""


@dataclass
class Extraction:
    release: Release
    nodes: dict[str, Node] = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)
    _stated: dict[tuple, int] = field(default_factory=dict, repr=False, compare=False)

    def add_node(self, node: Node) -> Node:
        """Add ``node`` or merge it into the node already stored under its key."""
        have = self.nodes.get(node.key)
        if have is None:
            del node.evidence[MAX_EVIDENCE:]
            self.nodes[node.key] = node
            return node
        have.alt_names |= node.alt_names
        if node.name != have.name:
            have.alt_names.add(node.name)
        have.evidence.extend(node.evidence[:max(0, MAX_EVIDENCE - len(have.evidence))])
        if have.subkind is None:
            have.subkind = node.subkind
        return have

    def add_fact(self, subject: str, predicate: str, obj: str | Value, evidence: Evidence) -> None:
        """Add a fact with its evidence (the same fact at most ``MAX_EVIDENCE`` times)."""
        key = (subject, predicate, obj)
        n = self._stated.get(key, 0)
        if n >= MAX_EVIDENCE:
            return
        self._stated[key] = n + 1
        self.facts.append(Fact(subject, predicate, obj, evidence))
