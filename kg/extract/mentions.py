"""Mentions: the names a release uses, found by gazetteers, acronym definitions and head-word patterns.

A ``Mention`` is a span of the text with the kind of thing it names (organization, instrument,
programme, country, city, person, email) and what identifies that thing.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter

from .. import places
from ..text import LOWER, UPPER, literal_alternation, text_cache
from .lexicon import Lexicon, Phrases, _speedups, alternation
from .ordinals import ordinal_of


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    kind: str
    name: str  # the canonical or fullest name
    ident: str  # identity across releases
    rule: str
    acronym: str | None = None
    extra: dict = field(default_factory=dict)

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


# a word that can be part of a proper name: capitalised, an acronym, or hyphenated with capitals
NAME_TOKEN = r"(?:[A-Z][\w]*(?:[-./&][\w]+)*|\d+(?:st|nd|rd|th)?)"
_TOKEN = re.compile(r"[\w]+(?:[-./&’'][\w]+)*|[^\w\s]", re.UNICODE)
_ACRONYM_DEF = re.compile(r"\(\s*(?:the\s+)?([A-Za-z][A-Za-z0-9./&\- ]{0,14}?[A-Za-z0-9])\s*\)")
_ACRONYM = re.compile(r"^(?=[^a-z]*[A-Z][^a-z]*[A-Z])[A-Za-z0-9./&-]{2,14}$|^[A-Z][a-z]+[A-Z][A-Za-z]*$|^[A-Z][a-z]{3,}pol$")
# an address written with its "@" or its dots in brackets or as words
_AT_MARK = r"\[@\]|\(@\)|\{@\}|\[at\]|\(at\)|\{at\}|\[AT\]|\(AT\)"
_DOT_MARK = r"\[dot\]|\(dot\)|\{dot\}|\[DOT\]|\(DOT\)"
_HIDDEN_AT = re.compile(rf"\s*(?:{_AT_MARK})\s*")
_HIDDEN_AT_MARK = re.compile(_AT_MARK)  # (no blanks around it: a search of the whole text)
_HIDDEN_DOT = re.compile(rf"\s*(?:{_DOT_MARK})\s*")
_HIDDEN_EMAIL = re.compile(rf"(?<![\w.+-])[A-Za-z0-9._%+-]+\s*(?:{_AT_MARK})\s*"
                           rf"[A-Za-z0-9-]+(?:(?:\.|\s*(?:{_DOT_MARK})\s*)[A-Za-z0-9-]+)+")
_EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}\b")
_INNER_CONNECT = {"of", "for", "on", "against", "to", "and", "the", "de", "des", "du", "la", "&"}
# the words that open the complement of a name ("the Alpha Forum Against Corruption"; a capital "Of" is
# rather a headline's)
_COMPLEMENT_WORDS = frozenset({"of", "for", "on", "against", "Against"})
_STOP_LEFT = {"The", "A", "An", "This", "That", "These", "Those", "Its", "Their", "His", "Her", "Our", "Both",
              "At", "In", "On", "By", "For", "From", "With", "During", "After", "Before", "Under", "As", "And",
              "Of", "To", "While", "When", "Since", "Through", "Following", "Mr", "Ms", "Mrs", "Dr", "Also", "Over",
              "Other", "Several", "All", "Each", "Every", "Many", "Some", "Such", "New"}


def tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """The word and punctuation tokens of ``text`` inside ``start:end`` as (start, end, text)."""
    toks, starts = all_tokens(text)
    end = len(text) if end is None else end
    i = bisect.bisect_left(starts, start)
    j = bisect.bisect_left(starts, end)
    while j > i and toks[j - 1][1] > end:
        j -= 1
    return toks[i:j]


@text_cache
def all_tokens(text: str) -> tuple[list[tuple[int, int, str]], list[int]]:
    """The matches of ``_TOKEN`` in ``text`` as (start, end, text), and their starts."""
    return _tokens(text)


def _python_tokens(text: str) -> tuple[list[tuple[int, int, str]], list[int]]:
    toks = []
    append = toks.append
    pos = 0
    for piece in text.split(" "):  # no token holds a blank: the pieces between spaces, with their offsets
        n = len(piece)
        if piece.isalnum():  # most pieces are one word
            append((pos, pos + n, piece))
        elif n:
            last = piece[-1]
            if piece[:-1].isalnum() and not last.isalnum() and last != "_" and not last.isspace():  # "Vienna,"
                end = pos + n - 1
                append((pos, end, piece[:-1]))
                append((end, end + 1, last))
            else:
                for m in _TOKEN.finditer(piece):
                    append((pos + m.start(), pos + m.end(), m.group()))
        pos += n + 1
    return toks, list(map(itemgetter(0), toks))


_tokens = _speedups.tokens if _speedups is not None else _python_tokens


def token_occurrences(text: str, words, start: int = 0) -> list[tuple[int, int, str]]:
    """The tokens of ``text[start:]`` that are one of ``words``, in text order, as (start, end, text)."""
    toks, starts = all_tokens(text)
    if len(words) > 8:  # many words: one pass over the tokens beats a search of the text per word
        wanted = set(words)
        return [t for t in toks[bisect.bisect_left(starts, start):] if t[2] in wanted]
    token_at = token_index(text)
    out = []
    for word in words:
        pos = text.find(word, start)
        while pos >= 0:
            k = token_at.get(pos)
            if k is not None and toks[k][2] == word:
                out.append(toks[k])
            pos = text.find(word, pos + 1)
    return sorted(out)


def is_cap(tok: str) -> bool:
    return tok[:1].isupper() or (tok[:1].isdigit() and any(c.isalpha() for c in tok) and not tok.endswith(("st", "nd", "rd", "th")))


@lru_cache(maxsize=4)
def _heads(lex: Lexicon) -> tuple[re.Pattern, frozenset, frozenset, frozenset, re.Pattern, re.Pattern]:
    return (alternation(lex.list("org_heads")), frozenset(lex.list("org_heads_need_modifier")),
            frozenset(lex.list("org_generic_words")), frozenset(x.lower() for x in lex.list("not_organizations")),
            alternation(lex.list("instrument_heads")), alternation(lex.list("programme_heads")))


_PERSON_WORD = re.compile(rf"[{UPPER}][{LOWER}]+(?:[{UPPER}][{LOWER}]{{2,}})?")


@lru_cache(maxsize=4)
def role_before_org(lex: Lexicon) -> re.Pattern:
    """A role (group ``role``, perhaps with a modifier word) and the preposition before an
    organization's name, which may have its owner before it ("the Chief of the", "Deputy
    Commissioner for Freedonia's")."""
    roles = literal_alternation(lex.list("role_words"))
    modifier = r"(?:(?!(?:The|A|An|His|Her|Its|Their)\s)[A-Z][\w-]*\s+)?"
    return re.compile(rf"(?<![\w-])(?P<role>{modifier}{roles})\s+(?:of|at|for)\s+(?:the\s+)?(?:[A-Z][\w-]*['’]s\s+)?$")


@lru_cache(maxsize=4)
def role_after_org(lex: Lexicon) -> re.Pattern:
    """A role right after an organization's name ("the Alpha Trade Organization |Secretary General, Ada
    Quill"): the name ends there."""
    return re.compile(rf"(?:{literal_alternation(lex.list('role_words'))})(?![\w-])")


@lru_cache(maxsize=4)
def _name_vocabulary(lex: Lexicon) -> frozenset[str]:
    """Every word of the names of the organizations the gazetteer knows, and the head words."""
    words = {w for e in lex.entries.values() if e.kind == "organization" for w in e.name.split()}
    return frozenset(words | set(lex.list("org_heads")) | set(lex.list("org_generic_words")))


def _person_follows(text: str, toks: list, i: int, lex: Lexicon, end: int | None = None) -> bool:
    """Whether tokens ``i`` and ``i + 1`` are a person's name of two words that no organization's name
    holds, with no capitalised word after them (or, with ``end``, they end there)."""
    if i + 2 > len(toks) or end is not None and end != i + 2:
        return False
    vocabulary = _name_vocabulary(lex)
    for t in toks[i:i + 2]:
        if not _PERSON_WORD.fullmatch(t[2]) or t[2] in vocabulary or t[2] in _STOP_LEFT:
            return False
    if text[toks[i][1]:toks[i + 1][0]] != " ":
        return False
    return i + 2 >= len(toks) or not is_cap(toks[i + 2][2]) or text[toks[i + 1][1]:toks[i + 2][0]].strip() != ""


def _head_words(text: str, heads) -> Iterator[tuple[object, list, int, int]]:
    """Each head word that starts a token: (match, tokens, index of its first token, index after it)."""
    toks, starts = all_tokens(text)
    index = token_index(text)
    for hm in heads.finditer(text):
        k = index.get(hm.start())
        if k is None:
            continue
        k_end = k
        while k_end < len(toks) and toks[k_end][1] <= hm.end():
            k_end += 1
        if k_end == k and text[hm.end():toks[k][1]] in _OWNER_ENDS:
            k_end += 1  # "the Freedonia Police’s delegation": the head word is the owner
        yield hm, toks, k, k_end


@text_cache
def token_index(text: str) -> dict[int, int]:
    """Token start offset -> token index."""
    starts = all_tokens(text)[1]
    return dict(zip(starts, range(len(starts))))


_NUMBER_WORDS = frozenset(("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "several", "all"))
_OF_THE_START = re.compile(r"^(?:of|for)\s+(?:the\s+)?")
_APOSTROPHES = ("’", "'")
_OWNER_ENDS = frozenset(("’s", "'s"))
_MEMBERS = frozenset({"Members", "States", "Parties", "Countries", "Economies", "Administrations"})
_NAME_REACH = 16  # the most words a name takes before its head word (and twice that after it)


_DOTTED = re.compile(r"[A-Z](?:\.[A-Z])+")  # "U.S", "U.K" (the last dot is a token of its own)


def _cap_chain_left(toks: list, i: int, extra_ok: frozenset = frozenset(), text: str = "",
                    leading: frozenset[str] = frozenset(), heads: frozenset[str] = frozenset(),
                    fields: frozenset[str] = frozenset()) -> int:
    """Index of the first token of the run of name tokens ending just before token ``i``
    (a name never crosses a line break, nor an "and" after a head word: "the Freight Commission
    and |Council", "the Alpha Trade Organization and |Beta Ports Council"; but a head word that
    also names a field goes on, as in "Customs and Excise Department": ``fields``)."""
    j = i
    floor = max(0, i - _NAME_REACH)  # (a name's words: a run of capitals longer than that names nothing)
    while j > floor:
        t = toks[j - 1][2]
        if text and "\n" in text[toks[j - 1][1]:toks[j][0]]:
            break
        if t in _STOP_LEFT and j - 1 >= 0 and not (text and _opens_country_name(text, toks[j - 1])) \
                or t.lower() in CALENDAR_WORDS:
            break  # (and a day or a month: "the March |Freight Commission"; but "New Zealand Police" is one name)
        if is_cap(t) or t in extra_ok:
            j -= 1
            continue
        if t == "." and j - 2 >= floor and _DOTTED.fullmatch(toks[j - 2][2]) and toks[j - 2][1] == toks[j - 1][0]:
            j -= 2  # a country's dotted abbreviation opens the name: "the U.S. Chamber of Commerce"
            continue
        if t in _APOSTROPHES and j - 2 >= floor and is_cap(toks[j - 2][2]) and toks[j - 2][2].endswith("s") \
                and toks[j - 2][1] == toks[j - 1][0] and toks[j - 2][2] not in _STOP_LEFT | _MEMBERS:
            j -= 1  # a plural owner inside a name: "the Alpha Foreign Ministers’ Council" (not "the ABC
            # Members’ Customs administrations": the members are not the organization)
            continue
        if t in ("and", "&") and j - 2 >= 0 and is_cap(toks[j - 2][2]) and toks[j - 2][2] not in _STOP_LEFT \
                and not _starts_another_body(toks[j][2], leading) and not _ACRONYM.match(toks[j - 2][2]) \
                and not (toks[j - 2][2] in heads and (toks[j][2] in heads or toks[j - 2][2] not in fields
                                                      or toks[j - 2][2] == toks[i][2])) \
                and not (text and _ends_country(text, toks, j - 2)):
            j -= 1
            continue
        break
    return j


def _ends_country(text: str, toks: list, i: int) -> bool:
    """Whether the word of token ``i`` is a country's name, or ends one, before an "and": "Freedonia and
    |the Alpha Development Bank" are two (but "Trinidad and Tobago" is one country)."""
    if toks[i][2] not in places.country_names():
        return False
    k = i
    while k > 0 and is_cap(toks[k - 1][2]) and toks[k - 1][1] + 1 == toks[k][0]:
        k -= 1  # (the longest country name ending here: "Papua New Guinea")
    for s in range(k, i + 1):
        m = _long_country_names().match(text, toks[s][0])
        if m is not None and m.end() > toks[i][1]:
            return False  # the "and" is inside a country's name
    return True


def _opens_country_name(text: str, tok: tuple[int, int, str]) -> bool:
    """Whether the word of ``tok`` is the first of a country's name of more words ("New Zealand"; but an
    article stays out of a name: "The Gambia Revenue Authority" is the Gambia Revenue Authority)."""
    if tok[2] in ("The", "A", "An"):
        return False
    m = _long_country_names().match(text, tok[0])
    return m is not None and m.end() > tok[1]


def _starts_another_body(word: str, leading: frozenset[str] = frozenset()) -> bool:
    """"Thai Customs and |Japan Customs", "Freedonia Police and |Ministry of Trade": a country, an
    acronym or a head word that opens a name (``leading``) after "and" starts a second name (while
    "Customs and |Excise Administration" goes on with one); so does an owner ("Ministry of Trade and
    |Freedonia's Trade Office")."""
    if POSSESSIVE_END.search(word):
        return True
    return word in places.country_names() or word in places.country_adjectives() or (word.isupper() and len(word) > 1) \
        or bool(_ACRONYM.match(word)) or word in leading  # "AfCFTA"


def _longest_first(names) -> re.Pattern:
    """Whole names, the longest first, as one pattern."""
    return re.compile("(?:" + "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True)) + r")(?![\w-])")


def _country_names_of_words() -> list[str]:
    return [n for n in places.country_names() if " " in n or "'" in n or "’" in n]


@lru_cache(maxsize=1)
def _long_country_names() -> re.Pattern:
    """The names of countries of more than one word, longest first, as one pattern."""
    return _longest_first(_country_names_of_words())


@lru_cache(maxsize=1)
def _whole_places() -> re.Pattern:
    """The names of countries of more than one word and the parts of the world whose names hold "and"
    ("Latin America and the Caribbean"), longest first, as one pattern: a complement reads each whole."""
    return _longest_first([*_country_names_of_words(), *places.region_names()])


def _chain_right(toks: list, i: int, text: str, heads: frozenset[str] = frozenset(),
                 in_words: frozenset[str] = frozenset()) -> int:
    """Index after the last token of a complement ``of|for|on ... Capitalised ...`` starting at ``i``
    (a day or a month ends it: "Freedonia Customs on Monday"). ``in`` goes on with the name only after
    one of ``in_words`` and before no place ("against Trafficking in Persons", not "Office in Lima")."""
    n = min(len(toks), i + 2 * _NAME_REACH)
    j = i
    last = i
    countries = _whole_places()
    cn = places.country_names()
    while j < n:
        t = toks[j][2]
        if t.lower() in CALENDAR_WORDS:
            break
        if j > i and "\n" in text[toks[j - 1][1]:toks[j][0]]:
            break  # (a name ends with its line: "Department of Finance" over "Republic of Freedonia")
        country = countries.match(text, toks[j][0]) if is_cap(t) else None
        if country:  # "of Côte d'Ivoire", "of Papua New Guinea", "for Asia and the Pacific": a whole name
            while j < n and toks[j][0] < country.end():
                j += 1
            last = j
            if j < n and is_cap(toks[j][2]) and "\n" not in text[toks[j - 1][1]:toks[j][0]] \
                    and not any(x[2] in heads for x in toks[j:j + 3]):
                break  # "the Police of Freedonia |Ivo Marsh": a name after the country is a person's
            continue
        if is_cap(t) and t not in _STOP_LEFT:
            if j > i and ordinal_of(t):
                break  # "the Ministry of Foreign Affairs of Freedonia for the |Fifth Joint Commission": an event's name
            j += 1
            last = j
            if POSSESSIVE_END.search(t):
                break  # "the Department of State's |Bureau of ...": an owner ends its name
            if t in cn and j < n and is_cap(toks[j][2]) and "\n" not in text[toks[j - 1][1]:toks[j][0]] \
                    and toks[j][2] not in cn and not any(x[2] in heads for x in toks[j:j + 3]):
                break  # (the same after a country of one word, unless a head word follows: "of the Korea Customs Service")
            continue
        if t in ("and", "&") and j + 1 < n and (toks[j + 1][2] == "the" or _starts_another_body(toks[j + 1][2])
                                                 or _names_a_body(toks, j + 1, n, heads)):
            break  # "National Police of Colombia and |the Turkish Ministry of Trade": a second name
        if t == "and" and j + 2 < n and toks[j + 1][2] == "of":
            k = j + 3 if toks[j + 2][2] == "the" else j + 2
            if k < n and (_starts_another_body(toks[k][2]) or _names_a_body(toks, k, n, heads)):
                break  # "a delegation of the Ministry of Trade of Freedonia and |of the Freedonian Ports Board"
        if t == "in" and toks[j - 1][2] in in_words and j + 1 < n and is_cap(toks[j + 1][2]) \
                and toks[j + 1][2] not in cn and toks[j + 1][2] not in places.city_names() \
                and not countries.match(text, toks[j + 1][0]):
            j += 1  # "the Office against Trafficking in Persons", "the Convention on Trade in Endangered Species"
            continue
        if (t in _INNER_CONNECT or t.endswith("ing") and t.islower() and toks[j - 1][2] not in ("and", "&")) \
                and j + 1 < n:
            j += 1  # ("Working Group on Port Questions affecting Shipping"; not "X and outgoing Vice-Chair")
            continue
        break
    return last


def _names_a_body(toks: list, i: int, n: int, heads: frozenset[str]) -> bool:
    """Whether the capitalised words from token ``i`` end with a singular head word ("and |State
    Revenue Committee of ..."): a second name (while "and |Industry", "and |Social Services" name fields)."""
    j = i
    while j < min(n, i + 4) and is_cap(toks[j][2]):
        if toks[j][2] in heads and not toks[j][2].endswith("s") and j > i:
            return True
        j += 1
    return False


def organizations(text: str, lex: Lexicon, body_start: int, not_orgs: frozenset[str] = frozenset()) -> list[Mention]:
    """Organization names built around head words ("... Organization", "Ministry of ...", "... Customs")."""
    heads, need_mod, generic, never, _, _ = _heads(lex)
    org_heads = lex.set("org_heads")
    never = never | not_orgs
    out: list[Mention] = []
    adjectives = places.country_adjectives()
    for hm, toks, k, k_end in _head_words(text, heads):
        left = _cap_chain_left(toks, k, text=text, leading=lex.set("org_heads_leading"), heads=lex.set("org_heads"),
                               fields=lex.set("org_heads_also_fields"))
        inside = None  # "the Republic of Freedonia (RF) Border Force": a country's acronym inside the name
        if left >= 4 and left < k and toks[left - 1][2] == ")" and toks[left - 3][2] == "(" \
                and _ACRONYM.match(toks[left - 2][2]) and is_cap(toks[left - 4][2]):
            start = _cap_chain_left(toks, left - 3, text=text)
            if start < left - 3 and text[toks[start][0]:toks[left - 3][0]].strip() in places.country_names():
                inside = (toks[left - 3][0], toks[left - 1][1])
                left = start
        right = k_end
        if right < len(toks) and toks[right][2] in _COMPLEMENT_WORDS and right + 1 < len(toks):
            r0 = right + 1
            if r0 < len(toks) and toks[r0][2] == "the":
                r0 += 1
            stop = _chain_right(toks, r0, text, lex.set("org_heads"), lex.set("org_name_in_words"))
            first_run_end = r0
            while first_run_end < stop and is_cap(toks[first_run_end][2]):
                first_run_end += 1
            inner = text[toks[r0][0]:toks[first_run_end - 1][1]] if first_run_end > r0 else ""
            continues = first_run_end < stop  # "of the Conference| of the States Parties ..."
            # "the Review Group of the Conference| of the States Parties ...": a name inside whose head
            # is also a gathering's, with a complement of its own, is a name of its own (but "the Border
            # Service of the State Security Committee" and "the Revenue Committee of the Ministry of
            # Finance of Freedonia" are one body's fullest names)
            nested = inner and inner.split()[-1] in lex.set("org_heads") and continues \
                and inner.split()[-1] in lex.words["event_kinds"]
            # "organized by the ABC for the Beta Customs Service": for whom, another body's whole name
            served = toks[right][2] == "for" and toks[right + 1][2] == "the" and inner and not continues \
                and len(inner.split()) >= 2 and inner.split()[-1] in lex.set("org_heads")
            if stop > r0 and not nested and not served:
                right = stop
        while left < k and toks[left][2] in ("and", "&", "the", "of"):
            left += 1
        while left < k and toks[left][2][:1].isdigit():
            left += 1
        # "the Department of State's Bureau of ...": the owner is not part of the name (but "INTERPOL's
        # General Secretariat" is INTERPOL's house, which the extractor reads as INTERPOL)
        owner = None
        if left < k and POSSESSIVE_END.search(toks[left][2]) \
                and not all(t[2] in HOUSE_WORDS for t in toks[left + 1:right]):
            owner = POSSESSIVE_END.sub("", toks[left][2])
            owner_start = toks[left][0]
            left += 1
        # "the Chief of the Freedonia Tax Service |Ada Quill signed", "Commissioner for the Office of
        # Trade |Ada Quill": after a role and its organization, a name of words that no organization's
        # name holds is a person's
        person_next = right == k_end and _person_follows(text, toks, k_end, lex)
        if right > k_end + 2 and _person_follows(text, toks, right - 2, lex, end=right) \
                and role_before_org(lex).search(text, max(0, toks[left][0] - 60), toks[left][0]):
            right -= 2
        a, b = toks[left][0], toks[right - 1][1]
        if right > k_end:
            # "Council on Trade, Industry and Finance": a list of fields ends the complement
            tail = _FIELD_LIST.match(text, b)
            # (fields, not bodies: no head word but a plural one, "Local Authorities", "Social Services")
            if tail and all(h.group().endswith("s") and h.group() != "Customs" for h in heads.finditer(tail.group())):
                b = tail.end()
                # "Ministry of Trade, Industry and Finance of the Republic of Freedonia": whose it is
                of_country = _OF_COUNTRY.match(text, b)
                if of_country:
                    words = of_country.group(1).split()
                    country = next((n for n in range(len(words), 0, -1)
                                    if " ".join(words[:n]) in places.country_names()), 0)
                    if country:  # (the longest country name there: "of Freedonia |Ivo Marsh said")
                        b = of_country.start(1) + len(" ".join(words[:country]))
        unseated = b  # (the name without where it sits)
        if hm.group() in _SEATED:
            # "Programme Office in Freedonia", "Embassy of Ruritania in Freedonia": where it sits
            countries = places.country_names()
            if hm.group() in ("Delegation", "Mission"):
                seat = _ACCREDITED.match(text, b)
                if seat and seat.group(1) in countries:
                    second = seat.group(2) if hm.group() == "Delegation" else None
                    b = seat.end() if second and (second in countries or second.isupper()) else seat.end(1)
            else:
                seat = _SEAT.match(text, b)
                # a country, or the city of an office named by its head alone ("the ABC Office in Lima
                # Ambassador Ivo Marsh": Lima; but "the Regional Office for Ports in Lima" is where one met; and
                # an embassy of a country, in the city it sits in: "the Embassy of Freedonia in Lima")
                in_city = hm.group() in (_SEATED_IN_CITY if right == k_end else _SEATED_IN_CITY_AFTER_COUNTRY)
                if seat:
                    where = seat.group(1).split()
                    for n in range(len(where), 0, -1):
                        place = " ".join(where[:n])
                        if place in countries or in_city and place in places.city_names():
                            b = seat.start(1) + len(place)
                            break
        name = text[a:b]
        words = name.split()
        if hm.group().endswith(("ions", "ices", "ies", "res", "ers")) and not _OPEN_PAREN.match(text[b:b + 3]) \
                and (right == k_end or left == k or words[0][:1].isdigit() or words[0].lower() in _NUMBER_WORDS) \
                and not (len(words) == 3 and _ACRONYM.fullmatch(words[0]) and words[1] == "Regional"):
            # a plural head names a kind of body unless an acronym defines it, with or without what they
            # are of ("the Revenue Authorities of the Partner States", "Five Revenue Authorities of ..."),
            # but an organization's regional offices are its network ("the ABC Regional Offices")
            continue
        if name.lower() in never or len(name) < 4:
            continue
        head_words = set(hm.group().split())
        # (where it sits names no body: "its Regional Bureau in Lima" is no name, "ABC's Regional Bureau in
        # Lima" is one)
        content = [w for w in _WORD.findall(text[owner_start if owner is not None and unseated < b else a:unseated])
                   if w[:1].isupper() and w not in generic and w not in head_words]
        head = hm.group()
        if not content and head in _BODIES_OF_RANKS and _RANKS_OF.search(name):
            content = [name]  # a body of the holders of a rank ("the Council of Ministers of Ports of Freedonia")
        of_owner = not content and owner is not None and owner in places.country_names()
        if of_owner:
            # a country's body whose name is generic, named after the country by its possessive: "Freedonia's
            # National Police" is the National Police of Freedonia (not every country's National Police)
            content = [owner]
        if not content and not _ACRONYM_AFTER.match(text, b):
            continue  # (but "the Council of Administration (CA)": a name its acronym defines)
        if right == k_end and k_end < len(toks) and is_cap(toks[k_end][2]) and toks[k_end][2] not in _STOP_LEFT \
                and text[toks[k_end - 1][1]:toks[k_end][0]] == " " \
                and not (person_next and role_before_org(lex).search(text, max(0, a - 60), a)) \
                and not role_after_org(lex).match(text, toks[k_end][0]):
            continue  # the head word is inside a longer name ("European Police Chiefs Convention")
        if head in need_mod and left == k and right == k_end:
            continue
        if head == "Mission" and b == unseated and not (name.startswith("Permanent ") and right > k_end):
            # a mission is a body where it is posted ("the ABC Mission to Freedonia", "the Permanent Mission
            # of Freedonia"); else a journey, or a title ("the Chief of Mission of the Embassy")
            continue
        if head == "Delegation" and right == k_end and b == toks[right - 1][1] \
                and all(w in adjectives or w in places.country_names() for w in words[:-1]):
            continue  # "the Ruritanian Delegation": the people a country sends, not a body
        if head == "Customs" and right == k_end and not (
                words[0] in adjectives or words[0] in places.country_names() or len(words) > 2
                or name[:-len(" Customs")] in places.city_names()):
            continue  # (a city's customs is a district's administration: "Fredville Customs")
        if head == "Customs" and left == k and right > k_end \
                and _OF_THE_START.sub("", text[toks[k_end][1]:b].strip()) not in places.country_names():
            continue  # "the Customs of the West Africa Region": the administrations of a region, not one body
        if words[0] in lex.set("role_words") or any(w in ("Secretary", "Minister", "Director") for w in words[:2]):
            continue
        if " ".join(words[-2:]) in lex.set("venue_heads"):
            continue  # "the Freedonia International Conference Centre": where one meets, not a body
        if head in lex.set("org_heads_also_management") and right > k_end and left == k \
                and _OF_THE_START.sub("", text[toks[k_end][1]:b].strip()).split()[0] in adjectives:
            # "the Directorate General of Customs of Freedonia" is a body; "the new Directorate General of
            # Freedonian Customs", a body's management (a body named by a country adjective follows)
            continue
        possessive = POSSESSIVE_END.search(name)
        if possessive:  # "the International Association of River Pilots’ summit"
            name, b = name[:possessive.start()], b - 2
        if inside is not None:
            name = (text[a:inside[0]].rstrip() + " " + text[inside[1]:b].lstrip()).strip()
        extra = {}
        owned = _OWNER_INSIDE.match(name) if owner is None and inside is None and ("'s " in name or "’s " in name) \
            else None
        if owner is not None and (owner in places.country_names() or _ACRONYM.match(owner)):
            # "Freedonia's Ministry of Trade", "ABC's Statistics Division": the owner's name stays an
            # alternative name of the body
            extra = {"with_owner": text[owner_start:b]}
        elif owned is not None and a + owned.end() <= toks[k][0] \
                and any(w in org_heads for w in owned.group(1).split()):
            # "the Freedonia National Police's Cybercrime Unit": named so, and by the unit's own name too
            # (not a role's possessive: "the Prosecutor General's Office" is one name)
            extra = {"own_name": text[a + owned.end():b]}
        if of_owner:
            name = f"{name} of {owner}"
        out.append(Mention(a, b, "organization", name, name, "org-head-pattern", None, extra))
    return _longest(_joined(text, out))


def _joined(text: str, ms: list[Mention]) -> list[Mention]:
    """Names that two head words read in part each ("the Council of Europe Office" and "Europe Office in
    Freedonia"): one name across both."""
    ms = sorted(ms, key=lambda m: (m.start, -(m.end - m.start)))
    out: list[Mention] = []
    for m in ms:
        last = out[-1] if out else None
        if last is not None and last.start < m.start < last.end < m.end \
                and last.name == text[last.start:last.end] and m.name == text[m.start:m.end]:
            name = text[last.start:m.end]
            out[-1] = Mention(last.start, m.end, "organization", name, name, last.rule, None, last.extra)
            continue
        out.append(m)
    return out


def _longest(ms: list[Mention]) -> list[Mention]:
    """Drop mentions inside a longer one of the same kind."""
    ms = sorted(ms, key=lambda m: (m.start, -(m.end - m.start)))
    out: list[Mention] = []
    for m in ms:
        if out and out[-1].start <= m.start and m.end <= out[-1].end:
            continue
        out.append(m)
    return out


_GENERIC_AFTER = re.compile(r"\s+(?:agencies|bodies|entities|members|member states|organi[sz]ations|partners|"
                            r"staff|officials|system|family|missions)\b")


# a word of letters that opens with a capital and ends in a capital and "s" ("RTCs", "RILOs")
_PLURAL_ACRONYM = re.compile(r"[A-Z][A-Za-z]*[A-Z]s")


@lru_cache(maxsize=4)
def _folded_names(lex: Lexicon) -> tuple[Phrases, dict[str, str]]:
    """The gazetteer names of more than one word matched in any case, and each one's key."""
    keys = {k.lower(): k for k in sorted(lex.entries) if " " in k}
    return Phrases(tuple(keys), ignore_case=True), keys


def _name_cased(span: str) -> bool:
    """"Alpha Office On Trade And Customs", "ALPHA OFFICE ON TRADE": a name written with a capital at
    each word, or in capitals."""
    return span.isupper() or all(w[:1].isupper() for w in span.split() if w[:1].isalpha())


def _gazetteer_hits(text: str, lex: Lexicon) -> list[tuple[int, int, str]]:
    """The gazetteer's names as written, and those of more than one word written with other capitals
    (leftmost-longest, not overlapping)."""
    exact = lex.find(text)
    matcher, keys = _folded_names(lex)
    other = [(m.start(), m.end(), keys[m.group().lower()]) for m in matcher.finditer(text)
             if m.group() not in lex.entries and _name_cased(m.group())]
    if not other:
        return exact
    out: list[tuple[int, int, str]] = []
    for a, b, key in sorted(exact + other, key=lambda h: (h[0], -h[1])):
        if out and a < out[-1][1]:
            continue
        out.append((a, b, key))
    return out


# what an organization does to a thing, after a hyphen that joins its name: "the ABC-hosted forum"
HYPHEN_PARTICIPLES = ("hosted", "organized", "organised", "convened", "led", "funded", "sponsored", "supported",
                      "financed", "backed", "run", "initiated", "chaired", "commissioned", "based", "managed")
# (the look-behind after the hyphen: a pattern that opens with one is tried at every position of the text)
_PARTICIPLE_AFTER_HYPHEN = re.compile(r"-(?<=[\w.&]-)(?:" + "|".join(HYPHEN_PARTICIPLES) + r")(?![\w-])")
_NAME_BEFORE_HYPHEN = re.compile(r"(?<![\w-])((?:[A-Z][\w&.]*[ \u00a0]){0,3}[A-Z][\w&.]*)$")


_ROMANCE_LINK = r"(?:de\s+(?:la|los|las)|del|des|dos|das|de|du|da|do|d['’])"


@lru_cache(maxsize=4)
def _romance_pattern(lex: Lexicon) -> re.Pattern:
    """A name in Spanish, French or Portuguese: a head word that leads it, its adjectives, and one
    complement or more ("Dirección General de Aduanas", "Superintendencia de Administración Tributaria",
    "Ministerio de Economía y Finanzas", "Direction Générale des Douanes et Droits Indirects"), or a head
    word and its adjectives alone ("Guardia Civil")."""
    # (the look-behind after the first character: a pattern that opens with it is tried at every position)
    heads = literal_alternation(lex.list("org_heads_romance"), after_first=r"(?<![\w-].)")
    mods = literal_alternation(lex.list("org_modifiers_romance"))
    cap = rf"[{UPPER}][\w’'-]*"
    word = rf"(?:{cap}|(?:y|e|et)\s+(?:{_ROMANCE_LINK}\s*|l['’])?{cap}|{_ROMANCE_LINK}\s*(?:l['’])?{cap})"
    return re.compile(rf"(?:{heads})(?:(?:\s+(?:{mods}))*"
                      rf"\s+{_ROMANCE_LINK}\s*(?:la\s+|le\s+|les\s+|l['’])?{cap}(?:[ \u00a0]+{word})*"
                      # ... or its adjectives alone ("Guardia Civil", "Polícia Judiciária", "Policía Nacional")
                      rf"|(?:\s+(?:{mods}))+(?![\w’'-])(?!\s+{_ROMANCE_LINK}\s))")


def romance_organizations(text: str, lex: Lexicon, start: int = 0) -> list[Mention]:
    """Names of administrations written in Spanish, French or Portuguese."""
    out = []
    countries = places.country_names()
    for m in _romance_pattern(lex).finditer(text, start):
        end = m.end()
        of = _OF_COUNTRY.match(text, end)  # "Dirección General de Aduanas of Paraguay"
        words = of.group(1).split() if of else []
        country = next((" ".join(words[:k]) for k in range(len(words), 0, -1) if " ".join(words[:k]) in countries), None)
        if country is not None:
            end = of.start(1) + len(country)
        name = text[m.start():end]
        out.append(Mention(m.start(), end, "organization", name, name, "org-head-pattern"))
    return out


_OF_COUNTRY = re.compile(r"\s+of\s+(?:the\s+)?([A-Z][\w’'-]*(?:[ \u00a0]+[A-Z][\w’'-]*){0,3})")


def gazetteer(text: str, lex: Lexicon) -> list[Mention]:
    """Names, aliases and acronyms of the curated organizations, instruments and programmes."""
    out = []
    for a, b, key in _gazetteer_hits(text, lex):
        e = lex.entries[key]
        if e.kind == "organization" and _GENERIC_AFTER.match(text, b):
            continue  # "United Nations agencies", "EU member states": a kind of body, not the body
        out.append(Mention(a, b, e.kind, e.name, e.name, "gazetteer", e.acronym, {"country": e.country}))
    # a name or an acronym before a hyphen and a participle: "the ABC-hosted forum", "EU-funded"
    for h in _PARTICIPLE_AFTER_HYPHEN.finditer(text):
        m = _NAME_BEFORE_HYPHEN.search(text, max(0, h.start() - 80), h.start())  # (a bounded look back)
        words = m.group(1).split() if m else []
        for i in range(len(words)):  # the longest name that ends at the hyphen
            name = " ".join(words[i:])
            e = lex.entries.get(name)
            if e is not None and e.kind == "organization":
                a = h.start() - len(name)
                out.append(Mention(a, h.start(), e.kind, e.name, e.name, "gazetteer", e.acronym, {"country": e.country}))
                break
    # plural acronyms: "RTCs", "RILOs"
    for m in _plural_acronyms(lex).finditer(text):
        a, b = m.span()
        e = lex.entries[text[a:b - 1]]
        out.append(Mention(a, b, e.kind, e.name, e.name, "gazetteer-plural", e.acronym, {"country": e.country}))
    return sorted(out, key=lambda m: m.start)


@lru_cache(maxsize=4)
def _plural_acronyms(lex: Lexicon):
    """The plurals of the gazetteer's acronyms that are words of letters opening and ending with a
    capital ("RTC" -> "RTCs"), as whole words."""
    plurals = [acr + "s" for acr, e in lex.entries.items() if e.acronym == acr]
    return alternation([p for p in plurals if _PLURAL_ACRONYM.fullmatch(p)])


@text_cache
def acronym_definitions(text: str, lex: Lexicon) -> list[tuple[int, int, str, int, int]]:
    """``Long Form (ACR)``: (long start, long end, acronym, acronym start, acronym end) by initials."""
    out = []
    for m in _ACRONYM_DEF.finditer(text):
        acr = m.group(1).strip()
        if not _ACRONYM.match(acr) or acr.isdigit():
            continue
        head, slash, tail = acr.partition("/")
        # "Customs Cooperation Fund of Japan (CCF/Japan)": the country is spelled out, not abbreviated
        letters = [c.lower() for c in (head if slash and tail in places.country_names() else acr) if c.isalpha()]
        if acr.endswith("s") and acr[:-1].isupper():
            letters = letters[:-1]
        if not letters:  # no letter of the acronym to look for among the initials
            continue
        words = []  # the last 15 words before the parenthesis (within 200 characters)
        for t in reversed(tokens(text, max(0, m.start() - 200), m.start())):
            if t[2][:1].isalnum() or t[2][:1] == "_":
                words.append(t)
                if len(words) == 15:
                    break
        if not words:
            continue
        words.reverse()
        # (each part of a hyphenated word gives its initial: "Anti-Corruption Commission (ACC)")
        words = [(t0 + i, t0 + i + len(part), part) for t0, _, w in words
                 for i, part in _hyphen_parts(w) if part]
        # the shortest run of preceding words whose initials hold the acronym's letters in order
        best = None
        lowered = [w[2].lower() for w in words]
        initials = ""  # of the words from k on, leaving out the small ones
        for k in range(len(words) - 1, -1, -1):
            if lowered[k] not in _NOT_INITIALS:
                initials = words[k][2][0].lower() + initials
            if initials[:1] == letters[0] and len(initials) >= max(1, len(letters) - 2) and _subseq(letters, lowered[k:]):
                best = k
                break
        if best is None:
            continue
        a = words[best][0]
        b = words[-1][1]
        gap = text[b:m.start()]
        if gap.strip() not in ("", ","):
            continue
        out.append((a, b, acr, m.start(1), m.start(1) + len(acr)))
    return out


def _hyphen_parts(word: str) -> list[tuple[int, str]]:
    """(offset, part) of each part of a hyphenated word ("Anti-Corruption": "Anti", "Corruption"), or the
    word itself."""
    if "-" not in word:
        return [(0, word)]
    out, i = [], 0
    for part in word.split("-"):
        out.append((i, part))
        i += len(part) + 1
    return out


_NOT_INITIALS = frozenset(("of", "the", "and", "for", "on", "in", "to", "against", "de"))


def _subseq(letters: list[str], words: list[str]) -> bool:
    """Whether the letters can be read, in order, from the starts (or, for a digit, the insides)
    of successive words."""
    pos = 0
    for ch in letters:
        found = False
        while pos < len(words):
            if words[pos].startswith(ch) or ch in words[pos][1:] and ch.isdigit():
                found = True
                pos += 1
                break
            pos += 1
        if not found:
            return False
    return True


# the news agency of a dateline ("CITY, 5 May 2019, Agency —", "CITY, 5 May (Agency) -", "CITY (COUNTRY), 5 mai
# (Agency).- ", "CITY, May 5 (Agency) Text", "(Agency) - CITY, MAY 5 -") or of a byline ("By Ivo Marsh – Agency:")
_AGENCY_NAME = r"(?P<agency>[A-Z][\w.&’'-]*(?:[ -][A-Z][\w.&’'-]*){0,3})"
# (a place, not a weekday: "Tuesday, 14 May (Morning) Welcome" is a line of an agenda)
_DATELINE_PLACE = (r"(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
                   r"[A-Z][\w .’'/-]{1,40}(?:\s*\([A-Z][\w .’'-]{1,30}\))?,")
_AFTER_PAREN = r"\)\s*\.?\s*(?:[-–—]|(?=[A-Z]))"  # "(Agency) -", "(Agency).- ", "(Agency) Text"
AGENCY_REACH = 3000  # a dateline or a byline stands at the top of the text


@lru_cache(maxsize=1)
def _agency_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """The datelines and the byline that name a news agency, each tried at the start of a line (which its
    first characters tell); a dateline's date has a month word of ``months.tsv``, in any case."""
    from ..read import month_words

    month = literal_alternation(sorted(month_words()))
    date = (rf"(?:[A-Z][a-z]+,?\s+)?(?:\d{{1,2}}\.?\s+(?i:{month})\.?|(?i:{month})\.?\s+\d{{1,2}})"
            r"(?:,?\s+\d{4})?(?![\w-])")
    return (re.compile(rf"(?=[A-Z]){_DATELINE_PLACE}\s*{date}(?:,\s*{_AGENCY_NAME}\s*[-–—]|"
                       rf"\s*\({_AGENCY_NAME.replace('agency', 'paren')}{_AFTER_PAREN})"),
            re.compile(rf"\({_AGENCY_NAME}\)\s*[-–—]\s*{_DATELINE_PLACE}\s*{date}\s*[-–—]"),
            re.compile(rf"By\s+[A-Z][\w.’'-]+(?:\s+[A-Z][\w.’'-]+){{0,3}}\s*[-–—,]\s*{_AGENCY_NAME}\s*:?\s*$",
                       re.M))


@text_cache(maxsize=2)
def agency_spans(text: str) -> list[tuple[int, int]]:
    """Where the news agencies of the datelines and bylines at the top of ``text`` are named, known
    organizations or not."""
    dateline, agency_first, byline = _agency_patterns()
    out = []
    reach = min(len(text), AGENCY_REACH)
    start = 0
    while start < reach:
        end = text.find("\n", start, reach)
        end = reach if end < 0 else end
        first = text[start:start + 1]
        pattern = byline if text.startswith("By", start) else agency_first if first == "(" else \
            dateline if first.isupper() else None
        m = pattern.match(text, start, reach) if pattern is not None else None
        if m is None and pattern is byline:
            m = dateline.match(text, start, reach)  # ("Byblos, 5 May (Agency) -")
        if m is not None:
            group = "agency" if m.group("agency") else "paren"
            if m.group(group):
                out.append(m.span(group))
        start = end + 1
    return out


def emails(text: str) -> list[Mention]:
    """E-mail addresses, also written so that harvesters miss them ("ada.quill[@]abc.int", "ada (at)
    abc [dot] int"): the address as it is."""
    out = [Mention(m.start(), m.end(), "contact", m.group(), m.group().lower(), "email-pattern")
           for m in _EMAIL.finditer(text)] if "@" in text else []
    for m in _HIDDEN_EMAIL.finditer(text) if _HIDDEN_AT_MARK.search(text) else ():
        address = _HIDDEN_DOT.sub(".", _HIDDEN_AT.sub("@", m.group()))
        address = re.sub(r"\s+", "", address)
        if _EMAIL.fullmatch(address):
            out.append(Mention(m.start(), m.end(), "contact", address, address.lower(), "email-pattern"))
    return sorted(out, key=lambda x: x.start)


# (the look-behind follows the first capital, so that the search skips ahead to a capital quickly;
# words may hold any letter: "Lomé", "São Paulo", "Chișinău", and open with any capital: "Łódź")
_RUN_LINKS = "of|the|and|de|du|da|do|es|el|la|al|del|dos|das"  # small words inside a place's name (_speedups too)
_CAPITAL_RUN = re.compile(rf"[{UPPER}](?<![\w-].)[\w'’.-]*"
                          rf"(?:[ \u00a0-](?:(?:{_RUN_LINKS})[ \u00a0])*[{UPPER}][\w'’.-]*)*")
_NON_SPACE = re.compile(r"\S+")
_OPEN_PAREN = re.compile(r"\s*\(")
_ACRONYM_AFTER = re.compile(r"\s*\([A-Z][A-Za-z]{1,7}\)")
_WORD = re.compile(r"[\w-]+")
# between two places of a list ("Freedonia, Sylvania and the Ruritanian Republic", "A & B")
PLACE_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)(?:the\s+)?")
# the holders of a rank, who make up a body of their own ("the Sub-Committee of Heads of Port Police")
_BODIES_OF_RANKS = frozenset(("Committee", "Sub-Committee", "Subcommittee", "Council", "Conference", "Commission",
                              "Board", "Group"))  # (not a forum for them: "a Forum for Heads of ...")
_RANKS_OF = re.compile(r"\b(?:Heads|Directors(?:[- ]General)?|Ministers|Chiefs|Commissioners(?:[- ]General)?)"
                       r"\s+of\s+[A-Z]")
# an owner's name and its possessive at the start of a name: "Freedonia National Police's |Cybercrime Unit"
_OWNER_INSIDE = re.compile(r"((?:[A-Z][\w.-]*\s+){0,4}[A-Z][\w.-]*)['’]s\s+(?=[A-Z])")
POSSESSIVE_END = re.compile(r"[’']s$")
_CAPITAL_AFTER = re.compile(r"\s+[A-Z]")
_YEAR_BEFORE = re.compile(r"(?:\b[Aa]nnual|\b\d{4})\s+$")
_POSSESSIVE = re.compile(r"[’']s\b")
HOUSE_WORDS = frozenset(("Secretariat", "Headquarters", "Council", "General"))
"""The words of an organization's house: "the WCO Secretariat", "INTERPOL's General Secretariat" name
the organization itself."""
_OPERATIONS = re.compile(r"O(?<!\w.)perations?\s+((?:[A-Z][\w-]*)(?:\s+(?:[A-Z][\w-]*|[IVX]+|\d+))*"
                         r"(?:\s+and\s+(?:[A-Z][\w-]*)(?:\s+(?:[A-Z][\w-]*|[IVX]+|\d+))*)*)")
_AND_SPLIT = re.compile(r"(\s+and\s+)")
# (the words of fields, not acronyms: "the Ministry of Justice, |ABC and Sylvania Customs|" names three)
_FIELD_LIST = re.compile(r"(?:,\s+[A-Z][a-z][\w-]*(?:\s+[A-Z][a-z][\w-]*)?)+,?\s+and\s+[A-Z][a-z][\w-]*"
                         r"(?:\s+[A-Z][a-z][\w-]*)?(?![\w-])")
_OF_COUNTRY = re.compile(r"\s+of\s+(?:the\s+)?((?:Republic\s+of\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2})(?![\w-])")
_SEATED = frozenset(("Office", "Embassy", "Programme Office", "Bureau", "Delegation", "Mission"))
_SEATED_IN_CITY = frozenset(("Office", "Programme Office", "Bureau"))
_SEATED_IN_CITY_AFTER_COUNTRY = frozenset(("Embassy",))  # "the Embassy of Freedonia in Lima"
_SEAT = re.compile(r"\s+in\s+((?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2})(?![\w-])")
# a delegation is to one country or body, or to two ("the Delegation to Freedonia and the ABC")
_ACCREDITED = re.compile(r"\s+(?:in|to)\s+((?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2})(?![\w-])"
                         r"(?:\s+and\s+(?:the\s+)?([A-Z]{2,8}|[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2})(?![\w-]))?")
CALENDAR_WORDS = frozenset(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
                            "february", "march", "april", "may", "june", "july", "august", "september", "october",
                            "november", "december"))
_RESOLUTION = re.compile(r"[Rr](?<!\w.)esolution\s+\d+/\d+\b")


def countries_and_cities(text: str) -> list[Mention]:
    """Countries by name or alias, and cities of the GeoNames gazetteer, as written in the text.

    Looked up by runs of capitalised words (up to five), longest first: a dictionary lookup per run
    instead of one regex over thousands of names. Only the runs where a word opens a place name (by
    its first two words) are looked up; the compiled scan finds them in one pass.
    """
    out = []
    singles, pairs = _place_singles_and_pairs()
    for base, end in _place_runs(text, _place_first_words(), singles, pairs):
        for a, b, kind, name, ident, rule, extra in _places_in_run(text[base:end]):
            out.append(Mention(base + a, base + b, kind, name, ident, rule, extra=dict(extra)))
    return out


def _python_place_runs(text: str, firsts: dict[str, int], singles: frozenset[str],
                       pairs: frozenset[str]) -> list[tuple[int, int]]:
    """The runs of capitalised words that may name a place, as (start, end)."""
    return [m.span() for m in _CAPITAL_RUN.finditer(text)
            if _may_name_place(m.group().split(), firsts, singles, pairs)]


_place_runs = _speedups.place_runs if _speedups is not None else _python_place_runs


@text_cache(maxsize=1024)
def _places_in_run(run: str) -> tuple:
    """The countries and cities a run of capitalised words names: (start, end, kind, name, ident,
    rule, extra) with offsets in the run (a text repeats its runs: each is looked up once)."""
    cn = places.country_names()
    cities = places.city_names()
    firsts = _place_first_words()
    if not _may_name_place(run.split(), firsts, *_place_singles_and_pairs()):
        return ()
    out = []
    words = list(_NON_SPACE.finditer(run))
    i = 0
    while i < len(words):
        hit = None
        longest = _place_reach(firsts, words[i].group().rstrip(".,"))
        if not longest:
            i += 1
            continue
        for j in range(min(len(words), i + longest), i, -1):
            a, b = words[i].start(), words[j - 1].end()
            name = run[a:b].rstrip(".,")
            b = a + len(name)
            key = name if name in cn or name in cities or name.isascii() else places.fold(name)
            if not name[:1].isupper():
                continue
            if key in cn or name.isupper() and len(name) >= 4 and name.title() in cn:
                code = cn.get(key) or cn[name.title()]
                c = places.countries()[code]
                hit = (a, b, "country", c.name, code, "country-gazetteer", (("code", code),))
            elif key in cities or name.isupper() and len(name) >= 4 and name.title() in cities:
                ids = cities[key] if key in cities else cities[name.title()]  # ("MEXICO CITY, 5 May -")
                city = places.cities()[ids[0]]
                hit = (a, b, "city", city.name, city.geonames_id, "city-gazetteer",
                       (("country", city.country), ("ids", ids)))
            if hit:
                out.append(hit)
                i = j
                break
        if not hit:
            i += 1
    return tuple(out)


def _may_name_place(words: list[str], firsts: dict[str, int], singles: frozenset[str],
                    pairs: frozenset[str]) -> bool:
    """Whether a place name can start at one of ``words`` (a run split at blanks): a word that is a
    one-word name, or the first two words of a longer one; a word in capitals or not in ASCII, which
    is looked up folded or title-cased, is let through to the full lookup. Most runs hold none ("The
    Secretary General": "The" and "General" only start names whose second word differs)."""
    for i, raw in enumerate(words):
        w = raw.rstrip(".,")
        if w.isupper() or not w.isascii():
            if _place_reach(firsts, w):
                return True
            continue
        if w not in firsts:
            continue
        if w in singles:
            return True
        if i + 1 < len(words):
            nxt = words[i + 1]
            cut = nxt.rstrip(".,")
            if f"{raw} {nxt}" in pairs or f"{raw} {cut}" in pairs or cut.isupper() or not cut.isascii():
                return True
    return False


def _place_reach(firsts: dict[str, int], word: str) -> int:
    """The most words a country or city name starting with ``word`` has (as written, folded, or
    title-cased when in capitals; ``firsts`` is :func:`_place_first_words`), 0 when none starts with it."""
    return firsts.get(word) or (not word.isascii() and firsts.get(places.fold(word))) \
        or (word.isupper() and firsts.get(word.title())) or 0


@lru_cache(maxsize=1)
def _place_first_words() -> dict[str, int]:
    """First word of every country and city name (as written and folded) -> the most words a name
    starting with it has."""
    out: dict[str, int] = {}
    for n in list(places.country_names()) + list(places.city_names()):
        words = n.split()
        if words:
            out[words[0]] = max(out.get(words[0], 0), len(words))
    return out


@lru_cache(maxsize=1)
def _place_singles_and_pairs() -> tuple[frozenset[str], frozenset[str]]:
    """The country and city names of one word, and the first two words of the longer ones (as
    "first second")."""
    singles, pairs = set(), set()
    for n in list(places.country_names()) + list(places.city_names()):
        words = n.split()
        if len(words) == 1:
            singles.add(words[0])
        elif words:
            pairs.add(f"{words[0]} {words[1]}")
    return frozenset(singles), frozenset(pairs)


@lru_cache(maxsize=1)
def _adjective_phrases():
    return alternation(list(places.country_adjectives()))


def adjective_countries(text: str) -> list[Mention]:
    """Countries named through an adjective before a capitalised noun ("Thai Customs" -> Thailand)."""
    adj = places.country_adjectives()
    out = []
    for m in _adjective_phrases().finditer(text):
        if not _CAPITAL_AFTER.match(text[m.end():m.end() + 3]):
            continue  # "Thai Customs", not "the Thai"
        code = adj[m.group()]
        c = places.countries()[code]
        out.append(Mention(m.start(), m.end(), "country", c.name, code, "country-adjective", extra={"code": code}))
    return out


def _all_places(words: str) -> bool:
    """Whether ``words`` name places and nothing else ("Freedonia City, Freedonia")."""
    found = countries_and_cities(words)
    rest = list(words)
    for m in found:
        rest[m.start:m.end] = " " * (m.end - m.start)
    return bool(found) and not "".join(rest).replace(",", " ").replace(" and ", " ").strip()


def named_things(text: str, lex: Lexicon, kind: str) -> list[Mention]:
    """Instruments ("... Convention", "resolution 7/5") and programmes ("... Programme") by head word."""
    _, _, generic, _, inst_heads, prog_heads = _heads(lex)
    heads = inst_heads if kind == "instrument" else prog_heads
    need_mod = lex.set("programme_heads_need_modifier") if kind == "programme" else frozenset()
    out = []
    for hm, toks, k, k_end in _head_words(text, heads):
        left = _cap_chain_left(toks, k, text=text)
        right = k_end
        if right < len(toks) and toks[right][2] in ("of", "for", "on", "against", "to", "in") and right + 1 < len(toks):
            r0 = right + 1
            if toks[r0][2] == "the" and r0 + 1 < len(toks):
                r0 += 1
            stop = _chain_right(toks, r0, text, lex.set("org_heads"), lex.set("org_name_in_words"))
            if stop > r0 and not (toks[right][2] == "in" and _all_places(text[toks[r0][0]:toks[stop - 1][1]])):
                right = stop  # (not "the Alpha Programme |in Freedonia City|": where it works)
        while left < k and toks[left][2] in ("and", "&", "the", "of") or left < k and toks[left][2][:1].isdigit():
            left += 1
        if left == k and right == k_end and hm.group() != "Memorandum of Understanding":
            continue
        if kind == "instrument" and _YEAR_BEFORE.search(text[max(0, toks[left][0] - 12):toks[left][0]]):
            continue  # "the annual ... Convention", "2021 ... Convention": a gathering, not an instrument
        if hm.group().islower() and left == k:
            continue
        if hm.group() in need_mod and left == k and (right == k_end or not is_cap(toks[k_end + 1][2] if k_end + 1 < len(toks) else "")):
            continue
        a, b = toks[left][0], toks[right - 1][1]
        name = _POSSESSIVE.sub("", text[a:b])
        if not any(w[:1].isupper() and w not in generic for w in name.split() if w != hm.group()) \
                and hm.group() != "Memorandum of Understanding":
            continue
        out.append(Mention(a, b, kind, name, name, f"{kind}-head-pattern"))
    if kind == "programme" and "Operation" in text:
        # "Operation Tidewater", "Operations NORTH I and NORTH II"
        for m in _OPERATIONS.finditer(text):
            pos = m.start(1)
            for part in _AND_SPLIT.split(m.group(1)):
                if not part.strip() or part.strip() == "and":
                    pos += len(part)
                    continue
                out.append(Mention(pos, pos + len(part), kind, f"Operation {part}", f"Operation {part}", "operation-name"))
                pos += len(part)
    if kind == "instrument" and "esolution" in text:
        for m in _RESOLUTION.finditer(text):
            out.append(Mention(m.start(), m.end(), kind, m.group(), m.group(), "resolution-number"))
    return _longest(out)
