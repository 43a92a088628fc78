"""Dates: the publication date line in any language, and event dates and ranges in the text.

Ranges ("from 27 to 29 May 2019", "18th-20th November 2013", "31 May - 3 June 2016", "May 27-29,
2019", "June 20-21") are found by our own patterns, built from the month words of ``months.tsv``; a
date without a year takes the year of the publication date (or, without one, of the text's first date
that states its year; else it is dropped); month-only dates give no exact date.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from ..text import literal_alternation, matches_at
from .lexicon import Lexicon, alternation
from .mentions import all_tokens, token_index

_DASH = r"\s*(?:-|–|—|to|until|till|and|au|al|a|bis)\s*(?:the\s+)?"  # ("from the 27th to the 29th of May")
_ORD = r"(?:st|nd|rd|th|er|e)?"
_YEAR_GAP = r"(?:\s*,\s*|\s+)"  # "May 27, 2019", "May 27 2019", "May 27 , 2019", "May 27,2019"


@dataclass(frozen=True, slots=True)
class DateSpan:
    start: int
    end: int
    first: dt.date
    last: dt.date
    yearless: bool = False


@lru_cache(maxsize=4)
def _patterns(lex: Lexicon) -> dict[str, re.Pattern]:
    # the month words of every language as a prefix tree: under IGNORECASE it matches what their plain
    # longest-first alternation matches (tested), trying far fewer branches at each position
    month = literal_alternation(list(lex.months)) + r"\.?"
    day = r"(\d{1,2})" + _ORD
    # a day before its month may end with a dot, as German and Polish write it ("3. Mai 2024"; not an
    # English month after it: "rose to 25. March saw ...")
    english_words = "|".join(sorted((re.escape(w) for w, lang in lex.month_languages.items() if lang == "en"),
                                    key=len, reverse=True))
    dday = r"(\d{1,2})" + rf"(?:st|nd|rd|th|er|e|\.(?=\s)(?!\s+(?i:{english_words})\b))?"
    year = r"(\d{4})"
    wk = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
    m = f"({month})"
    de = r"(?:(?:de|of)\s+)?"  # "5 de noviembre de 2013", "12 de março de 2018", "the 27th of May 2021"
    de_year = r"(?:(?:del?|năm)\s+)?"  # "7 de junio del 2019", "7 tháng 6 năm 2019"
    english = sorted((w for w, lang in lex.month_languages.items() if lang == "en"), key=len, reverse=True)
    en = "(" + "|".join(re.escape(w.capitalize()) for w in english) + r")\.?"
    # each pattern opens with a look-ahead at the characters a match can start with: the search
    # passes over every other position with one test instead of trying every alternative there
    day_first = r"(?=[\dMTWFS])"
    month_first = "(?<!-)(?=[" + "".join(sorted({re.escape(w[:1].upper()) for w in english})) + "])"
    return {
        # 31 May - 3 June 2016 / 31 May 2016 to 3 June 2016 / from 30 April to 2 May (the year of the release)
        "dm_dm": re.compile(rf"{day_first}\b{wk}{dday}\s+{de}{m}(?:\s+{de_year}{year})?{_DASH}{wk}{dday}\s+{de}{m}"
                            rf"(?:,?\s+{de_year}{year}\b|(?!,?\s*\d))", re.I),
        # 11, 12 and 13 November 2018: a list of days, from the first to the last
        "dl_dm": re.compile(rf"{day_first}\b{wk}{dday}(?:,\s*\d{{1,2}}{_ORD})+,?\s+(?:and|&)\s+{dday}\s+{de}{m}"
                            rf"(?:(?:,\s*|\s+){de_year}{year})?(?!\d)", re.I),
        # 27 to 29 May 2019 / 18th-20th November 2013 / 27 and 28 November 2017
        "d_dm": re.compile(rf"{day_first}\b{wk}{dday}{_DASH}{wk}{dday}\s+{de}{m}(?:(?:,\s*|\s+){de_year}{year})?(?!\d)",
                           re.I),
        # May 30 to June 2, 2019 / June 3 to June 5, 2019 / September 4 and Thursday, September 5 (month first)
        "md_md": re.compile(rf"{month_first}\b{en}\s+{day}{_DASH}{wk}{en}\s+{day}"
                            rf"(?:{_YEAR_GAP}{year}\b|(?!\d|[:.]\d|,?\s*\d))"),
        # May 27-29, 2019 (month first: English usage, capitalised month); "June 20-21" takes a year
        "md_d": re.compile(rf"{month_first}\b{en}\s+{day}{_DASH}{day}(?:{_YEAR_GAP}{year}\b|(?!\d|[:.]\d|,?\s*\d))"),
        # May 27, 2019
        "md": re.compile(rf"{month_first}\b{en}\s+{day}(?:{_YEAR_GAP}{year}\b|(?!\d|[:.]\d|,?\s*\d))"),
        # 27 May 2019 / Wednesday 5 November / 17 十二月 2013
        "dm": re.compile(rf"{day_first}\b{wk}{dday}\s*{de}{m}(?:,?\s+{de_year}{year})?(?!\s*\d{{1,2}}\b)(?!\d)", re.I),
        # 2019-06-07: opens with the first dash, which the search skips ahead to, and looks behind it
        # for the year (a match starts at the year's group)
        "iso": re.compile(r"-(?<=(?<!\w)(\d{4})-)(\d{2})-(\d{2})\b"),
    }


@lru_cache(maxsize=4)
def _month_words(lex: Lexicon):
    return alternation(list(lex.months), re.I)


@lru_cache(maxsize=4)
def _abbreviations(lex: Lexicon) -> frozenset[str]:
    """Month words that shorten a longer word of the same month and language ("jun", "sept", "out",
    "déc"; not "may", which "mayo" only extends in another language)."""
    words, lang = lex.months, lex.month_languages
    return frozenset(w for w in words if any(o != w and o.startswith(w) and words[o] == words[w] and lang[o] == lang[w]
                                             for o in words))


# the patterns whose year may be left out: (the group of the year, the group of the month word that
# says whether it may: an abbreviation or a lower-case English month needs its year)
_YEAR_AND_MONTH = {"dl_dm": (3, 2), "d_dm": (3, 2), "md_md": (4, 0), "md_d": (3, 0), "md": (2, 0), "dm": (2, 1)}


def _needs_year(month_word: str, lex: Lexicon, before_day: bool = False) -> bool:
    """An abbreviated month ("out", "mar") is a date only with its year, and so is an English month
    written in lower case ("5 may attend"): without one, "19 out of 23" would be the 19th of October.
    A capitalised English abbreviation before the day (``before_day``: "Apr. 7", "Sept. 12", "Feb 4",
    as news agencies write) is a month word all the same."""
    word = month_word.rstrip(".")
    lower = word.lower()
    english = lex.month_languages.get(lower) == "en"
    if before_day and english and word[:1].isupper():
        return False
    return lower in _abbreviations(lex) or english and not word[:1].isupper()


# where a day-first date can start: a digit or a weekday at the start of a word
_DAY_START = re.compile(r"[\dMTWFSmtwfs](?<!\w.)(?:(?<=\d)|(?i:(?<=m)onday|(?<=t)uesday|(?<=w)ednesday|(?<=t)hursday"
                        r"|(?<=f)riday|(?<=s)aturday|(?<=s)unday))")


def _mk(y: int, mo: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, mo, d)
    except ValueError:
        return None


def find_dates(text: str, lex: Lexicon, default_year: int | None, start: int = 0, end: int | None = None) -> list[DateSpan]:
    """Every exact date or date range in ``text[start:end]``, non-overlapping, in text order."""
    end = len(text) if end is None else end
    pats = _patterns(lex)
    months = lex.months
    found: list[DateSpan] = []
    taken: list[tuple[int, int]] = []  # kept sorted; spans never overlap

    def free(a: int, b: int) -> bool:
        i = bisect.bisect_left(taken, (a, a))
        return not (i < len(taken) and taken[i][0] < b or i > 0 and taken[i - 1][1] > a)

    def month(word: str) -> int:
        return months[word.lower().rstrip(".")]

    # only the neighbourhood of a month word can hold a date: scan windows, not the whole text
    windows: list[tuple[int, int]] = []
    toks, _ = all_tokens(text)
    token_at = token_index(text)
    month_starts = []
    for mw in _month_words(lex).finditer(text, start, end):
        t0, t1 = mw.span()
        month_starts.append(t0)
        k = token_at.get(t0)
        if k is None or toks[k][1] > t1 or toks[k][1] < t1 and text[t1:t1 + 1].isalnum():
            continue  # part of a longer token ("May-June"); a month of two words ends with a word
        a, b = max(start, t0 - 45), min(end, t1 + 45)
        if windows and a <= windows[-1][1]:
            windows[-1] = (windows[-1][0], b)
        else:
            windows.append((a, b))
    # and in a window, a date starts at a day or a weekday, or (month first) at a month word: each
    # pattern is tried there only, which finds what its search of the window finds
    day_starts = [[m.start() for m in _DAY_START.finditer(text, a, b)] for a, b in windows]
    month_first = [[p for p in month_starts if a <= p < b] for a, b in windows]
    for name in ("dm_dm", "dl_dm", "d_dm", "md_md", "md_d", "md", "dm", "iso"):
        if name == "iso":
            found_here = pats[name].finditer(text, start, end)
        else:
            found_here = matches_at(pats[name], text, windows, month_first if name.startswith("md") else day_starts)
        for mt in found_here:
            a, b = mt.span() if name != "iso" else (mt.start(1), mt.end())
            if not free(a, b):
                continue
            g = mt.groups()
            yearless = False
            if name in _YEAR_AND_MONTH:  # (the patterns whose year may be left out)
                yi, mi = _YEAR_AND_MONTH[name]
                yearless = g[yi] is None
                y = default_year if yearless else int(g[yi])
                first_word = name.startswith("md")  # ("Apr. 7", "Feb 4")
                if y is None or yearless and _needs_year(g[mi], lex, first_word):
                    continue
            if name == "dm_dm":
                if g[5] is None and (g[2] is not None or default_year is None
                                     or _needs_year(g[1], lex) or _needs_year(g[4], lex)):
                    continue
                yearless = g[5] is None
                y2 = default_year if yearless else int(g[5])
                y1 = int(g[2]) if g[2] else y2
                first, last = _mk(y1, month(g[1]), int(g[0])), _mk(y2, month(g[4]), int(g[3]))
            elif name in ("dl_dm", "d_dm"):
                mo = month(g[2])
                first, last = _mk(y, mo, int(g[0])), _mk(y, mo, int(g[1]))
            elif name == "md_md":
                first, last = _mk(y, month(g[0]), int(g[1])), _mk(y, month(g[2]), int(g[3]))
            elif name == "md_d":
                mo = month(g[0])
                first, last = _mk(y, mo, int(g[1])), _mk(y, mo, int(g[2]))
            elif name == "md":
                first = last = _mk(y, month(g[0]), int(g[1]))
            elif name == "dm":
                first = last = _mk(y, month(g[1]), int(g[0]))
            else:
                first = last = _mk(int(g[0]), int(g[1]), int(g[2]))
            if first is None or last is None or last < first or (last - first).days > 62:
                continue
            found.append(DateSpan(a, b, first, last, yearless))
            bisect.insort(taken, (a, b))
    return sorted(found, key=lambda d: d.start)


_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})\s+(\w+)\s+(\d{4})")
_MONTH_DAY_YEAR = re.compile(r"(?:\w+day,?\s+)?(\w+)\.?\s+(\d{1,2}),?\s+(\d{4})")  # "Novembre 4, 2013", any language
_NUMERIC_DATE = re.compile(r"(?<![\w./-])(\d{1,2})([./-])(\d{1,2})\2(\d{4})(?![\d./-])")
_YEAR_FIRST = re.compile(r"(?<![\w./-])(\d{4})([/.])(\d{1,2})\2(\d{1,2})(?![\d./-])")  # 2019/06/07, 2019.06.07
_BY_AFTER = re.compile(r"\s+by\s+[^\W\d](?:[^\W\d]|[ .'’-]){0,40}$")  # "5 May 2019 by the press office"
_HYPHENS = re.compile(r"\b(\d{1,2})-([^\W\d]{3,12})-(\d{4})\b")
_DAY_OF = re.compile(r"\b(\d{1,2}(?:st|nd|rd|th)?)\s+of\s+(?=[^\W\d])")
# a time after the date ("- 10:30", ", 10:30 AM"), and the dot after a day ("5. Mai 2019")
_TIME_AFTER = re.compile(r"(?:\s*[-–,|]\s*|\s+)(?:at\s+)?\d{1,2}[:.h]\d{2}(?::\d{2})?(?:\s*(?:[ap]\.?m\.?|h|hrs|(?:utc|gmt)\s*[+-]\d{1,2}(?::?\d{2})?|[A-Z]{3,4}|[+-]\d{4}))?\s*$", re.I)
_SPACED_DOTS = re.compile(r"(\d{1,2})\.\s(\d{1,2})\.\s(\d{4})")  # "05. 06. 2019"
_DAY_DOT = re.compile(r"(?<![\d.])(\d{1,2})\.\s+(?=[^\W\d])")
_ISO_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?")
_CJK_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def parse_dateline(line: str, lex: Lexicon) -> dt.date | None:
    """The date of a publication date line such as "07 июня 2019", "17 十二月 2013", "2019年6月7日" or
    "05.06.2019"."""
    line = _ISO_TIME.sub(r"\1", line.strip())  # "2019-06-07T10:30:00Z"
    line = _SPACED_DOTS.sub(r"\1.\2.\3", line)
    line = _DAY_DOT.sub(r"\1 ", _TIME_AFTER.sub("", _BY_AFTER.sub("", line)))  # "5. Mai 2019, 10:30 AM"
    line = _DAY_OF.sub(r"\1 ", _HYPHENS.sub(r"\1 \2 \3", line))  # "12-Jun-2019", "12th of June 2019"
    m = _DAY_MONTH_YEAR.fullmatch(line)
    if m is not None and m[2].lower() in lex.months:  # the common shape, read directly
        date = _mk(int(m[3]), lex.months[m[2].lower()], int(m[1]))
        if date is not None:
            return date
    m = _MONTH_DAY_YEAR.fullmatch(line)
    if m is not None and m[1].lower() in lex.months:
        date = _mk(int(m[3]), lex.months[m[1].lower()], int(m[2]))
        if date is not None:
            return date
    spans = find_dates(line, lex, None)
    if len(spans) == 1 and spans[0].first == spans[0].last:
        return spans[0].first
    if spans:
        return None
    found = [m for pattern in (_CJK_DATE, _NUMERIC_DATE, _YEAR_FIRST) for m in pattern.finditer(line)]
    if len(found) != 1:
        return None
    m = found[0]
    if m.re is _CJK_DATE:
        return _mk(int(m[1]), int(m[2]), int(m[3]))
    if m.re is _YEAR_FIRST:
        return _mk(int(m[1]), int(m[3]), int(m[4]))
    # day first, as international newsrooms write; month first only where the day can only be the
    # second number ("06/25/2019")
    day, month = int(m[1]), int(m[3])
    if m[2] == "/" and day <= 12 < month:
        day, month = month, day
    return _mk(int(m[4]), month, day)
