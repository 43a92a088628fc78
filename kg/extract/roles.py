"""Roles: which organizations took part in, hosted or invited to each event.

A phase over the mentions already found. It reads every sentence that holds a trigger phrase of
``ontology/data/triggers.json`` by a shallow analysis of the sentence:

* a **subject** trigger ("Freedonia Customs attended ...", "... and the Ruritanian Police hosted ...")
  takes the organizations of its subject: the words between the start of its clause and the verb.
  The clause starts after a fronted adverbial phrase ("At the invitation of X, ..."), a relative
  pronoun, or the arguments of the trigger before it; two verbs joined by "and" share a subject; a
  relative clause that opens with its verb has for subject what its pronoun stands for ("X, which
  hosted the forum, ..."), and one closed before the verb is an aside ("X, which ..., attended").
  In the passive ("X was invited to ...") the subject takes the frame's ``passive_role``, if any.
* an **agent** trigger ("was opened by", "organized jointly by") and an **after** trigger
  ("representatives of", "at the invitation of", "for the officers of") take the list that
  follows: organizations, and people through their affiliation, joined by commas, "and",
  appositions and roles, up to a clause boundary.
* a subject trigger with an ``object_role`` gives it to the list after the verb ("X visited Y"); an
  **object** trigger takes the organization right after it ("took place at the ABC"); a **thanked**
  trigger the organizations thanked before it ("thanked the ABC for hosting").
* a subject separated from its verb by an aside keeps it ("X, in cooperation with Y, convened");
  a participle after a noun ("the forum held in ...") or used as an adjective has no subject.

Organizations named as the members of another ("ABC Member States") are not that organization; a
body that meets on its own holds its meeting. Each role goes to the event named in the sentence
(after a subject verb, before an agent or after phrase when there is one), else to the last event
named before, else to the release's main event (``assign_roles`` makes one when the release names
none).
"""
from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from .. import resources
from ..places import country_names
from ..text import text_cache
from . import events as ev
from .mentions import all_tokens

if TYPE_CHECKING:
    from .context import Context
    from .occurrences import Found

DATA = resources.DATA / "triggers.json"

READS = ("subject", "agent", "after", "object", "thanked", "owner")
ROLES = ("attendee", "organizer", "invitedBy")

_DETERMINER = (r"(?:(?:a|an|the|its|his|her|their|our|some|several|\d+|one|two|three|four|five|six|seven|eight|nine|ten|"
               r"eleven|twelve|fifteen|twenty|thirty|forty|fifty|[a-z]+teen)\s+)?")
# an adverb may stand between two words of a phrase ("organized jointly by", "was also present at"),
# and an acronym after a noun ("a Protocol of Cooperation (PoC) with")
_ADVERB = r"(?:[a-z]+ly|also|very)"
_MODIFIER = rf"(?:(?:{_ADVERB})\s+)?(?:[a-z][\w-]*\s+)?"  # ("a very useful presentation")
_GAP = rf"\s+(?:{_ADVERB}\s+|\([A-Z][A-Za-z./-]{{1,9}}\)\s+)?"
# "{at}": where the words of a phrase are about, said between them ("speakers |at the forum in Lima| included")
_AT_PHRASE = r"(?:\s+(?:at|in|of|on|during)\s+[^,;.:\n]{1,80}?)?"
# "{obj}": what a participle is about, in lower case ("attending |the meeting| were")
_OBJECT_PHRASE = r"(?:\s+(?:the|this|that)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}?)?"
# ", as current chair of Y,": an aside of the subject (not ", as well as Y,": a second subject)
_AS_ASIDE = re.compile(r",\s+(?:in\s+its\s+capacity\s+)?as\s+(?!well\s+as\b)[^,;()]{1,80},")
# an acronym, the words of a region and a vice-chair's title ("the ABC Asia Pacific Vice-Chair")
_REGION_TITLE = re.compile(r"(?:[ \u00a0]+[A-Z][\w/&-]*){1,4}[ \u00a0]+(?i:vice[- ]chair(?:person)?)\b")
_OWNER_BEFORE = re.compile(r"[’']s\s+(?:[a-z][\w-]*\s+){0,2}$")  # "X’s |official| delegation to"
# a passive verb's adjuncts before its agent ("organized |in Lima on 4 March| by X")
_ADJUNCT = r"(?:\s+(?:in|on|at|from|for|during|between)\s+[^,;.:()\n]{1,60}?)?"
# the words of a phrase of where or when inside a trigger phrase, which may be names (left out where the
# trigger's own words are tested for capitals)
_AT_WORDS = re.compile(r"\s(?:at|in|of|on|from|for|during|between)\s[^,;.:\n]{1,80}?\s(?=\S+$)")
_BE_AUX = re.compile(rf"\b(?:is|are|was|were|be|been|being)\s+(?:{_ADVERB}\s+)?$", re.I)
# where an argument list ends: punctuation of a clause, a relative pronoun, a conjunction of clauses,
# a finite verb of the common kind, a preposition that opens a new complement
_BOUNDARY_WORDS = ("which", "who", "whom", "whose", "where", "while", "whereas", "but", "that", "was", "were", "is", "are",
                   "has", "have", "had", "will", "would", "to", "on", "in", "at", "during", "under", "through", "after",
                   "before", "since", "for", "about", "regarding", "with", "by", "held", "said", "says", "stated",
                   "noted", "added", "came")
# (a word in lower case or capitalised: "WHO" is an organization, not the pronoun)
_BOUNDARY = re.compile(r"[;:!?\"“”]|\b(?:" + "|".join(f"[{w[0]}{w[0].upper()}]{w[1:]}" for w in _BOUNDARY_WORDS) + r")\b")
# the words between two items of a list that are a person's name and the title of the next one, which
# may hold a preposition of its own (", Jane Doe, and the Secretary for Digital Affairs of the"); items
# may be parted by semicolons ("with the Director of X, P; the Secretary of Y, Q; and ...")
_TITLE_GAP = re.compile(r"\)?[\s,;]*(?:(?:and|the|of|for|on|in|to)\s+|[A-Z][\w.'’-]*[\s,;]+)*(?:of|at)\s+(?:the\s+)?")
# the words between a hosting verb's last agent and the part through which it acts, an agent of its own
# ("organized by X through its Y"), or the one it acts with ("organized by X with Y": not "with the support
# of Y", "with Y funding", "with Y's support", "with Y as donor")
_PARTNER_GAP = re.compile(r"\s*(?:\([^()]{1,20}\))?(?:,?\s+(?:through|via)\s+its|\s+with(?:\s+the)?)\s+")
# after a colon the list's items may be parted by semicolons ("Speakers included: P, Director of X; Q, ...")
_SUPPORT_AFTER = re.compile(r"\s*(?:\([^()]{1,20}\)\s*)?(?:['’]s\b|(?:support|funding|financing|assistance|backing|"
                            r"sponsorship|grant|as)\b)", re.I)
_LIST_BOUNDARY = re.compile(_BOUNDARY.pattern.replace("[;:", "[:"))
_COLON = re.compile(r"\s*:\s*")
_LEAD_TO_COLON = re.compile(r"\s*(?:[a-z][\w'’-]*\s+){1,8}[a-z][\w'’-]*\s*:\s*")
_COLON_LIST = re.compile(r"[^:;.,\n]{0,60}:[ \t]*\n\s*")  # "joined by these delegations:" and a list below
# the end of one item of a list after a colon: a semicolon, or a line break before a list marker
_SEMICOLON = re.compile(r";\s*(?:and\s+)?|\s*\n\s*(?:[-–•*·▪◦]|\d{1,2}[.)])\s*")
_LIST_ITEM = re.compile(r"\s*(?:[-–•*·▪◦]|\d{1,2}[.)])\s+\S")  # a line that is an item of a list
# (and "as": "X, as current chair of Y, hosted ...", "as host")
_NOUN_BEFORE = re.compile(r"(?:\b(?:the|a|an|this|that|these|those|its|his|her|their|our|every|each)|['’]s"
                          r"|\bas(?:\s+(?:current|acting|outgoing|incoming|interim|new|former))?)\s+$", re.I)
# (but a past form after "each" or "that" is a verb: "A and B each presented ...", "the bodies that took part")
_PRONOUN_BEFORE = re.compile(r"\b(?:each|that)\s+$", re.I)
_PERFECT_BEFORE = re.compile(r"\b(?:has|have|had|having)\s+(?:[a-z]+ly\s+)?$", re.I)
_OF_BEFORE = re.compile(r"\bof\s+(?:the\s+)?$")
_OF_THE = re.compile(r"^of\s+(?:the\s+)?")
_ITS_BEFORE = re.compile(r"\b(?:its|their)\s+(?:own\s+)?$")
# "Freedonia Customs| (FC)| hosted", "the Freedonia Police| (Policía de Freedonia, PF)| hosted"
_ASIDE_ACRONYM = re.compile(r"^\s*\(\s*[A-Z][^()\n]{1,80}\)")
_PREPOSITION_AFTER = re.compile(r"\s+(?:in|at|on|from|during|under|between|over|via|every|last|this|since|jointly|annually|"
                                r"recently|yearly|twice|once)\b", re.I)
_RELATIVE = re.compile(r"\s(?:which|who|whose|that)\s")
_PREPOSITION_WHICH = re.compile(r"\b(?:during|in|at|after|before|throughout|through)\s+which\s+")
_COMMA = re.compile(r",\s*")
# a relative clause that opens with its verb: its subject is what the pronoun stands for ("X, which
# hosted the forum, ...": X)
_RELATIVE_VERB = re.compile(rf",\s*(?:which|who)\s+(?:{_ADVERB}\s+)?$")
# a verb that says some took part (not "represents an investment", "joined forces")
_TOOK_PART = re.compile(r"(?:t(?:ake|akes|ook|aking)\s+part|participat|attend)", re.I)
_ACRONYM_PARENS = r"\s*(?:\([^()]{1,20}\))?\s*"  # an acronym in parentheses after a name, or nothing
_AND_GAP = re.compile(_ACRONYM_PARENS + r",?\s+and\s+")  # "..., together with Y (YZ) and |with the support of Z"
_IN_PLACE = r"in\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*"  # where a body sits: "in Freedonia City"
_NAME_AFTER = re.compile(r"\s+(?:the\s+)?[A-Z][\w'’.&/-]*(?:\s+(?:(?:of|for|on|and|the|in|&)\s+)*[A-Z][\w'’.&/-]*)*"
                         rf"(?:\s*\([^()]{{1,20}}\))?(?:\s+{_IN_PLACE})?")
# the end of ", in cooperation with X (XY)," (and of X where it sits: ", with the support of X in Freedonia,")
_ASIDE_END = re.compile(_ACRONYM_PARENS + rf"(?:{_IN_PLACE}\s*)?,\s*")
_BY_AFTER = re.compile(r"\s+by\b")
_NOT_SAID_HERE = re.compile(r"\b(?:to|at|will|shall|would|could|may|might|can|has|have|had)\s+(?:also\s+)?$", re.I)
_OPENING = re.compile(r"[\s\"“‘'(]*(?:[^,]{1,60},\s*)?")
_MEMBERS_OF = re.compile(r"\b(?:member\s+(?:states|countries|administrations)|members)\s+of\s+(?:the\s+)?$", re.I)
_POSSESSIVE = re.compile(r"['’]s\s+(?:own\s+)?")
_MODIFIED = re.compile(r"[ \u00a0]\d")  # "the ABC 1540 Committee"
_COMPLEMENT = re.compile(r"\s+(?:of|for|on|in|against)\s+")
_HOUSE = re.compile(r"\s*(?:the\s+)?(?:(?:premises|headquarters|offices?|seat)\s+of\s+(?:the\s+)?)?", re.I)
_COORDINATION = re.compile(r"\s*(?:,\s*)?(?:and|or|as well as)?\s*$")
# a verb's -s form that is a plural noun after a number or a word of members ("has twelve member states")
_PLURAL_NOUN = re.compile(r".*\b(?:member|partner|\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                          r"[a-z]+teen|twenty|thirty|forty|fifty|many|several|all|other)\s+[a-z]+s")
_AND_BY = re.compile(r",?\s+and\s+(?:also\s+)?by\s+")  # "... by A, on X, |and by| B"
_BOUNDARY_MARK = re.compile(r"[;:!?()\"“”]")  # the punctuation of _BOUNDARY, and brackets
_CLAUSE_VERB = re.compile(r"\b(?:was|were|is|are|has|have|had|will|said|which|who)\b")  # (another clause between)
_OWNER_GAP = re.compile(r"\s*(?:\([A-Z][\w&/.-]{0,11}\))?\s*")
_OF_PARENT = re.compile(_OWNER_GAP.pattern + r"of\s+(?:the\s+)?")  # "the Committee (AC)| of the |ABC"
_OFFICE = re.compile(r"(?:Regional|Country|Sub-Regional|Subregional|Liaison|Programme|Project|Field)\s+Offices?\b|"
                     r"(?:Commission|Secretariat)\b(?!\s+(?:of|on|for)\b)")
_QUOTE_BEFORE = re.compile(r"[\"”’'],?\s*$")  # the end of a quotation, before an inverted verb
# what a partnership phrase can qualify after the last event a sentence names: the partners of a
# programme ("the Freedonia Programme, implemented in cooperation with X") are not the hosts of an event
_PROGRAMME_BEFORE = re.compile(r"\b(?:programmes?|programs?|projects?|facility|fund)\b", re.I)
_SHARED_ROLE = re.compile(r"(?:(?:jointly|together|along)\s+with|alongside)\b")
_DIRECT = re.compile(r"\s*(?:the\s+)?")  # between an agent phrase and an organization it names itself
# between an event and the passive verb that tells of it ("the course, which ran in May, was |delivered"), and
# what puts an event inside a phrase about something else ("a presentation |on the| course")
_PREPOSITION_BEFORE = re.compile(r"\b(?:on|of|about|for|in|at|from|to|with|by|under|during)\s+"
                                 r"(?:(?:the|a|an|this|its|their)\s+)?$", re.I)
_EVENT_SUBJECT = re.compile(r"\s*(?:\([^()]{1,20}\)\s*)?(?:,[^,;]{1,80},\s*|,\s*)?"
                            r"(?:(?:was|were|is|are|has\s+been|have\s+been)\s+)?(?:[a-z]+ly\s+)?")
_WITH = re.compile(r"\s+with\s+")
_SHARED_GAP = re.compile(r"[^,;:()]{0,160}(?:,\s*)?")  # between a hosting verb and ", jointly with": its object, no other clause
_ACRONYM_GAP = re.compile(_ACRONYM_PARENS + r",?\s*")
_FIRST_GAP = 90  # the most characters between a trigger and the first of its arguments
_OPENED_GAP = 240  # ... and between a trigger and the word that opens its list of names ("..., including")
_LIST_OPENER = re.compile(r",?\s+(?:including|such\s+as|among\s+them|among\s+whom|notably|as\s+well\s+as)"
                          r"\s+(?:the\s+)?")
_HEAD_GAP = 25  # ... and between a trigger and a noun phrase that heads its list ("attended by officers of")
_NEXT_GAP = 90  # ... and between two arguments of one list
_CAPITALISED = re.compile(r"[A-Z][\w'’-]+")


def _reach(gap: str) -> int:
    """How far apart two arguments are: the characters between them but the names of countries ("the
    delegates of Freedonia, Sylvania, ..., and the ABC": the list of countries is one of the items)."""
    names = country_names()
    return len(gap) - sum(len(w) for w in _CAPITALISED.findall(gap) if w in names)


@dataclass(frozen=True)
class Frame:
    meaning: str
    role: str | None
    reads: str
    object_role: tuple[str, ...] = ()
    passive_role: str | None = None
    inverted: bool = False
    needs_event: bool = False
    transitive: bool = False
    body_role: str | None = None
    adjacent: bool = False
    tells_event: str | None = None  # the kind of event the phrase tells on its own ("paid a courtesy call on": a visit)
    direct_role: str | None = None  # the role of an agent named right after the phrase, not through its people
    event_kind: str | None = None  # the kind of event the phrase must tell of ("signing": not any meeting)


@dataclass(frozen=True)
class Triggers:
    starts: dict[str, tuple[tuple[Frame, re.Pattern], ...]]  # lower-case first word -> the frames and phrases it opens
    not_the_organization: re.Pattern
    participles: frozenset[str]  # lower-case past participles of every verb of the frames
    adjective_use: re.Pattern  # what follows a participle used as an adjective ("organized crime")
    bodies: frozenset[str]  # the head words of the names of bodies that meet
    thanking: re.Pattern  # the words after which an organization is thanked
    event_verbs: re.Pattern  # any form of a verb that tells an event ("held", "is holding", "took part")
    member_groups: re.Pattern  # "of the focal points (FPs) of", before the organization they meet for


@dataclass(frozen=True)
class Claim:
    """One organization in one role at one event, with the span that states it."""

    role: str
    org: object
    event: object
    start: int
    end: int
    meaning: str


def _inflect(lemma: str, irregular: dict[str, list[str]]) -> tuple[list[str], list[str]]:
    """(every form, the past participles) of a verb: "organize" -> organize, organizes, organized,
    organizing and the -ise forms; a hyphenated verb inflects its last part ("co-host")."""
    head, sep, last = lemma.rpartition("-")
    prefix = head + sep
    if last in irregular:
        forms = irregular[last]
        past = [f for f in forms if f not in (last, last + "s") and not f.endswith("ing")]
    else:
        stem = last[:-1] if last.endswith("e") else last
        third = last + ("es" if last.endswith(("s", "sh", "ch", "x", "z", "o")) else "s")
        ed = last + "d" if last.endswith("e") else (last[:-1] + "ied" if re.search(r"[^aeiou]y$", last) else last + "ed")
        forms = [last, third, ed, stem + "ing"]
        past = [ed]
        if last.endswith("ize"):
            forms += [f.replace("iz", "is") for f in forms]
            past += [ed.replace("iz", "is")]
    return [prefix + f for f in forms], [prefix + f for f in past]


_CAME = r"(?:(?:came|come|comes)\s+)?"  # between people and "from" ("delegations came from")
# the present tense of the past verbs that end the phrases read after them
_PRESENT = {"were": "are", "was": "is", "included": "include|includes", "comprised": "comprise|comprises"}


def _phrase_pattern(phrase: str, reads: str, irregular: dict[str, list[str]],
                    past_only: bool = False) -> tuple[tuple[str, ...], list[str], list[str]]:
    """(the pattern of a phrase from its first word on, as the parts it is the concatenation of, the
    forms its first word takes, the past participles of its verb; only those with ``past_only``).
    Optional words before the first word only widen the span; they are left out."""
    words = phrase.split()
    while words and words[0] in ("{a}", "{adj}"):
        words = words[1:]
    out: list[list[str]] = []  # the parts of each word (with the optional words before it), and the gaps
    pending: list[str] = []
    participles: list[str] = []
    firsts: list[str] = []
    for i, w in enumerate(words):
        comma = w.endswith(",") and len(w) > 1  # ("attended, among them": a comma after the word)
        w = w[:-1] if comma else w
        if w == "{a}":
            pending.append(_DETERMINER)
            continue
        if w == "{adj}":
            pending.append(_MODIFIER)
            continue
        if w == "{at}" and out:
            out[-1].append(_AT_PHRASE)
            continue
        if w == "{obj}" and out:
            out[-1].append(_OBJECT_PHRASE)
            continue
        if reads == "agent" and w == "by" and out:
            out[-1].append(_ADJUNCT)
        if i == 0 and (reads in ("subject", "agent", "object") or w in irregular):
            # (a phrase read after it opens with a verb too: "bring together" -> "brought together")
            forms, past = _inflect(w, irregular)
            if w != "be" and not w.startswith("co-"):
                # (and the verb done jointly: "co-convened by", "co-hosts", "co-chaired")
                joint, joint_past = _inflect("co-" + w, irregular)
                forms, past = forms + joint, past + joint_past
            participles += past
            alternatives = past if reads == "agent" or past_only else forms
            piece = "(?:" + "|".join(re.escape(f) for f in sorted(set(alternatives), key=len, reverse=True)) + ")"
            firsts = alternatives
        elif w.endswith("+"):
            piece = re.escape(w[:-1]) + "(?:e?s)?"
            if i == 0:
                firsts = [w[:-1], w[:-1] + "s", w[:-1] + "es"]
        elif i > 0 and reads == "after" and w == "from" and words[i - 1].endswith("+"):
            piece = _CAME + "from"  # ("officers from", "the officers came from")
        elif i > 0 and reads == "after" and w in _PRESENT:
            # ("participants included" / "include", "among the participants were" / "are": either tense)
            piece = f"(?:{re.escape(w)}|{_PRESENT[w]})"
        else:
            piece = re.escape(w)
            if i == 0:
                firsts = [w]
        if out:
            out.append([_GAP])
        out.append(pending + [piece + (r"\s*," if comma else "")])
        pending = []
    return tuple(part for parts in out for part in parts), [f.lower() for f in firsts], participles


def _tree_of(phrases: list[tuple[str, ...]]) -> str:
    """One pattern for the phrases of a frame that open with one word, each given as the parts its
    pattern is the concatenation of: the phrases, longer first (an alternation takes the first that
    matches), as a tree of their parts, so that the parts phrases share at their start ("for", a
    determiner, a modifier) are matched once, not once per phrase. It matches where their alternation
    matches; where an optional part may take a word, it takes it before the parts after it are tried
    ("delivered the keynote address": the modifier takes "keynote", and "address" follows it)."""
    tree: dict = {}
    for parts in sorted(phrases, key=lambda p: len("".join(p)), reverse=True):
        node = tree
        for part in parts:
            node = node.setdefault(part, {})
        node[None] = {}  # a phrase ends here (after the longer ones through this node: tried last)

    def pattern(node: dict) -> str:
        alternatives = ["" if part is None else part + pattern(child) for part, child in node.items()]
        return alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
    return "(?:" + pattern(tree) + ")"


@lru_cache(maxsize=4)
def load(path: Path = DATA) -> Triggers:
    """The trigger frames of ``path``, compiled once per process."""
    data = json.loads(path.read_text(encoding="utf-8"))
    irregular = data["verb_forms"]
    participles: set[str] = set()
    by_first: dict[str, dict[Frame, list[tuple[str, ...]]]] = {}
    for f in data["frames"]:
        if f["reads"] not in READS or f["role"] not in ROLES + (None,):
            raise ValueError(f"{path}: frame {f['meaning']!r}: unknown reads {f['reads']!r} or role {f['role']!r}")
        object_role = f.get("object_role")
        frame = Frame(f["meaning"], f["role"], f["reads"],
                      tuple([object_role] if isinstance(object_role, str) else object_role or ()), f.get("passive_role"),
                      f.get("inverted", False), f.get("needs_event", False), f.get("transitive", False),
                      f.get("body_role"), f.get("adjacent", False), f.get("tells_event"), f.get("direct_role"),
                      f.get("event_kind"))
        for phrase in f["phrases"]:
            piece, firsts, past = _phrase_pattern(phrase, f["reads"], irregular, f.get("past_only", False))
            participles.update(p.lower() for p in past)
            for w in firsts:
                by_first.setdefault(w, {}).setdefault(frame, []).append(piece)
    starts = {w: tuple((frame, re.compile(_tree_of(pieces) + r"(?![\w-])", re.I)) for frame, pieces in frames.items())
              for w, frames in by_first.items()}
    for forms in irregular.values():
        participles.update(x for x in forms if x.endswith(("en", "d", "t")) and x not in ("send", "lead", "hold", "meet"))
    members = re.compile(r"(?:['’]s)?\s*(?:" + "|".join(re.escape(w) for w in data["not_the_organization"]) + r")\b", re.I)
    adjective = re.compile(r"\s+(?:" + "|".join(re.escape(w) for w in data["not_followed_by"]) + r")\b", re.I)
    thanking = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in data["thanking"]) + r")\b", re.I)
    verbs = set()
    for phrase in data["event_verbs"]:
        first, _, rest = phrase.partition(" ")
        verbs.update(f + (" " + rest if rest else "") for f in _inflect(first, irregular)[0])
    event_verbs = re.compile(r"\b(?:" + "|".join(re.escape(v) for v in sorted(verbs, key=len, reverse=True)) + r")\b")
    groups = re.compile(r"\s*(?:of|for)\s+(?:the\s+)?(?:" + "|".join(re.escape(w) for w in data["member_groups"])
                        + r")(?:\s*\([A-Z][\w]*\))?\s+of\s+(?:the\s+)?", re.I)
    return Triggers(starts, members, frozenset(participles), adjective, frozenset(data["bodies"]), thanking,
                    event_verbs, groups)


def find_triggers(text: str, triggers: Triggers, start: int = 0) -> list[tuple[int, int, Frame]]:
    """Every trigger phrase of ``text`` after ``start``: (start, end, frame), tried only at the
    words that open a phrase."""
    out = []
    toks, offsets = all_tokens(text)
    for a, _, tok in toks[bisect.bisect_left(offsets, start):]:
        for frame, pattern in triggers.starts.get(tok.lower(), ()):
            m = pattern.match(text, a)
            if m is not None:
                out.append((a, m.end(), frame))
    return out


@text_cache(maxsize=2)
def _text_triggers(text: str) -> tuple[list[int], list[tuple[int, int, Frame]]]:
    found = find_triggers(text, load())
    return [a for a, _, _ in found], found


def triggers_after(text: str, start: int = 0) -> list[tuple[int, int, Frame]]:
    """``find_triggers`` of the shipped frames, found once per text (the phases that read them share them)."""
    starts, found = _text_triggers(text)
    return found[bisect.bisect_left(starts, start):]


Mention = tuple  # (organization, mention with .start and .end)


def is_body(name: str, triggers: Triggers | None = None) -> bool:
    """Whether ``name`` is the name of a body that meets: its head, the last word before a
    complement, is a body's ("the Executive Council", "the Council of Ministers of Freedonia")."""
    head = head_word(name)
    return bool(head) and head.rstrip("’'") in (triggers or load()).bodies


def head_word(name: str) -> str:
    """The head of an organization's name: its last word before a complement ("the Council of
    Ministers of Freedonia" -> "Council")."""
    words = _COMPLEMENT.split(name, maxsplit=1)[0].split()
    return words[-1] if words else ""


def read_roles(text: str, sentences: Iterable[tuple[int, int]], mentions_in: Callable[[int, int], list[Mention]],
               clause_start: Callable[[int, int], int], event_mentions: list[tuple[int, int, object]],
               main: object | None, triggers: Triggers | None = None, lists: dict[int, int] | None = None) -> list[Claim]:
    """Every (organization, role, event) the trigger phrases of the sentences state.

    ``mentions_in(a, b)`` gives the organizations named in ``a:b`` (and those of the people named
    there, through their affiliation), sorted by start; ``event_mentions`` the (start, end, event)
    of every event mention, sorted; ``clause_start(s0, pos)`` where the clause that ends at ``pos``
    starts, after a fronted phrase of the sentence that starts at ``s0``; ``lists`` where the list
    below a sentence that ends with a colon ends, by the sentence's end (see ``lists_below``).
    """
    trig = triggers or load()
    lists = lists or {}
    starts = [s for s, _, _ in event_mentions]
    ends = sorted(e for _, e, _ in event_mentions)
    claims: list[Claim] = []

    def event_for(s0: int, s1: int, pos: int, after_first: bool) -> object | None:
        i, j = bisect.bisect_left(starts, s0), bisect.bisect_left(starts, s1)
        here = event_mentions[i:j]
        before = [e for s, _, e in here if s < pos]
        after = [e for s, _, e in here if s >= pos]
        if after_first and after:
            return after[0]
        if before:
            return before[-1]
        if after:
            return after[0]
        return event_mentions[i - 1][2] if i > 0 else main

    def a_noun(s0: int, a: int, b: int) -> bool:
        """Whether the verb phrase of a subject frame at ``a:b`` is a noun ("the visit of X to Y", "their
        meeting", "twelve member states"): no verb, neither of its own nor as the end of a list before it."""
        first = text[a:b].split()[0].lower()
        return bool(_NOUN_BEFORE.search(text, max(s0, a - 16), a)
                    and not (first in trig.participles and _PRONOUN_BEFORE.search(text, max(s0, a - 6), a))
                    or " " not in text[a:b] and _PLURAL_NOUN.fullmatch(text, max(s0, a - 30), b))

    def members(o_m: Mention) -> bool:
        """Not the organization itself: its members ("ABC Member States"), its acronym naming something
        else ("the ABC 1540 Committee"), or the owner of the organization named next ("the ABC's
        Regional Office")."""
        m = o_m[1]
        if m.kind == "organization" and text[m.start:m.end].isupper() and _MODIFIED.match(text, m.end):
            return True
        owner = _POSSESSIVE.match(text, m.end)
        if owner and any(x[1].start == owner.end() for x in mentions_in(owner.end(), owner.end() + 120)):
            return True
        if m.kind == "organization":
            # the owner of the office or organ named right after it ("the ABC (A) Regional Office for ...",
            # "the ABC Country Office in Freedonia", "the ABC Commission")
            after = _OWNER_GAP.match(text, m.end)
            if _OFFICE.match(text, after.end()) and any(
                    x[0] is not o_m[0] and x[1].kind == "organization"
                    and (x[1].start == after.end() or x[1].start == m.start and x[1].end > m.end)
                    for x in mentions_in(m.start, after.end() + 200)):
                return True
        if m.kind == "organization" and text[m.start:m.end].isupper() and _REGION_TITLE.match(text, m.end):
            return True  # "X, ABC Asia Pacific Vice-Chair": a title
        return bool(trig.not_the_organization.match(text, m.end, m.end + 40)
                    or _MEMBERS_OF.search(text, max(0, m.start - 40), m.start))

    def adjacent(pos: int, stop: int) -> tuple[list[Mention], int]:
        """The organization named right after ``pos`` ("at the ABC", "at the premises of the ABC")."""
        for o_m in mentions_in(pos, stop)[:1]:
            if _HOUSE.fullmatch(text, pos, o_m[1].start):
                return [o_m], o_m[1].end
        return [], pos

    def arguments(pos: int, stop: int, partners: bool = False) -> tuple[list[Mention], int]:
        """The list of organizations that starts right after ``pos`` and ends before ``stop``, and
        where it ends; with ``partners`` (a hosting verb's agents), it goes on over the part through
        which the last one acts and the one it acts with ("organized by X through its Y", "by X with Y")."""
        out: list[Mention] = []
        cur, limit = pos, _FIRST_GAP
        colon = _COLON.match(text, pos)
        if colon is None:
            # "with the participation of the administrations of the region: A, B and C": a noun phrase in
            # lower case that heads the list after its colon
            colon = _LEAD_TO_COLON.match(text, pos, stop)
            colon = colon if colon is not None and not mentions_in(pos, colon.end()) else None
        if colon is not None and colon.end() >= stop and stop in lists:
            stop = lists[stop]  # "Participants included:" and the list below it
        elif colon is None and stop in lists:  # the sentence ends with a colon, its list below it
            colon = _COLON_LIST.match(text, pos, lists[stop])
            stop = lists[stop] if colon else stop
        if colon and _SEMICOLON.search(text, colon.end(), stop):
            # items parted by semicolons or lines of a list: the first organization of each (a person's
            # affiliation)
            a = colon.end()
            for item in [*_SEMICOLON.finditer(text, a, stop), None]:
                b = item.start() if item else stop
                firsts = [o_m for o_m in mentions_in(a, b) if o_m[1].start - a <= _FIRST_GAP]
                if not firsts and item is not None and "\n" in item.group():
                    a = item.end()  # a line of the list that names no organization ("- Freedonia (Chair)")
                    continue
                if not firsts:
                    break
                out.append(firsts[0])
                cur = firsts[0][1].end
                a = item.end() if item else stop
            return out, cur
        boundary = _LIST_BOUNDARY if colon else _BOUNDARY
        cur = colon.end() if colon else pos
        for o_m in mentions_in(pos, stop):
            m = o_m[1]
            if m.start < cur:  # an organization inside the last one's span (a person's affiliation)
                out.append(o_m)
                cur = max(cur, m.end)
                continue
            gap = text[cur:m.start]
            if not out and (_reach(gap) > limit or boundary.search(gap)):
                # "participants from the units and agencies of the member States, including A, B and C": the
                # names a generic phrase opens with "including" (no clause between)
                opener = None
                for opener in _LIST_OPENER.finditer(text, cur, m.start):
                    pass
                if opener is not None and opener.start() - cur <= _OPENED_GAP \
                        and not boundary.search(text, cur, opener.start()):
                    gap = text[opener.end():m.start]
            if _reach(gap) > limit or boundary.search(gap) and not (out and (
                    _TITLE_GAP.fullmatch(gap) or partners and _PARTNER_GAP.fullmatch(gap)
                    and not _SUPPORT_AFTER.match(text, m.end))):
                break
            out.append(o_m)
            cur, limit = m.end, _NEXT_GAP
        return out, cur

    def subject_event(s0: int, pos: int) -> bool:
        """Whether the passive verb at ``pos`` tells of an event named right before it ("The course, funded
        by X, was |delivered", "completed a course |delivered"), not of a thing about one ("A presentation
        on the course was |delivered")."""
        for m0, m1, _ in event_mentions[bisect.bisect_left(starts, s0):bisect.bisect_left(starts, pos)]:
            if _EVENT_SUBJECT.fullmatch(text, m1, pos) and not _PREPOSITION_BEFORE.search(text, max(s0, m0 - 30), m0):
                return True
        return False

    def event_before_comma(pos: int, s1: int) -> bool:
        """Whether an event is named between ``pos`` and the next comma or the end of the sentence (``s1``)."""
        end = text.find(",", pos, s1)
        end = s1 if end < 0 else end
        i = bisect.bisect_left(starts, pos)
        return i < len(starts) and starts[i] < end

    def reduced_relative(a: int, b: int, s0: int, transitive: bool) -> bool:
        """A participle that modifies the noun before it ("the forum held in Ruritania", "the
        Congress, hosted every year by ...") or is an adjective ("organized crime")."""
        if trig.adjective_use.match(text, b):
            return True
        if _PERFECT_BEFORE.search(text, max(s0, a - 20), a):
            return False
        named = mentions_in(max(s0, a - 80), a)
        if named:
            # "Freedonia Customs conducted in Ruritania a course": the verb of its subject, and so with its
            # acronym between (but not of what the name is part of: "a meeting of the Alpha Council (AC)
            # convened in ...")
            x = named[-1][1]
            # (or with its name between brackets after it: "the Freedonia Police (Policía de Freedonia) hosted
            # on 5 May the ...": the name before the brackets)
            bracket = text.rfind("(", max(s0, x.start - 100), x.start + 1)
            close = text.find(")", x.end, a)
            if bracket >= 0 and close >= 0 and not text[close + 1:a].strip() and ")" not in text[bracket:x.start]:
                x = next((y for _, y in reversed(named) if y.end <= bracket), x)
            between = text[x.end:a]
            # (and so with the country the name ends with after its acronym: "the Financial Unit (FU) of
            # Freedonia hosted on 5 May ...")
            rest = _OF_THE.sub("", _ASIDE_ACRONYM.sub("", between).strip())
            if not between.strip() or (not rest or rest != between.strip() and rest in country_names()) \
                    and not _OF_BEFORE.search(text, max(s0, x.start - 12), x.start):
                return False
        if transitive and _PREPOSITION_AFTER.match(text, b):
            return True
        i = bisect.bisect_left(ends, a - 3)
        return i < len(ends) and ends[i] <= a and not text[ends[i]:a].strip(" ,")

    def adjust(o_ms: list[Mention]) -> list[Mention]:
        return [o_m for o_m in o_ms if not members(o_m)]

    sentences = list(sentences)
    sentence_starts = [s0 for s0, _ in sentences]
    per_sentence: list[list[tuple[int, int, Frame]]] = [[] for _ in sentences]
    start = sentence_starts[0] if sentences else len(text)
    for a, b, f in (triggers_after(text, start) if triggers is None else find_triggers(text, trig, start)):
        i = bisect.bisect_right(sentence_starts, a) - 1
        if i < 0 or b > sentences[i][1]:
            continue
        phrase = _AT_WORDS.sub(" ", text[a:b])  # (the words of an "{at}" phrase may be names)
        # trigger words are lower-case but at the start of a sentence ("States Parties" is no verb),
        # but for the name of what is signed ("a Memorandum of Understanding with")
        if (phrase[1:].islower() or phrase.islower()) and (
                phrase[0].islower() or not text[sentences[i][0]:a].strip(" \t\n\"“‘'(•-*")) \
                or f.meaning == "signing" and f.reads == "after" and phrase.split()[-1].islower():
            per_sentence[i].append((a, b, f))
    for (s0, s1), hits in zip(sentences, per_sentence):
        if not hits:
            continue
        hits.sort(key=lambda h: (h[0], -h[1]))
        kept: list[tuple[int, int, Frame]] = []
        for h in hits:  # the longest of overlapping phrases ("bring together representatives of"), and a
            # shorter one at the same start that reads elsewhere ("met" and "met at the ABC")
            if kept and h[0] < kept[-1][1] and not (h[0] == kept[-1][0] and h[2].reads != kept[-1][2].reads):
                continue
            kept.append(h)
        kept.sort(key=lambda h: (h[0], h[2].reads != "subject"))  # a subject first: the other reads after it
        here: list[Claim] = []
        fronted: list[Claim] = []  # the arguments of a phrase that opens the sentence ("At the invitation of X, ...")
        subjects: set[int] = set()  # id() of the organizations that are the subject of a verb
        last_end = s0  # where the arguments of the trigger before end
        floor = s0  # where a subject can start: after the last verb's arguments or a fronted phrase (a noun
        # phrase's list can stand inside a subject: "A, B, representatives of C and D met")
        last_subject = s0
        after_fronted = False
        # the sentence names an event, or says that some took part in one ("30 officials took part, including
        # officers of X")
        named = bisect.bisect_left(starts, s0) < bisect.bisect_left(starts, s1) or any(
            _TOOK_PART.match(text, h[0]) and not _RELATIVE_VERB.search(text, max(s0, h[0] - 24), h[0]) for h in kept)
        aside: tuple[int, int] | None = None  # the subject before ", in cooperation with X," and where it ends
        # the claims of an aside that shares the subject's part (", together with X,"): which of ``here``
        shared_aside: range = range(0)
        prev_verb = False  # the phrase before is a subject verb
        for k, (a, b, f) in enumerate(kept):
            stop = s1  # where the next phrase starts, unless it heads this one's list ("attended by officers of")
            for x in kept[k + 1:] if not _COLON.match(text, b) else ():  # (a list after a colon runs on)
                if x[0] < b or x[2].reads == "after" and x[0] - b <= _HEAD_GAP and not mentions_in(b, x[0]) \
                        or x[2].reads == "subject" and a_noun(s0, x[0], x[1]):
                    continue
                stop = x[0]
                break
            first = text[a:b].split()[0].lower()
            if f.needs_event and not named:
                continue
            was_verb, prev_verb = prev_verb, f.reads == "subject"
            if f.reads == "subject":
                if a_noun(s0, a, b):
                    continue
                if first.endswith("ing") and not _BE_AUX.search(text, max(s0, a - 20), a):
                    continue  # a gerund ("thanked X for hosting", "beyond hosting"): its subject is not before it
                if f.meaning == "speech" and _NOT_SAID_HERE.search(text, max(s0, a - 12), a):
                    continue  # "X brings A and B together to share experiences", "X will present ...", "X has
                    # shared its experience with many", "at present": no speaker at this event
                if first in trig.participles and not _BE_AUX.search(text, max(s0, a - 20), a) \
                        and (reduced_relative(a, b, s0, f.transitive) or _BY_AFTER.match(text, b)):
                    continue  # "the forum held in Ruritania": no verb of a clause, no subject
                passive = first in trig.participles and bool(_BE_AUX.search(text, max(s0, a - 20), a))
                # two verbs joined by "and" share their subject ("X organized and hosted ...")
                shared = _COORDINATION.fullmatch(text, last_end, a) if last_end > s0 and was_verb else None
                subject_end = a
                partners = range(0)
                if shared:
                    start = last_subject
                elif aside is not None and _ASIDE_END.fullmatch(text, last_end, a):
                    start, subject_end = aside  # "X, in cooperation with Y, convened ...": X
                    partners = shared_aside
                elif after_fronted:
                    # after "At the invitation of X, Director of Y, ...", the subject is the last comma
                    # segment before the verb, with the one before it when it names no organization
                    cuts = [last_end] + [m.end() for m in _COMMA.finditer(text, last_end, a)]
                    start = cuts[-1]
                    if len(cuts) > 2 and not mentions_in(cuts[-1], a):
                        start = cuts[-2]
                else:
                    start = max(clause_start(s0, a), floor)
                # "a panel, during which X presented ...": the subject follows a pronoun after a preposition
                prep = _PREPOSITION_WHICH.search(text, start, subject_end)
                start = prep.end() if prep else start
                rel = _RELATIVE.search(text, start, subject_end)  # "the Committee which reports to X held ..."
                subject_end = rel.start() if rel else subject_end
                pronoun = _RELATIVE_VERB.search(text, max(s0, a - 24), a) if not text[start:a].strip() else None
                if pronoun is not None and not event_before_comma(b, s1):
                    continue  # "X, which runs the ports, ...": no verb of the event, an aside of X
                if pronoun is not None:  # "X, which hosted the forum": X, the comma segment before the pronoun
                    cuts = [s0] + [m.end() for m in _COMMA.finditer(text, s0, pronoun.start())]
                    start, subject_end = max(cuts[-1], clause_start(s0, pronoun.start())), pronoun.start()
                role = f.passive_role if passive else f.role
                e = event_for(s0, s1, b, after_first=True)
                end = b
                if partners and role and e is not None and not passive:
                    # "X, together with Y, organized ...": Y plays the part the verb gives X
                    for i in partners:
                        c = here[i]
                        here[i] = Claim(role, c.org, e, c.start, c.end, f.meaning)
                if e is not None:
                    # (not inside an aside of the subject: "X, as current chair of Y, hosted ...": X)
                    asides = [x.span() for x in _AS_ASIDE.finditer(text, start, subject_end)]
                    found = [o_m for o_m in adjust(mentions_in(start, subject_end)) if o_m[1].end <= subject_end
                             and not any(x0 <= o_m[1].start < x1 for x0, x1 in asides)]
                    # (an organization named inside the subject's name, or by the acronym after it, is not a
                    # second subject: "the Council of Ministers of the Alpha Union (AU) met")
                    spans = [(o, x.start, _OWNER_GAP.match(text, x.end).end()) for o, x in found]
                    outer = [o_m for o_m in found if not any(
                        o is not o_m[0] and x0 <= o_m[1].start and o_m[1].end <= x1 for o, x0, x1 in spans)]
                    body = None
                    if f.body_role and len({id(o) for o, _ in outer}) == 1 \
                            and is_body(getattr(outer[0][0], "name", ""), trig):
                        body = outer[0][0]  # "the Executive Council met": the body holds its own meeting
                    elif f.body_role and len(outer) > 1 and is_body(getattr(outer[0][0], "name", ""), trig) \
                            and all(_OF_PARENT.fullmatch(text, x[1].end, y[1].start) for x, y in zip(outer, outer[1:])):
                        # "the Audit Committee (AC) of the ABC met": the ABC's Committee, no second party
                        body, found = outer[0][0], outer[:1]
                    for o_m in found:
                        subjects.add(id(o_m[0]))
                        if role:
                            here.append(Claim(f.body_role if o_m[0] is body else role, o_m[0], e, o_m[1].start, b,
                                              f.meaning))
                    if not found and f.inverted and role and _QUOTE_BEFORE.search(text, max(s0, a - 4), a):
                        # '"...," noted P, Director of X' (after a quotation only: "thanked X" thanks X)
                        objects, end = arguments(b, stop)
                        for o_m in adjust(objects):
                            subjects.add(id(o_m[0]))
                            here.append(Claim(role, o_m[0], e, a, o_m[1].end, f.meaning))
                last_subject = start
                if f.object_role and not passive and e is not None:
                    objects, end = arguments(b, stop)
                    # (not a part of the subject: "X was represented by officers of its Legal Office")
                    objects = [x for x in objects if not _ITS_BEFORE.search(text, max(s0, x[1].start - 8), x[1].start)]
                    for o_m in adjust(objects):
                        for object_role in f.object_role:
                            here.append(Claim(object_role, o_m[0], e, a, o_m[1].end, f.meaning))
                if f.meaning == "hosting" and first.startswith("co-") and not passive and e is not None:
                    # "X co-hosted the forum with Y": Y holds it too
                    w = _WITH.search(text, b, stop)
                    if w is not None and _SHARED_GAP.fullmatch(text, b, w.start()) and not mentions_in(b, w.start()):
                        partners, with_end = arguments(w.end(), stop)
                        if partners and partners[0][1].start - w.end() <= len("the "):
                            for o_m in adjust(partners):
                                here.append(Claim(role, o_m[0], e, a, o_m[1].end, f.meaning))
                            end = max(end, with_end)
                last_end = floor = max(b, end)
                after_fronted = False
                aside = None
            elif f.reads == "owner":
                # "the Freedonia Police Service's delegation to the summit": the organization that owns it
                own = _OWNER_BEFORE.search(text, max(s0, a - 40), a)
                e = event_for(s0, s1, b, after_first=True)
                owners = [o_m for o_m in mentions_in(max(s0, own.start() - 160), own.start())
                          if o_m[1].end == own.start()] if own else []
                if owners and e is not None and f.role:
                    o_m = max(owners, key=lambda x: x[1].end - x[1].start)
                    here.append(Claim(f.role, o_m[0], e, o_m[1].start, b, f.meaning))
            elif f.reads == "thanked":
                # "thanked the ABC for hosting": the organizations between the thanks and the phrase
                thanks = None
                for thanks in trig.thanking.finditer(text, s0, a):
                    pass
                e = event_for(s0, s1, b, after_first=True)
                if thanks is not None and e is not None and f.role:
                    for o_m in adjust(mentions_in(thanks.end(), a)):
                        here.append(Claim(f.role, o_m[0], e, thanks.start(), b, f.meaning))
                last_end = floor = b
            else:
                n_before = len(here)
                args, end = adjacent(b, stop) if f.adjacent else \
                    arguments(b, stop, partners=f.meaning == "hosting" and f.reads == "agent")
                if not args and f.reads == "after":
                    # what the phrase names is no organization, but a name all the same ("with the support
                    # of the Alpha Development Programme (ADP),"): the phrase ends after it
                    named = _NAME_AFTER.match(text, b, stop)
                    end = named.end() if named else end
                by = f.reads == "agent" or f.reads == "after" and text[a:b].endswith("by")
                if by and not args:
                    # "attended by experts of the member countries and by the ABC": the agents after a
                    # first part that names no organization
                    more = _AND_BY.search(text, b, min(stop, b + _FIRST_GAP))
                    if more is not None and not mentions_in(b, more.start()) \
                            and not _CLAUSE_VERB.search(text, b, more.start()) \
                            and not _BOUNDARY_MARK.search(text, b, more.start()):
                        args, end = arguments(more.end(), stop)
                more = _AND_BY.search(text, end, min(stop, end + 160)) if by and args else None
                if more is not None and not _CLAUSE_VERB.search(text, end, more.start()):
                    # "delivered by A, on its tools, and by B, on ...": the agents of one verb (or of one
                    # noun: "presentations by A on its tools, and by B on ...")
                    extra, more_end = arguments(more.end(), stop)
                    if extra and (extra[0][1].start - more.end() <= len("the ")
                                  or _TITLE_GAP.fullmatch(text, more.end(), extra[0][1].start)):
                        # (or of a person's title: "and by Mr P, Deputy Director of the B")
                        args, end = args + extra, more_end
                e = event_for(s0, s1, a, after_first=False)
                # a phrase that opens the sentence, perhaps after a short adverbial ("On 5 May, at the
                # invitation of X, ...")
                opens = bool(_OPENING.fullmatch(text, s0, a)) and not mentions_in(s0, a) \
                    and all(x[2].reads != "subject" for x in kept[:k])
                if opens and not args and f.meaning == "speech":
                    # "In his opening remarks at the forum, the Director of X ...": the speaker is the
                    # subject after the fronted phrase, however the phrase goes on
                    comma = _COMMA.search(text, b, min(stop, b + 100))
                    if comma is not None and not mentions_in(b, comma.start()):
                        args, end = arguments(comma.end(), stop)
                elif not args and f.meaning == "speech" and f.reads == "after" and text[s0:a].rstrip().endswith(","):
                    # "P, Director of X, in his opening address, ...": the speaker is the subject before it
                    args = mentions_in(max(clause_start(s0, a), last_end), a)
                # the partners of a programme named after any event of the sentence
                named_before = ends[bisect.bisect_left(ends, s0):bisect.bisect_left(ends, a)]
                # (not a body named after its programme: "the Alpha Environment Programme, in cooperation with Y,
                # organized ...")
                w0 = max([clause_start(s0, a), last_end] + named_before)
                programmes = [p.start() for p in _PROGRAMME_BEFORE.finditer(text, w0, a)] \
                    if f.meaning == "hosting" else []
                bodies = [(x.start, x.end) for _, x in mentions_in(w0, a)] if programmes else []
                partners_of_programme = any(not any(x0 <= p < x1 for x0, x1 in bodies) for p in programmes)
                # "organized by X jointly with Y", "X organized the forum jointly with Y", "the forum was
                # organized together with Y": Y shares the role of the hosting verb before
                shared = _SHARED_ROLE.match(text, a) and k > 0 and kept[k - 1][2].meaning == "hosting" and (
                    kept[k - 1][2].reads == "agent" and _ACRONYM_GAP.fullmatch(text, last_end, a)
                    or kept[k - 1][2].reads == "subject" and _SHARED_GAP.fullmatch(text, kept[k - 1][1], a)
                    and not mentions_in(kept[k - 1][1], a))
                # "the course was delivered by the ABC and the DEF": they ran it (not "delivered by the ABC's
                # experts", nor "a presentation on the course was delivered by the ABC")
                direct = bool(f.direct_role and args and _DIRECT.fullmatch(text, b, args[0][1].start)
                              and not _POSSESSIVE.match(text, args[0][1].end) and subject_event(s0, a))
                if e is not None and f.role and not partners_of_programme \
                        and (f.event_kind is None or getattr(e, "kind", None) == f.event_kind):
                    for o_m in adjust(args):
                        if shared:  # (a host, not a guest: it took part only if the text says so)
                            here.append(Claim(kept[k - 1][2].role, o_m[0], e, a, o_m[1].end, "hosting"))
                        elif direct:
                            here.append(Claim(f.direct_role, o_m[0], e, a, o_m[1].end, "hosting"))
                        else:
                            (fronted if opens else here).append(Claim(f.role, o_m[0], e, a, o_m[1].end, f.meaning))
                if aside is not None and not opens and _AND_GAP.fullmatch(text, last_end, a):
                    # "X, together with Y and with the support of Z, organized ...": one aside of X goes on
                    # (Y shares the verb's part, Z supports)
                    if _SHARED_ROLE.match(text, a) and not shared:
                        shared_aside = range(shared_aside.start if shared_aside else n_before, len(here))
                else:
                    aside = (max(clause_start(s0, a), last_end), a) if text[s0:a].rstrip().endswith(",") and not opens \
                        else None
                    shared_aside = range(n_before, len(here)) if aside is not None and _SHARED_ROLE.match(text, a) \
                        and not shared else range(0)
                last_end = max(b, end) if not opens else b
                if opens or f.reads != "after" or f.role is None:  # (what supports stands outside the subject)
                    floor = last_end
                after_fronted = opens
        claims += here
        claims += [c for c in fronted if id(c.org) not in subjects]
    return claims


_NO_EVENT_OF_THEIR_OWN = ("speech",)  # meanings that tell no event when the release names none
_PLACING = ("hosting", "venue")  # meanings whose sentence may say where the event was
# the kind of an event no phrase names, by the meaning of the trigger that tells it
_UNNAMED_KINDS = {"signing": "signing", "visit": "visit", "meeting": "meeting", "beneficiary": "training"}


def lists_below(text: str, sentences: list[tuple[int, int]]) -> dict[int, int]:
    """Where the list below a sentence that ends with a colon ends, by the sentence's end ("Taking
    part in the forum were:" and a line for each participant)."""
    out: dict[int, int] = {}
    for i, (s0, s1) in enumerate(sentences):
        if not text[s0:s1].rstrip().endswith(":"):
            continue
        end = s1
        for t0, t1 in sentences[i + 1:]:
            if not (_LIST_ITEM.match(text, t0) and "\n" in text[end:t0 + 1]):
                break
            end = t1
        if end > s1:
            out[s1] = end
    return out


def assign_roles(ctx: Context, found: Found) -> None:
    """The roles the trigger phrases of ``ontology/data/triggers.json`` state (see ``roles``). In a
    release that names no event, the first sentence that states a role reports one ("Freedonia
    Customs and the Alpha Police signed a memorandum"): it is named after its event phrase, or
    after what the trigger tells ("signing", "visit", "meeting")."""
    named = sorted(((m.start, m.end, e) for e in found.events for m in e.mentions), key=lambda x: x[:2])
    unnamed = ev.Event(f"event{len(found.events)}", "other", "") if found.main is None else None
    claims = read_roles(ctx.text, ctx.sents, ctx._role_mentions, ctx._clause_start, named, found.main or unnamed,
                        lists=lists_below(ctx.text, ctx.sents))
    # words said report no event of their own ("the ABC said ..." in a release about no meeting)
    if unnamed is not None and all(c.meaning in _NO_EVENT_OF_THEIR_OWN for c in claims if c.event is unnamed):
        claims = [c for c in claims if c.event is not unnamed]
    first = next((c for c in claims if c.event is unnamed), None)
    if first is not None:
        assert unnamed is not None
        si = ctx.sentence_of(first.start)
        s0, s1 = ctx.sents[si] if si >= 0 else (first.start, first.end)
        phrase = next((m for m in found.mentions if s0 <= m.start < s1), None)
        if phrase is not None:
            unnamed.kind, unnamed.label = phrase.kind, ev.LEADING_ARTICLE.sub("", phrase.label)
            mention = phrase
        else:
            unnamed.kind = _UNNAMED_KINDS.get(first.meaning, "meeting")
            # (named after who took part or held it, not who invited: "At the invitation of X, Y visited ...")
            names = list(dict.fromkeys(c.org.acronym or c.org.name for c in claims
                                       if c.event is unnamed and c.role != "invitedBy"))
            unnamed.label = f"{unnamed.kind} of {' and '.join(names[:3])}"
            mention = ev.EventMention(first.start, first.end, unnamed.kind, unnamed.label, None, True, si, first.start)
        unnamed.mentions.append(mention)
        unnamed.places.extend(p for p in ctx._event_places(s0, s1, unnamed))
        found.events.append(unnamed)
        found.main = unnamed
    placed: set[int] = set()
    dated: set[int] = set()
    for c in claims:
        c.event.roles.append((c.role, c.org, (c.start, c.end), f"role-{c.meaning}"))
        # an event no sentence places: where the first sentence that gives it a role says it was (a
        # title says where and when less often than the body that tells it again), or else a sentence
        # that tells who hosted it or where it was held ("... The course, hosted by the Alpha Academy in
        # Freedonia City, ...")
        si = ctx.sentence_of(c.start)
        in_title = si >= 0 and ctx.r.title is not None and ctx.r.title[0] <= ctx.sents[si][0] < ctx.r.title[1]
        if not c.event.places and (id(c.event) not in placed or c.meaning in _PLACING and c.event.mode != "virtual"):
            if si >= 0:
                c.event.places.extend(ctx._event_places(*ctx.sents[si], c.event))
                if c.event.places and c.event.mode is None:
                    c.event.mode = "in-person"
            if c.event.places or not in_title:
                placed.add(id(c.event))
        # ... and when: the dates of that sentence (a range first)
        if not c.event.dates and id(c.event) not in dated:
            if si >= 0:
                s0, s1 = ctx.sents[si]
                here = [d for d in found.dates if s0 <= d.start < s1]
                if here:
                    c.event.dates.append(next((d for d in here if d.first != d.last), here[0]))
            if c.event.dates or not in_title:
                dated.add(id(c.event))
    # "Freedonia City, 5 May 2021 - ... signed a grant for a project in Freedonia": the city of the
    # date line tells where in the one country the event the release is about is placed
    main = found.main
    if main is not None and main.places and all(p.kind == "country" for p in main.places):
        countries = {p.ident for p in main.places}
        main.places.extend(p for p in ctx.dated_at if p.kind == "city" and p.extra.get("country") in countries)
    _signed_names(ctx, found)


_SIGNED_MAX = 2  # the most instruments a signing is named after


def _signed_names(ctx: Context, found: Found) -> None:
    """A signing is also named after what was signed in the sentences that tell it ("signing between A
    and B" is also "signing of the Memorandum of Understanding on Port Data")."""
    for e in found.events:
        if e.kind != "signing":
            continue
        names: list[str] = []
        for m in e.mentions:
            si = ctx.sentence_of(m.start)
            if si < 0:
                continue
            s0, s1 = ctx.sents[si]
            names += [t.name for t in ctx.things if t.kind == "instrument" and s0 <= t.start < s1]
        for name in list(dict.fromkeys(names))[:_SIGNED_MAX]:
            alt = f"signing of the {ev.LEADING_ARTICLE.sub('', name)}"
            if alt != e.label and alt not in e.alt:
                e.alt.append(alt)
