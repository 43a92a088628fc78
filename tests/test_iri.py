"""Minting IRIs (``kg.iri``) and the ``--base`` option of ``kg build``.

* ``mint`` and ``release_iri`` turn hostile strings (spaces, quotes, angle brackets, newlines, NUL,
  markup, other scripts, emoji, very long names, the empty string, a lone surrogate) into IRIs that
  pyoxigraph's strict parser accepts and that survive an N-Triples round trip through rdflib;
* the same input always gives the same IRI; different release ids never give the same IRI;
* ``check_base`` refuses what cannot prefix an IRI; ``kg build --base`` mints every resource under
  the given base, and a bad base exits 2 without creating a store;
* strings that reach IRIs from a JSON release (an id with a lone surrogate, a ``url`` that is not an
  IRI) never crash the build: it stores only valid IRIs, or refuses the file with exit 2.
"""
from __future__ import annotations

import hashlib
import json
import re
import shutil

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

from kg.iri import DEFAULT_BASE, check_base, mint, release_iri
from kg.store import STORE_GRAPHS

from conftest import SEED_FILE, SEED_ID, describe, run_kg, store_graph_names, store_nquads

HOSTILE = {
    "spaces": "World Customs   Organization",
    "quotes": "the \"Integrity\" 'Programme'",
    "angle-brackets": "<WCO> & <UNODC>",
    "newlines": "first line\nsecond line\r\nthird",
    "tab-and-controls": "a\tb\x07c\x1bd\x7fe",
    "nul": "before\x00after",
    "script-tag": "</script><script>alert(1)</script>",
    "iri-breakers": "{a|b}^`c\\d",
    "percent-and-hash": "100% #1 ?q=a&b=c",
    "chinese": "世界海关组织",
    "russian": "Всемирная таможенная организация",
    "arabic": "منظمة الجمارك العالمية",
    "emoji": "🚢📦 customs 🇺🇳",
    "emoji-only": "🚢📦",
    "bidi-override": "abc\u202edcba",
    "zero-width": "W\u200bC\u200dO",
    "decomposed-accent": "Lome\u0301, Togo",
    "500-char-name": "Organisation " * 38 + "de fin",
    "500-x": "x" * 500,
    "empty": "",
    "blank": "   \n\t",
    "punctuation-only": "!!! ??? ...",
    "dot-segments": "../../etc/passwd",
    "slashes": "a/b//c",
    "lone-surrogate": "bad \ud800 text",
    "single-dot": ".",
    "double-dot": "..",
}
KINDS = ["org", "event", "topic", "place"]


def assert_valid_iri(iri: str) -> None:
    assert isinstance(iri, str) and iri
    node = ox.NamedNode(iri)  # raises ValueError on an invalid IRI
    assert node.value == iri
    assert not any(c in iri for c in ' <>"{}|\\^`'), iri
    assert not any(ord(c) < 0x21 or 0x7f <= ord(c) < 0xa0 for c in iri), iri
    g = Graph()
    g.add((URIRef(iri), URIRef("https://schema.org/name"), Literal("x")))
    data = g.serialize(format="nt", encoding="utf-8")
    back = Graph()
    back.parse(data=data, format="nt")
    assert set(back) == set(g), f"N-Triples round trip changed {iri!r}"
    # and pyoxigraph parses the N-Triples line as well
    triples = list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
    assert [t.subject.value for t in triples] == [iri]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", list(HOSTILE))
def test_iri_mint_hostile_string_gives_valid_iri(name, kind):
    iri = mint(kind, HOSTILE[name])
    assert_valid_iri(iri)
    assert iri.startswith(f"{DEFAULT_BASE}{kind}/")
    assert len(iri) < len(DEFAULT_BASE) + len(kind) + 1 + 100, "slugs are bounded in length"


@pytest.mark.parametrize("name", list(HOSTILE))
def test_iri_release_iri_hostile_string_gives_valid_iri(name):
    iri = release_iri(HOSTILE[name])
    assert_valid_iri(iri)
    assert iri.startswith(f"{DEFAULT_BASE}release/")
    last = iri[len(f"{DEFAULT_BASE}release/"):]
    assert "/" not in last, "a release IRI has no further path segments"
    # "." and ".." are dot segments: <.../release/../evidence> would resolve to <.../id/evidence>
    assert last not in (".", ".."), f"release IRI ends in a dot segment: {iri}"


@pytest.mark.parametrize("name", list(HOSTILE))
def test_iri_same_input_gives_same_iri(name):
    text = HOSTILE[name]
    assert mint("org", text) == mint("org", text)
    assert release_iri(text) == release_iri(text)


@pytest.mark.parametrize("base", ["https://example.org/kg/", "http://example.org/kg#"])
@pytest.mark.parametrize("name", ["spaces", "chinese", "emoji", "500-char-name", "empty"])
def test_iri_mint_under_another_base(name, base):
    assert mint("org", HOSTILE[name], base).startswith(base + "org/")
    assert release_iri(HOSTILE[name], base).startswith(base + "release/")
    assert_valid_iri(mint("org", HOSTILE[name], base))


COLLIDING_LOOKING_IDS = {
    "space-dash-underscore": ["a b", "a-b", "a_b", "a.b", "a--b", "a  b", "a/b", "a\tb", "a\nb", " a b", "a b "],
    "case": ["WCO-2019", "wco-2019"],
    "unicode": ["café", "cafe", "cafe\u0301", "Café", "кафе", "咖啡"],
    "punctuation-only": ["!", "?", "!!", "", " ", "-", "_", "."],
    "long-common-prefix": ["y" * 200 + "1", "y" * 200 + "2", "y" * 200 + " 1", "y" * 200 + " 2"],
    "emoji": ["🚢", "📦", "🚢📦", "📦🚢"],
}


@pytest.mark.parametrize("group", list(COLLIDING_LOOKING_IDS))
def test_iri_different_release_ids_never_collide(group):
    ids = COLLIDING_LOOKING_IDS[group]
    iris = {i: release_iri(i) for i in ids}
    clashes = [(a, b) for a in ids for b in ids if a < b and iris[a] == iris[b]]
    assert not clashes, f"release ids sharing an IRI: {clashes}"


def test_iri_release_iri_hashed_form_cannot_be_claimed_by_another_id():
    # "a b" is not IRI-safe, so its IRI ends in a hashed form of it; a release whose id is literally
    # that hashed form (or the hashed form with "-" for "~") must still get an IRI of its own
    hashed = release_iri("a b").rsplit("/", 1)[1]
    assert hashlib.sha1("a b".encode("utf-8")).hexdigest()[:8] in hashed
    for claim in (hashed, hashed.replace("~", "-")):
        assert release_iri(claim) != release_iri("a b")


def test_iri_long_names_with_common_prefix_get_different_iris():
    a, b = "Working Group " * 20 + "on Firearms", "Working Group " * 20 + "on Drugs"
    assert mint("org", a) != mint("org", b)


@pytest.mark.parametrize("base", [
    "https://example.org/kg/", "http://example.org/kg/", "https://example.org/kg#", "https://example.org/",
    "https://例え.jp/kg/",
])
def test_iri_check_base_accepts_good_base(base):
    assert check_base(base) == base


BAD_BASES = {
    "not-an-iri": "notaniri",
    "empty": "",
    "no-trailing-slash": "https://example.org/kg",
    "relative": "/kg/",
    "ftp-scheme": "ftp://example.org/kg/",
    "urn": "urn:example:kg/",
    "space": "https://example.org/my kg/",
    "newline": "https://example.org/kg/\n",
    "angle-bracket": "https://example.org/<kg>/",
    "quote": 'https://example.org/"kg"/',
    "bad-percent-escape": "https://example.org/%zz/",
    "unclosed-ipv6-host": "http://[::1/",
    "hash-then-slash-then-hash": "https://example.org/#a/#",
    "no-host": "https:///",
}


@pytest.mark.parametrize("case", list(BAD_BASES))
def test_iri_check_base_refuses_bad_base(case):
    with pytest.raises(ValueError):
        check_base(BAD_BASES[case])


@pytest.mark.parametrize("case", list(BAD_BASES))
def test_iri_check_base_and_minting_agree(case):
    """A base ``check_base`` accepts must mint IRIs pyoxigraph accepts."""
    base = BAD_BASES[case]
    try:
        check_base(base)
    except ValueError:
        return
    assert_valid_iri(mint("org", "World Customs Organization", base))


def test_iri_kg_build_base_mints_iris_under_it(tmp_path):
    base = "https://example.org/kg/"
    store = tmp_path / "store"
    proc = run_kg("build", SEED_FILE, "--store", store, "--base", base, "--jobs", "1", "--quiet")
    assert proc.returncode == 0, describe(proc)
    names = store_graph_names(store)
    assert release_iri(SEED_ID, base) in names
    assert all(n.startswith(base + "release/") for n in names), names
    # the store's own graphs (the merged data, the layout version) are named outside any base
    quads = [q for q in store_nquads(store) if not q.rsplit(" ", 2)[-2].startswith(f"<{STORE_GRAPHS}")]
    assert quads and not any(DEFAULT_BASE in q for q in quads), "an IRI under the default base was minted"
    minted = {s for q in quads for s in [q.split(" ", 1)[0]] if s.startswith("<")}
    assert all(s.startswith("<" + base) for s in minted), sorted(s for s in minted if not s.startswith("<" + base))
    assert any(s.startswith(f"<{base}org/") for s in minted)
    proc = run_kg("export", "--store", store, "--format", "nquads")
    assert proc.returncode == 0 and base.encode() in proc.stdout


@pytest.mark.parametrize("case", ["not-an-iri", "no-trailing-slash", "ftp-scheme", "space", "bad-percent-escape",
                                  "unclosed-ipv6-host"])
def test_iri_kg_build_bad_base_exits_2(case, tmp_path):
    store = tmp_path / "store"
    proc = run_kg("build", SEED_FILE, "--store", store, "--base", BAD_BASES[case], "--jobs", "1")
    assert proc.returncode == 2, describe(proc)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "base" in proc.stderr.lower(), proc.stderr
    assert not store.exists(), "a refused base still created the store"


def test_iri_kg_build_json_release_id_with_lone_surrogate(tmp_path):
    """A JSON string may escape a lone surrogate ("\\ud800"): the build must not crash on it."""
    f = tmp_path / "surrogate.json"
    text = SEED_FILE.read_text(encoding="utf-8")
    f.write_text(json.dumps({"id": "release \ud800 one", "text": text}), encoding="utf-8")
    proc = run_kg("build", f, "--store", tmp_path / "store", "--jobs", "1", "--quiet")
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode in (0, 1), describe(proc)  # (1: the file is reported as failed, the build goes on)
    if proc.returncode == 1:
        assert f"failed: {f}" in proc.stderr


def test_iri_kg_build_release_ids_that_look_alike_get_separate_graphs(tmp_path):
    d = tmp_path / "releases"
    d.mkdir()
    ids = ["a b", "a-b", "a_b"]
    for i in ids:
        shutil.copy(SEED_FILE, d / f"{i}.txt")
    proc = run_kg("build", d, "--store", tmp_path / "store", "--jobs", "1", "--quiet")
    assert proc.returncode == 0, describe(proc)
    names = store_graph_names(tmp_path / "store")
    data_graphs = [n for n in names if not n.endswith(("/evidence", "/meta", "/quarantine"))]
    assert sorted(data_graphs) == sorted(release_iri(i) for i in ids)
    assert len(set(data_graphs)) == 3


@pytest.mark.parametrize("url", ["not a url", "http://example.org/a b", "http://example.org/<x>", "relative/page.html",
                                 'http://example.org/"q"'],
                         ids=["words", "space-in-path", "angle-brackets", "relative", "quotes"])
def test_iri_kg_build_json_url_that_is_not_an_iri_does_not_crash(url, tmp_path):
    f = tmp_path / "with-url.json"
    f.write_text(json.dumps({"id": "with-url", "url": url, "title": "WCO meets UNODC", "date": "2020-03-07",
                             "text": SEED_FILE.read_text(encoding="utf-8")}), encoding="utf-8")
    store = tmp_path / "store"
    proc = run_kg("build", f, "--store", store, "--jobs", "1", "--quiet")
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode in (0, 1), describe(proc)  # (1: the file is reported as failed, the build goes on)
    if proc.returncode == 1:
        assert f"failed: {f}" in proc.stderr
    else:
        for line in store_nquads(store):
            for iri in re.findall(r"<([^>]*)>", line):
                ox.NamedNode(iri)
