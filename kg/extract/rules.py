"""Every rule that reads a fact, with the confidence its evidence carries: one table.

The rule of a fact is written with its evidence span in the evidence graph (``rkg:rule``,
``rkg:confidence``); ``kg query low-confidence`` and ``kg explain`` read them. A rule names the
mechanism, not the sentence: "role-speech" is any organization read as a participant through a
speech act ("took the floor", "In her welcome address, ...").
"""
from __future__ import annotations

from ..model import Evidence

RULES: dict[str, tuple[float, str]] = {
    # what the reader gives
    "reader": (1.0, "the release as read: its id, its url, a date given by the reader"),
    "reader-title": (1.0, "the release's title line"),
    "dateline": (1.0, "the release's date line"),
    "place-dateline": (0.9, "a place-and-date line under the title"),
    # names in the text
    "gazetteer": (0.9, "a name of the curated gazetteer of organizations, instruments and programmes"),
    "gazetteer-plural": (0.9, "a gazetteer acronym in the plural ('ABCs')"),
    "acronym": (0.9, "an acronym the release defines, used alone"),
    "acronym-definition": (0.9, "an acronym defined in parentheses after a name"),
    "acronym-country": (0.9, "an acronym with a country after a slash ('ABC/Freedonia')"),
    "acronym-qualified": (0.9, "an acronym with a country or a regional code ('ABC Freedonia', 'ABC A/P')"),
    "acronym-listed": (0.75, "an undefined acronym listed next to an organization ('Freedonia Customs, ABC and the XYZ')"),
    "news-agency": (0.8, "the news agency of a dateline or a byline ('CITY, 5 May (Agency) -', 'By Ivo Marsh - Agency:')"),
    "acronym-affiliation": (0.75, "an undefined acronym a role belongs to ('the Vice-Chair of the ABC')"),
    "org-head-pattern": (0.9, "a name built around an organization's head word ('... Authority', 'Ministry of ...')"),
    "org-shared-head": (0.85, "one body of each country a plural head word is shared by ('the Governments of A and B')"),
    "org-head-anaphor": (0.75, "a body's head word alone after its full name ('the Council')"),
    "instrument-head-pattern": (0.9, "a name built around an instrument's head word ('... Convention')"),
    "programme-head-pattern": (0.9, "a name built around a programme's head word ('... Programme')"),
    "signed-instrument": (0.7, "what a sentence says was signed, with more than its kind ('signed a loan agreement')"),
    "operation-name": (0.9, "an operation's name ('Operation ...')"),
    "resolution-number": (0.9, "a numbered resolution ('resolution 7/5')"),
    "country-gazetteer": (0.9, "a country's name or alias"),
    "country-adjective": (0.9, "a country's adjective or demonym ('Freedonian Customs')"),
    "city-gazetteer": (0.9, "a city's name (GeoNames)"),
    "city-with-country": (0.85, "a town too small for the city gazetteer, named with its country ('Porto Novo, Freedonia')"),
    "city-country": (0.9, "the country a named city lies in"),
    "person-honorific": (0.9, "a name after an honorific ('Ms. ...')"),
    "person-name_role": (0.9, "a name before its role ('..., Director of ...')"),
    "person-role_name": (0.9, "a name after its role ('the Director of ..., ...')"),
    "person-role_org_name": (0.85, "a name after a role and its organization ('the Director of ABC Ivo Marsh said')"),
    "person-role_before": (0.9, "a name right after a role word ('Secretary General ...')"),
    "person-byline": (0.8, "the author a byline names ('By Ivo Marsh', 'By Ivo Marsh – Agency:')"),
    "person-role": (0.8, "the role a person is given next to the name"),
    "person-affiliation": (0.8, "the organization named in a person's role"),
    "email-pattern": (1.0, "an e-mail address"),
    "email-owner": (0.7, "the organization or programme named before an e-mail address in its sentence"),
    # events
    "event-phrase": (0.9, "an event's name: a kind noun with its ordinal, modifiers and complement"),
    "event-ordinal": (0.9, "the ordinal in an event's name"),
    "event-body": (0.9, "the body whose session an event is ('the 3rd session of the ...')"),
    "date-pattern": (0.9, "a date or a range of dates in a sentence about the event"),
    "event-place": (0.9, "a place in a sentence about the event, after a place cue ('held in', 'in')"),
    "attendance-mode": (0.7, "virtual, hybrid or in person, by the words of the event's sentences"),
    "topic-trigger": (0.6, "a phrase after a topic trigger ('discussed', 'focused on')"),
    # roles (ontology/data/triggers.json, by meaning)
    "role-participation": (0.8, "took part, attended, joined, was represented ('X attended', 'representatives of X')"),
    "role-hosting": (0.8, "hosted, organized, convened, held, in cooperation with, thanked for hosting"),
    "role-invitation": (0.8, "invited ('at the invitation of X', 'X invited Y')"),
    "role-speech": (0.8, "spoke: opened, addressed, took the floor, said, a presentation by"),
    "role-chairing": (0.8, "chaired or presided (chairing is taking part)"),
    "role-beneficiary": (0.8, "an event held for an organization's staff ('a seminar for the officers of X')"),
    "role-visit": (0.8, "visited or was visited"),
    "role-meeting": (0.8, "met (a body that meets holds its own meeting)"),
    "role-signing": (0.8, "signed or agreed"),
    "role-venue": (0.8, "the organization an event was held at ('took place at the ABC')"),
    "role-body": (0.8, "a body holds its own numbered session or a meeting named after it"),
    "role-header": (0.8, "the organization that opens a header line with the event's place and dates"),
    "role-delegation": (0.8, "welcomed or received a delegation from an organization"),
    "role-launch": (0.8, "launched a report, a plan, a programme or a tool"),
    "ranked-attendee": (0.6, "the role model (kg train-roles) ranks an organization the frames gave no role as a participant"),
}


def evidence(start: int, end: int, rule: str) -> Evidence:
    """The evidence of a fact read by ``rule`` in ``start:end``, with the rule's confidence."""
    return Evidence(start, end, rule, RULES[rule][0])
