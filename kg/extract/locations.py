"""Phase 1, places: the countries and cities a release names (a country or a city inside a longer
place name gives way to it), and the towns too small for the city gazetteer that the text names with
their country ("Porto Novo, Freedonia")."""
from __future__ import annotations

import re

from .. import places
from . import mentions as mn
from .context import Context

# the capitalised words before a country named after a comma or in brackets: "... in Porto Novo, "
_BEFORE_COUNTRY = re.compile(r"((?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'.-]*)(?:,\s*|\s*\()$")
_OPENERS = frozenset(("The", "In", "At", "From", "To", "Near", "Outside"))  # capitalised words a town's name may follow
REACH = 60
"""How many characters before a country the name of its town is looked for in."""


def find_places(ctx: Context) -> tuple[mn.Mention, ...]:
    """The countries and cities the release names, sorted and not overlapping."""
    ms = [m for m in mn.countries_and_cities(ctx.text) + mn.adjective_countries(ctx.text) if m.start >= ctx.start]
    ms = [m for m in ms if not (ctx.r.dateline and ctx.r.dateline[0] <= m.start < ctx.r.dateline[1])]
    ms += _towns_with_their_country(ctx.text, ms)
    # a city inside a longer country name or a country inside a longer city name: keep the longer
    ms.sort(key=lambda m: (m.start, -(m.end - m.start)))
    out: list[mn.Mention] = []
    for m in ms:
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return tuple(out)


def _towns_with_their_country(text: str, found: list[mn.Mention]) -> list[mn.Mention]:
    """A town of the country named right after it ("Porto Novo, Freedonia", "Porto Novo (Freedonia)"),
    its longest name ending there: the country confirms a name too rare to read alone."""
    ends = {m.end for m in found}
    towns = places.minor_cities()
    out = []
    for m in found:
        if m.kind != "country" or m.rule != "country-gazetteer":
            continue
        before = _BEFORE_COUNTRY.search(text, max(0, m.start - REACH), m.start)
        if before is None or before.end(1) in ends:
            continue  # (a city of the gazetteer already)
        words = list(re.finditer(r"\S+", before.group(1)))
        for i, w in enumerate(words):  # the longest name first, after no other name ("Ms. Ana Castro (Chile)")
            if any(x.group() not in _OPENERS for x in words[:i]):
                break
            name = before.group(1)[w.start():]
            town = towns.get(name, {}).get(m.ident) or towns.get(places.fold(name), {}).get(m.ident)
            if town is not None:
                a = before.start(1) + w.start()
                out.append(mn.Mention(a, before.end(1), "city", town.name, town.geonames_id, "city-with-country",
                                      extra={"country": town.country, "ids": [town.geonames_id]}))
                break
    return out
