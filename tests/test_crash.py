"""A build killed with SIGKILL at any moment leaves a store that opens and holds, for every release,
either all of its graphs or none of them; the next build completes the work."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import content_hash
from kg.read import read_all
from synthetic import write_corpus

pytestmark = pytest.mark.slow
RKG = "https://w3id.org/release-kg/ontology#"


def _graphs_by_release(store_dir: Path) -> dict[str, set[str]]:
    store = ox.Store(str(store_dir))
    try:
        out: dict[str, set[str]] = {}
        for g in store.named_graphs():
            name = g.value
            for suffix in ("/evidence", "/quarantine", "/meta"):
                if name.endswith(suffix):
                    out.setdefault(name[: -len(suffix)], set()).add(suffix)
                    break
            else:
                out.setdefault(name, set()).add("")
        hashes = {q.subject.value: q.object.value
                  for q in store.quads_for_pattern(None, ox.NamedNode(RKG + "contentHash"), None)}
        return {r: s | ({"hash:" + hashes[r]} if r in hashes else set()) for r, s in out.items()}
    finally:
        del store


def _sorted_nquads(store_dir: Path) -> bytes:
    store = ox.Store(str(store_dir))
    try:
        quads = sorted(store, key=str)
        return ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""
    finally:
        del store


@pytest.mark.parametrize("delay", [0.6, 1.5, 3.0], ids=lambda d: f"kill-after-{d}s")
def test_crash_sigkill_leaves_whole_releases(tmp_path: Path, delay: float) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 400)
    hashes = {r.id: content_hash(r) for r in read_all([corpus])}
    store = tmp_path / "store"
    kg = shutil.which("kg", path=str(Path(sys.executable).parent)) or shutil.which("kg")
    assert kg, "the kg command is not installed"
    proc = subprocess.Popen([kg, "build", str(corpus), "--store", str(store), "--jobs", "1", "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(delay)
    finished_before_kill = proc.poll() is not None
    if not finished_before_kill:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)

    # the store opens, and each release has all of its graphs or none
    by_release = _graphs_by_release(store)
    for release, parts in by_release.items():
        graphs = {p for p in parts if not p.startswith("hash:")}
        assert graphs in ({"", "/evidence", "/meta"}, {"/quarantine", "/evidence", "/meta"}), (release, parts)
        rid = release.rsplit("/", 1)[-1]
        assert f"hash:{hashes[rid]}" in parts, f"{release}: meta graph does not hold the file's hash"
    stored = len(by_release)
    if not finished_before_kill:
        assert stored < len(hashes), "the build finished before it was killed; nothing was tested"

    # the next build completes the work, and the result equals a build that was never interrupted
    done = subprocess.run([kg, "build", str(corpus), "--store", str(store), "--jobs", "1", "--quiet",
                           "--report", str(tmp_path / "report.json")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    import json

    report = json.loads((tmp_path / "report.json").read_text())
    assert report["skipped"] == stored and report["added"] == len(hashes) - stored
    clean = tmp_path / "clean"
    subprocess.run([kg, "build", str(corpus), "--store", str(clean), "--jobs", "1", "--quiet"], check=True)
    assert _sorted_nquads(store) == _sorted_nquads(clean)

