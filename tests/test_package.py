"""The package as a user installs it: a wheel, without the repository.

The wheel is built from the checkout (no network: setuptools and Cython come with the test extras),
installed into a folder of its own, and run from a folder outside the checkout: its curated data,
shapes and named queries are the ones it carries.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_460ff2c4436acc53.txt"


@pytest.mark.slow
def test_a_wheel_installed_without_the_repository_builds_and_queries(tmp_path):
    wheels, target, work = tmp_path / "wheels", tmp_path / "site", tmp_path / "work"
    work.mkdir()
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", str(ROOT),
                    "-w", str(wheels)], check=True, cwd=tmp_path)
    wheel = next(wheels.glob("release_kg-*.whl"))
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, cwd=tmp_path)
    shutil.copy(SEED, work / SEED.name)
    env = {**os.environ, "PYTHONPATH": str(target)}

    def kg(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "kg.cli", *args], cwd=work, env=env, capture_output=True,
                              text=True, timeout=300)

    where = subprocess.run([sys.executable, "-c", "import kg.resources as r; print(r.ONTOLOGY); print(r.QUERIES)"],
                           cwd=work, env=env, capture_output=True, text=True, check=True).stdout.split()
    assert all(Path(p).is_relative_to(target) for p in where), where
    proc = kg("build", SEED.name, "--store", "store", "--jobs", "1")
    assert proc.returncode == 0, proc.stderr
    assert "quarantined:" not in proc.stderr and " 0 quarantined" in proc.stderr, proc.stderr
    assert "participations" in kg("query", "--list").stdout
    proc = kg("query", "participations", "--param", "org=WCO", "--store", "store", "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    assert "10th session of the Implementation Review Group" in proc.stdout
