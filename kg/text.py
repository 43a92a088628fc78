"""Sentences and small text helpers shared by the extractor and the evidence writer."""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import lru_cache

try:  # the compiled scans, built when the package is installed (the pure-Python ones give the same)
    from . import _speedups
except ImportError:  # pragma: no cover - no compiler where the package was installed
    _speedups = None


# the letters of the Latin alphabets beyond ASCII: accented, and the extended ones of Central European,
# Turkish and Vietnamese names
LATIN_LETTERS = "".join(chr(c) for c in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)] if chr(c).isalpha())


def _letter_class(test) -> str:
    """The letters of ``LATIN_LETTERS`` that pass ``test``, as the ranges of a character class."""
    codes = [ord(c) for c in LATIN_LETTERS if test(c)]
    out, i = [], 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        out.append(chr(codes[i]) if i == j else f"{chr(codes[i])}-{chr(codes[j])}")
        i = j + 1
    return "".join(out)


# the capitals and small letters a name may be written in ("Đặng", "Kováč", "Øystein"), for classes
UPPER = "A-Z" + _letter_class(str.isupper)
LOWER = "a-z" + _letter_class(str.islower)

# a sentence ends at . ! ? (not after a known abbreviation or a single capital) followed by space and
# an upper-case letter, digit or quote, or by a capitalised word right after a word's last letters, or
# at a line break; not at the dot of a month's abbreviation before its day ("held on Sept. 18-19")
_ABBREV = "".join(rf"(?<!\b{t}.)" for t in (
    "Mr", "Mrs", "Ms", "Dr", "St", "No", "vs", "etc", "Prof", r"H\.E", "[A-Z]",
    # (and the ranks and titles written before a name: "Col. Ivo Marsh", "Hon. Ada Quill")
    "Col", "Gen", "Lt", "Maj", "Capt", "Sgt", "Cdr", "Cmdr", "Brig", "Insp", "Supt", "Adm", "Amb", "Gov", "Sen", "Hon",
    "Rev", "Engr"))
_MONTH_DOT = "(?:(?!\\s+\\d)|" + "".join(rf"(?<!\b{m}.)" for m in (
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")) + ")"
# (the pattern opens with the one character a boundary starts with, and the look-behinds come after
# the stop they test, so that the search skips ahead from stop to stop)
_BOUNDARY = re.compile(r"[.!?\n](?:(?<=\n)\s*|(?<!\n)" + _ABBREV + _MONTH_DOT
                       + rf"[\"'”’)]?(?=\s+[\"'“‘(]?[{UPPER}0-9\u0400-\u04FF])"
                       # (and a page that lost the space: "... in 1996.He then ...", "the RTC.It")
                       + r"|(?<=[A-Za-z0-9]{2}[.!?])" + _ABBREV + rf"(?=[{UPPER}][a-z]+[ ,]))")


_TEXT_CACHES: list = []


def text_cache(fn=None, *, maxsize: int = 16):
    """Memoize ``fn``, a pure function of one release's text or of its phrases, until
    :func:`forget_texts`: the extractor's passes share what they compute about the text at hand,
    and nothing outlives it."""
    if fn is None:
        return lambda f: text_cache(f, maxsize=maxsize)
    cached = lru_cache(maxsize=maxsize)(fn)
    _TEXT_CACHES.append(cached)
    return cached


def forget_texts() -> None:
    """Drop everything :func:`text_cache` functions remember (called as each release starts)."""
    for cached in _TEXT_CACHES:
        cached.cache_clear()


def matches_at(pattern: re.Pattern, text: str, windows: list[tuple[int, int]],
               starts: list[list[int]]) -> Iterator[re.Match]:
    """What ``pattern.finditer(text, a, b)`` finds in each window ``(a, b)``, given (sorted, for each
    window) every position of it where a match can start: the pattern is tried at those only.

    >>> p = re.compile(r"[A-Z]\\w+")
    >>> [m.group() for m in matches_at(p, "See Rome and Oslo", [(0, 17)], [[4, 13]])]
    ['Rome', 'Oslo']
    """
    for (_, b), here in zip(windows, starts):
        last = -1
        for pos in here:
            if pos < last:
                continue
            m = pattern.match(text, pos, b)
            if m is not None:
                last = m.end()
                yield m


def sentences(text: str, start: int = 0) -> list[tuple[int, int]]:
    """Spans of the sentences of ``text[start:]`` (leading and trailing blanks trimmed).

    >>> t = "Mr. Kang met the WCO. It went well.\\nNext line"
    >>> [t[a:b] for a, b in sentences(t)]
    ['Mr. Kang met the WCO.', 'It went well.', 'Next line']
    """
    return list(_sentences(text, start))


@text_cache
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


MAX_SENTENCE = 1000
"""Longer "sentences" (lists, run-on text, hostile input) are cut at a semicolon, a comma or a space,
so that the work per sentence stays bounded and the whole stays linear in the text's length."""


def _push(text: str, a: int, b: int, out: list) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    while b - a > MAX_SENTENCE:
        window = text[a:a + MAX_SENTENCE]
        cut = max(window.rfind("; "), window.rfind(", "))
        cut = cut + 1 if cut > MAX_SENTENCE // 2 else (window.rfind(" ") if window.rfind(" ") > 0 else MAX_SENTENCE)
        _push(text, a, a + cut, out)
        a += cut
        while a < b and text[a].isspace():
            a += 1
    if b > a:
        out.append((a, b))


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` that holds the span ``start:end`` (``sentence_span``).

    >>> t = "Mr. Kang met the WCO. It went well."
    >>> sentence_at(t, 22, 24), sentence_at(t, 17, 20)
    ('It went well.', 'Mr. Kang met the WCO.')
    """
    a, b = sentence_span(text, start, end)
    return text[a:b]


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the sentence of ``text`` that holds the span ``start:end`` starts and ends: the first
    sentence that holds its start or its end, found by bisection (sentences are sorted and do not
    overlap), stretched to hold the whole span; the span itself if no sentence holds it.

    >>> sentence_span("Mr. Kang met the WCO. It went well.", 22, 24)
    (22, 35)
    """
    spans = _sentences(text, 0)
    starts = _sentence_starts(text)
    found = []
    i = bisect.bisect_right(starts, start) - 1  # the one sentence that can hold the start
    if i >= 0 and start < spans[i][1]:
        found.append(i)
    j = bisect.bisect_left(starts, end) - 1  # the one sentence that can hold the end
    if j >= 0 and end <= spans[j][1]:
        found.append(j)
    if not found:
        return start, end
    a, b = spans[min(found)]
    return min(a, start), max(b, end)


@text_cache
def _sentence_starts(text: str) -> list[int]:
    return [a for a, _ in _sentences(text, 0)]


class SpanIndex:
    """Character spans, asked in O(log n) whether one of them reaches over a point or a span.

    >>> s = SpanIndex([(0, 5), (10, 20)])
    >>> s.covers(3), s.covers(7), s.covers(12, 20), s.covers(12, 21)
    (True, False, True, False)
    """

    def __init__(self, spans: list[tuple[int, int]]):
        spans = sorted(spans)
        self._starts = [a for a, _ in spans]
        self._reach: list[int] = []
        far = -1
        for _, b in spans:
            far = max(far, b)
            self._reach.append(far)

    def covers(self, a: int, b: int | None = None) -> bool:
        """Whether a span starts at or before ``a`` and ends after ``a`` (at or after ``b`` if given)."""
        i = bisect.bisect_right(self._starts, a) - 1
        return i >= 0 and (self._reach[i] >= b if b is not None else self._reach[i] > a)


def literal_alternation(words: list[str], after_first: str = "") -> str:
    """A case-sensitive regex that matches what ``"|".join(longest first)`` of the literal ``words``
    matches, trying them in the same order, written as a prefix tree: the engine compares a few
    characters at a position instead of every word.

    ``after_first``, a zero-width pattern such as a look-behind, is tested after the first character
    of every word: a pattern that opens with the tree then opens with a literal character, which the
    search skips ahead to.

    >>> literal_alternation(["Directorate", "Director", "Deputy", "Chair"])
    '(?:Chair|D(?:eputy|irector(?:ate)?))'
    >>> literal_alternation(["Mr", "Mrs", "Dr"], after_first="(?<!a.)")
    '(?:D(?<!a.)r|M(?<!a.)r(?:s)?)'
    """
    tree: dict = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def branches(node: dict, top: bool = False) -> list[str]:
        # two words that both match at one position are one the other's prefix, so they lie on one
        # path of the tree, where the longer is tried first; siblings exclude one another
        out = []
        for ch in sorted(k for k in node if k):
            prefix, child = re.escape(ch) + (after_first if top else ""), node[ch]
            while len(child) == 1 and "" not in child:  # a chain of single children: one literal
                (ch2, child), = child.items()
                prefix += re.escape(ch2)
            out.append(prefix + rest(child))
        return out

    def rest(node: dict) -> str:
        alts = branches(node)
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + "|".join(branches(tree, top=True)) + ")"


_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` with its control characters (C0, C1, DEL) and bidirectional controls written as
    escapes, for a terminal and for data that XML must carry (a file name may hold any of them).

    >>> printable("a\\x1b[31mb\\nc")
    'a\\\\x1b[31mb\\\\x0ac'
    """
    return _UNPRINTABLE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                            else f"\\u{ord(m.group()):04x}", text)
