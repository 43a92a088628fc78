"""Extraction time on degenerate texts: one phrase repeated to a size, at two sizes.

usage: python benchmarks/degenerate.py [--sizes 25000,100000] [--runs 3]

Scraped pages hold runs that no release writes (a menu of capitalised words, a table of names, one
sentence a hundred thousand times). Each row is one repeated phrase: the CPU seconds to extract a
text of each size (median of the runs) and the ratio of the two. Extraction is linear when the
ratio is about the ratio of the sizes (4 for the default sizes); a quadratic step shows as 16.
"""
from __future__ import annotations

import argparse
import statistics
import time

from kg.extract import extract
from kg.model import Release
from kg.read import layout

PHRASES = {
    "head words": "Organization ",
    "names and 'and'": "World Bank and ",
    "capitalised words": "Alpha Beta Gamma Delta ",
    "short sentences": "X met. ",
    "one line each": "ABC met.\n",
    "acronym definitions": "Alpha Trade Organization (ATO) ",
    "people": "Mr. Ivo Marsh, Director of the Alpha Trade Organization, ",
    "dates": "On 5 May 2019 ",
    "trigger verbs": "attended ",
    "acronym lists": "ATO, ",
    "bullets": "• the item of a list\n",
    "quotes": "“a quoted phrase here” ",
    "topic phrases": "discussed the issue of ",
    "complements": "Customs of ",
    "event phrases": "the 5th meeting of the ",
    "places": "Geneva, Switzerland, ",
}


def text_of(phrase: str, size: int) -> Release:
    body = (phrase * (size // len(phrase) + 1))[:size]
    text = f"A degenerate release\n\n01 January 2025\n\n{body}\n"
    title, dateline, body_start = layout(text)
    return Release("degenerate", "degenerate.txt", text, title, dateline, None, None, None, body_start)


def cpu_seconds(release: Release, runs: int) -> float:
    times = []
    for _ in range(runs):
        c0 = time.process_time()
        extract(release)
        times.append(time.process_time() - c0)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", default="25000,100000", help="two text sizes in characters")
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    small, large = (int(x) for x in a.sizes.split(","))
    extract(text_of("warm up. ", 100))
    print(f"{'phrase':22} {small:>10} {large:>10}  ratio (sizes x{large / small:.0f})")
    for name, phrase in PHRASES.items():
        t_small = cpu_seconds(text_of(phrase, small), a.runs)
        t_large = cpu_seconds(text_of(phrase, large), a.runs)
        print(f"{name:22} {t_small:9.3f}s {t_large:9.3f}s  {t_large / max(t_small, 1e-3):5.1f}")


if __name__ == "__main__":
    main()
