"""Consistency checks for the curated gazetteer files in ontology/data."""

import json
import re
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "ontology" / "data"

ORG_TYPES = {
    "intergovernmental",
    "un-body",
    "regional-body",
    "national-administration",
    "ngo",
    "company",
    "other",
}
INSTRUMENT_KINDS = {
    "convention",
    "agreement",
    "declaration",
    "resolution",
    "standard",
    "framework",
    "recommendation",
    "guideline",
}
PROGRAMME_KINDS = {
    "programme",
    "project",
    "initiative",
    "tool",
    "platform",
    "operation",
    "database",
}

FILES = {
    "organizations.jsonl": ({"name", "acronym", "aliases", "country", "type"}, "type", ORG_TYPES),
    "instruments.jsonl": ({"name", "acronym", "aliases", "kind"}, "kind", INSTRUMENT_KINDS),
    "programmes.jsonl": ({"name", "acronym", "aliases", "kind"}, "kind", PROGRAMME_KINDS),
}

# Ordinary words and phrases that must never be used as a name or alias,
# because names and aliases are matched (nearly) case-insensitively.
COMMON_WORDS = {
    "administration", "agency", "agreement", "alliance", "annex", "assembly", "association",
    "authority", "bank", "board", "border", "bureau", "centre", "center", "code", "commission",
    "committee", "community", "conference", "convention", "council", "court", "customs",
    "database", "declaration", "department", "development", "directorate", "excise", "forum",
    "framework", "fund", "global", "government", "group", "guidelines", "initiative",
    "international", "members", "ministry", "national", "network", "office", "operation",
    "organisation", "organization", "parliament", "partnership", "platform", "police",
    "programme", "program", "project", "protocol", "regional", "resolution", "revenue",
    "secretariat", "service", "standard", "system", "tool", "trade", "traffic", "treaty",
    "union", "world", "customs administration", "customs service", "the commission",
    "the council", "the secretariat", "member states", "trade facilitation",
}

ISO_ALPHA2 = re.compile(r"^[A-Z]{2}$")


def _load(filename):
    path = DATA / filename
    rows = []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            assert line.strip(), f"{filename}:{lineno}: blank line"
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:  # pragma: no cover - reported by assert
                pytest.fail(f"{filename}:{lineno}: invalid JSON: {exc}")
            assert isinstance(obj, dict), f"{filename}:{lineno}: not an object"
            rows.append((lineno, obj))
    return rows


@pytest.fixture(scope="module")
def gazetteers():
    return {name: _load(name) for name in FILES}


def _forms(obj):
    forms = [obj["name"]]
    if obj["acronym"]:
        forms.append(obj["acronym"])
    forms.extend(obj["aliases"])
    return forms


@pytest.mark.parametrize("filename", sorted(FILES))
def test_file_exists_and_not_empty(filename):
    path = DATA / filename
    assert path.is_file()
    assert path.read_text(encoding="utf-8").endswith("\n")
    assert _load(filename)


@pytest.mark.parametrize("filename", sorted(FILES))
def test_required_keys_and_value_types(gazetteers, filename):
    keys, cat_key, allowed = FILES[filename]
    for lineno, obj in gazetteers[filename]:
        where = f"{filename}:{lineno}"
        assert set(obj) == keys, f"{where}: keys {sorted(obj)}"
        assert isinstance(obj["name"], str) and obj["name"].strip() == obj["name"] and obj["name"], where
        assert obj["acronym"] is None or (
            isinstance(obj["acronym"], str) and obj["acronym"].strip() == obj["acronym"] and obj["acronym"]
        ), where
        assert isinstance(obj["aliases"], list), where
        for alias in obj["aliases"]:
            assert isinstance(alias, str) and alias and alias.strip() == alias, f"{where}: {alias!r}"
        assert obj[cat_key] in allowed, f"{where}: {cat_key}={obj[cat_key]!r}"


def test_organization_countries(gazetteers):
    for lineno, obj in gazetteers["organizations.jsonl"]:
        where = f"organizations.jsonl:{lineno} {obj['name']}"
        if obj["type"] == "national-administration":
            assert isinstance(obj["country"], str) and ISO_ALPHA2.match(obj["country"]), where
        else:
            assert obj["country"] is None, where


@pytest.mark.parametrize("filename", sorted(FILES))
def test_sorted_by_name(gazetteers, filename):
    names = [obj["name"] for _, obj in gazetteers[filename]]
    assert names == sorted(names, key=str.casefold)


@pytest.mark.parametrize("filename", sorted(FILES))
def test_no_leading_article(gazetteers, filename):
    for lineno, obj in gazetteers[filename]:
        for form in _forms(obj):
            assert not form.lower().startswith("the "), f"{filename}:{lineno}: {form!r}"


@pytest.mark.parametrize("filename", sorted(FILES))
def test_no_duplicates_within_entry(gazetteers, filename):
    for lineno, obj in gazetteers[filename]:
        # case variants are allowed (acronyms match case-sensitively, e.g. INTERPOL/Interpol)
        forms = _forms(obj)
        assert len(forms) == len(set(forms)), f"{filename}:{lineno}: {forms}"


def test_surface_forms_unique_across_files(gazetteers):
    owner = {}
    clashes = []
    for filename, rows in gazetteers.items():
        for lineno, obj in rows:
            for form in _forms(obj):
                key = form.casefold()
                here = f"{filename}:{lineno} ({obj['name']})"
                if key in owner and owner[key] != here:
                    clashes.append(f"{form!r}: {owner[key]} vs {here}")
                else:
                    owner[key] = here
    assert not clashes, "\n".join(clashes)


def test_no_common_word_names_or_aliases(gazetteers):
    bad = []
    for filename, rows in gazetteers.items():
        for lineno, obj in rows:
            for form in [obj["name"], *obj["aliases"]]:
                if form.casefold() in COMMON_WORDS:
                    bad.append(f"{filename}:{lineno}: {form!r}")
    assert not bad, "\n".join(bad)


def test_aliases_not_too_short(gazetteers):
    for filename, rows in gazetteers.items():
        for lineno, obj in rows:
            for alias in obj["aliases"]:
                assert len(alias) >= 3, f"{filename}:{lineno}: {alias!r}"


def test_acronyms_contain_a_capital(gazetteers):
    # acronyms are matched case-sensitively; an all-lowercase one would be a word
    for filename, rows in gazetteers.items():
        for lineno, obj in rows:
            acr = obj["acronym"]
            if acr is not None:
                assert any(c.isupper() for c in acr), f"{filename}:{lineno}: {acr!r}"
