"""The store module: whole releases in and out, literals of any content, atomic replacement."""
from __future__ import annotations

import pyoxigraph as ox
from rdflib import Literal, URIRef

from kg.rdf import nt_line
from kg.store import open_store, put_releases, quads, release_index, remove_release

R = "https://example.org/id/release/r1"
HOSTILE = 'line one\nline two\r\n"quoted" \\ back\tslash </script> 中文 \U0001F600'


def _graphs(text: str) -> dict[str, list[str]]:
    s = URIRef(R)
    return {"": [nt_line(s, URIRef("https://schema.org/headline"), Literal(text))],
            "/meta": [nt_line(s, URIRef("https://schema.org/identifier"), Literal("r1")),
                      nt_line(s, URIRef("https://w3id.org/release-kg/ontology#contentHash"), Literal("h1")),
                      nt_line(s, URIRef("https://w3id.org/release-kg/ontology#sourcePath"), Literal("r1.txt"))]}


def _write(path, graphs) -> None:
    with open_store(path) as store:
        put_releases(store, [(R, graphs)], existing=set())


def _read(path) -> list[str]:
    with open_store(path, create=False) as store:
        return [q.object.value for q in quads(store, [R])]


def test_store_literals_of_any_content_round_trip_after_reopening(tmp_path):
    _write(tmp_path / "s", _graphs(HOSTILE))  # the store is closed when the function returns
    assert _read(tmp_path / "s") == [HOSTILE]


def test_store_replace_swaps_every_graph_of_a_release(tmp_path):
    with open_store(tmp_path / "s") as store:
        put_releases(store, [(R, _graphs("old"))], existing=set())
        put_releases(store, [(R, {"": _graphs("new")[""]})], existing={R})
        assert [q.object.value for q in quads(store, [R])] == ["new"]
        assert not list(store.quads_for_pattern(None, None, None, ox.NamedNode(R + "/meta")))


def test_store_index_and_remove(tmp_path):
    with open_store(tmp_path / "s") as store:
        put_releases(store, [(R, _graphs("x"))], existing=set())
        assert release_index(store) == {R: ("r1", "h1", "r1.txt", "")}
        remove_release(store, R)
        assert release_index(store) == {} and list(store) == []


def test_build_reports_a_release_whose_processing_fails_and_stores_the_others(tmp_path, monkeypatch):
    # a bug met on one input must not stop the build: the release is reported, the others stored
    import kg.builder
    from synthetic import write_corpus

    write_corpus(tmp_path / "corpus", 3)
    real = kg.builder.process

    def process(release, settings=kg.builder.Settings()):
        if release.id == "r00001":
            raise RuntimeError("boom")
        return real(release, settings)

    monkeypatch.setattr(kg.builder, "process", process)
    rep = kg.builder.build([tmp_path / "corpus"], tmp_path / "s", jobs=1)
    assert (rep.added, rep.failed) == (2, 1)
    assert rep.failures[0]["release"] == "r00001" and "RuntimeError: boom" in rep.failures[0]["error"]
    with open_store(tmp_path / "s", create=False) as store:
        assert sorted(r.rsplit("/", 1)[1] for r in release_index(store)) == ["r00000", "r00002"]
