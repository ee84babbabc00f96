"""Which statements an export covers: the request's filter, selection, speaker and dates,
and the same scope in words for the title page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ..domain.dates import DAY, MONTH, YEAR, parse_fuzzy_date
from ..domain.errors import InvalidInput
from ..domain.filters import StatementFilter
from ..domain.records import KIND_LABELS
from ..domain.workflow import STATE_LABELS as REVIEW_LABELS
from ..reports import model
from ..reports.model import long_date
from . import speakers
from .lookup import resolve_id
from .report_request import ExportRequest
from .report_views import level_label
from .workspace import Workspace


def date_bounds(request: ExportRequest) -> tuple[str | None, str | None]:
    """--from / --to as first and last day ('2022' runs to 31 December 2022)."""
    low = high = None
    if request.date_from:
        low = parse_fuzzy_date(request.date_from).first_day
    if request.date_to:
        fuzzy = parse_fuzzy_date(request.date_to)
        first = fuzzy.first_day
        if fuzzy.precision == YEAR:
            high = date(first.year, 12, 31)
        elif fuzzy.precision == MONTH:
            following = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
            high = following - timedelta(days=1)
        else:
            high = first
        assert fuzzy.precision in (DAY, MONTH, YEAR)
    if low and high and low > high:
        raise InvalidInput(f"the period's start {request.date_from} is after its end {request.date_to}")
    return (low.isoformat() if low else None, high.isoformat() if high else None)


@dataclass
class Scope:
    """A request's statements as a filter, with the lines that describe it on the title page."""

    filter: StatementFilter
    lines: list[tuple[str, str]]
    speaker: dict | None = None
    low: str | None = None  # first day of --from
    high: str | None = None  # last day of --to


def resolve_scope(ws: Workspace, request: ExportRequest) -> Scope:
    """The filter a request covers (before the report kind narrows it), and its description."""
    base = request.filter or StatementFilter()
    lines: list[tuple[str, str]] = []
    if request.filter is not None and request.filter.with_(sort="stated", descending=True) != \
            StatementFilter():
        lines.append(("Filter", describe_filter(ws, request.filter)))
    f = base.with_(sort="stated", descending=False)
    if request.statement_ids:
        ids = tuple(dict.fromkeys(resolve_id(ws, "statement", i) for i in request.statement_ids))
        f = f.with_(ids=ids)
    speaker = None
    if request.speaker and request.speaker.strip():
        speaker = speakers.speaker_by_name(ws, request.speaker.strip())
        f = f.with_(speaker_ids=(speaker["id"],))
        lines.append(("Speaker", speaker["name"]))
    low, high = date_bounds(request)
    if low or high:
        lines.append(("Period" if request.report != model.DUE else "Check-by dates",
                      period_label(low, high)))
        if request.report not in (model.PERIOD, model.DUE):
            f = f.with_(stated_from=low, stated_to=high)
    return Scope(f, lines, speaker, low, high)


def describe_filter(ws: Workspace, f: StatementFilter) -> str:
    """The window's filter in words, for the title page."""
    parts = []
    if f.text.strip():
        parts.append(f"search \u201c{f.text.strip()}\u201d")
    if f.verdicts:
        parts.append("verdict " + " or ".join(level_label(ws.scale, v, v) for v in f.verdicts))
    if f.review_states:
        parts.append("review " + " or ".join(REVIEW_LABELS.get(r, r).lower()
                                               for r in f.review_states))
    if f.kinds:
        parts.append("kind " + " or ".join(KIND_LABELS.get(k, k).lower() for k in f.kinds))
    if f.tags:
        parts.append("tagged " + ", ".join(f.tags))
    if f.speaker_ids:
        names = [speakers.find_speaker(ws, i) for i in f.speaker_ids]
        parts.append("said by " + " or ".join(n["name"] for n in names if n))
    if f.stated_from or f.stated_to:
        parts.append("said " + period_label(f.stated_from, f.stated_to))
    if f.check_by_from or f.check_by_to:
        parts.append("check-by " + period_label(f.check_by_from, f.check_by_to))
    if f.due:
        parts.append(f.due.replace("_", " "))
    if f.source_id:
        parts.append("from one source")
    if f.queue_for:
        parts.append("a review queue")
    if f.ids:
        parts.append(f"{len(f.ids)} chosen statements")
    return "; ".join(parts) or "all statements"


def period_label(low: str | None, high: str | None) -> str:
    if low and high:
        return f"{long_date(low)} \u2013 {long_date(high)}"
    if low:
        return f"from {long_date(low)}"
    if high:
        return f"until {long_date(high)}"
    return "all dates"
