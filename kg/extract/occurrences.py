"""Phase 6, events: the events a release reports, from their names ("the 10th session of the ...")
and from the verbs that tell them ("A and B met", "X visited Y"); one event per occurrence, however
many times it is named."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..text import SpanIndex, literal_alternation
from . import events as ev
from . import roles
from .context import Context, norm as _norm
from .dates import DateSpan, find_dates
from .roles import _COMMA, _OF_PARENT

# the verbs that tell an event as a prefix tree whose words open with their first letter and test the
# word boundary after it (the search skips ahead from letter to letter)
_VERB_EVENT_WORDS = ["visited", "visits", "paid a visit to", "pays a visit to", "met with", "met", "to meet", "agreed",
                     "agree", "signed", "sign", "welcomed a delegation from", "welcomed a delegation of",
                     "received a delegation from", "received a delegation of", "welcomes a delegation from",
                     "receives a delegation from", "launched", "launches"]
_VERB_EVENT = re.compile("(" + literal_alternation(_VERB_EVENT_WORDS, after_first=r"(?<![\w].)") + r")\b")
_INVITED = re.compile(r"\b(?:at|on|upon)\s+the\s+(?:kind\s+)?invitation\s+of\b", re.I)
_WITH_PARTY = re.compile(r"\bwith\s+(?:the\s+)?")
_SIGNED = re.compile(r"s(?<!\w.)ign(?:ed)?\b")
_GATHERINGS = frozenset(("meeting", "conference", "forum", "workshop", "seminar"))
_OWN_KINDS = _GATHERINGS | {"session", "summit"}  # the kinds of gathering a body holds as its own
_UPCOMING = re.compile(rf"\b(?:[Tt]he|its|their)\s+((?:{'|'.join(ev.UPCOMING_WORDS)})\s+(?:[a-z]+\s+)?)\S$")
_INDEFINITE = re.compile(r"\b(?:an?|one)\s+((?:[\w-]+\s+){0,3})$", re.I)  # "a two-day expert group |meeting"
# a number of gatherings told together, none of them named: "a series of meetings", "a week of
# meetings", "Bilateral Meetings", "the UPU meetings" (but "the Annual Meetings of the ABC", "the 45th
# Policy Organs Meetings")
_SOME_GATHERINGS = re.compile(r"^(?:(?:the|a|an)\s+)?(?:(?:series|week|round|number|couple)\s+of\s+(?:[\w-]+\s+)?[a-z]+s"
                              r"|[\w-]+\s+(?:meetings|sessions|workshops|seminars|consultations|talks|discussions))$", re.I)
# a sentence that opens by naming the event beside which something else happened ("On the margins of
# the Council, on 23 June, A and B signed ...")
ON_THE_MARGINS = re.compile(r"(?:On|At)\s+the\s+(?:margins?|sidelines?|fringes?)\s+of\s+[^,.;]{1,150},")
OWN = r"i(?<!\w.)ts\s+(?:\d{1,3}\s+)?"  # "the Committee adopted it at |its| plenary session": its own ("its 36 Meeting")
OWN_BEFORE = re.compile(OWN + "$")
_DIGIT = re.compile(r"\d")
_AND_BODY = re.compile(r"(?:\s+and\s+(?:the\s+)?([A-Z][\w-]*))?(?:['’]s)?\s*")  # "the Policy Commission| and Council |sessions"
_OF_THE = re.compile(r"\w+\s+of\s+(?:the\s+)?")  # "meeting of the |Council"


@dataclass
class Found:
    """The events of a release, which the next phases fill: their roles, places, dates and topics.

    ``mentions`` are every event phrase of the text (named or not); ``main`` the event the release is
    about (set by the frames phase); ``dates`` the event dates of the text."""

    events: list[ev.Event]
    mentions: list[ev.EventMention]
    main: ev.Event | None = None
    dates: list[DateSpan] = field(default_factory=list)


def find_events(ctx: Context) -> Found:
    """The events of the release, from their names and from the verbs that tell them."""
    text, lex = ctx.text, ctx.lex
    ems = ev.event_mentions(text, lex, ctx.sents, ctx.r.title)
    # an event noun inside an organization's name is not an event ("Conference of Heads of Ruritanian Ports")
    org_spans = SpanIndex([(m.start, m.end) for o in ctx.orgs for m in o.mentions])
    ems = [e for e in ems if e.ordinal or not org_spans.covers(e.start, e.end)]
    # the kind word inside an organization's name ("United Nations Conference on Trade ...") is no event
    ems = [e for e in ems if not org_spans.covers(e.noun) or e.ordinal and org_spans.covers(e.start, e.end)]
    _to_body_end(ctx, ems)
    events: list[ev.Event] = []
    by_label: dict[str, ev.Event] = {}
    last: ev.Event | None = None
    has_gathering = any(m.concrete and m.kind in _GATHERINGS for m in ems)
    promoted: set[int] = set()
    own_dated: set[int] = set()
    none_named = not any(m.concrete and not ev.is_generic(m.label) for m in ems)
    for em in ems:
        # an event no name gives: "the ABC took part in a regional workshop held in Accra from 30 September
        # to 2 October" reports one all the same, when a trigger and a date or a place stand with it; a
        # phrase with "a" is a new event, one with "the" only when the release names none
        s0, s1 = ctx.sents[em.sentence]
        indefinite = _INDEFINITE.search(text, max(s0, em.start - 40), em.start)
        upcoming = _UPCOMING.search(text, max(s0, em.start - 24), em.start + 1)
        if upcoming and not em.ordinal and (ctx.places_in(s0, s1) or _DIGIT.search(text, s0, s1)):
            # "The next session will be held in Lima", "the next Ordinary Assembly", "its next meeting": an
            # event of its own, not the one just told
            em.concrete = True
            em.label = ev.LEADING_ARTICLE.sub("", upcoming.group(1) + em.label)
            promoted.add(id(em))
            own_dated.add(id(em))
            continue
        if not em.concrete and em.kind in _OWN_KINDS and OWN_BEFORE.search(text, max(s0, em.start - 12), em.start) \
                and (ctx.places_in(s0, s1) or _DIGIT.search(text, s0, s1)):
            # "during its plenary session in Lima": the session of the body "its" stands for, which
            # the frames phase names
            em.concrete = True
            promoted.add(id(em))
            if _DIGIT.search(text, s0, s1):
                own_dated.add(id(em))  # (a session of its own dates: not the event told before)
            continue
        if not em.concrete and (none_named and not promoted or indefinite) \
                and (em.kind in _GATHERINGS or em.kind in ("training", "mission")
                     or em.kind == "visit" and indefinite and _dated(ctx, s0, s1)) and ctx._has_trigger(text[s0:s1]) \
                and (ctx.places_in(s0, s1) or _DIGIT.search(text, s0, s1)):
            em.concrete = True
            # named by its words: "a two-day expert group meeting" -> "two-day expert group meeting"
            modifiers = indefinite.group(1) if indefinite else ""
            em.label = ev.LEADING_ARTICLE.sub("", modifiers + em.label)
            promoted.add(id(em))
    title = ctx.r.title or (0, 0)

    def in_title_em(em: ev.EventMention) -> bool:
        return title[0] <= em.start < title[1]

    def in_title(e: ev.Event) -> bool:
        return all(in_title_em(m) for m in e.mentions)

    for em in ems:
        if em.concrete and not em.ordinal and id(em) not in promoted and _SOME_GATHERINGS.match(em.label):
            em.concrete = False  # "a series of bilateral meetings", "the Committee meetings": no one of them
        key = _norm(ev.LEADING_ARTICLE.sub("", em.label))
        if em.kind == "session" and not em.ordinal and has_gathering and id(em) not in promoted \
                and not _body_session(ctx, em):
            em.concrete = False  # "the Opening Session", "a panel session on ...": a part of the meeting
        if em.concrete and (id(em) in promoted or not ev.is_generic(em.label)):
            e = by_label.get(key)
            if e is None and id(em) not in own_dated:
                # the same event again under a shorter or longer name
                e = next((x for x in events if x.kind == em.kind and (
                    em.ordinal and x.ordinal == em.ordinal  # "20th RTC Heads Meeting" = "20th Meeting of Heads of ..."
                    or (key in _norm(x.label) or _norm(x.label) in key)
                    and (x.ordinal == em.ordinal or not x.ordinal or not em.ordinal))), None)
                if e is not None and len(em.label) > len(e.label) and (em.ordinal or in_title(e) and not in_title_em(em)):
                    # (a title's short name gives way to the body's fuller one, and stays one of its names)
                    if in_title(e):
                        e.alt.append(e.label)
                    e.label = em.label
            if e is None and not em.ordinal and not in_title_em(em):
                # "the ABC accreditation workshop" after "an accreditation workshop for trainers": the
                # name without its organization is part of an earlier one's of the same kind
                rest = _norm(_without_owner(ctx, em))
                if rest != key and len(rest.split()) >= 2:
                    e = next((x for x in events if x.kind == em.kind and not x.ordinal and rest in _norm(x.label)), None)
            if e is None:
                e = ev.Event(f"event{len(events)}", em.kind, em.label, ordinal=em.ordinal)
                events.append(e)
                by_label[key] = e
            e.mentions.append(em)
            last = e
        elif em.kind == "other" and _named_after(ctx, em):
            # "the operation" after "Operation BLUE HARBOUR": the last event so named, if any
            target = next((x for x in reversed(events) if ctx.spread(x)), None)
            if target is not None:
                target.mentions.append(em)
        else:
            target = last if last is not None and (last.kind == em.kind or em.kind in ("meeting", "session", "other")) else None
            target = target or next((x for x in events if x.kind == em.kind), None)
            if target is not None:
                target.mentions.append(em)
    _titled(text, events, ems)
    _title_shorthand(ctx, events)
    _verb_events(ctx, events, ems)
    if not events:
        # a release that names no event but a gathering ("the meeting", "an informal workshop"): that
        # one is the event it reports
        first = next((m for m in ems if m.kind in _GATHERINGS), None)
        if first is not None:
            first.concrete = True
            e = ev.Event("event0", first.kind, ev.LEADING_ARTICLE.sub("", first.label))
            e.mentions.append(first)
            events.append(e)
    _told_events(ctx, events, ems)
    return Found(events, ems)


def _named_after(ctx: Context, em: ev.EventMention) -> bool:
    """Whether the kind word of ``em`` is one whose name comes after it ("the operation")."""
    word = _WORD.match(ctx.text, em.noun)
    return word is not None and word.group() in ctx.lex.set("event_kinds_named_after")


_AND_AFTER = re.compile(r"\s*(?:and|&)\s")  # "the ABC and DEF workshop": two owners


def _without_owner(ctx: Context, em: ev.EventMention) -> str:
    """The name of an event mention without the organization that opens it ("the ABC workshop on ports":
    "workshop on ports"), or its whole name."""
    label = ev.LEADING_ARTICLE.sub("", em.label)
    first = em.end - len(label)
    for _, x in ctx.org_at(first, em.noun):
        if x.start == first and x.end <= em.noun and not _AND_AFTER.match(ctx.text, x.end):
            return ctx.text[x.end:em.end].strip()
    return label


def _to_body_end(ctx: Context, ems: list[ev.EventMention]) -> None:
    """A name that stops inside the name of the body it is of reads on to that name's end ("a meeting of
    the Council on Trade, Industry and Finance", not "... on Trade")."""
    text = ctx.text
    starts, pairs = ctx._org_mentions()
    for em in ems:
        i = bisect.bisect_left(starts, em.noun)
        while i < len(pairs) and pairs[i][1].start < em.end:
            x = pairs[i][1]
            if x.end > em.end and _OF_THE.fullmatch(text, em.noun, x.start):
                em.label += text[em.end:x.end]
                em.end = x.end
                break
            i += 1


def _body_session(ctx: Context, em: ev.EventMention) -> bool:
    """Whether a session is named after a body that meets ("the Policy Commission session", "the
    Alpha Council and Board sessions", "the next session of the Policy Commission"): the body's own
    session, not a part of a meeting."""
    def named_after(x) -> bool:
        other = _AND_BODY.fullmatch(ctx.text, x.end, em.noun)
        return other is not None and (not other.group(1) or other.group(1) in roles.load().bodies)

    return any(roles.is_body(o.name) and (x.end <= em.noun and named_after(x)
                                          or x.start > em.noun and _OF_THE.fullmatch(ctx.text, em.noun, x.start))
               for o, x in ctx.org_at(em.start, em.end))


_TITLED = re.compile(r"\s*,?\s*(?:titled|entitled|called|named|themed|under the (?:title|theme))\s*:?\s*[“\"‘']")


def _titled(text: str, events: list[ev.Event], ems: list[ev.EventMention]) -> None:
    """"a seminar titled “Freedonia Customs Training Day”": the phrase and the title it is given
    name one event (at the place of the first of them in ``events``)."""
    of = {id(m): e for e in events for m in e.mentions}
    for em in ems:
        t = _TITLED.match(text, em.end)
        if t is None:
            continue
        close = text.find(text[t.end() - 1].translate(_CLOSING), t.end(), t.end() + 300)
        inner = next((m for m in ems if t.end() <= m.start and (close < 0 or m.end <= close)), None)
        named = of.get(id(inner)) if inner is not None else None
        if named is None:
            continue
        here = of.get(id(em))
        if here is named:
            continue
        if here is not None:
            named.mentions += [m for m in here.mentions if m not in named.mentions]
            events[events.index(here)] = named  # (its later place goes below)
        else:
            named.mentions.append(em)
        for m in named.mentions:
            of[id(m)] = named
    # (one event once, at its first place)
    seen: set[int] = set()
    events[:] = [e for e in events if not (id(e) in seen or seen.add(id(e)))]


_CLOSING = str.maketrans({"“": "”", "‘": "’"})
_WORD = re.compile(r"[^\W\d_]+")


def _stems(label: str) -> set[str]:
    """The first four letters of each word of three letters or more, in lower case."""
    return {w[:4].lower() for w in _WORD.findall(label) if len(w) > 2}


def _title_shorthand(ctx: Context, events: list[ev.Event]) -> None:
    """A title's short name of the one event of its kind the body names ("Ports workshop in Lima"
    over "the 3rd Regional Workshop on Port Controls"): one event, under the body's name."""
    title = ctx.r.title
    if title is None:
        return
    titled = {id(e) for e in events if all(title[0] <= m.start < title[1] for m in e.mentions)}
    for short in [e for e in events if e.mentions and not e.ordinal and id(e) in titled]:
        body = [e for e in events if e is not short and e.kind == short.kind and id(e) not in titled]
        # (the short name shares a word with the body's besides the kind: "Ports workshop", "Workshop on Port ...")
        if len(body) == 1 and len(_stems(short.label) & _stems(body[0].label)) >= 2:
            body[0].mentions[:0] = short.mentions
            body[0].alt.append(short.label)
            events.remove(short)


def _beside(ctx: Context, pos: int) -> bool:
    """Whether ``pos`` lies in the opening that names the event beside which the sentence tells another
    ("On the margins of the forum, A and B signed ...")."""
    si = ctx.sentence_of(pos)
    side = ON_THE_MARGINS.match(ctx.text, ctx.sents[si][0]) if si >= 0 else None
    return side is not None and pos < side.end()


def _verb_events(ctx: Context, events: list[ev.Event], ems: list[ev.EventMention]) -> None:
    """A visit or a meeting told by its verb ("X visited Germany", "A and B met at ..."): an event
    of its own when the sentence names no event."""
    # the sentences that name an event ("On the sidelines of this forum, A signed ...": a signing of its own)
    named = {ctx.sentence_of(x.start) for x in ems
             if (x.concrete or not (x.kind == "signing"
                                    or _SIGNED.search(ctx.text, *ctx.sents[ctx.sentence_of(x.start)])))
             and not _beside(ctx, x.start)}
    # where in ``events`` the first event of a label is, and the first of a kind without an ordinal
    first_label: dict[str, int] = {}
    first_kind: dict[str, int] = {}

    def note(i: int, x: ev.Event) -> None:
        first_label.setdefault(x.label, i)
        if not x.ordinal:
            first_kind.setdefault(x.kind, i)
    for i, x in enumerate(events):
        note(i, x)
    bodies_sessions = _sessions_by_body(events)  # (the events the text names: "the Committee met" may be one)
    for si, (s0, s1) in enumerate(ctx.sents):
        if si in named:
            continue
        m = _VERB_EVENT.search(ctx.text, s0, s1)
        if m is None:
            continue
        a, b = m.start(), m.end()
        # (not the news agency of a dateline: "GENEVA (Agency) - A and B signed ...")
        start = ctx._clause_start(s0, a)
        if _INVITED.search(ctx.text, s0, a):
            # "At the invitation of P, Director of X, the Secretary General of Y, Mr Z, visited ...": the
            # last comma segment before the verb, or the one before it when that names no organization
            cuts = [s0] + [c.end() for c in _COMMA.finditer(ctx.text, s0, a)]
            start = cuts[-1] if ctx.org_at(cuts[-1], a) or len(cuts) < 3 else cuts[-2]
        subject = [x for x in ctx._subject_orgs(start, a, []) if x[1].rule != "news-agency"]
        # "the Audit Committee (AC) of the ABC met": one party, the ABC's Committee
        subject = [x for i, x in enumerate(subject)
                   if not (i and _OF_PARENT.fullmatch(ctx.text, subject[i - 1][1].end, x[1].start))]
        obj_end = ctx._object_end(b, s1)
        objects = ctx.org_at(b, obj_end)
        obj_places = [p for p in ctx.places_in(b, obj_end) if p.rule != "country-adjective"]
        if not subject:
            continue
        names = [o.acronym or o.name for o, _ in subject]
        told: list = []  # what the verb alone tells of who hosts and who attends
        alt: list[str] = []  # its other names
        if m.group(1) in ("visited", "visits", "paid a visit to", "pays a visit to"):
            target = objects[0][0].acronym or objects[0][0].name if objects else \
                (ctx.text[obj_places[0].start:obj_places[0].end] if obj_places else None)
            if target is None:
                continue
            label, kind = f"visit of {' and '.join(names)} to {target}", "visit"
        elif m.group(1).endswith(("delegation from", "delegation of")):
            # "X welcomed a delegation from Y": Y visits X, who hosts
            if not objects:
                continue
            visitor = objects[0][0]
            label, kind = f"visit of {visitor.acronym or visitor.name} to {' and '.join(names)}", "visit"
            told = [("organizer", o, (om.start, b), "role-delegation") for o, om in subject]
            told.append(("attendee", visitor, (a, objects[0][1].end), "role-delegation"))
        elif m.group(1) in ("launched", "launches"):
            # "X launched its report 'Alpha' at ...": the launch of what the lexicon says is launched
            what = _launched(ctx, b, s1)
            last = max(om.end for _, om in subject)
            if what is None or _BE_BEFORE.search(ctx.text, max(s0, a - 8), a) \
                    or not _SUBJECT_GAP.fullmatch(ctx.text, last, a):
                # (not "was launched": what was launched is the subject, read with its phrase; nor "X got
                # together to mark the newly launched plan": the verb is the subject's own, right after it)
                continue
            label, kind = f"launch of {what}", "launch"
            told = [("organizer", o, (om.start, b), "role-launch") for o, om in subject]
        elif m.group(1) in ("agreed", "agree", "signed", "sign"):
            if not objects:  # "A signed a memorandum of understanding with B"
                w = _WITH_PARTY.search(ctx.text, b, min(s1, b + 160))
                objects = [x for x in ctx.org_at(w.end(), s1) if x[1].start == w.end()][:1] if w else []
            parties = list(dict.fromkeys(names + [o.acronym or o.name for o, _ in objects]))
            if len(parties) < 2:
                continue
            agreed = m.group(1).startswith("agree")
            label = f"{'agreement' if agreed else 'signing'} between {' and '.join(parties)}"
            kind = "other" if agreed else "signing"
            full = list(dict.fromkeys(o.name for o, _ in subject + objects))
            if full != parties:  # (the parties by their full names too)
                alt = [f"{'agreement' if agreed else 'signing'} between {' and '.join(full)}"]
        else:
            label, kind = f"meeting of {' and '.join(names + [o.acronym or o.name for o, _ in objects])}", "meeting"
            if len(subject) == 1 and not objects:
                # "The Audit Committee met from 3 to 5 May": a body that meets holds the session the
                # release names of it (one, of that body, told before)
                o = subject[0][0]
                own = [x for n in {o.name, o.acronym} - {None} for x in bodies_sessions.get(n, ())
                       if min(y.start for y in x.mentions) < a]
                if len(own) == 1:
                    own[0].mentions.append(ev.EventMention(a, b, own[0].kind, own[0].label, None, True, si, a,
                                                           verb=True))
                    continue
        mention = ev.EventMention(a, b, kind, label, None, True, si, a, verb=True)
        # the same visit told in the title and the body, or a signing the title already names
        # (told before: "a visit to the port" later in the text is another visit)
        twins = [i for i in (first_label.get(label),
                             first_kind.get(kind) if kind in ("visit", "signing", "launch") else None)
                 if i is not None and min(x.start for x in events[i].mentions) < s1]
        if twins:
            twin = events[min(twins)]
            if not told or kind == "launch":  # (a delegation's visit told again keeps its first telling alone)
                twin.mentions.append(mention)
                had = {x[:2] for x in twin.roles}
                twin.roles += [r for r in told if r[:2] not in had]
                if label != twin.label and label not in twin.alt:
                    twin.alt.append(label)  # ("launch of the report" and "launch of the report 'Alpha'")
            continue
        e = ev.Event(f"event{len(events)}", kind, label)
        e.mentions.append(mention)
        e.roles += told
        e.alt += alt
        if kind == "visit" and not objects and obj_places:
            # "X visited Freedonia City, Freedonia": where the visit took place
            e.places.extend(p for p in obj_places if p.start - b < 40)
        note(len(events), e)
        events.append(e)


def _sessions_by_body(events: list[ev.Event]) -> dict[str, list[ev.Event]]:
    """The named sessions and meetings by the name after their "of" ("the 9th Session of the Audit
    Committee (AC)": "Audit Committee", and "AC"), each one once."""
    out: dict[str, list[ev.Event]] = {}
    for x in events:
        if x.kind not in ("session", "meeting") or not x.mentions:
            continue
        for m in _OF_BODY.finditer(x.label):
            for n in filter(None, (m.group(1), m.group(2))):
                if x not in out.setdefault(n, []):
                    out[n].append(x)
    return out


# between a subject and its verb: an acronym, a day, an adverb ("ABC (AB) on Friday officially |launched")
_SUBJECT_GAP = re.compile(r"(?:\s*\([^()]{1,30}\))?(?:\s+(?!(?:to|that|which|who|newly)\b)[\w,]+){0,5}\s+|\s+")
# what was launched: the object's words up to a clause's or a place's or a date's phrase (a quoted title whole)
_LAUNCH_OBJECT = re.compile(r"\s+(?:(?:its|their|his|her|the|a|an)\s+)?((?:[“\"][^”\"]{1,160}[”\"]|[^\s,.;:(“\"]+)"
                            r"(?:\s+(?!(?:at|on|in|during|to|which|that|with|before|after|from|for|as|and|under|by|"
                            r"today|yesterday|this|last)\b)(?:[“\"][^”\"]{1,160}[”\"]|[^\s,.;:(“\"]+)){0,13})")


def _launched(ctx: Context, b: int, s1: int) -> str | None:
    """The name of what a "launched" at ``b`` launched ("the report 'Plugging the Leaks'"), when its
    words name a thing of ``launched_things`` in the lexicon ("report", "action plan"), else None."""
    m = _LAUNCH_OBJECT.match(ctx.text, b, s1)
    if m is None:
        return None
    words = m.group(1).lower().replace("“", " ").replace("”", " ").replace('"', " ").split()
    things = ctx.lex.set("launched_things")
    if not any(w in things or w[:-1] in things or w[-3:] == "ies" and w[:-3] + "y" in things for w in words[:6]):
        return None  # (a thing's plural too: "reports", "strategies")
    return "the " + m.group(1) if m.group(1)[:1].islower() else m.group(1)


_OF_BODY = re.compile(r"\bof\s+(?:the\s+)?([A-Z][^()]*?)\s*(?:\(([A-Z][\w&/.-]*)\))?$")


_VERB_WORD = re.compile(r"\S+\s+(?:(?:a|an|the|their|his|her|its)\s+)?")  # "paid |a |call on", "held |talks with": the verb and its article
_PREPOSITION = re.compile(r"(?:on|to|with)\s")
_RELATIVE = re.compile(r",?\s+(?:who|which|whose|that|where)\s")  # "the Minister, who recalled the agreement of 3 May"
_BE_BEFORE = re.compile(r"\b(?:is|are|was|were|be)\s+$")


def _in_relative(text: str, a: int, pos: int) -> bool:
    """Whether ``pos`` is inside a relative clause opened after ``a`` (one a comma has not closed)."""
    rel = _RELATIVE.search(text, a, pos)
    return rel is not None and "," not in text[rel.end():pos]


def _dated(ctx: Context, s0: int, s1: int) -> list[DateSpan]:
    """The dates of the text in ``s0:s1`` (not the date line's)."""
    return [d for d in find_dates(ctx.text, ctx.lex, ctx.published.year if ctx.published else None, s0, s1)
            if not ctx._in_dateline(d.start)]


def _told_events(ctx: Context, events: list[ev.Event], ems: list[ev.EventMention]) -> None:
    """A call, talks or a visit that a trigger tells on its own (a frame's ``tells_event``), on a date
    of its own, in a sentence that names no event: "On 12 March, the delegation paid a courtesy call on
    the Minister of Trade" is a visit of its own that day, whoever made it (the frames phase dates it,
    the roles phase reads who took part)."""
    text = ctx.text
    taken = {ctx.sentence_of(m.start) for m in ems if m.concrete}
    taken |= {ctx.sentence_of(m.start) for x in events for m in x.mentions if m.verb}
    title = ctx.r.title or (0, 0)
    told: dict[int, list[tuple[int, int, roles.Frame]]] = {}  # sentence -> the phrases in it that tell an event
    for a, b, frame in roles.triggers_after(text, ctx.start):
        si = ctx.sentence_of(a) if frame.tells_event else -1
        # (a verb of one word tells it in the past or after "is", in lower case: "visited", "is visiting";
        # not "Visits were made", "Visiting officials" or "a visit")
        word = text[a:b].strip()
        if si >= 0 and (" " in word or word.endswith("ed") and word[0].islower()
                        or word.endswith("ing") and _BE_BEFORE.search(text, max(ctx.sents[si][0], a - 12), a)):
            told.setdefault(si, []).append((a, b, frame))
    for si, phrases in sorted(told.items()):
        s0, s1 = ctx.sents[si]
        if si in taken or s0 < ctx.start or title[0] <= s0 < title[1]:
            continue
        a, b, frame = next(((a, b, f) for a, b, f in phrases if b <= s1), (0, 0, None))
        if frame is None:
            continue
        end = ctx._object_end(b, s1) if b < s1 and text[b:b + 1].isspace() else b
        # a date of its own: before the phrase, or after it but not in a clause of what follows ("...
        # met the Minister, who recalled the agreement signed on 3 May 2019"; but "... met the Minister,
        # who is visiting Freedonia, in Fredville on 3 May")
        if end <= b + 1 or not any(d.start < a or not _in_relative(text, end, d.start) for d in _dated(ctx, s0, s1)):
            continue
        phrase = text[a:end].strip()
        if " " not in text[a:b].strip():
            # "visited the port" -> "visit to the port"
            rest = f"{frame.tells_event} to {phrase.split(None, 1)[1]}"
        else:
            verb = _VERB_WORD.match(phrase)
            rest = phrase[verb.end():] if verb else phrase
            if _PREPOSITION.match(rest):  # "met with the Minister" -> "meeting with the Minister"
                rest = f"{frame.tells_event} {rest}"
        head = next((w for w in (x.rstrip(",") for x in rest.split()[:4]) if w in ctx.lex.words["event_kinds"]), None)
        kind = ctx.lex.words["event_kinds"][head] if head else frame.tells_event
        # (the phrase an event took in as another telling of it: a call on the Mayor of Fredville
        # during a study visit is a call of its own; but not an event word of the object: "visited the
        # training centre")
        phrase_em = next((m for m in ems if a <= m.start < b and not m.concrete), None)
        if phrase_em is not None:
            for x in events:
                if phrase_em in x.mentions:
                    x.mentions.remove(phrase_em)
            phrase_em.concrete = True
            kind, rest = phrase_em.kind, ev.LEADING_ARTICLE.sub("", phrase_em.label)
            mention = phrase_em
        else:
            mention = ev.EventMention(a, b, kind, rest, None, True, si, a, verb=True)
            ems.append(mention)
        e = ev.Event(f"event{len(events)}", kind, rest)
        e.mentions.append(mention)
        events.append(e)


def main_event(ctx: Context, events: list[ev.Event]) -> ev.Event | None:
    """The event a release is about: the first one named in the title or the first sentences."""
    for e in events:
        for m in e.mentions:
            if ctx.r.title and ctx.r.title[0] <= m.start < ctx.r.title[1]:
                return e
    return events[0] if events else None
