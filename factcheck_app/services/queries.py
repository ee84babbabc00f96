"""Read-side use cases: lists, counts, one statement's whole dossier, search, dashboard."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

from ..domain.filters import StatementFilter
from ..domain.states import check_state, overdue_cutoff
from ..domain.verdicts import PENDING, UNAPPROVED
from ..domain.workflow import APPROVED, IN_REVIEW
from ..storage import (
    attachments,
    dossier_queries,
    evidence_rows,
    history,
    lookups,
    overview_queries,
    records,
    source_rows,
    statement_queries,
)
from ..storage.statement_queries import fts_query
from .workspace import Workspace


def count_statements(ws: Workspace, f: StatementFilter) -> int:
    return statement_queries.count(ws.store, f, ws.today())


def statement_page(ws: Workspace, f: StatementFilter, *, offset: int = 0, limit: int = 200) -> list[dict]:
    today = ws.today()
    rows = statement_queries.page(ws.store, f, today, offset=offset, limit=limit)
    for row in rows:
        row["state"] = check_state(row["check_by"], row["verdict"], today)
        row["tags"] = json.loads(row["tags"] or "[]")
    return rows


def list_statements(ws: Workspace, f: StatementFilter | None = None, *, limit: int | None = None) -> list[dict]:
    f = f or StatementFilter()
    total = count_statements(ws, f)
    return statement_page(ws, f, offset=0, limit=limit if limit is not None else total)


def statement_ids(ws: Workspace, f: StatementFilter) -> list[str]:
    return statement_queries.ids(ws.store, f, ws.today())


def get_statement(ws: Workspace, statement_id: str) -> dict[str, Any]:
    """Everything the detail pane and the dossier show about one statement."""
    db = ws.store
    row = records.get(db, "statements", statement_id)
    row["tags"] = json.loads(row["tags"] or "[]")
    row["state"] = check_state(row["check_by"], row["verdict"], ws.today())
    row["speaker"] = records.find(db, "speakers", row["speaker_id"]) if row["speaker_id"] else None
    row["source"] = records.find(db, "sources", row["source_id"]) if row["source_id"] else None
    if row["source"]:
        row["source"].pop("full_text", None)
    row["evidence"] = dossier_queries.evidence_of_statement(db, statement_id)
    row["verdicts"] = dossier_queries.verdicts_of_statement(db, statement_id)
    row["comments"] = dossier_queries.comments_of_statement(db, statement_id)
    row["history"] = record_history(ws, "statements", statement_id)
    names = {u.id: u.label for u in ws.users()}
    row["assignee_name"] = names.get(row["assignee_id"])
    row["last_editor_name"] = names.get(row["last_editor_id"])
    row["approved_by_name"] = names.get(row["approved_by"])
    row["created_by_name"] = names.get(row["created_by"])
    return row


def dossiers(ws: Workspace, ids: list[str]) -> Iterator[dict[str, Any]]:
    """What a report prints about each statement, in the order of `ids`, read a chunk at a
    time: the fields of get_statement without comments and history, and each evidence
    item's `attachments` with `open`, which opens the stored bytes to read."""
    today = ws.today()
    names = {u.id: u.label for u in ws.users()}
    for chunk in dossier_queries.chunks(ids):
        for row in dossier_queries.dossiers(ws.store, chunk):
            row["tags"] = json.loads(row["tags"] or "[]")
            row["state"] = check_state(row["check_by"], row["verdict"], today)
            for item in row["evidence"]:
                for a in item["attachments"]:
                    a["open"] = functools.partial(attachments.open_stored, ws.store, a["sha256"])
            for key, field in (("assignee_name", "assignee_id"),
                               ("approved_by_name", "approved_by")):
                row[key] = names.get(row[field])
            yield row


def made_or_resolved(ws: Workspace, f: StatementFilter, *, low: str | None,
                     high: str | None) -> tuple[list[str], set[str]]:
    """Statements matching `f` made in the period or whose current verdict was given in
    it, in date order; and which of them were made in it."""
    return statement_queries.made_or_resolved(ws.store, f, ws.today(), low=low, high=high)


def record_history(ws: Workspace, table: str, record_id: str, *,
                   limit: int | None = None) -> list[dict[str, Any]]:
    """One record's changes, oldest first, one row per changed field (or one for a
    delete): seq, at, user_id, user_name, action, reason, op, field, old, new.

    Rows of one change set share its seq. `limit` keeps the newest change sets.
    """
    rows = []
    for header, changes in history.record_change_sets(ws.store, table, record_id, limit=limit):
        base = {"seq": header.seq, "at": header.at, "user_id": header.user_id,
                "user_name": header.user_name}
        for change in changes:
            own = {**base, "action": change.action, "reason": change.reason, "op": change.op}
            pairs = list(change.pairs()) or [(None, None, None)]
            rows += [{**own, "field": name, "old": old, "new": new} for name, old, new in pairs]
    return rows


def search_all(ws: Workspace, text: str, *, limit: int = 50) -> dict[str, list[dict]]:
    """Full-text search across statements, evidence and sources."""
    query = fts_query(text)
    if not query:
        return {"statements": [], "evidence": [], "sources": []}
    statements = statement_page(ws, StatementFilter(text=text, sort="relevance"), limit=limit)
    evidence = evidence_rows.evidence_matching(ws.store, query, limit)
    sources = source_rows.sources_matching(ws.store, query, limit)
    return {"statements": statements, "evidence": evidence, "sources": sources}


def view_counts(ws: Workspace) -> dict[str, int]:
    """The numbers next to each sidebar view."""
    user_id = ws.user.id if ws.user else "-"
    db = ws.store
    today = ws.today()
    return {
        "all": overview_queries.row_count(db, "statements"),
        "due": statement_queries.count(db, StatementFilter(due="due_or_overdue"), today),
        "queue": statement_queries.count(db, StatementFilter(queue_for=user_id), today),
        "speakers": overview_queries.row_count(db, "speakers"),
        "sources": overview_queries.row_count(db, "sources"),
        "evidence": overview_queries.row_count(db, "evidence"),
    }


TRACK_RECORD_ROWS = 12  # speakers on the dashboard's chart


def track_records(ws: Workspace) -> dict[str, dict[str, int]]:
    """Per speaker id: their statements whose check-by date has passed, counted under the
    verdict when a second analyst approved it, under UNAPPROVED when the verdict awaits
    approval, and under 'pending' when unrated; 'checkable' is the total. One pass over
    an index (migration m003), however many statements."""
    out: dict[str, dict[str, int]] = {}
    for speaker_id, bucket, n in overview_queries.track_record_buckets(
            ws.store, today=ws.today().isoformat(), pending=PENDING, approved=APPROVED,
            unapproved=UNAPPROVED):
        record = out.setdefault(speaker_id, {"checkable": 0})
        record[bucket] = n
        record["checkable"] += n
    return out


def statement_counts_by_speaker(ws: Workspace) -> dict[str, int]:
    return overview_queries.statement_counts_by_speaker(ws.store)


def dashboard(ws: Workspace) -> dict[str, Any]:
    """Due this week, overdue, the verdict mix, and speakers' track records."""
    db = ws.store
    today = ws.today()
    sunday = (today + timedelta(days=6 - today.weekday())).isoformat()
    cutoff = overdue_cutoff(today).isoformat()
    due_week = overview_queries.pending_due_between(db, cutoff, sunday)
    overdue = overview_queries.pending_due_before(db, cutoff)
    in_review = overview_queries.count_in_state(db, IN_REVIEW)
    mix = statement_queries.verdict_mix(db)  # approved outcomes; the unapproved apart
    records = track_records(ws)
    names = overview_queries.speaker_names(db)
    ranked = sorted((sid for sid in records if sid in names),
                    key=lambda sid: (-records[sid]["checkable"], names[sid]))
    records_ = [{"id": sid, "name": names[sid], **records[sid]}
                for sid in ranked[:TRACK_RECORD_ROWS]]
    return {"due_this_week": due_week, "overdue": overdue, "in_review": in_review,
            "verdict_mix": mix, "track_records": records_, "today": today.isoformat()}


def all_tags(ws: Workspace) -> list[str]:
    return lookups.all_tags(ws.store)


def record_names(ws: Workspace, ids: set[str]) -> dict[str, str]:
    """Display names for ids of speakers, sources and users (for the history view)."""
    return lookups.names_of_ids(ws.store, ids)
