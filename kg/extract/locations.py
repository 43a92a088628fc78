"""Phase 1, places: the countries and cities a release names (a country or a city inside a longer
place name gives way to it)."""
from __future__ import annotations

from . import mentions as mn
from .context import Context


def find_places(ctx: Context) -> tuple[mn.Mention, ...]:
    """The countries and cities the release names, sorted and not overlapping."""
    ms = [m for m in mn.countries_and_cities(ctx.text) + mn.adjective_countries(ctx.text) if m.start >= ctx.start]
    ms = [m for m in ms if not (ctx.r.dateline and ctx.r.dateline[0] <= m.start < ctx.r.dateline[1])]
    # a city inside a longer country name or a country inside a longer city name: keep the longer
    ms.sort(key=lambda m: (m.start, -(m.end - m.start)))
    out: list[mn.Mention] = []
    for m in ms:
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return tuple(out)
