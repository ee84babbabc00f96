"""Dates as analysts know them: to the day, the month or the year."""

from __future__ import annotations

from datetime import date

import pytest

from factcheck_app.domain.dates import DAY, MONTH, YEAR, FuzzyDate, parse_day, parse_fuzzy_date
from factcheck_app.domain.errors import InvalidInput


@pytest.mark.parametrize(("text", "value", "precision"), [
    ("2022", "2022", YEAR),
    ("  2022 ", "2022", YEAR),
    ("2022-02", "2022-02", MONTH),
    ("2022-2", "2022-02", MONTH),
    ("February 2022", "2022-02", MONTH),
    ("feb 2022", "2022-02", MONTH),
    ("Feb. 2022", "2022-02", MONTH),
    ("Sept 2022", "2022-09", MONTH),
    ("2022-02-18", "2022-02-18", DAY),
    ("2022-1-5", "2022-01-05", DAY),
    ("18 Feb 2022", "2022-02-18", DAY),
    ("February 18, 2022", "2022-02-18", DAY),
    ("18/02/2022", "2022-02-18", DAY),
    ("02/03/2022", "2022-03-02", DAY),  # day first, as outside the US
    ("2024-02-29", "2024-02-29", DAY),
])
def test_precision_and_stored_value(text: str, value: str, precision: str) -> None:
    assert parse_fuzzy_date(text) == FuzzyDate(value, precision)


@pytest.mark.parametrize(("value", "precision", "first", "label"), [
    ("2022", YEAR, date(2022, 1, 1), "2022"),
    ("2022-02", MONTH, date(2022, 2, 1), "February 2022"),
    ("2022-02-18", DAY, date(2022, 2, 18), "18 February 2022"),
])
def test_first_day_and_label(value: str, precision: str, first: date, label: str) -> None:
    fuzzy = FuzzyDate(value, precision)
    assert fuzzy.first_day == first
    assert fuzzy.label() == label


@pytest.mark.parametrize(("text", "message"), [
    ("", "a date is required"),
    ("   ", "a date is required"),
    (None, "a date is required"),
    ("2022-13", "not a real date: '2022-13'"),
    ("2022-00", "not a real date: '2022-00'"),
    ("2022-02-30", "not a real date: '2022-02-30'"),
    ("2023-02-29", "not a real date: '2023-02-29'"),
    ("0000", "not a real date: '0000'"),
    ("18 Feb", "the date '18 Feb' needs a year"),
    ("March", "the date 'March' needs a year"),
    ("tomorrow-ish", "not a date: 'tomorrow-ish' (use YYYY-MM-DD, YYYY-MM or YYYY)"),
    ("13/13/2022", "not a date: '13/13/2022' (use YYYY-MM-DD, YYYY-MM or YYYY)"),
    ("99999", "not a date: '99999' (use YYYY-MM-DD, YYYY-MM or YYYY)"),
    ("Febtober 2022", "not a date: 'Febtober 2022'"),
])
def test_bad_input_is_refused_with_a_message(text: str | None, message: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_fuzzy_date(text)  # type: ignore[arg-type]
    assert str(refused.value) == message


def test_every_accepted_date_has_a_first_day() -> None:
    """Whatever is accepted must also sort: first_day never fails on a parsed value."""
    for text in ("0001", "9999", "0001-01", "9999-12", "0001-01-01", "9999-12-31"):
        assert parse_fuzzy_date(text).first_day.year in (1, 9999)


def test_parse_day_wants_a_full_date_and_names_the_field() -> None:
    assert parse_day("2023-01-10") == date(2023, 1, 10)
    assert parse_day("10 January 2023") == date(2023, 1, 10)
    with pytest.raises(InvalidInput) as refused:
        parse_day("2023-01", what="--stated")
    assert str(refused.value) == "--stated must be a full date (YYYY-MM-DD), not '2023-01'"
    with pytest.raises(InvalidInput, match="check-by date must be a full date"):
        parse_day("2023", what="check-by date")
