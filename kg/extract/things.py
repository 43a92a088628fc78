"""Phase 4, instruments and programmes: conventions, agreements, programmes and tools a release names."""
from __future__ import annotations

import re
from functools import lru_cache

from ..text import literal_alternation
from . import mentions as mn
from .context import Context
from .lexicon import Lexicon


@lru_cache(maxsize=4)
def _signed(lex: Lexicon) -> re.Pattern:
    """What a sentence says was signed or concluded (the kinds of ``signed_things`` in the lexicon), when
    it says more than its kind: "signed a loan agreement worth ...", "concluded a protocol on port data",
    "initialled agreed minutes on data exchange" (not a bare memorandum, which names no particular one)."""
    return re.compile(
        r"\b(?:sign(?:s|ed|ing)?|conclud(?:e|es|ed|ing)|initiall?(?:ed|ing))\s+(?:today\s+|[a-z]+ly\s+)?"
        r"(?:of\s+)?(?:(?:an?|the|two|three|four)\s+)?"
        r"(?P<name>(?P<mod>(?:(?!(?:of|the|an?)\s)[A-Za-z][\w-]*\s+){0,3}?)"
        rf"(?P<head>{literal_alternation(lex.list('signed_things'))})s?\b(?:\s*\([A-Z][A-Za-z]{{1,9}}\))?"
        r"(?P<comp>\s+(?:on(?!\s+behalf)|for|in the amount of)\s+(?:[^,.;:()\n]|\.(?=\d)){1,90}?)?)"
        r"(?=\s*(?:[,;:\n]|\.(?!\d)|$)|\s+(?:with|between|by|at|during|today|to\s+(?:support|strengthen|enhance|promote)|in\s+[A-Z]|on\s+(?:\d|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)))",
        re.I)


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
    for m in _signed(lex).finditer(text, ctx.start) if "sign" in text or "conclud" in text or "initial" in text else ():
        if m.group("mod").strip() or m.group("comp"):  # (a kind alone names no instrument)
            a, b = m.span("name")
            if not any(x.start <= a < x.end or a <= x.start < b for x in out):
                name = text[a:b]
                out.append(mn.Mention(a, b, "instrument", name, name, "signed-instrument"))
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
