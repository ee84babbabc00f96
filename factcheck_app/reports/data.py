"""Data files: JSON and CSV of statements with their assessment.

JSON, full data export: ``factcheck.statements/1``
    {"schema": "factcheck.statements/1", "workspace": str, "statements": [STATEMENT, ...]}

JSON, one report's data: ``factcheck.report/1``
    {"schema": "factcheck.report/1",
     "generated_at": ISO timestamp, "workspace": str,
     "organisation": {"name": str, "url": str},
     "report": {"kind": "dossier|speaker|period|due", "title": str, "subtitle": str,
                "include_drafts": bool, "left_out_unapproved": int,
                "scope": {label: value, ...}},
     "verdict_scale": [{"key", "label", "colour", "rating"}, ...],
     "statements": [STATEMENT, ...]}

STATEMENT (both schemas; keys are only ever added, never renamed or removed
within a schema version):
    id, quote, original_text, speaker (name or null), stated_on (YYYY, YYYY-MM or
    YYYY-MM-DD), stated_precision (year|month|day), kind, tags [str], expectation,
    check_by (YYYY-MM-DD or null), check_by_phrase, state
    (upcoming|due|overdue|resolved|no_date), verdict (scale key), verdict_label,
    verdict_rationale, verdict_confidence (0..1 or null), review_state
    (draft|in_review|changes_requested|approved|retracted), draft (bool: not approved),
    source {id, title, outlet, url, published_on} or null, source_start, source_end
    (character offsets of the quote in the source text), resolved_on (YYYY-MM-DD the
    current verdict was recorded, or null), approved_by, approved_at,
    evidence [{id, stance (supports|contradicts|context), note, occurred_on, title,
               summary, excerpt, url, source_url,
               attachments [{file_name, sha256, size, media_type, package_path}],
               retracted_at, retracted_reason (set when the evidence was withdrawn)}],
    verdict_history [{verdict, label, rationale, confidence, at, by}],
    retraction {at, by, reason} when the statement was retracted, else null,
    speaker_details {kind (person|body), title, affiliation, country} or null
    (the import gives a new speaker these)

CSV: UTF-8 (no BOM), CRLF line ends, one row per statement, columns CSV_COLUMNS
in this order. List values are joined with ", ". Any cell that starts with
= + - @ (or a tab or carriage return) is prefixed with an apostrophe so a
spreadsheet shows it as text instead of evaluating it as a formula.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from .model import Report, StatementView

STATEMENTS_SCHEMA = "factcheck.statements/1"
REPORT_SCHEMA = "factcheck.report/1"

CSV_COLUMNS = (
    "id", "quote", "speaker", "stated_on", "stated_precision", "kind", "tags", "expectation",
    "check_by", "check_by_phrase", "verdict", "verdict_rationale", "verdict_confidence",
    "review_state", "source_title", "source_url", "evidence_count", "approved_by", "approved_at",
)

# The keys every STATEMENT object carries (tests hold the schema to this list).
STATEMENT_KEYS = (
    "id", "quote", "original_text", "speaker", "stated_on", "stated_precision", "kind", "tags",
    "expectation", "check_by", "check_by_phrase", "state", "verdict", "verdict_label",
    "verdict_rationale", "verdict_confidence", "review_state", "draft", "source",
    "source_start", "source_end", "resolved_on", "approved_by", "approved_at", "evidence",
    "verdict_history", "retraction", "speaker_details",
)


def safe_cell(value: Any) -> str:
    """Neutralise spreadsheet formulas: a cell starting with = + - @ (or a tab/CR) is
    prefixed with an apostrophe so Excel/LibreOffice show it as text instead of running it."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = ", ".join(str(v) for v in value)
    text = str(value)
    if text and text[0] in "=+-@\t\r":
        return "'" + text
    return text


def statement_record(s: StatementView) -> dict[str, Any]:
    """One statement as the documented STATEMENT object."""
    record = {
        "id": s.id, "quote": s.quote, "original_text": s.original_text,
        "speaker": s.speaker.name if s.speaker else None,
        "stated_on": s.stated_on, "stated_precision": s.stated_precision,
        "kind": s.kind, "tags": list(s.tags), "expectation": s.expectation,
        "check_by": s.check_by, "check_by_phrase": s.check_by_phrase,
        "state": s.state, "verdict": s.verdict, "verdict_label": s.verdict_label,
        "verdict_rationale": s.rationale, "verdict_confidence": s.confidence,
        "review_state": s.review_state, "draft": s.draft,
        "source": dict(s.source_record) if s.source_record else None,
        "source_start": s.source_start, "source_end": s.source_end,
        "resolved_on": s.resolved_on,
        "approved_by": s.approved_by, "approved_at": s.approved_at,
        "evidence": [{
            "id": e.id, "stance": e.stance, "note": e.note, "occurred_on": e.occurred_on,
            "title": e.title, "summary": e.summary, "excerpt": e.excerpt, "url": e.url,
            "source_url": e.source_url,
            "attachments": [{"file_name": a.file_name, "sha256": a.sha256, "size": a.size,
                             "media_type": a.media_type, "package_path": a.package_path}
                            for a in e.attachments],
            "retracted_at": e.retracted_at, "retracted_reason": e.retracted_reason,
        } for e in s.evidence],
        "verdict_history": [{"verdict": h.verdict, "label": h.label, "rationale": h.rationale,
                             "confidence": h.confidence, "at": h.at, "by": h.by}
                            for h in s.history],
        "retraction": ({"at": s.retracted_at, "by": s.retracted_by,
                        "reason": s.retraction_reason} if s.retracted else None),
        "speaker_details": ({"kind": s.speaker.kind, "title": s.speaker.title,
                             "affiliation": s.speaker.affiliation, "country": s.speaker.country}
                            if s.speaker else None),
    }
    assert tuple(record) == STATEMENT_KEYS
    return record


def statements_json(statements: Iterable[StatementView], *, workspace: str) -> str:
    return json.dumps({"schema": STATEMENTS_SCHEMA, "workspace": workspace,
                       "statements": [statement_record(s) for s in statements]},
                      ensure_ascii=False, indent=2)


def report_json(report: Report, scale: Iterable[dict[str, Any]] = ()) -> str:
    return json.dumps({
        "schema": REPORT_SCHEMA,
        "generated_at": report.generated_at,
        "workspace": report.workspace_title,
        "organisation": {"name": report.organisation, "url": report.organisation_url},
        "report": {"kind": report.kind, "title": report.title, "subtitle": report.subtitle,
                   "include_drafts": report.include_drafts,
                   "left_out_unapproved": report.left_out,
                   "scope": dict(report.scope)},
        "verdict_scale": list(scale),
        "statements": [statement_record(s) for s in report.statements],
    }, ensure_ascii=False, indent=2)


def csv_row(s: StatementView) -> list[str]:
    values = {
        "id": s.id, "quote": s.quote, "speaker": s.speaker.name if s.speaker else None,
        "stated_on": s.stated_on, "stated_precision": s.stated_precision, "kind": s.kind,
        "tags": s.tags, "expectation": s.expectation, "check_by": s.check_by,
        "check_by_phrase": s.check_by_phrase, "verdict": s.verdict,
        "verdict_rationale": s.rationale, "verdict_confidence": s.confidence,
        "review_state": s.review_state,
        "source_title": (s.source_record or {}).get("title"),
        "source_url": (s.source_record or {}).get("url"),
        "evidence_count": len(s.evidence), "approved_by": s.approved_by,
        "approved_at": s.approved_at,
    }
    return [safe_cell(values[c]) for c in CSV_COLUMNS]


def statements_csv(statements: Iterable[StatementView]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for s in statements:
        writer.writerow(csv_row(s))
    return buffer.getvalue()
