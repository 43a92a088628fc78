"""Phase 2, publication: the date a release was published (given by its reader, its date line, or a
"Brussels, 15 March 2011" line under its title) and the places such a line names."""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import replace as dc_replace
from typing import Any

from ..model import Evidence
from ..read import date_labels, words_pattern
from ..text import UPPER
from . import mentions as mn
from . import rules
from .context import Context
from .dates import _NUMERIC_DATE, _YEAR_FIRST, find_dates, parse_dateline


@functools.lru_cache(maxsize=None)
def _header_places() -> re.Pattern[str]:
    """The places before the date of a place-and-date line ("Geneva, Freedonia, 5 May", "GENEVA
    (Agency) -- 5 May", "Geneva – 5 May", "GENEVA / LIMA, 5 May"), and the word some languages put
    before the day ("Paris, le 5 mai")."""
    # (a capital of the Latin alphabet, accented ones too, or of the Cyrillic: "ŁÓDŹ, 5 May", "Астана, 3 октября 2024 г.")
    cap = f"[{UPPER}А-ЯЁ]"
    # (and the small words inside a place's name: "Côte d'Ivoire", "Rio de Janeiro", "Dar es Salaam")
    small = r"(?:(?:de|del|da|do|du|des|di|es|el|al|of|and|la|le)\s+|d['’])?"
    return re.compile(rf"\s*(?:{cap}[\w’'./-]*(?:(?:\s+|\s*/\s*){small}{cap}[\w’'./-]*)*(?:\s*\({cap}[^()\n]{{1,40}}\))?"
                      r"(?:,|\s+[-–—]{1,2})\s*){1,4}"
                      rf"(?i:{words_pattern(date_labels().get('article', []))}\s+(?=\d))?")


_LINE = re.compile(r"\n*([^\n]*)")
# what may follow the date in figures of a place-and-date line: a dash, or the end ("Brussels, 05/05/2021 -")
_DASH_OR_END = re.compile(r"\s*(?:[-–—]|$)")
_ANY_YEAR = 2000  # a leap year
# places, then a date in brackets and a dash: "FREDONIA CITY, FREDONIA (5 May 2024) —"
_BRACKETED_DATE = re.compile(r"\s*([A-Z][\w’'.-]*(?:(?:\s+|,\s*)[A-Z][\w’'.-]*){0,4})"
                             r"\s*\(([^()\n]{6,30})\)\s*[-–—]")


def read_publication(ctx: Context) -> dict[str, Any]:
    """The publication fields of the context: ``published``, ``pub_evidence``, ``pub_line``, ``dated_at``,
    ``line_date``."""
    r, text = ctx.r, ctx.text
    published = r.published
    pub_ev = rules.evidence(0, len(text), "reader")
    if published is None and r.dateline:
        published = parse_dateline(r.text[r.dateline[0]:r.dateline[1]], ctx.lex)  # (the raw text: a foot date may stand after other news)
        pub_ev = rules.evidence(*r.dateline, "dateline")
    line, dated_at, line_date = None, (), None
    if r.title:
        line_date, line_ev, line, dated_at = _place_dateline(ctx, published.year if published else None)
        foot = r.dateline is not None and r.dateline[0] >= r.body_start  # ("Last updated: ..." at the page's foot)
        if line_ev is not None and (published is None and r.dateline is None or foot):
            published, pub_ev = line_date, line_ev
        elif published is not None and line_date is not None and _swapped(published) == line_date:
            # "2/4/2025" over "CITY, Feb 4 (Agency) -": the figures were month first
            published = line_date
    return {"published": published, "pub_evidence": pub_ev, "pub_line": line, "dated_at": dated_at,
            "line_date": line_date}


def _titled_places(ctx: Context, h0: int, h1: int) -> list[mn.Mention]:
    """The places of ``h0:h1`` written in capitals ("FREDONIA CITY"), read as their names are written
    elsewhere."""
    return [dc_replace(p, start=h0 + p.start, end=h0 + p.end) for p in mn.countries_and_cities(ctx.text[h0:h1].title())]


# a dateline without its date: the places, an agency in brackets perhaps, and a dash before the text
_DASH_HEAD = re.compile(r"((.*?)(?:\s*\([^()]{1,30}\))?)\s+[-–—]{1,2}\s*$", re.S)


def _dash_dateline(ctx: Context, line_start: int, line: str, head_end: int) -> tuple[mn.Mention, ...]:
    """The places of a paragraph that opens with them and a dash, as a news dateline does ("Porto Novo
    (Freedonia) – ...", "FREDONIA CITY (Agency) – ..."): every word before the dash names a place."""
    m = _DASH_HEAD.fullmatch(line, 0, head_end)
    if m is None or line[head_end:head_end + 1].islower() or not line[:1].isupper():
        return ()
    h0 = line_start
    for h1 in (h0 + m.end(1), h0 + m.end(2)):  # (the brackets may hold a place or the agency)
        head = ctx.text[h0:h1]
        words = [h0 + w.start() for w in re.finditer(r"[^\W\d_]+", head)]
        for at in (ctx.places_in(h0, h1), _titled_places(ctx, h0, h1)):
            named = {i for p in at for i in range(p.start, p.end)}
            if words and all(w in named for w in words):
                return tuple(at)
    return ()


def _swapped(day: dt.date) -> dt.date | None:
    """The date with its day and month read the other way round, if there is one."""
    try:
        return dt.date(day.year, day.day, day.month) if day.day != day.month else None
    except ValueError:
        return None


def _place_dateline(ctx: Context, year: int | None) -> tuple[dt.date | None, Evidence | None, tuple[int, int] | None, tuple[mn.Mention, ...]]:
    """A "Brussels/Montreal, 15 March 2011" line right below the title, or a paragraph that opens
    so ("FREDONIA CITY, 5 May (Agency) - ..."): the place and date of publication (a range there is
    an event's dates, not a publication date): (date, evidence, the span of the place and date, the
    places). A yearless date takes ``year``. A paragraph that opens with places and a dash, with no
    date, gives its places alone ("FREDONIA CITY – ...")."""
    assert ctx.r.title is not None
    pos = ctx.r.title[0]
    for _ in range(6):
        m = _LINE.match(ctx.text, pos)
        if m is None or not m.group(1) and m.end() >= len(ctx.text):
            break  # (the last line may be the paragraph: a release of one paragraph)
        line_start, line = m.start(1), m.group(1)
        pos = m.end() + 1
        if not line.strip():
            continue
        head = _header_places().match(line)
        bracket = _BRACKETED_DATE.match(line)
        if bracket is not None:
            # "FREDONIA CITY, FREDONIA (5 May 2024) —", "Fredville (05/05/2024) -": the date in brackets
            fig = _NUMERIC_DATE.fullmatch(bracket.group(2)) or _YEAR_FIRST.fullmatch(bracket.group(2))
            spans = [] if fig else find_dates(
                ctx.text, ctx.lex, None, line_start + bracket.start(2), line_start + bracket.end(2))
            date = parse_dateline(bracket.group(2), ctx.lex) if fig else \
                spans[0].first if spans and spans[0].first == spans[0].last and \
                spans[0].end - spans[0].start == bracket.end(2) - bracket.start(2) else None
            if date is not None:
                at = ctx.places_in(line_start, line_start + bracket.end(1))
                if not at and ctx.text[line_start:line_start + bracket.end(1)].isupper():
                    at = _titled_places(ctx, line_start, line_start + bracket.end(1))
                if at:
                    span = (line_start + bracket.start(2), line_start + bracket.end(2))
                    return date, rules.evidence(*span, "place-dateline"), (line_start, span[1] + 1), tuple(at)
        if head is None:
            continue
        # (a yearless date is read in any year, for its place: "VIENNA, 5 May (Agency) -")
        spans = find_dates(ctx.text, ctx.lex, year or _ANY_YEAR, line_start + head.end(),
                           line_start + min(len(line), head.end() + 30))
        if not spans:
            # "Brussels, 05/05/2021": a date in figures, as a date line alone is read
            fig = _NUMERIC_DATE.match(line, head.end()) or _YEAR_FIRST.match(line, head.end())
            after = _DASH_OR_END.match(line, fig.end()) if fig else None
            date = parse_dateline(fig.group(), ctx.lex) if after else None
            if date is not None:
                at = ctx.places_in(line_start, line_start + head.end())
                # (the line is the date's, its dash too: "ABUJA, 22.02.2021 -")
                return (date, rules.evidence(line_start + fig.start(), line_start + fig.end(), "place-dateline"),
                        (line_start, line_start + after.end()), tuple(at))
            at = _dash_dateline(ctx, line_start, line, head.end())
            if at:  # "FREDONIA CITY, Freedonia – Officers from ... met": where the text was written
                return None, None, None, at
        if spans and spans[0].start == line_start + head.end() and spans[0].first == spans[0].last:
            h0, h1 = line_start, line_start + head.end()
            at = ctx.places_in(h0, h1)
            if not at and ctx.text[h0:h1].isupper():  # "FREDONIA CITY, 5 May"
                at = _titled_places(ctx, h0, h1)
            # (the line is the date's, and so is a dash that ends it: "FREDONIA CITY, May 5, 2024 -")
            dash = _DASH_OR_END.match(line, spans[0].end - line_start)
            line = (line_start, line_start + dash.end() if dash else spans[0].end)
            if spans[0].yearless and not year:
                year = _year_of_the_day(ctx, spans[0].first)
                if year is None:
                    return None, None, line, tuple(at)
                if (spans[0].first.month, spans[0].first.day) == (2, 29):
                    return None, None, line, tuple(at)  # (a 29 February read in a leap year)
                day = spans[0].first.replace(year=year)
                return day, rules.evidence(spans[0].start, spans[0].end, "place-dateline"), line, tuple(at)
            return spans[0].first, rules.evidence(spans[0].start, spans[0].end, "place-dateline"), line, tuple(at)
    return None, None, None, ()


# "© 2024 Agency", "(c) Agency 2024", "Copyright 2024": the year of the page
_COPYRIGHT = re.compile(r"(?:©|\([cC]\)|\b[Cc]opyright\b)[^\n\d]{0,40}?((?:19|20)\d\d)\b")


def _year_of_the_day(ctx: Context, day: dt.date) -> int | None:
    """The year of a dateline that gives none ("VIENNA, 5 May (Agency) -"): that of another date of the
    page on the same day ("Updated: 05 May 2024, 7:41", "2024-05-05/11:42" at its foot), else the year of
    its copyright line."""
    years = {d.first.year for d in find_dates(ctx.text, ctx.lex, None)
             if not d.yearless and d.first == d.last and (d.first.month, d.first.day) == (day.month, day.day)}
    if len(years) == 1:
        return years.pop()
    if years:
        return None
    found = {int(m.group(1)) for m in _COPYRIGHT.finditer(ctx.text)}
    return found.pop() if len(found) == 1 else None
