"""``kg eval``: precision, recall and F1 of the store against gold annotations, field by field.

The store is read through the release profile only (schema.org and ``rkg:`` terms), release by
release. Names are compared after normalisation (accents and case folded, punctuation dropped, a
leading "the" removed) and, for long names, by word overlap:

* organizations, participants, hosts: same name or acronym, a word overlap (Jaccard) of 0.8, or an
  acronym followed by one generic word ("WCO Secretariat" for the WCO);
* location and countries: same country or city name, common aliases folded ("Viet Nam", "UK", ...);
* published and dates: equal ISO dates (an event's (start, end) pair);
* topics 0.5, people, instruments and programmes 0.6, events 0.4: Jaccard of the content words, or
  90% of the shorter name's content words inside the other;
* emails: equal addresses.

Precision counts predicted items that match some gold item; recall counts gold items that some
predicted item matches. The core F1 is the mean over published, organizations, participants, hosts,
location and dates.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError

CORE = ("published", "organizations", "participants", "hosts", "location", "dates")
MORE = ("topics", "people", "instruments", "programmes", "countries", "emails", "events")
_FUNCTION_WORDS = frozenset("the of and for on in a an to at by with its de la du des le".split())
# country names written in several ways (public naming facts)
_COUNTRY_SAME = {
    "united states of america": "united states", "usa": "united states", "us": "united states",
    "uk": "united kingdom", "great britain": "united kingdom", "russian federation": "russia",
    "republic of korea": "south korea", "korea": "south korea", "korea republic of": "south korea",
    "viet nam": "vietnam", "turkiye": "turkey", "czech republic": "czechia", "cote d ivoire": "ivory coast",
    "iran islamic republic of": "iran", "islamic republic of iran": "iran", "uae": "united arab emirates",
    "the netherlands": "netherlands", "holland": "netherlands", "people s republic of china": "china",
    "lao pdr": "laos", "lao people s democratic republic": "laos", "democratic republic of the congo": "dr congo",
    "drc": "dr congo", "bolivia plurinational state of": "bolivia", "tanzania united republic of": "tanzania",
    "united republic of tanzania": "tanzania", "moldova republic of": "moldova", "republic of moldova": "moldova",
    "syrian arab republic": "syria", "venezuela bolivarian republic of": "venezuela", "north macedonia": "macedonia",
    "former yugoslav republic of macedonia": "macedonia",
    "brunei darussalam": "brunei", "burma": "myanmar", "republic of the union of myanmar": "myanmar",
    "kyrgyz republic": "kyrgyzstan", "slovak republic": "slovakia", "timor leste": "east timor",
    "cabo verde": "cape verde", "eswatini": "swaziland",
}


def fold(text: object) -> str:
    """Accent- and case-folded words: 'Lomé, Togo' -> 'lome togo'."""
    s = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"[^a-z0-9@.]+", " ", s).strip()
    return s[4:] if s.startswith("the ") else s


def words(text: object) -> set[str]:
    return {w for w in fold(text).split() if w not in _FUNCTION_WORDS}


def overlap(a: object, b: object) -> float:
    wa, wb = words(a), words(b)
    return len(wa & wb) / len(wa | wb) if wa and wb else 0.0


def inside(a: object, b: object) -> float:
    wa, wb = words(a), words(b)
    return len(wa & wb) / min(len(wa), len(wb)) if wa and wb else 0.0


def country(name: str) -> str:
    n = fold(name)
    return _COUNTRY_SAME.get(n, n)


def org_matches(gold: dict, names: set[str]) -> bool:
    keys = {fold(gold["name"])} | ({fold(gold["acronym"])} if gold.get("acronym") else set())
    for n in names:
        f = fold(n)
        if f in keys or overlap(n, gold["name"]) >= 0.8:
            return True
        if gold.get("acronym") and f.split()[:1] == [fold(gold["acronym"])] and len(f.split()) <= 2:
            return True
    return False


def similar(threshold: float) -> Callable[[str, set[str]], bool]:
    def match(gold: str, names: set[str]) -> bool:
        return any(fold(n) == fold(gold) or overlap(n, gold) >= threshold
                   or (inside(n, gold) >= 0.9 and len(words(n)) >= 2) for n in names)
    return match


@dataclass
class Tally:
    gold: int = 0
    predicted: int = 0
    gold_found: int = 0
    predicted_right: int = 0

    def add(self, gold: list, pred: list, match: Callable) -> tuple[list, list]:
        missed = [g for g in gold if not any(match(g, p) for p in pred)]
        spurious = [p for p in pred if not any(match(g, p) for g in gold)]
        self.gold += len(gold)
        self.predicted += len(pred)
        self.gold_found += len(gold) - len(missed)
        self.predicted_right += len(pred) - len(spurious)
        return missed, spurious

    def scores(self) -> tuple[float, float, float]:
        p = self.predicted_right / self.predicted if self.predicted else (0.0 if self.gold else 1.0)
        r = self.gold_found / self.gold if self.gold else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Evaluation:
    tallies: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k in CORE + MORE})
    misses: dict[str, dict[str, dict[str, list[str]]]] = field(default_factory=dict)
    missing_releases: list[str] = field(default_factory=list)

    def table(self) -> dict[str, dict[str, float]]:
        out = {}
        for k, t in self.tallies.items():
            p, r, f = t.scores()
            out[k] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
                      "gold": t.gold, "predicted": t.predicted}
        return out

    @property
    def core_f1(self) -> float:
        return round(sum(self.tallies[k].scores()[2] for k in CORE) / len(CORE), 3)

    @property
    def all_f1(self) -> float:
        return round(sum(t.scores()[2] for t in self.tallies.values()) / len(self.tallies), 3)


def release_views(quads: Iterable) -> dict[str, dict[str, list]]:
    """What each release graph says, read through the profile: identifier -> field -> items."""
    from collections import defaultdict

    SDO, RKG = "https://schema.org/", "https://w3id.org/release-kg/ontology#"
    TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    graphs: dict[str, list] = defaultdict(list)
    for q in quads:
        graphs[q.graph_name.value].append((q.subject.value, q.predicate.value, q.object))
    views = {}
    for triples in graphs.values():
        by_sp: dict[tuple[str, str], list] = defaultdict(list)
        for s, p, o in triples:
            by_sp[(s, p)].append(o)
        typed: dict[str, set[str]] = defaultdict(set)
        for s, p, o in triples:
            if p == TYPE:
                typed[o.value].add(s)

        def vals(s: str, p: str) -> list:
            return by_sp.get((s, p), [])

        def names(s: str) -> set[str]:
            return {o.value for o in vals(s, SDO + "name") + vals(s, SDO + "alternateName")}

        for r in typed[SDO + "NewsArticle"]:
            rid = next((o.value for o in vals(r, SDO + "identifier")), None)
            if rid is None:
                continue
            v: dict[str, list] = {"published": [o.value[:10] for o in vals(r, SDO + "datePublished")]}
            attendees, hosts, places, topics, dates = set(), set(), set(), set(), set()
            for e in typed[SDO + "Event"]:
                attendees |= {o.value for o in vals(e, SDO + "attendee")}
                hosts |= {o.value for o in vals(e, SDO + "organizer") + vals(e, RKG + "invitedBy")}
                here = {o.value for o in vals(e, SDO + "location") + vals(e, RKG + "heldIn")}
                for p_ in list(here):
                    here |= {o.value for o in vals(p_, SDO + "containedInPlace")}
                places |= here
                ends = [o.value[:10] for o in vals(e, SDO + "endDate")]
                for s_ in vals(e, SDO + "startDate"):
                    dates.add((s_.value[:10], ends[0] if ends else s_.value[:10]))
                topics |= {o.value for o in vals(e, SDO + "about") + vals(e, RKG + "discussed")}
            v["participants"] = [names(x) for x in sorted(attendees)]
            v["hosts"] = [names(x) for x in sorted(hosts)]
            v["location"] = [names(x) for x in sorted(places) if names(x)]
            v["dates"] = sorted(dates)
            v["topics"] = [names(x) for x in sorted(topics)]
            for fname, t in (("organizations", SDO + "Organization"), ("people", SDO + "Person"),
                             ("instruments", SDO + "Legislation"), ("programmes", RKG + "Programme"),
                             ("countries", SDO + "Country"), ("events", SDO + "Event")):
                v[fname] = [names(x) for x in sorted(typed[t])]
            v["emails"] = sorted({o.value.lower().removeprefix("mailto:") for s, p, o in triples if p == SDO + "email"})
            views[rid] = v
    return views


def evaluate(gold_dir: str | Path, views: dict[str, dict[str, list]]) -> Evaluation:
    """Score ``views`` (from ``release_views``) against every ``*.json`` of ``gold_dir``."""
    paths = sorted(Path(gold_dir).glob("*.json"))
    if not paths:
        raise InputError(gold_dir, "no gold annotations (*.json) here")
    ev = Evaluation()
    place = lambda g, names: any(country(n) == country(g) for n in names)  # noqa: E731
    for path in paths:
        try:
            gold = json.loads(path.read_text(encoding="utf-8"))
            rid = gold["id"]
        except (OSError, ValueError, KeyError, TypeError) as e:
            raise InputError(path, f"not a gold annotation ({e})") from None
        v = views.get(rid)
        if v is None:
            ev.missing_releases.append(rid)
            v = {}
        events = gold.get("events", [])
        orgs = {o["name"]: o for o in gold.get("organizations", [])}
        org = lambda n: orgs.get(n, {"name": n, "acronym": None})  # noqa: E731
        checks = {
            "published": ([gold["published"]] if gold.get("published") else [], lambda a, b: a == b),
            "organizations": (list(orgs.values()), org_matches),
            "participants": ([org(n) for n in sorted({p for e in events for p in e.get("participants", [])})], org_matches),
            "hosts": ([org(n) for n in sorted({p for e in events for p in e.get("hosts", [])})], org_matches),
            "location": (sorted({e[k] for e in events for k in ("city", "country") if e.get(k)}), place),
            "dates": (sorted({(e["start"], e.get("end") or e["start"]) for e in events if e.get("start")}), lambda a, b: a == b),
            "topics": ([t for e in events for t in e.get("topics", [])], similar(0.5)),
            "people": ([p["name"] for p in gold.get("people", [])], similar(0.6)),
            "instruments": (gold.get("instruments", []), similar(0.6)),
            "programmes": (gold.get("programmes", []), similar(0.6)),
            "countries": (gold.get("countries", []), place),
            "emails": ([e.lower() for e in gold.get("emails", [])], lambda a, b: a == b),
            "events": ([e["label"] for e in events], similar(0.4)),
        }
        for fname, (gold_items, match) in checks.items():
            missed, spurious = ev.tallies[fname].add(gold_items, v.get(fname, []), match)
            if missed or spurious:
                ev.misses.setdefault(rid, {})[fname] = {
                    "missed": [g["name"] if isinstance(g, dict) else str(g) for g in missed],
                    "spurious": ["/".join(sorted(p)) if isinstance(p, set) else str(p) for p in spurious]}
    return ev


def render(ev: Evaluation, misses: bool = False) -> str:
    lines = [f"{'field':14} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5} {'pred':>5}"]
    for k, row in ev.table().items():
        lines.append(f"{k:14} {row['precision']:6.3f} {row['recall']:6.3f} {row['f1']:6.3f} {row['gold']:5d} {row['predicted']:5d}")
    lines.append(f"core F1 {ev.core_f1:.3f}  all F1 {ev.all_f1:.3f}")
    if ev.missing_releases:
        lines.append(f"releases with no graph: {', '.join(ev.missing_releases)}")
    if misses:
        for rid, fields in sorted(ev.misses.items()):
            lines.append(f"\n{rid}")
            for fname, d in fields.items():
                if d["missed"]:
                    lines.append(f"  {fname} missed: {'; '.join(d['missed'])}")
                if d["spurious"]:
                    lines.append(f"  {fname} spurious: {'; '.join(d['spurious'])}")
    return "\n".join(lines) + "\n"
