"""Many statements' dossiers at once, for reports: a few queries per chunk of ids, not
several per statement, and only what a report prints (no comments, no history, no
source text)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sqlite_utils import Database

from ..domain.workflow import RETRACTED, RETRACTION_PREFIX

# Ids per IN (...) list: well under SQLite's variable limit, large enough to be few queries.
CHUNK = 500

_SOURCE_COLUMNS = ("id, title, outlet, url, published_on, language, kind, file_sha256, "
                   "file_name")


def chunks(ids: list[str], size: int = CHUNK) -> Iterator[list[str]]:
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def _marks(values: Iterable[Any]) -> str:
    return ", ".join("?" for _ in values)


def _by_id(db: Database, sql: str, ids: list[str]) -> dict[str, dict[str, Any]]:
    if not ids:
        return {}
    return {row["id"]: row for row in db.query(sql.format(marks=_marks(ids)), ids)}


def _grouped(rows: Iterable[dict[str, Any]], key: str) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        out.setdefault(row[key], []).append(row)
    return out


def dossiers(db: Database, ids: list[str]) -> list[dict[str, Any]]:
    """The statements with these ids (at most CHUNK), in that order, each with its
    `speaker`, `source`, `evidence` (link, stance and `attachments`), `verdicts` and
    `retraction` ({at, by, reason} when retracted, else None)."""
    if not ids:
        return []
    rows = _by_id(db, "SELECT * FROM statements WHERE id IN ({marks})", ids)
    speaker_ids = sorted({r["speaker_id"] for r in rows.values() if r["speaker_id"]})
    source_ids = sorted({r["source_id"] for r in rows.values() if r["source_id"]})
    speakers = _by_id(db, "SELECT * FROM speakers WHERE id IN ({marks})", speaker_ids)
    sources = _by_id(db, f"SELECT {_SOURCE_COLUMNS} FROM sources WHERE id IN ({{marks}})",
                     source_ids)
    marks = _marks(ids)
    evidence = _grouped(db.query(
        f"""SELECT l.statement_id AS linked_statement, l.id AS link_id, l.stance, l.note, e.*,
                   so.title AS source_title, so.url AS source_url, so.outlet AS source_outlet,
                   (SELECT count(*) FROM attachments a WHERE a.evidence_id = e.id) AS files
            FROM links l JOIN evidence e ON e.id = l.evidence_id
            LEFT JOIN sources so ON so.id = e.source_id
            WHERE l.statement_id IN ({marks})
            ORDER BY l.statement_id, e.occurred_on, e.created_at""", ids), "linked_statement")
    with_files = sorted({e["id"] for items in evidence.values() for e in items if e["files"]})
    files = _grouped(db.query(
        f"SELECT * FROM attachments WHERE evidence_id IN ({_marks(with_files)}) "
        "ORDER BY evidence_id, created_at", with_files), "evidence_id") if with_files else {}
    verdicts = _grouped(db.query(
        f"""SELECT v.*, u.display_name AS user_name FROM verdicts v
            LEFT JOIN users u ON u.id = v.created_by
            WHERE v.statement_id IN ({marks}) ORDER BY v.statement_id, v.created_at""", ids),
        "statement_id")
    retractions = _retractions(db, [r["id"] for r in rows.values()
                                    if r["review_state"] == RETRACTED])
    out = []
    for statement_id in ids:
        row = rows.get(statement_id)
        if row is None:
            continue
        row["speaker"] = speakers.get(row["speaker_id"]) if row["speaker_id"] else None
        row["source"] = sources.get(row["source_id"]) if row["source_id"] else None
        row["evidence"] = items = evidence.get(statement_id, [])
        for item in items:
            del item["linked_statement"]
            item["attachments"] = files.get(item["id"], []) if item["files"] else []
        row["verdicts"] = verdicts.get(statement_id, [])
        row["retraction"] = retractions.get(statement_id)
        out.append(row)
    return out


def _retractions(db: Database, ids: list[str]) -> dict[str, dict[str, Any]]:
    """For retracted statements: when, by whom and why, from the review-thread entry the
    retraction wrote (services.review.act: "Retracted: <reason>"); the newest one wins."""
    if not ids:
        return {}
    out: dict[str, dict[str, Any]] = {}
    for row in db.query(
            f"""SELECT c.statement_id, c.body, c.created_at, u.display_name AS user_name
                FROM comments c LEFT JOIN users u ON u.id = c.user_id
                WHERE c.statement_id IN ({_marks(ids)}) AND c.body LIKE ?
                ORDER BY c.statement_id, c.created_at""", [*ids, RETRACTION_PREFIX + "%"]):
        out[row["statement_id"]] = {"at": row["created_at"], "by": row["user_name"],
                                    "reason": row["body"][len(RETRACTION_PREFIX):].strip()}
    return out


# -- one statement, for the detail pane ------------------------------------------------
def evidence_of_statement(db: Database, statement_id: str) -> list[dict[str, Any]]:
    """The statement's linked evidence (link id, stance, note, the evidence, its source
    and how many files it has), oldest first."""
    return list(db.query(
        """SELECT l.id AS link_id, l.stance, l.note, e.*, so.title AS source_title,
                  so.url AS source_url, so.outlet AS source_outlet,
                  (SELECT count(*) FROM attachments a WHERE a.evidence_id = e.id) AS files
           FROM links l JOIN evidence e ON e.id = l.evidence_id
           LEFT JOIN sources so ON so.id = e.source_id
           WHERE l.statement_id = ? ORDER BY e.occurred_on, e.created_at""", [statement_id]))


def verdicts_of_statement(db: Database, statement_id: str) -> list[dict[str, Any]]:
    """Every verdict given, oldest first, with the display name of who gave it."""
    return list(db.query(
        """SELECT v.*, u.display_name AS user_name FROM verdicts v
           LEFT JOIN users u ON u.id = v.created_by
           WHERE v.statement_id = ? ORDER BY v.created_at""", [statement_id]))


def comments_of_statement(db: Database, statement_id: str) -> list[dict[str, Any]]:
    """The review thread, oldest first, with each author's display name."""
    return list(db.query(
        """SELECT c.*, u.display_name AS user_name FROM comments c
           LEFT JOIN users u ON u.id = c.user_id
           WHERE c.statement_id = ? ORDER BY c.created_at""", [statement_id]))
