"""Extraction: from one release's text to typed nodes and facts, each fact with its evidence span.

    extract(release) -> Extraction

A pipeline of phases over one frozen context (``context.Context``); each phase is a function in its
own module and adds what it finds to a new context, or fills the events of the release:

    locations -> publication -> organizations -> things -> persons      (what the text names)
    occurrences -> frames -> topics -> roles -> ranker                  (the events and their slots)
    emit                                                                (nodes and facts)

Mechanisms here, knowledge in ``ontology/data``: gazetteers (organizations, instruments, programmes,
countries, cities), acronym definitions, head-word patterns, trigger lexicons and date patterns.
"""
from __future__ import annotations

import time

from ..errors import InputError
from ..model import Extraction, Release
from ..resolve import Curation
from ..text import forget_texts
from . import emit, frames, locations, occurrences, organizations, persons, publication, ranker, roles, things, topics
from .context import Context
from .lexicon import load
from .occurrences import Found


MAX_CHARS = 1_000_000
"""The longest text extracted: a release is a few pages; a longer text is reported, not read."""
MAX_SECONDS = 60.0
"""The most time the phases of one release take: past it, the release is reported, not stored."""


def extract(release: Release, curation: Curation = Curation(), max_seconds: float | None = MAX_SECONDS,
            model: ranker.Model | None = None) -> Extraction:
    """Every fact the release states, as nodes and facts with evidence (the ranked roles by ``model``,
    by default the shipped one).

    Raises ``InputError`` as ``read_events`` does."""
    t0 = time.monotonic()
    ctx, found = read_events(release, curation, max_seconds)
    ranker.rank_roles(ctx, found, model)
    if max_seconds is not None and time.monotonic() - t0 > max_seconds:
        raise InputError(release.source, f"extraction took over {max_seconds:g} s (stopped after ranking)")
    return emit.emit(ctx, found)


def read_events(release: Release, curation: Curation = Curation(), max_seconds: float | None = MAX_SECONDS) -> tuple[Context, Found]:
    """The release's context and its events with the roles, places, dates and topics the frames read
    (every phase but the ranked roles and the emitting).

    Raises ``InputError`` for a text over ``MAX_CHARS`` characters, or whose phases take over
    ``max_seconds`` (checked after each phase; each phase is linear in the text's length)."""
    if len(release.text) > MAX_CHARS:
        raise InputError(release.source, f"a text of {len(release.text):,} characters: the most read is {MAX_CHARS:,}")
    deadline = None if max_seconds is None else time.monotonic() + max_seconds

    def check(phase: str) -> None:
        if deadline is not None and time.monotonic() > deadline:
            raise InputError(release.source, f"extraction took over {max_seconds:g} s (stopped after {phase})")

    lex = load(tuple(sorted(curation.aliases.items())))
    forget_texts()
    ctx = Context.of(release, lex, curation)
    ctx = ctx.with_(places=locations.find_places(ctx))
    ctx = ctx.with_(**publication.read_publication(ctx))
    check("places")
    orgs, gazetteer = organizations.find_organizations(ctx)
    ctx = ctx.with_(orgs=orgs, gazetteer=gazetteer)
    ctx = ctx.with_(things=things.find_things(ctx))
    ctx = ctx.with_(persons=persons.find_persons(ctx))
    check("names")
    found = occurrences.find_events(ctx)
    frames.read_frames(ctx, found)
    check("events")
    topics.read_topics(ctx, found)
    roles.assign_roles(ctx, found)
    check("roles")
    return ctx, found
