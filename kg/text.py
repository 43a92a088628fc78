"""Sentences and small text helpers shared by the extractor and the evidence writer."""
from __future__ import annotations

import re
from functools import lru_cache

# a sentence ends at . ! ? (not after a known abbreviation or a single capital) followed by space and
# an upper-case letter, digit or quote, or at a line break
_ABBREV = r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bNo)(?<!\bvs)(?<!\betc)(?<!\bProf)(?<!\bH\.E)(?<!\b[A-Z])"
_BOUNDARY = re.compile(_ABBREV + r"[.!?][\"'”’)]?(?=\s+[\"'“‘(]?[A-Z0-9\u0400-\u04FF])|\n\s*")


def sentences(text: str, start: int = 0) -> list[tuple[int, int]]:
    """Spans of the sentences of ``text[start:]`` (leading and trailing blanks trimmed).

    >>> t = "Mr. Kang met the WCO. It went well.\\nNext line"
    >>> [t[a:b] for a, b in sentences(t)]
    ['Mr. Kang met the WCO.', 'It went well.', 'Next line']
    """
    return list(_sentences(text, start))


@lru_cache(maxsize=64)
def _sentences(text: str, start: int) -> tuple[tuple[int, int], ...]:
    out = []
    pos = start
    for m in _BOUNDARY.finditer(text, start):
        end = m.start() + (1 if text[m.start()] in ".!?" else 0)
        if m.group().strip() and m.group()[0] in ".!?":
            end = m.end()
        _push(text, pos, end, out)
        pos = m.end()
    _push(text, pos, len(text), out)
    return tuple(out)


def _push(text: str, a: int, b: int, out: list) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a:
        out.append((a, b))


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` that holds the span ``start:end`` (the span itself if none)."""
    for a, b in _sentences(text, 0):
        if a <= start < b or (a < end <= b):
            return text[a:max(b, end)]
    return text[start:end]
