"""Check-by proposals: the deadline phrase in a quote's own words, resolved to a date (or
to a date the article gives for the event it names: "after the exercises")."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..domain.deadlines import resolve_deadline
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
    rf"\b(?:in|during) (?:the )?(?:first|second|third|fourth|last) quarter(?: of {_PERIOD})?",
    rf"\b(?:in|during) {_PART}{_PERIOD}|\b{_PART}{_PERIOD}",
    r"\b(?:by )?this time next (?:year|month|week)\b",
    r"\b(?:in|during|by|before) (?:the )?(?:spring|summer|autumn|fall|winter)(?: of (?:19|20)\d\d)?"
    r"(?: (?:is|are) (?:out|over))?",
    r"\b(?:this|next) (?:year|month|week|spring|summer|autumn|fall|winter)\b",
    rf"\bin (?:19|20)\d\d\b|\bin {_MON}\b",
    r"\b(?:tomorrow|tonight|today)\b",
    r"\b(?:in the coming|in the next few|over the coming|in the next) (?:days|weeks|months|years)"
    r"|\b(?:very )?soon\b|\bin the near future\b|\bshortly\b|\bas soon as possible\b",
)]
_RU_MON = (r"(?:январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр|"
           r"січ|лют|берез|квіт|травн|червн|липн|серпн|верес|жовтн|листопад|грудн)\w*")
_RU_NUM = (r"(?:\d+|одн\w*|один|дв\w+|тр\w+|четыр\w*|пят\w*|шест\w*|сем\w*|восьм\w*|девят\w*|"
           r"десят\w*|двенадцат\w*|нескольк\w*|полугода|полгода|півроку|кількох)")
_RU_UNIT = r"(?:дн\w*|ден\w*|недел\w*|месяц\w*|лет|год\w*|квартал\w*|тижн\w*|місяц\w*|рок\w*)"
_RU_YEAR = r"(?:(?:19|20)\d\d\s*(?:года|году|г\.|року|р\.)?)"
_RU = [re.compile(rx, re.I) for rx in (
    rf"(?<!\w)(?:до|к|не позднее|не позже) (?:самого )?(?:конца|концу|начала|середины|кінця)"
    rf" (?:(?:этого|текущего|нынешнего|следующего|цього|поточного|наступного) )?"
    rf"(?:года|месяца|недели|квартала|лета|осени|зимы|весны|року|місяця|тижня|"
    rf"{_RU_YEAR}|{_RU_MON}(?: {_RU_YEAR})?)",
    rf"(?<!\w)(?:в|во|у) (?:первом|втором|третьем|четвертом|четвёртом|першому|другому)"
    rf" (?:полугодии|квартале|півріччі|кварталі)(?: (?:этого |текущего |следующего )?"
    rf"(?:года|{_RU_YEAR}))?",
    rf"(?<!\w)(?:в|у) (?:первой|второй) половине (?:(?:этого|следующего) )?(?:года|{_RU_YEAR})",
    rf"(?<!\w)(?:в течение|протягом|через|за) {_RU_NUM}(?: {_RU_UNIT})?(?!\w)"
    rf"|(?<!\w)(?:в течение|протягом|через) (?:года|месяца|недели|року|місяця|тижня)(?!\w)",
    rf"(?<!\w)(?:до|к|не позднее) \d{{1,2}} {_RU_MON}(?: {_RU_YEAR})?",
    rf"(?<!\w)(?:до|к) {_RU_YEAR}(?!\w)|(?<!\w)(?:в|у) (?:19|20)\d\d (?:году|році)",
    r"(?<!\w)(?:в|у) (?:этом|следующем|текущем|нынешнем|цьому|наступному) (?:году|месяце|"
    r"році|місяці)|(?<!\w)(?:на этой|на следующей|цього|наступного) (?:неделе|тижня)",
    rf"(?<!\w)(?:к|до) (?:лету|осени|зиме|весне|новому году|нового года)|(?<!\w)(?:в|у) {_RU_MON}"
    rf"(?: {_RU_YEAR})?",
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
    "учений учения учениях маневров маневры", "переговоров переговоры", "выборов выборы",
    "навчань навчання", "саммита саммит встречи",
))
_END_WORDS = re.compile(r"\b(?:and|until|till|through|to|ending|ended|ends|end on|concluded|"
                        r"finished|over by)\s*$|(?<!\w)(?:по|до|завершатся|закончатся|"
                        r"завершились|закончились)\s*$", re.I)


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
    # every pattern is tried; the first phrase in the quote wins, and of phrases starting at
    # the same word the longest: "by June" must not cut "by June 10"
    best: CheckBy | None = None
    best_key = (0, 0)
    for pattern in (_RU if re.search(r"[а-яіїє]", quote, re.I) else _EN):
        for m in pattern.finditer(quote):
            # a full stop ending the quote is no part of "by the end of June" (but "Jan." is)
            phrase = re.sub(r"(?<!\b[A-Za-z]{3})\.$", "", m.group().strip(" ,"))
            found = resolve_deadline(phrase, stated)
            if (found.due is not None or found.vague and found.explanation.startswith("vague")) \
                    and (best is None or (m.start(), -len(phrase)) < best_key):
                best_key = (m.start(), -len(phrase))
                best = CheckBy(phrase, found.due.isoformat() if found.due else None,
                               found.due is None, found.explanation)
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


def _event_end(noun: str, article: str, stated: dt.date, published: dt.date | None
               ) -> dt.date | None:
    """The last date the article gives in a sentence naming the event (or a synonym)."""
    words = next((g for g in _SYNONYMS if noun in g), frozenset({noun}))
    stems = {w[:6] for w in words}
    best: dt.date | None = None
    for sent in re.split(r"(?<=[.!?])\s+", article):
        low = sent.lower()
        if not any(re.search(r"(?<!\w)" + re.escape(st), low) for st in stems):
            continue
        # an end told without a year may lie ahead ("runs until March 21"): up to half a
        # year after the article, unless the sentence is set a year back
        ref = (published or stated) + dt.timedelta(days=183)
        if re.search(r"\ba year (?:earlier|before|ago)\b|(?<!\w)годом ранее|год назад", low):
            ref = dt.date((published or stated).year - 1, 12, 31)
        # "until" marks an end, not a date still to come; same length keeps the offsets
        flat = re.sub(r"\b(?:until|Until)\b", "ended", sent)
        for off, (value, precision) in all_expressions(flat, ref, ""):
            if precision != "day" or not value or not _END_WORDS.search(sent[:off]):
                continue
            d = dt.date.fromisoformat(value)
            if d >= stated - dt.timedelta(days=400) and (best is None or d > best):
                best = d
    return best
