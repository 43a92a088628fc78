"""Synthetic releases in the genre, at any size, for the scale benchmark.

usage: python benchmarks/genre.py FOLDER --n 10000 [--start 0]

Release ``i`` is the same text every time (a generator seeded by ``i``). Each one is a page saved as
text: some page furniture (menus, share links, cookie notices), a title, a date line in one of
several languages and shapes (some with the place of issue), then one to three events, each told by
sentences of the shapes real newsrooms use: "X hosted the 12th session of the Y in City, Country,
from 3 to 5 May 2021", "At the invitation of X, Y took part in ...", "The workshop was organized by
X and attended by A, B and C", speeches ("In her opening address, Ms. P, Director of X, ..."),
topics ("Participants discussed ..."), then a contact line and more furniture.

The organizations come from the curated gazetteer (``ontology/data/organizations.jsonl``) and from
made-up national administrations ("Freedonia Revenue Authority" shapes over real country names);
the places from the country table and the city gazetteer; bodies, ordinals, kinds, topics and dates
vary with the seed. Each organization speaks through its own head, the same person and role in each
of its releases (names made of a first name and a surname, so that now and then two organizations'
officials share one, as real names do), and a body's numbered session is held in one place on the same
days in every release that tells it.
"""
from __future__ import annotations

import argparse
import json
import random
import zlib
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "ontology" / "data"

ADMIN_HEADS = ["Customs Administration", "Revenue Authority", "Customs Service", "Border Guard Service",
               "Police Service", "Ministry of Finance", "Ministry of Trade", "Port Authority",
               "Financial Intelligence Unit", "Anti-Corruption Commission"]
BODIES = ["Working Group on Border Data", "Committee on Trade Security", "Expert Group on Risk Management",
          "Task Force on Illicit Financial Flows", "Technical Committee on Valuation", "Council of Ministers",
          "Steering Committee on Port Security", "Sub-Committee on Data Exchange", "Board of Directors",
          "Regional Platform on Counterfeit Goods"]
KINDS = ["workshop", "seminar", "training course", "conference", "forum", "meeting", "high-level meeting",
         "regional workshop", "study visit", "expert meeting"]
TOPICS = ["the exchange of advance cargo information", "risk management in express consignments",
          "the fight against illicit tobacco trade", "the implementation of the Trade Facilitation Agreement",
          "coordinated border management", "the protection of cultural heritage", "e-commerce and postal flows",
          "the use of data analytics in border agencies", "integrity and the prevention of corruption",
          "the detection of counterfeit medicines", "green customs and the environment",
          "gender equality and diversity", "capacity building needs of the region",
          "the security of the international supply chain", "the recovery of stolen assets"]
# people are made of a first name and a surname, each organization speaking through its own head (the
# same person and role in each of its releases, as a newsroom quotes its own officials); a name now and
# then is shared by two organizations' officials, as real names are
FIRST_NAMES = ["Ada", "Ivo", "Lena", "Tomas", "Mira", "Jonas", "Sara", "Pavel", "Amina", "Kenji", "Rosa", "David",
               "Nadia", "Omar", "Ines", "Yusuf", "Hana", "Marek", "Leila", "Bruno", "Esi", "Arjun", "Olga", "Tariq"]
SURNAMES = ["Quill", "Marsh", "Okafor", "Reyes", "Haddad", "Berg", "Njoroge", "Novak", "Diallo", "Sato", "Alves",
            "Mensah", "Petrova", "Farouk", "Lindqvist", "Moreau", "Tanaka", "Osei", "Kovacs", "Ferreira", "Abebe",
            "Castillo", "Nguyen", "Rahman", "Ivanova", "Keller", "Mwangi", "Santos", "Bakr", "Horvat"]
ROLES = ["Director General", "Head of Enforcement", "Deputy Director", "Commissioner", "Secretary General",
         "Head of Capacity Building", "Senior Technical Officer", "Minister"]
NOISE_BEFORE = ["Home | About us | Newsroom | Events | Contact", "Skip to main content", "Search this site",
                "Share this page: Facebook Twitter LinkedIn E-mail", "Newsroom > Press releases", "Menu"]
NOISE_AFTER = ["This site uses cookies to improve your experience. Accept", "Back to top",
               "Related news", "Share: Facebook | Twitter | LinkedIn", "Print this page",
               "Subscribe to our newsletter", "© All rights reserved"]
MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
           "noviembre", "diciembre"],
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
           "November", "Dezember"],
    "pt": ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro",
           "novembro", "dezembro"],
}


@lru_cache(maxsize=1)
def organizations() -> list[tuple[str, str | None]]:
    out = []
    for line in (DATA / "organizations.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            o = json.loads(line)
            out.append((o["name"], o.get("acronym")))
    return out


@lru_cache(maxsize=1)
def places() -> list[tuple[str, str]]:
    """(city, country) pairs of the city gazetteer that the country table names."""
    countries = {}
    for row in (DATA / "countries.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        code, name = row.split("\t")[:2]
        countries[code] = name
    out = []
    for row in (DATA / "cities_extra.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        parts = row.split("\t")
        if len(parts) >= 3 and parts[2] in countries:
            out.append((parts[1], countries[parts[2]]))
    out += [("Vienna", "Austria"), ("Brussels", "Belgium"), ("Geneva", "Switzerland"), ("Nairobi", "Kenya"),
            ("Bangkok", "Thailand"), ("Lima", "Peru"), ("Dakar", "Senegal"), ("Tbilisi", "Georgia"),
            ("Abuja", "Nigeria"), ("Hanoi", "Viet Nam"), ("Manila", "Philippines"), ("Astana", "Kazakhstan")]
    return sorted(set(out))


@lru_cache(maxsize=1)
def countries() -> list[str]:
    return [row.split("\t")[1] for row in (DATA / "countries.tsv").read_text(encoding="utf-8").splitlines()[1:]]


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _a(word: str) -> str:
    return ("an " if word[:1] in "aeiou" else "a ") + word


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _date(rng: random.Random, year: int, month: int, day: int, lang: str) -> str:
    m = MONTHS[lang][month - 1]
    if lang == "en":
        return rng.choice([f"{day} {m} {year}", f"{m} {day}, {year}", f"{day:02d} {m} {year}"])
    if lang in ("es", "pt"):
        return f"{day} de {m} de {year}"
    if lang == "de":
        return f"{day}. {m} {year}"
    return f"{day} {m} {year}"


def _org(rng: random.Random) -> tuple[str, str | None]:
    if rng.random() < 0.45:
        return f"{rng.choice(countries())} {rng.choice(ADMIN_HEADS)}", None
    return rng.choice(organizations())


def _named(o: tuple[str, str | None], first: bool) -> str:
    name, acr = o
    if acr and first:
        return f"the {name} ({acr})"
    if acr:
        return rng_choice_stable(name, acr)
    return f"the {name}"


def rng_choice_stable(name: str, acr: str) -> str:
    return acr if len(name) % 2 else f"the {acr}"


def _head(org: tuple[str, str | None]) -> tuple[str, str]:
    """The person who speaks for an organization, and their role: the same in every release."""
    h = zlib.crc32(org[0].encode("utf-8"))
    first, h = FIRST_NAMES[h % len(FIRST_NAMES)], h // len(FIRST_NAMES)
    last, h = SURNAMES[h % len(SURNAMES)], h // len(SURNAMES)
    return f"{first} {last}", ROLES[h % len(ROLES)]


def _event(rng: random.Random, year: int, lang: str) -> tuple[list[str], str]:
    host, guest = _org(rng), _org(rng)
    others = [_org(rng) for _ in range(rng.randint(1, 4))]
    kind = rng.choice(KINDS)
    if rng.random() < 0.4:
        label = f"{_ordinal(rng.randint(1, 60))} session of the {rng.choice(BODIES)}"
        # (a body's numbered session is one event: every release that tells it tells the same place and days)
        when_rng = random.Random(zlib.crc32(label.encode("utf-8")))
        year = when_rng.randint(2010, 2024)
    else:
        label = f"{kind} on {rng.choice(TOPICS).removeprefix('the ')}"
        when_rng = rng
    city, country = when_rng.choice(places())
    month, day = when_rng.randint(1, 12), when_rng.randint(1, 24)
    days = when_rng.randint(0, 4)
    when = (f"from {day} to {day + days} {MONTHS['en'][month - 1]} {year}" if days else
            f"on {_date(when_rng, year, month, day, 'en')}")
    listed = ", ".join(_named(o, True) for o in others[:-1]) + (" and " if len(others) > 1 else "") + _named(others[-1], True)
    person, role = _head(host)
    shape = rng.randrange(5)
    if shape == 0:
        lead = (f"At the invitation of {_named(host, True)}, {_named(guest, True)} took part in the {label}, "
                f"held in {city}, {country}, {when}.")
    elif shape == 1:
        lead = f"{_cap(_named(host, True))} hosted the {label} in {city}, {country}, {when}."
    elif shape == 2:
        lead = (f"The {label} was organized by {_named(host, True)} in {city} {when} and attended by "
                f"{listed}.")
    elif shape == 3:
        lead = (f"{_cap(_named(guest, True))} participated in the {label}, which took place in {city}, "
                f"{country}, {when}.")
    else:
        lead = (f"{_cap(_named(host, True))} and {_named(guest, True)} convened {_a(kind)} in {city} {when}, "
                f"bringing together delegates from {listed}.")
    body = [lead]
    if rng.random() < 0.7:
        pronoun = rng.choice(["his", "her"])
        body.append(f"In {pronoun} opening address, {rng.choice(['Ms.', 'Mr.', 'Dr.'])} {person}, {role} of "
                    f"{_named(host, False)}, underlined the importance of {rng.choice(TOPICS)}.")
    t1, t2 = rng.sample(TOPICS, 2)
    body.append(rng.choice([f"Participants discussed {t1} and {t2}.",
                            f"The discussions focused on {t1}, as well as {t2}.",
                            f"Delegates exchanged views on {t1}."]))
    if rng.random() < 0.5:
        body.append(f"Representatives of {listed} also shared their national experiences.")
    return body, label


def release_text(i: int) -> str:
    rng = random.Random(i)
    year = 2008 + rng.randrange(17)
    lang = rng.choice(["en", "en", "en", "fr", "es", "de", "pt"])
    events = [_event(rng, year, lang) for _ in range(rng.choice([1, 1, 2, 3]))]
    title = events[0][1][:1].upper() + events[0][1][1:]
    pub = _date(rng, year, rng.randint(1, 12), rng.randint(1, 28), lang)
    city, _ = rng.choice(places())
    dateline = rng.choice([pub, f"{city}, {pub}", f"Published: {pub}", f"{city.upper()}, {pub} -"])
    lines = rng.sample(NOISE_BEFORE, rng.randint(0, 3)) + [title, "", dateline, ""]
    for body, _ in events:
        lines += [" ".join(body), ""]
    lines.append(f"For more information: press{i % 97}@example.org")
    lines += rng.sample(NOISE_AFTER, rng.randint(0, 3))
    return "\n".join(lines) + "\n"


def write_corpus(folder: Path, n: int, start: int = 0) -> None:
    """Write releases ``start .. start+n-1`` as ``folder/g0000042.txt`` (an existing file of the same
    name is left as it is)."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(start, start + n):
        p = folder / f"g{i:07d}.txt"
        if not p.exists():
            p.write_text(release_text(i), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder")
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--start", type=int, default=0)
    a = ap.parse_args()
    write_corpus(Path(a.folder), a.n, a.start)


if __name__ == "__main__":
    main()
