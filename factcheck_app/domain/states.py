"""Derived, time-dependent states: upcoming, due, overdue; and track records."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

from .verdicts import PENDING

UPCOMING, DUE, OVERDUE, RESOLVED, NO_DATE = "upcoming", "due", "overdue", "resolved", "no_date"
STATE_LABELS = {
    UPCOMING: "Upcoming",
    DUE: "Due",
    OVERDUE: "Overdue",
    RESOLVED: "Rated",
    NO_DATE: "No check-by",
}
# A pending statement is "due" from its check-by date for this many days, then
# "overdue": long enough for evidence to arrive, short enough to nag.
GRACE_DAYS = 14


def overdue_cutoff(today: date) -> date:
    """Check-by dates before this day are overdue when still pending."""
    return today - timedelta(days=GRACE_DAYS)


def check_state(check_by: str | None, verdict: str | None, today: date) -> str:
    if verdict and verdict != PENDING:
        return RESOLVED
    if not check_by:
        return NO_DATE
    due = date.fromisoformat(check_by)
    if due > today:
        return UPCOMING
    if due < overdue_cutoff(today):
        return OVERDUE
    return DUE


def track_record(rows: Iterable[Mapping[str, Any]], today: date) -> dict[str, int]:
    """Count verdicts among statements whose check-by date has passed.

    Statements not yet checkable say nothing about the speaker, so they are left out.
    """
    counts: dict[str, int] = {}
    for row in rows:
        check_by = row.get("check_by")
        if not check_by or date.fromisoformat(check_by) >= today:
            continue
        verdict = row.get("verdict") or PENDING
        counts[verdict] = counts.get(verdict, 0) + 1
    return counts
