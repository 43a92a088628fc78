"""Extraction: from one release's text to typed nodes and facts, each fact with its evidence span.

    extract(release) -> Extraction

Mechanisms here, knowledge in ``ontology/data``: gazetteers (organizations, instruments, programmes,
countries, cities), acronym definitions, head-word patterns, trigger lexicons and date patterns.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import replace as dc_replace
from functools import lru_cache

from .. import places
from ..model import Evidence, Extraction, Node, Release, Value
from ..resolve import Curation
from ..text import SpanIndex, forget_texts, literal_alternation, sentences, text_cache
from . import events as ev
from . import mentions as mn
from . import roles
from .dates import DateSpan, find_dates, parse_dateline
from .lexicon import Lexicon, load
from .people import people


def extract(release: Release, curation: Curation = Curation()) -> Extraction:
    """Every fact the release states, as nodes and facts with evidence."""
    lex = load(tuple(sorted(curation.aliases.items())))
    forget_texts()
    return _Extractor(release, lex, curation).run()


# a full stop, not the dot of "Mr.", "Dr." or an initial (the look-behinds follow the dot, so that
# they are tried at dots only)
_STOP = r"[;:]|\.(?<!\bMr\.)(?<!\bMrs\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bSt\.)(?<!\bProf\.)(?<!\b[A-Z]\.)"
_NP_END = re.compile(r",\s(?:the|a|an|held|which|who|where|in|on|at|from|was|were|and\s+the)\s|" + _STOP
                     + r"|\s(?:participated|attended|took|held|visited|met|delivered|hosted)\b")
_NP_END_LIST = re.compile(_STOP + r"|\s(?:to|which|who|where|held|participated|attended|took|delivered|the\s+[a-z]\w*ed)\s")
# the verbs that tell an event as a prefix tree whose words open with their first letter and test the
# word boundary after it (the search skips ahead from letter to letter)
_VERB_EVENT_WORDS = ["visited", "visits", "paid a visit to", "pays a visit to", "met with", "met", "to meet", "agreed",
                     "agree", "signed", "sign", "welcomed a delegation from", "welcomed a delegation of",
                     "received a delegation from", "received a delegation of", "welcomes a delegation from",
                     "receives a delegation from"]
_VERB_EVENT = re.compile("(" + literal_alternation(_VERB_EVENT_WORDS, after_first=r"(?<![\w].)") + r")\b")
# "at (the) (premises of (the))": the look-behind (a word starts at "at") follows the literal, which
# the search can then skip ahead to
_AT_HOUSE = re.compile(r"at(?<!\wat)\s+(?:the\s+)?(?:premises\s+of\s+(?:the\s+)?)?")
_FIRST_NAME = re.compile(r"([A-Z](?<![\w].)[a-zà-ÿ]+)\s+([A-Z][\w’'-]*)\b")  # (the look-behind is the \b)
_HTTP_URL = re.compile(r"https?://[^/\s]")
_HEADER_PLACES = re.compile(r"\s*(?:[A-Z][\w’'./-]*(?:\s+[A-Z][\w’'./-]*)*(?:\s*\([A-Z][^()\n]{1,40}\))?,\s*){1,4}")
# (the acronym's first capital comes first and the word boundary after it, as a look-behind: the
# search skips ahead from capital to capital)
_ACRONYM_SLASH_COUNTRY = re.compile(r"([A-Z](?<![\w].)[A-Z]{1,7})\s?/\s?([A-Z][a-z]+(?: [A-Z][a-z]+)?)\b")
_ACRONYM_SLASH_CODE = re.compile(r"([A-Z](?<![\w].)[A-Z]{1,7})\s+([A-Z]/[A-Z]{1,2})(?![\w/])")
_ORDINAL_BEFORE = re.compile(r"\b\d{1,3}(?:st|nd|rd|th)\s+$")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)
_COMMA_END = re.compile(r",\s*$")
_BE_BEFORE = re.compile(r"\b(?:was|were|is|are|be|been|being)\s+$")
_BE_PAST_BEFORE = re.compile(r"\b(?:was|were|be|been|being)\s+$")
_HQ_AFTER = re.compile(r"\s*(?:Headquarters|headquarters|Secretariat)\b")
_TODAY = re.compile(r"\btoday\b")
_PREPOSITIONS = frozenset(("in", "at", "on", "from", "by", "to", "for", "with", "during", "under", "of", "as"))
_GATHERINGS = frozenset(("meeting", "conference", "forum", "workshop", "seminar"))
_BODY_KINDS = _GATHERINGS | {"session"}  # the kinds of event a body holds: "the 40th Session of the X"
_OF_BEFORE = re.compile(r"\bof\s+(?:the\s+)?$")
_ITS = re.compile(r"\s+(?:its|their)\s+")
_DIGIT = re.compile(r"\d")
_CAPITAL_BEFORE = re.compile(r"\b(?:in|at)\s+the\s+(?:[A-Z][\w-]*\s+)?capital(?:\s+city)?(?:\s+of\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)?,?\s+$")
_TO_BEFORE = re.compile(r"\bto\s+(?:the\s+)?$")
_LINE = re.compile(r"\n*([^\n]*)")
_THANK = re.compile(r"\b(?:[Tt]hank(?:ed|s|ing)?|(?:gratitude|grateful|appreciation)\s+to)\b")
_KIND_PREPOSITION = re.compile(r"\b(?:of|on|for|to)\b")
_TRIGGER = re.compile(r"\b(?:held|took place|met|meet|participated|attended|hosted|organi[sz]ed|convened|visited|"
                      r"gathered|opened|launched|signed|took part|conducted|delivered|carried out|undertook)\b")
_LEAD_CLAUSE = re.compile(r"(?:^|,\s*)(?:[Aa]t the invitation of|[Oo]n the invitation of|[Aa]t the request of|[Oo]n \d|[Ii]n \d|[Dd]uring|[Aa]fter|[Ff]ollowing|[Ii]n (?:his|her|their))[^,]*,\s*")
_RELATIVE_AFTER_COMMA = re.compile(r",\s*(?:which|who|that)\b")
_NP_STOP = re.compile(r"[,;.:]|\s(?:from|to|on|in|at|for|during|with|and\s+(?:the\s+)?[a-z])\s|\s\d")
_COMMA = re.compile(r",\s*")
_LIST_LEAD = re.compile(r"^(?:and\s+|as well as\s+)?(?:[Tt]he\s+)?")
_PREPOSITION_START = re.compile(r"(?:At|On|In|During|After|Following|Under|With|For|Through|Upon|As|By)\b")
_ROLE_START = re.compile(r"(?:[A-Z]{2,}\s+)?(?:Deputy |Executive |Vice[- ])?(?:Secretary|Director|Head|Chair|Minister|President|"
                         r"Commissioner|Ambassador|Administrator|Representative|representative|Chief)")
_RELATIVE = re.compile(r"\s(?:which|who|whose|that)\s")
_AND_THE = re.compile(r"^(?:and\s+)?(?:the\s+)?")
_HONORIFIC_START = re.compile(r"^(?:Mr|Mrs|Ms|Dr)\.?\s+")
_PLACE_CUE = re.compile(r"(?:\b(?:in|at|held in|place in|to)\s+(?:the\s+)?(?:[A-Z][\w-]*\s+){0,4}(?:Headquarters\s+in\s+)?|^|\n|,\s*)$")
_FROM_BEFORE = re.compile(r"\b(?:from|of|by|with|and)\s+$")
_IN_BEFORE = re.compile(r"\b(?:in|held in|place in|at)\s+(?:the\s+)?(?:[A-Z][\w-]*\s+){0,4}(?:Headquarters\s+in\s+)?$")
_ON_ABOUT = re.compile(r"\b(?:on|about)\s+(?:the\s+)?(.+)$")
_BULLET = re.compile(r"[•\-*–·]\s*")
_BULLET_ITEM = re.compile(r"[•\-*–·]\s*(?:The\s+|the\s+)?")
_QUOTED = re.compile(r"[‘“\"']([^‘’“”\"']{8,120})[’”\"']")
_CHAPTERS = re.compile(r"\b[Cc]hapters?\s+((?:[IVXL]+|\d+)\s*\([^)]{3,80}\)(?:\s*(?:,|and)\s*(?:[IVXL]+|\d+)\s*\([^)]{3,80}\))*)(\s+of\s+(?:the\s+)?[A-Z][A-Za-z]+)?")
_CHAPTER_PART = re.compile(r"(?:[IVXL]+|\d+)\s*\([^)]{3,80}\)")
_LIST_INTRO = re.compile(r"[\s:]*(?:the following(?:\s+\w+)?\s*:?\s*|included\s*:?\s*|:)?\s*")
_LIST_PART = re.compile(r"[^;•\n]+")
_LIST_PIECE = re.compile(r"(?:[^,]|,(?!\s+(?:and\s+)?[a-z]))+")
_AND_OR_START = re.compile(r"^\s*(?:and|or)\s+")
_ARTICLE = re.compile(r"(?:the|a|an)\s+", re.I)
_NOT_TOPIC_START = re.compile(r"^(?:by|with|to|in|on|at|from|and|or|that|which|who|was|were|is|are|has|have|will|had|also|as)\b", re.I)
_SPACES = re.compile(r"\s+")
_ANY_YEAR = 2000  # a leap year
# the kind of an event no phrase names, by the meaning of the trigger that tells it
_UNNAMED_KINDS = {"signing": "signing", "visit": "visit", "meeting": "meeting", "beneficiary": "training"}
_NAME_WORDS = re.compile(r"(?:[’']s)?(?:\s+[A-Z][\w’'-]*)*\s+")  # "ABC| Policy Organs |Meetings"


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


@text_cache(maxsize=4096)
def _norm(s: str) -> str:
    return " ".join(places.fold(s).lower().replace("’", "'").split())


def _has_topic(e: ev.Event, topic: str) -> bool:
    key = _norm(topic)
    return any(key == _norm(t) for t, _, _ in e.topics)


_NEVER_NAMES = {"The", "This", "WCO", "Customs", "Secretary", "General", "Director", "Heads", "Head", "Minister",
                "Deputy", "Vice", "Chair", "Regional", "Conference", "Committee", "Council", "Session", "Meeting",
                "In", "On", "At", "During", "After", "Both", "Members", "Member", "International", "National",
                "Organization", "Organisation", "Office"}


@lru_cache(maxsize=4)
def _never_names(lex: Lexicon) -> frozenset[str]:
    """Words that never end or start a person's name: month names and the words of roles and bodies."""
    return frozenset(_NEVER_NAMES | {w.capitalize() for w in lex.months})


class _Org:
    """One organization of a release with every name and mention it has there."""

    def __init__(self, name: str, ident: str, acronym: str | None = None, from_gazetteer: bool = False):
        self.name = name
        self.ident = ident
        self.acronym = acronym
        self.alt: set[str] = set()
        self.mentions: list[mn.Mention] = []
        self.from_gazetteer = from_gazetteer
        self.key = ""


class _Extractor:
    def __init__(self, release: Release, lex: Lexicon, curation: Curation):
        self.r = release
        self.text = release.text
        self.lex = lex
        self.cur = curation
        self.ex = Extraction(release)
        self.start = release.title[0] if release.title else release.body_start
        self._pub_line: tuple[int, int] | None = None
        self._dated_at: list[mn.Mention] = []  # the places of a "Brussels, 15 March 2011" line
        skip = [release.dateline] if release.dateline else []
        self.sents = [s for s in sentences(self.text, self.start)
                      if not any(a <= s[0] and s[1] <= b for a, b in skip)]
        self._sent_starts = [a for a, _ in self.sents]

    # -- helpers ---------------------------------------------------------------------------------
    def evidence(self, a: int, b: int, rule: str, conf: float = 0.9) -> Evidence:
        return Evidence(a, b, rule, conf)

    def places_in(self, a: int, b: int) -> list[mn.Mention]:
        """The places that start in ``a:b``, in text order (``self.places`` is sorted and does not overlap)."""
        starts = self._place_starts
        return self.places[bisect.bisect_left(starts, a):bisect.bisect_left(starts, b)]

    def sentence_of(self, pos: int) -> int:
        """The index of the sentence that holds ``pos``, -1 if none (the sentences are sorted and do
        not overlap)."""
        i = bisect.bisect_right(self._sent_starts, pos) - 1
        return i if i >= 0 and pos < self.sents[i][1] else -1

    # -- the pipeline ----------------------------------------------------------------------------
    def run(self) -> Extraction:
        r, text, ex = self.r, self.text, self.ex
        rel = ex.add_node(Node("release", "release", r.headline or r.id, ident=r.id))
        whole = Evidence(0, len(text), "reader", 1.0)
        ex.add_fact(rel.key, "identifier", Value(r.id), whole)
        if r.title:
            ex.add_fact(rel.key, "headline", Value(r.headline or ""), Evidence(*r.title, "reader-title", 1.0))
        self.places = self._places()
        self._place_starts = [m.start for m in self.places]
        published = r.published
        pub_ev = whole
        if published is None and r.dateline:
            published = parse_dateline(text[r.dateline[0]:r.dateline[1]], self.lex)
            pub_ev = Evidence(*r.dateline, "dateline", 1.0)
        if r.title:
            line_date, line_ev = self._place_dateline(published.year if published else None)
            if published is None and r.dateline is None and line_ev is not None:
                published, pub_ev = line_date, line_ev
        self.published = published
        if published:
            ex.add_fact(rel.key, "datePublished", Value(published.isoformat(), "date"), pub_ev)
        if r.url and _valid_url(r.url):
            ex.add_fact(rel.key, "url", Value(r.url, "iri"), whole)

        self.orgs = self._organizations()
        self.things = self._things()
        self.persons = self._people()
        self.events = self._events()
        self._roles()
        self._emails()
        self._emit()
        return ex

    def _place_dateline(self, year: int | None) -> tuple[dt.date | None, Evidence | None]:
        """A "Brussels/Montreal, 15 March 2011" line right below the title, or a paragraph that opens
        so ("FREDONIA CITY, 5 May (Agency) - ..."): the place and date of publication (a range there is
        an event's dates, not a publication date). Keeps the places in ``self._dated_at``; a yearless
        date takes ``year``."""
        assert self.r.title is not None
        pos = self.r.title[0]
        for _ in range(6):
            m = _LINE.match(self.text, pos)
            if m is None or m.end() >= len(self.text):
                break
            line_start, line = m.start(1), m.group(1)
            pos = m.end() + 1
            if not line.strip():
                continue
            head = _HEADER_PLACES.match(line)
            if head is None:
                continue
            # (a yearless date is read in any year, for its place: "VIENNA, 5 May (Agency) -")
            spans = find_dates(self.text, self.lex, year or _ANY_YEAR, line_start + head.end(),
                               line_start + min(len(line), head.end() + 30))
            if spans and spans[0].start == line_start + head.end() and spans[0].first == spans[0].last:
                self._pub_line = (line_start, spans[0].end)
                h0, h1 = line_start, line_start + head.end()
                at = self.places_in(h0, h1)
                if not at and self.text[h0:h1].isupper():  # "FREDONIA CITY, 5 May": the names as written elsewhere
                    at = [dc_replace(p, start=h0 + p.start, end=h0 + p.end)
                          for p in mn.countries_and_cities(self.text[h0:h1].title())]
                self._dated_at = at
                if spans[0].yearless and not year:
                    return None, None
                return spans[0].first, Evidence(spans[0].start, spans[0].end, "place-dateline", 0.9)
        return None, None

    # -- places ----------------------------------------------------------------------------------
    def _places(self) -> list[mn.Mention]:
        ms = [m for m in mn.countries_and_cities(self.text) + mn.adjective_countries(self.text) if m.start >= self.start]
        ms = [m for m in ms if not (self.r.dateline and self.r.dateline[0] <= m.start < self.r.dateline[1])]
        # a city inside a longer country name or a country inside a longer city name: keep the longer
        ms.sort(key=lambda m: (m.start, -(m.end - m.start)))
        out: list[mn.Mention] = []
        for m in ms:
            if out and m.start < out[-1].end:
                continue
            out.append(m)
        return out

    # -- organizations ---------------------------------------------------------------------------
    def _organizations(self) -> list[_Org]:
        text, lex = self.text, self.lex
        orgs: dict[str, _Org] = {}
        by_acr: dict[str, _Org] = {}

        def get(name: str, ident: str, acronym: str | None = None, gaz: bool = False) -> _Org:
            k = _norm(ident)
            o = orgs.get(k)
            if o is None:
                o = orgs[k] = _Org(name, ident, acronym, gaz)
            if acronym and not o.acronym:
                o.acronym = acronym
            if o.acronym:
                by_acr.setdefault(o.acronym, o)
            return o

        gaz = [m for m in mn.gazetteer(text, lex) if m.start >= self.start]
        self.gazetteer = gaz
        chunks = [m for m in mn.organizations(text, lex, self.start, self.cur.not_organizations) if m.start >= self.start]
        # "the 6th Global AEO Conference": a numbered gathering, not a body, wherever its name stands
        numbered = {m.name for m in chunks if self._after_ordinal(m.start)}
        chunks = [m for m in chunks if m.name not in numbered]
        chunks_by_end: dict[int, list[mn.Mention]] = {}
        for c in chunks:
            chunks_by_end.setdefault(c.end, []).append(c)
        defs = mn.acronym_definitions(text, lex)
        local = {acr: text[a:b] for a, b, acr, _, _ in defs}
        def clashes(m: mn.Mention) -> bool:
            """An acronym this release defines for something other than the gazetteer's entry."""
            acr = text[m.start:m.end]
            if acr not in local or acr != m.acronym:
                return False
            entry = lex.entries.get(local[acr])
            return entry is None or entry.name != m.name
        gaz = [m for m in gaz if not clashes(m)]
        self.gazetteer = gaz
        defined: dict[str, tuple[int, int]] = {}
        for m in gaz:
            if m.kind == "organization":
                o = get(m.name, m.ident, m.acronym, True)
                o.mentions.append(m)
        for a, b, acr, aa, ab in defs:
            if a < self.start:
                continue
            long = text[a:b]
            entry = lex.entries.get(long)
            chunk = next((c for c in chunks_by_end.get(b, ()) if a - 60 <= c.start <= a + 2), None)
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
            for t0, t1, tok in mn.token_occurrences(text, defined, self.start):
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
            if m.start() < self.start or m.group(2) not in cn or m.group() in defined:
                continue  # (an acronym this release defines, "(CCF/Japan)", names what it defines)
            name = f"{m.group(1)}/{m.group(2)}"
            o = get(name, name)
            o.alt.add(m.group())
            o.mentions.append(mn.Mention(m.start(), m.end(), "organization", name, name, "acronym-country"))
            for p in orgs.values():
                if p is not o:
                    p.mentions = [x for x in p.mentions if not (m.start() <= x.start < m.end())]
        # "ROCB A/P": an acronym with a regional qualifier is its own body
        for m in _ACRONYM_SLASH_CODE.finditer(text) if "/" in text else ():
            if m.start() < self.start or m.group(1) not in by_acr:
                continue
            parent = by_acr[m.group(1)]
            o = get(m.group(), m.group(), m.group())
            o.mentions.append(mn.Mention(m.start(), m.end(), "organization", m.group(), m.group(), "acronym-qualified", m.group()))
            parent.mentions = [x for x in parent.mentions if not (m.start() <= x.start < m.end())]
        covered = SpanIndex([(x.start, x.end) for o in orgs.values() for x in o.mentions])
        adjectives = places.country_adjectives()
        for c in chunks:
            if covered.covers(c.start, c.end):
                continue
            first, *rest = c.name.split()
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
        out = [o for o in orgs.values() if o.mentions]
        for o in out:
            o.mentions.sort(key=lambda m: m.start)
        return sorted(out, key=lambda o: o.mentions[0].start)

    def _after_ordinal(self, pos: int) -> bool:
        before = self.text[max(0, pos - 12):pos]
        return bool(_ORDINAL_BEFORE.search(before))

    def _org_mentions(self) -> tuple[list[int], list[tuple[_Org, mn.Mention]]]:
        """Every organization mention, sorted by start (longest first), with the starts for bisection;
        built once the organizations are known."""
        if getattr(self, "_org_index", None) is None:
            # "ABC Member States", "the ABC countries": the members, not the organization
            members = roles.load().not_the_organization
            pairs = sorted(((o, m) for o in self.orgs for m in o.mentions if not members.match(self.text, m.end)),
                           key=lambda x: (x[1].start, -(x[1].end - x[1].start)))
            self._org_index = ([m.start for _, m in pairs], pairs)
            self._org_starts = {m.start for _, m in pairs}
            self._org_span_index = SpanIndex([(m.start, m.end) for _, m in pairs])
        return self._org_index

    def org_at(self, a: int, b: int) -> list[tuple[_Org, mn.Mention]]:
        """Organizations mentioned inside ``a:b``, in text order, each once (its first mention there)."""
        starts, pairs = self._org_mentions()
        out = []
        seen = set()
        for i in range(bisect.bisect_left(starts, a), len(pairs)):
            o, m = pairs[i]
            if m.start >= b:
                break
            if m.end <= b and id(o) not in seen:
                out.append((o, m))
                seen.add(id(o))
        return out

    # -- instruments and programmes --------------------------------------------------------------
    def _things(self) -> list[mn.Mention]:
        text, lex = self.text, self.lex
        org_spans = [(m.start, m.end) for o in self.orgs for m in o.mentions]
        out = [m for m in self.gazetteer if m.kind in ("instrument", "programme")]
        for kind in ("instrument", "programme"):
            for m in mn.named_things(text, lex, kind):
                if m.start < self.start or any(a <= m.start and m.end <= b for a, b in org_spans):
                    continue
                entry = lex.entries.get(m.name)
                if entry is not None:
                    m = mn.Mention(m.start, m.end, entry.kind, entry.name, entry.name, "gazetteer", entry.acronym)
                out.append(m)
        # acronyms defined for an instrument or programme ("Freedonia Convention on Border Trade (FCBT)")
        for a, b, acr, aa, ab in mn.acronym_definitions(text, lex):
            for m in list(out):
                if m.end == b and m.start >= a - 60 and not m.acronym:
                    m.acronym = acr
                    for u0, u1, _ in mn.token_occurrences(text, (acr,), self.start):
                        out.append(mn.Mention(u0, u1, m.kind, m.name, m.ident, "acronym", acr))
        out = [m for m in out if m.start >= self.start]
        out.sort(key=lambda m: (m.start, -(m.end - m.start)))
        kept: list[mn.Mention] = []
        for m in out:
            if kept and m.start < kept[-1].end and m.kind == kept[-1].kind and m.ident != kept[-1].ident:
                continue
            kept.append(m)
        # "Integrity Programme" after "WCO Integrity Programme": the same thing under a shorter name
        names = {m.name for m in kept}
        for m in kept:
            longer = [n for n in names if n != m.name and n.endswith(" " + m.name) and m.rule != "gazetteer"]
            if longer:
                m.name = m.ident = min(longer, key=len)
        return kept

    # -- people ----------------------------------------------------------------------------------
    def _people(self) -> list[dict]:
        """The people of the release: name, role, affiliation and mentions, one entry per person."""
        not_names = set()
        for o in self.orgs:
            not_names.update(o.name.split())
            if o.acronym:
                not_names.add(o.acronym)
        for m in self.places:
            not_names.update(self.text[m.start:m.end].split())
        not_names |= _never_names(self.lex)
        found = people(self.text, self.lex, self.start, not_names)
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
                hits = self.org_at(p.org_span[0] - 1, p.org_span[1] + 1)
                if hits:
                    q["org"] = hits[0][0]
            if q["org"] is None and p.role:
                # "WCO Secretary General": the organization named inside the role
                for o in self.orgs:
                    if o.acronym and p.role.split()[:1] == [o.acronym]:
                        q["org"] = o
        # "Mr. Benjamin" where the text also writes "Raymond Benjamin": the full name
        for q in persons.values():
            if len(q["name"].split()) == 1:
                for m in _FIRST_NAME.finditer(self.text, self.start):
                    if m.group(2) == q["name"] and m.group(1) not in not_names and m.group(1) not in self.lex.set("honorifics"):
                        q["name"] = f"{m.group(1)} {q['name']}"
                        break
        return list(persons.values())

    # -- events ----------------------------------------------------------------------------------
    def _events(self) -> list[ev.Event]:
        text, lex = self.text, self.lex
        ems = ev.event_mentions(text, lex, self.sents, self.r.title)
        # an event noun inside an organization's name is not an event ("Conference of Heads of Ruritanian Ports")
        org_spans = SpanIndex([(m.start, m.end) for o in self.orgs for m in o.mentions])
        ems = [e for e in ems if e.ordinal or not org_spans.covers(e.start, e.end)]
        # the kind word inside an organization's name ("United Nations Conference on Trade ...") is no event
        ems = [e for e in ems if not org_spans.covers(e.noun) or e.ordinal and org_spans.covers(e.start, e.end)]
        events: list[ev.Event] = []
        by_label: dict[str, ev.Event] = {}
        last: ev.Event | None = None
        has_gathering = any(m.concrete and m.kind in _GATHERINGS for m in ems)
        promoted = None
        if not any(m.concrete and not ev.is_generic(m.label) for m in ems):
            # no event is named: "the WCO took part in a regional workshop held in Accra from 30 September to
            # 2 October" reports one all the same, when a trigger and a date or a place stand with it
            for em in ems:
                s0, s1 = self.sents[em.sentence]
                if (em.kind in _GATHERINGS or em.kind in ("training", "mission")) and _TRIGGER.search(text, s0, s1) \
                        and (self.places_in(s0, s1) or _DIGIT.search(text, s0, s1)):
                    em.concrete = True
                    em.label = _LEADING_ARTICLE.sub("", em.label)
                    promoted = em
                    break
        for em in ems:
            key = _norm(_LEADING_ARTICLE.sub("", em.label))
            if em.kind == "session" and not em.ordinal and has_gathering:
                em.concrete = False  # "the Opening Session", "a panel session on ...": a part of the meeting
            if em.concrete and (em is promoted or not ev.is_generic(em.label)):
                e = by_label.get(key)
                if e is None:
                    # the same event again under a shorter or longer name
                    e = next((x for x in events if x.kind == em.kind and (
                        em.ordinal and x.ordinal == em.ordinal  # "20th RTC Heads Meeting" = "20th Meeting of Heads of ..."
                        or (key in _norm(x.label) or _norm(x.label) in key)
                        and (x.ordinal == em.ordinal or not x.ordinal or not em.ordinal))), None)
                    if e is not None and len(em.label) > len(e.label) and em.ordinal:
                        e.label = em.label
                if e is None:
                    e = ev.Event(f"event{len(events)}", em.kind, em.label, ordinal=em.ordinal)
                    events.append(e)
                    by_label[key] = e
                e.mentions.append(em)
                last = e
            else:
                target = last if last is not None and (last.kind == em.kind or em.kind in ("meeting", "session", "other")) else None
                target = target or next((x for x in events if x.kind == em.kind), None)
                if target is not None:
                    target.mentions.append(em)
        self._verb_events(events, ems)
        self.event_mentions = ems
        self._frames(events)
        return events

    def _roles(self) -> None:
        """The roles the trigger phrases of ``ontology/data/triggers.json`` state (see ``roles``). In a
        release that names no event, the first sentence that states a role reports one ("Freedonia
        Customs and the Alpha Police signed a memorandum"): it is named after its event phrase, or
        after what the trigger tells ("signing", "visit", "meeting")."""
        found = sorted(((m.start, m.end, e) for e in self.events for m in e.mentions), key=lambda x: x[:2])
        unnamed = ev.Event(f"event{len(self.events)}", "other", "") if self.main is None else None
        claims = roles.read_roles(self.text, self.sents, self._role_mentions, self._clause_start, found,
                                  self.main or unnamed)
        first = next((c for c in claims if c.event is unnamed), None)
        if first is not None:
            assert unnamed is not None
            si = self.sentence_of(first.start)
            s0, s1 = self.sents[si] if si >= 0 else (first.start, first.end)
            phrase = next((m for m in self.event_mentions if s0 <= m.start < s1), None)
            if phrase is not None:
                unnamed.kind, unnamed.label = phrase.kind, _LEADING_ARTICLE.sub("", phrase.label)
                mention = phrase
            else:
                unnamed.kind = _UNNAMED_KINDS.get(first.meaning, "meeting")
                names = list(dict.fromkeys(c.org.acronym or c.org.name for c in claims if c.event is unnamed))
                unnamed.label = f"{unnamed.kind} of {' and '.join(names[:3])}"
                mention = ev.EventMention(first.start, first.end, unnamed.kind, unnamed.label, None, True, si, first.start)
            unnamed.mentions.append(mention)
            unnamed.places.extend(p for p in self._event_places(s0, s1, unnamed))
            self.events.append(unnamed)
            self.main = unnamed
        placed: set[int] = set()
        dated: set[int] = set()
        for c in claims:
            c.event.roles.append((c.role, c.org, (c.start, c.end)))
            # an event no sentence places: where the first sentence that gives it a role says it was
            if not c.event.places and id(c.event) not in placed:
                placed.add(id(c.event))
                si = self.sentence_of(c.start)
                if si >= 0:
                    c.event.places.extend(self._event_places(*self.sents[si], c.event))
                    if c.event.places and c.event.mode is None:
                        c.event.mode = "in-person"
            # ... and when: the dates of that sentence (a range first)
            if not c.event.dates and id(c.event) not in dated:
                dated.add(id(c.event))
                si = self.sentence_of(c.start)
                if si >= 0:
                    s0, s1 = self.sents[si]
                    here = [d for d in self._dates if s0 <= d.start < s1]
                    if here:
                        c.event.dates.append(next((d for d in here if d.first != d.last), here[0]))

    def _role_mentions(self, a: int, b: int) -> list[tuple[_Org, mn.Mention]]:
        """The organizations named in ``a:b`` and those of the people named there, by start."""
        return sorted(self.org_at(a, b) + self._person_orgs(a, b), key=lambda x: (x[1].start, -x[1].end))

    def _verb_events(self, events: list[ev.Event], ems: list[ev.EventMention]) -> None:
        """A visit or a meeting told by its verb ("X visited Germany", "A and B met at ..."): an event
        of its own when the sentence names no event."""
        named = {self.sentence_of(x.start) for x in ems}  # the sentences that name an event
        # where in ``events`` the first event of a label is, and the first of a kind without an ordinal
        first_label: dict[str, int] = {}
        first_kind: dict[str, int] = {}

        def note(i: int, x: ev.Event) -> None:
            first_label.setdefault(x.label, i)
            if not x.ordinal:
                first_kind.setdefault(x.kind, i)
        for i, x in enumerate(events):
            note(i, x)
        for si, (s0, s1) in enumerate(self.sents):
            if si in named:
                continue
            m = _VERB_EVENT.search(self.text, s0, s1)
            if m is None:
                continue
            a, b = m.start(), m.end()
            subject = self._subject_orgs(self._clause_start(s0, a), a, [])
            obj_end = self._object_end(b, s1)
            objects = self.org_at(b, obj_end)
            obj_places = [p for p in self.places_in(b, obj_end) if p.rule != "country-adjective"]
            if not subject:
                continue
            names = [o.acronym or o.name for o, _ in subject]
            roles: list = []  # what the verb alone tells of who hosts and who attends
            if m.group(1) in ("visited", "visits", "paid a visit to", "pays a visit to"):
                target = objects[0][0].acronym or objects[0][0].name if objects else \
                    (self.text[obj_places[0].start:obj_places[0].end] if obj_places else None)
                if target is None:
                    continue
                label, kind = f"visit of {' and '.join(names)} to {target}", "visit"
            elif m.group(1).endswith(("delegation from", "delegation of")):
                # "X welcomed a delegation from Y": Y visits X, who hosts
                if not objects:
                    continue
                visitor = objects[0][0]
                label, kind = f"visit of {visitor.acronym or visitor.name} to {' and '.join(names)}", "visit"
                roles = [("organizer", o, (om.start, b)) for o, om in subject]
                roles.append(("attendee", visitor, (a, objects[0][1].end)))
            elif m.group(1) in ("agreed", "agree", "signed", "sign"):
                parties = list(dict.fromkeys(names + [o.acronym or o.name for o, _ in objects]))
                if len(parties) < 2:
                    continue
                agreed = m.group(1).startswith("agree")
                label = f"{'agreement' if agreed else 'signing'} between {' and '.join(parties)}"
                kind = "other" if agreed else "signing"
            else:
                label, kind = f"meeting of {' and '.join(names + [o.acronym or o.name for o, _ in objects])}", "meeting"
            mention = ev.EventMention(a, b, kind, label, None, True, si, a)
            # the same visit told in the title and the body, or a signing the title already names
            twins = [i for i in (first_label.get(label), first_kind.get(kind) if kind in ("visit", "signing") else None)
                     if i is not None]
            if twins:
                if not roles:  # (a delegation's visit told again keeps its first telling alone)
                    events[min(twins)].mentions.append(mention)
                continue
            e = ev.Event(f"event{len(events)}", kind, label)
            e.mentions.append(mention)
            e.roles += roles
            note(len(events), e)
            events.append(e)

    def _main_event(self, events: list[ev.Event]) -> ev.Event | None:
        """The event a release is about: the first one named in the title or the first sentences."""
        for e in events:
            for m in e.mentions:
                if self.r.title and self.r.title[0] <= m.start < self.r.title[1]:
                    return e
        return events[0] if events else None

    def _frames(self, events: list[ev.Event]) -> None:
        text, lex = self.text, self.lex
        main = self._main_event(events)
        self.main = main
        sents = self.sents
        part = lex.phrases("participation_verbs", ignore_case=True).per_span(text, sents)
        speech = lex.set("speech_verbs", lower=True)
        host_v = lex.phrases("hosting_verbs").per_span(text, sents)
        passive_host = lex.phrases("passive_hosting", ignore_case=True).per_span(text, sents)
        thanks_host = lex.phrases("hosting_thanks", ignore_case=True).per_span(text, sents)
        invite = lex.set("invitation_phrases")
        passive_att = lex.phrases("passive_attendance", ignore_case=True).per_span(text, sents)
        virtual = lex.phrases("virtual_words").per_span(text, sents)
        hybrid_words = lex.phrases("hybrid_words")
        hybrid = hybrid_words.per_span(text, sents)
        default_year = self.published.year if self.published else None
        dates = [d for d in find_dates(text, lex, default_year, self.start) if not self._in_dateline(d.start)]
        if self.published:
            dates = [self._fix_year(d) for d in dates]
            pub_line = self._pub_line
            dates = [d for d in dates if not (pub_line and pub_line[0] <= d.start < pub_line[1])]
        self._dates = dates

        index = sorted(((m.start, i) for i, e in enumerate(events) for m in e.mentions))
        starts = [x for x, _ in index]

        def mentions_in(a: int, b: int) -> list[tuple[int, ev.Event]]:
            """(start, event) of every event mention starting inside ``a:b``."""
            return [(x, events[i]) for x, i in index[bisect.bisect_left(starts, a):bisect.bisect_left(starts, b)]]

        def events_in(a: int, b: int) -> list[ev.Event]:
            found: list[ev.Event] = []
            for _, e in mentions_in(a, b):
                if e not in found:
                    found.append(e)
            return found

        header_hosts: list[tuple[ev.Event, tuple]] = []
        for si, (s0, s1) in enumerate(self.sents):
            sent = text[s0:s1]
            here = events_in(s0, s1)
            target = here[0] if here else None
            # invitation / passive hosting: "at the invitation of X", "organized by X"
            consumed: list[tuple[int, int]] = []
            for m in passive_host[si]:
                np_end = self._host_np_end(m.end(), s1)
                consumed.append((m.start(), np_end))
                hosts = self.org_at(m.end(), np_end)
                if not hosts:
                    hosts = self._person_orgs(m.end(), np_end)
                after = events_in(m.end(), s1)
                before = events_in(s0, m.start())
                e = (before[-1] if before and text[before[-1].mentions[-1].end:m.start()].strip(" ,") in ("", "was", "were", "is", "will be", "has been", "was jointly", "was also")
                     else after[0] if after else before[-1] if before else main if m.group().lower() in invite else None)
                if e is None:
                    continue
                role = "invitedBy" if m.group().lower() in invite else "organizer"
                if m.group() in ("in collaboration with", "in cooperation with", "in partnership with", "with the support of", "funded by", "sponsored by"):
                    role = "organizer"
                for o, om in hosts:
                    e.roles.append((role, o, (m.start(), om.end)))
            # "thanked X for hosting (the event)": X hosted (and "hosting" there has no subject of its own)
            thanked: list[tuple[int, int]] = []
            for m in thanks_host[si]:
                thanked.append((m.start(), m.end()))
                thank = None
                for thank in _THANK.finditer(text, s0, m.start()):
                    pass
                if thank is None:
                    continue
                after = events_in(m.end(), s1)
                e = after[0] if after else (here[0] if here else main)
                if e is None:
                    continue
                for o, om in self.org_at(thank.end(), m.start()):
                    e.roles.append(("organizer", o, (thank.start(), m.end())))
            # active hosting: "X hosted/organized/held (its) EVENT"
            for m in host_v[si]:
                if any(a <= m.start() < b for a, b in thanked):
                    continue
                after = events_in(m.end(), min(m.end() + 61, s1))
                if not after:
                    continue
                if _COMMA_END.search(text[max(s0, m.start() - 3):m.start()]):
                    # ", held in Vienna": a participle describing the event, not its host; but "X, in
                    # partnership with Y, convened a workshop": the verb and its object
                    gap = text[m.end():mentions_in(m.end(), s1)[0][0]].split()
                    if len(gap) > 2 or any(w.lower() in _PREPOSITIONS for w in gap):
                        continue
                subj_start = self._subject_start(self._clause_start(s0, m.start()), m.start())
                participle = m.group().endswith("ed") or m.group() in ("held", "run", "ran")
                if participle and _BE_BEFORE.search(text[subj_start:m.start()]):
                    continue
                subj = self._subject_orgs(subj_start, m.start(), consumed)
                for o, om in subj:
                    after[0].roles.append(("organizer", o, (om.start, m.end())))
                # "the Enforcement Committee held its 40th Session": the subject's own session
                e = after[0]
                if subj and e.body is None and e.ordinal and e.kind in _BODY_KINDS \
                        and _ITS.fullmatch(text, m.end(), mentions_in(m.end(), s1)[0][0]):
                    e.body_org, e.body = subj[0]
                    if " of " not in e.label:
                        e.label = f"{e.label} of the {e.body_org.name}"
            # participation: "X participated in / attended EVENT"
            for m in part[si]:
                clause = self._clause_start(s0, m.start())
                subj_start = clause if m.group().lower() in speech else self._subject_start(clause, m.start())
                subject = text[subj_start:m.start()]
                if _BE_PAST_BEFORE.search(subject) and "represented" not in m.group():
                    continue
                after = events_in(m.end(), s1)
                e = after[0] if after else (here[-1] if here else main)
                if e is None:
                    continue
                subj = self._subject_orgs(subj_start, m.start(), consumed)
                if m.group().lower().startswith(("visit", "met with", "travel")):
                    obj_end = self._object_end(m.end(), s1)
                    e.places.extend(self.places_in(m.end(), obj_end))
                    for o, om in self.org_at(m.end(), obj_end):
                        e.roles.append(("organizer" if m.group().lower().startswith("visit") else "attendee", o, (m.start(), om.end)))
                for o, om in subj:
                    e.roles.append(("attendee", o, (om.start, m.end())))
                # "took part in a panel with ..., among them the ABC, DEF and GHI"
                w = re.compile(r"\bwith\b").search(text, m.end(), s1)
                if w:
                    for o, om in self.org_at(w.end(), self._np_end(w.end(), s1, allow_commas=True)):
                        e.roles.append(("attendee", o, (m.start(), om.end)))
            for m in passive_att[si]:
                e = here[0] if here else main
                if e is None:
                    continue
                np_end = self._np_end(m.end(), s1, allow_commas=True)
                for o, om in self.org_at(m.end(), np_end):
                    e.roles.append(("attendee", o, (m.start(), om.end)))
            # "at the ABC Headquarters", "at the premises of the ABC Secretariat": the host's own house
            for m in _AT_HOUSE.finditer(sent):
                seg_end = s0 + m.end()
                hits = self.org_at(seg_end, seg_end + 120)
                if hits and hits[0][1].start == seg_end and (
                        "premises" in m.group() or _HQ_AFTER.match(text[hits[0][1].end:hits[0][1].end + 14])
                        or text[hits[0][1].start:hits[0][1].end].endswith(("Secretariat", "Headquarters"))):
                    for e in here[:1]:
                        e.roles.append(("organizer", hits[0][0], (s0 + m.start(), hits[0][1].end)))
            # when and where, for the events of this sentence (or the main event in a dateline-like line)
            sent_dates = [d for d in dates if s0 <= d.start < s1]
            today = _TODAY.search(sent) if "today" in sent else None
            if not sent_dates and today and self.published and here:
                sent_dates = [DateSpan(s0 + today.start(), s0 + today.end(), self.published, self.published)]
            if sent_dates:
                e = target or (main if self._is_header_line(s0, s1) or self._has_trigger(sent) else None)
                if e is not None and not e.dates:
                    pick = next((d for d in sent_dates if d.first != d.last), sent_dates[0])
                    e.dates.append(pick)
            pure_pub_line = self._pub_line and self._pub_line[0] <= s0 and s1 <= self._pub_line[1]
            if main and not here and sent_dates and self._is_header_line(s0, s1) and not pure_pub_line:
                # "ABC, Fredonia City, 3-4 May 2021", "DEF Headquarters, 7 and 8 June 2022": the host's line
                first = self.org_at(s0, sent_dates[0].start)
                if first and first[0][1].start == s0:
                    header_hosts.append((main, ("organizer", first[0][0], (s0, first[0][1].end))))
            for e in here or ([main] if main and self._is_header_line(s0, s1) and not pure_pub_line else []):
                if e is None:
                    continue
                for p in self._event_places(s0, s1, e):
                    e.places.append(p)
                if hybrid[si]:
                    e.mode = "hybrid"
                elif virtual[si] and e.mode is None:
                    e.mode = "virtual"
        for e in events:
            if e.kind == "visit":
                # "a study visit to the X": X is visited, and the visited party hosts the visit and takes part in it
                for m in e.mentions:
                    visited = next(((o, om) for o, om in self.org_at(m.start, m.end)
                                    if _TO_BEFORE.search(text, max(m.start, om.start - 8), om.start)), None)
                    if visited is not None:
                        e.roles.append(("organizer", visited[0], (m.start, visited[1].end)))
                        break
                e.roles += [("attendee", o, span) for r, o, span in e.roles if r in ("organizer", "invitedBy")]
            if e.mode is None and e.places:
                e.mode = "in-person"
            for m in e.mentions[:1]:
                if self.r.title and self.r.title[0] <= m.start < self.r.title[1]:
                    if hybrid_words.search(text, self.r.title[0], self.r.title[1]):
                        e.mode = "hybrid"
            # the body whose session it is: "10th session of the Implementation Review Group"
            for m in e.mentions:
                if m.concrete:
                    bodies = self.org_at(m.start, m.end)
                    noun_end = self._kind_noun_end(m)
                    # "the 10th session of the X": the body follows "of" ("a workshop ... for X" serves X)
                    named_after = [(o, x) for o, x in bodies if x.end <= m.noun and _NAME_WORDS.fullmatch(text, x.end, m.noun)]
                    bodies = [(o, x) for o, x in bodies if x.start >= noun_end and _OF_BEFORE.search(text, m.start, x.start)]
                    if bodies and e.kind in _BODY_KINDS:
                        e.body = bodies[0][1]
                        e.body_org = bodies[0][0]
                        # a body holds its own sessions, whoever invites to them
                        if e.ordinal or roles.is_body(e.body_org.name):
                            e.roles.append(("organizer", e.body_org, (m.start, m.end)))
                        break
                    if named_after and e.kind in _BODY_KINDS and m.concrete and (e.ordinal or roles.is_body(named_after[-1][0].name)):
                        # "the 30th Alpha Summit", "the Executive Committee meeting": named after its host
                        e.roles.append(("organizer", named_after[-1][0], (m.start, m.end)))
                        break
        for e, role in header_hosts:
            e.roles.append(role)
        # "MONTENEGRO, Budva, 19 September 2017 - ... is hosting a learning event": with no place of its
        # own and not held online, the event the release is about took place where the release was dated
        dated_at = self._dated_at
        one_country = len({p.ident if p.kind == "country" else p.extra.get("country") for p in dated_at}) == 1
        if main is not None and not main.places and main.mode != "virtual" and one_country:  # not "Brussels/Montreal"
            main.places.extend(dated_at)
            main.mode = main.mode or "in-person"
        self._topics(events, main)

    def _kind_noun_end(self, m: ev.EventMention) -> int:
        """Where the kind noun of an event phrase ends ("10th session| of the ...")."""
        k = _KIND_PREPOSITION.search(self.text[m.start:m.end])
        return m.start + (k.start() if k else m.end - m.start)

    def _fix_year(self, d: DateSpan) -> DateSpan:
        if not d.yearless or self.published is None:
            return d
        if (d.first - self.published).days > 120:
            try:
                return DateSpan(d.start, d.end, d.first.replace(year=d.first.year - 1), d.last.replace(year=d.last.year - 1), True)
            except ValueError:
                return d
        return d

    def _in_dateline(self, pos: int) -> bool:
        return bool(self.r.dateline and self.r.dateline[0] <= pos < self.r.dateline[1])

    def _is_header_line(self, s0: int, s1: int) -> bool:
        """A short line such as "Fredonia City, 3-7 March 2021" or "DEF Headquarters, 7 and 8 June 2022"."""
        line = self.text[s0:s1]
        return len(line) < 160 and "\n" not in line and not line.rstrip().endswith(".") and s0 < self.start + 600

    def _has_trigger(self, sent: str) -> bool:
        return bool(_TRIGGER.search(sent))

    def _clause_start(self, s0: int, pos: int) -> int:
        """Start of the clause that ends at ``pos``: after an introductory "At the invitation of X," or "On DATE,"."""
        seg = self.text[s0:pos]
        best = s0
        for m in _LEAD_CLAUSE.finditer(seg):
            best = s0 + m.end()
        # a relative clause right before the verb ("..., which ...") is not the subject
        rel = list(_RELATIVE_AFTER_COMMA.finditer(seg))
        if rel:
            best = max(best, s0 + rel[-1].end())
        return best

    def _object_end(self, pos: int, s1: int) -> int:
        """End of the object of "visited" / "met with": before a comma, a date or a preposition."""
        m = _NP_STOP.search(self.text[pos:s1])
        return pos + (m.start() if m else s1 - pos)

    def _np_end(self, pos: int, s1: int, allow_commas: bool = False) -> int:
        """End of the noun phrase starting at ``pos``: the next clause boundary."""
        m = (_NP_END_LIST if allow_commas else _NP_END).search(self.text, pos, s1)
        return m.start() if m else s1

    def _subject_start(self, s0: int, verb: int) -> int:
        """Start of the subject of the verb at ``verb``, walking back over comma-separated segments:
        a person with a role apposition ("Dr. X, the Secretary General of Y, participated"), a role
        with a person ("the Secretary General of Y, X, visited"), or a list of organizations. What lies
        before (an "At the invitation of ..." phrase) is not the subject."""
        text = self.text
        cuts = [s0] + [m.end() for m in _COMMA.finditer(text[s0:verb])]
        cuts = [s0] + [s0 + c for c in cuts[1:]]
        segs = [(cuts[i], (cuts[i + 1] if i + 1 < len(cuts) else verb)) for i in range(len(cuts))]
        segs = [(a, b) for a, b in segs if text[a:b].strip(" ,")]
        if not segs:
            return s0

        self._org_mentions()
        person_spans = self._person_index()[0]

        def kind(a: int, b: int) -> str:
            seg = text[a:b].strip(" ,")
            body = _LIST_LEAD.sub("", seg)
            off = a + len(seg) - len(body)
            if _PREPOSITION_START.match(seg):
                return "intro"
            if person_spans.covers(off) or person_spans.covers(off + 4) and off + 4 < b:
                return "person"
            if _ROLE_START.match(body):
                return "role"
            if off in self._org_starts:
                return "org"
            return "other"

        kinds = [kind(a, b) for a, b in segs]
        i = len(segs) - 1
        last = kinds[i]
        if last == "intro":
            return segs[i][1]
        if last in ("role", "person"):
            want = "person" if last == "role" else "role"
            if i > 0 and kinds[i - 1] == want:
                i -= 1
        else:
            while i > 0 and kinds[i - 1] in ("org", "other") and kinds[i - 1] != "intro":
                if last == "org" and kinds[i - 1] != "org":
                    break
                i -= 1
        return segs[i][0]

    def _subject_orgs(self, a: int, b: int, consumed: list[tuple[int, int]]) -> list[tuple[_Org, mn.Mention]]:
        """Organizations of the subject ``a:b`` of a verb: named there or through a person's affiliation,
        leaving out relative clauses and the hosts of an "at the invitation of" phrase."""
        rel = _RELATIVE.search(self.text[a:b])
        end = a + rel.start() if rel else b
        found = self.org_at(a, end) + self._person_orgs(a, end)
        seen = set()
        out = []
        for o, m in found:
            if any(x <= m.start < y for x, y in consumed) or id(o) in seen:
                continue
            seen.add(id(o))
            out.append((o, m))
        return out

    def _host_np_end(self, pos: int, s1: int) -> int:
        """End of the organizations named after "hosted by", "at the invitation of", ...: a list
        ("the ABC, the Alpha Union and the Republic of Freedonia") or one name with its
        apposition ("the Director General of Freedonia Customs, Mr. A.B. Jones")."""
        end = self._np_end(pos, s1)
        while end < s1 and self.text.startswith(",", end):
            nxt = self._np_end(end + 1, s1)
            seg = self.text[end + 1:nxt].strip()
            seg_start = end + 1 + (len(self.text[end + 1:nxt]) - len(self.text[end + 1:nxt].lstrip()))
            seg_body = _AND_THE.sub("", seg)
            starts_org = any(m.start == seg_start + (len(seg) - len(seg_body)) for o in self.orgs for m in o.mentions)
            is_person = any(m.start == seg_start + (len(seg) - len(_HONORIFIC_START.sub("", seg))) or m.start == seg_start
                            for p in self.persons for m in p["mentions"])
            followed_by_verb = nxt < s1 and self.text[nxt:nxt + 1] not in ",.;:"
            if not seg or not (starts_org or is_person) or nxt == end + 1 or followed_by_verb:
                break
            end = nxt
        return end

    def _person_index(self) -> tuple[SpanIndex, list[int], list[tuple[object, dict]]]:
        """The people's mentions: a span index, and (start, (mention, person)) sorted for bisection."""
        if getattr(self, "_persons_indexed", None) is None:
            pairs = sorted(((m, p) for p in self.persons for m in p["mentions"]), key=lambda x: x[0].start)
            self._persons_indexed = (SpanIndex([(m.start, m.end) for m, _ in pairs]), [m.start for m, _ in pairs], pairs)
        return self._persons_indexed

    def _person_orgs(self, a: int, b: int) -> list[tuple[_Org, mn.Mention]]:
        """The affiliations of the people named inside ``a:b``, each person once."""
        _, starts, pairs = self._person_index()
        out = []
        seen: set[int] = set()
        for m, p in pairs[bisect.bisect_left(starts, a):bisect.bisect_left(starts, b)]:
            if p["org"] is None or m.end > b or id(p) in seen:
                continue
            seen.add(id(p))
            out.append((p["org"], mn.Mention(m.start, m.end, "person", p["name"], p["name"], m.rule)))
        return out

    def _event_places(self, s0: int, s1: int, e: ev.Event) -> list[mn.Mention]:
        text = self.text
        out = []
        self._org_mentions()
        in_orgs = self._org_span_index
        for p in self.places_in(s0, s1):
            if p.rule == "country-adjective":
                continue
            if in_orgs.covers(p.start):
                continue  # "Japan Customs", "Kenya Revenue Authority": a name, not where the event was
            before = text[max(s0, p.start - 40):p.start]
            if _CAPITAL_BEFORE.search(before):  # "in the Kenyan capital, Nairobi"
                out.append(p)
                continue
            if p.kind == "country" and out and out[-1].kind == "city" and out[-1].extra.get("country") == p.ident \
                    and text[out[-1].end:p.start].strip() == "(":
                out.append(p)  # "in Lomé (Togo)"
                continue
            if _PLACE_CUE.search(before) or \
                    self._is_header_line(s0, s1):
                if _FROM_BEFORE.search(before) and not self._is_header_line(s0, s1):
                    continue
                if p.kind == "country" and out and out[-1].kind == "city" and out[-1].extra.get("country") == p.ident:
                    out.append(p)
                    continue
                if _IN_BEFORE.search(before) or \
                        self._is_header_line(s0, s1) or before.rstrip().endswith(","):
                    if before.rstrip().endswith(",") and not (out and out[-1].end >= p.start - 3) and not self._is_header_line(s0, s1):
                        continue
                    out.append(p)
        return out

    # -- topics ----------------------------------------------------------------------------------
    def _topics(self, events: list[ev.Event], main: ev.Event | None) -> None:
        """What events discussed: phrases after topic triggers ("discussed", "focused on", "the theme
        ... is"), list items after a colon, quoted titles, and the "on ..." complement of an event's name."""
        text = self.text
        trig = self.lex.phrases("topic_triggers", ignore_case=True).per_span(text, self.sents)
        for e in events:
            for m in e.mentions[:1]:
                if self.text[m.start:m.end] != m.label:
                    continue  # a label made from a verb ("meeting of X and Y") is not the text's words
                c = _ON_ABOUT.search(m.label)
                if c and len(c.group(1).split()) >= 2:
                    a = m.start + c.start(1)
                    self._add_topic(e, a, a + len(c.group(1)))
        pending_list: ev.Event | None = None
        firsts = self._first_event_of_sentences(events)
        for si, (s0, s1) in enumerate(self.sents):
            e = firsts.get(si, main)
            if e is None:
                continue
            sent = text[s0:s1]
            if pending_list is not None and _BULLET.match(sent):
                item = _BULLET_ITEM.match(sent)
                self._add_topic(pending_list, s0 + item.end(), s1, list_item=True)
                continue
            pending_list = None
            for q in _QUOTED.finditer(sent):
                self._add_topic(e, s0 + q.start(1), s0 + q.end(1))
            # "chapters III (Criminalization ...) and IV (International cooperation)": one topic each
            for c in () if "hapter" not in sent else _CHAPTERS.finditer(sent):
                tail = c.group(2) or ""
                for part in _CHAPTER_PART.finditer(c.group(1)):
                    name = f"chapter {part.group()}{tail}"
                    self._add_topic(e, s0 + c.start(1) + part.start(), s0 + c.start(1) + part.end(), name=name)
            for n, m in enumerate(trig[si]):
                if n >= 2:
                    break
                seg_start = m.end()
                colon = text.find(":", seg_start, s1)
                if colon >= 0 and colon - seg_start < 60:
                    seg_start = colon + 1  # "Topics debated during the session also included: A; B; and C"
                elif m.group().lower().startswith("theme"):
                    verb = re.compile(r"\s(?:is|was|were|are)\s").search(text, seg_start, min(s1, seg_start + 80))
                    if verb:
                        seg_start = verb.end()
                lead = _LIST_INTRO.match(text[seg_start:s1])
                seg_start += lead.end() if lead else 0
                if seg_start >= s1 - 1 and sent.rstrip().endswith(":"):
                    pending_list = e
                    continue
                for part in _LIST_PART.finditer(text[seg_start:s1]):
                    p0 = seg_start + part.start()
                    pieces = list(_LIST_PIECE.finditer(part.group()))
                    if any(len(x.group().split()) < 2 for x in pieces) or ";" in text[seg_start:s1]:
                        pieces = [part]  # "practices, challenges, observations and ...": one phrase, not a list
                        p0 = seg_start
                    for piece in pieces:
                        chunk = _AND_OR_START.sub("", piece.group())
                        a = p0 + piece.start() + (len(piece.group()) - len(chunk))
                        self._add_topic(e, a, p0 + piece.end(), list_item=colon >= 0 or m.group().lower() == "theme")
                if sent.rstrip().endswith(":"):
                    pending_list = e

    def _first_event_of_sentences(self, events: list[ev.Event]) -> dict[int, ev.Event]:
        """Sentence index -> the first event (in the order of ``events``) mentioned there."""
        starts = [a for a, _ in self.sents]
        out: dict[int, ev.Event] = {}
        for e in events:
            for m in e.mentions:
                i = bisect.bisect_right(starts, m.start) - 1
                if i >= 0 and m.start < self.sents[i][1]:
                    out.setdefault(i, e)
        return out

    def _add_topic(self, e: ev.Event, a: int, b: int, name: str | None = None, list_item: bool = False) -> None:
        """Add the phrase ``text[a:b]`` (or ``name``, read there) as a topic of ``e``: 2 to 14 words,
        or up to 40 for an item of an agenda list."""
        text = self.text
        if not 0 <= a <= b <= len(text):
            return
        if name is not None:
            if not _has_topic(e, name):
                e.topics.append((name, a, b))
            return
        while a < b and text[a] in " .,:;“”\"'‘’(":
            a += 1
        while b > a and text[b - 1] in " .,:;“”\"'‘’":
            b -= 1
        piece = text[a:b]
        lead = _ARTICLE.match(piece)
        if lead:
            a += lead.end()
            piece = text[a:b]
        words = piece.split()
        if not (2 <= len(words) <= (40 if list_item else 14)) or piece.lower().startswith(self.lex.tuple("topic_stop_starts")):
            return
        if _NOT_TOPIC_START.match(piece):
            return
        if _has_topic(e, piece):
            return
        if any(m.start <= a and b <= m.end + 2 for m in self.event_mentions if m.concrete):
            return  # "addressed the 5th meeting of ...": the event itself, not a topic
        e.topics.append((piece, a, b))

    # -- contacts --------------------------------------------------------------------------------
    def _emails(self) -> None:
        self.emails = [m for m in mn.emails(self.text) if m.start >= self.start]

    # -- nodes and facts -------------------------------------------------------------------------
    def _emit(self) -> None:
        ex, text = self.ex, self.text
        E = self.evidence
        # organizations
        for i, o in enumerate(self.orgs):
            o.key = f"org{i}"
            surface = {self.text[m.start:m.end] for m in o.mentions}
            names = {o.name} | o.alt | ({o.acronym} if o.acronym else set()) | {n for n in surface if 1 < len(n) < 120}
            first = o.mentions[0]
            ex.add_node(Node(o.key, "organization", o.name, names - {o.name}, ident=o.ident,
                             evidence=[E(first.start, first.end, first.rule)]))
            ex.add_fact("release", "mentions", o.key, E(first.start, first.end, first.rule))
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
            return key

        def city(m: mn.Mention) -> str:
            key = f"city:{m.ident}"
            if key not in ex.nodes:
                c = places.cities()[m.ident]
                evid = E(m.start, m.end, m.rule)
                ex.add_node(Node(key, "city", c.name, ident=c.geonames_id, evidence=[evid]))
                ex.add_fact(key, "identifier", Value(c.geonames_id), evid)
                ex.add_fact(key, "sameAs", Value(f"https://sws.geonames.org/{c.geonames_id}/", "iri"), evid)
                ex.add_fact(key, "containedIn", country(c.country, None), evid)
                ex.add_fact("release", "mentions", key, evid)
            return key

        for m in self.places:
            if m.kind == "country":
                country(m.ident, m)
        # instruments and programmes
        thing_keys: dict[tuple[str, str], str] = {}
        for m in self.things:
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
        for i, p in enumerate(self.persons):
            key = f"person{i}"
            first = p["mentions"][0]
            ex.add_node(Node(key, "person", p["name"], ident=p["name"], evidence=[E(first.start, first.end, first.rule)]))
            ex.add_fact("release", "mentions", key, E(first.start, first.end, first.rule))
            if p["role"]:
                ex.add_fact(key, "jobTitle", Value(p["role"]), E(first.start, first.end, first.rule, 0.8))
            if p["org"] is not None:
                ex.add_fact(key, "affiliation", p["org"].key, E(first.start, first.end, first.rule, 0.8))
        # events
        for i, e in enumerate(self.events):
            key = f"event{i}"
            m0 = e.mentions[0]
            ident = self._event_ident(e)
            ex.add_node(Node(key, "event", e.label, ident=ident, subkind=e.kind, evidence=[E(m0.start, m0.end, "event-phrase")]))
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
                ex.add_fact(key, "attendanceMode", Value(e.mode, "mode"), E(m0.start, m0.end, "attendance-mode", 0.7))
            seen_roles = set()
            for role, o, (a, b) in e.roles:  # every span that states a role is evidence for it
                if (role, o.key, a, b) in seen_roles:
                    continue
                seen_roles.add((role, o.key, a, b))
                ex.add_fact(key, role, o.key, E(min(a, b), max(a, b), f"frame-{role}", 0.8))
            seen_topics = set()
            for t, a, b in e.topics[:8]:
                tk = f"topic:{_norm(t)}"
                if tk in seen_topics:
                    continue
                seen_topics.add(tk)
                ex.add_node(Node(tk, "topic", t, ident=_norm(t), evidence=[E(a, b, "topic-trigger", 0.6)]))
                ex.add_fact(key, "discussed", tk, E(a, b, "topic-trigger", 0.6))
        # contacts: on the node the sentence names, else on the publisher-less release's first organization
        for m in self.emails:
            key = f"contact:{m.ident}"
            ex.add_node(Node(key, "contact", m.ident, ident=m.ident, evidence=[E(m.start, m.end, m.rule)]))
            ex.add_fact(key, "email", Value(m.ident), E(m.start, m.end, m.rule, 1.0))
            s = self.sentence_of(m.start)
            owner = None
            if s >= 0:
                a, _ = self.sents[s]
                hits = self.org_at(a, m.start)
                owner = hits[0][0].key if hits else None
                # "For more information on the WCO's Integrity Programme, contact ...": the programme
                for t in self.things:
                    if a <= t.start < m.start and t.kind == "programme":
                        owner = thing_keys.get((t.kind, _norm(t.ident)), owner)
            if owner:
                ex.add_fact(owner, "contactPoint", key, E(m.start, m.end, "email-owner", 0.7))

    def _event_ident(self, e: ev.Event) -> str:
        """Identity of an event across releases: body + ordinal + kind (+ start date when stated), else
        name + start date, else scoped to this release."""
        body = e.body_org
        date = e.dates[0].first.isoformat() if e.dates else ""
        if body is not None and e.ordinal:
            return f"{body.ident} {e.ordinal} {e.kind} {date}".strip()
        if date:
            return f"{e.label} {date}"
        return f"{self.r.id} {e.label}"

