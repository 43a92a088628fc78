"""Instructions per release of the extraction stage, counted by valgrind's callgrind.

usage: python benchmarks/extract_instructions.py FOLDER

Wall and CPU times on a shared machine drift by tens of percent from one minute to the next;
instruction counts do not. This runs the extractor over every release of FOLDER once and four
times (each under ``valgrind --tool=callgrind``, Debian package ``valgrind``) and prints the
difference per release, so that start-up and the loading of the curated data cancel out. Every
release starts with empty caches, as in a build. Slow: about a minute for 20 releases.
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys

_RUN = """
import sys
from kg.extract import extract
from kg.read import read_all
releases = list(read_all([sys.argv[1]], on_skip=lambda e: None))
extract(releases[0])
for _ in range(int(sys.argv[2])):
    for r in releases:
        extract(r)
print(len(releases))
"""


def instructions(folder: str, passes: int) -> tuple[int, int]:
    """(instructions, releases) of one process that extracts FOLDER ``passes`` times."""
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                           sys.executable, "-c", _RUN, folder, str(passes)],
                          capture_output=True, text=True, check=True)
    collected = re.search(r"Collected : (\d+)", done.stderr)
    if collected is None:
        raise SystemExit(f"no instruction count in valgrind's output:\n{done.stderr[-2000:]}")
    return int(collected.group(1)), int(done.stdout.split()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("folder")
    a = ap.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian package valgrind)")
    one, n = instructions(a.folder, 1)
    four, _ = instructions(a.folder, 4)
    per = (four - one) / (3 * n)
    print(f"{'python':<40} {'releases':>8} {'instructions per release':>25}")
    print(f"{sys.executable:<40} {n:8d} {per:25,.0f}")


if __name__ == "__main__":
    main()
