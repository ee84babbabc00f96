"""Check-by date resolver: phrase tables against hand-computed calendar dates."""

from __future__ import annotations

import ast
import dataclasses
from datetime import date, datetime
from pathlib import Path

import pytest

from factcheck_app.domain.deadlines import Deadline, resolve_deadline

JAN10 = date(2023, 1, 10)  # a Tuesday; the spec's worked examples use it

SPEC_EXAMPLES = [
    ("by the end of June", date(2023, 6, 30)),
    ("within 3 months", date(2023, 4, 10)),
    ("next week", date(2023, 1, 22)),
    ("this year", date(2023, 12, 31)),
    ("in the first half of the year", date(2023, 6, 30)),
    ("on 14 February", date(2023, 2, 14)),
]


@pytest.mark.parametrize(("phrase", "due"), SPEC_EXAMPLES)
def test_spec_examples(phrase: str, due: date) -> None:
    result = resolve_deadline(phrase, JAN10)
    assert result == Deadline(phrase, due, False, result.explanation)
    assert result.due == due and not result.vague


def test_spec_vague_example() -> None:
    result = resolve_deadline("in the coming months", JAN10)
    assert result == Deadline("in the coming months", None, True, "vague: names no checkable date")


# (phrase, statement date, expected check-by date)
RESOLVED = [
    # explicit dates, any common spelling; numeric ones are day-first
    ("2023-06-30", JAN10, date(2023, 6, 30)),
    ("30 June 2023", JAN10, date(2023, 6, 30)),
    ("June 30, 2023", JAN10, date(2023, 6, 30)),
    ("30/06/2023", JAN10, date(2023, 6, 30)),
    ("30.06.2023", JAN10, date(2023, 6, 30)),
    ("30-06-2023", JAN10, date(2023, 6, 30)),
    ("05/04/2023", JAN10, date(2023, 4, 5)),
    ("06/30/2023", JAN10, date(2023, 6, 30)),  # only month-first makes sense
    ("30/06/23", JAN10, date(2023, 6, 30)),
    ("2024/02/29", JAN10, date(2024, 2, 29)),
    ("Tuesday 14 February 2023", JAN10, date(2023, 2, 14)),
    ("January 13th, 2024", JAN10, date(2024, 1, 13)),
    ("no later than 30 June 2023.", JAN10, date(2023, 6, 30)),
    # day and month without a year: next occurrence on or after the statement
    ("by February 14", JAN10, date(2023, 2, 14)),
    ("14th of February", JAN10, date(2023, 2, 14)),
    ("Feb. 14", JAN10, date(2023, 2, 14)),
    ("on 14 February", date(2023, 2, 15), date(2024, 2, 14)),
    ("on 14 February", date(2023, 2, 14), date(2023, 2, 14)),
    ("1 January", date(2023, 12, 20), date(2024, 1, 1)),
    ("by 29 February", date(2023, 3, 1), date(2024, 2, 29)),
    ("by 29 February", date(2024, 3, 1), date(2028, 2, 29)),
    ("by the 1st of March", JAN10, date(2023, 3, 1)),
    ("12/31", JAN10, date(2023, 12, 31)),
    ("by the 15th", date(2023, 1, 20), date(2023, 2, 15)),
    ("the 31st", date(2023, 2, 10), date(2023, 3, 31)),
    # relative days
    ("today", JAN10, JAN10),
    ("tomorrow", date(2023, 12, 31), date(2024, 1, 1)),
    ("yesterday", JAN10, date(2023, 1, 9)),
    ("by the end of the day", JAN10, JAN10),
    ("the day after tomorrow", date(2024, 2, 28), date(2024, 3, 1)),
    # calendar weeks run Monday to Sunday
    ("this week", JAN10, date(2023, 1, 15)),
    ("by the end of the week", date(2023, 1, 15), date(2023, 1, 15)),
    ("next week", date(2023, 12, 28), date(2024, 1, 7)),
    ("end of next week", date(2023, 1, 16), date(2023, 1, 29)),
    ("the week after next", JAN10, date(2023, 1, 29)),
    ("by the weekend", date(2023, 1, 14), date(2023, 1, 15)),
    # months, quarters, years, decades as calendar periods
    ("this month", date(2024, 2, 10), date(2024, 2, 29)),
    ("by the end of the month", date(2023, 2, 1), date(2023, 2, 28)),
    ("by month-end", JAN10, date(2023, 1, 31)),
    ("next month", date(2023, 12, 5), date(2024, 1, 31)),
    ("later this month", JAN10, date(2023, 1, 31)),
    ("this quarter", date(2023, 5, 10), date(2023, 6, 30)),
    ("next quarter", date(2023, 11, 5), date(2024, 3, 31)),
    ("by the end of the quarter", date(2023, 8, 1), date(2023, 9, 30)),
    ("by year-end", JAN10, date(2023, 12, 31)),
    ("by the end of the year", date(2023, 12, 31), date(2023, 12, 31)),
    ("before the end of the year", JAN10, date(2023, 12, 31)),
    ("later this year", JAN10, date(2023, 12, 31)),
    ("within the year", JAN10, date(2023, 12, 31)),
    ("next year", JAN10, date(2024, 12, 31)),
    ("end of next year", date(2023, 12, 31), date(2024, 12, 31)),
    ("early next year", JAN10, date(2024, 12, 31)),
    ("sometime next year", JAN10, date(2024, 12, 31)),
    ("by mid-2024", JAN10, date(2024, 6, 30)),
    ("by the middle of next year", JAN10, date(2024, 6, 30)),
    ("by the end of the decade", JAN10, date(2029, 12, 31)),
    ("by the end of the decade", date(2030, 1, 1), date(2039, 12, 31)),
    ("this decade", JAN10, date(2029, 12, 31)),
    ("in 2025", JAN10, date(2025, 12, 31)),
    ("by 2025", JAN10, date(2025, 12, 31)),
    ("by the end of 2024", JAN10, date(2024, 12, 31)),
    ("by the year 2030", JAN10, date(2030, 12, 31)),
    ("end-2025", JAN10, date(2025, 12, 31)),
    ("late 2024", JAN10, date(2024, 12, 31)),
    # durations: statement date plus N (relativedelta clamps to month ends)
    ("within 10 days", JAN10, date(2023, 1, 20)),
    ("in two weeks", JAN10, date(2023, 1, 24)),
    ("within twenty years", JAN10, date(2043, 1, 10)),
    ("in a decade", JAN10, date(2033, 1, 10)),
    ("within two decades", JAN10, date(2043, 1, 10)),
    ("within a year", JAN10, date(2024, 1, 10)),
    ("within a year", date(2024, 2, 29), date(2025, 2, 28)),
    ("in 5 years", date(2024, 2, 29), date(2029, 2, 28)),
    ("within 3 months", date(2023, 11, 30), date(2024, 2, 29)),
    ("in a month", date(2023, 1, 31), date(2023, 2, 28)),
    ("one month from today", date(2024, 1, 31), date(2024, 2, 29)),
    ("in a couple of months", JAN10, date(2023, 3, 10)),
    ("a couple of weeks", date(2023, 12, 25), date(2024, 1, 8)),
    ("half a year", JAN10, date(2023, 7, 10)),
    ("within a six-month period", JAN10, date(2023, 7, 10)),
    ("a 90-day window", JAN10, date(2023, 4, 10)),
    ("within a fortnight", date(2023, 12, 25), date(2024, 1, 8)),
    ("over the next 18 months", JAN10, date(2024, 7, 10)),
    ("over the next twelve months", JAN10, date(2024, 1, 10)),
    ("3 months from now", JAN10, date(2023, 4, 10)),
    ("three months after", JAN10, date(2023, 4, 10)),
    ("in six months' time", JAN10, date(2023, 7, 10)),
    ("in a year's time", JAN10, date(2024, 1, 10)),
    ("in the next two years", JAN10, date(2025, 1, 10)),
    ("within the next year", JAN10, date(2024, 1, 10)),
    ("within the next 30 days", date(2023, 12, 15), date(2024, 1, 14)),
    ("twenty-four months", JAN10, date(2025, 1, 10)),
    ("a year and a half", JAN10, date(2024, 7, 10)),
    ("within 48 hours", JAN10, date(2023, 1, 12)),
    ("within 10 working days", JAN10, date(2023, 1, 24)),
    ("within 2-3 months", JAN10, date(2023, 4, 10)),
    ("in three-four weeks", JAN10, date(2023, 2, 7)),  # a range in words: its upper bound
    ("3 months after 1 March 2023", JAN10, date(2023, 6, 1)),
    ("six months after Christmas", JAN10, date(2024, 6, 25)),
    # named months with or without a year
    ("by March", JAN10, date(2023, 3, 31)),
    ("by March", date(2023, 3, 31), date(2023, 3, 31)),
    ("by March", date(2023, 4, 1), date(2024, 3, 31)),
    ("in March 2024", JAN10, date(2024, 3, 31)),
    ("by the end of March", JAN10, date(2023, 3, 31)),
    ("early March", JAN10, date(2023, 3, 31)),
    ("mid-March", JAN10, date(2023, 3, 31)),
    ("late March", JAN10, date(2023, 3, 31)),
    ("by February", date(2024, 1, 10), date(2024, 2, 29)),
    ("by January", date(2023, 12, 10), date(2024, 1, 31)),
    ("in March of next year", JAN10, date(2024, 3, 31)),
    ("next March", date(2023, 3, 5), date(2024, 3, 31)),
    ("Sept 2024", JAN10, date(2024, 9, 30)),
    # calendar halves and quarters
    ("the second half of the year", JAN10, date(2023, 12, 31)),
    ("first half of 2024", JAN10, date(2024, 6, 30)),
    ("H1 2024", JAN10, date(2024, 6, 30)),
    ("H2", JAN10, date(2023, 12, 31)),
    ("in the first half of next year", JAN10, date(2024, 6, 30)),
    ("the first half", date(2023, 7, 1), date(2024, 6, 30)),
    ("Q1", JAN10, date(2023, 3, 31)),
    ("Q1", date(2023, 5, 1), date(2024, 3, 31)),
    ("Q3 2024", JAN10, date(2024, 9, 30)),
    ("by Q2", JAN10, date(2023, 6, 30)),
    ("the fourth quarter", JAN10, date(2023, 12, 31)),
    ("the first quarter of 2024", JAN10, date(2024, 3, 31)),
    ("by the end of Q1 next year", JAN10, date(2024, 3, 31)),
    ("in the third quarter", JAN10, date(2023, 9, 30)),
    # meteorological northern seasons
    ("this spring", JAN10, date(2023, 5, 31)),
    ("this summer", JAN10, date(2023, 8, 31)),
    ("this autumn", JAN10, date(2023, 11, 30)),
    ("this fall", JAN10, date(2023, 11, 30)),
    ("this winter", JAN10, date(2023, 2, 28)),
    ("this winter", date(2023, 12, 5), date(2024, 2, 29)),
    ("next winter", JAN10, date(2024, 2, 29)),
    ("by summer", JAN10, date(2023, 8, 31)),
    ("by summer", date(2023, 9, 1), date(2024, 8, 31)),
    ("next summer", date(2023, 7, 5), date(2024, 8, 31)),
    ("in the spring of 2025", JAN10, date(2025, 5, 31)),
    ("by late summer", JAN10, date(2023, 8, 31)),
    # weekdays
    ("by Friday", JAN10, date(2023, 1, 13)),
    ("by Friday", date(2023, 1, 13), date(2023, 1, 13)),
    ("by Friday", date(2023, 1, 14), date(2023, 1, 20)),
    ("next Friday", JAN10, date(2023, 1, 20)),
    ("next Monday", date(2023, 1, 15), date(2023, 1, 16)),
    ("Friday next week", JAN10, date(2023, 1, 20)),
    ("on Monday", date(2023, 12, 29), date(2024, 1, 1)),
    ("this coming Friday", JAN10, date(2023, 1, 13)),
    # holidays
    ("by Christmas", JAN10, date(2023, 12, 25)),
    ("by Christmas", date(2023, 12, 26), date(2024, 12, 25)),
    ("by New Year", JAN10, date(2023, 12, 31)),
    ("before Christmas 2024", JAN10, date(2024, 12, 25)),
    ("by Easter", JAN10, date(2023, 4, 9)),
    ("by Easter", date(2023, 4, 10), date(2024, 3, 31)),
    # spans anchored elsewhere, ranges, and the mid-year exception
    ("two weeks from Monday", JAN10, date(2023, 1, 30)),
    ("3 months after the end of March", JAN10, date(2023, 6, 30)),
    ("in a day or two", JAN10, date(2023, 1, 12)),
    ("within one to two years", JAN10, date(2025, 1, 10)),
    ("mid-year", date(2023, 9, 1), date(2023, 6, 30)),
    ("Friday week", JAN10, date(2023, 1, 20)),
    ("over the summer months", JAN10, date(2023, 8, 31)),
    ("by the end of the next decade", JAN10, date(2039, 12, 31)),
    ("within the next decade", JAN10, date(2033, 1, 10)),
    ("in the new year", JAN10, date(2024, 12, 31)),
    ("by new year's day", JAN10, date(2024, 1, 1)),
    ("this time next year", date(2024, 2, 29), date(2025, 2, 28)),
    # case, punctuation and filler words
    ("BY THE END OF JUNE", date(2023, 7, 10), date(2024, 6, 30)),
    ("Preferably by Friday!", JAN10, date(2023, 1, 13)),
    ("until next week", JAN10, date(2023, 1, 22)),
    ("by the end of next week at the latest", JAN10, date(2023, 1, 22)),
    ("no later than the end of Q3 2024", JAN10, date(2024, 9, 30)),
    ("Within the next 12 months.", JAN10, date(2024, 1, 10)),
    ("  by   March  ", JAN10, date(2023, 3, 31)),
]


@pytest.mark.parametrize(("phrase", "stated", "due"), RESOLVED)
def test_resolves_to_last_day_of_named_period(phrase: str, stated: date, due: date) -> None:
    result = resolve_deadline(phrase, stated)
    assert (result.due, result.vague) == (due, False), result.explanation
    assert result.phrase == phrase
    assert result.explanation


VAGUE = [
    "soon", "Shortly.", "in the coming months", "in the coming weeks", "over the coming years",
    "in the near future", "eventually", "in due course", "as soon as possible", "ASAP",
    "at some point", "someday", "in a few months", "a few weeks", "before long", "one day",
    "within weeks", "in the months ahead", "over the next few years", "in several weeks",
    "within a matter of days", "in the long term", "sooner or later", "in the years to come",
]


@pytest.mark.parametrize("phrase", VAGUE)
def test_vague_phrases_name_no_date(phrase: str) -> None:
    assert resolve_deadline(phrase, JAN10) == Deadline(
        phrase, None, True, "vague: names no checkable date")


NOT_UNDERSTOOD = [
    "blah blah", "when pigs fly", "by the next election", "within six months of taking office",
    "by 31 February 2023", "end of the financial year", "within 1.5 months",
]


@pytest.mark.parametrize("phrase", NOT_UNDERSTOOD)
def test_unrecognised_text_is_never_guessed(phrase: str) -> None:
    result = resolve_deadline(phrase, JAN10)
    assert (result.due, result.vague) == (None, True)
    assert result.explanation.startswith("not understood")


@pytest.mark.parametrize("phrase", ["", "   ", None])
def test_empty_input_has_no_check_by_date(phrase: str | None) -> None:
    assert resolve_deadline(phrase, JAN10) == Deadline(phrase, None, False, "no check-by date")


@pytest.mark.parametrize(("phrase", "explanation"), [
    ("by the end of June", "end of June 2023"),
    ("within 3 months", "3 months after 10 Jan 2023"),
    ("next week", "end of the week (Sunday 22 Jan 2023)"),
    ("Q3 2024", "end of Q3 2024"),
    ("this winter", "end of winter 2022/23"),
    ("by Christmas", "Christmas Day 2023"),
    ("by Friday", "Friday 13 Jan 2023"),
    ("in 2025", "end of 2025"),
])
def test_explanations_are_short_human_text(phrase: str, explanation: str) -> None:
    assert resolve_deadline(phrase, JAN10).explanation == explanation


def test_year_less_date_uses_statement_year_not_todays() -> None:
    assert resolve_deadline("14 February", date(2001, 3, 1)).due == date(2002, 2, 14)
    assert resolve_deadline("March 3", date(1999, 1, 1)).due == date(1999, 3, 3)


def test_datetime_statement_is_treated_as_its_date() -> None:
    assert resolve_deadline("tomorrow", datetime(2023, 1, 10, 23, 59)).due == date(2023, 1, 11)


def test_deadline_is_frozen() -> None:
    result = resolve_deadline("today", JAN10)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.due = None  # type: ignore[misc]


def test_module_imports_no_qt_and_no_sql() -> None:
    domain = Path(__file__).parents[2] / "factcheck_app" / "domain"
    for name in ("deadlines.py", "deadline_words.py"):
        tree = ast.parse((domain / name).read_text(encoding="utf-8"))
        imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                    for alias in node.names}
        imported |= {node.module or "" for node in ast.walk(tree)
                     if isinstance(node, ast.ImportFrom)}
        assert not {m for m in imported if m.startswith(("PySide", "PyQt", "sqlite", "sql"))}


@pytest.mark.parametrize("phrase, due", [
    ("до конца года", date(2023, 12, 31)),
    ("до конца текущего года", date(2023, 12, 31)),
    ("до конца недели", date(2023, 1, 15)),
    ("до конца 2024 года", date(2024, 12, 31)),
    ("в первом полугодии", date(2023, 6, 30)),
    ("в первом квартале 2024 года", date(2024, 3, 31)),
    ("в течение трёх месяцев", date(2023, 4, 10)),
    ("в ближайшие два-три года", date(2026, 1, 10)),  # a range, not two plus three
    ("в течение двух-трёх месяцев", date(2023, 4, 10)),
    ("в течение года", date(2024, 1, 10)),
    ("через полгода", date(2023, 7, 10)),
    ("до 1 марта 2024 года", date(2024, 3, 1)),
    ("к 2030 году", date(2030, 12, 31)),
    ("в середине года", date(2023, 6, 30)),
    ("к лету", date(2023, 8, 31)),
    ("до Нового года", date(2023, 12, 31)),
    ("до кінця року", date(2023, 12, 31)),
    ("протягом трьох місяців", date(2023, 4, 10)),
])
def test_russian_and_ukrainian_phrases(phrase: str, due: date) -> None:
    result = resolve_deadline(phrase, JAN10)
    assert (result.due, result.vague) == (due, False), result.explanation


@pytest.mark.parametrize("phrase", ["в ближайшие месяцы", "в ближайшее время", "скоро",
                                    "в течение нескольких месяцев", "в ближайшие годы",
                                    "в ближайшие недели", "в ближайшие дни"])
def test_russian_vague_phrases(phrase: str) -> None:
    result = resolve_deadline(phrase, JAN10)
    assert result.due is None and result.explanation.startswith("vague")


def test_a_preferred_part_of_a_period_is_the_date_to_check() -> None:
    result = resolve_deadline("this year, preferably in its first half", JAN10)
    assert result.due == date(2023, 6, 30)
