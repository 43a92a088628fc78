"""Hostile inputs: odd scripts, control and format characters, markup and quotes inside names, odd
ids and urls, broken files and very large or degenerate texts.

What is checked for each: the reader either yields releases or raises ``InputError`` (never another
exception); a release goes through extract, resolve and RDF without an exception; its data graph
conforms to the shapes; its evidence re-parses as N-Triples and every evidence span is the text it
points at; what the store holds comes back unchanged through a TriG export parsed by rdflib. The
large inputs (marked slow) must finish within a generous time bound, far above what they take today,
so that only a catastrophic (quadratic or worse) regression makes them fail.

Every input is generated here, in the test's temporary folder.
"""
from __future__ import annotations

import json
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, Dataset, Graph, Literal, Namespace, URIRef

import kg.builder
from kg.builder import process, read_inputs
from kg.errors import InputError
from kg.exporter import rdf_bytes
from kg.iri import release_iri
from kg.model import Release
from kg.rdf import rule_iri
from kg.read import layout, read_path
from kg.store import open_store
from kg.validate import validate_graph

from conftest import SEED_FILE, describe, evidence_nodes, run_kg, span_and_sentence

RKG = Namespace("https://w3id.org/release-kg/ontology#")
SDO = Namespace("https://schema.org/")

EVENT = ("The World Customs Organization (WCO) participated in the 3rd meeting of the Working Group on "
         "Firearms, held in Vienna, Austria, from 4 to 6 March 2020.")

# names that carry markup, quotes, backslashes and escapes of several syntaxes
HOSTILE = (
    'The </script> Organization (SCR) met. The "Quoted" Organization ("QO") met. '
    "The Back\\slash Organization (BSO) met. The \"\"\" Triple Organization (TTO) met. "
    "The <b>Bold</b> Organization (BBO) met. The A>B<C Organization (ABC) met. "
    "The O'Neil Organization (ONO) and Mr. O'Neil Smith, Director General of the </script> Organization, "
    "met in Vienna. The World\nCustoms Organization (WCO) met. The Foo\\\"Bar Organization met. "
    "The Ministry of \\u0041 Affairs met. The Ministry of ${x} {{y}} Affairs met. The Ministry of `rm` Affairs met. "
    'Contact "evil"@x.org or a\\b@c.org. The 3rd meeting of the </script> Organization discussed '
    '"the </script><script>alert(1)</script> matter". '
    "\u201cThe \\\\ topic with backslash \\ and quote \" inside\u201d. "
    "The topic \"ends with a backslash \\\" was discussed. A name with ''' and \"\"\" and >>> <<< &amp; &#x41;."
)


def release(text: str, rid: str = "hostile") -> Release:
    title, dateline, body = layout(text)
    return Release(rid, f"{rid}.txt", text, title, dateline, None, None, None, body)


def evidence_graph(lines: list[str]) -> Graph:
    return Graph().parse(data="\n".join(lines), format="nt")


def assert_sound(r: Release):
    """``r`` goes through the pipeline; its graph conforms and its evidence points into its text."""
    g = process(r)
    report = validate_graph(g.release_iri, g.data, g.sentences)
    assert report.conforms, [(x.focus, x.path, x.message) for x in report.results if x.severity == "Violation"]
    data = Graph().parse(data=g.data.serialize(format="nt"), format="nt")
    assert len(data) == len(g.data)
    ev = evidence_graph(g.evidence)
    nodes = evidence_nodes(ev)
    assert nodes
    for node in nodes:
        a, b = int(ev.value(node, RKG.startOffset)), int(ev.value(node, RKG.endOffset))
        assert 0 <= a <= b <= len(r.text), (a, b, len(r.text))
        assert span_and_sentence(ev, node)[0] == r.text[a:b]
        assert (ev.value(node, RDF.subject), ev.value(node, RDF.predicate), ev.value(node, RDF.object)) in g.data \
            or ev.value(node, RDF.predicate) == SDO.name
    return g


def attendees(g) -> set[str]:
    out = set()
    for _, _, org in g.data.triples((None, SDO.attendee, None)):
        out.update(str(n) for n in g.data.objects(org, SDO.name))
    return out


# ----------------------------------------------------------------------------- scripts and characters

TEXTS = {
    "arabic-rtl": "\u0627\u0644\u0645\u0646\u0638\u0645\u0629 \u0627\u0644\u0639\u0627\u0644\u0645\u064a\u0629 "
                  "\u0644\u0644\u062c\u0645\u0627\u0631\u0643\n\n07 June 2019\n\n"
                  + "\u0634\u0627\u0631\u0643\u062a \u0627\u0644\u0645\u0646\u0638\u0645\u0629 \u0641\u064a "
                    "\u0641\u064a\u064a\u0646\u0627. " * 50 + EVENT,
    "bidi-controls": "\u202eWCO title\u202c\n\n07 June 2019\n\n"
                     + "The \u200fWorld Customs Organization\u200f met in \u200fVienna\u200f. " * 20 + EVENT,
    "combining-marks": "A title about customs\n\n07 June 2019\n\n"
                       + "W\u0301\u0302\u0303C\u0304O Organization of the Wo\u0308rld (WCO). " * 20
                       + "\u0301" * 500 + " " + EVENT,
    "zero-width": "A title\u200d about customs\n\n07 June 2019\n\n"
                  + "World\u200dCustoms\u200d Organization\u200b (W\u200dCO) met \u2060Vienna. " * 20 + EVENT,
    "emoji": "\U0001F6C3 Customs news \U0001F1E6\U0001F1F9\n\n07 June 2019\n\n"
             + "\U0001F469\u200d\U0001F469\u200d\U0001F467 The \U0001F1E6\U0001F1F9 World Customs Organization "
               "\U0001F6C3 (WCO) met in Vienna \U0001F3DB\ufe0f. " * 20 + EVENT,
    "chinese": "\u4e16\u754c\u6d77\u5173\u7ec4\u7ec7\u53c2\u52a0\u4f1a\u8bae\n\n2019\u5e746\u67087\u65e5\n\n"
               + "\u4e16\u754c\u6d77\u5173\u7ec4\u7ec7\uff08WCO\uff09\u5728\u7ef4\u4e5f\u7eb3\u53c2\u52a0\u4e86"
                 "\u4f1a\u8bae\u3002" * 50 + EVENT,
    "russian": "\u0412\u0422\u0430\u043c\u041e \u043f\u0440\u0438\u043d\u0438\u043c\u0430\u0435\u0442 "
               "\u0443\u0447\u0430\u0441\u0442\u0438\u0435\n\n07 \u0438\u044e\u043d\u044f 2019\n\n"
               + "\u0412\u0441\u0435\u043c\u0438\u0440\u043d\u0430\u044f \u0442\u0430\u043c\u043e\u0436\u0435"
                 "\u043d\u043d\u0430\u044f \u043e\u0440\u0433\u0430\u043d\u0438\u0437\u0430\u0446\u0438\u044f "
                 "(\u0412\u0422\u0430\u043c\u041e) \u0432 \u0412\u0435\u043d\u0435. " * 30 + EVENT,
    "line-separators": "A title about customs\n\n07 June 2019\n\n"
                       + "The WCO met.\u2028The UNODC attended.\u2029Mr. John Smith spoke.\x85Next\x0bline. " * 20
                       + EVENT,
    "c0-c1-controls": "A title about customs\n\n07 June 2019\n\n"
                      + "".join(chr(c) for c in [*range(1, 9), 11, 12, *range(14, 32), 127, *range(0x80, 0xA0)]) * 5
                      + " The World\x0bCustoms\x0cOrganization (W\x1fCO) met in Vie\x7fnna. " + EVENT,
    "bom-and-nonchars": "A title about customs\n\n07 June 2019\n\n"
                        + "The \ufeffWCO met\ufeff in Vienna. \uffff\ufffe\ufdd0 \U0010fffe " * 20 + EVENT,
    "dotted-capital-i": "A title about customs\n\n07 June 2019\n\n\u0130STANBUL \u0130zmir \u0130 " * 10 + EVENT,
    "ligatures-and-sharp-s": "A title about customs\n\n07 June 2019\n\n\ufb01 \ufb02 \u1e9e Stra\u00dfe \u01c5 " * 20
                             + EVENT,
    "hostile-names": "A </script> title with \"quotes\" and \\ backslashes\n\n07 June 2019\n\n" + HOSTILE + " " + EVENT,
    "markup-only-title": "<script>alert(1)</script>\n\n07 June 2019\n\n" + EVENT,
}


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_hostile_text_goes_through_the_pipeline(name):
    r = release(TEXTS[name])
    g = assert_sound(r)
    assert "World Customs Organization" in attendees(g)


def test_hostile_names_are_kept_verbatim_in_the_evidence():
    r = release("A title\n\n07 June 2019\n\n" + HOSTILE + " " + EVENT)
    g = assert_sound(r)
    ev = evidence_graph(g.evidence)
    spans = {span_and_sentence(ev, n)[0] for n in evidence_nodes(ev)}
    # the organizations whose names hold markup or a backslash are read, and their spans kept as written
    assert any("</script>" in s for s in spans)
    assert any("\\" in s for s in spans)


@pytest.mark.parametrize("tail", ["", "\n", (" Later the two bodies exchanged views about supply chain security and "
                                           "other matters of mutual interest in a long sentence.")])
def test_meeting_told_by_its_verb_between_names_holding_on(tail):
    """A meeting told by "met" gets a made-up label ("meeting of X and Y"); an "on" inside a name there
    must not be read as a topic at offsets of the label (past the end of the text, or mid-word)."""
    text = "News\n\nThe Working Group on Firearms and the World Customs Organization met." + tail
    g = assert_sound(release(text))
    ev = evidence_graph(g.evidence)
    for node in ev.subjects(RKG.rule, URIRef(rule_iri("topic-trigger"))):
        a = int(ev.value(node, RKG.startOffset))
        assert a == 0 or not text[a - 1].isalnum(), text[a - 10:a + 30]


# ----------------------------------------------------------------------------- files, ids and urls


def _write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def test_newline_mixes_and_byte_order_marks(tmp_path):
    body = "The WCO met in Vienna.\r\n\rThe UNODC came.\r" * 5 + EVENT
    files = [
        _write(tmp_path / "crlf.txt", "Title\r\n\r07 June 2019\r\r\n" + body),
        _write(tmp_path / "bom8.txt", b"\xef\xbb\xbf" + ("Title\n\n07 June 2019\n\n" + body).encode()),
        _write(tmp_path / "bom16.txt", "\ufeffTitle\r\n\r\n07 June 2019\r\n\r\n".encode("utf-16-le") + body.encode("utf-16-le")),
        _write(tmp_path / "bom16be.md", ("\ufeff# Title\r\n\r\n07 June 2019\r\n\r\n" + body).encode("utf-16-be")),
    ]
    for f in files:
        (r,) = read_path(f)
        assert "\r" not in r.text and "\ufeff" not in r.text[:1]
        assert r.headline == "Title"
        assert r.text[r.dateline[0]:r.dateline[1]] == "07 June 2019"
        assert "World Customs Organization" in attendees(assert_sound(r))


AWKWARD_IDS = ["a/b/../../etc/passwd", "..", ".", "a b c", "../x", "\u00e9", "e\u0301", "<script>", "x~1",
               "#frag", "?q=1", "%2e%2e", "a" * 5000, "\U0001F600", '"quoted" \\back\\slash', "same!", "same?",
               "\u202eevil", 12345, 123456789012345678901234567890]


def test_awkward_ids_give_distinct_valid_release_iris(tmp_path):
    f = _write(tmp_path / "ids.json", json.dumps([{"id": i, "text": EVENT} for i in AWKWARD_IDS]))
    releases = list(read_path(f))
    assert [r.id for r in releases] == [str(i) for i in AWKWARD_IDS]
    iris = set()
    for r in releases:
        g = process(r)
        ox.NamedNode(g.release_iri)
        assert "/../" not in g.release_iri and not g.release_iri.endswith(("/..", "/."))
        assert Literal(r.id) in set(g.data.objects(URIRef(g.release_iri), SDO.identifier))
        iris.add(g.release_iri)
    assert len(iris) == len(AWKWARD_IDS)


def test_url_fields_of_other_schemes_or_invalid_never_become_iris(tmp_path):
    bad = ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "file:///etc/passwd",
           "http://exa mple.org/<x>", 'https://example.org/"><script>', "https://", "http://[::1",
           "https://example.org/a\\b", "https://example.org/{x}|^`", "vbscript:msgbox(1)", "//example.org/x"]
    items = [{"id": f"u{i}", "url": u, "text": EVENT} for i, u in enumerate(bad)]
    items.append({"id": "good", "url": "https://example.org/news/1", "text": EVENT})
    for r in read_path(_write(tmp_path / "urls.json", json.dumps(items))):
        g = process(r)
        urls = [str(o) for o in g.data.objects(URIRef(g.release_iri), SDO.url)]
        assert urls == (["https://example.org/news/1"] if r.id == "good" else []), (r.url, urls)


def test_duplicate_ids_across_two_files_are_an_input_error(tmp_path):
    _write(tmp_path / "one.json", json.dumps([{"id": "same", "text": EVENT}]))
    _write(tmp_path / "two.jsonl", json.dumps({"id": "same", "text": EVENT + " Again."}) + "\n")
    with pytest.raises(InputError) as e:
        read_inputs([tmp_path])
    assert "same" in str(e.value) and "one.json" in str(e.value) and "two.jsonl" in str(e.value)
    # a number id and the same digits as a string are one id too
    _write(tmp_path / "two.jsonl", json.dumps({"id": 7, "text": EVENT}) + "\n")
    _write(tmp_path / "three.json", json.dumps({"id": "7", "text": EVENT}))
    with pytest.raises(InputError):
        read_inputs([tmp_path / "two.jsonl", tmp_path / "three.json"])


BAD_FILES = {
    "deep-list.json": "[" * 100_000 + "]" * 100_000,
    "deep-object.json": '{"a":' * 100_000 + "1" + "}" * 100_000,
    "deep-field.json": '{"id": "d", "text": "x y", "extra": ' + "[" * 50_000 + "]" * 50_000 + "}",
    "deep-line.jsonl": json.dumps({"id": "ok", "text": EVENT}) + "\n" + "[" * 100_000 + "]" * 100_000 + "\n",
    "surrogate-text.json": '[{"id": "s", "text": "A title\\n\\n\\ud800 lone surrogate"}]',
    "surrogate-title.json": '[{"id": "s", "title": "\\udfff", "text": "some text here"}]',
    "surrogate-id.json": '[{"id": "\\ud83d", "text": "some text here"}]',
    "nul-title.json": '[{"id": "n", "title": "a\\u0000b", "text": "some text here"}]',
    "nul-text.txt": "Title\n\nbody \x00 here",
    "newline-id.json": '[{"id": "a\\nb", "text": "some text here"}]',
    "float-id.json": '[{"id": 1e400, "text": "some text here"}]',
    "nan-id.json": '[{"id": NaN, "text": "some text here"}]',
    "list-text.json": '[{"id": "l", "text": ["a"]}]',
    "array-line.jsonl": json.dumps([{"id": "arr", "text": EVENT}]) + "\n",
    "trailing-garbage.json": json.dumps({"id": "t", "text": EVENT}) + " garbage",
    "empty.html": "",
    "blank.html": "   \n\t  ",
    "comment-only.html": "<!-- only a comment -->",
    "script-only.html": "<html><head><script>var x = '<p>hello</p>';</script><style>p{}</style></head>"
                        "<body><script>alert(1)</script></body></html>",
    "style-only.html": "<style>" + "p{color:red}" * 1000 + "</style>",
    "image-only.html": "<html><body><img src=x alt='The WCO met in Vienna'></body></html>",
    "unicode-blank.txt": "\u3000\u2003\u00a0\u2028\u2029\u0085",
    "latin1.txt": "Caf\xe9".encode("latin-1"),
    "utf32.txt": "\ufeffTitle".encode("utf-32"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_files_are_input_errors(tmp_path, name):
    path = _write(tmp_path / name, BAD_FILES[name])
    with pytest.raises(InputError) as e:
        list(read_path(path))
    assert str(path) in str(e.value)


HTML_PAGES = {
    "entities.html": "<html><head><title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;T&quot;</title></head><body>"
                     "<h1>&lt;/script&gt; &#0; &#xD800; &#x110000; &#65535; &nbsp;&shy;&zwj;</h1>"
                     + "<p>&amp;&lt;&gt;&quot;&#39;&#x1F600;&#8232;&#8233;&#12; &#x0B; &#x7f; &#128; " + EVENT + "</p>" * 1
                     + "<p>&#xD83D;&#xDE00; &#0; &#99999999999; more text.</p>" * 200 + "</body></html>",
    "malformed.html": "<html><body><h1>Title<p>unclosed <b>bold <i>italic</b> </i><table><tr><td>cell<div></table></p>"
                      "<p>" + EVENT + "</p><<<>>>&&&<p <a href=\"</p>\n<p attr='x>" + "</html></body>" * 3,
    "charset-lie.html": "<html><head><meta charset='iso-8859-1'><meta http-equiv='Content-Type' "
                        "content='text/html; charset=shift_jis'><title>Caf\u00e9 Z\u00fcrich \u4e16\u754c</title></head>"
                        "<body><h1>Caf\u00e9 Z\u00fcrich \u4e16\u754c</h1><p>" + EVENT + "</p></body></html>",
    "xml-declaration.html": "<?xml version='1.0' encoding='iso-8859-1'?><html><body><h1>XML declaration</h1><p>"
                            + EVENT + "</p></body></html>",
    "javascript-links.html": "<html><head><link rel='canonical' href='javascript:alert(1)'>"
                             "<meta property='og:url' content='data:text/html,<script>alert(1)</script>'>"
                             "<meta property='og:site_name' content='</script><script>alert(1)</script>'>"
                             "<base href='javascript:alert(1)//'><title>T</title></head><body><h1>T</h1><p>"
                             + EVENT + "</p></body></html>",
    "entity-expansion.html": "<!DOCTYPE html [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>"
                             "<!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'><!ENTITY d '&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;'>]>"
                             "<html><body><h1>T</h1><p>&d;&d;&d;&d;</p><p>" + EVENT + "</p></body></html>",
    "external-entity.html": "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
                            "<html><body><h1>T &x;</h1><p>" + EVENT + "</p></body></html>",
}


@pytest.mark.parametrize("name", sorted(HTML_PAGES))
def test_hostile_html_pages_are_read_and_go_through_the_pipeline(tmp_path, name):
    (r,) = read_path(_write(tmp_path / name, HTML_PAGES[name]))
    assert "World Customs Organization (WCO) participated" in r.text
    assert "root:" not in r.text  # no external entity was loaded
    assert len(r.text) < 100_000  # no entity was expanded
    assert r.url is None  # neither javascript: nor data: is a page address
    assert "World Customs Organization" in attendees(assert_sound(r))


@pytest.mark.parametrize("depth", [300, 1_500])
def test_deeply_nested_html_is_read_whole(tmp_path, depth):
    """Past 255 nested elements the HTML parser drops content unless told to read deep trees."""
    page = "<html><head><title>Deep</title></head><body>" + "<div>" * depth + "<p>" + EVENT + "</p>" \
        + "</div>" * depth + "</body></html>"
    (r,) = read_path(_write(tmp_path / "deep.html", page))
    assert EVENT in r.text
    assert_sound(r)


@pytest.mark.parametrize("depth", [3_000, 100_000])
def test_html_nested_deeper_than_the_parser_reads_is_refused_not_read_in_part(tmp_path, depth):
    page = "<html><head><title>Deep</title></head><body><p>A first paragraph.</p>" + "<div>" * depth + "<p>" \
        + EVENT + "</p>" + "</div>" * depth + "</body></html>"
    path = _write(tmp_path / "deep.html", page)
    with pytest.raises(InputError, match="nested too deeply") as e:
        list(read_path(path))
    assert str(path) in str(e.value)


# ----------------------------------------------------------------------------- store and export


def _hostile_corpus(folder: Path) -> dict[str, str]:
    """Files whose fields and names hold markup, quotes, backslashes and line breaks; the verbatim
    identifier and headline literals the graph must hold, by release id."""
    folder.mkdir()
    title = '</script><script>alert("x")</script> \\ """ \'\'\' <b>&amp;</b> \\u0041 ${x}'
    rid = '"q" \\b\\ <id> """'
    (folder / "fields.json").write_text(json.dumps([{
        "id": rid, "title": title, "publisher": '</script> "P" \\', "url": "javascript:alert(1)",
        "date": "2019-06-07", "text": HOSTILE + " " + EVENT}]), encoding="utf-8")
    (folder / "names.txt").write_text("A </script> title \\ \"q\"\n\n07 June 2019\n\n" + HOSTILE + " " + EVENT,
                                      encoding="utf-8")
    (folder / "scripts.md").write_text("# </script> *Title* #\n\n07 June 2019\n\n" + TEXTS["line-separators"],
                                       encoding="utf-8")
    (folder / "controls.txt").write_text(TEXTS["c0-c1-controls"], encoding="utf-8")
    return {rid: title, "names": 'A </script> title \\ "q"', "scripts": "</script> *Title*"}


def _texts_by_iri(folder: Path) -> dict[str, str]:
    return {URIRef(release_iri(r.id)): r.text for r in read_inputs([folder])}


def test_hostile_releases_survive_the_store_and_a_trig_export(tmp_path):
    expected = _hostile_corpus(tmp_path / "in")
    rep = kg.builder.build([tmp_path / "in"], tmp_path / "store", jobs=1)
    assert (rep.read, rep.added, rep.quarantined, rep.failed) == (4, 4, 0, 0), rep.as_dict()
    with open_store(tmp_path / "store", create=False) as store:
        trig = rdf_bytes(store, "trig", "evidence")
        nquads = rdf_bytes(store, "nquads", "evidence")
    ds = Dataset(default_union=True)
    ds.parse(data=trig.decode("utf-8"), format="trig")
    quads = {(s, p, o, g) for s, p, o, g in ds.quads()}
    assert len(quads) == len(list(ox.parse(nquads, format=ox.RdfFormat.N_QUADS)))
    # identifiers and headlines come back exactly as they were read
    found = {str(o): str(h) for s, _, o, _ in ds.quads((None, SDO.identifier, None, None))
             if isinstance(o, Literal) for h in ds.objects(s, SDO.headline)}
    for rid, headline in expected.items():
        assert found.get(rid) == headline, (rid, found.get(rid))
    # every evidence span is the text it points at, whatever characters the text holds
    texts = _texts_by_iri(tmp_path / "in")
    spans = 0
    for node, _, _, graph in ds.quads((None, RDF.subject, None, None)):
        rel = URIRef(str(getattr(graph, "identifier", graph)).removesuffix("/evidence"))  # (<release>/evidence)
        a, b = int(ds.value(node, RKG.startOffset)), int(ds.value(node, RKG.endOffset))
        assert span_and_sentence(ds, node)[0] == texts[rel][a:b]
        spans += 1
    assert spans > 100
    # a javascript: url is no schema:url
    assert not list(ds.quads((None, SDO.url, None, None)))


def test_cli_export_of_hostile_releases_reparses(tmp_path):
    _hostile_corpus(tmp_path / "in")
    store = tmp_path / "store"
    proc = run_kg("build", tmp_path / "in", "--store", store, "--jobs", "1", "--quiet")
    assert proc.returncode == 0, describe(proc)
    for fmt, rdflib_format, ox_format in (("trig", "trig", ox.RdfFormat.TRIG), ("nquads", "nquads", ox.RdfFormat.N_QUADS),
                                          ("jsonld", "json-ld", ox.RdfFormat.JSON_LD)):
        proc = run_kg("export", "--store", store, "--format", fmt, "--graphs", "evidence")
        assert proc.returncode == 0, describe(proc)
        ds = Dataset(default_union=True)
        ds.parse(data=proc.stdout.decode("utf-8"), format=rdflib_format)
        assert len(list(ds.quads())) == len(list(ox.parse(proc.stdout, format=ox_format)))
        assert any("</script>" in str(o) for o in ds.objects(None, SDO.name))
    # the triple formats too: RDF/XML cannot carry C0 controls, and the reader leaves none to carry
    for fmt, rdflib_format, ox_format in (("turtle", "turtle", ox.RdfFormat.TURTLE), ("xml", "xml", ox.RdfFormat.RDF_XML)):
        proc = run_kg("export", "--store", store, "--format", fmt, "--graphs", "evidence")
        assert proc.returncode == 0, describe(proc)
        g = Graph()
        g.parse(data=proc.stdout.decode("utf-8"), format=rdflib_format)
        assert len(g) == len(list(ox.parse(proc.stdout, format=ox_format))) > 100
        assert any("Vie nna" in str(o) for o in g.objects(None, RKG.text)), "the controls' release is in the export"


# kg's format -> raptor's parser, for every format raptor reads (JSON-LD it does not)
RAPPER_FORMATS = {"trig": "trig", "nquads": "nquads", "ntriples": "ntriples", "turtle": "turtle", "xml": "rdfxml"}


@pytest.mark.parametrize("fmt", sorted(RAPPER_FORMATS))
def test_exports_of_hostile_releases_reparse_with_raptor(tmp_path, fmt):
    """A second, independent parser (raptor's ``rapper``, Debian raptor2-utils) reads every export of
    the hostile releases, with the same number of statements as pyoxigraph."""
    import shutil
    import subprocess

    rapper = shutil.which("rapper")
    if rapper is None:
        pytest.fail("rapper is not installed (Debian package raptor2-utils; .ci/run installs it)")
    _hostile_corpus(tmp_path / "in")
    store = tmp_path / "store"
    assert run_kg("build", tmp_path / "in", "--store", store, "--jobs", "1", "--quiet").returncode == 0
    out = tmp_path / f"export.{fmt}"
    proc = run_kg("export", "--store", store, "--format", fmt, "--graphs", "evidence", "-o", out)
    assert proc.returncode == 0, describe(proc)
    parsed = subprocess.run([rapper, "-q", "-i", RAPPER_FORMATS[fmt], "-o", "ntriples", "-I", "http://base.invalid/",
                             str(out)], capture_output=True, timeout=120)
    assert parsed.returncode == 0, parsed.stderr.decode("utf-8", "replace")[-2000:]
    statements = parsed.stdout.count(b"\n")
    ox_format = {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS, "ntriples": ox.RdfFormat.N_TRIPLES,
                 "turtle": ox.RdfFormat.TURTLE, "xml": ox.RdfFormat.RDF_XML}[fmt]
    assert statements == len(list(ox.parse(out.read_bytes(), format=ox_format))) > 100


def test_reader_blanks_control_characters_one_for_one(tmp_path):
    text = TEXTS["c0-c1-controls"]
    (tmp_path / "c.txt").write_text(text, encoding="utf-8")
    (tmp_path / "j.json").write_text(json.dumps({"id": "j", "title": "A\x01title", "text": text}), encoding="utf-8")
    for path in (tmp_path / "c.txt", tmp_path / "j.json"):
        (r,) = read_path(path)
        assert not any(ord(c) < 32 and c not in "\t\n" or 127 <= ord(c) < 160 for c in r.text), path
    (r,) = read_path(tmp_path / "c.txt")
    controls = {chr(c) for c in [*range(1, 9), 11, 12, *range(14, 32), *range(127, 160)]}
    breaks = set("\x0b\x0c\x1c\x1d\x1e\x85")
    assert r.text == "".join("\n" if c in breaks else " " if c in controls else c for c in text)
    assert "The World\nCustoms\nOrganization (W CO) met in Vie nna." in r.text
    (j,) = read_path(tmp_path / "j.json")
    assert j.text.startswith("A title\n\n")


def test_right_to_left_overrides_are_blanked_so_names_read_as_written(tmp_path):
    spoof = "Spoofed names\n\n01 January 2025\n\nThe \u202eFreedonia Customs Service\u202c and the \u2067Ruritania Police\u2069 met.\n"
    (r,) = read_path(_write(tmp_path / "s.txt", spoof))
    assert not any(0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069 for c in r.text)
    assert len(r.text) == len(spoof)  # one for one: evidence offsets hold
    labels = {str(o) for _, _, o in process(r).data if isinstance(o, Literal)}
    assert "Freedonia Customs Service" in labels
    assert not any("\u202e" in x or "\u2067" in x for x in labels)


# ----------------------------------------------------------------------------- size and degenerate texts

HEAD = "A title about customs\n\n07 June 2019\n\n"
SENTENCES = [
    EVENT,
    ("Mr. Kunio Mikuriya, Secretary General of the World Customs Organization, met with the Director General "
     "of Japan Customs, Mr. Taro Yamada, in Tokyo on 3 June 2019."),
    ("The workshop, organized by the Regional Training Centre (RTC) in Bangkok, Thailand, discussed risk "
     "management, advance cargo information and the protection of supply chains."),
    ("Topics debated during the session also included: performance of the mechanism; the set of non-binding "
     "recommendations; and a panel session on challenges."),
    ("The Kenya Revenue Authority hosted the 3rd meeting of the Working Group on Firearms in Nairobi from 4 to 6 "
     "March 2020."),
    "For more information, contact info@example.org or the WCO Secretariat.",
]


def prose(size: int) -> str:
    """Realistic release prose of ``size`` characters: the sentences above, in paragraphs."""
    out, n, i = [HEAD], len(HEAD), 0
    while n < size:
        s = SENTENCES[i % len(SENTENCES)] + (" " if i % 4 else "\n\n")
        out.append(s)
        n += len(s)
        i += 1
    return "".join(out)[:size]


def seed_prose(size: int) -> str:
    """The seed release's body repeated up to ``size`` characters."""
    body = SEED_FILE.read_text(encoding="utf-8").split("\n", 4)[4]
    text = HEAD
    while len(text) < size:
        text += body + "\n\n"
    return text[:size]


NATO = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India", "Juliett", "Kilo",
        "Lima", "Mike", "November", "Oscar", "Papa", "Quebec", "Romeo", "Sierra", "Tango", "Uniform", "Victor",
        "Whiskey", "Xray", "Yankee", "Zulu"]

DEGENERATE = {
    "one 500 KB word": lambda: HEAD + "x" * 500_000,
    "one 500 KB word of capitals and signs": lambda: HEAD + "Aa1.-/&" * 70_000,
    "100k commas": lambda: HEAD + "," * 100_000,
    "50k opening parentheses": lambda: HEAD + "(" * 50_000,
    "20k nested parentheses": lambda: HEAD + "(" * 20_000 + "ABC" + ")" * 20_000,
    "100k quotes": lambda: HEAD + '"' * 100_000,
    "100k full stops": lambda: HEAD + ". " * 100_000,
    "200k line breaks": lambda: HEAD + "\n" * 200_000 + "end",
    "200k tabs": lambda: HEAD + "\t" * 200_000 + "WCO",
    "200k combining marks": lambda: HEAD + "\u0301" * 200_000,
    "hyphen chain": lambda: HEAD + "A-" * 100_000,
    "dotted capitals": lambda: HEAD + "A." * 100_000,
    "digits then a month": lambda: HEAD + " ".join(str(i) for i in range(1, 30_000)) + " May",
    "month words": lambda: HEAD + "May " * 50_000,
    "dashes between days": lambda: HEAD + "1 - " * 30_000 + "May 2019",
    "ordinals": lambda: HEAD + " ".join(f"{i}th" for i in range(50_000)),
    "of the chain": lambda: HEAD + "Organization " + "of the " * 30_000 + "End.",
    "capitalised words": lambda: HEAD + " ".join(f"Word{i % 7}" for i in range(40_000)),
    "500 KB title line": lambda: "T" * 500_000,
    "one 200 KB sentence": lambda: HEAD + ("The World Customs Organization (WCO) participated in the 3rd meeting in "
                                           "Vienna, Austria, from 27 to 29 May 2019; Mr. John Smith, Director "
                                           "General of the Kenya Revenue Authority, attended; ") * 1_000,
    "acronym in 100 KB parentheses": lambda: HEAD + "(" + "A" * 100_000 + ")",
    "100 KB e-mail address": lambda: HEAD + "a" * 100_000 + "@" + "b." * 50_000 + "org",
    "20k date ranges": lambda: HEAD + " ".join(f"{i % 28 + 1} to {i % 28 + 1} May" for i in range(20_000)) + " 2019",
    "emoji sentences": lambda: HEAD + TEXTS["emoji"].split("\n\n", 2)[2] * 100,
    "200 KB realistic prose": lambda: prose(200_000),
    "one 200 KB word of two scripts": lambda: HEAD + "Ж" * 200_000 + "WCO",
    "50k lines of other news": lambda: HEAD + "See also\n" * 50_000,
    "20k delegations told again in one sentence": lambda: HEAD + "The Alpha Trade Organization delegation came, "
                                                                + "and the delegation attended the forum " * 20_000 + ".",
    "40k menu lines before the first paragraph": lambda: HEAD + "Home | News | Media\n" * 40_000 + prose(2_000),
    "5k acronym definitions": lambda: HEAD + " ".join(
        f"The {a} {b} {c} Council ({a[0]}{b[0]}{c[0]}C) met." for a in NATO for b in NATO for c in NATO[:8]),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(DEGENERATE))
def test_degenerate_text_finishes_in_bounded_time(name):
    text = DEGENERATE[name]()
    r = release(text)
    t0 = time.perf_counter()
    g = process(r)
    took = time.perf_counter() - t0
    assert took < 30, f"{name}: {len(text)} characters took {took:.1f} s"
    report = validate_graph(g.release_iri, g.data, g.sentences)
    assert report.conforms
    # the sentence of an evidence node is its span and a bounded context, even when the text has no
    # sentence boundary (else the evidence graph grows with the square of the text)
    ev = evidence_graph(g.evidence)
    for node in evidence_nodes(ev):
        if str(ev.value(node, RKG.rule)) != rule_iri("reader"):
            span, sentence = span_and_sentence(ev, node)
            assert span in sentence
            assert len(sentence) <= len(span) + 10_000


@pytest.mark.slow
def test_one_megabyte_release_builds_in_bounded_time(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "big.txt").write_text(seed_prose(1_000_000), encoding="utf-8")
    t0 = time.perf_counter()
    proc = run_kg("build", tmp_path / "in", "--store", tmp_path / "store", "--jobs", "1", "--quiet")
    took = time.perf_counter() - t0
    assert proc.returncode == 0, describe(proc)
    assert took < 60, f"a 1 MB release took {took:.1f} s to build"
    proc = run_kg("export", "--store", tmp_path / "store", "--format", "trig")
    assert proc.returncode == 0, describe(proc)
    ds = Dataset()
    ds.parse(data=proc.stdout.decode("utf-8"), format="trig")
    assert len(list(ds.quads())) > 50


@pytest.mark.slow
def test_one_megabyte_of_seed_prose_extracts_in_bounded_time():
    r = release(seed_prose(1_000_000))
    t0 = time.perf_counter()
    g = process(r)
    took = time.perf_counter() - t0
    assert took < 30, f"1 MB took {took:.1f} s"
    assert "World Customs Organization" in attendees(g)


def test_broken_ipv6_page_address_is_no_url(tmp_path):
    from kg.read import read_path

    p = tmp_path / "page.html"
    p.write_text('<html><head><title>WCO meets UNODC</title><link rel="canonical" href="https://[::1"></head>'
                 "<body><article><p>The World Customs Organization met the United Nations Office on Drugs and "
                 "Crime in Vienna on 3 May 2021 to discuss container control.</p></article></body></html>",
                 encoding="utf-8")
    (r,) = read_path(p)
    assert r.url is None


def test_json_integer_beyond_conversion_limit_is_an_input_error(tmp_path):
    from kg.errors import InputError
    from kg.read import read_path

    p = tmp_path / "big.json"
    p.write_text('{"id": ' + "9" * 5000 + ', "text": "The WCO met."}', encoding="utf-8")
    with pytest.raises(InputError, match="big.json"):
        list(read_path(p))


def test_dotted_capital_i_keeps_case_insensitive_triggers():
    from kg.extract import extract
    from kg.read import layout
    from kg.model import Release

    text = ("Title\n\n07 June 2019\n\nAt the invitation of the United Nations Office on Drugs and Crime (UNODC), "
            "the World Customs Organization (WCO) participated in the 3rd meeting of the Working Group on "
            "Firearms in İstanbul.\n")
    t, d, b = layout(text)
    ex = extract(Release("i", "i.txt", text, t, d, None, None, None, b))
    assert any(f.predicate == "invitedBy" for f in ex.facts)


def test_graphml_export_drops_characters_xml_forbids(tmp_path):
    import networkx as nx

    from kg.builder import build
    from kg.network import export_network

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "c.txt").write_text(
        "Title\n\n07 June 2019\n\nThe World\x0bCustoms Organization (WCO) participated in the 2nd meeting of "
        "the Policy\x0cCommission held in Brussels, Belgium.\n", encoding="utf-8")
    build([tmp_path / "in"], tmp_path / "s", jobs=1)
    (path,) = export_network(tmp_path / "s", "graphml", tmp_path / "g.graphml")
    assert nx.read_graphml(path).number_of_nodes() > 0


def test_a_text_over_the_size_budget_fails_and_the_build_goes_on(tmp_path):
    import kg.extract

    big = _write(tmp_path / "in" / "big.txt", "A long release\n\n01 January 2025\n\n"
                 + "Freedonia Customs met.\n" * (kg.extract.MAX_CHARS // 20))
    _write(tmp_path / "in" / "small.txt", "A short release\n\n01 January 2025\n\nFreedonia Customs met.\n")
    r = run_kg("build", str(tmp_path / "in"), "--store", str(tmp_path / "store"), "-j", "1")
    assert r.returncode == 1
    assert f"failed: {big}: a text of " in r.stderr and "the most read is 1,000,000" in r.stderr
    out = r.stdout.decode() + r.stderr
    assert "1 added" in out and "1 failed" in out


def test_a_release_over_the_time_budget_is_an_input_error():
    import kg.extract

    with pytest.raises(InputError, match=r"extraction took over -1 s \(stopped after places\)"):
        kg.extract.extract(release("A release\n\n01 January 2025\n\nFreedonia Customs met.\n"), max_seconds=-1)


def test_a_fact_stated_many_times_keeps_a_few_evidence_spans():
    from kg.extract import extract
    from kg.model import MAX_EVIDENCE

    ex = extract(release("A release\n\n01 January 2025\n\n" + "The Freedonia Customs Service met.\n" * 500))
    assert len(ex.facts) < 20
    assert max(sum(1 for f in ex.facts if (f.subject, f.predicate, f.object) == key)
               for key in {(f.subject, f.predicate, f.object) for f in ex.facts}) == MAX_EVIDENCE
    assert all(len(n.evidence) <= MAX_EVIDENCE for n in ex.nodes.values())


def test_one_file_name_in_two_folders_loses_no_release(tmp_path):
    page = "<html><head><title>{t}</title></head><body><h1>{t}</h1><p>01 January 2025</p><p>{b}</p></body></html>"
    a = _write(tmp_path / "a" / "index.html", page.format(t="Freedonia Customs meets", b="Freedonia Customs met."))
    b = _write(tmp_path / "b" / "index.html", page.format(t="Ruritania Police meets", b="The Ruritania Police met."))
    store = tmp_path / "store"
    # one build: the first in input order is stored, the other is reported, and the build goes on
    r = run_kg("build", tmp_path / "a", tmp_path / "b", "--store", store, "-j", "1")
    assert r.returncode == 1, describe(r)
    assert f"failed: {b}: release id 'index' is also the id of {a}" in r.stderr
    # a later build of the other folder does not replace the stored release while its file is there
    r = run_kg("build", tmp_path / "b", "--store", store, "-j", "1")
    assert r.returncode == 1, describe(r)
    assert f"is stored from {a}, which is still there: not replaced" in r.stderr
    from kg.store import release_index

    with open_store(store, create=False) as s:
        sources = [v[2] for v in release_index(s).values()]
    del s  # (the store closes with its last reference)
    assert sources == [str(a)]
    # once the first file is gone (moved, deleted), the other one takes the id
    a.unlink()
    r = run_kg("build", tmp_path / "b", "--store", store, "-j", "1")
    assert r.returncode == 0, describe(r)


SERVICE_SHAPES = """@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix schema: <https://schema.org/> .
[] a sh:NodeShape ; sh:targetClass schema:Organization ;
  sh:sparql [ sh:select \"\"\"SELECT $this WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?a ?b ?c } }\"\"\" ] .
"""


@pytest.mark.parametrize("option, content, problem", [
    ("--shapes", "fifo", "not a regular file"),
    ("--curation", "fifo", "not a regular file"),
    ("--curation", "/dev/zero", "not a regular file"),
    ("--shapes", SERVICE_SHAPES, "SERVICE is not allowed"),
    ("--curation", '{"same_as": {"Freedonia Customs": 7}}', '"same_as" must map names to names'),
    ("--curation", '{"aliases": {"Freedonia Customs": "FC"}}', '"aliases" must map names to lists'),
    ("--curation", '{"not_organizations": "Member States"}', '"not_organizations" must be a list'),
    ("--curation", "[" * 100_000, "not valid JSON"),
    ("--curation", "unreadable", "permission denied"),
    ("--shapes", "unreadable", "permission denied"),
], ids=["fifo-shapes", "fifo-curation", "device-curation", "service-in-shapes", "same-as-number", "aliases-string",
        "never-string", "deep-json", "unreadable-curation", "unreadable-shapes"])
def test_bad_shapes_or_curation_files_are_a_message_never_a_hang(option, content, problem, tmp_path):
    import os

    if content == "fifo":
        path = tmp_path / "named.pipe"
        os.mkfifo(path)
    elif content.startswith("/dev/"):
        path = Path(content)
    elif content == "unreadable":  # (kg runs obeying file permissions, even as root)
        path = _write(tmp_path / ("shapes.ttl" if option == "--shapes" else "curation.json"), "{}")
        path.chmod(0)
    else:
        path = _write(tmp_path / ("shapes.ttl" if option == "--shapes" else "curation.json"), content)
    r = run_kg("build", SEED_FILE, "--store", tmp_path / "store", option, path, "-j", "1", timeout=60,
               obey_permissions=content == "unreadable")
    assert r.returncode == 2, describe(r)
    assert str(path) in r.stderr and problem in r.stderr, r.stderr
    assert "Traceback" not in r.stderr
    assert not (tmp_path / "store").exists()


def test_control_characters_in_a_file_name_stay_out_of_exports_and_the_terminal(tmp_path):
    name = "ctrl\x01\x1b[31m-name.txt"
    _write(tmp_path / "in" / name, "A release\n\n01 January 2025\n\nThe Freedonia Customs Service met.\n")
    _write(tmp_path / "in" / "empty\x07.txt", "")
    r = run_kg("build", tmp_path / "in", "--store", tmp_path / "store", "-j", "1")
    assert r.returncode == 1, describe(r)  # (the empty file is reported)
    assert "\x07" not in r.stderr and "\x1b" not in r.stderr and "empty\\x07.txt" in r.stderr
    for fmt, rdflib_format in (("xml", "xml"), ("trig", "trig")):
        data = run_kg("export", "--store", tmp_path / "store", "--graphs", "all", "--format", fmt).stdout
        ds = Dataset()
        ds.parse(data=data, format=rdflib_format)  # re-reads, RDF/XML included
        assert b"\x01" not in data and b"\x1b" not in data
    # rebuilt, the release is unchanged (its stored source is its name, escaped)
    r = run_kg("build", tmp_path / "in", "--store", tmp_path / "store", "-j", "1")
    assert "1 unchanged" in r.stderr, describe(r)


# ----------------------------------------------------------------------------- files in a folder


def test_a_200_megabyte_file_fails_and_the_build_goes_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "seed.txt").write_bytes(SEED_FILE.read_bytes())
    with open(folder / "huge.txt", "wb") as f:  # (sparse: 200 MB on paper, nothing on disk)
        f.truncate(200_000_000)
    proc = run_kg("build", folder, "--store", tmp_path / "store", "-j", "1")
    assert proc.returncode == 1, describe(proc)
    assert f"failed: {folder / 'huge.txt'}: file too large" in proc.stderr and "1 added" in proc.stderr, proc.stderr


def test_a_file_that_vanishes_during_the_build_fails_and_the_build_goes_on(tmp_path):
    from synthetic import write_corpus

    files = sorted(write_corpus(tmp_path / "in", 3 * kg.builder.BATCH))
    last = files[-1]

    def progress(done: int, total) -> None:  # (the files are read as the build goes: the last is not yet)
        if done and last.exists():
            last.unlink()

    rep = kg.builder.build([tmp_path / "in"], tmp_path / "store", jobs=1, progress=progress)
    assert not last.exists()
    assert (rep.added, rep.failed) == (len(files) - 1, 1), rep.as_dict()
    assert rep.failures[0]["source"] == str(last) and "no such file" in rep.failures[0]["error"]


def test_a_path_with_spaces_and_non_ascii_letters(tmp_path):
    folder = tmp_path / "press releases" / "été 2019 — Ωmega"
    folder.mkdir(parents=True)
    target = folder / "réunion à Genève.txt"
    target.write_bytes(SEED_FILE.read_bytes())
    proc = run_kg("build", tmp_path / "press releases", "--store", tmp_path / "my store", "-j", "1")
    assert proc.returncode == 0 and "1 added" in proc.stderr, describe(proc)
    rows = run_kg("query", "--store", tmp_path / "my store", "releases", "--format", "csv").stdout.decode("utf-8")
    assert "réunion à Genève" in rows, rows


def test_a_file_of_one_million_lines_fails_by_its_size_and_the_build_goes_on(tmp_path):
    """One million short lines (9 MB, under the file limit): the text is over the extraction's size
    budget, reported with its length, in bounded time and memory; the other release is stored."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "seed.txt").write_bytes(SEED_FILE.read_bytes())
    (folder / "lines.txt").write_text("ABC met.\n" * 1_000_000, encoding="utf-8")
    t0 = time.monotonic()
    proc = run_kg("build", folder, "--store", tmp_path / "store", "-j", "1", "--report", tmp_path / "r.json")
    assert proc.returncode == 1, describe(proc)
    assert f"failed: {folder / 'lines.txt'}: a text of" in proc.stderr and "1 added" in proc.stderr, proc.stderr
    assert time.monotonic() - t0 < 120
