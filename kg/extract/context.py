"""The context every extraction phase reads: one release, the curated data, the sentences, and what
the earlier phases found in it (places, publication, organizations, instruments and programmes,
people). Frozen: a phase adds what it finds by making a new context (``Context.with_``), never by
changing one; the indexes over the found mentions are built once per context, on first use.

Besides the fields, the context answers the questions the later phases ask of a span of text:
which places, organizations and people it names, where a clause or a noun phrase starts and ends.
"""
from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property

from .. import places
from ..model import Evidence, Release
from ..read import chrome_lines, own_text_end
from ..resolve import Curation
from ..text import SpanIndex, sentences, text_cache
from . import events as ev
from . import mentions as mn
from . import roles
from .dates import DateSpan
from .lexicon import Lexicon
from .roles import _COMMA, _LIST_ITEM, _RELATIVE

_ORDINAL_BEFORE = re.compile(r"\b\d{1,3}(?:st|nd|rd|th)\s+$")
_CAPITAL_BEFORE = re.compile(r"\b(?:in|at)\s+the\s+(?:[A-Z][\w-]*\s+)?capital(?:\s+city)?(?:\s+of\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)?,?\s+$")
_KIND_PREPOSITION = re.compile(r"\b(?:of|on|for|to)\b")
_LEAD_CLAUSE = re.compile(r"(?:^|,\s*)(?:[Aa]t the invitation of|[Oo]n the invitation of|[Aa]t the request of|[Oo]n \d|[Ii]n \d|[Dd]uring|[Aa]fter|[Ff]ollowing|[Ii]n (?:his|her|their))[^,]*,\s*")
_RELATIVE_AFTER_COMMA = re.compile(r",\s*(?:which|who|that)\b")
_CLOSED_BEFORE_VERB = re.compile(r"[^,;:]\s*,\s*(?:(?:also|then|[a-z]+ly)\s+)?$")  # a comma right before the verb
_NP_STOP = re.compile(r"[,;.:]|\s(?:from|to|on|in|at|for|during|with|and\s+(?:the\s+)?[a-z])\s|\s\d")
_NOT_BLANK = re.compile(r"[^\n]")
# "the delegation" that names no owner of its own: the one the release told of last
_THE_DELEGATION = re.compile(r"\b[Tt]he\s+(?:same\s+|whole\s+|visiting\s+)?delegation\b(?!\s+(?:of|from)\b|['’]s)")
_DELEGATION_AFTER = re.compile(r"(?:['’]s)?(?:\s*\([A-Z][\w&/-]*\))?\s+delegation\b")  # "the ABC (A) delegation"
_DELEGATION_OF = re.compile(r"\bdelegations?\s+(?:of|from)\s+(?:the\s+)?$")  # "a delegation from the ABC"
# Cyrillic letters that look like Latin ones, in a word that mixes both scripts ("WСO" with a Cyrillic
# "С"): the Latin letter, one character for one (the offsets stay the page's)
_LOOKALIKES = str.maketrans("АВСЕНІКМОРТХаосеріху", "ABCEHIKMOPTXaocepixy")
_WORD = re.compile(r"\w+")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_LATIN = re.compile(r"[A-Za-z]")


def latin_lookalikes(text: str) -> str:
    """``text`` with the Cyrillic look-alike letters of its mixed-script words written in Latin."""
    if not _CYRILLIC.search(text):
        return text

    def word(m: re.Match) -> str:
        w = m.group()
        return w.translate(_LOOKALIKES) if _LATIN.search(w) and _CYRILLIC.search(w) else w
    return _WORD.sub(word, text)
_LIST_LEAD = re.compile(r"^(?:and\s+|as well as\s+)?(?:[Tt]he\s+)?")
_PREPOSITION_START = re.compile(r"(?:At|On|In|During|After|Following|Under|With|For|Through|Upon|As|By)\b")
_ROLE_START = re.compile(r"(?:[A-Z]{2,}\s+)?(?:Deputy |Executive |Vice[- ])?(?:Secretary|Director|Head|Chair|Minister|President|"
                         r"Commissioner|Ambassador|Administrator|Representative|representative|Chief)")
_CITY_OF = r"(?:(?:city|town|port)\s+of\s+)?"  # ("in the city of Fredville")
# ("at its Freedonia City headquarters": a seat named by its city; "In Freedonia City, the minister opened ...")
_PLACE_CUE = re.compile(r"(?:\b(?:[Ii]n|[Aa]t|held in|place in|to)\s+(?:(?:the|its|their)\s+)?" + _CITY_OF +
                        r"(?:[A-Z][\w-]*\s+){0,4}"
                        r"(?:Headquarters\s+in\s+)?|^|\n|,\s*)$")
# "a mission to Freedonia City", "trips to the Free Zone of Fredville"
_TRAVEL_TO = re.compile(r"\b(?:visits?|missions?|trips?|travel(?:s|l?ed|l?ing)?|journey)\s+to\s+(?:the\s+)?"
                        r"(?:(?:(?-i:[A-Z])[\w-]*\s+){1,3}of\s+)?$", re.I)
_FROM_BEFORE = re.compile(r"\b(?:from|(?<!city )(?<!town )(?<!port )of|by|with|and)\s+$")  # (not "in the city of")
# (in a headline: where people come from, or what a text is on, and what "and" joins to it: "from Central Asia
# and Freedonia")
_TOPIC_OR_ORIGIN_BEFORE = re.compile(r"\b(?:from|on|about)\s+(?:(?:[A-Z][\w-]*,?\s+){1,6}and\s+)?$")
# "at the Grand Hotel, Freedonia City": a named venue, then its city
_VENUE_BEFORE = re.compile(r"\b(?:at|in)\s+(?:the\s+)?(?:(?:[A-Z][\w'’&-]*|\([A-Z][\w&/-]*\))\s+){0,6}[A-Z][\w'’-]*,\s*$")
# "By Ada Quill" or "By Ada Quill, Agency Correspondent": who wrote the dispatch, no place of its events
_BYLINE = re.compile(r"\s*By\s+(?:[A-Z][\w.'’-]*\s*){1,4}(?:,|$)")
# "at the Freedonia City Convention Centre": a venue named after the city it stands in
_AT_THE_BEFORE = re.compile(r"\b[Aa]t\s+the\s+$")
_VENUE_AFTER = re.compile(r"\s+(?:(?:International|Convention|Conference|Congress|Exhibition|Expo|Trade)\s+)+"
                          r"(?:Centre|Center|Hall|Complex)\b")
# a quotation: what someone said, whose places are not where the event is ("tested in Alphaville ...")
_QUOTATION = re.compile(r"“[^”]*”|\"[^\"]*\"")
# "ABC, Freedonia renew partnership": a place that acts, not where
_VERB_AFTER = re.compile(r"[ \u00a0]+(?!this\b|is\b|was\b)(?:[a-z]+s|renew|sign|agree|launch|join|meet)\b")
_IN_BEFORE = re.compile(r"\b(?:[Ii]n|held in|place in|[Aa]t)\s+(?:(?:the|its|their)\s+)?" + _CITY_OF +
                        r"(?:[A-Z][\w-]*\s+){0,4}"
                        r"(?:Headquarters\s+in\s+)?$")


def _blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the characters of ``spans`` (in any order; an overlap is blanked once) but line
    breaks blanked: the offsets kept."""
    parts, pos = [], 0
    for a, b in sorted(spans):
        a = max(a, pos)
        parts += [text[pos:a], _NOT_BLANK.sub(" ", text[a:b])]
        pos = max(pos, b)
    parts.append(text[pos:])
    return "".join(parts)


@text_cache(maxsize=4096)
def norm(s: str) -> str:
    """A name folded for comparison: accents, case and blanks."""
    return " ".join(places.fold(s).lower().replace("’", "'").split())


class Org:
    """One organization of a release with every name and mention it has there."""

    def __init__(self, name: str, ident: str, acronym: str | None = None, from_gazetteer: bool = False):
        self.name = name
        self.ident = ident
        self.acronym = acronym
        self.alt: set[str] = set()
        self.mentions: list[mn.Mention] = []
        self.from_gazetteer = from_gazetteer
        self.key = ""


@dataclass(frozen=True, eq=False)
class Context:
    """One release as the phases read it: its text and sentences, the curated data, and what the
    phases before found (empty until they run)."""

    r: Release
    text: str
    lex: Lexicon
    cur: Curation
    start: int  # where the release's own text starts (its title, else its body)
    sents: tuple[tuple[int, int], ...]
    end: int = 0  # where the release's own text ends (other news, related links follow)
    places: tuple[mn.Mention, ...] = ()  # sorted, not overlapping
    published: dt.date | None = None
    pub_evidence: Evidence | None = None
    pub_line: tuple[int, int] | None = None  # a "Brussels, 15 March 2011" line: the place and date
    dated_at: tuple[mn.Mention, ...] = ()  # ... and the places it names
    line_date: dt.date | None = None  # ... and its date, the day its "today" is (a page may be published later)
    orgs: tuple[Org, ...] = ()
    gazetteer: tuple[mn.Mention, ...] = ()
    things: tuple[mn.Mention, ...] = ()
    persons: tuple[dict, ...] = ()

    @classmethod
    def of(cls, release: Release, lex: Lexicon, curation: Curation) -> Context:
        start = release.title[0] if release.title else release.body_start
        skip = [release.dateline] if release.dateline else []
        # what follows "Related news" or "See also" tells of other events: blanked, the offsets kept
        # and so are the menus and breadcrumb trails between the title and the first paragraph
        end = own_text_end(release.text, release.body_start)
        text = _blanked(release.text, [(end, len(release.text))] + chrome_lines(release.text, start))
        text = latin_lookalikes(text)
        sents = tuple(s for s in sentences(text, start) if not any(a <= s[0] and s[1] <= b for a, b in skip))
        return cls(release, text, lex, curation, start, sents, end)

    def with_(self, **found) -> Context:
        """This context with what a phase found."""
        return dataclasses.replace(self, **found)

    # -- indexes, built on first use ------------------------------------------------------------------
    @cached_property
    def _sent_starts(self) -> list[int]:
        return [a for a, _ in self.sents]

    @cached_property
    def _place_starts(self) -> list[int]:
        return [m.start for m in self.places]

    @cached_property
    def _org_index(self) -> tuple[list[int], list[tuple[Org, mn.Mention]], frozenset[int], SpanIndex]:
        # "ABC Member States", "the ABC countries": the members, not the organization
        members = roles.load().not_the_organization
        pairs = sorted(((o, m) for o in self.orgs for m in o.mentions if not members.match(self.text, m.end)),
                       key=lambda x: (x[1].start, -(x[1].end - x[1].start)))
        return ([m.start for _, m in pairs], pairs, frozenset(m.start for _, m in pairs),
                SpanIndex([(m.start, m.end) for _, m in pairs]))

    def _org_mentions(self) -> tuple[list[int], list[tuple[Org, mn.Mention]]]:
        """Every organization mention, sorted by start (longest first), with the starts for bisection."""
        return self._org_index[0], self._org_index[1]

    @property
    def _org_starts(self) -> frozenset[int]:
        return self._org_index[2]

    @property
    def _org_span_index(self) -> SpanIndex:
        return self._org_index[3]

    @cached_property
    def _persons_index_data(self) -> tuple[SpanIndex, list[int], list[tuple[object, dict]]]:
        pairs = sorted(((m, p) for p in self.persons for m in p["mentions"]), key=lambda x: x[0].start)
        return SpanIndex([(m.start, m.end) for m, _ in pairs]), [m.start for m, _ in pairs], pairs

    def _person_index(self) -> tuple[SpanIndex, list[int], list[tuple[object, dict]]]:
        """The people's mentions: a span index, and (start, (mention, person)) sorted for bisection."""
        return self._persons_index_data

    # -- questions about spans of text ----------------------------------------------------------------
    def places_in(self, a: int, b: int) -> list[mn.Mention]:
        """The places that start in ``a:b``, in text order (``self.places`` is sorted and does not overlap)."""
        starts = self._place_starts
        return self.places[bisect.bisect_left(starts, a):bisect.bisect_left(starts, b)]

    def sentence_of(self, pos: int) -> int:
        """The index of the sentence that holds ``pos``, -1 if none (the sentences are sorted and do
        not overlap)."""
        i = bisect.bisect_right(self._sent_starts, pos) - 1
        return i if i >= 0 and pos < self.sents[i][1] else -1

    def _after_ordinal(self, pos: int) -> bool:
        before = self.text[max(0, pos - 12):pos]
        return bool(_ORDINAL_BEFORE.search(before))

    def org_at(self, a: int, b: int) -> list[tuple[Org, mn.Mention]]:
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

    def _role_mentions(self, a: int, b: int) -> list[tuple[Org, mn.Mention]]:
        """The organizations named in ``a:b`` and those of the people named there, by start (not the
        news agency of a dateline, nor a name inside its name: it tells, it takes no part)."""
        inside, agencies = self._thing_spans, self._agency_spans
        named = [x for x in self.org_at(a, b)
                 if not agencies.covers(x[1].start, x[1].end) and not inside.covers(x[1].start, x[1].end)]
        return sorted(named + self._person_orgs(a, b) + self._delegation_orgs(a, b), key=lambda x: (x[1].start, -x[1].end))

    @cached_property
    def _delegations(self) -> tuple[list[int], list[tuple[Org, mn.Mention]]]:
        """Every "the delegation" that names no owner of its own, with the owner of the delegation the
        release told of last before it ("The Freedonia Police delegation arrived on Monday. The
        delegation then attended ..."; "the ABC delegation", "a delegation of the ABC", "the ABC's
        delegation"), in text order, with their starts for bisection."""
        text = self.text
        owners = []
        for o, m in self._org_mentions()[1]:
            after = _DELEGATION_AFTER.match(text, m.end)
            if after is not None:
                owners.append((after.end(), o))
            elif _DELEGATION_OF.search(text, max(0, m.start - 24), m.start):
                owners.append((m.end, o))
        if not owners:
            return [], []
        owners.sort(key=lambda x: x[0])
        ends = [x for x, _ in owners]
        out = []
        for d in _THE_DELEGATION.finditer(text, owners[0][0]):
            o = owners[bisect.bisect_right(ends, d.start()) - 1][1]
            out.append((o, mn.Mention(d.start(), d.end(), "organization", o.name, o.ident, "delegation")))
        return [m.start for _, m in out], out

    def _delegation_orgs(self, a: int, b: int) -> list[tuple[Org, mn.Mention]]:
        """The owners of the delegations that "the delegation" inside ``a:b`` stands for (``_delegations``)."""
        starts, found = self._delegations
        return [x for x in found[bisect.bisect_left(starts, a):bisect.bisect_left(starts, b)] if x[1].end <= b]

    @cached_property
    def _agency_spans(self) -> SpanIndex:
        """The spans of the news agencies' names ("(UN Information Service)": the UN takes no part)."""
        # (a known organization too: "GENEVA, 5 May (ABC) - The Council opened its session": ABC tells)
        return SpanIndex([(m.start, m.end) for o in self.orgs for m in o.mentions if m.rule == "news-agency"]
                         + mn.agency_spans(self.text))

    @cached_property
    def _named_things(self) -> SpanIndex:
        """The spans of the programmes' and instruments' names ("the Alpha Lisbon Programme": no place)."""
        return SpanIndex([(t.start, t.end) for t in self.things])

    @cached_property
    def _thing_spans(self) -> SpanIndex:
        """The spans of the instruments' names ("the ABC Agreement on Ports": ABC signs nothing here)."""
        return SpanIndex([(t.start, t.end) for t in self.things if t.kind == "instrument"])

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
        if len(line) >= 160 or "\n" in line or line.rstrip().endswith(".") or s0 >= self.start + 600:
            return False
        # (not an item of a list: "- Freedonia (Chair)"; nor a byline: "By Ada Quill, Agency Correspondent")
        return not _LIST_ITEM.match(self.text, self.text.rfind("\n", 0, s0) + 1) and not _BYLINE.match(line)

    def _has_trigger(self, sent: str) -> bool:
        """Whether ``sent`` has a verb that tells an event (``event_verbs`` of the trigger file)."""
        return bool(roles.load().event_verbs.search(sent))

    def _clause_start(self, s0: int, pos: int) -> int:
        """Start of the clause that ends at ``pos``: after an introductory "At the invitation of X," or "On DATE,"."""
        seg = self.text[s0:pos]
        best = s0
        for m in _LEAD_CLAUSE.finditer(seg):
            best = s0 + m.end()
        # a relative clause right before the verb ("..., which ...") is not the subject; one closed by
        # a comma before the verb is an aside of the subject before it ("X, which chairs the group,
        # attended": X)
        rel = [m for m in _RELATIVE_AFTER_COMMA.finditer(seg) if not _CLOSED_BEFORE_VERB.search(seg, m.end())]
        if rel:
            best = max(best, s0 + rel[-1].end())
        return best

    def _object_end(self, pos: int, s1: int) -> int:
        """End of the object of "visited" / "met with": before a comma, a date or a preposition."""
        m = _NP_STOP.search(self.text[pos:s1])
        return pos + (m.start() if m else s1 - pos)


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

    def _subject_orgs(self, a: int, b: int, consumed: list[tuple[int, int]]) -> list[tuple[Org, mn.Mention]]:
        """Organizations of the subject ``a:b`` of a verb: named there or through a person's affiliation,
        leaving out relative clauses and the hosts of an "at the invitation of" phrase."""
        rel = _RELATIVE.search(self.text[a:b])
        end = a + rel.start() if rel else b
        found = self.org_at(a, end) + self._person_orgs(a, end)
        seen = set()
        out = []
        agencies = self._agency_spans
        for o, m in found:
            if any(x <= m.start < y for x, y in consumed) or id(o) in seen or agencies.covers(m.start, m.end):
                continue
            seen.add(id(o))
            out.append((o, m))
        return out


    def _person_orgs(self, a: int, b: int) -> list[tuple[Org, mn.Mention]]:
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

    def _listed_places_end(self, p: mn.Mention, s1: int) -> int:
        """Where the list of places that ``p`` opens ends ("Freedonia, Sylvania and Ruritania")."""
        end, places = p.end, self.places_in(p.end, s1)
        for q in places:
            if not mn.PLACE_LIST_GAP.fullmatch(self.text, end, q.start):
                break
            end = q.end
        return end

    def spread(self, e: ev.Event) -> bool:
        """Whether ``e`` is carried out across places and held in none ("Operation BLUE HARBOUR ran in
        30 countries"): an event named after its kind word (``event_kinds_named_after``)."""
        return e.label.split(None, 1)[0] in self.lex.set("event_kinds_named_after") if e.label else False

    def _event_places(self, s0: int, s1: int, e: ev.Event) -> list[mn.Mention]:
        if self.spread(e):
            return []
        text = self.text
        out = []
        topical = -1  # where the last place a headline names after "from", "on" or "about" ends
        self._org_mentions()
        in_orgs = self._org_span_index
        quoted = [(m.start(), m.end()) for m in _QUOTATION.finditer(text, s0, s1)] \
            if text.find('"', s0, s1) >= 0 or text.find("“", s0, s1) >= 0 else []
        for p in self.places_in(s0, s1):
            if p.rule == "country-adjective":
                continue
            if any(a < p.start < b for a, b in quoted):
                continue
            if p.kind == "city" and _AT_THE_BEFORE.search(text, max(s0, p.start - 10), p.start) \
                    and _VENUE_AFTER.match(text, p.end):
                out.append(p)  # (the city a venue is named after)
                continue
            if in_orgs.covers(p.start) or self._named_things.covers(p.start):
                continue  # "Japan Customs", "Kenya Revenue Authority", "the Alpha Lisbon Programme": a name
            before = text[max(s0, p.start - 40):p.start]
            # "in the Kenyan capital, Nairobi", "a study visit to Freedonia"
            if _CAPITAL_BEFORE.search(before) or _TRAVEL_TO.search(before):
                out.append(p)
                continue
            if p.kind == "country" and out and out[-1].kind == "city" and out[-1].extra.get("country") == p.ident \
                    and text[out[-1].end:p.start].strip() == "(":
                out.append(p)  # "in Lomé (Togo)"
                continue
            # (not "Freedonia signs ...", nor "Freedonia, Sylvania and Ruritania agree ...")
            header = self._is_header_line(s0, s1) and not _VERB_AFTER.match(text, self._listed_places_end(p, s1))
            if _PLACE_CUE.search(before) or header:
                if _FROM_BEFORE.search(before) and not header:
                    continue
                if header and (_TOPIC_OR_ORIGIN_BEFORE.search(before)
                               or topical >= 0 and mn.PLACE_LIST_GAP.fullmatch(text, topical, p.start)):
                    # a headline's "Officers from A and B complete ...", "Council reports on A, B and C" (but
                    # "Workshop on Ports, Lima, 3 May" is in Lima)
                    topical = p.end
                    continue
                if p.kind == "country" and out and out[-1].kind == "city" and out[-1].extra.get("country") == p.ident:
                    out.append(p)
                    continue
                if _IN_BEFORE.search(before) or header or before.rstrip().endswith(","):
                    if before.rstrip().endswith(",") and not (out and out[-1].end >= p.start - 3) \
                            and not header and not _VENUE_BEFORE.search(text, max(s0, p.start - 100), p.start):
                        continue
                    out.append(p)
        return out
