"""Property-based tests of reading and extraction: any text, read from a file, gives either a release
whose graph conforms to the shapes and re-parses (data and evidence), or a clear input error; never
another exception."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st
from rdflib import Graph

from kg.builder import process
from kg.errors import InputError
from kg.read import read_path
from kg.validate import validate_graph

# pieces a release is made of, and pieces that break things, mixed at random
WORDS = st.sampled_from([
    "Freedonia Customs", "the Alpha Trade Organization (ATO)", "ATO", "met", "attended", "hosted by", "the 3rd",
    "session of the", "Working Group on Border Data", "in Lima, Peru,", "from 4 to 6 May 2024", "on 5 June",
    "Mr. Ivo Marsh, Director of", "Ruritania Revenue Authority", "and", ",", ".", ":", ";", "\n", "\n\n", "•",
    "“quoted”", "<script>", "\\", "\"", "'", "&amp;", "\u202e", "\x00", "\x1b", "\ufeff", "😀", "Ⅻ", "İ", "ß",
    "https://example.org/a b", "a@b.c", "(", ")", "[", "]", "{", "}", "#", "%", "0", "2019-13-45", "31/02/2020",
    "Organization", "Council", "Customs", "of", "for", "the", "THE", "WCO", "UNODC", "discussed", "visit",
])
TEXTS = st.lists(st.one_of(WORDS, st.text(max_size=12)), max_size=80).map(" ".join)


def _check(text: str, suffix: str) -> None:
    folder = Path(tempfile.mkdtemp(prefix="kg-prop-"))
    path = folder / f"release{suffix}"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        releases = list(read_path(path))
    except InputError as e:
        assert e.path == str(path) and e.problem  # a clear message naming the file
        return
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    for release in releases:
        graphs = process(release)
        report = validate_graph(graphs.release_iri, graphs.data, graphs.sentences)
        assert report.conforms, report.results[:3]
        again = Graph().parse(data=graphs.data.serialize(format="nt"), format="nt")
        assert len(again) == len(graphs.data)
        evidence = Graph().parse(data="\n".join(graphs.evidence), format="nt")
        assert len(evidence) == len(graphs.evidence)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_any_text_file_gives_a_conforming_graph_or_an_input_error(text):
    _check(text, ".txt")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_any_markdown_or_html_file_gives_a_conforming_graph_or_an_input_error(text):
    _check(text, ".md")
    _check(f"<html><body><h1>{text[:40]}</h1><p>{text}</p></body></html>", ".html")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.one_of(st.none(), st.text(max_size=20), st.integers()))
def test_any_json_release_gives_a_conforming_graph_or_an_input_error(text, rid):
    import json

    _check(json.dumps({"id": rid, "title": text[:60], "text": text}), ".json")
