"""Events and the frames around them: who took part, who hosted or invited, where, when, what about.

Works sentence by sentence over the mentions already found: an event phrase is a kind noun
("session", "workshop", ...) with its ordinal, modifiers and complement; frames are trigger phrases
(participation verbs, hosting verbs, "at the invitation of", "attended by", ...) whose organizations
are read from the subject before the verb or the noun phrase after the phrase.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import Lexicon
from .mentions import CALENDAR_WORDS, HYPHEN_PARTICIPLES, Mention, token_index, tokens
from .ordinals import ordinal_of

_LEFT_OK = re.compile(r"^(?:[A-Z][\w./&-]*|\d{4}|\d{1,3}(?:st|nd|rd|th)(?:[/-]\d{1,3}(?:st|nd|rd|th))?$|"
                      r"annual|regional|virtual|online|joint|"
                      r"high-level|international|national|global|technical|preparatory|inaugural|extraordinary|"
                      r"ministerial|informal|plenary|bilateral|trilateral|multilateral|official|accreditation|"
                      r"opening|closing|two-day|three-day|one-day|four-day|five-day|hybrid|panel|expert|experts|"
                      r"consultative|coordination|working|round-table|learning|training|capacity|building|"
                      r"awareness|national-level|sub-regional|subregional|interregional|continental|"
                      r"diagnostic|scoping|study|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
                      r"tenth|eleventh|twelfth|strategic|side|special|follow-up|in-person|"
                      r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(?:first|second|third|fourth|"
                      r"fifth|sixth|seventh|eighth|ninth)|(?:twent|thirt|fort|fift|sixt|sevent|eight|ninet)ieth)$")
_GENERIC_EVENT = re.compile(r"^(?:the|this|that|these|its|their|a|an)\s+(?:[\w-]+\s+)?(?:meeting|session|event|workshop|"
                            r"conference|forum|seminar|training|mission|visit|symposium|summit|webinar|course)s?$", re.I)
_RIGHT_STOP = {"held", "from", "which", "that", "where", "who", "was", "were", "is", "are", "will", "has", "have",
               "had", "on", "in", "at", "to", "with", "under", "by", "during", "between", "and", "as", "while",
               "organized", "organised", "hosted", "took", "taking", "attended", "this", "through", "via", "after",
               "before", "since", "when", "whose", "it", "they", "its", "their", "over", "opened", "opens", "closed",
               "closes", "began", "begins", "concluded", "concludes", "ended", "ends", "started", "starts", "brought",
               "gathered", "featured", "focused", "aimed", "sought", "also", "marked", "delivered", "conducted",
               "funded", "sponsored", "supported", "facilitated", "led", "chaired", "convened", "implemented"}


_OPEN_QUOTES = frozenset(('"', "“"))
_CLOSE_QUOTES = frozenset(('"', "”"))
_POSSESSIVES = frozenset(("its", "their", "his", "her", "our", "your", "my"))
_NAME_CONNECTORS = frozenset(("of", "and", "the", "for", "on", "in", "to", "a", "an", "at", "with", "against", "by",
                              "from", "de", "des", "du", "la", "le", "les", "et", "del", "y", "e", "da", "do", "und",
                              "der", "die"))
LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)  # "the 3rd meeting" -> "3rd meeting"
def is_modifier(word: str) -> bool:
    """Whether ``word`` may stand before an event's kind noun in its name ("regional", "2019", "ABC")."""
    return bool(_LEFT_OK.match(word))


_ACRONYM_WORD = re.compile(r"[A-Z][A-Za-z]*[A-Z][A-Za-z]*|[A-Z][a-z]+")  # "ABC", "AfCFTA", "Alphapol"
_ROLE_OF = re.compile(r"\b(?:Head|Heads|Chief|Chiefs)\s+of\s+$")
# how long an activity lasts, before its noun and the lower-case words that tell what it is of ("a
# three-week cybercrime investigations course": a course given, not "the course of action")
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14, "fifteen": 15}
_DURATION = re.compile(rf"^(?:\d{{1,2}}|{'|'.join(NUMBER_WORDS)})-(?:day|week|month)$", re.I)
_ARTICLE_BEFORE = re.compile(r"\b(?:a|an)\s*$")
# the words of a name that follows its kind word ("Operation BLUE HARBOUR", "Operation Sea Lion II")
_CODENAME = re.compile(r"[A-Z][A-Za-z0-9-]*|\d{1,4}")
# 'the ABC project "Training on Port Security"': the name of a project, not an event
_PROJECT_BEFORE = re.compile(r"\b(?:project|programme|program|initiative)\s*[\"“‘']?\s*$", re.IGNORECASE)


@dataclass(slots=True)
class EventMention:
    start: int
    end: int
    kind: str
    label: str
    ordinal: int | None
    concrete: bool
    sentence: int
    noun: int = 0  # where the kind word starts
    key: str = ""
    verb: bool = False  # told by its verb ("A met with B"): no kind noun a name stands before


@dataclass(slots=True)
class Event:
    key: str
    kind: str
    label: str
    mentions: list[EventMention] = field(default_factory=list)
    ordinal: int | None = None
    body: Mention | None = None
    body_org: object = None  # the organization whose session, meeting, ... it is
    dates: list = field(default_factory=list)
    places: list[Mention] = field(default_factory=list)
    mode: str | None = None
    roles: list[tuple[str, object, tuple[int, int], str]] = field(default_factory=list)  # (role, org, evidence span, rule)
    topics: list[tuple[str, int, int]] = field(default_factory=list)
    alt: list[str] = field(default_factory=list)  # other names the release gives it ("Ports workshop" in the title)


UPCOMING_WORDS = ("next", "upcoming", "forthcoming")
"""The words before an event's kind that tell of one to come ("the next meeting"), which names it."""


def _lasting(toks: list, k: int) -> bool:
    """Whether a duration stands before token ``k``, with at most two lower-case words between
    ("a five-day course", "a three-week cybercrime investigations course")."""
    for j in range(k - 1, max(k - 4, -1), -1):
        word = toks[j][2]
        if _DURATION.match(word):
            return True
        if not word.islower():
            return False
    return False


NAME_WORDS = 2
"""How many words of a name a kind word of ``event_kinds_need_name`` needs before it ("Trade Facilitation Week")."""


def event_mentions(text: str, lex: Lexicon, sentences: list[tuple[int, int]], title: tuple[int, int] | None) -> list[EventMention]:
    """Event phrases with their labels; ``concrete`` when named (ordinal, proper name or complement)."""
    from .roles import is_body, load as load_triggers  # (the trigger file's verbs: roles reads events' words)

    event_verbs = load_triggers().event_verbs
    kinds = lex.words["event_kinds"]
    need_name = lex.set("event_kinds_need_name")
    named_after = lex.set("event_kinds_named_after")
    by_complement = lex.set("event_kinds_named_by_complement")
    out: list[EventMention] = []
    token_at = token_index(text)
    kinds_per_sentence = lex.phrases("event_kinds").per_span(text, sentences)
    for si, (s0, s1) in enumerate(sentences):
        found = kinds_per_sentence[si]
        if not found:
            continue
        toks = tokens(text, s0, s1)
        first = token_at[toks[0][0]] if toks else 0
        for km in found:
            k = token_at.get(km.start())
            if k is None or not first <= k < first + len(toks):
                continue
            if _ROLE_OF.search(text, max(s0, km.start() - 24), km.start()):
                continue  # "the Chief of Mission of ABC", "Head of Mission": a role, not an event
            k -= first
            k_end = k
            while k_end < len(toks) and toks[k_end][1] <= km.end():
                k_end += 1
            k_end = max(k_end, k + 1)  # (a kind word inside a token: "training/seminar")
            # 'the course "Port Security"': a quote that opens after a blank, a word right after it
            quoted = k_end + 1 < len(toks) and toks[k_end][2] in _OPEN_QUOTES and toks[k_end][0] > toks[k_end - 1][1] \
                and toks[k_end + 1][0] == toks[k_end][1]
            if km.group() == "course" and (k > 0 and toks[k - 1][2] in ("of", "Of") or not quoted and (
                    k_end >= len(toks) or toks[k_end][2] != "on") and not (
                    k > 0 and toks[k - 1][2] in ("The", "the", "This", "this")
                    and (k_end >= len(toks) or toks[k_end][2] != "of") and not (k > 1 and toks[k - 2][2] == "of"))
                    and not _lasting(toks, k)):
                continue  # "a course on customs valuation", "The course ran ...", not "in the course of", "of course"
            if k_end < len(toks) and kinds.get(toks[k_end][2]) not in (None, "other") \
                    and toks[k_end][2][:1].isupper() == km.group()[:1].isupper():
                continue  # "the 5th Police Training Forum", "a training workshop": the kind word after heads it
            if k_end < len(toks) and f"{km.group()} {toks[k_end][2]}" in lex.set("venue_heads"):
                continue  # "the Freedonia Conference Centre": a venue
            kind = kinds[km.group()]
            # left: ordinal, capitalised and adjective modifiers
            left = k
            while left > 0 and left > k - 8:
                t = toks[left - 1][2]
                if t in ("of", "and", "&") and left > 1 and left - 1 < k - 1 and toks[left - 2][2][:1].isupper() \
                        and toks[left - 2][2] not in ("The", "A", "An") and toks[left][2][:1].isupper():
                    left -= 1  # "the Heads of State and Government Summit": a name's own connectors
                    continue
                if t[-2:] in ("'s", "’s") and km.group()[:1].isupper() and _LEFT_OK.match(t[:-2]):
                    left -= 1  # "the Heads of Government's Summit" (a capitalised name, not "ABC's dialogue")
                    continue
                if t == ")" and (km.group()[:1].isupper() or kind in ("meeting", "session")) and left > 3 \
                        and toks[left - 3][2] == "(" \
                        and _ACRONYM_WORD.fullmatch(toks[left - 2][2]) and _LEFT_OK.match(toks[left - 4][2]) \
                        and toks[left - 4][2][:1].isupper():
                    left -= 3  # "the 29th Alpha Chiefs of Police (ACP) Conference", "the 5th Alpha Group (AG)
                    continue  # meeting": an acronym inside the name
                if t in ("'", "’") and km.group()[:1].isupper() and left > 1 and toks[left - 2][2].endswith("s") \
                        and toks[left - 2][2][:1].isupper() and toks[left - 2][1] == toks[left - 1][0]:
                    left -= 1  # "the Alpha Foreign Ministers’ Meeting": a plural owner
                    continue
                if t.lower() in ("the", "a", "an", "its", "their", "his", "her", "this", "that", "our") or not _LEFT_OK.match(t) \
                        or t.rpartition("-")[2] in HYPHEN_PARTICIPLES:
                    break  # (and "the ABC-hosted |2nd Meeting on ...": who held it, not its name)
                if t in ("At", "In", "On", "During", "After", "The", "For", "From", "By", "With"):
                    break
                left -= 1
            if km.group() in need_name and k - left < NAME_WORDS:
                continue  # "Holy Week", "Week 2": a kind word that names an event only after a name of its own
            # right: of/on/for + noun phrase
            right = k_end
            nxt0 = toks[right + 1][2] if right + 1 < len(toks) else ""
            nxt1 = toks[right + 2][2] if right + 2 < len(toks) else ""
            complement = right < len(toks) and toks[right][2] in ("of", "on", "for", "to") and bool(nxt0) and not (
                nxt0[:1].isdigit() or nxt0.lower() in CALENDAR_WORDS  # "meeting on 3 September", "on Tuesday": when
                or nxt0 in _POSSESSIVES and toks[right][2] != "of"  # "meetings on its margins", "a workshop for their staff"
                # "opened the meeting on behalf of X": who spoke (but "a meeting on behalf of the northern
                # countries was held": whose meeting)
                or toks[right][2] == "on" and nxt0 == "behalf" and left > 0 and toks[left - 1][2].lower() == "the"
                or toks[right][2] == "to" and not (nxt0[:1].isupper() or nxt0 == "the" and nxt1[:1].isupper()))
            if complement:
                j = right + 1
                words = 0
                titled = None  # whether the complement is a name in capitals ("on Port Security"), by its first word
                while j < len(toks) and words < 22:
                    t = toks[j][2]
                    if titled and t.isalpha() and t.islower() and t not in _NAME_CONNECTORS:
                        break  # "the Conference on Port Security |brought together ..."
                    if titled is None and t.isalpha() and t not in _NAME_CONNECTORS:
                        titled = t[:1].isupper()
                    nxt = toks[j + 1][2] if j + 1 < len(toks) else ""
                    nxt2 = toks[j + 2][2] if j + 2 < len(toks) else ""
                    joins_name = t in ("on", "and", "to") and (nxt[:1].isupper() or nxt == "the" and nxt2[:1].isupper())
                    if t in (",", ".", ";", ":", "–", "—", "“", "”", '"') or t in _RIGHT_STOP and words > 0 and not joins_name:
                        break
                    if t == "on" and words > 0 and nxt.lower() in CALENDAR_WORDS:
                        break  # "a workshop on port data |on Friday": when, not what
                    if t == "(":
                        close = next((x for x in range(j, min(j + 8, len(toks))) if toks[x][2] == ")"), None)
                        if close is None:
                            break
                        j = close + 1
                        right = j
                        continue
                    if t == ")":
                        break
                    j += 1
                    words += 1
                    right = j
            codename = 0
            if km.group() in named_after and km.group()[:1].isupper() and right == k_end:
                # "Operation BLUE HARBOUR ran from ...": a kind word whose name comes after it
                while right < len(toks) and codename < 4 and _CODENAME.fullmatch(toks[right][2]):
                    right += 1
                    codename += 1
            if quoted and right == k_end:
                # the title in quotes right after the kind word is the event's name ('the seminar "Ports of the
                # Future"')
                close = next((x for x in range(k_end + 2, min(k_end + 20, len(toks)))
                              if toks[x][2] in _CLOSE_QUOTES or toks[x][2] in (".", ";")), None)
                close = close if close is not None and toks[close][2] in _CLOSE_QUOTES else None
                if close is not None and toks[k_end + 1][2][:1].isupper():
                    right = close + 1
            a, b = toks[left][0], toks[right - 1][1]
            label = text[a:b]
            ordinal = None
            for t in toks[left:k]:
                ordinal = ordinal or ordinal_of(t[2], first=t is toks[left])
            has_name = any(t[2][:1].isupper() for t in toks[left:k]) or km.group()[:1].isupper() and left < k \
                or codename > 0
            has_comp = right > k_end and not codename
            in_title = title is not None and title[0] <= a < title[1]
            concrete = bool(ordinal) or has_name or has_comp or in_title and km.group()[:1].isupper()
            before = text[max(s0, a - 12):a].lower()
            if _PROJECT_BEFORE.search(before):
                continue
            if kind == "other" and not (ordinal or has_name) and km.group() not in named_after \
                    and not (has_comp and km.group() in by_complement):
                continue  # (but "the operation" tells of the one its name gave, see ``occurrences``, and "a
                # side event on port security" is one)
            if kind == "training" and km.group().lower() == "training" and not (ordinal or has_name):
                concrete = False  # "the training of port control units": an activity (but "a training course" is one)
            if kind == "launch" and not ordinal and not any(t[2][:1].isupper() for t in toks[left:right] if t[0] != toks[k][0]):
                concrete = False  # "the launch of a new project": no named thing is launched
            if _ARTICLE_BEFORE.search(before) and not ordinal:
                # "a meeting of the Alpha Steering Committee": the meeting of a body is one, whatever the verb
                of_body = has_comp and toks[k_end][2] == "of" and kind in ("meeting", "session") \
                    and is_body(text[toks[k_end][1]:b].strip())
                concrete = concrete and (has_name or of_body or has_comp and bool(event_verbs.search(text, s0, s1)))
            out.append(EventMention(a, b, kind, label, ordinal, concrete, si, km.start()))
    return out


def is_generic(label: str) -> bool:
    return bool(_GENERIC_EVENT.match(label)) or len(label.split()) == 1
