"""Phase 4, instruments and programmes: conventions, agreements, programmes and tools a release names."""
from __future__ import annotations

from . import mentions as mn
from .context import Context


def find_things(ctx: Context) -> tuple[mn.Mention, ...]:
    """The instruments and programmes the release names."""
    text, lex = ctx.text, ctx.lex
    org_spans = [(m.start, m.end) for o in ctx.orgs for m in o.mentions]
    out = [m for m in ctx.gazetteer if m.kind in ("instrument", "programme")]
    for kind in ("instrument", "programme"):
        for m in mn.named_things(text, lex, kind):
            if m.start < ctx.start or any(a <= m.start and m.end <= b for a, b in org_spans):
                continue
            entry = lex.entries.get(m.name)
            if entry is not None:
                m = mn.Mention(m.start, m.end, entry.kind, entry.name, entry.name, "gazetteer", entry.acronym)
            out.append(m)
    # acronyms defined for an instrument or programme ("Freedonia Convention on Border Trade (FCBT)")
    for a, b, acr, aa, ab in mn.acronym_definitions(text, lex):
        for m in list(out):
            if m.end == b and m.start >= a - 60 and not m.acronym:
                m.acronym = acr
                for u0, u1, _ in mn.token_occurrences(text, (acr,), ctx.start):
                    out.append(mn.Mention(u0, u1, m.kind, m.name, m.ident, "acronym", acr))
    out = [m for m in out if m.start >= ctx.start]
    out.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[mn.Mention] = []
    for m in out:
        if kept and m.start < kept[-1].end and m.kind == kept[-1].kind and m.ident != kept[-1].ident:
            continue
        kept.append(m)
    # "Integrity Programme" after "WCO Integrity Programme": the same thing under a shorter name
    names = {m.name for m in kept}
    for m in kept:
        longer = [n for n in names if n != m.name and n.endswith(" " + m.name) and m.rule != "gazetteer"]
        if longer:
            m.name = m.ident = min(longer, key=len)
    return tuple(kept)
