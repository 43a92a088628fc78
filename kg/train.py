"""Training the role model (``kg.extract.ranker``) from a folder of gold annotations.

    kg train-roles GOLD_DIR TEXT_DIR -o ontology/data/role_model.json

A gold folder holds one JSON file per release in the format ``kg eval`` reads (README, "Evaluating
extraction"): its ``organizations`` and, for each event, its ``participants``. The texts are the
releases with the same ids in TEXT_DIR (any format ``kg build`` reads). Every organization the
extractor finds in a release is one example: its features (``ranker.features``) and its label,
whether the gold lists it as a participant of any event.

The model is a logistic regression, fitted by full-batch gradient descent with an L2 penalty, in a
fixed order: the same gold gives the same weights, byte for byte. The threshold is the probability
that gives the best F1 of the roles the frames read plus the ones the model adds, cross-validated:
over releases the model was not fitted on.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .evaluate import org_matches
from .extract import read_events
from .extract import ranker
from .read import READERS, read_path

_GOLD = {"attendee": "participants", "organizer": "hosts"}  # a role -> the gold field of its organizations


@dataclass
class Example:
    release: str
    name: str
    features: dict[str, float]
    rule: dict[str, bool]  # target -> the frames gave the role
    gold: dict[str, bool]  # target -> the gold lists it
    missed: dict[str, int]  # target -> gold organizations of the release no example matches (for F1)


def _text_of(text_dir: Path, rid: str) -> Path | None:
    for suffix in READERS:
        p = text_dir / f"{rid}{suffix}"
        if p.is_file():
            return p
    return None


def examples(gold_dir: Path, text_dir: Path) -> list[Example]:
    """One example per organization found in each release that has gold."""
    out: list[Example] = []
    for path in sorted(gold_dir.glob("*.json")):
        try:
            gold = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise InputError(path, f"not a gold annotation: {e}") from e
        rid = str(gold.get("id") or path.stem)
        source = _text_of(text_dir, rid)
        if source is None:
            continue
        orgs = {o["name"]: o for o in gold.get("organizations", [])}
        wanted = {t: [orgs.get(n, {"name": n}) for n in sorted({n for e in gold.get("events", []) for n in e.get(_GOLD[t], [])})]
                  for t in ranker.TARGETS}
        for release in read_path(source):
            ctx, found = read_events(release)
            rule: dict[int, set[str]] = {}
            for e in found.events:
                for role, org, _, _ in e.roles:
                    rule.setdefault(id(org), set()).add(role)
            found_any = {t: [False] * len(wanted[t]) for t in ranker.TARGETS}
            batch = []
            for o, f in ranker.features(ctx, found):
                names = {o.name, *o.alt, *([o.acronym] if o.acronym else [])}
                labels = {}
                for t in ranker.TARGETS:
                    hits = [i for i, g in enumerate(wanted[t]) if org_matches(g, names)]
                    for i in hits:
                        found_any[t][i] = True
                    labels[t] = bool(hits)
                batch.append(Example(rid, o.name, f, {t: t in rule.get(id(o), ()) for t in ranker.TARGETS}, labels, {}))
            missed = {t: found_any[t].count(False) for t in ranker.TARGETS}
            if batch:
                batch[0].missed = missed
            else:
                out.append(Example(rid, "", {}, {}, {}, missed))
            out.extend(batch)
            break
    return out


def fit(data: list[Example], target: str, l2: float = 1.0, steps: int = 400, rate: float = 0.5) -> dict[str, float]:
    """Weights of a logistic regression of ``target`` on the features, by gradient descent."""
    rows = [(e.features, 1.0 if e.gold.get(target) else 0.0) for e in data if e.features]
    names = sorted({k for f, _ in rows for k in f})
    w = {k: 0.0 for k in names}
    n = max(1, len(rows))
    for _ in range(steps):
        grad = {k: l2 * w[k] / n if k else 0.0 for k in names}
        for f, y in rows:
            g = (ranker.sigmoid(sum(w[k] * v for k, v in f.items())) - y) / n
            for k, v in f.items():
                grad[k] += g * v
        for k in names:
            w[k] -= rate * grad[k]
    return {k: round(v, 4) for k, v in w.items() if abs(v) >= 1e-4}


def _counts(data: list[Example], target: str, weights: dict[str, float] | None, threshold: float) -> tuple[int, int, int]:
    """(right, said, gold) of the role, release by release, with the model's roles added at
    ``threshold`` (none when ``weights`` is None)."""
    model = ranker.Model({target: weights or {}}, {target: threshold})
    right = said = gold = 0
    for e in data:
        gold += e.missed.get(target, 0)
        if not e.features:
            continue
        says = e.rule[target] or (weights is not None and ranker.probability(model, target, e.features) >= threshold)
        said += says
        gold += e.gold[target]
        right += says and e.gold[target]
    return right, said, gold


def f1(data: list[Example], target: str, weights: dict[str, float] | None, threshold: float) -> tuple[float, float, float]:
    """(precision, recall, F1) of the role (see ``_counts``)."""
    right, said, gold = _counts(data, target, weights, threshold)
    p = right / said if said else 1.0
    r = right / gold if gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def best_threshold(data: list[Example], target: str, l2: float, folds: int = 5) -> float:
    """The threshold with the best F1 over releases the model was not fitted on: the releases are
    parted into ``folds`` groups (by their sorted ids), each scored by a model fitted on the others."""
    ids = sorted({e.release for e in data})
    group = {r: i % folds for i, r in enumerate(ids)}
    held_out = [([e for e in data if group[e.release] == k], fit([e for e in data if group[e.release] != k], target, l2))
                for k in range(min(folds, len(ids)))]

    def pooled(t: float) -> float:
        right = said = gold = 0
        for part, w in held_out:
            r, s, g = _counts(part, target, w, t)
            right, said, gold = right + r, said + s, gold + g
        return 2 * right / (said + gold) if said + gold else 0.0

    grid = [round(0.3 + 0.05 * i, 2) for i in range(14)]
    return max(grid, key=lambda t: (round(pooled(t), 4), t))


def train(data: list[Example], l2: float = 1.0) -> dict:
    """The model file's content: weights and threshold of each role, and how it scores on ``data``."""
    weights = {t: fit(data, t, l2) for t in ranker.TARGETS}
    threshold = {t: best_threshold(data, t, l2) for t in ranker.TARGETS}
    releases = len({e.release for e in data})
    fit_of = {t: {"rules": [round(x, 3) for x in f1(data, t, None, 1.0)],
                  "with-model": [round(x, 3) for x in f1(data, t, weights[t], threshold[t])]} for t in ranker.TARGETS}
    return {"about": "Weights of the ranked-roles model (kg.extract.ranker), made by kg train-roles.",
            "releases": releases, "examples": sum(1 for e in data if e.features), "l2": l2,
            "threshold": threshold, "training-fit": fit_of, "weights": weights}
