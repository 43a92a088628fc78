"""A build killed with SIGKILL at any moment leaves a store that opens and holds, for every release,
either all of its graphs or none of them; the next build completes the work. A first build (into no
store), which is bulk-loaded in a staging folder, leaves no store at all; the next one starts again.

The kill is placed by the build's own progress line (read from a pseudo-terminal), not by the
clock: a build that runs faster or slower than expected is still killed part-way through."""
from __future__ import annotations

import json
import os
import pty
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.builder import BATCH, content_hash
from kg.read import read_all
from kg.store import STORE_GRAPHS
from conftest import assert_merged_is_union
from synthetic import write_corpus

pytestmark = pytest.mark.slow
RKG = "https://w3id.org/release-kg/ontology#"
N = 300


def _kg() -> str:
    kg = shutil.which("kg", path=str(Path(sys.executable).parent)) or shutil.which("kg")
    assert kg, "the kg command is not installed"
    return kg


def _graphs_by_release(store_dir: Path) -> dict[str, set[str]]:
    store = ox.Store(str(store_dir))
    out: dict[str, set[str]] = {}
    for g in store.named_graphs():
        name = g.value
        if name.startswith(STORE_GRAPHS):  # the store's own graphs: the merged data and its layout
            continue
        for suffix in ("/evidence", "/quarantine", "/meta"):
            if name.endswith(suffix):
                out.setdefault(name[: -len(suffix)], set()).add(suffix)
                break
        else:
            out.setdefault(name, set()).add("")
    for q in store.quads_for_pattern(None, ox.NamedNode(RKG + "contentHash"), None):
        out.setdefault(q.subject.value, set()).add("hash:" + q.object.value)
    return out


def _sorted_nquads(store_dir: Path) -> bytes:
    store = ox.Store(str(store_dir))
    return ox.serialize(sorted(store, key=str), format=ox.RdfFormat.N_QUADS) or b""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, Path]:
    """The corpus and a store built from it without interruption."""
    root = tmp_path_factory.mktemp("crash")
    write_corpus(root / "corpus", N)
    subprocess.run([_kg(), "build", str(root / "corpus"), "--store", str(root / "clean"), "--jobs", "1", "--quiet"],
                   check=True)
    return root / "corpus", root / "clean"


def _kill_part_way(cmd: list[str], after: int, into_next: float) -> None:
    """Run ``cmd`` on a pseudo-terminal, wait until its progress line reports ``after`` releases done,
    then kill it with SIGKILL ``into_next`` of the way through the next batch (timed by the last one)."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    seen, last, interval, text = -1, time.perf_counter(), 0.0, ""
    try:
        while seen < after:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # the terminal closed: the build ended
                chunk = b""
            assert chunk, "the build ended before it was killed; nothing would be tested"
            text += chunk.decode("utf-8", "replace")
            counts = [int(m) for m in re.findall(r"(\d+)(?:/\d+)? releases", text)]
            if counts and counts[-1] > seen:
                now = time.perf_counter()
                seen, last, interval = counts[-1], now, now - last
        time.sleep(interval * into_next)
        assert proc.poll() is None, "the build ended before it was killed; nothing would be tested"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        os.close(master)
        if proc.poll() is None:
            proc.kill()
            proc.wait()


START = 40  # releases stored by a first build, before the one that is killed


@pytest.mark.parametrize("fraction", [0.3, 0.5, 0.7], ids=lambda f: f"kill-at-{int(f * 100)}%")
def test_crash_sigkill_leaves_whole_releases(tmp_path: Path, corpus, fraction: float) -> None:
    folder, clean = corpus
    hashes = {r.id: content_hash(r) for r in read_all([folder])}
    store = tmp_path / "store"
    files = sorted(folder.iterdir())
    subprocess.run([_kg(), "build", *map(str, files[:START]), "--store", str(store), "--jobs", "1", "--quiet"],
                   check=True)
    todo = N - START
    after = int(todo * fraction) // BATCH * BATCH  # whole batches stored before the kill
    assert after + BATCH < todo, "the kill must come before the last batch"
    # (the progress line counts the releases already stored, which the build skips, as done)
    _kill_part_way([_kg(), "build", str(folder), "--store", str(store), "--jobs", "1"], START + after, fraction)

    # the store opens, and each release has all of its graphs or none
    by_release = _graphs_by_release(store)
    for release, parts in by_release.items():
        graphs = {p for p in parts if not p.startswith("hash:")}
        assert graphs in ({"", "/evidence", "/meta"}, {"/quarantine", "/evidence", "/meta"}), (release, parts)
        assert f"hash:{hashes[release.rsplit('/', 1)[-1]]}" in parts, f"{release}: the meta graph lacks the file's hash"
    stored = len(by_release)
    assert START + after <= stored < len(hashes)
    assert_merged_is_union(store)
    _complete_and_compare(tmp_path, folder, store, clean, skipped=stored, added=len(hashes) - stored)


@pytest.mark.parametrize("fraction", [0.3, 0.7], ids=lambda f: f"kill-at-{int(f * 100)}%")
def test_crash_sigkill_of_a_first_build_leaves_no_store(tmp_path: Path, corpus, fraction: float) -> None:
    folder, clean = corpus
    store = tmp_path / "store"
    after = int(N * fraction) // BATCH * BATCH
    _kill_part_way([_kg(), "build", str(folder), "--store", str(store), "--jobs", "1"], after, fraction)
    assert not (store / "CURRENT").exists(), "a killed first build must not leave a partial store"
    assert (tmp_path / ".store.staging").is_dir(), "the staging folder the bulk load wrote is where it was killed"
    # readers say there is no store yet
    q = subprocess.run([_kg(), "query", "organizations", "--store", str(store)], capture_output=True, text=True)
    assert q.returncode == 2 and "no store" in q.stderr
    _complete_and_compare(tmp_path, folder, store, clean, skipped=0, added=N)
    assert not (tmp_path / ".store.staging").exists(), "the next build removes what the killed one left"


def _complete_and_compare(tmp_path: Path, folder: Path, store: Path, clean: Path, skipped: int, added: int) -> None:
    """The next build completes the work, and the store equals one built without interruption."""
    done = subprocess.run([_kg(), "build", str(folder), "--store", str(store), "--jobs", "1", "--quiet",
                           "--report", str(tmp_path / "report.json")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    report = json.loads((tmp_path / "report.json").read_text())
    assert (report["skipped"], report["added"]) == (skipped, added)
    assert _sorted_nquads(store) == _sorted_nquads(clean)


# an export whose sort spills runs to disk early (as a large store's does), run as the command is
_SPILLING_EXPORT = "import sys, kg.exporter; kg.exporter.SORT_CHUNK = 2000; from kg.cli import main; sys.argv[0] = 'kg'; main()"


def test_repeated_sigkill_of_an_export_keeps_the_previous_file_and_leaves_nothing_behind(tmp_path: Path, corpus) -> None:
    _, clean = corpus
    out = tmp_path / "exports" / "all.nq"
    cmd = [sys.executable, "-c", _SPILLING_EXPORT, "export", "--store", str(clean), "--format", "nquads",
           "--graphs", "all", "-o", str(out)]
    t0 = time.monotonic()
    subprocess.run(cmd, check=True, capture_output=True)
    took = time.monotonic() - t0
    first = out.read_bytes()
    assert first.count(b"\n") > 10 * 2000, "the export must spill several sorted runs"
    killed = left = 0
    for fraction in (0.3, 0.5, 0.7, 0.85, 0.95):
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(took * fraction)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            killed += 1
        proc.wait()
        assert out.read_bytes() == first, f"a killed export changed the file (at {fraction:.0%})"
        left += len(os.listdir(out.parent)) > 1  # (SIGKILL cannot be caught: the temporary files stay)
    assert killed >= 3, "the exports must be killed on their way"
    assert left, "no killed export left its temporary files: the clean-up below is not put to the test"
    subprocess.run(cmd, check=True, capture_output=True)
    assert out.read_bytes() == first
    assert os.listdir(out.parent) == ["all.nq"], "the next export removes what the killed ones left"
