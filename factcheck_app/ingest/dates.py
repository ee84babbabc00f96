"""Dates: parse date strings, find a publication date in plain text, date a statement."""
from __future__ import annotations

import datetime as dt
import re

from .lexicon import MONTHS, WEEKDAYS

_MON = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|" \
       r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_ISO = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)(?:[T ]\d\d:\d\d[^\s]*)?")
_MDY = re.compile(r"\b(" + _MON + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b", re.I)
_DMY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(" + _MON
                  + r")\.?,?\s+((?:19|20)\d\d)\b",
                  re.I)
_SLASH_YMD = re.compile(r"\b((?:19|20)\d\d)/(\d{1,2})/(\d{1,2})\b")
# "06/17/2025 04:52 PM EDT": month first, as US sites print it, unless the first can only be a day
_SLASH_MDY = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)(?![\d/])")
_BYLINE_SEPARATOR = re.compile(r"\s+[·|•]\s+")
_DOT_DMY = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)(?![\d.]\d)")
# what a date line holds besides its date: times, zones, "Updated", "3 hours ago"
_DATELINE_NOISE = re.compile(r"\b\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?|\b[A-Z]{1,4}T\b|\b(?:GMT|UTC|МСК)"
                             r"(?:[+-]\d{1,2})?|\b\d+\s+\w+\s+ago\b|[^\w\s]", re.I)
_PUBLISH_WORDS = re.compile(r"\b(published|posted|publication|date[d:]?|articles? on|"
                            r"released|first published|publicado|publié|veröffentlicht)\b"
                            r"|(?<!\w)(?:опубликовано|дата публикации|опубліковано|дата)(?!\w)",
                            re.I)
_RELATED_MARKERS = re.compile(r"^\s*(you may (also )?like|you might (also )?like|trends?\b|"
                              r"trending|related|read (more|also|next)|more (from|on|stories)|"
                              r"recommended|most (read|popular|viewed)|see also|latest news)",
                              re.I)


def _month(word: str) -> int:
    w = word.lower().rstrip(".")
    return MONTHS.get(w) or MONTHS[w[:3]]


def _mk(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def dates_in(s: str) -> list[tuple[int, dt.date]]:
    """(offset, date) for every full date written in s."""
    out: list[tuple[int, dt.date]] = []
    for m in _ISO.finditer(s):
        d = _mk(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d:
            out.append((m.start(), d))
    for m in _MDY.finditer(s):
        d = _mk(int(m.group(3)), _month(m.group(1)), int(m.group(2)))
        if d:
            out.append((m.start(), d))
    for m in _DMY.finditer(s):
        d = _mk(int(m.group(3)), _month(m.group(2)), int(m.group(1)))
        if d:
            out.append((m.start(), d))
    for m in _RU_DMY.finditer(s):
        month = _RU_MONTHS.get(m.group(2).lower()[:3])
        d = _mk(int(m.group(3)), month, int(m.group(1))) if month else None
        if d:
            out.append((m.start(), d))
    for m in _SLASH_YMD.finditer(s):
        d = _mk(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d:
            out.append((m.start(), d))
    for m in _SLASH_MDY.finditer(s):
        a, b = int(m.group(1)), int(m.group(2))
        d = _mk(int(m.group(3)), *((a, b) if a <= 12 else (b, a)))
        if d:
            out.append((m.start(), d))
    for m in _DOT_DMY.finditer(s):      # 17.04.2025: day first, as wherever dots are used
        d = _mk(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if d:
            out.append((m.start(), d))
    return sorted(out)


def _only_a_date(line: str) -> bool:
    """A line that is a date and little else ("Updated 5:47 PM EDT, June 27, 2025",
    "12.11.2025 11:30 (обновлено: 14:02 12.11.2025)"): a timestamp under a headline."""
    rest = line
    for pattern in (_ISO, _MDY, _DMY, _RU_DMY, _SLASH_YMD, _SLASH_MDY, _DOT_DMY):
        rest = pattern.sub(" ", rest)
    rest = _DATELINE_NOISE.sub(" ", rest)
    words = [w for w in rest.split() if w.lower() not in WEEKDAYS]
    return len(words) <= 3


def parse_date(s: str | None) -> dt.date | None:
    """The first full date in a metadata string ("2019-11-20T05:52:20-05:00", "Nov 19, 2019")."""
    if not s:
        return None
    found = dates_in(s)
    return found[0][1] if found else None


def published_in_text(text: str) -> dt.date | None:
    """A publication date stated in plain text: a short line such as "Published Nov 19, 2019"
    or "All news articles on 2023-01-10"; dates in related-story lists do not count."""
    lines = text.splitlines()
    best: tuple[int, int, dt.date] | None = None
    in_related = False
    # a byline strip holds its date as one part: "Taryn MacLeod · CPB News · Posted: Jan 22,
    # 2025 5:00 AM AST | Last Updated: 2 hours ago"
    parts = [(i, part) for i, line in enumerate(lines)
             for part in _BYLINE_SEPARATOR.split(line.strip())]
    for i, stripped in parts:
        if _RELATED_MARKERS.match(stripped) and len(stripped.split()) <= 6:
            in_related = True
            continue
        found = dates_in(stripped)
        if not found or len(stripped.split()) > 14:
            continue
        score = 1
        if _PUBLISH_WORDS.search(stripped):
            score += 3
        if re.search(r"\bupdated\b", stripped, re.I):
            score -= 1
        if re.search(r"\bon\s*$", stripped[:found[0][0]], re.I):
            score += 1
        if len(stripped.split()) <= 4 or _only_a_date(stripped):
            score += 1
        if i < 12:
            score += 1
        if in_related or re.search(r"\d\d:\d\d:\d\d(\.\d+)?Z?\b", stripped):
            score -= 4
        if score > 1 and (best is None or score > best[0]):
            best = (score, i, found[0][1])
    if best is None:      # a dateline opening a paragraph: "WASHINGTON, Nov. 19, 2019 —"
        for line in lines[:12]:
            head = line.strip()[:160]
            for off, d in dates_in(head):
                if re.match(r"[^.\n]{0,40}$", head[:off]) and re.search(r"[—–-]",
                                                                       head[off:off + 30]):
                    return d
    return best[2] if best else None


# ---- statement dates -------------------------------------------------------------------------

_WEEKDAY_RE = re.compile(r"\b(last|this|next|on|until|by|since|before)?\s*"
                         r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)
_MONTH_RE = re.compile(r"\b(in|during|since|last|this|early|late|mid|on|of|until|by|next)?[\s-]*"
                       r"(" + _MON + r")\b\.?(?:\s+(\d{1,2})(?:st|nd|rd|th)?\b)?"
                       r"(?:,?\s+(?:of\s+)?((?:19|20)\d\d|that year|last year|this year))?", re.I)
_DAY_FIRST = re.compile(r"(?:\b(in|on|by|until|since|before|from|of)\s+)?\b(\d{1,2})(?:st|nd|rd|th)?"
                        r"\s+(?:of\s+)?$", re.I)
_YEAR_RE = re.compile(r"\b(in|during|since)\s+((?:19|20)\d\d)\b"
                      # the year of an occasion: "In a 2023 interview with the Ledger, …",
                      # "in a 2022 budget presentation", «в интервью 2023 года»
                      r"|\b(in|during)\s+(?:a|an|the|his|her|its|their)\s+((?:19|20)\d\d)\s+"
                      r"(?:[a-z-]+\s+){0,2}(?:interview|order|ruling|judgment|judgement|speech|"
                      r"letter|statement|report|presentation|hearing|post|article|op-ed|"
                      r"podcast|memo|testimony|address|debate|briefing)\b", re.I)
_RELATIVE = {"yesterday": -1, "today": 0, "this morning": 0, "this afternoon": 0,
             "tonight": 0, "earlier today": 0, "on the same day": 0}
_FUTURE = {"next", "until", "by", "since", "before"}


def stated_date(after: str, before: str, published: dt.date | None,
                earlier_text: str = "") -> tuple[str | None, str]:
    """The date a statement was made, from the attribution clause (words after the speech verb
    first, then those before it); falls back to the publication date."""
    for region, pick_last in ((after, False), (before, True)):
        found = date_expressions(region, published, earlier_text)
        if found:
            return found[-1 if pick_last else 0][1]
    if published:
        return published.isoformat(), "day"
    return None, "day"


def date_expressions(s: str, pub: dt.date | None, earlier: str
                      ) -> list[tuple[int, tuple[str | None, str]]]:
    out = [(off, v) for off, v in all_expressions(s, pub, earlier)
           if not _FUTURE_BEFORE.search(s[max(0, off - 40):off])
           and not re.match(r"since\b", s[off:], re.I)     # "services cut since 2022"
           and not re.search(r"\bsince\s+$", s[max(0, off - 8):off], re.I)
           # «с начала сентября собирает жалобы»: since then, not when it was said
           and not re.search(r"(?<!\w)(?:с|со|начиная с)\s+(?:(?:начала|конца|середины)\s+)?$",
                             s[max(0, off - 20):off], re.I)]
    return out


_FUTURE_BEFORE = re.compile(r"(?:\b(?:will|would|’ll|'ll|shall|scheduled|set to|expected to|plans? to|"
                            r"due to|going to)\b|(?<!\w)(?:будет|будут|планируется|"
                            r"намечен\w*|пройд[её]т|пройдут|состоится|состоятся|до|к)(?!\w))"
                            r"[^.;]*$", re.I)


def all_expressions(s: str, pub: dt.date | None, earlier: str
                    ) -> list[tuple[int, tuple[str | None, str]]]:
    """(offset, (date, precision)) of every date expression in s, past or future."""
    out: list[tuple[int, tuple[str | None, str]]] = []
    for off, d in dates_in(s):
        out.append((off, (d.isoformat(), "day")))
    taken = [(off, off + 12) for off, _ in out]
    full = len(taken)                           # the spans of full dates, before month names
    for m in _MONTH_RE.finditer(s):
        if any(a <= m.start() < b for a, b in taken):
            continue
        prep = (m.group(1) or "").lower()
        word = m.group(2)
        # the day written first, British style: "on 22 July", "by 3 March"
        first = None if m.group(1) or m.group(3) else _DAY_FIRST.search(s, 0, m.start(2))
        if first:
            prep = (first.group(1) or "").lower()
        if word.lower() == "may" and not (m.group(3) or first) and \
                prep not in ("in", "since", "during", "of"):
            continue            # "may" the verb
        if word.lower() in ("mar", "march") and word[0].islower():
            continue
        if not word[0].isupper() or prep in _FUTURE:
            continue
        month = _month(word)
        day = int(m.group(3)) if m.group(3) else int(first.group(2)) if first else None
        year_txt = (m.group(4) or "").lower()
        year = _year(year_txt, pub, earlier)
        if year is None and pub is not None and prep == "last" and month == pub.month:
            year = pub.year - 1
        found = _month_day(year, month, day, pub)
        if found:
            at = first.start(2) if first else m.start()
            out.append((at, found))
            taken.append((at, m.end()))          # "In October last year" is one date
    for m in _WEEKDAY_RE.finditer(s):
        prep = (m.group(1) or "").lower()
        if pub is None or prep in _FUTURE:
            continue
        back = (pub.weekday() - WEEKDAYS[m.group(2).lower()]) % 7
        if prep == "last" and back == 0:
            back = 7
        out.append((m.start(), ((pub - dt.timedelta(days=back)).isoformat(), "day")))
    low = s.lower()
    for phrase, delta in _RELATIVE.items():
        i = low.find(phrase)
        if i >= 0 and pub is not None:
            out.append((i, ((pub + dt.timedelta(days=delta)).isoformat(), "day")))
    for m in re.finditer(r"\blast (month|year|week)\b", low):
        if pub is None or any(a <= m.start() < b for a, b in taken):
            continue
        if m.group(1) == "week":             # the week before: its month, no surer than that
            week = pub - dt.timedelta(days=7)
            out.append((m.start(), (f"{week.year:04d}-{week.month:02d}", "month")))
            continue
        if m.group(1) == "month":
            y, mo = (pub.year, pub.month - 1) if pub.month > 1 else (pub.year - 1, 12)
            out.append((m.start(), (f"{y:04d}-{mo:02d}", "month")))
        elif not any(a <= m.start() <= b + 20 for a, b in taken[:full]):
            out.append((m.start(), (f"{pub.year - 1:04d}", "year")))
    for m in _YEAR_RE.finditer(s):
        if not any(o <= m.start() <= o + 30 for o, _ in out):
            out.append((m.start(), (m.group(2) or m.group(4), "year")))
    if _CYR.search(s):
        out.extend(_ru_expressions(s, pub, earlier))
    return sorted(out, key=lambda x: x[0])


# ---- Russian and Ukrainian ("в понедельник", "20 февраля", "в октябре того же года") ----------
_CYR = re.compile(r"[а-яёіїє]", re.I)
_RU_MONTHS = {"янв": 1, "січ": 1, "фев": 2, "лют": 2, "мар": 3, "бер": 3, "апр": 4, "кві": 4,
              "май": 5, "мая": 5, "мае": 5, "тра": 5, "июн": 6, "чер": 6, "июл": 7, "лип": 7,
              "авг": 8, "сер": 8, "сен": 9, "вер": 9, "окт": 10, "жов": 10, "ноя": 11, "лис": 11,
              "дек": 12, "гру": 12}
_RU_MON = r"(?:январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр|" \
          r"січ|лют|берез|квіт|травн|червн|липн|серпн|верес|жовтн|листопад|грудн)\w*"
_RU_DATE = re.compile(r"(?<!\w)(?:(\d{1,2})\s+)?(" + _RU_MON + r")(?:\s+((?:19|20)\d\d)"
                      r"\s*(?:г\.|года|году|року|р\.)?|\s+(того же|прошлого|этого|минулого|"
                      r"цього) (?:года|року))?", re.I)
# a publication line's short month: "Экономика, 11 ноя 2025, 13:47"
_RU_MON_SHORT = r"(?:янв|фев|мар|апр|июн|июл|авг|сент?|окт|ноя|дек)\.?"
_RU_DMY = re.compile(r"(?<!\w)(\d{1,2})\s+(" + _RU_MON + "|" + _RU_MON_SHORT +
                     r")\s+((?:19|20)\d\d)(?!\d)", re.I)
_RU_WEEKDAYS = {"понедельник": 0, "вторник": 1, "среду": 2, "среда": 2, "четверг": 3,
                "пятницу": 4, "пятница": 4, "субботу": 5, "суббота": 5, "воскресенье": 6,
                "понеділок": 0, "вівторок": 1, "середу": 2, "четвер": 3, "п'ятницю": 4,
                "суботу": 5, "неділю": 6}
_RU_WEEKDAY = re.compile(r"(?<!\w)(?:в|во|у)\s+(?:(прошл\w+|минул\w+)\s+)?("
                         + "|".join(_RU_WEEKDAYS) + r")(?!\w)", re.I)
_RU_RELATIVE = {"вчера": -1, "вчора": -1, "сегодня": 0, "сьогодні": 0, "накануне": -1,
                "напередодні": -1}
_RU_YEAR = re.compile(r"(?<!\w)(?:в|у)\s+((?:19|20)\d\d)\s*(?:году|г\.|році|р\.)"
                     r"|(?<!\w)в (?:интервью|выступлении|письме|заявлении|докладе|решении|"
                     r"постановлении|посте)\s+(?:[а-яё«»\w-]+\s+){0,2}?((?:19|20)\d\d) (?:года|г\.)",
                     re.I)


def _ru_expressions(s: str, pub: dt.date | None, earlier: str
                    ) -> list[tuple[int, tuple[str | None, str]]]:
    out: list[tuple[int, tuple[str | None, str]]] = []
    for m in _RU_DATE.finditer(s):
        month = _RU_MONTHS.get(m.group(2).lower()[:3])
        if month is None:
            continue
        day = int(m.group(1)) if m.group(1) else None
        ref = (m.group(4) or "").lower()
        year = int(m.group(3)) if m.group(3) else None
        if year is None and ref.startswith(("того", "том")):
            years = [int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", earlier)]
            year = years[-1] if years else None
        elif year is None and ref.startswith(("прошл", "минул")) and pub:
            year = pub.year - 1
        found = _month_day(year, month, day, pub)
        if found:
            out.append((m.start(), found))
    if pub is not None:
        for m in _RU_WEEKDAY.finditer(s):
            back = (pub.weekday() - _RU_WEEKDAYS[m.group(2).lower()]) % 7
            if m.group(1) and back == 0:
                back = 7
            out.append((m.start(), ((pub - dt.timedelta(days=back)).isoformat(), "day")))
        low = s.lower()
        for word, delta in _RU_RELATIVE.items():
            for m in re.finditer(r"(?<!\w)" + word + r"(?!\w)", low):
                out.append((m.start(), ((pub + dt.timedelta(days=delta)).isoformat(), "day")))
        for m in re.finditer(r"(?<!\w)(?:в|у) (?:прошлом|минулому) (?:году|році)", low):
            out.append((m.start(), (f"{pub.year - 1:04d}", "year")))
        for m in re.finditer(r"(?<!\w)(?:в|у) (?:прошлом|минулому) (?:месяце|місяці)"
                             r"|(?<!\w)(?:на прошлой неделе|минулого тижня)", low):
            week = m.group().startswith(("на", "мин"))
            back = pub - dt.timedelta(days=7) if week else pub.replace(day=1) - dt.timedelta(days=1)
            out.append((m.start(), (f"{back.year:04d}-{back.month:02d}", "month")))
    for m in _RU_YEAR.finditer(s):
        if not any(o <= m.start() <= o + 30 for o, _ in out):
            out.append((m.start(), (m.group(1) or m.group(2), "year")))
    return out


def _month_day(year: int | None, month: int, day: int | None, pub: dt.date | None
               ) -> tuple[str, str] | None:
    """A month (and day) said without a year is the latest one not after publication."""
    if year is None and pub is not None:
        year = pub.year if (month, day or 1) <= (pub.month, pub.day) else pub.year - 1
    if year is None:
        return None
    if not day:
        return f"{year:04d}-{month:02d}", "month"
    d = _mk(year, month, day)
    return (d.isoformat(), "day") if d else None


def _year(txt: str, pub: dt.date | None, earlier: str) -> int | None:
    if txt.isdigit():
        return int(txt)
    if txt == "last year" and pub:
        return pub.year - 1
    if txt == "this year" and pub:
        return pub.year
    if txt == "that year":
        years = [int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", earlier)]
        years = [y for y in years if pub is None or y <= pub.year]
        if years:
            return years[-1]
    return None
