"""Phase 5, people: name, role, affiliation and mentions of each person of a release."""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from ..text import LOWER, UPPER, literal_alternation
from .context import Context
from .lexicon import Lexicon
from .mentions import role_before_org
from .people import NAME, PersonMention, people

_FIRST_NAME = re.compile(rf"([{UPPER}](?<![\w].)[{LOWER}]+)\s+([{UPPER}][\w’'-]*)\b")  # (the look-behind is the \b)


_TITLE_WORDS = {"Excellency", "Lt", "Col", "Gen", "Maj", "Capt", "Sgt", "Insp", "Supt", "Executive", "Responsible",
                "Extraordinary", "Plenipotentiary", "Senior", "Chief", "Medical", "Officials", "Officer"}
_NEVER_NAMES = {"The", "This", "WCO", "Customs", "Secretary", "General", "Director", "Heads", "Head", "Minister",
                "Deputy", "Vice", "Chair", "Regional", "Conference", "Committee", "Council", "Session", "Meeting",
                "In", "On", "At", "During", "After", "Both", "Members", "Member", "International", "National",
                "Organization", "Organisation", "Office",
                # the words of a byline that names no one ("By Staff Writer", "By Our Correspondent")
                "Staff", "Writer", "Writers", "Reporter", "Correspondent", "Editor", "Editors", "Desk", "Newsroom"}


_NAME_AFTER = re.compile(rf"[ \u00a0]+(?P<name>{NAME})(?=\s*[,.;:)]|\s+[a-z])")


def _role_of_org_then_name(ctx: Context, found: list[PersonMention], not_names: set[str]) -> list[PersonMention]:
    """"the Executive Secretary of ABC Ivo Marsh said", "Commissioner for the Freedonia Ports Office Ada
    Quill signed", "the Prosecutor General of Freedonia Ivo Marsh said": a role, its organization or
    country, then a name of two words or more with no comma between."""
    taken = [(p.start, p.end) for p in found]
    before = role_before_org(ctx.lex)
    out = []
    countries = [x for x in ctx.places if x.kind == "country" and x.rule == "country-gazetteer"]
    for mentions in [o.mentions for o in ctx.orgs] + [countries]:
        for x in mentions:
            after = _NAME_AFTER.match(ctx.text, x.end)  # (the name first: it is rarely there, and cheaply seen)
            role = before.search(ctx.text, max(ctx.start, x.start - 80), x.start) if after else None
            if role is None:
                continue
            words = after.group("name").split()
            a, b = after.span("name")
            if len(words) < 2 or any(w in not_names for w in words) or any(s < b and a < e for s, e in taken):
                continue
            out.append(PersonMention(a, b, after.group("name"), role.group("role"),
                                     (x.start, x.end) if x.kind == "organization" else None, "person-role_org_name"))
    return sorted(out, key=lambda p: p.start)


# "By Ivo Marsh", "By Ivo Marsh – Freedonia Press:": the author of the text, on a line of its own
_BYLINE = re.compile(rf"^[ \t]*By[ \t]+(?P<name>[{UPPER}][\w’'.-]+(?:[ \t]+[{UPPER}][\w’'.-]+){{1,3}})[ \t]*"
                     r"(?:$|[–—|,:-][ \t]*[A-Z][^\n]{0,60}?[ \t]*:?[ \t]*$)", re.M)
_BYLINE_REACH = 3000  # (a byline stands at the top of the text)


def _bylines(ctx: Context, found: list[PersonMention], not_names: set[str]) -> list[PersonMention]:
    """The author a byline names."""
    out = []
    for m in _BYLINE.finditer(ctx.text, ctx.r.title[1] if ctx.r.title else 0, _BYLINE_REACH):
        a, b = m.span("name")
        words = m.group("name").split()
        if any(w in not_names for w in words) or any(p.start < b and a < p.end for p in found):
            continue
        # (the agency after the name is the author's employer, which takes no part in what is told: no
        # affiliation is read from it)
        out.append(PersonMention(a, b, m.group("name"), None, None, "person-byline"))
    return out


@lru_cache(maxsize=4)
def _never_names(lex: Lexicon) -> frozenset[str]:
    """Words that never end or start a person's name: month names, the words of roles, the head words
    of organizations and the kinds of event ("the Expert Group Meeting" names no one called Group)."""
    heads = {w for w in lex.list("org_heads") if " " not in w}
    kinds = {w for w in lex.words["event_kinds"] if " " not in w and w[:1].isupper()}
    return frozenset(_NEVER_NAMES | heads | kinds | {w.capitalize() for w in lex.months})


@lru_cache(maxsize=4)
def _beside_role(lex: Lexicon) -> tuple[re.Pattern, re.Pattern]:
    """(what stands between an organization and the name after it: a role, perhaps with modifier words
    before it and an honorific after it; what stands after an organization that follows a name: a role)."""
    roles = literal_alternation([r for r in lex.list("role_words") if r[:1].isupper()])
    hon = literal_alternation([h.rstrip(".") for h in lex.list("honorifics")])
    between = re.compile(rf"[ \u00a0]+(?P<role>(?:[A-Z][\w-]*[ \u00a0]+){{0,3}}?{roles}),?(?:[ \u00a0]+{hon}\.?)*[ \u00a0]+$")
    after = re.compile(rf"[ \u00a0]+(?P<role>(?:[A-Z][\w-]*[ \u00a0]+){{0,3}}?{roles})\b")
    return between, after


_COMMA_AFTER_NAME = re.compile(r",[ \u00a0]+(?:the[ \u00a0]+)?")
_OF_AFTER_NAME = re.compile(r"[ \u00a0]+(?:of|from)[ \u00a0]+(?:the[ \u00a0]+)?")
_AT_AFTER_FIELD = re.compile(r"[ \u00a0]+(?:at|of|in)[ \u00a0]+(?:the[ \u00a0]+)?")


def _org_starting(ctx: Context, m: re.Match | None):
    """The organization whose name starts where ``m`` ends, if any."""
    if m is None:
        return None
    starts, pairs = ctx._org_mentions()
    j = bisect.bisect_left(starts, m.end())
    return pairs[j][0] if j < len(starts) and starts[j] == m.end() else None


def _org_beside_role(ctx: Context, mentions: list[PersonMention]) -> tuple[object, str | None]:
    """The organization of a person named with its role on either side of the name, and the role."""
    between, after = _beside_role(ctx.lex)
    text = ctx.text
    starts, pairs = ctx._org_mentions()
    for m in mentions:
        i = bisect.bisect_left(starts, m.start - 120)
        for o, x in reversed(pairs[i:bisect.bisect_left(starts, m.start)]):
            if x.end <= m.start:
                r = between.fullmatch(text, x.end, m.start)
                if r is not None:
                    return o, r.group("role")
        o = _org_starting(ctx, _OF_AFTER_NAME.match(text, m.end))
        if o is not None:  # "Ms. Ada Quill of the Freedonia Customs Service", "Mr. Marsh from ABC"
            return o, None
        c = _COMMA_AFTER_NAME.match(text, m.end)
        if c is not None:
            j = bisect.bisect_left(starts, c.end())
            if j < len(starts) and starts[j] == c.end():
                o, x = pairs[j]
                r = after.match(text, x.end)
                if r is not None:
                    return o, r.group("role")
    return None, None


def find_persons(ctx: Context) -> tuple[dict, ...]:
    """The people of the release: name, role, affiliation and mentions, one entry per person."""
    not_names = set()
    for o in ctx.orgs:
        not_names.update(o.name.split())
        if o.acronym:
            not_names.add(o.acronym)
    place_words = set()
    for m in ctx.places:
        place_words.update(ctx.text[m.start:m.end].split())
    not_names |= _never_names(ctx.lex)
    found = people(ctx.text, ctx.lex, ctx.start, not_names, frozenset(place_words - not_names))
    found += _role_of_org_then_name(ctx, found, not_names)
    found += _bylines(ctx, found, not_names)
    persons: dict[str, dict] = {}
    for p in found:
        key = None
        for k, q in persons.items():
            if k == p.name or (len(p.name.split()) == 1 and (k.split()[-1] == p.name or k.split()[0] == p.name)):
                key = k
                break
            if len(k.split()) == 1 and (p.name.split()[-1] == k or p.name.split()[0] == k):
                persons[p.name] = persons.pop(k)
                persons[p.name]["name"] = p.name
                key = p.name
                break
        if key is None:
            key = p.name
            persons[key] = {"name": p.name, "role": None, "org": None, "mentions": []}
        q = persons[key]
        q["mentions"].append(p)
        if p.role and not q["role"]:
            q["role"] = p.role
        if p.org_span and q["org"] is None:
            hits = ctx.org_at(p.org_span[0] - 1, p.org_span[1] + 1)
            if hits:
                q["org"] = hits[0][0]
            else:  # "Director of Trade at the ABC Commission": a field, then the organization
                q["org"] = _org_starting(ctx, _AT_AFTER_FIELD.match(ctx.text, p.org_span[1]))
        if q["org"] is None and p.role:
            # "WCO Secretary General": the organization named inside the role
            for o in ctx.orgs:
                if o.acronym and p.role.split()[:1] == [o.acronym]:
                    q["org"] = o
    # "Mr. Marsh" where the text also writes "Ivo Marsh" (or "Ivo MARSH", or "Marsh Ivo" in the order of
    # names that put the family name first): the full name
    honorifics = ctx.lex.set("honorifics")
    titles = {w.rstrip(".") for w in honorifics} | _TITLE_WORDS | _never_names(ctx.lex)
    for q in persons.values():
        if len(q["name"].split()) == 1 and q["name"].rstrip(".") not in titles:
            surname = q["name"]
            for m in _FIRST_NAME.finditer(ctx.text, ctx.start):
                if m.group(2).lower() == surname.lower() and m.group(1) not in not_names and m.group(1) not in honorifics:
                    q["name"] = f"{m.group(1)} {m.group(2)}"
                    break
                if m.group(1) == surname and m.group(2) not in not_names and m.group(2)[:1].isupper() \
                        and m.group(2).lower() != surname.lower() and not m.group(2).isupper():
                    q["name"] = f"{m.group(1)} {m.group(2)}"
                    break
    # "ABC Secretary General Dr. Ivo Marsh", "Ivo Marsh, ABC Regional Programme Coordinator": the
    # organization named right before the role of a name, or right after the name and before its role
    for q in persons.values():
        if q["org"] is None:
            q["org"], role = _org_beside_role(ctx, q["mentions"])
            q["role"] = q["role"] or role
    # what the patterns took for a name but is a title ("Dr", "Her Excellency", "Lt")
    return tuple(q for q in persons.values()
                 if not all(w.rstrip(".") in titles or len(w.rstrip(".")) <= 1 for w in q["name"].split()))
