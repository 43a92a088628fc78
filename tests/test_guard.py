"""No network and no file outside the inputs, the store and the installation: a guard (a Python audit
hook) records every outbound connection and every file opened while kg builds, validates, queries,
exports and draws the seed, and the test fails on any."""
from __future__ import annotations

import os
import sys
import sysconfig
from pathlib import Path

import pytest

import kg
from conftest import SEEDS

ROOT = Path(__file__).resolve().parent.parent
_WATCH: dict = {"on": False, "allowed": (), "seen": [], "log": None, "pid": 0}


def _hook(event: str, args: tuple) -> None:
    if not _WATCH["on"]:
        return
    seen = None
    if event == "socket.connect":
        seen = f"connect {args[1]!r}"
    elif event in ("socket.getaddrinfo", "socket.gethostbyname"):
        seen = f"lookup {args[0]!r}"
    elif event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
        path = os.path.realpath(os.fsdecode(args[0]))
        if not path.startswith(_WATCH["allowed"]):
            seen = f"open {path}"
    if seen is None:
        return
    if os.getpid() == _WATCH["pid"]:
        _WATCH["seen"].append(seen)
    else:  # a forked child (a query of the server runs in one): its findings go to the log file
        fd = os.open(_WATCH["log"], os.O_WRONLY | os.O_APPEND | os.O_CREAT)
        os.write(fd, (seen + "\n").encode())
        os.close(fd)


sys.addaudithook(_hook)  # (audit hooks stay for the process; the flag turns this one on and off)


@pytest.fixture
def guard(tmp_path):
    places = {sys.prefix, sys.base_prefix, sys.exec_prefix, str(ROOT), str(tmp_path), "/dev/null", "/dev/urandom",
              "/proc/self", "/sys/devices/system/cpu", "/etc/localtime", "/usr/share/zoneinfo",
              *sysconfig.get_paths().values(), str(Path(kg.__file__).resolve().parent)}
    _WATCH.update(on=True, allowed=tuple(os.path.realpath(p) for p in places), seen=[],
                  log=str(tmp_path / "children.log"), pid=os.getpid())
    yield _WATCH["seen"]
    _WATCH["on"] = False


def _children_saw(tmp_path: Path) -> list[str]:
    log = tmp_path / "children.log"
    return log.read_text().splitlines() if log.exists() else []


def test_build_validate_query_export_and_draw_reach_nothing_outside(guard, tmp_path):
    store = tmp_path / "store"
    kg.build([SEEDS], store, jobs=1)
    assert kg.revalidate(store) and all(r.conforms for r in kg.revalidate(store))
    assert kg.query(store, "participations", org="WCO")
    for fmt in ("trig", "jsonld", "xml"):
        assert kg.export(store, fmt)
    from kg.network import export_network
    from kg.viz import visualize

    export_network(store, "graphml", tmp_path / "g.graphml")
    list(visualize(store, tmp_path / "g.html", tmp_path / "g.svg"))
    assert guard == [], guard


def test_the_server_reaches_nothing_outside(guard, tmp_path):
    """The served pages and queries, through the application itself (no socket: the guard would see the
    test's own connections); its queries run in forked children, which the guard follows."""
    import asyncio

    import httpx

    from kg.serve import create_app

    store = tmp_path / "store"
    kg.build([SEEDS], store, jobs=1)
    app = create_app(store)

    async def visit() -> list[int]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://kg.test") as client:
            out = []
            for path, params in [("/", {}), ("/queries", {}), ("/queries/participations", {"org": "WCO"}),
                                 ("/sparql", {"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 5"}),
                                 ("/sparql", {"query": "SELECT * WHERE { SERVICE <http://example.org/> { ?s ?p ?o } }"}),
                                 ("/sparql", {"query": "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }"}),
                                 ("/.well-known/void", {}), ("/health", {}), ("/ontology", {})]:
                out.append((await client.get(path, params=params)).status_code)
            return out

    codes = asyncio.run(visit())
    assert codes[:4] == [200, 200, 200, 200] and codes[4] == 400 and codes[5] == 400 and codes[6:] == [200, 200, 200], codes
    assert guard == [] and _children_saw(tmp_path) == [], (guard, _children_saw(tmp_path))


def test_the_guard_follows_forked_children(guard, tmp_path):
    pid = os.fork()
    if pid == 0:  # (the child reads a file outside, then leaves at once)
        try:
            Path("/etc/hostname").read_bytes()
        finally:
            os._exit(0)
    os.waitpid(pid, 0)
    assert any(x.startswith("open /etc/hostname") for x in _children_saw(tmp_path))
    assert guard == []


def test_the_guard_sees_what_it_must(guard, tmp_path):
    import socket

    outside = Path("/etc/hostname")
    try:
        outside.read_text()
    except OSError:
        pass
    with socket.socket() as s:
        s.settimeout(0.2)
        try:
            s.connect(("127.0.0.1", 9))
        except OSError:
            pass
    assert any(x.startswith("open /etc/hostname") for x in guard) and any(x.startswith("connect") for x in guard)
    guard.clear()
