"""Resolve an official's deadline phrase ("by the end of June") to a check-by date."""

from __future__ import annotations

import calendar
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dateutil import parser as date_parser
from dateutil.easter import easter
from dateutil.relativedelta import TH, relativedelta

from . import deadline_words as W
from .deadline_words import MONTH_RX, QTY_RX, TRAIL_RX, UNIT_RX, WEEKDAY_RX, YEAR_REF_RX, alt

# Conventions (documented here because the spec leaves them open):
# * The check-by date is the LAST day of the named period; qualifiers such as early/mid/late,
#   start/beginning/end are ignored for that reason ("early March" -> 31 March).  The one
#   exception is mid-year ("mid-2024", "the middle of next year"), which means 30 June:
#   rounding the middle of a year to 31 December would be six months too generous.
# * "before X" is read as "by X": analysts type both for the same promise.
# * A month, day, season or holiday without a year is its next occurrence on or after the
#   statement date; "next <month/season/holiday>" is the first one starting after it.
# * "next Friday" is the Friday of next (Monday-Sunday) week; "by Friday"/"this Friday" is
#   the first Friday on or after the statement date; "Friday week" is a week after that.
# * "the next <unit>" / "the coming <unit>" is a span (statement date + 1 unit), while
#   "next <unit>" without the article is the next calendar period.
# * Winter N is December N to February N+1, so "this winter" said in January ends that February.
# * A range ("2-3 months", "a year or two") takes its upper bound; "1.5 months" is refused.

VAGUE = "vague: names no checkable date"
NOT_UNDERSTOOD = "not understood: names no date this resolver recognises; type an explicit date"


@dataclass(frozen=True)
class Deadline:
    """A resolved check-by date; ``due`` is None when the phrase gives nothing to check."""

    phrase: str
    due: date | None
    vague: bool
    explanation: str


def resolve_deadline(phrase: str, stated: date) -> Deadline:
    """Turn what the analyst typed into the last day the promise can still be kept."""
    if isinstance(stated, datetime):
        stated = stated.date()
    text = _normalise(phrase or "")
    if _CYRILLIC.search(text):
        text = _from_russian(text)
    if text in ("", "-", "n/a", "na", "none"):  # the analyst's ways of leaving it blank
        return Deadline(phrase, None, False, "no check-by date")
    # "this year, preferably in its first half": the stricter date is the one to check
    text = _PREFERABLY.sub(lambda m: f"{m['part']} of {m['period']}", text)
    while True:
        text = W.REWRITES.get(text, text)
        if text in W.VAGUE_PHRASES or _VAGUE_SPAN.fullmatch(text):
            return Deadline(phrase, None, True, VAGUE)
        stripped = _strip_fillers(text)
        if stripped == text:
            break
        text = stripped
    try:
        found = _resolve(text, stated, None)
    except (ValueError, OverflowError):  # year 0, "within 99999 years": off the calendar
        found = None
    if found is None:
        return Deadline(phrase, None, True, NOT_UNDERSTOOD)
    return Deadline(phrase, found[0], False, found[1])


# ---------------------------------------------------------------- normalising
_PREFIX = re.compile(rf"^(?:{alt(W.PREFIX_FILLERS)}) (?=\S)")
_SUFFIX = re.compile(rf"(?<=\S) (?:{alt(W.SUFFIX_FILLERS)})$")


def _normalise(phrase: str) -> str:
    """Lower-case and flatten punctuation so the grammar sees one spelling per phrase."""
    t = phrase.strip().lower().replace("a.s.a.p", "asap")
    t = t.translate({0x2019: "'", 0x2018: "'", 0x2013: "-", 0x2014: "-", 0xA0: " "})
    t = re.sub(r"(?<=[a-z])\.", " ", t)
    t = re.sub(r"(?<!\d)-|-(?!\d)|[,;:!?()\"\[\]]", " ", t).replace("&", " and ")
    t = re.sub(r"\s+", " ", t).strip(" .'")
    t = re.sub(r"\b(?:in|during|early in|over) (?:the )?new year$", "next year", t)
    # "by the first of June" is 1 June; "the last of June" its last day, the end of June
    t = re.sub(r"\bthe first of ([a-z]+)", r"1 \1", t)
    t = re.sub(r"\bthe last of ([a-z]+)", r"the end of \1", t)
    # "by Friday night": the day is the deadline, whatever hour of it
    t = re.sub(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow) "
               r"(?:night|morning|evening|afternoon|lunchtime)$", r"\1", t)
    return re.sub(r"(?:the )?\b(year|month|quarter) end(?: (\d{4}))?$",
                  lambda m: f"end of {m[2] or 'the ' + m[1]}", t)


_PREFERABLY = re.compile(r"^(?:by |in |during )?(?P<period>.+?) (?:preferably|ideally|if possible"
                         r"|or even) (?:in|by|during|within) its (?P<part>.+)$")
_CYRILLIC = re.compile(r"[а-яёіїєґ]")
_RU_PHRASES = [(re.compile(rf"\b(?:{rx})(?!\w)"), en) for rx, en in W.RU_PHRASES]
_RU_STEMS = [(re.compile(rx), en) for rx, en in W.RU_STEMS]


def _from_russian(t: str) -> str:
    """A Russian or Ukrainian phrase in the English words the grammar reads, word by word
    ("в течение трёх месяцев" -> "within three months"); unknown words pass through."""
    t = t.replace("ё", "е")
    for rx, en in _RU_PHRASES:
        t = rx.sub(en, t)
    words = []
    for word in t.split():
        words.append(next((en for rx, en in _RU_STEMS if rx.fullmatch(word)), word))
    out = re.sub(r"\s+", " ", " ".join(words)).strip()
    out = re.sub(r"\b(within|in) (day|week|month|year|quarter)$", r"\1 a \2", out)
    out = re.sub(r"^(?:by )?in ", "in ", out)
    return out


def _strip_fillers(t: str) -> str:
    """Drop one leading/trailing filler ('by', 'at the latest'); never empties the text."""
    return _SUFFIX.sub("", _PREFIX.sub("", t, count=1), count=1)


# ---------------------------------------------------------------- shared patterns
_DURATION = re.compile(
    rf"(?:the )?(?:(?:next|coming|following|first|upcoming) )?(?:{QTY_RX}) (?P<unit>{UNIT_RX})"
    rf"(?P<pl>s)?(?:'s|')?(?P<half2> and a half)?(?P<or2> or two)?{TRAIL_RX}"
    r"(?: (?:after|from|following|of) (?P<anchor>.+))?")
_NEXT_ONE = re.compile(rf"the (?:next|coming|upcoming) (?P<unit>{UNIT_RX}){TRAIL_RX}")
_VAGUE_SPAN = re.compile(
    r"(?:the )?(?:(?:next|coming|upcoming|following|past) )?(?:(?:a )?few |several |some |"
    r"many |a number of |a matter of |a handful of |numerous |various |a couple more )?"
    rf"(?:{UNIT_RX})s(?:'|'s)?(?: time| ahead| to come| or so)?")
_QUALIFIER = re.compile(
    r"(?:the )?(?:very )?(?P<q>early|earlier|mid|middle|late|later|start|beginning|end|close"
    r"|conclusion|(?:first|last|final|second|third|fourth) (?:days?|weeks?)|latter part"
    r"|early part|first part|last part|(?:first|second|latter|last) half)"
    r"(?: (?:stages?|part|days|weeks))?(?: (?:of|in))?(?: the)? (?P<rest>.+)")

Found = tuple[date, str]


def _fmt(d: date) -> str:
    return f"{d.day} {d:%b %Y}"


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _year_of(ref: str | None, stated: date) -> int | None:
    """Year named by a trailing reference such as 'of 2024', "'24" or 'next year'."""
    if not ref:
        return None
    ref = re.sub(r"^(?:(?:of|in) )?(?:the year )?", "", ref).lstrip("'")
    if ref.isdigit():
        return int(ref) + (2000 if len(ref) == 2 else 0)
    if "after next" in ref:
        return stated.year + 2
    return stated.year + (1 if ("next" in ref or "following" in ref) else 0)


def _number(text: str) -> float:
    """'24', '1.5', 'twenty four', 'a hundred' -> value. Two words under twenty in a row
    are a range, not a sum ("два-три года" reads "two three years"): the upper bound."""
    if text[0].isdigit():
        return float(text)
    total, last = 0, None
    for word in text.split():
        if word == "hundred":
            total, last = max(total, 1) * 100, None
            continue
        value = W.NUMBER_WORDS[word]
        if last is not None and last < 20 and value < 20:
            total, last = total - last + max(last, value), max(last, value)
        else:
            total, last = total + value, value
    return float(total)


# ---------------------------------------------------------------- rules
def _day_month(day: int, month: int, year: int | None, stated: date) -> Found | None:
    """A calendar day; without a year, its next occurrence on or after the statement."""
    try:
        if year is not None:
            return date(year, month, day), f"explicit date {_fmt(date(year, month, day))}"
    except ValueError:
        return None
    for y in range(stated.year, stated.year + 9):  # 29 Feb may be up to 8 years away
        try:
            d = date(y, month, day)
        except ValueError:
            continue
        if d >= stated:
            return d, f"{_fmt(d)} (next occurrence)"
    return None


_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_NUMERIC = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})|(\d{1,2})[/.](\d{1,2})")
_DAY_FIRST = re.compile(rf"(?:(?:{WEEKDAY_RX}) )?(?:the )?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?: of)?"
                        rf" (?P<m>{MONTH_RX})(?: (?P<yr>{YEAR_REF_RX}))?")
_MONTH_FIRST = re.compile(rf"(?:(?:{WEEKDAY_RX}) )?(?P<m>{MONTH_RX}) (?:the )?(?P<d>\d{{1,2}})"
                          rf"(?:st|nd|rd|th)?(?: (?P<yr>{YEAR_REF_RX}))?")


def _explicit(t: str, s: date) -> Found | None:
    """Dates typed out in full or as day and month ('30/06/2023', 'Feb 14th')."""
    if m := _ISO.fullmatch(t):
        return _day_month(int(m[3]), int(m[2]), int(m[1]), s)
    if m := _NUMERIC.fullmatch(t):
        d, mo = int(m[1] or m[4]), int(m[2] or m[5])
        if mo > 12 >= d:  # day-first is the house style; swap only when unambiguous
            d, mo = mo, d
        year = None if m[3] is None else int(m[3]) + (2000 if len(m[3]) == 2 else 0)
        return _day_month(d, mo, year, s)
    if m := _DAY_FIRST.fullmatch(t) or _MONTH_FIRST.fullmatch(t):
        return _day_month(int(m["d"]), W.MONTHS[m["m"]], _year_of(m["yr"], s), s)
    return None


def _relative_day(t: str, s: date) -> Found | None:
    shift = {"today": 0, "tomorrow": 1, "the day after tomorrow": 2, "yesterday": -1}.get(t)
    if shift is None:
        return None
    d = s + timedelta(days=shift)
    return d, f"{t} ({_fmt(d)})" if shift else f"the statement date ({_fmt(d)})"


_HOLIDAY = re.compile(rf"(?:(?P<mod>this coming|this|next|the|coming) )?(?P<h>"
                      rf"{alt([*W.HOLIDAYS, *W.MOVABLE_HOLIDAYS])})(?: (?P<yr>{YEAR_REF_RX}))?")


def _holiday_in(name: str, year: int) -> tuple[date, str]:
    if name in W.HOLIDAYS:
        month, day, label = W.HOLIDAYS[name]
        return date(year, month, day), label
    if name == "thanksgiving":
        return date(year, 11, 1) + relativedelta(weekday=TH(+4)), "Thanksgiving (US)"
    shift = {"good friday": -2, "easter monday": 1}.get(name, 0)
    return easter(year) + timedelta(days=shift), name.title()


def _holiday(t: str, s: date) -> Found | None:
    if not (m := _HOLIDAY.fullmatch(t)):
        return None
    name = m["h"]
    if (year := _year_of(m["yr"], s)) is not None:
        # "New Year 2025" is the turn into 2025, so its eve is 31 Dec 2024.
        if name in ("new year", "new years", "new year's") and m["yr"][-1].isdigit():
            year -= 1
        d, label = _holiday_in(name, year)
    else:
        year = s.year - 1
        while (d := _holiday_in(name, year)[0]) < s or (m["mod"] == "next" and d == s):
            year += 1
        label = _holiday_in(name, year)[1]
    return d, f"{label} {d.year}"


def _bdays(start: date, n: int) -> date:
    d = start
    while n > 0:
        d += timedelta(days=1)
        n -= d.weekday() < 5
    return d


def _duration(t: str, s: date, qual: str | None) -> Found | None:
    """'within 3 months', 'in a fortnight', 'six months after 1 March 2023' -> start + N."""
    m = _DURATION.fullmatch(t)
    one = None if (m or qual) else _NEXT_ONE.fullmatch(t)
    if not (m or one):
        return None
    anchor = s
    if m and m["anchor"] and m["anchor"] not in ("now", "today", "the statement", "statement"):
        if not (found := _resolve(m["anchor"], s, None)):
            return None  # "six months after taking office": the anchor is not a date
        anchor = found[0]
    if one:
        amount = 1.0
    elif m["num"]:
        amount = _number(m["hi"] or m["num"]) + 0.5 * bool(m["half1"] or m["half2"])
    else:
        amount = 2.0 if m["couple"] else 12.0 if m["dozen"] else 0.5 if m["halfa"] else 1.0
        amount += 0.5 * bool(m["half2"])
    if m and m["or2"]:  # "a year or two": a range, so its upper bound
        amount = max(amount, 2.0)
    kind, mult = W.UNITS[(m or one)["unit"]]
    amount *= mult
    if kind == "years" and amount != int(amount):
        kind, amount = "months", amount * 12
    if kind == "hours":
        kind, amount = "days", math.ceil(amount / 24)
    if kind == "weeks" and amount != int(amount):
        kind, amount = "days", math.ceil(amount * 7)
    if amount != int(amount):
        return None  # "1.5 months" has no exact calendar meaning; do not guess
    n = int(amount)
    due = _bdays(anchor, n) if kind == "bdays" else anchor + relativedelta(**{kind: n})
    label = "working day" if kind == "bdays" else kind[:-1]
    return due, f"{n} {label}{'s' if n != 1 else ''} after {_fmt(anchor)}"


_QUARTER = re.compile(
    rf"(?:the )?(?:(?P<ord>{alt(W.ORDINALS)}) quarter|q(?P<qn>[1-4])|(?P<qn2>[1-4])q)"
    rf"(?:(?: |-|)(?P<yr>{YEAR_REF_RX}|\d{{2}}))?|(?P<y>\d{{4}}) q(?P<qn3>[1-4])")
_HALF = re.compile(
    r"(?:the )?(?:(?P<ord>first|1st|front|second|2nd|latter|later|back|last|final)"
    rf" half(?: year)?|h(?P<hn>[12])|(?P<hn2>[12])h)(?:(?: |-|)(?P<yr>{YEAR_REF_RX}|\d{{2}}))?"
    r"|(?P<y>\d{4}) h(?P<hn3>[12])"
    rf"|(?:the )?(?P<six>first|last|final|second) (?:six|6) months (?P<yr6>{YEAR_REF_RX})")


def _part_of_year(t: str, s: date) -> Found | None:
    """Calendar quarters and halves; without a year, the next one not yet over."""
    if m := _QUARTER.fullmatch(t):
        n = int(m["qn"] or m["qn2"] or m["qn3"] or W.ORDINALS.get(m["ord"] or "", 0))
        size, label = 3, f"Q{n}"
    elif m := _HALF.fullmatch(t):
        first = (m["ord"] or m["six"] or "") in ("first", "1st", "front")
        n = int(m["hn"] or m["hn2"] or m["hn3"] or (1 if first else 2))
        size, label = 6, f"H{n}"
    else:
        return None
    year = int(m["y"]) if m["y"] else _year_of(m["yr"] or m.groupdict().get("yr6"), s)
    if year is None:
        year = s.year if _month_end(s.year, n * size) >= s else s.year + 1
    d = _month_end(year, n * size)
    return d, f"end of {label} {year}"


_SEASON = re.compile(rf"(?:(?P<mod>this coming|this|next|the|coming|the coming) )?"
                     r"(?P<s>spring|summer|autumn|fall|winter)(?:time| months)?"
                     rf"(?: (?P<yr>{YEAR_REF_RX}))?")


def _season(t: str, s: date) -> Found | None:
    """Meteorological northern seasons; winter N runs December N to February N+1."""
    if not (m := _SEASON.fullmatch(t)):
        return None
    first, last = W.SEASONS[m["s"]]

    def span(y: int) -> tuple[date, date]:
        return date(y, first, 1), _month_end(y + (last < first), last)

    year = _year_of(m["yr"], s)
    if year is None:
        year = s.year - 1
        while (span(year)[0] <= s) if m["mod"] == "next" else (span(year)[1] < s):
            year += 1
    d = span(year)[1]
    name = f"{m['s']} {year}/{(year + 1) % 100:02d}" if m["s"] == "winter" else f"{m['s']} {year}"
    return d, f"end of {name}"


_MONTH_RULE = re.compile(rf"(?:(?P<mod>this coming|this|next|coming|the month of) )?"
                         rf"(?P<m>{MONTH_RX})(?: (?P<yr>{YEAR_REF_RX}))?")


def _month(t: str, s: date) -> Found | None:
    if not (m := _MONTH_RULE.fullmatch(t)):
        return None
    month = W.MONTHS[m["m"]]
    year = _year_of(m["yr"], s)
    if year is None:
        later = month > s.month if m["mod"] == "next" else month >= s.month
        year = s.year if later else s.year + 1
    return _month_end(year, month), f"end of {calendar.month_name[month]} {year}"


_WEEKDAY = re.compile(
    rf"(?:(?P<mod>this coming|the coming|this|coming|next|the) )?(?P<wd>{WEEKDAY_RX}|weekend)"
    r"(?: (?P<suf>(?:of )?(?:next|this|the following) week|week))?"
    rf"|(?P<pre>next|this) week (?:on )?(?P<wd2>{WEEKDAY_RX})")


def _weekday(t: str, s: date) -> Found | None:
    """Weekdays in Monday-Sunday weeks; a weekend is checked on its Sunday."""
    if not (m := _WEEKDAY.fullmatch(t)):
        return None
    name = m["wd"] or m["wd2"]
    wd = 6 if name == "weekend" else W.WEEKDAYS[name]
    monday = s - timedelta(days=s.weekday())
    which = m["suf"] or m["pre"] or ""
    if m["mod"] == "next" or "next" in which or "following" in which:
        d = monday + timedelta(days=7 + wd)
    elif "this" in which or name == "weekend":
        d = monday + timedelta(days=wd)
    else:
        d = s + timedelta(days=(wd - s.weekday()) % 7 + (7 if which == "week" else 0))
    return d, f"{d:%A} {_fmt(d)}"


_PERIOD = re.compile(r"(?:(?P<mod>this|the|current|the current|this current|next|the following"
                     r"|following|the next) )?(?:calendar )?(?P<u>day|week|month|quarter|half"
                     r"|year|decade)(?P<after> after next)?")
_YEAR = re.compile(r"(?:the )?(?:year )?(?P<y>\d{4})|(?:the )?(?P<d>\d{3}0)'?s")


def _calendar_period(t: str, s: date, qual: str | None) -> Found | None:
    """'this week', 'next quarter', 'the year', '2025', 'the 2030s' -> the period's last day."""
    if m := _YEAR.fullmatch(t):
        if m["d"]:
            d = date(int(m["d"]) + 9, 12, 31)
            return d, f"end of the {m['d']}s"
        year = int(m["y"])
    elif m := _PERIOD.fullmatch(t):
        step = 2 if m["after"] else int((m["mod"] or "").endswith(("next", "following")))
        unit = m["u"]
        if unit == "year":
            year = s.year + step
        elif unit == "day":
            return s + timedelta(days=step), f"{_fmt(s + timedelta(days=step))}"
        elif unit == "week":
            d = s + timedelta(days=6 - s.weekday() + 7 * step)
            return d, f"end of the week (Sunday {_fmt(d)})"
        elif unit == "decade":
            d = date(s.year // 10 * 10 + 10 * step + 9, 12, 31)
            return d, f"end of the {d.year - 9}s"
        else:
            size = {"month": 1, "quarter": 3, "half": 6}[unit]
            first = s.replace(day=1) + relativedelta(months=size * step)
            last = (first.month - 1) // size * size + size
            d = _month_end(first.year, last)
            label = {1: calendar.month_name[last], 3: f"Q{last // 3}", 6: f"H{last // 6}"}[size]
            return d, f"end of {label} {d.year}"
    else:
        return None
    if qual in ("mid", "middle"):
        return date(year, 6, 30), f"middle of {year} (30 Jun)"
    return date(year, 12, 31), f"end of {year}"


_DAY_OF_MONTH = re.compile(r"(?:the )?(?P<d>\d{1,2})(?:st|nd|rd|th)"
                           r"(?: (?:of )?(?P<which>this|next|the) month)?")


def _day_of_month(t: str, s: date) -> Found | None:
    if not (m := _DAY_OF_MONTH.fullmatch(t)):
        return None
    first = s.replace(day=1) + relativedelta(months=int(m["which"] == "next"))
    for k in range(12):
        month = first + relativedelta(months=k)
        if int(m["d"]) <= calendar.monthrange(month.year, month.month)[1]:
            if (d := month.replace(day=int(m["d"]))) >= s:
                return d, f"{_fmt(d)} (next occurrence)"
    return None


def _parsed(t: str, s: date) -> Found | None:
    """Last resort for other explicit date spellings; a missing day or month is refused."""
    if not re.search(r"\d", t) or not re.search(rf"\b(?:{MONTH_RX})\b|\d[/.-]\d", t):
        return None
    try:
        a = date_parser.parse(t, dayfirst=True, default=datetime(2000, 1, 1))
        b = date_parser.parse(t, dayfirst=True, default=datetime(2004, 2, 2))
    except (ValueError, OverflowError, TypeError):
        return None
    if a.month != b.month or a.day != b.day:
        return None
    return _day_month(a.day, a.month, a.year if a.year == b.year else None, s)


_RULES: tuple[Callable[..., Found | None], ...] = (
    _explicit, _relative_day, _holiday, _part_of_year, _season, _month, _weekday,
    _day_of_month, _parsed,
)


def _resolve(t: str, s: date, qual: str | None) -> Found | None:
    """Try each grammar rule in turn; order matters only where spellings overlap."""
    if found := _duration(t, s, qual):
        return found
    for rule in _RULES:
        if found := rule(t, s):
            return found
    if found := _calendar_period(t, s, qual):
        return found
    m = None if qual else _QUALIFIER.fullmatch(t)
    if m and not _VAGUE_SPAN.fullmatch(m["rest"]):
        return _resolve(W.REWRITES.get(m["rest"], m["rest"]), s, m["q"])
    return None
