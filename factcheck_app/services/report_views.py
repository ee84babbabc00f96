"""Statements as the views a report prints (reports.model.StatementView), and the verdict
scale as reports show it. Read through the read services, never SQL."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..domain.errors import InvalidInput
from ..domain.filters import StatementFilter
from ..domain.records import KIND_LABELS, STANCE_LABELS
from ..domain.states import STATE_LABELS
from ..domain.verdicts import (
    PENDING,
    UNAPPROVED,
    UNAPPROVED_COLOUR,
    UNAPPROVED_LABEL,
    VerdictLevel,
    VerdictScale,
    outcome,
)
from ..domain.workflow import APPROVED, RETRACTED
from ..domain.workflow import STATE_LABELS as REVIEW_LABELS
from ..reports.model import (
    Attachment,
    Citation,
    EvidenceItem,
    Speaker,
    StatementView,
    VerdictStep,
    long_date,
)
from . import queries
from .report_request import ExportRequest, check_cancel, notify_progress
from .workspace import Workspace

STANCE_COLOURS = {"supports": "#2e7d32", "contradicts": "#c62828", "context": "#5c6bc0"}


def statement_views(ws: Workspace, f: StatementFilter, request: ExportRequest | None = None,
                    *, ids: list[str] | None = None) -> list[StatementView]:
    """Every statement matching `f` (or the given ids) with all a report prints about it."""
    wanted = ids if ids is not None else queries.statement_ids(ws, f)
    scale = ws.scale
    today = ws.today()
    out = []
    for n, row in enumerate(queries.dossiers(ws, wanted)):
        if n % 100 == 0:
            check_cancel(request)
            notify_progress(request, n, len(wanted), "reading statements")
        out.append(_view(row, scale, today))
    check_cancel(request)
    notify_progress(request, len(wanted), len(wanted), "reading statements")
    return out


def level_of(scale: VerdictScale, key: str | None) -> VerdictLevel:
    """The scale's level for a verdict; one the scale no longer lists is shown plainly."""
    try:
        return scale.level(key or PENDING)
    except InvalidInput:
        return VerdictLevel(key or PENDING, (key or PENDING).replace("_", " ").capitalize(),
                            "#6b7280", None, None)


def ordered_levels(scale: VerdictScale) -> list[VerdictLevel]:
    """The scale's levels for charts and tables: the verdicts first, pending last."""
    return [lv for lv in scale.levels if lv.key != PENDING] + \
        [lv for lv in scale.levels if lv.key == PENDING]


def outcome_levels(scale: VerdictScale, *, unapproved: bool) -> list[VerdictLevel]:
    """The buckets a verdict mix counts, in order: the approved verdicts, then (in a report
    with drafts) those rated but not yet approved, then pending."""
    levels = ordered_levels(scale)
    if unapproved:
        levels.insert(len(levels) - sum(lv.key == PENDING for lv in levels),
                      VerdictLevel(UNAPPROVED, UNAPPROVED_LABEL, UNAPPROVED_COLOUR, None, None))
    return levels


def outcome_of(view: StatementView) -> str:
    """The bucket a statement counts under in a mix: a draft verdict is not an outcome."""
    return outcome(view.verdict, not view.draft)


def level_label(scale: VerdictScale, key: str, fallback: str) -> str:
    try:
        return scale.level(key).label
    except InvalidInput:
        return fallback.capitalize()


def level_colour(scale: VerdictScale, key: str) -> str | None:
    try:
        return scale.level(key).colour
    except InvalidInput:
        return None


def _view(s: dict[str, Any], scale: VerdictScale, today: date) -> StatementView:
    level = level_of(scale, s["verdict"])
    sp = s["speaker"]
    speaker = Speaker(sp["id"], sp["name"], sp["kind"] or "person", sp["title"],
                      sp["affiliation"], sp["country"]) if sp else None
    so = s["source"]
    source = Citation(so["title"], so["outlet"], long_date(so["published_on"]), so["url"],
                      s["location"]) if so else Citation(location=s["location"])
    source_record = ({k: so[k] for k in ("id", "title", "outlet", "url", "published_on")}
                     if so else None)
    items = []
    for e in s["evidence"]:
        attachments = [Attachment(a["id"], a["file_name"] or "attachment", a["sha256"],
                                  a["size"] or 0, a["media_type"], a["open"])
                       for a in e["attachments"]]
        cite_url = e["url"] or e["source_url"]
        items.append(EvidenceItem(
            id=e["id"], stance=e["stance"], stance_label=STANCE_LABELS.get(e["stance"], e["stance"]),
            stance_colour=STANCE_COLOURS.get(e["stance"], "#6b7280"),
            occurred_on=e["occurred_on"], occurred_label=long_date(e["occurred_on"]),
            title=e["title"], summary=e["summary"] or "", excerpt=e["excerpt"], note=e["note"],
            url=e["url"], source_url=e["source_url"],
            citation=Citation(e["source_title"], e["source_outlet"], None, cite_url),
            attachments=attachments, retracted_at=e.get("retracted_at"),
            retracted_reason=e.get("retracted_reason")))
    history = []
    for v in s["verdicts"]:
        lv = level_of(scale, v["verdict"])
        history.append(VerdictStep(v["verdict"], lv.label, lv.colour, v["rationale"],
                                   v["confidence"], v["created_at"], v["user_name"]))
    resolved_on = None
    if s["verdict"] and s["verdict"] != PENDING:
        matching = [h for h in history if h.verdict == s["verdict"]]
        resolved_on = (matching[-1].at[:10] if matching
                       else (s["approved_at"] or s["updated_at"] or "")[:10] or None)
    retraction = s.get("retraction") or {}
    days_overdue = None
    if s["check_by"] and (not s["verdict"] or s["verdict"] == PENDING):
        days = (today - date.fromisoformat(s["check_by"])).days
        days_overdue = days if days >= 0 else None
    return StatementView(
        id=s["id"], quote=s["quote"], original_text=s["original_text"],
        original_language=s["original_language"], speaker=speaker,
        stated_on=s["stated_on"], stated_precision=s["stated_precision"],
        stated_label=long_date(s["stated_on"]), stated_sort=s["stated_sort"] or s["stated_on"],
        kind=s["kind"], kind_label=KIND_LABELS.get(s["kind"], s["kind"] or ""),
        tags=list(s["tags"]), expectation=s["expectation"], check_by=s["check_by"],
        check_by_label=long_date(s["check_by"]), check_by_phrase=s["check_by_phrase"],
        state=s["state"], state_label=STATE_LABELS.get(s["state"], s["state"]),
        days_overdue=days_overdue, verdict=s["verdict"] or PENDING, verdict_label=level.label,
        verdict_colour=level.colour, rating=level.rating, rationale=s["verdict_rationale"],
        confidence=s["verdict_confidence"], review_state=s["review_state"],
        review_label=REVIEW_LABELS.get(s["review_state"], s["review_state"]),
        draft=s["review_state"] != APPROVED, approved_by=s["approved_by_name"],
        approved_at=s["approved_at"], resolved_on=resolved_on, assignee=s["assignee_name"],
        source=source, source_record=source_record, source_start=s["source_start"],
        source_end=s["source_end"], evidence=items, history=history,
        retracted=s["review_state"] == RETRACTED, retracted_at=retraction.get("at"),
        retracted_by=retraction.get("by"), retraction_reason=retraction.get("reason"))
