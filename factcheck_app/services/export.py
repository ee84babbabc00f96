"""Data exports (JSON, CSV) of statements with their assessment."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ..domain.filters import StatementFilter
from .queries import get_statement, statement_ids
from .workspace import Workspace

EXPORT_SCHEMA = "factcheck.statements/1"
CSV_COLUMNS = (
    "id", "quote", "speaker", "stated_on", "stated_precision", "kind", "tags", "expectation",
    "check_by", "check_by_phrase", "verdict", "verdict_rationale", "verdict_confidence",
    "review_state", "source_title", "source_url", "evidence_count", "approved_by", "approved_at",
)


def statement_records(ws: Workspace, f: StatementFilter | None = None) -> list[dict[str, Any]]:
    out = []
    for statement_id in statement_ids(ws, f or StatementFilter(sort="stated", descending=False)):
        s = get_statement(ws, statement_id)
        out.append({
            "id": s["id"], "quote": s["quote"], "original_text": s["original_text"],
            "speaker": s["speaker"]["name"] if s["speaker"] else None,
            "stated_on": s["stated_on"], "stated_precision": s["stated_precision"],
            "kind": s["kind"], "tags": s["tags"], "expectation": s["expectation"],
            "check_by": s["check_by"], "check_by_phrase": s["check_by_phrase"],
            "state": s["state"], "verdict": s["verdict"],
            "verdict_rationale": s["verdict_rationale"],
            "verdict_confidence": s["verdict_confidence"], "review_state": s["review_state"],
            "source": ({k: s["source"][k] for k in ("id", "title", "outlet", "url", "published_on")}
                       if s["source"] else None),
            "source_start": s["source_start"], "source_end": s["source_end"],
            "evidence": [{"id": e["id"], "stance": e["stance"], "note": e["note"],
                          "occurred_on": e["occurred_on"], "title": e["title"],
                          "summary": e["summary"], "source_url": e["source_url"]}
                         for e in s["evidence"]],
            "approved_by": s["approved_by_name"], "approved_at": s["approved_at"],
        })
    return out


def to_json(ws: Workspace, f: StatementFilter | None = None) -> str:
    return json.dumps({"schema": EXPORT_SCHEMA, "workspace": ws.setting("title"),
                       "statements": statement_records(ws, f)}, ensure_ascii=False, indent=2)


def safe_cell(value: Any) -> str:
    """Neutralise spreadsheet formulas: a cell starting with = + - @ (or a tab/CR) is
    prefixed with an apostrophe so Excel/LibreOffice show it as text instead of running it."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    text = str(value)
    if text and text[0] in "=+-@\t\r":
        return "'" + text
    return text


def to_csv(ws: Workspace, f: StatementFilter | None = None) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for r in statement_records(ws, f):
        row = {**r, "source_title": (r["source"] or {}).get("title"),
               "source_url": (r["source"] or {}).get("url"), "evidence_count": len(r["evidence"])}
        writer.writerow([safe_cell(row.get(c)) for c in CSV_COLUMNS])
    return buffer.getvalue()
