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
    automaton: object  # Aho-Corasick automaton over every gazetteer name

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Leftmost-longest, non-overlapping, whole-word occurrences of gazetteer names."""
        hits = []
        for end, key in self.automaton.iter(text):  # type: ignore[attr-defined]
            a, b = end - len(key) + 1, end + 1
            if (a > 0 and (text[a - 1].isalnum() or text[a - 1] in "-_")) or (b < len(text) and (text[b].isalnum() or text[b] in "-_")):
                continue
            hits.append((a, b, key))
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        out: list[tuple[int, int, str]] = []
        for h in hits:
            if out and h[0] < out[-1][1]:
                continue
            out.append(h)
        return out

    def list(self, key: str) -> list[str]:
        return self.words[key]


def _jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def alternation(words: list[str] | set[str], flags: int = 0) -> re.Pattern:
    """A regex matching any of ``words`` as whole words, longest first (compiled once per word set)."""
    return _alternation(tuple(sorted(set(words))), flags)


@lru_cache(maxsize=256)
def _alternation(words: tuple[str, ...], flags: int) -> re.Pattern:
    alts = sorted(words, key=lambda w: (-len(w), w))
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in alts) + r")(?![\w-])", flags)


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
    with open(DATA / "months.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            months[row["word"].lower()] = int(row["month_number"])
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for key in entries:
        automaton.add_word(key, key)
    automaton.make_automaton()
    return Lexicon(words, entries, months, automaton)
