"""Phase 8, topics: what each event discussed: phrases after topic triggers ("discussed", "focused
on", "the theme ... is"), list items after a colon (bulleted or numbered), quoted titles, chapters of a
convention, the "on ..." complement of every name of an event, and what a course, a presentation or a
briefing told of was on."""
from __future__ import annotations

import bisect
import re

from . import events as ev
from .context import Context, norm as _norm
from .mentions import CALENDAR_WORDS
from .occurrences import Found

_ON_ABOUT = re.compile(r"\b(?:on|about)\s+(?:the\s+)?(.+)$")
_BULLET = re.compile(r"[•\-*–·]\s*|\d{1,2}[.)]\s+")  # "• item", "- item", "1. item", "2) item"
_BULLET_ITEM = re.compile(r"(?:[•\-*–·]\s*|\d{1,2}[.)]\s+)(?:The\s+|the\s+)?")
# a quoted title: its marks outside words (not the apostrophes of "the country's" or "l'Afrique")
_QUOTED = re.compile(r"[‘“\"'](?<!\w.)([^‘’“”\"']{8,120})[’”\"'](?!\w)")
# what someone said, not a title: a clause, with a verb in lower case or opening with "we", "our", "I", ...
_SAID = re.compile(r"\b(?:is|are|was|were|will|would|must|can|cannot|could|should|do|does|did|not|has|have|had|am|be)\b"
                   r"|^(?:We|Our|I|It|This|They|Every|There)\b")
_CHAPTERS = re.compile(r"[Cc](?<!\w.)hapters?\s+((?:[IVXL]+|\d+)\s*\([^)]{3,80}\)(?:\s*(?:,|and)\s*(?:[IVXL]+|\d+)\s*\([^)]{3,80}\))*)(\s+of\s+(?:the\s+)?[A-Z][A-Za-z]+)?")
_CHAPTER_PART = re.compile(r"(?:[IVXL]+|\d+)\s*\([^)]{3,80}\)")
_LIST_INTRO = re.compile(r"[\s:]*(?:the following(?:\s+\w+)?\s*:?\s*|included\s*:?\s*|:)?\s*")
_LIST_PART = re.compile(r"[^;•\n]+")
_LIST_PIECE = re.compile(r"(?:[^,]|,(?!\s+(?:and\s+)?[a-z]))+")
_AND_OR_START = re.compile(r"^\s*(?:and|or)\s+")
_ARTICLE = re.compile(r"(?:the|a|an)\s+", re.I)
_CLAUSE_END = re.compile(r"[,;:(]|\s(?:which|that|where|while|whereas|who|so that|in order to|as well as|and how|and what|and the need|and ways)\b")
_AMONG = re.compile(r"(?:among|amongst)\s+(?:them|others|other\s+things|other\s+topics|other\s+issues)\b[\s,:]*", re.I)
_SAYS = re.compile(r"said|says|added|stressed|noted|stated|explained")
_KIND_ON = re.compile(r"\b(?:[Ww]orkshop|[Ss]eminar|[Cc]ourse|[Tt]raining|[Ww]ebinar|[Pp]anel|[Pp]resentation|"
                      r"[Ll]ecture|[Mm]odule|[Bb]riefing)s?\s+(?:on|about)\s+(?:the\s+)?")
# where the noun phrase after "a course on" ends: a clause's boundary, a verb, the next phrase of a list
# ("... and a visit to"), a date
_PHRASE_END = re.compile(_CLAUSE_END.pattern + r"|\s(?:was|were|is|are|has|have|had|will|would|can|took|closed|"
                         r"opened|ended|followed|included|gave|brought|held|organi[sz]ed|hosted|delivered|provided|"
                         r"attracted)\b|\s(?:and|or)\s+(?:an?|two|three|several)\s|\s(?:on|from|in|at)\s+\d")
# "A and a B", "on A and on the B": two phrases
_ANOTHER = re.compile(r"\s(?:and|or)\s+(?:an?|on(?:\s+the)?|about(?:\s+the)?)\s")
_PER_SENTENCE = 3  # the topic phrases read in one sentence at most


def _kind_on(text: str, start: int) -> list[re.Match[str]]:
    """The matches of ``_KIND_ON`` from ``start``, tried only where " on " or " about " stands (a search of
    the whole text for the nouns would try every word)."""
    at = []
    for word in (" on ", " about "):
        i = text.find(word, start)
        while i >= 0:
            at.append(i)
            i = text.find(word, i + 1)
    out = []
    for i in sorted(at):
        m = _KIND_ON.search(text, max(start, i - 14), i + 11)  # ("Presentations about the ")
        if m is not None and m.start() <= i < m.end():
            out.append(m)
    return out


_NOT_TOPIC_START = re.compile(r"^(?:by|with|to|in|on|at|from|and|or|that|which|who|was|were|is|are|has|have|will|had|also|as)\b", re.I)


def _has_topic(e: ev.Event, topic: str) -> bool:
    key = _norm(topic)
    return any(key == _norm(t) for t, _, _ in e.topics)


def read_topics(ctx: Context, found: Found) -> None:
    """What events discussed: phrases after topic triggers ("discussed", "focused on", "the theme
    ... is"), list items after a colon, quoted titles, the "on ..." complement of an event's names, and
    the "on ..." of a course or a presentation the sentence tells of."""
    text, events, main = ctx.text, found.events, found.main
    trig = ctx.lex.phrases("topic_triggers", ignore_case=True).per_span(text, ctx.sents)
    for e in events:
        for m in e.mentions:
            if ctx.text[m.start:m.end] != m.label:
                continue  # a label made from a verb ("meeting of X and Y") is not the text's words
            c = _ON_ABOUT.search(m.label)
            if c and len(c.group(1).split()) >= 2:
                a = m.start + c.start(1)
                if any(x.start < a < x.end for _, x in ctx.org_at(m.start, m.end)):
                    continue  # "the 5th session of the Working Group on Firearms": the body's name, not a topic
                _add_topic(ctx, found, e, a, a + len(c.group(1)), own_name=True)
    pending_list: ev.Event | None = None
    firsts = _first_event_of_sentences(ctx, events)
    # "a two-day course on port controls", "a presentation on risk profiles": what the gathering or its
    # part was about, for the event of the sentence (or the release's)
    for c in _kind_on(text, ctx.start):
        si = ctx.sentence_of(c.start())
        e = firsts.get(si, main)
        nxt = text[c.end():c.end() + 12].split(None, 1)
        if si < 0 or e is None or not nxt or nxt[0][:1].isdigit() or nxt[0].lower().rstrip(",.") in CALENDAR_WORDS:
            continue  # (when, not what: "a meeting on 3 May", "the session on Friday")
        if any(m.start <= c.start() < m.end for m in found.mentions if m.concrete):
            continue  # (an event's own name: read with its mentions above)
        end = ctx.sents[si][1]
        cut = _PHRASE_END.search(text, c.end(), end)
        _add_topic(ctx, found, e, c.end(), cut.start() if cut else end)
    for si, (s0, s1) in enumerate(ctx.sents):
        e = firsts.get(si, main)
        if e is None:
            continue
        sent = text[s0:s1]
        if pending_list is not None and _BULLET.match(sent):
            item = _BULLET_ITEM.match(sent)
            _add_topic(ctx, found, pending_list, s0 + item.end(), s1, list_item=True)
            continue
        pending_list = None
        for q in _QUOTED.finditer(sent):
            if not _SAID.search(q.group(1)):
                _add_topic(ctx, found, e, s0 + q.start(1), s0 + q.end(1))
        # "chapters III (Criminalization ...) and IV (International cooperation)": one topic each
        for c in () if "hapter" not in sent else _CHAPTERS.finditer(sent):
            tail = c.group(2) or ""
            for part in _CHAPTER_PART.finditer(c.group(1)):
                name = f"chapter {part.group()}{tail}"
                _add_topic(ctx, found, e, s0 + c.start(1) + part.start(), s0 + c.start(1) + part.end(), name=name)
        for n, m in enumerate(trig[si]):
            if n >= _PER_SENTENCE:
                break
            aux = _PASSIVE_BEFORE.search(text, s0, m.start())
            if aux is not None:
                # "Border data and risk management were discussed": what was discussed comes before
                a = ctx._clause_start(s0, aux.start())
                for piece in _pieces(text, a, aux.start()):
                    _add_topic(ctx, found, e, *piece)
                continue
            seg_start = m.end()
            colon = text.find(":", seg_start, s1)
            if colon >= 0 and colon - seg_start < 60:
                seg_start = colon + 1  # "Topics debated during the session also included: A; B; and C"
            elif m.group().lower().startswith("theme"):
                verb = re.compile(r"\s(?:is|was|were|are)\s").search(text, seg_start, min(s1, seg_start + 80))
                if verb:
                    seg_start = verb.end()
            lead = _LIST_INTRO.match(text[seg_start:s1])
            seg_start += lead.end() if lead else 0
            if seg_start >= s1 - 1 and sent.rstrip().endswith(":"):
                pending_list = e
                continue
            for part in _LIST_PART.finditer(text[seg_start:s1]):
                p0 = seg_start + part.start()
                pieces = list(_LIST_PIECE.finditer(part.group()))
                if any(len(x.group().split()) < 2 for x in pieces) or ";" in text[seg_start:s1]:
                    pieces = [part]  # "practices, challenges, observations and ...": one phrase, not a list
                    p0 = seg_start
                for piece in pieces:
                    chunk = _AND_OR_START.sub("", piece.group())
                    a = p0 + piece.start() + (len(piece.group()) - len(chunk))
                    b = p0 + piece.end()
                    other = _ANOTHER.search(text, a, b)  # "profiling techniques and a short course on ...": two
                    for x, y in ((a, other.start()), (other.end(), b)) if other else ((a, b),):
                        _add_topic(ctx, found, e, x, y, list_item=colon >= 0 or m.group().lower() == "theme")
            if sent.rstrip().endswith(":"):
                pending_list = e


_PASSIVE_BEFORE = re.compile(r"\s(?:was|were|has been|have been|is|are)\s+(?:also\s+|then\s+|further\s+)?$")
_LIST_SPLIT = re.compile(r",\s+(?:and\s+)?|\s+and\s+")


def _pieces(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """The items of a list in ``text[a:b]`` ("A, B and C"), or the whole span when an item would be a
    single word ("practices, challenges and lessons": one phrase)."""
    cuts = [(a, a)] + [(m.start(), m.end()) for m in _LIST_SPLIT.finditer(text, a, b)] + [(b, b)]
    items = [(cuts[i][1], cuts[i + 1][0]) for i in range(len(cuts) - 1)]
    if len(items) > 1 and all(len(text[x:y].split()) >= 2 for x, y in items):
        return items
    return [(a, b)]


def _first_event_of_sentences(ctx: Context, events: list[ev.Event]) -> dict[int, ev.Event]:
    """Sentence index -> the first event (in the order of ``events``) mentioned there."""
    starts = [a for a, _ in ctx.sents]
    out: dict[int, ev.Event] = {}
    for e in events:
        for m in e.mentions:
            i = bisect.bisect_right(starts, m.start) - 1
            if i >= 0 and m.start < ctx.sents[i][1]:
                out.setdefault(i, e)
    return out


def _add_topic(ctx: Context, found: Found, e: ev.Event, a: int, b: int, name: str | None = None,
               list_item: bool = False, own_name: bool = False) -> None:
    """Add the phrase ``text[a:b]`` (or ``name``, read there) as a topic of ``e``: 2 to 14 words,
    or up to 40 for an item of an agenda list."""
    text = ctx.text
    if not 0 <= a <= b <= len(text):
        return
    if name is not None:
        if not _has_topic(e, name):
            e.topics.append((name, a, b))
        return
    while a < b and text[a] in " .,:;“”\"'‘’(":
        a += 1
    while b > a and text[b - 1] in " .,:;“”\"'‘’":
        b -= 1
    piece = text[a:b]
    lead = _AMONG.match(piece)  # "among others, A", "among them the B": A, B
    if lead:
        a += lead.end()
        piece = text[a:b]
    lead = _ARTICLE.match(piece)
    if lead:
        a += lead.end()
        piece = text[a:b]
    words = piece.split()
    if len(words) > (40 if list_item else 14):
        # a long object: its first phrase, up to a clause's boundary ("the impact of A on B, which ...")
        cut = _CLAUSE_END.search(piece)
        if cut and len(piece[:cut.start()].split()) >= 2:
            b = a + cut.start()
            piece = text[a:b].rstrip(" ,;")
            b = a + len(piece)
            words = piece.split()
    if not (2 <= len(words) <= (40 if list_item else 14)) or piece.lower().startswith(ctx.lex.tuple("topic_stop_starts")):
        return
    if _NOT_TOPIC_START.match(piece) or len(words) <= 4 and _SAYS.fullmatch(words[-1]):
        return  # (nor who said it: "the minister added")
    if _has_topic(e, piece):
        return
    if not own_name and any(m.start <= a and b <= m.end + 2 for m in found.mentions if m.concrete):
        return  # "addressed the 5th meeting of ...": the event itself, not a topic
    e.topics.append((piece, a, b))
