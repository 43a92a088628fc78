"""The curated data the extractor reads, loaded once per process from ``ontology/data``."""
from __future__ import annotations

import bisect
import csv
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import resources
from ..text import _speedups, text_cache

DATA = resources.DATA


@dataclass(frozen=True)
class Entry:
    """A gazetteer entry: what a name in the text stands for."""

    kind: str  # organization, instrument, programme
    name: str
    acronym: str | None
    country: str | None = None


@dataclass(frozen=True, eq=False)
class Lexicon:
    words: dict  # lexicon.json
    entries: dict[str, Entry]  # every name, alias and acronym -> entry
    months: dict[str, int]  # lower-case month word (any language) -> 1..12
    month_languages: dict[str, str]  # lower-case month word -> language code
    names: "Phrases"  # every gazetteer name, matched as written

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Leftmost-longest, non-overlapping, whole-word occurrences of gazetteer names."""
        return [(m.start(), m.end(), m.group()) for m in self.names.finditer(text)]

    def list(self, key: str) -> list[str]:
        return self.words[key]

    def set(self, key: str, lower: bool = False) -> frozenset[str]:
        """The word list ``key`` as a set (lower-cased with ``lower``), made once per lexicon."""
        return _word_set(self, key, lower)

    def tuple(self, key: str) -> tuple[str, ...]:
        """The word list ``key`` as a tuple (for ``str.startswith``), made once per lexicon."""
        return _word_tuple(self, key)

    def phrases(self, *keys: str, ignore_case: bool = False) -> "Phrases":
        """The matcher of the word lists ``keys`` of ``lexicon.json`` (made once per lexicon)."""
        return _lexicon_phrases(self, keys, ignore_case)


def _jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


class PhraseMatch:
    """What a ``Phrases`` search returns: the ``re.Match`` methods the extractor uses."""

    __slots__ = ("_a", "_b", "_text")

    def __init__(self, a: int, b: int, text: str):
        self._a, self._b, self._text = a, b, text

    def start(self) -> int:
        return self._a

    def end(self) -> int:
        return self._b

    def span(self) -> tuple[int, int]:
        return self._a, self._b

    def group(self) -> str:
        return self._text[self._a:self._b]


class Phrases:
    """Whole-word occurrences of a fixed set of phrases, leftmost-longest and non-overlapping (the
    drop-in for a regex alternation of many words).

    Every set of phrases of the process shares one Aho-Corasick automaton over lower-cased keys, so
    a text is scanned once for all of them; a set that respects case keeps the hits written as its
    phrases are.
    """

    def __init__(self, phrases: tuple[str, ...], ignore_case: bool):
        self.index = len(_SETS)
        _SETS.append(self)
        for p in phrases:
            _KEYS.setdefault(p.lower(), []).append((self.index, None if ignore_case else p))
        _AUTOMATON.clear()  # rebuilt with the new keys on the next search
        _FIRST_RUNS.clear()

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> list[PhraseMatch]:
        starts, ends = _text_hits(text, len(_SETS))[self.index]
        i = bisect.bisect_left(starts, pos)
        j = len(ends) if endpos is None else bisect.bisect_right(ends, endpos)
        return [PhraseMatch(starts[k], ends[k], text) for k in range(i, j)]

    def per_span(self, text: str, spans: list[tuple[int, int]]) -> list[list[PhraseMatch]]:
        """For each of ``spans`` (sorted, not overlapping, such as sentences), what
        ``finditer(text, a, b)`` gives, in one pass over the hits."""
        starts, ends = _text_hits(text, len(_SETS))[self.index]
        out: list[list[PhraseMatch]] = [[] for _ in spans]
        if starts:
            span_starts = [a for a, _ in spans]
            for a, b in zip(starts, ends):
                i = bisect.bisect_right(span_starts, a) - 1
                if i >= 0 and b <= spans[i][1]:
                    out[i].append(PhraseMatch(a, b, text))
        return out

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> PhraseMatch | None:
        starts, ends = _text_hits(text, len(_SETS))[self.index]
        i = bisect.bisect_left(starts, pos)
        if i < len(ends) and (endpos is None or ends[i] <= endpos):
            return PhraseMatch(starts[i], ends[i], text)
        return None


_SETS: list[Phrases] = []
_KEYS: dict[str, list[tuple[int, str | None]]] = {}  # lower-cased phrase -> (set, phrase as written or None)
_AUTOMATON: list = []  # the automaton over _KEYS, built on demand
_FIRST_RUNS: list = []  # the keys by their first run of word characters and hyphens, built on demand
_RUN = re.compile(r"[\w-]+")


def _automaton():
    if not _AUTOMATON:
        import ahocorasick

        automaton = ahocorasick.Automaton()
        for key, owners in _KEYS.items():
            automaton.add_word(key, (len(key), tuple(owners)))
        automaton.make_automaton()
        _AUTOMATON.append(automaton)
    return _AUTOMATON[0]


def _first_runs() -> tuple[dict, bytes] | None:
    """The keys by their first run of word characters and hyphens, as the compiled scan takes them,
    and the table of those runs' digests it passes over other runs with; None when a key does not
    open with such a run (a curated "(UN)"), which only the automaton finds."""
    if not _FIRST_RUNS:
        runs: dict[str, list] = {}
        for key, owners in _KEYS.items():
            m = _RUN.match(key)
            if m is None:
                _FIRST_RUNS.append(None)
                break
            runs.setdefault(m.group(), []).append((key, len(key), tuple(owners)))
        else:
            signs = bytearray(1 << 16)
            for run in runs:
                signs[_speedups.run_sign(run)] = 1
            _FIRST_RUNS.append((runs, bytes(signs)))
    return _FIRST_RUNS[0]


@text_cache
def _text_hits(text: str, generation: int) -> list[tuple[list[int], list[int]]]:
    """For each set of phrases: the starts and ends of its leftmost-longest whole-word hits in
    ``text`` (``generation``, the number of sets, renews the answer when a set is added)."""
    hay = text.lower()
    if len(hay) != len(text):  # "İ" lowers to two characters: lower each character to one
        hay = "".join(c.lower()[:1] for c in text)
    runs = _first_runs() if _speedups is not None else None
    if runs is not None:
        return _speedups.phrase_hits(text, hay, *runs, generation)
    return _automaton_hits(text, hay, generation)


def _automaton_hits(text: str, hay: str, generation: int) -> list[tuple[list[int], list[int]]]:
    """What ``_text_hits`` gives, found by the Aho-Corasick automaton over every key."""
    n = len(hay)
    found: list[list[tuple[int, int]]] = [[] for _ in range(generation)]
    for end, (length, owners) in _automaton().iter(hay):
        a, b = end - length + 1, end + 1
        if a > 0 and (hay[a - 1].isalnum() or hay[a - 1] in "-_") or b < n and (hay[b].isalnum() or hay[b] in "-_"):
            continue
        for index, written in owners:
            if written is None or text[a:b] == written:
                found[index].append((a, -b))
    out = []
    for hits in found:
        starts: list[int] = []
        ends: list[int] = []
        if hits:
            hits.sort()  # by start, the longest first
            for a, b in hits:
                if ends and a < ends[-1]:
                    continue
                starts.append(a)
                ends.append(-b)
        out.append((starts, ends))
    return out


def alternation(words: list[str] | set[str], flags: int = 0) -> Phrases:
    """A matcher of any of ``words`` as whole words, longest first (built once per word set);
    ``flags`` may hold ``re.I``."""
    return _alternation(tuple(sorted(set(words))), bool(flags & re.I))


@lru_cache(maxsize=256)
def _alternation(words: tuple[str, ...], ignore_case: bool) -> Phrases:
    return Phrases(words, ignore_case)


@lru_cache(maxsize=256)
def _word_set(lex: Lexicon, key: str, lower: bool) -> frozenset[str]:
    return frozenset(w.lower() for w in lex.words[key]) if lower else frozenset(lex.words[key])


@lru_cache(maxsize=256)
def _word_tuple(lex: Lexicon, key: str) -> tuple[str, ...]:
    return tuple(lex.words[key])


@lru_cache(maxsize=64)
def _lexicon_phrases(lex: Lexicon, keys: tuple[str, ...], ignore_case: bool) -> Phrases:
    return alternation([w for k in keys for w in lex.words[k]], re.I if ignore_case else 0)


def is_family(lex: "Lexicon", name: str) -> bool:
    """Whether the gazetteer's organization ``name`` is a kind of body with many members, each a body
    of its own: one of its names is its name in the plural ("Regional Training Centres")."""
    words = name.split()
    for i, w in enumerate(words):
        for plural in (w + "s", w + "es", w[:-1] + "ies" if w.endswith("y") else None):
            if plural and lex.entries.get(" ".join(words[:i] + [plural] + words[i + 1:])) is lex.entries.get(name):
                return True
    return False


@lru_cache(maxsize=4)
def load(extra_aliases: tuple[tuple[str, tuple[str, ...]], ...] = ()) -> Lexicon:
    """Load the curated data; ``extra_aliases`` are a curation file's (canonical, aliases) pairs."""
    words = json.loads((DATA / "lexicon.json").read_text(encoding="utf-8"))
    entries: dict[str, Entry] = {}
    for kind, fname in (("organization", "organizations.jsonl"), ("instrument", "instruments.jsonl"),
                        ("programme", "programmes.jsonl")):
        for row in _jsonl(DATA / fname):
            e = Entry(kind, row["name"], row.get("acronym"), row.get("country"))
            for n in [row["name"], row.get("acronym"), *row.get("aliases", [])]:
                if n and n not in entries:
                    entries[n] = e
    # a one-word name of five letters or more is the same name in capitals or with one capital
    # ("INTERPOL", "Interpol"); shorter ones are words too ("WHO", "Who")
    for n, e in list(entries.items()):
        if e.kind == "organization" and " " not in n and len(n) >= 5 and n[:1].isupper():
            for variant in (n.upper(), n[:1] + n[1:].lower()):
                entries.setdefault(variant, e)
    by_name = {e.name: e for e in entries.values()}
    for canonical, aliases in extra_aliases:
        e = by_name.get(canonical) or Entry("organization", canonical, None)
        for a in (canonical, *aliases):
            entries[a] = e
    months: dict[str, int] = {}
    languages: dict[str, str] = {}
    with open(DATA / "months.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            months[row["word"].lower()] = int(row["month_number"])
            languages.setdefault(row["word"].lower(), row["language"])
    return Lexicon(words, entries, months, languages, Phrases(tuple(entries), ignore_case=False))
