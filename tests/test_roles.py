"""Roles (who took part, hosted, invited), read through the trigger frames of ontology/data/triggers.json.

Driven by the folder ``fixtures/roles``: one invented release per wording or scope case, and
``expected.json`` with the roles each must give (and those it must not).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kg.extract import read_events, roles
from test_extract import facts, nodes, release

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "fixtures" / "roles"
EXPECTED = json.loads((CASES / "expected.json").read_text(encoding="utf-8"))
TRIGGERS = ROOT / "ontology" / "data" / "triggers.json"


def test_every_roles_case_has_its_expectation():
    cases = {p.stem for p in CASES.glob("*.txt")}
    assert cases == {k for k in EXPECTED if not k.startswith("_")}


@pytest.mark.parametrize("case", sorted(p.stem for p in CASES.glob("*.txt")))
def test_roles_case(case):
    got = facts((CASES / f"{case}.txt").read_text(encoding="utf-8"))
    want = EXPECTED[case]
    for role, names in want.items():
        if role == "not":
            continue
        found = {o for _, o in got.get(role, set())}
        assert set(names) <= found, f"{case}: {role} {sorted(found)}"
    for role, names in want.get("not", {}).items():
        found = {o for _, o in got.get(role, set())}
        assert not set(names) & found, f"{case}: not {role} {sorted(set(names) & found)}"


# -- the curated data ------------------------------------------------------------------------------

def _example(phrase: str, reads: str, irregular: dict) -> str:
    """The phrase as a text would write it: optional words left out (but for a place phrase, which may
    name names), a verb in its past form."""
    phrase = phrase.replace("{at}", "at the Ports Forum in Lima").replace("{obj}", "the regional forum")
    words = [w for w in phrase.split() if w not in ("{a}", "{adj}")]
    if reads in ("subject", "agent", "object") or words[0] in irregular:  # ("bring together": "brought together")
        words[0] = roles._inflect(words[0], irregular)[1][0]
    return " ".join(w.rstrip("+") for w in words)


def _frames():
    data = json.loads(TRIGGERS.read_text(encoding="utf-8"))
    for f in data["frames"]:
        for phrase in f["phrases"]:
            yield f, phrase, data["verb_forms"]


@pytest.mark.parametrize("frame, phrase, irregular", list(_frames()),
                         ids=[f"{f['meaning']}-{f['reads']}-{p}" for f, p, _ in _frames()])
def test_every_trigger_phrase_is_found_by_the_extractor(frame, phrase, irregular):
    text = _example(phrase, frame["reads"], irregular) + " the meeting."
    hits = roles.find_triggers(text, roles.load())
    assert any(a == 0 and f.meaning == frame["meaning"] and f.reads == frame["reads"] for a, _, f in hits), text


def test_every_event_verb_is_read_in_all_its_forms():
    data = json.loads(TRIGGERS.read_text(encoding="utf-8"))
    pattern = roles.load().event_verbs
    for phrase in data["event_verbs"]:
        verb, _, rest = phrase.partition(" ")
        forms, _ = roles._inflect(verb, data["verb_forms"])
        for form in forms:
            said = " ".join(filter(None, [form, rest]))
            assert pattern.search(f"Freedonia Customs {said} a workshop."), said
    assert not pattern.search("A meeting of the Freedonia Customs and its holdings.")


def test_every_list_of_the_trigger_file_is_read():
    data = json.loads(TRIGGERS.read_text(encoding="utf-8"))
    source = (ROOT / "kg" / "extract" / "roles.py").read_text(encoding="utf-8")
    for key in data:
        if not key.startswith("_"):
            assert f'data["{key}"]' in source, key
    frame_keys = {k for f in data["frames"] for k in f}
    for key in frame_keys - {"meaning", "role", "reads", "phrases"}:
        assert f'f.get("{key}"' in source, key


def test_every_list_of_the_lexicon_is_read():
    lexicon = json.loads((ROOT / "ontology" / "data" / "lexicon.json").read_text(encoding="utf-8"))
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "kg").rglob("*.py"))
    for key in lexicon:
        if not key.startswith("_"):
            assert re.search(rf"""["']{re.escape(key)}["']""", source), f"lexicon.json: {key} is read nowhere"


def test_verbs_are_inflected_by_the_mechanism():
    forms, past = roles._inflect("organize", {})
    assert {"organize", "organizes", "organized", "organizing", "organised", "organising"} <= set(forms)
    assert set(past) == {"organized", "organised"}
    forms, past = roles._inflect("co-host", {})
    assert "co-hosted" in forms and past == ["co-hosted"]
    forms, past = roles._inflect("take", {"take": ["take", "takes", "took", "taken", "taking"]})
    assert set(past) == {"took", "taken"}


@pytest.mark.parametrize("text, role", [
    ("The forum was co-convened by the Alpha Office and the Beta Agency.", "organizer"),
    ("The Alpha Office co-hosts the forum with the Beta Agency.", "organizer"),
    ("The forum was co-chaired by the Alpha Office and the Beta Agency.", "attendee"),
])
def test_a_verb_done_jointly_is_read_as_the_verb(text, role):
    # (the trigger file lists each verb once: its "co-" form is the mechanism's)
    found = [(a, b, frame) for a, b, frame in roles.find_triggers(text, roles.load()) if text[a:b].startswith("co-")]
    assert found and found[0][2].role == role


def test_adverbs_and_articles_are_optional_inside_a_phrase():
    t = roles.load()
    for text in ("organized jointly by the ABC", "delivered a presentation", "delivered an opening presentation",
                 "took the floor", "had a bilateral meeting with"):
        assert roles.find_triggers(text, t), text


def test_the_phrases_of_a_frame_share_the_parts_they_open_with():
    phrases = [("for", " ", "the ", "officers"), ("for", " ", "the ", "staff"), ("for", " ", "hosting"), ("for",)]
    tree = roles._tree_of(phrases)
    assert tree == "(?:for(?: (?:the (?:officers|staff)|hosting)|))"
    plain = re.compile("|".join(sorted(("".join(p) for p in phrases), key=len, reverse=True)))
    for text in ("for the officers of", "for the staff", "for hosting", "for the guests", "forum", "the officers"):
        m, n = re.compile(tree).match(text), plain.match(text)
        assert (m and m.group()) == (n and n.group()), text
    # a modifier that may take a word takes it before the phrases after it are tried
    t = roles.load()
    text = "Ada Quill delivered the keynote address"
    assert any(text[a:b] == "delivered the keynote address" for a, b, _ in roles.find_triggers(text, t))


def test_bodies_are_read_from_the_trigger_file():
    assert roles.is_body("Northern Ports Council") and roles.is_body("Working Group")
    assert not roles.is_body("Alpha Trade Organization")


# -- organizations the roles depend on -------------------------------------------------------------

@pytest.mark.parametrize("text, name", [
    ("The Government of Japan funded the 2nd Workshop on Ports.", "Government of Japan"),
    ("The Sectoral Council on Trade, Industry and Finance met in Arusha.", "Sectoral Council on Trade, Industry and Finance"),
    ("The Alpha Programme Office in Kenya hosted the 1st Seminar on Ports.", "Alpha Programme Office in Kenya"),
    ("The Royal Freedonia Police Force hosted the 1st Seminar on Ports.", "Royal Freedonia Police Force"),
    ("The Freedonia Border Management Staff College hosted the 1st Seminar on Ports.",
     "Freedonia Border Management Staff College"),
    ("The 12th Session of the Sub-Committee of Heads of Customs was held in Lima.",
     "Sub-Committee of Heads of Customs"),
    ("The United Kingdom (UK) Border Force hosted the 1st Seminar on Ports.", "United Kingdom Border Force"),
    ("Ada Quill, of the Alpha Union's Delegation in Chile, spoke at the 1st Seminar on Ports.",
     "Alpha Union's Delegation in Chile"),
    ("The ABC Delegation to Nigeria and ECOWAS funded the 1st Seminar on Ports.", "ABC Delegation to Nigeria and ECOWAS"),
    ("The Alpha Trade Organization Secretary General, Ada Quill, opened the 1st Seminar on Ports.",
     "Alpha Trade Organization"),
    ("Freedonia Customs Service Director General Bo Rand opened the 1st Seminar on Ports.", "Freedonia Customs Service"),
    ("The Risk and Enforcement Sub-Directorate attended the 1st Seminar on Ports.", "Risk and Enforcement Sub-Directorate"),
    ("The head of the Alpha Office in Lima Ambassador Bo Rand attended the 1st Seminar on Ports.", "Alpha Office in Lima"),
    ("The Beta Council of Alphaland Office in Kenya hosted the 1st Seminar on Ports.", "Beta Council of Alphaland Office in Kenya"),
    ("The Governing Body of the Alpha Trade Organization opened its 9th session.",
     "Governing Body of the Alpha Trade Organization"),
    ("The Freedonia Road Safety Observatory hosted the 1st Seminar on Ports.", "Freedonia Road Safety Observatory"),
    ("An expert of Coral Bay Digital Ltd. spoke at the 1st Seminar on Ports.", "Coral Bay Digital Ltd."),
    ("Northgate Logistics Park LLC and Tern Pay Asia Inc. attended the 1st Seminar on Ports.", "Tern Pay Asia Inc."),
    ("Freedonia Freight Services Limited attended the 1st Seminar on Ports.", "Freedonia Freight Services Limited"),
    ("Pacific Gate Terminals S.A. attended the 1st Seminar on Ports.", "Pacific Gate Terminals S.A."),
    ("The Sylvania Confederation of Importers hosted the 1st Seminar on Ports.", "Sylvania Confederation of Importers"),
    ("The U.S. Chamber of Ports hosted the 1st Seminar on Ports.", "U.S. Chamber of Ports"),
    ("Officials of the U.K. Office of Port Security attended the 1st Seminar on Ports.", "U.K. Office of Port Security"),
    ("The Freedonia Agency against Trafficking in Persons attended the 1st Seminar on Ports.",
     "Freedonia Agency against Trafficking in Persons"),
    ("The Secretariat of the Convention on Trade in Rare Orchids attended the 1st Seminar on Ports.",
     "Secretariat of the Convention on Trade in Rare Orchids"),
    ("The Ministry of Trade in Kenya hosted the 1st Seminar on Ports.", "Ministry of Trade"),
    ("Officers of Nanning Customs attended the 1st Seminar on Ports.", "Nanning Customs"),
    # (bodies the gazetteer knows by a name without a head word)
    ("Officials of Global Affairs Canada attended the 1st Seminar on Ports.", "Global Affairs Canada"),
    ("The Tax Justice Network Africa (TJNA) attended the 1st Seminar on Ports.", "Tax Justice Network Africa"),
])
def test_organization_names(text, name):
    assert name in nodes(f"A title\n\n5 May 2020\n\n{text}\n", "organization")


@pytest.mark.parametrize("text, name", [
    ("The Minister welcomed a delegation of the Ministry of Foreign Affairs of Sylvania for the Fifth "
     "Freedonia-Sylvania Joint Commission on Trade.", "Ministry of Foreign Affairs of Sylvania"),
    ("The Chiefs of the Freedonia Police Service for the 3rd Regional Police Games met in Lima.",
     "Freedonia Police Service"),
])
def test_an_ordinal_opens_an_event_name_not_a_part_of_the_organization_before_it(text, name):
    found = nodes(f"A title\n\n5 May 2020\n\n{text}\n", "organization")
    assert name in found and not any(n.startswith(name + " ") for n in found), found


@pytest.mark.parametrize("text, name, not_name", [
    # (the gazetteer knows "Capacity Building Committee" as another name of one body: inside a longer
    # name it is that longer name's words)
    ("The Freedonia Capacity Building Committee held its 5th meeting in Lima.", "Freedonia Capacity Building Committee",
     "WCO Capacity Building Committee"),
    ("The Capacity Building Committee held its 5th meeting in Brussels.", "WCO Capacity Building Committee", None),
])
def test_a_known_name_at_the_end_of_a_longer_name_is_not_its_own_organization(text, name, not_name):
    found = nodes(f"A title\n\n5 May 2020\n\n{text}\n", "organization")
    assert name in found and not_name not in found


def test_a_forum_for_the_holders_of_a_rank_is_a_gathering_not_a_body():
    text = "A title\n\n5 May 2020\n\nThe 3rd Forum for Heads of Port Authorities was held in Lima.\n"
    assert not any("Forum" in name for name in nodes(text, "organization"))


@pytest.mark.parametrize("text, names, not_names", [
    ("The Alpha Trade Organization and Beta Ports Council met in Arusha.",
     {"Alpha Trade Organization", "Beta Ports Council"}, {"Alpha Trade Organization and Beta Ports Council"}),
    ("The Ruritania Customs and Excise Department met in Arusha.", {"Ruritania Customs and Excise Department"}, set()),
    ("The 1st Seminar on Ports was held at the Alpha Regional Office for Ports in Lima.",
     {"Alpha Regional Office for Ports"}, {"Alpha Regional Office for Ports in Lima"}),
    ("Department of Finance\nRepublic of the Philippines\n\nThe Ministry of Trade of Portugal met.",
     {"Department of Finance"}, {"Department of Finance\nRepublic of the Philippines"}),
    ("The forum met with the participation of the Ministry of Justice, ATO and Alphapol. The Alpha Trade "
     "Organization (ATO) and the Ministry of Trade, Industry and Finance spoke.",
     {"Ministry of Justice", "Ministry of Trade, Industry and Finance"}, {"Ministry of Justice, ATO and Alphapol"}),
], ids=["two-names", "field-head-goes-on", "where-an-office-with-a-complement-met", "a-name-ends-with-its-line",
        "fields-not-acronyms"])
def test_and_after_a_head_word_parts_two_names(text, names, not_names):
    found = set(nodes(f"A title\n\n5 May 2020\n\n{text}\n", "organization"))
    assert names <= found and not (not_names & found), found


def test_a_country_delegation_is_no_organization():
    found = nodes("A title\n\n5 May 2020\n\nThe Chilean Delegation attended the 1st Seminar on Ports.\n", "organization")
    assert not any("Delegation" in n for n in found), found


def test_a_day_is_never_part_of_a_name():
    found = nodes("A title\n\n5 May 2020\n\nThe Ruritania Revenue Authority on Monday opened the 1st Forum on Ports.\n",
                  "organization")
    assert "Ruritania Revenue Authority" in found and not any("Monday" in n for n in found)


def test_a_long_one_word_name_in_other_capitals_is_the_same_organization():
    for written in ("Interpol", "INTERPOL"):
        found = nodes(f"A title\n\n5 May 2020\n\n{written} attended the 2nd Forum on Port Security.\n", "organization")
        assert "International Criminal Police Organization" in found, written
    assert not nodes("A title\n\n5 May 2020\n\nWho attended the 2nd Forum on Port Security?\n", "organization")


def test_a_body_is_known_by_its_head_before_a_complement():
    assert roles.is_body("Council of Ministers of Freedonia") and roles.is_body("Committee on Port Security")
    assert not roles.is_body("Organization of Ruritanian Ports Councils")


def test_an_acronym_with_a_country_or_a_regional_code_is_a_body_of_its_own():
    text = ("A title\n\n5 May 2020\n\nThe Regional Training Centre (RTC) network met in Suva. RTC Fiji and RTC India "
            "attended the 2nd Meeting of Training Centres, with the Regional Training Centre ECE as RTC ECE.\n")
    found = nodes(text, "organization")
    assert {"RTC Fiji", "RTC India", "RTC ECE"} <= set(found)


@pytest.mark.parametrize("members, one", [(["RTC ECE"], True), (["RTC ECE", "RTC ESA"], False)])
def test_the_bare_name_of_a_kind_of_body_is_the_one_member_the_release_names(members, one):
    """The gazetteer's Regional Training Centre is a kind of body with many members: where the release
    names one member, "the RTC" is that one; where it names two, the RTC stays the kind."""
    text = (f"A title\n\n5 May 2020\n\n{' and '.join(members)} hosted the 2nd Workshop on Port Controls in "
            "Suva. The RTC trained twenty officers.\n")
    found = nodes(text, "organization")
    assert set(members) <= set(found)
    assert ("Regional Training Centre" not in found) == one
    if one:
        assert "RTC" in found["RTC ECE"]


def test_a_member_of_a_kind_of_body_written_with_and_without_a_slash_is_one_body():
    text = ("A title\n\n5 May 2020\n\nThe RTC A/P hosted the 2nd Workshop on Port Controls in Suva on 4 May 2020. "
            "The RTC AP trained twenty officers.\n")
    found = nodes(text, "organization")
    assert set(found) == {"RTC A/P"} and "RTC AP" in found["RTC A/P"]


def test_a_meeting_named_after_a_kind_of_body_is_not_hosted_by_it():
    text = ("A title\n\n5 May 2020\n\nThe 20th RTC Heads Meeting took place in Suva on 4 May 2020. The Alpha "
            "Customs Service hosted the 3rd ABC Regional Meeting in Suva on 5 May 2020.\n")
    hosts = {o for _, o in facts(text).get("organizer", set())}
    assert "Regional Training Centre" not in hosts and "Alpha Customs Service" in hosts


def test_a_gazetteer_name_in_the_plural_makes_it_a_kind_of_body():
    from kg.extract import lexicon
    lex = lexicon.load()
    assert lexicon.is_family(lex, "Regional Training Centre")
    assert not lexicon.is_family(lex, "World Customs Organization")


def test_a_head_that_opens_a_name_after_and_starts_a_second_organization():
    found = nodes("A title\n\n5 May 2020\n\nOfficers of the Ruritania Police Service and Ministry of Trade of Freedonia "
                  "attended the 2nd Seminar on Ports.\n", "organization")
    assert {"Ruritania Police Service", "Ministry of Trade of Freedonia"} <= set(found)


def test_every_rule_of_the_evidence_is_in_the_one_table():
    from kg.extract import extract, rules
    from test_extract import release

    texts = [p.read_text(encoding="utf-8") for p in sorted(CASES.glob("*.txt"))]
    texts.append((ROOT / "seeds" / "000_460ff2c4436acc53.txt").read_text(encoding="utf-8"))
    seen = set()
    for i, text in enumerate(texts):
        ex = extract(release(text, f"r{i}"))
        for f in ex.facts:
            assert f.evidence.rule in rules.RULES, f.evidence.rule
            assert f.evidence.confidence == rules.RULES[f.evidence.rule][0]
            seen.add(f.evidence.rule)
    # the roles of the cases are told by the mechanism that read them
    assert {"role-participation", "role-hosting", "role-invitation", "role-speech", "role-chairing",
            "role-beneficiary", "role-meeting", "role-signing", "role-venue", "role-body"} <= seen


def test_an_instrument_named_after_an_organization_names_the_organization_too():
    found = nodes("A title\n\n5 May 2020\n\nThe seminar covered the WTO Trade Facilitation Agreement.\n", "organization")
    assert "World Trade Organization" in found


def test_a_plural_noun_is_no_inverted_speech_verb():
    """"member states" is no "states" said by the organization before it."""
    text = ("Title of a release\n\n01 January 2025\n\nThe 4th Forum on Ports was held in Lima on 3 May 2021. The "
            "Delta Economic Union has twelve member states.\n")
    _, found = read_events(release(text))
    assert not [r for e in found.events for r in e.roles if r[3] == "role-speech"]


def test_contributing_to_a_goal_is_no_participation():
    """"contributed to the reform" names no event: no participation (but "contributed to the forum" does)."""
    text = ("Title of a release\n\n01 January 2025\n\nThe 4th Forum on Ports was held in Lima on 3 May 2021. The "
            "Delta Economic Union aims to contribute to the reform of border agencies. The "
            "Gamma Police Service contributed to the 4th Forum on Ports.\n")
    _, found = read_events(release(text))
    attendees = {r[1].name for e in found.events for r in e.roles if r[3] == "role-participation"}
    assert attendees == {"Gamma Police Service"}


def test_the_curated_data_is_loaded_once_per_process():
    """Every extraction reads the lexicon: loading it again each time would make extraction many times
    slower (the same object is given back)."""
    from kg.extract import lexicon
    assert lexicon.load() is lexicon.load()
