"""Evidence, its links to statements and its attachment records: the reads services need."""

from __future__ import annotations

from typing import Any

from . import text_search
from .session import Session
from .statement_queries import fts_query


def statements_citing(db: Session, evidence_id: str) -> list[str]:
    """The ids of the statements this evidence is linked to."""
    return [row[0] for row in db.execute(
        "SELECT statement_id FROM links WHERE evidence_id = ?", [evidence_id])]


def links_of_evidence(db: Session, evidence_id: str) -> list[dict[str, Any]]:
    """Each link of this evidence with its statement's id and review state (`link_id`,
    `id`, `review_state`): deleting or retracting evidence depends on them."""
    return list(db.query(
        "SELECT l.id AS link_id, s.id, s.review_state FROM links l "
        "JOIN statements s ON s.id = l.statement_id WHERE l.evidence_id = ?", [evidence_id]))


def link_between(db: Session, statement_id: str, evidence_id: str
                 ) -> tuple[str, str, str | None] | None:
    """The link (id, stance, note) of this evidence to this statement, if there is one."""
    row = db.execute("SELECT id, stance, note FROM links WHERE statement_id = ? "
                     "AND evidence_id = ?", [statement_id, evidence_id]).fetchone()
    return (row[0], row[1], row[2]) if row else None


def stances_of_links(db: Session, statement_id: str) -> frozenset[str]:
    """The stances the statement's evidence takes: Held and Broken need one."""
    return frozenset(row[0] for row in db.execute(
        "SELECT DISTINCT stance FROM links WHERE statement_id = ?", [statement_id]))


def attachment_ids_of(db: Session, evidence_id: str) -> list[str]:
    return [row[0] for row in db.execute(
        "SELECT id FROM attachments WHERE evidence_id = ?", [evidence_id]).fetchall()]


def attachments_of(db: Session, evidence_id: str) -> list[dict[str, Any]]:
    return list(db.query(
        "SELECT * FROM attachments WHERE evidence_id = ? ORDER BY created_at", [evidence_id]))


def statements_of_evidence(db: Session, evidence_id: str) -> list[dict[str, Any]]:
    """The statements it is linked to, with the link's stance and note and the quote."""
    return list(db.query(
        "SELECT l.stance, l.note, s.id, s.quote FROM links l "
        "JOIN statements s ON s.id = l.statement_id WHERE l.evidence_id = ?", [evidence_id]))


def evidence_list(db: Session, text: str = "") -> list[dict[str, Any]]:
    """Every piece of evidence (or those whose text matches `text`), newest first, with
    its source and how many links and files it has."""
    where, params = "", []
    query = fts_query(text) if text.strip() else ""
    if query:
        clause, params = text_search.matches(db, "evidence", "e", query)
        where = f"WHERE {clause}"
    return list(db.query(
        "SELECT e.*, so.title AS source_title, so.url AS source_url, "
        "so.outlet AS source_outlet, "
        "(SELECT count(*) FROM links l WHERE l.evidence_id = e.id) AS links, "
        "(SELECT count(*) FROM attachments a WHERE a.evidence_id = e.id) AS files "
        f"FROM evidence e LEFT JOIN sources so ON so.id = e.source_id {where} "
        "ORDER BY e.occurred_on DESC, e.created_at DESC", params))


def evidence_matching(db: Session, query: str, limit: int) -> list[dict[str, Any]]:
    """Evidence whose text matches an FTS query (already made by fts_query)."""
    clause, params = text_search.matches(db, "evidence", "e", query)
    return list(db.query(
        f"SELECT e.id, e.occurred_on, e.title, e.summary FROM evidence e WHERE {clause} "
        "LIMIT ?", [*params, limit]))
