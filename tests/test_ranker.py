"""The ranked roles (``kg.extract.ranker``) and their training (``kg train-roles``), on invented
releases and gold (``tests/fixtures/train``)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.extract import extract, ranker, read_events
from kg.read import read_path

TRAIN = Path(__file__).parent / "fixtures" / "train"


def _release(tmp_path: Path, text: str):
    p = tmp_path / "r.txt"
    p.write_text(text, encoding="utf-8")
    return next(read_path(p))


UNREAD = """Workshop on port data in Freedonia City

4 May 2024

The Alpha Trade Organization held a workshop on port data in Freedonia City on 2 May 2024. Officers of
the Ruritania Police Service followed the sessions, as did the Northern Ports Council.
"""


def _roles(ex, rule_prefix: str = "") -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for f in ex.facts:
        if f.predicate in ("attendee", "organizer", "invitedBy") and f.evidence.rule.startswith(rule_prefix):
            out.setdefault(f.predicate, set()).add(ex.nodes[f.object].name)
    return out


def test_a_model_adds_participants_the_frames_missed_and_keeps_their_roles(tmp_path):
    release = _release(tmp_path, UNREAD)
    none = ranker.Model({"attendee": {}}, {"attendee": 1.1})
    every = ranker.Model({"attendee": {"": 5.0}}, {"attendee": 0.5})
    framed = _roles(extract(release, model=none))
    assert framed.get("organizer") == {"Alpha Trade Organization"}
    assert "Ruritania Police Service" not in framed.get("attendee", set())
    ranked = extract(release, model=every)
    added = _roles(ranked, "ranked-")
    # every organization not yet a participant becomes one, through the sentence that names it
    assert added == {"attendee": {"Ruritania Police Service", "Northern Ports Council", "Alpha Trade Organization"}}
    assert _roles(ranked)["organizer"] == {"Alpha Trade Organization"}
    fact = next(f for f in ranked.facts if f.evidence.rule == "ranked-attendee"
                and ranked.nodes[f.object].name == "Ruritania Police Service")
    assert "followed the sessions" in release.text[fact.evidence.start:fact.evidence.end]
    assert fact.evidence.confidence < 0.8  # a ranked role is held with less confidence than a framed one
    event = ranked.nodes[fact.subject]
    assert event.kind == "event" and "workshop" in event.name.lower()


def test_features_say_how_the_release_speaks_of_each_organization(tmp_path):
    ctx, found = read_events(_release(tmp_path, UNREAD))
    feats = {o.name: f for o, f in ranker.features(ctx, found)}
    assert feats["Alpha Trade Organization"]["role:organizer"] == 1.0
    police = feats["Ruritania Police Service"]
    assert police["no-rule-role"] == 1.0 and police["before:of"] == 1.0  # "Officers of the ..."
    assert police["sentence-named-event"] == 1.0 and police["first-sentence:3"] == 1.0
    ports = feats["Northern Ports Council"]
    assert ports["body"] == 1.0 and "role:attendee" not in ports and "no-rule-role" in ports
    assert "role:organizer" not in police


def test_training_is_deterministic_and_its_model_is_read(tmp_path):
    runner = CliRunner()
    out1, out2 = tmp_path / "m1.json", tmp_path / "m2.json"
    for out in (out1, out2):
        result = runner.invoke(main, ["train-roles", str(TRAIN / "gold"), str(TRAIN), "-o", str(out)])
        assert result.exit_code == 0, result.output
    assert out1.read_bytes() == out2.read_bytes()
    assert "6 releases" in result.output
    data = json.loads(out1.read_text())
    assert data["releases"] == 6 and data["examples"] >= 20
    fit = data["training-fit"]["attendee"]
    assert fit["with-model"][1] > fit["rules"][1]  # the invented gold has participants no frame reads
    model = ranker.load(out1)
    assert 0 < model.threshold["attendee"] < 1 and model.weights["attendee"][""] != 0
    # the trained model gives a participant the frames miss in a release it was not trained on
    added = _roles(extract(_release(tmp_path, UNREAD), model=model), "ranked-")
    assert "Ruritania Police Service" in added.get("attendee", set())


def test_training_without_matching_releases_is_an_error(tmp_path):
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "x.json").write_text(json.dumps({"id": "x", "organizations": [], "events": []}))
    result = CliRunner().invoke(main, ["train-roles", str(tmp_path / "gold"), str(tmp_path), "-o", str(tmp_path / "m.json")])
    assert result.exit_code != 0 and "no gold annotation" in result.output
    assert not (tmp_path / "m.json").exists()
    (tmp_path / "gold" / "y.json").write_text("{not json")
    result = CliRunner().invoke(main, ["train-roles", str(tmp_path / "gold"), str(tmp_path), "-o", str(tmp_path / "m.json")])
    assert result.exit_code == 2 and "y.json" in result.output


def test_the_shipped_model_uses_only_features_the_phase_makes():
    model = ranker.load()
    assert model.weights["attendee"], "ontology/data/role_model.json is missing or empty"
    families = {"", "no-rule-role", "most-named", "gazetteer", "has-acronym", "body", "event-body", "people-of",
                "news-agency", "in-title", "members-after", "sentence-event", "sentence-named-event",
                "sentence-main-event", "sentence-date", "sentence-place"}
    prefixes = ("role:", "rule:", "mentions:", "orgs:", "first-rule:", "before:", "after:", "first-sentence:",
                "sentence-trigger:", "listed-with:")
    for name in model.weights["attendee"]:
        assert name in families or name.startswith(prefixes), name
