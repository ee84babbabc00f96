"""Dates with a precision (day, month or year), as analysts know them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from dateutil import parser as date_parser

from .errors import InvalidInput

DAY, MONTH, YEAR = "day", "month", "year"
PRECISIONS = (DAY, MONTH, YEAR)

_YEAR_RE = re.compile(r"^\s*(\d{4})\s*$")
_YEAR_MONTH_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")
_ISO_DAY_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_MONTH_NAME_YEAR_RE = re.compile(r"^\s*([A-Za-z]{3,9})\.?,?\s+(\d{4})\s*$")
# dateutil fills missing parts from `default`; year 1 makes a missing year visible
# instead of silently turning '18 Feb' into this year's 18 February.
_NO_YEAR = datetime(1, 1, 1)


@dataclass(frozen=True)
class FuzzyDate:
    """A date known to a day, a month or a year; stored as YYYY-MM-DD / YYYY-MM / YYYY."""

    value: str
    precision: str

    @property
    def first_day(self) -> date:
        """The earliest day it can mean; what the table sorts and filters by."""
        parts = [int(p) for p in self.value.split("-")] + [1, 1]
        return date(parts[0], parts[1], parts[2])

    def label(self) -> str:
        day = self.first_day
        if self.precision == YEAR:
            return str(day.year)
        if self.precision == MONTH:
            return day.strftime("%B %Y")
        return f"{day.day} {day.strftime('%B %Y')}"


def parse_fuzzy_date(text: str) -> FuzzyDate:
    """Read '2022-02-18', '2022-02', '2022', 'February 2022' or '18 Feb 2022'."""
    text = (text or "").strip()
    if not text:
        raise InvalidInput("a date is required")
    if m := _YEAR_RE.match(text):
        _checked(int(m.group(1)), 1, 1, text)  # year 0000 has no first day
        return FuzzyDate(m.group(1), YEAR)
    if m := _YEAR_MONTH_RE.match(text):
        year, month = int(m.group(1)), int(m.group(2))
        _checked(year, month, 1, text)
        return FuzzyDate(f"{year:04d}-{month:02d}", MONTH)
    if m := _ISO_DAY_RE.match(text):
        day = _checked(int(m.group(1)), int(m.group(2)), int(m.group(3)), text)
        return FuzzyDate(day.isoformat(), DAY)
    if m := _MONTH_NAME_YEAR_RE.match(text):
        try:
            parsed = date_parser.parse(f"1 {m.group(1)} {m.group(2)}")
        except (ValueError, OverflowError):
            raise InvalidInput(f"not a date: {text!r}") from None
        return FuzzyDate(f"{parsed.year:04d}-{parsed.month:02d}", MONTH)
    try:
        parsed = date_parser.parse(text, dayfirst=True, default=_NO_YEAR)
    except (ValueError, OverflowError):
        raise InvalidInput(
            f"not a date: {text!r} (use YYYY-MM-DD, YYYY-MM or YYYY)"
        ) from None
    if parsed.year == 1:
        raise InvalidInput(f"the date {text!r} needs a year")
    return FuzzyDate(parsed.date().isoformat(), DAY)


def parse_day(text: str, *, what: str = "date") -> date:
    """Read a full calendar day; anything vaguer is refused with the field's name."""
    fuzzy = parse_fuzzy_date(text)
    if fuzzy.precision != DAY:
        raise InvalidInput(f"{what} must be a full date (YYYY-MM-DD), not {text!r}")
    return fuzzy.first_day


def _checked(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise InvalidInput(f"not a real date: {text!r}") from None


