"""Synthetic releases in the seed's layout, for tests and benchmarks that need many of them.

Deterministic: release ``i`` is the same text every time. The sentences are written for this
project; organizations, places and months vary with ``i``.
"""
from __future__ import annotations

from pathlib import Path

ORGS = [
    ("World Customs Organization", "WCO"), ("United Nations Office on Drugs and Crime", "UNODC"),
    ("World Trade Organization", "WTO"), ("International Civil Aviation Organization", "ICAO"),
    ("Organisation for Economic Co-operation and Development", "OECD"), ("Universal Postal Union", "UPU"),
    ("International Maritime Organization", "IMO"), ("World Health Organization", "WHO"),
]
PLACES = [("Vienna", "Austria"), ("Brussels", "Belgium"), ("Geneva", "Switzerland"), ("Nairobi", "Kenya"),
          ("Bangkok", "Thailand"), ("Lima", "Peru"), ("Dakar", "Senegal"), ("Tbilisi", "Georgia")]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
KINDS = ["session", "meeting", "workshop", "conference", "seminar"]
BODIES = ["Working Group on Border Data", "Committee on Trade Security", "Expert Group on Risk Management",
          "Task Force on Illicit Financial Flows"]


def release_text(i: int) -> str:
    host, host_acr = ORGS[i % len(ORGS)]
    guest, guest_acr = ORGS[(i * 3 + 1) % len(ORGS)]
    if guest == host:
        guest, guest_acr = ORGS[(i + 1) % len(ORGS)]
    city, country = PLACES[(i // 2) % len(PLACES)]
    month = MONTHS[i % 12]
    year = 2010 + i % 12
    day = 3 + i % 20
    kind = KINDS[i % len(KINDS)]
    body = BODIES[i % len(BODIES)]
    ordinal = 1 + i // 20  # (a body's numbered session is one event: each release its own)
    suffix = "th" if 10 <= ordinal % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(ordinal % 10, "th")
    return (
        f"{guest_acr} takes part in the {ordinal}{suffix} {kind} of the {body}\n\n"
        f"{day + 9} {month} {year}\n\n"
        f"At the invitation of the {host} ({host_acr}), the {guest} ({guest_acr}) participated in the "
        f"{ordinal}{suffix} {kind} of the {body}, held in {city}, {country}, from {day} to {day + 2} {month} {year}.\n\n"
        f"The participants discussed the exchange of advance cargo data and the protection of supply chains "
        f"in release number {i}.\n"
    )


def write_corpus(folder: Path, n: int, start: int = 0) -> list[Path]:
    """Write releases ``start .. start+n-1`` as ``folder/r00042.txt`` files; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + n):
        p = folder / f"r{i:05d}.txt"
        p.write_text(release_text(i), encoding="utf-8")
        paths.append(p)
    return paths
