"""Check-by proposals: the deadline phrase in a quote's own words, resolved to a date (or
to a date the article gives for the event it names: "after the exercises")."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..domain.deadlines import resolve_deadline
from .context import years_back
from .dates import all_expressions

_MON = (r"(?:january|february|march|april|may|june|july|august|september|october|november|"
        r"december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?")
_NUM = (r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
        r"fifteen|twenty|thirty|forty|fifty|sixty|ninety|a couple of|a few|several)")
_UNIT = r"(?:days?|weeks?|fortnights?|months?|years?|quarters?|decades?|hours?)"
# "… before the winter is out", "by the time the year is over"
_IS_OUT = r"(?: (?:is|are) (?:out|over))?"
_HOLIDAYS = r"(?:christmas(?: eve| day)?|xmas|easter|new year's (?:eve|day)|the new year)"
_PERIOD = (rf"(?:(?:this|next|the|the current|the coming) (?:year|month|week|quarter|decade)"
           rf"|(?:19|20)\d\d|{_MON}(?: (?:19|20)\d\d)?|(?:the )?(?:spring|summer|autumn|fall|"
           rf"winter)(?: of (?:19|20)\d\d)?)")
_PART = (r"(?:(?:the )?(?:end|beginning|start|middle|first half|second half|first quarter|"
         r"second quarter|third quarter|fourth quarter|last quarter) of |(?:early|mid|late)[- ])")
_EN = [re.compile(rx, re.I) for rx in (
    # "this year, preferably in its first half"
    rf"\b{_PERIOD},? (?:preferably|ideally|if possible|or even) (?:in|by|during) its "
    r"(?:first|second) (?:half|quarter)",
    rf"\b(?:by|before|until|till|no later than|not later than) {_PART}?{_PERIOD}{_IS_OUT}"
    rf"(?: at the latest)?",
    rf"\b(?:by|before|until|in time for) {_HOLIDAYS}(?: (?:this|next) year| (?:19|20)\d\d)?",
    r"\b(?:within|in|inside) (?:the next |the coming |a )fortnight\b",
    rf"\b(?:by|before|until|no later than) (?:the )?\d{{1,2}}(?:st|nd|rd|th)? (?:of )?{_MON}"
    rf"(?:,? (?:19|20)\d\d)?|\b(?:by|before|until|no later than|on) {_MON} \d{{1,2}}"
    rf"(?:st|nd|rd|th)?(?:,? (?:19|20)\d\d)?",
    rf"\b(?:within|in the next|in the coming|over the next|in) (?:the next )?{_NUM} {_UNIT}"
    rf"(?: (?:from now|time))?",
    rf"\b(?:in|during) (?:the )?(?:first|second) half of {_PERIOD}",
    rf"\b(?:in|during) the (?:first|second|third|fourth|last) week of {_MON}",
    r"\b(?:by|before|until|no later than|this|next) (?:monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday)(?: (?:night|morning|evening|afternoon))?\b",
    rf"\b(?:in|during) (?:the )?(?:first|second|third|fourth|last) quarter(?: of {_PERIOD})?",
    rf"\b(?:in|during) {_PART}{_PERIOD}|\b{_PART}{_PERIOD}",
    r"\b(?:by )?this time next (?:year|month|week)\b",
    r"\b(?:in|during|by|before) (?:the )?(?:spring|summer|autumn|fall|winter)(?: of (?:19|20)\d\d)?"
    r"(?: (?:is|are) (?:out|over))?",
    r"\b(?:this|next) (?:year|month|week|spring|summer|autumn|fall|winter)\b",
    rf"\bin (?:19|20)\d\d\b|\bin {_MON}\b",
    r"\b(?:tomorrow|tonight|today)\b",
    r"\b(?:by|before) the (?:19|20)\d0s\b",
    rf"\b(?:by|before|until|no later than) the (?:first|last) of {_MON}(?:,? (?:19|20)\d\d)?",
    r"\b(?:in the coming|in the next few|over the coming|in the next) (?:days|weeks|months|years)"
    r"|\b(?:very )?soon\b|\bin the near future\b|\bshortly\b|\bas soon as possible\b"
    r"|\bwithin (?:days|weeks|months)\b",
)]
_RU_MON = (r"(?:январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр|"
           r"січ|лют|берез|квіт|травн|червн|липн|серпн|верес|жовтн|листопад|грудн)\w*")
_RU_NUM = (r"(?:\d+|одн\w*|один|дв\w+|тр\w+|четыр\w*|пят\w*|шест\w*|сем\w*|восьм\w*|девят\w*|"
           r"десят\w*|двенадцат\w*|нескольк\w*|полугода|полгода|півроку|кількох)")
_RU_UNIT = (r"(?:дн\w*|ден\w*|суток|сутки|недел\w*|месяц\w*|лет|год\w*|квартал\w*|тижн\w*|"
            r"місяц\w*|рок\w*)")
_RU_YEAR = r"(?:(?:19|20)\d\d\s*(?:года|году|г\.|року|р\.)?)"
_RU = [re.compile(rx, re.I) for rx in (
    rf"(?<!\w)(?:до|к|не позднее|не позже) (?:самого )?(?:конца|концу|начала|середины|кінця)"
    rf" (?:(?:этого|текущего|нынешнего|следующего|цього|поточного|наступного) )?"
    # "до конца первого квартала 2026 года", "до конца первого полугодия следующего года"
    rf"(?:(?:(?:первого|второго|третьего|четвертого|четвёртого) )?(?:квартала|полугодия)"
    rf"(?: (?:(?:этого|текущего|следующего) )?(?:года|{_RU_YEAR}))?|"
    rf"года|месяца|недели|лета|осени|зимы|весны|року|місяця|тижня|"
    rf"{_RU_YEAR}|{_RU_MON}(?: {_RU_YEAR})?)",
    rf"(?<!\w)(?:в|у|на) (?:начале|конце|середине|кінці|середині|початку)"
    rf" (?:(?:этого|текущего|нынешнего|следующего|будущего|цього|поточного|наступного) )?"
    rf"(?:года|месяца|недели|квартала|року|місяця|тижня|{_RU_YEAR}|{_RU_MON}(?: {_RU_YEAR})?)",
    rf"(?<!\w)(?:в|во|у) (?:первом|втором|третьем|четвертом|четвёртом|першому|другому)"
    rf" (?:полугодии|квартале|півріччі|кварталі)(?: (?:этого |текущего |следующего )?"
    rf"(?:года|{_RU_YEAR}))?",
    rf"(?<!\w)(?:в|у) (?:первой|второй) половине (?:(?:этого|следующего) )?(?:года|{_RU_YEAR})",
    rf"(?<!\w)(?:в|во|у) (?:первой|второй) половине {_RU_MON}(?: {_RU_YEAR})?",
    r"(?<!\w)(?:(?:этой|следующей|будущей|нынешней) )?(?:осенью|весной|летом|зимой)(?!\w)",
    rf"(?<!\w)(?:в течение|протягом|через|за|в ближайшие) {_RU_NUM}(?:-{_RU_NUM})?"
    rf"(?: {_RU_UNIT})?(?!\w)"
    rf"|(?<!\w)(?:в течение|протягом|через) (?:года|месяца|недели|року|місяця|тижня)(?!\w)",
    rf"(?<!\w)(?:до|к|не позднее) \d{{1,2}} {_RU_MON}(?: {_RU_YEAR})?",
    rf"(?<!\w)(?:до|к) {_RU_YEAR}(?!\w)|(?<!\w)(?:в|у) (?:19|20)\d\d (?:году|році)",
    r"(?<!\w)(?:в|у) (?:этом|следующем|текущем|нынешнем|цьому|наступному) (?:году|месяце|"
    r"році|місяці)|(?<!\w)(?:на этой|на следующей|цього|наступного) (?:неделе|тижня)",
    rf"(?<!\w)(?:к|до) (?:(?:этой|следующей|будущей) )?(?:(?:лету|осени|зиме|весне|лета|зимы|весны)"
    rf"(?: {_RU_YEAR})?|новому году|нового года)|(?<!\w)(?:в|у) {_RU_MON}"
    rf"(?: {_RU_YEAR})?",
    rf"(?<!\w)(?:в|у) (?:последних|первых) (?:числах|днях) {_RU_MON}(?: {_RU_YEAR})?",
    r"(?<!\w)(?:к|до) (?:понедельник[ау]|вторник[ау]|сред[еы]|четверг[ау]|пятниц[еы]|"
    r"суббот[еы]|воскресень[юя])(?!\w)",
    r"(?<!\w)(?:в|у) (?:самое )?ближайш\w+ (?:время|дни|недели|месяцы|годы)"
    r"|(?<!\w)найближч\w+ (?:часом|місяцями|роками|днями)|(?<!\w)(?:вскоре|скоро|незабаром)(?!\w)"
    r"|(?<!\w)в (?:обозримом |ближайшем )?будущем",
)]
# "after the exercises": the event named, and words the article may use for it instead
_AFTER = re.compile(r"\b(?:after|once|when) (?:the|these|those|this) ((?:[a-z-]+ ){0,2}[a-z-]+)\b"
                    r"|(?<!\w)после (?:окончания |завершения )?(\w+)", re.I)
_SYNONYMS = tuple(frozenset(g.split()) for g in (
    "exercises exercise maneuvers manoeuvres drills drill games", "talks negotiations",
    "elections election vote ballot polls", "summit meeting", "war conflict hostilities fighting",
    "учений учения учениях маневров маневры манёвров манёвры", "переговоров переговоры",
    "выборов выборы", "навчань навчання", "саммита саммит встречи",
    "recess break",
    "launch opening start запуска запуск заработает старта старт открытия откроется начнется "
    "начнётся",
))
# a period only the article dates: "by the end of fiscal 2027" ("Fiscal 2027 ends Sept. 30,
# 2027"), "before the summer recess" ("MPs are due to break for the summer on 22 July")
_BEFORE_PERIOD = re.compile(r"\b(?:by|before) (?:the end of )?(?:(fiscal (?:year )?(?:19|20)\d\d)"
                            r"|the (?:(?:summer|winter|christmas|easter|autumn|spring) )?(recess))\b",
                            re.I)
# events dated by their start ("заработает с 1 июля"), not their end
_STARTS = frozenset(_SYNONYMS[-1])
_START_WORDS = re.compile(r"(?:\b(?:from|on|launch(?:es|ed)? on|opens? on|scheduled for|set for|"
                          r"planned for)|(?<!\w)с)\s*$"
                          # "официально начнётся в понедельник, 29 сентября"
                          r"|(?:\b(?:starts|begins|will (?:start|begin))|(?<!\w)(?:начн[её]тся|"
                          r"начнутся|стартует|стартуют))(?!\w)[^.!?]{0,30}$", re.I)
# a span counted from an event: "в течение недели после их завершения", "within two weeks
# after the exercises", "в течение трёх месяцев после запуска"
_SPAN_AFTER = re.compile(
    r"^\s+(?:после\s+(?:их\s+|его\s+|её\s+|ее\s+)?(?:окончания\s+|завершения\s+)?(\w+)?"
    r"|(?:after|of)\s+(?:the|their|its)\s+(\w+))", re.I)
_END_WORDS = re.compile(r"\b(?:and|until|till|through|to|ending|ended|ends|end on|concluded|"
                        r"finished|over by)\s*$|(?<!\w)(?:по|до|завершатся|закончатся|"
                        r"завершились|закончились|завершивш\w+|закончивш\w+|окончивш\w+)\s*$",
                        re.I)


_WEEKDAY_AT = re.compile(r"\W*(?:(?:в|во|on|this|last|next|прошл\w+)\s+)*(?:понедельник|вторник|"
                         r"среду|четверг|пятницу|субботу|воскресенье|monday|tuesday|wednesday|"
                         r"thursday|friday|saturday|sunday)\b", re.I)


# a past participle or verb right before a time phrase dates the past: "закрытых этим летом"
_PAST_BEFORE = re.compile(r"(?<!\w)\w+(?:тых|нных|вших|тые|нные|вшие|ался|алась|ались|ал|ала|"
                          r"али|ило|ела|ели)\s+(?:этим\s+|этой\s+|в\s+)?$", re.I)


# a superlative or a looking-back verb before "in 80 years" makes it the span of a record
_RECORD_BEFORE = re.compile(r"\b(?:(?:the|its|their|our|his|her) \w+est|most \w+|worst|best|"
                            r"(?:have|has|had|'ve) (?:ever )?(?:seen|known|had|been)(?: \w+)?|"
                            r"for the first time)\s+(?:\w+\s+){0,3}$", re.I)


@dataclass(frozen=True)
class CheckBy:
    phrase: str                 # the words as written in the quote
    due: str | None             # ISO date, None when the phrase names no checkable date
    vague: bool
    note: str                   # how the date was found


def find_check_by(quote: str, stated: dt.date | None, article: str = "",
                  published: dt.date | None = None) -> CheckBy | None:
    """The deadline phrase of a quote and its check-by date, if the quote names one."""
    if stated is None:
        return None
    period = _period(quote, stated, article, published)
    if period is not None:           # "before the summer recess", not "before the summer"
        return period
    # every pattern is tried; the first phrase in the quote wins, and of phrases starting at
    # the same word the longest: "by June" must not cut "by June 10"
    best: CheckBy | None = None
    best_key = (0, 0)
    for pattern in (_RU if re.search(r"[а-яіїє]", quote, re.I) else _EN):
        for m in pattern.finditer(quote):
            if _RECORD_BEFORE.search(quote[:m.start()]):
                continue                 # "the lowest level in 80 years": a record, no deadline
            if _PAST_BEFORE.search(quote[:m.start()]) and \
                    not re.search(r"(?<!\w)чтобы(?:\s+\S+){0,2}\s*$", quote[:m.start()]):
                continue                 # "пункты, закрытых этим летом": a time gone by
            # a full stop ending the quote is no part of "by the end of June" (but "Jan." is)
            phrase = re.sub(r"(?<!\b[A-Za-z]{3})\.$|(?<=\bMay)\.$", "", m.group().strip(" ,"))
            found = resolve_deadline(phrase, stated)
            if (found.due is not None or found.vague and found.explanation.startswith("vague")) \
                    and (best is None or (m.start(), -len(phrase)) < best_key):
                best_key = (m.start(), -len(phrase))
                best = CheckBy(phrase, found.due.isoformat() if found.due else None,
                               found.due is None, found.explanation)
                if found.due is not None and article:
                    best = _after_event(best, quote, m.start() + len(phrase), stated, article,
                                        published) or best
    if best is not None:
        return best
    m = _AFTER.search(quote)
    if m and article:
        noun = (m.group(1) or m.group(2)).split()[-1].lower()
        due = _event_end(noun, article, stated, published)
        if due is not None:
            return CheckBy(m.group().strip(), due.isoformat(), False,
                           f"the article dates the end of the {noun}: {due.isoformat()}")
    return None


def _period(quote: str, stated: dt.date, article: str, published: dt.date | None
            ) -> CheckBy | None:
    """"by the end of fiscal 2027", "before the summer recess": the phrase, dated when the
    article says when the period ends or the recess starts; else kept for the analyst to
    date, since fiscal years and sittings differ by country."""
    m = _BEFORE_PERIOD.search(quote)
    if m is None:
        return None
    phrase = m.group().strip()
    due = None
    if m.group(1):
        year = m.group(1).split()[-1]
        for found in re.finditer(rf"\bfiscal (?:year )?{year} (?:ends|will end|runs through|"
                                 rf"closes)\b[^.]*?\.(?:\s*\d{{1,2}},\s*\d{{4}})?", article, re.I):
            days = [d for _off, (d, precision) in all_expressions(found.group(), stated, "")
                    if precision == "day" and d]
            if days:
                due = dt.date.fromisoformat(days[0])
                break
    elif article:
        due = _event_end("recess", article, stated, published, starts=True)
    if due is None:
        return CheckBy(phrase, None, True, "the article does not say when this period ends; "
                                            "type the date")
    return CheckBy(phrase, due.isoformat(), False,
                   f"the article dates the {m.group(1) or 'recess'}: {due.isoformat()}")


def _after_event(span: CheckBy, quote: str, end: int, stated: dt.date, article: str,
                 published: dt.date | None) -> CheckBy | None:
    """A span counted from an event the article dates: the phrase takes the event's words
    and the span runs from the event's end (or, for a launch, its start)."""
    m = _SPAN_AFTER.match(quote[end:])
    if m is None:
        return None
    noun = (m.group(1) or m.group(2) or "").lower()
    if noun in ("", "завершения", "окончания", "end"):   # "после их завершения": named before
        noun = next((w for w in re.findall(r"\w+", quote.lower())
                     if any(w in g for g in _SYNONYMS)), "")
    if not noun:
        return None
    base = _event_end(noun, article, stated, published)
    if base is None:
        return None
    phrase = quote[end - len(span.phrase):end + m.end()].strip()
    span_only = resolve_deadline(span.phrase, base)
    if span_only.due is None:
        return None
    return CheckBy(phrase, span_only.due.isoformat(), False,
                   f"{span.phrase} from {base.isoformat()}, when the article dates the {noun}")


def _event_end(noun: str, article: str, stated: dt.date, published: dt.date | None,
               starts: bool = False) -> dt.date | None:
    """The last date the article gives in a sentence naming the event (or a synonym); its
    start for a launch, or for what a deadline must come before (starts)."""
    words = next((g for g in _SYNONYMS if noun in g), frozenset({noun}))
    stems = {w[:6] for w in words}
    marks = _START_WORDS if starts or words == _STARTS else _END_WORDS
    best: dt.date | None = None
    for sent in re.split(r"(?<=[.!?])\s+", article):
        low = sent.lower()
        if not any(re.search(r"(?<!\w)" + re.escape(st), low) for st in stems):
            continue
        # an end told without a year may lie ahead ("runs until March 21"): up to half a
        # year after the article, unless the sentence is set a year back
        ref = (published or stated) + dt.timedelta(days=183)
        back = years_back(sent)
        if back is not None:
            ref = dt.date((published or stated).year - back, 12, 31)
        # "until" marks an end, not a date still to come; same length keeps the offsets
        flat = re.sub(r"\b(?:until|Until)\b", "ended", sent)
        for off, (value, precision) in all_expressions(flat, ref, ""):
            if precision != "day" or not value or not marks.search(sent[:off]):
                continue
            if _WEEKDAY_AT.match(flat, off):
                continue             # "в понедельник" counted from the shifted ref: no date
            d = dt.date.fromisoformat(value)
            if d < stated - dt.timedelta(days=400):
                continue
            # of several such events (this year's drills, and those of two years ago the
            # quote was said at) the one nearest the words; of a launch put back ("с 1 июля,
            # а не с 1 мая"), the later date
            if best is None or (d > best if marks is _START_WORDS else
                                abs((d - stated).days) < abs((best - stated).days)):
                best = d
    return best
