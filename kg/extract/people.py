"""People: names after an honorific or beside a role ("Mr. Zouhair Chorfi, Chairperson of ...",
"the Secretary General of INTERPOL, Jurgen Stock", "Secretary General Mikuriya")."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..text import literal_alternation
from .lexicon import Lexicon

_NAME_TOKEN = r"(?:[A-Z][a-zà-öø-ÿ]+(?:['’][A-Z][a-zà-öø-ÿ]+)?(?:-[A-Za-z][a-zà-öø-ÿ]+)?|[A-Z]{2,}(?:-[A-Z][a-z]+)?|(?:[A-Z]\.){1,3}|De|de|van|von|der|da|dos|Al|El|bin|ben)"
_NAME = rf"{_NAME_TOKEN}(?:[ \u00a0]+{_NAME_TOKEN}){{0,3}}"


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
    role_phrase = rf"(?:(?!(?:The|A|An|His|Her|Its|Their)\s)(?:[A-Z][\w-]*+|[A-Z]{{2,}}+)\s+)?(?:{roles})"
    org_tail = r"(?:\s+(?:of|at|for|to)\s+(?:the\s+)?(?P<org>[A-Z][\w&.’'/-]*(?:\s+(?:of|for|on|and|the|against|to|&)?\s*(?!(?:Mr|Mrs|Ms|Dr|Prof)\.?\s)[A-Z][\w&.’'/-]*){0,10}(?:\s*\([A-Za-z./-]+\))?))?"
    # the look-aheads come first: the search passes over most positions with one test
    return {
        # Mr. Jalal Al-Qudah, the Director General of Jordan Customs
        "honorific": re.compile(rf"{hon_start}\.?\s+(?P<name>{_NAME})(?:,\s+(?:the\s+)?(?P<role>{role_phrase}){org_tail})?"),
        # Kunio Mikuriya, Secretary General of the World Customs Organization
        # (the name is atomic: a shorter one is never followed by the comma)
        "name_role": re.compile(rf"(?=[A-Z])(?<![\w.])(?P<name>(?>{_NAME})),\s+(?:the\s+)?(?P<role>{role_phrase}){org_tail}"),
        # the Secretary General of INTERPOL, Jurgen Stock
        "role_name": re.compile(rf"(?=[A-Z])(?<![\w-])(?P<role>{role_phrase}){org_tail},\s+(?:(?:{hon})\.?\s+)?(?P<name>{_NAME})(?=[,.;)]|\s+(?:and|who|said|met|visited|participated|attended|took|delivered|stressed|noted))"),
        # Secretary General Mikuriya / Commissioner YOON Young-Sun of the Korea Customs Service
        "role_before": re.compile(rf"(?=[A-Z])(?<![\w-])(?P<role>{role_phrase})\s+(?P<name>{_NAME}){org_tail}"),
    }


# where each pattern's match can start, from the honorific or role word it is built on: the
# honorific pattern at the honorific, a role pattern at most one modifier word before the role, the
# name-then-role pattern up to a name of four words before it; every match ends within 240 characters
_REACH = {"honorific": ("honorifics", 0), "role_name": ("role_words", 40), "role_before": ("role_words", 40),
          "name_role": ("role_words", 120)}


def _windows(text: str, lex: Lexicon, start: int, rule: str) -> list[tuple[int, int]]:
    """The stretches of text where ``rule`` can match: around the honorifics or the role words."""
    key, lead = _REACH[rule]
    out: list[tuple[int, int]] = []
    for m in lex.phrases(key).finditer(text, start):
        a, b = max(start, m.start() - lead), min(len(text), m.end() + 240)
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def people(text: str, lex: Lexicon, start: int, not_names: set[str]) -> list[PersonMention]:
    out: list[PersonMention] = []
    by_span: dict[tuple[int, int], PersonMention] = {}
    taken: list[tuple[int, int]] = []
    roles = lex.set("role_words")
    for rule in ("honorific", "role_name", "name_role", "role_before"):
        pattern = _patterns(lex)[rule]
        for m in (x for a, b in _windows(text, lex, start, rule) for x in pattern.finditer(text, a, b)):
            name = m.group("name").strip()
            a = m.start("name")
            # trim words that are not part of a name (roles, organization words, places)
            words = name.split()
            while words and (words[-1] in not_names or words[-1] in roles or words[-1] in ("De", "de", "Al", "El")):
                words.pop()
            while words and (words[0] in not_names or words[0] in roles):
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
            if any(x <= a < y or x < b <= y for x, y in taken):
                continue
            if any(w in not_names for w in words) or name in roles:
                continue
            role = m.groupdict().get("role")
            org = m.span("org") if m.groupdict().get("org") else None
            out.append(PersonMention(a, b, name, role.strip() if role else None, org, f"person-{rule}"))
            by_span[(a, b)] = out[-1]
            taken.append((a, b))
    return sorted(out, key=lambda p: p.start)
