"""Speech events ("X said", "said X", "according to X") and the quote each one covers."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from .layout import FILL, Layout, Sentence
from .lexicon import AUX_ADVERBS, SPEECH_VERBS
from .mentions import Mention, head_np, subject_after, subject_before
from .lexicon_ru import is_cyrillic
from .names import tokenize
from .russian import is_speech_verb as ru_speech_verb
from .russian import GENITIVE_INTROS, ru_body, ru_resolve, ru_subject
from .quotes import QuoteSpan
from .speakers import Resolved, Resolver

_INTRO_FIRST = frozenset("""
after before in on at during when while although though since despite however meanwhile also
yet but and so still later earlier last then as if because today yesterday instead following
amid under over with without for from by once separately similarly finally afterward afterwards
""".split())


# a time adverbial between a subject and its verb: "Karen Doyle on Tuesday called …"
_TIME_BEFORE_VERB = re.compile(
    r"\s+(?:(?:on|last|this|late|early)\s+)?(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday)(?:\s+(?:morning|afternoon|evening|night))?|yesterday|today|earlier|"
    r"later|last (?:week|month|year))\s*$")
# an opening phrase of time before the subject: "A year earlier, Marchetti had …"
_TIME_OPENER = re.compile(r"(?:a|an|one|two|three|four|five|six|several|some|a few|\d+)\s+"
                          r"(?:\w+\s+)?(?:years?|months?|weeks?|days?|decades?)\s+"
                          r"(?:earlier|later|ago|before|after|on)\s*$", re.I)

_DATELINE = re.compile(r"[A-Z][A-Z .,'’-]{2,40}(?:,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s*)?"
                       r"(?:\([^)]{1,40}\))?\s*[—–-]+\s+")      # "WASHINGTON, March 6 (X) - "


@dataclass(frozen=True)
class Event:
    verb_start: int
    verb_end: int
    verb: str
    mention: Mention
    resolved: Resolved
    sentence: Sentence


def find_events(layout: Layout, resolver: Resolver) -> tuple[list[Event], list[Event]]:
    """Every speech verb outside quotations with its resolved subject, in document order;
    and the resolved subjects of sentences (for quotes introduced by a colon)."""
    mtext = layout.masked
    events: list[Event] = []
    subjects: list[Event] = []
    for sent in layout.sentences:
        subj = sentence_subject(mtext, sent)
        if subj is not None:
            res = resolver.resolve(subj)
            if res.kind in ("person", "org", "spokes"):
                resolver.note(subj.start, res)
                _learn_gender(resolver, subj, res, mtext[subj.end:sent.end])
                subjects.append(Event(subj.end, subj.end, "", subj, res, sent))
        toks = tokenize(mtext, sent.start, sent.end)
        in_sentence: list[Event] = []
        for i, tok in enumerate(toks):
            if not tok.is_word:
                continue
            if is_cyrillic(tok.low):
                ev = _russian_event(mtext, sent, toks, i, resolver)
                if ev is not None:
                    resolver.note(tok.start, ev.resolved)
                    in_sentence.append(ev)
                    events.append(ev)
                continue
            if tok.low not in SPEECH_VERBS:
                continue
            if tok.is_cap and i > 0 and toks[i - 1].is_word and toks[i - 1].is_cap:
                continue                 # "The United States will …" names, it does not speak
            if tok.low == "according" and not re.match(r"\s+to\b", mtext[tok.end:tok.end + 4]):
                continue
            mention = _subject(mtext, sent, toks, i, in_sentence, subj, resolver)
            if mention is None:
                continue
            res = resolver.resolve(mention)
            if res.speaker is None:
                continue
            ev = Event(tok.start, tok.end, tok.low, mention, res, sent)
            resolver.note(tok.start, res)
            _learn_gender(resolver, mention, res, mtext[tok.end:sent.end])
            in_sentence.append(ev)
            events.append(ev)
    return events, subjects


_RU_POSSESSIVE = {"его": "он", "её": "она", "ее": "она", "их": "они", "його": "він", "її": "вона"}


def _russian_event(mtext: str, sent: Sentence, toks: list, i: int,
                   resolver: Resolver) -> Event | None:
    tok = toks[i]
    if not ru_speech_verb(tok.low):
        return None
    if tok.low in GENITIVE_INTROS:              # "по словам Пескова", "по его словам"
        if i >= 2 and toks[i - 2].low == "по" and toks[i - 1].low in _RU_POSSESSIVE:
            who = toks[i - 1]
            res = ru_resolve(resolver, Mention(who.text, who.start, who.end),
                             "сказала" if who.low in ("её", "ее", "її") else "сказал")
            return Event(tok.start, tok.end, tok.low, Mention(who.text, who.start, who.end),
                         res, sent) if res.speaker else None
        if i == 0 or toks[i - 1].low != "по":
            return None
    lo = _after_last_quotation(mtext, sent.start, tok.start)
    nxt = mtext.find(FILL * 30, tok.end, sent.end)      # a quotation, not a quoted name
    hi = nxt if nxt >= 0 else sent.end
    body = ru_body(resolver, mtext, lo, tok, hi)
    if body is not None:
        return Event(tok.start, tok.end, tok.low, body[0], body[1], sent)
    mention = ru_subject(mtext, lo, tok, hi)
    if mention is None:
        return None
    res = ru_resolve(resolver, mention, tok.low)
    if res.speaker is None:
        return None
    return Event(tok.start, tok.end, tok.low, mention, res, sent)


def _after_last_quotation(mtext: str, lo: int, pos: int) -> int:
    """Where a Russian speaker phrase before pos can start: after the last quotation, but a
    short quoted name inside the phrase is no quotation ("в пресс-службе компании
    «Стройинвест» назвали": words follow the name, where a quotation has the comma or dash of
    its attribution outside the marks; English puts that comma inside, so it is not asked)."""
    while True:
        fills = mtext.rfind(FILL, lo, pos)
        if fills < 0:
            return lo
        start = fills
        while start > lo and mtext[start - 1] == FILL:
            start -= 1
        after = mtext[fills + 1:fills + 4].lstrip()
        if fills - start + 1 >= 30 or not after[:1].isalpha():
            return fills + 1
        pos = start


def _learn_gender(resolver: Resolver, mention: Mention, res: Resolved, rest: str) -> None:
    if res.kind == "person" and res.speaker and mention.text.lower() not in ("he", "she", "i"):
        resolver.vote_gender(res.speaker, rest)


def sentence_subject(mtext: str, sent: Sentence) -> Mention | None:
    """The grammatical subject at the head of a sentence, after any introductory phrase
    (and after a dateline such as "BRUSSELS (Reuters) -")."""
    start = sent.start
    m = _DATELINE.match(mtext, sent.start, sent.end)
    if m:
        start = m.end()
    pieces = re.split(r"(,)", mtext[start:sent.end])
    off = start
    for k, piece in enumerate(pieces):
        start = off
        off += len(piece)
        if piece == "," or not piece.strip():
            continue
        st = start + len(piece) - len(piece.lstrip())
        if mtext[st:st + 1] == FILL:
            return None
        first = tokenize(mtext, st, min(off, st + 30))
        if not first:
            return None
        lead = first[0].low
        participle = lead.endswith("ing") or lead in SPEECH_VERBS or lead in ("asked", "pressed")
        timed = bool(_TIME_OPENER.match(mtext, st, off))
        if (lead in _INTRO_FIRST or participle or timed) and off < sent.end:
            continue             # "Speaking in London on Wednesday, the former secretary said"
        return _appositive(mtext, pieces, k, off) or head_np(mtext, st, off)
    return None


_APPOSITIVE = re.compile(r"\s*((?:[A-Z][\w'’.-]+\s+){1,3}[A-Z][\w'’-]+)\s*")


def _appositive(mtext: str, pieces: list[str], k: int, off: int) -> Mention | None:
    """"Ukraine's foreign minister, Oksana Hnatiuk, welcomed …": a role the next comma
    pair names is that person."""
    words = pieces[k].split()
    if len(pieces) < k + 4 or pieces[k + 3] != "," or not words or not words[-1].islower():
        return None
    m = _APPOSITIVE.fullmatch(pieces[k + 2])
    if m is None:
        return None
    start = off + 1 + m.start(1)
    return Mention(m.group(1), start, start + len(m.group(1)), start, start + len(m.group(1)))


def _subject(mtext: str, sent: Sentence, toks: list, i: int, earlier: list[Event],
             sent_subject: Mention | None, resolver: Resolver) -> Mention | None:
    tok = toks[i]
    fills = mtext.rfind(FILL, sent.start, tok.start)
    lo = fills + 1 if fills >= 0 else sent.start
    nxt = mtext.find(FILL, tok.end, sent.end)
    limit = nxt if nxt >= 0 else sent.end
    if tok.low == "according":
        return subject_after(mtext, tok.end, limit, resolver.has_name)
    j = i - 1
    while j >= 0 and toks[j].is_word and toks[j].low in AUX_ADVERBS:
        j -= 1
    prev = toks[j] if j >= 0 else None
    participle = tok.low.endswith("ing") and prev is not None and prev.text == ","
    coordinated = prev is not None and prev.is_word and prev.low in ("and", "but", "or", "then")
    if participle or coordinated:
        if earlier:
            return earlier[-1].mention
        if sent_subject is not None and sent_subject.end <= tok.start:
            return sent_subject
        return None
    hi = tok.start
    timed = _TIME_BEFORE_VERB.search(mtext, lo, hi)
    if timed and timed.start() > lo:
        hi = timed.start()
    return (subject_before(mtext, lo, hi, resolver.has_name)
            or subject_after(mtext, tok.end, limit, resolver.has_name))


def assign(layout: Layout, quotes: list[QuoteSpan], events: list[Event],
           subjects: list[Event] = ()) -> list[Event | None]:
    """The speech event that attributes each quotation: in its sentence ("X said", "said X",
    a colon after the subject), else in its paragraph, its multi-paragraph run, or the
    paragraph before a quote-only paragraph."""
    mtext = layout.masked
    out: list[Event | None] = []
    starts = [o.mark_start for o in quotes]
    keys = [e.verb_start for e in events]
    for q in quotes:
        s_first = layout.sentence_at(q.mark_start)
        s_last = layout.sentence_at(max(q.mark_end - 1, q.mark_start))
        limit = s_last.end
        k = bisect_left(starts, q.mark_end)
        if k < len(starts) and starts[k] < limit:
            limit = starts[k]
        after = _between(events, keys, q.mark_end, limit)
        before = [e for e in _between(events, keys, s_first.start, q.mark_start)
                  if e.verb_end <= q.mark_start]
        lead = mtext[s_first.start:q.mark_start]
        embedded = bool(re.search(r"[^\W\d_]", lead.replace(FILL, "")))
        pick = None
        if embedded and before:
            pick = before[-1]
        elif after:
            pick = after[0]
        elif before:
            pick = before[-1]
        if pick is None and lead.rstrip().endswith(":"):      # 'Alvarez was blunt: "..."'
            pick = next((e for e in subjects if e.sentence == s_first
                         and e.mention.end <= q.mark_start), None)
        out.append(pick)
    for _ in range(2):
        for qi in range(len(quotes)):
            if out[qi] is None:
                out[qi] = _inherit(layout, quotes, events, keys, out, qi)
    return out


def _inherit(layout: Layout, quotes: list[QuoteSpan], events: list[Event], keys: list[int],
             found: list[Event | None], qi: int) -> Event | None:
    q = quotes[qi]
    para = layout.paras[q.para]
    starts_para = q.mark_start == para.start
    prev_q = quotes[qi - 1] if qi > 0 else None
    in_run = (starts_para and prev_q is not None and not prev_q.closed
              and prev_q.para == q.para - 1)
    if in_run and found[qi - 1] is not None:
        return found[qi - 1]                       # inside a multi-paragraph run
    in_para = _between(events, keys, para.start, layout.paras[q.end_para].end)
    earlier = [e for e in in_para if e.verb_end <= q.mark_start]
    if earlier:
        return earlier[-1]
    later = [e for e in in_para if e.verb_start >= q.mark_end]
    if later:
        return later[0]
    if not q.closed and qi + 1 < len(quotes):
        nq = quotes[qi + 1]
        if nq.para == q.para + 1 and nq.mark_start == layout.paras[nq.para].start \
                and found[qi + 1] is not None:
            return found[qi + 1]                   # the run's attribution comes later
    if starts_para and q.para > 0:
        prev_para = layout.paras[q.para - 1]
        prev_events = _between(events, keys, prev_para.start, prev_para.end)
        if prev_events:
            return prev_events[-1]
    return None


def _between(events: list[Event], keys: list[int], lo: int, hi: int) -> list[Event]:
    """Events whose verb starts in [lo, hi); keys are the events' verb_start, in order."""
    return events[bisect_left(keys, lo):bisect_left(keys, hi)]
