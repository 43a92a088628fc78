"""Phase 7, frames: around each event phrase, where and when it took place and in which mode, the body
whose session it is and the organization whose house or header line tells it hosts (who took part,
hosted or invited is read by the roles phase)."""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import replace

from ..text import literal_alternation
from . import events as ev
from . import roles
from .context import Context
from .dates import DateSpan, find_dates
from .lexicon import is_family
from .occurrences import _GATHERINGS, ON_THE_MARGINS, OWN, Found, main_event

# a date an event runs until: "running through 14 June", "the forum runs until 10 March"
_UNTIL_BEFORE = re.compile(r"\b(?:[Rr]un(?:s|ning)?|[Rr]an|[Cc]ontinu(?:e|es|ing)|[Ll]ast(?:s|ing)?)\s+(?:through|until|till)\s+"
                           r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?$")
_MONTH = dt.timedelta(days=31)
# what tells that a date is the first day of an event told before: "the course, which began on 12 July"
# (or "which opened on Monday": a weekday's date holds its "on")
_BEGAN_BEFORE = re.compile(r"\b(?:[Bb]egan|[Ss]tarted|[Cc]ommenced|[Oo]pened|[Kk]icked\s+off)\s+(?:on\s+)?"
                           r"(?:[A-Z][a-z]+day,?\s+)?$")


def _words(words: list[str]) -> str:
    """Any of ``words`` (a space: any blanks), from a word boundary on, as a tree of their letters (a
    pattern that opens with ``\\b`` is tried at every position; a letter first, only at those letters)."""
    return literal_alternation(words, after_first=r"(?<!\w.)").replace(r"\ ", r"\s+")


# the day of the release, the day before or after it ("today's debates": not when)
_TODAY = re.compile("(" + _words(["today", "yesterday", "tomorrow"]) + r")\b(?!['’]s)")
_DAYS_FROM_RELEASE = {"today": 0, "yesterday": -1, "tomorrow": 1}
# "on Monday", as news dispatches tell the days of their week (not "on Monday, 5 May": a date)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# (and "on Tuesday and Wednesday", "on Monday to Wednesday": the days from one to the other)
_WEEKDAY = re.compile(rf"[Oo](?<!\w.)n\s+({'|'.join(_WEEKDAYS)})(?:\s+(and|to|through|until)\s+({'|'.join(_WEEKDAYS)}))?"
                      rf"\b(?!,?\s*\(?\d)")
# what says the day is still to come, in the weekday's clause: "will open", "opens on Monday", "is due to"
_AHEAD = re.compile(_words(["will", "shall", "scheduled", "due to", "expected to", "plan to", "plans to", "next", "opens",
                             "begins", "starts", "kicks off", "takes place", "is to", "are to"]) + r"\b")
_CLAUSE_OPENING = re.compile(r".*(?:,|\bwhich\b|\bwho\b|\bthat\b)", re.S)
# a sentence about another time than the release's week ("In 2019, ...", "At the previous workshop, ...")
_OTHER_TIME = re.compile(r"(?:1(?<!\w.)9\d\d|2(?<!\w.)0\d\d|p(?<!\w.)revious|l(?<!\w.)ast\s+(?:year|month)"
                         r"|e(?<!\w.)arlier\s+this\s+year|a(?<!\w.)go)\b")
_BODY_KINDS = _GATHERINGS | {"session"}  # the kinds of event a body holds: "the 40th Session of the X"
_OF_BEFORE = re.compile(r"\bof\s+(?:the\s+)?$")
_OF_ONLY = re.compile(r"\s*of\s+(?:the\s+)?")
_AND_THE = re.compile(r"(?:\s*\([A-Z][\w&/-]*\))?(?:,\s*|\s+and\s+|\s*&\s*)(?:the\s+)?")
_JOINED = re.compile(r"(?:\s*\([A-Z][\w&/-]*\))?(?:,\s*|\s+and\s+|\s*[&/–-]\s*)(?:the\s+)?")  # "ABC and DEF", "ABC-DEF"
_NAME_RUNS_ON = re.compile(r"\s*(?:\([A-Z][\w&/-]*\)\s*)?")  # "the ABC (ABC) Regional Office": one name
_GOES_ON = re.compile(r"[’']s|\s+(?:[A-Z]|with\b)")
_OWN_SESSION = re.compile(_words(["held", "holds", "holding", "convened", "convenes", "opened", "opens"])
                          + r"\s+(?:its|their)\s+")
_HOSTED_BEFORE = re.compile(r"-(?:co-)?(?:hosted|organized|organised|convened|led)\s+$")
_TO_BEFORE = re.compile(r"\bto\s+(?:the\s+)?$")
# what stands between an organization's name and the kind noun of a gathering named after it: "ABC|’s
# Policy Organs |Meetings", "Board of Auditors| (BOA) |Meeting", "ABC| sub-regional |workshop"
_NAME_GAP = re.compile(r"(?:[’']s)?(?:\s*\([A-Z][\w&/-]*\))?\s+((?:\S+\s+){0,4})")


_DAYS = {w: n for w, n in ev.NUMBER_WORDS.items() if n > 1}
_LASTING = re.compile(rf"\b({'|'.join(_DAYS)}|[2-9]|1[0-5])[- ]days?\b", re.I)
# "was preceded on 14 May by", "will be followed on Friday by": the agent is another event, the date its
_PRECEDED = re.compile(r"\b(?:was|were|is|are|will\s+be|had\s+been|has\s+been)\s+(?:preceded|followed)\s+(?:on|from)\s")
_BY = re.compile(r"\bby\b")
_OPENED = re.compile(_words(["opened", "opens", "began", "begins", "kicked off", "kicks off", "started", "starts",
                               "commenced", "commences"]) + r"\b")
_CLOSED = re.compile(_words(["concluded", "concludes", "completed", "completes", "closed", "closes", "ended", "ends",
                               "wrapped up", "wraps up", "came to a close"]) + r"\b")


def _days_told(ctx: Context, e: ev.Event) -> None:
    """An event of so many days told on the day it opened or closed ("on Wednesday opened a two-day
    meeting", "concluded a three-day workshop on 5 May"): its other end."""
    if len(e.dates) != 1 or e.dates[0].first != e.dates[0].last:
        return
    d = e.dates[0]
    lasting = next((m for m in (_LASTING.search(x.label) for x in e.mentions) if m), None)
    if lasting is None:
        return
    n = _DAYS.get(lasting.group(1).lower()) or int(lasting.group(1))
    si = ctx.sentence_of(d.start)
    if si < 0:
        return
    s0, s1 = ctx.sents[si]
    if not any(s0 <= m.start < s1 for m in e.mentions):
        return  # (the verb must tell of this event)
    opened, closed = _OPENED.search(ctx.text, s0, s1), _CLOSED.search(ctx.text, s0, s1)
    if opened and not closed:
        e.dates[0] = replace(d, last=d.first + dt.timedelta(days=n - 1))
    elif closed and not opened:
        e.dates[0] = replace(d, first=d.last - dt.timedelta(days=n - 1))


def _named_after(text: str, end: int, noun: int) -> bool:
    """Whether the words between an organization's name (ending at ``end``) and an event's kind noun
    (at ``noun``) are the rest of the event's name (on one line: a page's header naming its
    organization is not the first words of the title below it)."""
    m = _NAME_GAP.fullmatch(text, end, noun)
    if m is None or "\n" in text[end:noun]:
        return False
    # (a plural owner is one of the name's words: "the ABC Foreign Ministers’ Meeting")
    words = [w[:-1] if w[-2:] in ("s’", "s'") else w for w in m.group(1).split()]
    # "the Policy Commission and Council sessions": and another body's word
    return all(ev.is_modifier(w) or w == "and" and i < len(words) - 1 and words[i + 1][:1].isupper()
               for i, w in enumerate(words))


# ("their" is a list's as often as a body's: "A, B and C met for their 5th meeting")
_OWN_BEFORE_EVENT = re.compile(OWN)
_COMMA_THE = re.compile(r",\s+(?:the\s+)?")


def _its_referent(ctx: Context, s0: int, s1: int, at: int, after: int) -> tuple | None:
    """The organization "its" at ``at`` stands for: the nearest named before it in its sentence, or, in
    a phrase that opens the sentence ("At its fourth session, held in Lima, the ABC adopted ..."), the
    subject after the phrase (the first name a comma opens, up to three commas on)."""
    before = ctx._role_mentions(s0, at)
    if before:  # (the longest of those ending last: "the ABC Council of Ministers", not "ABC")
        return max(before, key=lambda x: (x[1].end, x[1].end - x[1].start))
    if "," in ctx.text[s0:at]:
        return None  # (not in the opening phrase)
    for i, c in enumerate(_COMMA_THE.finditer(ctx.text, after, s1)):
        if i == 3:
            break
        if c.end() in ctx._org_starts:
            return next((x for x in ctx._role_mentions(c.end(), s1) if x[1].start == c.end()), None)
    return None


def _dates_of_each(mentions: list[tuple[int, ev.Event]], dates: list[DateSpan]) -> list[DateSpan]:
    """Give each event named in a sentence that names several the first date between its name and the
    next event's, when each has one there and none yet; the dates left for the rest of the sentence."""
    firsts: dict[int, tuple[int, ev.Event]] = {}
    for pos, e in mentions:
        firsts.setdefault(id(e), (pos, e))
    order = sorted(firsts.values(), key=lambda x: x[0])
    picks = []
    for i, (pos, e) in enumerate(order):
        end = order[i + 1][0] if i + 1 < len(order) else None
        between = [d for d in dates if d.start > pos and (end is None or d.start < end)]
        if not between or e.dates:
            return dates
        picks.append((e, between[0]))
    for e, d in picks:
        e.dates.append(d)
    taken = {id(d) for _, d in picks}
    return [d for d in dates if id(d) not in taken]


def read_frames(ctx: Context, found: Found) -> None:
    """Where and when each event took place, its mode, the body whose session it is, and the hosts a house or a
    header line tells (filled into ``found``'s events)."""
    text, lex = ctx.text, ctx.lex
    events = found.events
    main = found.main = main_event(ctx, events)
    sents = ctx.sents
    virtual = lex.phrases("virtual_words").per_span(text, sents)
    hybrid_words = lex.phrases("hybrid_words")
    hybrid = hybrid_words.per_span(text, sents)
    dates = [d for d in find_dates(text, lex, ctx.published.year if ctx.published else None, ctx.start)
             if not ctx._in_dateline(d.start)]
    if not ctx.published and dates:
        # no publication date: a date without its year ("held 12-13 May") takes the year of the first
        # date that states one
        year = dates[0].first.year
        dates = [d for d in find_dates(text, lex, year, ctx.start) if not ctx._in_dateline(d.start)]
    if ctx.published:
        dates = [ctx._fix_year(d) for d in dates]
    # (the date of a "VIENNA, 5 May (Agency) -" line is the publication's, read or not)
    pub_line = ctx.pub_line
    dates = [d for d in dates if not (pub_line and pub_line[0] <= d.start < pub_line[1])]
    found.dates = dates

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
    # the events dated by a sentence that does not name them (a header line, or a sentence whose verb
    # tells of an event): a date a sentence naming the event gives later is its own
    lent: set[int] = set()
    for si, (s0, s1) in enumerate(ctx.sents):
        sent = text[s0:s1]
        here = events_in(s0, s1)
        side = ON_THE_MARGINS.match(text, s0)
        beside = events_in(side.end(), s1) if side is not None else []
        if beside:
            # "On the margins of the Council, on 23 June, A and B signed ...": when and where of the
            # sentence are those of what happened beside the event the opening names
            here = beside
        target = here[0] if here else None
        if len(here) > 1 and target.dates and ctx.spread(target):
            target = here[1]  # "The operation was prepared at a meeting held from ...": the meeting's days
        # "the Enforcement Committee held its 40th Session": the subject's own session (who took part,
        # hosted or invited is read by the roles phase)
        for m in _OWN_SESSION.finditer(text, s0, s1):
            after = events_in(m.end(), min(m.end() + 61, s1))
            if not after or mentions_in(m.end(), s1)[0][0] != m.end():
                continue
            e = after[0]
            subj = ctx._subject_orgs(ctx._subject_start(ctx._clause_start(s0, m.start()), m.start()), m.start(), [])
            if subj and e.body is None and e.ordinal and e.kind in _BODY_KINDS:
                e.body_org, e.body = subj[0]
                if " of " not in e.label:
                    e.label = f"{e.label} of the {e.body_org.name}"
                # (and holds it: "the Council opened its 50th session")
                e.roles.append(("organizer", subj[0][0], (subj[0][1].start, m.end()), "role-body"))
        # "the ABC adopted a report at its 90th plenary meeting", "During its session in Lima, the ABC
        # ...": the gathering is the own of the body "its" stands for, which holds it
        for m in _OWN_BEFORE_EVENT.finditer(text, s0, s1):
            starting = mentions_in(m.end(), m.end() + 1)
            if not starting or _OWN_SESSION.search(text, max(s0, m.start() - 12), m.end()):
                continue
            e = starting[0][1]
            if any(ctx.org_at(x.start, x.end) for x in e.mentions):
                continue  # (its name says whose it is: "the ABC opens its 2nd Ports Board Meeting")
            at = _its_referent(ctx, s0, s1, m.start(), next(x.end for x in e.mentions if x.start == m.end()))
            if at is None or e.body is not None or e.kind not in _BODY_KINDS:
                continue
            e.body_org, e.body = at
            if " of " not in e.label:
                e.label = f"{e.label} of the {e.body_org.name}"
            e.roles.append(("organizer", at[0], (min(at[1].start, m.start()), max(at[1].end, m.end())), "role-body"))
        # when and where, for the events of this sentence (or the main event in a dateline-like line)
        sent_dates = [d for d in dates if s0 <= d.start < s1]
        today = _TODAY.search(sent) if "day" in sent or "tomorrow" in sent else None
        weekday = _WEEKDAY.search(sent) if not today and "day" in sent else None
        if weekday is not None and ctx.published and any(
                y.group() != str(ctx.published.year) or not y.group()[:1].isdigit() for y in _OTHER_TIME.finditer(sent)):
            weekday = None  # (a day of another week)
        # (a date the event runs until is its other end: "opened today and runs until Friday, 24 May")
        untils = [d for d in sent_dates if _UNTIL_BEFORE.search(text, max(s0, d.start - 24), d.start)]
        if len(untils) == len(sent_dates) and (today or weekday) and ctx.published:
            # "Freedonia and Alphaland signed today ...": the day of the release (and of the event the
            # roles phase may find told in this sentence), "yesterday" the day before it; "... met on
            # Monday": the last Monday up to that day, or the next one after it for what will be
            said = today or weekday
            # (the day of a "Fredville, 15 May -" line, when the page was published a few days after it)
            told = ctx.line_date if ctx.line_date and abs((ctx.line_date - ctx.published).days) <= 7 else ctx.published
            day = told + dt.timedelta(days=_DAYS_FROM_RELEASE[today.group(1)] if today else 0)
            if weekday is not None:
                shift = (day.weekday() - _WEEKDAYS.index(weekday.group(1))) % 7
                clause = _CLAUSE_OPENING.match(sent, 0, weekday.start())
                ahead = _AHEAD.search(sent, clause.end() if clause else 0, weekday.start())
                day = day + dt.timedelta(days=(-shift) % 7 or 7) if ahead else day - dt.timedelta(days=shift)
            last = day
            if weekday is not None and weekday.group(3):
                # "on Tuesday and Wednesday", "on Monday to Wednesday": to the second day (two days "and"
                # apart are two days, not a span: "on Monday and Friday"); past days end by the release's
                days = (_WEEKDAYS.index(weekday.group(3)) - _WEEKDAYS.index(weekday.group(1))) % 7
                if weekday.group(2) != "and" or days == 1:
                    last = day + dt.timedelta(days=days)
                    if not ahead and last > told:
                        day, last = day - dt.timedelta(days=7), last - dt.timedelta(days=7)
            said_today = DateSpan(s0 + said.start(), s0 + said.end(), day, last)
            bisect.insort(found.dates, said_today, key=lambda d: d.start)
            if here:
                sent_dates = sorted([said_today, *untils], key=lambda d: d.start)
        if len(here) > 1 and len(sent_dates) > 1:
            # "held its 15th Session from 29 April to 1 May, followed by the 23rd Session of the
            # Sub-Committee on 2 and 3 May": each event of the sentence, the dates between it and the next
            sent_dates = _dates_of_each(mentions_in(s0, s1), sent_dates)
        if sent_dates:
            e = target or (main if ctx._is_header_line(s0, s1) or ctx._has_trigger(sent) else None)
            if e is not None and e is target and id(e) in lent and len(here) == 1 and not any(
                    x.search(text, max(s0, d.start - 24), d.start)
                    for d in sent_dates for x in (_UNTIL_BEFORE, _BEGAN_BEFORE)):
                # "A centre was opened on 26 May by ABC. ... ABC held a two-day training on 22 and 23 May":
                # the training's days are those of its own sentence, not of the opening before it (but
                # "The training, which runs until 28 May" tells when the day before it ends)
                e.dates.clear()
                lent.discard(id(e))
            until = next((d for d in sent_dates if _UNTIL_BEFORE.search(text, max(s0, d.start - 24), d.start)), None)
            if until is not None and e is not None and not e.dates:
                # "opened on Monday, 12 June, and will continue until 14 June": from the day before it
                since = next((d for d in sent_dates if d.end <= until.start and d.first == d.last), None)
                if since is not None and since.first < until.first <= since.first + _MONTH:
                    e.dates.append(replace(since, last=until.first))
                    sent_dates = [d for d in sent_dates if d is not until and d is not since]
            if until is not None and e is not None and len(e.dates) == 1 \
                    and e.dates[0].first == e.dates[0].last < until.first <= e.dates[0].first + _MONTH:
                # "opened on 12 June ... Running through 14 June, the forum ...": the day it ends
                e.dates[0] = replace(e.dates[0], last=until.first)
                sent_dates = [d for d in sent_dates if d is not until]
            began = next((d for d in sent_dates if _BEGAN_BEFORE.search(text, max(s0, d.start - 24), d.start)), None)
            if began is not None and e is not None and len(e.dates) == 1 and e.dates[0].first == e.dates[0].last \
                    and e.dates[0].first - _MONTH <= began.last < e.dates[0].first:
                # "... today completed the course. The course, which began on 12 July, ...": the day it started
                e.dates[0] = replace(e.dates[0], first=began.first)
                sent_dates = [d for d in sent_dates if d is not began]
        if sent_dates:
            if e is not None and e.dates and ctx._has_trigger(sent) \
                    and not _PRECEDED.search(text, s0, sent_dates[0].start):
                # "... on 17-21 June a similar training was held in Riga": a phrase the event before
                # took in, told with dates of its own and a verb that tells it took place, is another
                # event of the kind
                pick = next((d for d in sent_dates if d.first != d.last), sent_dates[0])
                own = next((m for m in e.mentions if s0 <= m.start < s1 and not m.concrete), None)
                if len(here) == 1 and len(e.dates) == 1 and e.dates[0].first == e.dates[0].last \
                        and pick.first <= e.dates[0].first <= pick.last:
                    # "... closed on Friday. The workshop, held from 6 to 8 March, ...": the days of that day's event
                    e.dates[0] = pick
                elif len(here) == 1 and len(e.dates) == 1 and pick.first == pick.last \
                        and e.dates[0].first == e.dates[0].last < pick.first <= e.dates[0].first + _MONTH \
                        and _CLOSED.search(sent) and not _OPENED.search(sent):
                    # "... opened on Monday. The visit ends today.": the day the event told before ends
                    e.dates[0] = replace(e.dates[0], last=pick.first)
                elif own is not None and own is not e.mentions[0] and (pick.first, pick.last) not in \
                        {(d.first, d.last) for d in e.dates} \
                        and not any(x is not e and not x.dates for _, x in mentions_in(s0, pick.start)):
                    # (not when another event named before the date has none: "The Sessions were preceded
                    # by the 9th Session of the Board, held from 2 to 4 June": the Board's)
                    e.mentions.remove(own)
                    e = ev.Event(f"event{len(events)}", own.kind, ev.LEADING_ARTICLE.sub("", own.label))
                    e.mentions.append(own)
                    events.append(e)
                    here = [e]
            if e is not None and e.dates and len(here) > 1:
                # "The meeting prepared the 3rd Assembly, scheduled for 2-3 October": the date belongs
                # to the nearest event named before it that has none
                pick = next((d for d in sent_dates if d.first != d.last), sent_dates[0])
                nearest = next((x for _, x in reversed(mentions_in(s0, pick.start)) if not x.dates), None)
                if nearest is None and _PRECEDED.search(text, s0, pick.start):
                    # "The Assembly was preceded on 14 May by a meeting of the Bureau": every event named before
                    # the date has its days, so they are those of the event the passive's agent names
                    by = _BY.search(text, pick.end, min(s1, pick.end + 60))
                    nearest = next((x for _, x in mentions_in(by.end(), s1) if not x.dates), None) if by else None
                e = nearest or e
            if e is not None and not e.dates:
                pick = next((d for d in sent_dates if d.first != d.last), sent_dates[0])
                e.dates.append(pick)
                if e is not target:
                    lent.add(id(e))
        pure_pub_line = ctx.pub_line and ctx.pub_line[0] <= s0 and s1 <= ctx.pub_line[1]
        if main and not here and sent_dates and ctx._is_header_line(s0, s1) and not pure_pub_line:
            # "ABC, Fredonia City, 3-4 May 2021", "DEF Headquarters, 7 and 8 June 2022": the host's line
            first = ctx.org_at(s0, sent_dates[0].start)
            if first and first[0][1].start == s0:
                header_hosts.append((main, ("organizer", first[0][0], (s0, first[0][1].end), "role-header")))
        # "The Assembly agreed to hold its next meeting in Lima": where the meeting to come will be
        upcoming = [e for e in here if e.label.split(None, 1)[0] in ev.UPCOMING_WORDS]
        for e in upcoming or here or ([main] if main and ctx._is_header_line(s0, s1) and not pure_pub_line else []):
            if e is None:
                continue
            for p in ctx._event_places(s0, s1, e):
                e.places.append(p)
            if hybrid[si]:
                e.mode = "hybrid"
            elif virtual[si] and e.mode is None:
                e.mode = "virtual"
    for e in events:
        _days_told(ctx, e)
        if e.kind == "visit":
            # "a study visit to the X": X is visited, and the visited party hosts the visit and takes part in it
            for m in e.mentions:
                visited = next(((o, om) for o, om in ctx.org_at(m.start, m.end)
                                if _TO_BEFORE.search(text, max(m.start, om.start - 8), om.start)), None)
                if visited is not None:
                    e.roles.append(("organizer", visited[0], (m.start, visited[1].end), "role-visit"))
                    break
            e.roles += [("attendee", o, span, rule) for r, o, span, rule in e.roles if r in ("organizer", "invitedBy")]
        if e.mode is None and e.places:
            e.mode = "in-person"
        for m in e.mentions[:1]:
            if ctx.r.title and ctx.r.title[0] <= m.start < ctx.r.title[1]:
                if hybrid_words.search(text, ctx.r.title[0], ctx.r.title[1]):
                    e.mode = "hybrid"
        # "the ABC-hosted forum", "an ABC-led workshop": the organization before the hyphen holds it
        for m in e.mentions:
            by = _HOSTED_BEFORE.search(text, max(0, m.start - 24), m.start)
            for o, x in ctx.org_at(max(0, m.start - 120), m.start) if by else ():
                if x.end == by.start():
                    e.roles.append(("organizer", o, (x.start, m.end), "role-hosting"))
        # the body whose session it is: "10th session of the Implementation Review Group"
        for m in e.mentions:
            if m.concrete:
                bodies = ctx.org_at(m.start, m.end)
                noun_end = ctx._kind_noun_end(m)
                # "the 10th session of the X": the body follows "of" ("a workshop ... for X" serves X)
                starts, pairs = ctx._org_mentions()
                named_after = [(o, x) for o, x in pairs[bisect.bisect_left(starts, m.start - 120):bisect.bisect_left(starts, m.noun)]
                               if x.end <= m.noun and _named_after(text, x.end, m.noun)]
                # "a meeting of the focal points of the ABC": the ABC's own, which holds it (and of "the ABC
                # (ABC) Regional Office for Alpha", the office: the name the first one runs on into)
                groups = roles.load().member_groups.match(text, noun_end) if e.kind in ("meeting", "session") else None
                owner = max(((o, x) for o, x in bodies if x.start == groups.end()), key=lambda ox: ox[1].end,
                            default=None) if groups else None
                for o, x in sorted(bodies, key=lambda ox: ox[1].start) if owner else ():
                    if x.start >= owner[1].end and _NAME_RUNS_ON.fullmatch(text, owner[1].end, x.start):
                        owner = (o, x)
                if owner:
                    e.roles.append(("organizer", owner[0], (m.start, m.end), "role-body"))
                bodies = [(o, x) for o, x in bodies if x.start >= noun_end and _OF_BEFORE.search(text, m.start, x.start)]
                if bodies and e.kind in _BODY_KINDS:
                    e.body = bodies[0][1]
                    e.body_org = bodies[0][0]
                    # a body holds its own sessions, whoever invites to them
                    # and so does an organization whose own meeting it is ("the annual meetings of the
                    # ABC", not "a meeting of the ABC Secretary General with ...")
                    own = e.kind in ("meeting", "session") and _OF_ONLY.fullmatch(text, noun_end, bodies[0][1].start) \
                        and not _GOES_ON.match(text, bodies[0][1].end)
                    # (an ordinal alone makes no host: "the 18th meeting of the regional offices of the ABC")
                    if roles.is_body(e.body_org.name) or own:
                        e.roles.append(("organizer", e.body_org, (m.start, m.end), "role-body"))
                    if own:  # "the annual meetings of the ABC and the XYZ"
                        listed = [(o, y) for o, y in ctx.org_at(m.start, m.end) if y.start >= bodies[0][1].end]
                        for (_, x), (o, y) in zip(bodies[:1] + listed, listed):
                            if not _AND_THE.fullmatch(text, x.end, y.start) or _GOES_ON.match(text, y.end):
                                break
                            e.roles.append(("organizer", o, (m.start, m.end), "role-body"))
                    break
                if named_after and e.kind in _BODY_KINDS and m.concrete and not m.verb:
                    # "the 30th Alpha Summit", "the Board of Auditors (BOA) Meeting": a gathering named after an
                    # organization is its own (the longest name that ends nearest the noun: "the ABC
                    # Council meeting" is the Council's), and "the joint ABC and DEF workshop" is both's
                    named_after.sort(key=lambda ox: (ox[1].end, ox[1].end - ox[1].start))
                    owners = [named_after[-1]]
                    before = pairs[bisect.bisect_left(starts, m.start - 120):bisect.bisect_left(starts, owners[0][1].start)]
                    for o, x in reversed(before):
                        if x.end <= owners[-1][1].start and _JOINED.fullmatch(text, x.end, owners[-1][1].start):
                            owners.append((o, x))
                    for o, _ in owners:
                        # (not a kind of body with many members: "the RTC Heads Meeting" is no one RTC's)
                        if not (o.from_gazetteer and is_family(ctx.lex, o.name)):
                            e.roles.append(("organizer", o, (m.start, m.end), "role-body"))
                    break
    for e, role in header_hosts:
        e.roles.append(role)
    # "MONTENEGRO, Budva, 19 September 2017 - ... is hosting a learning event": with no place of its
    # own and not held online, the event the release is about took place where the release was dated
    dated_at = ctx.dated_at
    one_country = len({p.ident if p.kind == "country" else p.extra.get("country") for p in dated_at}) == 1
    if main is not None and not main.places and main.mode != "virtual" and one_country and not ctx.spread(main):
        # (not "Brussels/Montreal")
        main.places.extend(dated_at)
        main.mode = main.mode or "in-person"
    # "Officers of A, B and C held a discussion in Freedonia City in May ... The three-day seminar opened
    # on 28 May": with none still, where the first sentence of the text tells something took place
    if main is not None and not main.places and main.mode != "virtual":
        first = next(((s0, s1) for s0, s1 in sents if s0 >= ctx.start and not ctx._is_header_line(s0, s1)), None)
        if first is not None and ctx._has_trigger(text[first[0]:first[1]]):
            main.places.extend(p for p in ctx._event_places(*first, main) if p.kind == "city" or p.extra.get("capital"))
    for e in events:
        if ctx.spread(e):  # (no place, so not in person; nor online for the words of another event)
            e.mode = None
    # "Operation BLUE HARBOUR, in 2020, showed ...": an operation recalled, not one the release reports,
    # unless the title names it or a sentence that tells of it gives a day
    title = ctx.r.title or (0, 0)

    def reported(e: ev.Event) -> bool:
        return any(title[0] <= m.start < title[1] or any(sents[m.sentence][0] <= d.start < sents[m.sentence][1]
                                                        for d in dates) for m in e.mentions)

    events[:] = [e for e in events if not ctx.spread(e) or reported(e)]
    if found.main is not None and found.main not in events:
        found.main = main_event(ctx, events)
