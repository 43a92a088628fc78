"""People: names after an honorific or beside a role ("Ms. Ada Quill, Chairperson of ...",
"the Secretary General of the ABC, Jon Brandt", "Secretary General Brandt")."""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..text import LATIN_LETTERS, LOWER, UPPER, literal_alternation, matches_at
from .lexicon import Lexicon

# (a word may have a capital inside: "McAdam", "AlFarsi")
_U, _L = UPPER, LOWER
_IN_WORD = rf"(?:['’](?!s\b)[{_L}]+)*"  # "Ng’ang’a", "Zo’o" (not a possessive "’s")
_NAME_TOKEN = (rf"(?:[{_U}][{_L}]+{_IN_WORD}(?:[{_U}][{_L}]{{2,}})?(?:['’][{_U}][{_L}]+)?(?:-[{_U}{_L}][{_L}]+{_IN_WORD})?"
               rf"|[{_U}]['’][{_U}][{_L}]+(?:-[{_U}][{_L}]+)?"  # "O'Connor", "N'Diaye"
               rf"|[{_U}]{{2,}}(?:-[{_U}][{_L}]+|-[{_U}]{{2,}})?|(?:[A-Z]\.){{1,3}}"
               rf"|(?:De|de|la|van|von|der|den|da|das|do|dos|del|di|du|Al|El|bin|ben|ibn|bint)(?![\w’'-]))")
NAME = rf"{_NAME_TOKEN}(?:[ \u00a0]+{_NAME_TOKEN}){{0,3}}"


# (the look-behind after the first letter: a pattern that opens with one is tried at every position)
_PLURAL_HONORIFIC = re.compile(literal_alternation(["Messrs", "Mmes", "Mesdames", "Drs", "Profs"], after_first=r"(?<![\w.].)")
                               + rf"\.?\s+(?P<names>{NAME}(?:\s*,\s*{NAME})*(?:,?\s+and\s+{NAME})?)")
_LIST_NAME = re.compile(NAME)


@dataclass(slots=True)
class PersonMention:
    start: int
    end: int
    name: str
    role: str | None
    org_span: tuple[int, int] | None  # where the affiliation is named
    rule: str


@lru_cache(maxsize=4)
def _patterns(lex: Lexicon) -> dict[str, re.Pattern]:
    hon = literal_alternation(lex.list("honorifics"))
    hon_start = literal_alternation(lex.list("honorifics"), after_first=r"(?<![\w.].)")
    roles = literal_alternation(lex.list("role_words"))
    # (the modifier word is possessive: a word cut short is never followed by the blank)
    role_phrase = rf"(?:(?!(?:The|A|An|His|Her|Its|Their)\s)(?:[A-Z][\w-]*+|[A-Z]{{2,}}+)\s+){{0,2}}(?:{roles})"
    org_tail = r"(?:\s+(?:of|at|for|to)\s+(?:the\s+)?(?P<org>[A-Z][\w&.’'/-]*+(?:\s+(?:of|for|on|and|the|against|to|in|&)?\s*(?!(?:Mr|Mrs|Ms|Dr|Prof)\.?\s)[A-Z][\w&.’'/-]*+){0,10}(?:\s*\([A-Za-z./-]+\))?))?"
    # the look-aheads come first: the search passes over most positions with one test
    return {
        # Mr. Ivo Marsh, the Director General of Freedonia Customs
        # (and "Mr.Ivo Marsh", written without the blank)
        # (an honorific after another is no name: "Honourable Dr. Ivo Marsh")
        "honorific": re.compile(rf"{hon_start}(?:\.?\s+|(?<=\.)(?=[A-Z]))(?!(?:{hon})[.\s])(?P<name>{NAME})(?:,\s+(?:the\s+)?(?P<role>{role_phrase}){org_tail})?"),
        # Jon Brandt, Secretary General of the Alpha Trade Organization
        # (the name is atomic: a shorter one is never followed by the comma; the role is a whole word,
        # not the start of "Headquarters")
        "name_role": re.compile(rf"(?=[A-Z])(?<![\w.])(?P<name>(?>{NAME})),\s+(?:the\s+)?(?P<role>{role_phrase})(?![\w-]){org_tail}"),
        # the Secretary General of the ABC, Jon Brandt
        "role_name": re.compile(rf"(?=[A-Za-z])(?<![\w-])(?P<role>{role_phrase}){org_tail},\s+(?:(?:{hon})\.?\s+)?(?P<name>{NAME})(?=[,.;)]|\s+(?:and|who|said|met|visited|participated|attended|took|delivered|stressed|noted))"),
        # Secretary General Brandt / Commissioner PARK Min-Jun of the Ruritania Customs Service
        "role_before": re.compile(rf"(?=[A-Z])(?<![\w-])(?P<role>{role_phrase})\s+(?P<name>{NAME}){org_tail}"),
    }


# the phrases each pattern is built on and how far before one its match can start (the honorific
# pattern at the honorific, a role pattern at most two modifier words before the role, the
# name-then-role pattern up to a name of four words before it); every match ends within 240 characters
_REACH = {"honorific": ("honorifics", 0), "role_name": ("role_words", 60), "role_before": ("role_words", 60),
          "name_role": ("role_words", 120)}
# the characters of the words of a name (``_NAME_TOKEN``) and the blanks between them
_NAME_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'’.-" + LATIN_LETTERS)
_BLANKS = " \u00a0"


def _windows(text: str, hits: list, start: int, lead: int) -> list[tuple[int, int]]:
    """The stretches of text where a pattern built on ``hits`` can match."""
    out: list[tuple[int, int]] = []
    for m in hits:
        a, b = max(start, m.start() - lead), min(len(text), m.end() + 240)
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _word_before(text: str, q: int, lo: int) -> int | None:
    """The start of the run of word characters and hyphens that ends at the blanks before ``q``."""
    j = q
    while j > lo and text[j - 1].isspace():
        j -= 1
    if j == q:
        return None
    k = j
    while k > lo and (text[k - 1].isalnum() or text[k - 1] in "_-"):
        k -= 1
    return k if k < j else None


def _role_starts(text: str, hits: list, lo: int) -> tuple[list[int], list[int]]:
    """Where a role phrase can start around the role words ``hits`` (the phrase scan's leftmost-longest
    whole-word hits): the start of a role word, which is a hit's start or a word inside a hit, or one
    of the two modifier words before one; and where a match of the name-then-role pattern can start: a capital
    among the last four words before a comma that stands, perhaps with "the", before such a phrase."""
    roles: set[int] = set()
    names: set[int] = set()
    for m in hits:
        h, f = m.start(), m.end()
        for q in [h] + [p for p in range(h + 1, f) if not (text[p - 1].isalnum() or text[p - 1] in "_-")]:
            w1 = _word_before(text, q, lo)
            for r in (q, w1, None if w1 is None else _word_before(text, w1, lo)):
                if r is None:
                    continue
                roles.add(r)
                for c in _commas_before(text, r, lo):
                    names.update(_name_capitals(text, c, lo))
    return sorted(roles), sorted(names)


def _commas_before(text: str, r: int, lo: int) -> list[int]:
    """The commas that open ``,\\s+(?:the\\s+)?`` ending at ``r`` (one without "the", one with it)."""
    j = r
    while j > lo and text[j - 1].isspace():
        j -= 1
    out = []
    if j < r:
        if j > lo and text[j - 1] == ",":
            out.append(j - 1)
        if j - 3 > lo and text.startswith("the", j - 3):
            i = j - 3
            while i > lo and text[i - 1].isspace():
                i -= 1
            if i < j - 3 and i > lo and text[i - 1] == ",":
                out.append(i - 1)
    return out


def _name_capitals(text: str, c: int, lo: int) -> list[int]:
    """The capitals of the last four words of name characters before ``c``."""
    k, words = c, 1
    while k > lo:
        ch = text[k - 1]
        if ch in _BLANKS:
            if k < c and text[k] not in _BLANKS:
                if words == 4:
                    break
                words += 1
        elif ch not in _NAME_CHARS:
            break
        k -= 1
    return [p for p in range(k, c) if text[p].isupper()]


class _Taken:
    """The spans of the names found so far (none overlaps another), asked in O(log n) whether one
    holds a point of a span, or its end."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def hits(self, a: int, b: int) -> bool:
        """Whether a span holds ``a``, or ends within ``a:b`` at ``b`` or after it ("x <= a < y or x < b <= y")."""
        i = bisect.bisect_right(self.starts, a) - 1
        if i >= 0 and a < self.ends[i]:
            return True
        j = bisect.bisect_left(self.starts, b) - 1
        return j >= 0 and b <= self.ends[j]

    def add(self, a: int, b: int) -> None:
        i = bisect.bisect_left(self.starts, a)
        self.starts.insert(i, a)
        self.ends.insert(i, b)


def people(text: str, lex: Lexicon, start: int, not_names: set[str],
           place_words: frozenset[str] = frozenset()) -> list[PersonMention]:
    """The people the patterns find; ``not_names`` are words no name holds, ``place_words`` the words
    of places, which a name holds only as the second of two words ("Minister Ivo Lima")."""
    out: list[PersonMention] = []
    blocked = not_names | place_words
    by_span: dict[tuple[int, int], PersonMention] = {}
    taken = _Taken()
    roles = lex.set("role_words")
    role_hits = lex.phrases("role_words").finditer(text, start)
    role_starts, name_starts = _role_starts(text, role_hits, start)
    for rule in ("honorific", "role_name", "name_role", "role_before"):
        pattern = _patterns(lex)[rule]
        key, lead = _REACH[rule]
        windows = _windows(text, role_hits if key == "role_words" else lex.phrases(key).finditer(text, start), start, lead)
        if rule == "honorific":
            found: Iterable[re.Match] = (x for a, b in windows for x in pattern.finditer(text, a, b))
        else:  # tried only where a match can start (what searching the windows finds, tested)
            starts = name_starts if rule == "name_role" else role_starts
            found = matches_at(pattern, text, windows, [[p for p in starts if a <= p < b] for a, b in windows])
        for m in found:
            name = m.group("name").strip()
            a = m.start("name")
            # trim words that are not part of a name (roles, organization words, places)
            words = name.split()
            if len(words) == 2 and words[1] in place_words and words[0] not in blocked and words[0] not in roles:
                pass  # a family name that is also a place's
            else:
                while words and (words[-1] in blocked or words[-1] in roles or words[-1] in ("De", "de", "Al", "El")):
                    words.pop()
            while words and (words[0] in blocked or words[0] in roles):
                a += len(words[0]) + 1
                words.pop(0)
            if not words:
                continue
            name = " ".join(words)
            b = a + len(name)
            if text[a:b] != name:
                continue
            if len(words) == 1 and rule in ("name_role", "role_name"):
                continue
            same = by_span.get((a, b))
            if same is not None:  # another pattern saw the same name: keep what it adds
                if same.role is None and m.groupdict().get("role"):
                    same.role = m.group("role").strip()
                if same.org_span is None and m.groupdict().get("org"):
                    same.org_span = m.span("org")
                continue
            if taken.hits(a, b):
                continue
            if any(w in not_names for w in words) or any(w in place_words for w in words[:-1]) or name in roles:
                continue
            role = m.groupdict().get("role")
            org = m.span("org") if m.groupdict().get("org") else None
            out.append(PersonMention(a, b, name, role.strip() if role else None, org, f"person-{rule}"))
            by_span[(a, b)] = out[-1]
            taken.add(a, b)
    # "Messrs. Ivo Marsh, Jon Brandt and Ada Quill": an honorific in the plural before a list of names
    for m in _PLURAL_HONORIFIC.finditer(text, start):
        for item in _LIST_NAME.finditer(text, m.start("names"), m.end("names")):
            words = item.group().split()
            while words and words[-1] in blocked:
                words.pop()
            name = " ".join(words)
            a, b = item.start(), item.start() + len(name)
            if not words or any(w in not_names or w in roles for w in words) or taken.hits(a, a + 1):
                continue
            out.append(PersonMention(a, b, name, None, None, "person-honorific"))
            taken.add(a, b)
    return sorted(out, key=lambda p: p.start)
