"""`kg explain`: each fact about an entity with the release, the offsets and the sentence."""
from __future__ import annotations

import pytest

from conftest import SEED_FILE, run_kg
from kg.explain import explain, render
from kg.store import open_store


def _reasons(store, target):
    with open_store(store, create=False) as s:
        return explain(s, target)


def test_explain_wco_gives_the_participation_sentence_with_its_span(seed_store):
    text = SEED_FILE.read_text(encoding="utf-8")
    reasons = [r for r in _reasons(seed_store, "WCO") if r.predicate == "schema:attendee"]
    assert reasons, "no evidence for the WCO's participation"
    body = [r for r in reasons if "participated in" in r.span]
    assert body and body[0].span == text[body[0].start:body[0].end]
    assert "At the invitation of the United Nations Office on Drugs and Crime" in body[0].sentence


@pytest.mark.parametrize("target", ["WCO", "World Customs Organization", "world customs organization",
                                    "https://w3id.org/release-kg/id/org/world-customs-organization"])
def test_explain_finds_an_entity_by_acronym_name_or_iri(seed_store, target):
    assert any(r.object == "World Customs Organization" or r.subject == "World Customs Organization"
               for r in _reasons(seed_store, target))


def test_explain_a_triple(seed_store):
    # "For more information on the WCO's Integrity Programme, you may contact capacity.building@...":
    # the contact point is the programme's
    reasons = _reasons(seed_store, "<https://w3id.org/release-kg/id/programme/wco-integrity-programme> "
                                   "<https://schema.org/contactPoint> "
                                   "<https://w3id.org/release-kg/id/contact/capacity-building-wcoomd-org>")
    assert [r.predicate for r in reasons] == ["schema:contactPoint"]


def test_explain_cli_highlights_the_span(seed_store):
    proc = run_kg("explain", "WCO", "--store", seed_store, "--color")
    out = proc.stdout.decode()
    assert proc.returncode == 0, proc.stderr
    assert "\x1b[1;33mWorld Customs Organization (WCO) participated in\x1b[0m" in out
    plain = run_kg("explain", "WCO", "--store", seed_store, "--no-color").stdout.decode()
    assert "[World Customs Organization (WCO) participated in]" in plain


def test_explain_unknown_name_exits_2(seed_store):
    proc = run_kg("explain", "No Such Body", "--store", seed_store)
    assert proc.returncode == 2 and "nothing in the store is named" in proc.stderr


def test_explain_render_marks_the_span_without_color():
    from kg.explain import Reason

    r = Reason("A", "schema:attendee", "B", "https://x/release/r", 4, 7, "met", "They met B.", "frame", 0.8)
    assert "They [met] B." in render([r], color=False)


def test_a_fact_stated_through_two_properties_is_told_once(seed_store):
    reasons = _reasons(seed_store, "WCO")
    told = [(r.release, r.start, r.end, r.rule, frozenset((r.subject, r.object))) for r in reasons]
    assert len(told) == len(set(told)), [r.predicate for r in reasons]
    assert not any(r.predicate == "rkg:participatedIn" for r in reasons)
    assert any(r.predicate == "schema:attendee" for r in reasons)
