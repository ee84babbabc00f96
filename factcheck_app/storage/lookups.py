"""Small reads by id: does a record exist, which ids start so, what to call an id."""

from __future__ import annotations

from .records import TRACKED_TABLES
from .session import Session


def _table(table: str) -> str:
    # Table names go into the SQL text: only the workspace's own tables may.
    if table not in TRACKED_TABLES:
        raise ValueError(f"not a workspace table: {table!r}")
    return table


def ids_with_prefix(db: Session, table: str, prefix: str, limit: int = 2) -> list[str]:
    """Up to `limit` ids of the table that start with `prefix` (a range on the primary
    key, so it stays instant on a large workspace)."""
    return [row[0] for row in db.execute(
        f"SELECT id FROM {_table(table)} WHERE id >= ? AND id < ? ORDER BY id LIMIT ?",
        [prefix, prefix + "\uffff", limit])]


def exists(db: Session, table: str, record_id: str) -> bool:
    return db.execute(f"SELECT 1 FROM {_table(table)} WHERE id = ?",
                      [record_id]).fetchone() is not None


def ids_of_statement(db: Session, table: str, statement_id: str) -> list[str]:
    """The ids of a statement's links, verdicts or comments (rows with its statement_id)."""
    return [row[0] for row in db.execute(
        f"SELECT id FROM {_table(table)} WHERE statement_id = ?", [statement_id]).fetchall()]


def source_text(db: Session, source_id: str) -> str | None:
    """The source's full text ("" when it has none); None when there is no such source."""
    row = db.execute("SELECT full_text FROM sources WHERE id = ?", [source_id]).fetchone()
    return None if row is None else row[0] or ""


def names_of_ids(db: Session, ids: set[str]) -> dict[str, str]:
    """Display names for ids of speakers, sources and users (the history view names them)."""
    if not ids:
        return {}
    marks = ", ".join("?" * len(ids))
    values = list(ids) * 3
    return {row[0]: row[1] for row in db.execute(
        f"SELECT id, name FROM speakers WHERE id IN ({marks}) "
        f"UNION ALL SELECT id, title FROM sources WHERE id IN ({marks}) "
        f"UNION ALL SELECT id, display_name FROM users WHERE id IN ({marks})", values)}


def all_tags(db: Session) -> list[str]:
    return [row[0] for row in db.execute(
        "SELECT DISTINCT tag FROM statement_tags ORDER BY tag")]
