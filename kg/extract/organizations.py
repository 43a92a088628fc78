"""Phase 3, organizations: every organization of a release, by gazetteer, acronym definition and
head-word pattern, with all its names and mentions (and the gazetteer's hits, which the next phase
reads for instruments and programmes)."""
from __future__ import annotations

import re
from functools import lru_cache

from .. import places
from ..read import is_noise_line
from ..text import SpanIndex
from . import events as ev
from . import mentions as mn
from .context import Context, Org, norm as _norm
from .lexicon import Lexicon, is_family

# (the acronym's first capital comes first and the word boundary after it, as a look-behind: the
# search skips ahead from capital to capital)
_ACRONYM_SLASH_COUNTRY = re.compile(r"([A-Z](?<![\w].)[A-Z]{1,7})\s?/\s?([A-Z][a-z]+(?: [A-Z][a-z]+)?)\b")
_ACRONYM_QUALIFIED = re.compile(r"([A-Z](?<![\w].)[A-Z]{1,7})[ \u00a0]([A-Z][a-z]+(?: [A-Z][a-z]+){0,2}|[A-Z]{2,4})(?![\w/-])")
_NAME_GOES_ON = re.compile(r"[ \u00a0-]+[A-Z]")  # "ABC Asia Pacific |Vice-Chair": a longer name
# a part of the world ("ABC Middle East", "ABC Central America", "ABC Eastern and Southern Africa")
_REGION = re.compile(r"(?:(?:North|South|East|West|Central|Eastern|Western|Northern|Southern|Middle|Near|Far)"
                     r"(?:\s+and\s+(?:North|South|East|West|Central|Eastern|Western|Northern|Southern))?\s+)"
                     r"(?:Africa|America|Americas|Asia|Europe|East|Pacific|Caribbean)|Asia[ /-]Pacific|Asia|Africa|Europe|"
                     r"Americas|Caribbean|Pacific")
_OWNER_ACRONYM = re.compile(r"(?<![\w-])([A-Z]{2,8})[ \u00a0]$")
_ACRONYM_SLASH_CODE = re.compile(r"([A-Z](?<![\w].)[A-Z]{1,7})\s+([A-Z]/[A-Z]{1,2})(?![\w/])")


# one item of a list of organizations: an acronym the release does not define, maybe with the city or
# country of a branch ("ABC Ruritania")
# (the look-behind after the first letter, so that the search skips to capitals)
_LISTED = re.compile(r"([A-Z](?<![\w-].)[A-Za-z]*[A-Z][A-Za-z]*(?:-[A-Z][A-Za-z]*)?)(?:\s([A-Z][a-z]+))?(?![\w-])")
_LIST_BEFORE = re.compile(r"(?:,|,?\s(?:and|&))\s(?:the\s)?$")
_LIST_AFTER = re.compile(r"(?:,|,?\s(?:and|&))\s(?:the\s)?")
_GLUED = re.compile(r"[A-Z]{2}[a-z]{3}")  # "ABCmet": two words without their blank
_ITEM_OPENS = re.compile(r"(?:^|[,(;:\n]|\band|&|\bthe)\s*$")
_ITEM_CLOSES = re.compile(r"\s*(?:[,);.:\n]|and\b|&|$)")


_EVER = re.compile(r"-?[Ee]ver$")
_COMPLEMENT_BEFORE = re.compile(r"\s(?:of|for)\s+(?:the\s+)?$")
_ATTENDED = re.compile(r"\b(?:attend(?:s|ed|ing)?|address(?:es|ed|ing)?|(?:spoke|speak(?:s|ing)?) at|"
                       r"(?:participat(?:e|es|ed|ing)|t(?:ake|akes|ook|aking) part) in)\s+the\s+$")
_YEAR_AFTER = re.compile(r"\s+(?:19|20)\d\d\b")  # "the Alpha Forum 2018": one year's gathering
# (the end of a longer name before it: "the Review Group of the |Conference of the Parties, held in ...")
_IN_A_NAME = re.compile(r"\b[A-Z][\w-]*\s+(?:of|to)\s+the\s+$")
# what a gathering's name is the subject of: "the Alpha Forum, organized by ...", "the Alpha Forum will
# bring together ...", "the Alpha Conference took place ..."
_HELD_AFTER = re.compile(r"\s*,?\s*(?:(?:was|is|will be|has been)\s+)?(?:organi[sz]ed|held|hosted|convened|took place|"
                         r"takes place|will take place|(?:will\s+)?(?:bring|brings|brought) together|opened|kicked off)\b")


def _gathering(name: str, lex) -> bool:
    """Whether the head of a name is the word of a gathering ("Conference", "Forum")."""
    head = mn.POSSESSIVE_END.sub("", re.split(r"\s+(?:of|on|for)\s+", name, maxsplit=1)[0].split()[-1])
    return head in lex.set("event_kinds")


def _qualified_acronyms(text: str):
    """Each match of ``_ACRONYM_QUALIFIED``, overlapping ones too ("ABC RTC Freedonia": "ABC RTC" and
    "RTC Freedonia")."""
    pos = 0
    while True:
        m = _ACRONYM_QUALIFIED.search(text, pos)
        if m is None:
            return
        yield m
        pos = m.start(2)


# what follows a body's name when the numbered gathering is its meeting: "the 5th Alpha Committee (AC) |meeting"
_ITS_MEETING = re.compile(r"(?:\s*\([A-Z][\w&/-]*\))?\s+(?:meetings?|Meetings?|sessions?|Sessions?)\b")


def _meets(text: str, m: mn.Mention) -> bool:
    """Whether a name after an ordinal is a body's (its last word one of the bodies that meet) whose
    meeting or session follows the name ("the 38th Alpha Committee meeting"): the ordinal counts the
    meetings, and the name is the body's."""
    from . import roles
    return m.name.split()[-1] in roles.load().bodies and _ITS_MEETING.match(text, m.end) is not None


_BRACKET_BEFORE = re.compile(r"[ \u00a0]?\(\s*$")
# "(SERNAFRE)", "(Servicio Nacional de Pesca, SERNAFRE)": an acronym in brackets, after the name in its own
# language or not
_PAREN_ACRONYM = re.compile(r"[ \u00a0]?\((?:[^(),\n]{3,80},\s*)?([A-Z][A-Za-z]{1,11})\)")


def _unspelled_acronyms(text: str, chunks: list[mn.Mention], defs: list, lex) -> list[tuple[int, int, str, int, int]]:
    """A name built on a head word, then an acronym in brackets its initials do not spell: the acronym
    of the name in its own language ("the National Fisheries Service of Freedonia (SERNAFRE)", "the
    Directorate General of Customs (DJBC)"), unless it is known for another organization, a country or
    a place."""
    known = {acr for _, _, acr, _, _ in defs}
    out = []
    for c in chunks:
        m = _PAREN_ACRONYM.match(text, c.end)
        if m is None or c.rule != "org-head-pattern":
            continue
        acr = m.group(1)
        if acr in known or not mn._ACRONYM.match(acr) or acr in lex.entries or acr in places.country_names() \
                or acr in places.city_names() or sum(ch.isupper() for ch in acr) < 2:
            continue
        known.add(acr)
        out.append((c.start, c.end, acr, m.start(1), m.end(1)))
    return out


# the words a name's initials leave out ("the Office of the Special Prosecutor (OSP)")
_SMALL = mn._NOT_INITIALS | {"&"}


def _whole_by_acronym(text: str, chunks: list[mn.Mention], defs: list) -> list[mn.Mention]:
    """A name the head-word mechanism cut after a coordination, when the acronym in brackets after it
    spells the whole ("the Administration and Finance Committee (AFC)": not "Finance Committee"): the
    chunk takes the whole name."""
    spans = {b: (a, acr) for a, b, acr, _, _ in defs}
    out = []
    for c in chunks:
        a, acr = spans.get(c.end, (c.start, ""))
        words = text[a:c.end].split()
        initials = [w[0] for w in words if w.lower() not in _SMALL]
        if a < c.start and c.rule == "org-head-pattern" and all(w[0].isupper() or w.lower() in _SMALL for w in words) \
                and "".join(initials) == acr.replace("-", "").replace("&", ""):
            name = " ".join(words)
            c = mn.Mention(a, c.end, c.kind, name, name, c.rule, c.acronym, c.extra)
        out.append(c)
    return out


def _numbered(name: str) -> bool:
    """Whether a name opens with an ordinal ("Fourth Forum on Statistics", "XXth Regional Conference",
    "First-Ever Assembly", "XVII Ordinary Assembly")."""
    words = name.split()
    return len(words) > 1 and bool(ev.ordinal_of(_EVER.sub("", words[0]), first=True))


@lru_cache(maxsize=4)
def _role_of(lex) -> re.Pattern:
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, lex.list('role_words')))})\s+(?:of|at)\s+(?:the\s+)?$")


def _listed_acronyms(ctx: Context, orgs: dict[str, Org], get, local: dict[str, str]) -> None:
    """"Freedonia Customs, ABC and the XYZ": an undefined acronym listed next to an organization is an
    organization too (and so is the next one along the list)."""
    text, lex = ctx.text, ctx.lex
    cn, cities = places.country_names(), places.city_names()
    known = {x.start: x.end for o in orgs.values() for x in o.mentions}
    ends = {b for b in known.values()}
    found: list[tuple[int, int, str]] = []
    for m in _LISTED.finditer(text, ctx.start):
        acr, branch = m.group(1), m.group(2)
        if m.start() in known or acr in cn or acr in local or len(acr) < 3 or not mn._ACRONYM.match(acr) \
                or acr.isupper() and len(acr) > 8 or _GLUED.search(acr) or acr.lower() in lex.set("not_organizations"):
            continue
        entry = lex.entries.get(acr)
        if entry is not None and entry.kind != "organization" or acr in cities:
            continue
        end = m.end() if branch and (branch in cities or branch in cn) else m.end(1)
        if not _ITEM_OPENS.search(text, max(0, m.start() - 6), m.start()) or not _ITEM_CLOSES.match(text, end):
            continue  # a word of a longer name ("ABC Committee", "Agency XYZ")
        found.append((m.start(), end, acr))
    if not found:
        return
    # "the Vice-Chair of the ABC": an acronym a role belongs to
    role_of = _role_of(lex)
    by_role = {a for a, b, acr in found if role_of.search(text, max(0, a - 60), a)}
    accepted: set[int] = set(by_role)  # (the starts of the acronyms taken)
    # along the list both ways: one sweep each way carries a chain of acronyms to its known end
    changed = True
    while changed:
        changed = False
        for items in (found, found[::-1]):
            for a, b, acr in items:
                if a in accepted:
                    continue
                before = _LIST_BEFORE.search(text, max(0, a - 8), a)
                after = _LIST_AFTER.match(text, b)
                if before is not None and before.start() in ends or after is not None and (
                        after.end() in known or after.end() in accepted):
                    accepted.add(a)
                    ends.add(b)
                    changed = True
    for a, b, acr in found:
        if a in accepted:
            name = text[a:b]
            o = get(name, name, acr if b == a + len(acr) else None)
            rule = "acronym-affiliation" if a in by_role else "acronym-listed"
            o.mentions.append(mn.Mention(a, b, "organization", name, name, rule, acr if b == a + len(acr) else None))


def _news_agencies(ctx: Context, get, known) -> None:
    """The news agency a dateline or a byline names is an organization of the release (one the
    release names otherwise is read as it is there; in the dateline it takes no part all the same)."""
    text, lex = ctx.text, ctx.lex
    cn, months = places.country_names(), lex.months
    for a, b in mn.agency_spans(text):
        name = text[a:b]
        if name in cn or name.lower() in months or len(name) < 3 or known(name):
            continue
        o = get(name, name)
        o.mentions.append(mn.Mention(a, b, "organization", name, name, "news-agency"))


_OF_PARENT_SPLIT = re.compile(r" of (?:the )?")


def _merge_body_names(orgs: dict[str, Org]) -> None:
    """"the Council of Ministers of the Alpha Trade Organization" and "the ATO Council of Ministers":
    one body, named after its parent in full or by its acronym."""
    by_name = {o.name: o for o in orgs.values() if o.mentions}
    for o in list(by_name.values()):
        for m in _OF_PARENT_SPLIT.finditer(o.name):
            body, parent = o.name[:m.start()], by_name.get(o.name[m.end():])
            if parent is None or not parent.acronym:
                continue
            # (and the same name with a plural's "s" lost: "the ATO Council of Minister")
            for short in (by_name.get(f"{parent.acronym} {body}"), by_name.get(f"{parent.acronym} {body}".removesuffix("s"))):
                if short is None or short is o or short.acronym or not short.mentions:
                    continue
                o.mentions += short.mentions
                o.alt |= short.alt | {short.name}
                short.mentions = []


def _inside_longer_names(text: str, orgs: dict[str, Org], heads: frozenset[str]) -> None:
    """A gazetteer name at the start of a longer name with a head word of its own is not mentioned
    there ("the Freedonian Customs Cooperation Fund" is a fund, not Freedonia Customs; but "the ABC
    Executive Secretariat" is the ABC's house, read as the ABC)."""
    ends: dict[int, int] = {}  # where a name of a head word starts -> where the longest one ends
    starts: dict[int, int] = {}  # ... and where it ends -> where the longest one starts
    for o in orgs.values():
        for m in o.mentions if not o.from_gazetteer else ():
            if m.rule == "org-head-pattern":
                ends[m.start] = max(ends.get(m.start, m.end), m.end)
                starts[m.end] = min(starts.get(m.end, m.start), m.start)
    for o in orgs.values():
        if not o.from_gazetteer:
            continue
        keep = []
        for m in o.mentions:
            rest = text[m.end:ends[m.start]].split() if m.rule == "gazetteer" and ends.get(m.start, 0) > m.end else []
            # (the words after it a name of their own, in capitals and ending with a head word: not a
            # complement, "the ABC Council for Africa", nor a list, "the ABC and DEF Office")
            if rest and all(w[:1].isupper() for w in rest) and rest[-1] in heads and rest[-1] not in mn.HOUSE_WORDS:
                continue
            # "the Freedonia Capacity Building Committee": a name the gazetteer knows of another body
            # ("Capacity Building Committee") at the end of a longer one is that longer one's own words
            longer = m.rule == "gazetteer" and starts.get(m.end, m.start) < m.start
            before = text[starts[m.end]:m.start].split() if longer else []
            if before and all(w[:1].isupper() and w.isalpha() for w in before) \
                    and text[starts[m.end]:m.end] not in (o.name, *o.alt) and o.acronym not in before:
                continue
            keep.append(m)
        o.mentions = keep


_COUNTRY_CUSTOMS = re.compile(r"(?:The\s+|the\s+)?(.+?)\s+Customs(?:\s+(?:Administration|Service))?")


def _national_customs(lex: Lexicon, orgs: dict[str, Org]) -> None:
    """"Freedonian Customs", "Freedonia Customs": the customs administration of that country, when the
    release also names it in full and it is the gazetteer's one national customs administration of
    that country there ("the Freedonia Customs Service (FCS) ... the Freedonian Customs"); but not a
    revenue authority, whose customs is a department of its own."""
    short: dict[str, list[Org]] = {}
    for o in orgs.values():
        m = _COUNTRY_CUSTOMS.fullmatch(o.name)
        if m is None or not o.mentions or o.from_gazetteer or o.acronym:
            continue
        code = places.country_adjectives().get(m.group(1)) or places.country_names().get(m.group(1))
        if code:
            short.setdefault(code, []).append(o)
    if not short:
        return
    national: dict[str, list[Org]] = {}
    for o in orgs.values():
        entry = lex.entries.get(o.name)
        # (a customs administration: a revenue authority's customs is a department of its own)
        if o.mentions and o.from_gazetteer and entry is not None and entry.country in short and "Customs" in o.name:
            national.setdefault(entry.country, []).append(o)
    for code, named in national.items():
        if len(named) != 1:
            continue  # (two administrations of one country: which one is meant is not said)
        for o in short[code]:
            named[0].mentions += o.mentions
            named[0].alt.add(o.name)
            o.mentions = []


_GATHERING_OF = re.compile(r"(\w+)\s+of\s+$")
_NEXT_WORD = re.compile(r"\s+(\w+)")
_BARE_HEAD = re.compile(r"[Tt](?<!\w.)he ([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b(?! (?:of|for|on)\b)(?![ -]?[A-Z])")


def _bare_heads(ctx: Context, orgs: dict[str, Org]) -> None:
    """"the Council", "the Committee" after a body's full name, where it names a gathering's body
    ("the 12th Meeting of the Council", "the Council session"): that body, when it is the release's
    only organization of that head word ("The Standing Council of Ministers of Freedonia met ...").
    A head that two bodies share names neither; elsewhere ("the Council agreed") it is left alone."""
    from . import roles

    bodies = roles.load().bodies
    by_head: dict[str, list[Org]] = {}
    for o in orgs.values():
        if not o.mentions:
            continue
        head = roles.head_word(o.name)
        if head and head != o.name:  # (not a bare "Council")
            by_head.setdefault(head, []).append(o)
    heads = {h: os[0] for h, os in by_head.items() if h in bodies and len(os) == 1}
    if not heads:
        return
    text = ctx.text
    kinds = ctx.lex.words["event_kinds"]
    covered = SpanIndex([(x.start, x.end) for o in orgs.values() for x in o.mentions])
    for m in _BARE_HEAD.finditer(text, ctx.start):
        o = heads.get(m.group(1))
        a, b = m.span(1)
        if o is None or covered.covers(a, b) or min(x.start for x in o.mentions) > a:
            continue
        before = _GATHERING_OF.search(text, max(0, m.start() - 40), m.start())
        after = _NEXT_WORD.match(text, b)
        if not (before and before.group(1) in kinds or after and after.group(1) in kinds):
            continue
        o.mentions.append(mn.Mention(a, b, "organization", o.name, o.ident, "org-head-anaphor"))


_QUALIFIER_BEFORE = re.compile(r"(?:(?<![\w(])([A-Z][A-Za-z]{1,9})|\(([A-Z][A-Za-z]{1,9})\))[ \u00a0]$")


def _qualified_names(ctx: Context, orgs: dict[str, Org], by_acr: dict[str, Org]) -> None:
    """"the ABC Regional Office", "Alpha Monetary Fund (AMF) Fiscal Department", "US Ports Agency": a
    body named right after another organization's acronym, or a country's, has that longer name too."""
    text = ctx.text
    countries = places.country_names()
    codes = places.countries()  # ("US DEA": a country's code)
    for o in orgs.values():
        for x in o.mentions:
            if x.start < 2 or x.rule not in ("org-head-pattern", "acronym-qualified", "gazetteer", "acronym"):
                continue
            q = _QUALIFIER_BEFORE.search(text, max(0, x.start - 14), x.start)
            if q is None:
                continue
            acr = q.group(1) or q.group(2)
            owner = by_acr.get(acr)
            if owner is not None and owner is not o or owner is None and acr.isupper() and (acr in countries or acr in codes):
                o.alt.add(f"{acr} {text[x.start:x.end]}")


def _spelled_out(orgs: list[Org]) -> list[Org]:
    """A name that holds another organization's acronym has that organization's full name in its
    place as a name too, and the other way round ("the Regional Office for the ABC Europe Region" is
    also "... for the Alpha Bravo Council Europe Region"); a name that opens with a country's short
    form has the country's name in its place ("UK Ports Force", "U.K. Ports Force": "United Kingdom Ports
    Force"), and is one organization with the one the release names so. The organizations of the
    release, in order."""
    known = [(o.acronym, o.name) for o in orgs if o.acronym and o.acronym != o.name and " " in o.name]
    countries = places.country_names()
    for o in orgs:
        for name in [o.name, *sorted(o.alt)]:
            words = name.split()
            if len(words) < 2:
                continue
            for acr, full in known:
                if acr in words and name != acr and full not in name:
                    o.alt.add(" ".join(full if w == acr else w for w in words))
                elif full in name and name != full:
                    o.alt.add(name.replace(full, acr))
            short = words[0].replace(".", "")  # ("U.S. Ports Force": "US")
            code = countries.get(short) if short.isupper() and len(short) <= 3 else None
            if code is not None:
                o.alt.add(" ".join([places.countries()[code].name, *words[1:]]))
    # "UK Ports Force" and "United Kingdom Ports Force" in one release: one organization
    by_name = {o.name: o for o in orgs}
    gone: set[int] = set()
    for o in orgs:
        if id(o) in gone or o.from_gazetteer:
            continue
        other = next((by_name[n] for n in sorted(o.alt) if n in by_name and by_name[n] is not o
                      and id(by_name[n]) not in gone), None)
        if other is not None and not o.acronym:
            other.mentions = sorted(other.mentions + o.mentions, key=lambda m: m.start)
            other.alt |= (o.alt | {o.name}) - {other.name}
            gone.add(id(o))
    return [o for o in orgs if id(o) not in gone]


_PART_OF = re.compile(r"\s(?:Office|Centre|Center|Division|Department|Unit|Section|Directorate|Bureau)\s+of\s+(?:the\s+)?")


def _parts_of(text: str, chunks: list[mn.Mention], lex: Lexicon) -> list[mn.Mention]:
    """The body a part of it is named after ("the Regional Office of the National Ports Authority of
    Freedonia": the National Ports Authority of Freedonia too), when its name has a head word of its own
    (and three words or more, or a complement: "the Department of Freedonia Police" is one body's name)."""
    return _named_after_opener(text, chunks, lex, _PART_OF,
                               lambda words, name: len(words) >= 3 or len(words) == 2 and name != " ".join(words))


def _named_after_opener(text: str, chunks: list[mn.Mention], lex: Lexicon, opener: re.Pattern,
                        enough) -> list[mn.Mention]:
    """The names after ``opener`` inside ``chunks`` whose head (the last word before a complement) is
    an organization's, when ``enough(head words, name)`` says so."""
    heads = lex.set("org_heads")
    out = []
    for c in chunks:
        m = opener.search(text, c.start, c.end)
        if m is None or not text[m.end():m.end() + 1].isupper():
            continue
        name = text[m.end():c.end]
        words = re.split(r"\s+(?:of|for|on)\s+", name, maxsplit=1)[0].split()
        if words and words[-1] in heads and enough(words, name):
            out.append(mn.Mention(m.end(), c.end, "organization", name, name, c.rule))
    return out


# "the Governments of Freedonia and Ruritania": one government of each country the plural is shared by
_SHARED_HEAD = re.compile(r"(G(?<!\w.)overnments|E(?<!\w.)mbassies|P(?<!\w.)ermanent Missions)\s+of\s+(?:the\s+)?")
_SINGULAR = {"Governments": "Government", "Embassies": "Embassy", "Permanent Missions": "Permanent Mission"}


def _shared_heads(ctx: Context) -> list[mn.Mention]:
    """"the Governments of A and B", "the Permanent Missions of A, B and C": one body of each country."""
    text = ctx.text
    if "Governments" not in text and "Embassies" not in text and "Missions" not in text:
        return []
    out = []
    countries = [p for p in ctx.places if p.kind == "country"]
    starts = {p.start: p for p in countries}
    for m in _SHARED_HEAD.finditer(text, ctx.start):
        pos, listed = m.end(), []
        while pos in starts:
            listed.append(starts[pos])
            gap = mn.PLACE_LIST_GAP.match(text, starts[pos].end)
            if gap is None:
                break
            pos = gap.end()
        if len(listed) < 2:
            continue
        for p in listed:
            name = f"{_SINGULAR[m.group(1)]} of {text[p.start:p.end]}"
            out.append(mn.Mention(p.start, p.end, "organization", name, name, "org-shared-head"))
    return out


_BODY_OF = re.compile(r"\s+of\s+(?:the\s+)?")


def _bodies_of(text: str, gatherings: list[mn.Mention], lex: Lexicon) -> list[mn.Mention]:
    """The body a gathering is of, when its name has a head word of its own ("the 5th Ports Forum of
    the Alpha Trade Organization": the Alpha Trade Organization)."""
    return _named_after_opener(text, gatherings, lex, _BODY_OF, lambda words, name: len(words) >= 2)


_QUALIFIER_MARKS = re.compile(r"[\s/.-]+")


def _one_member(lex: Lexicon, by_acr: dict[str, Org], members: dict[str, list[Org]]) -> None:
    """A kind of body with many members (the gazetteer's "Regional Training Centre", RTC) of which the
    release names one member ("RTC Freedonia"): its bare mentions ("the RTC") are that member."""
    for acr, found in members.items():
        one = list({id(o): o for o in found}.values())
        kind = by_acr.get(acr)
        if len(one) != 1 or kind is None or kind is one[0] or not kind.from_gazetteer or not is_family(lex, kind.name):
            continue
        one[0].mentions += kind.mentions
        kind.mentions = []


def _names_a_header_line(text: str, m: mn.Mention) -> bool:
    """Whether a name above the title is a whole line of the page's header, perhaps beside its acronym
    ("Ministry of Justice of Freedonia", "ABC | Alpha Broadcasting Company"): the publisher the page
    names, not a menu's or a banner's words."""
    s, e = text.rfind("\n", 0, m.start) + 1, text.find("\n", m.end)
    above = [x for x in text[:s].split("\n") if x.strip()]
    if len(above) > _MASTHEAD_LINES or not all(_names_only(x) for x in above) or _ACRONYM_ONLY.fullmatch(text[m.start:m.end]):
        # (only the lines of the site's name at the top of the page, names above its menus; not
        # partners' logos, links or a bare acronym)
        return False
    rest = (text[s:m.start] + " " + text[m.end:len(text) if e < 0 else e]).strip(" \t|–-:")
    return not rest or bool(_ACRONYM_ONLY.fullmatch(rest) or _DOMAIN.fullmatch(rest))


_ACRONYM_ONLY = re.compile(r"[A-Z][A-Z0-9&.-]{1,9}")
_DOMAIN = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+")  # "gov.fr": a portal's name beside the publisher's
_MASTHEAD_LINES = 2  # how many lines of a site's name may stand above the publisher's ("Government of X", "Portal")
_MASTHEAD_WORDS = 6  # the most words of such a line
_NAME_WORD = re.compile(r"[A-Z0-9][\w.&’'-]*|of|the|and|for|de|da|do|des|du|la|le|[|/–-]|" + _DOMAIN.pattern)


def _names_only(line: str) -> bool:
    """Whether a line of the top of a page is a few names (a site's, a portal's), not a phrase or a menu."""
    words = line.split()
    return len(words) <= _MASTHEAD_WORDS and not is_noise_line(line) and all(_NAME_WORD.fullmatch(w) for w in words)


def find_organizations(ctx: Context) -> tuple[tuple[Org, ...], tuple[mn.Mention, ...]]:
    """The organizations of the release with all their names and mentions, and the gazetteer's hits."""
    text, lex = ctx.text, ctx.lex
    orgs: dict[str, Org] = {}
    by_acr: dict[str, Org] = {}

    def get(name: str, ident: str, acronym: str | None = None, gaz: bool = False) -> Org:
        k = _norm(ident)
        o = orgs.get(k)
        if o is None:
            o = orgs[k] = Org(name, ident, acronym, gaz)
        if acronym and not o.acronym:
            o.acronym = acronym
        if o.acronym:
            by_acr.setdefault(o.acronym, o)
        return o

    gaz = [m for m in mn.gazetteer(text, lex) if m.start >= ctx.start or _names_a_header_line(text, m)]
    chunks = [m for m in mn.organizations(text, lex, ctx.start, ctx.cur.not_organizations)
              if m.start >= ctx.start or _names_a_header_line(text, m)]
    chunks += _shared_heads(ctx)
    # (a name in Spanish, French or Portuguese the gazetteer does not know, and no English name holds)
    chunks += [m for m in mn.romance_organizations(text, lex, ctx.start)
               if not any(x.start < m.end and m.start < x.end for x in gaz + chunks)]
    # "the 6th Global AEO Conference": a numbered gathering, not a body, wherever its name stands
    # ("the Twelfth Ministerial Conference", "the XXth Regional Conference", "the First-Ever Forum")
    # ... and a gathering someone attends ("attended the Regional Conference of Heads of ...") or that
    # is held ("the Alpha Forum, organized by ...", "the Alpha Forum will bring together ..."), or one
    # year's ("the Alpha Forum 2018")
    # (but "the 12th Joint Steering Committee meeting" is the body's own meeting: the body stays one)
    numbered = {m.name for m in chunks if ctx._after_ordinal(m.start) and not _meets(text, m)
                or _gathering(m.name, lex) and (
                    _numbered(m.name) or _ATTENDED.search(text, max(0, m.start - 30), m.start)
                    or _YEAR_AFTER.match(text, m.end)
                    or _HELD_AFTER.match(text, m.end) and not _IN_A_NAME.search(text, max(0, m.start - 40), m.start))}
    gatherings = [m for m in chunks if m.name in numbered]
    chunks = [m for m in chunks if m.name not in numbered]
    chunks += _parts_of(text, chunks, lex) + _bodies_of(text, gatherings, lex)
    defs = mn.acronym_definitions(text, lex)
    chunks = _whole_by_acronym(text, chunks, defs)
    chunks_by_end: dict[int, list[mn.Mention]] = {}
    for c in chunks:
        chunks_by_end.setdefault(c.end, []).append(c)
    defs = defs + _unspelled_acronyms(text, chunks, defs, lex)
    local = {acr: text[a:b] for a, b, acr, _, _ in defs}
    def clashes(m: mn.Mention) -> bool:
        """An acronym this release defines for something other than the gazetteer's entry."""
        acr = text[m.start:m.end]
        if acr not in local or acr != m.acronym:
            return False
        entry = lex.entries.get(local[acr])
        return entry is None or entry.name != m.name
    gaz = [m for m in gaz if not clashes(m)]
    defined: dict[str, tuple[int, int]] = {}
    for m in gaz:
        if m.kind == "organization":
            o = get(m.name, m.ident, m.acronym, True)
            o.mentions.append(m)
        else:
            # "the ABC Trade Agreement", "the ABC Integrity Programme": the name of an instrument or a
            # programme that opens with an organization's names that organization too
            first = text[m.start:m.end].split()[0]
            entry = lex.entries.get(first)
            if entry is not None and entry.kind == "organization":
                o = get(entry.name, entry.name, entry.acronym, True)
                o.mentions.append(mn.Mention(m.start, m.start + len(first), "organization", entry.name, entry.name,
                                             "gazetteer", entry.acronym, {"country": entry.country}))
    for a, b, acr, aa, ab in defs:
        if a < ctx.start:
            continue
        long = text[a:b]
        entry = lex.entries.get(long)
        chunk = next((c for c in chunks_by_end.get(b, ()) if a - 60 <= c.start <= a + 2), None)
        if entry is None and chunk is not None and chunk.start < a and _COMPLEMENT_BEFORE.search(text, chunk.start, a) \
                and long.split()[-1] in lex.set("org_heads") and len(long.split()) > 1:
            # "the Council of Ministers of the Alpha Economic Community (AEC)": the acronym is the
            # name's complement's, an organization of its own (the body of it keeps its own name)
            chunk = mn.Mention(a, b, "organization", long, long, "org-head-pattern", None)
        if entry is None and chunk is not None:
            entry = lex.entries.get(chunk.name)
        if entry is not None and entry.kind != "organization":
            continue
        if entry is None and chunk is None:
            continue
        if entry is not None:
            o = get(entry.name, entry.name, entry.acronym or acr, True)
            if acr != entry.acronym:
                o.alt.add(acr)
        else:
            assert chunk is not None
            name = chunk.name
            o = by_acr.get(acr) if acr in by_acr and not by_acr[acr].from_gazetteer else None
            o = o or get(name, name, acr)
            if o.name != name:
                o.alt.add(name)
        o.acronym = o.acronym or acr
        by_acr[acr] = o
        defined[acr] = (aa, ab)
        o.mentions.append(mn.Mention(aa, ab, "organization", o.name, o.ident, "acronym-definition", acr))
    # acronyms used alone, after their definition in this release
    if defined:
        for t0, t1, tok in mn.token_occurrences(text, defined, ctx.start):
            o = by_acr[tok]
            o.mentions.append(mn.Mention(t0, t1, "organization", o.name, o.ident, "acronym", tok))
    # "UN ECA": an acronym right before another organization's name qualifies it
    starts_of: dict[int, set[int]] = {}
    for o in orgs.values():
        for y in o.mentions:
            starts_of.setdefault(y.start, set()).add(id(o))
    for o in orgs.values():
        o.mentions = [x for x in o.mentions if not (
            x.acronym and text[x.start:x.end] == x.acronym and len(x.acronym) <= 3 and text[x.end:x.end + 1] == " "
            and starts_of.get(x.end + 1, set()) - {id(o)})]
    # "RTC/ Thailand": a body of one country
    cn = places.country_names()
    for m in _ACRONYM_SLASH_COUNTRY.finditer(text) if "/" in text else ():
        if m.start() < ctx.start or m.group(2) not in cn or m.group() in defined:
            continue  # (an acronym this release defines, "(CCF/Japan)", names what it defines)
        name = f"{m.group(1)}/{m.group(2)}"
        o = get(name, name)
        o.alt.add(m.group())
        o.mentions.append(mn.Mention(m.start(), m.end(), "organization", name, name, "acronym-country"))
        for p in orgs.values():
            if p is not o:
                p.mentions = [x for x in p.mentions if not (m.start() <= x.start < m.end())]
    members: dict[str, list[Org]] = {}  # an acronym -> the bodies named after it with a qualifier

    def member(acr: str, name: str) -> Org | None:
        """The body already named after ``acr`` with the same qualifier written otherwise ("RILO AP",
        "RILO A/P")."""
        key = _QUALIFIER_MARKS.sub("", name).upper()
        return next((o for o in members.get(acr, ()) if _QUALIFIER_MARKS.sub("", o.acronym or o.name).upper() == key), None)
    # "ROCB A/P": an acronym with a regional qualifier is its own body
    for m in _ACRONYM_SLASH_CODE.finditer(text) if "/" in text else ():
        if m.start() < ctx.start or m.group(1) not in by_acr:
            continue
        parent = by_acr[m.group(1)]
        o = member(m.group(1), m.group()) or get(m.group(), m.group(), m.group())
        members.setdefault(m.group(1), []).append(o)
        o.mentions.append(mn.Mention(m.start(), m.end(), "organization", m.group(), m.group(), "acronym-qualified", m.group()))
        parent.mentions = [x for x in parent.mentions if not (m.start() <= x.start < m.end())]
    # "RTC Fiji", "RILO ECE": an organization's acronym with a country or a regional code is a body of
    # its own (a code that is another organization's acronym, "UN ESCAP", is that organization)
    for m in _qualified_acronyms(text):
        acr, qualifier = m.group(1), m.group(2)
        if m.start() < ctx.start or acr not in by_acr or qualifier in by_acr or m.group() in defined \
                or not (qualifier in cn or qualifier.isupper() and qualifier not in cn
                        or _REGION.fullmatch(qualifier) and not _NAME_GOES_ON.match(text, m.end())):
            continue
        # "the ABC RTC Freedonia": the parent's acronym before it is part of the name
        owner = _OWNER_ACRONYM.search(text, max(0, m.start() - 12), m.start())
        start, name = m.start(), m.group()
        if owner and owner.group(1) in by_acr and owner.group(1) != acr:
            start, name = owner.start(1), f"{owner.group(1)} {m.group()}"
        o = by_acr.get(m.group()) or orgs.get(_norm(m.group())) or member(acr, m.group())  # (a body the
        # release names otherwise too)
        if o is None:
            o = get(name, name, m.group())
        members.setdefault(acr, []).append(o)
        for alt in {name, m.group()} - {o.name}:
            o.alt.add(alt)
        o.mentions.append(mn.Mention(start, m.end(), "organization", name, name, "acronym-qualified", m.group()))
        for p in orgs.values():
            if p is not o:
                p.mentions = [x for x in p.mentions if not (start <= x.start < m.end())]
    _one_member(lex, by_acr, members)
    _listed_acronyms(ctx, orgs, get, local)
    _news_agencies(ctx, get, lambda name: name in by_acr or _norm(name) in orgs or name in lex.entries)
    covered = SpanIndex([(x.start, x.end) for o in orgs.values() for x in o.mentions])
    adjectives = places.country_adjectives()
    romance = lex.set("org_heads_romance")
    ends: dict[int, Org] = {}  # where a name of the organizations so far ends
    for o in orgs.values():
        for x in o.mentions:
            ends.setdefault(x.end, o)
    for c in chunks:
        if covered.covers(c.start, c.end):
            continue
        first, *rest = c.name.split()
        before = _BRACKET_BEFORE.search(text, max(0, c.start - 3), c.start)
        if first in romance and before is not None and before.start() in ends:
            # "the National Police of Freedonia (Policía Nacional de Freedonia, PNF)": its name in its own
            # language
            o = ends[before.start()]
            o.alt.add(c.name)
            o.mentions.append(c)
            continue
        first = mn.POSSESSIVE_END.sub("", first)
        # "the WCO Secretariat", "WCO Headquarters", "INTERPOL's General Secretariat": the organization itself
        if first in by_acr and rest and all(w in mn.HOUSE_WORDS for w in rest) and ("Secretariat" in rest or "Headquarters" in rest):
            by_acr[first].mentions.append(c)
            continue
        if c.name in lex.entries and lex.entries[c.name].kind != "organization":
            continue
        # "Argentine Federal Administration of Public Revenue": a known body with its country before it
        entry = lex.entries.get(" ".join(rest)) if rest and (first in adjectives or first in cn) else None
        if entry is not None and entry.kind == "organization":
            o = get(entry.name, entry.name, entry.acronym, True)
            o.alt.add(c.name)
            o.mentions.append(c)
            continue
        o = get(c.name, c.name)
        o.mentions.append(c)
        ends.setdefault(c.end, o)
        if "with_owner" in c.extra:
            o.alt.add(c.extra["with_owner"])
        if "own_name" in c.extra:
            o.alt.add(c.extra["own_name"])
    # a name that is part of a longer name of this release is that organization
    names = sorted(orgs.values(), key=lambda o: -len(o.name))
    for o in list(orgs.values()):
        if o.from_gazetteer or o.acronym or len(o.name.split()) < 2:
            continue
        for big in names:
            if big is o or len(big.name) <= len(o.name):
                continue
            prefix = big.name[:big.name.find(o.name)].split() if f" {o.name} " in f" {big.name} " else None
            # "Board of Auditors" in "Board of Auditors for the Northern Region", "Task Force on ..."
            # in "OECD Task Force on ...": one body
            if prefix is not None and (not prefix or len(prefix) <= 2 and all(w.isupper() for w in prefix)):
                big.mentions += o.mentions
                big.alt |= o.alt
                o.mentions = []
                break
    _merge_body_names(orgs)
    _inside_longer_names(text, orgs, lex.set("org_heads"))
    _national_customs(lex, orgs)
    _bare_heads(ctx, orgs)
    _qualified_names(ctx, orgs, by_acr)
    out = [o for o in orgs.values() if o.mentions]
    out = _spelled_out(out)
    for o in out:
        o.mentions.sort(key=lambda m: m.start)
    return tuple(sorted(out, key=lambda o: o.mentions[0].start)), tuple(gaz)
