"""Extraction: from one release's text to typed nodes and facts, each fact with its evidence span.

    extract(release) -> Extraction

A pipeline of phases over one frozen context (``context.Context``); each phase is a function in its
own module and adds what it finds to a new context, or fills the events of the release:

    locations -> publication -> organizations -> things -> persons      (what the text names)
    occurrences -> frames -> topics -> roles                            (the events and their slots)
    emit                                                                (nodes and facts)

Mechanisms here, knowledge in ``ontology/data``: gazetteers (organizations, instruments, programmes,
countries, cities), acronym definitions, head-word patterns, trigger lexicons and date patterns.
"""
from __future__ import annotations

from ..model import Extraction, Release
from ..resolve import Curation
from ..text import forget_texts
from . import emit, frames, locations, occurrences, organizations, persons, publication, roles, things, topics
from .context import Context
from .lexicon import load


def extract(release: Release, curation: Curation = Curation()) -> Extraction:
    """Every fact the release states, as nodes and facts with evidence."""
    lex = load(tuple(sorted(curation.aliases.items())))
    forget_texts()
    ctx = Context.of(release, lex, curation)
    ctx = ctx.with_(places=locations.find_places(ctx))
    ctx = ctx.with_(**publication.read_publication(ctx))
    orgs, gazetteer = organizations.find_organizations(ctx)
    ctx = ctx.with_(orgs=orgs, gazetteer=gazetteer)
    ctx = ctx.with_(things=things.find_things(ctx))
    ctx = ctx.with_(persons=persons.find_persons(ctx))
    found = occurrences.find_events(ctx)
    frames.read_frames(ctx, found)
    topics.read_topics(ctx, found)
    roles.assign_roles(ctx, found)
    return emit.emit(ctx, found)
