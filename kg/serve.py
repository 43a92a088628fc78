"""`kg serve`: the store as a read-only SPARQL 1.1 Protocol endpoint (Starlette on uvicorn).

    GET  /sparql?query=...                      a query (SELECT, ASK, CONSTRUCT, DESCRIBE)
    POST /sparql  (form: query=..., or a body of type application/sparql-query)
    GET  /queries                               the named queries and their parameters (JSON)
    GET  /queries/NAME?param=value              a named query, its parameters bound as RDF terms
    GET  /.well-known/void                      the dataset's description (VoID, DCAT/PROV)
    GET  /health                                200 while the server answers

Every query passes the gate (``kg.gate``: no SERVICE, FROM, updates) and runs in a child process of
its own (``kg.runner``) with a time limit and a memory cap, on the snapshot of the last finished
build: the server answers from a consistent state while a build runs, and from the new one after it.
Answers follow the Accept header (with q-values); updates are refused (403). Each request is logged
in the Common Log Format on standard error.
"""
from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass
from pathlib import Path

from .errors import KgError, QueryError, UsageError

# media type -> --format of kg query, by the form of the query
TABLE_TYPES = {"application/sparql-results+json": "json", "application/sparql-results+xml": "xml",
               "text/csv": "csv", "text/tab-separated-values": "tsv", "application/json": "json"}
GRAPH_TYPES = {"text/turtle": "turtle", "application/n-triples": "ntriples", "application/ld+json": "jsonld",
               "application/rdf+xml": "xml"}
DEFAULTS = {"table": "application/sparql-results+json", "graph": "text/turtle"}
# a client that asks every query for JSON or XML results gets a graph in JSON-LD or RDF/XML
GRAPH_ALIASES = {"application/sparql-results+json": "application/ld+json", "application/json": "application/ld+json",
                 "application/sparql-results+xml": "application/rdf+xml", "application/xml": "application/rdf+xml"}


@dataclass(frozen=True)
class Limits:
    """What one query may take, how large its answer may be, and how many run at once (settable by
    the environment variables ``KG_TIMEOUT``, ``KG_MAX_MEMORY_MB``, ``KG_CONCURRENCY``,
    ``KG_MAX_RESULT_MB``)."""

    timeout: float = 10.0
    max_memory_mb: int = 1024
    concurrency: int = 4
    max_result_mb: int = 50

    @classmethod
    def from_env(cls, **given) -> "Limits":
        env = {"timeout": os.environ.get("KG_TIMEOUT"), "max_memory_mb": os.environ.get("KG_MAX_MEMORY_MB"),
               "concurrency": os.environ.get("KG_CONCURRENCY"), "max_result_mb": os.environ.get("KG_MAX_RESULT_MB")}
        values = {}
        for k, typ in (("timeout", float), ("max_memory_mb", int), ("concurrency", int), ("max_result_mb", int)):
            v = given.get(k) if given.get(k) is not None else env[k]
            if v is not None:
                try:
                    values[k] = typ(v)
                except ValueError:
                    raise UsageError(f"{k}: {v!r} is not a number") from None
        return cls(**values)


def negotiate(accept: str | None, kind: str) -> str | None:
    """The media type to answer with for an Accept header (q-values honoured), or None if none of
    the header's types can be given.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", "table")
    'application/sparql-results+xml'
    >>> negotiate("text/html", "table") is None
    True
    """
    offered = {"table": TABLE_TYPES, "graph": GRAPH_TYPES, "page": {"text/html": "html", **GRAPH_TYPES}}[kind]
    if kind == "page":
        kind = "graph"  # (an entity: a page for browsers, else RDF)
    if not accept:
        return DEFAULTS[kind]
    choices = []
    for i, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media, q = fields[0].lower(), 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        choices.append((-q, i, media))
    for negq, _, media in sorted(choices):
        if negq == 0:
            continue
        if media in offered:
            return media
        if kind == "graph" and media in GRAPH_ALIASES:
            return GRAPH_ALIASES[media]
        if media in ("*/*", "application/*", "text/*"):
            default = DEFAULTS[kind]
            if media == "*/*" or default.startswith(media[:-1]):
                return default
    return None


def create_app(store_path: str | Path, limits: Limits = Limits()):
    """The ASGI application serving the store at ``store_path``."""
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.cors import CORSMiddleware
    from starlette.requests import Request
    from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
    from starlette.routing import Route

    from .gate import query_form
    from .runner import answer
    from .sparql import named_queries, resolve_query

    store_path = str(store_path)
    slots = asyncio.Semaphore(limits.concurrency)

    def error(status: int, message: str) -> Response:
        return PlainTextResponse(message + "\n", status_code=status)

    async def run(text: str, params: dict[str, str], accept: str | None,
                  dataset: tuple[list[str], list[str]] | None = None) -> Response:
        try:
            form = query_form(text)
        except QueryError as e:
            return error(400, str(e))
        kind = "table" if form in ("select", "ask") else "graph"
        media = negotiate(accept, kind)
        if media is None:
            offered = TABLE_TYPES if kind == "table" else GRAPH_TYPES
            return error(406, f"this {form.upper()} query is answered as one of: {', '.join(offered)}")
        fmt = (TABLE_TYPES if kind == "table" else GRAPH_TYPES)[media]
        async with slots:
            try:
                body = await asyncio.to_thread(answer, store_path, text, params, fmt, timeout=limits.timeout,
                                               max_memory_mb=limits.max_memory_mb,
                                               max_bytes=limits.max_result_mb * 1024 * 1024, dataset=dataset)
            except QueryError as e:
                status = 503 if "time limit" in str(e) or "memory" in str(e) or "larger than" in str(e) else 400
                return error(status, str(e))
            except KgError as e:
                return error(500, str(e))
        return Response(body, media_type=media + ("; charset=utf-8" if media.startswith("text/") else ""))

    async def sparql(request: Request) -> Response:
        if request.method == "GET":
            if "update" in request.query_params:
                return error(403, "updates are refused: this endpoint is read-only")
            text = request.query_params.get("query")
        else:
            ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if ctype == "application/sparql-update":
                return error(403, "updates are refused: this endpoint is read-only")
            if ctype == "application/sparql-query":
                text = (await request.body()).decode("utf-8", "replace")
            elif ctype == "application/x-www-form-urlencoded":
                from urllib.parse import parse_qs

                form = parse_qs((await request.body()).decode("utf-8", "replace"))
                if "update" in form:
                    return error(403, "updates are refused: this endpoint is read-only")
                text = form.get("query", [None])[0]
            else:
                return error(415, "POST a query as application/sparql-query or application/x-www-form-urlencoded")
        if not text:
            if request.method == "GET":
                return await service_description(request)
            return error(400, "give a query: ?query=... (SPARQL 1.1 Protocol)")
        dataset = None
        defaults = request.query_params.getlist("default-graph-uri")
        nameds = request.query_params.getlist("named-graph-uri")
        if defaults or nameds:  # (graphs of the store only: nothing is fetched)
            dataset = (defaults, nameds)
        return await run(text, {}, request.headers.get("accept"), dataset)

    async def queries(request: Request) -> Response:
        return JSONResponse([{"name": q.name, "description": q.description, "params": q.params,
                              "url": f"/queries/{q.name}"} for q in named_queries().values()])

    async def named(request: Request) -> Response:
        name = request.path_params["name"]
        try:
            text, params = resolve_query(name, None, dict(request.query_params))
        except UsageError as e:
            return error(404 if "no named query" in str(e) else 400, str(e))
        return await run(text, params, request.headers.get("accept"))

    async def void(request: Request) -> Response:
        from .store import DESCRIPTION

        text = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{DESCRIPTION}> {{ ?s ?p ?o }} }}"
        return await run(text, {}, request.headers.get("accept") or "text/turtle")

    def wants_html(request: Request) -> bool:
        """Whether the client (a browser) prefers a page to RDF."""
        return negotiate(request.headers.get("accept"), "page") == "text/html"

    async def home(request: Request) -> Response:
        from .pages import query_page

        examples = [{"name": q.name, "description": q.description, "text": q.text} for q in named_queries().values()]
        base = await asyncio.to_thread(_store_base, store_path)
        return HTMLResponse(query_page(examples, base))

    async def service_description(request: Request) -> Response:
        from .sparql import PREFIXES

        url = str(request.url.replace(query=""))
        sd = "http://www.w3.org/ns/sparql-service-description#"
        formats = "".join(f"  sd:resultFormat <{f}> ;\n" for f in (
            "http://www.w3.org/ns/formats/SPARQL_Results_JSON", "http://www.w3.org/ns/formats/SPARQL_Results_XML",
            "http://www.w3.org/ns/formats/SPARQL_Results_CSV", "http://www.w3.org/ns/formats/SPARQL_Results_TSV",
            "http://www.w3.org/ns/formats/Turtle", "http://www.w3.org/ns/formats/N-Triples",
            "http://www.w3.org/ns/formats/JSON-LD", "http://www.w3.org/ns/formats/RDF_XML"))
        text = (f"@prefix sd: <{sd}> .\n@prefix void: <{PREFIXES['void']}> .\n"
                f"<{url}> a sd:Service ;\n  sd:endpoint <{url}> ;\n  sd:supportedLanguage sd:SPARQL11Query ;\n"
                f"{formats}  sd:feature sd:UnionDefaultGraph ;\n"
                f"  sd:defaultDataset [ a sd:Dataset ; sd:defaultGraph [ a sd:Graph ; "
                f"void:inDataset <{url.rsplit('/', 1)[0]}/.well-known/void> ] ] .\n")
        return Response(text, media_type="text/turtle; charset=utf-8")

    async def entity(request: Request) -> Response:
        import pyoxigraph as ox

        base = await asyncio.to_thread(_store_base, store_path)
        iri = base + request.path_params["path"]
        try:
            node = ox.NamedNode(iri)
        except ValueError:
            return error(400, "not an IRI of this graph")
        if wants_html(request):
            found = await asyncio.to_thread(_entity_facts, store_path, iri)
            if not found[0]:
                return error(404, f"nothing is known of <{iri}>")
            from .pages import entity_page

            facts, label, reasons = found
            return HTMLResponse(entity_page(iri, label, facts, reasons, base), headers={"Vary": "Accept"})
        if not (await asyncio.to_thread(_entity_facts, store_path, iri, False))[0]:
            return error(404, f"nothing is known of <{iri}>")
        # (the IRI is written as the checked term it is: no text of the request reaches the query as such)
        text = f"CONSTRUCT {{ {node} ?p ?o . ?s ?q {node} }} WHERE {{ {{ {node} ?p ?o }} UNION {{ ?s ?q {node} }} }}"
        response = await run(text, {}, request.headers.get("accept") or DEFAULTS["graph"])
        response.headers["Vary"] = "Accept"
        return response

    async def ontology(request: Request) -> Response:
        from . import resources

        ttl = (resources.ONTOLOGY / "rkg.ttl").read_bytes()
        if wants_html(request):
            from .pages import ontology_page

            return HTMLResponse(ontology_page(_ontology_terms(ttl)))
        return Response(ttl, media_type="text/turtle; charset=utf-8")

    async def health(request: Request) -> Response:
        ok = Path(store_path, "CURRENT").is_file()
        return JSONResponse({"status": "ok" if ok else "no store", "store": store_path}, status_code=200 if ok else 503)

    routes = [Route("/", home), Route("/sparql", sparql, methods=["GET", "POST"]), Route("/queries", queries),
              Route("/queries/{name}", named), Route("/.well-known/void", void), Route("/health", health),
              Route("/id/{path:path}", entity), Route("/ontology", ontology)]
    middleware = [Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST"],
                             allow_headers=["Accept", "Content-Type"])]
    return Starlette(routes=routes, middleware=middleware)


def _store_base(store_path: str) -> str:
    from .iri import DEFAULT_BASE
    from .store import read_store, recorded_base

    with read_store(store_path) as store:
        return recorded_base(store) or DEFAULT_BASE


def _entity_facts(store_path: str, iri: str, evidence: bool = True) -> tuple[list[tuple[str, str, str, bool]], str, list]:
    """The facts of the merged data about ``iri`` (as subject or object), its name, and the evidence."""
    import pyoxigraph as ox

    from .explain import explain
    from .store import MERGED, read_store

    node, merged = ox.NamedNode(iri), ox.NamedNode(MERGED)
    with read_store(store_path) as store:
        quads = list(store.quads_for_pattern(node, None, None, merged)) + list(store.quads_for_pattern(None, None, node, merged))
        facts = sorted({(q.subject.value, q.predicate.value, q.object.value, not isinstance(q.object, ox.Literal))
                        for q in quads})
        label = next((q.object.value for q in store.quads_for_pattern(node, ox.NamedNode("https://schema.org/name"),
                                                                       None, merged)), iri.rsplit("/", 1)[-1])
        reasons = explain(store, iri) if facts and evidence else []
    return facts, label, reasons


def _ontology_terms(ttl: bytes) -> list[tuple[str, str, str]]:
    from rdflib import OWL, RDF, RDFS, Graph

    g = Graph().parse(data=ttl, format="turtle")
    kinds = {OWL.Class: "class", OWL.ObjectProperty: "object property", OWL.DatatypeProperty: "datatype property",
             RDF.Property: "property"}
    out = []
    for kind, name in kinds.items():
        for t in sorted(set(g.subjects(RDF.type, kind)), key=str):
            text = g.value(t, RDFS.comment) or g.value(t, RDFS.label) or ""
            out.append((str(t), name, str(text)))
    return out


class AccessLog:
    """ASGI middleware writing one line per request in the Common Log Format to standard error:
    ``host - - [05/Dec/2026:10:00:00 +0000] "GET /sparql?query=... HTTP/1.1" 200 1234``."""

    def __init__(self, app, stream=None):
        import sys

        self.app, self.stream = app, stream or sys.stderr

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        import time as _time

        state = {"status": 0, "size": 0}

        async def sending(message):
            if message["type"] == "http.response.start":
                state["status"] = message["status"]
            elif message["type"] == "http.response.body":
                state["size"] += len(message.get("body", b""))
            await send(message)
        try:
            await self.app(scope, receive, sending)
        finally:
            client = (scope.get("client") or ("-", 0))[0]
            target = scope.get("raw_path", scope["path"].encode()).decode("latin-1")
            if scope.get("query_string"):
                target += "?" + scope["query_string"].decode("latin-1")
            when = _time.strftime("%d/%b/%Y:%H:%M:%S +0000", _time.gmtime())
            line = (f'{client} - - [{when}] "{scope["method"]} {target} HTTP/{scope.get("http_version", "1.1")}" '
                    f'{state["status"] or 500} {state["size"] or "-"}')
            print(line.replace("\n", "%0A"), file=self.stream, flush=True)


def serve(store_path: str | Path, host: str = "127.0.0.1", port: int = 8000, limits: Limits = Limits()) -> None:
    """Serve until stopped (Ctrl-C), with an access log in the common format on standard error."""
    import uvicorn

    if not Path(store_path, "CURRENT").is_file():
        raise UsageError(f"{store_path}: no store here (build one with `kg build --store {store_path}`)")
    uvicorn.run(AccessLog(create_app(store_path, limits)), host=host, port=port, access_log=False, log_level="info")

