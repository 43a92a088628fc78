"""``kg push``: the store's release graphs to a triple-store server, by the SPARQL 1.1 Graph Store HTTP
Protocol (GSP).

Each graph of a release (data or quarantine, evidence, meta) is sent with ``PUT ...?graph=<IRI>``,
which replaces it on the server: pushing again is idempotent, and a release changed since is replaced
whole. A graph the release no longer has (its data graph once it is quarantined) is deleted there,
and so are the graphs of releases the store no longer holds. The dataset's description graph and the
rules graph (the confidence of each rule the evidence names) go last.

Incremental: what was pushed to an endpoint is recorded in a state file (by default in the store's
folder, one per endpoint), release by release (its content hash and the fingerprint of the pipeline
that made its graphs, shapes included), written after every batch; the next push sends only what changed since, and a push that stopped
half-way goes on from its last batch.

Transient failures (a refused or dropped connection, HTTP 429, 500, 502, 503, 504) are tried again
after a growing pause; an endpoint that stays away, or refuses the credentials, is a ``RemoteError``
with what was pushed so far kept in the state file. Credentials are answered to the server's
challenge (Digest, as Virtuoso asks, or Basic, as Fuseki and GraphDB do).
"""
from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .errors import RemoteError

RETRY_STATUS = frozenset((429, 500, 502, 503, 504))


@dataclass
class PushReport:
    releases: int = 0  # releases in the store
    pushed: int = 0  # releases sent (new or changed since the last push)
    unchanged: int = 0
    removed: int = 0  # releases deleted on the server (gone from the store)
    graphs: int = 0  # PUT requests
    deleted: int = 0  # DELETE requests
    seconds: float = 0.0
    state: str = ""


def state_path(store: str | Path, endpoint: str) -> Path:
    """The state file of pushes from ``store`` to ``endpoint``."""
    return Path(store) / "pushes" / f"{hashlib.sha256(endpoint.encode()).hexdigest()[:16]}.json"


def _read_state(path: Path, endpoint: str) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as e:
        raise RemoteError(f"{path}: the record of earlier pushes cannot be read ({e}); remove it to push everything")
    if not isinstance(data, dict) or data.get("endpoint") != endpoint or not isinstance(data.get("releases"), dict):
        raise RemoteError(f"{path}: not a record of pushes to {endpoint}; remove it to push everything")
    return {str(k): str(v) for k, v in data["releases"].items()}


def _write_state(path: Path, endpoint: str, pushed: dict[str, str]) -> None:
    from .exporter import write_bytes_atomic

    doc = {"endpoint": endpoint, "releases": dict(sorted(pushed.items()))}
    write_bytes_atomic(path, (json.dumps(doc, indent=0) + "\n").encode())


def _auth(user: str | None, password: str | None):
    import httpx

    if user is None:
        return None

    class Challenged(httpx.Auth):
        """Answer the scheme the server asks for: Digest or Basic."""

        def __init__(self) -> None:
            self.scheme: httpx.Auth | None = None

        def auth_flow(self, request):
            if self.scheme is None:
                response = yield request
                if response.status_code != 401:
                    return
                asked = response.headers.get("www-authenticate", "").lower()
                self.scheme = (httpx.DigestAuth if asked.startswith("digest") else httpx.BasicAuth)(user, password or "")
            yield from self.scheme.auth_flow(request)

    return Challenged()


def push(store: str | Path, endpoint: str, *, user: str | None = None, password: str | None = None,
         batch: int = 100, retries: int = 5, timeout: float = 60.0, state: str | Path | None = None,
         everything: bool = False, progress: Callable[[int, int], None] | None = None) -> PushReport:
    """Push the store's release graphs to the GSP ``endpoint`` (see the module's text).

    ``everything`` sends every release, whatever the state file says. Raises ``RemoteError``."""
    import httpx

    from .store import DESCRIPTION, RULES, SUFFIXES, graph_names, read_store, release_index

    if not endpoint.startswith(("http://", "https://")):
        raise RemoteError(f"{endpoint}: not an http(s) address of a Graph Store Protocol endpoint")
    rep = PushReport()
    t0 = time.perf_counter()
    spath = Path(state) if state else state_path(store, endpoint)
    rep.state = str(spath)
    done = {} if everything else _read_state(spath, endpoint)
    with read_store(store) as s, httpx.Client(auth=_auth(user, password), timeout=timeout) as client:
        index = release_index(s)
        names = set(graph_names(s))
        tokens = {r: f"{h}:{fingerprint}" for r, (_, h, _, fingerprint) in index.items()}
        rep.releases = len(index)
        todo = [r for r in sorted(index) if done.get(r) != tokens[r]]
        gone = sorted(set(done) - set(index))
        rep.unchanged = rep.releases - len(todo)

        def send(method: str, graph: str, body: bytes | None = None) -> None:
            _request(client, method, endpoint, graph, body, retries)
            if method == "PUT":
                rep.graphs += 1
            else:
                rep.deleted += 1

        pushed = dict(done)
        for i, r in enumerate(todo, 1):
            for suffix in SUFFIXES:
                g = r + suffix
                if g in names:
                    send("PUT", g, _ntriples(s, g))
                elif suffix in ("", "/quarantine") and r in done:
                    send("DELETE", g)  # (a release quarantined since, or no longer)
            pushed[r] = tokens[r]
            rep.pushed += 1
            if i % batch == 0 or i == len(todo):
                _write_state(spath, endpoint, pushed)
                if progress:
                    progress(i, len(todo))
        for r in gone:
            for suffix in SUFFIXES:
                send("DELETE", r + suffix)
            del pushed[r]
            rep.removed += 1
        if gone:
            _write_state(spath, endpoint, pushed)
        if todo or gone:
            send("PUT", DESCRIPTION, _ntriples(s, DESCRIPTION))
            send("PUT", RULES, _ntriples(s, RULES))
    rep.seconds = time.perf_counter() - t0
    return rep


def _ntriples(store, graph: str) -> bytes:
    import pyoxigraph as ox

    triples = sorted((ox.Triple(q.subject, q.predicate, q.object)
                      for q in store.quads_for_pattern(None, None, None, ox.NamedNode(graph))), key=str)
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""


def _request(client, method: str, endpoint: str, graph: str, body: bytes | None, retries: int) -> None:
    import httpx

    headers = {"Content-Type": "application/n-triples"} if body is not None else {}
    pause = 0.5
    for attempt in range(retries + 1):
        try:
            response = client.request(method, endpoint, params={"graph": graph}, content=body, headers=headers)
        except httpx.TransportError as e:
            problem = f"cannot reach {endpoint} ({type(e).__name__}: {e})"
        else:
            code = response.status_code
            if code in (401, 403):
                raise RemoteError(f"{endpoint} refused the credentials (HTTP {code}): give --user and --password "
                                  "of an account that may write graphs")
            if 200 <= code < 300 or (method == "DELETE" and code == 404):
                return
            problem = f"{endpoint} answered HTTP {code} to {method} of <{graph}>: {response.text[:300].strip()}"
            if code not in RETRY_STATUS:
                raise RemoteError(problem)
        if attempt < retries:
            time.sleep(pause)
            pause = min(pause * 2, 30.0)
    raise RemoteError(f"{problem}; gave up after {retries + 1} tries (what was pushed before is recorded: "
                      "push again to go on)")
