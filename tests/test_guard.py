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
_WATCH: dict = {"on": False, "allowed": (), "seen": []}


def _hook(event: str, args: tuple) -> None:
    if not _WATCH["on"]:
        return
    if event == "socket.connect":
        _WATCH["seen"].append(f"connect {args[1]!r}")
    elif event in ("socket.getaddrinfo", "socket.gethostbyname"):
        _WATCH["seen"].append(f"lookup {args[0]!r}")
    elif event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
        path = os.path.realpath(os.fsdecode(args[0]))
        if not path.startswith(_WATCH["allowed"]):
            _WATCH["seen"].append(f"open {path}")


sys.addaudithook(_hook)  # (audit hooks stay for the process; the flag turns this one on and off)


@pytest.fixture
def guard(tmp_path):
    places = {sys.prefix, sys.base_prefix, sys.exec_prefix, str(ROOT), str(tmp_path), "/dev/null", "/dev/urandom",
              "/proc/self", "/sys/devices/system/cpu", "/etc/localtime", "/usr/share/zoneinfo",
              *sysconfig.get_paths().values(), str(Path(kg.__file__).resolve().parent)}
    _WATCH.update(on=True, allowed=tuple(os.path.realpath(p) for p in places), seen=[])
    yield _WATCH["seen"]
    _WATCH["on"] = False


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
