"""`kg serve`: a real uvicorn server in its own process, asked by real clients (rdflib's SPARQL
protocol client and httpx)."""
from __future__ import annotations

import os
import socket
import subprocess
import threading
import time
from pathlib import Path

import httpx
import pytest
from rdflib import Graph
from rdflib.plugins.stores.sparqlstore import SPARQLStore

from kg.builder import build
from conftest import kg_executable
from synthetic import write_corpus

SELECT = "SELECT ?n WHERE { ?o a schema:Organization ; schema:name ?n } ORDER BY ?n"
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, store: Path, **env: str):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen([kg_executable(), "serve", "--store", str(store), "--port", str(self.port)],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, **env})
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url + "/health", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.1)
        self.stop()
        raise AssertionError("kg serve did not answer /health")

    def stop(self) -> str:
        self.proc.terminate()
        out, err = self.proc.communicate(timeout=20)
        return out.decode() + err.decode()


@pytest.fixture(scope="module")
def server(seed_store):
    s = Server(seed_store, KG_TIMEOUT="2")
    yield s
    s.stop()


def test_a_sparql_client_asks_the_endpoint(server):
    g = Graph(store=SPARQLStore(server.url + "/sparql", returnFormat="json"))
    names = [str(r.n) for r in g.query("PREFIX schema: <https://schema.org/> " + SELECT)]
    assert "World Customs Organization" in names
    built = g.query("PREFIX schema: <https://schema.org/> CONSTRUCT { ?o schema:name ?n } WHERE { ?o schema:name ?n }")
    assert "World Customs Organization" in {str(o) for o in built.graph.objects()}


@pytest.mark.parametrize("return_format", ["json", "xml", "csv", "tsv"])
def test_sparqlwrapper_select_and_ask_in_every_format(server, return_format):
    from SPARQLWrapper import SPARQLWrapper

    client = SPARQLWrapper(server.url + "/sparql")
    client.setReturnFormat(return_format)
    client.setQuery("PREFIX schema: <https://schema.org/> " + SELECT)
    raw = client.query().convert()
    text = raw if isinstance(raw, (str, bytes)) else (raw.toxml() if hasattr(raw, "toxml") else str(raw))
    text = text.decode() if isinstance(text, bytes) else text
    assert "World Customs Organization" in text
    if return_format in ("json", "xml"):
        client.setQuery("ASK { ?s a <https://schema.org/Event> }")
        ask = client.query().convert()
        assert ask["boolean"] is True if return_format == "json" else "<boolean>true</boolean>" in ask.toxml()


@pytest.mark.parametrize("return_format, rdflib_format", [("turtle", "turtle"), ("n3", "turtle"), ("xml", "xml"),
                                                           ("json-ld", "json-ld")])
def test_sparqlwrapper_construct_in_every_format(server, return_format, rdflib_format):
    from SPARQLWrapper import SPARQLWrapper

    client = SPARQLWrapper(server.url + "/sparql")
    client.setReturnFormat(return_format)
    client.setQuery("CONSTRUCT { ?o <https://schema.org/name> ?n } WHERE { ?o a <https://schema.org/Organization> ; "
                    "<https://schema.org/name> ?n }")
    result = client.query()
    body = result.response.read()
    g = Graph().parse(data=body, format=rdflib_format)
    assert "World Customs Organization" in {str(o) for o in g.objects()}


def test_no_connection_and_no_file_for_service_load_from(server, tmp_path):
    """A local server stands where SERVICE would go: it must never be called."""
    import http.server

    hits = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()
        do_POST = do_GET

        def log_message(self, *args):
            pass
    trap = http.server.HTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=trap.serve_forever, daemon=True).start()
    secret = tmp_path / "secret.nt"
    secret.write_text('<http://example.org/s> <http://example.org/p> "private" .\n')
    try:
        target = f"http://127.0.0.1:{trap.server_port}/sparql"
        for query in (f"SELECT * WHERE {{ ?s ?p ?o FILTER(1<2) SERVICE <{target}> {{ ?s ?p ?o }} FILTER(2>1) }}",
                      f"SELECT ?o FROM <{secret.as_uri()}> WHERE {{ ?s ?p ?o }}"):
            r = httpx.get(server.url + "/sparql", params={"query": query})
            assert r.status_code == 400 and "not allowed" in r.text and "private" not in r.text
        r = httpx.post(server.url + "/sparql", content=f"LOAD <{target}>", headers={"Content-Type": "application/sparql-update"})
        assert r.status_code == 403
        r = httpx.post(server.url + "/sparql", content=f"LOAD <{target}>", headers={"Content-Type": "application/sparql-query"})
        assert r.status_code == 400
        assert hits == []
    finally:
        trap.shutdown()


def test_parameters_cannot_change_a_named_query(server):
    plain = httpx.get(server.url + "/queries/participations", params={"org": "WCO"}).json()["results"]["bindings"]
    for attack in ("WCO\" } UNION { ?event ?kind ?role } #", "x' . ?s ?p ?o . '", "WCO> } ; DROP ALL ; <"):
        r = httpx.get(server.url + "/queries/participations", params={"org": attack})
        assert r.status_code == 200 and r.json()["results"]["bindings"] == [], attack
    assert plain


@pytest.mark.parametrize("accept, media, marker", [
    ("application/sparql-results+json", "application/sparql-results+json", b'"bindings"'),
    ("application/sparql-results+xml", "application/sparql-results+xml", b"<sparql"),
    ("text/csv;q=0.9, text/tab-separated-values;q=0.5", "text/csv", b"n\r\n"),
    ("text/tab-separated-values", "text/tab-separated-values", b"?n"),
    ("*/*", "application/sparql-results+json", b'"bindings"'),
])
def test_answers_follow_the_accept_header(server, accept, media, marker):
    r = httpx.get(server.url + "/sparql", params={"query": SELECT}, headers={"Accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(media) and marker in r.content, r.text


def test_post_forms_and_query_bodies(server):
    r = httpx.post(server.url + "/sparql", data={"query": "ASK { ?s a schema:Event }"})
    assert r.status_code == 200 and r.json()["boolean"] is True
    r = httpx.post(server.url + "/sparql", content="DESCRIBE <https://w3id.org/release-kg/id/org/world-customs-organization>",
                   headers={"Content-Type": "application/sparql-query", "Accept": "application/n-triples"})
    assert r.status_code == 200 and "World Customs Organization" in r.text


@pytest.mark.parametrize("request_kind, status", [
    ("parse-error", 400), ("service", 400), ("from", 400), ("update-post", 403), ("update-form", 403),
    ("html", 406), ("dataset", 400), ("dataset-outside", 400),
])
def test_protocol_errors(server, request_kind, status):
    url = server.url + "/sparql"
    if request_kind == "parse-error":
        r = httpx.get(url, params={"query": "SELECT ?s\nWHERE {\n ?s ?p\n}"})
        assert "line 3" in r.text
    elif request_kind == "service":
        r = httpx.get(url, params={"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"})
    elif request_kind == "from":
        r = httpx.get(url, params={"query": "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }"})
    elif request_kind == "update-post":
        r = httpx.post(url, content="DROP ALL", headers={"Content-Type": "application/sparql-update"})
    elif request_kind == "update-form":
        r = httpx.post(url, data={"update": "DROP ALL"})
    elif request_kind == "html":
        r = httpx.get(url, params={"query": SELECT}, headers={"Accept": "text/html"})
    elif request_kind == "dataset":
        r = httpx.get(url, params={"query": SELECT, "default-graph-uri": "http://example.org/not-a-graph"})
        assert "is not a graph of this store" in r.text
    else:
        r = httpx.get(url, params={"query": SELECT, "named-graph-uri": "file:///etc/passwd"})
    assert r.status_code == status, r.text


def test_the_protocol_dataset_chooses_graphs_of_the_store(server, seed_store):
    from kg.iri import release_iri
    from conftest import SEED_ID

    SEED_IRI = release_iri(SEED_ID)
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    merged = httpx.get(server.url + "/sparql", params={"query": q}, headers={"Accept": "text/csv"}).text.split()[1]
    evidence = httpx.get(server.url + "/sparql", params={"query": q, "default-graph-uri": SEED_IRI + "/evidence"},
                         headers={"Accept": "text/csv"}).text.split()[1]
    assert int(evidence) > int(merged) > 0  # (the evidence graph of the seed is larger than its data)
    named = httpx.get(server.url + "/sparql", params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
                                                       "named-graph-uri": SEED_IRI}, headers={"Accept": "text/csv"})
    assert named.text.split()[1:] == [SEED_IRI]


def test_a_heavy_query_is_stopped_and_the_server_answers_others_meanwhile(server):
    result = {}

    def heavy():
        result["r"] = httpx.get(server.url + "/sparql", params={"query": CARTESIAN}, timeout=60)
    t = threading.Thread(target=heavy)
    t.start()
    time.sleep(0.5)
    t0 = time.monotonic()
    quick = httpx.get(server.url + "/sparql", params={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": "application/json"})
    assert quick.status_code == 200 and time.monotonic() - t0 < 1
    t.join(60)
    assert result["r"].status_code == 503 and "time limit of 2 s" in result["r"].text
    assert httpx.get(server.url + "/health").status_code == 200


def test_named_queries_and_the_dataset_description(server):
    listed = httpx.get(server.url + "/queries").json()
    assert any(q["name"] == "participations" and "org" in q["params"] for q in listed)
    r = httpx.get(server.url + "/queries/participations", params={"org": "WCO"})
    assert r.status_code == 200 and r.json()["results"]["bindings"]
    assert httpx.get(server.url + "/queries/nope").status_code == 404
    assert httpx.get(server.url + "/queries/participations").status_code == 400  # (its parameter is missing)
    void = Graph().parse(data=httpx.get(server.url + "/.well-known/void").text, format="turtle")
    assert any("void#triples" in str(p) for p in void.predicates())


def test_cors_and_the_access_log(seed_store):
    s = Server(seed_store)
    r = httpx.options(s.url + "/sparql", headers={"Origin": "https://example.org", "Access-Control-Request-Method": "GET"})
    assert r.headers.get("access-control-allow-origin") in ("*", "https://example.org")
    httpx.get(s.url + "/sparql", params={"query": "ASK { ?s ?p ?o }"})
    log = s.stop()
    import re

    assert re.search(r'^127\.0\.0\.1 - - \[\d\d/\w{3}/\d{4}:\d\d:\d\d:\d\d \+0000\] "GET /sparql\?query=\S+ HTTP/1\.1" 200 \d+$',
                     log, re.M), log


@pytest.mark.slow
def test_the_server_answers_during_a_build_and_sees_its_result_after(tmp_path):
    store = tmp_path / "store"
    build([write_corpus(tmp_path / "in", 10)[0].parent], store, jobs=1)
    s = Server(store)
    count = "SELECT (COUNT(?r) AS ?n) WHERE { ?r a schema:NewsArticle }"
    try:
        write_corpus(tmp_path / "in", 300, start=10)
        writer = subprocess.Popen([kg_executable(), "build", str(tmp_path / "in"), "--store", str(store), "-j", "1"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        seen = []
        while writer.poll() is None:
            r = httpx.get(s.url + "/sparql", params={"query": count}, headers={"Accept": "text/csv"})
            assert r.status_code == 200, r.text
            seen.append(int(r.text.split()[1]))
        assert writer.wait() == 0
        assert 10 in seen and set(seen) <= {10, 310}
        r = httpx.get(s.url + "/sparql", params={"query": count}, headers={"Accept": "text/csv"})
        assert int(r.text.split()[1]) == 310  # no restart
    finally:
        s.stop()


def test_the_service_description_and_the_ontology(server):
    sd = Graph().parse(data=httpx.get(server.url + "/sparql").text, format="turtle")
    SD = "http://www.w3.org/ns/sparql-service-description#"
    assert (None, None, None) in sd and any(str(o) == SD + "SPARQL11Query" for o in sd.objects())
    onto = Graph().parse(data=httpx.get(server.url + "/ontology", headers={"Accept": "text/turtle"}).text, format="turtle")
    assert len(onto) > 20
    page = httpx.get(server.url + "/ontology", headers={"Accept": "text/html"})
    assert page.headers["content-type"].startswith("text/html") and "https://w3id.org/release-kg/ontology#" in page.text


def test_minted_iris_dereference_to_a_page_or_rdf(server):
    path = "/id/org/world-customs-organization"
    page = httpx.get(server.url + path, headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "<h1>World Customs Organization</h1>" in page.text and 'class="span"' in page.text  # with its evidence
    assert '<a class="iri" href="/id/event/' in page.text  # links to the pages of related entities
    rdf = httpx.get(server.url + path, headers={"Accept": "application/n-triples"})
    g = Graph().parse(data=rdf.text, format="nt")
    assert any(str(o) == "World Customs Organization" for o in g.objects())
    assert httpx.get(server.url + path).headers["content-type"].startswith("text/turtle")  # RDF by default
    assert httpx.get(server.url + "/id/org/nobody-here").status_code == 404


@pytest.mark.browser
def test_the_query_page_in_a_real_browser(server, tmp_path):
    from test_viz_browser import CHROMEDRIVER, CHROMIUM

    if not CHROMIUM.exists() or not CHROMEDRIVER.exists():
        pytest.skip("no /usr/bin/chromium and chromedriver: apt-get install -y chromium chromium-driver")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    opts = webdriver.ChromeOptions()
    opts.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}"):
        opts.add_argument(arg)
    d = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=opts)
    try:
        d.get(server.url + "/")
        Select(d.find_element(By.ID, "example")).select_by_value("organizations")
        assert "SELECT" in d.find_element(By.ID, "query").get_attribute("value")
        d.find_element(By.ID, "run").click()
        WebDriverWait(d, 30).until(lambda drv: "rows" in drv.find_element(By.ID, "status").text)
        assert "United Nations Office on Drugs and Crime" in d.find_element(By.ID, "results").text
        box = d.find_element(By.ID, "query")
        box.clear()
        box.send_keys("SELECT ?org ?name WHERE { ?org a schema:Organization ; schema:name ?name } ORDER BY ?name")
        d.find_element(By.ID, "run").click()
        WebDriverWait(d, 30).until(lambda drv: drv.find_elements(By.CSS_SELECTOR, "#results a.iri"))
        links = d.find_elements(By.CSS_SELECTOR, "#results a.iri")
        assert links and all(a.get_attribute("href").startswith(server.url + "/id/") for a in links)
        links[0].click()
        WebDriverWait(d, 30).until(lambda drv: drv.find_elements(By.TAG_NAME, "h1"))
        assert d.current_url.startswith(server.url + "/id/") and d.find_element(By.TAG_NAME, "h1").text
        assert d.find_elements(By.CSS_SELECTOR, "span.span")  # an evidence sentence, its span marked
        artifacts = Path(__file__).resolve().parent.parent / "test-artifacts"
        artifacts.mkdir(exist_ok=True)
        d.save_screenshot(str(artifacts / "serve-entity-page.png"))
    finally:
        d.quit()


@pytest.mark.slow
def test_a_pathological_query_on_a_large_graph_is_stopped_while_others_are_answered(tmp_path):
    store = tmp_path / "store"
    build([write_corpus(tmp_path / "in", 360)[0].parent], store, jobs=2)
    s = Server(store, KG_TIMEOUT="3")
    try:
        triples = httpx.get(s.url + "/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"},
                            headers={"Accept": "text/csv"})
        assert int(triples.text.split()[1]) > 80_000
        result = {}

        def pathological():
            q = "SELECT (COUNT(*) AS ?n) WHERE { ?s (schema:name|!schema:name)* ?o . ?o (schema:name|!schema:name)* ?x }"
            result["r"] = httpx.get(s.url + "/sparql", params={"query": q}, timeout=60)
        t = threading.Thread(target=pathological)
        t.start()
        time.sleep(0.5)
        for _ in range(3):
            t0 = time.monotonic()
            r = httpx.get(s.url + "/queries/participations", params={"org": "WCO"})
            assert r.status_code == 200 and time.monotonic() - t0 < 1
        t.join(60)
        assert result["r"].status_code == 503 and "time limit of 3 s" in result["r"].text
    finally:
        s.stop()


def test_an_answer_over_the_result_size_limit_is_refused(seed_store):
    s = Server(seed_store, KG_MAX_RESULT_MB="1", KG_TIMEOUT="60")
    try:
        r = httpx.get(s.url + "/sparql", params={"query": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"}, timeout=90)
        assert r.status_code == 503 and "larger than the limit of 1,048,576 bytes" in r.text, r.text[:200]
        assert httpx.get(s.url + "/sparql", params={"query": SELECT}).status_code == 200
    finally:
        s.stop()
