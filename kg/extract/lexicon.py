"""The curated data the extractor reads, loaded once per process from ``ontology/data``."""
from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent.parent / "ontology" / "data"


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
    automaton: object  # Aho-Corasick automaton over every gazetteer name

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Leftmost-longest, non-overlapping, whole-word occurrences of gazetteer names."""
        return [(a, b, text[a:b]) for a, b in _leftmost_longest(text, self.automaton)]

    def list(self, key: str) -> list[str]:
        return self.words[key]


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
    """Whole-word occurrences of a fixed set of phrases, leftmost-longest and non-overlapping, found
    in one pass with an Aho-Corasick automaton (the drop-in for a regex alternation of many words)."""

    def __init__(self, phrases: tuple[str, ...], ignore_case: bool):
        import ahocorasick

        self.ignore_case = ignore_case
        self.automaton = ahocorasick.Automaton()
        for p in phrases:
            key = p.lower() if ignore_case else p
            self.automaton.add_word(key, len(key))
        self.automaton.make_automaton()

    def _all(self, text: str) -> list[tuple[int, int]]:
        hay = text.lower() if self.ignore_case else text
        if len(hay) != len(text):  # "İ" lowers to two characters: lower each character to one
            hay = "".join(c.lower()[:1] for c in text)
        return _leftmost_longest(hay, self.automaton)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> list[PhraseMatch]:
        endpos = len(text) if endpos is None else endpos
        return [PhraseMatch(a, b, text) for a, b in _cached_hits(self, text) if pos <= a and b <= endpos]

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> PhraseMatch | None:
        hits = self.finditer(text, pos, endpos)
        return hits[0] if hits else None


_HITS: dict[tuple["Phrases", str], list[tuple[int, int]]] = {}


def _cached_hits(phrases: Phrases, text: str) -> list[tuple[int, int]]:
    """Hits of ``phrases`` in ``text``, remembered for the text being extracted (one at a time)."""
    key = (phrases, text)
    hits = _HITS.get(key)
    if hits is None:
        if len(_HITS) > 256:
            _HITS.clear()
        hits = _HITS[key] = phrases._all(text)
    return hits


def _boundary(text: str, a: int, b: int) -> bool:
    return not ((a > 0 and (text[a - 1].isalnum() or text[a - 1] in "-_"))
                or (b < len(text) and (text[b].isalnum() or text[b] in "-_")))


def _leftmost_longest(hay: str, automaton) -> list[tuple[int, int]]:
    hits = []
    for end, length in automaton.iter(hay):
        a, b = end - length + 1, end + 1
        if _boundary(hay, a, b):
            hits.append((a, b))
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    out: list[tuple[int, int]] = []
    for h in hits:
        if out and h[0] < out[-1][1]:
            continue
        out.append(h)
    return out


def alternation(words: list[str] | set[str], flags: int = 0) -> Phrases:
    """A matcher of any of ``words`` as whole words, longest first (built once per word set);
    ``flags`` may hold ``re.I``."""
    return _alternation(tuple(sorted(set(words))), bool(flags & re.I))


@lru_cache(maxsize=256)
def _alternation(words: tuple[str, ...], ignore_case: bool) -> Phrases:
    return Phrases(words, ignore_case)


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
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for key in entries:
        automaton.add_word(key, len(key))
    automaton.make_automaton()
    return Lexicon(words, entries, months, languages, automaton)
