"""Filesystems that fight back, for real, mounted in a private mount namespace (``unshare``):

* a small tmpfs on which ``kg build`` runs out of space: the build fails with a message and an exit
  code, and nothing already stored is lost (the store answers as before the failed build; a first
  build leaves no half store and no staging folder behind);
* a store on a read-only mount: it is queried and exported as any other, and a build on it is refused
  with a message.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import SEEDS, kg_executable
from synthetic import write_corpus

# one shell in its own mount namespace: the tmpfs lives and dies with it
SCRIPT = r"""
set -u
mount -t tmpfs -o size="$SIZE" tmpfs "$MNT" || exit 90
run() { name=$1; shift; "$KG" "$@" > "$OUT/$name.out" 2> "$OUT/$name.err"; echo $? > "$OUT/$name.code"; }
if [ -n "$SEEDS" ]; then
  run build1 build --store "$MNT/store" -q "$SEEDS"
  run query1 query --store "$MNT/store" participations --param org=WCO --format csv
fi
run build2 build --store "$MNT/store" -q "$MORE"
run query2 query --store "$MNT/store" participations --param org=WCO --format csv
ls -A "$MNT" > "$OUT/left"
"""


READ_ONLY = r"""
set -u
mount --bind "$STORE" "$MNT" && mount -o remount,bind,ro "$MNT" || exit 90
run() { name=$1; shift; "$KG" "$@" > "$OUT/$name.out" 2> "$OUT/$name.err"; echo $? > "$OUT/$name.code"; }
touch "$MNT/probe" 2> /dev/null && exit 91  # (the mount must refuse writes)
run query query --store "$MNT" participations --param org=WCO --format csv
run export export --store "$MNT" --format nquads
run build build --store "$MNT" -q "$SEEDS"
ls -A "$MNT" > "$OUT/left"
"""


def _in_namespace(tmp_path: Path, script: str, **env: str) -> dict[str, str]:
    """Run ``script`` in a private mount namespace with ``env`` (plus MNT, an empty folder to mount on,
    OUT, the folder of its outputs, and KG); the files it wrote to OUT, by name."""
    if shutil.which("unshare") is None or shutil.which("mount") is None:
        pytest.fail("this test needs unshare and mount (util-linux), which every Debian system has")
    out, mnt = tmp_path / "out", tmp_path / "mnt"
    out.mkdir()
    mnt.mkdir()
    env = dict(os.environ, MNT=str(mnt), OUT=str(out), KG=kg_executable(), **env)
    # a user namespace maps an ordinary user to root inside it; root needs only the mount namespace
    for prefix in (["unshare", "--mount", "--map-root-user"], ["unshare", "--mount"]):
        proc = subprocess.run([*prefix, "sh", "-c", script], env=env, capture_output=True, text=True, timeout=600)
        if proc.returncode == 0 and (out / "left").exists():
            return {p.name: p.read_text(encoding="utf-8", errors="replace") for p in out.iterdir()}
    pytest.fail(f"could not mount in a private mount namespace (exit {proc.returncode}): {proc.stderr.strip()}")


def _in_small_filesystem(tmp_path: Path, size: str, seeds: Path | None, more: Path) -> dict[str, str]:
    return _in_namespace(tmp_path, SCRIPT, SIZE=size, SEEDS=str(seeds or ""), MORE=str(more))


@pytest.fixture(scope="module")
def more(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("more")
    write_corpus(folder, 300)
    return folder


def test_a_full_disk_fails_the_build_and_keeps_the_store(tmp_path, more):
    got = _in_small_filesystem(tmp_path, "16m", SEEDS, more)
    assert got["build1.code"].strip() == "0", got["build1.err"]
    assert got["query1.out"].count("\n") > 1  # (a header and the seed's rows)
    assert got["build2.code"].strip() == "2", got["build2.err"]
    assert "No space left on device" in got["build2.err"] and "Traceback" not in got["build2.err"]
    assert got["query2.code"].strip() == "0", got["query2.err"]
    assert got["query2.out"] == got["query1.out"]


def test_a_full_disk_in_a_first_build_leaves_nothing_behind(tmp_path, more):
    got = _in_small_filesystem(tmp_path, "4m", None, more)
    assert got["build2.code"].strip() == "2", got["build2.err"]
    assert "No space left on device" in got["build2.err"] and "Traceback" not in got["build2.err"]
    assert got["left"].split() == [], got["left"]
    assert got["query2.code"].strip() != "0" and "no store here" in got["query2.err"]


def test_a_store_on_a_read_only_mount_is_read_and_never_written(tmp_path, seed_store):
    store = tmp_path / "store"
    shutil.copytree(seed_store, store)
    before = sorted(p.name for p in store.iterdir())
    got = _in_namespace(tmp_path, READ_ONLY, STORE=str(store), SEEDS=str(SEEDS))
    assert got["query.code"].strip() == "0" and got["query.out"].count("\n") > 1, got["query.err"]
    assert got["export.code"].strip() == "0" and got["export.out"].count("\n") > 100, got["export.err"]
    assert got["build.code"].strip() != "0" and "Traceback" not in got["build.err"]
    assert "read-only" in got["build.err"].lower(), got["build.err"]
    assert sorted(got["left"].split()) == before
