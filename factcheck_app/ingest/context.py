"""When a quote was said: its attribution's own date, else the time the narrative set."""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from .attribution import Event
from .dates import date_expressions
from .layout import FILL, Layout, clause_end
from .quotes import QuoteSpan

LOOK_BACK = 4000          # characters of earlier text that "that year" may refer to
# words that send a quote back to a time the article set earlier
_BACKREF = re.compile(
    r"\b(?:at the time|at that time|back then|then|that day|on that day|that week|that month|"
    r"during (?:that|the|his|her) (?:visit|meeting|trip|speech|interview|call|conference|"
    r"summit|talks)|at (?:that|the) (?:meeting|event|conference|summit|rally))\b"
    r"|(?<!\w)(?:тогда|в то время|в тот день|в тот момент|в ходе (?:того|этого|визита|встречи)|"
    r"на той встрече|тоді|того дня)(?!\w)", re.I)
# the occasion the speaker's earlier words were dated by: "Bezuhlyi said in the interview"
_SAME_INTERVIEW = re.compile(r"\bin (?:the|that) (?:same )?(?:interview|conversation|call)\b"
                             r"|(?<!\w)в (?:том же |этом же |том )?интервью(?!\w)(?! \w+ \d)", re.I)
_INTERVIEWED = re.compile(r"\btold\b|\binterview|(?<!\w)(?:рассказал\w*|интервью)", re.I)
_SAME_DAY = re.compile(r"\b(?:that day|on that day)\b|(?<!\w)(?:в тот день|того дня)(?!\w)",
                       re.I)
_YEAR_MARK = re.compile(
    r"\b(?:(?:a|one|two|three|four|five|\d+) years? (?:earlier|before|ago|after)|last year|"
    r"the previous year)\b|(?<!\w)(?:(?:два|три|четыре|\d+) (?:года|лет) назад|годом ранее|"
    r"год назад|в прошлом году|роком раніше)(?!\w)", re.I)
_COUNT = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "два": 2, "три": 3,
          "четыре": 4}
# a speaker's next words in the same conversation: "added", "уточнил"
_GOES_ON = re.compile(r"^(?:added|adds|stressed|emphasi[sz]ed|добавил\w*|подчеркнул\w*|"
                      r"уточнил\w*|дополнил\w*)$", re.I)


def years_back(text: str) -> int | None:
    """How many years before publication "two years ago", "a year after …", "год назад" go."""
    m = _YEAR_MARK.search(text)
    if m is None:
        return None
    first = m.group().split()[0].lower()
    return int(first) if first.isdigit() else _COUNT.get(first, 1)
# a sentence looking ahead ("will train together between January 16 and February 1")
_FUTURE = re.compile(r"\b(?:will|would|shall|is to|are to|plans? to|scheduled|set to|expected)\b"
                     r"|(?<!\w)(?:будет|будут|планиру\w+|намечен\w*|пройд[её]т|пройдут)(?!\w)",
                     re.I)
_IN_YEAR = re.compile(r"\b(?:in|during) ((?:19|20)\d\d)\b|(?<!\w)в ((?:19|20)\d\d) году", re.I)


@dataclass(frozen=True)
class Stated:
    value: str | None          # YYYY-MM-DD, YYYY-MM or YYYY
    precision: str             # "day" | "month" | "year"
    how: str                   # "attribution", "context" or "publication"


def stated_dates(layout: Layout, quotes: Sequence[QuoteSpan],
                 attributions: Sequence[Event | None], events: Sequence[Event],
                 published: dt.date | None, subjects: Sequence[Event] = ()) -> list[Stated]:
    """One Stated per quote, in order. The attribution's own words first ("said on Tuesday",
    "told RT in September of that year"); then, for "said at the time" or a quote that carries
    on a story told in the past, the time the preceding narrative set; else publication."""
    pub = Stated(published.isoformat(), "day", "publication") if published else \
        Stated(None, "day", "publication")
    frames = _Frames(layout, published)
    ends = [e.verb_end for e in events]
    out: list[Stated] = []
    occasion: set[str | None] = set()      # who spoke at the occasion the last dates come from
    story = -1                             # the last quote dated by the past a story told
    lead_day = _lead_day(layout, frames, events, published)
    at_event: list[str | None] = []        # the speakers at the lead's event: its first two
    for qi, (q, ev) in enumerate(zip(quotes, attributions, strict=True)):
        own = _own(layout, ev, published) if ev is not None else None
        clause = _clause(layout, ev) if ev is not None else ""
        if own is not None:
            out.append(own)
            continue
        if _SAME_INTERVIEW.search(clause):
            mine = [j for j in range(qi - 1, -1, -1)
                    if out[j].how == "attribution" and attributions[j] is not None
                    and same_person(attributions[j].resolved.speaker, ev.resolved.speaker)]
            # of the speaker's dated words, those said to a reporter ("told the Observer on
            # April 16"), not those said elsewhere ("speaking to the committee last week")
            told = [j for j in mine if _INTERVIEWED.search(_clause(layout, attributions[j]))]
            earlier = out[(told or mine)[0]] if mine else None
            if earlier is not None:
                out.append(Stated(earlier.value, earlier.precision, "context"))
                continue
        if _BACKREF.search(clause):
            frame = frames.before(q.para, q.mark_start)
            if frame is not None:
                precision = "day" if _SAME_DAY.search(clause) else "month"
                out.append(_coarsen(frame, precision))
                story = qi
                continue
        prev = out[-1] if out else None
        opens = q.mark_start == layout.paras[q.para].start
        # a run of quote-led paragraphs tells one past story; after a paragraph that set its
        # own time ("Two years ago … At the time, X said"), only X carries on in it
        pq = quotes[qi - 1] if qi else None
        same = ev is None or pq is None or pq.mark_start == layout.paras[pq.para].start or (
            attributions[qi - 1] is not None
            and same_person(attributions[qi - 1].resolved.speaker, ev.resolved.speaker))
        if prev is not None and prev.how == "context" and opens and same \
                and story == qi - 1 and q.para - quotes[qi - 1].end_para <= 1 \
                and not frames.has_frame(quotes[qi - 1].end_para + 1, q.para, q.mark_start):
            out.append(prev)                  # the story carries on in the same past
            story = qi
            continue
        if prev is not None and prev.how != "publication" and ev is not None \
                and attributions[qi - 1] is not None \
                and same_person(attributions[qi - 1].resolved.speaker, ev.resolved.speaker) \
                and q.para - quotes[qi - 1].end_para <= 1:
            out.append(Stated(prev.value, prev.precision, "context"))   # the same occasion
            continue
        if prev is not None and prev.how == "context" and ev is not None and \
                q.para - quotes[qi - 1].end_para <= 1 and \
                (_GOES_ON.match(ev.verb)
                     or any(same_person(ev.resolved.speaker, o) for o in occasion)):
            occasion.add(ev.resolved.speaker)          # "the governor added that …"
            out.append(prev)
            continue
        lead = _lead_event(layout, events, ends, attributions[qi], q, published) or \
            _lead_event(layout, subjects, [e.verb_end for e in subjects], ev, q, published)
        if lead is not None:
            occasion = {ev.resolved.speaker}
            out.append(Stated(lead.value, lead.precision, "context"))
            continue
        who = ev.resolved.speaker if ev is not None else None
        if lead_day is not None and not any(same_person(who, w) for w in at_event):
            at_event.append(who)
            if len(at_event) > 2:
                lead_day = None          # later voices react to the story on its own day
        out.append(lead_day or pub)
    return out


def _lead_day(layout: Layout, frames: _Frames, events: Sequence[Event],
              published: dt.date | None) -> Stated | None:
    """The day a news story's lead dates its event ("Россия и Казахстан во вторник подписали
    …", "The court on Tuesday overturned …"). A lead that reports speech ("Об этом в среду
    сообщил X") dates only X's words, which the speaker's own verb already does."""
    if published is None:
        return None
    for pi, para in enumerate(layout.paras[:6]):
        body = layout.text[para.start:para.end].rstrip()
        if para.end - para.start < 120 or not body.endswith((".", "!", "?", "»", '"', "”")):
            continue                     # title, dateline, a standfirst line
        # the lead sentence dates the event; a short one before it is a dateline
        # ("АСТАНА, 4 декабря — Агентство «Меридиан».")
        sents = [st for st in layout.sentences if para.start <= st.start < para.end]
        if not sents:
            return None
        first = next((st for st in sents if st.end - st.start >= 60), sents[-1])
        if any(first.start <= e.verb_start < first.end for e in events):
            return None
        f = frames.first(pi, first.start, first.end)
        if f is not None and f.precision == "day" and f.value and \
                0 < (published - dt.date.fromisoformat(f.value)).days <= 6:
            return Stated(f.value, "day", "context")
        return None
    return None


def same_person(a: str | None, b: str | None) -> bool:
    """One speaker under two namings: "Наталья Соколова" and the "Соколова" of "по словам
    Соколовой", "Tom Ferris" and "Ferris"."""
    if not a or not b:
        return a == b
    if a == b:
        return True
    short, full = sorted((a.split(), b.split()), key=len)
    return len(short) == 1 and len(full) > 1 and short[0] == full[-1]


def _clause(layout: Layout, ev: Event) -> str:
    mtext = layout.masked
    sent = ev.sentence
    return mtext[sent.start:clause_end(mtext, ev.verb_end, sent.end)].replace(FILL, " ")


def _own(layout: Layout, ev: Event, published: dt.date | None) -> Stated | None:
    """A date written in the attribution: the words after the speech verb, then before it."""
    mtext = layout.masked
    sent = ev.sentence
    after = mtext[ev.verb_end:clause_end(mtext, ev.verb_end, sent.end)]
    before = mtext[sent.start:ev.verb_start].replace(FILL, " ")
    earlier = layout.text[max(0, sent.start - LOOK_BACK):sent.start]
    for region, pick_last in ((after, False), (before, True)):
        found = date_expressions(region, published, earlier)
        if found:
            value, precision = found[-1 if pick_last else 0][1]
            return Stated(value, precision, "attribution")
    back = years_back(before) if published and ev.verb else None
    if back is not None:                          # "Two years ago Grant said …"
        return Stated(f"{published.year - back:04d}", "year", "attribution")
    return None


def _coarsen(s: Stated, precision: str) -> Stated:
    if precision == "month" and s.precision == "day" and s.value:
        return Stated(s.value[:7], "month", "context")
    return Stated(s.value, s.precision, "context")


def _lead_event(layout: Layout, events: Sequence[Event], ends: list[int], ev: Event | None,
                q: QuoteSpan, published: dt.date | None) -> Stated | None:
    """'This Monday he reiterated …' then '"…," said the president': the same speaker's
    dated speech verb in the paragraph before (or earlier in this one) dates the quote."""
    if ev is None:
        return None
    for k in range(bisect_right(ends, q.mark_start) - 1, -1, -1):
        other = events[k]
        if layout.para_of(other.verb_start) < q.para - 1:
            break                     # only the paragraph before counts: stays linear too
        if other is ev:
            continue
        if same_person(other.resolved.speaker, ev.resolved.speaker):
            return _own(layout, other, published)
        if _official_of(layout, other, ev):
            own = _own(layout, other, published)
            # one occasion is a day; "In October, the association warned …" is no occasion
            # its president's words today belong to
            return own if own is not None and own.precision == "day" else None
    return None


def _official_of(layout: Layout, body: Event, ev: Event) -> bool:
    """'The regulator told suppliers on Tuesday …' then 'the regulator's chief executive
    said': the body's own official speaks at the body's occasion."""
    if body.resolved.kind not in ("org", "group", "spokes") or not body.mention.text:
        return False
    head = body.mention.text.split()[-1].lower()
    sent = layout.text[ev.sentence.start:ev.sentence.end].lower()
    if re.search(r"\b(?:its|their) (?:spokes(?:man|woman|person)|chief|head|director|chair)\b",
                 sent):
        return True                     # "… weighed in on Tuesday. '…,' said its spokesman"
    return len(head) > 3 and bool(re.search(rf"\b{re.escape(head)}['’]s\b", sent))


class _Frames:
    """The past time each paragraph's narrative (outside quotations) sets, if any."""

    def __init__(self, layout: Layout, published: dt.date | None) -> None:
        self.layout = layout
        self.published = published
        self._cache: dict[int, Stated | None] = {}

    def first(self, para: int, start: int, upto: int) -> Stated | None:
        """The first past time a sentence from start to upto sets: a lead's own event
        ("spent a third day under an advisory Thursday"), not the one its clause recalls
        ("a main that ruptured early Tuesday")."""
        return self.frame(para, upto, start)

    def frame(self, para: int, upto: int | None = None, start: int | None = None
              ) -> Stated | None:
        if upto is None and para in self._cache:
            return self._cache[para]
        p = self.layout.paras[para]
        text = self.layout.masked[start if start is not None else p.start:
                                  upto if upto is not None else p.end]
        ref = self.published
        if ref is not None:
            m = _IN_YEAR.search(text)
            back = years_back(text)
            if back is not None:
                ref = dt.date(ref.year - back, 12, 31)
                text = _YEAR_MARK.sub(lambda x: " " * len(x.group()), text)  # counted once
            elif m:
                ref = min(ref, dt.date(int(m.group(1) or m.group(2)), 12, 31))
        earlier = self.layout.text[max(0, p.start - LOOK_BACK):p.start]
        flat = text.replace(FILL, " ")
        found = [v for off, v in date_expressions(flat, ref, earlier)
                 if not _FUTURE.search(flat[max(flat.rfind(".", 0, off), 0):off])]
        found = [v for v in found if v[0] and (self.published is None
                                               or v[0] <= self.published.isoformat())]
        if start is not None:
            return Stated(found[0][0], found[0][1], "context") if found else None
        result = Stated(found[-1][0], found[-1][1], "context") if found else None
        if result is None and ref is not None and ref != self.published:
            result = Stated(f"{ref.year:04d}", "year", "context")
        if upto is None:
            self._cache[para] = result
        return result

    def before(self, para: int, pos: int) -> Stated | None:
        here = self.frame(para, pos)
        if here is not None:
            return here
        for pi in range(para - 1, max(-1, para - 5), -1):
            f = self.frame(pi)
            if f is not None:
                return f
        return None

    def has_frame(self, first: int, last: int, pos: int) -> bool:
        """Does a paragraph from first to last (up to pos in the last) set a new time?"""
        for pi in range(first, last + 1):
            if self.frame(pi, pos if pi == last else None) is not None:
                return True
        return False
