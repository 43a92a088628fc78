"""A full disk, for real: a small tmpfs mounted in a private mount namespace (``unshare``), on which
``kg build`` runs out of space. The build fails with a message and an exit code, and nothing already
stored is lost: the store answers as before the failed build, and a first build leaves no half store
and no staging folder behind."""
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


def _in_small_filesystem(tmp_path: Path, size: str, seeds: Path | None, more: Path) -> dict[str, str]:
    if shutil.which("unshare") is None or shutil.which("mount") is None:
        pytest.fail("this test needs unshare and mount (util-linux), which every Debian system has")
    out, mnt = tmp_path / "out", tmp_path / "mnt"
    out.mkdir()
    mnt.mkdir()
    env = dict(os.environ, SIZE=size, MNT=str(mnt), OUT=str(out), SEEDS=str(seeds or ""), MORE=str(more),
               KG=kg_executable())
    # a user namespace maps an ordinary user to root inside it; root needs only the mount namespace
    for prefix in (["unshare", "--mount", "--map-root-user"], ["unshare", "--mount"]):
        proc = subprocess.run([*prefix, "sh", "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=600)
        if proc.returncode == 0 and (out / "left").exists():
            return {p.name: p.read_text(encoding="utf-8", errors="replace") for p in out.iterdir()}
    pytest.fail(f"could not mount a small tmpfs in a private mount namespace: {proc.stderr.strip()}")


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
