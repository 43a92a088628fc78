"""Ranked roles: which of a release's organizations took part in what it reports, read by a
small learned model over what the earlier phases found.

The role frames (``roles``) read the sentences whose shape they know; an organization named in a
sentence they cannot read gets no role. This phase looks at every organization of the release at once
and gives it a probability of being a participant, by a logistic model over
features that say how the release speaks of it: which frames gave it a role, where and how often it is
named, what words stand before its mentions, what the sentences it is named in hold (event phrases,
trigger phrases of each meaning, dates, places), whether people of it are named, whether it is a
body that meets, a national administration or a news agency.

The weights are data (``ontology/data/role_model.json``), trained by ``kg train-roles`` from any
folder of gold annotations in the documented format. The phase is deterministic: features are
counted, weights summed, and a role added when the probability passes the model's threshold.
A role the frames gave is kept; the model only adds roles the frames missed, each to the event the
organization's sentences are about (else the release's main event), with the sentence as evidence.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .. import resources
from . import roles as rl

if TYPE_CHECKING:
    from .context import Context, Org
    from .occurrences import Found

DATA = resources.DATA / "role_model.json"
TARGETS = ("attendee",)
"""The roles the model reads. Hosts are not ranked: over the dev set, cross-validated by release and
across newsroom families, a host model added no F1 to the frames."""

_WORD_BEFORE = re.compile(r"([A-Za-z]+)\W{0,3}(?:the\s+)?$")
_WORD_AFTER = re.compile(r"^\W{0,3}([A-Za-z]+)")
_BEFORE_WORDS = frozenset(("by", "of", "from", "with", "and", "at", "for", "to", "between", "the", "in", "on", "including",
                           "among", "as", "said", "thanked", "via", "officers", "representatives", "delegation",
                           "experts", "officials", "participants", "delegates", "staff", "members"))
_AFTER_WORDS = frozenset(("and", "of", "to", "in", "said", "has", "have", "was", "were", "is", "will", "for",
                          "member", "members", "delegation", "delegates", "officials", "officers", "experts",
                          "representatives", "secretariat", "headquarters", "at", "with", "on"))
_LISTED = re.compile(r"\s*(?:,|;|\band\b|\bas well as\b|\bor\b)\s*(?:the\s+|and\s+(?:the\s+)?)?")
_MEMBERS_AFTER = re.compile(r"\W{0,3}(?:member|members|countries|states|region|regions)\b", re.I)


@dataclass(frozen=True)
class Model:
    weights: dict[str, dict[str, float]]  # target -> feature -> weight ("" is the bias)
    threshold: dict[str, float]


@lru_cache(maxsize=4)
def load(path: Path = DATA) -> Model:
    """The trained weights (a missing file is a model that adds nothing)."""
    if not path.is_file():
        return Model({t: {} for t in TARGETS}, {t: 1.1 for t in TARGETS})
    data = json.loads(path.read_text(encoding="utf-8"))
    return Model({t: dict(data["weights"][t]) for t in TARGETS}, {t: float(data["threshold"][t]) for t in TARGETS})


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return f">{edges[-1]}"


def features(ctx: Context, found: Found) -> list[tuple[Org, dict[str, float]]]:
    """Every organization of the release with its features (name -> value)."""
    text = ctx.text
    trig = rl.load()
    sent_meanings: dict[int, set[str]] = {}
    for a, _, frame in rl.triggers_after(text, ctx.start):
        si = ctx.sentence_of(a)
        if si >= 0:
            sent_meanings.setdefault(si, set()).add(frame.meaning)
    event_sents = {m.sentence for m in found.mentions}
    named_sents = {m.sentence for e in found.events for m in e.mentions}
    date_sents = {ctx.sentence_of(d.start) for d in found.dates}
    place_sents = {ctx.sentence_of(p.start) for p in ctx.places}
    main_sents = {m.sentence for m in found.main.mentions} if found.main is not None else set()
    rule_roles: dict[int, set[str]] = {}
    for e in found.events:
        for role, org, _, rule in e.roles:
            rule_roles.setdefault(id(org), set()).update((f"role:{role}", f"rule:{rule}"))
    bodies = {id(e.body_org) for e in found.events if e.body_org is not None}
    # named next to an organization the frames gave a role, in one list ("A, B and C attended")
    listed: dict[int, set[str]] = {}
    pairs = ctx._org_mentions()[1]
    for (o1, m1), (o2, m2) in zip(pairs, pairs[1:]):
        if o1 is not o2 and m1.end <= m2.start and _LISTED.fullmatch(text, m1.end, m2.start):
            for one, other in ((o1, o2), (o2, o1)):
                listed.setdefault(id(one), set()).update(k[5:] for k in rule_roles.get(id(other), ()) if k.startswith("role:"))
    affiliated = {id(p["org"]) for p in ctx.persons if p.get("org") is not None}
    title = ctx.r.title
    n_orgs = len(ctx.orgs)
    top = max((len(o.mentions) for o in ctx.orgs), default=0)
    opening = ctx.sentence_of(ctx.start)  # (the title's sentence, where the release's own text starts)
    out = []
    for o in ctx.orgs:
        f: dict[str, float] = {}
        ms = [m for m in o.mentions if m.start >= ctx.start or (title and title[0] <= m.start < title[1])]
        if not ms:
            ms = o.mentions
        for k in rule_roles.get(id(o), ()):
            f[k] = 1.0
        if not rule_roles.get(id(o)):
            f["no-rule-role"] = 1.0
        f["mentions:" + _bucket(len(ms), (1, 2, 4))] = 1.0
        f["most-named"] = 1.0 if len(ms) == top else 0.0
        f["orgs:" + _bucket(n_orgs, (2, 4, 8))] = 1.0
        f["first-rule:" + ms[0].rule] = 1.0
        if o.from_gazetteer:
            f["gazetteer"] = 1.0
        if o.acronym:
            f["has-acronym"] = 1.0
        if rl.is_body(o.name, trig):
            f["body"] = 1.0
        if id(o) in bodies:
            f["event-body"] = 1.0
        if id(o) in affiliated:
            f["people-of"] = 1.0
        if any(m.rule == "news-agency" for m in ms):
            f["news-agency"] = 1.0
        sents = []
        for m in ms:
            if title and title[0] <= m.start < title[1]:
                f["in-title"] = 1.0
            si = ctx.sentence_of(m.start)
            if si >= 0:
                sents.append(si)
            wb = _WORD_BEFORE.search(text, max(0, m.start - 20), m.start)
            if wb and wb.group(1).lower() in _BEFORE_WORDS:
                f["before:" + wb.group(1).lower()] = 1.0
            wa = _WORD_AFTER.search(text[m.end:m.end + 20])
            if wa and wa.group(1).lower() in _AFTER_WORDS:
                f["after:" + wa.group(1).lower()] = 1.0
            if _MEMBERS_AFTER.match(text, m.end):
                f["members-after"] = 1.0
        body_sents = sorted(set(sents))
        if body_sents:
            first = body_sents[0]
            f["first-sentence:" + _bucket(first - opening if opening >= 0 else first, (0, 1, 3))] = 1.0
        for si in body_sents:
            for meaning in sent_meanings.get(si, ()):
                f["sentence-trigger:" + meaning] = 1.0
            if si in event_sents:
                f["sentence-event"] = 1.0
            if si in named_sents:
                f["sentence-named-event"] = 1.0
            if si in main_sents:
                f["sentence-main-event"] = 1.0
            if si in date_sents:
                f["sentence-date"] = 1.0
            if si in place_sents:
                f["sentence-place"] = 1.0
        for k in listed.get(id(o), ()):
            f["listed-with:" + k] = 1.0
        f[""] = 1.0
        out.append((o, {k: v for k, v in f.items() if v}))
    return out


def sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def probability(model: Model, target: str, f: dict[str, float]) -> float:
    w = model.weights[target]
    return sigmoid(sum(w.get(k, 0.0) * v for k, v in f.items()))


def rank_roles(ctx: Context, found: Found, model: Model | None = None) -> None:
    """Add the roles the model (by default the shipped one) gives and the frames missed (see the
    module's text)."""
    model = model or load()
    if not any(model.weights[t] for t in TARGETS) or not found.events:
        return
    have = {(role, id(org)) for e in found.events for role, org, _, _ in e.roles}
    agencies = ctx._agency_spans
    for o, f in features(ctx, found):
        if o.mentions and all(agencies.covers(m.start, m.end) for m in o.mentions):
            continue  # the news agency of a dateline or byline tells, it takes no part
        for target in TARGETS:
            if (target, id(o)) in have:
                continue
            p = probability(model, target, f)
            if p < model.threshold[target]:
                continue
            event, span = _event_of(ctx, found, o)
            event.roles.append((target, o, span, f"ranked-{target}"))
            have.add((target, id(o)))


def _event_of(ctx: Context, found: Found, o: Org) -> tuple[object, tuple[int, int]]:
    """The event an organization's role goes to, with the sentence that is the evidence: the first
    sentence that names both it and an event, else its first sentence and the main event."""
    by_sentence: dict[int, object] = {}
    for e in found.events:
        for m in e.mentions:
            by_sentence.setdefault(m.sentence, e)
    spans = [(ctx.sentence_of(m.start), m) for m in o.mentions]
    for si, m in spans:
        if si in by_sentence:
            return by_sentence[si], ctx.sents[si]
    main = found.main or found.events[0]
    si, m = next(((si, m) for si, m in spans if si >= 0), (-1, o.mentions[0]))
    return main, (ctx.sents[si] if si >= 0 else (m.start, m.end))
