"""Phase 9, emit: the nodes and facts of a release, each fact with its evidence span and rule."""
from __future__ import annotations

import re

from .. import places
from ..model import Evidence, Extraction, Node, Value
from ..text import SpanIndex
from . import events as ev
from . import mentions as mn
from . import rules
from .context import Context, norm as _norm
from .occurrences import Found

_SPACES = re.compile(r"\s+")

_HTTP_URL = re.compile(r"https?://[^/\s]")


def _valid_url(url: str) -> bool:
    """An absolute http(s) IRI that RDF tools accept (a page's url field can hold anything)."""
    from ..iri import checked

    if not _HTTP_URL.match(url):
        return False
    try:
        checked(url)
    except ValueError:
        return False
    return True


_CAPITALISED_BEFORE = re.compile(r"(?<![\w'’.-])([A-Z][\w'’.-]*)[ \u00a0]+$")
_CAPITALISED_AFTER = re.compile(r"[ \u00a0]+[A-Z]")
_FUNCTION_WORDS = frozenset(("In", "At", "From", "To", "Of", "For", "On", "By", "With", "And", "Near", "Outside"))


def _among_capitals(text: str, m: mn.Mention) -> bool:
    """Whether a city's name stands inside a run of capitalised words, as a word of a person's or a
    thing's name does ("Ada Salem Quill", "Hon. Banda", "the Columbus Phase 3")."""
    before = _CAPITALISED_BEFORE.search(text, max(0, m.start - 40), m.start)
    return bool(before and before.group(1) not in _FUNCTION_WORDS or _CAPITALISED_AFTER.match(text, m.end))


_CONTACT_LINE = re.compile(r"^[ \t]*(?:(?:media|press|news)[ \t]+)?(?:contacts?|enquiries|inquiries)\b"
                           r"|^[ \t]*for[ \t]+(?:more|further)[ \t]+information\b", re.I | re.M)


def _contact_lines(text: str, end: int) -> list[tuple[int, int]]:
    """The lines after ``end`` (the end of a release's own text) that give its contacts."""
    out = []
    for m in _CONTACT_LINE.finditer(text, end):
        nl = text.find("\n", m.end())
        out.append((m.start(), len(text) if nl < 0 else nl))
    return out


def emit(ctx: Context, found: Found) -> Extraction:
    """The nodes and facts of the release, each fact with its evidence and the rule that read it."""
    r, text = ctx.r, ctx.text
    ex = Extraction(r)
    E = rules.evidence
    whole = E(0, len(text), "reader")
    rel = ex.add_node(Node("release", "release", r.headline or r.id, ident=r.id))
    ex.add_fact(rel.key, "identifier", Value(r.id), whole)
    if r.title:
        ex.add_fact(rel.key, "headline", Value(r.headline or ""), E(*r.title, "reader-title"))
    if ctx.published:
        assert ctx.pub_evidence is not None
        ex.add_fact(rel.key, "datePublished", Value(ctx.published.isoformat(), "date"), ctx.pub_evidence)
    if r.url and _valid_url(r.url):
        ex.add_fact(rel.key, "url", Value(r.url, "iri"), whole)
    # (and those of the page's contact lines below its related links: "Media contact: ...")
    emails = [m for m in mn.emails(text) if m.start >= ctx.start] + [
        mn.Mention(a + m.start, a + m.end, m.kind, m.name, m.ident, m.rule)
        for a, b in _contact_lines(r.text, ctx.end) for m in mn.emails(r.text[a:b])]
    # organizations
    for i, o in enumerate(ctx.orgs):
        o.key = f"org{i}"
        # (not "Council", nor the country a shared head word names a body of)
        surface = {ctx.text[m.start:m.end] for m in o.mentions if m.rule not in ("org-head-anaphor", "org-shared-head")}
        names = {o.name} | o.alt | ({o.acronym} if o.acronym else set()) | {n for n in surface if 1 < len(n) < 120}
        first = o.mentions[0]
        ex.add_node(Node(o.key, "organization", o.name, names - {o.name}, ident=o.ident,
                         evidence=[E(first.start, first.end, first.rule)]))
        ex.add_fact("release", "mentions", o.key, E(first.start, first.end, first.rule))
    _publisher(ctx, ex, whole)
    # places
    country_keys: dict[str, str] = {}

    def country(code: str, m: mn.Mention | None) -> str:
        key = f"country:{code}"
        if key not in ex.nodes:
            c = places.countries()[code]
            evid = E(m.start, m.end, m.rule) if m else E(0, 0, "city-country")
            ex.add_node(Node(key, "country", c.name, ident=code, evidence=[evid]))
            ex.add_fact(key, "identifier", Value(code), evid)
            ex.add_fact("release", "mentions", key, evid)
        country_keys[code] = key
        written(key, m)
        return key

    def written(key: str, m: mn.Mention | None) -> None:
        """A place named otherwise than its gazetteer name ("Wroclaw", "Washington") keeps that name too."""
        if m is None or m.rule == "country-adjective":
            return
        surface = _SPACES.sub(" ", text[m.start:m.end])
        node = ex.nodes[key]
        if surface.lower() != node.name.lower() and 1 < len(surface) < 120:
            node.alt_names.add(surface)

    def city(m: mn.Mention) -> str:
        key = f"city:{m.ident}"
        if key not in ex.nodes:
            c = places.city(m.ident)
            evid = E(m.start, m.end, m.rule)
            # (with the curated aliases: "Washington, D.C." is also "Washington")
            ex.add_node(Node(key, "city", c.name, set(c.aliases), ident=c.geonames_id, evidence=[evid]))
            ex.add_fact(key, "identifier", Value(c.geonames_id), evid)
            ex.add_fact(key, "sameAs", Value(f"https://sws.geonames.org/{c.geonames_id}/", "iri"), evid)
            ex.add_fact(key, "containedIn", country(c.country, None), evid)
            ex.add_fact("release", "mentions", key, evid)
        written(key, m)
        return key

    # a city the text names names its country ("an office in Lima"), but not one inside another name
    # ("the Lima Declaration", "the Alpha Forum of Lima", "Ada Lima")
    names = SpanIndex([(x.start, x.end) for x in ctx.things]
                      + [(x.start, x.end) for o in ctx.orgs for x in o.mentions]
                      + [(x.start, x.end) for p in ctx.persons for x in p["mentions"]])
    for m in ctx.places:
        if m.kind == "country":
            country(m.ident, m)
        elif m.kind == "city" and not names.covers(m.start, m.end) and not _among_capitals(text, m):
            country(places.city(m.ident).country, None)
    # instruments and programmes
    thing_keys: dict[tuple[str, str], str] = {}
    for m in ctx.things:
        k = (m.kind, _norm(m.ident))
        if k not in thing_keys:
            key = thing_keys[k] = f"{m.kind}{len(thing_keys)}"
            ex.add_node(Node(key, m.kind, m.name, {m.acronym} if m.acronym else set(), ident=m.ident,
                             evidence=[E(m.start, m.end, m.rule)]))
            ex.add_fact("release", "mentions", key, E(m.start, m.end, m.rule))
        node = ex.nodes[thing_keys[k]]
        surface = _SPACES.sub(" ", text[m.start:m.end])
        if m.acronym:
            node.alt_names.add(m.acronym)
        if surface != node.name and 1 < len(surface) < 120:
            node.alt_names.add(surface)
    # people
    for i, p in enumerate(ctx.persons):
        key = f"person{i}"
        first = p["mentions"][0]
        ex.add_node(Node(key, "person", p["name"], ident=p["name"], evidence=[E(first.start, first.end, first.rule)]))
        ex.add_fact("release", "mentions", key, E(first.start, first.end, first.rule))
        if p["role"]:
            ex.add_fact(key, "jobTitle", Value(p["role"]), E(first.start, first.end, "person-role"))
        if p["org"] is not None:
            ex.add_fact(key, "affiliation", p["org"].key, E(first.start, first.end, "person-affiliation"))
    # events
    for i, e in enumerate(found.events):
        key = f"event{i}"
        m0 = e.mentions[0]
        ident = _event_ident(ctx, e)
        node = Node(key, "event", e.label, ident=ident, subkind=e.kind, evidence=[E(m0.start, m0.end, "event-phrase")])
        node.alt_names.update(n for n in e.alt if n != e.label)
        ex.add_node(node)
        ex.add_fact("release", "about", key, E(m0.start, m0.end, "event-phrase"))
        if e.ordinal:
            ex.add_fact(key, "ordinal", Value(str(e.ordinal), "integer"), E(m0.start, m0.end, "event-ordinal"))
        if getattr(e, "body", None) is not None:
            ex.add_fact(key, "sessionOf", e.body_org.key, E(e.body.start, e.body.end, "event-body"))
        if e.dates:
            d = e.dates[0]
            ex.add_fact(key, "startDate", Value(d.first.isoformat(), "date"), E(d.start, d.end, "date-pattern"))
            ex.add_fact(key, "endDate", Value(d.last.isoformat(), "date"), E(d.start, d.end, "date-pattern"))
        seen_places = set()
        for p in e.places:
            pk = city(p) if p.kind == "city" else country(p.ident, p)
            if pk in seen_places:
                continue
            seen_places.add(pk)
            ex.add_fact(key, "heldIn", pk, E(p.start, p.end, "event-place"))
        if e.mode:
            ex.add_fact(key, "attendanceMode", Value(e.mode, "mode"), E(m0.start, m0.end, "attendance-mode"))
        seen_roles = set()
        for role, o, (a, b), rule in e.roles:  # every span that states a role is evidence for it
            if (role, o.key, a, b) in seen_roles:
                continue
            seen_roles.add((role, o.key, a, b))
            ex.add_fact(key, role, o.key, E(min(a, b), max(a, b), rule))
        seen_topics = set()
        for t, a, b in e.topics[:8]:
            tk = f"topic:{_norm(t)}"
            if tk in seen_topics:
                continue
            seen_topics.add(tk)
            # (a topic's name is the span that the evidence of "discussed" holds: no evidence of its own)
            ex.add_node(Node(tk, "topic", t, ident=_norm(t)))
            ex.add_fact(key, "discussed", tk, E(a, b, "topic-trigger"))
    # contacts: on the node the sentence names, else on the publisher-less release's first organization
    for m in emails:
        key = f"contact:{m.ident}"
        ex.add_node(Node(key, "contact", m.ident, ident=m.ident, evidence=[E(m.start, m.end, m.rule)]))
        ex.add_fact(key, "email", Value(m.ident), E(m.start, m.end, m.rule))
        s = ctx.sentence_of(m.start)
        owner = None
        if s >= 0:
            a, _ = ctx.sents[s]
            hits = ctx.org_at(a, m.start)
            owner = hits[0][0].key if hits else None
            # "For more information on the WCO's Integrity Programme, contact ...": the programme
            for t in ctx.things:
                if a <= t.start < m.start and t.kind == "programme":
                    owner = thing_keys.get((t.kind, _norm(t.ident)), owner)
        if owner:
            ex.add_fact(owner, "contactPoint", key, E(m.start, m.end, "email-owner"))
    return ex


def _publisher(ctx: Context, ex: Extraction, whole: Evidence) -> None:
    """The publisher a reader gives (a JSON ``publisher``, a page's site name): the organization of the
    release with that name or acronym, or of the gazetteer, or one of its own."""
    name = ctx.r.publisher
    if not name:
        return
    key = _norm(name)
    o = next((o for o in ctx.orgs if key in {_norm(n) for n in {o.name, *o.alt, o.acronym or ""}}), None)
    if o is not None:
        ex.add_fact("release", "publisher", o.key, whole)
        return
    entry = ctx.lex.entries.get(name)
    canonical = entry.name if entry is not None and entry.kind == "organization" else name
    ident = canonical
    node = ex.add_node(Node("publisher", "organization", canonical, {name} - {canonical}, ident=ident, evidence=[whole]))
    ex.add_fact("release", "publisher", node.key, whole)


def _event_ident(ctx: Context, e: ev.Event) -> str:
    """Identity of an event across releases: body + ordinal + kind (the 10th session of a body is one
    event, whether a release dates it or not), else name + start date, else scoped to this release."""
    body = e.body_org
    date = e.dates[0].first.isoformat() if e.dates else ""
    if body is not None and e.ordinal:
        return f"{body.ident} {e.ordinal} {e.kind}"
    if date:
        return f"{e.label} {date}"
    return f"{ctx.r.id} {e.label}"
